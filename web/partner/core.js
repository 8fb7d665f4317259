// The wasm core in Node (dist/checkout.js is CommonJS): the sandbox, the partner backend and the shop
// validate with the same module as the widget.
'use strict';

const fs = require('fs');
const path = require('path');

const DIST_DIR = path.resolve(__dirname, '..', '..', 'dist');

let corePromise = null;  // one core per process
// A failed load is forgotten so that the next call can retry.
function loadCore({ dist = DIST_DIR } = {}) {
  corePromise ??= (async () => {
    const js = path.join(dist, 'checkout.js');
    const wasm = path.join(dist, 'checkout.wasm');
    if (!fs.existsSync(js) || !fs.existsSync(wasm)) {
      throw new Error(`the WebAssembly core is not built (${js} is missing): run npm run build:wasm`);
    }
    const createCheckoutModule = require(js);
    const toStderr = (text) => process.stderr.write(`${text}\n`);
    return createCheckoutModule({ wasmBinary: fs.readFileSync(wasm), print: toStderr, printErr: toStderr });
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

module.exports = { loadCore, kigaliYear, kigaliDateTime, DIST_DIR };
