#!/usr/bin/env node
// npm run bench: the widget side by side with what a partner would use instead, measured in one run (not part
// of npm test): download size, per-call speed in Node and headless Chromium, start-up on loopback and on an
// emulated slow 3G link, wasm memory under load, and right answers on Rwandan inputs. Prints one table and the
// issue's targets (PASS / MISS with the margin), and writes docs/bench/results.json and docs/bench/bench.svg.
//
// Contenders: the wasm core and the widget bundles from dist/ (copied to a temp dir first, so that a rebuild
// during the run cannot mix versions); two pure-JS stacks from tests/bench/stacks, bundled here with esbuild
// into the same temp dir; @paystack/inline-js as shipped. Timings on a shared machine are noisy: every
// figure is a median, and the load average at start and end is printed with the results.
//
// BENCH_REPS_LOOPBACK (default 15) and BENCH_REPS_SLOW (default 5) set the cold-load repetitions;
// BENCH_VERBOSE=1 prints how long each Chromium phase took.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vm = require('vm');
const { performance } = require('perf_hooks');
const esbuild = require('esbuild');
const { sizes } = require('../../scripts/check-size');
const { coreFiles } = require('../../web/partner/core.js');
const { speedSuite, memorySuite } = require('./suites');
const serverBench = require('./server');
const demoVisit = require('./demo-visit');
const { scoreAnswers } = require('./answers');
const { runChromium, SLOW_3G, REFERENCE_SCRIPT } = require('./browser');
const { barChart, COLOURS } = require('./chart');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'docs', 'bench');
const KiB = 1024;
const MiB = 1024 * KiB;

// The issue's targets (item 3).
const TARGETS = {
  gzipBytes: 60 * KiB,        // the script tag's download, JS + wasm (CSS is inside the JS)
  singleGzipBytes: 80 * KiB,  // the single file
  buttonRatio: 1.25,          // pay button against a trivial script rendering a button in a shadow root, same run
  slowCoreMs: 1800,           // slow 3G, first visit, script tag: the core loaded and ready
  formSpeedUp: 1.0,           // full-form validation, Chromium: the core against the fastest pure-JS stack
  statusSlowdown: 2,          // status-response parsing, Chromium: at most this many times the pure-JS time
  qrSpeedUp: 2,               // QR SVG, Chromium: kept from the first targets
  linearMemoryBytes: 2 * MiB, // and no growth over 10,000 validations
};

const REPS_LOOPBACK = Number(process.env.BENCH_REPS_LOOPBACK) || 15;
const REPS_SLOW = Number(process.env.BENCH_REPS_SLOW) || 5;

// Median time per call in microseconds: `batches` timed batches after a warm-up (`warmup` calls and
// `warmupMs`). Without `perBatch`, a batch
// is as many calls as take at least `minBatchMs` (browsers without cross-origin isolation round
// performance.now() to 100 µs). Given an array of functions, their batches take turns and it returns one
// median each, so that load from other processes falls on every contender alike. Self-contained: its source
// also runs inside the Chromium page.
function medianMicros(fns, { batches = 31, perBatch = 0, warmup = 200, warmupMs = 100, minBatchMs = 3 } = {}) {
  const list = Array.isArray(fns) ? fns : [fns];
  const counts = list.map((fn) => {
    // Warm up by count and by time: wasm starts in the baseline compiler and tiers up in the background.
    const warmStart = performance.now();
    for (let i = 0; i < warmup || performance.now() - warmStart < warmupMs; i++) fn();
    if (perBatch) return perBatch;
    let n = 1;
    for (; n < 1 << 20; n *= 2) {
      const start = performance.now();
      for (let i = 0; i < n; i++) fn();
      if (performance.now() - start >= minBatchMs) break;
    }
    return n;
  });
  const perCall = list.map(() => []);
  for (let b = 0; b < batches; b++) {
    list.forEach((fn, k) => {
      const n = counts[k];
      const start = performance.now();
      for (let i = 0; i < n; i++) fn();
      perCall[k].push(((performance.now() - start) * 1000) / n);
    });
  }
  const medians = perCall.map((xs) => xs.sort((a, b) => a - b)[xs.length >> 1]);
  return Array.isArray(fns) ? medians : medians[0];
}

