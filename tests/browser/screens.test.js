// Every screen of the widget, in both browser engines and its three languages, on a 360×740 phone: each
// screen is reached as a customer reaches it (the partner's backend below decides each outcome by the
// payment's reference), must fit the phone's width (nothing wider than the dialog, no sideways scrolling),
// and is written to docs/screenshots/<engine>-<locale>-<screen>.png (ignored by Git) for a person to look at.
// The words on the buttons and headings are the widget's own, from web/widget/words.js, in each language.
'use strict';

const fs = require('fs');
const path = require('path');
const { startServer, DIST } = require('./harness');
const { ENGINES, openEngine, openPage, screenshotPath } = require('./driver');
const { loadCore } = require('../js/core-loader.js');

jest.setTimeout(180_000);

const PHONE = { width: 360, height: 740 };
const AMOUNT = 15000;
const LOCALES = [['en', 'en-US'], ['rw', 'rw-RW'], ['fr', 'fr-FR']];
let i18n;  // web/widget/i18n.js: t(locale, key, params), every language
let EMV;

const PAGE = (locale, src = '/dist/ltgs-checkout.js') => `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kigali Water</title></head>
<body><main><h1>Kigali Water</h1><p>Water Bill - May 2025</p>
<script src="${src}" data-reference="LTGSINV_S_BUTTON" data-amount="15000" data-services-name="Water Bill - May 2025"
  data-initiate-url="/checkout/initiate" data-status-url="/checkout/status" data-locale="${locale}"></script>
</main><script src="/page.js"></script></body></html>`;

const PAGE_JS = `'use strict';
window.openCheckout = (reference, locale) => {
  if (window.__checkout) window.__checkout.close();
  window.__checkout = LTGSCheckout.open({
    payment: { Sale_Reference_ID: reference, Total_Amount_to_Pay: 15000, Services_Name: 'Water Bill - May 2025',
      Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' },
    initiateUrl: '/checkout/initiate', statusUrl: '/checkout/status', locale,
    merchant: { mtnMerchantCode: '012345' },
  });
};
`;

// The partner's backend: the reference says what happens. …_PAID, …_FAILED, …_EXPIRED end at once; …_OPEN,
// …_RATE, …_RELOAD and …_ALREADY are refused (an open request, the phone's limit, a stale page, a paid bill);
// …_NOQR has no QR code yet, …_BADUSSD a dial string the core does not recognise; anything else stays PENDING.
const REFUSALS = {
  _OPEN: [409, 'order.attempt_open', 'A payment request for this order is still open.', 10 * 60_000],
  _RATE: [429, 'rate.phone', 'Too many payment requests for this phone number; wait before trying again.', 12 * 60_000],
  _RELOAD: [403, 'checkout.token_expired', 'The page is too old; reload it.', 0],
  _ALREADY: [409, 'order.paid', 'This order is paid.', 0],
};
function statusDoc(ref) {
  const status = ['PAID', 'FAILED', 'EXPIRED'].find((word) => ref.endsWith(`_${word}`)) || 'PENDING';
  const paid = status === 'PAID';
  return {
    Sale_Reference_ID: ref, Payment_Status: status, Payment_Channel: paid ? 'MTN MoMo' : null,
    Payment_Ref_ID: paid ? 'MTN_123456789' : null, Total_Amount_Paid: paid ? AMOUNT : null,
    Paid_On: paid ? '2026-11-28 10:00:00' : null,
  };
}
function backend(req, body, url) {
  if (url.pathname === '/page.js') return { body: PAGE_JS, headers: { 'Content-Type': 'text/javascript' } };
  // /broken/: the scripts and language files without the .wasm beside them; /noapp/: ltgs-checkout.js and the
  // language files, no ltgs-checkout.app.js.
  const shipped = /^\/(broken\/ltgs-checkout(\.app|\.rw|\.fr)?|noapp\/ltgs-checkout(\.rw|\.fr)?)\.js$/.exec(url.pathname);
  if (shipped) {
    const name = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
    return { body: fs.readFileSync(path.join(DIST, name)), headers: { 'Content-Type': 'text/javascript' } };
  }
  if (req.method === 'POST' && url.pathname === '/checkout/initiate') {
    const sent = JSON.parse(body);
    const ref = sent.Sale_Reference_ID;
    const refusal = Object.entries(REFUSALS).find(([suffix]) => ref.endsWith(suffix));
    if (refusal) {
      const [status, code, message, waitMs] = refusal[1];
      return { status, body: JSON.stringify({ errors: [{ field: '$', code, message }], ...(waitMs ? { retryAtMs: Date.now() + waitMs } : {}) }) };
    }
    const doc = statusDoc(ref);
    if (sent.Payment_Method === 'QR' && !ref.endsWith('_NOQR')) doc.QR_Payload = EMV;
    if (sent.Payment_Method === 'USSD') doc.USSD_Code = ref.endsWith('_BADUSSD') ? '*999*1#' : '*182*8*1*012345*15000#';
    return { status: 201, body: JSON.stringify(doc) };
  }
  if (req.method === 'GET' && url.pathname.startsWith('/checkout/status/')) {
    return { body: JSON.stringify(statusDoc(decodeURIComponent(url.pathname.split('/').pop()))) };
  }
  return undefined;
}

