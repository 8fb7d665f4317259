// One bill, one payment, in real browsers (Chromium and Firefox ESR) on a 360×740 phone: `npm start`'s
// servers in-process (sandbox, partner backend, demo shop) with a temporary SQLite file, and a customer who
// reloads, cancels and tries again. Each scenario checks what the customer sees and what the partner recorded:
//   - pay → reload: the page shows the bill paid, with its LTGS reference and no Pay button; one order;
//   - reload while a payment is pending: the same payment resumes and ends paid, one attempt;
//   - QR → Cancel → the payer approves on /sandbox anyway: the widget (which kept checking quietly, dialog
//     closed) and the page end up saying paid, and paying again is impossible;
//   - Cancel → Pay another way: refused while the first request is open, in words, with the time; no loop.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const Database = require('better-sqlite3');

const { ENGINES, openEngine, openPage, screenshotPath } = require('./driver');
const { start } = require('../../web/shop/server.js');

const PHONE = { width: 360, height: 740 };
const PAY = /Pay RWF\s15,000/;
const EXPIRY_MS = 60_000;

jest.setTimeout(90_000);

let app;
let engine;
let tmp;
let db;

// Each engine has servers and a database of its own: the same scenarios, from a clean partner.
async function startApp() {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-one-bill-'));
  const dbPath = path.join(tmp, 'orders.sqlite');
  app = await start({ port: 0, sandboxPort: 0, dbPath, expiryMs: EXPIRY_MS, sandboxDelays: { quickMs: 1_000, slowMs: 6_000 } });
  db = new Database(dbPath, { readonly: true, fileMustExist: true });
}

async function stopApp() {
  if (db) db.close();
  if (app) await app.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  [db, app, tmp] = [];
}

const orderRow = (ref) => db.prepare('SELECT * FROM orders WHERE reference = ?').get(ref);
const attemptRows = (ref) => db.prepare(`SELECT a.* FROM attempts a JOIN orders o ON o.id = a.order_id
                                         WHERE o.reference = ? ORDER BY a.number`).all(ref);

