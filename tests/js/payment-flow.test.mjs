// The payment flow (web/widget/payment-flow.js) against a scripted fake server, with fake timers: faults are
// injected and each run must end in the right state with a bounded number of requests, never two at once.
import { jest } from '@jest/globals';
import { createRequire } from 'module';
import { PaymentFlow } from '../../web/widget/payment-flow.js';

const require = createRequire(import.meta.url);
const { loadCore } = require('./core-loader.js');

const REF = 'LTGSINV_230624_001';
const REQUEST = {
  Sale_Reference_ID: REF, Customer_KYC_ID: '1199999999999999', Phone_Number: '0788123456',
  Email_Address: '', Services_Name: 'Water Bill - May 2025', Total_Amount_to_Pay: 15000,
  Callback_URL: 'https://partner.com/callback', Payment_Method: 'MTN_MOMO',
};
const status = (Payment_Status, extra = {}) => JSON.stringify({ Sale_Reference_ID: REF, Payment_Status, ...extra });
const PAID = status('PAID', {
  Payment_Channel: 'MTN MoMo', Payment_Ref_ID: 'MTN_456789123', Total_Amount_Paid: 15000, Paid_On: '2025-06-16 13:20:45',
});

let core;
beforeAll(async () => {
  core = await loadCore();
});
beforeEach(() => {
  jest.useFakeTimers({ now: Date.UTC(2026, 10, 28, 10, 0, 0) });
});
afterEach(() => {
  jest.useRealTimers();
});

// A fake server: `script` answers the n-th request of a kind (`initiate` or `status`) with
// { status, body, headers } or 'networkError' / 'hang' (never answers: the flow's timeout must abort it).
function fakeServer(script) {
  const log = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const counts = { initiate: 0, status: 0 };
  async function fetch(url, init) {
    const kind = init.method === 'POST' ? 'initiate' : 'status';
    const n = counts[kind]++;
    log.push({ kind, url, method: init.method, body: init.body, headers: init.headers, at: Date.now() });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const answer = script[kind](n);
      if (answer === 'networkError') throw new TypeError('Failed to fetch');
      if (answer === 'hang') {
        return await new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
      }
      const headers = new Map(Object.entries(answer.headers || {}));
      return { status: answer.status ?? 200, headers: { get: (h) => headers.get(h) ?? null }, text: async () => answer.body ?? '' };
    } finally {
      inFlight--;
    }
  }
  return { fetch, log, counts, get maxInFlight() { return maxInFlight; } };
}

const initiated = () => ({ status: 201, body: status('PENDING') });

function flowWith(server, extra = {}) {
  return new PaymentFlow({
    core, request: REQUEST, initiateUrl: '/api/pay', statusUrl: '/api/pay/{ref}', fetch: server.fetch,
    random: () => 0.5, document: null, window: null, ...extra,
  });
}

// Runs the fake clock until the flow settles (or `limitMs` passes).
async function settle(flow, limitMs = 15 * 60 * 1000) {
  let outcome;
  flow.result.then((o) => { outcome = o; });
  for (let t = 0; t < limitMs && outcome === undefined; t += 500) await jest.advanceTimersByTimeAsync(500);
  return outcome;
}

test('happy path: one initiation, status polled until PAID, then polling stops', async () => {
  const server = fakeServer({ initiate: initiated, status: (n) => (n < 2 ? { body: status('PENDING') } : { body: PAID }) });
  const flow = flowWith(server);
  const states = [];
  flow.addEventListener('change', (e) => states.push(e.detail.payment.state));
  flow.start();
  const outcome = await settle(flow);
  expect(outcome.state).toBe('PAID');
  expect(outcome.payment.paymentRefId).toBe('MTN_456789123');
  expect(server.counts).toEqual({ initiate: 1, status: 3 });
  expect(server.log[0].body).toBe(JSON.stringify(REQUEST));
  expect(server.log[0].headers['Idempotency-Key']).toBe(REF);
  expect(server.log[1].url).toBe(`/api/pay/${REF}`);
  expect(states).toEqual(['VALIDATED', 'INITIATING', 'PENDING', 'PENDING', 'PENDING', 'PAID']);
  // First poll 2 s after acceptance, then 3 s, then 4.5 s (no jitter at random 0.5).
  expect(server.log.slice(1).map((r) => r.at - server.log[0].at)).toEqual([2000, 5000, 9500]);
  await jest.advanceTimersByTimeAsync(60_000);
  expect(server.counts.status).toBe(3);
  expect(server.maxInFlight).toBe(1);
});

