// Loads the built wasm core once per test file, from disk (no fetch in Node).
'use strict';

const fs = require('fs');
const path = require('path');

const DIST = path.resolve(__dirname, '..', '..', 'dist');

async function loadCore() {
  const createCheckoutModule = require(path.join(DIST, 'checkout.js'));
  return createCheckoutModule({ wasmBinary: fs.readFileSync(path.join(DIST, 'checkout.wasm')) });
}

module.exports = { loadCore, DIST };
