/**
 * @jest-environment jsdom
 */
// The widget after the customer stops waiting, and when the partner's backend refuses to start a payment:
// jsdom, the real wasm core, a scripted backend and fake timers. A stop is never said to be "not paid"; the
// attempt is still checked, quietly, with the dialog closed, and its ending (paid or not) is reported then.
// A refusal says why, in words, and never offers a retry that would be refused the same way. The saved state
// keeps the order's attempt number and resumes only this order's pending payment.
import { jest } from '@jest/globals';
import { createRequire } from 'module';
import { configureCore, loadCore } from '../../web/widget/core.js';
import { LTGSCheckout, renderScriptTag } from '../../web/widget/api.js';
import { formatTime } from '../../web/widget/i18n.js';

const require = createRequire(import.meta.url);
const REF = 'LTGSINV_230624_001';
const CUSTOMER = { Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' };
const KEY = `ltgs-checkout:${REF}`;

let core;
beforeAll(async () => {
  const { factory, wasmBinary } = require('./core-loader.js').coreFiles();
  configureCore(factory, { wasmBinary });
  core = await loadCore();
});

beforeEach(() => {
  document.body.replaceChildren();
  document.documentElement.lang = 'en';
  sessionStorage.clear();
});

afterEach(() => {
  document.body.replaceChildren();  // disconnects the widgets: every watch stops
  jest.useRealTimers();
});

const status = (ref, Payment_Status, extra = {}) => JSON.stringify({ Sale_Reference_ID: ref, Payment_Status, ...extra });
const paid = (ref, amount = 15000) => status(ref, 'PAID', {
  Payment_Channel: 'MTN MoMo', Payment_Ref_ID: 'MTN_456789123', Total_Amount_Paid: amount, Paid_On: '2025-06-16 13:20:45',
});
const refusal = (code, extra = {}) => JSON.stringify({
  errors: [{ field: 'Sale_Reference_ID', code, message: `The backend says ${code}.` }], retryAtMs: null, nextReference: null, ...extra,
});

// window.fetch for the widget: answers.initiate(body, n) and answers.status(ref, n) give { status, body }.
function backend(answers) {
  const calls = [];
  const count = { initiate: 0, status: 0 };
  window.fetch = async (url, init) => {
    const post = init.method === 'POST';
    const ref = post ? JSON.parse(init.body).Sale_Reference_ID : decodeURIComponent(String(url).split('/').pop());
    calls.push({ method: init.method, ref, at: Date.now() });
    const a = post ? answers.initiate(JSON.parse(init.body), count.initiate++) : answers.status(ref, count.status++);
    return { status: a.status ?? 200, headers: { get: () => null }, text: async () => a.body ?? '' };
  };
  return {
    calls,
    posts: () => calls.filter((c) => c.method === 'POST').map((c) => c.ref),
    gets: () => calls.filter((c) => c.method === 'GET'),
  };
}

// The outcome events a partner's page hears.
function listen() {
  const seen = { status: [], success: [], failure: [], close: [] };
  for (const type of Object.keys(seen)) document.addEventListener(`ltgs:${type}`, (e) => seen[type].push(e.detail));
  return seen;
}

const options = (extra = {}) => ({
  initiateUrl: '/checkout/initiate',
  statusUrl: '/checkout/status',
  ...extra,
  payment: { Sale_Reference_ID: REF, Total_Amount_to_Pay: 15000, Services_Name: 'Water Bill - May 2025', ...CUSTOMER, ...(extra.payment || {}) },
});

// The pay button of a script tag (button mode: the dialog opens on a click and closes without going away).
function payButton(extra = {}) {
  const script = document.createElement('script');
  Object.assign(script.dataset, {
    reference: REF, amount: '15000', servicesName: 'Water Bill - May 2025', initiateUrl: '/checkout/initiate',
    statusUrl: '/checkout/status', phone: CUSTOMER.Phone_Number, kycId: CUSTOMER.Customer_KYC_ID, ...extra,
  });
  document.body.append(script);
  return renderScriptTag(script);
}

const root = (element) => element.shadowRoot;
const text = (element) => root(element).querySelector('.panel').textContent.replace(/\s+/g, ' ');
const buttons = (element) => [...root(element).querySelectorAll('.panel button')].map((b) => b.textContent);
const dialogOpen = (element) => root(element).querySelector('dialog').hasAttribute('open');
function click(element, label) {
  const button = [...root(element).querySelectorAll('button')].find((b) => b.textContent === label);
  if (!button) throw new Error(`no "${label}" button in: ${buttons(element).join(' | ')}`);
  button.click();
}
const submit = (element) => root(element).querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));