test('a double click (start twice) sends one initiation', async () => {
  const server = fakeServer({ initiate: initiated, status: () => ({ body: PAID }) });
  const flow = flowWith(server);
  flow.start();
  flow.start();
  expect((await settle(flow)).state).toBe('PAID');
  expect(server.counts.initiate).toBe(1);
});

test('initiation retried after a network error re-sends the same reference', async () => {
  const server = fakeServer({
    initiate: (n) => (n === 0 ? 'networkError' : n === 1 ? 'hang' : initiated()),
    status: () => ({ body: PAID }),
  });
  const outcome = await settle(withStart(flowWith(server)));
  expect(outcome.state).toBe('PAID');
  expect(server.counts.initiate).toBe(3);
  expect(new Set(server.log.filter((r) => r.kind === 'initiate').map((r) => JSON.parse(r.body).Sale_Reference_ID)))
    .toEqual(new Set([REF]));
  expect(server.maxInFlight).toBe(1);
});

function withStart(flow) {
  flow.start();
  return flow;
}

test('a permanent initiation error (400) fails without retrying', async () => {
  const server = fakeServer({ initiate: () => ({ status: 400, body: '{"errors":[]}' }), status: () => ({ body: PAID }) });
  const outcome = await settle(withStart(flowWith(server)));
  expect(outcome.state).toBe('FAILED');
  expect(server.counts).toEqual({ initiate: 1, status: 0 });
});

test.each([
  ['HTTP 500', { status: 500, body: 'oops' }],
  ['HTTP 503 with Retry-After', { status: 503, headers: { 'Retry-After': '5' } }],
  ['HTTP 429', { status: 429 }],
  ['a connection error', 'networkError'],
  ['a timeout', 'hang'],
  ['malformed JSON', { body: '<html>gateway</html>' }],
  ['truncated JSON', { body: PAID.slice(0, 40) }],
  ['a response for another reference', { body: JSON.stringify({ ...JSON.parse(PAID), Sale_Reference_ID: 'OTHER_1' }) }],
  ['an unknown status word', { body: status('SUCCESSFUL') }],
])('%s, on two of every three polls, still ends PAID with bounded requests', async (_, fault) => {
  const server = fakeServer({ initiate: initiated, status: (n) => (n < 6 && n % 3 !== 2 ? fault : n >= 6 ? { body: PAID } : { body: status('PENDING') }) });
  const outcome = await settle(withStart(flowWith(server)));
  expect(outcome.state).toBe('PAID');
  expect(server.counts.initiate).toBe(1);
  expect(server.counts.status).toBe(7);
  expect(server.maxInFlight).toBe(1);
});

test('PAID with another amount ends AMOUNT_MISMATCH, never PAID', async () => {
  const wrong = JSON.stringify({ ...JSON.parse(PAID), Total_Amount_Paid: 1500 });
  const server = fakeServer({ initiate: initiated, status: () => ({ body: wrong }) });
  const states = [];
  const flow = flowWith(server);
  flow.addEventListener('change', (e) => states.push(e.detail.payment.state));
  const outcome = await settle(withStart(flow));
  expect(outcome.state).toBe('AMOUNT_MISMATCH');
  expect(outcome.payment.amountPaidRwf).toBe(1500);
  expect(states).not.toContain('PAID');
  expect(server.counts.status).toBe(1);
});

test('a late PENDING after FAILED cannot move the payment back (out of order)', async () => {
  const server = fakeServer({
    initiate: () => ({ status: 201, body: status('FAILED') }),
    status: () => ({ body: status('PENDING') }),
  });
  const outcome = await settle(withStart(flowWith(server)));
  expect(outcome.state).toBe('FAILED');
  expect(server.counts.status).toBe(0);
});

test('Retry-After is honoured', async () => {
  const server = fakeServer({
    initiate: initiated,
    status: (n) => (n === 0 ? { status: 503, headers: { 'Retry-After': '30' } } : { body: PAID }),
  });
  await settle(withStart(flowWith(server)));
  const [, first, second] = server.log;
  expect(second.at - first.at).toBeGreaterThanOrEqual(30_000);
});

