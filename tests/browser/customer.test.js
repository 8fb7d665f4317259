// The customer always knows what is happening and what to do next, on a phone, on a bad network: real
// Chromium and Firefox ESR at 360×740 (touch, coarse pointer), `npm start`'s servers in-process (sandbox, partner backend, demo shop)
// with a temporary SQLite file and a two-minute sandbox expiry. Each scenario checks what the customer sees:
//   - 0788000002 fails with INSUFFICIENT_FUNDS: the customer is told to top up (en, rw, fr);
//   - offline while waiting: "No connection" within 3 s; offline when pressing Pay: said before anything
//     is sent, no countdown; back online: the payment goes out;
//   - the countdown is the sandbox's expiry (two minutes), not the widget's own ten;
//   - "Didn't get the prompt?" opens its help and its status check;
//   - the payment options: name and hint on lines of their own; the recommendation follows a corrected number;
//   - with the ID field shown (a bill without the ID on file), "Pay RWF 15,000" is on screen without scrolling;
//   - USSD on an Android phone: the code on one line, "Dial now" first, no iPhone note.
// Screenshots of each screen in both engines and en, rw and fr go to docs/screenshots/<engine>-<lang>-customer-*.png.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const { ENGINES, openEngine, openPage, screenshotPath } = require('./driver');
const { start } = require('../../web/shop/server.js');
const { WORDS } = require('../../web/shop/words.js');

const PHONE = { width: 360, height: 740 };
const EXPIRY_MS = 120_000;
const LANGS = ['en', 'rw', 'fr'];
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

jest.setTimeout(120_000);

let app;
let engine;
let tmp;
let M;  // the widget's words: MESSAGES from web/widget/i18n-all.js

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-customer-'));
  ({ MESSAGES: M } = await import('../../web/widget/i18n-all.js'));
  app = await start({
    port: 0, sandboxPort: 0, dbPath: path.join(tmp, 'orders.sqlite'), expiryMs: EXPIRY_MS,
    // Test numbers end after 1 s; any other number stays pending for a minute (the waiting scenarios).
    sandboxDelays: { quickMs: 1_000, slowMs: 60_000 },
    limits: { attemptsPerPhone: 100 },
  });
});

afterAll(async () => {
  if (app) await app.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// Offline on purpose: the browser logs the requests it could not send.
const OFFLINE_NOISE = /ERR_INTERNET_DISCONNECTED|Failed to load resource|NetworkError/;

// One person's phone (touch, coarse pointer): CSP violations, console errors and uncaught exceptions recorded.
async function person({ userAgent } = {}) {
  const { context, page, problems } = await openPage(engine, { locale: 'en-US', timezoneId: 'Africa/Kigali',
                                                              viewport: PHONE, mobile: true, userAgent });
  return { context, page, problems };
}
const unexpected = (problems) => problems.filter((p) => !OFFLINE_NOISE.test(p));
const shot = (page, lang, name) => page.screenshot({ path: screenshotPath(page.engine, lang, `customer-${name}`) });

let accounts = 700000000;
async function openBill(page, lang = 'en') {
  await page.goto(`${app.url}?${new URLSearchParams({ account: String((accounts += 1)), lang })}`);
  return (await page.locator('#order-reference').textContent()).trim();
}

// The bill's pay button → the dialog.
async function openDialog(page) {
  await page.locator('ltgs-checkout button.pay').click();
  const dialog = page.locator('ltgs-checkout dialog');
  await dialog.waitFor();
  return dialog;
}

async function startPayment(page, { phone, method = 'MTN_MOMO' }) {
  const dialog = await openDialog(page);
  await dialog.locator('input[name=Phone_Number]').fill(phone);
  await dialog.locator(`input[type=radio][value=${method}]`).check();
  await dialog.locator('button[type=submit]').click();
  return dialog;
}

// The checkout of this bill, opened by LTGSCheckout.open: without the ID on file (the customer types it), or
// with the merchant's MTN MoMo Pay code (USSD). The page's checkout token is the bill's.
async function openCheckout(page, lang, extra = {}) {
  await page.evaluate(({ lang, extra }) => {
    const tag = document.querySelector('script[data-reference]');
    const d = tag.dataset;
    window.LTGSCheckout.open({
      payment: { Sale_Reference_ID: d.reference, Total_Amount_to_Pay: Number(d.amount), Services_Name: d.servicesName,
                 ...(extra.kyc ? { Customer_KYC_ID: d.kycId } : {}) },
      initiateUrl: d.initiateUrl, statusUrl: d.statusUrl, checkoutToken: d.checkoutToken, locale: lang,
      ...(extra.merchant ? { merchant: extra.merchant, methods: ['MTN_MOMO', 'QR', 'USSD'] } : {}),
    });
  }, { lang, extra });
  const dialog = page.locator('ltgs-checkout[mode=modal] dialog');
  await dialog.waitFor();
  return dialog;
}

// "10:07": a time of day as the widget writes it for a customer in Kigali.
const kigaliClock = (ms) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  timeZone: 'Africa/Kigali' }).format(new Date(ms));

