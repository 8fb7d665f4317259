// The widget on a hostile page, in real browsers (Chromium and Firefox ESR):
// (a) under exactly `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'` a whole payment
//     runs, QR screen (the core's SVG) and USSD screen included, with no CSP violation reported;
// (b) careless partner CSS (element selectors, `*` with !important, rules on <ltgs-checkout> itself, the root
//     font size) neither hides nor resizes nor restyles the widget's parts;
// (c) HTML in Services_Name, in the merchant name inside an EMVCo payload, and in what the partner's backend
//     returns (USSD_Code, Payment_Ref_ID) is shown as text: no element is created and no handler runs, on a
//     page whose CSP would let an injected handler run.
'use strict';

const { startServer } = require('./harness');
const { ENGINES, openEngine, openPage } = require('./driver');
const { loadCore } = require('../js/core-loader.js');

jest.setTimeout(90_000);

const EXACT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
// (c) only: inline handlers allowed, so that markup that got through would run, and the test would see it.
const LAX_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src * data:";
const AMOUNT = 15000;

// What a careless partner stylesheet does: element rules meant for its own page, a "reset" on everything,
// the 62.5 % root font trick, and rules on the widget's host element (by tag and by its attributes).
const PARTNER_CSS = `
button, input, dialog, svg, label, p, h2, h3, form, fieldset, code, progress, section, div, span, a {
  display: none !important; all: unset; }
* { font-size: 2px !important; color: transparent !important; line-height: 0 !important; }
*, *::before, *::after { box-sizing: content-box !important; letter-spacing: 0.5em !important; }
html { font-size: 62.5% !important; color-scheme: dark !important; }
body { text-transform: uppercase; text-align: right; white-space: pre; word-spacing: 2em; direction: rtl; }
body * { visibility: hidden; pointer-events: none !important; cursor: none !important; -webkit-text-fill-color: transparent !important; }
ltgs-checkout {
  all: unset !important;
  font: italic 900 3px/0 "Comic Sans MS", cursive !important;
  color: transparent !important;
  opacity: 0.05 !important;
  visibility: hidden !important;
  filter: blur(6px) grayscale(1) !important;
  transform: scale(0.2) rotate(8deg) !important;
  zoom: 0.5 !important;
  clip-path: inset(50%) !important;
  content-visibility: hidden !important;
  text-shadow: 0 0 8px red !important;
  writing-mode: vertical-rl !important;
  stroke-width: 40 !important;
  fill: red !important;
  accent-color: red !important;
  --ltgs-radius: 0;
}
[theme], [mode] { opacity: 0 !important; display: inline !important; }
ltgs-checkout:focus-within { outline: none !important; }
`;

const SCRIPT_TAG = (reference, extra = '') => `<script src="/dist/ltgs-checkout.js" data-reference="${reference}"
  data-amount="15000" data-services-name="Water Bill - May 2025" data-initiate-url="/checkout/initiate"
  data-status-url="/checkout/status" data-phone="0788123456" data-kyc-id="1199999999999999" data-locale="en" ${extra}></script>`;