test('a 401 from the status endpoint stops polling with a clear error, payment still pending', async () => {
  const server = fakeServer({ initiate: initiated, status: () => ({ status: 401 }) });
  const outcome = await settle(withStart(flowWith(server)));
  expect(outcome.state).toBe('PENDING');
  expect(outcome.error).toEqual({ code: 'poll.unauthorized' });
  expect(server.counts.status).toBe(1);
});

test('a 404 right after initiation is transient for a short grace period', async () => {
  const server = fakeServer({ initiate: initiated, status: (n) => (n < 2 ? { status: 404 } : { body: PAID }) });
  expect((await settle(withStart(flowWith(server)))).state).toBe('PAID');
  expect(server.counts.status).toBe(3);
});

test('a payment never approved: one final check at the deadline, then EXPIRED, requests bounded', async () => {
  const server = fakeServer({ initiate: initiated, status: () => ({ body: status('PENDING') }) });
  const flow = flowWith(server, { lifetimeMs: 10 * 60 * 1000 });
  const outcome = await settle(flow.start() && flow);
  expect(outcome.state).toBe('EXPIRED');
  const last = server.log[server.log.length - 1];
  expect(last.at - server.log[0].at).toBe(10 * 60 * 1000);  // the final check, at the deadline
  expect(server.counts.status).toBeLessThanOrEqual(80);
  expect(server.counts.status).toBeGreaterThan(50);
});

test('close() stops polling and aborts the request in flight', async () => {
  const server = fakeServer({ initiate: initiated, status: (n) => (n === 0 ? { body: status('PENDING') } : 'hang') });
  const flow = withStart(flowWith(server));
  await jest.advanceTimersByTimeAsync(5_500);
  expect(server.counts.status).toBe(2);
  flow.close();
  const outcome = await flow.result;
  expect(outcome).toMatchObject({ state: 'PENDING', closed: true });
  await jest.advanceTimersByTimeAsync(120_000);
  expect(server.counts.status).toBe(2);
});

test('stopWaiting() before anything was sent ends the payment CANCELLED', async () => {
  const server = fakeServer({ initiate: initiated, status: () => ({ body: status('PENDING') }) });
  const flow = flowWith(server);
  flow.stopWaiting();
  expect((await flow.result).state).toBe('CANCELLED');
  expect(flow.active).toBe(false);
  expect(server.counts).toEqual({ initiate: 0, status: 0 });
});

test('stopWaiting() after sending keeps the payment open, checked quietly; close() does not stop it; PAID still counts', async () => {
  let paidNow = false;
  const server = fakeServer({ initiate: initiated, status: () => ({ body: paidNow ? PAID : status('PENDING') }) });
  const flow = withStart(flowWith(server));
  const reasons = [];
  flow.addEventListener('change', (e) => reasons.push(e.detail.reason));
  await jest.advanceTimersByTimeAsync(3_000);
  expect(server.counts.status).toBe(1);
  flow.cancel();  // the same as stopWaiting()
  expect(flow.payment).toMatchObject({ state: 'PENDING', stoppedWaiting: true });
  expect(reasons).toContain('lifecycle.stopped_waiting');
  flow.close();  // the dialog closes: the watch goes on
  expect(flow.active).toBe(true);
  const before = server.counts.status;
  await jest.advanceTimersByTimeAsync(29_000);
  expect(server.counts.status).toBe(before);  // quiet: at the hidden-page pace, at least 30 s apart
  await jest.advanceTimersByTimeAsync(2_000);
  expect(server.counts.status).toBe(before + 1);
  await jest.advanceTimersByTimeAsync(60_000);
  const gaps = server.log.filter((r) => r.kind === 'status').map((r) => r.at).slice(1).map((at, i, all) => (i ? at - all[i - 1] : 30_000));
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30_000);
  expect(server.counts.initiate).toBe(1);  // never sent again
  paidNow = true;
  const outcome = await settle(flow);
  expect(outcome.state).toBe('PAID');
  expect(outcome.payment.stoppedWaiting).toBe(true);
  expect(outcome.closed).toBeUndefined();
});

