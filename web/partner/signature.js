// Callback signatures: the sandbox signs each callback notification, the partner backend verifies it.
//
//   LTGS-Signature: t=<unix time, ms>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>
//
// The HMAC covers the exact bytes sent (never re-serialised JSON) and the timestamp, so that an old
// delivery cannot be replayed outside the tolerance window. Several v1= entries may be present (a secret
// being rotated): one match is enough. The real LTGS documents no signature (docs/domain.md#the-ltgs-api): this is the
// sandbox's scheme, modelled on IremboPay's and Stripe's, and the partner has an unsigned mode for LTGS.
'use strict';

const crypto = require('crypto');

const SIGNATURE_HEADER = 'LTGS-Signature';
const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

function hmacHex(secret, timestampMs, rawBody) {
  const mac = crypto.createHmac('sha256', secret);
  mac.update(`${timestampMs}.`);
  mac.update(rawBody);  // a Buffer or a string (UTF-8)
  return mac.digest('hex');
}

// The header value for a body sent at timestampMs.
function signatureHeader(secret, timestampMs, rawBody) {
  return `t=${timestampMs},v1=${hmacHex(secret, timestampMs, rawBody)}`;
}

// "t=…,v1=…" → { t, v1: [hex, …] }, or null when it is not that shape.
function parseSignatureHeader(value) {
  if (typeof value !== 'string' || value.length > 1024) return null;
  let t = null;
  const v1 = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== null || !/^[0-9]{1,16}$/.test(val)) return null;
      t = Number(val);
    } else if (key === 'v1') {
      if (!/^[0-9a-fA-F]{64}$/.test(val)) return null;
      v1.push(val.toLowerCase());
    }  // other schemes (v0, v2, …) are ignored
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

// Checks a delivery. Resolves { ok: true, timestampMs } or { ok: false, code }, code one of
// signature.missing, signature.malformed, signature.stale (outside ± toleranceMs of nowMs),
// signature.invalid. The comparison is constant-time (crypto.timingSafeEqual on the 32-byte MACs).
function verifySignature({ header, rawBody, secret, nowMs, toleranceMs = DEFAULT_TOLERANCE_MS }) {
  if (header === undefined || header === null || header === '') return { ok: false, code: 'signature.missing' };
  const parsed = parseSignatureHeader(Array.isArray(header) ? header.join(',') : header);
  if (!parsed) return { ok: false, code: 'signature.malformed' };
  if (Math.abs(nowMs - parsed.t) > toleranceMs) return { ok: false, code: 'signature.stale' };
  const expected = Buffer.from(hmacHex(secret, parsed.t, rawBody), 'hex');
  let match = false;
  for (const candidate of parsed.v1) {
    // Every candidate is compared, so the time taken does not depend on which one matched.
    match = crypto.timingSafeEqual(expected, Buffer.from(candidate, 'hex')) || match;
  }
  return match ? { ok: true, timestampMs: parsed.t } : { ok: false, code: 'signature.invalid' };
}

module.exports = { SIGNATURE_HEADER, DEFAULT_TOLERANCE_MS, signatureHeader, parseSignatureHeader, verifySignature };
