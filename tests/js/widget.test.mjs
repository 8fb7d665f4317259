/**
 * @jest-environment jsdom
 */
// The <ltgs-checkout> widget in jsdom with the real wasm core and a scripted backend: data attributes,
// each screen, live validation, the payment through to its final screen, resuming after a reload, and
// partner or customer text never parsed as HTML.
import { jest } from '@jest/globals';
import { createRequire } from 'module';
import { configureCore, loadCore } from '../../web/widget/core.js';
import { LTGSCheckout, renderScriptTag, checkOptions } from '../../web/widget/api.js';
import { attemptReference } from '../../web/widget/checkout-element.js';

const require = createRequire(import.meta.url);
const REF = 'LTGSINV_230624_001';

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

const status = (ref, Payment_Status, extra = {}) => JSON.stringify({ Sale_Reference_ID: ref, Payment_Status, ...extra });
const paid = (ref, amount = 15000) => status(ref, 'PAID', {
  Payment_Channel: 'MTN MoMo', Payment_Ref_ID: 'MTN_456789123', Total_Amount_Paid: amount, Paid_On: '2025-06-16 13:20:45',
});

// window.fetch for the widget: `answers.initiate(body)` and `answers.status(n)` give {status, body}.
function backend(answers) {
  const calls = [];
  let statusCalls = 0;
  window.fetch = async (url, init) => {
    calls.push({ url, method: init.method, body: init.body });
    const a = init.method === 'POST' ? answers.initiate(JSON.parse(init.body)) : answers.status(statusCalls++, url);
    return { status: a.status ?? 200, headers: { get: () => null }, text: async () => a.body ?? '' };
  };
  return calls;
}

const options = (extra = {}) => ({
  initiateUrl: '/checkout/initiate',
  statusUrl: '/checkout/status',
  ...extra,
  payment: { Sale_Reference_ID: REF, Total_Amount_to_Pay: 15000, Services_Name: 'Water Bill - May 2025', ...(extra.payment || {}) },
});

const shadow = (element) => element.shadowRoot;
const text = (element) => shadow(element).textContent.replace(/\s+/g, ' ');