test('a payment the customer stopped waiting for still expires at its deadline, after one final check', async () => {
  const server = fakeServer({ initiate: initiated, status: () => ({ body: status('PENDING') }) });
  const flow = withStart(flowWith(server, { lifetimeMs: 5 * 60 * 1000 }));
  await jest.advanceTimersByTimeAsync(3_000);
  flow.stopWaiting();
  const outcome = await settle(flow);
  expect(outcome.state).toBe('EXPIRED');
  expect(server.log[server.log.length - 1].at - server.log[0].at).toBe(5 * 60 * 1000);
  expect(server.counts.status).toBeLessThanOrEqual(12);  // quietly: about one check in 30 s
});

test('dispose() stops a payment the customer stopped waiting for', async () => {
  const server = fakeServer({ initiate: initiated, status: () => ({ body: status('PENDING') }) });
  const flow = withStart(flowWith(server));
  await jest.advanceTimersByTimeAsync(3_000);
  flow.stopWaiting();
  flow.dispose();
  expect(await flow.result).toMatchObject({ state: 'PENDING', closed: true });
  const count = server.counts.status;
  await jest.advanceTimersByTimeAsync(120_000);
  expect(server.counts.status).toBe(count);
});

test('stopped waiting while the initiation\'s answer was lost: its status is asked, it is never sent again', async () => {
  const server = fakeServer({ initiate: () => 'networkError', status: () => ({ body: PAID }) });
  const flow = withStart(flowWith(server));
  await jest.advanceTimersByTimeAsync(0);
  expect(flow.payment).toMatchObject({ state: 'INITIATING', initiateInFlight: false });
  flow.stopWaiting();
  const outcome = await settle(flow);
  expect(outcome.state).toBe('PAID');
  expect(server.counts).toEqual({ initiate: 1, status: 1 });
});

test('resumeWaiting() checks at once and goes back to the usual pace', async () => {
  const server = fakeServer({ initiate: initiated, status: () => ({ body: status('PENDING') }) });
  const flow = withStart(flowWith(server));
  await jest.advanceTimersByTimeAsync(3_000);
  flow.stopWaiting();
  await jest.advanceTimersByTimeAsync(1_000);
  const count = server.counts.status;
  flow.resumeWaiting();
  expect(flow.payment.stoppedWaiting).toBe(false);
  await jest.advanceTimersByTimeAsync(0);
  expect(server.counts.status).toBe(count + 1);
  await jest.advanceTimersByTimeAsync(15_000);
  expect(server.counts.status).toBeGreaterThan(count + 2);
  flow.close();
  expect(flow.active).toBe(false);
});

// ---- the partner's backend refuses the initiation ------------------------------------------------------

const refusal = (code, extra = {}) => JSON.stringify({
  errors: [{ field: 'Sale_Reference_ID', code, message: `Refused: ${code}.` }], retryAtMs: null, nextReference: null, ...extra,
});

test('a refusal with a reason ends the flow with it: code, errors, retry time and next reference', async () => {
  const server = fakeServer({
    initiate: () => ({ status: 409, body: refusal('order.attempt_open', { retryAtMs: 1765000000000 }), headers: { 'Retry-After': '600' } }),
    status: () => ({ body: PAID }),
  });
  const outcome = await settle(withStart(flowWith(server)));
  expect(outcome.state).toBe('FAILED');
  expect(outcome.rejection).toEqual({
    httpStatus: 409, code: 'order.attempt_open', retryAtMs: 1765000000000, nextReference: null,
    errors: [{ field: 'Sale_Reference_ID', code: 'order.attempt_open', message: 'Refused: order.attempt_open.' }],
  });
  expect(server.counts).toEqual({ initiate: 1, status: 0 });
});

test('a refusal with a reason is not sent again, even on a status the core would retry (429)', async () => {
  const server = fakeServer({
    initiate: () => ({ status: 429, body: refusal('order.attempt_ended', { nextReference: `${REF}-R3` }) }),
    status: () => ({ body: PAID }),
  });
  const outcome = await settle(withStart(flowWith(server)));
  expect(outcome.rejection).toMatchObject({ httpStatus: 429, code: 'order.attempt_ended', nextReference: `${REF}-R3` });
  expect(server.counts).toEqual({ initiate: 1, status: 0 });
});

