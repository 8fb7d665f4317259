<?php
// One bill, one payment: the order rules, in PHP.
//
// These functions mirror core/include/ltgs/order.hpp (core/src/order.cpp), which the widget, the Node
// partner backend and the sandbox all run as WebAssembly. PHP cannot load that module, so the rules are
// written again here, small and pure: same codes, same messages, same shapes as the core's JSON reports
// (decideInitiation, orderStatus, applyAttemptStatus, parseAttemptReference). When order.hpp changes,
// change this file with it; tests/js/php-example.test.js compares the two on a table of cases.
//
//   An order is the partner's bill (reference, amount). It is paid through numbered attempts, each an
//   LTGS payment with its own Sale_Reference_ID: attempt 1 is the order reference itself, attempt n
//   (2 … 20) is "<order>-R<n>". An order reference may not end in "-R" and digits and is at most 60
//   characters, so that every attempt fits LTGS's 64.
//
// Attempts and orders are plain arrays:
//   attempt: ['number' => int, 'state' => 'PENDING'|'PAID'|…, 'startedAtMs' => int, 'expiresAtMs' => int,
//             'paymentRefId' => ?string, 'amountPaidRwf' => ?int]
//   order:   ['reference' => string, 'amountRwf' => int, 'attempts' => [attempt, …]]
// Time is an argument (epoch milliseconds); nothing here touches the database or the clock.

declare(strict_types=1);

const LTGS_MAX_ATTEMPTS = 20;
const LTGS_MAX_REFERENCE_LENGTH = 64;
const LTGS_MAX_ORDER_REFERENCE_LENGTH = 60;  // 64 minus the longest suffix, "-R20"
const LTGS_PAYMENT_METHODS = ['MTN_MOMO', 'AIRTEL_MONEY', 'QR', 'USSD'];
const LTGS_FINAL_STATUSES = ['PAID', 'FAILED', 'EXPIRED', 'CANCELLED'];
const LTGS_STATUS_WORDS = ['PENDING', 'PAID', 'FAILED', 'EXPIRED', 'CANCELLED'];
const LTGS_ATTEMPT_STATES = ['PENDING', 'PAID', 'AMOUNT_MISMATCH', 'FAILED', 'EXPIRED', 'CANCELLED', 'REJECTED'];

/** A field error in the core's shape. */
function ltgs_field_error(string $field, string $code, string $message): array
{
    return ['field' => $field, 'code' => $code, 'message' => $message];
}

/** Sale_Reference_ID: 1–64 letters, digits, '_', '-', '.'. ['ok' => true, 'value' => …] or ['ok' => false, 'error' => …]. */
function ltgs_parse_sale_reference(string $text, string $field = 'Sale_Reference_ID'): array
{
    if ($text === '') {
        return ['ok' => false, 'error' => ltgs_field_error($field, 'reference.required', 'The sale reference is required.')];
    }
    if (preg_match('/\A[A-Za-z0-9_.\-]+\z/', $text) !== 1) {
        return ['ok' => false, 'error' => ltgs_field_error($field, 'reference.invalid_characters',
            "The sale reference may contain only letters, digits, '_', '-' and '.', without spaces.")];
    }
    if (strlen($text) > LTGS_MAX_REFERENCE_LENGTH) {
        return ['ok' => false, 'error' => ltgs_field_error($field, 'reference.too_long',
            'The sale reference must be at most 64 characters.')];
    }
    return ['ok' => true, 'value' => $text];
}

/** The "-R<digits>" at the end of a reference: [start of '-', digits], or null. Constant work. */
function ltgs_trailing_suffix(string $ref): ?array
{
    $i = strlen($ref);
    while ($i > 0 && ctype_digit($ref[$i - 1])) {
        $i--;
    }
    if ($i === strlen($ref) || $i < 3 || substr($ref, $i - 2, 2) !== '-R') {
        return null;
    }
    return [$i - 2, substr($ref, $i)];
}

function ltgs_reserved_suffix_error(): array
{
    return ['ok' => false, 'error' => ltgs_field_error('Sale_Reference_ID', 'order.reference_reserved_suffix',
        'An order reference may not end in "-R" and digits: that ending numbers its attempts.')];
}

function ltgs_too_many_attempts_error(string $field = 'Sale_Reference_ID'): array
{
    return ['ok' => false, 'error' => ltgs_field_error($field, 'order.too_many_attempts',
        'An order has at most 20 payment attempts.')];
}

