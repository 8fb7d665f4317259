// The package as a partner uses it, end to end in real browsers (Chromium and Firefox ESR) on a 360×740 phone: `npm pack` installed offline
// into a new project, an Express app written with ltgs-checkout/server (SQLite store) against the LTGS
// sandbox, and a page script (`import { LTGSCheckout } from 'ltgs-checkout'`) bundled as docs/integration.md
// ("Bundling") says:
//   - esbuild, ES module output, the shipped .wasm copied beside the bundle;
//   - esbuild with ltgs-checkout/inline (its default classic-script output), nothing copied;
//   - Vite (vite build), which copies the .wasm into its assets by itself.
// Each pays 15,000 RWF with MTN MoMo 0788000001: "Payment received", the order PAID in the store, and no
// console error or CSP violation. Then every build format with its wasm out of reach: a console error that
// names the URL tried and the setting to change, and the customer sees "could not load".
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');
const Database = require('better-sqlite3');

const { ENGINES, openEngine, openPage } = require('./driver');
const { loadCore } = require('../js/core-loader');
const { createSandbox } = require('../../web/sandbox/ltgs-sandbox.js');
const { packedProject, esbuild, viteBuild, write, cleanEnv } = require('../js/support/packed-project');

const PHONE = { width: 360, height: 740 };
const SANDBOX_KEY = 'sk_sandbox_package_e2e';
const PAY = /Pay RWF\s15,000/;
const COULD_NOT_LOAD = 'The checkout could not load. Please reload the page.';

jest.setTimeout(90_000);

// The partner's page script: a button that opens the checkout for the bill the page names.
const pageScript = (specifier) => `import { LTGSCheckout } from '${specifier}';

const d = document.body.dataset;
const result = document.getElementById('result');
document.getElementById('pay').addEventListener('click', () => {
  const checkout = LTGSCheckout.open({
    payment: { Sale_Reference_ID: d.reference, Total_Amount_to_Pay: Number(d.amount), Services_Name: d.servicesName },
    initiateUrl: '/checkout/initiate',
    statusUrl: '/checkout/status',
    checkoutToken: d.checkoutToken,
  });
  checkout.result.then((outcome) => { result.textContent = outcome.status; }, (err) => { result.textContent = err.code; });
});
`;

// The bill page; the server fills in the order. `scripts` loads the bundle.
const BODY = '<body data-reference="{{reference}}" data-amount="15000" data-services-name="Water Bill - May 2025" ' +
  'data-checkout-token="{{checkoutToken}}">';
const billPage = (scripts) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Water bill</title></head>
${BODY}
<h1>Water Bill - May 2025</h1>
<p>RWF 15,000 <button id="pay" type="button">Pay the bill</button></p>
<p id="result"></p>
${scripts}
</body>
</html>
`;

// The partner's server: Express, ltgs-checkout/server with its SQLite store, a new bill on each page view.
const SERVER = `import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { createCheckoutHandlers, expressMiddleware, openSqliteStore, issueCheckoutToken } from 'ltgs-checkout/server';

const { LTGS_API_BASE, LTGS_API_KEY, DB_PATH, PUBLIC_DIR } = process.env;
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
const TOKEN_SECRET = 'a-checkout-token-secret-for-this-shop';

const bills = new Map();
let publicUrl = null;
const checkout = await createCheckoutHandlers({
  store: openSqliteStore({ path: DB_PATH }),
  ltgs: { baseUrl: LTGS_API_BASE, apiKey: LTGS_API_KEY },
  callback: { publicUrl: () => publicUrl, signature: 'required' },
  lookupOrder: (reference) => bills.get(reference) ?? null,
  checkoutTokenSecret: TOKEN_SECRET,
  sandbox: true,
});

