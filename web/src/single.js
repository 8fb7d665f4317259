// Single-file entry (dist/ltgs-checkout.single.js): the wasm is inlined as base64 and handed to the module
// as bytes, so nothing is fetched (no CORS, MIME type or connect-src to arrange).
import createCheckoutModule from 'ltgs-wasm-glue';
import wasmBase64 from 'ltgs-wasm-base64';
import { configureCore } from './core.js';
import { installGlobal } from './api.js';

const script = typeof document !== 'undefined' ? document.currentScript : null;

function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

installGlobal(script, () => configureCore(createCheckoutModule, { wasmBinary: decodeBase64(wasmBase64) }));