let site;
beforeAll(async () => {
  i18n = await import('../../web/widget/i18n-all.js');
  const core = await loadCore();
  const built = core.emvBuild({ guid: 'rw.ltgs.sandbox', merchantId: 'SANDBOX0001', mcc: '4900', merchantName: 'Kigali Water',
    merchantCity: 'Kigali', amount: AMOUNT, reference: 'LTGSINV_S_QR' });
  if (!built.ok) throw new Error(built.errors[0].message);
  EMV = built.value;
  const pages = {};
  for (const [locale] of LOCALES) {
    pages[`/${locale}`] = PAGE(locale);
    pages[`/${locale}/broken`] = PAGE(locale, '/broken/ltgs-checkout.js');
    pages[`/${locale}/noapp`] = PAGE(locale, '/noapp/ltgs-checkout.js');
  }
  site = await startServer({ pages, backend });
});

afterAll(() => {
  if (site) site.server.close();
});

// The screens: [name, how to get there from the bill page in `locale`]. `w(key, params)` is the widget's
// text in that language; `w.re(key)` the same as a RegExp where the amount may be written any way (the
// browser's own Intl data writes it: a browser without Kinyarwanda number formats falls back to English).
const SCREENS = [
  ['pay-button', async () => {}],
  ['form', async ({ page, w }) => {
    await page.locator('ltgs-checkout button.pay').click();
    await page.getByRole('dialog').locator('input[type=tel]').waitFor();
  }],
  ['form-errors', async ({ page, w }) => {
    await page.locator('ltgs-checkout button.pay').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=tel]').fill('0252 123 456');
    await dialog.locator('input[type=tel]').press('Enter');  // submitted from the keyboard
    await dialog.getByText(w('form.fixErrors')).waitFor();
  }],
  ['method-choice', async ({ page, w }) => {
    await page.locator('ltgs-checkout button.pay').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=tel]').fill('0788 123 456');
    await dialog.locator('input[name=Customer_KYC_ID]').fill('1199999999999999');
    await dialog.locator('input[type=radio][value=MTN_MOMO]').check();
  }],
  ['waiting-mtn', (s) => pay(s, 'LTGSINV_S_WAIT_MTN', 'MTN_MOMO', s.w('waiting.push.title'))],
  ['waiting-mtn-help', async (s) => {
    await pay(s, 'LTGSINV_S_WAIT_HELP', 'MTN_MOMO', s.w('waiting.push.title'));
    await s.page.getByRole('dialog').getByRole('button', { name: s.w('prompt.toggle') }).click();
  }],
  ['waiting-qr', async (s) => {
    await pay(s, 'LTGSINV_S_WAIT_QR', 'QR', s.w.re('waiting.qr.title'));
    await s.page.getByRole('dialog').locator('.qr svg').waitFor();
  }],
  ['waiting-qr-pending', async (s) => {
    await s.page.evaluate(([ref, locale]) => window.openCheckout(ref, locale), ['LTGSINV_S_WAIT_NOQR', s.locale]);
    const dialog = s.page.getByRole('dialog');
    await dialog.locator('input[type=radio][value=QR]').check();
    await dialog.locator('button[type=submit]').click();
    await dialog.locator('.spinner').first().waitFor();
  }],
  ['waiting-ussd', async (s) => {
    await pay(s, 'LTGSINV_S_WAIT_USSD', 'USSD', s.w.re('waiting.ussd.title'));
    await s.page.getByRole('dialog').locator('code.ussd').waitFor();
  }],
  ['ussd-unusable', async (s) => {
    await pay(s, 'LTGSINV_S_WAIT_BADUSSD', 'USSD', s.w('display.ussd.title'));
  }],
  ['stopped-waiting', async (s) => {
    await pay(s, 'LTGSINV_S_WAIT_STOP', 'MTN_MOMO', s.w('waiting.push.title'));
    await s.page.getByRole('dialog').getByRole('button', { name: s.w('action.cancel') }).click();
    await s.page.getByRole('dialog').getByRole('heading', { name: s.w('stopped.title') }).waitFor();
  }],
  ['success', (s) => pay(s, 'LTGSINV_S_PAID', 'MTN_MOMO', s.w('result.paid.title'))],
  ['failure', (s) => pay(s, 'LTGSINV_S_FAILED', 'MTN_MOMO', s.w('result.failed.title'))],
  ['expired', (s) => pay(s, 'LTGSINV_S_EXPIRED', 'MTN_MOMO', s.w('result.expired.title'))],
  ['refused-open', (s) => pay(s, 'LTGSINV_S_OPEN', 'MTN_MOMO', s.w('refused.open.title'))],
  ['refused-rate', (s) => pay(s, 'LTGSINV_S_RATE', 'MTN_MOMO', s.w('refused.rate.title'))],
  ['refused-reload', (s) => pay(s, 'LTGSINV_S_RELOAD', 'MTN_MOMO', s.w('refused.reload.title'))],
  ['refused-paid', (s) => pay(s, 'LTGSINV_S_ALREADY', 'MTN_MOMO', s.w('refused.paid.title'))],
  ['could-not-load', async ({ page, w, locale }) => {
    await page.goto(`${site.url}/${locale}/broken`);
    await page.locator('ltgs-checkout button.pay').click();
    await page.getByRole('dialog').getByText(w('error.coreLoad')).waitFor();
  }],
  // The first pay button when ltgs-checkout.app.js cannot be fetched: said under it, the button disabled.
  ['could-not-load-app', async ({ page, w, locale }) => {
    await page.goto(`${site.url}/${locale}/noapp`);
    await page.locator('ltgs-checkout').getByRole('alert').filter({ hasText: w('error.coreLoad') }).waitFor();
    expect(await page.locator('ltgs-checkout button.pay').evaluate((b) => b.disabled)).toBe(true);
  }],
];

