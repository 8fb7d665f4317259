// The LTGS sandbox (web/sandbox/ltgs-sandbox.js): its API, the test numbers' outcomes on a fake clock, QR
// and USSD answers built by the core, and signed callbacks retried until a 2xx.
'use strict';

const http = require('http');

const { loadCore } = require('./core-loader.js');
const { FakeClock } = require('./support/fake-clock.js');
const { request, postJson, recordingServer } = require('./support/http-client.js');
const { createSandbox, DEFAULT_MERCHANT, DEFAULT_EXPIRY_MS, DEFAULT_RETAIN_MS } = require('../../web/sandbox/ltgs-sandbox.js');
const { verifySignature } = require('../../web/partner/signature.js');
const { listen, closeServer } = require('../../web/partner/http.js');

const KEY = 'sk_test_sandbox_0123';
const AUTH = { Authorization: `Bearer ${KEY}` };
const STATUS_KEYS = ['Sale_Reference_ID', 'Payment_Status', 'Payment_Channel', 'Payment_Ref_ID', 'Total_Amount_Paid', 'Paid_On'];

let core;
let receiver;           // the partner's callback endpoint: answers from `replies`, then 200
let replies = [];
beforeAll(async () => {
  core = await loadCore();
  receiver = await recordingServer(() => replies.shift() ?? { status: 200, json: { received: true } });
});
afterAll(() => receiver.close());

// One sandbox per test, on its own port and fake clock.
let clock;
let sandbox;
let server;
let base;
async function startSandbox(options = {}) {
  clock = new FakeClock();
  sandbox = createSandbox({ core, key: KEY, clock, callbackRetry: { baseMs: 1000, maxMs: 8000, maxAttempts: 5 }, ...options });
  server = http.createServer(sandbox.handler);
  base = (await listen(server, 0, '127.0.0.1')).url;
}
beforeEach(async () => {
  replies = [];
  receiver.requests.length = 0;
  await startSandbox();
});
afterEach(async () => {
  sandbox.close();
  await closeServer(server);
});

let counter = 0;
function payload(overrides = {}) {
  counter += 1;
  return {
    Sale_Reference_ID: `LTGSINV_TEST_${String(counter).padStart(4, '0')}`,
    Customer_KYC_ID: '1199999999999999',
    Phone_Number: '0788123456',
    Email_Address: '',
    Services_Name: 'Water Bill - May 2025',
    Total_Amount_to_Pay: 15000,
    Callback_URL: `${receiver.url}/checkout/callback`,
    Payment_Method: 'MTN_MOMO',
    ...overrides,
  };
}

const initiate = (body, headers = AUTH) => postJson(base, '/api/v1/payments', body, headers);
const status = (ref, headers = AUTH) => request(base, `/api/v1/payments/${encodeURIComponent(ref)}`, { headers });
// Time passes, then the callback deliveries it started finish.
async function advance(ms) {
  clock.advance(ms);
  await sandbox.flush();
}

describe('authentication', () => {
  test.each([
    ['no Authorization header', {}, 'auth.missing'],
    ['another scheme', { Authorization: `Basic ${KEY}` }, 'auth.missing'],
    ['a wrong key', { Authorization: 'Bearer sk_wrong_key_000' }, 'auth.invalid'],
    ['a prefix of the key', { Authorization: `Bearer ${KEY.slice(0, -1)}` }, 'auth.invalid'],
  ])('POST with %s is 401 and creates nothing', async (_, headers, code) => {
    const body = payload();
    const res = await initiate(body, headers);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.json.errors[0]).toMatchObject({ field: 'Authorization', code });
    expect(sandbox.payment(body.Sale_Reference_ID)).toBeUndefined();
  });

  test('GET needs the key too', async () => {
    const body = payload();
    expect((await initiate(body)).status).toBe(201);
    expect((await status(body.Sale_Reference_ID, {})).status).toBe(401);
    expect((await status(body.Sale_Reference_ID, { Authorization: 'Bearer nope-nope-nope' })).status).toBe(401);
    expect((await status(body.Sale_Reference_ID)).status).toBe(200);
  });
});

