// ltgs-checkout/server: the web-standard handlers on their own (Request in, Response out), under node:http
// and Express with real servers, on the SQLite store and on a real PostgreSQL server started for the test
// (Debian's packages, a temporary cluster). The same scenarios run on both stores.
import { createRequire } from 'module';
import http from 'http';

import {
  createCheckoutHandlers, toNodeHandler, expressMiddleware, openSqliteStore, openPostgresStore, issueCheckoutToken,
} from '../../web/partner/index.mjs';

const require = createRequire(import.meta.url);
const { loadCore } = require('./core-loader.js');
const { recordingServer, postJson, request } = require('./support/http-client.js');
const { startPostgres, unavailableReason } = require('./support/postgres.js');
const { signatureHeader } = require('../../web/partner/signature.js');
const express = require('express');

const API_KEY = 'sk_live_package_key_1';
const SECRET = 'whsec_package_secret_1';
const TOKEN_SECRET = 'checkout-token-secret-for-tests';
const BASE = 'https://partner.example.rw';

let core;
let ltgs;
const statuses = new Map();
let pg = null;
const pgReason = unavailableReason();

beforeAll(async () => {
  core = await loadCore();
  ltgs = await recordingServer((req) => {
    if (req.method === 'POST' && req.url === '/api/v1/payments') {
      const body = JSON.parse(req.text);
      if (!statuses.has(body.Sale_Reference_ID)) statuses.set(body.Sale_Reference_ID, statusDoc(body.Sale_Reference_ID));
      return { status: 201, json: { ...statusDoc(body.Sale_Reference_ID), Secret: API_KEY } };
    }
    const m = req.url.match(/^\/api\/v1\/payments\/([^/]+)$/);
    const doc = m && statuses.get(decodeURIComponent(m[1]));
    return doc ? { status: 200, json: doc } : { status: 404, json: {} };
  });
  if (!pgReason) pg = await startPostgres();
}, 60_000);

afterAll(async () => {
  await ltgs.close();
  if (pg) pg.stop();
});

function statusDoc(ref, overrides = {}) {
  return { Sale_Reference_ID: ref, Payment_Status: 'PENDING', Payment_Channel: 'MTN MoMo', Payment_Ref_ID: null,
           Total_Amount_Paid: null, Paid_On: null, ...overrides };
}
const paidDoc = (ref, paymentRef = 'MTN_1') => statusDoc(ref, { Payment_Status: 'PAID', Payment_Ref_ID: paymentRef,
  Total_Amount_Paid: 15000, Paid_On: '2026-11-28 12:00:05' });

let counter = 0;
const bills = new Map();
function newBill() {
  counter += 1;
  const reference = `INV-PKG-${process.pid}-${counter}`;
  bills.set(reference, { reference, amount: 15000, servicesName: 'Water Bill - November 2026' });
  return reference;
}

function options(store, extra = {}) {
  return {
    core, store,
    ltgs: { baseUrl: ltgs.url, apiKey: API_KEY },
    callback: { publicUrl: BASE, secret: SECRET, signature: 'required' },
    lookupOrder: (ref) => bills.get(ref) ?? null,
    checkoutTokenSecret: TOKEN_SECRET,
    limits: { attemptsPerPhone: 10_000, initiationsPerOrder: 10_000, rechecksPerAddress: 10_000, recheckCacheMs: 0 },
    ...extra,
  };
}

