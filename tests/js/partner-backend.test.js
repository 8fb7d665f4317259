// The partner backend (web/partner/backend.js) against a scripted LTGS: what it forwards, what it tells
// the browser, and how its callback endpoint treats good, forged, stale, replayed and mismatched
// notifications, with the SQLite rows compared before and after.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const { loadCore } = require('./core-loader.js');
const { FakeClock } = require('./support/fake-clock.js');
const { request, postJson, recordingServer } = require('./support/http-client.js');
const { start } = require('../../web/shop/server.js');
const { signatureHeader } = require('../../web/partner/signature.js');

const API_KEY = 'sk_live_partner_secret_42';
const CALLBACK_SECRET = 'whsec_partner_callback_77';
const SQL_REFERENCE = "x'; DROP TABLE orders;--";

let core;
let clock;
let ltgs;            // the scripted LTGS
let app;
let base;
let dbDir;
const browserAnswers = [];  // every answer the browser-facing endpoints gave, checked for secrets at the end

// LTGS's state: payments by reference, and how to answer an initiation.
const statuses = new Map();
let initiateReply = null;

function statusDoc(ref, overrides = {}) {
  return { Sale_Reference_ID: ref, Payment_Status: 'PENDING', Payment_Channel: 'MTN MoMo', Payment_Ref_ID: null,
           Total_Amount_Paid: null, Paid_On: null, ...overrides };
}
function paidDoc(ref, overrides = {}) {
  return statusDoc(ref, { Payment_Status: 'PAID', Payment_Ref_ID: 'MTN_456789123', Total_Amount_Paid: 15000,
                          Paid_On: '2026-11-28 12:00:05', ...overrides });
}

beforeAll(async () => {
  core = await loadCore();
  clock = new FakeClock();
  ltgs = await recordingServer((req) => {
    if (req.method === 'POST' && req.url === '/api/v1/payments') {
      if (initiateReply) return initiateReply(req);
      const body = JSON.parse(req.text);
      statuses.set(body.Sale_Reference_ID, statusDoc(body.Sale_Reference_ID));
      // An LTGS that says more than the browser may see.
      return { status: 201, json: { ...statusDoc(body.Sale_Reference_ID), QR_Payload: '000201010212', Merchant_Secret: API_KEY,
                                    Internal_Note: `callback secret ${CALLBACK_SECRET}` } };
    }
    const m = req.url.match(/^\/api\/v1\/payments\/([^/]+)$/);
    if (req.method === 'GET' && m) {
      const doc = statuses.get(decodeURIComponent(m[1]));
      if (doc === 'FAIL') return { status: 500, text: 'upstream trouble' };
      return doc ? { status: 200, json: doc } : { status: 404, json: { errors: [{ code: 'payment.not_found' }] } };
    }
    return { status: 404, json: {} };
  });
  dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-partner-'));
  app = await start({
    core, clock, port: 0, apiBase: ltgs.url, apiKey: API_KEY, callbackSecret: CALLBACK_SECRET,
    signatureMode: 'required', dbPath: path.join(dbDir, 'orders.sqlite'),
    limits: { attemptsPerPhone: 10_000, initiationsPerOrder: 10_000 },  // the limits have tests of their own
  });
  base = app.url.replace(/\/$/, '');
});

afterAll(async () => {
  await app.close();
  await ltgs.close();
  fs.rmSync(dbDir, { recursive: true, force: true });
});

beforeEach(() => {
  ltgs.requests.length = 0;
  initiateReply = null;
});

let counter = 0;
function newOrder(amount = 15000) {
  counter += 1;
  const reference = `LTGSINV_PT_${String(counter).padStart(4, '0')}`;
  app.store.createOrder({ reference, amount, servicesName: 'Water Bill - October 2026', customerName: 'Jeanne Uwimana',
                          accountNumber: '100-234-567' });
  return reference;
}

const db = () => app.store.db;
function snapshot() {
  return {
    orders: db().prepare('SELECT * FROM orders ORDER BY reference').all(),
    attempts: db().prepare('SELECT * FROM attempts ORDER BY id').all(),
    payments: db().prepare('SELECT * FROM payments ORDER BY id').all(),
  };
}
const order = (ref) => db().prepare('SELECT * FROM orders WHERE reference = ?').get(ref);
const paymentsOf = (ref) => db().prepare(`SELECT p.* FROM payments p JOIN attempts a ON a.id = p.attempt_id
                                           WHERE a.reference = ? ORDER BY p.id`).all(ref);