describe('POST /api/v1/payments', () => {
  test('201 with the payment in the callback shape, PENDING', async () => {
    const body = payload({ Phone_Number: '+250 788 123 456' });
    const res = await initiate(body);
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json).toEqual({
      Sale_Reference_ID: body.Sale_Reference_ID,
      Payment_Status: 'PENDING',
      Payment_Channel: 'MTN MoMo',
      Payment_Ref_ID: null,
      Total_Amount_Paid: null,
      Paid_On: null,
      // A sandbox extra: when it expires unless approved (the widget's countdown), ISO-8601 in UTC.
      Expires_At: new Date(clock.now() + 10 * 60 * 1000).toISOString().replace('.000Z', 'Z'),
    });
    // The answer is what the core reads as a status document.
    expect(core.parseCallbackJson(res.text).ok).toBe(true);
  });

  test('the same reference and the same body again: 200 and the same payment', async () => {
    const body = payload();
    const first = await initiate(body);
    // Written differently, normalised the same by the core: still the same body.
    const again = await initiate({ ...body, Phone_Number: '+250 788 123 456', Email_Address: undefined });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    await advance(5000);
    const third = await initiate(body);
    expect(third.status).toBe(200);
    expect(third.json.Payment_Status).toBe('PAID');
    expect(receiver.requests).toHaveLength(1);  // one payment, one callback
  });

  test.each([
    ['another amount', { Total_Amount_to_Pay: 16000 }],
    ['another method', { Payment_Method: 'QR' }],
    ['another phone', { Phone_Number: '0788654321' }],
  ])('the same reference with %s: 409, the payment unchanged', async (_, change) => {
    const body = payload();
    await initiate(body);
    const res = await initiate({ ...body, ...change });
    expect(res.status).toBe(409);
    expect(res.json.errors[0]).toMatchObject({ field: 'Sale_Reference_ID', code: 'reference.conflict' });
    expect(sandbox.payment(body.Sale_Reference_ID).amount).toBe(15000);
    expect(sandbox.payment(body.Sale_Reference_ID).method).toBe('MTN_MOMO');
  });

  test('400 with exactly the core\'s field errors', async () => {
    const body = payload({ Phone_Number: '0252123456', Total_Amount_to_Pay: '15000', Callback_URL: 'http://shop.example.com/cb' });
    const res = await initiate(body);
    expect(res.status).toBe(400);
    const expected = core.validateRequestJson(JSON.stringify(body), { currentYear: 2026, sandbox: true }).errors
      .map(({ field, code, message }) => ({ field, code, message }));  // as LTGS writes errors: no params
    expect(expected.map((e) => e.code)).toEqual(['phone.landline', 'amount.wrong_type', 'callback_url.not_https']);
    expect(res.json).toEqual({ errors: expected });
    expect(sandbox.payment(body.Sale_Reference_ID)).toBeUndefined();
  });

  test('allows an http callback on 127.0.0.1 (sandbox mode) and refuses one elsewhere', async () => {
    expect((await initiate(payload({ Callback_URL: 'http://127.0.0.1:9/cb' }))).status).toBe(201);
    const res = await initiate(payload({ Callback_URL: 'http://192.168.1.10/cb' }));
    expect(res.status).toBe(400);
    expect(res.json.errors[0].code).toBe('callback_url.not_https');
  });

  test.each([
    [undefined, 'method.required'],
    ['', 'method.required'],
    [7, 'method.wrong_type'],
    ['CASH', 'method.invalid'],
    ['mtn_momo', 'method.invalid'],
  ])('Payment_Method %p: 400 %s', async (method, code) => {
    const res = await initiate(payload({ Payment_Method: method }));
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([expect.objectContaining({ field: 'Payment_Method', code })]);
  });

  test.each([
    ['MTN_MOMO', '0728000001'],
    ['AIRTEL_MONEY', '0788000001'],
    ['USSD', '0728000001'],
    ['MTN_MOMO', '0771234567'],
  ])('%s for %s is not offered: 400 method.not_available', async (method, phone) => {
    const res = await initiate(payload({ Payment_Method: method, Phone_Number: phone }));
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([expect.objectContaining({ field: 'Payment_Method', code: 'method.not_available' })]);
  });

  test('field errors and a missing method are reported together, in field order', async () => {
    const body = payload({ Customer_KYC_ID: '12', Payment_Method: undefined });
    const res = await initiate(body);
    expect(res.json.errors.map((e) => e.field)).toEqual(['Customer_KYC_ID', 'Payment_Method']);
  });

  test.each([
    { what: 'malformed JSON', text: '{"Sale_Reference_ID":', code: 'json.malformed' },
    { what: 'an array', text: '[]', code: 'json.not_object' },
    { what: 'a duplicate key', text: '{"Sale_Reference_ID":"A","Sale_Reference_ID":"B"}', code: 'json.duplicate_key' },
  ])('$what: 400 $code', async ({ text, code }) => {
    const res = await initiate(text);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].code).toBe(code);
  });

  test('a body that is not UTF-8 is 400, one that is not JSON typed 415, a huge one 413', async () => {
    const bad = await request(base, '/api/v1/payments', { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' },
                                                          body: Buffer.from([0x7b, 0xff, 0x7d]) });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].code).toBe('json.invalid_utf8');
    const form = await request(base, '/api/v1/payments', { method: 'POST', headers: { ...AUTH, 'Content-Type': 'text/plain' },
                                                           body: JSON.stringify(payload()) });
    expect(form.status).toBe(415);
    const huge = await initiate(JSON.stringify({ ...payload(), pad: 'x'.repeat(70 * 1024) }));
    expect(huge.status).toBe(413);
  });

  test('other methods and paths', async () => {
    expect((await request(base, '/api/v1/payments', { headers: AUTH })).status).toBe(405);
    expect((await request(base, '/api/v1/nothing', { headers: AUTH })).status).toBe(404);
  });
});

