// One payment, from initiation to a final state: the imperative shell around the core's lifecycle and
// polling policy. This module does fetch, timers and page events; every decision (is this response a
// success, may we send again, when to ask next, when to stop) is the wasm core's. Importing it touches no
// global state.

const DEFAULT_FETCH_TIMEOUT_MS = 10_000;
// What is read of a refusal's body: the partner's backend sends a short JSON document; anything longer is cut
// (and then no longer parses, which reads as a refusal without an explanation).
const REFUSAL_BODY_LIMIT = 16 * 1024;
const MAX_REFUSAL_ERRORS = 20;
const CODE = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$/;

// A transient or permanent failure of one request, in the core's vocabulary.
function failureOf(err) {
  return err && err.name === 'AbortError' && err.timedOut ? { failure: 'timeout' } : { failure: 'networkError' };
}

// At most `limit` characters of a response's body: read from the stream where there is one (so that a huge
// body is never held whole), else from text().
async function boundedText(response, limit) {
  const stream = response.body;
  if (stream && typeof stream.getReader === 'function' && typeof TextDecoder === 'function') {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value.subarray(0, limit - size);
      size += chunk.length;
      text += decoder.decode(chunk, { stream: true });
      if (size >= limit) {
        reader.cancel().catch(() => {});
        break;
      }
    }
    return (text + decoder.decode()).slice(0, limit);
  }
  return String(await response.text()).slice(0, limit);
}

const shortText = (value, max) => (typeof value === 'string' ? value.slice(0, max) : '');

// The partner's backend's refusal of an initiation (a non-2xx answer), read defensively: its JSON
// {"errors":[{field, code, message}], "retryAtMs", "nextReference"} (retryAtMs: when another request may be
// made, for order.attempt_open and the rate.* limits; else the Retry-After header says it). `code` is the first error's code, null
// when the body explains nothing (not JSON, cut, no errors).
function refusalOf(httpStatus, text) {
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) body = {};
  const errors = [];
  for (const e of Array.isArray(body.errors) ? body.errors.slice(0, MAX_REFUSAL_ERRORS) : []) {
    if (!e || typeof e !== 'object' || typeof e.code !== 'string' || e.code.length > 64 || !CODE.test(e.code)) continue;
    errors.push({ field: shortText(e.field, 64), code: e.code, message: shortText(e.message, 500) });
  }
  return {
    httpStatus,
    code: errors.length ? errors[0].code : null,
    errors,
    retryAtMs: Number.isSafeInteger(body.retryAtMs) && body.retryAtMs > 0 ? body.retryAtMs : null,
    nextReference: typeof body.nextReference === 'string' && body.nextReference && body.nextReference.length <= 64
      ? body.nextReference : null,
  };
}

export class PaymentFlow extends EventTarget {
  #core;
  #request;
  #initiateUrl;
  #statusUrl;
  #headers;
  #lifetimeMs;
  #pollSettings;
  #fetchTimeoutMs;
  #fetch;
  #now;
  #random;
  #timers;
  #document;
  #window;
  #payment;
  #timer = null;
  #controller = null;
  #inFlight = false;
  #finalCheckPending = false;
  #finalCheckDone = false;
  #retryAfter = null;
  #closed = false;
  #settle;
  #listeners = [];
  #online = null;  // null until something is known: a request answered (true), failed or the page went offline (false)