async function until(what, fn, { timeoutMs = 15_000, stepMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

// One person's phone: CSP violations and console errors recorded. Chromium reports a refused request
// (HTTP 409) on the console by itself; `expected` lists such lines that a scenario causes on purpose.
function person() {
  return openPage(engine, { locale: 'en-US', timezoneId: 'Africa/Kigali', viewport: PHONE, mobile: true });
}
const unexpected = (problems) => problems.filter((p) => !/status of 409/.test(p));
const shot = (page, name) => page.screenshot({ path: screenshotPath(page.engine, 'en', name) });

let accounts = 600000000;
async function openBill(page, account = String((accounts += 1))) {
  await page.goto(`${app.url}?account=${account}`);
  const ref = (await page.locator('#order-reference').textContent()).trim();
  return { ref, account };
}

async function startPayment(page, { phone, method }) {
  await page.getByRole('button', { name: PAY }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByLabel('Mobile money number').fill(phone);
  await dialog.getByRole('radio', { name: method }).check();
  await dialog.getByRole('button', { name: PAY }).click();
  return dialog;
}

describe.each(ENGINES)('%s', (engineName) => {
  beforeAll(async () => {
    [engine] = await Promise.all([openEngine(engineName), startApp()]);
  });
  afterAll(async () => {
    if (engine) await engine.close();
    engine = undefined;
    await stopApp();
  });

  test('pay, then reload: the page shows the bill paid with its LTGS reference, no Pay button, one PAID order', async () => {
    const { context, page, problems } = await person();
    const { ref, account } = await openBill(page);
    const dialog = await startPayment(page, { phone: '0788000001', method: /MTN MoMo/ });
    await dialog.getByRole('heading', { name: 'Payment received' }).waitFor({ timeout: 15_000 });
    await page.reload();
    await page.locator('#bill-paid').waitFor();
    const order = orderRow(ref);
    expect(order).toMatchObject({ status: 'PAID', amount: 15000, paid_attempt: 1 });
    expect(await page.locator('#payment-ref').textContent()).toBe(order.payment_ref_id);
    expect(await page.getByRole('button', { name: PAY }).count()).toBe(0);
    expect(await page.locator('script[src$="ltgs-checkout.js"]').count()).toBe(0);
    await shot(page, 'bill-paid-phone');

    await page.goto(`${app.url}orders`);
    const rows = page.locator(`tr.order[data-order="${ref}"]`);
    expect(await rows.count()).toBe(1);
    expect(await rows.getAttribute('data-status')).toBe('PAID');
    expect(attemptRows(ref)).toHaveLength(1);
    // The same bill again is the same order: still paid.
    await page.goto(`${app.url}?account=${account}`);
    await page.locator('#bill-paid').waitFor();
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  test('reload while a payment is pending: the same payment resumes and ends paid', async () => {
    const { context, page, problems } = await person();
    const { ref } = await openBill(page);
    const dialog = await startPayment(page, { phone: '0788123456', method: /MTN MoMo/ });  // paid after 6 s
    await dialog.getByRole('heading', { name: 'Approve the payment on your phone' }).waitFor();
    expect(attemptRows(ref).map((a) => a.state)).toEqual(['PENDING']);
    await page.reload();
    await page.locator('#bill-pending').waitFor();
    // The widget resumes by itself: the dialog opens on the same payment, then it is paid.
    const resumed = page.getByRole('dialog');
    await resumed.getByRole('heading', { name: 'Payment received' }).waitFor({ timeout: 20_000 });
    expect(await resumed.textContent()).toContain(`Your reference: ${ref}`);
    await until('the order to be PAID', () => orderRow(ref).status === 'PAID');
    expect(attemptRows(ref).map((a) => [a.number, a.state])).toEqual([[1, 'PAID']]);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  test('QR, Cancel, then the payer approves anyway: the widget and the page say paid, and paying again is impossible', async () => {
    const { context, page, problems } = await person();
    const { ref, account } = await openBill(page);
    const dialog = await startPayment(page, { phone: '0788123456', method: /Scan a QR code/ });
    await dialog.locator('.qr svg').waitFor();
    await dialog.getByRole('button', { name: 'Cancel payment' }).click();
    await dialog.getByRole('heading', { name: 'You stopped waiting' }).waitFor();
    const stoppedText = await dialog.textContent();
    expect(stoppedText).toMatch(/may still be approved until/);
    expect(stoppedText).not.toMatch(/not paid|did not go through|cancelled/i);
    await shot(page, 'stopped-waiting-phone');
    await expect(page.locator('#pay-result').textContent()).resolves.toContain('You stopped waiting');
    // The customer closes the dialog and walks away.
    await dialog.locator('.actions').getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The payer's phone: the simulated scan.
    const payer = await person();
    await payer.page.goto(`${app.url}sandbox`);
    await payer.page.locator(`li.scan[data-reference="${ref}"]`).getByRole('button', { name: /^Approve/ }).click();
    await payer.page.getByRole('status').filter({ hasText: `Approved: ${ref}.` }).waitFor();
    await until('the order to be PAID', () => orderRow(ref).status === 'PAID');

    // The widget keeps checking quietly (the hidden page's pace, about 30 s) and tells the page.
    await until('the page to say paid', async () => /your bill is paid/.test(await page.locator('#pay-result').textContent()),
      { timeoutMs: 50_000, stepMs: 500 });
    await page.getByRole('button', { name: PAY }).click();
    await page.getByRole('dialog').getByRole('heading', { name: 'Payment received' }).waitFor();
    await shot(page, 'paid-after-stop-phone');

    // Paying again is impossible: the bill page shows it paid, and the backend refuses another attempt.
    await page.goto(`${app.url}?account=${account}`);
    await page.locator('#bill-paid').waitFor();
    expect(await page.getByRole('button', { name: PAY }).count()).toBe(0);
    expect(attemptRows(ref).map((a) => [a.number, a.method, a.state])).toEqual([[1, 'QR', 'PAID']]);
    expect(unexpected(problems)).toEqual([]);
    expect(unexpected(payer.problems)).toEqual([]);
    await payer.context.close();
    await context.close();
  });

  test('Cancel, then Pay another way: refused in words while the first request is open, with the time; no loop', async () => {
    const { context, page, problems } = await person();
    const { ref } = await openBill(page);
    const initiated = page.recordRequests((r) => r.url.endsWith('/checkout/initiate'));
    const dialog = await startPayment(page, { phone: '0788000003', method: /MTN MoMo/ });  // never approved
    await dialog.getByRole('heading', { name: 'Approve the payment on your phone' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel payment' }).click();
    await dialog.getByRole('heading', { name: 'You stopped waiting' }).waitFor();
    await dialog.getByRole('button', { name: 'Pay another way' }).click();
    await dialog.getByLabel('Mobile money number').fill('0788000001');
    await dialog.getByRole('radio', { name: /MTN MoMo/ }).check();
    await dialog.getByRole('button', { name: PAY }).click();
    await dialog.getByRole('heading', { name: 'A payment request is still open' }).waitFor();
    const text = await dialog.textContent();
    expect(text).toMatch(/try another way after [0-9]{1,2}:[0-9]{2}/);
    expect(text).not.toMatch(/Please try again/);
    await shot(page, 'refused-open-phone');
    // No button that would send the same request again.
    const buttons = await dialog.locator('.actions button').allTextContents();
    expect(buttons.map((b) => b.trim())).not.toContain('Try again');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(initiated.map((r) => JSON.parse(r.body).Sale_Reference_ID)).toEqual([ref, `${ref}-R2`]);
    expect(attemptRows(ref).map((a) => [a.number, a.state])).toEqual([[1, 'PENDING']]);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});
