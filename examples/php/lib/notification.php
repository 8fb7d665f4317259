<?php
// LTGS's status document (the callback notification's shape), read strictly. Mirrors the core's
// parseCallbackNotification (core/include/ltgs/callback_notification.hpp) and its JSON reader: one JSON
// object of at most 64 KiB, no key twice (parsers disagree on which one wins), nesting at most 32 deep;
// Sale_Reference_ID and Payment_Status required, every member of the right type and shape, and a PAID
// notification must carry Total_Amount_Paid and Paid_On.

declare(strict_types=1);

require_once __DIR__ . '/rules.php';

const LTGS_MAX_JSON_BYTES = 64 * 1024;
const LTGS_MAX_JSON_DEPTH = 32;
const LTGS_MAX_SAFE_INTEGER = 9007199254740991;

/** ASCII white space and the no-break spaces that copy-and-paste brings (U+00A0, U+202F, U+3000), both ends. */
function ltgs_trim(string $s): string
{
    $space = '(?:[ \t\n\x0B\f\r]|\xC2\xA0|\xE2\x80\xAF|\xE3\x80\x80)';
    return (string) preg_replace("/\\A$space+|$space+\\z/", '', $s);
}

/**
 * Text → the members of one JSON object (['ok' => true, 'members' => [key => value]]), or
 * ['ok' => false, 'error' => …] with json.too_large, json.invalid_utf8, json.malformed, json.not_object,
 * json.too_deep or json.duplicate_key. Nested values come back as arrays and stdClass objects.
 */
function ltgs_read_json_object(string $text): array
{
    $fail = fn (string $code, string $message): array => ['ok' => false, 'error' => ltgs_field_error('$', $code, $message)];
    if (strlen($text) > LTGS_MAX_JSON_BYTES) {
        return $fail('json.too_large', 'The body is larger than 64 KiB.');
    }
    if (preg_match('//u', $text) !== 1) {
        return $fail('json.invalid_utf8', 'The body is not UTF-8 text.');
    }
    if (str_starts_with($text, "\xEF\xBB\xBF")) {  // one byte order mark, first, is tolerated
        $text = substr($text, 3);
    }
    $value = json_decode($text, false, LTGS_MAX_JSON_DEPTH + 1);
    if (json_last_error() === JSON_ERROR_DEPTH) {
        return $fail('json.too_deep', 'The body is nested too deeply.');
    }
    if (json_last_error() !== JSON_ERROR_NONE) {
        return $fail('json.malformed', 'The body is not valid JSON.');
    }
    if (!($value instanceof stdClass)) {
        return $fail('json.not_object', 'The body must be a JSON object.');
    }
    $duplicate = ltgs_duplicate_top_level_key($text);
    if ($duplicate !== null) {
        return $fail('json.duplicate_key', 'A key appears more than once' .
            (strlen($duplicate) <= 64 ? " (\"$duplicate\")" : '') . '; parsers disagree on which one wins.');
    }
    return ['ok' => true, 'members' => get_object_vars($value)];
}

/** The first top-level key that appears twice in a valid JSON object's text (json_decode keeps the last), or null. */
function ltgs_duplicate_top_level_key(string $json): ?string
{
    $seen = [];
    $depth = 0;
    $length = strlen($json);
    for ($i = 0; $i < $length; $i++) {
        $c = $json[$i];
        if ($c === '"') {
            $start = $i;
            for ($i++; $i < $length && $json[$i] !== '"'; $i++) {
                if ($json[$i] === '\\') {
                    $i++;
                }
            }
            if ($depth !== 1) {
                continue;
            }
            $j = $i + 1;
            while ($j < $length && strpos(" \t\r\n", $json[$j]) !== false) {
                $j++;
            }
            if ($j < $length && $json[$j] === ':') {
                $key = (string) json_decode(substr($json, $start, $i - $start + 1));
                if (isset($seen[$key])) {
                    return $key;
                }
                $seen[$key] = true;
            }
        } elseif ($c === '{' || $c === '[') {
            $depth++;
        } elseif ($c === '}' || $c === ']') {
            $depth--;
        }
    }
    return null;
}

/** "YYYY-MM-DD HH:MM:SS", a real date and time (Kigali local time, as LTGS writes Paid_On): null when fine, else the error. */
function ltgs_paid_on_error(string $text): ?array
{
    if (preg_match('/\A([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})\z/', $text, $m) !== 1) {
        return ltgs_field_error('Paid_On', 'paid_on.invalid_format', 'Paid_On must be written as YYYY-MM-DD HH:MM:SS.');
    }
    [, $y, $mo, $d, $h, $mi, $s] = array_map('intval', $m);
    if ($y < 1970 || !checkdate($mo, $d, $y) || $h > 23 || $mi > 59 || $s > 59) {
        return ltgs_field_error('Paid_On', 'paid_on.invalid_date', 'Paid_On is not a real date and time.');
    }
    return null;
}

/**
 * A status document's text → ['ok' => true, 'notification' => [Sale_Reference_ID, Payment_Status (trimmed,
 * as sent), Payment_Channel, Payment_Ref_ID, Total_Amount_Paid (int), Paid_On], absent ones null] or
 * ['ok' => false, 'errors' => [field error, …]].
 */
