// The reference partner integration: the browser talks only to the partner, the partner talks to LTGS.
//
//   POST /checkout/initiate             browser → partner: the payload without Callback_URL, plus
//                                       Payment_Method. Its Sale_Reference_ID names an attempt of one of the
//                                       partner's orders; the core decides whether that attempt may start
//                                       (in one transaction with its record); the amount comes from the order.
//   GET  /checkout/status/{reference}   asks LTGS, records what it says, answers the status document.
//   POST /checkout/callback             LTGS → partner: signature checked (or unsigned mode), status re-checked
//                                       with LTGS, reference and amount checked against the order, recorded
//                                       once in SQLite; anything forged or mismatched is refused and logged.
//
// No secret ever reaches the browser: answers are rebuilt from a list of allowed fields.
'use strict';

const {
  HttpError, systemClock, sendJson, sendErrors, readBody, decodeUtf8, requireJson, decodeSegment, isSameOrigin,
} = require('../lib/http.js');
const { SIGNATURE_HEADER, DEFAULT_TOLERANCE_MS, verifySignature } = require('../lib/signature.js');
const { kigaliYear } = require('../lib/core.js');
const { RateLimiter, rateLimited, logValue } = require('../lib/guards.js');
const { HEADER: TOKEN_HEADER, verifyCheckoutToken } = require('./checkout-token.js');

const MAX_BROWSER_BODY = 16 * 1024;
const MAX_CALLBACK_BODY = 64 * 1024;
const DEFAULT_LTGS_TIMEOUT_MS = 10_000;
const DEFAULT_LIFETIME_MS = 10 * 60 * 1000;  // how long LTGS keeps a payment open (its expiry)

// Limits on what anonymous requests can make us do (each overridable through options.limits):
const DEFAULT_LIMITS = {
  initiationsPerOrder: 10,          // initiation requests for one order …
  orderWindowMs: 60_000,            // … per minute
  attemptsPerPhone: 3,              // payment requests started for one phone number …
  phoneWindowMs: 15 * 60_000,       // … per 15 minutes (a push prompt each, for MTN and Airtel)
  recheckCacheMs: 2_000,            // a re-check's answer serves every callback for that reference this long
  rechecksPerAddress: 120,          // re-checks with LTGS caused by one caller's callbacks …
  addressWindowMs: 60_000,          // … per minute
  trackedKeys: 10_000,              // keys each limiter remembers at most
};

// What the browser may see of LTGS's answers.
const STATUS_FIELDS = ['Sale_Reference_ID', 'Payment_Status', 'Payment_Channel', 'Payment_Ref_ID', 'Total_Amount_Paid',
                       'Paid_On'];

function pick(doc, fields) {
  const out = {};
  for (const f of fields) out[f] = doc[f] ?? null;
  return out;
}

