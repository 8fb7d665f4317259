// ES module entry (dist/ltgs-checkout.mjs, for npm users): the wasm is fetched from beside this module, or
// from where a bundler put it (ltgs-checkout/inline, web/widget/inline.js, has it built in).
import createCheckoutModule from './wasm-glue.js';
import { configureCore, loadCore } from './core.js';
import { fetchWasm } from './wasm-fetch.js';
import { LTGSCheckout, open, mount } from './api.js';
import { PaymentFlow } from './payment-flow.js';
import { LtgsCheckoutElement } from './checkout-element.js';
import { defineCheckoutElement } from './define.js';

// Captured while this module is evaluated: a bundle written as a classic script (esbuild's default iife
// format) has an empty import.meta, and the .wasm is then looked for beside that script.
const scriptUrl = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : undefined;

// Written out in full so that bundlers (webpack 5, Vite, Parcel) see the asset, copy the .wasm and put its URL here.
const wasmUrl = () => {
  if (import.meta.url) return new URL('./ltgs-checkout.wasm', import.meta.url).href;
  return new URL('ltgs-checkout.wasm', scriptUrl || (typeof location !== 'undefined' ? location.href : undefined)).href;
};

// What the console error says to change when the .wasm cannot be loaded.
const ADVICE = 'Serve ltgs-checkout.wasm at that URL (copy node_modules/ltgs-checkout/dist/ltgs-checkout.wasm ' +
  'beside your bundle if your bundler does not), or give its URL with loadCore({ wasmUrl }) before the checkout ' +
  'opens, or use ltgs-checkout/inline instead, which has the wasm built in.';

const isNode = () => typeof process === 'object' && process !== null &&
  typeof process.versions === 'object' && process.versions !== null && Boolean(process.versions.node);

// node:fs/promises, on the Node path only. process.getBuiltinModule (Node 20.16+) needs no import; older Node
// gets a dynamic import whose specifier is computed, because a partner's bundler building for browsers
// (esbuild, webpack, Vite) would otherwise try to resolve a Node built-in and fail.
async function nodeFs() {
  if (typeof process.getBuiltinModule === 'function') return process.getBuiltinModule('fs/promises');
  return import(['node', 'fs/promises'].join(':'));
}

// In Node (an installed package, tests, server-side rendering) the .wasm is a file: URL (or a path from the
// caller's locateFile), and Emscripten's loader would fetch() it, which Node cannot do: the bytes are read
// from disk instead. Browsers never take this path. http(s) stays a fetch.
async function createModule(options) {
  if (!options.wasmBinary && !options.instantiateWasm && isNode()) {
    const where = String(options.locateFile ? options.locateFile('ltgs-checkout.wasm', '') : wasmUrl());
    const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(where);  // two letters at least: C:\ is a Windows path
    if (!scheme || scheme[1].toLowerCase() === 'file') {
      const { readFile } = await nodeFs();
      return createCheckoutModule({ ...options, wasmBinary: await readFile(scheme ? new URL(where) : where) });
    }
  }
  return createCheckoutModule(options);
}

configureCore(createModule, { locateFile: () => wasmUrl() }, { advice: ADVICE, wasmFile: 'ltgs-checkout.wasm', fetchWasm });

export { LTGSCheckout, open, mount, loadCore, PaymentFlow, LtgsCheckoutElement, defineCheckoutElement };
export default LTGSCheckout;