function initiateRequest(ref, extra = {}) {
  const parsed = core.parseAttemptReference(ref);
  const order = parsed.ok ? parsed.value.orderReference : ref;  // a refused reference gets a token for itself
  return new Request(`${BASE}/checkout/initiate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Checkout-Token': issueCheckoutToken({ secret: TOKEN_SECRET, orderReference: order, nowMs: Date.now() }) },
    body: JSON.stringify({ Sale_Reference_ID: ref, Customer_KYC_ID: '1199070012345012', Phone_Number: '0788123456',
      Total_Amount_to_Pay: 15000, Payment_Method: 'MTN_MOMO', ...extra }),
  });
}
function callbackRequest(doc) {
  const body = JSON.stringify(doc);
  return new Request(`${BASE}/checkout/callback`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'LTGS-Signature': signatureHeader(SECRET, Date.now(), body) }, body,
  });
}

const stores = [
  ['SQLite', async () => openSqliteStore({ path: ':memory:' })],
  ['PostgreSQL', async () => openPostgresStore({ connectionString: pg.connectionString })],
];

describe.each(stores)('the handlers on %s', (name, open) => {
  const maybe = name === 'PostgreSQL' && pgReason ? test.skip : test;
  if (name === 'PostgreSQL' && pgReason) console.warn(`PostgreSQL tests skipped: ${pgReason}`);

  maybe('initiate, status and callback: Request in, Response out; one attempt, one payment, no secret', async () => {
    const store = await open();
    try {
      const h = await createCheckoutHandlers(options(store));
      const ref = newBill();
      let res = await h.initiate(initiateRequest(ref));
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body).toEqual(statusDoc(ref));
      expect(JSON.stringify(body)).not.toContain(API_KEY);
      // LTGS got our Callback_URL and the order's amount.
      const sent = JSON.parse(ltgs.requests.filter((r) => r.method === 'POST').at(-1).text);
      expect(sent).toMatchObject({ Sale_Reference_ID: ref, Total_Amount_to_Pay: 15000, Callback_URL: `${BASE}/checkout/callback` });
      // A second attempt while the first is open: the core's refusal.
      res = await h.initiate(initiateRequest(`${ref}-R2`));
      expect(res.status).toBe(409);
      expect((await res.json()).errors[0].code).toBe('order.attempt_open');
      statuses.set(ref, paidDoc(ref));
      res = await h.callback(callbackRequest(paidDoc(ref)), { remoteAddress: '203.0.113.9' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ received: true });
      res = await h.callback(callbackRequest(paidDoc(ref)), { remoteAddress: '203.0.113.9' });
      expect(await res.json()).toEqual({ received: true, duplicate: true });
      res = await h.status(new Request(`${BASE}/checkout/status/${ref}`), ref);
      expect(await res.json()).toEqual(paidDoc(ref));
      const order = await store.getOrder(ref);
      expect(order).toMatchObject({ status: 'PAID', amount: 15000, payment_ref_id: 'MTN_1' });
      expect((await store.attemptsOf(order.id)).map((a) => [a.number, a.state])).toEqual([[1, 'PAID']]);
      expect((await store.listPayments(order.id)).map((p) => p.status)).toEqual(['PAID']);
      expect((await store.listCallbacks(10)).map((c) => c.outcome).slice(0, 2)).toEqual(['duplicate', 'recorded']);
      res = await h.initiate(initiateRequest(`${ref}-R2`));
      expect((await res.json()).errors[0].code).toBe('order.paid');
    } finally {
      await store.close();
    }
  });

  maybe('50 concurrent initiations of one order start exactly one attempt', async () => {
    const store = await open();
    try {
      const h = await createCheckoutHandlers(options(store));
      const ref = newBill();
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => h.initiate(initiateRequest(i % 3 ? ref : `${ref}-R${2 + (i % 5)}`))));
      const order = await store.getOrder(ref);
      const attempts = await store.attemptsOf(order.id);
      expect(attempts).toHaveLength(1);
      for (const a of answers) {
        if (a.status !== 201) expect((await a.json()).errors[0].code).toBe('order.attempt_open');
      }
    } finally {
      await store.close();
    }
  });

  maybe('a bill paid twice keeps both payments and the amount to refund', async () => {
    const store = await open();
    try {
      const h = await createCheckoutHandlers(options(store));
      const ref = newBill();
      await h.initiate(initiateRequest(ref));
      statuses.set(ref, statusDoc(ref, { Payment_Status: 'EXPIRED' }));
      await h.callback(callbackRequest(statuses.get(ref)), {});
      expect((await h.initiate(initiateRequest(`${ref}-R2`))).status).toBe(201);
      statuses.set(`${ref}-R2`, paidDoc(`${ref}-R2`, 'MTN_2'));
      await h.callback(callbackRequest(statuses.get(`${ref}-R2`)), {});
      statuses.set(ref, paidDoc(ref, 'MTN_LATE'));
      expect((await h.callback(callbackRequest(statuses.get(ref)), {})).status).toBe(200);
      expect(await store.getOrder(ref)).toMatchObject({ status: 'PAID', duplicate_count: 1, refund_due: 15000, amount_paid_total: 30000 });
    } finally {
      await store.close();
    }
  });

  maybe('refusals carry the core\'s codes; nothing is stored for them', async () => {
    const store = await open();
    try {
      const h = await createCheckoutHandlers(options(store));
      const ref = newBill();
      const codes = [];
      for (const req of [initiateRequest(`${ref}-R2-R2`), initiateRequest(`${ref}-R2000000`), initiateRequest(ref, { Phone_Number: '07' }),
        initiateRequest(ref, { Total_Amount_to_Pay: 1 }), initiateRequest('INV-NOBODY'),
        new Request(`${BASE}/checkout/initiate`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ Sale_Reference_ID: ref }) })]) {
        const res = await h.initiate(req);
        codes.push([res.status, (await res.json()).errors[0].code]);
      }
      expect(codes).toEqual([[400, 'order.reference_reserved_suffix'], [400, 'order.too_many_attempts'], [400, 'phone.too_short'],
        [409, 'order.amount_mismatch'], [404, 'order.unknown'], [403, 'checkout.token_missing']]);
      expect(await store.getOrder(ref)).toBeNull();
    } finally {
      await store.close();
    }
  });
});

describe('adapters with real servers', () => {
  async function serve(handler) {
    const server = http.createServer(handler);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
  }

  test('node:http: the checkout\'s paths answered, others left to the application', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const h = await createCheckoutHandlers(options(store, { callback: { publicUrl: BASE, secret: SECRET } }));
    const checkout = toNodeHandler(h);
    const app = await serve(async (req, res) => {
      if (await checkout(req, res)) return;
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('the application');
    });
    try {
      const ref = newBill();
      const token = issueCheckoutToken({ secret: TOKEN_SECRET, orderReference: ref, nowMs: Date.now() });
      const res = await postJson(app.url, '/checkout/initiate', JSON.parse(await initiateRequest(ref).text()), { 'X-Checkout-Token': token });
      expect(res.status).toBe(201);
      expect((await request(app.url, '/elsewhere')).text).toBe('the application');
      expect((await request(app.url, '/checkout/initiate')).status).toBe(405);
      // A callback from another address is audited with that address.
      statuses.set(ref, paidDoc(ref));
      const body = JSON.stringify(paidDoc(ref));
      const cb = await request(app.url, '/checkout/callback', { method: 'POST', body,
        headers: { 'Content-Type': 'application/json', 'LTGS-Signature': signatureHeader(SECRET, Date.now(), body) } });
      expect(cb.status).toBe(200);
      expect(store.listCallbacks(1)[0]).toMatchObject({ outcome: 'recorded', remote_address: '127.0.0.1' });
      // The body limit holds through the adapter.
      const big = await request(app.url, '/checkout/callback', { method: 'POST', body: 'x'.repeat(70_000), headers: { 'Content-Type': 'application/json' } });
      expect(big.status).toBe(413);
    } finally {
      await app.close();
      store.close();
    }
  });

  test('Express: app.use(expressMiddleware(handlers)) before the body parsers; CORS for a page on another origin', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const h = await createCheckoutHandlers(options(store, { allowedOrigins: ['https://shop.example.rw'] }));
    const app = express();
    app.use(expressMiddleware(h));
    app.use(express.json());
    app.post('/other', (req, res) => res.json({ echo: req.body }));
    const server = await serve(app);
    try {
      const ref = newBill();
      const token = issueCheckoutToken({ secret: TOKEN_SECRET, orderReference: ref, nowMs: Date.now() });
      const preflight = await request(server.url, '/checkout/initiate', { method: 'OPTIONS',
        headers: { Origin: 'https://shop.example.rw', 'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type,idempotency-key,x-checkout-token' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://shop.example.rw');
      expect(preflight.headers['access-control-allow-headers']).toMatch(/X-Checkout-Token/);
      const res = await postJson(server.url, '/checkout/initiate', JSON.parse(await initiateRequest(ref).text()),
        { Origin: 'https://shop.example.rw', 'Sec-Fetch-Site': 'cross-site', 'X-Checkout-Token': token });
      expect(res.status).toBe(201);
      expect(res.headers['access-control-allow-origin']).toBe('https://shop.example.rw');
      // Another origin: no grant, refused.
      const evil = await postJson(server.url, '/checkout/initiate', JSON.parse(await initiateRequest(ref).text()),
        { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', 'X-Checkout-Token': token });
      expect(evil.status).toBe(403);
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();
      expect((await request(server.url, '/checkout/initiate', { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } })).status).toBe(403);
      expect((await postJson(server.url, '/other', { a: 1 })).json).toEqual({ echo: { a: 1 } });
    } finally {
      await server.close();
      store.close();
    }
  });
});
