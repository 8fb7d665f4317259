// The demo shop (web/shop/) with the partner backend and the sandbox as npm start runs them, on a fake
// clock: the bill page and its widget tag, /orders escaping, /sandbox approving, and whole payments
// (browser → partner → sandbox → signed callback → SQLite) at the HTTP level.
'use strict';

const { loadCore } = require('./core-loader.js');
const { FakeClock } = require('./support/fake-clock.js');
const { request, postJson } = require('./support/http-client.js');
const { start } = require('../../web/shop/server.js');

const EXPECTED_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

let core;
let clock;
let app;
let base;
beforeAll(async () => {
  core = await loadCore();
  clock = new FakeClock();
  app = await start({ core, clock, port: 0, sandboxPort: 0, dbPath: ':memory:',
    limits: { attemptsPerPhone: 10_000 } });  // the limits have tests of their own (partner-backend.test.js)
  base = app.url.replace(/\/$/, '');
});
afterAll(() => app.close());

const get = (p, headers) => request(base, p, { headers });
const db = () => app.store.db;
const order = (ref) => db().prepare('SELECT * FROM orders WHERE reference = ?').get(ref);
async function advance(ms) {
  clock.advance(ms);
  await app.sandbox.instance.flush();
}

// The widget's script tag on the bill page, as attributes.
function widgetTag(html) {
  const tag = html.match(/<script\b[^>]*\bsrc="\/dist\/(?:b-[0-9a-f]{12}\/)?ltgs-checkout\.js"[^>]*>/);
  expect(tag).not.toBeNull();
  return Object.fromEntries([...tag[0].matchAll(/\s(data-[a-z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

// Each call is another demo customer's bill (one bill is one order, paid once).
let accounts = 200000000;
async function newBill(query = '') {
  accounts += 1;
  const res = await get(`/${query ? `${query}&` : '?'}account=${accounts}`);
  expect(res.status).toBe(200);
  return { res, tag: widgetTag(res.text) };
}

// What the widget sends: the payload without Callback_URL, plus Payment_Method.
function payFor(tag, method, phone, extra = {}) {
  return postJson(base, '/checkout/initiate', {
    Sale_Reference_ID: tag['data-reference'],
    Customer_KYC_ID: tag['data-kyc-id'],
    Phone_Number: phone,
    Email_Address: '',
    Services_Name: tag['data-services-name'],
    Total_Amount_to_Pay: Number(tag['data-amount']),
    Payment_Method: method,
    ...extra,
  }, { 'Idempotency-Key': tag['data-reference'], Origin: base, 'X-Checkout-Token': tag['data-checkout-token'] });
}

describe('the bill page /', () => {
  test('is a water bill with the widget embedded by its script tag, for the bill\'s order', async () => {
    const { res, tag } = await newBill();
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(res.text).toContain('<title>Kigali Water — pay your bill</title>');
    expect(tag).toEqual({
      'data-reference': expect.stringMatching(/^KWB-[0-9]{4}-[0-9]{9}$/),
      'data-amount': '15000',
      'data-services-name': expect.stringMatching(/^Water Bill - [A-Z][a-z]+ 20[0-9]{2}$/),
      'data-kyc-id': '1199070012345012',
      'data-initiate-url': '/checkout/initiate',
      'data-status-url': '/checkout/status',
      'data-checkout-token': expect.stringMatching(/^ct1\.[0-9]+\.[A-Za-z0-9_-]{43}$/),
      'data-locale': 'en',
    });
    expect(core.parseAttemptReference(tag['data-reference'])).toMatchObject({ ok: true, value: { number: 1 } });
    // Reading the bill writes nothing: the order row is made by its first initiation.
    expect(order(tag['data-reference'])).toBeUndefined();
  });

  test('every load of one bill is the same order, and no GET or HEAD makes a row', async () => {
    const rows = () => db().prepare('SELECT COUNT(*) AS n FROM orders').get().n;
    const before = rows();
    const a = widgetTag((await get('/?account=300000001')).text)['data-reference'];
    for (let i = 0; i < 5; i += 1) {
      expect(widgetTag((await get('/?account=300000001&lang=fr')).text)['data-reference']).toBe(a);
      expect((await request(base, '/?account=300000001', { method: 'HEAD' })).status).toBe(200);
    }
    expect(widgetTag((await get('/?account=300000002')).text)['data-reference']).not.toBe(a);
    expect(rows()).toBe(before);
    expect((await get('/?account=12')).status).toBe(404);
  });

  test('a paid bill shows as paid with its LTGS reference and no Pay button; its order was made once', async () => {
    const { tag } = await newBill();
    expect((await payFor(tag, 'MTN_MOMO', '0788000001')).status).toBe(201);
    await advance(3_500);
    const account = tag['data-reference'].slice(-9);
    const page = (await get(`/?account=${account}`)).text;
    expect(page).not.toMatch(/ltgs-checkout\.js/);
    expect(page).toMatch(/id="bill-paid"/);
    const row = order(tag['data-reference']);
    expect(row.status).toBe('PAID');
    expect(page).toContain(`<code id="payment-ref">${row.payment_ref_id}</code>`);
    expect(db().prepare('SELECT COUNT(*) AS n FROM orders WHERE reference = ?').get(tag['data-reference']).n).toBe(1);
    // Paying again is refused by the core's rule.
    const again = await payFor({ ...tag, 'data-reference': `${tag['data-reference']}-R2` }, 'MTN_MOMO', '0788000001');
    expect(again.status).toBe(409);
    expect(again.json.errors[0].code).toBe('order.paid');
  });

  test.each([['?lang=rw', 'rw'], ['?lang=fr', 'fr'], ['?lang=en', 'en'], ['?lang=de', 'en'], ['?lang=%22%3E', 'en']])(
    '%s → data-locale="%s"', async (query, locale) => {
      expect((await newBill(query)).tag['data-locale']).toBe(locale);
    });

  test('has no inline script, style or event handler (the CSP would block them)', async () => {
    for (const p of ['/', '/orders', '/sandbox']) {
      const html = (await get(p)).text;
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      for (const [, attrs, content] of scripts) {
        expect(attrs).toMatch(/\ssrc="[^"]+"/);
        expect(content.trim()).toBe('');
      }
      expect(html).not.toMatch(/<style\b/i);
      expect(html).not.toMatch(/\sstyle\s*=/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/javascript:/i);
    }
  });

  test('every script, stylesheet and image it references is served, with the CSP', async () => {
    const html = (await get('/')).text;
    const refs = [...html.matchAll(/<(?:script|link|img)\b[^>]*(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
    expect(refs).toEqual(expect.arrayContaining(['/shop/shop.css', '/shop/bill.js', '/shop/favicon.svg',
      expect.stringMatching(/^\/dist\/b-[0-9a-f]{12}\/ltgs-checkout\.js$/)]));
    for (const ref of refs.filter((r) => !r.startsWith('/dist/'))) {  // dist/ is the build's (server.test.js)
      const res = await get(ref);
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    }
  });
});

describe('the widget as the bill page loads it', () => {
  test('compressed (brotli, else gzip) and cached for good under a build-named URL; the .wasm beside it likewise', async () => {
    const html = (await get('/')).text;
    const src = html.match(/src="(\/dist\/b-[0-9a-f]{12}\/)ltgs-checkout\.js"/);
    expect(src).not.toBeNull();
    const plain = await get('/dist/ltgs-checkout.js');
    for (const [file, accept, encoding] of [['ltgs-checkout.js', 'gzip, deflate, br', 'br'], ['ltgs-checkout.js', 'gzip', 'gzip'],
      ['ltgs-checkout.wasm', 'br', 'br'], ['ltgs-checkout.js', 'identity', undefined]]) {
      const res = await get(`${src[1]}${file}`, { 'Accept-Encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers.vary).toBe('Accept-Encoding');
      const body = encoding === 'br' ? require('zlib').brotliDecompressSync(res.body)
        : encoding === 'gzip' ? require('zlib').gunzipSync(res.body) : res.body;
      if (file === 'ltgs-checkout.js') {
        expect(body.equals(plain.body)).toBe(true);
        if (encoding) expect(res.body.length).toBeLessThan(plain.body.length / 2);
      }
    }
    // The page itself comes compressed, and has the browser fetch the .wasm while the script arrives.
    const page = await get('/', { 'Accept-Encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(require('zlib').brotliDecompressSync(page.body).toString()).toContain(
      `<link rel="preload" href="${src[1]}ltgs-checkout.wasm" as="fetch" crossorigin fetchpriority="low">`);
    // A Kinyarwanda or French bill page has its language file fetched early too (ltgs-checkout.app.js is English
    // only), under the build's name; an English one has none.
    for (const lang of ['rw', 'fr']) {
      const billPage = await get(`/?lang=${lang}`);
      expect(billPage.text).toContain(`<link rel="preload" href="${src[1]}ltgs-checkout.${lang}.js" as="script" fetchpriority="low">`);
      const file = await get(`${src[1]}ltgs-checkout.${lang}.js`);
      expect(file.status).toBe(200);
      expect(file.body.equals(require('fs').readFileSync(require('path').join(__dirname, '..', '..', 'dist', `ltgs-checkout.${lang}.js`)))).toBe(true);
    }
    expect(html).not.toMatch(/ltgs-checkout\.(rw|fr)\.js/);
    // The plain name is re-checked every time; a build that is not this one is not served.
    expect(plain.headers['cache-control']).toBe('no-store');
    expect((await get('/dist/b-000000000000/ltgs-checkout.js')).status).toBe(404);
  });
});

describe('/orders', () => {
  test('lists each order with its status, all text escaped', async () => {
    const evil = '<script>alert("x")</script> & \'quotes\'';
    app.store.createOrder({ reference: 'LTGSINV_ESCAPE_1', amount: 2500, servicesName: evil,
                            customerName: '<img src=x onerror=alert(1)>', accountNumber: '"><b>acc</b>' });
    const res = await get('/orders');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(res.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(res.text).toContain('&quot;&gt;&lt;b&gt;acc&lt;/b&gt;');
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).not.toContain('<b>acc');
    expect(res.text).toMatch(/LTGSINV_ESCAPE_1[\s\S]*RWF 2,500[\s\S]*badge-new">NEW</);
  });

  test('escapes what a callback claimed, in the callback log', async () => {
    await postJson(base, '/checkout/callback', { Sale_Reference_ID: '<i>x</i>', Payment_Status: '<b>PAID</b>' });
    const res = await get('/orders');
    expect(res.text).toContain('&lt;i&gt;x&lt;/i&gt;');
    expect(res.text).not.toContain('<i>x</i>');
  });
});

describe('whole payments through the sandbox (HTTP level; the browser tests drive the widget)', () => {
  test.each([
    ['MTN MoMo', 'MTN_MOMO', '0788000001', 3000, 'PAID'],
    ['Airtel Money', 'AIRTEL_MONEY', '0728000001', 3000, 'PAID'],
    ['insufficient funds', 'MTN_MOMO', '0788000002', 3000, 'FAILED'],
    ['another number', 'MTN_MOMO', '0789999999', 5000, 'PAID'],
  ])('%s: the signed callback is verified and recorded, the orders page shows it', async (_, method, phone, afterMs, final) => {
    const { tag } = await newBill();
    const ref = tag['data-reference'];
    const init = await payFor(tag, method, phone);
    expect(init.status).toBe(201);
    expect(init.json.Payment_Status).toBe('PENDING');
    expect(init.text).not.toContain(app.sandbox.key);
    expect(order(ref).status).toBe('PENDING');
    await advance(afterMs);
    expect(order(ref).status).toBe(final);
    const audit = db().prepare('SELECT * FROM callbacks WHERE reference = ?').all(ref);
    expect(audit).toEqual([expect.objectContaining({ signature: 'valid', outcome: 'recorded', claimed_status: final })]);
    expect(app.sandbox.instance.payment(ref).callback).toMatchObject({ delivered: true, attempts: 1 });
    const status = await get(`/checkout/status/${ref}`);
    expect(status.json.Payment_Status).toBe(final);
    expect(status.text).not.toContain(app.sandbox.key);
    const page = (await get('/orders')).text;
    expect(page).toMatch(new RegExp(`${ref}[\\s\\S]*?badge-${final.toLowerCase()}">${final}<`));
  });

  test('0788000003 expires at the expiry', async () => {
    const { tag } = await newBill();
    await payFor(tag, 'MTN_MOMO', '0788000003');
    await advance(10 * 60 * 1000);
    expect(order(tag['data-reference']).status).toBe('EXPIRED');
  });

  test('QR: the payload reaches the browser; /sandbox lists it and its Approve form pays it', async () => {
    const { tag } = await newBill();
    const ref = tag['data-reference'];
    const init = await payFor(tag, 'QR', '0788123456');
    expect(init.status).toBe(201);
    const emv = core.emvParse(init.json.QR_Payload);
    expect(emv.value).toMatchObject({ amount: '15000', referenceLabel: ref });

    const page = await get('/sandbox');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(page.text).toContain('<script src="/shop/sandbox.js" defer></script>');
    expect(page.text).toContain(`<li class="scan" data-reference="${ref}">`);
    expect(page.text).toContain(`action="/sandbox/payments/${ref}/approve"`);
    expect(page.text).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR code for /);

    const res = await request(base, `/sandbox/payments/${ref}/approve`, { method: 'POST', headers: { Origin: base } });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/sandbox?done=approve&ref=${ref}`);
    await app.sandbox.instance.flush();
    expect(order(ref)).toMatchObject({ status: 'PAID', payment_method: 'QR', amount_paid: 15000 });
    const after = await get(res.headers.location);
    expect(after.text).toContain(`Approved: <code>${ref}</code>`);
    expect(after.text).not.toContain(`data-reference="${ref}"`);  // no longer waiting
  });

  test('/sandbox/state is the digest the page shows, and changes with the payments', async () => {
    const pageState = async () => (await get('/sandbox')).text.match(/<section id="waiting"[^>]*data-state="([^"]*)"/)[1];
    const state = async () => (await get('/sandbox/state')).json.state;
    const before = await state();
    expect(await pageState()).toBe(before);
    const { tag } = await newBill();
    await payFor(tag, 'QR', '0788123456');
    const after = await state();
    expect(after).not.toBe(before);
    expect(after.startsWith(`${tag['data-reference']}:PENDING:0`)).toBe(true);
    expect(await pageState()).toBe(after);
  });

  test('USSD: the dial string reaches the browser; Decline fails it', async () => {
    const { tag } = await newBill();
    const ref = tag['data-reference'];
    const init = await payFor(tag, 'USSD', '0788123456');
    expect(init.json.USSD_Code).toMatch(/^\*182\*8\*1\*[0-9]+\*15000#$/);
    expect((await get('/sandbox')).text).toContain(`<code class="ussd">${init.json.USSD_Code}</code>`);
    const res = await request(base, `/sandbox/payments/${ref}/decline`, { method: 'POST' });
    expect(res.status).toBe(303);
    await app.sandbox.instance.flush();
    expect(order(ref).status).toBe('FAILED');
    const again = await request(base, `/sandbox/payments/${ref}/approve`, { method: 'POST' });
    expect(again.headers.location).toBe(`/sandbox?done=error&ref=${ref}&action=approve`);
  });

  test('a same-origin form under Referrer-Policy no-referrer (Origin: null, Sec-Fetch-Site: same-origin) works', async () => {
    const { tag } = await newBill();
    await payFor(tag, 'QR', '0788123456');
    const res = await request(base, `/sandbox/payments/${tag['data-reference']}/approve`, {
      method: 'POST', headers: { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(res.status).toBe(303);
    expect(app.sandbox.instance.payment(tag['data-reference']).status).toBe('PAID');
  });

  test.each([
    [{ Origin: 'https://evil.example.com' }],
    [{ Origin: 'null' }],
    [{ Origin: 'https://evil.example.com', 'Sec-Fetch-Site': 'cross-site' }],
    [{ Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }],
    [{ 'Sec-Fetch-Site': 'same-site' }],
  ])('a form with %p cannot approve a payment', async (headers) => {
    const { tag } = await newBill();
    await payFor(tag, 'QR', '0788123456');
    const res = await request(base, `/sandbox/payments/${tag['data-reference']}/approve`, { method: 'POST', headers });
    expect(res.status).toBe(403);
    expect(app.sandbox.instance.payment(tag['data-reference']).status).toBe('PENDING');
  });
});
