<?php
// The callback signature (web/partner/signature.js is the other side, in the sandbox):
//
//   LTGS-Signature: t=<unix time, ms>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>
//
// The HMAC covers the timestamp and the exact bytes received (never re-encoded JSON); a timestamp more than
// 5 minutes from our clock, either way, is refused, so that a captured delivery cannot be replayed later.
// Several v1= entries may be present (a secret being rotated): one match is enough, and every one is
// compared with hash_equals, so the time taken does not depend on which one matched. The real LTGS
// documents no signature: with LTGS_CALLBACK_SIGNATURE=none the status re-check alone decides.

declare(strict_types=1);

const LTGS_SIGNATURE_HEADER = 'LTGS-Signature';
const LTGS_SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

/** "t=…,v1=…" → ['t' => int, 'v1' => [hex, …]], or null when it is not that shape. */
function ltgs_parse_signature_header(string $value): ?array
{
    if (strlen($value) > 1024) {
        return null;
    }
    $t = null;
    $v1 = [];
    foreach (explode(',', $value) as $part) {
        $eq = strpos($part, '=');
        if ($eq === false) {
            return null;
        }
        $key = trim(substr($part, 0, $eq));
        $val = trim(substr($part, $eq + 1));
        if ($key === 't') {
            if ($t !== null || preg_match('/\A[0-9]{1,16}\z/', $val) !== 1) {
                return null;
            }
            $t = (int) $val;
        } elseif ($key === 'v1') {
            if (preg_match('/\A[0-9a-fA-F]{64}\z/', $val) !== 1) {
                return null;
            }
            $v1[] = strtolower($val);
        }  // other schemes (v0, v2, …) are ignored
    }
    return $t === null || $v1 === [] ? null : ['t' => $t, 'v1' => $v1];
}

/**
 * ['ok' => true, 'timestampMs' => t] or ['ok' => false, 'code' => signature.missing | signature.malformed |
 * signature.stale | signature.invalid].
 */
function ltgs_verify_signature(?string $header, string $rawBody, string $secret, int $nowMs,
                               int $toleranceMs = LTGS_SIGNATURE_TOLERANCE_MS): array
{
    if ($header === null || $header === '') {
        return ['ok' => false, 'code' => 'signature.missing'];
    }
    $parsed = ltgs_parse_signature_header($header);
    if ($parsed === null) {
        return ['ok' => false, 'code' => 'signature.malformed'];
    }
    if (abs($nowMs - $parsed['t']) > $toleranceMs) {
        return ['ok' => false, 'code' => 'signature.stale'];
    }
    $expected = hash_hmac('sha256', $parsed['t'] . '.' . $rawBody, $secret);
    $match = false;
    foreach ($parsed['v1'] as $candidate) {
        $match = hash_equals($expected, $candidate) || $match;
    }
    return $match ? ['ok' => true, 'timestampMs' => $parsed['t']] : ['ok' => false, 'code' => 'signature.invalid'];
}
