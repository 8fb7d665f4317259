// The OpenAPI 3.1 documents in docs/openapi/: valid by an OpenAPI validator from npm, every schema strict
// JSON Schema 2020-12, every example true to its schema, the samples of docs/integration.md true to them, and
// real answers checked against them: the shop + ltgs-checkout/server + the LTGS sandbox as `npm start` runs
// them (start() on port 0, a fake clock), and the package's handlers on their own for CORS and the callback
// limit. Each documented status of each operation is produced at least once, and its status, content type,
// required headers and JSON body checked against the document.
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createCheckoutHandlers, openSqliteStore } from '../../web/partner/index.mjs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const YAML = require('yaml');
const { loadCore } = require('./core-loader.js');
const { FakeClock } = require('./support/fake-clock.js');
const { request, postJson, recordingServer } = require('./support/http-client.js');
const { start } = require('../../web/shop/server.js');
const { signatureHeader } = require('../../web/partner/signature.js');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SANDBOX_KEY = 'sk_sandbox_ltgs';

const DOCS = {
  partner: { file: 'docs/openapi/partner.yaml' },
  sandbox: { file: 'docs/openapi/ltgs-sandbox.yaml' },
};
for (const [name, d] of Object.entries(DOCS)) {
  d.name = name;
  d.id = `urn:ltgs-checkout:openapi:${name}`;
  d.doc = YAML.parse(fs.readFileSync(path.join(ROOT, d.file), 'utf8'));
}
const { partner, sandbox } = DOCS;

// Ajv for JSON Schema 2020-12 (OpenAPI 3.1's dialect), strict: a misspelt keyword is an error, not a no-op.
// Each document is added whole; its schemas are reached by JSON pointer.
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addVocabulary(['openapi', 'info', 'servers', 'tags', 'paths', 'webhooks', 'components', 'jsonSchemaDialect', 'security',
  'externalDocs']);
for (const d of Object.values(DOCS)) ajv.addSchema({ ...d.doc, $id: d.id });