describe('GET /api/v1/payments/{ref}', () => {
  test('404 for an unknown reference, 400 for one that is not a reference', async () => {
    const unknown = await status('LTGSINV_NOBODY');
    expect(unknown.status).toBe(404);
    expect(unknown.json.errors[0].code).toBe('payment.not_found');
    const bad = await status("x'; DROP TABLE orders;--");
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].code).toBe('reference.invalid_characters');
  });
});

describe('test numbers', () => {
  test.each([
    ['0788000001', 'MTN_MOMO', 3000, 'PAID', 'MTN MoMo', /^MTN_[0-9]{9}$/],
    ['0728000001', 'AIRTEL_MONEY', 3000, 'PAID', 'Airtel Money', /^AIRTEL_[0-9]{9}$/],
    ['0788000002', 'MTN_MOMO', 3000, 'FAILED', 'MTN MoMo', /^MTN_[0-9]{9}$/],
    ['0788123456', 'MTN_MOMO', 5000, 'PAID', 'MTN MoMo', /^MTN_[0-9]{9}$/],
    ['0738123456', 'AIRTEL_MONEY', 5000, 'PAID', 'Airtel Money', /^AIRTEL_[0-9]{9}$/],
  ])('%s (%s) is PENDING until %i ms, then %s, and the callback says so', async (phone, method, afterMs, final, channel, refPattern) => {
    const body = payload({ Phone_Number: phone, Payment_Method: method });
    await initiate(body);
    await advance(afterMs - 1);
    expect((await status(body.Sale_Reference_ID)).json.Payment_Status).toBe('PENDING');
    expect(receiver.requests).toHaveLength(0);
    await advance(1);
    const doc = (await status(body.Sale_Reference_ID)).json;
    expect(doc.Payment_Status).toBe(final);
    expect(doc.Payment_Channel).toBe(channel);
    expect(doc.Payment_Ref_ID).toMatch(refPattern);
    if (final === 'PAID') {
      expect(doc.Total_Amount_Paid).toBe(15000);
      // Kigali local time (UTC+2) of the fake clock's moment.
      expect(doc.Paid_On).toBe(new Date(clock.now() + 2 * 3600e3).toISOString().slice(0, 19).replace('T', ' '));
    } else {
      expect(doc).toMatchObject({ Total_Amount_Paid: null, Paid_On: null, Failure_Reason: 'INSUFFICIENT_FUNDS' });
    }
    expect(receiver.requests).toHaveLength(1);
    const cb = receiver.requests[0];
    expect(cb.method).toBe('POST');
    expect(cb.url).toBe('/checkout/callback');
    expect(JSON.parse(cb.text)).toEqual(doc);
    expect(core.parseCallbackJson(cb.text)).toMatchObject({ ok: true, value: { Payment_Status: final } });
    await advance(DEFAULT_EXPIRY_MS);
    expect((await status(body.Sale_Reference_ID)).json.Payment_Status).toBe(final);  // final is final
    expect(receiver.requests).toHaveLength(1);
  });

  test('0788000003 is never approved: EXPIRED at the expiry, with a callback', async () => {
    const body = payload({ Phone_Number: '0788000003' });
    await initiate(body);
    await advance(DEFAULT_EXPIRY_MS - 1);
    expect((await status(body.Sale_Reference_ID)).json.Payment_Status).toBe('PENDING');
    await advance(1);
    const doc = (await status(body.Sale_Reference_ID)).json;
    expect(doc).toEqual({ Sale_Reference_ID: body.Sale_Reference_ID, Payment_Status: 'EXPIRED', Payment_Channel: 'MTN MoMo',
                          Payment_Ref_ID: null, Total_Amount_Paid: null, Paid_On: null });
    expect(receiver.requests).toHaveLength(1);
  });

  test('the expiry is a setting (LTGS_SANDBOX_EXPIRY_MS)', async () => {
    sandbox.close();
    await closeServer(server);
    await startSandbox({ expiryMs: 2000 });
    const body = payload({ Phone_Number: '0788000003' });
    await initiate(body);
    await advance(2000);
    expect((await status(body.Sale_Reference_ID)).json.Payment_Status).toBe('EXPIRED');
  });
});

