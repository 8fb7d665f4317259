/**
 * @jest-environment jsdom
 */
// The browser samples of the README and docs/integration.md, run in jsdom with the real wasm core: each
// ```html script tag renders its pay button through the script-tag reader, and each ```js browser sample
// opens the checkout, is closed by the customer, and prints what its comments say. The attributes the
// documentation lists are the ones the script tag reads.
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';
import util from 'util';
import { fileURLToPath } from 'url';
import { configureCore, loadCore } from '../../web/widget/core.js';
import { LTGSCheckout, renderScriptTag } from '../../web/widget/api.js';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { issueCheckoutToken } = require('../../web/partner/checkout-token.js');

const DOCS = ['README.md', 'docs/integration.md'];
const TEXT = Object.fromEntries(DOCS.map((d) => [d, fs.readFileSync(path.join(ROOT, d), 'utf8')]));
const blocks = (text, info) => [...text.matchAll(new RegExp('^```' + info + '\\n([\\s\\S]*?)^```', 'gm'))].map((m) => m[1]);

const htmlSamples = DOCS.flatMap((doc) => blocks(TEXT[doc], 'html').map((html, i) => [`${doc} html #${i + 1}`, html]));
const browserSamples = DOCS.flatMap((doc) => blocks(TEXT[doc], 'js browser').map((code, i) => [`${doc} browser #${i + 1}`, code]));

// The data-* attributes the script-tag reader takes (dataset keys in web/widget/public-api.js), as attribute names.
const READ_ATTRIBUTES = new Set([...fs.readFileSync(path.join(ROOT, 'web/widget/public-api.js'), 'utf8').matchAll(/\bd\.([a-zA-Z]+)\b/g)]
  .map((m) => `data-${m[1].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`));

beforeAll(async () => {
  const { factory, wasmBinary } = require('./core-loader.js').coreFiles();
  configureCore(factory, { wasmBinary });
  await loadCore();
});

beforeEach(() => {
  document.body.replaceChildren();
  delete document.body.dataset.checkoutToken;
  document.documentElement.lang = 'en';
  sessionStorage.clear();
  window.fetch = async () => {
    throw new Error('the samples make no request before the customer pays');
  };
});

async function flush(times = 5) {
  for (let i = 0; i < times; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

const shadow = (element) => element.shadowRoot;

test('there are browser samples: a script tag and LTGSCheckout.open in each of the README and docs/integration.md', () => {
  for (const doc of DOCS) {
    expect(blocks(TEXT[doc], 'html').length).toBeGreaterThan(0);
    expect(blocks(TEXT[doc], 'js browser').length).toBeGreaterThan(0);
  }
});

test('docs/integration.md lists exactly the data-* attributes the script tag reads', () => {
  const table = TEXT['docs/integration.md'].split('\n').filter((line) => /^\| `data-/.test(line));
  const listed = new Set(table.flatMap((line) => [...line.split('|')[1].matchAll(/`(data-[a-z-]+)`/g)].map((m) => m[1])));
  expect([...listed].sort()).toEqual([...READ_ATTRIBUTES].sort());
});

test.each(htmlSamples)('%s renders its pay button', async (name, html) => {
  const template = document.createElement('template');
  template.innerHTML = html;
  const scripts = template.content.querySelectorAll('script');
  expect(scripts).toHaveLength(1);
  const script = document.importNode(scripts[0], true);
  const used = script.getAttributeNames().filter((a) => a.startsWith('data-'));
  expect(used.filter((a) => !READ_ATTRIBUTES.has(a))).toEqual([]);
  document.body.append(script);
  const controller = renderScriptTag(script);
  expect(controller).not.toBeNull();
  expect(controller.element.previousElementSibling).toBe(script);
  await flush();
  const amount = Number(script.dataset.amount).toLocaleString('en-US');
  expect(shadow(controller.element).querySelector('button.pay').textContent).toMatch(new RegExp(`^Pay RWF\\s${amount}$`));
});

// What a sample says it prints: the comment after each console.log(…), a trailing "(…)" being a remark.
const expectedOutput = (code) => [...code.matchAll(/console\.log\(.*\)[;,]?\s*\/\/ (.*)$/gm)]
  .map((m) => m[1].replace(/\s+\([^()]*\)$/, '').trimEnd());

test.each(browserSamples)('%s opens the checkout; the customer closes it; it prints what its comments say', async (name, code) => {
  // The page's module imports are the widget's own exports here.
  const imports = [...code.matchAll(/^import \{ ([^}]+) \} from 'ltgs-checkout';.*$/gm)];
  for (const m of imports) expect(m[1].split(',').map((s) => s.trim())).toEqual(['LTGSCheckout']);
  const body = code.replace(/^import .*$/gm, '');
  expect(body).not.toMatch(/^\s*import\b/m);
  const orderReference = (code.match(/Sale_Reference_ID: '([^']+)'/) || [])[1];
  document.body.dataset.checkoutToken = issueCheckoutToken({ secret: 'docs-test-secret-1234', orderReference, nowMs: Date.now() });

  const printed = [];
  const fakeConsole = { log: (...args) => printed.push(util.format(...args)) };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const run = new AsyncFunction('LTGSCheckout', 'console', body)(LTGSCheckout, fakeConsole);
  let failed = null;
  run.catch((err) => { failed = err; });
  await flush();
  expect(failed).toBeNull();

  const element = document.querySelector('ltgs-checkout');
  expect(element).not.toBeNull();
  const dialog = shadow(element).querySelector('dialog');
  expect(dialog).not.toBeNull();
  const close = shadow(element).querySelector('button.close');
  if (close) close.click();
  else dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
  await run;
  expect(printed).toEqual(expectedOutput(code));
  expect(document.querySelector('ltgs-checkout')).toBeNull();
});
