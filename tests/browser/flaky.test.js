// The widget on a bad network, in real browsers (Chromium and Firefox ESR): the partner's status endpoint fails most
// requests (HTTP 5xx, 429 with Retry-After, connection resets, requests never answered, garbage and truncated
// bodies, slow answers, statuses that are not ours) and every run still reaches the right final screen, with
// exactly one initiation, a known number of status requests and never two requests in flight at once.
// The server below counts and times every request itself: the widget is not asked what it did.
//
// Time: the poller's delays are shortened through the public `pollSettings` option; the 10 s fetch timeout is
// not an option of LTGSCheckout.open, so for a request that is never answered the test moves the page's clock
// (the driver's installClock / fastForward) 10 s forward and the widget's own AbortController fires.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { STRICT_CSP, DIST } = require('./harness');
const { ENGINES, openEngine, openPage } = require('./driver');
const { loadCore } = require('../js/core-loader.js');

jest.setTimeout(90_000);

const AMOUNT = 15000;
const POLL = { firstDelayMs: 150, backoffFactor: 1.3, maxDelayMs: 400, jitter: 0.2 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The page: config in a JSON block (inert under CSP), the widget from /dist, and a same-origin page script
// that opens the checkout and records what the partner's callbacks receive.
const PAGE = (cfg) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Flaky network</title></head>
<body><h1>Kigali Water</h1>
<script type="application/json" id="cfg">${JSON.stringify(cfg).replace(/</g, '\\u003c')}</script>
<script src="/dist/ltgs-checkout.js"></script>
<script src="/page.js"></script>
</body></html>`;

const PAGE_JS = `'use strict';
window.__outcomes = [];
window.__statuses = [];
const cfg = JSON.parse(document.getElementById('cfg').textContent);
window.__checkout = LTGSCheckout.open({
  ...cfg,
  onStatusChange: (d) => window.__statuses.push(d.state),
  onSuccess: (o) => window.__outcomes.push(o),
  onFailure: (o) => window.__outcomes.push(o),
});
`;

const statusDoc = (ref, status, extra = {}) => JSON.stringify({
  Sale_Reference_ID: ref, Payment_Status: status, Payment_Channel: null, Payment_Ref_ID: null,
  Total_Amount_Paid: null, Paid_On: null, ...extra,
});

// One scripted answer per status request, in order. Each kind is something a real network or a broken
// proxy does; `transient` says the widget must keep polling after it.
const answers = {
  http: (status, body = '', headers = {}) => ({ kind: 'http', status, body, headers }),
  reset: () => ({ kind: 'reset' }),                      // the socket destroyed before any byte of an answer
  resetMidBody: () => ({ kind: 'resetMidBody' }),        // 200 and half a body, then the socket destroyed
  hang: () => ({ kind: 'hang' }),                        // never answered: the widget's 10 s timeout must fire
  slow: (ms, then) => ({ kind: 'slow', ms, then }),      // answered late, within the timeout
  body: (body, status = 200) => ({ kind: 'http', status, body }),
};

// A partner backend whose status endpoint follows `script` (then `final` for ever), and a log of every
// request: arrival time, how many requests were open at that moment (server side: from arrival until the
// answer is written or the connection closes).
function startFlakyServer(cfg) {
  const state = { log: [], open: 0, maxOpen: 0, statusOpen: 0, maxStatusOpen: 0, hanging: new Set(), script: [], final: null, initiation: null };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      // Connection: close on every answer, so a reset always hits a fresh connection: Chromium silently
      // re-sends a request whose reused keep-alive socket was reset, which would hide the failure.
      const headers = { 'Content-Security-Policy': STRICT_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', Connection: 'close' };
      if (url.pathname === '/') return send(res, 200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }, PAGE(cfg()));
      if (url.pathname === '/page.js') return send(res, 200, { ...headers, 'Content-Type': 'text/javascript' }, PAGE_JS);
      if (url.pathname === '/favicon.ico') return send(res, 204, headers, '');
      if (url.pathname.startsWith('/dist/')) {
        const file = path.join(DIST, path.basename(url.pathname));
        const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
        return send(res, 200, { ...headers, 'Content-Type': type }, fs.readFileSync(file));
      }
      const isStatus = req.method === 'GET' && url.pathname.startsWith('/checkout/status/');
      const isInitiate = req.method === 'POST' && url.pathname === '/checkout/initiate';
      if (!isStatus && !isInitiate) return send(res, 404, headers, 'not found');

      const entry = { at: Date.now(), method: req.method, path: url.pathname, openBefore: state.open, answer: null };
      state.log.push(entry);
      state.open++;
      state.maxOpen = Math.max(state.maxOpen, state.open);
      if (isStatus) {
        state.statusOpen++;
        state.maxStatusOpen = Math.max(state.maxStatusOpen, state.statusOpen);
      }
      let closed = false;
      const done = () => {
        if (closed) return;
        closed = true;
        state.open--;
        if (isStatus) state.statusOpen--;
        state.hanging.delete(res);
        entry.closedAt = Date.now();
      };
      res.on('finish', done);
      res.on('close', done);

      const json = { ...headers, 'Content-Type': 'application/json' };
      if (isInitiate) {
        entry.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        entry.idempotencyKey = req.headers['idempotency-key'];
        const answer = state.initiation(entry.body);
        setTimeout(() => send(res, 201, json, answer), 400);  // a slow initiation: time for a double click
        return undefined;
      }
      const ref = decodeURIComponent(url.pathname.split('/').pop());
      entry.ref = ref;
      const step = state.script.length ? state.script.shift() : state.final;
      entry.answer = step.kind === 'slow' ? `slow ${step.ms} ms, then ${describeStep(step.then)}` : describeStep(step);
      return perform(step, res, json, ref, state);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, state, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

function describeStep(step) {
  if (step.kind === 'http') return `${step.status} ${String(step.body).slice(0, 40)}`;
  return step.kind;
}

function send(res, status, headers, body) {
  if (res.destroyed) return;
  res.writeHead(status, headers);
  res.end(body);
}

function perform(step, res, headers, ref, state) {
  switch (step.kind) {
    case 'http': {
      const body = typeof step.body === 'function' ? step.body(ref) : step.body;
      return send(res, step.status, { ...headers, ...step.headers }, body);
    }
    case 'reset':
      return res.socket.destroy();
    case 'resetMidBody':
      res.writeHead(200, { ...headers, 'Content-Length': '200' });
      res.write(`{"Sale_Reference_ID":"${ref}","Payment_Sta`);
      return setTimeout(() => res.socket.destroy(), 50);
    case 'hang':
      state.hanging.add(res);  // no answer, ever: the browser gives up and closes the connection
      return undefined;
    case 'slow':
      return setTimeout(() => perform(step.then, res, headers, ref, state), step.ms);
    default:
      throw new Error(`unknown step ${step.kind}`);
  }
}

