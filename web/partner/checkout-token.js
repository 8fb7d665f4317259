// Checkout tokens: what binds an initiation to a checkout page the partner served. The page gets a token for
// its order (data-checkout-token); the widget sends it back as X-Checkout-Token; the backend accepts an
// initiation only with a token for that order that has not expired. Stateless: an HMAC-SHA256 over the
// order reference and the expiry, with a secret that never leaves the server.
//
//   ct1.<expiry, epoch seconds>.<base64url HMAC-SHA256(secret, "ct1|" + orderReference + "|" + expiry)>
//
// A token proves only that someone loaded the page: where anyone may load it (no login), the rate limits
// and the one-open-attempt rule are what bound the harm, and order references must not be guessable.
'use strict';

const crypto = require('crypto');

const HEADER = 'X-Checkout-Token';
const DEFAULT_TTL_MS = 2 * 60 * 60 * 1000;  // a bill page left open for two hours still pays
const MAX_TOKEN_LENGTH = 128;

function mac(secret, orderReference, expiry) {
  return crypto.createHmac('sha256', secret).update(`ct1|${orderReference}|${expiry}`).digest('base64url');
}

function issueCheckoutToken({ secret, orderReference, nowMs, ttlMs = DEFAULT_TTL_MS }) {
  const expiry = Math.floor((nowMs + ttlMs) / 1000);
  return `ct1.${expiry}.${mac(secret, orderReference, expiry)}`;
}

// { ok: true } or { ok: false, code: 'checkout.token_missing' | 'checkout.token_invalid' | 'checkout.token_expired' }.
function verifyCheckoutToken({ secret, token, orderReference, nowMs }) {
  if (typeof token !== 'string' || token === '') return { ok: false, code: 'checkout.token_missing' };
  const m = token.length <= MAX_TOKEN_LENGTH ? /^ct1\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!m) return { ok: false, code: 'checkout.token_invalid' };
  const expected = Buffer.from(mac(secret, orderReference, m[1]));
  const given = Buffer.from(m[2]);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, code: 'checkout.token_invalid' };
  }
  if (Number(m[1]) * 1000 <= nowMs) return { ok: false, code: 'checkout.token_expired' };
  return { ok: true };
}

module.exports = { HEADER, DEFAULT_TTL_MS, issueCheckoutToken, verifyCheckoutToken };
