<?php
// POST /checkout/initiate — the widget → us → LTGS.
//
// The browser sends LTGS's payload without Callback_URL, plus Payment_Method, with Idempotency-Key (its
// Sale_Reference_ID) and X-Checkout-Token (from the page). Its Sale_Reference_ID names an attempt of one
// of our orders; the rules decide whether that attempt may start, in one transaction with its record.
// The amount and the service name come from our order, the Callback_URL is ours: the browser decides none
// of them. The answer is LTGS's status, rebuilt from a list of fields.

declare(strict_types=1);

function ltgs_initiate(array $config): void
{
    ltgs_require_method('POST');
    if (!ltgs_is_same_origin($config['publicUrl'])) {
        throw new HttpError(403, 'request.cross_origin', 'Requests from another site are refused.');
    }
    ltgs_require_json();
    $text = ltgs_read_body(LTGS_MAX_BROWSER_BODY);
    $doc = ltgs_read_json_object($text);
    if (!$doc['ok']) {
        throw new HttpError(400, 'json.not_object', 'The body must be one JSON object.');
    }
    $input = $doc['members'];

    // The reference first: no SQL before it is known good.
    $attemptRef = is_string($input['Sale_Reference_ID'] ?? null)
        ? ltgs_parse_attempt_reference($input['Sale_Reference_ID'])
        : ['ok' => false, 'error' => ltgs_field_error('Sale_Reference_ID', 'reference.required',
            'Sale_Reference_ID must be the order reference.')];
    if (!$attemptRef['ok']) {
        throw new HttpError(400, $attemptRef['error']['code'], $attemptRef['error']['message'], 'Sale_Reference_ID');
    }
    $reference = $attemptRef['reference'];
    $token = ltgs_verify_checkout_token($config['checkoutSecret'], ltgs_header(LTGS_CHECKOUT_TOKEN_HEADER),
        $attemptRef['orderReference'], ltgs_now_ms());
    if (!$token['ok']) {
        throw new HttpError(403, $token['code'], 'The payment must be started from the checkout page of this order.',
            LTGS_CHECKOUT_TOKEN_HEADER);
    }
    $idempotencyKey = ltgs_header('Idempotency-Key');
    if ($idempotencyKey !== null && $idempotencyKey !== $reference) {
        throw new HttpError(400, 'idempotency.mismatch', 'Idempotency-Key must be the Sale_Reference_ID.', 'Idempotency-Key');
    }

    $store = Store::open($config);
    $order = $store->getOrder($attemptRef['orderReference']);
    $bill = $order === null ? demo_find_bill($attemptRef['orderReference']) : null;
    if ($order === null && $bill === null) {
        throw new HttpError(404, 'order.unknown', 'There is no order with this reference.', 'Sale_Reference_ID');
    }
    $amount = $order['amount'] ?? $bill['amount'];
    $servicesName = $order['services_name'] ?? $bill['servicesName'];
    // A page showing another amount than the order's is refused rather than silently corrected.
    $claimed = $input['Total_Amount_to_Pay'] ?? null;
    if (!((is_int($claimed) || is_float($claimed)) && $claimed == $amount)) {
        throw new HttpError(409, 'order.amount_mismatch', "The amount is not the order's amount.", 'Total_Amount_to_Pay');
    }
    $method = ltgs_parse_payment_method($input['Payment_Method'] ?? null, array_key_exists('Payment_Method', $input));
    $errors = ltgs_customer_field_errors($input);
    if (!$method['ok']) {
        $errors[] = $method['error'];
    }
    if ($errors !== []) {
        ltgs_send_errors(400, $errors);
        return;
    }

    $reserve = fn (): array => ltgs_decide_and_reserve($store, $config, $order ?? $bill, $attemptRef, $method['value']);
    $r = $reserve();
    if ($r['decision']['decision'] === 'refused' && $r['decision']['recheckFirst']) {
        // The open attempt is past its deadline: LTGS has ended it by now, or will say it is still open.
        ltgs_refresh_attempt($config, $store, $store->getAttempt($r['decision']['reference']), 'initiate');
        $r = $reserve();
    }
    $decision = $r['decision'];
    if ($decision['decision'] === 'refused') {
        $headers = [];
        if ($decision['retryAtMs'] !== null) {
            $headers['Retry-After'] = (string) max(1, (int) ceil(($decision['retryAtMs'] - ltgs_now_ms()) / 1000));
        }
        ltgs_send_json(409, [
            'errors' => [ltgs_field_error('Sale_Reference_ID', $decision['code'], $decision['message'])],
            'retryAtMs' => $decision['retryAtMs'],
            'nextReference' => $decision['nextReference'] === '' ? null : $decision['nextReference'],
        ], $headers);
        return;
    }

    // A new attempt, or the open one sent again (LTGS treats the same reference and body as one payment).
    $payload = [
        'Sale_Reference_ID' => $reference,
        'Customer_KYC_ID' => $input['Customer_KYC_ID'],
        'Phone_Number' => $input['Phone_Number'],
        'Email_Address' => $input['Email_Address'] ?? '',
        'Services_Name' => $servicesName,
        'Total_Amount_to_Pay' => $amount,
        'Callback_URL' => $config['callbackUrl'],  // ours, whatever the browser sent
        'Payment_Method' => $method['value'],
    ];
    $answer = ltgs_request($config, 'POST', '/api/v1/payments', ltgs_json($payload), ['Idempotency-Key' => $reference]);
    $ltgs = ltgs_decode_object($answer['text']);
    if (($answer['status'] === 200 || $answer['status'] === 201) && $ltgs !== null
        && ($ltgs['Sale_Reference_ID'] ?? null) === $reference) {
        $status = ltgs_parse_notification(ltgs_json(ltgs_pick($ltgs, LTGS_STATUS_FIELDS)));
        if ($status['ok']) {
            ltgs_apply_status($store, $r['row'], $status['notification'], 'initiate');
        }
        ltgs_send_json($answer['status'], ltgs_browser_answer($ltgs));
        return;
    }
    if ($answer['status'] === 400 && $ltgs !== null) {
        // LTGS refused to start it: the attempt never existed there, and its number is used up.
        $store->transaction(function () use ($store, $reference): void {
            $row = $store->getAttempt($reference);
            $store->lockOrder($row['order_id']);
            $store->updateAttempt($row, ltgs_reject_attempt(Store::ruleAttempt($row)));
            $store->refreshOrderStatus($store->getOrderById($row['order_id']));
        });
        ltgs_send_errors(400, ltgs_clean_errors($ltgs['errors'] ?? null));
        return;
    }
    if ($answer['status'] === 409 && $ltgs !== null) {
        // The reference exists at LTGS with another body: the attempt stays open there.
        ltgs_send_errors(409, ltgs_clean_errors($ltgs['errors'] ?? null));
        return;
    }
    // 401/403: our key is wrong — the operator's business, not the payer's. The attempt stays PENDING: LTGS
    // may have started it, and sending the same reference again is safe.
    ltgs_log('LTGS answered the initiation of ' . ltgs_log_value($reference) . " with HTTP {$answer['status']}");
    throw ltgs_unavailable();
}