const attempt = (ref) => db().prepare('SELECT * FROM attempts WHERE reference = ?').get(ref);
const attemptsOfOrder = (ref) => db().prepare(`SELECT a.* FROM attempts a JOIN orders o ON o.id = a.order_id
                                                WHERE o.reference = ? ORDER BY a.number`).all(ref);
const lastAudit = () => db().prepare('SELECT * FROM callbacks ORDER BY id DESC LIMIT 1').get();
const auditCount = () => db().prepare('SELECT COUNT(*) AS n FROM callbacks').get().n;
const tablesIntact = () => db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'counters' ORDER BY name").all()
  .map((r) => r.name);

function browserPayload(ref, overrides = {}) {
  return {
    Sale_Reference_ID: ref,
    Customer_KYC_ID: '1199070012345012',
    Phone_Number: '+250 788 000 001',
    Email_Address: '',
    Services_Name: 'Water Bill - October 2026',
    Total_Amount_to_Pay: 15000,
    Payment_Method: 'MTN_MOMO',
    ...overrides,
  };
}

// The checkout token the bill page would carry for the order a reference belongs to.
function tokenFor(ref, target = app) {
  const parsed = typeof ref === 'string' ? core.parseAttemptReference(ref) : { ok: false };
  return parsed.ok ? target.checkoutToken(parsed.value.orderReference) : 'ct1.0.none';
}

async function initiate(body, headers = {}) {
  const ref = typeof body === 'object' ? body.Sale_Reference_ID : undefined;
  const res = await postJson(base, '/checkout/initiate', body, {
    ...(ref ? { 'Idempotency-Key': ref } : {}), 'X-Checkout-Token': tokenFor(ref), ...headers });
  browserAnswers.push(res.text);
  return res;
}
async function status(ref) {
  const res = await request(base, `/checkout/status/${encodeURIComponent(ref)}`);
  browserAnswers.push(res.text);
  return res;
}

// LTGS → partner: the notification, signed as the sandbox signs it (or not, or wrongly).
function deliver(doc, { secret = CALLBACK_SECRET, t = clock.now(), header, raw } = {}) {
  const body = raw ?? JSON.stringify(doc);
  const headers = { 'Content-Type': 'application/json' };
  const sig = header !== undefined ? header : signatureHeader(secret, t, body);
  if (sig !== null) headers['LTGS-Signature'] = sig;
  return request(base, '/checkout/callback', { method: 'POST', headers, body });
}