/** An order reference: a sale reference of at most 60 characters that does not end like an attempt. */
function ltgs_parse_order_reference(string $text): array
{
    $base = ltgs_parse_sale_reference($text);
    if (!$base['ok']) {
        return $base;
    }
    if (strlen($text) > LTGS_MAX_ORDER_REFERENCE_LENGTH) {
        return ['ok' => false, 'error' => ltgs_field_error('Sale_Reference_ID', 'order.reference_too_long',
            "An order reference must be at most 60 characters, so that its attempts fit LTGS's 64.")];
    }
    if (ltgs_trailing_suffix($text) !== null) {
        return ltgs_reserved_suffix_error();
    }
    return $base;
}

/** Attempt $number's Sale_Reference_ID; '' unless the order reference is valid and 1 <= $number <= 20. */
function ltgs_attempt_reference(string $orderReference, int $number): string
{
    if ($number < 1 || $number > LTGS_MAX_ATTEMPTS || !ltgs_parse_order_reference($orderReference)['ok']) {
        return '';
    }
    return $number === 1 ? $orderReference : $orderReference . '-R' . $number;
}

/**
 * Any Sale_Reference_ID read as an attempt: ['ok' => true, 'orderReference', 'number', 'reference'] or
 * ['ok' => false, 'error' => …] (reference.*, order.reference_too_long, order.reference_reserved_suffix,
 * order.too_many_attempts). "X-R2-R2", "X-R1", "X-R02" are never attempts of anything.
 */
function ltgs_parse_attempt_reference(string $saleReferenceId): array
{
    $ref = ltgs_parse_sale_reference($saleReferenceId);
    if (!$ref['ok']) {
        return $ref;
    }
    $suffix = ltgs_trailing_suffix($saleReferenceId);
    if ($suffix === null) {
        $order = ltgs_parse_order_reference($saleReferenceId);
        if (!$order['ok']) {
            return $order;
        }
        return ['ok' => true, 'orderReference' => $saleReferenceId, 'number' => 1, 'reference' => $saleReferenceId];
    }
    [$start, $digits] = $suffix;
    if (strlen($digits) > 2) {
        return ltgs_too_many_attempts_error();
    }
    if ($digits[0] === '0') {
        return ltgs_reserved_suffix_error();
    }
    $number = (int) $digits;
    if ($number === 1) {
        return ltgs_reserved_suffix_error();  // attempt 1 is the order reference itself
    }
    if ($number > LTGS_MAX_ATTEMPTS) {
        return ltgs_too_many_attempts_error();
    }
    $order = ltgs_parse_order_reference(substr($saleReferenceId, 0, $start));
    if (!$order['ok']) {
        return $order;
    }
    return ['ok' => true, 'orderReference' => $order['value'], 'number' => $number, 'reference' => $saleReferenceId];
}

/** Payment_Method: exactly one of LTGS_PAYMENT_METHODS. */
function ltgs_parse_payment_method(mixed $value, bool $present = true): array
{
    $list = 'Payment_Method must be one of MTN_MOMO, AIRTEL_MONEY, QR, USSD.';
    if (!$present || $value === null || $value === '') {
        return ['ok' => false, 'error' => ltgs_field_error('Payment_Method', 'method.required', "Payment_Method is required: $list")];
    }
    if (!is_string($value)) {
        return ['ok' => false, 'error' => ltgs_field_error('Payment_Method', 'method.wrong_type', 'Payment_Method must be a string.')];
    }
    if (!in_array($value, LTGS_PAYMENT_METHODS, true)) {
        return ['ok' => false, 'error' => ltgs_field_error('Payment_Method', 'method.invalid', $list)];
    }
    return ['ok' => true, 'value' => $value];
}

/** LTGS's status word, trimmed and case-folded: PENDING, PAID, FAILED, EXPIRED, CANCELLED or UNKNOWN. */
function ltgs_status_word(?string $paymentStatus): string
{
    $s = strtoupper(trim((string) $paymentStatus, " \t\n\r"));
    return in_array($s, LTGS_STATUS_WORDS, true) ? $s : 'UNKNOWN';
}

function ltgs_is_open(string $state): bool
{
    return $state === 'PENDING';
}

/** Money moved: PAID or AMOUNT_MISMATCH. */
function ltgs_money_moved(string $state): bool
{
    return $state === 'PAID' || $state === 'AMOUNT_MISMATCH';
}