/**
 * The customer's fields, checked for presence, type and size only: the widget validated them with the core
 * before sending, and LTGS validates them again (its 400 reaches the browser as field errors).
 */
function ltgs_customer_field_errors(array $input): array
{
    $fields = [
        'Customer_KYC_ID' => ['national_id', 'The national ID number', true],
        'Phone_Number' => ['phone', 'The phone number', true],
        'Email_Address' => ['email', 'The email address', false],
    ];
    $errors = [];
    foreach ($fields as $field => [$prefix, $label, $required]) {
        $value = $input[$field] ?? null;
        if ($value === null || ($value === '' && !$required)) {
            if ($required) {
                $errors[] = ltgs_field_error($field, "$prefix.required", "$label is required.");
            }
        } elseif (!is_string($value)) {
            $errors[] = ltgs_field_error($field, "$prefix.wrong_type", "$label must be a string.");
        } elseif (strlen($value) > 254 || preg_match('/\A[^\x00-\x1F\x7F]*\z/u', $value) !== 1) {
            $errors[] = ltgs_field_error($field, "$prefix.invalid", "$label is not valid.");
        }
    }
    return $errors;
}

/**
 * The rules' decision for attempt n of the order and, when it starts, the new attempt's row: read, decided
 * and written in one transaction, so that two requests cannot both start one (the database's
 * one-PENDING-per-order index holds it too). ['decision' => …, 'row' => the attempt's row or null].
 */
function ltgs_decide_and_reserve(Store $store, array $config, array $orderOrBill, array $attemptRef, string $method): array
{
    $run = fn (): array => $store->transaction(function () use ($store, $config, $orderOrBill, $attemptRef, $method): array {
        // The order row is written by its first initiation (a page view writes nothing).
        $order = isset($orderOrBill['id']) ? $orderOrBill : $store->ensureOrder($orderOrBill);
        $store->lockOrder($order['id']);
        $order = $store->getOrderById($order['id']);
        $attempts = $store->attemptsOf($order['id']);
        $now = ltgs_now_ms();
        $d = ltgs_decide_initiation(Store::ruleOrder($order, $attempts), $attemptRef['number'], $now);
        if ($d['decision'] !== 'newAttempt') {
            $row = null;
            foreach ($attempts as $a) {
                if ($a['number'] === $d['number']) {
                    $row = $a;
                }
            }
            return ['decision' => $d, 'row' => $row];
        }
        $started = ltgs_start_attempt($d['number'], $now, $config['lifetimeMs']);
        $row = $store->insertAttempt($order['id'], $started, $d['reference'], $method);
        $store->refreshOrderStatus($order);
        return ['decision' => $d, 'row' => $row];
    });
    try {
        return $run();
    } catch (PDOException $e) {
        // A unique index refused the insert (another request won the race): decide again, once.
        if (!str_starts_with((string) $e->getCode(), '23')) {
            throw $e;
        }
        return $run();
    }
}
