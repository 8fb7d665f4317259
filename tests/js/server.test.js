// The demo server (web/server.js): what it serves, with which headers, and what it refuses.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');

const { start } = require('../../web/server.js');

const ROOT = path.resolve(__dirname, '..', '..');
const EXPECTED_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const WIRE_FIELDS = ['Sale_Reference_ID', 'Customer_KYC_ID', 'Phone_Number', 'Email_Address',
                     'Services_Name', 'Total_Amount_to_Pay', 'Callback_URL'];

// A raw request: the path is sent as written (fetch() would resolve "..").
function request(port, rawPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('demo server', () => {
  let server;
  let port;
  beforeAll(async () => {
    ({ server, port } = await start({ port: 0 }));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test('listens on 127.0.0.1 only', () => {
    expect(server.address().address).toBe('127.0.0.1');
  });

  test('serves the demo page at / with the CSP and nosniff headers', async () => {
    const res = await request(port, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body.equals(fs.readFileSync(path.join(ROOT, 'web', 'demo', 'index.html')))).toBe(true);
    expect(res.body.toString()).toContain('<title>ltgs-checkout — live validation</title>');
  });

  test('the page has no inline script, style or event handler (the CSP would block them)', async () => {
    const html = (await request(port, '/')).body.toString();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, content] of scripts) {
      expect(attrs).toMatch(/\ssrc="[^"]+"/);
      expect(content.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  test('the form has one described input per LTGS field, named by its wire name', async () => {
    const html = (await request(port, '/')).body.toString();
    for (const field of WIRE_FIELDS) {
      const input = html.match(new RegExp(`<input\\b[^>]*\\bname="${field}"[^>]*>`));
      expect(input).not.toBeNull();
      const describedBy = input[0].match(/aria-describedby="([^"]+)"/);
      expect(describedBy).not.toBeNull();
      expect(html).toContain(`id="${describedBy[1]}"`);
      const id = input[0].match(/\bid="([^"]+)"/)[1];
      expect(html).toContain(`<label for="${id}"`);
    }
  });

  test('every script and stylesheet the page references is served with its MIME type', async () => {
    const html = (await request(port, '/')).body.toString();
    const refs = [...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1])
      .filter((ref) => !ref.startsWith('data:'));
    expect(refs).toEqual(expect.arrayContaining(['/dist/checkout.js', '/demo.js', '/demo.css']));
    for (const ref of refs) {
      const res = await request(port, ref);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(
        ref.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  test('serves the built module: checkout.js and checkout.wasm as application/wasm', async () => {
    const js = await request(port, '/dist/checkout.js');
    expect(js.status).toBe(200);
    expect(js.body.equals(fs.readFileSync(path.join(ROOT, 'dist', 'checkout.js')))).toBe(true);

    const wasm = await request(port, '/dist/checkout.wasm');
    expect(wasm.status).toBe(200);
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect(wasm.body.equals(fs.readFileSync(path.join(ROOT, 'dist', 'checkout.wasm')))).toBe(true);
    expect(WebAssembly.validate(wasm.body)).toBe(true);
  });

  test('HEAD answers with the headers and no body', async () => {
    const res = await request(port, '/dist/checkout.wasm', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/wasm');
    expect(Number(res.headers['content-length'])).toBe(fs.statSync(path.join(ROOT, 'dist', 'checkout.wasm')).size);
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
    '/..%5cpackage.json',
    '/demo.js%00.css',
    '/%E0%A4%A.js',
    '/web/server.js',
    '/server.js',
    '/package.json',
    '/.gitignore',
    '/dist/',
    '/dist/checkout.wasm.map',
    '/nothing-here',
    '/demo',
  ])('refuses %s with 404 and serves nothing from outside', async (rawPath) => {
    const res = await request(port, rawPath);
    expect(res.status).toBe(404);
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    const body = res.body.toString();
    expect(body).not.toContain('"name"');
    expect(body).not.toContain('root:');
    expect(body).not.toContain('require(');
  });

  test('only GET and HEAD are allowed', async () => {
    const res = await request(port, '/', 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

describe('node web/server.js', () => {
  test('with PORT=0 picks a free port and prints the real URL', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'web', 'server.js')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const m = line.match(/^ltgs-checkout demo: http:\/\/127\.0\.0\.1:(\d+)\/$/);
      expect(m).not.toBeNull();
      const printedPort = Number(m[1]);
      expect(printedPort).toBeGreaterThan(0);
      const res = await request(printedPort, '/');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    } finally {
      child.kill();
    }
  });

  test('refuses a PORT that is not a port number', () => {
    const r = require('child_process').spawnSync(process.execPath, [path.join(ROOT, 'web', 'server.js')], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PORT must be a port number/);
  });
});
