// The PHP example (examples/php/) end to end in real browsers (Chromium and Firefox ESR) on a 360×740 phone:
// the LTGS sandbox in-process (the same wasm core as the widget, 1 s test-number delays), `php -S` serving the
// example with the signature required and the sandbox's key as the callback secret, and a customer who pays
// the bill with MTN MoMo 0788000001. Checks what the customer sees (the widget's "Payment received", then the bill
// page saying paid), what the PHP site recorded in SQLite (the order PAID, one attempt, one payment, the
// signed callback audited) and that the page reported no CSP violation or console error.
'use strict';

const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const Database = require('better-sqlite3');

const { ROOT } = require('./harness');
const { ENGINES, openEngine, openPage } = require('./driver');
const { createSandbox } = require('../../web/sandbox/ltgs-sandbox.js');
const { loadCore } = require('../../web/partner/core.js');
const { listen, closeServer } = require('../../web/partner/http.js');

const EXAMPLE = path.join(ROOT, 'examples', 'php');
const SANDBOX_KEY = 'sk_sandbox_php_example';
const PHONE = { width: 360, height: 740 };
const PAY = /Pay RWF\s15,000/;

const probe = spawnSync('php', ['-r', 'echo extension_loaded("pdo_sqlite") ? "ok" : "no";'], { encoding: 'utf8' });
const PHP_READY = probe.status === 0 && probe.stdout === 'ok';
if (!PHP_READY) {
  console.warn('tests/browser/php-example.test.js skipped: php with pdo_sqlite is not installed '
    + '(npm run setup installs php-cli and php-sqlite3)');
}
const describePhp = PHP_READY ? describe : describe.skip;

jest.setTimeout(90_000);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
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

