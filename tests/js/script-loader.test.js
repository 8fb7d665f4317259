// The script-tag loader (dist/ltgs-checkout.js, web/widget/script-tag.js) in a page (jsdom), with the files of
// dist/ served by a resource loader whose answer for ltgs-checkout.app.js is held back until the test lets it go:
//   - the pay button is drawn before the rest of the widget has arrived, in the page's language, and
//     window.LTGSCheckout exists at once;
//   - a click made meanwhile is kept: the checkout's dialog opens when the rest arrives, once;
//   - the second script inherits the tag's nonce and crossorigin, and carries integrity (the hash of the
//     ltgs-checkout.app.js built beside it) only when the tag itself has integrity;
//   - close() before the rest has arrived settles the result as CLOSED; the page's .wasm request is preloaded
//     once (not twice when the page has its own preload);
//   - ltgs-checkout.app.js has English only: a Kinyarwanda or French page has its language file requested at
//     once, in parallel with it (nonce, crossorigin and integrity as for it), an English page none; a language
//     chosen later (open({ locale })) is fetched then and shown when it has arrived; a language file that does
//     not load leaves the checkout in English, with a console warning that names it.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { JSDOM, ResourceLoader, VirtualConsole } = require('jsdom');
const { until } = require('./support/until');

const DIST = path.join(__dirname, '..', '..', 'dist');
const ORIGIN = 'https://shop.example';
const read = (name) => fs.readFileSync(path.join(DIST, name));

const TAG_DATA = 'data-reference="INV-2025-0042" data-amount="15000" data-services-name="Water Bill" ' +
  'data-initiate-url="/checkout/initiate" data-status-url="/checkout/status" data-checkout-token="ct1.test"';

// A page whose files named in hold (ltgs-checkout.app.js unless said otherwise) are answered only when
// release(name) is called, and whose files named in missing are not found.
function openPage(body, { lang = 'en', hold = ['ltgs-checkout.app.js'], missing = [] } = {}) {
  const errors = [];
  const warnings = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('error', (...args) => errors.push(args.map(String).join(' ')));
  virtualConsole.on('warn', (...args) => warnings.push(args.map(String).join(' ')));
  virtualConsole.on('jsdomError', (err) => errors.push(`jsdom: ${err.message}`));
  const held = new Map(hold.map((name) => {
    let release;
    const promise = new Promise((resolve) => { release = resolve; });
    return [name, { promise, release }];
  }));
  const release = (name = 'ltgs-checkout.app.js') => held.get(name).release();
  const requested = [];
  class Files extends ResourceLoader {
    fetch(url) {
      const name = new URL(url).pathname.split('/').pop();
      requested.push(name);
      const answer = missing.includes(name) ? Promise.reject(new Error(`404 ${url}`))
        : held.has(name) ? held.get(name).promise.then(() => read(name))
          : fs.existsSync(path.join(DIST, name)) ? Promise.resolve(read(name)) : Promise.reject(new Error(`404 ${url}`));
      answer.abort = () => {};  // jsdom aborts what is still loading when the window closes
      return answer;
    }
  }
  const dom = new JSDOM(`<!doctype html><html lang="${lang}"><head></head><body>${body}</body></html>`, {
    url: `${ORIGIN}/`, runScripts: 'dangerously', resources: new Files(), virtualConsole, pretendToBeVisual: true,
    beforeParse(window) {
      window.fetch = async (input) => {
        const name = new URL(String(input), window.location.href).pathname.split('/').pop();
        return new Response(read(name), { status: 200, headers: { 'Content-Type': 'application/wasm' } });
      };
    },
  });
  const doc = dom.window.document;
  const shadow = () => {
    const element = doc.querySelector('ltgs-checkout');
    return element ? element.shadowRoot : null;
  };
  return { window: dom.window, doc, errors, warnings, requested, release, shadow, close: () => dom.window.close() };
}

const sha384 = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;


const appScript = (p) => p.doc.querySelector('script[src$="/ltgs-checkout.app.js"]');

test('the pay button comes before the rest of the widget, in the page\'s language; a click made then opens the checkout when it arrives', async () => {
  const p = openPage(`<script src="/js/ltgs-checkout.js" ${TAG_DATA}></script>`, { lang: 'fr' });
  const button = await until('the pay button', () => p.shadow() && p.shadow().querySelector('button.pay'));
  expect(button.textContent.replace(/\s/g, ' ')).toBe('Payer 15 000 RWF');
  expect(typeof p.window.LTGSCheckout.open).toBe('function');
  expect(p.doc.querySelector('ltgs-checkout').getAttribute('mode')).toBe('button');
  expect(appScript(p)).not.toBeNull();
  expect(p.shadow().querySelector('dialog')).toBeNull();

  button.click();
  expect(button.getAttribute('aria-busy')).toBe('true');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(p.shadow().querySelector('dialog')).toBeNull();  // nothing to open yet

  p.release();
  const dialog = await until('the dialog', () => p.shadow().querySelector('dialog[open]'));
  expect(dialog).not.toBeNull();
  expect(p.shadow().querySelectorAll('button.pay')).toHaveLength(1);  // the real button replaced the first one
  expect(p.doc.querySelectorAll('ltgs-checkout')).toHaveLength(1);
  expect(p.requested.filter((n) => n === 'ltgs-checkout.app.js')).toHaveLength(1);
  expect(p.errors).toEqual([]);
  p.close();
});

