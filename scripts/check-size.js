#!/usr/bin/env node
// scripts/check-size.js (npm run test:size): sizes of what ships, dist/checkout.js + dist/checkout.wasm,
// raw / gzip -9 / brotli quality 11, with a budget on the gzip total.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

// Budget for the gzip total of the shipped .js + .wasm, in bytes.
const GZIP_BUDGET_BYTES = 80 * 1024;

const DIST = path.join(__dirname, '..', 'dist');
const FILES = ['checkout.js', 'checkout.wasm'];

function sizes(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

const fmt = (n) => n.toLocaleString('en-US');
const row = (name, s) =>
  `${name.padEnd(16)} ${fmt(s.raw).padStart(9)} raw  ${fmt(s.gzip).padStart(8)} gzip  ${fmt(s.brotli).padStart(8)} brotli`;

function main() {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const name of FILES) {
    const file = path.join(DIST, name);
    let buf;
    try {
      buf = fs.readFileSync(file);
    } catch (err) {
      console.error(`check-size: cannot read ${path.relative(process.cwd(), file)} (${err.code || err.message}): ` +
                    'run npm run build:wasm first');
      return 1;
    }
    const s = sizes(buf);
    for (const k of Object.keys(total)) total[k] += s[k];
    console.log(row(name, s));
  }
  console.log(row('total', total));
  if (total.gzip > GZIP_BUDGET_BYTES) {
    console.error(`check-size: gzip total ${fmt(total.gzip)} bytes is over the budget of ${fmt(GZIP_BUDGET_BYTES)} bytes`);
    return 1;
  }
  console.log(`check-size: gzip total within the budget of ${fmt(GZIP_BUDGET_BYTES)} bytes`);
  return 0;
}

process.exitCode = main();
