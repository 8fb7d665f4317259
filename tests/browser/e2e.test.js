// End to end in real browsers (Chromium and Firefox ESR): `npm start`'s servers (LTGS sandbox, partner
// backend, demo shop) started in-process on free ports with a temporary SQLite file, and a customer paying the
// water bill on `/` exactly as a person would: the pay button, the phone number, the method, Pay. Each scenario
// checks the widget's final screen, what the partner recorded in SQLite (the order row, the payments row and
// the callback audit row, read through a second, read-only connection to the file), and the /orders page the
// customer reaches from the bill page's "See your orders" link. Every page must run without a CSP
// violation or a console error.
//
// The sandbox runs with the documented test numbers and shorter delays: a decided push payment ends after
// 1 s instead of 3 s, a pending one expires after EXPIRY_MS instead of 10 min. Screenshots of the main
// screens go to docs/screenshots/<engine>-en-e2e-<screen>.png.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const Database = require('better-sqlite3');

const { ENGINES, openEngine, openPage, screenshotPath } = require('./driver');
const { start } = require('../../web/shop/server.js');

const EXPIRY_MS = 8_000;
const DELAYS = { quickMs: 1_000, slowMs: 1_500 };
const AMOUNT = /RWF\s15,000/;
const PAY = /Pay RWF\s15,000/;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

jest.setTimeout(40_000);

let app;
let tmp;
let db;  // read-only view of the partner's SQLite file

// Each engine has servers and a database of its own (the partner limits payment requests per phone number,
// and the scenarios use the same test numbers in both engines).
async function startApp() {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-e2e-'));
  const dbPath = path.join(tmp, 'orders.sqlite');
  app = await start({ port: 0, sandboxPort: 0, dbPath, expiryMs: EXPIRY_MS, sandboxDelays: DELAYS });
  db = new Database(dbPath, { readonly: true, fileMustExist: true });
}

async function stopApp() {
  if (db) db.close();
  if (app) await app.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  [db, app, tmp] = [];
}

// ---- the database ----------------------------------------------------------------------------------------

const sql = {
  order: () => db.prepare('SELECT * FROM orders WHERE reference = ?'),
  payments: () => db.prepare(`SELECT p.* FROM payments p JOIN attempts a ON a.id = p.attempt_id
                              WHERE a.reference = ? ORDER BY p.id`),
  callbacks: () => db.prepare('SELECT * FROM callbacks WHERE reference = ? ORDER BY id'),
  attempts: () => db.prepare(`SELECT a.* FROM attempts a JOIN orders o ON o.id = a.order_id
                              WHERE o.reference = ? ORDER BY a.number`),
};
const attemptRows = (ref) => sql.attempts().all(ref);
const orderRow = (ref) => sql.order().get(ref);
const paymentRows = (ref) => sql.payments().all(ref);
const callbackRows = (ref) => sql.callbacks().all(ref);