function table(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const bytes = (n) => (n == null ? 'n/a' : n.toLocaleString('en-US'));
const micros = (n) => (n == null ? 'n/a' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
const millis = (n) => (n == null ? 'n/a' : n < 100 ? n.toFixed(1) : n.toFixed(0));
const mib = (n) => (n / MiB).toFixed(2);
const pct = (part, whole) => `${((part / whole) * 100).toFixed(1)} %`;

// dist/ as it is now, in the temp dir.
function snapshotDist(tmp) {
  const names = ['ltgs-checkout.js', 'ltgs-checkout.app.js', 'ltgs-checkout.wasm', 'ltgs-checkout.single.js', 'checkout.js', 'checkout.wasm'];
  const files = {};
  for (const name of names) {
    const file = path.join(DIST, name);
    if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run npm run build first`);
    files[name] = fs.readFileSync(file);
    fs.writeFileSync(path.join(tmp, name), files[name]);
  }
  return files;
}

// The pure-JS stacks, bundled like the widget: IIFE, minified, es2020, no legal comments.
async function buildStacks(tmp) {
  const stacks = {};
  for (const name of ['lean', 'popular']) {
    const result = await esbuild.build({
      entryPoints: [path.join(__dirname, 'stacks', `${name}.mjs`)],
      bundle: true, minify: true, format: 'iife', globalName: `${name}Stack`, target: 'es2020',
      platform: 'browser', legalComments: 'none', charset: 'utf8', write: false, logLevel: 'silent',
    });
    const text = result.outputFiles[0].text;
    fs.writeFileSync(path.join(tmp, `${name}.js`), text);
    stacks[name] = { buffer: Buffer.from(text), api: vm.runInThisContext(`${text};${name}Stack`, { filename: `${name}.js` }) };
  }
  return stacks;
}

async function loadNodeCore(tmp) {
  const { factory, wasmBinary } = coreFiles({ dist: tmp });
  try {
    return await factory({ wasmBinary });
  } catch (err) {
    throw new Error(`the core in dist/ does not load (${err.message}): was it being rebuilt? Run npm run build, then the bench again`);
  }
}

// The inputs every contender gets: LTGS's sample request, a request with an error in every field, a typed
// phone number, a valid 120-character EMVCo payload and a PAID status response.
function benchInputs(core) {
  const sample = {
    Sale_Reference_ID: 'LTGSINV_230624_001', Customer_KYC_ID: '1199999999999999', Phone_Number: '0788123456',
    Email_Address: 'customer@example.com', Services_Name: 'Payment for services', Total_Amount_to_Pay: 15000,
    Callback_URL: 'https://yourdomain.com/callback',
  };
  const bad = {
    Sale_Reference_ID: 'LTGS INV', Customer_KYC_ID: '4199999999999999', Phone_Number: '+256 772 123 456',
    Email_Address: 'customer@example', Services_Name: '', Total_Amount_to_Pay: 15000.5, Callback_URL: 'http://yourdomain.com/callback',
  };
  const emv = (reference) => core.emvBuild({ guid: 'rw.ltgs', merchantId: 'LTGS000123', mcc: '4900', merchantName: 'WASAC Ltd',
    merchantCity: 'Kigali', amount: 15000, reference });
  const shortest = emv('R').value.length;  // the reference label fills the payload up to 120 characters
  const qrPayload = emv('LTGSINV0000000000000000000'.slice(0, 1 + 120 - shortest)).value;
  if (qrPayload.length !== 120 || !core.emvParse(qrPayload).ok) throw new Error(`EMVCo payload: ${qrPayload.length} characters`);
  return {
    requestJson: JSON.stringify(sample),
    badRequestJson: JSON.stringify(bad),
    phone: '0788 123 456',
    qrPayload,
    statusJson: JSON.stringify({ Sale_Reference_ID: sample.Sale_Reference_ID, Payment_Status: 'PAID', Payment_Channel: 'MTN MoMo',
      Payment_Ref_ID: 'MTN_777', Total_Amount_Paid: 15000, Paid_On: '2025-06-24 10:00:00' }),
    settings: { currentYear: new Date().getFullYear() },
  };
}

function sizeEntries(files, stacks) {
  const sum = (...bufs) => bufs.map(sizes).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }));
  const paystackFile = require.resolve('@paystack/inline-js/dist/inline.js');
  return {
    // The script tag: its first script (which draws the button), the rest of the widget and the wasm.
    script: { ...sum(files['ltgs-checkout.js'], files['ltgs-checkout.app.js'], files['ltgs-checkout.wasm']),
              js: sum(files['ltgs-checkout.js'], files['ltgs-checkout.app.js']), first: sizes(files['ltgs-checkout.js']),
              wasm: sizes(files['ltgs-checkout.wasm']) },
    single: sizes(files['ltgs-checkout.single.js']),
    lean: sizes(stacks.lean.buffer),
    popular: sizes(stacks.popular.buffer),
    paystack: { ...sizes(fs.readFileSync(paystackFile)), version: versions()['@paystack/inline-js'] },
  };
}

const versions = () => Object.fromEntries(['lean-qr', 'qrcode', 'libphonenumber-js', 'validator', '@paystack/inline-js', 'esbuild']
  .map((p) => [p, JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version]));

// "3.1× faster" / "1.4× slower" for times (lower is better), "2.2× bigger" / "0.8× smaller" for sizes.
function versus(ltgs, other, { what = 'time' } = {}) {
  if (ltgs == null || other == null) return '';
  if (what === 'time') return ltgs <= other ? `${(other / ltgs).toFixed(2)}× faster` : `${(ltgs / other).toFixed(2)}× slower`;
  return `${(ltgs / other).toFixed(2)}× ${ltgs > other ? 'bigger' : 'smaller'}`;
}

const OPS = [
  ['form', 'full-form validation'],
  ['phone', 'one field (phone)'],
  ['qr', 'QR SVG, 120-char EMVCo'],
  ['status', 'status-response parsing'],
];

function bestAlternative(entry) {
  const js = Object.entries(entry).filter(([k, v]) => k !== 'ltgs' && typeof v === 'number');
  return js.reduce((best, cur) => (cur[1] < best[1] ? cur : best));
}

function mainTable(r) {
  const s = r.sizes;
  const rows = [];
  for (const [k, label] of [['raw', 'download raw, bytes'], ['gzip', 'download gzip -9, bytes'], ['brotli', 'download brotli 11, bytes']]) {
    const best = Math.min(s.lean[k], s.popular[k], s.paystack[k]);
    const bestName = best === s.lean[k] ? 'lean' : best === s.popular[k] ? 'popular' : 'Paystack';
    rows.push([label, bytes(s.script[k]), bytes(s.single[k]), bytes(s.lean[k]), bytes(s.popular[k]), bytes(s.paystack[k]),
      bytes(r.sizes.reference[k]), `${versus(s.script[k], best, { what: 'size' })} than ${bestName}`]);
  }
  for (const env of ['node', 'chromium']) {
    for (const [op, label] of OPS) {
      const e = r.speed[env][op];
      const [bestName, best] = bestAlternative(e);
      rows.push([`${label}, ${env === 'node' ? 'Node' : 'Chromium'}, µs`, micros(e.ltgs), '〃', micros(e.lean),
        e.popular == null ? '—' : micros(e.popular), '', '', `${versus(e.ltgs, best)} than ${bestName}`]);
    }
  }
  const st = r.startup;
  const startRow = (label, set, visit, field) => {
    const ref = set.reference[visit].button;
    const v = set.script[visit][field];
    rows.push([label, millis(v), millis(set.single[visit][field]), '', '', '', field === 'button' ? millis(ref) : '',
      field === 'button' ? `${(v / ref).toFixed(2)}× the trivial button` : '']);
  };
  startRow(`start-up to pay button, loopback cold, ms (${REPS_LOOPBACK})`, st.loopback, 'cold', 'button');
  startRow('start-up to core ready, loopback cold, ms', st.loopback, 'cold', 'core');
  startRow(`start-up to pay button, slow 3G first visit, ms (${REPS_SLOW})`, st.slow3g, 'cold', 'button');
  startRow('start-up to core ready, slow 3G first visit, ms', st.slow3g, 'cold', 'core');
  startRow('start-up to pay button, slow 3G cached, ms', st.slow3g, 'cached', 'button');
  startRow('start-up to core ready, slow 3G cached, ms', st.slow3g, 'cached', 'core');
  for (const env of ['node', 'chromium']) {
    const m = r.memory[env];
    rows.push([`wasm memory, start → after ${m.count.toLocaleString('en-US')}, MiB (${env === 'node' ? 'Node' : 'Chromium'})`,
      `${mib(m.start.linear)} → ${mib(m.after.linear)}`, '〃', '', '', '', '', '']);
  }
  const a = Object.fromEntries(r.answers.map((c) => [c.name, c]));
  const core = a['ltgs-checkout (wasm)'];
  const lean = a['lean stack, natural APIs'];
  const popular = a['popular stack, natural APIs'];
  rows.push([`right answers, of ${core.total} inputs`, core.right, '〃', lean.right, popular.right, 'n/a', '',
    `${core.right - Math.max(lean.right, popular.right) >= 0 ? '+' : ''}${core.right - Math.max(lean.right, popular.right)} right answers`]);
  return table(rows, ['measure', 'ltgs script tag', 'ltgs single file', 'lean JS', 'popular JS', 'Paystack', 'trivial button', 'ltgs-checkout against the best alternative']);
}

// PASS / MISS lines: { ok, name, measured, limit, margin, reason? }
function targets(r) {
  const t = [];
  const underLimit = (name, value, limit, fmt, unit, reason) => {
    const ok = value <= limit;
    const diff = Math.abs(limit - value);
    t.push({ ok, name, measured: value, limit, text: `${fmt(value)} ${unit} (limit ${fmt(limit)}): ` +
      `${ok ? `${fmt(diff)} ${unit} to spare` : `over by ${fmt(diff)} ${unit}, +${pct(diff, limit)}`}`, reason: ok ? undefined : reason() });
  };
  const s = r.sizes;
  for (const [key, label, limit] of [['script', 'script tag (JS + wasm)', TARGETS.gzipBytes], ['single', 'single file', TARGETS.singleGzipBytes]]) {
    underLimit(`widget download ≤ ${limit / KiB} KiB gzip, ${label}`, s[key].gzip, limit, bytes, 'B', () => (key === 'script'
      ? `the wasm is ${bytes(s.script.wasm.gzip)} B gzip (${pct(s.script.wasm.gzip, s.script.gzip)}), the JS ${bytes(s.script.js.gzip)} B`
      : `the wasm travels as base64 inside the JS, which compresses worse (${bytes(s.single.gzip - s.script.gzip)} B more than the script tag) and cannot compile while streaming`));
  }
  // Times against the fastest pure-JS stack, Chromium (where customers are).
  const c = r.speed.chromium;
  {
    const [bestName, best] = bestAlternative(c.form);
    const speedUp = best / c.form.ltgs;
    const ok = speedUp >= TARGETS.formSpeedUp;
    t.push({ ok, name: 'full-form validation not slower than pure JS, Chromium', measured: speedUp, limit: TARGETS.formSpeedUp,
      text: `${speedUp.toFixed(2)}× (${micros(c.form.ltgs)} µs against ${bestName} ${micros(best)} µs; needs ${TARGETS.formSpeedUp.toFixed(1)}×)` +
        `${ok ? '' : `: the core would need ${micros(best / TARGETS.formSpeedUp)} µs`}`,
      reason: ok ? undefined : `the smallest call (parseSaleReference: one string in, a report parsed by JSON.parse out) already costs ` +
        `${micros(c.floor.ltgs)} µs; the rest is the core reading the JSON and writing its report in wasm (docs/performance.md)` });
  }
  {
    const [bestName, best] = bestAlternative(c.status);
    const slowdown = c.status.ltgs / best;
    const ok = slowdown <= TARGETS.statusSlowdown;
    t.push({ ok, name: `status-response parsing within ${TARGETS.statusSlowdown}× of pure JS, Chromium`, measured: slowdown, limit: TARGETS.statusSlowdown,
      text: `${slowdown.toFixed(2)}× the time (${micros(c.status.ltgs)} µs against ${bestName} ${micros(best)} µs; limit ${TARGETS.statusSlowdown}×)`,
      reason: ok ? undefined : `the crossing into wasm and back costs ${micros(c.floor.ltgs)} µs per call` });
  }
  {
    const [bestName, best] = bestAlternative(c.qr);
    const speedUp = best / c.qr.ltgs;
    t.push({ ok: speedUp >= TARGETS.qrSpeedUp, name: `QR SVG, 120-char EMVCo ≥ ${TARGETS.qrSpeedUp}× faster than pure JS, Chromium`, measured: speedUp,
      limit: TARGETS.qrSpeedUp, text: `${speedUp.toFixed(2)}× (${micros(c.qr.ltgs)} µs against ${bestName} ${micros(best)} µs)` });
  }
  const st = r.startup;
  const ratioLine = (series, key, label, where) => {
    const cold = series[key].cold;
    const ref = series.reference.cold;
    const ratio = cold.button / ref.button;
    const ok = ratio <= TARGETS.buttonRatio;
    t.push({ ok, name: `pay button within ${TARGETS.buttonRatio}× of a trivial button, ${where}, ${label}`, measured: ratio, limit: TARGETS.buttonRatio,
      text: `${ratio.toFixed(3)}× (${millis(cold.button)} ms against ${millis(ref.button)} ms; limit ${TARGETS.buttonRatio}×): ` +
        `${ok ? `${millis(TARGETS.buttonRatio * ref.button - cold.button)} ms to spare` : `over by ${millis(cold.button - TARGETS.buttonRatio * ref.button)} ms`}`,
      reason: ok ? undefined : `the trivial script is ${bytes(r.sizes.reference.raw)} B and has run at ${millis(ref.scriptRun)} ms; the widget's ` +
        `${bytes(key === 'script' ? s.script.first.raw : s.single.raw)} B of JS (the script that draws the button) has run at ${millis(cold.scriptRun)} ms` });
  };
  for (const [key, label] of [['script', 'script tag'], ['single', 'single file']]) ratioLine(st.slow3g, key, label, 'slow 3G first visit');
  for (const [key, label] of [['script', 'script tag'], ['single', 'single file']]) ratioLine(st.loopback, key, label, 'loopback cold');
  underLimit('core ready ≤ 1.8 s, slow 3G first visit, script tag', st.slow3g.script.cold.core, TARGETS.slowCoreMs, millis, 'ms', () =>
    `ltgs-checkout.app.js and the .wasm (${bytes(s.script.js.brotli - s.script.first.brotli + s.script.wasm.brotli)} B brotli) arrive at ` +
    '50 kB/s after the first script; the core compiles and starts once both are there');
  for (const env of ['node', 'chromium']) {
    const m = r.memory[env];
    const peak = Math.max(m.start.linear, m.after.linear);
    underLimit(`wasm memory ≤ 2 MiB, ${env === 'node' ? 'Node' : 'Chromium'}`, peak, TARGETS.linearMemoryBytes, bytes, 'B', () =>
      `the linear memory starts at Emscripten's default INITIAL_MEMORY of 16 MiB; malloc's next address is ${bytes(m.start.heapTop)} at start ` +
      `and ${bytes(m.after.heapTop)} after ${m.count.toLocaleString('en-US')} validations (static data + the default 5 MiB stack + the heap in use)`);
    const flat = m.after.linear === m.start.linear;
    t.push({ ok: flat, name: `wasm memory flat over ${m.count.toLocaleString('en-US')} validations, ${env === 'node' ? 'Node' : 'Chromium'}`,
      measured: m.after.linear - m.start.linear, limit: 0,
      text: `${bytes(m.start.linear)} → ${bytes(m.after.linear)} B (malloc's next address ${bytes(m.start.heapTop)} → ${bytes(m.after.heapTop)})`,
      reason: flat ? undefined : 'the linear memory grew under load' });
  }
  return t;
}