describe('QR and USSD', () => {
  test('QR: 201 with an EMVCo payload that parses back with the amount and the reference', async () => {
    const body = payload({ Payment_Method: 'QR', Phone_Number: '0771234567' });
    const res = await initiate(body);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ Payment_Status: 'PENDING', Payment_Channel: 'QR' });
    expect(res.json.QR_Payload).toMatch(/^000201/);
    const parsed = core.emvParse(res.json.QR_Payload);
    expect(parsed.ok).toBe(true);
    expect(parsed.value).toMatchObject({
      dynamic: true,
      amount: '15000',
      currency: '646',
      country: 'RW',
      referenceLabel: body.Sale_Reference_ID,
      merchantName: DEFAULT_MERCHANT.merchantName,
      accounts: [{ tag: '26', guid: DEFAULT_MERCHANT.guid, merchantId: DEFAULT_MERCHANT.merchantId }],
    });
    expect(res.json.USSD_Code).toBeUndefined();
  });

  test('QR with a reference longer than an EMVCo reference label (25) is refused', async () => {
    const res = await initiate(payload({ Payment_Method: 'QR', Sale_Reference_ID: `LTGSINV_${'9'.repeat(18)}` }));
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([expect.objectContaining({ field: 'Sale_Reference_ID', code: 'reference.too_long_for_qr' })]);
    // The limit is QR's only: a push payment takes the same reference.
    expect((await initiate(payload({ Sale_Reference_ID: `LTGSINV_${'9'.repeat(18)}` }))).status).toBe(201);
  });

  test('USSD: 201 with the MTN MoMo Pay code the core builds for the merchant and amount', async () => {
    const res = await initiate(payload({ Payment_Method: 'USSD', Total_Amount_to_Pay: 2500 }));
    expect(res.status).toBe(201);
    expect(res.json.USSD_Code).toBe(core.mtnMomoPayUssd(DEFAULT_MERCHANT.mtnMerchantCode, 2500).value.dial);
    expect(res.json.USSD_Code).toBe(`*182*8*1*${DEFAULT_MERCHANT.mtnMerchantCode}*2500#`);
    expect(res.json.QR_Payload).toBeUndefined();
  });

  test('a QR payment waits for the simulated scan, whatever the phone number', async () => {
    const body = payload({ Payment_Method: 'QR', Phone_Number: '0788000001' });
    await initiate(body);
    await advance(DEFAULT_EXPIRY_MS - 1);
    expect((await status(body.Sale_Reference_ID)).json.Payment_Status).toBe('PENDING');
    const approve = await request(base, `/api/v1/sandbox/payments/${body.Sale_Reference_ID}/approve`, { method: 'POST' });
    expect(approve.status).toBe(200);
    expect(approve.json).toMatchObject({ Payment_Status: 'PAID', Total_Amount_Paid: 15000, Payment_Channel: 'QR' });
    expect(approve.json.Payment_Ref_ID).toMatch(/^QR_[0-9]{9}$/);
    await sandbox.flush();
    expect(JSON.parse(receiver.requests[0].text)).toEqual(approve.json);
    const again = await request(base, `/api/v1/sandbox/payments/${body.Sale_Reference_ID}/decline`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.json.errors[0].code).toBe('sandbox.not_pending');
  });

  test('decline: FAILED, declined by the payer', async () => {
    const body = payload({ Payment_Method: 'USSD' });
    await initiate(body);
    const res = await request(base, `/api/v1/sandbox/payments/${body.Sale_Reference_ID}/decline`, { method: 'POST' });
    expect(res.json).toMatchObject({ Payment_Status: 'FAILED', Failure_Reason: 'DECLINED_BY_PAYER', Total_Amount_Paid: null });
  });

  test('an unscanned QR payment expires', async () => {
    const body = payload({ Payment_Method: 'QR' });
    await initiate(body);
    await advance(DEFAULT_EXPIRY_MS);
    expect((await status(body.Sale_Reference_ID)).json.Payment_Status).toBe('EXPIRED');
    const late = await request(base, `/api/v1/sandbox/payments/${body.Sale_Reference_ID}/approve`, { method: 'POST' });
    expect(late.status).toBe(409);
  });

  test('a push payment cannot be scanned; an unknown one is 404', async () => {
    const body = payload();
    await initiate(body);
    const res = await request(base, `/api/v1/sandbox/payments/${body.Sale_Reference_ID}/approve`, { method: 'POST' });
    expect(res.status).toBe(409);
    expect(res.json.errors[0].code).toBe('sandbox.not_scannable');
    expect((await request(base, '/api/v1/sandbox/payments/LTGSINV_NONE/approve', { method: 'POST' })).status).toBe(404);
  });

  test('the listing for the simulated-scan page carries no phone, ID or e-mail', async () => {
    const body = payload({ Payment_Method: 'QR', Email_Address: 'payer@example.com' });
    await initiate(body);
    const res = await request(base, '/api/v1/sandbox/payments');
    expect(res.status).toBe(200);
    expect(res.json.payments[0]).toMatchObject({ reference: body.Sale_Reference_ID, method: 'QR', awaitingScan: true, amount: 15000 });
    expect(res.text).not.toContain(body.Phone_Number);
    expect(res.text).not.toContain(body.Customer_KYC_ID);
    expect(res.text).not.toContain('payer@example.com');
  });
});