/**
 * The order's status from its attempts (core: orderStatus). PAID exactly when an attempt is PAID; else
 * AMOUNT_MISMATCH; else PENDING while an attempt is open; else the latest ending; NEW before any.
 */
function ltgs_order_status(array $order): array
{
    $attempts = $order['attempts'];
    usort($attempts, fn (array $x, array $y): int => $x['number'] <=> $y['number']);
    $s = ['state' => 'NEW', 'paidAttempt' => null, 'duplicateAttempts' => [], 'mismatchAttempts' => [],
          'amountPaidRwf' => 0, 'refundDueRwf' => 0, 'openAttempt' => null, 'attemptCount' => 0,
          'nextAttemptNumber' => 1, 'nextReference' => ''];
    $latestEnding = null;
    $highest = 0;
    foreach ($attempts as $a) {
        $s['attemptCount']++;
        $highest = max($highest, $a['number']);
        if ($a['state'] === 'PAID') {
            if ($s['paidAttempt'] === null) {
                $s['paidAttempt'] = $a['number'];
            } else {
                $s['duplicateAttempts'][] = $a['number'];
            }
        }
        if ($a['state'] === 'AMOUNT_MISMATCH') {
            $s['mismatchAttempts'][] = $a['number'];
        }
        if (ltgs_money_moved($a['state'])) {
            $s['amountPaidRwf'] += $a['amountPaidRwf'] ?? 0;
        }
        if (ltgs_is_open($a['state']) && $s['openAttempt'] === null) {
            $s['openAttempt'] = $a['number'];
        }
        if ($a['state'] !== 'PENDING' && $a['state'] !== 'REJECTED') {
            $latestEnding = $a;
        }
    }
    $s['nextAttemptNumber'] = $highest + 1;
    $s['nextReference'] = ltgs_attempt_reference($order['reference'], $s['nextAttemptNumber']);
    if ($s['paidAttempt'] !== null) {
        $s['state'] = 'PAID';
        $s['refundDueRwf'] = max(0, $s['amountPaidRwf'] - $order['amountRwf']);
    } elseif ($s['mismatchAttempts'] !== []) {
        $s['state'] = 'AMOUNT_MISMATCH';
    } elseif ($s['openAttempt'] !== null) {
        $s['state'] = 'PENDING';
    } elseif ($latestEnding !== null) {
        $s['state'] = match ($latestEnding['state']) {
            'FAILED' => 'FAILED',
            'EXPIRED' => 'EXPIRED',
            default => 'CANCELLED',
        };
    }
    return $s;
}

/**
 * May attempt $requestedNumber of the order start at $nowMs? (core: decideInitiation)
 * ['decision' => 'newAttempt'|'resend'|'refused', 'code', 'message', 'number', 'reference', 'retryAtMs',
 *  'recheckFirst', 'nextReference']. Refusals: order.paid, order.payment_under_review, order.attempt_open
 * (retryAtMs: when LTGS ends the open attempt at the latest; recheckFirst once that time has passed),
 * order.attempt_ended and order.attempt_out_of_sequence (nextReference), order.too_many_attempts.
 */
function ltgs_decide_initiation(array $order, int $requestedNumber, int $nowMs): array
{
    $decision = function (string $kind, string $code, string $message, int $number = 0) use ($order): array {
        return ['decision' => $kind, 'code' => $code, 'message' => $message, 'number' => $number,
                'reference' => ltgs_attempt_reference($order['reference'], $number), 'retryAtMs' => null,
                'recheckFirst' => false, 'nextReference' => ''];
    };
    $status = ltgs_order_status($order);
    if ($requestedNumber < 1 || $requestedNumber > LTGS_MAX_ATTEMPTS) {
        return $decision('refused', 'order.too_many_attempts', 'An order has at most 20 payment attempts.');
    }
    if ($status['state'] === 'PAID') {
        return $decision('refused', 'order.paid', 'This order is paid.', $status['paidAttempt'] ?? 0);
    }
    if ($status['state'] === 'AMOUNT_MISMATCH') {
        return $decision('refused', 'order.payment_under_review',
            'A payment of another amount was made for this order: the merchant must settle it first.');
    }
    $same = null;
    $open = null;
    $highest = 0;
    foreach ($order['attempts'] as $a) {
        if ($a['number'] === $requestedNumber) {
            $same = $a;
        }
        if ($a['number'] === $status['openAttempt']) {
            $open = $a;
        }
        $highest = max($highest, $a['number']);
    }
    if ($same !== null && ltgs_is_open($same['state'])) {
        return $decision('resend', 'order.resend', 'The same payment again: LTGS treats it as one.', $requestedNumber);
    }
    if ($open !== null) {
        $d = $decision('refused', 'order.attempt_open', 'An earlier payment request for this order is still open at LTGS.',
            $open['number']);
        $d['retryAtMs'] = $open['expiresAtMs'];
        $d['recheckFirst'] = $nowMs >= $open['expiresAtMs'];
        return $d;
    }
    if ($status['nextAttemptNumber'] > LTGS_MAX_ATTEMPTS) {
        return $decision('refused', 'order.too_many_attempts', 'An order has at most 20 payment attempts.');
    }
    if ($same !== null || $requestedNumber < $highest) {
        $d = $same !== null
            ? $decision('refused', 'order.attempt_ended', 'This payment attempt has ended; start a new one.')
            : $decision('refused', 'order.attempt_out_of_sequence',
                'A later attempt of this order exists; attempts are numbered upwards.');
        $d['nextReference'] = ltgs_attempt_reference($order['reference'], $status['nextAttemptNumber']);
        return $d;
    }
    return $decision('newAttempt', 'order.new_attempt', 'A new payment attempt may start.', $requestedNumber);
}

