// ES module entry with the wasm built in (dist/ltgs-checkout.inline.mjs, imported as 'ltgs-checkout/inline'):
// the same exports as 'ltgs-checkout', the .wasm as base64 inside the module, so a bundler has no asset to
// copy (esbuild leaves new URL(…, import.meta.url) alone) and nothing is fetched. About a third larger than
// the .wasm, and compiled only once all of it has arrived.
import createCheckoutModule from './wasm-glue.js';
import wasmBase64 from 'ltgs-wasm-base64';
import { configureCore, decodeBase64, loadCore } from './core.js';
import { LTGSCheckout, open, mount } from './api.js';
import { PaymentFlow } from './payment-flow.js';
import { LtgsCheckoutElement } from './checkout-element.js';
import { defineCheckoutElement } from './define.js';

// What the console error says to change when the wasm cannot be loaded (the page's CSP is said by the error itself).
const ADVICE = 'The wasm is built into ltgs-checkout/inline: check that your bundler kept the module unmodified.';

let bytes = null;
// Decoded on the first load, not on import; a wasmUrl or wasmBinary given to loadCore takes precedence.
function createModule(options) {
  if (options.wasmBinary || options.instantiateWasm) return createCheckoutModule(options);
  if (!bytes) bytes = decodeBase64(wasmBase64);
  return createCheckoutModule({ ...options, wasmBinary: bytes });
}

configureCore(createModule, {}, { advice: ADVICE });

export { LTGSCheckout, open, mount, loadCore, PaymentFlow, LtgsCheckoutElement, defineCheckoutElement };
export default LTGSCheckout;