// Lets the core load and promises settle.
async function flush(times = 5) {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

function type(input, value) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

test('a script tag renders its own pay button with the amount, from its data attributes', async () => {
  const script = document.createElement('script');
  Object.assign(script.dataset, {
    reference: REF, amount: '15000', servicesName: 'Water Bill - May 2025', initiateUrl: '/checkout/initiate',
    statusUrl: '/checkout/status', phone: '0788123456', locale: 'en', theme: 'dark', methods: 'MTN_MOMO,QR',
  });
  document.body.append(script);
  const controller = renderScriptTag(script);
  const element = controller.element;
  expect(element.tagName).toBe('LTGS-CHECKOUT');
  expect(element.previousElementSibling).toBe(script);
  expect(element.getAttribute('theme')).toBe('dark');
  const button = shadow(element).querySelector('button.pay');
  expect(button.textContent).toMatch(/^Pay RWF\s15,000$/);
  // A second tag gets a second button.
  const second = script.cloneNode();
  second.dataset.reference = 'LTGSINV_230624_002';
  document.body.append(second);
  expect(renderScriptTag(second).element).not.toBe(element);
  expect(document.querySelectorAll('ltgs-checkout')).toHaveLength(2);
});

test('a tag without data-reference renders nothing; a malformed one says why in the console', () => {
  const bare = document.createElement('script');
  document.body.append(bare);
  expect(renderScriptTag(bare)).toBeNull();
  const bad = document.createElement('script');
  Object.assign(bad.dataset, { reference: REF, amount: '15000.50', initiateUrl: '/i', statusUrl: '/s' });
  document.body.append(bad);
  const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
  expect(renderScriptTag(bad)).toBeNull();
  expect(spy.mock.calls[0][0].message).toMatch(/Total_Amount_to_Pay must be whole francs/);
  spy.mockRestore();
  expect(document.querySelector('ltgs-checkout')).toBeNull();
});

test('developer mistakes throw a TypeError saying what was expected', () => {
  expect(() => LTGSCheckout.open({})).toThrow(TypeError);
  expect(() => checkOptions({ ...options(), payment: { ...options().payment, Total_Amount_to_Pay: '15000' } }))
    .toThrow(/whole francs/);
  expect(() => checkOptions({ ...options(), methods: ['CASH'] })).toThrow(/methods/);
  expect(() => checkOptions({ ...options(), statusUrl: undefined })).toThrow(/statusUrl/);
  expect(() => LTGSCheckout.mount(null, options())).toThrow(/DOM element/);
});

test('the form asks only for what the partner did not give, and validates live through the core', async () => {
  const { element } = LTGSCheckout.mount(document.body, options({ payment: { Customer_KYC_ID: '1199999999999999' } }));
  await flush();
  const root = shadow(element);
  expect(root.querySelector('h2').textContent).toBe('Water Bill - May 2025');
  expect([...root.querySelectorAll('input:not([type=radio])')].map((i) => i.name)).toEqual(['Phone_Number', 'Email_Address']);
  const phone = root.querySelector('input[name=Phone_Number]');
  expect(root.querySelector(`label[for="${phone.id}"]`).textContent).toBe('Mobile money number');
  type(phone, '0252123456');
  const errorOf = (input) => root.getElementById(input.getAttribute('aria-describedby').split(' ')[1]);
  expect(errorOf(phone).textContent).toBe('');  // not yet: the message appears on blur
  phone.dispatchEvent(new Event('blur'));
  expect(phone.getAttribute('aria-invalid')).toBe('true');
  expect(errorOf(phone).textContent).not.toBe('');
  expect(errorOf(phone).textContent).not.toMatch(/phone\./);  // a translated message, not the code
  expect(root.querySelector('fieldset.methods').hidden).toBe(true);
  type(phone, '+250 788 123 456');
  expect(phone.getAttribute('aria-invalid')).toBe('false');
  const methods = root.querySelector('fieldset.methods');
  expect(methods.hidden).toBe(false);
  const radios = [...methods.querySelectorAll('input[type=radio]')];
  expect(radios.map((r) => r.value)).toEqual(['MTN_MOMO', 'QR']);
  expect(radios[0].checked).toBe(true);
  expect(methods.textContent).toMatch(/Recommended/);
});

test('submitting with errors shows every message and focuses the first invalid field', async () => {
  const { element } = LTGSCheckout.mount(document.body, options());
  await flush();
  const root = shadow(element);
  root.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  const invalid = [...root.querySelectorAll('input[aria-invalid=true]')].map((i) => i.name);
  expect(invalid).toEqual(['Phone_Number', 'Customer_KYC_ID']);
  expect(text(element)).toMatch(/Please correct the highlighted fields/);
});

test('MTN MoMo: approve on your phone, then PAID with the LTGS reference; events and callbacks fire', async () => {
  const calls = backend({
    initiate: () => ({ status: 201, body: status(REF, 'PENDING') }),
    status: (n) => ({ body: n < 1 ? status(REF, 'PENDING') : paid(REF) }),
  });
  const seen = [];
  const onSuccess = jest.fn();
  const controller = LTGSCheckout.mount(document.body, options({ onSuccess, onStatusChange: (d) => seen.push(d.state) }));
  const events = [];
  document.body.addEventListener('ltgs:success', (e) => events.push(e.detail));
  await flush();
  const root = shadow(controller.element);
  type(root.querySelector('input[name=Phone_Number]'), '0788123456');
  type(root.querySelector('input[name=Customer_KYC_ID]'), '1199999999999999');
  jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
  try {
    root.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
    await jest.advanceTimersByTimeAsync(10);
    expect(calls[0].method).toBe('POST');
    const sent = JSON.parse(calls[0].body);
    expect(sent).toMatchObject({ Sale_Reference_ID: REF, Phone_Number: '0788123456', Payment_Method: 'MTN_MOMO', Total_Amount_to_Pay: 15000 });
    expect(sent).not.toHaveProperty('Callback_URL');
    expect(text(controller.element)).toMatch(/Approve the payment on your phone/);
    expect(text(controller.element)).toMatch(/0788123456/);
    await jest.advanceTimersByTimeAsync(6000);
  } finally {
    jest.useRealTimers();
  }
  const outcome = await controller.result;
  expect(outcome).toMatchObject({ status: 'PAID', reference: REF, paymentRefId: 'MTN_456789123', amount: 15000, method: 'MTN_MOMO' });
  expect(onSuccess).toHaveBeenCalledWith(outcome);
  expect(events).toEqual([outcome]);
  expect(seen).toContain('PENDING');
  expect(seen[seen.length - 1]).toBe('PAID');
  expect(text(controller.element)).toMatch(/Payment received/);
  expect(text(controller.element)).toMatch(/MTN_456789123/);
  expect(calls.filter((c) => c.method === 'GET').map((c) => c.url)).toEqual([`/checkout/status/${REF}`, `/checkout/status/${REF}`]);
  // Only the order's attempt number is kept: nothing to resume, no customer data.
  const kept = sessionStorage.getItem(`ltgs-checkout:${REF}`);
  expect(JSON.parse(kept)).toMatchObject({ attempt: 1, payment: null });
  expect(kept).not.toMatch(/0788123456|1199999999999999/);
});

test('a wrong amount is never shown as success', async () => {
  backend({ initiate: () => ({ status: 201, body: paid(REF, 1500) }), status: () => ({ body: paid(REF, 1500) }) });
  const onSuccess = jest.fn();
  const failures = [];
  const controller = LTGSCheckout.mount(document.body, options({
    payment: { Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' }, onSuccess, onFailure: (o) => failures.push(o),
  }));
  await flush();
  shadow(controller.element).querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  await flush(10);
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatchObject({ status: 'AMOUNT_MISMATCH', amountPaid: 1500 });
  expect(onSuccess).not.toHaveBeenCalled();
  expect(text(controller.element)).toMatch(/Payment needs checking/);
  expect(text(controller.element)).not.toMatch(/Payment received/);
});

test('QR: the EMVCo payload LTGS returns is checked by the core and drawn as SVG; a damaged one is not drawn', async () => {
  const payload = core.emvBuild({ guid: 'rw.example.ltgs', merchantId: 'M1', mcc: '4900', merchantName: 'WASAC',
    merchantCity: 'Kigali', amount: 15000, reference: REF }).value;
  for (const [qr, drawn] of [[payload, true], [payload.slice(0, -1) + (payload.endsWith('0') ? '1' : '0'), false]]) {
    document.body.replaceChildren();
    sessionStorage.clear();  // else the second mount resumes the first one's pending payment
    backend({ initiate: () => ({ status: 201, body: JSON.stringify({ ...JSON.parse(status(REF, 'PENDING')), QR_Payload: qr }) }),
      status: () => ({ body: status(REF, 'PENDING') }) });
    const controller = LTGSCheckout.mount(document.body, options({
      payment: { Phone_Number: '0771234567', Customer_KYC_ID: '1199999999999999' },  // KTRN: QR is the default
    }));
    await flush();
    const root = shadow(controller.element);
    expect(root.querySelector('input[type=radio]:checked').value).toBe('QR');
    root.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
    await flush(10);
    expect(Boolean(root.querySelector('.qr svg path'))).toBe(drawn);
    if (!drawn) {
      // Not "Scan to pay" over a code that cannot be used: an error screen with the core's code.
      expect(text(controller.element)).not.toMatch(/Scan to pay/);
      expect(text(controller.element)).toMatch(/This QR code cannot be used/);
      expect(root.querySelector('[role=alert]').textContent).not.toBe('');
      expect(text(controller.element)).toMatch(/Error code: emv\.bad_crc/);
    } else {
      expect(text(controller.element)).toMatch(/Scan to pay RWF\s15,000/);
      expect(root.querySelector('.qr svg title').textContent).toMatch(/RWF/);
      expect(root.querySelector('figcaption .merchant').textContent).toBe('WASAC, Kigali');
    }
    controller.close();
  }
});

test('USSD: the dial string with a copy button (always) from the initiation response', async () => {
  backend({ initiate: () => ({ status: 201, body: JSON.stringify({ ...JSON.parse(status(REF, 'PENDING')), USSD_Code: '*182*8*1*012345*15000#' }) }),
    status: () => ({ body: status(REF, 'PENDING') }) });
  const controller = LTGSCheckout.mount(document.body, options({
    payment: { Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' },
    merchant: { mtnMerchantCode: '012345' },
  }));
  await flush();
  const root = shadow(controller.element);
  root.querySelector('input[value=USSD]').click();
  root.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  await flush(10);
  expect(root.querySelector('code.ussd').textContent).toBe('*182*8*1*012345*15000#');
  expect([...root.querySelectorAll('button')].some((b) => b.textContent === 'Copy code')).toBe(true);
  controller.close();
});

test('partner and customer text is inserted as text, never parsed as HTML', async () => {
  const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  const { element } = LTGSCheckout.mount(document.body, options({ payment: { Services_Name: hostile } }));
  await flush();
  const root = shadow(element);
  expect(root.querySelector('h2').textContent).toBe(hostile);
  expect(root.querySelector('img, script')).toBeNull();
  expect(window.pwned).toBeUndefined();
});

test('a pending payment survives a reload: the same reference is polled, not initiated again', async () => {
  const calls = backend({ initiate: () => ({ status: 201, body: status(REF, 'PENDING') }), status: () => ({ body: status(REF, 'PENDING') }) });
  const first = LTGSCheckout.mount(document.body, options({ payment: { Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' } }));
  await flush();
  shadow(first.element).querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  await flush(10);
  const saved = JSON.parse(sessionStorage.getItem(`ltgs-checkout:${REF}`));
  expect(saved.payment.state).toBe('PENDING');
  expect(JSON.stringify(saved)).not.toMatch(/0788123456|1199999999999999/);  // no customer data kept
  first.element.remove();
  document.body.replaceChildren();
  calls.length = 0;
  backend({ initiate: () => { throw new Error('must not initiate again'); }, status: () => ({ body: paid(REF) }) });
  const again = LTGSCheckout.mount(document.body, options());
  await flush(10);
  jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
  try {
    await jest.advanceTimersByTimeAsync(3000);
  } finally {
    jest.useRealTimers();
  }
  expect((await again.result).status).toBe('PAID');
});

test('a retry after a failure uses a new reference derived from the partner\'s', async () => {
  // The core's grammar: the order reference, then -R2 … -R20; nothing it refuses.
  expect(attemptReference(REF, 1)).toBe(REF);
  expect(attemptReference(REF, 2)).toBe(`${REF}-R2`);
  expect(attemptReference(REF, 20)).toBe(`${REF}-R20`);
  expect(attemptReference(REF, 21)).toBeNull();
  expect(attemptReference('X'.repeat(61), 2)).toBeNull();
  expect(attemptReference(`${REF}-R2`, 2)).toBeNull();
  const seenRefs = [];
  backend({
    initiate: (body) => {
      seenRefs.push(body.Sale_Reference_ID);
      return { status: 201, body: status(body.Sale_Reference_ID, seenRefs.length === 1 ? 'FAILED' : 'PENDING') };
    },
    status: () => ({ body: status(REF, 'PENDING') }),
  });
  const controller = LTGSCheckout.mount(document.body, options({ payment: { Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' } }));
  await flush();
  const root = shadow(controller.element);
  root.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  await flush(10);
  expect(text(controller.element)).toMatch(/Payment not completed/);
  [...root.querySelectorAll('button')].find((b) => b.textContent === 'Try again').click();
  await flush();
  root.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  await flush(10);
  expect(seenRefs).toEqual([REF, `${REF}-R2`]);
  controller.close();
});

test.each([
  ['rw', /Ishyura/],
  ['fr', /Payer/],
])('the %s button is translated', async (locale, pattern) => {
  const { element } = LTGSCheckout.open(options({ locale }));
  expect(shadow(element).querySelector('dialog')).not.toBeNull();
  await flush();
  expect(text(element)).toMatch(pattern);
});

test('the page language picks the locale when none is given; English is the fallback', async () => {
  document.documentElement.lang = 'fr-RW';
  const fr = LTGSCheckout.mount(document.body, options());
  document.documentElement.lang = 'de';
  const en = LTGSCheckout.mount(document.body, options({ payment: { Sale_Reference_ID: 'OTHER_1' } }));
  await flush();
  expect(fr.element.locale).toBe('fr');
  expect(en.element.locale).toBe('en');
});

test('the modal closes on Escape, returns focus and reports close', async () => {
  const opener = document.createElement('button');
  document.body.append(opener);
  opener.focus();
  const onClose = jest.fn();
  const controller = LTGSCheckout.open(options({ onClose }));
  await flush();
  const dialog = shadow(controller.element).querySelector('dialog');
  dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
  const outcome = await controller.result;
  expect(outcome.status).toBe('CLOSED');
  expect(onClose).toHaveBeenCalledWith(outcome);
  expect(document.activeElement).toBe(opener);
  expect(document.querySelector('ltgs-checkout')).toBeNull();
});

test('after a cancel there is no "Try again" (the prompt may still be approved); a refused start says why', async () => {
  backend({ initiate: () => ({ status: 201, body: status(REF, 'PENDING') }), status: () => ({ body: status(REF, 'PENDING') }) });
  const failures = [];
  const cancelled = LTGSCheckout.mount(document.body, options({
    payment: { Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' }, onFailure: (o) => failures.push(o),
  }));
  await flush();
  let root = shadow(cancelled.element);
  root.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  await flush(10);
  [...root.querySelectorAll('button')].find((b) => b.textContent === 'Cancel payment').click();
  await flush();
  expect(text(cancelled.element)).toMatch(/You stopped waiting/);
  expect(text(cancelled.element)).not.toMatch(/not paid|did not go through|not completed/i);
  expect([...root.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Try again');
  expect(failures).toEqual([]);
  cancelled.element.remove();

  document.body.replaceChildren();
  sessionStorage.clear();
  backend({ initiate: () => ({ status: 409, body: '{"errors":[{"code":"order.attempt_open"}]}' }), status: () => ({ body: '' }) });
  const refused = LTGSCheckout.mount(document.body, options({ payment: { Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' } }));
  await flush();
  root = shadow(refused.element);
  root.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  await flush(10);
  expect(text(refused.element)).toMatch(/An earlier payment request for this bill is still open/);
  expect(text(refused.element)).not.toMatch(/did not go through|Please try again/);
  expect([...root.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Try again');
});
