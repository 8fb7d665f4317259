/**
 * @jest-environment jsdom
 */
// "The customer always knows what is happening and what to do next — on a phone, on a bad network": the
// widget in jsdom with the real wasm core and a scripted backend. Why a payment failed (LTGS's
// Failure_Reason, read by the core); what the partner hears (code, HTTP status, reason); a lost connection,
// while waiting and when pressing Pay; LTGS's own deadline in the countdown, or the widget's, said roughly;
// "Didn't get the prompt?"; the payment options following the number; USSD on phones and iPhones; the script
// tag's merchant code and unavailable methods; a prefilled phone that stays editable; hyphenated IDs; a
// partner's configuration error.
import { jest } from '@jest/globals';
import { createRequire } from 'module';
import { configureCore, loadCore } from '../../web/widget/core.js';
import { LTGSCheckout, renderScriptTag } from '../../web/widget/api.js';

const require = createRequire(import.meta.url);
const REF = 'LTGSINV_230624_001';
const MTN = { Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' };
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const DEFAULT_UA = navigator.userAgent;

beforeAll(async () => {
  const { factory, wasmBinary } = require('./core-loader.js').coreFiles();
  configureCore(factory, { wasmBinary });
  await loadCore();
});

let onLine = true;
beforeEach(() => {
  document.body.replaceChildren();
  document.documentElement.lang = 'en';
  sessionStorage.clear();
  delete window.matchMedia;
  onLine = true;
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => onLine });
  Object.defineProperty(window.navigator, 'userAgent', { configurable: true, get: () => DEFAULT_UA });
});

afterEach(() => {
  document.body.replaceChildren();
  delete window.matchMedia;
});

const doc = (Payment_Status, extra = {}) => JSON.stringify({ Sale_Reference_ID: REF, Payment_Status, ...extra });
const inMinutes = (n) => new Date(Date.now() + n * 60_000).toISOString().replace(/\.[0-9]{3}Z$/, 'Z');

// window.fetch for the widget: `initiate(body)` and `status(n)` give { status, body } or 'networkError'.
function backend({ initiate = () => ({ status: 201, body: doc('PENDING') }), status = () => ({ body: doc('PENDING') }) } = {}) {
  const calls = [];
  let statusCalls = 0;
  window.fetch = async (url, init) => {
    calls.push({ method: init.method, url, body: init.body });
    const a = init.method === 'POST' ? initiate(JSON.parse(init.body)) : status(statusCalls++);
    if (a === 'networkError') throw new TypeError('Failed to fetch');
    return { status: a.status ?? 200, headers: { get: () => null }, text: async () => a.body ?? '' };
  };
  return calls;
}

const options = (payment = MTN, extra = {}) => ({
  initiateUrl: '/checkout/initiate',
  statusUrl: '/checkout/status',
  pollSettings: { firstDelayMs: 20, maxDelayMs: 40, jitter: 0, hiddenDelayMs: 40 },
  ...extra,
  payment: { Sale_Reference_ID: REF, Total_Amount_to_Pay: 15000, Services_Name: 'Water Bill - May 2025', ...payment },
});

const root = (element) => element.shadowRoot;
const panel = (element) => root(element).querySelector('.panel');
const text = (element) => panel(element).textContent.replace(/\s+/g, ' ');
const $ = (element, selector) => root(element).querySelector(selector);