test('the second script gets the tag\'s nonce and crossorigin; integrity only when the tag has integrity', async () => {
  const plain = openPage(`<script src="/js/ltgs-checkout.js" nonce="n0nce" ${TAG_DATA}></script>`);
  await until('the second script', () => appScript(plain));
  expect(appScript(plain).nonce).toBe('n0nce');
  expect(appScript(plain).hasAttribute('integrity')).toBe(false);
  expect(appScript(plain).hasAttribute('crossorigin')).toBe(false);
  plain.close();

  const loaderBytes = read('ltgs-checkout.js');
  const loaderHash = `sha384-${crypto.createHash('sha384').update(loaderBytes).digest('base64')}`;
  const pinned = openPage(`<script src="/js/ltgs-checkout.js" integrity="${loaderHash}" crossorigin="anonymous" ${TAG_DATA}></script>`);
  await until('the second script', () => appScript(pinned));
  const appHash = `sha384-${crypto.createHash('sha384').update(read('ltgs-checkout.app.js')).digest('base64')}`;
  expect(appScript(pinned).getAttribute('integrity')).toBe(appHash);
  expect(appScript(pinned).getAttribute('crossorigin')).toBe('anonymous');
  pinned.close();
});

test('the .wasm is preloaded beside the script, once, and not again when the page preloads it', async () => {
  const p = openPage(`<script src="/js/ltgs-checkout.js" ${TAG_DATA}></script>`);
  await until('the second script', () => appScript(p));
  const links = [...p.doc.querySelectorAll('link[rel="preload"]')];
  expect(links.map((l) => [l.href, l.getAttribute('as'), l.getAttribute('crossorigin')]))
    .toEqual([[`${ORIGIN}/js/ltgs-checkout.wasm`, 'fetch', 'anonymous']]);
  p.close();

  const own = openPage(`<link rel="preload" href="/w/x.wasm" as="fetch" crossorigin>` +
    `<script src="/js/ltgs-checkout.js" data-wasm-url="/w/x.wasm" ${TAG_DATA}></script>`);
  await until('the second script', () => appScript(own));
  expect([...own.doc.querySelectorAll('link[rel="preload"]')]).toHaveLength(1);
  own.close();
});