// Opens the modal checkout for `reference`, picks `method`, pays, and waits for the heading `heading`.
async function pay({ page, locale }, reference, method, heading) {
  await page.evaluate(([ref, l]) => window.openCheckout(ref, l), [reference, locale]);
  const dialog = page.getByRole('dialog');
  await dialog.locator(`input[type=radio][value=${method}]`).check();
  await dialog.locator('button[type=submit]').click();
  await dialog.getByRole('heading', { name: heading }).waitFor();
}

// What sticks out at 360 px: the page scrolling sideways, or a part of the widget wider than its dialog.
function overflow(page) {
  return page.evaluate(() => {
    const out = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
    for (const host of document.querySelectorAll('ltgs-checkout')) {
      const box = host.shadowRoot.querySelector('dialog[open]') || host.shadowRoot.querySelector('.root > *');
      if (!box) continue;
      const outer = box.getBoundingClientRect();
      if (outer.right > width + 0.5) out.push(`the widget ends at ${Math.round(outer.right)} px`);
      // An element inside a box that clips (overflow other than visible) is that box's business.
      const clipped = (e) => {
        for (let n = e.parentElement; n && n !== box; n = n.parentElement) {
          if (getComputedStyle(n).overflowX !== 'visible') return true;
        }
        return false;
      };
      for (const e of box.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || clipped(e)) continue;
        if (r.left < outer.left - 0.5 || r.right > outer.right + 0.5) {
          out.push(`<${e.localName} class="${e.className.baseVal ?? e.className}"> "${e.textContent.trim().slice(0, 30)}" sticks out of the dialog`);
        }
      }
    }
    return out;
  });
}

describe.each(ENGINES)('%s', (engineName) => {
  let engine;
  beforeAll(async () => { engine = await openEngine(engineName); });
  afterAll(async () => { if (engine) await engine.close(); });

  test.each(LOCALES)('every screen in %s (%s): shown at 360×740 without overflow, screenshot written', async (locale, tag) => {
    const { context, page, problems } = await openPage(engine, { viewport: PHONE, locale: tag, mobile: true });
    const w = (key, params) => i18n.t(locale, key, params);
    const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    w.re = (key) => new RegExp(w(key, { amount: '\u0000' }).split('\u0000').map(escape).join('.+'));
    const found = [];
    try {
      for (const [name, reach] of SCREENS) {
        await page.goto(`${site.url}/${locale}`);
        await page.getByRole('button', { name: w.re('pay.button') }).waitFor();
        try {
          await reach({ page, w, locale });
        } catch (err) {
          found.push(`${name}: not reached: ${err.message.split('\n')[0]}`);
          continue;
        }
        await page.waitForTimeout(150);  // the focus ring and the dialog's opening settle
        for (const line of await overflow(page)) found.push(`${name}: ${line}`);
        await page.screenshot({ path: screenshotPath(engineName, locale, name) });
      }
      expect(found).toEqual([]);
      // On purpose: the broken page's missing .wasm is reported on the console, and Chromium logs each refused
      // request (4xx) there by itself. Nothing else may be.
      expect(problems.filter((p) => !/ltgs-checkout\.(wasm|app\.js)|status of 4\d\d/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