let engine;
let core;
beforeAll(async () => {
  core = await loadCore();
});


// Runs one payment: opens the page, pays with `method`, and keeps the page's clock moving past the fetch
// timeout whenever the server holds a request unanswered, until the partner's callbacks see an outcome.
async function run({ reference, method, script, final, initiation, whileWaiting }) {
  let config;
  const site = await startFlakyServer(() => config);
  config = {
    payment: {
      Sale_Reference_ID: reference, Total_Amount_to_Pay: AMOUNT, Services_Name: 'Water Bill - May 2025',
      Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999',
    },
    initiateUrl: '/checkout/initiate', statusUrl: '/checkout/status', locale: 'en', methods: [method],
    pollSettings: POLL,
  };
  site.state.script = script.slice();
  site.state.final = final;
  site.state.initiation = initiation;
  const { page, errors, context } = await openPage(engine);
  // The page's clock runs at its natural pace; it is only ever jumped forward, below.
  await page.installClock();
  const forwarded = new Set();
  try {
    await page.goto(`${site.url}/`);
    const dialog = page.getByRole('dialog');
    const pay = dialog.getByRole('button', { name: /Pay RWF\s15,000/ });
    await pay.waitFor();
    await pay.dblclick();  // an impatient customer: still one initiation
    if (whileWaiting) await whileWaiting(dialog);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const outcomes = await page.evaluate(() => window.__outcomes.length);
      if (outcomes > 0) break;
      if (Date.now() > deadline) throw new Error(`no outcome; server log:\n${format(site.state.log)}`);
      for (const res of site.state.hanging) {
        if (forwarded.has(res)) continue;
        forwarded.add(res);
        await sleep(300);  // while one request hangs, no other may start (checked by the server's counters)
        await page.fastForward(10_000);
      }
      await sleep(50);
    }
    const outcomes = await page.evaluate(() => window.__outcomes);
    const statuses = await page.evaluate(() => window.__statuses);
    // After the end, nothing more is asked.
    const requestsAtEnd = site.state.log.length;
    await sleep(1000);
    expect(site.state.log.length).toBe(requestsAtEnd);
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    // Chromium logs each failed fetch (reset, 5xx, aborted) in the console itself (Firefox does not); no page
    // errors beyond those.
    expect(errors.filter((e) => !/Failed to load resource|net::ERR_|status of 5\d\d|status of 4\d\d/.test(e))).toEqual([]);
    return { site, page, context, dialog, outcomes, statuses, forwarded: forwarded.size };
  } catch (err) {
    await context.close();
    site.server.close();
    throw err;
  }
}

