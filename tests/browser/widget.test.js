// The script-tag widget in real headless Chromium, under a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval', no inline scripts or styles): the button appears, the form
// validates through the wasm core, a payment completes, and no CSP violation is reported.
'use strict';

const { startServer, launch, newPage } = require('./harness');

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

let browser;
let site;
const requests = [];
let statusCalls = 0;

beforeAll(async () => {
  browser = await launch();
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

afterAll(async () => {
  if (browser) await browser.close();
  if (site) site.server.close();
});

test.each([['/', 'ltgs-checkout.js + .wasm'], ['/single', 'single file']])(
  '%s (%s): button, live validation, payment to PAID, no CSP violation',
  async (pathname) => {
    requests.length = 0;
    const { page: p, errors, context } = await newPage(browser);
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

test('two script tags: one global, two buttons, each its own payment', async () => {
  const { page: p, errors, context } = await newPage(browser);
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