  // options: { core, request (the validated wire payload, plus Payment_Method), initiateUrl, statusUrl
  // (a URL with "{ref}", or a function of the reference), headers, lifetimeMs, pollSettings,
  // fetchTimeoutMs, payment (a saved payment object to resume), and for tests: fetch, now, random,
  // setTimeout, clearTimeout, document, window }.
  constructor(options) {
    super();
    const o = options || {};
    if (!o.core || typeof o.core.applyEvent !== 'function') throw new TypeError('core must be the loaded ltgs-checkout module');
    if (!o.request || typeof o.request.Sale_Reference_ID !== 'string') {
      throw new TypeError('request must be the validated LTGS payload (with Sale_Reference_ID)');
    }
    if (typeof o.initiateUrl !== 'string' || !o.initiateUrl) throw new TypeError('initiateUrl must be a URL string');
    if (typeof o.statusUrl !== 'string' && typeof o.statusUrl !== 'function') {
      throw new TypeError('statusUrl must be a URL string (with {ref}) or a function of the reference');
    }
    this.#core = o.core;
    this.#request = o.request;
    this.#initiateUrl = o.initiateUrl;
    this.#statusUrl = o.statusUrl;
    this.#headers = { ...(o.headers || {}) };
    this.#lifetimeMs = o.lifetimeMs;
    this.#pollSettings = o.pollSettings;
    this.#fetchTimeoutMs = o.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
    this.#fetch = o.fetch || ((...args) => globalThis.fetch(...args));
    this.#now = o.now || (() => Date.now());
    this.#random = o.random || Math.random;
    this.#timers = {
      set: o.setTimeout || ((fn, ms) => setTimeout(fn, ms)),
      clear: o.clearTimeout || ((id) => clearTimeout(id)),
    };
    this.#document = o.document !== undefined ? o.document : globalThis.document;
    this.#window = o.window !== undefined ? o.window : globalThis.window;

