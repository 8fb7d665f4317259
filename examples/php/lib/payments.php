<?php
// What the three endpoints share: LTGS's status of a reference, what it does to our records, and what of
// LTGS's answers the browser may see.

declare(strict_types=1);

// What the browser may see of LTGS's answers (plus QR_Payload, USSD_Code and Failure_Reason, checked).
const LTGS_STATUS_FIELDS = ['Sale_Reference_ID', 'Payment_Status', 'Payment_Channel', 'Payment_Ref_ID',
                            'Total_Amount_Paid', 'Paid_On'];

function ltgs_pick(array $doc, array $fields): array
{
    $out = [];
    foreach ($fields as $f) {
        $value = $doc[$f] ?? null;
        $out[$f] = is_float($value) && !is_finite($value) ? null : $value;  // 1e999 decodes to INF
    }
    return $out;
}

/** LTGS's answer, rebuilt for the browser from a list of fields: nothing else LTGS says reaches the page. */
function ltgs_browser_answer(array $doc): array
{
    $out = ltgs_pick($doc, LTGS_STATUS_FIELDS);
    $qr = $doc['QR_Payload'] ?? null;
    if (is_string($qr) && strlen($qr) <= 512) {
        $out['QR_Payload'] = $qr;
    }
    $ussd = $doc['USSD_Code'] ?? null;
    if (is_string($ussd) && preg_match('/\A[0-9*#]{1,64}\z/', $ussd) === 1) {
        $out['USSD_Code'] = $ussd;
    }
    $reason = $doc['Failure_Reason'] ?? null;
    if (is_string($reason) && preg_match('/\A[A-Z0-9_]{1,64}\z/', $reason) === 1) {
        $out['Failure_Reason'] = $reason;
    }
    return $out;
}

/** LTGS's field errors, passed on as plain {field, code, message} strings. */
function ltgs_clean_errors(mixed $errors): array
{
    if (!is_array($errors)) {
        return [];
    }
    $text = fn (mixed $v, int $n): string => Store::clip(is_scalar($v) ? (string) $v : 'undefined', $n);
    $out = [];
    foreach (array_slice($errors, 0, 20) as $e) {
        $e = $e instanceof stdClass ? get_object_vars($e) : (is_array($e) ? $e : []);
        $out[] = ['field' => $text($e['field'] ?? null, 64), 'code' => $text($e['code'] ?? null, 64),
                  'message' => $text($e['message'] ?? null, 300)];
    }
    return $out;
}

/**
 * LTGS's status of a reference: ['notification' => parsed, 'failureReason' => ?string], or an HttpError:
 * 404 payment.not_found while LTGS does not know it, 502 ltgs.unavailable for anything unusable.
 */
function ltgs_fetch_status(array $config, string $reference): array
{
    $r = ltgs_request($config, 'GET', '/api/v1/payments/' . rawurlencode($reference));
    if ($r['status'] === 404) {
        throw new HttpError(404, 'payment.not_found', 'LTGS has no payment for this reference yet.', 'Sale_Reference_ID');
    }
    if ($r['status'] !== 200) {
        ltgs_log('LTGS answered the status of ' . ltgs_log_value($reference) . " with HTTP {$r['status']}");
        throw ltgs_unavailable();
    }
    $parsed = ltgs_parse_notification($r['text']);
    if (!$parsed['ok'] || $parsed['notification']['Sale_Reference_ID'] !== $reference) {
        ltgs_log('LTGS answered the status of ' . ltgs_log_value($reference) . ' with an unusable document');
        throw ltgs_unavailable();
    }
    $doc = ltgs_decode_object($r['text']);
    return ['notification' => $parsed['notification'], 'failureReason' => $doc['Failure_Reason'] ?? null];
}

/**
 * LTGS's status (a parsed notification for $attemptRow's reference) → the attempt and its order, in one
 * transaction. Every final result is recorded once in payments. Returns ['outcome' => 'recorded' |
 * 'unchanged', 'code' => rules' code, 'state' => the attempt's state after].
 */
function ltgs_apply_status(Store $store, array $attemptRow, array $notification, string $source): array
{
    return $store->transaction(function () use ($store, $attemptRow, $notification, $source): array {
        $store->lockOrder($attemptRow['order_id']);
        $order = $store->getOrderById($attemptRow['order_id']);
        $row = $store->getAttempt($attemptRow['reference']);  // as it is now, inside the transaction
        $u = ltgs_apply_attempt_status(Store::ruleAttempt($row), $order['amount'], $notification);
        if (!$u['changed']) {
            return ['outcome' => 'unchanged', 'code' => $u['code'], 'state' => $row['state']];
        }
        $a = $u['attempt'];
        $store->updateAttempt($row, $a, $notification['Payment_Channel'], $notification['Paid_On']);
        $store->recordResult($row['id'], $a['state'], $a['paymentRefId'], $notification['Payment_Channel'],
            $a['amountPaidRwf'], $notification['Paid_On'], $source);
        $status = $store->refreshOrderStatus($order);
        $twice = $status['duplicateAttempts'] === [] ? '' : ' — paid ' . (count($status['duplicateAttempts']) + 1) .
            " times, refund due {$status['refundDueRwf']} RWF";
        ltgs_log('attempt ' . ltgs_log_value($row['reference']) . ": {$a['state']} ({$u['code']}, $source); order " .
            ltgs_log_value($order['reference']) . ": {$status['state']}$twice");
        return ['outcome' => 'recorded', 'code' => $u['code'], 'state' => $a['state']];
    });
}

/** Asks LTGS about an attempt and records what it says; null when LTGS has no answer. */
function ltgs_refresh_attempt(array $config, Store $store, array $attemptRow, string $source): ?array
{
    try {
        $status = ltgs_fetch_status($config, $attemptRow['reference']);
    } catch (HttpError) {
        return null;
    }
    return ltgs_apply_status($store, $attemptRow, $status['notification'], $source);
}
