// The partner's side of the checkout as web-standard handlers: a function of a Request that resolves a
// Response, for the three endpoints the widget and LTGS need. It runs wherever the Fetch API does; the
// adapters in ./adapters.mjs put it under node:http and Express.
//
//   POST {base}/initiate             browser → partner: the payload without Callback_URL, plus Payment_Method.
//                                    Its Sale_Reference_ID names an attempt of one of the partner's orders;
//                                    the core decides whether that attempt may start, in one transaction with
//                                    its record; the amount and services name come from the order.
//   GET  {base}/status/{reference}   asks LTGS, records what it says, answers the status document.
//   POST {base}/callback             LTGS → partner: signature checked (or unsigned mode), status re-checked
//                                    with LTGS, recorded once; anything forged or mismatched is refused and
//                                    audited.
//
// Every rule (references, attempts, statuses, amounts, methods, validation) is the wasm core's, the same
// module the widget runs. No secret reaches the browser: answers are rebuilt from a list of allowed fields.

import signatureModule from './signature.js';
import guardsModule from './guards.js';
import tokenModule from './checkout-token.js';
import coreModule from './core.js';
import httpModule from './http.js';

const { SIGNATURE_HEADER, DEFAULT_TOLERANCE_MS, verifySignature } = signatureModule;
const { RateLimiter, logValue } = guardsModule;
const { HEADER: TOKEN_HEADER, verifyCheckoutToken } = tokenModule;
const { loadCore, kigaliYear } = coreModule;
const { routeTable } = httpModule;

export const MAX_BROWSER_BODY = 16 * 1024;
export const MAX_CALLBACK_BODY = 64 * 1024;
const DEFAULT_LTGS_TIMEOUT_MS = 10_000;
const DEFAULT_LIFETIME_MS = 10 * 60 * 1000;  // how long LTGS keeps a payment open (its expiry)

// Limits on what anonymous requests can make us do (each overridable through options.limits).
export const DEFAULT_LIMITS = Object.freeze({
  initiationsPerOrder: 10,          // initiation requests for one order …
  orderWindowMs: 60_000,            // … per minute
  attemptsPerPhone: 3,              // payment requests started for one phone number …
  phoneWindowMs: 15 * 60_000,       // … per 15 minutes (a push prompt each, for MTN and Airtel)
  recheckCacheMs: 2_000,            // a re-check's answer serves every callback for that reference this long
  rechecksPerAddress: 120,          // re-checks with LTGS caused by one caller's callbacks …
  addressWindowMs: 60_000,          // … per minute
  trackedKeys: 10_000,              // keys each limiter remembers at most
});

// What the browser may see of LTGS's answers.
export const STATUS_FIELDS = ['Sale_Reference_ID', 'Payment_Status', 'Payment_Channel', 'Payment_Ref_ID', 'Total_Amount_Paid',
                              'Paid_On'];

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};
// Headers the widget sends, allowed cross-origin when the partner lists the page's origin.
const CORS_REQUEST_HEADERS = 'Content-Type, Idempotency-Key, X-Checkout-Token';

// A failure with its answer: status, [{field, code, message}], headers, and members added to the body.
export class CheckoutError extends Error {
  constructor(status, code, message, { field = '$', headers = {}, extra = {} } = {}) {
    super(message);
    this.status = status;
    this.errors = [{ field, code, message }];
    this.headers = headers;
    this.extra = extra;
  }
}

function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
  });
}
const errorResponse = (err) => json(err.status, { errors: err.errors, ...err.extra }, err.headers);

function pick(doc, fields) {
  const out = {};
  for (const f of fields) out[f] = doc[f] ?? null;
  return out;
}

// Expires_At as the browser may see it: ISO-8601 in UTC, to the second or with a fraction.
const EXPIRES_AT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,9})?(?:Z|\+00:00)$/;