// LTGS's initiation answer, for the browser: the status fields, QR_Payload and USSD_Code when they are
// strings, and the sandbox's Failure_Reason when it is a code word. Nothing else is passed on.
function browserInitiateAnswer(doc) {
  const out = pick(doc, STATUS_FIELDS);
  if (typeof doc.QR_Payload === 'string' && doc.QR_Payload.length <= 512) out.QR_Payload = doc.QR_Payload;
  if (typeof doc.USSD_Code === 'string' && /^[0-9*#]{1,64}$/.test(doc.USSD_Code)) out.USSD_Code = doc.USSD_Code;
  if (typeof doc.Failure_Reason === 'string' && /^[A-Z0-9_]{1,64}$/.test(doc.Failure_Reason)) out.Failure_Reason = doc.Failure_Reason;
  return out;
}

// The core's field errors from LTGS, passed on as plain {field, code, message} strings.
function cleanErrors(errors) {
  if (!Array.isArray(errors)) return [];
  return errors.slice(0, 20).map((e) => ({
    field: String(e && e.field).slice(0, 64),
    code: String(e && e.code).slice(0, 64),
    message: String(e && e.message).slice(0, 300),
  }));
}

const unavailable = () => new HttpError(502, 'ltgs.unavailable', 'The payment service is not available; try again shortly.');

// options:
//   core               the loaded wasm module
//   store              openStore(…) from ./store.js
//   apiBase, apiKey    LTGS (or the sandbox): base URL and secret key
//   publicUrl          the partner's public base URL (string or function): Callback_URL = publicUrl + /checkout/callback
//   callbackSecret     the HMAC secret of LTGS-Signature (default apiKey)
//   signatureMode      'required' (default) or 'none': unsigned mode, in which only the re-check decides
//   toleranceMs        accepted distance of the signature's timestamp from now (default 5 min)
//   sandbox            validate with the core's sandbox setting (http callbacks on 127.0.0.1)
//   lookupOrder        (reference) → { reference, amount, servicesName, customerName?, accountNumber? } or null:
//                      the partner's bill for an order reference, made an order row on its first initiation
//                      (without it, only orders already in the store can be paid)
//   lifetimeMs         how long LTGS keeps a payment open (default 10 min): until then, another attempt of
//                      the same order is refused
//   checkoutTokenSecret  when set, an initiation needs the X-Checkout-Token the page was given for its order
//                      (./checkout-token.js): 403 checkout.token_missing / token_invalid / token_expired
//   limits             DEFAULT_LIMITS overrides
//   clock, fetch, log, ltgsTimeoutMs
function createPartnerBackend(options) {
  const o = options || {};
  const { core, store } = o;
  if (!core || typeof core.validateRequestJson !== 'function') throw new TypeError('core must be the loaded wasm module');
  if (!store || typeof store.getOrder !== 'function') throw new TypeError('store must be openStore(…) from web/partner/store.js');
  if (typeof o.apiBase !== 'string' || !/^https?:\/\//.test(o.apiBase)) throw new TypeError('apiBase must be an http(s) URL');
  if (typeof o.apiKey !== 'string' || o.apiKey === '') throw new TypeError('apiKey must be the LTGS API key');
  const apiBase = o.apiBase.replace(/\/+$/, '');
  const apiKey = o.apiKey;
  const callbackSecret = o.callbackSecret ?? apiKey;
  const signatureMode = o.signatureMode ?? 'required';
  if (signatureMode !== 'required' && signatureMode !== 'none') throw new TypeError("signatureMode must be 'required' or 'none'");
  const toleranceMs = o.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  const clock = o.clock ?? systemClock;
  const fetchFn = o.fetch ?? ((...args) => globalThis.fetch(...args));
  const log = o.log ?? (() => {});
  const ltgsTimeoutMs = o.ltgsTimeoutMs ?? DEFAULT_LTGS_TIMEOUT_MS;
  const publicUrl = typeof o.publicUrl === 'function' ? o.publicUrl : () => o.publicUrl;
  const lookupOrder = o.lookupOrder ?? (() => null);
  const tokenSecret = o.checkoutTokenSecret ?? null;
  if (tokenSecret !== null && (typeof tokenSecret !== 'string' || tokenSecret.length < 16)) {
    throw new TypeError('checkoutTokenSecret must be a string of at least 16 characters');
  }
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const limiter = (limit, windowMs) => new RateLimiter({ limit, windowMs, maxKeys: limits.trackedKeys, clock });
  const perOrder = limiter(limits.initiationsPerOrder, limits.orderWindowMs);
  const perPhone = limiter(limits.attemptsPerPhone, limits.phoneWindowMs);
  const perAddress = limiter(limits.rechecksPerAddress, limits.addressWindowMs);
  const rechecks = new Map();  // Sale_Reference_ID → { promise, until }: one re-check in flight, then a short cache
  const lifetimeMs = o.lifetimeMs ?? DEFAULT_LIFETIME_MS;
  const rules = core.checkoutRules();
  const finalStatuses = new Set(rules.finalStatuses);

  const settings = () => ({ currentYear: kigaliYear(clock.now()), sandbox: Boolean(o.sandbox) });
  const callbackUrl = () => `${String(publicUrl()).replace(/\/+$/, '')}/checkout/callback`;

  // Fails early when the partner's own Callback_URL would be refused (e.g. http without sandbox mode).
  function checkConfiguration() {
    const r = core.parseCallbackUrl(callbackUrl(), Boolean(o.sandbox));
    if (!r.ok) throw new Error(`Callback_URL ${callbackUrl()} is not usable: ${r.error.message}`);
    return r.value;
  }

  // One request to LTGS. Resolves { status, text }; a network failure or timeout is a 502 for our caller.
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

  function parseJsonObject(text) {
    try {
      const v = JSON.parse(text);
      return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
    } catch {
      return null;
    }
  }

  // A Sale_Reference_ID as the core reads it: { orderReference, number, reference }, or a 400 with its code.
  function attemptRefFrom(value) {
    const r = typeof value === 'string' ? core.parseAttemptReference(value) : null;
    if (!r || !r.ok) {
      throw new HttpError(400, r ? r.error.code : 'reference.required',
        r ? r.error.message : 'Sale_Reference_ID must be the order reference.', { field: 'Sale_Reference_ID' });
    }
    return r;
  }

  // The order for an order reference: the store's row, or the partner's bill (id null: no row yet; one is
  // written only when its first attempt starts, so that a refused request leaves nothing behind).
  function orderFor(orderReference) {
    const row = store.getOrder(orderReference);
    if (row) return row;
    const bill = lookupOrder(orderReference);
    if (bill && bill.reference === orderReference) {
      return { id: null, reference: bill.reference, amount: bill.amount, services_name: bill.servicesName,
        customer_name: bill.customerName ?? '', account_number: bill.accountNumber ?? '' };
    }
    throw new HttpError(404, 'order.unknown', 'There is no order with this reference.', { field: 'Sale_Reference_ID' });
  }

  function attemptFor(reference) {
    const found = store.findAttempt(reference);
    if (!found) throw new HttpError(404, 'order.unknown', 'There is no payment with this reference.', { field: 'Sale_Reference_ID' });
    return found;
  }

  const coreAttempt = (row) => ({
    number: row.number, state: row.state, startedAtMs: row.started_at_ms, expiresAtMs: row.expires_at_ms,
    paymentRefId: row.payment_ref_id, amountPaidRwf: row.amount_paid,
  });

  // The core's decision for an initiation of attempt `number`, and the new attempt's row when it starts:
  // read, decided and written in one transaction, so that two requests cannot both start one.
  function decideAndReserve(given, attemptRef, method, phone) {
    return store.transaction(() => {
      let order = given.id === null ? store.getOrder(given.reference) ?? given : given;
      const attempts = order.id === null ? [] : store.attemptsOf(order.id);
      const d = core.decideInitiation(store.coreOrder(order, attempts), attemptRef.number, clock.now());
      if (!d.ok) throw new Error(`internal: ${d.error.code}: ${d.error.message}`);
      if (d.decision !== 'newAttempt') return { decision: d, order, row: attempts.find((a) => a.number === d.number) || null };
      // A new payment request reaches the customer's phone (a push prompt): at most so many per number.
      const phoneSlot = perPhone.take(phone);
      if (!phoneSlot.ok) {
        throw rateLimited('rate.phone', 'Too many payment requests for this phone number; wait before trying again.',
          phoneSlot.retryAfterMs, clock.now(), 'Phone_Number');
      }
      if (order.id === null) {
        order = store.ensureOrder({ reference: order.reference, amount: order.amount, servicesName: order.services_name,
          customerName: order.customer_name, accountNumber: order.account_number });
      }
      const started = core.startAttempt(d.number, clock.now(), lifetimeMs);
      const row = store.insertAttempt({ orderId: order.id, attempt: started.attempt, reference: d.reference, method });
      store.refreshOrder(order.id, core.orderStatus(store.coreOrder(order, store.attemptsOf(order.id))));
      return { decision: d, order, row };
    });
  }

  // A status LTGS gave us (its text, read by the core) → the attempt and its order, in one transaction.
  // Every final result is recorded once in payments; money LTGS took is never lost or counted twice.
  function applyStatus(found, statusText, source) {
    const { order } = found;
    return store.transaction(() => {
      const row = store.findAttempt(found.attempt.reference).attempt;  // as it is now, inside the transaction
      const u = core.applyAttemptStatus(coreAttempt(row), order.amount, statusText);
      if (!u.ok) return { outcome: 'unusable', code: u.error.code };
      const n = core.parseCallbackJson(statusText).notification;
      if (u.changed) {
        store.updateAttempt(row, u.attempt, { channel: n.Payment_Channel, paidOn: n.Paid_On });
        store.recordResult({ attemptId: row.id, status: u.attempt.state, paymentRefId: u.attempt.paymentRefId,
          channel: n.Payment_Channel, amountPaid: u.attempt.amountPaidRwf, paidOn: n.Paid_On, source });
        const status = core.orderStatus(store.coreOrder(order, store.attemptsOf(order.id)));
        store.refreshOrder(order.id, status);
        const dup = status.duplicateAttempts.length ? ` — paid ${status.duplicateAttempts.length + 1} times, refund due ${status.refundDueRwf} RWF` : '';
        log(`attempt ${logValue(row.reference)}: ${u.attempt.state} (${u.code}, ${source}); order ${logValue(order.reference)}: ${status.state}${dup}`);
      }
      return { outcome: u.changed ? 'recorded' : 'unchanged', code: u.code, state: u.changed ? u.attempt.state : row.state,
        status: u.status };
    });
  }

  // A refusal of the core's, for the browser: its code, and when or under which reference it could go on.
  function refusal(d) {
    const status = 409;
    const headers = {};
    if (d.retryAtMs !== null) headers['Retry-After'] = String(Math.max(1, Math.ceil((d.retryAtMs - clock.now()) / 1000)));
    return { status, headers, body: {
      errors: [{ field: 'Sale_Reference_ID', code: d.code, message: d.message }],
      retryAtMs: d.retryAtMs, nextReference: d.nextReference || null,
    } };
  }

  // A cross-site page must not start payments (the JSON content type already forces a CORS preflight,
  // which is never granted; this refuses the rest).
  function checkOrigin(req) {
    let own = [];
    try {
      own = [new URL(publicUrl()).origin];
    } catch { /* no public URL: the Host header decides */ }
    if (!isSameOrigin(req, own)) throw new HttpError(403, 'request.cross_origin', 'Requests from another site are refused.');
  }

  async function initiate(req, res) {
    checkOrigin(req);
    requireJson(req);
    const text = decodeUtf8(await readBody(req, MAX_BROWSER_BODY));
    const input = text === null ? null : parseJsonObject(text);
    if (!input) throw new HttpError(400, 'json.not_object', 'The body must be one JSON object.');
    const attemptRef = attemptRefFrom(input.Sale_Reference_ID);  // no SQL before the reference is known good
    const reference = attemptRef.reference;
    if (tokenSecret !== null) {
      const t = verifyCheckoutToken({ secret: tokenSecret, token: req.headers[TOKEN_HEADER.toLowerCase()],
        orderReference: attemptRef.orderReference, nowMs: clock.now() });
      if (!t.ok) {
        throw new HttpError(403, t.code, 'The payment must be started from the checkout page of this order.',
          { field: TOKEN_HEADER });
      }
    }
    const orderSlot = perOrder.take(attemptRef.orderReference);
    if (!orderSlot.ok) {
      throw rateLimited('rate.order', 'Too many payment requests for this order; wait a moment.', orderSlot.retryAfterMs,
        clock.now(), 'Sale_Reference_ID');
    }
    const idempotencyKey = req.headers['idempotency-key'];
    if (idempotencyKey !== undefined && idempotencyKey !== reference) {
      throw new HttpError(400, 'idempotency.mismatch', 'Idempotency-Key must be the Sale_Reference_ID.', { field: 'Idempotency-Key' });
    }
    let order = orderFor(attemptRef.orderReference);
    // The amount and the service come from our own order, never from the browser; a page showing another
    // amount than the order's is refused rather than silently corrected.
    if (input.Total_Amount_to_Pay !== order.amount) {
      throw new HttpError(409, 'order.amount_mismatch', 'The amount is not the order\'s amount.', { field: 'Total_Amount_to_Pay' });
    }
    const method = core.parsePaymentMethod(input.Payment_Method);
    const payload = {
      Sale_Reference_ID: reference,
      Customer_KYC_ID: input.Customer_KYC_ID,
      Phone_Number: input.Phone_Number,
      Email_Address: input.Email_Address ?? '',
      Services_Name: order.services_name,
      Total_Amount_to_Pay: order.amount,
      Callback_URL: callbackUrl(),  // ours, whatever the browser sent
    };
    const v = core.validateRequestJson(JSON.stringify(payload), settings());
    const errors = [...(v.ok ? [] : v.errors), ...(method.ok ? [] : [method.error])];
    if (errors.length > 0) {
      sendErrors(res, 400, errors);
      return;
    }

    const phone = v.request.Phone_Number;
    let { decision, row, order: reserved } = decideAndReserve(order, attemptRef, method.value, phone);
    if (decision.decision === 'refused' && decision.recheckFirst) {
      // The open attempt is past its deadline: LTGS has ended it by now, or will say it is still open.
      await refreshAttempt(store.findAttempt(decision.reference), 'initiate');
      ({ decision, row, order: reserved } = decideAndReserve(order, attemptRef, method.value, phone));
    }
    order = reserved;
    if (decision.decision === 'refused') {
      const r = refusal(decision);
      sendJson(res, r.status, r.body, r.headers);
      return;
    }

    const r = await ltgs('POST', '/api/v1/payments', JSON.stringify({ ...v.request, Payment_Method: method.value }),
      { 'Idempotency-Key': reference });
    const doc = parseJsonObject(r.text);
    if ((r.status === 200 || r.status === 201) && doc && doc.Sale_Reference_ID === reference) {
      const statusText = JSON.stringify(pick(doc, STATUS_FIELDS));
      if (core.parseCallbackJson(statusText).ok) applyStatus({ attempt: row, order }, statusText, 'initiate');
      sendJson(res, r.status, browserInitiateAnswer(doc));
      return;
    }
    if (r.status === 400 && doc) {
      // LTGS refused to start it: the attempt never existed there, and its number is used up.
      store.transaction(() => {
        const current = store.findAttempt(reference).attempt;
        const rejected = core.rejectAttempt(coreAttempt(current));
        store.updateAttempt(current, rejected.attempt);
        store.refreshOrder(order.id, core.orderStatus(store.coreOrder(order, store.attemptsOf(order.id))));
      });
      sendErrors(res, 400, cleanErrors(doc.errors));
      return;
    }
    if (r.status === 409 && doc) {
      // The reference exists at LTGS with another body: the attempt stays open there.
      sendErrors(res, 409, cleanErrors(doc.errors));
      return;
    }
    // 401/403: our key is wrong, a matter for the operator's log, not for the payer. The attempt stays
    // PENDING: LTGS may have started it, and a re-send with the same reference is safe.
    log(`LTGS answered the initiation of ${logValue(reference)} with HTTP ${r.status}`);
    throw unavailable();
  }

  // Asks LTGS about an attempt and records what it says. Resolves the applyStatus result, or null when
  // LTGS has no answer (404, unavailable).
  async function refreshAttempt(found, source) {
    try {
      const { text } = await ltgsStatus(found.attempt.reference);
      return applyStatus(found, text, source);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      return null;
    }
  }

  // LTGS's status of a reference, parsed by the core: { notification } or a 404/502 HttpError.
  async function ltgsStatus(reference) {
    const r = await ltgs('GET', `/api/v1/payments/${encodeURIComponent(reference)}`);
    if (r.status === 404) throw new HttpError(404, 'payment.not_found', 'LTGS has no payment for this reference yet.', { field: 'Sale_Reference_ID' });
    if (r.status !== 200) {
      log(`LTGS answered the status of ${logValue(reference)} with HTTP ${r.status}`);
      throw unavailable();
    }
    const parsed = core.parseCallbackJson(r.text);
    if (!parsed.ok || parsed.notification.Sale_Reference_ID !== reference) {
      log(`LTGS answered the status of ${logValue(reference)} with an unusable document`);
      throw unavailable();
    }
    const doc = parseJsonObject(r.text);
    return { notification: parsed.notification, failureReason: doc && doc.Failure_Reason, text: r.text };
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

  async function status(req, res, segment) {
    const reference = attemptRefFrom(decodeSegment(segment)).reference;
    const found = attemptFor(reference);
    const { notification, failureReason, text } = await ltgsStatus(reference);
    applyStatus(found, text, 'status');
    sendJson(res, 200, browserInitiateAnswer({ ...notification, Failure_Reason: failureReason }));
  }

  async function callback(req, res) {
    const audit = { remoteAddress: req.socket.remoteAddress, signature: 'not_checked', outcome: 'rejected', code: '' };
    const answer = (httpStatus, outcome, code, extra = {}) => {
      audit.outcome = outcome;
      audit.code = code;
      if (outcome === 'rejected' || outcome === 'error') {
        log(`callback ${outcome}: ${logValue(code)}${audit.reference ? ` reference ${logValue(audit.reference)}` : ''}`);
      }
      if (httpStatus < 300) sendJson(res, httpStatus, { received: true, ...extra });
      else sendErrors(res, httpStatus, [{ field: '$', code, message: extra.message ?? code }], extra.headers);
    };
    try {
      let raw;
      try {
        raw = await readBody(req, MAX_CALLBACK_BODY);
      } catch (err) {
        if (err instanceof HttpError) return answer(err.status, 'rejected', err.errors[0].code);
        throw err;
      }
      const text = decodeUtf8(raw);
      audit.body = text ?? raw.toString('latin1');
      const claimed = text === null ? null : parseJsonObject(text);
      if (claimed) {
        audit.reference = typeof claimed.Sale_Reference_ID === 'string' ? claimed.Sale_Reference_ID : null;
        audit.paymentRefId = typeof claimed.Payment_Ref_ID === 'string' ? claimed.Payment_Ref_ID : null;
        audit.claimedStatus = typeof claimed.Payment_Status === 'string' ? claimed.Payment_Status : null;
      }

      if (signatureMode === 'required') {
        const v = verifySignature({
          header: req.headers[SIGNATURE_HEADER.toLowerCase()], rawBody: raw, secret: callbackSecret,
          nowMs: clock.now(), toleranceMs,
        });
        audit.signature = v.ok ? 'valid' : v.code.slice('signature.'.length);
        if (!v.ok) return answer(401, 'rejected', v.code, { message: 'The signature is missing, stale or wrong.' });
      }
      if (text === null) return answer(400, 'rejected', 'json.invalid_utf8');
      const parsed = core.parseCallbackJson(text);
      if (!parsed.ok) return answer(400, 'rejected', parsed.errors[0].code);
      const n = parsed.notification;
      const ref = core.parseAttemptReference(n.Sale_Reference_ID);
      const found = ref.ok ? store.findAttempt(ref.reference) : null;
      if (!found) return answer(404, 'rejected', 'order.unknown');

      // The callback is a hint: LTGS's own answer decides.
      let truth;
      let truthText;
      try {
        ({ notification: truth, text: truthText } = await recheck(n.Sale_Reference_ID, req.socket.remoteAddress));
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        if (err.status === 429) return answer(429, 'rejected', 'rate.callback', { message: err.message, headers: err.headers });
        // Not a 2xx, so that LTGS delivers again later.
        return answer(err.status === 404 ? 409 : 503, err.status === 404 ? 'rejected' : 'error',
          err.status === 404 ? 'callback.unknown_to_ltgs' : 'callback.recheck_failed');
      }
      const same = core.paymentStatusWord(n.Payment_Status) === core.paymentStatusWord(truth.Payment_Status)
        && (n.Payment_Ref_ID ?? null) === (truth.Payment_Ref_ID ?? null)
        && (n.Total_Amount_Paid ?? null) === (truth.Total_Amount_Paid ?? null);
      if (!same) return answer(409, 'rejected', 'callback.status_mismatch');
      if (!finalStatuses.has(core.paymentStatusWord(truth.Payment_Status))) return answer(200, 'ignored', 'callback.not_final');

      const applied = applyStatus(found, truthText, 'callback');
      if (applied.outcome === 'unusable') return answer(409, 'rejected', applied.code);
      // Recorded (or known already): 2xx, so that LTGS does not deliver it again. A payment of another
      // amount is recorded as AMOUNT_MISMATCH for the merchant to settle.
      if (applied.outcome === 'unchanged') return answer(200, 'duplicate', 'callback.duplicate', { duplicate: true });
      if (applied.state === 'AMOUNT_MISMATCH') return answer(200, 'recorded', 'callback.amount_mismatch');
      return answer(200, 'recorded', 'callback.recorded');
    } catch (err) {
      audit.outcome = 'error';
      audit.code = 'server.error';
      throw err;
    } finally {
      try {
        store.logCallback(audit);
      } catch (err) {
        log(`cannot write the callback audit row: ${err.message}`);
      }
    }
  }

  // Resolves true when the request was one of ours (and has been answered).
  async function handle(req, res, pathname) {
    let m;
    if (pathname === '/checkout/initiate') {
      if (req.method !== 'POST') throw new HttpError(405, 'request.method', 'Use POST.', { headers: { Allow: 'POST' } });
      await initiate(req, res);
    } else if ((m = pathname.match(/^\/checkout\/status\/([^/]+)$/))) {
      if (req.method !== 'GET') throw new HttpError(405, 'request.method', 'Use GET.', { headers: { Allow: 'GET' } });
      await status(req, res, m[1]);
    } else if (pathname === '/checkout/callback') {
      if (req.method !== 'POST') throw new HttpError(405, 'request.method', 'Use POST.', { headers: { Allow: 'POST' } });
      await callback(req, res);
    } else {
      return false;
    }
    return true;
  }

  return { handle, callbackUrl, checkConfiguration, signatureMode };
}

module.exports = { createPartnerBackend, STATUS_FIELDS, DEFAULT_LIMITS };
