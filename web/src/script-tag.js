// Script-tag entry (dist/ltgs-checkout.js): defines window.LTGSCheckout once, and renders a pay button where
// each <script src=".../ltgs-checkout.js" data-…> tag stands. The .wasm is fetched from beside the script.
import createCheckoutModule from 'ltgs-wasm-glue';
import { configureCore } from './core.js';
import { installGlobal } from './api.js';

// Captured while this script is being evaluated: afterwards document.currentScript is gone.
const script = typeof document !== 'undefined' ? document.currentScript : null;

installGlobal(script, (scriptUrl) => configureCore(createCheckoutModule, {
  locateFile: (file) => new URL('ltgs-checkout.wasm', scriptUrl).href,
}));
