// Single-file entry (dist/ltgs-checkout.single.js): the wasm is inlined as base64 and handed to the module
// as bytes, so nothing is fetched (no CORS, MIME type or connect-src to arrange).
import createCheckoutModule from './wasm-glue.js';
import wasmBase64 from 'ltgs-wasm-base64';
import { configureCore, decodeBase64 } from './core.js';
import { installGlobal } from './api.js';

const script = typeof document !== 'undefined' ? document.currentScript : null;

// The wasm is in this file: only the page's CSP (said by the console error itself) or a broken copy can stop it.
const ADVICE = 'Serve ltgs-checkout.single.js as it was shipped (unmodified, as text/javascript).';

installGlobal(script, () => configureCore(createCheckoutModule, { wasmBinary: decodeBase64(wasmBase64) }, { advice: ADVICE }));