async function flush(times = 5) {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
const advance = (ms) => jest.advanceTimersByTimeAsync(ms);
const fakeTimers = () => jest.useFakeTimers({ doNotFake: ['queueMicrotask'], now: Date.UTC(2026, 10, 28, 8, 0, 0) });

// A checkout waiting for the customer's approval of REF (PENDING), fake timers on.
async function waitingCheckout(make, answers) {
  const server = backend(answers);
  const seen = listen();
  const controller = make();
  await flush();
  fakeTimers();
  if (controller.element.shadowRoot.querySelector('button.pay')) root(controller.element).querySelector('button.pay').click();
  submit(controller.element);
  await advance(10);
  expect(root(controller.element).querySelector('progress')).not.toBeNull();  // the waiting screen
  return { controller, element: controller.element, server, seen };
}

const NOT_PAID = /not paid|did not go through|not completed|ntibyakunze|Amafaranga ntiyishyuwe|n'a pas abouti|non effectué/i;

test('stop waiting, close: checked quietly in the background; PAID later fires ltgs:success once and shows at the next opening', async () => {
  let paidNow = false;
  const { controller, element, server, seen } = await waitingCheckout(() => payButton(), {
    initiate: () => ({ status: 201, body: status(REF, 'PENDING') }),
    status: (ref) => ({ body: paidNow ? paid(ref) : status(ref, 'PENDING') }),
  });
  await advance(2_500);
  expect(server.gets()).toHaveLength(1);

  click(element, 'Cancel payment');
  const expires = JSON.parse(sessionStorage.getItem(KEY)).payment.expiresAtMs;
  expect(text(element)).toMatch(/You stopped waiting/);
  expect(text(element)).toContain(`may still be approved until ${formatTime(expires, 'en')}`);
  expect(text(element)).toMatch(/If it is approved, your bill is paid/);
  expect(text(element)).not.toMatch(NOT_PAID);
  expect(buttons(element)).toEqual(expect.arrayContaining(['Keep waiting', 'Pay another way', 'Close']));
  expect(buttons(element)).not.toContain('Try again');
  expect(seen.status[seen.status.length - 1]).toMatchObject({ state: 'PENDING', reason: 'lifecycle.stopped_waiting', stoppedWaiting: true, reference: REF });
  expect(JSON.parse(sessionStorage.getItem(KEY)).payment).toMatchObject({ state: 'PENDING', stoppedWaiting: true });

  click(element, 'Close');
  expect(dialogOpen(element)).toBe(false);
  expect(seen.close).toEqual([expect.objectContaining({ status: 'CLOSED', reference: REF, stoppedWaiting: true })]);
  expect(await controller.result).toMatchObject({ status: 'CLOSED', stoppedWaiting: true });

  // Quietly: no check for 30 s after the stop, then one about every 30 s, with the dialog closed.
  const before = server.gets().length;
  await advance(27_000);
  expect(server.gets()).toHaveLength(before);
  await advance(4_000);
  expect(server.gets()).toHaveLength(before + 1);
  await advance(60_000);
  expect(server.gets()).toHaveLength(before + 3);
  expect(seen.failure).toEqual([]);
  expect(seen.success).toEqual([]);

  paidNow = true;
  await advance(31_000);
  expect(seen.success).toEqual([expect.objectContaining({ status: 'PAID', reference: REF, paymentRefId: 'MTN_456789123' })]);
  expect(dialogOpen(element)).toBe(false);  // not forced open
  const after = server.gets().length;
  await advance(300_000);
  expect(server.gets()).toHaveLength(after);  // the watch ended
  expect(seen.success).toHaveLength(1);
  expect(seen.failure).toEqual([]);

  root(element).querySelector('button.pay').click();
  expect(dialogOpen(element)).toBe(true);
  expect(text(element)).toMatch(/Payment received/);
  expect(text(element)).toMatch(/MTN_456789123/);
  expect(seen.success).toHaveLength(1);
  expect(server.posts()).toEqual([REF]);
});

test('stop waiting, then LTGS says FAILED: only then "not paid", with ltgs:failure, shown at the next opening', async () => {
  let failedNow = false;
  const { element, seen } = await waitingCheckout(() => payButton(), {
    initiate: () => ({ status: 201, body: status(REF, 'PENDING') }),
    status: (ref) => ({ body: failedNow ? status(ref, 'FAILED') : status(ref, 'PENDING') }),
  });
  click(element, 'Cancel payment');
  click(element, 'Close');
  await advance(65_000);
  expect(seen.failure).toEqual([]);
  failedNow = true;
  await advance(31_000);
  expect(seen.failure).toEqual([expect.objectContaining({ status: 'FAILED', reference: REF })]);
  expect(seen.success).toEqual([]);
  root(element).querySelector('button.pay').click();
  expect(text(element)).toMatch(/Payment not completed/);
  // The next attempt takes the next number (the core's grammar).
  click(element, 'Try again');
  expect(text(element)).toContain(`${REF}-R2`);
});

test('PAID while the stopped-waiting screen is open shows the paid screen at once', async () => {
  let paidNow = false;
  const { element, seen } = await waitingCheckout(() => LTGSCheckout.mount(document.body, options()), {
    initiate: () => ({ status: 201, body: status(REF, 'PENDING') }),
    status: (ref) => ({ body: paidNow ? paid(ref) : status(ref, 'PENDING') }),
  });
  click(element, 'Cancel payment');
  expect(text(element)).toMatch(/You stopped waiting/);
  paidNow = true;
  await advance(31_000);
  expect(text(element)).toMatch(/Payment received/);
  expect(seen.success).toHaveLength(1);
});

test('"Keep waiting" goes back to the waiting screen and the usual pace', async () => {
  const { element, server, seen } = await waitingCheckout(() => LTGSCheckout.mount(document.body, options()), {
    initiate: () => ({ status: 201, body: status(REF, 'PENDING') }),
    status: (ref) => ({ body: status(ref, 'PENDING') }),
  });
  click(element, 'Cancel payment');
  await advance(5_000);
  const before = server.gets().length;
  click(element, 'Keep waiting');
  expect(text(element)).toMatch(/Approve the payment on your phone/);
  expect(seen.status[seen.status.length - 1]).toMatchObject({ reason: 'lifecycle.waiting_again', stoppedWaiting: false });
  await advance(0);
  expect(server.gets()).toHaveLength(before + 1);  // at once
  await advance(10_000);
  expect(server.gets().length).toBeGreaterThanOrEqual(before + 2);  // well before the quiet 30 s
});

test.each(['en', 'rw', 'fr'])('the stopped-waiting screen never says "not paid" (%s)', async (locale) => {
  const { element } = await waitingCheckout(() => LTGSCheckout.mount(document.body, options({ locale })), {
    initiate: () => ({ status: 201, body: status(REF, 'PENDING') }),
    status: (ref) => ({ body: status(ref, 'PENDING') }),
  });
  root(element).querySelector('.actions button').click();  // the waiting screen's only action
  const expires = JSON.parse(sessionStorage.getItem(KEY)).payment.expiresAtMs;
  expect(text(element)).toContain(formatTime(expires, locale));
  expect(text(element)).not.toMatch(NOT_PAID);
  expect(text(element)).not.toMatch(/annulé|cancelled|byahagaritswe/i);
});

test('pay another way while the first request is open: refused with the time, and "Keep waiting for the earlier request"', async () => {
  const retryAtMs = Date.UTC(2026, 10, 28, 8, 10, 0);
  const { element, server, seen } = await waitingCheckout(() => payButton(), {
    initiate: (body, n) => (n === 0
      ? { status: 201, body: status(REF, 'PENDING') }
      : { status: 409, body: refusal('order.attempt_open', { retryAtMs }) }),
    status: (ref) => ({ body: status(ref, 'PENDING') }),
  });
  click(element, 'Cancel payment');
  click(element, 'Pay another way');
  expect(root(element).querySelector('form')).not.toBeNull();
  expect(text(element)).toContain(`${REF}-R2`);
  submit(element);
  await advance(10);
  expect(server.posts()).toEqual([REF, `${REF}-R2`]);
  const time = formatTime(retryAtMs, 'en');
  expect(text(element)).toContain(
    `An earlier payment request for this bill is still open. Approve it on your phone, or try another way after ${time}.`);
  expect(buttons(element)).toEqual(['×', 'Keep waiting for the earlier request', 'Close']);
  expect(seen.failure).toEqual([expect.objectContaining({
    status: 'FAILED', reference: `${REF}-R2`,
    error: expect.objectContaining({ code: 'order.attempt_open', httpStatus: 409, retryAtMs }),
  })]);
  expect(seen.status[seen.status.length - 1]).toMatchObject({ reason: 'order.attempt_open', reference: `${REF}-R2` });

  // Nothing is sent again by itself, however long the screen stays.
  await advance(60_000);
  expect(server.posts()).toHaveLength(2);

  click(element, 'Keep waiting for the earlier request');
  expect(text(element)).toMatch(/Approve the payment on your phone/);
  expect(text(element)).toContain(REF);
  const before = server.gets().length;
  await advance(10_000);
  expect(server.gets().length).toBeGreaterThan(before);
  expect(server.gets().every((c) => c.ref === REF)).toBe(true);
});

test('refused while an earlier request is open that this widget does not hold: no retry until the time has passed', async () => {
  const retryAtMs = Date.UTC(2026, 10, 28, 8, 1, 0);
  const server = backend({
    initiate: () => ({ status: 409, body: refusal('order.attempt_open', { retryAtMs }) }),
    status: () => ({ body: '' }),
  });
  const controller = LTGSCheckout.mount(document.body, options({ locale: 'fr' }));
  await flush();
  fakeTimers();
  submit(controller.element);
  await advance(10);
  expect(text(controller.element)).toContain(`essayez un autre moyen après ${formatTime(retryAtMs, 'fr')}`);
  expect(buttons(controller.element)).toEqual([]);
  await advance(60_000);
  expect(buttons(controller.element)).toEqual(['Payer autrement']);
  click(controller.element, 'Payer autrement');
  expect(root(controller.element).querySelector('form')).not.toBeNull();
  expect(text(controller.element)).toContain(REF);  // the refused attempt never started: same number
  expect(server.posts()).toEqual([REF]);
});

test('order.attempt_ended with a next reference of this order: sent again once with it', async () => {
  const server = backend({
    initiate: (body) => (body.Sale_Reference_ID === REF
      ? { status: 409, body: refusal('order.attempt_ended', { nextReference: `${REF}-R3` }) }
      : { status: 201, body: status(body.Sale_Reference_ID, 'PENDING') }),
    status: (ref) => ({ body: paid(ref) }),
  });
  const seen = listen();
  const controller = LTGSCheckout.mount(document.body, options());
  await flush();
  fakeTimers();
  submit(controller.element);
  await advance(3_000);
  expect(server.posts()).toEqual([REF, `${REF}-R3`]);
  expect(seen.failure).toEqual([]);
  expect(seen.success).toEqual([expect.objectContaining({ status: 'PAID', reference: `${REF}-R3` })]);
  expect(JSON.parse(sessionStorage.getItem(KEY))).toMatchObject({ attempt: 3 });
});

test('a next reference refused again is not followed in a loop: at most one automatic re-send per submit', async () => {
  const server = backend({
    initiate: () => ({ status: 409, body: refusal('order.attempt_out_of_sequence', { nextReference: `${REF}-R3` }) }),
    status: () => ({ body: '' }),
  });
  const seen = listen();
  const controller = LTGSCheckout.mount(document.body, options());
  await flush();
  fakeTimers();
  submit(controller.element);
  await advance(60_000);
  expect(server.posts()).toEqual([REF, `${REF}-R3`]);
  expect(text(controller.element)).toMatch(/This payment request can no longer be used/);
  expect(buttons(controller.element)).not.toContain('Try again');
  expect(seen.failure).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'order.attempt_out_of_sequence', httpStatus: 409 }) })]);
});