test('close() before the rest has arrived: the result settles CLOSED, and nothing opens afterwards', async () => {
  const p = openPage('<script src="/js/ltgs-checkout.js"></script>');
  await until('the API', () => p.window.LTGSCheckout);
  const checkout = p.window.LTGSCheckout.open({
    payment: { Sale_Reference_ID: 'INV-2025-0042', Total_Amount_to_Pay: 15000, Services_Name: 'Water Bill' },
    initiateUrl: '/checkout/initiate', statusUrl: '/checkout/status',
  });
  checkout.close();
  await expect(checkout.result).resolves.toMatchObject({ status: 'CLOSED', reference: 'INV-2025-0042' });
  expect(p.doc.querySelector('ltgs-checkout')).toBeNull();
  p.release();
  await until('the element to be defined', () => p.window.customElements.get('ltgs-checkout'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(p.doc.querySelector('ltgs-checkout')).toBeNull();
  expect(p.errors).toEqual([]);
  p.close();
});

// ---------------------------------------------------------------------------------------------------------
// Languages: ltgs-checkout.app.js has English only; ltgs-checkout.rw.js and .fr.js carry the others.

const wordsScript = (p, locale) => p.doc.querySelector(`script[src$="/ltgs-checkout.${locale}.js"]`);
const text = (p) => (p.shadow() ? p.shadow().textContent.replace(/\s/g, ' ') : '');
let M;  // the widget's words, every language (web/widget/words.js)
beforeAll(async () => {
  ({ MESSAGES: M } = await import('../../web/widget/i18n-all.js'));
});

test('a Kinyarwanda page: ltgs-checkout.rw.js is requested with ltgs-checkout.app.js, before either has arrived', async () => {
  const p = openPage(`<script src="/js/ltgs-checkout.js" nonce="n0nce" ${TAG_DATA}></script>`,
    { lang: 'rw', hold: ['ltgs-checkout.app.js', 'ltgs-checkout.rw.js'] });
  await until('both scripts', () => appScript(p) && wordsScript(p, 'rw'));
  expect(p.requested.filter((n) => n.endsWith('.js'))).toEqual(['ltgs-checkout.js', 'ltgs-checkout.app.js', 'ltgs-checkout.rw.js']);
  expect(wordsScript(p, 'rw').src).toBe(`${ORIGIN}/js/ltgs-checkout.rw.js`);
  expect(wordsScript(p, 'rw').nonce).toBe('n0nce');
  expect(wordsScript(p, 'rw').hasAttribute('integrity')).toBe(false);
  expect(wordsScript(p, 'fr')).toBeNull();
  const button = await until('the pay button', () => p.shadow() && p.shadow().querySelector('button.pay'));
  expect(button.textContent.replace(/\s/g, ' ')).toBe('Ishyura RWF 15,000');

  p.release('ltgs-checkout.app.js');  // the app first: the checkout waits for its words
  await until('the app', () => p.window.customElements.get('ltgs-checkout'));
  button.click();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(p.shadow().querySelector('dialog')).toBeNull();
  p.release('ltgs-checkout.rw.js');
  await until('the form, in Kinyarwanda', () => p.shadow().querySelector('dialog[open] input') && text(p).includes(M.rw['field.phone.label']));
  expect(text(p)).toContain(M.rw['header.reference'].replace('{ref}', 'INV-2025-0042'));
  expect(text(p)).not.toContain(M.en['field.phone.label']);
  // The file's words are words.js's, every one.
  expect(p.window[Symbol.for('ltgs-checkout.words')].packs.rw.words).toEqual({ ...M.rw });
  expect(p.requested.filter((n) => n.startsWith('ltgs-checkout.rw'))).toHaveLength(1);
  expect(p.errors).toEqual([]);
  expect(p.warnings).toEqual([]);
  p.close();
});

test('data-locale="fr" with integrity: ltgs-checkout.fr.js carries its own hash and the tag\'s crossorigin', async () => {
  const loaderHash = sha384(read('ltgs-checkout.js'));
  const p = openPage(`<script src="/js/ltgs-checkout.js" integrity="${loaderHash}" crossorigin="use-credentials" ` +
    `data-locale="fr" nonce="n0nce" ${TAG_DATA}></script>`);
  await until('both scripts', () => appScript(p) && wordsScript(p, 'fr'));
  const fr = wordsScript(p, 'fr');
  expect([fr.getAttribute('integrity'), fr.getAttribute('crossorigin'), fr.nonce])
    .toEqual([sha384(read('ltgs-checkout.fr.js')), 'use-credentials', 'n0nce']);
  expect(appScript(p).getAttribute('integrity')).toBe(sha384(read('ltgs-checkout.app.js')));
  p.close();
});

test('an English page requests no language file; open({ locale: "fr" }) fetches French and shows it once it has arrived', async () => {
  const p = openPage(`<script src="/js/ltgs-checkout.js" ${TAG_DATA}></script>`, { hold: ['ltgs-checkout.app.js', 'ltgs-checkout.fr.js'] });
  p.release();
  await until('the app', () => p.window.customElements.get('ltgs-checkout'));
  p.shadow().querySelector('button.pay').click();
  await until('the English form', () => text(p).includes(M.en['field.phone.label']));
  expect(p.requested.filter((n) => /^ltgs-checkout\.(rw|fr)\.js$/.test(n))).toEqual([]);
  expect(wordsScript(p, 'rw') || wordsScript(p, 'fr')).toBeNull();
  p.doc.querySelector('ltgs-checkout').close();

  const checkout = p.window.LTGSCheckout.open({
    payment: { Sale_Reference_ID: 'INV-2025-0043', Total_Amount_to_Pay: 15000, Services_Name: 'Water Bill' },
    initiateUrl: '/checkout/initiate', statusUrl: '/checkout/status', locale: 'fr',
  });
  await until('ltgs-checkout.fr.js requested', () => wordsScript(p, 'fr'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(checkout.element.shadowRoot).toBeNull();  // nothing drawn in English meanwhile
  p.release('ltgs-checkout.fr.js');
  const frText = () => checkout.element.shadowRoot && checkout.element.shadowRoot.textContent.replace(/\s/g, ' ');
  await until('the French form', () => frText() && frText().includes(M.fr['field.phone.label']));
  expect(frText()).toContain('Payer 15 000 RWF');
  expect(p.errors).toEqual([]);
  expect(p.warnings).toEqual([]);
  checkout.close();
  p.close();
});

test('a language file that does not load: the checkout is in English, and the console says which file', async () => {
  const p = openPage(`<script src="/js/ltgs-checkout.js" data-locale="fr" ${TAG_DATA}></script>`,
    { missing: ['ltgs-checkout.fr.js'] });
  const button = await until('the pay button', () => p.shadow() && p.shadow().querySelector('button.pay'));
  expect(button.textContent.replace(/\s/g, ' ')).toBe('Payer 15 000 RWF');  // the first script's own words
  p.release();
  await until('the English pay button', () => p.shadow().querySelector('button.pay').textContent.replace(/\s/g, ' ') === 'Pay RWF 15,000');
  p.shadow().querySelector('button.pay').click();
  await until('the English form', () => text(p).includes(M.en['field.phone.label']));
  expect(text(p)).not.toContain(M.fr['field.phone.label']);
  expect(p.warnings).toEqual([expect.stringContaining(`${ORIGIN}/js/ltgs-checkout.fr.js`)]);
  expect(p.warnings[0]).toMatch(/French words could not be loaded .* shown in English/);
  expect(p.errors).toEqual([`jsdom: Could not load script: "${ORIGIN}/js/ltgs-checkout.fr.js"`]);  // the browser's own
  p.close();
});