const PAGE = ({ css = false, body }) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner page</title>
${css ? '<link rel="stylesheet" href="/partner.css">' : ''}</head>
<body><main><h1>Kigali Water</h1><p>Your bill</p>
${body}
</main><script src="/page.js"></script></body></html>`;

const PAGE_JS = `'use strict';
window.pwn = () => { window.__pwned = (window.__pwned || 0) + 1; };
window.openCheckout = (options) => {
  if (window.__checkout) window.__checkout.close();
  window.__outcomes = [];
  window.__checkout = LTGSCheckout.open(Object.assign({
    initiateUrl: '/checkout/initiate', statusUrl: '/checkout/status', locale: 'en',
    onSuccess: (o) => window.__outcomes.push(o), onFailure: (o) => window.__outcomes.push(o),
  }, options));
};
`;

// The partner backend: each reference is PENDING on its first status request and PAID on the second.
// `extras[ref]` adds members to the initiation answer (QR_Payload, USSD_Code) or the PAID status.
const extras = {};
const polls = {};
function statusDoc(ref, status) {
  const paid = status === 'PAID';
  return {
    Sale_Reference_ID: ref, Payment_Status: status, Payment_Channel: paid ? 'MTN MoMo' : null,
    Payment_Ref_ID: paid ? (extras[ref] && extras[ref].Payment_Ref_ID) || 'MTN_H_1' : null,
    Total_Amount_Paid: paid ? AMOUNT : null, Paid_On: paid ? '2026-11-28 10:00:00' : null,
  };
}
function backend(req, body, url) {
  if (url.pathname === '/page.js') return { body: PAGE_JS, headers: { 'Content-Type': 'text/javascript' } };
  if (url.pathname === '/partner.css') return { body: PARTNER_CSS, headers: { 'Content-Type': 'text/css' } };
  if (req.method === 'POST' && url.pathname === '/checkout/initiate') {
    const ref = JSON.parse(body).Sale_Reference_ID;
    const { Payment_Ref_ID: _later, ...atStart } = extras[ref] || {};
    return { status: 201, body: JSON.stringify({ ...statusDoc(ref, 'PENDING'), ...atStart }) };
  }
  if (req.method === 'GET' && url.pathname.startsWith('/checkout/status/')) {
    const ref = decodeURIComponent(url.pathname.split('/').pop());
    polls[ref] = (polls[ref] || 0) + 1;
    return { body: JSON.stringify(statusDoc(ref, polls[ref] >= 2 ? 'PAID' : 'PENDING')) };
  }
  return undefined;
}

let engine;
let core;
const servers = [];
beforeAll(async () => {
  core = await loadCore();
});

afterAll(async () => {
  for (const s of servers) s.server.close();
});

const newPage = (options) => openPage(engine, options);

async function serve(pages, csp) {
  const site = await startServer({ pages, backend, csp });
  servers.push(site);
  return site;
}

function emv(reference, merchantName = 'Kigali Water') {
  const built = core.emvBuild({ guid: 'rw.ltgs.sandbox', merchantId: 'SANDBOX0001', mcc: '4900', merchantName,
    merchantCity: 'Kigali', amount: AMOUNT, reference });
  if (!built.ok) throw new Error(built.errors[0].message);
  return built.value;
}

// Walks one payment to the QR screen and measures the widget's parts on the way: visible, how big, and the
// styles the page might have reached (font size, colours, opacity, letter spacing).
async function measure(site) {
  const { page, context, errors } = await newPage({ viewport: { width: 1000, height: 900 } });
  const parts = {};
  const stuck = [];
  // A real click (so pointer-events count); when the page's CSS made that impossible, say so and go on.
  const press = async (name, locator) => {
    try {
      await locator.click({ timeout: 3000 });
    } catch {
      stuck.push(`${name}: cannot be clicked`);
      await locator.evaluate((e) => e.click());
    }
  };
  const look = async (name, locator) => {
    await locator.waitFor({ state: 'attached' });
    parts[name] = {
      visible: await locator.isVisible(),
      box: await locator.boundingBox(),
      style: await locator.evaluate((e) => {
        const cs = getComputedStyle(e);
        let opacity = 1;
        let filtered = false;
        for (let n = e; n; n = n.parentElement || (n.getRootNode() && n.getRootNode().host)) {
          const s = getComputedStyle(n);
          opacity *= Number(s.opacity);
          if (s.filter !== 'none' || s.transform !== 'none' || s.clipPath !== 'none') filtered = true;
        }
        return {
          fontSize: cs.fontSize, color: cs.color, fill: cs.webkitTextFillColor, letterSpacing: cs.letterSpacing,
          lineHeight: cs.lineHeight, textTransform: cs.textTransform, visibility: cs.visibility, opacity, filtered,
          fontFamily: cs.fontFamily, pointerEvents: cs.pointerEvents,
        };
      }),
    };
  };
  try {
    await page.goto(`${site.url}/`);
    // CSS locators, not roles: a part the page managed to hide would drop out of the accessibility tree,
    // and the test is to say which one and how.
    const pay = page.locator('ltgs-checkout button.pay');
    await look('pay button', pay);
    await press('pay button', pay);
    const dialog = page.locator('ltgs-checkout dialog');
    await look('dialog', dialog);
    await look('heading', dialog.locator('h2'));
    await look('email input', dialog.locator('input[type=email]'));
    await look('email label', dialog.locator('label', { hasText: /Email/ }));
    await look('QR radio', dialog.locator('input[type=radio][value=QR]'));
    await look('submit', dialog.locator('button[type=submit]'));
    await look('close', dialog.locator('button.close'));
    await press('QR radio', dialog.locator('input[type=radio][value=QR]'));
    await press('submit', dialog.locator('button[type=submit]'));
    await look('QR svg', dialog.locator('.qr svg'));
    await look('QR path', dialog.locator('.qr svg path'));
    parts['QR path'].style.strokeWidth = await dialog.locator('.qr svg path').evaluate((e) => getComputedStyle(e).strokeWidth);
    await look('cancel', dialog.locator('button', { hasText: 'Cancel payment' }));
    await look('merchant', dialog.locator('figcaption'));
    const violations = await page.evaluate(() => window.__violations);
    return { parts, violations, errors, stuck };
  } finally {
    await context.close();
  }
}

describe.each(ENGINES)('%s', (engineName) => {
  beforeAll(async () => { engine = await openEngine(engineName); });
  afterAll(async () => {
    if (engine) await engine.close();
    engine = undefined;
  });

  test('(a) a whole payment under the exact strict CSP, QR and USSD screens included, reports no violation', async () => {
    extras.LTGSINV_H_CSP_QR = { QR_Payload: emv('LTGSINV_H_CSP_QR') };
    extras.LTGSINV_H_CSP_USSD = { USSD_Code: '*182*8*1*012345*15000#' };
    const site = await serve({ '/': PAGE({ body: SCRIPT_TAG('LTGSINV_H_CSP_QR') }) }, EXACT_CSP);
    const { page, context, errors } = await newPage();
    try {
      const response = await page.goto(`${site.url}/`);
      expect(response.headers['content-security-policy']).toBe(EXACT_CSP);
      // QR, from the script tag's button.
      await page.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: /QR/ }).check();
      await dialog.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
      const svg = dialog.locator('.qr svg');
      await svg.waitFor();
      expect((await svg.boundingBox()).width).toBeGreaterThan(150);
      expect(await dialog.locator('.qr svg path').getAttribute('d')).toMatch(/^M/);
      await dialog.getByRole('heading', { name: 'Payment received' }).waitFor();
      await dialog.getByRole('button', { name: 'Done' }).click();
      // USSD, opened by the partner's own script with its MoMo Pay merchant code.
      await page.evaluate(() => window.openCheckout({
        payment: { Sale_Reference_ID: 'LTGSINV_H_CSP_USSD', Total_Amount_to_Pay: 15000, Services_Name: 'Water Bill - May 2025',
          Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' },
        merchant: { mtnMerchantCode: '012345' },
      }));
      await dialog.getByRole('radio', { name: /USSD/ }).check();
      await dialog.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
      await dialog.locator('code.ussd').getByText('*182*8*1*012345*15000#').waitFor();
      await dialog.getByRole('button', { name: 'Copy code' }).click();
      await dialog.getByRole('heading', { name: 'Payment received' }).waitFor();
      expect(await page.evaluate(() => window.__outcomes.map((o) => o.status))).toEqual(['PAID']);
      expect(await page.evaluate(() => window.__violations)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('(b) careless partner CSS neither hides, resizes nor restyles the widget', async () => {
    extras.LTGSINV_H_CSS = { QR_Payload: emv('LTGSINV_H_CSS') };
    const body = SCRIPT_TAG('LTGSINV_H_CSS');
    const site = await serve({ '/': PAGE({ css: true, body }) });
    const clean = await serve({ '/': PAGE({ body }) });
    // The stylesheet does reach the page: the partner's own paragraph is hidden.
    const probe = await newPage();
    await probe.page.goto(`${site.url}/`);
    expect(await probe.page.locator('main > p').isVisible()).toBe(false);
    expect(await probe.page.locator('ltgs-checkout').first().evaluate((e) => getComputedStyle(e).fontSize)).toBe('3px');
    await probe.context.close();

    polls.LTGSINV_H_CSS = -100;  // stays PENDING through both runs (each in its own context: nothing resumed)
    const hostile = await measure(site);
    const plain = await measure(clean);
    const problems = [...hostile.stuck];
    for (const [name, want] of Object.entries(plain.parts)) {
      const got = hostile.parts[name];
      if (!got.visible) problems.push(`${name}: hidden`);
      if (!got.box || got.box.width < 1 || got.box.height < 1) problems.push(`${name}: no size`);
      else {
        for (const k of ['width', 'height']) {
          if (Math.abs(got.box[k] - want.box[k]) > 1) problems.push(`${name}: ${k} ${got.box[k]} instead of ${want.box[k]}`);
        }
      }
      for (const [k, v] of Object.entries(want.style)) {
        if (got.style[k] !== v) problems.push(`${name}: ${k} ${JSON.stringify(got.style[k])} instead of ${JSON.stringify(v)}`);
      }
    }
    expect(problems).toEqual([]);
    // And the clean page's widget is what it should be: readable text, opaque, 16 px.
    expect(plain.parts['pay button'].style).toMatchObject({ fontSize: '16px', opacity: 1, filtered: false, visibility: 'visible' });
    expect(plain.parts['QR svg'].box.width).toBeGreaterThan(150);
    expect(hostile.violations).toEqual([]);
    expect(hostile.errors).toEqual([]);
  });

  test('(b) what stays the partner\'s: display: none or the hidden attribute on the host hides the widget', async () => {
    const site = await serve({ '/': PAGE({ body: SCRIPT_TAG('LTGSINV_H_HIDE') }) });
    const { page, context } = await newPage();
    try {
      await page.goto(`${site.url}/`);
      const pay = page.getByRole('button', { name: /Pay RWF\s15,000/ });
      await pay.waitFor();
      await page.evaluate(() => { document.querySelector('ltgs-checkout').hidden = true; });
      expect(await pay.isVisible()).toBe(false);
      await page.evaluate(() => {
        const host = document.querySelector('ltgs-checkout');
        host.hidden = false;
        host.style.display = 'none';  // the CSSOM, which style-src does not govern
      });
      expect(await pay.isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  test('(c) HTML in Services_Name, the merchant name and backend answers is shown as text; nothing runs', async () => {
    const servicesName = '<img src=x onerror=pwn()><script>pwn()</script><b onmouseover=pwn()>Water</b>';
    const merchantName = '<img src=x onerror=pwn()>';  // EMVCo name 59: at most 25 characters
    expect(merchantName).toHaveLength(25);
    const ussd = '<img src=y onerror=pwn()>';
    const refId = 'MTN_<img/src=z/onerror=pwn()>';  // no spaces: the core refuses them in a Payment_Ref_ID
    const ref = 'LTGSINV_H_XSS';
    extras[`${ref}_QR`] = { QR_Payload: emv(`${ref}_QR`, merchantName), Payment_Ref_ID: refId };
    extras[`${ref}_USSD`] = { USSD_Code: ussd };
    const site = await serve({ '/': PAGE({ body: '<script src="/dist/ltgs-checkout.js"></script>' }) }, LAX_CSP);
    const { page, context, errors } = await newPage();
    const requested = page.recordRequests();
    try {
      await page.goto(`${site.url}/`);
      await page.waitForFunction(() => window.LTGSCheckout && window.pwn);
      // The detector works: the same markup, parsed as HTML on this page, does run.
      await page.evaluate(() => { document.createElement('div').innerHTML = '<img src=control onerror=pwn()>'; });
      await page.waitForFunction(() => window.__pwned === 1);
      await page.evaluate(() => { window.__pwned = 0; });
      errors.length = 0;  // the control's 404

      const elements = () => page.evaluate(() => {
        const root = document.querySelector('ltgs-checkout').shadowRoot;
        return [...root.querySelectorAll('*')].map((e) => e.tagName.toLowerCase());
      });
      const open = (reference, extra) => page.evaluate(([r, name, more]) => window.openCheckout(Object.assign({
        payment: { Sale_Reference_ID: r, Total_Amount_to_Pay: 15000, Services_Name: name,
          Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' },
      }, more)), [reference, servicesName, extra]);
      const dialog = page.getByRole('dialog');

      // QR: the merchant name from the payload, then a Payment_Ref_ID with markup on the success screen.
      await open(`${ref}_QR`, {});
      await dialog.getByRole('heading', { level: 2 }).waitFor();
      expect(await dialog.getByRole('heading', { level: 2 }).textContent()).toBe(servicesName);
      await dialog.getByRole('radio', { name: /QR/ }).check();
      await dialog.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
      await dialog.locator('.qr svg').waitFor();
      expect(await dialog.locator('figcaption').textContent()).toBe(`${merchantName}, Kigali`);
      const qrTags = await elements();
      await dialog.getByRole('heading', { name: 'Payment received' }).waitFor();
      expect(await dialog.textContent()).toContain(refId);
      expect(await dialog.textContent()).toContain(`paid for ${servicesName}`);
      const paidTags = await elements();

      // USSD: a dial string with markup in it is no dial string the core recognises: an error screen with its
      // code, the string neither shown nor linked.
      await open(`${ref}_USSD`, { merchant: { mtnMerchantCode: '012345' } });
      await dialog.getByRole('radio', { name: /USSD/ }).check();
      await dialog.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
      await dialog.locator('[data-code="ussd.unrecognised"]').waitFor();
      expect(await dialog.locator('code.ussd').count()).toBe(0);
      expect(await dialog.textContent()).not.toContain(ussd);
      const ussdTags = await elements();

      // Only the widget's own elements: no img, script, b; the one svg is the QR code (title, rect, path).
      const own = new Set(['div', 'dialog', 'section', 'header', 'h2', 'h3', 'p', 'button', 'span', 'form', 'fieldset',
        'legend', 'label', 'input', 'progress', 'figure', 'figcaption', 'code', 'a', 'svg', 'title', 'rect', 'path', 'style']);
      for (const tags of [qrTags, paidTags, ussdTags]) expect(tags.filter((t) => !own.has(t))).toEqual([]);
      expect(qrTags.filter((t) => t === 'svg')).toHaveLength(1);
      await page.getByRole('dialog').hover();
      await page.waitForTimeout(300);  // an image error or an onload would have fired by now
      expect(await page.evaluate(() => window.__pwned)).toBe(0);
      const fetched = requested.map((r) => new URL(r.url).pathname);
      expect(fetched.filter((p) => ['/x', '/y', '/z'].includes(p))).toEqual([]);  // no <img> was ever made
      expect(fetched).toContain('/control');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