    const draft = o.payment
      ? { ok: true, value: o.payment }
      : this.#core.draftPayment(o.request.Sale_Reference_ID, o.request.Total_Amount_to_Pay);
    if (!draft.ok) throw new TypeError(`cannot start a payment: ${draft.errors[0].message}`);
    this.#payment = draft.value;
    if (this.#payment.saleReferenceId !== o.request.Sale_Reference_ID) {
      throw new TypeError('the saved payment belongs to another Sale_Reference_ID');
    }
    // Saved while its initiation was out (the page was reloaded mid-request): that request's answer is lost,
    // so count it as a network failure; the core then allows a re-send with the same reference.
    if (o.payment && this.#payment.initiateInFlight) this.#apply({ kind: 'initiateFailed', failure: 'networkError' });
    this.result = new Promise((resolve) => { this.#settle = resolve; });
  }

  get payment() {
    return this.#payment;
  }

  // False once the flow has ended (a final state, a refusal, close() or dispose()).
  get active() {
    return !this.#closed;
  }

  // The connection as this flow last saw it: true (a request was answered), false (the page went offline, or
  // a request failed: no network, or no answer in time), null (nothing known yet).
  get online() {
    return this.#online;
  }

  // Sends the initiation (once: a second call, a double click, is refused by the core) and polls until
  // the payment ends, the status endpoint refuses us, or close().
  start() {
    if (this.#closed) return this.result;
    this.#listen();
    const nav = this.#window && this.#window.navigator;
    if (nav && nav.onLine === false) this.#setOnline(false, 'offline');
    const state = this.#payment.state;
    if (state === 'DRAFT') this.#apply({ kind: 'validateOk' });
    if (this.#payment.state === 'VALIDATED') {
      this.#initiate();
    } else if (!this.#inFlight && this.#timer === null) {
      this.#schedule();  // resumed: pick up where the saved payment was
    }
    return this.result;
  }

  // The customer stops waiting. Before anything was sent the payment ends CANCELLED. Once sent, LTGS has no
  // cancel request and the customer may still approve it: the core keeps it open (stoppedWaiting) and it is
  // checked quietly, at the hidden-page pace and never sent again, until LTGS ends it or its deadline passes.
  stopWaiting() {
    if (this.#closed) return;
    this.#apply({ kind: 'cancel' });
    if (this.#payment.stoppedWaiting) this.#reschedule();
    else this.#finish();
  }

  // The same as stopWaiting(): there is no cancelling a payment LTGS may already have.
  cancel() {
    this.stopWaiting();
  }

  // The customer waits again after stopWaiting(): checked at once, then at the usual pace.
  resumeWaiting() {
    if (this.#closed || !this.#payment.stoppedWaiting) return;
    this.#apply({ kind: 'resumeWaiting' });
    this.checkNow();
  }

  // The checkout closes: stop polling and abort what is in flight; the payment stays as it is. A payment the
  // customer stopped waiting for is not stopped: it is watched until LTGS reports it final or its deadline
  // passes (dispose() stops it too).
  close() {
    if (this.#closed || this.#payment.stoppedWaiting) return;
    this.#finish({ closed: true });
  }

  // The widget goes away: everything stops, whatever the payment's state.
  dispose() {
    if (this.#closed) return;
    this.#finish({ closed: true });
  }

  // A status check now (page visible again, back online), unless one is under way.
  checkNow() {
    if (this.#closed || this.#inFlight || this.#timer === null) return;
    this.#timers.clear(this.#timer);
    this.#timer = null;
    this.#run();
  }

  #apply(event) {
    const answer = this.#core.applyEvent(this.#payment, event);
    if (!answer.ok) throw new Error(`internal: ${answer.errors[0].code}: ${answer.errors[0].message}`);
    const t = answer.value;
    const before = this.#payment.state;
    this.#payment = t.payment;
    // errors: why a response body was unusable (the core's warnings).
    this.dispatchEvent(new CustomEvent('change', {
      detail: { payment: t.payment, reason: t.reason, refused: t.refused, errors: t.warnings, previousState: before },
    }));
    return t;
  }

  // A new pace at once (after stopWaiting), unless a request is out: its answer schedules the next one.
  #reschedule() {
    if (this.#closed || this.#inFlight || this.#timer === null) return;
    this.#timers.clear(this.#timer);
    this.#timer = null;
    this.#schedule();
  }

  async #initiate() {
    const sent = this.#apply({ kind: 'initiateSent', atMs: this.#now(), lifetimeMs: this.#lifetimeMs });
    if (sent.refused) {
      // Not sent again (the customer stopped waiting, or the deadline passed): LTGS may have the first one,
      // so its status is asked for instead. Already in flight (a double click): its answer is awaited.
      if (sent.reason !== 'initiate.already_in_flight') this.#checkStatus();
      return;
    }
    const r = await this.#request_('POST', this.#initiateUrl, JSON.stringify(this.#request));
    if (this.#closed) return;
    if (r.body !== undefined) {
      // What the partner's backend passed on from LTGS besides the status (QR_Payload, USSD_Code): the
      // widget shows it; the core checks a QR payload before it is drawn.
      let response = null;
      try {
        response = JSON.parse(r.body);
      } catch {
        response = null;
      }
      this.dispatchEvent(new CustomEvent('initiated', { detail: { response } }));
      this.#apply({ kind: 'initiateResponse', body: r.body, atMs: this.#now() });
    } else {
      const refusal = r.httpStatus ? refusalOf(r.httpStatus, r.text) : null;
      if (refusal && refusal.retryAtMs === null && this.#retryAfter) {
        // No retryAtMs in the body: the Retry-After header (seconds or a date, as the core reads it) says when.
        const now = this.#now();
        const delay = this.#core.retryAfterMs(this.#retryAfter, now);
        if (delay.ok && delay.value !== null) refusal.retryAtMs = now + delay.value;
      }
      this.#apply({ kind: 'initiateFailed', ...r.failure });
      // The partner's backend said why it will not start this payment (order.attempt_open, phone.*, …): sending
      // it again would be refused the same way, even on a status the core would retry (429), so it ends here
      // and the widget says why. A refusal without an explanation ends when the core says it does.
      if (refusal && (refusal.code || this.#payment.state !== 'INITIATING')) {
        this.#finish({ rejection: refusal });
        return;
      }
    }
    this.#schedule();
  }

  async #checkStatus() {
    const finalCheck = this.#finalCheckPending;
    const ref = this.#payment.saleReferenceId;
    const url = typeof this.#statusUrl === 'function'
      ? this.#statusUrl(ref)
      : this.#statusUrl.includes('{ref}')
        ? this.#statusUrl.replace('{ref}', encodeURIComponent(ref))
        : `${this.#statusUrl.replace(/\/$/, '')}/${encodeURIComponent(ref)}`;
    const r = await this.#request_('GET', url);
    if (this.#closed) return;
    if (finalCheck) this.#finalCheckDone = true;
    if (r.body !== undefined) this.#apply({ kind: 'statusBody', body: r.body });
    else this.#apply({ kind: 'statusFetchFailed', ...r.failure });
    this.#schedule();
  }

  // One request, never two at once, aborted after the timeout. Resolves { body } for a 2xx response, or
  // { failure } in the core's words (with httpStatus and, bounded, the body's text for an HTTP answer);
  // remembers Retry-After for the next decision.
  async #request_(method, url, body) {
    this.#inFlight = true;
    const controller = new AbortController();
    this.#controller = controller;
    const timer = this.#timers.set(() => {
      const err = new Error('timeout');
      err.name = 'AbortError';
      err.timedOut = true;
      controller.abort(err);
    }, this.#fetchTimeoutMs);
    try {
      const headers = { Accept: 'application/json', ...this.#headers };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Idempotency-Key'] = this.#request.Sale_Reference_ID;
      }
      const response = await this.#fetch(url, { method, headers, body, signal: controller.signal, cache: 'no-store' });
      this.#setOnline(true, 'response');
      const ok = response.status >= 200 && response.status < 300;
      const text = ok ? await response.text() : await boundedText(response, REFUSAL_BODY_LIMIT);
      this.#retryAfter = response.headers && response.headers.get ? response.headers.get('Retry-After') : null;
      if (ok) return { body: text };
      return { failure: { failure: 'httpStatus', httpStatus: response.status }, httpStatus: response.status, text };
    } catch (err) {
      this.#retryAfter = null;
      const reason = controller.signal.aborted ? controller.signal.reason : err;
      const failure = failureOf(reason);
      if (!this.#closed) this.#setOnline(false, failure.failure);
      return { failure };
    } finally {
      this.#timers.clear(timer);
      this.#inFlight = false;
      this.#controller = null;
    }
  }

  #schedule() {
    if (this.#closed) return;
    const answer = this.#core.nextPoll(this.#payment, {
      nowMs: this.#now(),
      finalCheckDone: this.#finalCheckDone,
      retryAfter: this.#retryAfter,
      pageHidden: Boolean(this.#document && this.#document.visibilityState === 'hidden'),
      random01: this.#random(),
    }, this.#pollSettings);
    if (!answer.ok) throw new Error(`internal: ${answer.errors[0].code}: ${answer.errors[0].message}`);
    const d = answer.value;
    this.dispatchEvent(new CustomEvent('schedule', { detail: { ok: true, ...d } }));
    switch (d.action) {
      case 'pollAgain':
      case 'finalCheck':
        this.#finalCheckPending = d.action === 'finalCheck';
        this.#timer = this.#timers.set(() => {
          this.#timer = null;
          this.#run();
        }, d.delayMs);
        return;
      case 'stopExpired':
        this.#apply({ kind: 'expiryReached', atMs: this.#now() });
        this.#finish();
        return;
      case 'stopError':
        this.#finish({ error: { code: d.code } });
        return;
      case 'done':
        this.#finish();
        return;
      default:  // idle: nothing was sent yet
    }
  }

  #run() {
    if (this.#closed || this.#inFlight) return;
    if (this.#payment.state === 'INITIATING') this.#initiate();  // re-send, same Sale_Reference_ID
    else this.#checkStatus();
  }

  #listen() {
    if (this.#listeners.length) return;
    const onVisible = () => {
      if (this.#document.visibilityState === 'visible') this.checkNow();
    };
    // Back online: say so and ask at once (the answer confirms it, or a failure says otherwise again).
    const onOnline = () => {
      this.#setOnline(true, 'online');
      this.checkNow();
    };
    const onOffline = () => this.#setOnline(false, 'offline');
    if (this.#document && this.#document.addEventListener) {
      this.#document.addEventListener('visibilitychange', onVisible);
      this.#listeners.push(() => this.#document.removeEventListener('visibilitychange', onVisible));
    }
    if (this.#window && this.#window.addEventListener) {
      this.#window.addEventListener('online', onOnline);
      this.#window.addEventListener('offline', onOffline);
      this.#listeners.push(() => this.#window.removeEventListener('online', onOnline),
        () => this.#window.removeEventListener('offline', onOffline));
    }
  }

  // A 'connection' event when what is known of the connection changes: { online, cause } with cause 'offline' or
  // 'online' (the page's events), 'networkError' or 'timeout' (a request failed), 'response' (one was answered).
  #setOnline(online, cause) {
    if (this.#closed || this.#online === online) return;
    this.#online = online;
    this.dispatchEvent(new CustomEvent('connection', { detail: { online, cause } }));
  }

  #finish(extra = {}) {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
    if (this.#controller) this.#controller.abort();
    for (const remove of this.#listeners.splice(0)) remove();
    const outcome = { state: this.#payment.state, payment: this.#payment, ...extra };
    this.dispatchEvent(new CustomEvent('end', { detail: outcome }));
    this.#settle(outcome);
  }
}
