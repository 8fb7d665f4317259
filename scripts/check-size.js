#!/usr/bin/env node
// scripts/check-size.js (npm run test:size): sizes of what ships in dist/, raw / gzip -9 / brotli quality 11,
// with a budget on the gzip total of each way the code reaches a page or a process.
// scripts/build-web.mjs prints its table with sizeRows().
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const KiB = 1024;
const DIST = path.join(__dirname, '..', 'dist');

// What one user downloads, and the budget on its gzip total. The wasm is shared by the script tag and the
// ES module; the single-file build carries it as base64 (about a third more, and no streaming compile), as
// does the inline ES module for bundlers. The budgets guard against growth; they are above the performance
// targets (docs/performance.md: 60 KiB for the script tag), which the order model, the QR/USSD checks, the
// refusal, connection and failure-reason screens and their three languages have moved further away, and the
// catalogue of codes with the params of every error (wasm/README.md) by about 7 KiB more of gzipped wasm. Set
// just above the sizes measured once the widget's wasm lost the English messages, musl's printf and strtod
// (with their long double) and dlmalloc (docs/performance.md). The script tag's are set just above the sizes
// measured once ltgs-checkout.app.js carried English only: a Kinyarwanda or French page fetches its language
// file too (ltgs-checkout.rw.js, .fr.js; French is the larger).
const BUNDLES = [
  { label: 'core for Node and the CLI', files: ['checkout.js', 'checkout.wasm'], gzipBudget: 85 * KiB, build: 'build:wasm' },
  { label: 'widget, script tag, English page', files: ['ltgs-checkout.js', 'ltgs-checkout.app.js', 'ltgs-checkout.wasm'],
    gzipBudget: 99 * KiB, build: 'build:web' },
  { label: 'widget, script tag, French page', files: ['ltgs-checkout.js', 'ltgs-checkout.app.js', 'ltgs-checkout.fr.js', 'ltgs-checkout.wasm'],
    gzipBudget: 104.5 * KiB, build: 'build:web' },
  { label: 'widget, script tag\'s first script (what draws the pay button)', files: ['ltgs-checkout.js'], gzipBudget: 5.25 * KiB,
    build: 'build:web' },
  { label: 'widget, script tag\'s app (English only)', files: ['ltgs-checkout.app.js'], gzipBudget: 31 * KiB, build: 'build:web' },
  { label: 'widget, script tag\'s Kinyarwanda', files: ['ltgs-checkout.rw.js'], gzipBudget: 6.5 * KiB, build: 'build:web' },
  { label: 'widget, script tag\'s French', files: ['ltgs-checkout.fr.js'], gzipBudget: 6.5 * KiB, build: 'build:web' },
  { label: 'widget, ES module', files: ['ltgs-checkout.mjs', 'ltgs-checkout.wasm'], gzipBudget: 100.5 * KiB, build: 'build:web' },
  { label: 'widget, single file', files: ['ltgs-checkout.single.js'], gzipBudget: 119.5 * KiB, build: 'build:web' },
  { label: 'widget, inline ES module', files: ['ltgs-checkout.inline.mjs'], gzipBudget: 119.5 * KiB, build: 'build:web' },
];

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
  `${name.padEnd(26)} ${fmt(s.raw).padStart(9)} raw  ${fmt(s.gzip).padStart(8)} gzip  ${fmt(s.brotli).padStart(8)} brotli`;

// One row per file, and a total unless { total: false }.
function sizeRows(files, { total: withTotal = true } = {}) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const rows = files.map((file) => {
    const s = sizes(fs.readFileSync(file));
    for (const k of Object.keys(total)) total[k] += s[k];
    return row(path.basename(file), s);
  });
  return withTotal ? [...rows, row('total', total)] : rows;
}

function main() {
  let failed = false;
  for (const bundle of BUNDLES) {
    const total = { raw: 0, gzip: 0, brotli: 0 };
    const rows = [];
    for (const name of bundle.files) {
      const file = path.join(DIST, name);
      let buf;
      try {
        buf = fs.readFileSync(file);
      } catch (err) {
        console.error(`check-size: cannot read ${path.relative(process.cwd(), file)} (${err.code || err.message}): ` +
                      `run npm run ${bundle.build} first`);
        return 1;
      }
      const s = sizes(buf);
      for (const k of Object.keys(total)) total[k] += s[k];
      rows.push(row(name, s));
    }
    const over = total.gzip > bundle.gzipBudget;
    failed ||= over;
    console.log(`${bundle.label} (gzip budget ${fmt(bundle.gzipBudget)})`);
    for (const r of rows) console.log(`  ${r}`);
    if (bundle.files.length > 1) console.log(`  ${row('total', total)}`);
    if (over) {
      console.error(`check-size: ${bundle.label}: gzip total ${fmt(total.gzip)} bytes is over the budget of ` +
                    `${fmt(bundle.gzipBudget)} bytes`);
    }
  }
  if (failed) return 1;
  console.log('check-size: every gzip total is within its budget');
  return 0;
}

module.exports = { sizes, sizeRows, BUNDLES };

if (require.main === module) process.exitCode = main();