test('a 503 without a reason is still retried; a 400 without one ends with an empty rejection', async () => {
  const retried = fakeServer({ initiate: (n) => (n === 0 ? { status: 503, body: '<html>busy</html>' } : initiated()), status: () => ({ body: PAID }) });
  const ok = await settle(withStart(flowWith(retried)));
  expect(ok.state).toBe('PAID');
  expect(ok.rejection).toBeUndefined();
  expect(retried.counts.initiate).toBe(2);
  const refused = fakeServer({ initiate: () => ({ status: 400, body: 'Bad Request' }), status: () => ({ body: PAID }) });
  const outcome = await settle(withStart(flowWith(refused)));
  expect(outcome.state).toBe('FAILED');
  expect(outcome.rejection).toEqual({ httpStatus: 400, code: null, errors: [], retryAtMs: null, nextReference: null });
});

test('a refusal\'s body is read defensively: bounded, and only well-formed members kept', async () => {
  const hostile = JSON.stringify({
    errors: [null, 'x', { code: '<img>' }, { code: 'a'.repeat(80) + '.b' }, { code: 'order.paid', field: 7, message: 'm'.repeat(2000) }],
    retryAtMs: 'soon', nextReference: { toString: 1 },
  });
  const server = fakeServer({ initiate: () => ({ status: 409, body: hostile }), status: () => ({ body: PAID }) });
  const outcome = await settle(withStart(flowWith(server)));
  expect(outcome.rejection.code).toBe('order.paid');
  expect(outcome.rejection.errors).toEqual([{ field: '', code: 'order.paid', message: 'm'.repeat(500) }]);
  expect(outcome.rejection).toMatchObject({ retryAtMs: null, nextReference: null });

  // An endless body: at most 16 KiB is read from the stream, the rest is never pulled.
  let pulled = 0;
  const chunk = new TextEncoder().encode('x'.repeat(4096));
  const body = new ReadableStream({
    pull(controller) {
      pulled += 1;
      if (pulled === 1) controller.enqueue(new TextEncoder().encode('{"errors":[{"code":"order.paid"}],"padding":"'));
      else controller.enqueue(chunk);
    },
  });
  const streamed = new PaymentFlow({
    core, request: REQUEST, initiateUrl: '/api/pay', statusUrl: '/api/pay/{ref}', document: null, window: null,
    fetch: async () => ({ status: 409, headers: { get: () => null }, body, text: async () => { throw new Error('not read whole'); } }),
  });
  const out = await settle(withStart(streamed));
  expect(out.rejection.code).toBe(null);  // cut at 16 KiB: no longer JSON, so no reason
  expect(pulled).toBeLessThan(10);
});

test('hidden page polls slower; visible again or back online checks at once', async () => {
  const doc = new EventTarget();
  doc.visibilityState = 'hidden';
  const win = new EventTarget();
  const server = fakeServer({ initiate: initiated, status: () => ({ body: status('PENDING') }) });
  const flow = flowWith(server, { document: doc, window: win });
  flow.start();
  await jest.advanceTimersByTimeAsync(100);
  await jest.advanceTimersByTimeAsync(29_000);
  expect(server.counts.status).toBe(0);  // hidden: at least 30 s between requests
  await jest.advanceTimersByTimeAsync(1_000);
  expect(server.counts.status).toBe(1);
  doc.visibilityState = 'visible';
  doc.dispatchEvent(new Event('visibilitychange'));
  await jest.advanceTimersByTimeAsync(0);
  expect(server.counts.status).toBe(2);
  win.dispatchEvent(new Event('online'));
  await jest.advanceTimersByTimeAsync(0);
  expect(server.counts.status).toBe(3);
  expect(server.maxInFlight).toBe(1);
  flow.close();
});

test('a saved payment resumes polling the same reference without a new initiation', async () => {
  const first = fakeServer({ initiate: initiated, status: () => ({ body: status('PENDING') }) });
  const flow = withStart(flowWith(first));
  await jest.advanceTimersByTimeAsync(2_500);
  flow.close();
  const saved = JSON.parse(JSON.stringify((await flow.result).payment));
  const second = fakeServer({ initiate: initiated, status: () => ({ body: PAID }) });
  const resumed = flowWith(second, { payment: saved });
  expect((await settle(withStart(resumed))).state).toBe('PAID');
  expect(second.counts.initiate).toBe(0);
  expect(() => flowWith(second, { payment: { ...saved, saleReferenceId: 'OTHER' } })).toThrow(TypeError);
});

