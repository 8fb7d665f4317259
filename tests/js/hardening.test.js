// What an outside attacker and a careless integrator found in the partner backend and the demo server, one
// regression test each: push prompts to anyone, unbounded state from anonymous requests, callback
// amplification, the redelivery loop, log injection, foreign Host names and slow clients. Real servers on
// 127.0.0.1 (start() as npm start runs them) against a scripted LTGS.
'use strict';

const net = require('net');

const { loadCore } = require('./core-loader.js');
const { FakeClock } = require('./support/fake-clock.js');
const { request, postJson, recordingServer } = require('./support/http-client.js');
const { start } = require('../../web/shop/server.js');
const { issueCheckoutToken, verifyCheckoutToken } = require('../../web/partner/checkout-token.js');
const { logValue, RateLimiter } = require('../../web/partner/guards.js');

const API_KEY = 'sk_live_partner_secret_42';
let core;
let clock;
let ltgs;
const statuses = new Map();

beforeAll(async () => {
  core = await loadCore();
  ltgs = await recordingServer((req) => {
    if (req.method === 'POST' && req.url === '/api/v1/payments') {
      const body = JSON.parse(req.text);
      statuses.set(body.Sale_Reference_ID, statusDoc(body.Sale_Reference_ID));
      return { status: 201, json: statusDoc(body.Sale_Reference_ID) };
    }
    const m = req.url.match(/^\/api\/v1\/payments\/([^/]+)$/);
    const doc = m && statuses.get(decodeURIComponent(m[1]));
    return doc ? { status: 200, json: doc } : { status: 404, json: {} };
  });
});
afterAll(() => ltgs.close());
beforeEach(() => {
  clock = new FakeClock();
  ltgs.requests.length = 0;
});

function statusDoc(ref, overrides = {}) {
  return { Sale_Reference_ID: ref, Payment_Status: 'PENDING', Payment_Channel: 'MTN MoMo', Payment_Ref_ID: null,
           Total_Amount_Paid: null, Paid_On: null, ...overrides };
}
const paidDoc = (ref, amount = 15000) => statusDoc(ref, { Payment_Status: 'PAID', Payment_Ref_ID: 'MTN_1', Total_Amount_Paid: amount,
                                                        Paid_On: '2026-11-28 12:00:05' });

async function withApp(options, fn) {
  const lines = [];
  const app = await start({ core, clock, port: 0, apiBase: ltgs.url, apiKey: API_KEY, signatureMode: 'none',
                            log: (line) => lines.push(line), ...options });
  try {
    await fn(app, app.url.replace(/\/$/, ''), lines);
  } finally {
    await app.close();
  }
}

let counter = 0;
function order(app, amount = 15000) {
  counter += 1;
  const reference = `LTGSINV_HD_${String(counter).padStart(4, '0')}`;
  app.store.createOrder({ reference, amount, servicesName: 'Water Bill - October 2026' });
  return reference;
}

const payload = (ref, phone = '0788123456', extra = {}) => ({
  Sale_Reference_ID: ref, Customer_KYC_ID: '1199070012345012', Phone_Number: phone, Email_Address: '',
  Total_Amount_to_Pay: 15000, Payment_Method: 'MTN_MOMO', ...extra,
});
const initiate = (app, base, ref, phone, headers = {}) => postJson(base, '/checkout/initiate', payload(ref, phone),
  { 'X-Checkout-Token': app.checkoutToken(core.parseAttemptReference(ref).value.orderReference), ...headers });