const escape = (part) => String(part).replace(/~/g, '~0').replace(/\//g, '~1');
const pointer = (...parts) => `#/${parts.map(escape).join('/')}`;
function at(d, ptr) {
  let v = d.doc;
  for (const part of ptr.slice(2).split('/')) v = v[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}
// An object that may be a $ref: the object and the pointer where it really is.
function deref(d, value, ptr) {
  let v = value;
  let p = ptr;
  while (v && v.$ref) {
    p = v.$ref;
    v = at(d, p);
  }
  return { value: v, ptr: p };
}
function validateAt(d, ptr, data, what) {
  const validate = ajv.getSchema(`${d.id}${ptr}`);
  if (!validate(data)) {
    throw new Error(`${what} does not match ${d.file} ${ptr}:\n${JSON.stringify(validate.errors, null, 1)}\n` +
      `${JSON.stringify(data).slice(0, 2000)}`);
  }
}

// Which documented answers a real response has been checked against: "doc METHOD path status".
const seen = new Set();

// A real response { status, headers (lower-case names), text, json } against the document: the status is
// documented for that operation, the content type is the documented one, the required headers are there and
// every documented header present matches its schema, and the body matches the schema.
function check(d, method, template, res) {
  const op = d.doc.paths[template] && d.doc.paths[template][method];
  if (!op) throw new Error(`${d.file} has no ${method} ${template}`);
  const status = String(res.status);
  if (!op.responses[status]) {
    throw new Error(`${d.file}: ${method.toUpperCase()} ${template} does not document ${status}; body ${res.text}`);
  }
  const { value: response, ptr } = deref(d, op.responses[status], pointer('paths', template, method, 'responses', status));
  seen.add(`${d.name} ${method.toUpperCase()} ${template} ${status}`);
  for (const [name, h] of Object.entries(response.headers || {})) {
    const { value: header } = deref(d, h);
    const value = res.headers[name.toLowerCase()];
    if (header.required && value === undefined) throw new Error(`${method} ${template} ${status} lacks the header ${name}`);
    if (value !== undefined) {
      const validate = ajv.compile(header.schema);
      if (!validate(value)) throw new Error(`${name}: ${JSON.stringify(value)} does not match ${JSON.stringify(header.schema)}`);
    }
  }
  if (response.content) {
    const type = String(res.headers['content-type'] || '').split(';')[0].trim();
    expect(Object.keys(response.content)).toContain(type);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    validateAt(d, `${ptr}/content/${escape(type)}/schema`, res.json, `${method.toUpperCase()} ${template} ${status}`);
  } else {
    expect(res.text).toBe('');
  }
  return res.json;
}

// A request body the test sends as a client would, against the operation's request schema.
function checkRequest(d, method, template, body) {
  validateAt(d, pointer('paths', template, method, 'requestBody', 'content', 'application/json', 'schema'), body,
    `the request body of ${method.toUpperCase()} ${template}`);
}

// A Fetch Response (the package's handlers on their own) in the shape the HTTP client gives.
async function fromResponse(response) {
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: Object.fromEntries(response.headers), text, json };
}

describe('the documents', () => {
  test.each(Object.keys(DOCS))('%s: a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async (name) => {
    const validator = new Validator();
    const result = await validator.validate(path.join(ROOT, DOCS[name].file));
    expect(result).toEqual({ valid: true });
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  test.each(Object.keys(DOCS))('%s: every schema compiles as strict JSON Schema 2020-12', (name) => {
    const d = DOCS[name];
    for (const key of Object.keys(d.doc.components.schemas)) {
      expect(() => ajv.getSchema(`${d.id}${pointer('components', 'schemas', key)}`)).not.toThrow();
    }
    const media = [];
    const walk = (value, ptr) => {
      if (!value || typeof value !== 'object') return;
      if (value.schema && ptr.includes('/content/')) media.push(`${ptr}/schema`);
      for (const [k, v] of Object.entries(value)) walk(v, `${ptr}/${escape(k)}`);
    };
    walk(d.doc.paths, '#/paths');
    walk(d.doc.webhooks, '#/webhooks');
    expect(media.length).toBeGreaterThan(10);
    for (const ptr of media) expect(() => ajv.getSchema(`${d.id}${ptr}`)).not.toThrow();
  });

  test.each(Object.keys(DOCS))('%s: every example matches its schema', (name) => {
    const d = DOCS[name];
    let count = 0;
    const walk = (value, ptr, parentIsSchema) => {
      if (!value || typeof value !== 'object') return;
      if (value.schema && 'example' in value) {
        validateAt(d, `${ptr}/schema`, value.example, `the example at ${ptr}`);
        count += 1;
      }
      if (value.schema && value.examples && !Array.isArray(value.examples)) {
        for (const [k, e] of Object.entries(value.examples)) {
          validateAt(d, `${ptr}/schema`, e.value, `the example ${k} at ${ptr}`);
          count += 1;
        }
      }
      if (parentIsSchema && Array.isArray(value.examples)) {
        for (const e of value.examples) {
          validateAt(d, ptr, e, `the example at ${ptr}`);
          count += 1;
        }
      }
      for (const [k, v] of Object.entries(value)) {
        const schemaLike = k === 'schema' || ptr === '#/components/schemas' || k === 'items' || ptr.endsWith('/properties');
        walk(v, `${ptr}/${escape(k)}`, schemaLike);
      }
    };
    walk(d.doc, '#', false);
    expect(count).toBeGreaterThanOrEqual(5);
  });

  test('the definitions the two documents share say the same', () => {
    for (const key of ['Error', 'ErrorList', 'PaymentMethod']) {
      expect(sandbox.doc.components.schemas[key]).toEqual(partner.doc.components.schemas[key]);
    }
    expect(sandbox.doc.components.schemas.SaleReferenceId.pattern).toBe(partner.doc.components.schemas.SaleReferenceId.pattern);
    expect(Object.keys(sandbox.doc.components.schemas.StatusFields.properties))
      .toEqual(Object.keys(partner.doc.components.schemas.StatusFields.properties));
  });

  test('the partner document names the fields the package lets through to the browser, and no other', async () => {
    const { STATUS_FIELDS } = await import('../../web/partner/index.mjs');
    const { StatusFields, InitiateAnswer } = partner.doc.components.schemas;
    expect(StatusFields.required).toEqual([...STATUS_FIELDS]);
    expect(Object.keys(InitiateAnswer.properties)).toEqual(['QR_Payload', 'USSD_Code']);
  });
});

// docs/integration.md's ```http and ```json samples, read as requests and answers of the partner document.
describe('the samples of docs/integration.md', () => {
  const text = fs.readFileSync(path.join(ROOT, 'docs/integration.md'), 'utf8');
  const samples = [...text.matchAll(/^```http\n([\s\S]*?)^```/gm)].map((m) => m[1]);

  function parse(sample) {
    const [head, ...rest] = sample.split(/\n\n/);
    const [first, ...headerLines] = head.split('\n');
    const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const body = rest.join('\n\n').trim();
    return { first, headers, body: body ? JSON.parse(body) : undefined };
  }
  const templateOf = (p) => Object.keys(partner.doc.paths)
    .find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(p));

  test('each request and answer matches the operation it shows', () => {
    expect(samples.length).toBeGreaterThanOrEqual(6);
    let last = null;
    for (const sample of samples) {
      const s = parse(sample);
      const req = s.first.match(/^(GET|POST|OPTIONS) (\S+) HTTP\/1\.1$/);
      if (req) {
        const template = templateOf(req[2]);
        expect(template).toBeDefined();
        const method = req[1].toLowerCase();
        const op = partner.doc.paths[template][method];
        (op.parameters || []).forEach((p, i) => {
          const { value: param, ptr } = deref(partner, p, pointer('paths', template, method, 'parameters', i));
          const value = s.headers[param.name.toLowerCase()];
          if (param.in === 'header' && value !== undefined) validateAt(partner, `${ptr}/schema`, value, `the header ${param.name}`);
        });
        if (s.body !== undefined) checkRequest(partner, method, template, s.body);
        last = { method, template };
        continue;
      }
      const res = s.first.match(/^HTTP\/1\.1 ([0-9]{3}) /);
      expect(res).not.toBeNull();
      expect(last).not.toBeNull();
      const status = res[1];
      const { value: response, ptr } = deref(partner, partner.doc.paths[last.template][last.method].responses[status],
        pointer('paths', last.template, last.method, 'responses', status));
      expect(response).toBeDefined();
      expect(s.headers['content-type']).toBe('application/json; charset=utf-8');
      validateAt(partner, `${ptr}/content/application~1json/schema`, s.body, `the ${status} sample`);
    }
  });

  test('the error sample is an error list', () => {
    const json = [...text.matchAll(/^```json\n([\s\S]*?)^```/gm)].map((m) => JSON.parse(m[1]));
    expect(json.length).toBeGreaterThan(0);
    for (const j of json) validateAt(partner, '#/components/schemas/ErrorList', j, 'the ```json sample');
  });
});

describe('real answers against the documents', () => {
  let core;
  let clock;
  let receiver;     // where Callback_URL points: records the sandbox's callbacks, which the test then delivers
  let app;
  let base;
  let sandboxBase;
  let ltgsDown = false;

  beforeAll(async () => {
    core = await loadCore();
    clock = new FakeClock();
    receiver = await recordingServer(() => ({ status: 200, json: {} }));
    app = await start({
      core, clock, port: 0, sandboxPort: 0, dbPath: ':memory:', publicUrl: receiver.url,
      // The partner's requests to LTGS, failing on demand (LTGS down); the sandbox's callbacks are its own.
      fetch: (url, init) => (ltgsDown ? Promise.reject(new TypeError('fetch failed')) : globalThis.fetch(url, init)),
    });
    base = app.url.replace(/\/$/, '');
    sandboxBase = app.sandbox.url;
  }, 30_000);

  afterAll(async () => {
    if (app) await app.close();
    if (receiver) await receiver.close();
  });

  async function advance(ms) {
    clock.advance(ms);
    await app.sandbox.instance.flush();
  }

  // A bill from the shop's page: its reference, amount, services name, national ID and checkout token.
  let account = 310_000_000;
  async function bill() {
    account += 1;
    const page = await request(base, `/?account=${account}`);
    expect(page.status).toBe(200);
    const tag = page.text.match(/<script\b[^>]*\bsrc="\/dist\/(?:b-[0-9a-f]{12}\/)?ltgs-checkout\.js"[^>]*>/)[0];
    const a = Object.fromEntries([...tag.matchAll(/\s(data-[a-z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    return { reference: a['data-reference'], amount: Number(a['data-amount']), servicesName: a['data-services-name'],
      kyc: a['data-kyc-id'], token: a['data-checkout-token'] };
  }
  // What the widget sends, and its headers.
  const payload = (b, extra = {}) => ({ Sale_Reference_ID: b.reference, Customer_KYC_ID: b.kyc, Phone_Number: '0788123456',
    Email_Address: '', Services_Name: b.servicesName, Total_Amount_to_Pay: b.amount, Payment_Method: 'MTN_MOMO', ...extra });
  const widgetHeaders = (b, ref = b.reference) => ({ 'Idempotency-Key': ref, 'X-Checkout-Token': b.token, Accept: 'application/json' });
  function initiate(b, extra = {}, headers = {}) {
    const body = payload(b, extra);
    checkRequest(partner, 'post', '/checkout/initiate', body);
    return postJson(base, '/checkout/initiate', body, { ...widgetHeaders(b, body.Sale_Reference_ID), ...headers });
  }
  const status = (ref) => request(base, `/checkout/status/${encodeURIComponent(ref)}`, { headers: { Accept: 'application/json' } });

  // A callback body signed as the sandbox signs (its key is the callback secret in npm start).
  function callback(doc, { sign = true, raw } = {}) {
    const body = raw ?? JSON.stringify(doc);
    const headers = { 'Content-Type': 'application/json' };
    if (sign) headers['LTGS-Signature'] = signatureHeader(SANDBOX_KEY, clock.now(), body);
    return request(base, '/checkout/callback', { method: 'POST', headers, body });
  }
  // The sandbox's own deliveries to Callback_URL for a reference, each checked against its webhook.
  function deliveries(reference) {
    const found = receiver.requests.filter((r) => r.method === 'POST' && JSON.parse(r.text).Sale_Reference_ID === reference);
    const hook = sandbox.doc.webhooks.paymentStatus.post;
    for (const r of found) {
      expect(r.headers['content-type']).toBe('application/json');
      for (const p of hook.parameters) {
        const value = r.headers[p.name.toLowerCase()];
        expect(value).toBeDefined();
        expect(ajv.compile(p.schema)(value)).toBe(true);
      }
      validateAt(sandbox, '#/webhooks/paymentStatus/post/requestBody/content/application~1json/schema', JSON.parse(r.text),
        'the sandbox\'s callback');
    }
    return found;
  }
  // A delivery of the sandbox's, passed on to the partner byte for byte with its signature.
  const forward = (delivery) => request(base, '/checkout/callback', { method: 'POST', body: delivery.raw,
    headers: { 'Content-Type': 'application/json', 'LTGS-Signature': delivery.headers['ltgs-signature'],
      'LTGS-Delivery-Attempt': delivery.headers['ltgs-delivery-attempt'] } });

  const sandboxHeaders = { Authorization: `Bearer ${SANDBOX_KEY}` };
  function sandboxPay(body, headers = sandboxHeaders) {
    return postJson(sandboxBase, '/api/v1/payments', body, headers);
  }
  const sandboxRequest = (ref, extra = {}) => ({ Sale_Reference_ID: ref, Customer_KYC_ID: '1199999999999999',
    Phone_Number: '0788000003', Email_Address: '', Services_Name: 'Water Bill - May 2025', Total_Amount_to_Pay: 15000,
    Callback_URL: `${receiver.url}/elsewhere`, Payment_Method: 'MTN_MOMO', ...extra });
  const scan = (ref, action, headers = {}, method = 'POST') => request(sandboxBase,
    `/api/v1/sandbox/payments/${ref}/${action}`, { method, headers });

  const I = '/checkout/initiate';
  const S = '/checkout/status/{reference}';
  const C = '/checkout/callback';

  test('a push payment: initiate 201, re-send 200, status 200, the signed callback 200 and 200 duplicate, then 409 order.paid', async () => {
    const b = await bill();
    let res = await initiate(b, { Phone_Number: '0788000001' });
    expect(check(partner, 'post', I, res)).toMatchObject({ Sale_Reference_ID: b.reference, Payment_Status: 'PENDING' });
    expect(res.status).toBe(201);
    res = await initiate(b, { Phone_Number: '0788000001' });
    expect(res.status).toBe(200);
    check(partner, 'post', I, res);
    res = await status(b.reference);
    expect(check(partner, 'get', S, res).Payment_Status).toBe('PENDING');

    await advance(3_500);
    const [delivery] = deliveries(b.reference);
    expect(delivery.headers['ltgs-delivery-attempt']).toBe('1');
    checkRequest(partner, 'post', C, JSON.parse(delivery.text));
    res = await forward(delivery);
    expect(check(partner, 'post', C, res)).toEqual({ received: true });
    res = await forward(delivery);
    expect(check(partner, 'post', C, res)).toEqual({ received: true, duplicate: true });
    res = await status(b.reference);
    expect(check(partner, 'get', S, res)).toMatchObject({ Payment_Status: 'PAID', Total_Amount_Paid: b.amount });

    res = await initiate(b, { Sale_Reference_ID: `${b.reference}-R2` });
    expect(res.status).toBe(409);
    expect(check(partner, 'post', I, res)).toMatchObject({ errors: [{ code: 'order.paid' }], retryAtMs: null, nextReference: null });
  });

  test('a QR payment: 201 with QR_Payload; 409 order.attempt_open with retryAtMs and Retry-After; declined; 409 order.attempt_ended with nextReference', async () => {
    const b = await bill();
    let res = await initiate(b, { Phone_Number: '0788200002', Payment_Method: 'QR' });
    expect(res.status).toBe(201);
    expect(check(partner, 'post', I, res).QR_Payload).toMatch(/^000201/);

    res = await initiate(b, { Sale_Reference_ID: `${b.reference}-R2`, Phone_Number: '0788200002', Payment_Method: 'QR' });
    expect(res.status).toBe(409);
    const refusal = check(partner, 'post', I, res);
    expect(refusal).toMatchObject({ errors: [{ field: 'Sale_Reference_ID', code: 'order.attempt_open' }], nextReference: null });
    expect(refusal.retryAtMs).toBeGreaterThan(clock.now());
    expect(Number(res.headers['retry-after'])).toBe(Math.ceil((refusal.retryAtMs - clock.now()) / 1000));

    res = await scan(b.reference, 'decline');
    expect(check(sandbox, 'post', '/api/v1/sandbox/payments/{reference}/decline', res))
      .toMatchObject({ Payment_Status: 'FAILED', Failure_Reason: 'DECLINED_BY_PAYER' });
    await app.sandbox.instance.flush();
    const [delivery] = deliveries(b.reference);
    res = await forward(delivery);
    expect(check(partner, 'post', C, res)).toEqual({ received: true });
    res = await scan(b.reference, 'decline');
    expect(res.status).toBe(409);
    expect(check(sandbox, 'post', '/api/v1/sandbox/payments/{reference}/decline', res).errors[0].code).toBe('sandbox.not_pending');

    res = await initiate(b, { Phone_Number: '0788200002', Payment_Method: 'QR' });
    expect(res.status).toBe(409);
    expect(check(partner, 'post', I, res)).toMatchObject({ errors: [{ code: 'order.attempt_ended' }], retryAtMs: null,
      nextReference: `${b.reference}-R2` });
    expect(res.headers['retry-after']).toBeUndefined();
    res = await status(b.reference);
    expect(check(partner, 'get', S, res)).toMatchObject({ Payment_Status: 'FAILED', Failure_Reason: 'DECLINED_BY_PAYER' });
  });

  test('a USSD payment: 201 with USSD_Code', async () => {
    const b = await bill();
    const res = await initiate(b, { Phone_Number: '0788200003', Payment_Method: 'USSD' });
    expect(res.status).toBe(201);
    expect(check(partner, 'post', I, res).USSD_Code).toBe(`*182*8*1*012345*${b.amount}#`);
  });

  test('initiate refusals: 400, 403, 404, 405, 409, 413, 415', async () => {
    const b = await bill();
    const other = await bill();
    const expectError = (res, httpStatus, code, field) => {
      expect(res.status).toBe(httpStatus);
      const body = check(partner, 'post', I, res);
      expect(body.errors[0]).toMatchObject(field ? { code, field } : { code });
      return body;
    };
    expectError(await postJson(base, I, payload(b, { Phone_Number: '07', Payment_Method: 'CASH' }), widgetHeaders(b)), 400,
      'phone.too_short', 'Phone_Number');
    expectError(await postJson(base, I, '[]', widgetHeaders(b)), 400, 'json.not_object', '$');
    expectError(await postJson(base, I, payload(b), { ...widgetHeaders(b), 'Idempotency-Key': 'another' }), 400,
      'idempotency.mismatch', 'Idempotency-Key');
    expectError(await postJson(base, I, payload(b, { Sale_Reference_ID: 'X-R2-R2' }), widgetHeaders(b, 'X-R2-R2')), 400,
      'order.reference_reserved_suffix', 'Sale_Reference_ID');
    expectError(await postJson(base, I, payload(b), { ...widgetHeaders(b), 'X-Checkout-Token': '' }), 403,
      'checkout.token_missing', 'X-Checkout-Token');
    expectError(await postJson(base, I, payload(b), { ...widgetHeaders(b), 'X-Checkout-Token': other.token }), 403,
      'checkout.token_invalid', 'X-Checkout-Token');
    expectError(await postJson(base, I, payload(b), { ...widgetHeaders(b), Origin: 'https://elsewhere.example',
      'Sec-Fetch-Site': 'cross-site' }), 403, 'request.cross_origin');
    const nobody = { ...b, reference: 'NOBODY-0001', token: app.checkoutToken('NOBODY-0001') };
    expectError(await postJson(base, I, payload(nobody), widgetHeaders(nobody)), 404, 'order.unknown', 'Sale_Reference_ID');
    expectError(await postJson(base, I, payload(b, { Total_Amount_to_Pay: 1500 }), widgetHeaders(b)), 409,
      'order.amount_mismatch', 'Total_Amount_to_Pay');
    expectError(await postJson(base, I, JSON.stringify({ ...payload(b), Pad: 'x'.repeat(17 * 1024) }), widgetHeaders(b)), 413,
      'request.too_large');
    expectError(await request(base, I, { method: 'POST', headers: { ...widgetHeaders(b), 'Content-Type': 'text/plain' },
      body: JSON.stringify(payload(b)) }), 415, 'request.not_json');
    const res = await request(base, I);
    expectError(res, 405, 'request.method');
    expect(res.headers.allow).toBe('POST');
    // The preflight of a page on a site the backend does not list.
    const preflight = await request(base, I, { method: 'OPTIONS', headers: { Origin: 'https://elsewhere.example',
      'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(check(partner, 'options', I, preflight).errors[0].code).toBe('request.cross_origin');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('initiate 429 rate.phone: a fourth payment request to one phone in 15 minutes, with retryAtMs and Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await initiate(await bill(), { Phone_Number: '0788765432', Payment_Method: 'QR' }));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429]);
    const limited = check(partner, 'post', I, answers[3]);
    expect(limited.errors[0]).toMatchObject({ field: 'Phone_Number', code: 'rate.phone' });
    expect(limited.retryAtMs).toBe(clock.now() + Number(answers[3].headers['retry-after']) * 1000);
  });

  test('LTGS down: initiate 502, status 502, callback 503; back up: status 404 payment.not_found, callback 409', async () => {
    const b = await bill();
    ltgsDown = true;
    try {
      let res = await initiate(b, { Phone_Number: '0788200005' });
      expect(res.status).toBe(502);
      expect(check(partner, 'post', I, res).errors[0].code).toBe('ltgs.unavailable');
      res = await status(b.reference);
      expect(res.status).toBe(502);
      expect(check(partner, 'get', S, res).errors[0].code).toBe('ltgs.unavailable');
      res = await callback({ Sale_Reference_ID: b.reference, Payment_Status: 'EXPIRED' });
      expect(res.status).toBe(503);
      expect(check(partner, 'post', C, res).errors[0].code).toBe('callback.recheck_failed');
    } finally {
      ltgsDown = false;
    }
    // The initiation never reached LTGS: it does not know the reference.
    let res = await status(b.reference);
    expect(res.status).toBe(404);
    expect(check(partner, 'get', S, res).errors[0].code).toBe('payment.not_found');
    res = await callback({ Sale_Reference_ID: b.reference, Payment_Status: 'EXPIRED' });
    expect(res.status).toBe(409);
    expect(check(partner, 'post', C, res).errors[0].code).toBe('callback.unknown_to_ltgs');
  });

  test('status refusals: 400, 404 order.unknown, 405, and a foreign preflight 403', async () => {
    let res = await request(base, '/checkout/status/bad%20ref');
    expect(res.status).toBe(400);
    expect(check(partner, 'get', S, res).errors[0]).toMatchObject({ field: 'Sale_Reference_ID', code: 'reference.invalid_characters' });
    res = await status('NOBODY-0003');
    expect(res.status).toBe(404);
    expect(check(partner, 'get', S, res).errors[0].code).toBe('order.unknown');
    res = await request(base, '/checkout/status/NOBODY-0003', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(check(partner, 'get', S, res).errors[0].code).toBe('request.method');
    expect(res.headers.allow).toBe('GET');
    res = await request(base, '/checkout/status/NOBODY-0003', { method: 'OPTIONS', headers: { Origin: 'https://elsewhere.example' } });
    expect(res.status).toBe(403);
    check(partner, 'options', S, res);
  });

  test('callback refusals: 401, 400, 404, 409 callback.status_mismatch, 413, 405; a status that is not final is taken (200)', async () => {
    const b = await bill();
    expect((await initiate(b, { Phone_Number: '0788200006', Payment_Method: 'QR' })).status).toBe(201);
    const paid = { Sale_Reference_ID: b.reference, Payment_Status: 'PAID', Payment_Channel: 'QR', Payment_Ref_ID: 'QR_123456789',
      Total_Amount_Paid: b.amount, Paid_On: '2026-11-28 12:00:05' };
    checkRequest(partner, 'post', C, paid);

    let res = await callback(paid, { sign: false });
    expect(res.status).toBe(401);
    expect(check(partner, 'post', C, res).errors[0].code).toBe('signature.missing');
    res = await request(base, C, { method: 'POST', body: JSON.stringify(paid), headers: { 'Content-Type': 'application/json',
      'LTGS-Signature': signatureHeader('another-secret', clock.now(), JSON.stringify(paid)) } });
    expect(res.status).toBe(401);
    expect(check(partner, 'post', C, res).errors[0].code).toBe('signature.invalid');
    res = await callback({ Sale_Reference_ID: b.reference });
    expect(res.status).toBe(400);
    expect(check(partner, 'post', C, res).errors[0].code).toBe('status.required');
    res = await callback({ ...paid, Sale_Reference_ID: 'NOBODY-0002' });
    expect(res.status).toBe(404);
    expect(check(partner, 'post', C, res).errors[0].code).toBe('order.unknown');
    // LTGS says PENDING: the claim of a payment is refused, the word PENDING is taken and changes nothing.
    res = await callback(paid);
    expect(res.status).toBe(409);
    expect(check(partner, 'post', C, res).errors[0].code).toBe('callback.status_mismatch');
    res = await callback({ Sale_Reference_ID: b.reference, Payment_Status: 'PENDING', Payment_Channel: 'QR' });
    expect(res.status).toBe(200);
    expect(check(partner, 'post', C, res)).toEqual({ received: true });
    res = await callback(null, { raw: JSON.stringify({ ...paid, Pad: 'x'.repeat(65 * 1024) }) });
    expect(res.status).toBe(413);
    expect(check(partner, 'post', C, res).errors[0].code).toBe('request.too_large');
    res = await request(base, C);
    expect(res.status).toBe(405);
    expect(check(partner, 'post', C, res).errors[0].code).toBe('request.method');
    expect(res.headers.allow).toBe('POST');
  });

  test('the package on its own: CORS for a listed origin (204 preflights, 201 with Access-Control-Allow-Origin) and 429 rate.callback', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const bills = new Map();
    const h = await createCheckoutHandlers({
      core, store, clock, sandbox: true,
      ltgs: { baseUrl: sandboxBase, apiKey: SANDBOX_KEY },
      callback: { publicUrl: receiver.url, signature: 'none' },
      lookupOrder: (ref) => bills.get(ref) ?? null,
      allowedOrigins: ['https://shop.example.rw'],
      limits: { rechecksPerAddress: 1, recheckCacheMs: 0 },
    });
    try {
      const PAGE = 'https://shop.example.rw';
      const url = (p) => `https://pay.shop.example.rw${p}`;
      let res = await fromResponse(await h.handle(new Request(url(I), { method: 'OPTIONS', headers: { Origin: PAGE,
        'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key,x-checkout-token' } })));
      expect(res.status).toBe(204);
      check(partner, 'options', I, res);
      expect(res.headers).toMatchObject({ 'access-control-allow-origin': PAGE, 'access-control-allow-methods': 'POST' });
      res = await fromResponse(await h.handle(new Request(url('/checkout/status/OPENAPI-CORS-1'), { method: 'OPTIONS',
        headers: { Origin: PAGE, 'Access-Control-Request-Method': 'GET' } })));
      expect(res.status).toBe(204);
      check(partner, 'options', S, res);
      expect(res.headers['access-control-allow-methods']).toBe('GET');

      const refs = ['OPENAPI-CORS-1', 'OPENAPI-CORS-2'];
      for (const [i, ref] of refs.entries()) {
        bills.set(ref, { reference: ref, amount: 15000, servicesName: 'Water Bill - May 2025' });
        const body = { Sale_Reference_ID: ref, Customer_KYC_ID: '1199999999999999', Phone_Number: `07883000${10 + i}`,
          Total_Amount_to_Pay: 15000, Payment_Method: 'QR' };
        checkRequest(partner, 'post', I, body);
        res = await fromResponse(await h.handle(new Request(url(I), { method: 'POST', body: JSON.stringify(body), headers: {
          'Content-Type': 'application/json', 'Idempotency-Key': ref, Origin: PAGE, 'Sec-Fetch-Site': 'cross-site' } })));
        expect(res.status).toBe(201);
        check(partner, 'post', I, res);
        expect(res.headers).toMatchObject({ 'access-control-allow-origin': PAGE, vary: 'Origin',
          'access-control-expose-headers': 'Retry-After' });
      }
      res = await fromResponse(await h.handle(new Request(url('/checkout/status/OPENAPI-CORS-1'), { headers: { Origin: PAGE } })));
      expect(res.status).toBe(200);
      expect(check(partner, 'get', S, res).QR_Payload).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBe(PAGE);

      // One re-check per caller per minute here: the second reference's callback from that caller waits.
      const cb = (ref) => h.handle(new Request(url(C), { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ Sale_Reference_ID: ref, Payment_Status: 'PENDING' }) }), { remoteAddress: '203.0.113.7' });
      res = await fromResponse(await cb(refs[0]));
      expect(res.status).toBe(200);
      check(partner, 'post', C, res);
      res = await fromResponse(await cb(refs[1]));
      expect(res.status).toBe(429);
      expect(check(partner, 'post', C, res).errors[0].code).toBe('rate.callback');
    } finally {
      store.close();
    }
  });

  test('the sandbox: POST /api/v1/payments 201, 200, 400, 401, 405, 409, 413, 415; GET 200, 400, 401, 404, 405', async () => {
    const P = '/api/v1/payments';
    const G = '/api/v1/payments/{reference}';
    const push = sandboxRequest('OPENAPI-PUSH-1');
    checkRequest(sandbox, 'post', P, push);
    let res = await sandboxPay(push);
    expect(res.status).toBe(201);
    expect(check(sandbox, 'post', P, res)).toMatchObject({ Payment_Status: 'PENDING', Payment_Channel: 'MTN MoMo' });
    res = await sandboxPay({ ...push, Phone_Number: '+250 788 000 003' });  // the same, once normalised
    expect(res.status).toBe(200);
    check(sandbox, 'post', P, res);
    res = await sandboxPay({ ...push, Total_Amount_to_Pay: 16000 });
    expect(res.status).toBe(409);
    expect(check(sandbox, 'post', P, res).errors[0].code).toBe('reference.conflict');
    res = await sandboxPay({ ...push, Sale_Reference_ID: 'OPENAPI-PUSH-2', Phone_Number: '0252123456', Payment_Method: 'CASH' });
    expect(res.status).toBe(400);
    expect(check(sandbox, 'post', P, res).errors.map((e) => e.code)).toEqual(['phone.landline', 'method.invalid']);
    res = await sandboxPay(push, {});
    expect(res.status).toBe(401);
    expect(check(sandbox, 'post', P, res).errors[0].code).toBe('auth.missing');
    res = await sandboxPay(push, { Authorization: 'Bearer sk_wrong_key_1' });
    expect(res.status).toBe(401);
    expect(check(sandbox, 'post', P, res).errors[0].code).toBe('auth.invalid');
    res = await request(sandboxBase, P, { method: 'POST', headers: { ...sandboxHeaders, 'Content-Type': 'text/plain' },
      body: JSON.stringify(push) });
    expect(res.status).toBe(415);
    check(sandbox, 'post', P, res);
    res = await sandboxPay(JSON.stringify({ ...push, Pad: 'x'.repeat(65 * 1024) }));
    expect(res.status).toBe(413);
    check(sandbox, 'post', P, res);
    res = await request(sandboxBase, P, { headers: sandboxHeaders });
    expect(res.status).toBe(405);
    check(sandbox, 'post', P, res);

    res = await request(sandboxBase, '/api/v1/payments/OPENAPI-PUSH-1', { headers: sandboxHeaders });
    expect(res.status).toBe(200);
    expect(check(sandbox, 'get', G, res).Sale_Reference_ID).toBe('OPENAPI-PUSH-1');
    res = await request(sandboxBase, '/api/v1/payments/OPENAPI-PUSH-1');
    expect(res.status).toBe(401);
    check(sandbox, 'get', G, res);
    res = await request(sandboxBase, '/api/v1/payments/OPENAPI-NOBODY', { headers: sandboxHeaders });
    expect(res.status).toBe(404);
    expect(check(sandbox, 'get', G, res).errors[0].code).toBe('payment.not_found');
    res = await request(sandboxBase, '/api/v1/payments/bad%20ref', { headers: sandboxHeaders });
    expect(res.status).toBe(400);
    check(sandbox, 'get', G, res);
    res = await request(sandboxBase, '/api/v1/payments/OPENAPI-PUSH-1', { method: 'POST', headers: sandboxHeaders });
    expect(res.status).toBe(405);
    check(sandbox, 'get', G, res);
  });

  test('the sandbox\'s simulated scan: approve and decline 200, 400, 403, 404, 405, 409; the listing 200 and 405; its callback', async () => {
    const A = '/api/v1/sandbox/payments/{reference}/approve';
    const D = '/api/v1/sandbox/payments/{reference}/decline';
    const L = '/api/v1/sandbox/payments';
    let res = await sandboxPay(sandboxRequest('OPENAPI-QR-1', { Payment_Method: 'QR', Phone_Number: '0788300001' }));
    expect(res.status).toBe(201);
    expect(check(sandbox, 'post', '/api/v1/payments', res).QR_Payload).toMatch(/^000201/);
    res = await sandboxPay(sandboxRequest('OPENAPI-USSD-1', { Payment_Method: 'USSD', Phone_Number: '0788300002' }));
    expect(res.status).toBe(201);
    expect(check(sandbox, 'post', '/api/v1/payments', res).USSD_Code).toBe('*182*8*1*012345*15000#');
    await sandboxPay(sandboxRequest('OPENAPI-PUSH-3'));

    for (const [action, template] of [['approve', A], ['decline', D]]) {
      res = await scan('OPENAPI-PUSH-3', action);
      expect(res.status).toBe(409);
      expect(check(sandbox, 'post', template, res).errors[0].code).toBe('sandbox.not_scannable');
      res = await scan('OPENAPI-NOBODY', action);
      expect(res.status).toBe(404);
      check(sandbox, 'post', template, res);
      res = await scan('bad%20ref', action);
      expect(res.status).toBe(400);
      check(sandbox, 'post', template, res);
      res = await scan('OPENAPI-QR-1', action, { Origin: 'https://elsewhere.example', 'Sec-Fetch-Site': 'cross-site' });
      expect(res.status).toBe(403);
      expect(check(sandbox, 'post', template, res).errors[0].code).toBe('request.cross_origin');
      res = await scan('OPENAPI-QR-1', action, {}, 'GET');
      expect(res.status).toBe(405);
      check(sandbox, 'post', template, res);
    }
    res = await scan('OPENAPI-QR-1', 'approve');
    expect(res.status).toBe(200);
    expect(check(sandbox, 'post', A, res)).toMatchObject({ Payment_Status: 'PAID', Payment_Channel: 'QR', Total_Amount_Paid: 15000 });
    res = await scan('OPENAPI-QR-1', 'approve');
    expect(res.status).toBe(409);
    expect(check(sandbox, 'post', A, res).errors[0].code).toBe('sandbox.not_pending');
    await app.sandbox.instance.flush();
    expect(deliveries('OPENAPI-QR-1')).toHaveLength(1);

    res = await request(sandboxBase, L);
    expect(res.status).toBe(200);
    expect(check(sandbox, 'get', L, res).payments.map((p) => p.reference)).toEqual(expect.arrayContaining(['OPENAPI-QR-1', 'OPENAPI-USSD-1']));
    res = await request(sandboxBase, L, { method: 'POST' });
    expect(res.status).toBe(405);
    check(sandbox, 'get', L, res);
  });

  test('the sandbox full: 503 sandbox.full with Retry-After', async () => {
    const small = await start({ core, clock: new FakeClock(), port: 0, sandboxPort: 0, sandboxMaxPayments: 1, publicUrl: receiver.url });
    try {
      const pay = (ref) => postJson(small.sandbox.url, '/api/v1/payments', sandboxRequest(ref, { Payment_Method: 'QR' }), sandboxHeaders);
      expect((await pay('OPENAPI-FULL-1')).status).toBe(201);
      const res = await pay('OPENAPI-FULL-2');
      expect(res.status).toBe(503);
      expect(check(sandbox, 'post', '/api/v1/payments', res).errors[0].code).toBe('sandbox.full');
      expect(res.headers['retry-after']).toBe('60');
    } finally {
      await small.close();
    }
  });

  test('every documented answer of every operation was produced and checked', () => {
    const documented = [];
    for (const d of Object.values(DOCS)) {
      for (const [template, item] of Object.entries(d.doc.paths)) {
        for (const method of ['get', 'post', 'options']) {
          for (const s of Object.keys((item[method] && item[method].responses) || {})) {
            documented.push(`${d.name} ${method.toUpperCase()} ${template} ${s}`);
          }
        }
      }
    }
    expect(documented.length).toBeGreaterThan(50);
    expect(documented.filter((k) => !seen.has(k))).toEqual([]);
  });
});
