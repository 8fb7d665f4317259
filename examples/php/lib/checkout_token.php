<?php
// Checkout tokens (web/partner/checkout-token.js): what binds an initiation to a bill page we served. The
// page carries a token for its order (data-checkout-token); the widget sends it back as X-Checkout-Token;
// an initiation is accepted only with an unexpired token for that order. Stateless, an HMAC with a secret
// that never leaves the server:
//
//   ct1.<expiry, epoch seconds>.<base64url HMAC-SHA256(secret, "ct1|" + orderReference + "|" + expiry)>
//
// A token proves only that someone loaded the page: where anyone may load it, order references must not be
// guessable, and the one-open-attempt rule is what bounds the harm.

declare(strict_types=1);

const LTGS_CHECKOUT_TOKEN_HEADER = 'X-Checkout-Token';
const LTGS_CHECKOUT_TOKEN_TTL_MS = 2 * 60 * 60 * 1000;  // a bill page left open for two hours still pays

function ltgs_base64url(string $bytes): string
{
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
}

function ltgs_checkout_mac(string $secret, string $orderReference, string $expiry): string
{
    return ltgs_base64url(hash_hmac('sha256', "ct1|$orderReference|$expiry", $secret, true));
}

function ltgs_issue_checkout_token(string $secret, string $orderReference, int $nowMs,
                                   int $ttlMs = LTGS_CHECKOUT_TOKEN_TTL_MS): string
{
    $expiry = (string) intdiv($nowMs + $ttlMs, 1000);
    return "ct1.$expiry." . ltgs_checkout_mac($secret, $orderReference, $expiry);
}

/** ['ok' => true] or ['ok' => false, 'code' => checkout.token_missing | checkout.token_invalid | checkout.token_expired]. */
function ltgs_verify_checkout_token(string $secret, ?string $token, string $orderReference, int $nowMs): array
{
    if ($token === null || $token === '') {
        return ['ok' => false, 'code' => 'checkout.token_missing'];
    }
    if (strlen($token) > 128 || preg_match('/\Act1\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})\z/', $token, $m) !== 1) {
        return ['ok' => false, 'code' => 'checkout.token_invalid'];
    }
    if (!hash_equals(ltgs_checkout_mac($secret, $orderReference, $m[1]), $m[2])) {
        return ['ok' => false, 'code' => 'checkout.token_invalid'];
    }
    if ((int) $m[1] * 1000 <= $nowMs) {
        return ['ok' => false, 'code' => 'checkout.token_expired'];
    }
    return ['ok' => true];
}
