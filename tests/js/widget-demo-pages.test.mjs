// The pages around the widget speak as it does: the demo bill page follows ?lang=en|rw|fr for its own words
// (headings, labels, the test-number table with this sandbox's expiry, the result line under the widget), the
// start-up banner names the configured sandbox expiry, and /validate writes amounts as "RWF 15,000".
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import { JSDOM } from 'jsdom';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { start, banner } = require('../../web/shop/server.js');
const { WORDS } = require('../../web/shop/words.js');

let app;
beforeAll(async () => {
  app = await start({ port: 0, sandboxPort: 0, dbPath: ':memory:', expiryMs: 90_000 });
});
afterAll(async () => {
  if (app) await app.close();
});

const page = async (query) => (await fetch(`${app.url}${query}`, { headers: { 'Accept-Encoding': 'identity' } })).text();
const between = (html, tag) => [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))]
  .map((m) => m[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
const unescape = (text) => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('the bill page in the checkout\'s language', () => {
  test.each([
    ['en', 'Pay your water bill', 'Amount due', 'RWF 15,000', 'never approved: EXPIRED after 90\u00a0s'],
    ['rw', 'Ishyura fagitire y’amazi', 'Amafaranga yo kwishyura', 'RWF 15,000', 'ntibyemezwa: EXPIRED nyuma y’amasegonda 90'],
    ['fr', 'Payez votre facture d’eau', 'Montant dû', '15\u202f000\u00a0RWF', 'jamais approuvé\u00a0: EXPIRED après 90\u00a0s'],
  ])('%s: headings, labels, amounts and the test numbers', async (lang, h1, due, amount, never) => {
    const html = unescape(await page(`?account=800000001&lang=${lang}`));
    expect(html).toMatch(new RegExp(`<html lang="${lang}">`));
    expect(between(html, 'h1')).toEqual([h1]);
    expect(html).toContain(`${due} <strong class="total">${amount}</strong>`);
    const w = WORDS[lang];
    expect(between(html, 'dt')).toEqual([w.customer, w.account, w.meter, w.orderReference]);
    expect(between(html, 'h2')).toEqual([expect.any(String), w.tryTitle]);
    expect(html).toContain(w.lines[0]);
    expect(html).toContain(never);  // this sandbox's expiry, not "10 min"
    expect(html).toContain(`<title>${w.title}</title>`);
    // The widget gets the same language.
    expect(html).toContain(`data-locale="${lang}"`);
  });

  test('another language than the three: English', async () => {
    expect(between(await page('?account=800000001&lang=de'), 'h1')).toEqual(['Pay your water bill']);
  });
});

describe('the result line under the widget (web/shop/public/bill.js)', () => {
  const BILL_JS = fs.readFileSync(path.join(ROOT, 'web/shop/public/bill.js'), 'utf8');
  function run(lang) {
    const dom = new JSDOM(`<!doctype html><html lang="${lang}"><body><p id="pay-result"></p></body></html>`, { runScripts: 'outside-only' });
    dom.window.eval(BILL_JS);
    const emit = (type, detail) => dom.window.document.dispatchEvent(new dom.window.CustomEvent(type, { detail }));
    const result = () => dom.window.document.getElementById('pay-result').textContent.trim();
    return { emit, result };
  }

  test.each([
    ['en', 'Thank you: your bill is paid', 'The payment did not go through.', 'You stopped waiting.'],
    ['rw', 'Murakoze: fagitire yawe yishyuwe', 'Kwishyura ntibyakunze.', 'Wahagaritse gutegereza.'],
    ['fr', 'Merci\u00a0: votre facture est payée', "Le paiement n’a pas abouti.", 'Vous avez cessé d’attendre.'],
  ])('%s', (lang, paid, failed, stopped) => {
    const { emit, result } = run(lang);
    emit('ltgs:status', { stoppedWaiting: true });
    expect(result()).toMatch(new RegExp(`^${stopped}`));
    emit('ltgs:failure', { status: 'FAILED', error: { code: 'failure.insufficient_funds' } });
    expect(result()).toMatch(new RegExp(`^${failed}`));
    emit('ltgs:success', { paymentRefId: 'MTN_1' });
    expect(result()).toMatch(new RegExp(`^${paid}`));
    expect(result()).toContain('MTN_1');
  });

  test('a status endpoint that refuses us is not "could not be started": the payment may still go through', () => {
    const { emit, result } = run('en');
    emit('ltgs:failure', { status: 'PENDING', error: { code: 'poll.unauthorized', httpStatus: 401 } });
    expect(result()).toMatch(/^We could not confirm the payment yet/);
  });
});

test('the start-up banner names the sandbox\'s configured expiry', () => {
  const text = banner(app, { dbPath: ':memory:', expiryMs: 90_000 });
  expect(text).toContain('0788000003  never approved: EXPIRED after 90 s');
  expect(text).toContain('(at most 90 s)');
  expect(text).not.toMatch(/10 min/);
  expect(banner(app, { dbPath: ':memory:' })).toContain('EXPIRED after 10 min');
});

test('/validate writes the amount as "RWF 15,000", like the widget and the shop', async () => {
  const html = fs.readFileSync(path.join(ROOT, 'web/shop/validate/index.html'), 'utf8')
    .replace(/<script\b[^>]*><\/script>/g, '');
  const dom = new JSDOM(html, { runScripts: 'outside-only' });
  const { factory, wasmBinary } = require('./core-loader.js').coreFiles();
  dom.window.createCheckoutModule = (options) => factory({ ...options, wasmBinary });
  dom.window.eval(fs.readFileSync(path.join(ROOT, 'web/shop/validate/demo.js'), 'utf8'));
  const message = dom.window.document.getElementById('m-Total_Amount_to_Pay');
  for (let i = 0; i < 50 && !message.textContent; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(message.textContent).toBe('RWF 15,000 (whole francs)');
});