function details(r) {
  const lines = [];
  const st = r.startup;
  lines.push('Start-up phases, medians in ms from inserting the script tag (js/wasm fetched: responseEnd; script run: its load event):');
  const rows = [];
  for (const [net, set] of [['loopback', st.loopback], ['slow 3G', st.slow3g]]) {
    for (const visit of ['cold', 'cached']) {
      for (const key of ['script', 'single', 'reference']) {
        const p = set[key][visit];
        rows.push([`${net}, ${visit === 'cold' ? 'first visit' : 'cached'}, ${key}`, millis(p.jsFetched), millis(p.scriptRun), millis(p.button),
          millis(p.wasmFetched), millis(p.core), `${millis(p.fastestButton)} / ${millis(p.fastestCore)}`, bytes(p.transferBytes)]);
      }
    }
  }
  lines.push(table(rows, ['run', 'js fetched', 'script run', 'button', 'wasm fetched', 'core ready', 'fastest button / core', 'bytes over the wire']));
  lines.push('');
  lines.push(`Content-Encoding sent to Chromium: ${Object.entries(r.chromium.encodings).map(([k, v]) => `${k} ×${v}`).join(', ')}; ` +
    `slow 3G = CDP Network.emulateNetworkConditions latency ${SLOW_3G.latency} ms, ${SLOW_3G.downloadThroughput} B/s down and up.`);
  lines.push(`JS↔wasm floor (core.parseSaleReference on 18 characters): Node ${micros(r.speed.node.floor.ltgs)} µs, Chromium ${micros(r.speed.chromium.floor.ltgs)} µs per call.`);
  lines.push('');
  lines.push('Answers per field (right / total):');
  const fields = Object.keys(r.answers[0].perField);
  lines.push(table(r.answers.map((c) => [c.name, ...fields.map((f) => `${c.perField[f].right}/${c.perField[f].total}`), `${c.right}/${c.total}`]),
    ['contender', ...fields, 'all']));
  for (const c of r.answers) {
    for (const w of c.wrong) lines.push(`  ${c.name}: ${w.field} ${JSON.stringify(w.input)} ${w.answer ? 'accepted' : 'refused'} (${w.why})`);
  }
  return lines.join('\n');
}