// LTGS's answer, for the browser: the status fields, QR_Payload and USSD_Code when they are strings, the
// sandbox's Failure_Reason when it is a code word (why a FAILED payment failed: the widget tells the payer),
// and Expires_At when it is a UTC time (when a PENDING payment ends unless approved: the widget's countdown).
// Nothing else is passed on.
function browserAnswer(doc) {
  const out = pick(doc, STATUS_FIELDS);
  if (typeof doc.QR_Payload === 'string' && doc.QR_Payload.length <= 512) out.QR_Payload = doc.QR_Payload;
  if (typeof doc.USSD_Code === 'string' && /^[0-9*#]{1,64}$/.test(doc.USSD_Code)) out.USSD_Code = doc.USSD_Code;
  if (typeof doc.Failure_Reason === 'string' && /^[A-Z0-9_]{1,64}$/.test(doc.Failure_Reason)) out.Failure_Reason = doc.Failure_Reason;
  if (typeof doc.Expires_At === 'string' && EXPIRES_AT.test(doc.Expires_At)) out.Expires_At = doc.Expires_At;
  return out;
}

// LTGS's field errors, passed on as plain {field, code, message} strings.
function cleanErrors(errors) {
  if (!Array.isArray(errors)) return [];
  return errors.slice(0, 20).map((e) => ({
    field: String(e && e.field).slice(0, 64),
    code: String(e && e.code).slice(0, 64),
    message: String(e && e.message).slice(0, 300),
  }));
}

function parseJsonObject(text) {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

// The request body, at most `limit` bytes: 413 beyond, without reading the rest.
async function readBody(request, limit) {
  const declared = Number(request.headers.get('content-length'));
  const tooLarge = () => new CheckoutError(413, 'request.too_large', `The body is larger than ${limit} bytes.`);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function decodeUtf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

const systemClock = { now: () => Date.now() };
const unavailable = () => new CheckoutError(502, 'ltgs.unavailable', 'The payment service is not available; try again shortly.');

function rateLimited(code, message, retryAfterMs, nowMs, field = '$') {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new CheckoutError(429, code, message, {
    field, headers: { 'Retry-After': String(seconds) }, extra: { retryAtMs: nowMs + seconds * 1000 },
  });
}

// The order as the core reads it, from a store's rows.
function coreOrder(order, attempts) {
  return {
    reference: order.reference,
    amountRwf: Number(order.amount),
    attempts: attempts.map(coreAttempt),
  };
}
// The order's status from its attempts as they are inside the transaction, written to its row.
async function refreshOrder(core, tx, order) {
  const status = valueOf(core.orderStatus(coreOrder(order, await tx.attemptsOf(order.id))));
  await tx.refreshOrder(order.id, status);
  return status;
}
// The value of a core answer that cannot fail on what this file gives it; a failure is a bug here.
function valueOf(answer) {
  if (!answer.ok) throw new Error(`internal: ${answer.errors[0].code}: ${answer.errors[0].message}`);
  return answer.value;
}
function coreAttempt(row) {
  return {
    number: Number(row.number), state: row.state, startedAtMs: Number(row.started_at_ms),
    expiresAtMs: Number(row.expires_at_ms), paymentRefId: row.payment_ref_id ?? null,
    amountPaidRwf: row.amount_paid === null || row.amount_paid === undefined ? null : Number(row.amount_paid),
  };
}

// options (see index.d.ts):
//   ltgs: { baseUrl, apiKey, timeoutMs? }       LTGS (or the sandbox)
//   callback: { url | publicUrl, secret?, signature: 'required' | 'none', toleranceMs? }
//   lookupOrder(reference) → { reference, amount, servicesName, customerName?, accountNumber? } | null
//   store                                       openSqliteStore(…) or openPostgresStore(…)
//   checkoutTokenSecret?                        when set, an initiation needs the page's X-Checkout-Token
//   allowedOrigins?                             other origins whose pages may call initiate and status (CORS)
//   basePath? ('/checkout'), lifetimeMs?, limits?, sandbox?, core?, clock?, fetch?, log?
export async function createCheckoutHandlers(options) {
  const o = options || {};
  const core = o.core ?? await loadCore();
  if (!core || typeof core.decideInitiation !== 'function') throw new TypeError('core must be the loaded ltgs-checkout core');
  const store = o.store;
  if (!store || typeof store.transaction !== 'function') {
    throw new TypeError('store must be openSqliteStore(…) or openPostgresStore(…) from ltgs-checkout/server');
  }
  const l = o.ltgs || {};
  if (typeof l.baseUrl !== 'string' || !/^https?:\/\//.test(l.baseUrl)) throw new TypeError('ltgs.baseUrl must be an http(s) URL');
  if (typeof l.apiKey !== 'string' || l.apiKey === '') throw new TypeError('ltgs.apiKey must be the LTGS API key');
  const apiBase = l.baseUrl.replace(/\/+$/, '');
  const apiKey = l.apiKey;
  const ltgsTimeoutMs = l.timeoutMs ?? DEFAULT_LTGS_TIMEOUT_MS;
  const c = o.callback || {};
  const signatureMode = c.signature ?? 'required';
  if (signatureMode !== 'required' && signatureMode !== 'none') throw new TypeError("callback.signature must be 'required' or 'none'");
  const callbackSecret = c.secret ?? apiKey;
  const toleranceMs = c.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  const basePath = (o.basePath ?? '/checkout').replace(/\/+$/, '');
  const publicUrl = typeof c.publicUrl === 'function' ? c.publicUrl : () => c.publicUrl;
  const callbackUrl = () => (c.url ?? `${String(publicUrl()).replace(/\/+$/, '')}${basePath}/callback`);
  if (typeof o.lookupOrder !== 'function' && o.lookupOrder !== undefined) throw new TypeError('lookupOrder must be a function');
  const lookupOrder = o.lookupOrder ?? (() => null);
  const tokenSecret = o.checkoutTokenSecret ?? null;
  if (tokenSecret !== null && (typeof tokenSecret !== 'string' || tokenSecret.length < 16)) {
    throw new TypeError('checkoutTokenSecret must be a string of at least 16 characters');
  }
  const allowedOrigins = new Set((o.allowedOrigins ?? []).map((u) => new URL(u).origin));
  const clock = o.clock ?? systemClock;
  const fetchFn = o.fetch ?? ((...args) => globalThis.fetch(...args));
  const log = o.log ?? (() => {});
  const lifetimeMs = o.lifetimeMs ?? DEFAULT_LIFETIME_MS;
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const limiter = (limit, windowMs) => new RateLimiter({ limit, windowMs, maxKeys: limits.trackedKeys, clock });
  const perOrder = limiter(limits.initiationsPerOrder, limits.orderWindowMs);
  const perPhone = limiter(limits.attemptsPerPhone, limits.phoneWindowMs);
  const perAddress = limiter(limits.rechecksPerAddress, limits.addressWindowMs);
  const rechecks = new Map();  // Sale_Reference_ID → { promise, pending, until }
  const finalStatuses = new Set(valueOf(core.checkoutRules()).finalStatuses);
  const settings = () => ({ currentYear: kigaliYear(clock.now()), sandbox: Boolean(o.sandbox) });

  // Fails early when the partner's own Callback_URL would be refused (e.g. http without sandbox mode).
  function checkConfiguration() {
    const r = core.parseCallbackUrl(callbackUrl(), Boolean(o.sandbox));
    if (!r.ok) throw new Error(`Callback_URL ${callbackUrl()} is not usable: ${r.errors[0].message}`);
    return r.value;
  }

  // One request to LTGS: { status, text }; a network failure or timeout is a 502 for our caller.
  async function ltgs(method, path, body, extraHeaders = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timed out')), ltgsTimeoutMs);
    timer.unref?.();
    try {
      const res = await fetchFn(`${apiBase}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${apiKey}`,
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...extraHeaders,
        },
        body,
        redirect: 'error',
        signal: controller.signal,
      });
      return { status: res.status, text: await res.text() };
    } catch (err) {
      log(`LTGS ${method} ${logValue(path)}: ${logValue((err && err.cause && err.cause.code) || (err && err.message) || err)}`);
      throw unavailable();
    } finally {
      clearTimeout(timer);
    }
  }

  // A Sale_Reference_ID as the core reads it: { orderReference, number, reference }, or a 400 with its code.
  function attemptRefFrom(value) {
    const r = typeof value === 'string' ? core.parseAttemptReference(value) : null;
    if (!r || !r.ok) {
      throw new CheckoutError(400, r ? r.errors[0].code : 'reference.required',
        r ? r.errors[0].message : 'Sale_Reference_ID must be the order reference.', { field: 'Sale_Reference_ID' });
    }
    return r.value;
  }

  // The order for an order reference: the store's row, or the partner's bill (id null: no row yet; one is
  // written only when its first attempt starts, so that a refused request leaves nothing behind).
  async function orderFor(orderReference) {
    const row = await store.getOrder(orderReference);
    if (row) return row;
    const bill = await lookupOrder(orderReference);
    if (bill && bill.reference === orderReference) {
      return { id: null, reference: bill.reference, amount: bill.amount, services_name: bill.servicesName,
        customer_name: bill.customerName ?? '', account_number: bill.accountNumber ?? '' };
    }
    throw new CheckoutError(404, 'order.unknown', 'There is no order with this reference.', { field: 'Sale_Reference_ID' });
  }

  // The core's decision for an initiation of attempt `number`, and the new attempt's row when it starts:
  // read, decided and written in one transaction, so that two requests (or two processes) cannot both start one.
  function decideAndReserve(given, attemptRef, method, phone) {
    return store.transaction(async (tx) => {
      let order = (await tx.lockOrder(given.reference)) ?? given;
      const attempts = order.id === null ? [] : await tx.attemptsOf(order.id);
      const d = valueOf(core.decideInitiation(coreOrder(order, attempts), attemptRef.number, clock.now()));
      if (d.decision !== 'newAttempt') return { decision: d, order, row: attempts.find((a) => Number(a.number) === d.number) || null };
      // A new payment request reaches the customer's phone (a push prompt): at most so many per number.
      const phoneSlot = perPhone.take(phone);
      if (!phoneSlot.ok) {
        throw rateLimited('rate.phone', 'Too many payment requests for this phone number; wait before trying again.',
          phoneSlot.retryAfterMs, clock.now(), 'Phone_Number');
      }
      if (order.id === null) {
        order = await tx.ensureOrder({ reference: order.reference, amount: order.amount, servicesName: order.services_name,
          customerName: order.customer_name, accountNumber: order.account_number });
      }
      const started = valueOf(core.startAttempt(d.number, clock.now(), lifetimeMs));
      const row = await tx.insertAttempt({ orderId: order.id, attempt: started, reference: d.reference, method });
      await refreshOrder(core, tx, order);
      return { decision: d, order, row };
    });
  }

  // A status LTGS gave us (its text, read by the core) → the attempt and its order, in one transaction.
  // Every final result is recorded once; money LTGS took is never lost or counted twice.
  function applyStatus(reference, statusText, source) {
    return store.transaction(async (tx) => {
      const found = await tx.lockAttempt(reference);  // as it is now, held until the transaction ends
      if (!found) return { outcome: 'unusable', code: 'order.unknown' };
      const { attempt: row, order } = found;
      const answer = core.applyAttemptStatus(coreAttempt(row), Number(order.amount), statusText);
      if (!answer.ok) return { outcome: 'unusable', code: answer.errors[0].code };
      const u = answer.value;
      const n = valueOf(core.parseCallbackJson(statusText));
      if (u.changed) {
        await tx.updateAttempt(row, u.attempt, { channel: n.Payment_Channel, paidOn: n.Paid_On });
        await tx.recordResult({ attemptId: row.id, status: u.attempt.state, paymentRefId: u.attempt.paymentRefId,
          channel: n.Payment_Channel, amountPaid: u.attempt.amountPaidRwf, paidOn: n.Paid_On, source });
        const status = await refreshOrder(core, tx, order);
        const dup = status.duplicateAttempts.length
          ? ` — paid ${status.duplicateAttempts.length + 1} times, refund due ${status.refundDueRwf} RWF` : '';
        log(`attempt ${logValue(row.reference)}: ${u.attempt.state} (${u.code}, ${source}); order ${logValue(order.reference)}: ${status.state}${dup}`);
      }
      return { outcome: u.changed ? 'recorded' : 'unchanged', code: u.code, state: u.changed ? u.attempt.state : row.state };
    });
  }

  // A refusal of the core's, for the browser: its code, and when or under which reference it could go on.
  function refusal(d) {
    const headers = {};
    if (d.retryAtMs !== null) headers['Retry-After'] = String(Math.max(1, Math.ceil((d.retryAtMs - clock.now()) / 1000)));
    return json(409, {
      errors: [{ field: 'Sale_Reference_ID', code: d.code, message: d.message }],
      retryAtMs: d.retryAtMs, nextReference: d.nextReference || null,
    }, headers);
  }

  // A page on another site must not start payments, unless the partner allowed its origin. Browsers send
  // Sec-Fetch-Site (same-origin for our own pages); without it, an Origin header, when present, must be ours.
  function checkOrigin(request) {
    const origin = request.headers.get('origin');
    if (origin !== null && allowedOrigins.has(origin)) return;
    const site = request.headers.get('sec-fetch-site');
    let ok;
    if (site !== null) ok = site === 'same-origin';
    else if (origin === null) ok = true;  // not a browser's cross-site request
    else {
      const host = request.headers.get('host') ?? new URL(request.url).host;
      let own = null;
      try {
        own = new URL(publicUrl()).origin;
      } catch { /* no public URL: the Host header decides */ }
      ok = origin === `http://${host}` || origin === `https://${host}` || origin === own;
    }
    if (!ok) throw new CheckoutError(403, 'request.cross_origin', 'Requests from another site are refused.');
  }

  function corsHeaders(request) {
    const origin = request.headers.get('origin');
    if (origin === null || !allowedOrigins.has(origin)) return {};
    return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Expose-Headers': 'Retry-After' };
  }

  async function initiate(request) {
    checkOrigin(request);
    const type = String(request.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') throw new CheckoutError(415, 'request.not_json', 'The body must be application/json.');
    const text = decodeUtf8(await readBody(request, MAX_BROWSER_BODY));
    const input = text === null ? null : parseJsonObject(text);
    if (!input) throw new CheckoutError(400, 'json.not_object', 'The body must be one JSON object.');
    const attemptRef = attemptRefFrom(input.Sale_Reference_ID);  // nothing stored is read before the reference is good
    const reference = attemptRef.reference;
    if (tokenSecret !== null) {
      const t = verifyCheckoutToken({ secret: tokenSecret, token: request.headers.get(TOKEN_HEADER) ?? undefined,
        orderReference: attemptRef.orderReference, nowMs: clock.now() });
      if (!t.ok) {
        throw new CheckoutError(403, t.code, 'The payment must be started from the checkout page of this order.',
          { field: TOKEN_HEADER });
      }
    }
    const orderSlot = perOrder.take(attemptRef.orderReference);
    if (!orderSlot.ok) {
      throw rateLimited('rate.order', 'Too many payment requests for this order; wait a moment.', orderSlot.retryAfterMs,
        clock.now(), 'Sale_Reference_ID');
    }
    const idempotencyKey = request.headers.get('idempotency-key');
    if (idempotencyKey !== null && idempotencyKey !== reference) {
      throw new CheckoutError(400, 'idempotency.mismatch', 'Idempotency-Key must be the Sale_Reference_ID.', { field: 'Idempotency-Key' });
    }
    let order = await orderFor(attemptRef.orderReference);
    // The amount and the service come from our own order, never from the browser; a page showing another
    // amount than the order's is refused rather than silently corrected.
    if (input.Total_Amount_to_Pay !== Number(order.amount)) {
      throw new CheckoutError(409, 'order.amount_mismatch', 'The amount is not the order\'s amount.', { field: 'Total_Amount_to_Pay' });
    }
    const method = core.parsePaymentMethod(input.Payment_Method);
    const payload = {
      Sale_Reference_ID: reference,
      Customer_KYC_ID: input.Customer_KYC_ID,
      Phone_Number: input.Phone_Number,
      Email_Address: input.Email_Address ?? '',
      Services_Name: order.services_name,
      Total_Amount_to_Pay: Number(order.amount),
      Callback_URL: callbackUrl(),  // ours, whatever the browser sent
    };
    const v = core.validateRequestJson(JSON.stringify(payload), settings());
    const errors = [...(v.ok ? [] : v.errors), ...(method.ok ? [] : method.errors)].map(({ field, code, message }) => ({ field, code, message }));
    if (errors.length > 0) return json(400, { errors });

    const phone = v.value.request.Phone_Number;
    let { decision, row, order: reserved } = await decideAndReserve(order, attemptRef, method.value, phone);
    if (decision.decision === 'refused' && decision.recheckFirst) {
      // The open attempt is past its deadline: LTGS has ended it by now, or will say it is still open.
      await refreshAttempt(decision.reference, 'initiate');
      ({ decision, row, order: reserved } = await decideAndReserve(order, attemptRef, method.value, phone));
    }
    order = reserved;
    if (decision.decision === 'refused') return refusal(decision);

    const r = await ltgs('POST', '/api/v1/payments', JSON.stringify({ ...v.value.request, Payment_Method: method.value }),
      { 'Idempotency-Key': reference });
    const doc = parseJsonObject(r.text);
    if ((r.status === 200 || r.status === 201) && doc && doc.Sale_Reference_ID === reference) {
      const statusText = JSON.stringify(pick(doc, STATUS_FIELDS));
      if (core.parseCallbackJson(statusText).ok) await applyStatus(reference, statusText, 'initiate');
      return json(r.status, browserAnswer(doc));
    }
    if (r.status === 400 && doc) {
      // LTGS refused to start it: the attempt never existed there, and its number is used up.
      await store.transaction(async (tx) => {
        const found = await tx.lockAttempt(reference);
        const rejected = valueOf(core.rejectAttempt(coreAttempt(found.attempt)));
        await tx.updateAttempt(found.attempt, rejected);
        await refreshOrder(core, tx, found.order);
      });
      return json(400, { errors: cleanErrors(doc.errors) });
    }
    // The reference exists at LTGS with another body: the attempt stays open there.
    if (r.status === 409 && doc) return json(409, { errors: cleanErrors(doc.errors) });
    // 401/403: our key is wrong, a matter for the operator's log, not for the payer. The attempt stays
    // PENDING: LTGS may have started it, and a re-send with the same reference is safe.
    log(`LTGS answered the initiation of ${logValue(reference)} with HTTP ${r.status}`);
    throw unavailable();
  }

  // Asks LTGS about an attempt and records what it says; null when LTGS has no answer.
  async function refreshAttempt(reference, source) {
    try {
      const { text } = await ltgsStatus(reference);
      return await applyStatus(reference, text, source);
    } catch (err) {
      if (!(err instanceof CheckoutError)) throw err;
      return null;
    }
  }

  // LTGS's status of a reference, read by the core: { notification, failureReason, expiresAt, text } or a 404/502.
  async function ltgsStatus(reference) {
    const r = await ltgs('GET', `/api/v1/payments/${encodeURIComponent(reference)}`);
    if (r.status === 404) {
      throw new CheckoutError(404, 'payment.not_found', 'LTGS has no payment for this reference yet.', { field: 'Sale_Reference_ID' });
    }
    if (r.status !== 200) {
      log(`LTGS answered the status of ${logValue(reference)} with HTTP ${r.status}`);
      throw unavailable();
    }
    const parsed = core.parseCallbackJson(r.text);
    if (!parsed.ok || parsed.value.Sale_Reference_ID !== reference) {
      log(`LTGS answered the status of ${logValue(reference)} with an unusable document`);
      throw unavailable();
    }
    const doc = parseJsonObject(r.text);
    return { notification: parsed.value, failureReason: doc && doc.Failure_Reason, expiresAt: doc && doc.Expires_At,
      text: r.text };
  }

  // LTGS's status for a callback's reference: one request in flight per reference, its answer reused for
  // a moment, and each caller's share of fresh requests to LTGS limited, so that anonymous callbacks cannot
  // make us call LTGS at their pace.
  function recheck(reference, address) {
    const now = clock.now();
    const cached = rechecks.get(reference);
    if (cached && (cached.pending || now < cached.until)) return cached.promise;
    const slot = perAddress.take(String(address));
    if (!slot.ok) return Promise.reject(rateLimited('rate.callback', 'Too many callbacks; deliver again later.', slot.retryAfterMs, now));
    const entry = { pending: true, until: 0, promise: null };
    entry.promise = ltgsStatus(reference).finally(() => {
      entry.pending = false;
      entry.until = clock.now() + limits.recheckCacheMs;
    });
    entry.promise.catch(() => {  // a failure is not cached
      if (rechecks.get(reference) === entry) rechecks.delete(reference);
    });
    rechecks.delete(reference);
    rechecks.set(reference, entry);
    while (rechecks.size > limits.trackedKeys) rechecks.delete(rechecks.keys().next().value);
    return entry.promise;
  }

  async function status(request, segment) {
    let decoded = null;
    try {
      decoded = decodeURIComponent(segment);
    } catch { /* malformed escapes: refused below */ }
    const reference = attemptRefFrom(decoded).reference;
    const found = await store.findAttempt(reference);
    if (!found) throw new CheckoutError(404, 'order.unknown', 'There is no payment with this reference.', { field: 'Sale_Reference_ID' });
    const { notification, failureReason, expiresAt, text } = await ltgsStatus(reference);
    await applyStatus(reference, text, 'status');
    return json(200, browserAnswer({ ...notification, Failure_Reason: failureReason, Expires_At: expiresAt }));
  }

  async function callback(request, context) {
    const audit = { remoteAddress: context.remoteAddress ?? null, signature: 'not_checked', outcome: 'rejected', code: '' };
    const answer = (httpStatus, outcome, code, extra = {}) => {
      audit.outcome = outcome;
      audit.code = code;
      if (outcome === 'rejected' || outcome === 'error') {
        log(`callback ${outcome}: ${logValue(code)}${audit.reference ? ` reference ${logValue(audit.reference)}` : ''}`);
      }
      if (httpStatus < 300) return json(httpStatus, { received: true, ...(extra.body || {}) });
      return json(httpStatus, { errors: [{ field: '$', code, message: extra.message ?? code }] }, extra.headers);
    };
    try {
      let raw;
      try {
        raw = await readBody(request, MAX_CALLBACK_BODY);
      } catch (err) {
        if (err instanceof CheckoutError) return answer(err.status, 'rejected', err.errors[0].code);
        throw err;
      }
      const text = decodeUtf8(raw);
      audit.body = text ?? Buffer.from(raw).toString('latin1');
      const claimed = text === null ? null : parseJsonObject(text);
      if (claimed) {
        audit.reference = typeof claimed.Sale_Reference_ID === 'string' ? claimed.Sale_Reference_ID : null;
        audit.paymentRefId = typeof claimed.Payment_Ref_ID === 'string' ? claimed.Payment_Ref_ID : null;
        audit.claimedStatus = typeof claimed.Payment_Status === 'string' ? claimed.Payment_Status : null;
      }

      if (signatureMode === 'required') {
        const v = verifySignature({
          header: request.headers.get(SIGNATURE_HEADER) ?? undefined, rawBody: Buffer.from(raw), secret: callbackSecret,
          nowMs: clock.now(), toleranceMs,
        });
        audit.signature = v.ok ? 'valid' : v.code.slice('signature.'.length);
        if (!v.ok) return answer(401, 'rejected', v.code, { message: 'The signature is missing, stale or wrong.' });
      }
      if (text === null) return answer(400, 'rejected', 'json.invalid_utf8');
      const parsed = core.parseCallbackJson(text);
      if (!parsed.ok) return answer(400, 'rejected', parsed.errors[0].code);
      const n = parsed.value;
      const ref = core.parseAttemptReference(n.Sale_Reference_ID);
      const found = ref.ok ? await store.findAttempt(ref.value.reference) : null;
      if (!found) return answer(404, 'rejected', 'order.unknown');

      // The callback is a hint: LTGS's own answer decides.
      let truth;
      let truthText;
      try {
        ({ notification: truth, text: truthText } = await recheck(n.Sale_Reference_ID, context.remoteAddress));
      } catch (err) {
        if (!(err instanceof CheckoutError)) throw err;
        if (err.status === 429) return answer(429, 'rejected', 'rate.callback', { message: err.message, headers: err.headers });
        // Not a 2xx, so that LTGS delivers again later.
        return answer(err.status === 404 ? 409 : 503, err.status === 404 ? 'rejected' : 'error',
          err.status === 404 ? 'callback.unknown_to_ltgs' : 'callback.recheck_failed');
      }
      const word = (status) => valueOf(core.paymentStatusWord(status));
      const same = word(n.Payment_Status) === word(truth.Payment_Status)
        && (n.Payment_Ref_ID ?? null) === (truth.Payment_Ref_ID ?? null)
        && (n.Total_Amount_Paid ?? null) === (truth.Total_Amount_Paid ?? null);
      if (!same) return answer(409, 'rejected', 'callback.status_mismatch');
      if (!finalStatuses.has(word(truth.Payment_Status))) return answer(200, 'ignored', 'callback.not_final');

      const applied = await applyStatus(ref.value.reference, truthText, 'callback');
      if (applied.outcome === 'unusable') return answer(409, 'rejected', applied.code);
      // Recorded (or known already): 2xx, so that LTGS does not deliver it again. A payment of another
      // amount is recorded as AMOUNT_MISMATCH for the merchant to settle.
      if (applied.outcome === 'unchanged') return answer(200, 'duplicate', 'callback.duplicate', { body: { duplicate: true } });
      if (applied.state === 'AMOUNT_MISMATCH') return answer(200, 'recorded', 'callback.amount_mismatch');
      return answer(200, 'recorded', 'callback.recorded');
    } catch (err) {
      audit.outcome = 'error';
      audit.code = 'server.error';
      throw err;
    } finally {
      try {
        await store.logCallback(audit);
      } catch (err) {
        log(`cannot write the callback audit row: ${logValue(err.message)}`);
      }
    }
  }

  // The three endpoints, under basePath; the browser's two take a CORS preflight (cors: true).
  const routes = routeTable([
    ['POST', '/initiate', { cors: true, answer: (request) => initiate(request) }],
    ['GET', /^\/status\/([^/]+)$/, { cors: true, answer: (request, context, [reference]) => status(request, reference) }],
    ['POST', '/callback', { cors: false, answer: (request, context) => callback(request, context) }],
  ]);

  // The Response for a request to one of the three endpoints, or null when the path is not one of them.
  // context: { remoteAddress } (the adapters fill it in).
  async function handle(request, context = {}) {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith(`${basePath}/`)) return null;
    const found = routes(request.method, pathname.slice(basePath.length));
    if (!found) return null;
    try {
      if (found.allow) {
        // A CORS preflight (the browser's endpoints): granted only to the origins the partner listed.
        if (request.method === 'OPTIONS' && found.handler.cors) {
          const cors = corsHeaders(request);
          if (!cors['Access-Control-Allow-Origin']) throw new CheckoutError(403, 'request.cross_origin', 'Requests from another site are refused.');
          return new Response(null, { status: 204, headers: { ...cors, 'Access-Control-Allow-Methods': found.allow,
            'Access-Control-Allow-Headers': CORS_REQUEST_HEADERS, 'Access-Control-Max-Age': '600', ...SECURITY_HEADERS } });
        }
        throw new CheckoutError(405, 'request.method', `Use ${found.allow}.`, { headers: { Allow: found.allow } });
      }
      const response = await found.handler.answer(request, context, found.params);
      if (!found.handler.cors) return response;
      for (const [k, v] of Object.entries(corsHeaders(request))) response.headers.set(k, v);
      return response;
    } catch (err) {
      if (!(err instanceof CheckoutError)) throw err;
      const response = errorResponse(err);
      for (const [k, v] of Object.entries(corsHeaders(request))) response.headers.set(k, v);
      return response;
    }
  }

  // Each endpoint on its own, for frameworks that route by themselves: a Request in, a Response out.
  const guarded = (fn) => async (request, ...args) => {
    try {
      const response = await fn(request, ...args);
      for (const [k, v] of Object.entries(corsHeaders(request))) response.headers.set(k, v);
      return response;
    } catch (err) {
      if (!(err instanceof CheckoutError)) throw err;
      return errorResponse(err);
    }
  };

  return {
    handle,
    initiate: guarded(initiate),
    // status(request, reference): the reference as it appears in the path (percent-encoded or not).
    status: guarded((request, reference) => status(request, encodeURIComponent(reference))),
    callback: (request, context = {}) => callback(request, context),
    callbackUrl,
    checkConfiguration,
    signatureMode,
    basePath,
    core,
  };
}
