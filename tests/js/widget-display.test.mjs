/**
 * @jest-environment jsdom
 */
// Regression: "QR and USSD are shown unchecked". The widget wrote "Scan to pay RWF 15,000" over a valid EMVCo
// QR for 1,500,000 RWF to another merchant, drew text that is not an EMVCo payload as a QR code, and offered
// any dial string as a tel: link. Now the core checks LTGS's QR_Payload and USSD_Code against the payment
// (checkQrPayload, checkUssdCode) and the widget shows only what it accepts; anything else is an error screen
// with the core's code. jsdom, the real wasm core and a scripted backend.
import { jest } from '@jest/globals';
import { createRequire } from 'module';
import { configureCore, loadCore } from '../../web/widget/core.js';
import { LTGSCheckout } from '../../web/widget/api.js';

const require = createRequire(import.meta.url);
const REF = 'LTGSINV_230624_001';
const KTRN = { Phone_Number: '0771234567', Customer_KYC_ID: '1199999999999999' };  // no wallet: QR is the default
const MTN = { Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' };

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
  delete window.matchMedia;
});

afterEach(() => {
  document.body.replaceChildren();
  delete window.matchMedia;
});

const pending = (extra = {}) => JSON.stringify({ Sale_Reference_ID: REF, Payment_Status: 'PENDING', ...extra });

// window.fetch for the widget: the initiation answers PENDING with `extra` (QR_Payload, USSD_Code); every
// status check answers PENDING.
function backend(extra) {
  const calls = [];
  window.fetch = async (url, init) => {
    calls.push({ method: init.method, url });
    const body = init.method === 'POST' ? pending(extra) : pending();
    return { status: init.method === 'POST' ? 201 : 200, headers: { get: () => null }, text: async () => body };
  };
  return calls;
}

const options = (payment, extra = {}) => ({
  initiateUrl: '/checkout/initiate',
  statusUrl: '/checkout/status',
  ...extra,
  payment: { Sale_Reference_ID: REF, Total_Amount_to_Pay: 15000, Services_Name: 'Water Bill - May 2025', ...payment },
});

const root = (element) => element.shadowRoot;
const text = (element) => root(element).querySelector('.panel').textContent.replace(/\s+/g, ' ');
const buttons = (element) => [...root(element).querySelectorAll('.panel button')].map((b) => b.textContent);