// Each engine has its own sandbox, PHP server and database: the example's bill is one order, paid once.
describePhp.each(ENGINES)('the PHP example in %s against the LTGS sandbox', (engineName) => {
  let sandbox;
  let sandboxServer;
  let php;
  let phpUrl;
  let phpClosed;
  const phpLog = [];
  let engine;
  let tmp;
  let db;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-php-browser-'));
    const core = await loadCore();
    sandbox = createSandbox({ core, key: SANDBOX_KEY, delays: { quickMs: 1_000, slowMs: 3_000 }, expiryMs: 60_000 });
    sandboxServer = http.createServer(sandbox.handler);
    const { url: sandboxUrl } = await listen(sandboxServer, 0, '127.0.0.1');

    const port = await freePort();
    phpUrl = `http://127.0.0.1:${port}`;
    php = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', path.join(EXAMPLE, 'public'), path.join(EXAMPLE, 'public', 'index.php')], {
      env: {
        PATH: process.env.PATH,
        PHP_CLI_SERVER_WORKERS: '4',
        LTGS_API_BASE: sandboxUrl,
        LTGS_API_KEY: SANDBOX_KEY,
        LTGS_CALLBACK_SIGNATURE: 'required',
        LTGS_CALLBACK_SECRET: SANDBOX_KEY,  // the sandbox signs with its key
        PUBLIC_URL: phpUrl,
        LTGS_DATA_DIR: tmp,
        LTGS_CHECKOUT_SECRET: 'a-checkout-secret-for-this-test-run',
        LTGS_PAYMENT_LIFETIME_MS: '60000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,  // a process group with its workers, stopped together
    });
    php.stderr.on('data', (chunk) => phpLog.push(chunk.toString('utf8')));
    phpClosed = new Promise((resolve) => php.once('close', resolve));
    await until('php -S to listen', async () => (await get(`${phpUrl}/favicon.ico`).catch(() => 0)) === 204,
      { timeoutMs: 10_000, stepMs: 50 });
    engine = await openEngine(engineName);
  });

  afterAll(async () => {
    if (db) db.close();
    if (engine) await engine.close();
    if (php) {
      try {
        process.kill(-php.pid, 'SIGTERM');
      } catch { /* already gone */ }
      await phpClosed;
    }
    if (sandbox) sandbox.close();
    if (sandboxServer) await closeServer(sandboxServer);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('pays the bill with MTN MoMo 0788000001: "Payment received", the order PAID, one payment, the callback audited', async () => {
    const { context, page, problems } = await openPage(engine, { locale: 'en-US', timezoneId: 'Africa/Kigali', viewport: PHONE,
      mobile: true });
    const initiations = page.recordRequests((r) => r.url.endsWith('/checkout/initiate'));

    const response = await page.goto(`${phpUrl}/`);
    expect(response.headers['content-security-policy'])
      .toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
    const ref = (await page.locator('#order-reference').textContent()).trim();
    expect(ref).toBe('PHPDEMO-100234567');

    await page.getByRole('button', { name: PAY }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Mobile money number').fill('0788000001');
    await dialog.getByRole('radio', { name: /MTN MoMo/ }).check();
    const started = Date.now();
    await dialog.getByRole('button', { name: PAY }).click();
    await dialog.getByRole('heading', { name: 'Payment received' }).waitFor({ timeout: 15_000 });
    expect(Date.now() - started).toBeLessThan(12_000);

    // The widget sent the page's token and the reference as the idempotency key; PHP added the rest.
    expect(initiations).toHaveLength(1);
    expect(initiations[0].headers['x-checkout-token']).toMatch(/^ct1\.[0-9]+\.[A-Za-z0-9_-]{43}$/);
    expect(initiations[0].headers['idempotency-key']).toBe(ref);
    const sent = JSON.parse(initiations[0].body);
    expect(sent).toMatchObject({ Sale_Reference_ID: ref, Total_Amount_to_Pay: 15000, Payment_Method: 'MTN_MOMO' });
    expect(sent.Callback_URL).toBeUndefined();

    // The sandbox delivered its signed callback (answered 2xx); then the records.
    await until('the callback to be delivered', () => sandbox.payment(ref).callback.delivered);
    db = new Database(path.join(tmp, 'orders.sqlite'), { readonly: true, fileMustExist: true });
    const order = db.prepare('SELECT * FROM orders WHERE reference = ?').get(ref);
    expect(order).toMatchObject({ status: 'PAID', amount: 15000, paid_attempt: 1, amount_paid: 15000, payment_method: 'MTN_MOMO',
      payment_channel: 'MTN MoMo', refund_due: 0, duplicate_count: 0 });
    expect(order.payment_ref_id).toMatch(/^MTN_[0-9]{9}$/);
    expect(order.payment_ref_id).toBe(sandbox.payment(ref).paymentRefId);
    const attempts = db.prepare('SELECT * FROM attempts WHERE order_id = ?').all(order.id);
    expect(attempts.map((a) => [a.number, a.reference, a.state])).toEqual([[1, ref, 'PAID']]);
    const payments = db.prepare('SELECT * FROM payments WHERE attempt_id = ?').all(attempts[0].id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: 'PAID', amount_paid: 15000, payment_ref_id: order.payment_ref_id });
    // The callback was checked (signature, then LTGS's own status) and recorded — or, when the widget's
    // status poll recorded the payment a moment earlier, known already. Exactly one of the two wrote it.
    const callbacks = db.prepare('SELECT * FROM callbacks WHERE reference = ?').all(ref);
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ signature: 'valid', outcome: payments[0].source === 'callback' ? 'recorded' : 'duplicate',
      claimed_status: 'PAID', payment_ref_id: order.payment_ref_id });
    expect(['callback', 'status']).toContain(payments[0].source);
    expect(sandbox.payment(ref).callback.attempts).toBe(1);

    // The bill page now says paid, with LTGS's reference, and offers no Pay button.
    await page.reload();
    await page.locator('#bill-paid').waitFor();
    expect((await page.locator('#payment-ref').textContent()).trim()).toBe(order.payment_ref_id);
    expect(await page.getByRole('button', { name: PAY }).count()).toBe(0);

    expect(problems).toEqual([]);
    expect(phpLog.join('')).not.toMatch(/internal error|PHP (Warning|Notice|Deprecated|Fatal)/);
    await context.close();
  });
});
