<?php
// GET /checkout/status/{Sale_Reference_ID} — the widget polls it. We ask LTGS (never the browser's word),
// record a final status, and answer the status document, rebuilt from a list of fields.

declare(strict_types=1);

function ltgs_status(array $config, string $segment): void
{
    ltgs_require_method('GET');
    $reference = rawurldecode($segment);
    $parsed = ltgs_parse_attempt_reference($reference);
    if (!$parsed['ok']) {
        throw new HttpError(400, $parsed['error']['code'], $parsed['error']['message'], 'Sale_Reference_ID');
    }
    $store = Store::open($config);
    $attempt = $store->getAttempt($reference);
    if ($attempt === null) {  // not one of our payments: LTGS is not asked
        throw new HttpError(404, 'order.unknown', 'There is no payment with this reference.', 'Sale_Reference_ID');
    }
    $status = ltgs_fetch_status($config, $reference);
    ltgs_apply_status($store, $attempt, $status['notification'], 'status');
    ltgs_send_json(200, ltgs_browser_answer($status['notification'] + ['Failure_Reason' => $status['failureReason']]));
}