describe('POST /checkout/initiate', () => {
  test('forwards to LTGS with the secret key, Callback_URL and the order\'s amount; the browser gets no secret', async () => {
    const ref = newOrder();
    const res = await initiate(browserPayload(ref, { Services_Name: 'Something the page said' }));
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ ...statusDoc(ref), QR_Payload: '000201010212' });
    expect(res.text).not.toContain(API_KEY);
    expect(res.text).not.toContain(CALLBACK_SECRET);

    expect(ltgs.requests).toHaveLength(1);
    const sent = ltgs.requests[0];
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['idempotency-key']).toBe(ref);
    expect(JSON.parse(sent.text)).toEqual({
      Sale_Reference_ID: ref,
      Customer_KYC_ID: '1199070012345012',
      Phone_Number: '0788000001',  // normalised by the core
      Email_Address: '',
      Services_Name: 'Water Bill - October 2026',  // the order's, not the page's
      Total_Amount_to_Pay: 15000,
      Callback_URL: `${base}/checkout/callback`,
      Payment_Method: 'MTN_MOMO',
    });
    expect(order(ref)).toMatchObject({ status: 'PENDING', payment_method: 'MTN_MOMO' });
  });

  test('a Callback_URL from the browser is replaced by the partner\'s own', async () => {
    const ref = newOrder();
    await initiate(browserPayload(ref, { Callback_URL: 'https://evil.example.com/steal' }));
    expect(JSON.parse(ltgs.requests[0].text).Callback_URL).toBe(`${base}/checkout/callback`);
  });

  test('an amount other than the order\'s is refused (409) and LTGS is not asked', async () => {
    const ref = newOrder();
    const res = await initiate(browserPayload(ref, { Total_Amount_to_Pay: 1 }));
    expect(res.status).toBe(409);
    expect(res.json.errors[0]).toMatchObject({ field: 'Total_Amount_to_Pay', code: 'order.amount_mismatch' });
    expect(ltgs.requests).toHaveLength(0);
    expect(order(ref).status).toBe('NEW');
  });

  test('an unknown order is 404', async () => {
    const res = await initiate(browserPayload('LTGSINV_NOT_AN_ORDER'));
    expect(res.status).toBe(404);
    expect(res.json.errors[0].code).toBe('order.unknown');
    expect(ltgs.requests).toHaveLength(0);
  });

  test('a retry "<order>-R2" pays the same order after a failed attempt, never while one is pending or paid', async () => {
    const ref = newOrder();
    const retry = `${ref}-R2`;
    expect((await initiate(browserPayload(ref))).status).toBe(201);
    ltgs.requests.length = 0;
    let res = await initiate(browserPayload(retry));
    expect(res.status).toBe(409);
    expect(res.json.errors[0].code).toBe('order.attempt_open');
    expect(res.json.retryAtMs).toBe(attempt(ref).expires_at_ms);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(attempt(retry)).toBeUndefined();
    expect(ltgs.requests).toHaveLength(0);
    statuses.set(ref, statusDoc(ref, { Payment_Status: 'FAILED' }));
    await status(ref);
    expect(order(ref).status).toBe('FAILED');
    res = await initiate(browserPayload(retry));
    expect(res.status).toBe(201);
    expect(JSON.parse(ltgs.requests.at(-1).text)).toMatchObject({ Sale_Reference_ID: retry, Total_Amount_to_Pay: 15000,
      Services_Name: 'Water Bill - October 2026' });
    // The attempt is a row of its own order, linked by key, not an order of its own.
    expect(order(retry)).toBeUndefined();
    expect(attempt(retry)).toMatchObject({ state: 'PENDING', number: 2, order_id: order(ref).id });
    expect(order(ref).status).toBe('PENDING');
    // R3 while R2 is pending: refused; the first reference again: refused (it ended).
    expect((await initiate(browserPayload(`${ref}-R3`))).json.errors[0].code).toBe('order.attempt_open');
    expect((await initiate(browserPayload('LTGSINV_NO_SUCH_ORDER-R2'))).status).toBe(404);
  });

  test('the holes of crafted retries: higher numbers, the base reference and nested suffixes are refused with the core\'s codes', async () => {
    const ref = newOrder();
    expect((await initiate(browserPayload(`${ref}-R5`))).status).toBe(201);
    for (const [crafted, code] of [[`${ref}-R3`, 'order.attempt_open'], [ref, 'order.attempt_open'],
      [`${ref}-R6`, 'order.attempt_open'], [`${ref}-R5-R2`, 'order.reference_reserved_suffix'],
      [`${ref}-R2-R2`, 'order.reference_reserved_suffix'], [`${ref}-R01`, 'order.reference_reserved_suffix'],
      [`${ref}-R1`, 'order.reference_reserved_suffix'], [`${ref}-R21`, 'order.too_many_attempts']]) {
      const res = await initiate(browserPayload(crafted));
      expect([crafted, res.status, res.json.errors[0].code]).toEqual([crafted, code === 'order.attempt_open' ? 409 : 400, code]);
    }
    expect(attemptsOfOrder(ref).map((a) => a.number)).toEqual([5]);
    // Paid under attempt 5: the order is paid, and nothing else may start.
    statuses.set(`${ref}-R5`, paidDoc(`${ref}-R5`));
    await status(`${ref}-R5`);
    expect(order(ref)).toMatchObject({ status: 'PAID', paid_attempt: 5, payment_ref_id: 'MTN_456789123' });
    for (const again of [ref, `${ref}-R3`, `${ref}-R6`]) {
      const res = await initiate(browserPayload(again));
      expect(res.status).toBe(409);
      expect(res.json.errors[0].code).toBe('order.paid');
    }
    // After an ended attempt, a lower number is out of sequence and names the next reference.
    const other = newOrder();
    await initiate(browserPayload(`${other}-R3`));
    statuses.set(`${other}-R3`, statusDoc(`${other}-R3`, { Payment_Status: 'EXPIRED' }));
    await status(`${other}-R3`);
    let res = await initiate(browserPayload(`${other}-R2`));
    expect(res.json).toMatchObject({ errors: [{ code: 'order.attempt_out_of_sequence' }], nextReference: `${other}-R4` });
    res = await initiate(browserPayload(`${other}-R3`));
    expect(res.json).toMatchObject({ errors: [{ code: 'order.attempt_ended' }], nextReference: `${other}-R4` });
  });

  test('an attempt number beyond the bound is refused before any SQL statement runs', async () => {
    const statements = [];
    const counted = await start({ core, clock, port: 0, apiBase: ltgs.url, apiKey: API_KEY, callbackSecret: CALLBACK_SECRET,
      store: require('../../web/partner/store.js').openStore({ clock, verbose: (sql) => statements.push(sql) }) });
    try {
      const cbase = counted.url.replace(/\/$/, '');
      counted.store.createOrder({ reference: 'LTGSINV_BOUND', amount: 15000, servicesName: 'Water' });
      const token = { 'X-Checkout-Token': counted.checkoutToken('LTGSINV_BOUND') };
      for (const n of ['2000000', '99999999999999999999', '21']) {
        statements.length = 0;
        const res = await postJson(cbase, '/checkout/initiate', browserPayload(`LTGSINV_BOUND-R${n}`), token);
        expect(res.status).toBe(400);
        expect(res.json.errors[0].code).toBe('order.too_many_attempts');
        expect(statements).toEqual([]);
      }
      // A good reference costs a handful of statements, whatever its number (no loop over numbers).
      statements.length = 0;
      expect((await postJson(cbase, '/checkout/initiate', browserPayload('LTGSINV_BOUND-R20'), token)).status).toBe(201);
      const forTwenty = statements.length;
      expect(forTwenty).toBeLessThan(20);
    } finally {
      await counted.close();
      counted.store.close();
    }
  });

  test('50 concurrent initiations of one order start exactly one attempt', async () => {
    const ref = newOrder();
    const refs = Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? ref : `${ref}-R${2 + (i % 7)}`));
    const answers = await Promise.all(refs.map((r) => initiate(browserPayload(r))));
    const started = attemptsOfOrder(ref);
    expect(started).toHaveLength(1);
    const posts = ltgs.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.text).Sale_Reference_ID);
    // Every request LTGS saw is the one attempt's (re-sends of one payment, which LTGS de-duplicates).
    expect(new Set(posts)).toEqual(new Set([started[0].reference]));
    for (const a of answers) {
      if (a.status !== 201) expect(a.json.errors[0].code).toBe('order.attempt_open');
    }
  });

  test('a long order reference: 60 characters work for every attempt; 61 to 64 are refused with their own code', async () => {
    const long = `LTGSINV_${'L'.repeat(52)}`;
    app.store.createOrder({ reference: long, amount: 15000, servicesName: 'Water Bill - October 2026' });
    expect((await initiate(browserPayload(long))).status).toBe(201);
    statuses.set(long, statusDoc(long, { Payment_Status: 'FAILED' }));
    await status(long);
    const res = await initiate(browserPayload(`${long}-R20`));
    expect(res.status).toBe(201);
    expect(`${long}-R20`).toHaveLength(64);
    expect((await status(`${long}-R20`)).status).toBe(200);
    for (const len of [61, 64]) {
      const tooLong = `LTGSINV_${'M'.repeat(len - 8)}`;
      const r = await initiate(browserPayload(tooLong));
      expect(r.status).toBe(400);
      expect(r.json.errors[0].code).toBe('order.reference_too_long');
    }
  });

  test('the core\'s field errors are 400, with Payment_Method\'s, and LTGS is not asked', async () => {
    const ref = newOrder();
    const res = await initiate(browserPayload(ref, { Phone_Number: '0771234', Payment_Method: 'CASH' }));
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e) => [e.field, e.code])).toEqual([
      ['Phone_Number', 'phone.too_short'], ['Payment_Method', 'method.invalid']]);
    expect(ltgs.requests).toHaveLength(0);
  });

  test('SQL metacharacters in the reference are refused by validation; the tables stay', async () => {
    newOrder();
    const before = snapshot();
    const res = await initiate(browserPayload(SQL_REFERENCE), { 'Idempotency-Key': SQL_REFERENCE });
    expect(res.status).toBe(400);
    expect(res.json.errors[0]).toMatchObject({ field: 'Sale_Reference_ID', code: 'reference.invalid_characters' });
    expect(tablesIntact()).toEqual(['attempts', 'callbacks', 'orders', 'payments']);
    expect(snapshot()).toEqual(before);
  });

  test.each([
    ['not JSON-typed (a cross-site form could send it)', { 'Content-Type': 'text/plain' }, 415],
    ['from another origin', { Origin: 'https://evil.example.com' }, 403],
    ['from another site (Sec-Fetch-Site)', { 'Sec-Fetch-Site': 'cross-site' }, 403],
    ['from a sibling site (Sec-Fetch-Site)', { 'Sec-Fetch-Site': 'same-site', Origin: 'http://127.0.0.1:1' }, 403],
    ['with an Idempotency-Key for another reference', { 'Idempotency-Key': 'LTGSINV_OTHER' }, 400],
  ])('a request %s is refused', async (_, headers, code) => {
    const ref = newOrder();
    const res = await request(base, '/checkout/initiate', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Checkout-Token': tokenFor(ref), ...headers },
      body: JSON.stringify(browserPayload(ref)),
    });
    expect(res.status).toBe(code);
    expect(ltgs.requests).toHaveLength(0);
  });

  test.each([
    [{ Origin: 'BASE' }],
    [{ Origin: 'BASE', 'Sec-Fetch-Site': 'same-origin' }],
    [{ Origin: 'null', 'Sec-Fetch-Site': 'same-origin' }],
  ])('the same origin is allowed: %p', async (headers) => {
    const ref = newOrder();
    const res = await initiate(browserPayload(ref), Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === 'BASE' ? base : v])));
    expect(res.status).toBe(201);
  });

  test('LTGS refusing our key is a 502 for the browser that names no key', async () => {
    initiateReply = () => ({ status: 401, json: { errors: [{ code: 'auth.invalid', message: `bad key ${API_KEY}` }] } });
    const ref = newOrder();
    const res = await initiate(browserPayload(ref));
    expect(res.status).toBe(502);
    expect(res.json.errors[0].code).toBe('ltgs.unavailable');
    expect(res.text).not.toContain(API_KEY);
    // LTGS may have started it: the attempt stays open (a re-send with its reference is safe).
    expect(order(ref).status).toBe('PENDING');
    expect(attempt(ref).state).toBe('PENDING');
  });

  test('LTGS\'s 400 and 409 answers reach the browser as field errors', async () => {
    initiateReply = () => ({ status: 409, json: { errors: [{ field: 'Sale_Reference_ID', code: 'reference.conflict', message: 'exists' }] } });
    const res = await initiate(browserPayload(newOrder()));
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ errors: [{ field: 'Sale_Reference_ID', code: 'reference.conflict', message: 'exists' }] });
  });

  test('LTGS unreachable is a 502', async () => {
    const down = await start({ core, clock, port: 0, apiBase: 'http://127.0.0.1:9', apiKey: API_KEY, signatureMode: 'required' });
    try {
      down.store.createOrder({ reference: 'LTGSINV_DOWN_1', amount: 15000, servicesName: 'Water' });
      const res = await postJson(down.url.replace(/\/$/, ''), '/checkout/initiate', browserPayload('LTGSINV_DOWN_1'),
        { 'X-Checkout-Token': down.checkoutToken('LTGSINV_DOWN_1') });
      expect(res.status).toBe(502);
      browserAnswers.push(res.text);
    } finally {
      await down.close();
    }
  });
});