function format(log) {
  return log.map((e) => `${e.method} ${e.path} ${e.answer || ''} (open before: ${e.openBefore})`).join('\n');
}

function statusRequests(log) {
  return log.filter((e) => e.method === 'GET');
}

async function finish({ site, context }) {
  for (const res of site.state.hanging) res.socket.destroy();
  await context.close();
  await new Promise((resolve) => site.server.close(resolve));
}

describe.each(ENGINES)('%s', (engineName) => {
  beforeAll(async () => { engine = await openEngine(engineName); });
  afterAll(async () => {
    if (engine) await engine.close();
    engine = undefined;
  });

  test('a push payment reaches PAID through 5xx, 429, resets, a timeout, garbage, truncated JSON and slow answers', async () => {
    const ref = 'LTGSINV_FLAKY_PAID';
    const pending = (r) => statusDoc(r, 'PENDING');
    const script = [
      answers.http(404, '{"error":"payment.not_found"}'),          // LTGS does not know it yet (within the grace)
      answers.http(500, 'Internal Server Error', { 'Content-Type': 'text/plain' }),
      answers.reset(),
      answers.http(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'Content-Type': 'text/html' }),
      answers.body('<html><body>Service Unavailable</body></html>'),    // 200 with an HTML page
      answers.http(503, '', { 'Retry-After': '1' }),
      answers.body((r) => statusDoc(r, 'PAID').slice(0, 37)),              // truncated JSON
      answers.hang(),                                                      // → the widget's 10 s timeout
      answers.body('\u0000\u00ff\ufffdgarbage{{{'),
      answers.http(429, '{"error":"slow down"}', { 'Retry-After': '1' }),
      answers.resetMidBody(),
      answers.slow(1500, answers.body(pending)),                           // slow, but an answer
      answers.body((r) => statusDoc('LTGSINV_SOMEONE_ELSE', 'PAID', { Total_Amount_Paid: AMOUNT, Payment_Ref_ID: 'MTN_1' })),
      answers.body((r) => statusDoc(r, 'SUCCESSFUL', { Total_Amount_Paid: AMOUNT })),   // not a word LTGS uses
      answers.body('null'),
      answers.body('[]'),
      answers.body((r) => JSON.stringify({ Sale_Reference_ID: r, Payment_Status: 'PAID' })),  // PAID without an amount
      answers.http(503, 'busy'),
      answers.body(''),
      answers.slow(800, answers.http(500, 'late and failed')),
    ];
    const final = answers.body((r) => statusDoc(r, 'PAID', {
      Payment_Channel: 'MTN MoMo', Payment_Ref_ID: 'MTN_FLAKY_1', Total_Amount_Paid: AMOUNT, Paid_On: '2026-11-28 10:00:00',
    }));
    const failures = script.filter((s) => !(s.kind === 'slow' && s.then.kind === 'http' && s.then.status === 200)).length;
    expect(failures / (script.length + 1)).toBeGreaterThan(0.8);

    const r = await run({
      reference: ref, method: 'MTN_MOMO', script, final,
      initiation: (body) => statusDoc(body.Sale_Reference_ID, 'PENDING'),
    });
    try {
      const log = r.site.state.log;
      expect(r.outcomes.map((o) => o.status)).toEqual(['PAID']);
      expect(r.outcomes[0]).toMatchObject({ reference: ref, paymentRefId: 'MTN_FLAKY_1', amount: AMOUNT });
      await r.dialog.getByRole('heading', { name: 'Payment received' }).waitFor();
      expect(await r.dialog.textContent()).toContain('MTN_FLAKY_1');
      expect(r.statuses).not.toContain('FAILED');

      // One initiation, despite the double click and the slow answer, with its idempotency key.
      const initiations = log.filter((e) => e.method === 'POST');
      expect(initiations).toHaveLength(1);
      expect(initiations[0].idempotencyKey).toBe(ref);
      // Exactly one status request per scripted answer, then the PAID one: no request lost, none doubled.
      const polls = statusRequests(log);
      expect(polls.map((e) => e.answer)).toHaveLength(script.length + 1);
      expect(polls.every((e) => e.ref === ref)).toBe(true);
      expect(r.forwarded).toBe(1);
      // Never two requests at once, on the server's own count (a hung request ends when the browser aborts it).
      expect(r.site.state.maxOpen).toBe(1);
      expect(log.every((e) => e.openBefore === 0)).toBe(true);
      // Retry-After: 1 is honoured after the 503 and the 429.
      for (const i of [5, 9]) expect(polls[i + 1].at - polls[i].at).toBeGreaterThanOrEqual(1000);
    } finally {
      await finish(r);
    }
  });

  test('a QR payment reaches FAILED through the same failures, and the QR stays on screen meanwhile', async () => {
    const ref = 'LTGSINV_FLAKY_FAIL';
    const emv = core.emvBuild({
      guid: 'rw.ltgs.sandbox', merchantId: 'SANDBOX0001', mcc: '4900', merchantName: 'Kigali Water',
      merchantCity: 'Kigali', amount: AMOUNT, reference: ref,
    });
    expect(emv.ok).toBe(true);
    // A seeded mix: about three requests in four fail, each kind at least once.
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const kinds = [
      () => answers.http(500, 'oops'), () => answers.http(502, 'bad gateway'), () => answers.http(503, '', { 'Retry-After': '1' }),
      () => answers.reset(), () => answers.resetMidBody(), () => answers.body('{"Sale_Reference_ID":'), () => answers.body('<h1>hi</h1>'),
      () => answers.slow(600, answers.http(500, 'late')), () => answers.http(429, '', { 'Retry-After': '1' }),
    ];
    const script = kinds.map((k) => k());
    script.push(answers.hang());
    for (let i = 0; i < 14; i++) {
      script.push(random() < 0.75 ? kinds[Math.floor(random() * kinds.length)]() : answers.body((r) => statusDoc(r, 'PENDING')));
    }
    const final = answers.body((r) => statusDoc(r, 'FAILED', { Payment_Channel: 'QR', Payment_Ref_ID: 'QR_FLAKY_2' }));

    let qrSeen = false;
    const r = await run({
      reference: ref, method: 'QR', script, final,
      whileWaiting: async (dialog) => {
        // The code is drawn from the core's SVG once the initiation answers, and stays while polling fails.
        const svg = dialog.locator('.qr svg');
        await svg.waitFor();
        await dialog.getByRole('heading', { name: /Scan to pay/ }).waitFor();
        qrSeen = (await svg.boundingBox()).width > 100;
      },
      initiation: (body) => JSON.stringify({ ...JSON.parse(statusDoc(body.Sale_Reference_ID, 'PENDING')), QR_Payload: emv.value }),
    });
    r.qrSeen = qrSeen;
    try {
      const log = r.site.state.log;
      expect(r.outcomes.map((o) => o.status)).toEqual(['FAILED']);
      expect(r.outcomes[0]).toMatchObject({ reference: ref, status: 'FAILED' });
      expect(r.qrSeen).toBe(true);
      await r.dialog.getByRole('heading', { name: 'Payment not completed' }).waitFor();
      expect(await r.dialog.textContent()).toContain(`Your reference: ${ref}`);
      expect(await r.dialog.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
      expect(log.filter((e) => e.method === 'POST')).toHaveLength(1);
      expect(statusRequests(log)).toHaveLength(script.length + 1);
      expect(r.forwarded).toBe(1);
      expect(r.site.state.maxOpen).toBe(1);
      expect(log.every((e) => e.openBefore === 0)).toBe(true);
      expect(r.statuses).not.toContain('PAID');
    } finally {
      await finish(r);
    }
  });
});