test('a next reference of another order is ignored', async () => {
  const server = backend({
    initiate: () => ({ status: 409, body: refusal('order.attempt_ended', { nextReference: 'SOMEONE_ELSE-R2' }) }),
    status: () => ({ body: '' }),
  });
  const controller = LTGSCheckout.mount(document.body, options());
  await flush();
  fakeTimers();
  submit(controller.element);
  await advance(10_000);
  expect(server.posts()).toEqual([REF]);
  expect(text(controller.element)).toMatch(/This payment request cannot be used/);
});

test.each([
  ['order.paid', 409, /Already paid.*This bill is already paid/, []],
  ['order.payment_under_review', 409, /Payment needs checking.*please do not pay again/, []],
  ['order.too_many_attempts', 409, /Too many attempts.*contact the merchant/, []],
  ['order.unknown', 404, /This bill could not be found/, []],
  ['order.amount_mismatch', 409, /not the amount of this bill/, []],
  ['phone.unknown_operator', 400, /No mobile network uses this number/, ['Back']],
])('%s: said in words, ltgs:failure carries the code and HTTP status, no "Try again"', async (code, httpStatus, words, actions) => {
  const server = backend({ initiate: () => ({ status: httpStatus, body: refusal(code) }), status: () => ({ body: '' }) });
  const seen = listen();
  const controller = LTGSCheckout.mount(document.body, options());
  await flush();
  fakeTimers();
  submit(controller.element);
  await advance(30_000);
  expect(server.posts()).toEqual([REF]);
  expect(text(controller.element)).toMatch(words);
  expect(buttons(controller.element)).toEqual(actions);
  expect(seen.success).toEqual([]);
  expect(seen.failure).toEqual([expect.objectContaining({
    status: 'FAILED', reference: REF, error: { code, httpStatus, message: expect.any(String) },
  })]);
  expect(seen.failure[0].error.message).not.toMatch(/try again/i);
});