async function flush(times = 5) {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function type(input, value) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
const submit = (element) => $(element, 'form').dispatchEvent(new Event('submit', { cancelable: true }));

// A mounted checkout with its events.
async function mount(payment, extra = {}) {
  const events = { status: [], failure: [], success: [] };
  const controller = LTGSCheckout.mount(document.body, options(payment, {
    onStatusChange: (d) => events.status.push(d), onFailure: (d) => events.failure.push(d), onSuccess: (d) => events.success.push(d),
    ...extra,
  }));
  await flush();
  return { element: controller.element, controller, events };
}

async function pay(payment = MTN, { method = 'MTN_MOMO', ...extra } = {}) {
  const m = await mount(payment, extra);
  $(m.element, `input[value=${method}]`).click();
  submit(m.element);
  await flush(10);
  return m;
}

const phoneLike = () => { window.matchMedia = (q) => ({ matches: q === '(pointer: coarse)' }); };

describe('1. why a payment failed', () => {
  test('INSUFFICIENT_FUNDS: the customer is told to top up; the partner gets the word and the core\'s code', async () => {
    const calls = backend({ status: () => ({ body: doc('FAILED', { Failure_Reason: 'INSUFFICIENT_FUNDS', Payment_Ref_ID: 'MTN_1' }) }) });
    const { element, events } = await pay();
    await sleep(100);
    expect(calls.filter((c) => c.method === 'GET').length).toBeGreaterThan(0);
    expect($(element, 'h3').textContent).toBe('Payment not completed');
    expect(text(element)).toContain('The payment did not go through. You can try again.');
    expect($(element, '.reason').textContent).toBe('Your mobile money balance is too low for this payment. Top up your account, then try again.');
    expect($(element, '.reason').getAttribute('data-code')).toBe('failure.insufficient_funds');
    expect(events.failure).toHaveLength(1);
    expect(events.failure[0]).toMatchObject({
      status: 'FAILED', reference: REF, failureReason: 'INSUFFICIENT_FUNDS',
      error: { code: 'failure.insufficient_funds', message: expect.stringMatching(/top up/i) },
    });
    const failed = events.status.find((s) => s.reason === 'status.failed');
    expect(failed).toMatchObject({ state: 'FAILED', failureReason: 'INSUFFICIENT_FUNDS', error: { code: 'failure.insufficient_funds' } });
  });

  test.each([
    ['rw', 'Amafaranga ari kuri konti yawe ya Mobile Money ntahagije'],
    ['fr', 'Le solde de votre compte Mobile Money est insuffisant'],
  ])('%s: the reason in the customer\'s language', async (locale, words) => {
    backend({ status: () => ({ body: doc('FAILED', { Failure_Reason: 'INSUFFICIENT_FUNDS' }) }) });
    const { element } = await pay(MTN, { locale });
    await sleep(100);
    expect($(element, '.reason').textContent).toContain(words);
  });

  test('DECLINED_BY_PAYER and an expiry word have their own words; an unknown word only the generic text', async () => {
    backend({ status: () => ({ body: doc('FAILED', { Failure_Reason: 'DECLINED_BY_PAYER' }) }) });
    let m = await pay();
    await sleep(100);
    expect($(m.element, '.reason').textContent).toMatch(/declined on the phone/);
    document.body.replaceChildren();
    sessionStorage.clear();

    backend({ status: () => ({ body: doc('FAILED', { Failure_Reason: 'APPROVAL_TIMEOUT' }) }) });
    m = await pay();
    await sleep(100);
    expect($(m.element, '.reason').textContent).toMatch(/not approved in time/);
    document.body.replaceChildren();
    sessionStorage.clear();

    backend({ status: () => ({ body: doc('FAILED', { Failure_Reason: 'SWITCH_DOWN_42' }) }) });
    m = await pay();
    await sleep(100);
    expect($(m.element, '.reason')).toBeNull();
    expect(text(m.element)).toContain('The payment did not go through. You can try again.');
    expect(m.events.failure[0]).toMatchObject({ failureReason: 'SWITCH_DOWN_42', error: { code: 'failure.unknown' } });
    document.body.replaceChildren();
    sessionStorage.clear();

    // No reason at all: as before, no error and no reason.
    backend({ status: () => ({ body: doc('FAILED') }) });
    m = await pay();
    await sleep(100);
    expect($(m.element, '.reason')).toBeNull();
    expect(m.events.failure[0].error).toBeUndefined();
    expect(m.events.failure[0].failureReason).toBeUndefined();
  });
});

describe('2. what the partner hears: state, code, HTTP status, reason', () => {
  test('a refusal carries its code and HTTP status on ltgs:status and ltgs:failure', async () => {
    backend({ initiate: () => ({ status: 409, body: JSON.stringify({ errors: [{ field: 'Sale_Reference_ID', code: 'order.attempt_open', message: 'open' }], retryAtMs: Date.now() + 60_000 }) }) });
    const { events } = await pay();
    expect(events.failure[0]).toMatchObject({ status: 'FAILED', error: { code: 'order.attempt_open', httpStatus: 409 } });
    expect(events.status.find((s) => s.reason === 'order.attempt_open'))
      .toMatchObject({ state: 'FAILED', reason: 'order.attempt_open', error: { code: 'order.attempt_open', httpStatus: 409 } });
  });

  test('a failed status request says its HTTP status; a refusing status endpoint ends with its code and status', async () => {
    backend({ status: (n) => (n === 0 ? { status: 503, body: '' } : { status: 401, body: '' }) });
    const { element, events } = await pay();
    await sleep(300);
    expect(events.status.find((s) => s.reason === 'fetch.http_status')).toMatchObject({ state: 'PENDING', httpStatus: 503 });
    expect(events.failure.at(-1)).toMatchObject({ status: 'PENDING', error: { code: 'poll.unauthorized', httpStatus: 401 } });
    expect($(element, 'h3').textContent).toBe('We could not confirm the payment');
  });
});

describe('3. a lost connection is visible', () => {
  test('offline while waiting: a "No connection" notice at once, gone when the connection is back', async () => {
    backend();
    const { element } = await pay();
    const notice = () => $(element, '.panel .connection');
    expect(notice().hidden).toBe(true);
    onLine = false;
    window.dispatchEvent(new Event('offline'));
    expect(notice().hidden).toBe(false);
    expect(notice().textContent).toMatch(/^No connection\./);
    expect(notice().getAttribute('role')).toBe('status');
    onLine = true;
    window.dispatchEvent(new Event('online'));
    await flush(10);
    expect(notice().hidden).toBe(true);
  });

  test('failed requests without an offline event show it too (a network the browser thinks is up)', async () => {
    let down = false;
    backend({ status: () => (down ? 'networkError' : { body: doc('PENDING') }) });
    const { element } = await pay();
    down = true;
    await sleep(150);
    expect($(element, '.panel .connection').hidden).toBe(false);
    expect($(element, '.panel .connection').textContent).toMatch(/^No connection\./);
    down = false;
    await sleep(200);
    expect($(element, '.panel .connection').hidden).toBe(true);
  });

  test('offline when pressing Pay: said before anything is sent, nothing counts down; sent once back online', async () => {
    const calls = backend();
    const { element } = await mount();
    onLine = false;
    window.dispatchEvent(new Event('offline'));
    submit(element);
    await flush(10);
    expect(calls).toEqual([]);
    expect($(element, 'form')).not.toBeNull();  // still the form: no waiting screen, no countdown
    expect($(element, 'progress')).toBeNull();
    expect($(element, '.countdown')).toBeNull();
    const notice = $(element, 'form .connection');
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toBe('No connection: nothing has been sent. Your payment is sent as soon as you are back online.');
    // Pressed again while still offline: still nothing sent.
    submit(element);
    await flush(5);
    expect(calls).toEqual([]);
    onLine = true;
    window.dispatchEvent(new Event('online'));
    await flush(10);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect($(element, 'h3').textContent).toBe('Approve the payment on your phone');
  });

  test('a form opened offline says so; nothing is queued until Pay is pressed', async () => {
    const calls = backend();
    onLine = false;
    const { element } = await mount();
    expect($(element, 'form .connection').hidden).toBe(false);
    expect($(element, 'form .connection').textContent).toMatch(/^No connection\./);
    onLine = true;
    window.dispatchEvent(new Event('online'));
    await flush(5);
    expect($(element, 'form .connection').hidden).toBe(true);
    expect(calls).toEqual([]);
  });
});

describe('4. the countdown is LTGS\'s when it gives one', () => {
  test('Expires_At in the status: "Time left" to it, with its clock time; the bar fills towards it', async () => {
    const expires = inMinutes(3);
    backend({ initiate: () => ({ status: 201, body: doc('PENDING', { Expires_At: expires }) }), status: () => ({ body: doc('PENDING', { Expires_At: expires }) }) });
    const { element } = await pay(MTN, { lifetimeMs: 10 * 60_000 });
    const countdown = $(element, '.countdown');
    expect(countdown.textContent).toMatch(/^Time left: (2:5[0-9]|3:00) \(until [0-9]{2}:[0-9]{2}\)$/);
    expect(countdown.getAttribute('data-source')).toBe('ltgs');
    expect($(element, 'progress').hasAttribute('value')).toBe(true);
    expect($(element, '.progress-bar .sweep')).not.toBeNull();  // moving, whatever the time left
  });

  test('no Expires_At: the widget\'s own lifetime, said roughly; the bar shows activity, not a false fraction', async () => {
    backend();
    const { element } = await pay(MTN, { lifetimeMs: 10 * 60_000 });
    const countdown = $(element, '.countdown');
    expect(countdown.textContent).toBe('About 10 minutes left to approve.');
    expect(countdown.getAttribute('data-source')).toBe('widget');
    expect($(element, 'progress').hasAttribute('value')).toBe(false);
  });
});

describe('5. "Didn\'t get the prompt?"', () => {
  test('a disclosure: the number, why no second prompt, a status check, another way once the request ends', async () => {
    const expires = inMinutes(5);
    const calls = backend({ initiate: () => ({ status: 201, body: doc('PENDING', { Expires_At: expires }) }) });
    const { element } = await pay(MTN, { pollSettings: { firstDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 } });
    const toggle = [...root(element).querySelectorAll('button')].find((b) => b.textContent === "Didn't get the prompt?");
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const help = $(element, '.prompt-help');
    expect(help.hidden).toBe(true);
    expect(toggle.getAttribute('aria-controls')).toBe(help.id);
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(help.hidden).toBe(false);
    const words = help.textContent;
    expect(words).toContain('We sent it to 0788123456.');
    expect(words).toMatch(/A new prompt cannot be sent while this request is open \(until [0-9]{2}:[0-9]{2}\)/);
    expect(words).toMatch(/You can pay another way \(with a QR code or a USSD code\) once this request has ended, after [0-9]{2}:[0-9]{2}\./);
    // No "resend": nothing would send a second initiation.
    expect([...help.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Check again']);
    const before = calls.filter((c) => c.method === 'GET').length;
    help.querySelector('button').click();
    await flush(10);
    expect(calls.filter((c) => c.method === 'GET').length).toBe(before + 1);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(help.querySelector('.prompt-checked').textContent).toMatch(/^Not approved yet \(checked at [0-9]{2}:[0-9]{2}\)\.$/);
  });

  test('not on a QR payment (nothing was sent to a phone)', async () => {
    backend({ initiate: () => ({ status: 201, body: doc('PENDING') }) });
    const { element } = await pay(MTN, { method: 'QR' });
    expect(text(element)).not.toContain("Didn't get the prompt?");
  });
});

describe('6. the payment options', () => {
  test('each option\'s name and hint are separate blocks, not run together', async () => {
    backend();
    const { element } = await mount();
    for (const option of root(element).querySelectorAll('label.option')) {
      const textBlock = option.querySelector('.text');
      expect([...textBlock.children].map((c) => c.className)).toEqual(['name', 'hint']);
      expect(option.textContent).not.toMatch(/RecommendedA payment/);
    }
  });

  test('the recommendation follows a corrected number; a method the customer chose stays', async () => {
    backend();
    const { element } = await mount({ Customer_KYC_ID: '1199999999999999' });
    const phone = $(element, 'input[name=Phone_Number]');
    const checked = () => $(element, 'input[type=radio]:checked').value;
    type(phone, '0771234567');  // KT Rwanda: no wallet, QR is the default
    expect(checked()).toBe('QR');
    type(phone, '0781234567');  // corrected: MTN MoMo is recommended and chosen again
    expect(checked()).toBe('MTN_MOMO');
    // The customer chooses QR: a further correction keeps it.
    $(element, 'input[value=QR]').click();
    type(phone, '0788123456');
    expect(checked()).toBe('QR');
  });

  test('"Please correct the highlighted fields." goes once the fields are correct', async () => {
    backend();
    const { element } = await mount({ Customer_KYC_ID: '1199999999999999', Phone_Number: undefined });
    const phone = $(element, 'input[name=Phone_Number]');
    type(phone, '0252123456');
    submit(element);
    const formError = $(element, `[id$="-form-error"]`);
    expect(formError.textContent).toBe('Please correct the highlighted fields.');
    type(phone, '0788123');
    expect(formError.textContent).toBe('Please correct the highlighted fields.');
    type(phone, '0788123456');
    expect(formError.textContent).toBe('');
  });

  test('leaving a field by pressing Pay: its message waits until the press is over, so that Pay does not move away', async () => {
    backend();
    const { element } = await mount({ Customer_KYC_ID: '1199999999999999', Phone_Number: undefined });
    const phone = $(element, 'input[name=Phone_Number]');
    type(phone, '0252123456');
    const pay = $(element, 'button[type=submit]');
    pay.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    phone.dispatchEvent(new Event('blur'));
    expect(phone.getAttribute('aria-invalid')).toBe('false');  // not yet: the press is not over
    window.dispatchEvent(new Event('pointerup'));
    await flush(2);
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect($(element, `[id$="-phone-error"]`).textContent).toMatch(/landline/);
  });

  test('on a phone, QR says a second device is needed', async () => {
    backend();
    phoneLike();
    const { element } = await mount();
    expect($(element, 'label.option[for$="method-QR"] .hint').textContent).toBe('The code shows on this screen: scan it with another phone');
    document.body.replaceChildren();
    delete window.matchMedia;
    const desktop = await mount();
    expect($(desktop.element, 'label.option[for$="method-QR"] .hint').textContent).toBe('With any mobile-money or banking app');
  });
});

describe('8. USSD', () => {
  const ussd = async () => {
    backend({ initiate: () => ({ status: 201, body: doc('PENDING', { USSD_Code: '*182*8*1*012345*15000#' }) }) });
    return pay(MTN, { method: 'USSD', merchant: { mtnMerchantCode: '012345' } });
  };

  test('an Android phone: "Dial now" first and primary, "Copy code" second; no iPhone note', async () => {
    phoneLike();
    Object.defineProperty(window.navigator, 'userAgent', { configurable: true, get: () => ANDROID });
    const { element } = await ussd();
    const actions = [...root(element).querySelector('.ussd-box').nextElementSibling.children];
    expect(actions.map((a) => [a.tagName, a.textContent, a.classList.contains('primary')]))
      .toEqual([['A', 'Dial now', true], ['BUTTON', 'Copy code', false]]);
    expect(actions[0].getAttribute('href')).toBe('tel:*182*8*1*012345*15000%23');
    expect(text(element)).not.toContain('iPhone');
    expect($(element, 'code.ussd').textContent).toBe('*182*8*1*012345*15000#');
  });

  test('an iPhone: no "Dial now" (iOS dials no USSD from a link); "Copy code" and the note', async () => {
    phoneLike();
    Object.defineProperty(window.navigator, 'userAgent', { configurable: true, get: () => IPHONE });
    const { element } = await ussd();
    expect([...root(element).querySelectorAll('.panel a.button')]).toHaveLength(0);
    expect(text(element)).toContain('On an iPhone, copy the code and dial it yourself.');
  });

  test('a computer: "Copy code" only, primary; no note', async () => {
    const { element } = await ussd();
    const copy = [...root(element).querySelectorAll('button')].find((b) => b.textContent === 'Copy code');
    expect(copy.classList.contains('primary')).toBe(true);
    expect(text(element)).not.toContain('iPhone');
    expect(text(element)).not.toContain('Dial now');
  });

  test('stopped waiting for a QR or USSD payment: no prompt on a phone is spoken of', async () => {
    for (const method of ['QR', 'USSD']) {
      document.body.replaceChildren();
      sessionStorage.clear();
      backend({ initiate: () => ({ status: 201, body: doc('PENDING', method === 'USSD' ? { USSD_Code: '*182*8*1*012345*15000#' } : {}) }) });
      const { element } = await pay(MTN, { method, merchant: { mtnMerchantCode: '012345' } });
      [...root(element).querySelectorAll('button')].find((b) => b.textContent === 'Cancel payment').click();
      await flush(5);
      expect($(element, 'h3').textContent).toBe('You stopped waiting');
      expect(text(element)).not.toMatch(/prompt|on your phone/i);
      expect(text(element)).toContain(method === 'QR' ? 'If the QR code is scanned' : 'If the USSD code is dialled');
    }
  });
});

describe('9. the script tag', () => {
  const tag = (data) => {
    const script = document.createElement('script');
    Object.assign(script.dataset, {
      reference: REF, amount: '15000', servicesName: 'Water Bill - May 2025', initiateUrl: '/checkout/initiate',
      statusUrl: '/checkout/status', phone: '0788123456', kycId: '1199999999999999', locale: 'en', ...data,
    });
    document.body.append(script);
    return script;
  };

  test('data-mtn-merchant-code enables USSD for MTN numbers', async () => {
    backend();
    const controller = renderScriptTag(tag({ methods: 'USSD,QR', mtnMerchantCode: '012345' }));
    await flush();
    const methods = [...root(controller.element).querySelectorAll('input[type=radio]')].map((r) => r.value);
    expect(methods).toEqual(['QR', 'USSD']);
  });

  test('data-methods="USSD,QR" without a merchant code: said in the console and in ltgs:status, not dropped silently', async () => {
    backend();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const statuses = [];
    document.addEventListener('ltgs:status', (e) => statuses.push(e.detail), { once: true });
    const controller = renderScriptTag(tag({ methods: 'USSD,QR' }));
    await flush();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/USSD is in methods but cannot be offered.*data-mtn-merchant-code/);
    expect(statuses[0]).toMatchObject({ state: 'DRAFT', reason: 'options.method_unavailable', method: 'USSD',
      error: { code: 'options.method_unavailable' } });
    // The customer still pays by what can be offered.
    expect([...root(controller.element).querySelectorAll('input[type=radio]')].map((r) => r.value)).toEqual(['QR']);
    warn.mockRestore();
  });
});

describe('11. small ones', () => {
  test('a phone number the partner gave is prefilled, not hidden: the customer may pay from another wallet', async () => {
    const calls = backend();
    const { element } = await mount();
    const phone = $(element, 'input[name=Phone_Number]');
    expect(phone.value).toBe('0788123456');
    expect(phone.getAttribute('aria-invalid')).toBe('false');
    expect($(element, 'input[name=Customer_KYC_ID]')).toBeNull();  // a valid ID on file stays hidden
    type(phone, '0728123456');
    expect($(element, 'input[type=radio]:checked').value).toBe('AIRTEL_MONEY');
    submit(element);
    await flush(10);
    expect(JSON.parse(calls[0].body)).toMatchObject({ Phone_Number: '0728123456', Payment_Method: 'AIRTEL_MONEY' });
  });

  test('a national ID typed with hyphens is accepted and sent as 16 digits', async () => {
    const calls = backend();
    const { element } = await mount({ Phone_Number: '0788123456', Customer_KYC_ID: undefined });
    const id = $(element, 'input[name=Customer_KYC_ID]');
    type(id, '1199-0700-1234-5012');
    id.dispatchEvent(new Event('blur'));
    expect(id.getAttribute('aria-invalid')).toBe('false');
    submit(element);
    await flush(10);
    expect(JSON.parse(calls[0].body).Customer_KYC_ID).toBe('1199070012345012');
  });

  test('a partner configuration error tells the customer to contact the merchant', async () => {
    backend();
    const controller = LTGSCheckout.mount(document.body, options({ ...MTN, Services_Name: '' }));
    controller.result.catch(() => {});
    await flush();
    expect(text(controller.element)).toContain('This payment is not set up correctly. Please contact the merchant.');
    expect(text(controller.element)).not.toContain('Something went wrong');
  });
});
