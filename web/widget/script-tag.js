// Script-tag entry (dist/ltgs-checkout.js): defines window.LTGSCheckout once, and renders a pay button where
// each <script src=".../ltgs-checkout.js" data-…> tag stands. The .wasm is fetched from beside the script, or
// from the tag's data-wasm-url (relative to the page, like src).
import createCheckoutModule from 'ltgs-wasm-glue';
import { configureCore } from './core.js';
import { fetchWasm } from './wasm-fetch.js';
import { installGlobal } from './api.js';

// Captured while this script is being evaluated: afterwards document.currentScript is gone.
const script = typeof document !== 'undefined' ? document.currentScript : null;

// What the console error says to change when the .wasm cannot be loaded.
const ADVICE = 'Serve ltgs-checkout.wasm beside ltgs-checkout.js (as application/wasm; from another origin with ' +
  'Access-Control-Allow-Origin), or set data-wasm-url on the script tag to where it is, or use ' +
  'ltgs-checkout.single.js, which has the wasm built in.';

installGlobal(script, (scriptUrl) => configureCore(createCheckoutModule, {
  locateFile: () => new URL('ltgs-checkout.wasm', scriptUrl).href,
  wasmUrl: (script && script.getAttribute('data-wasm-url')) || undefined,
}, { advice: ADVICE, wasmFile: 'ltgs-checkout.wasm', fetchWasm }));