describe('callbacks', () => {
  test('are signed: LTGS-Signature t=<ms>,v1=HMAC-SHA256(key, t.body)', async () => {
    const body = payload({ Phone_Number: '0788000001' });
    await initiate(body);
    await advance(3000);
    const cb = receiver.requests[0];
    expect(cb.headers['content-type']).toBe('application/json');
    expect(cb.headers['ltgs-signature']).toMatch(/^t=[0-9]+,v1=[0-9a-f]{64}$/);
    expect(cb.headers['ltgs-signature']).toContain(`t=${clock.now()},`);
    const check = (rawBody, secret = KEY) => verifySignature({
      header: cb.headers['ltgs-signature'], rawBody, secret, nowMs: clock.now(),
    });
    expect(check(cb.raw)).toEqual({ ok: true, timestampMs: clock.now() });
    expect(check(Buffer.from(cb.text.replace('15000', '15001')))).toEqual({ ok: false, code: 'signature.invalid' });
    expect(check(cb.raw, 'another-secret')).toEqual({ ok: false, code: 'signature.invalid' });
  });

  test('are retried with exponential backoff until a 2xx, each attempt signed anew', async () => {
    replies = [{ status: 500 }, { status: 503 }, { status: 302, headers: { Location: '/elsewhere' } }];
    const body = payload({ Phone_Number: '0788000001' });
    await initiate(body);
    await advance(3000);
    const t0 = clock.now();
    expect(receiver.requests).toHaveLength(1);
    expect(clock.pendingDelays()).toEqual([1000]);
    await advance(1000);
    expect(receiver.requests).toHaveLength(2);
    expect(clock.pendingDelays()).toEqual([2000]);
    await advance(1999);
    expect(receiver.requests).toHaveLength(2);
    await advance(1);
    expect(receiver.requests).toHaveLength(3);  // a redirect is not a delivery
    await advance(4000);
    expect(receiver.requests).toHaveLength(4);  // 200 at last
    expect(clock.pendingDelays()).toEqual([DEFAULT_RETAIN_MS]);  // no retry: only the payment's eviction
    await advance(60_000);
    expect(receiver.requests).toHaveLength(4);

    const times = receiver.requests.map((r) => Number(r.headers['ltgs-signature'].match(/^t=([0-9]+)/)[1]) - t0);
    expect(times).toEqual([0, 1000, 3000, 7000]);
    expect(receiver.requests.map((r) => r.headers['ltgs-delivery-attempt'])).toEqual(['1', '2', '3', '4']);
    for (const [i, r] of receiver.requests.entries()) {
      expect(r.text).toBe(receiver.requests[0].text);  // the same notification each time
      const v = verifySignature({ header: r.headers['ltgs-signature'], rawBody: r.raw, secret: KEY, nowMs: t0 + times[i] });
      expect(v.ok).toBe(true);
    }
    const listed = (await request(base, '/api/v1/sandbox/payments')).json.payments[0];
    expect(listed.callback).toEqual({ attempts: 4, delivered: true, gaveUp: false, lastError: null });
  });

  test('backoff is capped, and delivery gives up after maxAttempts', async () => {
    replies = Array.from({ length: 10 }, () => ({ status: 500 }));
    const body = payload({ Phone_Number: '0788000001' });
    await initiate(body);
    await advance(3000);
    const delays = [];
    for (let i = 0; i < 10 && clock.pendingDelays().length > 0 && clock.pendingDelays()[0] !== DEFAULT_RETAIN_MS; i += 1) {
      delays.push(clock.pendingDelays()[0]);
      await advance(clock.pendingDelays()[0]);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);  // maxMs 8000, maxAttempts 5
    expect(receiver.requests).toHaveLength(5);
    expect(sandbox.payment(body.Sale_Reference_ID).callback).toMatchObject({ gaveUp: true, delivered: false, lastError: 'HTTP 500' });
  });

  test('an unreachable callback URL is retried too', async () => {
    const closed = http.createServer();
    const { port } = await listen(closed, 0, '127.0.0.1');
    await closeServer(closed);
    const body = payload({ Phone_Number: '0788000001', Callback_URL: `http://127.0.0.1:${port}/cb` });
    await initiate(body);
    await advance(3000);
    const cb = sandbox.payment(body.Sale_Reference_ID).callback;
    expect(cb).toMatchObject({ attempts: 1, delivered: false });
    expect(cb.lastError).toBeTruthy();
    expect(clock.pendingDelays()).toEqual([1000]);
  });

  test('close() stops every timer', async () => {
    await initiate(payload({ Phone_Number: '0788000001' }));
    await initiate(payload({ Payment_Method: 'QR' }));
    expect(clock.pendingDelays().length).toBeGreaterThan(0);
    sandbox.close();
    expect(clock.pendingDelays()).toEqual([]);
  });
});