const app = express();
app.use((req, res, next) => {
  // The pages under /no-wasm-csp-*/ forget 'wasm-unsafe-eval'.
  res.set('Content-Security-Policy', req.path.startsWith('/no-wasm-csp-') ? CSP.replace(" 'wasm-unsafe-eval'", '') : CSP);
  next();
});
app.use(expressMiddleware(checkout));   // before any body parser
app.get('/favicon.ico', (req, res) => res.status(204).end());
let orders = 0;
app.get('/:page/', (req, res, next) => {
  const file = path.join(PUBLIC_DIR, req.params.page, 'index.html');
  if (!fs.existsSync(file)) return next();
  orders += 1;
  const reference = \`SHOP-\${orders}\`;
  bills.set(reference, { reference, amount: 15000, servicesName: 'Water Bill - May 2025' });
  const checkoutToken = issueCheckoutToken({ secret: TOKEN_SECRET, orderReference: reference, nowMs: Date.now() });
  res.type('html').send(fs.readFileSync(file, 'utf8').replaceAll('{{reference}}', reference).replaceAll('{{checkoutToken}}', checkoutToken));
});
app.use(express.static(PUBLIC_DIR, { index: false }));

const server = app.listen(0, '127.0.0.1', () => {
  publicUrl = \`http://127.0.0.1:\${server.address().port}\`;
  console.log(\`listening \${publicUrl}\`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

let shop;
let publicDir;
let sandbox;
let sandboxServer;
let app;
let appUrl;
const appLog = [];
let db;

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

async function until(what, fn, { timeoutMs = 15_000, stepMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

// The bundles, built in the partner's project as the docs say, into public/<page>/.
function buildPages() {
  const { project, installed } = shop;
  const pub = (...parts) => path.join(publicDir, ...parts);
  const wasmFile = path.join(installed, 'dist', 'ltgs-checkout.wasm');
  write(path.join(project, 'src', 'pay.js'), pageScript('ltgs-checkout'));
  write(path.join(project, 'src', 'pay-inline.js'), pageScript('ltgs-checkout/inline'));
  const modulePage = (dir) => write(pub(dir, 'index.html'), billPage(`<script type="module" src="/${dir}/pay.js"></script>`));
  const classicPage = (dir) => write(pub(dir, 'index.html'), billPage(`<script src="/${dir}/pay.js"></script>`));

  // esbuild, ES module, the .wasm copied beside the bundle; and the same without the copy.
  for (const dir of ['esbuild', 'esbuild-no-wasm']) {
    expect(esbuild(project, 'src/pay.js', pub(dir, 'pay.js'), ['--format=esm', '--minify']).stderr).toBe('');
    modulePage(dir);
  }
  fs.copyFileSync(wasmFile, pub('esbuild', 'ltgs-checkout.wasm'));
  // esbuild with ltgs-checkout/inline, a classic script; and under a CSP without 'wasm-unsafe-eval'.
  for (const dir of ['esbuild-inline', 'no-wasm-csp-inline']) {
    expect(esbuild(project, 'src/pay-inline.js', pub(dir, 'pay.js'), ['--minify']).stderr).toBe('');
    classicPage(dir);
  }
  // esbuild's default output (a classic script) of ltgs-checkout, with no .wasm beside it.
  expect(esbuild(project, 'src/pay.js', pub('esbuild-classic-no-wasm', 'pay.js')).stderr).toBe('');
  classicPage('esbuild-classic-no-wasm');

  // Vite, from the project's index.html; and a second build whose .wasm is then deleted.
  write(path.join(project, 'index.html'), billPage('<script type="module" src="/src/pay.js"></script>'));
  for (const dir of ['vite', 'vite-no-wasm']) viteBuild(project, ['--outDir', pub(dir), '--emptyOutDir', '--base', `/${dir}/`]);
  const viteWasm = fs.readdirSync(pub('vite-no-wasm', 'assets')).filter((f) => f.endsWith('.wasm'));
  expect(viteWasm).toHaveLength(1);
  fs.rmSync(pub('vite-no-wasm', 'assets', viteWasm[0]));

  // The shipped script-tag builds: the pay button where the tag stands.
  const tag = (src) => `<script src="${src}" data-reference="{{reference}}" data-amount="15000" ` +
    'data-services-name="Water Bill - May 2025" data-initiate-url="/checkout/initiate" data-status-url="/checkout/status" ' +
    'data-checkout-token="{{checkoutToken}}"></script>';
  write(pub('script-tag-no-wasm', 'index.html'), billPage(tag('/script-tag-no-wasm/ltgs-checkout.js')));
  for (const name of ['ltgs-checkout.js', 'ltgs-checkout.app.js']) {  // the script tag's two scripts, no .wasm
    fs.copyFileSync(path.join(installed, 'dist', name), pub('script-tag-no-wasm', name));
  }
  write(pub('no-wasm-csp-single', 'index.html'), billPage(tag('/no-wasm-csp-single/ltgs-checkout.single.js')));
  fs.copyFileSync(path.join(installed, 'dist', 'ltgs-checkout.single.js'), pub('no-wasm-csp-single', 'ltgs-checkout.single.js'));
  return { viteWasm: viteWasm[0] };
}

let built;

beforeAll(async () => {
  shop = packedProject('ltgs-package-e2e-', { link: ['esbuild', 'vite', 'express', 'better-sqlite3'] });
  publicDir = path.join(shop.project, 'public');
  built = buildPages();
  write(path.join(shop.project, 'server.mjs'), SERVER);
}, 240_000);

afterAll(() => {
  if (shop) shop.cleanup();
});

// The LTGS sandbox and the partner's server with its store, anew for each browser engine (the partner limits
// payment requests per phone number, and its bills are numbered from SHOP-1 again).
let engines = 0;
async function startShop() {
  const core = await loadCore();
  sandbox = createSandbox({ core, key: SANDBOX_KEY, delays: { quickMs: 1_000, slowMs: 3_000 }, expiryMs: 60_000 });
  sandboxServer = http.createServer(sandbox.handler);
  const sandboxUrl = await listen(sandboxServer);

  const dbPath = path.join(shop.tmp, `shop-${(engines += 1)}.sqlite`);
  appLog.length = 0;
  app = spawn(process.execPath, ['server.mjs'], {
    cwd: shop.project,
    env: cleanEnv({ LTGS_API_BASE: sandboxUrl, LTGS_API_KEY: SANDBOX_KEY, DB_PATH: dbPath, PUBLIC_DIR: publicDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => app.once('exit', resolve));
  app.exited = exited;
  app.stdout.on('data', (chunk) => appLog.push(chunk.toString('utf8')));
  app.stderr.on('data', (chunk) => appLog.push(chunk.toString('utf8')));
  appUrl = await until('the partner\'s server to listen', () => {
    const m = /listening (http:\S+)/.exec(appLog.join(''));
    if (!m && app.exitCode !== null) throw new Error(`the partner's server exited:\n${appLog.join('')}`);
    return m && m[1];
  }, { timeoutMs: 20_000, stepMs: 50 });
  db = new Database(dbPath, { readonly: true, fileMustExist: true });
}

