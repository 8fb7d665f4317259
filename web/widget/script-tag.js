// Script-tag entry (dist/ltgs-checkout.js): a small script that defines window.LTGSCheckout at once, draws the
// pay button where each <script src=".../ltgs-checkout.js" data-…> tag stands, and fetches the rest of the
// widget (ltgs-checkout.app.js, beside it) and the .wasm (beside it, or at the tag's data-wasm-url, relative
// to the page) in parallel; the button becomes the real one when they have arrived, and a click made before
// then opens the checkout then. On a slow phone network the button is there in the time of a trivial script.
//
// ltgs-checkout.app.js has English only: for a checkout in Kinyarwanda or French (data-locale, else the page's
// <html lang>; LTGSCheckout.open({ locale })), ltgs-checkout.rw.js or .fr.js is fetched at once too, in parallel
// (words-fetch.js), and the checkout is drawn when its words are there (or in English if they do not come).
//
// The fetched scripts inherit the tag's nonce (a nonce-based CSP) and crossorigin attribute; when the tag
// carries integrity (SRI), so do they, with the hashes of the files built with this one
// (__LTGS_FULL_INTEGRITY__ and __LTGS_WORDS_INTEGRITY__, set by scripts/build-web.mjs).
import { makeApi } from './public-api.js';
import { FETCHED_BY_LOADER, FULL_SCRIPT, LOADER_HOOK, scriptBeside, wasmUrlFor } from './script-tag-shared.js';
import { requestWords } from './words-fetch.js';

/* global __LTGS_FULL_INTEGRITY__ */
const FULL_INTEGRITY = typeof __LTGS_FULL_INTEGRITY__ === 'string' ? __LTGS_FULL_INTEGRITY__ : '';

// Captured while this script is being evaluated: afterwards document.currentScript is gone.
const script = typeof document !== 'undefined' ? document.currentScript : null;

let widget = null;        // what ltgs-checkout.app.js hands over: { loadCore, methodNames, wordsSettled, whenWords }
let widgetPromise = null;
let baseUrl = null;       // this script's URL: the files it fetches are beside it

function loadWidget(scriptUrl) {
  const doc = document;
  baseUrl = scriptUrl;
  widgetPromise = new Promise((resolve, reject) => {
    window[LOADER_HOOK] = (handed) => {
      widget = handed.install(script);
      resolve(widget);
    };
    const tag = scriptBeside(new URL(FULL_SCRIPT, scriptUrl).href, script, FULL_INTEGRITY);
    tag.setAttribute(FETCHED_BY_LOADER, '');
    tag.addEventListener('load', () => {
      if (!widget) reject(new Error(`ltgs-checkout: ${tag.src} did not start the checkout (not the same release as ltgs-checkout.js?)`));
    });
    tag.addEventListener('error', () => {
      reject(new Error(`ltgs-checkout: the checkout could not be loaded from ${tag.src}: serve ${FULL_SCRIPT} beside ` +
        'ltgs-checkout.js (or use ltgs-checkout.single.js, which is one file)'));
    });
    // After the pay button is drawn (this script's own run draws it): the requests start a task later.
    setTimeout(() => {
      doc.head.append(tag);
      preloadWasm(wasmUrlFor(script, scriptUrl));
    });
  });
  widgetPromise.catch(() => {});  // reported where it is used (the button, loadCore)
}

// The .wasm is fetched while the script arrives, by the request the core will make (the same URL, mode and
// credentials), unless the page asks for it already.
function preloadWasm(href) {
  const doc = document;
  if ([...doc.querySelectorAll('link[rel="preload"]')].some((l) => l.href === href)) return;
  const link = doc.createElement('link');
  link.setAttribute('rel', 'preload');
  link.setAttribute('as', 'fetch');
  link.setAttribute('type', 'application/wasm');
  link.setAttribute('crossorigin', 'anonymous');
  link.setAttribute('href', href);
  if (script && script.nonce) link.nonce = script.nonce;
  doc.head.append(link);
}

// A checkout in Kinyarwanda or French asked for before the app has arrived: its words are fetched meanwhile.
function whenDefined(locale) {
  if (!widget && locale !== 'en') setTimeout(() => requestWords(locale, baseUrl, script));  // with the app's request
  return widgetPromise.then((w) => w.whenWords(locale));
}

const api = makeApi({
  // (Defined without the app's handing over: by another build on the page, which has its languages.)
  defineElement: (registry, locale) => Boolean(registry && registry.get('ltgs-checkout') && (!widget || widget.wordsSettled(locale))),
  whenDefined: (registry, locale) => whenDefined(locale),
  loadCore: (options) => widgetPromise.then((w) => w.loadCore(options)),
  methodNames: () => (widget ? widget.methodNames() : null),
});

api.installGlobal(script, (scriptUrl) => loadWidget(scriptUrl));