// ---- the connection, LTGS's deadline and its reason for a failure -------------------------------------------

// A window that can go offline and back: navigator.onLine and the online/offline events.
function fakeWindow(onLine = true) {
  const target = new EventTarget();
  target.navigator = { onLine };
  target.go = (online) => {
    target.navigator.onLine = online;
    target.dispatchEvent(new Event(online ? 'online' : 'offline'));
  };
  return target;
}

test('the connection: lost on the page\'s offline event and on failed requests, back on online and on an answer', async () => {
  let down = false;
  const server = fakeServer({ initiate: initiated, status: () => (down ? 'networkError' : { body: status('PENDING') }) });
  const win = fakeWindow();
  const flow = flowWith(server, { window: win });
  const seen = [];
  flow.addEventListener('connection', (e) => seen.push(e.detail));
  flow.start();
  await jest.advanceTimersByTimeAsync(100);
  expect(flow.online).toBe(true);
  expect(seen).toEqual([{ online: true, cause: 'response' }]);
  // The page goes offline: said at once, before any request fails.
  win.go(false);
  expect(seen.at(-1)).toEqual({ online: false, cause: 'offline' });
  expect(flow.online).toBe(false);
  // Back online: said, and the status is asked at once (not at the backed-off pace).
  const before = server.counts.status;
  win.go(true);
  await jest.advanceTimersByTimeAsync(10);
  expect(seen.at(-1)).toEqual({ online: true, cause: 'online' });
  expect(server.counts.status).toBe(before + 1);
  // Requests fail without an offline event (a dead network the browser does not notice): offline too.
  down = true;
  await jest.advanceTimersByTimeAsync(15_000);
  expect(seen.at(-1)).toEqual({ online: false, cause: 'networkError' });
  down = false;
  await jest.advanceTimersByTimeAsync(30_000);
  expect(seen.at(-1)).toEqual({ online: true, cause: 'response' });
  // One event per change, never repeated.
  expect(seen.map((s) => s.online)).toEqual([true, false, true, false, true]);
  flow.dispose();
  win.go(false);
  expect(seen).toHaveLength(5);  // nothing after the end
});

test('a flow started while the browser says it is offline says so at once', async () => {
  const server = fakeServer({ initiate: () => 'networkError', status: () => ({ body: status('PENDING') }) });
  const flow = flowWith(server, { window: fakeWindow(false) });
  const seen = [];
  flow.addEventListener('connection', (e) => seen.push(e.detail));
  flow.start();
  expect(seen).toEqual([{ online: false, cause: 'offline' }]);
  flow.dispose();
});

test('LTGS\'s Expires_At is kept on the payment and the flow polls until it, past its own lifetime', async () => {
  const expires = new Date(Date.now() + 5 * 60_000).toISOString().replace('.000Z', 'Z');
  const server = fakeServer({
    initiate: () => ({ status: 201, body: status('PENDING', { Expires_At: expires }) }),
    status: () => ({ body: status('PENDING', { Expires_At: expires }) }),
  });
  const flow = flowWith(server, { lifetimeMs: 60_000 });
  flow.start();
  await jest.advanceTimersByTimeAsync(100);
  expect(flow.payment.ltgsExpiresAtMs).toBe(Date.parse(expires));
  expect(flow.payment.expiresAtMs).toBe(Date.parse(expires));
  await jest.advanceTimersByTimeAsync(2 * 60_000);
  expect(flow.active).toBe(true);  // past the widget's own minute, LTGS's five are not over
  const outcome = await settle(flow);
  expect(outcome.state).toBe('EXPIRED');
  expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expires));
});

test('a FAILED answer with Failure_Reason: the payment carries LTGS\'s word and the core\'s code', async () => {
  const server = fakeServer({ initiate: initiated, status: () => ({ body: status('FAILED', { Failure_Reason: 'INSUFFICIENT_FUNDS' }) }) });
  const outcome = await (async () => {
    const flow = flowWith(server);
    flow.start();
    return settle(flow);
  })();
  expect(outcome.state).toBe('FAILED');
  expect(outcome.payment).toMatchObject({ failureReason: 'INSUFFICIENT_FUNDS', failureCode: 'failure.insufficient_funds' });
});