describe('GET /checkout/status/{ref}', () => {
  test('asks LTGS with the key, records a final status, answers the status document', async () => {
    const ref = newOrder();
    await initiate(browserPayload(ref));
    expect((await status(ref)).json).toEqual(statusDoc(ref));
    statuses.set(ref, paidDoc(ref));
    const res = await status(ref);
    expect(res.status).toBe(200);
    expect(res.json).toEqual(paidDoc(ref));
    const get = ltgs.requests.filter((r) => r.method === 'GET').at(-1);
    expect(get.url).toBe(`/api/v1/payments/${ref}`);
    expect(get.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(order(ref)).toMatchObject({ status: 'PAID', payment_ref_id: 'MTN_456789123', amount_paid: 15000,
                                       paid_on: '2026-11-28 12:00:05', payment_channel: 'MTN MoMo' });
    expect(paymentsOf(ref)).toEqual([expect.objectContaining({ status: 'PAID', source: 'status' })]);
    await status(ref);
    expect(paymentsOf(ref)).toHaveLength(1);
  });

  test('an order LTGS does not know yet is 404 (the widget retries)', async () => {
    const ref = newOrder();
    await initiate(browserPayload(ref));
    statuses.delete(ref);
    const res = await status(ref);
    expect(res.status).toBe(404);
    expect(res.json.errors[0].code).toBe('payment.not_found');
  });

  test('a reference that is not ours is 404, and LTGS is not asked', async () => {
    const res = await status('LTGSINV_SOMEONE_ELSE');
    expect(res.status).toBe(404);
    expect(res.json.errors[0].code).toBe('order.unknown');
    expect(ltgs.requests).toHaveLength(0);
  });

  test('SQL metacharacters in the path are refused; the tables stay', async () => {
    const before = snapshot();
    const res = await status(SQL_REFERENCE);
    expect(res.status).toBe(400);
    expect(tablesIntact()).toEqual(['attempts', 'callbacks', 'orders', 'payments']);
    expect(snapshot()).toEqual(before);
  });
});

describe('POST /checkout/callback', () => {
  // An initiated order that LTGS now reports PAID.
  async function paidOrder(overrides = {}) {
    const ref = newOrder();
    await initiate(browserPayload(ref));
    statuses.set(ref, paidDoc(ref, overrides));
    ltgs.requests.length = 0;
    return ref;
  }

  test('a good signature is accepted after the re-check, and recorded once', async () => {
    const ref = await paidOrder();
    const audits = auditCount();
    const res = await deliver(paidDoc(ref));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: true });
    // Re-checked with LTGS before it was trusted.
    expect(ltgs.requests.map((r) => [r.method, r.url, r.headers.authorization]))
      .toEqual([['GET', `/api/v1/payments/${ref}`, `Bearer ${API_KEY}`]]);
    expect(order(ref)).toMatchObject({ status: 'PAID', payment_ref_id: 'MTN_456789123', amount_paid: 15000 });
    expect(paymentsOf(ref)).toEqual([expect.objectContaining({ payment_ref_id: 'MTN_456789123', status: 'PAID', source: 'callback' })]);
    expect(auditCount()).toBe(audits + 1);
    expect(lastAudit()).toMatchObject({ reference: ref, signature: 'valid', outcome: 'recorded', code: 'callback.recorded',
                                        claimed_status: 'PAID' });
  });

  test('a replayed callback changes nothing the second time', async () => {
    const ref = await paidOrder();
    const raw = JSON.stringify(paidDoc(ref));
    const t = clock.now();
    expect((await deliver(null, { raw, t })).status).toBe(200);
    const before = snapshot();
    clock.advance(60_000);  // a minute later, still inside the tolerance
    const again = await deliver(null, { raw, t });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ received: true, duplicate: true });
    expect(snapshot()).toEqual(before);
    expect(lastAudit()).toMatchObject({ outcome: 'duplicate', code: 'callback.duplicate', signature: 'valid' });
    // After the tolerance, the same delivery is stale.
    clock.advance(5 * 60_000);
    const stale = await deliver(null, { raw, t });
    expect(stale.status).toBe(401);
    expect(snapshot()).toEqual(before);
  });

  test.each([
    ['a forged signature (another secret)', { secret: 'not-the-secret' }, 'signature.invalid', 'invalid'],
    ['no signature', { header: null }, 'signature.missing', 'missing'],
    ['a malformed signature header', { header: 'sha256=abc' }, 'signature.malformed', 'malformed'],
    ['a stale timestamp (5 min + 1 ms old)', { t: () => clock.now() - 300_001 }, 'signature.stale', 'stale'],
    ['a timestamp from the future (5 min + 1 ms ahead)', { t: () => clock.now() + 300_001 }, 'signature.stale', 'stale'],
  ])('%s is rejected (401), logged, and changes nothing', async (_, opts, code, signature) => {
    const ref = await paidOrder();
    const before = snapshot();
    const res = await deliver(paidDoc(ref), { ...opts, t: typeof opts.t === 'function' ? opts.t() : undefined });
    expect(res.status).toBe(401);
    expect(res.json.errors[0].code).toBe(code);
    expect(snapshot()).toEqual(before);
    expect(order(ref).status).toBe('PENDING');
    expect(ltgs.requests).toHaveLength(0);  // not even worth a re-check
    expect(lastAudit()).toMatchObject({ reference: ref, signature, outcome: 'rejected', code });
  });

  test('a signature over another body is rejected', async () => {
    const ref = await paidOrder();
    const before = snapshot();
    const signedFor = JSON.stringify(paidDoc(ref, { Total_Amount_Paid: 1 }));
    const res = await deliver(paidDoc(ref), { header: signatureHeader(CALLBACK_SECRET, clock.now(), signedFor) });
    expect(res.status).toBe(401);
    expect(snapshot()).toEqual(before);
  });

  test('a signed callback that LTGS\'s own status contradicts is rejected (the re-check decides)', async () => {
    const ref = newOrder();
    await initiate(browserPayload(ref));  // LTGS says PENDING
    const before = snapshot();
    const res = await deliver(paidDoc(ref));
    expect(res.status).toBe(409);
    expect(res.json.errors[0].code).toBe('callback.status_mismatch');
    expect(snapshot()).toEqual(before);
    expect(lastAudit()).toMatchObject({ outcome: 'rejected', code: 'callback.status_mismatch' });
  });

  test('amount mismatch: a callback claiming another amount than LTGS reports is rejected, nothing changes', async () => {
    const ref = await paidOrder();
    const before = snapshot();
    const res = await deliver(paidDoc(ref, { Total_Amount_Paid: 150 }));
    expect(res.status).toBe(409);
    expect(snapshot()).toEqual(before);
  });

  test('amount mismatch: when LTGS itself reports another amount, the order is never PAID', async () => {
    const ref = await paidOrder({ Total_Amount_Paid: 14000 });
    const res = await deliver(paidDoc(ref, { Total_Amount_Paid: 14000 }));
    // Recorded for the merchant to settle, and answered 2xx so that LTGS does not deliver it again.
    expect(res.status).toBe(200);
    expect(order(ref)).toMatchObject({ status: 'AMOUNT_MISMATCH', amount_paid_total: 14000 });
    expect(attempt(ref)).toMatchObject({ state: 'AMOUNT_MISMATCH', amount_paid: 14000 });
    expect(lastAudit()).toMatchObject({ outcome: 'recorded', code: 'callback.amount_mismatch' });
    // Delivered again: a duplicate, still not paid, nothing added.
    const before = snapshot();
    const again = await deliver(paidDoc(ref, { Total_Amount_Paid: 14000 }));
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ received: true, duplicate: true });
    expect(snapshot()).toEqual(before);
    // And no new attempt may start until the merchant settles it.
    expect((await initiate(browserPayload(`${ref}-R2`))).json.errors[0].code).toBe('order.payment_under_review');
  });

  test('an unknown reference is rejected (404) and nothing changes', async () => {
    const before = snapshot();
    const res = await deliver(paidDoc('LTGSINV_NEVER_SOLD'));
    expect(res.status).toBe(404);
    expect(res.json.errors[0].code).toBe('order.unknown');
    expect(snapshot()).toEqual(before);
    expect(ltgs.requests).toHaveLength(0);
    expect(lastAudit()).toMatchObject({ reference: 'LTGSINV_NEVER_SOLD', outcome: 'rejected', code: 'order.unknown' });
  });

  test('SQL metacharacters in the reference are rejected by the core; the tables and rows stay', async () => {
    const before = snapshot();
    const res = await deliver(paidDoc(SQL_REFERENCE));
    expect(res.status).toBe(400);
    expect(res.json.errors[0].code).toBe('reference.invalid_characters');
    expect(tablesIntact()).toEqual(['attempts', 'callbacks', 'orders', 'payments']);
    expect(snapshot()).toEqual(before);
    // Logged as sent, as data.
    expect(lastAudit()).toMatchObject({ reference: SQL_REFERENCE, outcome: 'rejected' });
  });

  test('SQL metacharacters in Payment_Ref_ID are stored as text', async () => {
    const evil = "MTN_1');DROP/**/TABLE/**/payments;--";
    const ref = await paidOrder({ Payment_Ref_ID: evil });
    const res = await deliver(paidDoc(ref, { Payment_Ref_ID: evil }));
    expect(res.status).toBe(200);
    expect(tablesIntact()).toEqual(['attempts', 'callbacks', 'orders', 'payments']);
    expect(order(ref).payment_ref_id).toBe(evil);
  });

  test('a body the core cannot read is 400', async () => {
    const res = await deliver(null, { raw: '{"Sale_Reference_ID":"LTGSINV_X","Payment_Status":"PAID"}' });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].code).toBe('amount_paid.required');
  });

  test('the re-check failing (LTGS 500) is a 503, so that LTGS delivers again; nothing changes', async () => {
    const ref = await paidOrder();
    statuses.set(ref, 'FAIL');
    const before = snapshot();
    const res = await deliver(paidDoc(ref));
    expect(res.status).toBe(503);
    expect(snapshot()).toEqual(before);
    expect(lastAudit()).toMatchObject({ outcome: 'error', code: 'callback.recheck_failed' });
  });

  test('a reference LTGS does not know is rejected after the re-check; nothing changes', async () => {
    const ref = await paidOrder();
    statuses.delete(ref);
    const before = snapshot();
    const res = await deliver(paidDoc(ref));
    expect(res.status).toBe(409);
    expect(res.json.errors[0].code).toBe('callback.unknown_to_ltgs');
    expect(snapshot()).toEqual(before);
  });

  test('FAILED and EXPIRED results are recorded once as well', async () => {
    const failed = newOrder();
    await initiate(browserPayload(failed));
    statuses.set(failed, statusDoc(failed, { Payment_Status: 'FAILED', Payment_Ref_ID: 'MTN_111' }));
    expect((await deliver(statuses.get(failed))).status).toBe(200);
    expect(order(failed).status).toBe('FAILED');
    const expired = newOrder();
    await initiate(browserPayload(expired));
    statuses.set(expired, statusDoc(expired, { Payment_Status: 'EXPIRED' }));
    expect((await deliver(statuses.get(expired))).status).toBe(200);
    expect((await deliver(statuses.get(expired))).json).toEqual({ received: true, duplicate: true });
    expect(paymentsOf(expired)).toEqual([expect.objectContaining({ payment_ref_id: '', status: 'EXPIRED' })]);
    // An attempt LTGS ended unpaid and later reports PAID (approved late): the money is real, the bill paid.
    // (Past the short cache of LTGS's last answer for this reference.)
    clock.advance(5_000);
    statuses.set(expired, paidDoc(expired));
    expect((await deliver(paidDoc(expired))).status).toBe(200);
    expect(order(expired)).toMatchObject({ status: 'PAID', payment_ref_id: 'MTN_456789123' });
    expect(paymentsOf(expired).map((p) => p.status)).toEqual(['EXPIRED', 'PAID']);
  });

  test('a bill paid twice is recorded with both payments and the amount to refund', async () => {
    const ref = newOrder();
    await initiate(browserPayload(ref));
    statuses.set(ref, statusDoc(ref, { Payment_Status: 'EXPIRED' }));
    await status(ref);
    await initiate(browserPayload(`${ref}-R2`));
    statuses.set(`${ref}-R2`, paidDoc(`${ref}-R2`, { Payment_Ref_ID: 'MTN_SECOND' }));
    expect((await deliver(statuses.get(`${ref}-R2`))).status).toBe(200);
    expect(order(ref)).toMatchObject({ status: 'PAID', paid_attempt: 2, duplicate_count: 0 });
    // The first prompt is approved after all.
    statuses.set(ref, paidDoc(ref, { Payment_Ref_ID: 'MTN_FIRST' }));
    expect((await deliver(statuses.get(ref))).status).toBe(200);
    expect(order(ref)).toMatchObject({ status: 'PAID', duplicate_count: 1, refund_due: 15000, amount_paid_total: 30000 });
    expect(attemptsOfOrder(ref).map((a) => [a.number, a.state, a.payment_ref_id]))
      .toEqual([[1, 'PAID', 'MTN_FIRST'], [2, 'PAID', 'MTN_SECOND']]);
    // Delivered again: counted once.
    expect((await deliver(statuses.get(ref))).json).toEqual({ received: true, duplicate: true });
    expect(order(ref).refund_due).toBe(15000);
    const orders = await request(base, '/orders');
    expect(orders.text).toMatch(/paid 2 times:\s+refund RWF 15,000/);
  });

  test('only POST', async () => {
    expect((await request(base, '/checkout/callback')).status).toBe(405);
  });
});