function chart(r) {
  const s = r.sizes;
  const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
  const sizeBars = [
    { label: 'ltgs-checkout, script tag', value: s.script.gzip, colour: COLOURS.ltgs, text: `${kb(s.script.gzip)} (JS ${kb(s.script.js.gzip)} + wasm ${kb(s.script.wasm.gzip)})` },
    { label: 'ltgs-checkout, single file', value: s.single.gzip, colour: COLOURS.single, text: kb(s.single.gzip) },
    { label: 'lean JS stack (no UI)', value: s.lean.gzip, colour: COLOURS.lean, text: kb(s.lean.gzip) },
    { label: 'popular JS stack (no UI)', value: s.popular.gzip, colour: COLOURS.popular, text: kb(s.popular.gzip) },
    { label: '@paystack/inline-js (loader)', value: s.paystack.gzip, colour: COLOURS.paystack, text: kb(s.paystack.gzip) },
  ];
  const speedGroups = [];
  for (const [op, label] of OPS) {
    for (const env of ['node', 'chromium']) {
      const e = r.speed[env][op];
      const bars = [{ label: 'ltgs-checkout (wasm)', value: e.ltgs, colour: COLOURS.ltgs, text: `${micros(e.ltgs)} µs` }];
      bars.push({ label: op === 'qr' ? 'lean-qr' : op === 'status' ? 'JSON.parse + checks' : 'lean JS stack', value: e.lean, colour: COLOURS.lean, text: `${micros(e.lean)} µs` });
      if (e.popular != null) bars.push({ label: op === 'qr' ? 'qrcode' : 'popular JS stack', value: e.popular, colour: COLOURS.popular, text: `${micros(e.popular)} µs` });
      speedGroups.push({ title: `${label}, ${env === 'node' ? 'Node' : 'Chromium'} (µs per call, median; shorter is better)`, bars });
    }
  }
  const st = r.startup;
  const startGroups = [
    ['loopback, first visit', st.loopback, 'cold', null],
    ['slow 3G, first visit', st.slow3g, 'cold', null],
    ['slow 3G, cached', st.slow3g, 'cached', null],
  ].map(([label, set, visit, target]) => ({
    title: `${label} (ms, median)`,
    target: target ? { value: target, label: `target ${target} ms (button)` } : undefined,
    bars: [
      { label: 'script tag: pay button', value: set.script[visit].button, colour: COLOURS.ltgs, text: `${millis(set.script[visit].button)} ms` },
      { label: 'script tag: core ready', value: set.script[visit].core, colour: COLOURS.ltgs, text: `${millis(set.script[visit].core)} ms` },
      { label: 'single file: pay button', value: set.single[visit].button, colour: COLOURS.single, text: `${millis(set.single[visit].button)} ms` },
      { label: 'single file: core ready', value: set.single[visit].core, colour: COLOURS.single, text: `${millis(set.single[visit].core)} ms` },
      { label: 'trivial button', value: set.reference[visit].button, colour: COLOURS.reference, text: `${millis(set.reference[visit].button)} ms` },
    ],
  }));
  return barChart({
    title: 'ltgs-checkout side by side with the pure-JS alternatives',
    subtitle: `npm run bench, ${r.date.slice(0, 10)}: ${r.machine.cpus} × ${r.machine.cpu}, Node ${r.machine.node}, ` +
      `Chromium ${r.chromium.version}, load average ${r.machine.loadAverage.start.toFixed(1)} → ${r.machine.loadAverage.end.toFixed(1)}`,
    sections: [
      { title: 'Download, gzip -9 (shorter is better)', groups: [{ title: 'what a page loads for a checkout', bars: sizeBars, target: { value: TARGETS.gzipBytes, label: 'target 60 KiB (61.4 kB)' } }] },
      { title: 'Per-call speed', groups: speedGroups },
      { title: 'Start-up in headless Chromium, from inserting the script tag', groups: startGroups },
    ],
  });
}