async function stopShop() {
  if (db) db.close();
  if (app && app.exitCode === null) {
    app.kill('SIGTERM');
    await app.exited;
  }
  if (sandbox) sandbox.close();
  if (sandboxServer) await new Promise((resolve) => sandboxServer.close(resolve));
  [db, app, sandbox, sandboxServer] = [];
}

// One person's phone: console errors, page errors and CSP violations recorded (said(): console errors as
// the page wrote them, the others prefixed); the .wasm responses too.
let engine;
async function phone() {
  const { context, page, problems } = await openPage(engine, { locale: 'en-US', timezoneId: 'Africa/Kigali',
    viewport: PHONE, mobile: true });
  const said = () => problems.map((p) => p.replace(/^console: /, ''));
  const responses = page.recordResponses((r) => /\.wasm(\?|$)/.test(r.url));
  const wasmRequests = () => responses.map((r) => ({ url: r.url, status: r.status, type: r.headers['content-type'] }));
  return { context, page, said, wasmRequests };
}

const orderRow = (ref) => db.prepare('SELECT * FROM orders WHERE reference = ?').get(ref);

describe.each(ENGINES)('%s', (engineName) => {
  beforeAll(async () => {
    [engine] = await Promise.all([openEngine(engineName), startShop()]);
  });
  afterAll(async () => {
    if (engine) await engine.close();
    engine = undefined;
    await stopShop();
  });

  describe.each([
    ['esbuild, ES module, the .wasm copied beside the bundle', 'esbuild', (url) => [{ url: `${url}/esbuild/ltgs-checkout.wasm`, status: 200, type: 'application/wasm' }]],
    ['esbuild, ltgs-checkout/inline (nothing to copy)', 'esbuild-inline', () => []],
    ['Vite, which copies the .wasm itself', 'vite', (url) => [{ url: `${url}/vite/assets/${built.viteWasm}`, status: 200, type: 'application/wasm' }]],
  ])('bundled with %s', (name, dir, expectedWasm) => {
    test('pays 15,000 RWF with MTN MoMo 0788000001: "Payment received", the order PAID in the store', async () => {
      const { context, page, said, wasmRequests } = await phone();
      await page.goto(`${appUrl}/${dir}/`);
      const ref = await page.locator('body').getAttribute('data-reference');
      await page.getByRole('button', { name: 'Pay the bill' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Mobile money number').fill('0788000001');
      await dialog.getByLabel('National ID number').fill('1199070012345012');
      await dialog.getByRole('radio', { name: /MTN MoMo/ }).check();
      await dialog.getByRole('button', { name: PAY }).click();
      await dialog.getByRole('heading', { name: 'Payment received' }).waitFor({ timeout: 20_000 });
      await until('the page to hear of it', async () => (await page.locator('#result').textContent()) === 'PAID');
      await until('the order to be PAID in the store', () => orderRow(ref) && orderRow(ref).status === 'PAID');
      expect(orderRow(ref)).toMatchObject({ status: 'PAID', amount: 15000, paid_attempt: 1, payment_method: 'MTN_MOMO' });
      expect(wasmRequests()).toEqual(expectedWasm(appUrl));
      expect(said()).toEqual([]);
      await context.close();
    });
  });

  describe('the wasm out of reach: a console error names the URL and the setting to change; the customer sees "could not load"', () => {
    // Opens the page, asks for the checkout, and returns the console error of ltgs-checkout.
    async function cannotLoad(dir, { button = 'Pay the bill' } = {}) {
      const { context, page, said } = await phone();
      await page.goto(`${appUrl}/${dir}/`);
      await page.getByRole('button', { name: button }).click();
      await page.getByRole('dialog').getByText(COULD_NOT_LOAD).waitFor();
      const problems = said();
      const ours = problems.filter((p) => p.startsWith('ltgs-checkout: '));
      expect(ours).toHaveLength(1);
      // Besides it, only what the browser says by itself about the same failure: the 404 (Chromium), the CSP
      // violation (the event; Firefox also reports it as an error of its own), and (script tag) the unobserved
      // rejection of the button's result.
      const others = problems.filter((p) => !p.startsWith('ltgs-checkout: '));
      for (const other of others) {
        expect(other).toMatch(/^Failed to load resource: the server responded with a status of 404|^CSP violation: script-src wasm-eval( \(.*\))?$|^page error: Content-Security-Policy: The page’s settings blocked WebAssembly \(script-src\)|^page error: TypeError: LTGSCheckout: core\.load_failed: ltgs-checkout: could not load/);
      }
      await context.close();
      return ours[0];
    }

    test('esbuild, ES module, no .wasm copied: the URL beside the bundle, wasmUrl and ltgs-checkout/inline', async () => {
      const message = await cannotLoad('esbuild-no-wasm');
      expect(message).toContain(`could not load the WebAssembly core from ${appUrl}/esbuild-no-wasm/ltgs-checkout.wasm (HTTP 404).`);
      expect(message).toContain('loadCore({ wasmUrl })');
      expect(message).toContain('ltgs-checkout/inline');
    });

    test('esbuild\'s classic-script output, no .wasm copied: the URL beside the script', async () => {
      const message = await cannotLoad('esbuild-classic-no-wasm');
      expect(message).toContain(`from ${appUrl}/esbuild-classic-no-wasm/ltgs-checkout.wasm (HTTP 404).`);
      expect(message).toContain('wasmUrl');
    });

    test('Vite, its .wasm asset gone: the asset\'s URL', async () => {
      const message = await cannotLoad('vite-no-wasm');
      expect(message).toContain(`from ${appUrl}/vite-no-wasm/assets/${built.viteWasm} (HTTP 404).`);
      expect(message).toContain('wasmUrl');
    });

    test('the script tag (ltgs-checkout.js) without its .wasm: the URL beside the script, data-wasm-url and the single file', async () => {
      const message = await cannotLoad('script-tag-no-wasm', { button: PAY });
      expect(message).toContain(`from ${appUrl}/script-tag-no-wasm/ltgs-checkout.wasm (HTTP 404).`);
      expect(message).toContain('data-wasm-url');
      expect(message).toContain('ltgs-checkout.single.js');
    });

    test('the single file (wasm inlined) under a CSP without \'wasm-unsafe-eval\': the CSP to change', async () => {
      const message = await cannotLoad('no-wasm-csp-single', { button: PAY });
      expect(message).toMatch(/^ltgs-checkout: could not load the WebAssembly core \(.*\)\. The page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src\.$/);
    });

    test('ltgs-checkout/inline under a CSP without \'wasm-unsafe-eval\': the CSP to change', async () => {
      const message = await cannotLoad('no-wasm-csp-inline');
      expect(message).toMatch(/The page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src\.$/);
    });
  });
});