describe('Regression: bounded state and cross-site approval', () => {
  test('an ended payment is forgotten after its callback and the grace period; pending ones stay', async () => {
    sandbox.close();
    await closeServer(server);
    await startSandbox({ retainMs: 60_000 });
    const paid = payload({ Phone_Number: '0788000001' });
    const waiting = payload({ Phone_Number: '0788123456', Payment_Method: 'QR' });
    await initiate(paid);
    await initiate(waiting);
    await advance(3_500);  // paid, callback delivered
    expect(sandbox.payment(paid.Sale_Reference_ID).status).toBe('PAID');
    await advance(59_000);
    expect((await status(paid.Sale_Reference_ID)).status).toBe(200);  // within the grace period
    await advance(1_000);
    expect(sandbox.payment(paid.Sale_Reference_ID)).toBeUndefined();
    expect((await status(paid.Sale_Reference_ID)).status).toBe(404);
    expect(sandbox.payment(waiting.Sale_Reference_ID).status).toBe('PENDING');
    expect(sandbox.evicted).toBe(1);
  });

  test('at most maxPayments are kept: the oldest ended one goes, and when all are pending new ones wait (503)', async () => {
    sandbox.close();
    await closeServer(server);
    await startSandbox({ maxPayments: 2, retainMs: 3_600_000 });
    const a = payload({ Phone_Number: '0788000002' });  // fails after a few seconds
    const b = payload({ Payment_Method: 'QR' });
    const c = payload({ Payment_Method: 'QR' });
    await initiate(a);
    await initiate(b);
    await advance(10_000);
    expect(sandbox.payment(a.Sale_Reference_ID).status).toBe('FAILED');
    expect((await initiate(c)).status).toBe(201);  // a (ended) made room
    expect(sandbox.payment(a.Sale_Reference_ID)).toBeUndefined();
    expect(sandbox.size).toBe(2);
    const d = await initiate(payload({ Payment_Method: 'QR' }));
    expect(d.status).toBe(503);
    expect(d.json.errors[0].code).toBe('sandbox.full');
    expect(sandbox.size).toBe(2);
  });

  test.each([
    [{ Origin: 'https://evil.example.com' }],
    [{ 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example.com' }],
    [{ 'Sec-Fetch-Site': 'same-site' }],
    [{ Origin: 'null' }],
  ])('another site\'s page cannot approve a QR payment through the API (%j)', async (headers) => {
    const body = payload({ Payment_Method: 'QR' });
    await initiate(body);
    const res = await request(base, `/api/v1/sandbox/payments/${body.Sale_Reference_ID}/approve`, { method: 'POST', headers });
    expect(res.status).toBe(403);
    expect(res.json.errors[0].code).toBe('request.cross_origin');
    expect(sandbox.payment(body.Sale_Reference_ID).status).toBe('PENDING');
    // Our own tools (no Origin) and same-origin pages still can.
    const ok = await request(base, `/api/v1/sandbox/payments/${body.Sale_Reference_ID}/approve`,
      { method: 'POST', headers: { 'Sec-Fetch-Site': 'same-origin' } });
    expect(ok.status).toBe(200);
  });
});
