// The npm start server (web/shop/server.js): what it serves from disk, with which headers, what it refuses, its
// settings, and its start-up output.
'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { loadCore } = require('./core-loader.js');
const { request } = require('./support/http-client.js');
const { start, optionsFromEnv, DEFAULT_DB_PATH } = require('../../web/shop/server.js');

const ROOT = path.resolve(__dirname, '..', '..');
const EXPECTED_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const WIRE_FIELDS = ['Sale_Reference_ID', 'Customer_KYC_ID', 'Phone_Number', 'Email_Address',
                     'Services_Name', 'Total_Amount_to_Pay', 'Callback_URL'];

let core;
let app;
let base;
let distDir;  // a stand-in for dist/ with the widget's file names (the real widget build is the lead's)
beforeAll(async () => {
  core = await loadCore();
  distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-dist-'));
  for (const name of ['checkout.js', 'checkout.wasm']) fs.copyFileSync(path.join(ROOT, 'dist', name), path.join(distDir, name));
  fs.writeFileSync(path.join(distDir, 'ltgs-checkout.js'), '/* widget */\n');
  fs.copyFileSync(path.join(ROOT, 'dist', 'checkout.wasm'), path.join(distDir, 'ltgs-checkout.wasm'));
  fs.writeFileSync(path.join(distDir, 'ltgs-checkout.mjs'), 'export {};\n');
  fs.writeFileSync(path.join(distDir, 'ltgs-checkout.d.ts'), 'export {};\n');
  fs.writeFileSync(path.join(distDir, 'secret.txt'), 'not served\n');
  app = await start({ core, port: 0, sandboxPort: 0, dbPath: ':memory:', distDir });
  base = app.url.replace(/\/$/, '');
});
afterAll(async () => {
  await app.close();
  fs.rmSync(distDir, { recursive: true, force: true });
});

