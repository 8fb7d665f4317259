// Accessibility of every screen of the widget, in real browsers (Chromium and Firefox ESR): axe-core runs on
// the whole page, shadow DOM included, for each screen in the light and dark themes and at 320 px wide; then
// keyboard use (Tab reaches every control, focus stays in the dialog, Escape closes, focus returns to the pay
// button) and reduced motion.
//
// The page keeps the strict Content-Security-Policy: axe is injected as an init script (added by the browser's
// automation protocol, which the page's CSP does not govern), so the widget runs as it does on a partner's page
// and no violation is reported.
'use strict';

const fs = require('fs');
const path = require('path');
const { startServer, ROOT } = require('./harness');
const { ENGINES, openEngine, openPage: openContext } = require('./driver');
const { loadCore } = require('../js/core-loader.js');

jest.setTimeout(90_000);

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const AMOUNT = 15000;
let EMV;  // an EMVCo payload built by the core, below

// The page: a partner's bill with landmarks, the script tag (the pay button), and a same-origin page script
// with a helper that opens the modal checkout with given options.
const PAGE = (theme) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kigali Water: pay your bill</title></head>
<body><header><p>Kigali Water</p></header>
<main><h1>Your water bill</h1><p>May 2025: RWF 15,000</p>
<script src="/dist/ltgs-checkout.js" data-reference="LTGSINV_A11Y_BTN" data-amount="15000"
  data-services-name="Water Bill - May 2025" data-initiate-url="/checkout/initiate" data-status-url="/checkout/status"
  data-theme="${theme}" data-locale="en"></script>
</main>
<script src="/page.js"></script>
</body></html>`;

const PAGE_JS = `'use strict';
window.openCheckout = (reference, extra) => {
  if (window.__checkout) window.__checkout.close();
  window.__checkout = LTGSCheckout.open(Object.assign({
    payment: { Sale_Reference_ID: reference, Total_Amount_to_Pay: 15000, Services_Name: 'Water Bill - May 2025',
      Phone_Number: '0788123456', Customer_KYC_ID: '1199999999999999' },
    initiateUrl: '/checkout/initiate', statusUrl: '/checkout/status', locale: 'en',
    merchant: { mtnMerchantCode: '012345' },
  }, extra));
};
`;

// The backend answers by reference: …_PAID, …_FAILED, …_EXPIRED end at once; anything else stays PENDING.
// A QR initiation carries an EMVCo payload, a USSD one the dial string; …_NOQR has no payload yet.
function outcomeFor(ref) {
  for (const word of ['PAID', 'FAILED', 'EXPIRED']) if (ref.includes(`_${word}`)) return word;
  return 'PENDING';
}
function statusDoc(ref) {
  const status = outcomeFor(ref);
  return {
    Sale_Reference_ID: ref, Payment_Status: status,
    Payment_Channel: status === 'PAID' ? 'MTN MoMo' : null,
    Payment_Ref_ID: status === 'PAID' ? 'MTN_A11Y_1' : null,
    Total_Amount_Paid: status === 'PAID' ? AMOUNT : null,
    Paid_On: status === 'PAID' ? '2026-11-28 10:00:00' : null,
  };
}

let engine;
let site;
beforeAll(async () => {
  const core = await loadCore();
  EMV = core.emvBuild({ guid: 'rw.ltgs.sandbox', merchantId: 'SANDBOX0001', mcc: '4900', merchantName: 'Kigali Water',
    merchantCity: 'Kigali', amount: AMOUNT, reference: 'LTGSINV_A_WAIT_QR' }).value;
  site = await startServer({
    pages: { '/light': PAGE('light'), '/dark': PAGE('dark') },
    backend: (req, body, url) => {
      if (url.pathname === '/page.js') return { body: PAGE_JS, headers: { 'Content-Type': 'text/javascript' } };
      if (req.method === 'POST' && url.pathname === '/checkout/initiate') {
        const sent = JSON.parse(body);
        const doc = statusDoc(sent.Sale_Reference_ID);
        if (sent.Payment_Method === 'QR' && !sent.Sale_Reference_ID.includes('NOQR')) doc.QR_Payload = EMV;
        if (sent.Payment_Method === 'USSD') doc.USSD_Code = '*182*8*1*012345*15000#';
        return { status: 201, body: JSON.stringify(doc) };
      }
      if (req.method === 'GET' && url.pathname.startsWith('/checkout/status/')) {
        return { body: JSON.stringify(statusDoc(decodeURIComponent(url.pathname.split('/').pop()))) };
      }
      return undefined;
    },
  });
});

afterAll(async () => {
  if (site) site.server.close();
});

async function openPage(theme, viewport, options = {}) {
  const opened = await openContext(engine, { viewport, ...options });
  await opened.context.addInitScript(AXE);
  await opened.page.goto(`${site.url}/${theme}`);
  await opened.page.getByRole('button', { name: /Pay RWF\s15,000/ }).waitFor();
  return opened;
}

// axe on the whole document (open shadow roots included); violations as readable lines.
async function axeViolations(page) {
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`);
}