/** A new attempt's record once ltgs_decide_initiation allowed it. */
function ltgs_start_attempt(int $number, int $nowMs, int $lifetimeMs): array
{
    return ['number' => $number, 'state' => 'PENDING', 'startedAtMs' => $nowMs,
            'expiresAtMs' => $lifetimeMs > PHP_INT_MAX - $nowMs ? PHP_INT_MAX : $nowMs + max(0, $lifetimeMs),
            'paymentRefId' => null, 'amountPaidRwf' => null];
}

/**
 * What LTGS's status (a notification from ltgs_parse_notification, its reference already matched to the
 * attempt) does to the attempt (core: applyAttemptStatus): ['attempt' => after, 'code', 'changed', 'status'].
 * PAID with the order's amount pays it; another amount is AMOUNT_MISMATCH; a payment is never undone by a
 * later word; a PAID after an unpaid ending counts (attempt.late_payment): the money is real.
 */
function ltgs_apply_attempt_status(array $attempt, int $orderAmountRwf, array $notification): array
{
    $word = ltgs_status_word($notification['Payment_Status']);
    $u = ['attempt' => $attempt, 'code' => '', 'changed' => false, 'status' => $word];
    switch ($word) {
        case 'PENDING':
            $u['code'] = ltgs_is_open($attempt['state']) ? 'attempt.pending' : 'attempt.ignored';
            return $u;
        case 'PAID':
            if ($notification['Total_Amount_Paid'] === null) {
                $u['code'] = 'status.amount_missing';
                return $u;
            }
            $next = $notification['Total_Amount_Paid'] === $orderAmountRwf ? 'PAID' : 'AMOUNT_MISMATCH';
            $code = $next === 'PAID' ? 'attempt.paid' : 'attempt.amount_mismatch';
            break;
        case 'FAILED':
        case 'EXPIRED':
        case 'CANCELLED':
            $next = $word;
            $code = 'attempt.' . strtolower($word);
            break;
        default:
            $u['code'] = 'attempt.unknown_status';
            return $u;
    }
    if (ltgs_money_moved($attempt['state'])) {
        $u['code'] = $attempt['state'] === $next ? 'attempt.duplicate' : 'attempt.ignored';
        return $u;
    }
    if (!ltgs_is_open($attempt['state'])) {
        if (!ltgs_money_moved($next)) {
            $u['code'] = $attempt['state'] === $next ? 'attempt.duplicate' : 'attempt.ignored';
            return $u;
        }
        $code = 'attempt.late_payment';
    }
    $u['attempt']['state'] = $next;
    $u['attempt']['paymentRefId'] = $notification['Payment_Ref_ID'];
    $u['attempt']['amountPaidRwf'] = ltgs_money_moved($next) ? $notification['Total_Amount_Paid'] : null;
    $u['code'] = $code;
    $u['changed'] = true;
    return $u;
}

/** LTGS refused to start the attempt: it never existed there. */
function ltgs_reject_attempt(array $attempt): array
{
    if (ltgs_is_open($attempt['state'])) {
        $attempt['state'] = 'REJECTED';
    }
    return $attempt;
}