describe('the shop server', () => {
  test('listens on 127.0.0.1 only, and so does the sandbox', () => {
    expect(app.server.address().address).toBe('127.0.0.1');
    expect(app.sandbox.server.address().address).toBe('127.0.0.1');
    expect(app.sandbox.port).not.toBe(app.port);
  });

  test.each([
    ['/dist/ltgs-checkout.js', 'text/javascript; charset=utf-8'],
    ['/dist/ltgs-checkout.mjs', 'text/javascript; charset=utf-8'],
    ['/dist/ltgs-checkout.wasm', 'application/wasm'],
    ['/dist/checkout.js', 'text/javascript; charset=utf-8'],
    ['/dist/checkout.wasm', 'application/wasm'],
    ['/shop/shop.css', 'text/css; charset=utf-8'],
    ['/shop/bill.js', 'text/javascript; charset=utf-8'],
    ['/shop/sandbox.js', 'text/javascript; charset=utf-8'],
    ['/shop/favicon.svg', 'image/svg+xml'],
    ['/validate', 'text/html; charset=utf-8'],
    ['/validate/demo.js', 'text/javascript; charset=utf-8'],
    ['/validate/demo.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s, with the CSP and nosniff', async (p, type) => {
    const res = await request(base, p);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    if (p.endsWith('.wasm')) expect(WebAssembly.validate(res.body)).toBe(true);
  });

  test('HEAD answers with the headers and no body', async () => {
    const res = await request(base, '/dist/checkout.wasm', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/wasm');
    expect(Number(res.headers['content-length'])).toBe(fs.statSync(path.join(distDir, 'checkout.wasm')).size);
    expect(res.body.length).toBe(0);
  });

  test.each([
    '/../package.json',
    '/..%2fpackage.json',
    '/%2e%2e/package.json',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/dist/../package.json',
    '/dist/%2e%2e/package.json',
    '/dist/..%2fpackage.json',
    '/dist/secret.txt',
    '/dist/ltgs-checkout.d.ts',
    '/dist/',
    '/dist/checkout.wasm.map',
    '/shop/../server.js',
    '/shop/..%2fshop.js',
    '/shop/shop.js',
    '/shop/html.js',
    '/shop/public/shop.css',
    '/validate/index.html',
    '/validate/..%2f..%2fpackage.json',
    '/..%5cpackage.json',
    '/shop/bill.js%00.css',
    '/%E0%A4%A.js',
    '/web/shop/server.js',
    '/server.js',
    '/package.json',
    '/data/orders.sqlite',
    '/.gitignore',
    '/nothing-here',
    '/checkout',
  ])('refuses %s with 404 and serves nothing from outside', async (rawPath) => {
    const res = await request(base, rawPath);
    expect(res.status).toBe(404);
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(res.text).not.toContain('"name"');
    expect(res.text).not.toContain('root:');
    expect(res.text).not.toContain('require(');
    expect(res.text).not.toContain('not served');
  });

  test('the LTGS sandbox API also answers on the shop\'s port, with its key', async () => {
    const unauthorised = await request(base, '/api/v1/payments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(unauthorised.status).toBe(401);
    const res = await request(base, '/api/v1/payments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sk_sandbox_ltgs' },
      body: JSON.stringify({ Sale_Reference_ID: 'LTGSINV_SHOPPORT_1', Customer_KYC_ID: '1199999999999999', Phone_Number: '0788123456',
        Email_Address: 'john@example.com', Services_Name: 'Water Bill - May 2025', Total_Amount_to_Pay: 15000,
        Callback_URL: 'http://127.0.0.1:9/callback', Payment_Method: 'MTN_MOMO' }),
    });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text)).toMatchObject({ Sale_Reference_ID: 'LTGSINV_SHOPPORT_1', Payment_Status: 'PENDING' });
    const status = await request(base, '/api/v1/payments/LTGSINV_SHOPPORT_1', { headers: { Authorization: 'Bearer sk_sandbox_ltgs' } });
    expect(JSON.parse(status.text).Payment_Status).toBe('PENDING');
  });

  test('pages and files are GET/HEAD only; the API is method-checked', async () => {
    expect((await request(base, '/', { method: 'POST' })).status).toBe(405);
    expect((await request(base, '/shop/shop.css', { method: 'DELETE' })).headers.allow).toBe('GET, HEAD');
    expect((await request(base, '/checkout/initiate')).status).toBe(405);
    expect((await request(base, '/checkout/status/LTGSINV_1', { method: 'POST' })).status).toBe(405);
  });

  test('the live-validation page moved to /validate: one described input per LTGS field', async () => {
    const html = (await request(base, '/validate')).text;
    expect(html).toContain('<title>ltgs-checkout — live validation</title>');
    for (const ref of ['/dist/checkout.js', '/validate/demo.js', '/validate/demo.css']) expect(html).toContain(`"${ref}"`);
    for (const field of WIRE_FIELDS) {
      const input = html.match(new RegExp(`<input\\b[^>]*\\bname="${field}"[^>]*>`));
      expect(input).not.toBeNull();
      const describedBy = input[0].match(/aria-describedby="([^"]+)"/);
      expect(html).toContain(`id="${describedBy[1]}"`);
      const id = input[0].match(/\bid="([^"]+)"/)[1];
      expect(html).toContain(`<label for="${id}"`);
    }
  });

  test('JSON answers carry the security headers too', async () => {
    const res = await request(base, '/checkout/status/LTGSINV_UNKNOWN');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('another LTGS (LTGS_API_BASE)', () => {
  test('the sandbox is not started, unsigned mode is the default, and /sandbox says so', async () => {
    const other = await start({ core, port: 0, apiBase: 'http://127.0.0.1:9', apiKey: 'sk_elsewhere_123', dbPath: ':memory:' });
    try {
      expect(other.sandbox).toBeNull();
      expect(other.signatureMode).toBe('none');
      const page = await request(other.url.replace(/\/$/, ''), '/sandbox');
      expect(page.status).toBe(200);
      expect(page.text).toContain('LTGS_API_BASE points the backend at another LTGS');
    } finally {
      await other.close();
    }
  });

  test('a Callback_URL the core would refuse stops the start (http that is not loopback)', async () => {
    await expect(start({ core, port: 0, apiBase: 'http://127.0.0.1:9', apiKey: 'sk_elsewhere_123',
                         publicUrl: 'http://shop.example.com' })).rejects.toThrow(/Callback_URL .* is not usable/);
  });
});

describe('settings from the environment', () => {
  test('defaults', () => {
    expect(optionsFromEnv({})).toEqual({
      port: 8080, sandboxPort: 8081, sandboxKey: undefined, expiryMs: undefined, apiBase: undefined, apiKey: undefined,
      callbackSecret: undefined, signatureMode: undefined, publicUrl: undefined, dbPath: DEFAULT_DB_PATH,
    });
    expect(path.relative(ROOT, DEFAULT_DB_PATH)).toBe(path.join('data', 'orders.sqlite'));
  });

  test('every variable', () => {
    expect(optionsFromEnv({
      PORT: '0', SANDBOX_PORT: '9001', LTGS_SANDBOX_KEY: 'sk_sandbox_other', LTGS_SANDBOX_EXPIRY_MS: '5000',
      LTGS_API_BASE: 'https://api.example.rw', LTGS_API_KEY: 'sk_live', LTGS_CALLBACK_SECRET: 'whsec',
      LTGS_CALLBACK_SIGNATURE: 'none', PUBLIC_URL: 'https://shop.example.rw', LTGS_DB_PATH: '/tmp/x.sqlite',
    })).toEqual({
      port: 0, sandboxPort: 9001, sandboxKey: 'sk_sandbox_other', expiryMs: 5000, apiBase: 'https://api.example.rw',
      apiKey: 'sk_live', callbackSecret: 'whsec', signatureMode: 'none', publicUrl: 'https://shop.example.rw',
      dbPath: '/tmp/x.sqlite',
    });
  });

  test.each([
    [{ PORT: 'eighty' }, /PORT must be a port number/],
    [{ SANDBOX_PORT: '70000' }, /SANDBOX_PORT must be a port number/],
    [{ LTGS_SANDBOX_EXPIRY_MS: '0' }, /LTGS_SANDBOX_EXPIRY_MS must be a positive whole number/],
    [{ LTGS_CALLBACK_SIGNATURE: 'maybe' }, /LTGS_CALLBACK_SIGNATURE must be required or none/],
    [{ LTGS_API_BASE: 'https://api.example.rw' }, /set LTGS_API_KEY too/],
    [{ LTGS_SANDBOX_KEY: 'short' }, /at least 8 characters/],
  ])('refuses %p', (env, message) => {
    expect(() => optionsFromEnv(env)).toThrow(message);
  });
});

describe('node web/shop/server.js', () => {
  test('with PORT=0 and SANDBOX_PORT=0 prints the URLs, the sandbox key and the test numbers, and serves', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'web', 'shop', 'server.js')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', SANDBOX_PORT: '0', LTGS_DB_PATH: ':memory:' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const out = await new Promise((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (d) => {
          text += d;
          if (text.includes('Ctrl+C stops.')) resolve(text);
        });
        child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${text}`)));
      });
      const m = out.split('\n')[0].match(/^ltgs-checkout demo: http:\/\/127\.0\.0\.1:(\d+)\/$/);
      expect(m).not.toBeNull();
      const port = Number(m[1]);
      expect(port).toBeGreaterThan(0);
      expect(out).toContain(`Orders                http://127.0.0.1:${port}/orders`);
      expect(out).toContain(`Simulated scan        http://127.0.0.1:${port}/sandbox`);
      expect(out).toMatch(/LTGS sandbox API {6}http:\/\/127\.0\.0\.1:\d+\/api\/v1\/payments/);
      expect(out).toContain('Sandbox API key       sk_sandbox_ltgs');
      expect(out).toContain(`Callback URL          http://127.0.0.1:${port}/checkout/callback (signature required)`);
      for (const phone of ['0788000001', '0728000001', '0788000002', '0788000003']) expect(out).toContain(phone);
      const res = await request(`http://127.0.0.1:${port}`, '/');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    } finally {
      child.kill();
    }
  });

  test.each([
    [{ PORT: 'eighty' }, /PORT must be a port number/],
    [{ LTGS_CALLBACK_SIGNATURE: 'off' }, /LTGS_CALLBACK_SIGNATURE/],
  ])('refuses bad settings %p with exit status 1', (env, message) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'web', 'shop', 'server.js')], {
      cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });
});