// Each screen: how to get there from a fresh page, and what shows it is there.
const SCREENS = [
  ['pay button', async () => {}],
  ['form with errors', async (page) => {
    await page.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mobile money number').fill('0252 123 456');
    await dialog.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
    await dialog.getByText(/landline/).waitFor();
    await dialog.getByText(/Please correct/i).or(dialog.getByRole('alert')).first().waitFor();
  }],
  ['method choice', async (page) => {
    await page.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mobile money number').fill('0788 123 456');
    await dialog.getByLabel('National ID number').fill('1199999999999999');
    await dialog.getByRole('radio', { name: /MTN MoMo/ }).waitFor();
  }],
  ['waiting MTN', (page) => pay(page, 'LTGSINV_A_WAIT_MTN', 'MTN_MOMO', /Approve the payment/)],
  ['waiting QR', async (page) => {
    await pay(page, 'LTGSINV_A_WAIT_QR', 'QR', /Scan to pay/);
    await page.getByRole('dialog').locator('.qr svg').waitFor();
  }],
  ['waiting USSD', async (page) => {
    await pay(page, 'LTGSINV_A_WAIT_USSD', 'USSD', /Dial/);
    await page.getByRole('dialog').getByRole('button', { name: 'Copy code' }).waitFor();
  }],
  ['success', (page) => pay(page, 'LTGSINV_A_PAID', 'MTN_MOMO', /Payment received/)],
  ['failure', (page) => pay(page, 'LTGSINV_A_FAILED', 'MTN_MOMO', /Payment not completed/)],
  ['expired', (page) => pay(page, 'LTGSINV_A_EXPIRED', 'MTN_MOMO', /Payment timed out/)],
  ['stopped waiting', async (page) => {
    await pay(page, 'LTGSINV_A_WAIT_CANCEL', 'MTN_MOMO', /Approve the payment/);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel payment' }).click();
    await page.getByRole('dialog').getByRole('heading', { name: 'You stopped waiting' }).waitFor();
  }],
];

// Opens the modal checkout for `reference`, picks `method`, pays, and waits for a heading matching `heading`.
async function pay(page, reference, method, heading) {
  await page.evaluate(([ref]) => window.openCheckout(ref), [reference]);
  const dialog = page.getByRole('dialog');
  await dialog.locator(`input[type=radio][value=${method}]`).check();
  await dialog.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
  await dialog.getByRole('heading', { name: heading }).waitFor();
}

// The focused element, looking through shadow roots, described for readable failures.
async function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return null;
    const cs = getComputedStyle(a);
    const inDialog = Boolean(a.closest('dialog[open]'));
    const name = a.getAttribute('aria-label') || (a.labels && a.labels[0] && a.labels[0].textContent) || a.textContent;
    const dialog = a.closest('dialog');
    const index = dialog ? [...dialog.querySelectorAll('*')].indexOf(a) : -1;  // two "Close" buttons are two stops
    return {
      key: `${a.tagName.toLowerCase()}${a.type ? `[${a.type}]` : ''} ${String(name).trim().replace(/\s+/g, ' ').slice(0, 40)} #${index}`,
      inDialog, outline: `${cs.outlineStyle} ${cs.outlineWidth}`, pay: a.classList.contains('pay'),
    };
  });
}

