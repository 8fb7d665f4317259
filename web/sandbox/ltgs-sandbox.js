// The local LTGS stand-in: accepts payment requests, moves them to a final status like a card network's
// test numbers, and posts signed callback notifications. Every request is validated by the same wasm core
// as the widget. In-memory only; time and timers come from an injectable clock.
//
//   POST /api/v1/payments                          Bearer key; LTGS initiate payload + Payment_Method
//   GET  /api/v1/payments/{Sale_Reference_ID}      Bearer key; the callback notification's shape
//   POST /api/v1/sandbox/payments/{ref}/approve    the simulated scan of a QR / USSD payment (no key; never
//                                                  from another site's page)
//   POST /api/v1/sandbox/payments/{ref}/decline    the payer declines it: FAILED (same)
//   GET  /api/v1/sandbox/payments                  recent payments, for the simulated-scan page (no key,
//                                                  and no phone, ID or e-mail in it)
// A payment is kept until it has ended, its callback was delivered (or given up) and `retainMs` passed; at
// most `maxPayments` are kept (the oldest ended ones go first; when all are pending, new ones wait: 503).
'use strict';

const crypto = require('crypto');

const {
  HttpError, systemClock, sendJson, readBody, decodeUtf8, requireJson, decodeSegment, jsonHandler, isSameOrigin,
  routeTable, dispatch,
} = require('../partner/http.js');
const { SIGNATURE_HEADER, signatureHeader } = require('../partner/signature.js');
const { kigaliYear, kigaliDateTime } = require('../partner/core.js');

const DEFAULT_KEY = 'sk_sandbox_ltgs';
const DEFAULT_EXPIRY_MS = 10 * 60 * 1000;  // MTN's approval window is about 5 min; LTGS's is not published
const MAX_BODY_BYTES = 64 * 1024;          // the core refuses larger documents anyway (json.too_large)
const MAX_EMV_REFERENCE = 25;              // EMVCo tag 62/05, reference label
const DEFAULT_RETAIN_MS = 30 * 60 * 1000;  // an ended payment stays readable this long after its callback
const DEFAULT_MAX_PAYMENTS = 10_000;       // about 7 KB each

// A test number decides the outcome of a push payment (MTN_MOMO, AIRTEL_MONEY). Matched on the core's
// normalised local form, so "+250 788 000 001" is 0788000001 too.
const TEST_NUMBERS = [
  { phone: '0788000001', status: 'PAID', after: 'quickMs', what: 'MTN MoMo: paid after about 3 s' },
  { phone: '0728000001', status: 'PAID', after: 'quickMs', what: 'Airtel Money: paid after about 3 s' },
  { phone: '0788000002', status: 'FAILED', reason: 'INSUFFICIENT_FUNDS', after: 'quickMs',
    what: 'fails (insufficient funds) after about 3 s' },
  { phone: '0788000003', status: null, what: 'never approved: EXPIRED at the expiry (10 min by default)' },
];
const OTHER_NUMBERS = { status: 'PAID', after: 'slowMs', what: 'any other valid number: paid after about 5 s' };

const DEFAULT_DELAYS = { quickMs: 3000, slowMs: 5000 };

// Exponential backoff: attempt n (1-based) failed → the next one baseMs · 2^(n−1) later, at most maxMs.
const DEFAULT_CALLBACK_RETRY = { baseMs: 1000, maxMs: 60_000, maxAttempts: 100, timeoutMs: 10_000 };

// The sandbox's merchant: what a QR payload and a USSD code name.
const DEFAULT_MERCHANT = {
  accountTag: '26',
  guid: 'rw.ltgs.sandbox',      // no national GUID is assumed (docs/validation.md: EMVCo payloads)
  merchantId: 'SANDBOX0001',
  mcc: '4900',                  // ISO 18245: utilities
  merchantName: 'LTGS Sandbox Merchant',
  merchantCity: 'Kigali',
  mtnMerchantCode: '012345',    // MTN MoMo Pay merchant code in USSD_Code
};

// Payment_Channel and the prefix of Payment_Ref_ID per method (LTGS's sample: "MTN MoMo", "MTN_456789123").
const CHANNELS = {
  MTN_MOMO: { channel: 'MTN MoMo', refPrefix: 'MTN_' },
  AIRTEL_MONEY: { channel: 'Airtel Money', refPrefix: 'AIRTEL_' },
  QR: { channel: 'QR', refPrefix: 'QR_' },
  USSD: { channel: 'MTN MoMo', refPrefix: 'MTN_' },  // *182*8*1*…#: MTN MoMo Pay
};
const SCANNED = new Set(['QR', 'USSD']);  // wait for the simulated scan