test('a refusal to correct goes back to the form with the same attempt number', async () => {
  const server = backend({
    initiate: (body, n) => (n === 0 ? { status: 400, body: refusal('phone.unknown_operator') } : { status: 201, body: status(body.Sale_Reference_ID, 'PENDING') }),
    status: (ref) => ({ body: status(ref, 'PENDING') }),
  });
  const controller = LTGSCheckout.mount(document.body, options());
  await flush();
  fakeTimers();
  submit(controller.element);
  await advance(10);
  click(controller.element, 'Back');
  submit(controller.element);
  await advance(10);
  expect(server.posts()).toEqual([REF, REF]);
});

// ---- sessionStorage ---------------------------------------------------------------------------------------

function pendingPayment(ref, extra = {}) {
  let p = core.draftPayment(ref, 15000).value;
  const now = Date.now();
  p = core.applyEvent(p, { kind: 'validateOk' }).value.payment;
  p = core.applyEvent(p, { kind: 'initiateSent', atMs: now }).value.payment;
  p = core.applyEvent(p, { kind: 'initiateResponse', body: status(ref, 'PENDING'), atMs: now }).value.payment;
  expect(p.state).toBe('PENDING');
  return { ...p, ...extra };
}

test('Regression: resume trusts storage — saved state is resumed only for this order\'s pending payment of the same amount', async () => {
  const server = backend({ initiate: () => ({ status: 201, body: status(REF, 'PENDING') }), status: (ref) => ({ body: status(ref, 'PENDING') }) });
  for (const payment of [pendingPayment('OTHER_ORDER'), pendingPayment('OTHER_ORDER-R2'), pendingPayment(`${REF}-R2`, { amountRwf: 1500 })]) {
    sessionStorage.setItem(KEY, JSON.stringify({ v: 2, attempt: 1, method: 'MTN_MOMO', payment }));
    const controller = LTGSCheckout.mount(document.body, options());
    await flush(10);
    expect(root(controller.element).querySelector('form')).not.toBeNull();
    controller.element.remove();
  }
  expect(server.calls).toEqual([]);
  // This order's attempt 2: resumed (polled, never sent again).
  sessionStorage.setItem(KEY, JSON.stringify({ v: 2, attempt: 2, method: 'MTN_MOMO', payment: pendingPayment(`${REF}-R2`) }));
  const controller = LTGSCheckout.mount(document.body, options());
  await flush(10);
  expect(text(controller.element)).toMatch(/Approve the payment on your phone/);
  expect(text(controller.element)).toContain(`${REF}-R2`);
  expect(server.posts()).toEqual([]);
});