async function main() {
  const began = performance.now();
  const loadStart = os.loadavg()[0];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-bench-'));
  try {
    const files = snapshotDist(tmp);
    const stacks = await buildStacks(tmp);
    const core = await loadNodeCore(tmp);
    const inputs = benchInputs(core);
    process.stdout.write('bench: Node per-call timings… ');
    const nodeSpeed = speedSuite(core, stacks.lean.api, stacks.popular.api, medianMicros, inputs);
    const nodeMemory = memorySuite(core, inputs);
    const answers = scoreAnswers(core, stacks.lean.api, stacks.popular.api, inputs.settings.currentYear);
    process.stdout.write(`done (${((performance.now() - began) / 1000).toFixed(0)} s)\nbench: Chromium… `);
    const chromium = await runChromium({
      files: { ...files, 'lean.js': stacks.lean.buffer, 'popular.js': stacks.popular.buffer },
      suites: { speedSuite, memorySuite, medianMicros },
      inputs,
      repsLoopback: REPS_LOOPBACK,
      repsSlow: REPS_SLOW,
    });
    process.stdout.write(`done (${((performance.now() - began) / 1000).toFixed(0)} s)\nbench: the server package… `);
    const server = await serverBench.runServerBench();
    process.stdout.write(`done (${((performance.now() - began) / 1000).toFixed(0)} s)\nbench: the demo server over slow 3G… `);
    const demo = await demoVisit.runDemoVisit();
    process.stdout.write(`done (${((performance.now() - began) / 1000).toFixed(0)} s)\n\n`);

    const r = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0].model.trim(), node: process.versions.node, platform: `${os.type()} ${os.release()}`,
        loadAverage: { start: loadStart, end: os.loadavg()[0] } },
      versions: versions(),
      chromium: { version: chromium.version, crossOriginIsolated: chromium.crossOriginIsolated, encodings: chromium.encodings },
      inputs: { qrPayload: inputs.qrPayload, phone: inputs.phone, request: JSON.parse(inputs.requestJson), status: JSON.parse(inputs.statusJson) },
      sizes: { ...sizeEntries(files, stacks), reference: sizes(Buffer.from(REFERENCE_SCRIPT)) },
      speed: { node: nodeSpeed, chromium: chromium.speed },
      memory: { node: nodeMemory, chromium: chromium.memory },
      startup: chromium.startup,
      network: chromium.network,
      answers: answers.map(({ wrong, ...c }) => ({ ...c, wrong: wrong.map((w) => ({ field: w.field, input: w.input, answer: w.answer, why: w.why })) })),
      targets: TARGETS,
      server,
      demoVisit: demo,
    };
    r.targetResults = targets(r);

    console.log(`ltgs-checkout side by side: ${r.machine.cpus} × ${r.machine.cpu}, Node ${r.machine.node}, Chromium ${r.chromium.version}, ` +
      `load average ${loadStart.toFixed(1)} → ${r.machine.loadAverage.end.toFixed(1)}\n`);
    console.log(mainTable(r));
    console.log('\n〃 the same wasm core as the script tag. — no second contender (status parsing uses no package). Pure-JS stacks have no UI;');
    console.log('Paystack is its loader script (the form itself comes in an iframe). µs and ms are medians; lower is better.\n');
    console.log('Targets:');
    for (const t of r.targetResults) {
      console.log(`  ${t.ok ? 'PASS' : 'MISS'}  ${t.name}: ${t.text}`);
      if (t.reason) console.log(`        why: ${t.reason}`);
    }
    console.log(`\n${details(r)}`);
    console.log('\nltgs-checkout/server: signed callbacks held on loopback (whole path, re-check with a scripted LTGS), load from a second process');
    console.log(serverBench.describe(server));
    console.log('\nnpm start\'s bill page, first visit over slow 3G, through the demo server itself:');
    console.log(demoVisit.describeVisit(demo));

    fs.mkdirSync(OUT, { recursive: true });
    const rounded = (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v);
    fs.writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(r, rounded, 2)}\n`);
    fs.writeFileSync(path.join(OUT, 'bench.svg'), chart(r));
    fs.appendFileSync(path.join(OUT, 'history.jsonl'), `${JSON.stringify(historyEntry(r, commitOf()), rounded)}\n`);
    const elapsed = (performance.now() - began) / 1000;
    console.log(`\nbench: wrote ${path.relative(process.cwd(), path.join(OUT, 'results.json'))} and bench.svg, and added a line to history.jsonl, in ${elapsed.toFixed(0)} s`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// One line of docs/bench/history.jsonl per run: when, on which commit and machine load, the download sizes,
// the Chromium per-call medians and start-up times, and each target's verdict with its figure, so that a
// later change can be compared with every earlier run (results.json holds the last run whole).
function historyEntry(r, commit) {
  const st = r.startup;
  return {
    date: r.date,
    commit,
    load: r.machine.loadAverage,
    gzip: { scriptTag: r.sizes.script.gzip, single: r.sizes.single.gzip, wasm: r.sizes.script.wasm.gzip },
    chromiumMicros: { form: r.speed.chromium.form.ltgs, status: r.speed.chromium.status.ltgs, floor: r.speed.chromium.floor.ltgs },
    startupMs: {
      buttonSlow3g: st.slow3g.script.cold.button, trivialSlow3g: st.slow3g.reference.cold.button,
      buttonLoopback: st.loopback.script.cold.button, trivialLoopback: st.loopback.reference.cold.button,
      coreSlow3g: st.slow3g.script.cold.core,
    },
    targets: r.targetResults.map(({ ok, name, measured, limit }) => ({ ok, name, measured, limit })),
  };
}

// The commit measured: its short hash, with "+changes" when the work tree differs from it; null outside git.
function commitOf() {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${hash}+changes` : hash;
  } catch {
    return null;
  }
}

module.exports = { medianMicros, table, chart, targets, historyEntry };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
