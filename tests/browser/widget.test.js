// The script-tag widget in real browsers (Chromium and Firefox ESR), under a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval', no inline scripts or styles): the button appears, the form
// validates through the wasm core, a payment completes, and no CSP violation is reported.
'use strict';

const { startServer } = require('./harness');
const { ENGINES, openEngine, openPage } = require('./driver');

jest.setTimeout(120_000);

const REF = 'LTGSINV_B_001';
const page = (script, attrs = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kigali Water</title></head>
<body><h1>Pay your water bill</h1>
<p>Bill May 2025</p>
<script src="/dist/${script}" data-reference="${REF}" data-amount="15000" data-services-name="Water Bill - May 2025"
  data-initiate-url="/checkout/initiate" data-status-url="/checkout/status" ${attrs}></script>
<p id="after">after the button</p>
</body></html>`;

let site;
const requests = [];
let statusCalls = 0;

beforeAll(async () => {
  site = await startServer({
    pages: {
      '/': page('ltgs-checkout.js'),
      '/single': page('ltgs-checkout.single.js'),
      '/two': page('ltgs-checkout.js').replace('<p id="after">', `<script src="/dist/ltgs-checkout.js" data-reference="LTGSINV_B_002"
        data-amount="2500" data-services-name="Sewer fee" data-initiate-url="/checkout/initiate" data-status-url="/checkout/status"></script><p id="after">`),
    },
    backend: (req, body, url) => {
      requests.push(`${req.method} ${url.pathname}`);
      if (req.method === 'POST' && url.pathname === '/checkout/initiate') {
        const sent = JSON.parse(body);
        return { status: 201, body: JSON.stringify({ Sale_Reference_ID: sent.Sale_Reference_ID, Payment_Status: 'PENDING' }) };
      }
      if (req.method === 'GET' && url.pathname.startsWith('/checkout/status/')) {
        const ref = decodeURIComponent(url.pathname.split('/').pop());
        statusCalls++;
        return {
          body: JSON.stringify({ Sale_Reference_ID: ref, Payment_Status: 'PAID', Payment_Channel: 'MTN MoMo',
            Payment_Ref_ID: 'MTN_777', Total_Amount_Paid: 15000, Paid_On: '2026-11-28 10:00:00' }),
        };
      }
      return undefined;
    },
  });
});

afterAll(() => {
  if (site) site.server.close();
});

describe.each(ENGINES)('%s', (engineName) => {
  let engine;
  beforeAll(async () => { engine = await openEngine(engineName); });
  afterAll(async () => { if (engine) await engine.close(); });

  test.each([['/', 'ltgs-checkout.js + .wasm'], ['/single', 'single file']])(
    '%s (%s): button, live validation, payment to PAID, no CSP violation',
    async (pathname) => {
      requests.length = 0;
      const { page: p, errors, context } = await openPage(engine);
      await p.goto(site.url + pathname);
      const pay = p.getByRole('button', { name: /Pay RWF\s15,000/ });
      await pay.waitFor();
      // Rendered where the tag stands: between the bill and the paragraph after it.
      expect(await p.evaluate(() => document.querySelector('ltgs-checkout').nextElementSibling.id)).toBe('after');
      await pay.click();
      const dialog = p.getByRole('dialog');
      await dialog.waitFor();
      const phone = dialog.getByLabel('Mobile money number');
      await phone.fill('0252 123 456');
      await phone.press('Tab');
      await expect(phone.getAttribute('aria-invalid')).resolves.toBe('true');
      expect(await dialog.locator('.error').first().textContent()).toMatch(/landline/i);
      await phone.fill('0788 123 456');
      await dialog.getByLabel('National ID number').fill('1199999999999999');
      await expect(phone.getAttribute('aria-invalid')).resolves.toBe('false');
      await dialog.getByRole('radio', { name: /MTN MoMo/ }).waitFor();
      await dialog.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
      await dialog.getByText('Payment received').waitFor({ timeout: 20_000 });
      expect(await dialog.textContent()).toContain('MTN_777');
      expect(await p.evaluate(() => window.__violations)).toEqual([]);
      expect(errors).toEqual([]);
      if (pathname === '/single') expect(requests.some((r) => r.endsWith('.wasm'))).toBe(false);
      await context.close();
    },
  );

  // A customer types a number and presses Pay at once: leaving the field shows its message above the button, so
  // the button moves while it is held down. The press must still submit the form (here: refused, with the
  // form's own message), wherever the release lands.
  test('Pay pressed straight after typing in a field submits the form', async () => {
    const { page: p, errors, context } = await openPage(engine);
    await p.goto(`${site.url}/`);
    await p.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('Mobile money number').fill('0252 123 456');  // the field still has focus
    await p.evaluate(() => {
      const root = document.querySelector('ltgs-checkout').shadowRoot;
      const top = () => root.querySelector('button[type=submit]').getBoundingClientRect().top;
      window.__press = {};
      root.addEventListener('pointerdown', () => { window.__press.down = top(); }, true);
      root.addEventListener('mouseup', (e) => {
        window.__press.up = top();
        window.__press.releasedOn = e.composedPath()[0].localName;
      }, true);
    });
    await dialog.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
    const submitted = await dialog.getByText('Please correct the highlighted fields.').waitFor({ timeout: 3_000 })
      .then(() => true, () => false);
    const press = await p.evaluate(() => window.__press);
    expect(submitted ? 'submitted' : `not submitted: the button moved ${Math.round(press.up - press.down)} px while `
      + `pressed, and the release landed on a <${press.releasedOn}>`).toBe('submitted');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('two script tags: one global, two buttons, each its own payment', async () => {
    const { page: p, errors, context } = await openPage(engine);
    await p.goto(`${site.url}/two`);
    await p.getByRole('button', { name: /Pay RWF\s2,500/ }).waitFor();
    expect(await p.locator('ltgs-checkout').count()).toBe(2);
    expect(await p.evaluate(() => typeof window.LTGSCheckout.open)).toBe('function');
    await p.getByRole('button', { name: /Pay RWF\s15,000/ }).click();
    await p.getByRole('dialog').getByText('Water Bill - May 2025').waitFor();
    expect(await p.evaluate(() => window.__violations)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
