<?php
// POST /checkout/callback — LTGS → us. A callback is a hint, never the truth. In this order:
//   1. the signature, unless LTGS_CALLBACK_SIGNATURE=none                    401 signature.*
//   2. the body: one JSON object, every field of the right type and shape   400
//   3. the reference must be one of our attempts (a prepared statement)     404 order.unknown
//   4. LTGS's own status for that reference, asked with our key             503 when LTGS fails (it
//      delivers again), 409 callback.unknown_to_ltgs
//   5. the callback must agree with it on status, Payment_Ref_ID, amount   409 callback.status_mismatch
//   6. recorded once, by the rules: PAID with the order's amount pays it; another amount is recorded as
//      AMOUNT_MISMATCH (200, so that LTGS stops delivering it); a second delivery is
//      200 {received: true, duplicate: true} and changes nothing.
// Every delivery, refused or not, is written to the callbacks table (bounded).

declare(strict_types=1);

function ltgs_callback(array $config): void
{
    ltgs_require_method('POST');
    $audit = ['remoteAddress' => $_SERVER['REMOTE_ADDR'] ?? null, 'signature' => 'not_checked',
              'outcome' => 'rejected', 'code' => '', 'reference' => null, 'paymentRefId' => null,
              'claimedStatus' => null, 'body' => null];
    $answer = function (int $status, string $outcome, string $code, array $extra = [], string $message = '')
        use (&$audit): void {
        $audit['outcome'] = $outcome;
        $audit['code'] = $code;
        if ($outcome === 'rejected' || $outcome === 'error') {
            ltgs_log("callback $outcome: " . ltgs_log_value($code) .
                ($audit['reference'] !== null ? ' reference ' . ltgs_log_value($audit['reference']) : ''));
        }
        if ($status < 300) {
            ltgs_send_json($status, ['received' => true] + $extra);
        } else {
            ltgs_send_errors($status, [ltgs_field_error('$', $code, $message === '' ? $code : $message)]);
        }
    };
    $store = null;
    try {
        $store = Store::open($config);
        try {
            $raw = ltgs_read_body(LTGS_MAX_CALLBACK_BODY);
        } catch (HttpError $e) {
            $answer($e->status, 'rejected', $e->errorCode, [], $e->getMessage());
            return;
        }
        $audit['body'] = $raw;
        $utf8 = preg_match('//u', $raw) === 1;
        $claimed = $utf8 ? ltgs_decode_object($raw) : null;
        if ($claimed !== null) {  // what the body claims, for the log only
            foreach (['reference' => 'Sale_Reference_ID', 'paymentRefId' => 'Payment_Ref_ID',
                      'claimedStatus' => 'Payment_Status'] as $key => $field) {
                $audit[$key] = is_string($claimed[$field] ?? null) ? $claimed[$field] : null;
            }
        }

        if ($config['signatureMode'] === 'required') {
            $v = ltgs_verify_signature(ltgs_header(LTGS_SIGNATURE_HEADER), $raw, $config['callbackSecret'], ltgs_now_ms());
            $audit['signature'] = $v['ok'] ? 'valid' : substr($v['code'], strlen('signature.'));
            if (!$v['ok']) {
                if ($v['code'] === 'signature.missing') {
                    ltgs_log('a callback without LTGS-Signature: if your LTGS does not sign callbacks, set LTGS_CALLBACK_SIGNATURE=none');
                }
                $answer(401, 'rejected', $v['code'], [], 'The signature is missing, stale or wrong.');
                return;
            }
        }
        if (!$utf8) {
            $answer(400, 'rejected', 'json.invalid_utf8');
            return;
        }
        $parsed = ltgs_parse_notification($raw);
        if (!$parsed['ok']) {
            $answer(400, 'rejected', $parsed['errors'][0]['code'], [], $parsed['errors'][0]['message']);
            return;
        }
        $n = $parsed['notification'];
        $ref = ltgs_parse_attempt_reference($n['Sale_Reference_ID']);
        $found = $ref['ok'] ? $store->getAttempt($ref['reference']) : null;
        if ($found === null) {
            $answer(404, 'rejected', 'order.unknown');
            return;
        }

        // The callback is a hint: LTGS's own answer decides.
        try {
            $truth = ltgs_fetch_status($config, $n['Sale_Reference_ID'])['notification'];
        } catch (HttpError $e) {
            // Not a 2xx, so that LTGS delivers again later.
            if ($e->status === 404) {
                $answer(409, 'rejected', 'callback.unknown_to_ltgs');
            } else {
                $answer(503, 'error', 'callback.recheck_failed');
            }
            return;
        }
        $same = ltgs_status_word($n['Payment_Status']) === ltgs_status_word($truth['Payment_Status'])
            && $n['Payment_Ref_ID'] === $truth['Payment_Ref_ID']
            && $n['Total_Amount_Paid'] === $truth['Total_Amount_Paid'];
        if (!$same) {
            $answer(409, 'rejected', 'callback.status_mismatch');
            return;
        }
        if (!in_array(ltgs_status_word($truth['Payment_Status']), LTGS_FINAL_STATUSES, true)) {
            $answer(200, 'ignored', 'callback.not_final');
            return;
        }

        $applied = ltgs_apply_status($store, $found, $truth, 'callback');
        // Recorded (or known already): 2xx, so that LTGS does not deliver it again.
        if ($applied['outcome'] === 'unchanged') {
            $answer(200, 'duplicate', 'callback.duplicate', ['duplicate' => true]);
        } elseif ($applied['state'] === 'AMOUNT_MISMATCH') {
            $answer(200, 'recorded', 'callback.amount_mismatch');
        } else {
            $answer(200, 'recorded', 'callback.recorded');
        }
    } catch (Throwable $e) {
        $audit['outcome'] = 'error';
        $audit['code'] = 'server.error';
        throw $e;
    } finally {
        try {
            $store?->logCallback($audit);
        } catch (Throwable $e) {
            ltgs_log('cannot write the callback audit row: ' . $e->getMessage());
        }
    }
}