describe('Regression: push prompts to anyone', () => {
  test('an initiation needs the checkout token the page was given for that order', async () => {
    await withApp({}, async (app, base) => {
      const ref = order(app);
      const other = order(app);
      for (const [headers, code] of [[{ 'X-Checkout-Token': '' }, 'checkout.token_missing'],
        [{ 'X-Checkout-Token': app.checkoutToken(other) }, 'checkout.token_invalid'],
        [{ 'X-Checkout-Token': 'ct1.99999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'checkout.token_invalid']]) {
        const res = await postJson(base, '/checkout/initiate', payload(ref), headers);
        expect(res.status).toBe(403);
        expect(res.json.errors[0]).toMatchObject({ field: 'X-Checkout-Token', code });
      }
      expect(ltgs.requests).toHaveLength(0);
      expect((await initiate(app, base, ref)).status).toBe(201);
      // A token for the order covers its attempts.
      expect(core.parseAttemptReference(`${ref}-R2`).value.orderReference).toBe(ref);
    });
  });

  test('a token expires', () => {
    const secret = 'a-secret-of-enough-length';
    const token = issueCheckoutToken({ secret, orderReference: 'X', nowMs: 0, ttlMs: 60_000 });
    expect(verifyCheckoutToken({ secret, token, orderReference: 'X', nowMs: 59_000 })).toEqual({ ok: true });
    expect(verifyCheckoutToken({ secret, token, orderReference: 'X', nowMs: 60_000 }).code).toBe('checkout.token_expired');
    expect(verifyCheckoutToken({ secret: 'another-secret-entirely', token, orderReference: 'X', nowMs: 0 }).code)
      .toBe('checkout.token_invalid');
  });

  test('twenty orders cannot send twenty prompts to one stranger\'s number: 429 with Retry-After and a code', async () => {
    await withApp({}, async (app, base) => {
      const answers = [];
      for (let i = 0; i < 20; i += 1) answers.push(await initiate(app, base, order(app), '0788765432'));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
      const limited = answers.filter((a) => a.status === 429);
      expect(limited).toHaveLength(17);
      expect(limited[0].json).toMatchObject({ errors: [{ field: 'Phone_Number', code: 'rate.phone' }] });
      expect(limited[0].json.retryAtMs).toBe(clock.now() + 15 * 60_000);
      expect(Number(limited[0].headers['retry-after'])).toBe(15 * 60);
      expect(ltgs.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
      // A refused request leaves no attempt behind; another number is not affected; the window passes.
      expect(app.store.db.prepare('SELECT COUNT(*) AS n FROM attempts').get().n).toBe(3);
      expect((await initiate(app, base, order(app), '0788111222')).status).toBe(201);
      clock.advance(15 * 60_000);
      expect((await initiate(app, base, order(app), '0788765432')).status).toBe(201);
    });
  });

  test('initiations per order are limited too', async () => {
    await withApp({ limits: { initiationsPerOrder: 4 } }, async (app, base) => {
      const ref = order(app);
      const codes = [];
      for (let i = 0; i < 6; i += 1) codes.push((await initiate(app, base, ref)).status);
      expect(codes).toEqual([201, 201, 201, 201, 429, 429]);  // re-sends of the same attempt, then the limit
      const res = await initiate(app, base, ref);
      expect(res.json.errors[0].code).toBe('rate.order');
    });
  });

  test('the limiters forget the oldest keys past their bound', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000, maxKeys: 100, clock });
    for (let i = 0; i < 1000; i += 1) limiter.take(`k${i}`);
    expect(limiter.size).toBe(100);
  });
});

describe('Regression: unbounded state from anonymous requests', () => {
  test('rejected initiations of a bill the partner looks up leave no order row', async () => {
    await withApp({ port: 0, sandboxPort: 0, apiBase: undefined, apiKey: undefined, signatureMode: undefined },
      async (app, base) => {
        const page = (await request(base, '/?account=555000111')).text;
        const tag = Object.fromEntries([...page.match(/<script\b[^>]*ltgs-checkout\.js[^>]*>/)[0]
          .matchAll(/\s(data-[a-z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
        const rows = () => app.store.db.prepare('SELECT COUNT(*) AS n FROM orders').get().n;
        const send = (extra) => postJson(base, '/checkout/initiate', { ...payload(tag['data-reference']), ...extra },
          { 'X-Checkout-Token': tag['data-checkout-token'] });
        expect((await send({ Phone_Number: '07' })).status).toBe(400);
        expect((await send({ Total_Amount_to_Pay: 1 })).status).toBe(409);
        expect((await send({ Payment_Method: 'CASH' })).status).toBe(400);
        for (let i = 0; i < 50; i += 1) await request(base, `/?account=5550${String(i).padStart(5, '0')}`, { method: i % 2 ? 'HEAD' : 'GET' });
        expect(rows()).toBe(0);
        expect((await send({})).status).toBe(201);
        expect(rows()).toBe(1);
      });
  });

  test('the callback log is bounded per reference and in total, bodies cut, the dropped rows counted', async () => {
    await withApp({ signatureMode: 'required', callbackSecret: 'whsec_test_secret_1' }, async (app, base) => {
      const big = 'x'.repeat(8000);
      for (let i = 0; i < 60; i += 1) {
        await postJson(base, '/checkout/callback', { Sale_Reference_ID: 'LTGSINV_SPAM', Payment_Status: 'PAID', Junk: big });
      }
      const rows = app.store.db.prepare('SELECT reference, length(body) AS size FROM callbacks').all();
      expect(rows).toHaveLength(20);
      expect(Math.max(...rows.map((r) => r.size))).toBeLessThanOrEqual(512);
      expect(app.store.droppedCallbacks()).toBe(40);
      expect((await request(base, '/orders')).text).toMatch(/40\s+older rows were dropped/);
    });
    const { openStore } = require('../../web/partner/store.js');
    const store = openStore({ auditLimits: { total: 30 } });
    for (let i = 0; i < 100; i += 1) {
      store.logCallback({ reference: `R${i}`, signature: 'missing', outcome: 'rejected', code: 'signature.missing', body: '{}' });
    }
    expect(store.listCallbacks(1000)).toHaveLength(30);
    expect(store.droppedCallbacks()).toBe(70);
    store.close();
  });
});

describe('Regression: callback amplification', () => {
  test('fifty anonymous callbacks for one reference cost one request to LTGS', async () => {
    await withApp({}, async (app, base) => {
      const ref = order(app);
      await initiate(app, base, ref);
      statuses.set(ref, paidDoc(ref));
      ltgs.requests.length = 0;
      const answers = await Promise.all(Array.from({ length: 50 }, () => postJson(base, '/checkout/callback', paidDoc(ref))));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(ltgs.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
      expect(app.store.getOrder(ref).status).toBe('PAID');
    });
  });

  test('one caller\'s callbacks for many references are limited (429), not passed on to LTGS', async () => {
    await withApp({ limits: { rechecksPerAddress: 5 } }, async (app, base) => {
      const refs = [];
      for (let i = 0; i < 8; i += 1) {
        const ref = order(app);
        await initiate(app, base, ref, `07881000${10 + i}`);
        refs.push(ref);
      }
      ltgs.requests.length = 0;
      const answers = [];
      for (const ref of refs) answers.push(await postJson(base, '/checkout/callback', paidDoc(ref)));
      expect(ltgs.requests.filter((r) => r.method === 'GET')).toHaveLength(5);
      expect(answers.slice(5).map((a) => [a.status, a.json.errors[0].code])).toEqual(Array(3).fill([429, 'rate.callback']));
      expect(answers[5].headers['retry-after']).toBeDefined();
    });
  });
});

describe('Regression: redelivery loop', () => {
  test('an AMOUNT_MISMATCH callback, once recorded, is answered 2xx (and again 2xx as a duplicate)', async () => {
    await withApp({}, async (app, base) => {
      const ref = order(app);
      await initiate(app, base, ref);
      statuses.set(ref, paidDoc(ref, 14000));
      const first = await postJson(base, '/checkout/callback', paidDoc(ref, 14000));
      expect(first.status).toBe(200);
      expect(app.store.getOrder(ref).status).toBe('AMOUNT_MISMATCH');
      clock.advance(10_000);
      const again = await postJson(base, '/checkout/callback', paidDoc(ref, 14000));
      expect(again.status).toBe(200);
      expect(again.json).toEqual({ received: true, duplicate: true });
    });
  });
});

describe('Regression: log injection', () => {
  test('an unsigned callback cannot write a fake line or terminal escapes into the log', async () => {
    await withApp({}, async (app, base, lines) => {
      const forged = 'X\n[10:00:00] partner: order LTGSINV_1 PAID (callback)\u001b[2J\u001b]0;owned\u0007\u2028';
      await postJson(base, '/checkout/callback', { Sale_Reference_ID: forged, Payment_Status: 'PAID' });
      const text = lines.join('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).not.toMatch(/[\n\r\u001b\u0007\u2028]/);
      expect(text).not.toMatch(/^\[10:00:00\] partner: order/m);
      expect(text).toContain('\\n[10:00:00] partner: order LTGSINV_1 PAID (callback)\\u001b[2J');
    });
  });

  test('logValue quotes, escapes and cuts', () => {
    expect(logValue('a\nb')).toBe('"a\\nb"');
    expect(logValue('\u001b[31m')).toBe('"\\u001b[31m"');
    expect(logValue('\u0085\u2029\u202e')).toBe('"\\u0085\\u2029\\u202e"');
    expect(logValue('y'.repeat(500))).toHaveLength(203);
  });
});

describe('Regression: no Host check (DNS rebinding)', () => {
  test('a foreign Host is refused (421) even with a matching Origin; the loopback names and configured hosts pass', async () => {
    await withApp({ allowedHosts: ['shop.example.rw'] }, async (app, base) => {
      const ref = order(app);
      const port = new URL(base).port;
      const evil = await postJson(base, '/checkout/initiate', payload(ref),
        { Host: 'rebind.evil.example', Origin: 'http://rebind.evil.example', 'X-Checkout-Token': app.checkoutToken(ref) });
      expect(evil.status).toBe(421);
      expect(evil.json.errors[0].code).toBe('request.host');
      expect((await request(base, '/', { headers: { Host: `evil.example:${port}` } })).status).toBe(421);
      expect((await request(base, '/orders', { headers: { Host: `127.0.0.2:${port}` } })).status).toBe(421);
      expect(ltgs.requests).toHaveLength(0);
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'shop.example.rw']) {
        expect((await request(base, '/orders', { headers: { Host: host } })).status).toBe(200);
      }
    });
  });

  test('the sandbox\'s own port checks the Host too', async () => {
    await withApp({ apiBase: undefined, apiKey: undefined, sandboxPort: 0 }, async (app) => {
      const sandboxBase = app.sandbox.url;
      expect((await request(sandboxBase, '/api/v1/sandbox/payments', { headers: { Host: 'evil.example' } })).status).toBe(421);
      expect((await request(sandboxBase, '/api/v1/sandbox/payments')).status).toBe(200);
    });
  });
});

describe('Regression: slow clients', () => {
  test('a request whose body trickles in is cut off at the request timeout', async () => {
    await withApp({ serverLimits: { requestTimeoutMs: 600, headersTimeoutMs: 400, checkIntervalMs: 100 } },
      async (app, base) => {
        const { port } = new URL(base);
        const socket = net.connect(Number(port), '127.0.0.1');
        await new Promise((resolve) => socket.once('connect', resolve));
        socket.write('POST /checkout/callback HTTP/1.1\r\nHost: 127.0.0.1:' + port +
          '\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
        const timer = setInterval(() => socket.write(' '), 50);
        const answer = await new Promise((resolve) => {
          let text = '';
          socket.on('data', (d) => { text += d; });
          socket.on('close', () => resolve(text));
        });
        clearInterval(timer);
        expect(answer).toMatch(/^HTTP\/1\.1 408/);
      });
  });

  test('every server has a connection cap and header/request timeouts', async () => {
    await withApp({ apiBase: undefined, apiKey: undefined, sandboxPort: 0 }, async (app) => {
      for (const server of [app.server, app.sandbox.server]) {
        expect(server.maxConnections).toBe(256);
        expect(server.headersTimeout).toBe(10_000);
        expect(server.requestTimeout).toBe(30_000);
      }
    });
  });
});