describe('unsigned mode (the real LTGS documents no signature)', () => {
  let unsigned;
  let ubase;
  beforeAll(async () => {
    unsigned = await start({ core, clock, port: 0, apiBase: ltgs.url, apiKey: API_KEY, signatureMode: 'none' });
    ubase = unsigned.url.replace(/\/$/, '');
  });
  afterAll(() => unsigned.close());

  // An order with its first attempt sent.
  function unsignedOrder() {
    counter += 1;
    const ref = `LTGSINV_UN_${counter}`;
    const row = unsigned.store.createOrder({ reference: ref, amount: 15000, servicesName: 'Water' });
    unsigned.store.insertAttempt({ orderId: row.id, reference: ref, method: 'MTN_MOMO',
      attempt: core.startAttempt(1, clock.now(), 600000).value });
    return ref;
  }

  test('a callback without a signature is accepted when the re-check confirms it', async () => {
    const ref = unsignedOrder();
    statuses.set(ref, paidDoc(ref));
    const res = await postJson(ubase, '/checkout/callback', paidDoc(ref));
    expect(res.status).toBe(200);
    expect(unsigned.store.getOrder(ref).status).toBe('PAID');
    expect(unsigned.store.listCallbacks(1)[0]).toMatchObject({ signature: 'not_checked', outcome: 'recorded' });
  });

  test('a forged PAID is rejected by the re-check alone', async () => {
    const ref = unsignedOrder();
    statuses.set(ref, statusDoc(ref));
    const res = await postJson(ubase, '/checkout/callback', paidDoc(ref), { 'LTGS-Signature': 't=1,v1=' + '0'.repeat(64) });
    expect(res.status).toBe(409);
    expect(unsigned.store.getOrder(ref).status).toBe('NEW');
    expect(unsigned.store.findAttempt(ref).attempt.state).toBe('PENDING');
  });
});

describe('the order database', () => {
  test('is the SQLite file at the configured path', () => {
    expect(fs.existsSync(path.join(dbDir, 'orders.sqlite'))).toBe(true);
    expect(app.store.db.name).toBe(path.join(dbDir, 'orders.sqlite'));
  });
});

describe('secrets', () => {
  // Runs last: Jest runs a file's tests in the order they are declared.
  test('no answer to the browser in this file carried the API key or the callback secret', () => {
    expect(browserAnswers.length).toBeGreaterThan(10);
    for (const text of browserAnswers) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(CALLBACK_SECRET);
    }
  });
});