// Presses Tab around the open dialog twice and Shift+Tab once around: every control is reached (one stop
// per radio group), focus never leaves the dialog and is always drawn. Returns problems as readable lines.
async function tabCycle(page) {
  const controls = await page.evaluate(() => {
    const root = document.querySelector('ltgs-checkout[mode="modal"], ltgs-checkout').shadowRoot;
    const dialog = [...document.querySelectorAll('ltgs-checkout')].map((h) => h.shadowRoot.querySelector('dialog[open]')).find(Boolean)
      || root.querySelector('dialog');
    const all = [...dialog.querySelectorAll('button, input, a[href], select, textarea, [tabindex]:not([tabindex="-1"])')];
    const visible = all.filter((e) => !e.disabled && e.getClientRects().length > 0);
    const groups = new Set();
    return visible.filter((e) => {
      if (e.type !== 'radio') return true;
      if (groups.has(e.name)) return false;
      groups.add(e.name);
      return true;
    }).length;
  });
  const problems = [];
  const stops = [];
  for (let i = 0; i < controls * 2; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(f.key);
    if (!f.inDialog) problems.push(`Tab left the dialog, to ${f.key}`);
    if (!/^solid ([2-9]|\d\d)/.test(f.outline)) problems.push(`no visible focus on ${f.key} (outline ${f.outline})`);
  }
  const distinct = [...new Set(stops)];
  if (distinct.length !== controls) problems.push(`Tab reached ${distinct.length} of ${controls} controls: ${distinct.join(' / ')}`);
  if (stops.slice(controls).join('|') !== stops.slice(0, controls).join('|')) problems.push(`Tab order is not a cycle: ${stops.join(' / ')}`);
  const back = [];
  for (let i = 0; i < controls; i++) {
    await page.keyboard.press('Shift+Tab');
    const f = await focused(page);
    back.push(f.key);
    if (!f.inDialog) problems.push(`Shift+Tab left the dialog, to ${f.key}`);
  }
  if (new Set(back).size !== controls) problems.push(`Shift+Tab reached ${new Set(back).size} of ${controls} controls`);
  return { controls, stops: distinct, problems };
}