// ISO-8601 in UTC to the second ("2025-06-16T11:30:45Z").
// A core error as LTGS writes one: { field, code, message } (the core's params are for translations).
const plainError = ({ field, code, message }) => ({ field, code, message });
const isoUtc = (ms) => new Date(ms).toISOString().replace(/\.[0-9]{3}Z$/, 'Z');

// The callback notification / status document: LTGS's documented fields, absent ones null. A FAILED
// payment also carries Failure_Reason, and a PENDING one Expires_At (when it expires unless approved): two
// sandbox extras (LTGS documents neither).
function statusDocument(p) {
  const doc = {
    Sale_Reference_ID: p.reference,
    Payment_Status: p.status,
    Payment_Channel: p.channel,
    Payment_Ref_ID: p.paymentRefId,
    Total_Amount_Paid: p.amountPaid,
    Paid_On: p.paidOn,
  };
  if (p.failureReason) doc.Failure_Reason = p.failureReason;
  if (p.status === 'PENDING') doc.Expires_At = isoUtc(p.expiresAt);
  return doc;
}

function initiateAnswer(p) {
  const doc = statusDocument(p);
  if (p.qrPayload) doc.QR_Payload = p.qrPayload;
  if (p.ussdCode) doc.USSD_Code = p.ussdCode;
  return doc;
}

// JSON with sorted keys: "the same body" means the same normalised payload and method.
function fingerprint(request, method) {
  const keys = Object.keys(request).sort();
  return JSON.stringify([keys.map((k) => [k, request[k]]), method]);
}

function sha256(text) {
  return crypto.createHash('sha256').update(text).digest();
}