const seconds = (mss) => {
  const [m, s] = mss.split(':').map(Number);
  return m * 60 + s;
};

describe.each(ENGINES)('%s', (engineName) => {
  beforeAll(async () => { engine = await openEngine(engineName); });
  afterAll(async () => {
    if (engine) await engine.close();
    engine = undefined;
  });

  describe.each(LANGS)('%s', (lang) => {
    const t = (key, params = {}) => M[lang][key].replace(/\{([a-z]+)\}/gi, (whole, name) => params[name] ?? whole);

    test('the bill page speaks the checkout\'s language, and its Pay button is above the fold', async () => {
      const { context, page, problems } = await person();
      await openBill(page, lang);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('h1').textContent()).toBe(WORDS[lang].h1);
      const pay = page.locator('ltgs-checkout button.pay');
      const spaces = (text) => text.replace(/\s/g, ' ').trim();  // no-break or narrow spaces as Intl writes them
      expect(spaces(await pay.textContent())).toBe(spaces(t('pay.button', { amount: await page.locator('.total').textContent() })));
      const box = await pay.boundingBox();
      expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
      await shot(page, lang, 'bill');
      expect(unexpected(problems)).toEqual([]);
      await context.close();
    });

    test('0788000002 fails for lack of funds: the customer is told to top up', async () => {
      const { context, page, problems } = await person();
      await openBill(page, lang);
      const dialog = await startPayment(page, { phone: '0788000002' });
      await dialog.locator('h3', { hasText: t('result.failed.title') }).waitFor({ timeout: 15_000 });
      const reason = dialog.locator('.reason');
      expect(await reason.textContent()).toBe(t('failure.insufficient_funds'));
      expect(await reason.getAttribute('data-code')).toBe('failure.insufficient_funds');
      expect(await dialog.textContent()).toContain(t('result.failed.body'));
      await shot(page, lang, 'failed-funds');
      // The page under the dialog says so too.
      await page.locator('#pay-result.failed').waitFor({ state: 'attached' });
      expect(unexpected(problems)).toEqual([]);
      await context.close();
    });

    test('the form with the ID field: "Pay" on screen without scrolling; names and hints on lines of their own', async () => {
      const { context, page, problems } = await person();
      await openBill(page, lang);
      const dialog = await openCheckout(page, lang);
      await dialog.locator('input[name=Phone_Number]').fill('0788123456');
      await dialog.locator('input[name=Customer_KYC_ID]').fill('1199-0700-1234-5012');  // hyphens: accepted
      await dialog.locator('input[type=radio][value=MTN_MOMO]').waitFor();
      const pay = dialog.locator('button[type=submit]');
      expect((await pay.textContent()).replace(/\s/g, ' ')).toMatch(/RWF|15/);
      const box = await pay.boundingBox();
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
      expect(await dialog.evaluate((d) => d.scrollTop)).toBe(0);  // nothing was scrolled to get there
      expect(await dialog.locator('input[name=Customer_KYC_ID]').getAttribute('aria-invalid')).toBe('false');
      // Each option: the hint's box starts below the name's (they do not share a line).
      const options = dialog.locator('label.option');
      expect(await options.count()).toBeGreaterThanOrEqual(2);
      for (let i = 0; i < await options.count(); i += 1) {
        const name = await options.nth(i).locator('.name').boundingBox();
        const hint = await options.nth(i).locator('.hint').boundingBox();
        expect(hint.y).toBeGreaterThanOrEqual(name.y + name.height - 1);
      }
      await shot(page, lang, 'form-id');
      expect(unexpected(problems)).toEqual([]);
      await context.close();
    });

    test('waiting: LTGS\'s countdown, "Didn\'t get the prompt?" and its check', async () => {
      const { context, page, problems } = await person();
      const ref = await openBill(page, lang);
      const dialog = await startPayment(page, { phone: '0788123401' });  // pending for a minute
      await dialog.locator('h3', { hasText: t('waiting.push.title') }).waitFor();
      // The countdown is the sandbox's two minutes (the widget's own lifetime would be ten), with its end.
      const countdown = dialog.locator('.countdown');
      await countdown.filter({ hasText: /[0-9]:[0-9]{2}/ }).waitFor();
      const words = await countdown.textContent();
      const m = /([0-9]+:[0-9]{2})[^0-9]+([0-9]{2}:[0-9]{2})/.exec(words);
      expect(m).not.toBeNull();
      expect(seconds(m[1])).toBeLessThanOrEqual(EXPIRY_MS / 1000);
      expect(seconds(m[1])).toBeGreaterThan(EXPIRY_MS / 1000 - 20);
      const clock = kigaliClock(app.sandbox.instance.payment(ref).expiresAt);
      expect(m[2]).toBe(clock);
      expect(await countdown.getAttribute('data-source')).toBe('ltgs');
      expect(await dialog.locator('progress').getAttribute('value')).not.toBeNull();
      await shot(page, lang, 'waiting-push');

      // "Didn't get the prompt?": the number, why no second prompt, a check.
      const toggle = dialog.locator('button.linklike');
      expect(await toggle.textContent()).toBe(t('prompt.toggle'));
      await toggle.click();
      const help = dialog.locator('.prompt-help');
      await help.waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const helpText = await help.textContent();
      expect(helpText).toContain(t('prompt.sentTo', { phone: '0788123401' }));
      expect(helpText).toContain(t('prompt.sameRequest', { time: clock }));
      await help.locator('button').click();
      await help.locator('.prompt-checked', { hasText: /[0-9]{2}:[0-9]{2}/ }).waitFor();
      await help.evaluate((e) => e.scrollIntoView({ block: 'nearest' }));
      await shot(page, lang, 'prompt-help');
      // The countdown runs (to the second), it is not a frozen bar.
      await countdown.filter({ hasText: new RegExp(`\\b(?!${m[1]})[0-9]:[0-9]{2}\\b`) }).waitFor({ timeout: 3_000 });
      expect(unexpected(problems)).toEqual([]);
      await context.close();
    });

    test('QR on a phone: a second device is needed; stopped waiting speaks of the code, not of a prompt', async () => {
      const { context, page, problems } = await person();
      const ref = await openBill(page, lang);
      const dialog = await openDialog(page);
      await dialog.locator('input[name=Phone_Number]').fill('0788123405');
      expect(await dialog.locator('label.option[for$="method-QR"] .hint').textContent()).toBe(t('method.QR.hintPhone'));
      await dialog.locator('input[type=radio][value=QR]').check();
      await dialog.locator('button[type=submit]').click();
      await dialog.locator('.qr svg').waitFor();
      expect(await dialog.textContent()).toContain(t('waiting.qr.bodyPhone'));
      await shot(page, lang, 'waiting-qr');
      await dialog.locator('.panel > .actions button').last().click();
      await dialog.locator('h3', { hasText: t('stopped.title') }).waitFor();
      const words = await dialog.textContent();
      expect(words).toContain(t('stopped.noteQr'));
      expect(words).toContain(t('stopped.body', { time: kigaliClock(app.sandbox.instance.payment(ref).expiresAt) }));
      await shot(page, lang, 'stopped-qr');
      expect(unexpected(problems)).toEqual([]);
      await context.close();
    });

    test('USSD on an Android phone: the code on one line, "Dial now" first, no iPhone note', async () => {
      const { context, page, problems } = await person({ userAgent: ANDROID });
      const ref = await openBill(page, lang);
      const dialog = await openCheckout(page, lang, { kyc: true, merchant: { mtnMerchantCode: '012345' } });
      await dialog.locator('input[name=Phone_Number]').fill('0788123402');
      await dialog.locator('input[type=radio][value=USSD]').check();
      await dialog.locator('button[type=submit]').click();
      const code = dialog.locator('code.ussd');
      await code.waitFor();
      expect(await code.textContent()).toBe('*182*8*1*012345*15000#');
      // One line: its text makes one line box, and the box is about one line high.
      const lines = await code.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        const style = getComputedStyle(el);
        return { tops: tops.size, height: el.getBoundingClientRect().height, font: parseFloat(style.fontSize),
                 padding: parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) };
      });
      expect(lines.tops).toBe(1);
      expect(lines.height - lines.padding).toBeLessThan(lines.font * 1.8);
      const actions = dialog.locator('.ussd-box + .actions > *');
      expect(await actions.nth(0).evaluate((e) => [e.tagName, e.classList.contains('primary')])).toEqual(['A', true]);
      expect(await actions.nth(0).textContent()).toBe(t('action.dial'));
      expect(await actions.nth(1).textContent()).toBe(t('action.copy'));
      expect(await dialog.textContent()).not.toContain(t('waiting.ussd.iosNote'));
      await shot(page, lang, 'waiting-ussd');
      // Stopped waiting: the words are about the code, not a prompt on a phone.
      await dialog.locator('.panel > .actions button').last().click();
      await dialog.locator('h3', { hasText: t('stopped.title') }).waitFor();
      expect(await dialog.textContent()).toContain(t('stopped.noteUssd'));
      // Until LTGS's end of the request, not the widget's own ten minutes.
      expect(await dialog.textContent()).toContain(t('stopped.body', { time: kigaliClock(app.sandbox.instance.payment(ref).expiresAt) }));
      await shot(page, lang, 'stopped-ussd');
      expect(unexpected(problems)).toEqual([]);
      await context.close();
    });
  });

  test.each(LANGS)('%s: offline while waiting: "No connection" within 3 s; back online, it goes', async (lang) => {
    const { context, page, problems } = await person();
    await openBill(page, lang);
    const dialog = await startPayment(page, { phone: '0788123403' });
    await dialog.locator('h3', { hasText: M[lang]['waiting.push.title'] }).waitFor();
    const notice = dialog.locator('.panel .connection');
    expect(await notice.isVisible()).toBe(false);
    const t0 = Date.now();
    await page.setOffline(true);
    await notice.filter({ hasText: M[lang]['connection.offline'] }).waitFor({ state: 'visible', timeout: 3_000 });
    expect(Date.now() - t0).toBeLessThan(3_000);
    await shot(page, lang, 'offline-waiting');
    await page.setOffline(false);
    await notice.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  test.each(LANGS)('%s: offline when pressing Pay: said before anything is sent, no countdown; sent once back online', async (lang) => {
    const { context, page, problems } = await person();
    await openBill(page, lang);
    const sent = page.recordRequests((r) => r.url.endsWith('/checkout/initiate'));
    const dialog = await openDialog(page);
    await dialog.locator('input[name=Phone_Number]').fill('0788123404');
    await dialog.locator('input[type=radio][value=MTN_MOMO]').check();
    await page.setOffline(true);
    await dialog.locator('button[type=submit]').click();
    const notice = dialog.locator('form .connection');
    await notice.filter({ hasText: M[lang]['connection.queued'] }).waitFor({ state: 'visible', timeout: 3_000 });
    await page.waitForTimeout(500);
    expect(sent).toEqual([]);
    expect(await dialog.locator('progress').count()).toBe(0);
    expect(await dialog.locator('.countdown').count()).toBe(0);
    // The notice and the button are on screen together.
    const box = await dialog.locator('button[type=submit]').boundingBox();
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    await shot(page, lang, 'offline-pay');
    await page.setOffline(false);
    await dialog.locator('.countdown').waitFor({ timeout: 10_000 });
    expect(sent).toHaveLength(1);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  test('the recommended method follows a corrected number (077… → 078…)', async () => {
    const { context, page, problems } = await person();
    await openBill(page);
    const dialog = await openDialog(page);
    const phone = dialog.locator('input[name=Phone_Number]');
    await phone.fill('0771234567');  // KT Rwanda: no wallet, QR only
    await dialog.locator('input[type=radio][value=QR]:checked').waitFor();
    expect(await dialog.locator('input[type=radio][value=MTN_MOMO]').count()).toBe(0);
    // On a phone the QR option says a second device is needed.
    expect(await dialog.locator('label.option[for$="method-QR"] .hint').textContent()).toBe(M.en['method.QR.hintPhone']);
    await phone.fill('0781234567');
    await dialog.locator('input[type=radio][value=MTN_MOMO]:checked').waitFor();
    expect(await dialog.locator('input[type=radio][value=QR]').isChecked()).toBe(false);
    await shot(page, 'en', 'method-follows-number');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});