async function flush(times = 5) {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

// A mounted checkout, paid with `method`, whose initiation answered with `extra`; its status events.
async function pay({ payment = KTRN, method = 'QR', extra, locale = 'en', merchant } = {}) {
  const calls = backend(extra);
  const statuses = [];
  const controller = LTGSCheckout.mount(document.body, options(payment, { locale, merchant, onStatusChange: (d) => statuses.push(d) }));
  await flush();
  const element = controller.element;
  root(element).querySelector(`input[value=${method}]`).click();
  root(element).querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  await flush(10);
  return { controller, element, calls, statuses };
}

// CRC-16/CCITT-FALSE: to write payloads the core's builder would not make (another currency).
function crc16(text) {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = (crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
const withCrc = (body) => `${body}6304${crc16(`${body}6304`)}`;

const emv = (input) => core.emvBuild({ guid: 'rw.example.ltgs', merchantId: 'M1', mcc: '4900', merchantName: 'WASAC',
  merchantCity: 'Kigali', reference: REF, ...input }).value;

describe('Regression: QR and USSD are shown unchecked', () => {
  test('a valid EMVCo QR for 1,500,000 RWF to another merchant is not drawn under "Scan to pay RWF 15,000"', async () => {
    const other = emv({ amount: 1500000, merchantName: 'OTHER SHOP', merchantId: 'M999' });
    expect(core.emvParse(other).ok).toBe(true);  // a valid payload: only the check against the payment refuses it
    const { element, statuses, calls } = await pay({ extra: { QR_Payload: other } });
    expect(root(element).querySelector('svg')).toBeNull();
    expect(text(element)).not.toMatch(/Scan to pay/);
    expect(text(element)).not.toMatch(/OTHER SHOP/);
    expect(text(element)).toMatch(/This QR code cannot be used/);
    expect(root(element).querySelector('[role=alert]').textContent).toBe(
      'The QR code for this payment is for another amount. Do not pay with it: choose another way to pay.');
    expect(text(element)).toMatch(/Error code: qr\.amount_mismatch/);
    expect(root(element).querySelector('[data-code]').dataset.code).toBe('qr.amount_mismatch');
    // The partner hears why, once; the payment LTGS has stays open.
    const told = statuses.filter((s) => s.reason === 'qr.amount_mismatch');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ state: 'PENDING', reference: REF, method: 'QR', error: { code: 'qr.amount_mismatch' } });
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    // "Pay another way": the form again, for the next attempt.
    expect(buttons(element)).toEqual(['Pay another way']);
    [...root(element).querySelectorAll('button')].find((b) => b.textContent === 'Pay another way').click();
    await flush();
    expect(root(element).querySelector('form')).not.toBeNull();
  });

  test.each([
    ['text that is not an EMVCo payload', 'https://pay.example/checkout?amount=15000', 'qr.not_emv'],
    ['a USSD string sent as the QR payload', '*182*8*1*012345*15000#', 'qr.not_emv'],
    ['a damaged EMVCo payload', null, 'emv.bad_crc'],
    ['another currency (840, US dollars)', 'USD', 'qr.currency_mismatch'],
  ])('%s is not drawn as a QR code: %s', async (what, payload, code) => {
    let qr = payload;
    const good = emv({ amount: 15000 });
    if (payload === null) qr = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
    if (payload === 'USD') qr = withCrc(good.slice(0, -8).replace('5303646', '5303840'));
    const { element } = await pay({ extra: { QR_Payload: qr } });
    expect(root(element).querySelector('svg')).toBeNull();
    expect(text(element)).not.toMatch(/Scan to pay/);
    expect(text(element)).toMatch(/This QR code cannot be used/);
    expect(text(element)).toContain(`Error code: ${code}`);
  });

  test('a dynamic QR for this payment\'s amount is drawn, with whom the payer pays', async () => {
    const { element } = await pay({ extra: { QR_Payload: emv({ amount: 15000 }) } });
    expect(text(element)).toMatch(/Scan to pay RWF\s15,000/);
    expect(root(element).querySelector('.qr svg path')).not.toBeNull();
    expect(root(element).querySelector('figcaption .merchant').textContent).toBe('WASAC, Kigali');
    expect(root(element).querySelector('.enter-amount')).toBeNull();
  });

  test('a static QR (no amount) is drawn with the amount beside it, and the payer is told to enter it', async () => {
    const { element } = await pay({ extra: { QR_Payload: emv({}) } });
    expect(root(element).querySelector('.qr svg path')).not.toBeNull();
    expect(root(element).querySelector('figcaption .amount').textContent).toMatch(/^RWF\s15,000$/);
    expect(root(element).querySelector('.enter-amount').textContent)
      .toMatch(/^This code does not carry the amount: enter RWF\s15,000 in your app when it asks\.$/);
  });

  test('a QR payload saved before a reload is checked again when the payment resumes', async () => {
    const other = emv({ amount: 1500000 });
    const first = await pay({ extra: { QR_Payload: other } });
    expect(JSON.parse(sessionStorage.getItem(`ltgs-checkout:${REF}`)).qrPayload).toBe(other);
    first.element.remove();
    backend({});
    const again = LTGSCheckout.mount(document.body, options(KTRN));
    await flush(10);
    expect(root(again.element).querySelector('svg')).toBeNull();
    expect(text(again.element)).toMatch(/Error code: qr\.amount_mismatch/);
  });

  test.each([
    ['a dial string the core does not recognise', '*123*456#', 'ussd.unrecognised',
      'The USSD code for this payment is not one we recognise. Do not dial it: choose another way to pay.'],
    ['MTN MoMo Pay for another amount', '*182*8*1*012345*1500000#', 'ussd.amount_mismatch',
      'The USSD code for this payment is for another amount. Do not dial it: choose another way to pay.'],
    ['MTN MoMo Pay to another merchant code', '*182*8*1*999999*15000#', 'ussd.merchant_mismatch',
      'The USSD code for this payment pays another merchant. Do not dial it: choose another way to pay.'],
    ['a tel: link instead of a dial string', 'tel:*182*8*1*012345*15000%23', 'ussd.unrecognised',
      'The USSD code for this payment is not one we recognise. Do not dial it: choose another way to pay.'],
  ])('%s is neither shown nor offered as a tel: link', async (what, dial, code, message) => {
    window.matchMedia = () => ({ matches: true });  // a phone: a recognised code would get a "Dial now" link
    const { element, statuses } = await pay({ payment: MTN, method: 'USSD', merchant: { mtnMerchantCode: '012345' },
      extra: { USSD_Code: dial } });
    expect(root(element).querySelector('code.ussd')).toBeNull();
    expect(root(element).querySelector('a[href^="tel:"]')).toBeNull();
    expect(text(element)).not.toContain(dial);
    expect(text(element)).toMatch(/This USSD code cannot be used/);
    expect(root(element).querySelector('[role=alert]').textContent).toBe(message);
    expect(text(element)).toContain(`Error code: ${code}`);
    expect(buttons(element)).not.toContain('Copy code');
    expect(statuses.filter((s) => s.reason === code)).toHaveLength(1);
  });

  test('a recognised MTN MoMo Pay code for this amount is shown, with the core\'s tel: link', async () => {
    window.matchMedia = () => ({ matches: true });
    const { element } = await pay({ payment: MTN, method: 'USSD', merchant: { mtnMerchantCode: '012345' },
      extra: { USSD_Code: ' *182*8*1*012345*15000# ' } });
    expect(root(element).querySelector('code.ussd').textContent).toBe('*182*8*1*012345*15000#');
    expect(root(element).querySelector('a[href^="tel:"]').getAttribute('href')).toBe('tel:*182*8*1*012345*15000%23');
    expect(text(element)).toMatch(/Dial to pay RWF\s15,000/);
  });

  test('the merchant\'s Airtel template is recognised for an Airtel number', async () => {
    const merchant = { airtelUssdTemplate: '*500*{merchantCode}*{amount}#', airtelMerchantCode: '4455' };
    const { element } = await pay({ payment: { ...MTN, Phone_Number: '0732000001' }, method: 'USSD', merchant,
      extra: { USSD_Code: '*500*4455*15000#' } });
    expect(root(element).querySelector('code.ussd').textContent).toBe('*500*4455*15000#');
  });

  test('without a USSD_Code in the answer, the core\'s own MoMo Pay string is shown', async () => {
    const { element } = await pay({ payment: MTN, method: 'USSD', merchant: { mtnMerchantCode: '012345' }, extra: {} });
    expect(root(element).querySelector('code.ussd').textContent).toBe('*182*8*1*012345*15000#');
  });

  test.each([
    ['rw', /Iyi kode ya QR ntishobora gukoreshwa/, /Kode y'ikosa: qr\.amount_mismatch/],
    ['fr', /Ce code QR ne peut pas être utilisé/, /Code d'erreur : qr\.amount_mismatch/],
  ])('the error screen is in the customer\'s language (%s)', async (locale, title, code) => {
    const { element } = await pay({ locale, extra: { QR_Payload: emv({ amount: 1500000 }) } });
    expect(text(element)).toMatch(title);
    expect(text(element)).toMatch(code);
    expect(text(element)).not.toMatch(/cannot be used|Do not pay/);
  });
});
