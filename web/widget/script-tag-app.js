// The rest of the script-tag build (dist/ltgs-checkout.app.js): the whole widget. Fetched by ltgs-checkout.js
// (script-tag.js), it hands it install(): that script has defined the API and drawn the buttons already. Put
// on a page by itself, it works alone: it defines window.LTGSCheckout once and renders a pay button where each
// <script src=".../ltgs-checkout.app.js" data-…> tag stands, once it has arrived whole. The .wasm is fetched
// from beside the script, or from the tag's data-wasm-url (relative to the page, like src).
//
// Its words are English only (i18n.js): Kinyarwanda and French are ltgs-checkout.rw.js and .fr.js beside the
// script, fetched when a checkout is in that language (words-fetch.js), with the tag's nonce, crossorigin and
// integrity.
import createCheckoutModule from './wasm-glue.js';
import { configureCore, loadCore } from './core.js';
import { fetchWasm } from './wasm-fetch.js';
import { builtInApi, methodNames } from './element-api.js';
import { defineCheckoutElement } from './define.js';
import { configureWords, whenWords, wordsSettled } from './i18n.js';
import { FETCHED_BY_LOADER, LOADER_HOOK, wasmUrlFor } from './script-tag-shared.js';
import { wordsFor } from './words-fetch.js';

// Captured while this script is being evaluated: afterwards document.currentScript is gone.
const script = typeof document !== 'undefined' ? document.currentScript : null;

// What the console error says to change when the .wasm cannot be loaded.
const ADVICE = 'Serve ltgs-checkout.wasm beside ltgs-checkout.js (as application/wasm; from another origin with ' +
  'Access-Control-Allow-Origin), or set data-wasm-url on the script tag to where it is, or use ' +
  'ltgs-checkout.single.js, which has the wasm built in.';

// The core and the languages, for the tag that says where things are (this script's, or the loader's).
function configure(tag, scriptUrl) {
  const wasmUrl = wasmUrlFor(tag, scriptUrl);
  configureCore(createCheckoutModule, { locateFile: () => wasmUrl, wasmUrl },
    { advice: ADVICE, wasmFile: 'ltgs-checkout.wasm', fetchWasm });
  configureWords((locale) => wordsFor(locale, scriptUrl, tag));
}

// For the loader: the core configured for its tag, the element defined, and what its API needs.
function install(loaderScript) {
  configure(loaderScript, loaderScript && loaderScript.src ? loaderScript.src : window.location.href);
  defineCheckoutElement(window.customElements);
  return { loadCore, methodNames, wordsSettled, whenWords };
}

const hook = typeof window !== 'undefined' ? window[LOADER_HOOK] : undefined;
if (script && script.hasAttribute(FETCHED_BY_LOADER) && typeof hook === 'function') {
  hook({ install });
} else {
  builtInApi().installGlobal(script, (scriptUrl) => configure(script, scriptUrl));
}