function ltgs_parse_notification(string $text): array
{
    $doc = ltgs_read_json_object($text);
    if (!$doc['ok']) {
        return ['ok' => false, 'errors' => [$doc['error']]];
    }
    $o = $doc['members'];
    $errors = [];
    $n = ['Sale_Reference_ID' => '', 'Payment_Status' => '', 'Payment_Channel' => null, 'Payment_Ref_ID' => null,
          'Total_Amount_Paid' => null, 'Paid_On' => null];
    $present = fn (string $k): bool => array_key_exists($k, $o) && $o[$k] !== null;
    $absentOrEmpty = fn (string $k): bool => !$present($k) || (is_string($o[$k]) && ltgs_trim($o[$k]) === '');

    if (!$present('Sale_Reference_ID')) {
        $errors[] = ltgs_field_error('Sale_Reference_ID', 'reference.required', 'The sale reference is required.');
    } elseif (!is_string($o['Sale_Reference_ID'])) {
        $errors[] = ltgs_field_error('Sale_Reference_ID', 'reference.wrong_type', 'The sale reference must be a string.');
    } else {
        $r = ltgs_parse_sale_reference($o['Sale_Reference_ID']);
        if ($r['ok']) {
            $n['Sale_Reference_ID'] = $r['value'];
        } else {
            $errors[] = $r['error'];
        }
    }

    if ($present('Payment_Status') && !is_string($o['Payment_Status'])) {
        $errors[] = ltgs_field_error('Payment_Status', 'status.wrong_type', 'Payment_Status must be a string.');
    } elseif ($absentOrEmpty('Payment_Status')) {
        $errors[] = ltgs_field_error('Payment_Status', 'status.required', 'Payment_Status is required.');
    } else {
        $s = ltgs_trim($o['Payment_Status']);
        if (strlen($s) <= 32 && preg_match('/\A[A-Za-z0-9_ \-]*\z/', $s) === 1) {
            $n['Payment_Status'] = $s;
        } else {
            $errors[] = ltgs_field_error('Payment_Status', 'status.invalid', 'Payment_Status is not a status word.');
        }
    }
    $paid = strtoupper($n['Payment_Status']) === 'PAID';

    if (!$absentOrEmpty('Payment_Channel')) {
        if (!is_string($o['Payment_Channel'])) {
            $errors[] = ltgs_field_error('Payment_Channel', 'channel.wrong_type', 'Payment_Channel must be a string.');
        } else {
            $s = ltgs_trim($o['Payment_Channel']);
            if (preg_match('/[\x00-\x1F\x7F]/', $s) === 1 || preg_match_all('/./su', $s) > 64) {
                $errors[] = ltgs_field_error('Payment_Channel', 'channel.invalid', 'Payment_Channel is not a channel name.');
            } else {
                $n['Payment_Channel'] = $s;
            }
        }
    }

    if (!$absentOrEmpty('Payment_Ref_ID')) {
        if (!is_string($o['Payment_Ref_ID'])) {
            $errors[] = ltgs_field_error('Payment_Ref_ID', 'payment_ref.wrong_type', 'Payment_Ref_ID must be a string.');
        } else {
            $s = ltgs_trim($o['Payment_Ref_ID']);
            if (strlen($s) <= 128 && preg_match('/[\x00-\x20\x7F]/', $s) !== 1) {
                $n['Payment_Ref_ID'] = $s;
            } else {
                $errors[] = ltgs_field_error('Payment_Ref_ID', 'payment_ref.invalid', 'Payment_Ref_ID is not a payment reference.');
            }
        }
    }

    if (!$present('Total_Amount_Paid')) {
        if ($paid) {
            $errors[] = ltgs_field_error('Total_Amount_Paid', 'amount_paid.required', 'A PAID notification must carry Total_Amount_Paid.');
        }
    } else {
        $a = $o['Total_Amount_Paid'];
        if (!is_int($a) && !is_float($a)) {
            $errors[] = ltgs_field_error('Total_Amount_Paid', 'amount_paid.wrong_type', 'Total_Amount_Paid must be a number.');
        } elseif (is_float($a) && (!is_finite($a) || floor($a) !== $a)) {
            $errors[] = ltgs_field_error('Total_Amount_Paid', 'amount_paid.not_whole_francs', 'Total_Amount_Paid must be whole francs.');
        } elseif ($a < 0) {
            $errors[] = ltgs_field_error('Total_Amount_Paid', 'amount_paid.negative', 'Total_Amount_Paid must not be negative.');
        } elseif ($a > LTGS_MAX_SAFE_INTEGER) {
            $errors[] = ltgs_field_error('Total_Amount_Paid', 'amount_paid.too_large', 'Total_Amount_Paid is too large.');
        } else {
            $n['Total_Amount_Paid'] = (int) $a;
        }
    }

    if ($absentOrEmpty('Paid_On')) {
        if ($paid) {
            $errors[] = ltgs_field_error('Paid_On', 'paid_on.required', 'A PAID notification must carry Paid_On.');
        }
    } elseif (!is_string($o['Paid_On'])) {
        $errors[] = ltgs_field_error('Paid_On', 'paid_on.wrong_type', 'Paid_On must be a string.');
    } else {
        $s = ltgs_trim($o['Paid_On']);
        $error = ltgs_paid_on_error($s);
        if ($error === null) {
            $n['Paid_On'] = $s;
        } else {
            $errors[] = $error;
        }
    }

    return $errors === [] ? ['ok' => true, 'notification' => $n] : ['ok' => false, 'errors' => $errors];
}