// Polls fn() every stepMs until it returns something truthy, for at most timeoutMs.
async function until(what, fn, { timeoutMs = 10_000, stepMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

// The signed callback for `status` was accepted and recorded, once; the order and the payments row agree.
async function expectRecorded(ref, status, extra = {}) {
  const callback = await until(`the ${status} callback for ${ref}`,
    () => callbackRows(ref).find((c) => c.claimed_status === status && c.outcome !== 'rejected'));
  // The widget's status poll may record the result a moment before the callback arrives: then the callback
  // is a duplicate, still verified and logged. Either way exactly one result row.
  expect(callback).toMatchObject({ signature: 'valid', outcome: expect.stringMatching(/^(recorded|duplicate)$/) });
  expect(callback.code).toBe(`callback.${callback.outcome}`);
  expect(callbackRows(ref).filter((c) => c.outcome === 'rejected' || c.outcome === 'error')).toEqual([]);
  const order = orderRow(ref);
  expect(order).toMatchObject({ status, amount: 15000, ...extra });
  const payments = paymentRows(ref);
  expect(payments).toHaveLength(1);
  expect(payments[0]).toMatchObject({ status, payment_ref_id: order.payment_ref_id ?? '' });
  return order;
}

// ---- the browser -----------------------------------------------------------------------------------------

// A browser context (one person's phone) that records CSP violations and console errors on all its pages,
// across navigations (context.problems).
let engine;
async function person(viewport = PHONE) {
  return openPage(engine, { locale: 'en-US', timezoneId: 'Africa/Kigali', viewport });
}

const shot = (page, name, options = {}) => page.screenshot({ path: screenshotPath(page.engine, 'en', `e2e-${name}`), ...options });

// The bill page of a demo customer of its own (one bill is one order, paid once); its order reference as
// the page shows it. Opening the page writes nothing.
let accounts = 400000000;
async function openBill(page, account = String((accounts += 1))) {
  await page.goto(`${app.url}?account=${account}`);
  await page.getByRole('button', { name: PAY }).waitFor();
  const ref = (await page.locator('#order-reference').textContent()).trim();
  expect(ref).toMatch(new RegExp(`^KWB-[0-9]{4}-${account}$`));
  expect(orderRow(ref)).toBeUndefined();
  return ref;
}

// Pay button → the form → phone (and the national ID only if the shop did not give it) → method → Pay.
async function fillAndPay(page, { phone, method, beforePay }) {
  await page.getByRole('button', { name: PAY }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByLabel('Mobile money number').fill(phone);
  const kyc = dialog.getByLabel('National ID number');
  if (await kyc.count()) await kyc.fill('1199070012345012');
  const radio = dialog.getByRole('radio', { name: method });
  await radio.check();
  expect(await radio.isChecked()).toBe(true);
  if (beforePay) await beforePay(dialog);
  await dialog.getByRole('button', { name: PAY }).click();
  return dialog;
}

// The result screen: heading, and the reference lines.
async function expectResult(dialog, title, ref, { timeout = 15_000 } = {}) {
  await dialog.getByRole('heading', { name: title }).waitFor({ timeout });
  const text = await dialog.textContent();
  expect(text).toContain(`Your reference: ${ref}`);
  return text;
}

// Closes the dialog, follows the bill page's "See your orders" link and finds the order's row.
async function ordersFromBill(page, ref, status, closeLabel = 'Close') {
  await page.getByRole('dialog').locator('.actions').getByRole('button', { name: closeLabel, exact: true }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await page.locator('#pay-result').getByRole('link', { name: 'See your orders' }).click();
  await page.waitForURL(/\/orders$/);
  return expectOrdersRow(page, ref, status);
}

async function expectOrdersRow(page, ref, status) {
  const row = page.locator(`table.orders tbody tr.order[data-order="${ref}"]`);
  await expect(row.count()).resolves.toBe(1);
  expect((await row.locator('.badge').textContent()).trim()).toBe(status);
  return row;
}

async function expectCallbackLogged(page, ref, status) {
  const row = page.locator('table.callbacks tbody tr', { has: page.locator('code', { hasText: ref }) }).first();
  const cells = (await row.locator('td').allTextContents()).map((s) => s.trim());
  expect(cells.slice(1, 4)).toEqual([ref, status, 'valid']);
}

// ---- the scenarios ---------------------------------------------------------------------------------------

describe.each(ENGINES)('%s', (engineName) => {
  beforeAll(async () => {
    [engine] = await Promise.all([openEngine(engineName), startApp()]);
  });
  afterAll(async () => {
    if (engine) await engine.close();
    engine = undefined;
    await stopApp();
  });

  test('MTN MoMo 0788000001: paid, callback recorded, order PAID on /orders', async () => {
    const { context, page, problems } = await person();
    const ref = await openBill(page);
    await shot(page, 'bill-page', { fullPage: true });
    const dialog = await fillAndPay(page, {
      phone: '0788 000 001',
      method: /MTN MoMo/,
      beforePay: async (d) => {
        await d.getByText('A payment prompt is sent to 0788000001').waitFor();
        await shot(page, 'form');
      },
    });
    const text = await expectResult(dialog, 'Payment received', ref);
    const widgetRef = text.match(/LTGS payment reference: (MTN_[0-9]{9})/);
    expect(widgetRef).not.toBeNull();
    expect(text).toMatch(AMOUNT);
    await shot(page, 'success');

    const order = await expectRecorded(ref, 'PAID', {
      payment_method: 'MTN_MOMO', payment_channel: 'MTN MoMo', amount_paid: 15000,
    });
    expect(order.payment_ref_id).toBe(widgetRef[1]);
    expect(order.paid_on).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$/);

    await page.getByRole('dialog').locator('.actions').getByRole('button', { name: 'Done', exact: true }).click();
    await expect(page.locator('#pay-result').textContent()).resolves
      .toContain(`Thank you: your bill is paid (payment reference ${widgetRef[1]}).`);
    await page.locator('#pay-result').getByRole('link', { name: 'See your orders' }).click();
    await page.waitForURL(/\/orders$/);
    const row = await expectOrdersRow(page, ref, 'PAID');
    expect(await row.textContent()).toContain(widgetRef[1]);
    await expectCallbackLogged(page, ref, 'PAID');
    expect(problems).toEqual([]);
    await context.close();
  });

  test('Airtel Money 0728000001: paid, callback recorded, order PAID on /orders', async () => {
    const { context, page, problems } = await person();
    const ref = await openBill(page);
    const dialog = await fillAndPay(page, { phone: '0728000001', method: /Airtel Money/ });
    const text = await expectResult(dialog, 'Payment received', ref);
    const widgetRef = text.match(/LTGS payment reference: (AIRTEL_[0-9]{9})/);
    expect(widgetRef).not.toBeNull();

    const order = await expectRecorded(ref, 'PAID', {
      payment_method: 'AIRTEL_MONEY', payment_channel: 'Airtel Money', amount_paid: 15000,
    });
    expect(order.payment_ref_id).toBe(widgetRef[1]);

    await ordersFromBill(page, ref, 'PAID', 'Done');
    await expectCallbackLogged(page, ref, 'PAID');
    expect(problems).toEqual([]);
    await context.close();
  });

  test('0788000002: failed (insufficient funds), callback recorded, order FAILED on /orders', async () => {
    const { context, page, problems } = await person();
    const ref = await openBill(page);
    const dialog = await fillAndPay(page, { phone: '0788000002', method: /MTN MoMo/ });
    const text = await expectResult(dialog, 'Payment not completed', ref);
    expect(text).toContain('The payment did not go through. You can try again.');
    await shot(page, 'failure');

    const order = await expectRecorded(ref, 'FAILED', { payment_method: 'MTN_MOMO', payment_channel: 'MTN MoMo', amount_paid: null });
    expect(order.payment_ref_id).toMatch(/^MTN_[0-9]{9}$/);

    await ordersFromBill(page, ref, 'FAILED');
    await expectCallbackLogged(page, ref, 'FAILED');
    expect(problems).toEqual([]);
    await context.close();
  });

  test(`0788000003: never approved, expires after ${EXPIRY_MS} ms, callback recorded, order EXPIRED on /orders`, async () => {
    const { context, page, problems } = await person();
    const ref = await openBill(page);
    const dialog = await fillAndPay(page, { phone: '0788000003', method: /MTN MoMo/ });
    await dialog.getByRole('heading', { name: 'Approve the payment on your phone' }).waitFor();
    await dialog.getByText('We sent a prompt to 0788000003.').waitFor();
    await dialog.getByText(/^Time left:/).waitFor();
    await shot(page, 'waiting-mtn');
    expect(orderRow(ref)).toMatchObject({ status: 'PENDING', payment_method: 'MTN_MOMO' });

    const text = await expectResult(dialog, 'Payment timed out', ref, { timeout: EXPIRY_MS + 12_000 });
    expect(text).toContain('The payment was not approved in time.');
    await shot(page, 'expired');

    await expectRecorded(ref, 'EXPIRED', { payment_method: 'MTN_MOMO', payment_ref_id: null, amount_paid: null });
    await ordersFromBill(page, ref, 'EXPIRED');
    await expectCallbackLogged(page, ref, 'EXPIRED');
    expect(problems).toEqual([]);
    await context.close();
  });

  test('QR: approved by the simulated scan on /sandbox, callback recorded, order PAID on /orders', async () => {
    const { context, page, problems } = await person();
    const ref = await openBill(page);
    const dialog = await fillAndPay(page, { phone: '0788123456', method: /Scan a QR code/ });
    await dialog.getByRole('heading', { name: /Scan to pay RWF\s15,000/ }).waitFor();
    const qr = dialog.locator('.qr svg');
    await qr.waitFor();
    expect(await qr.getAttribute('role')).toBe('img');
    await shot(page, 'waiting-qr');

    // The payer's phone: the sandbox's simulated-scan page, in its own browser context.
    const payer = await person();
    await payer.page.goto(`${app.url}sandbox`);
    const card = payer.page.locator(`li.scan[data-reference="${ref}"]`);
    await card.waitFor();
    await card.locator('img.qr').waitFor();
    expect(await card.locator('img.qr').evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
    await shot(payer.page, 'sandbox-page');
    await card.getByRole('button', { name: /^Approve/ }).click();
    await payer.page.getByRole('status').filter({ hasText: `Approved: ${ref}.` }).waitFor();

    const text = await expectResult(dialog, 'Payment received', ref);
    const widgetRef = text.match(/LTGS payment reference: (QR_[0-9]{9})/);
    expect(widgetRef).not.toBeNull();
    const order = await expectRecorded(ref, 'PAID', { payment_method: 'QR', payment_channel: 'QR', amount_paid: 15000 });
    expect(order.payment_ref_id).toBe(widgetRef[1]);

    await ordersFromBill(page, ref, 'PAID', 'Done');
    await expectCallbackLogged(page, ref, 'PAID');
    expect(payer.problems).toEqual([]);
    expect(problems).toEqual([]);
    await payer.context.close();
    await context.close();
  });

  test('cancel while waiting: "You stopped waiting"; the attempt stays PENDING until LTGS expires it, then the widget says so', async () => {
    const { context, page, problems } = await person();
    const ref = await openBill(page);
    const dialog = await fillAndPay(page, { phone: '0788000003', method: /MTN MoMo/ });
    await dialog.getByRole('heading', { name: 'Approve the payment on your phone' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel payment' }).click();
    await dialog.getByRole('heading', { name: 'You stopped waiting' }).waitFor({ timeout: 5_000 });
    const text = await dialog.textContent();
    expect(text).toMatch(/may still be approved until [0-9]{1,2}:[0-9]{2}/);  // LTGS has no cancel request
    expect(text).not.toMatch(/not paid|did not go through/i);
    await shot(page, 'stopped-waiting');

    // LTGS is not asked to cancel: the partner still knows the attempt as PENDING, with no result yet.
    expect(orderRow(ref)).toMatchObject({ status: 'PENDING', payment_method: 'MTN_MOMO', payment_ref_id: null });
    expect(attemptRows(ref).map((a) => a.state)).toEqual(['PENDING']);
    expect(paymentRows(ref)).toEqual([]);
    expect(callbackRows(ref)).toEqual([]);
    await dialog.locator('.actions').getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    // LTGS's payment runs out: its callback closes the attempt, and only now is the bill called unpaid.
    await until(`the EXPIRED callback for ${ref}`, () => callbackRows(ref).length > 0, { timeoutMs: EXPIRY_MS + 5_000 });
    await expectRecorded(ref, 'EXPIRED', { payment_method: 'MTN_MOMO', payment_ref_id: null });
    await page.goto(`${app.url}orders`);
    await expectOrdersRow(page, ref, 'EXPIRED');
    await expectCallbackLogged(page, ref, 'EXPIRED');
    await page.setViewport(DESKTOP);
    await shot(page, 'orders-page');
    expect(problems).toEqual([]);
    await context.close();
  });
});
