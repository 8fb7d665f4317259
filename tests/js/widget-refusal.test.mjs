/**
 * @jest-environment jsdom
 */
// Regression: "The widget says in words how long to wait". The partner's backend refuses an initiation with
// 429 rate.phone / rate.order (too many payment requests for one number or one order: retryAtMs and
// Retry-After say when another may be made), 403 checkout.token_missing / token_invalid / token_expired (the
// page must be reloaded) and 421 request.host. Each has its own screen in en, rw and fr; a wait is said in
// words and as a clock time, and no button sends a request that would be refused again. jsdom, the real wasm
// core, a scripted fetch and fake timers.
import { jest } from '@jest/globals';
import { createRequire } from 'module';
import { configureCore, loadCore } from '../../web/widget/core.js';
import { LTGSCheckout } from '../../web/widget/api.js';
import { formatTime, formatWait } from '../../web/widget/i18n.js';

const require = createRequire(import.meta.url);
const REF = 'LTGSINV_230624_001';
const CUSTOMER = { Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' };
const NOW = Date.UTC(2026, 10, 28, 8, 0, 0);

beforeAll(async () => {
  const { factory, wasmBinary } = require('./core-loader.js').coreFiles();
  configureCore(factory, { wasmBinary });
  await loadCore();
});

beforeEach(() => {
  document.body.replaceChildren();
  document.documentElement.lang = 'en';
  sessionStorage.clear();
});

afterEach(() => {
  document.body.replaceChildren();
  jest.useRealTimers();
});

// window.fetch for the widget: answers(n) gives the n-th initiation's { status, body, headers }; status
// checks answer PENDING.
function backend(answers) {
  const posts = [];
  window.fetch = async (url, init) => {
    if (init.method === 'POST') posts.push({ at: Date.now(), headers: init.headers });
    const a = init.method === 'POST'
      ? answers(posts.length - 1)
      : { body: JSON.stringify({ Sale_Reference_ID: REF, Payment_Status: 'PENDING' }) };
    const headers = Object.fromEntries(Object.entries(a.headers || {}).map(([k, v]) => [k.toLowerCase(), v]));
    return { status: a.status ?? 200, headers: { get: (name) => headers[name.toLowerCase()] ?? null }, text: async () => a.body ?? '' };
  };
  return posts;
}

const refused = (status, field, code, extra = {}, headers = {}) => ({
  status,
  headers,
  body: JSON.stringify({ errors: [{ field, code, message: `The backend says ${code}.` }], ...extra }),
});
const rateLimited = (code, retryAtMs) => refused(429, code === 'rate.phone' ? 'Phone_Number' : 'Sale_Reference_ID', code,
  { retryAtMs }, { 'Retry-After': String(Math.ceil((retryAtMs - Date.now()) / 1000)) });

const options = (extra = {}) => ({
  initiateUrl: '/checkout/initiate',
  statusUrl: '/checkout/status',
  checkoutToken: 'v1.1764316800.abcdef',
  ...extra,
  payment: { Sale_Reference_ID: REF, Total_Amount_to_Pay: 15000, Services_Name: 'Water Bill - May 2025', ...CUSTOMER },
});

const root = (element) => element.shadowRoot;
const text = (element) => root(element).querySelector('.panel').textContent.replace(/\s+/g, ' ');
const body = (element) => root(element).querySelector('.result h3 + p').textContent;
// The screen's actions (not the dialog's × in the header).
const buttons = (element) => [...root(element).querySelectorAll('.panel .actions button')].map((b) => b.textContent);
function click(element, label) {
  const button = [...root(element).querySelectorAll('.panel .actions button')].find((b) => b.textContent === label);
  if (!button) throw new Error(`no "${label}" button in: ${buttons(element).join(' | ')}`);
  button.click();
}
const submit = (element) => root(element).querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
const advance = (ms) => jest.advanceTimersByTimeAsync(ms);

// A checkout (inline, or a modal dialog) whose first initiation is answered by `answers`, submitted once.
async function refusedCheckout(answers, extra = {}, mode = 'mount') {
  jest.useFakeTimers({ doNotFake: ['queueMicrotask'], now: NOW });
  const posts = backend(answers);
  const failures = [];
  const statuses = [];
  const opts = options({ ...extra, onFailure: (o) => failures.push(o), onStatusChange: (s) => statuses.push(s) });
  const controller = mode === 'open' ? LTGSCheckout.open(opts) : LTGSCheckout.mount(document.body, opts);
  await advance(10);
  submit(controller.element);
  await advance(10);
  return { element: controller.element, posts, failures, statuses };
}

describe('Regression: the widget says in words how long to wait', () => {
  test('rate.phone: "try again in 12 minutes (at …)", no button that would fail, then "Try again" once the time has come', async () => {
    const retryAtMs = NOW + 11 * 60_000 + 50_000;  // 11 min 50 s: "12 minutes"
    const { element, posts, failures } = await refusedCheckout((n) => (n === 0
      ? rateLimited('rate.phone', retryAtMs)
      : { status: 201, body: JSON.stringify({ Sale_Reference_ID: REF, Payment_Status: 'PENDING' }) }));
    const at = formatTime(retryAtMs, 'en', NOW);
    expect(text(element)).toMatch(/Too many payment requests/);
    expect(body(element)).toBe(`Too many payment requests were sent to this number. You can try again in 12 minutes (at ${at}).`);
    expect(buttons(element)).toEqual([]);  // inline: nothing to press before that time
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ status: 'FAILED', error: { code: 'rate.phone', httpStatus: 429, retryAtMs } });

    // The words follow the clock; nothing is sent meanwhile.
    await advance(6 * 60_000);
    expect(body(element)).toBe(`Too many payment requests were sent to this number. You can try again in 6 minutes (at ${at}).`);
    await advance(5 * 60_000 + 20_000);
    expect(body(element)).toBe(`Too many payment requests were sent to this number. You can try again in 30 seconds (at ${at}).`);
    expect(buttons(element)).toEqual([]);
    expect(posts).toHaveLength(1);

    await advance(30_000);
    expect(body(element)).toBe('Too many payment requests were sent to this number. You can try again now.');
    expect(buttons(element)).toEqual(['Try again']);
    click(element, 'Try again');
    await advance(10);
    submit(element);
    await advance(10);
    expect(posts).toHaveLength(2);
    expect(posts[1].at).toBeGreaterThanOrEqual(retryAtMs);
    expect(text(element)).toMatch(/Approve the payment on your phone/);
  });

  test('rate.order: the bill\'s own words; in a dialog only "Close" until the time has come', async () => {
    const retryAtMs = NOW + 45_000;
    const { element, posts } = await refusedCheckout(() => rateLimited('rate.order', retryAtMs), {}, 'open');
    expect(body(element)).toBe(
      `Too many payment requests were made for this bill. You can try again in 45 seconds (at ${formatTime(retryAtMs, 'en', NOW)}).`);
    expect(buttons(element)).toEqual(['Close']);
    // Closed and opened again before the time: still nothing that sends.
    click(element, 'Close');
    await advance(1_000);
    element.openCheckout();
    expect(buttons(element)).toEqual(['Close']);
    await advance(45_000);
    expect(buttons(element)).toEqual(['Try again', 'Close']);
    expect(posts).toHaveLength(1);
  });

  test('without retryAtMs in the body, the Retry-After header says when', async () => {
    const { element, posts, failures } = await refusedCheckout(
      () => refused(429, 'Phone_Number', 'rate.phone', {}, { 'Retry-After': '120' }));
    const retryAtMs = posts[0].at + 120_000;
    expect(body(element)).toBe(
      `Too many payment requests were sent to this number. You can try again in 2 minutes (at ${formatTime(retryAtMs, 'en', NOW)}).`);
    expect(failures[0].error.retryAtMs).toBe(retryAtMs);
    expect(buttons(element)).toEqual([]);
  });

  test.each([
    ['rw', "Ibyifuzo byo kwishyura byoherejwe kuri iyi nomero byabaye byinshi cyane. Ushobora kongera kugerageza nyuma y'iminota 12 (saa {time})."],
    ['fr', 'Trop de demandes de paiement ont été envoyées à ce numéro. Vous pourrez réessayer dans 12 minutes (à {time}).'],
  ])('the wait is said in words in %s', async (locale, expected) => {
    const retryAtMs = NOW + 12 * 60_000;
    const { element } = await refusedCheckout(() => rateLimited('rate.phone', retryAtMs), { locale });
    expect(body(element)).toBe(expected.replace('{time}', formatTime(retryAtMs, locale, NOW)));
  });

  test.each([
    ['checkout.token_expired', 'This payment page has been open too long. Reload the page, then pay: no payment was started.'],
    ['checkout.token_invalid', 'This payment page could not be verified. Reload the page, then pay: no payment was started.'],
    ['checkout.token_missing', 'This payment page could not be verified. Reload the page, then pay: no payment was started.'],
  ])('403 %s: the page must be reloaded, and nothing is offered that sends again', async (code, message) => {
    const { element, posts, failures } = await refusedCheckout(() => refused(403, 'X-Checkout-Token', code));
    expect(posts[0].headers['X-Checkout-Token']).toBe('v1.1764316800.abcdef');
    expect(text(element)).toMatch(/Please reload the page/);
    expect(body(element)).toBe(message);
    expect(buttons(element)).toEqual([]);
    expect(failures[0]).toMatchObject({ status: 'FAILED', error: { code, httpStatus: 403 } });
    await advance(30 * 60_000);
    expect(buttons(element)).toEqual([]);
    expect(posts).toHaveLength(1);
  });

  test('403 checkout.token_expired in a dialog: only "Close"', async () => {
    const { element } = await refusedCheckout(() => refused(403, 'X-Checkout-Token', 'checkout.token_expired'), {}, 'open');
    expect(buttons(element)).toEqual(['Close']);
  });

  test.each([
    ['rw', 'Nyamuneka ongera ufungure iyi paji', 'Iyi paji yo kwishyura imaze igihe kirekire ifunguye'],
    ['fr', 'Veuillez recharger la page', 'Cette page de paiement est ouverte depuis trop longtemps'],
  ])('the reload screen is translated (%s)', async (locale, title, words) => {
    const { element } = await refusedCheckout(() => refused(403, 'X-Checkout-Token', 'checkout.token_expired'), { locale });
    expect(text(element)).toContain(title);
    expect(body(element)).toContain(words);
  });

  test('421 request.host: contact the merchant, nothing to press', async () => {
    const { element, posts } = await refusedCheckout(() => refused(421, 'Host', 'request.host'));
    expect(text(element)).toMatch(/Please contact the merchant/);
    expect(body(element)).toBe(
      'The payment service does not answer at this address. Please contact the merchant: no payment was started.');
    expect(buttons(element)).toEqual([]);
    expect(posts).toHaveLength(1);
  });
});

describe('formatWait', () => {
  test.each([
    [1, 'en', '1 second'],
    [30_000, 'en', '30 seconds'],
    [60_000, 'en', '1 minute'],
    [60_001, 'en', '2 minutes'],
    [11 * 60_000 + 50_000, 'en', '12 minutes'],
    [65 * 60_000, 'en', '1 hour and 5 minutes'],
    [120 * 60_000, 'en', '2 hours'],
    [60_000, 'rw', 'umunota 1'],
    [12 * 60_000, 'rw', 'iminota 12'],
    [30_000, 'rw', 'amasegonda 30'],
    [65 * 60_000, 'rw', "isaha 1 n'iminota 5"],
    [12 * 60_000, 'fr', '12 minutes'],
    [1_000, 'fr', '1 seconde'],
    [61 * 60_000, 'fr', '1 heure et 1 minute'],
  ])('%d ms in %s is %j', (ms, locale, expected) => {
    expect(formatWait(ms, locale)).toBe(expected);
  });

  test('a duration that is not a number is the integrator\'s mistake', () => {
    expect(() => formatWait(NaN, 'en')).toThrow(TypeError);
    expect(() => formatWait('60000', 'en')).toThrow(TypeError);
  });
});