test('the attempt number survives a reload after a failure', async () => {
  const server = backend({
    initiate: (body, n) => ({ status: 201, body: status(body.Sale_Reference_ID, n === 0 ? 'FAILED' : 'PENDING') }),
    status: (ref) => ({ body: status(ref, 'PENDING') }),
  });
  const first = LTGSCheckout.mount(document.body, options());
  await flush();
  submit(first.element);
  await flush(10);
  expect(text(first.element)).toMatch(/Payment not completed/);
  first.element.remove();  // the page is reloaded

  const again = LTGSCheckout.mount(document.body, options());
  await flush(10);
  expect(root(again.element).querySelector('form')).not.toBeNull();
  submit(again.element);
  await flush(10);
  expect(server.posts()).toEqual([REF, `${REF}-R2`]);
  expect(sessionStorage.getItem(KEY)).not.toMatch(/0788123456|1199999999999999/);
});

test('a payment the customer stopped waiting for resumes after a reload as a quiet watch', async () => {
  const { element, server } = await waitingCheckout(() => LTGSCheckout.mount(document.body, options()), {
    initiate: () => ({ status: 201, body: status(REF, 'PENDING') }),
    status: (ref) => ({ body: status(ref, 'PENDING') }),
  });
  click(element, 'Cancel payment');
  await advance(1_000);
  element.remove();  // the page is reloaded
  const seen = listen();
  const again = LTGSCheckout.mount(document.body, options());
  await advance(10);
  expect(text(again.element)).toMatch(/You stopped waiting/);
  expect(root(again.element).querySelector('progress')).toBeNull();
  const before = server.gets().length;
  await advance(29_000);
  expect(server.gets()).toHaveLength(before);
  await advance(2_000);
  expect(server.gets()).toHaveLength(before + 1);
  expect(server.posts()).toEqual([REF]);
  expect(seen.status[seen.status.length - 1]).toMatchObject({ stoppedWaiting: true });
});

test('an order reference that cannot carry attempts is the partner\'s mistake', async () => {
  for (const reference of [`${'X'.repeat(61)}`, 'INV_2025-R2']) {
    const controller = LTGSCheckout.mount(document.body, options({ payment: { Sale_Reference_ID: reference } }));
    await expect(controller.result).rejects.toMatchObject({ code: expect.stringMatching(/^order\.reference_/) });
  }
});

test('the payment methods are the core\'s: an unknown one is refused once the core is there', async () => {
  const controller = LTGSCheckout.mount(document.body, options({ methods: ['MTN_MOMO'] }));
  await flush();
  expect(root(controller.element).querySelectorAll('input[type=radio]')).toHaveLength(1);
  expect(() => LTGSCheckout.mount(document.body, options({ methods: ['CASH'] }))).toThrow(/MTN_MOMO, AIRTEL_MONEY, QR, USSD/);
});