function createSandbox(options = {}) {
  const core = options.core;
  if (!core || typeof core.validateRequestJson !== 'function') throw new TypeError('core must be the loaded wasm module');
  const key = options.key ?? DEFAULT_KEY;
  if (typeof key !== 'string' || key.length < 8) throw new TypeError('key must be a string of at least 8 characters');
  const signingSecret = options.signingSecret ?? key;
  const clock = options.clock ?? systemClock;
  const expiryMs = options.expiryMs ?? DEFAULT_EXPIRY_MS;
  const delays = { ...DEFAULT_DELAYS, ...options.delays };
  const retry = { ...DEFAULT_CALLBACK_RETRY, ...options.callbackRetry };
  const merchant = { ...DEFAULT_MERCHANT, ...options.merchant };
  const log = options.log ?? (() => {});
  const fetchFn = options.fetch ?? ((...args) => globalThis.fetch(...args));
  const randomDigits = options.randomDigits ?? (() => String(crypto.randomInt(100_000_000, 1_000_000_000)));
  const keyDigest = sha256(key);

  const retainMs = options.retainMs ?? DEFAULT_RETAIN_MS;
  const maxPayments = options.maxPayments ?? DEFAULT_MAX_PAYMENTS;
  let evicted = 0;
  const payments = new Map();   // Sale_Reference_ID → payment, oldest first
  const inFlight = new Set();   // callback deliveries under way (promises)
  let closed = false;

  function settings() {
    return { currentYear: kigaliYear(clock.now()), sandbox: true };
  }

  function authorise(req) {
    const header = req.headers.authorization;
    const challenge = { 'WWW-Authenticate': 'Bearer realm="LTGS sandbox"' };
    const m = typeof header === 'string' ? header.match(/^Bearer[ ]+(\S+)\s*$/i) : null;
    if (!m) {
      throw new HttpError(401, 'auth.missing', 'Send Authorization: Bearer <API key>.', { field: 'Authorization', headers: challenge });
    }
    // Digests have one length, so the comparison is constant-time whatever was sent.
    if (!crypto.timingSafeEqual(sha256(m[1]), keyDigest)) {
      throw new HttpError(401, 'auth.invalid', 'The API key is not valid.', { field: 'Authorization', headers: challenge });
    }
  }

  function methodErrors(text, request) {
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return [];  // the core has reported the document
    }
    const error = (code, message) => [{ field: 'Payment_Method', code, message }];
    // The core's list and codes, as the partner backend's.
    const parsed = core.parsePaymentMethod(body && typeof body === 'object' && !Array.isArray(body) ? body.Payment_Method : undefined);
    if (!parsed.ok) return parsed.errors.map(plainError);
    const method = parsed.value;
    if (request) {
      // The same rules as the widget's choice: a push only to its own operator's numbers, USSD (MTN MoMo
      // Pay) only to MTN numbers, QR to anyone.
      const offered = core.paymentOptions(JSON.stringify(request), { mtnMerchantCode: merchant.mtnMerchantCode }, settings());
      if (offered.ok && !offered.value.options.some((o) => o.method === method)) {
        return error('method.not_available', `${method} is not available for this phone number.`);
      }
    }
    return { method };
  }

  function schedule(p, name, delayMs, fn) {
    p.timers[name] = clock.setTimeout(() => {
      delete p.timers[name];
      fn();
    }, delayMs);
  }

  function clearTimers(p) {
    for (const name of Object.keys(p.timers)) {
      clock.clearTimeout(p.timers[name]);
      delete p.timers[name];
    }
  }

  // PENDING → a final status, once; then the callback goes out.
  function finalise(p, status, { reason = null } = {}) {
    if (p.status !== 'PENDING' || closed) return false;
    clearTimers(p);
    const now = clock.now();
    p.status = status;
    p.finalisedAt = now;
    if (status === 'PAID' || status === 'FAILED') {
      p.paymentRefId = `${CHANNELS[p.method].refPrefix}${randomDigits()}`;
    }
    if (status === 'PAID') {
      p.amountPaid = p.amount;
      p.paidOn = kigaliDateTime(now);
    }
    p.failureReason = status === 'FAILED' ? reason : null;
    log(`payment ${p.reference}: ${status}${reason ? ` (${reason})` : ''} after ${Math.round((now - p.createdAt) / 1000)} s`);
    p.callback.body = JSON.stringify(statusDocument(p));
    startDelivery(p);
    return true;
  }

  // An ended payment whose callback is done is forgotten after retainMs.
  function retire(p) {
    if (closed) return;
    schedule(p, 'evict', retainMs, () => forget(p));
  }

  function forget(p) {
    clearTimers(p);
    if (payments.get(p.reference) === p) {
      payments.delete(p.reference);
      evicted += 1;
    }
  }

  // Room for one more payment: the oldest ended one goes; none ended, none goes (the caller answers 503).
  function makeRoom() {
    if (payments.size < maxPayments) return true;
    for (const p of payments.values()) {
      if (p.status !== 'PENDING') {
        forget(p);
        return true;
      }
    }
    return false;
  }

  function startDelivery(p) {
    const attempt = deliver(p);
    inFlight.add(attempt);
    attempt.finally(() => inFlight.delete(attempt));
  }

  // One delivery attempt: POST the signed notification; on anything but a 2xx, try again later.
  async function deliver(p) {
    const cb = p.callback;
    if (closed || cb.delivered) return;
    cb.attempts += 1;
    const attempt = cb.attempts;
    const t = clock.now();
    const controller = new AbortController();
    cb.controller = controller;
    const timeout = setTimeout(() => controller.abort(new Error('timed out')), retry.timeoutMs);
    timeout.unref?.();
    let outcome;
    try {
      const res = await fetchFn(p.callbackUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [SIGNATURE_HEADER]: signatureHeader(signingSecret, t, cb.body),
          'LTGS-Delivery-Attempt': String(attempt),
          'User-Agent': 'ltgs-sandbox',
        },
        body: cb.body,
        redirect: 'manual',  // a redirect is not a delivery
        signal: controller.signal,
      });
      await res.arrayBuffer().catch(() => {});
      outcome = res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`;
    } catch (err) {
      outcome = (err && err.cause && err.cause.code) || (err && err.message) || String(err);
    } finally {
      clearTimeout(timeout);
      cb.controller = null;
    }
    cb.lastAttemptAt = t;
    if (outcome === null) {
      cb.delivered = true;
      cb.lastError = null;
      log(`callback ${p.reference}: delivered (attempt ${attempt})`);
      retire(p);
      return;
    }
    cb.lastError = outcome;
    if (closed) return;
    if (attempt >= retry.maxAttempts) {
      cb.gaveUp = true;
      log(`callback ${p.reference}: ${outcome}; gave up after ${attempt} attempts`);
      retire(p);
      return;
    }
    const delay = Math.min(retry.baseMs * 2 ** (attempt - 1), retry.maxMs);
    cb.nextAttemptAt = clock.now() + delay;
    log(`callback ${p.reference}: ${outcome}; attempt ${attempt + 1} in ${delay} ms`);
    schedule(p, 'callback', delay, () => startDelivery(p));
  }

  function createPayment(request, method) {
    const now = clock.now();
    const p = {
      reference: request.Sale_Reference_ID,
      request,
      method,
      fingerprint: fingerprint(request, method),
      amount: request.Total_Amount_to_Pay,
      servicesName: request.Services_Name,
      callbackUrl: request.Callback_URL,
      status: 'PENDING',
      channel: CHANNELS[method].channel,
      paymentRefId: null,
      amountPaid: null,
      paidOn: null,
      failureReason: null,
      qrPayload: null,
      ussdCode: null,
      createdAt: now,
      expiresAt: now + expiryMs,
      finalisedAt: null,
      timers: {},
      callback: { body: null, attempts: 0, delivered: false, gaveUp: false, lastError: null, lastAttemptAt: null,
                  nextAttemptAt: null, controller: null },
    };
    if (method === 'QR') {
      const built = core.emvBuild({
        accountTag: merchant.accountTag, guid: merchant.guid, merchantId: merchant.merchantId, mcc: merchant.mcc,
        merchantName: merchant.merchantName, merchantCity: merchant.merchantCity,
        amount: p.amount, reference: p.reference,
      });
      if (!built.ok) throw new Error(`internal: the sandbox merchant cannot build a QR: ${built.errors[0].message}`);
      p.qrPayload = built.value;
    } else if (method === 'USSD') {
      const ussd = core.mtnMomoPayUssd(merchant.mtnMerchantCode, p.amount);
      if (!ussd.ok) throw new Error(`internal: the sandbox merchant cannot build a USSD code: ${ussd.errors[0].message}`);
      p.ussdCode = ussd.value.dial;
    }
    // The outcome timer is set before the expiry timer: at equal times the outcome wins.
    if (!SCANNED.has(method)) {
      const rule = TEST_NUMBERS.find((r) => r.phone === request.Phone_Number) ?? OTHER_NUMBERS;
      if (rule.status) schedule(p, 'outcome', delays[rule.after], () => finalise(p, rule.status, { reason: rule.reason }));
    }
    schedule(p, 'expiry', expiryMs, () => finalise(p, 'EXPIRED'));
    payments.set(p.reference, p);
    log(`payment ${p.reference}: PENDING (${method}, ${p.amount} RWF)`);
    return p;
  }

  async function postPayment(req, res) {
    authorise(req);
    requireJson(req);
    const text = decodeUtf8(await readBody(req, MAX_BODY_BYTES));
    if (text === null) throw new HttpError(400, 'json.invalid_utf8', 'The body is not valid UTF-8 text.');
    const result = core.validateRequestJson(text, settings());
    const request = result.ok ? result.value.request : null;
    const method = methodErrors(text, request);
    const errors = [...(result.ok ? [] : result.errors.map(plainError)), ...(Array.isArray(method) ? method : [])];
    if (request && method.method === 'QR' && request.Sale_Reference_ID.length > MAX_EMV_REFERENCE) {
      errors.push({
        field: 'Sale_Reference_ID',
        code: 'reference.too_long_for_qr',
        message: `A QR payment needs a Sale_Reference_ID of at most ${MAX_EMV_REFERENCE} characters ` +
                 '(it is the EMVCo reference label, tag 62/05).',
      });
    }
    if (errors.length > 0) {
      sendJson(res, 400, { errors });
      return;
    }
    const existing = payments.get(request.Sale_Reference_ID);
    if (existing) {
      if (existing.fingerprint !== fingerprint(request, method.method)) {
        throw new HttpError(409, 'reference.conflict',
          'A payment with this Sale_Reference_ID exists with other details; use a new Sale_Reference_ID.',
          { field: 'Sale_Reference_ID' });
      }
      sendJson(res, 200, initiateAnswer(existing));
      return;
    }
    if (closed) throw new HttpError(503, 'sandbox.closed', 'The sandbox is shutting down.');
    if (!makeRoom()) {
      throw new HttpError(503, 'sandbox.full', 'The sandbox holds as many pending payments as it may; try again later.',
        { headers: { 'Retry-After': '60' } });
    }
    sendJson(res, 201, initiateAnswer(createPayment(request, method.method)));
  }

  function paymentFromPath(segment) {
    const ref = decodeSegment(segment);
    const parsed = ref === null ? null : core.parseSaleReference(ref);
    if (!parsed || !parsed.ok) {
      throw new HttpError(400, parsed ? parsed.errors[0].code : 'reference.invalid_characters',
        parsed ? parsed.errors[0].message : 'The sale reference is not valid.', { field: 'Sale_Reference_ID' });
    }
    const p = payments.get(parsed.value);
    if (!p) throw new HttpError(404, 'payment.not_found', 'No payment has this Sale_Reference_ID.', { field: 'Sale_Reference_ID' });
    return p;
  }

  function simulateScan(p, action) {
    if (!SCANNED.has(p.method)) {
      throw new HttpError(409, 'sandbox.not_scannable', `A ${p.method} payment is decided by its phone number, not by a scan.`);
    }
    if (p.status !== 'PENDING') throw new HttpError(409, 'sandbox.not_pending', `The payment is already ${p.status}.`);
    finalise(p, action === 'approve' ? 'PAID' : 'FAILED', { reason: action === 'approve' ? null : 'DECLINED_BY_PAYER' });
    return statusDocument(p);
  }

  function listing() {
    return [...payments.values()].reverse().slice(0, 100).map((p) => ({
      reference: p.reference,
      method: p.method,
      amount: p.amount,
      servicesName: p.servicesName,
      status: p.status,
      awaitingScan: SCANNED.has(p.method) && p.status === 'PENDING',
      qrPayload: p.qrPayload,
      ussdCode: p.ussdCode,
      failureReason: p.failureReason,
      createdAt: new Date(p.createdAt).toISOString(),
      expiresAt: new Date(p.expiresAt).toISOString(),
      callback: {
        attempts: p.callback.attempts,
        delivered: p.callback.delivered,
        gaveUp: p.callback.gaveUp,
        lastError: p.callback.lastError,
      },
    }));
  }

  const routes = routeTable([
    ['POST', '/api/v1/payments', (req, res) => postPayment(req, res)],
    ['GET', /^\/api\/v1\/payments\/([^/]+)$/, (req, res, [ref]) => {
      authorise(req);
      sendJson(res, 200, statusDocument(paymentFromPath(ref)));
    }],
    ['POST', /^\/api\/v1\/sandbox\/payments\/([^/]+)\/(approve|decline)$/, (req, res, [ref, action]) => {
      req.resume();  // no body is needed
      // The payer's phone is simulated by our own pages and tools, never by another site's page.
      if (!isSameOrigin(req)) throw new HttpError(403, 'request.cross_origin', 'Requests from another site are refused.');
      sendJson(res, 200, simulateScan(paymentFromPath(ref), action));
    }],
    ['GET', '/api/v1/sandbox/payments', (req, res) => sendJson(res, 200, { payments: listing() })],
  ]);

  async function handle(req, res) {
    if (!(await dispatch(routes, req, res, new URL(req.url, 'http://sandbox.invalid')))) {
      throw new HttpError(404, 'request.not_found', 'No such endpoint.');
    }
  }

  return {
    key,
    handler: jsonHandler(handle, log),
    // For tests and the start-up script.
    payment: (ref) => payments.get(ref),
    get size() {
      return payments.size;
    },
    get evicted() {
      return evicted;
    },
    listing,
    approve: (ref) => simulateScan(paymentFromPath(encodeURIComponent(ref)), 'approve'),
    decline: (ref) => simulateScan(paymentFromPath(encodeURIComponent(ref)), 'decline'),
    // Resolves when the callback deliveries under way have finished (their retries are timers).
    async flush() {
      for (let i = 0; i < 100 && inFlight.size > 0; i += 1) await Promise.allSettled([...inFlight]);
    },
    // Stops every timer and aborts deliveries under way.
    close() {
      closed = true;
      for (const p of payments.values()) {
        clearTimers(p);
        if (p.callback.controller) p.callback.controller.abort(new Error('sandbox closed'));
      }
    },
  };
}

module.exports = {
  createSandbox,
  DEFAULT_KEY,
  DEFAULT_EXPIRY_MS,
  DEFAULT_DELAYS,
  DEFAULT_CALLBACK_RETRY,
  DEFAULT_MERCHANT,
  DEFAULT_RETAIN_MS,
  DEFAULT_MAX_PAYMENTS,
  TEST_NUMBERS,
  OTHER_NUMBERS,
  statusDocument,
};
