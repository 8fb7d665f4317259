// The wasm core in Node (dist/checkout.js is CommonJS), the one loader of it: the sandbox, the partner
// backend, the shop, the command line (bin/) and the tests validate with the same module as the widget.
'use strict';

const fs = require('fs');
const path = require('path');

const DIST_DIR = path.resolve(__dirname, '..', '..', 'dist');

// The built core in `dist`: { factory (dist/checkout.js's createCheckoutModule), wasmBinary (the bytes of
// dist/checkout.wasm) }, for a caller that makes the module itself. When either file is missing, throws an
// Error with code 'core.not_built' and the missing file.
function coreFiles({ dist = DIST_DIR } = {}) {
  const js = path.join(dist, 'checkout.js');
  const wasm = path.join(dist, 'checkout.wasm');
  for (const file of [js, wasm]) {
    if (!fs.existsSync(file)) {
      throw Object.assign(new Error(`the WebAssembly core is not built (${file} is missing): run npm run build:wasm`),
        { code: 'core.not_built', file });
    }
  }
  return { factory: require(js), wasmBinary: fs.readFileSync(wasm) };
}

let corePromise = null;  // one core per process
// The core's module, made once; what it prints goes to stderr (a command's stdout is its answer only).
// A failed load is forgotten so that the next call can retry.
function loadCore({ dist = DIST_DIR } = {}) {
  corePromise ??= (async () => {
    const { factory, wasmBinary } = coreFiles({ dist });
    const toStderr = (text) => process.stderr.write(`${text}\n`);
    return factory({ wasmBinary, print: toStderr, printErr: toStderr });
  })().catch((err) => {
    corePromise = null;
    throw err;
  });
  return corePromise;
}

// The year at nowMs in Kigali (UTC+02:00, no DST): the upper bound of a birth year in Customer_KYC_ID.
function kigaliYear(nowMs) {
  return new Date(nowMs + 2 * 3600 * 1000).getUTCFullYear();
}

// "YYYY-MM-DD HH:MM:SS" in Kigali local time, as LTGS writes Paid_On (docs/domain.md#kigali-time).
function kigaliDateTime(nowMs) {
  return new Date(nowMs + 2 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

module.exports = { loadCore, coreFiles, kigaliYear, kigaliDateTime, DIST_DIR };