describe.each(ENGINES)('%s', (engineName) => {
  beforeAll(async () => { engine = await openEngine(engineName); });
  afterAll(async () => {
    if (engine) await engine.close();
    engine = undefined;
  });

  describe.each([
    ['light', undefined],
    ['dark', undefined],
    ['light', { width: 320, height: 640 }],
    ['dark', { width: 320, height: 640 }],
  ])('axe: %s theme, viewport %j', (theme, viewport) => {
    test('every screen has no violation', async () => {
      const { page, context, errors } = await openPage(theme, viewport);
      const found = [];
      try {
        for (const [name, reach] of SCREENS) {
          await page.goto(`${site.url}/${theme}`);
          await page.getByRole('button', { name: /Pay RWF\s15,000/ }).waitFor();
          try {
            await reach(page);
          } catch (err) {  // said, and the other screens still checked
            found.push(`${name}: not reached: ${err.message.split('\n')[0]}`);
            continue;
          }
          for (const line of await axeViolations(page)) found.push(`${name}: ${line}`);
          if (name !== 'pay button' && theme === 'light' && !viewport) {
            for (const line of (await tabCycle(page)).problems) found.push(`${name}: ${line}`);
          }
          if (viewport) {
            // Readable at 320 px: nothing in the widget is wider than the viewport.
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
            if (overflow > viewport.width) found.push(`${name}: page scrolls sideways (${overflow} px)`);
          }
        }
        expect(found).toEqual([]);
        expect(await page.evaluate(() => window.__violations)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  describe('keyboard', () => {
    test('Tab reaches every control, focus stays in the dialog, Escape closes and focus returns to the pay button', async () => {
      const { page, context, errors } = await openPage('light');
      try {
        await page.evaluate(() => {
          window.__closed = [];
          document.addEventListener('ltgs:close', (e) => window.__closed.push(e.detail.status));
        });
        // From the top of the page, Tab reaches the pay button; Enter opens the dialog.
        await page.locator('h1').click();
        await page.keyboard.press('Tab');
        expect(await focused(page)).toMatchObject({ pay: true });
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        // Focus moved into the dialog, onto the first field.
        expect(await focused(page)).toMatchObject({ key: expect.stringMatching(/^input\[tel\] Mobile money number/), inDialog: true });
        await page.keyboard.type('0788123456');
        await page.keyboard.press('Tab');
        await page.keyboard.type('1199999999999999');
        await dialog.getByRole('radio', { name: /MTN MoMo/ }).waitFor();

        const cycle = await tabCycle(page);
        expect(cycle.problems).toEqual([]);
        expect(cycle.stops).toHaveLength(6);
        expect(cycle.stops).toEqual(expect.arrayContaining([
          expect.stringMatching(/^button\[button\] Close/),
          expect.stringMatching(/^input\[tel\] Mobile money number/),
          expect.stringMatching(/^input\[text\] National ID number/),
          expect.stringMatching(/^input\[email\] /),
          expect.stringMatching(/^input\[radio\] MTN MoMo/),
          expect.stringMatching(/^button\[submit\] Pay RWF/),
        ]));

        // Arrow keys move between the payment options; Escape closes; focus is back on the pay button.
        await dialog.getByRole('radio', { name: /MTN MoMo/ }).focus();
        await page.keyboard.press('ArrowDown');
        expect(await dialog.getByRole('radio', { name: /QR/ }).isChecked()).toBe(true);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        expect(await page.evaluate(() => window.__closed)).toEqual(['CLOSED']);
        expect(await focused(page)).toMatchObject({ pay: true });
        // And it opens again from the keyboard, focus inside.
        await page.keyboard.press('Enter');
        await dialog.waitFor();
        expect(await focused(page)).toMatchObject({ inDialog: true });
        // The close button works from the keyboard too.
        await dialog.getByRole('button', { name: 'Close' }).focus();
        await page.keyboard.press('Enter');
        await dialog.waitFor({ state: 'hidden' });
        expect(await focused(page)).toMatchObject({ pay: true });
        expect(await page.evaluate(() => window.__violations)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    test('status changes reach assistive technology while the dialog is open: a live region, or focus on the result', async () => {
      const { page, context } = await openPage('light');
      try {
        // The browser's view of polite live regions (Chromium: its accessibility tree; Firefox: see the driver). A
        // modal dialog hides the rest of the page from it, so the live region must be inside the dialog to be
        // exposed at all.
        const liveRegions = () => page.liveRegions();
        await pay(page, 'LTGSINV_A_LIVE_WAIT', 'MTN_MOMO', /Approve the payment/);
        expect(await liveRegions()).toEqual(['status: Waiting for your approval']);
        // The result: focus moves to its heading (read out), and the live region does not say it a second time.
        await pay(page, 'LTGSINV_A_LIVE_PAID', 'MTN_MOMO', /Payment received/);
        expect(await focused(page)).toMatchObject({ key: expect.stringMatching(/^h3 Payment received/), inDialog: true });
        expect(await liveRegions()).toEqual(['status: ']);
      } finally {
        await context.close();
      }
    });

    // Each preference in a context of its own (Firefox has it per browser, not per page).
    test.each([['no-preference', { name: 'ltgs-spin', running: 1 }], ['reduce', { name: 'none', running: 0 }]])(
      'reduced motion stops the spinner (prefers-reduced-motion: %s)', async (reducedMotion, want) => {
        const { page, context } = await openPage('light', undefined, { reducedMotion });
        try {
          // A QR payment whose code has not come yet shows a spinner in its place.
          await page.evaluate(() => window.openCheckout('LTGSINV_A_WAIT_NOQR'));
          const dialog = page.getByRole('dialog');
          await dialog.locator('input[type=radio][value=QR]').check();
          await dialog.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
          await dialog.getByRole('heading', { name: /Scan to pay/ }).waitFor();
          const spinner = dialog.locator('.spinner').first();
          await spinner.waitFor();
          const motion = () => spinner.evaluate((e) => ({
            name: getComputedStyle(e).animationName, running: e.getAnimations().filter((a) => a.playState === 'running').length,
          }));
          expect(await motion()).toEqual(want);
        } finally {
          await context.close();
        }
      },
    );
  });
});
