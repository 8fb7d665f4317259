#!/usr/bin/env node
// npm run bench: side-by-side timings, one table per run (not part of npm test).
//   QR SVG for a 120-character EMVCo payload: the wasm core against the npm packages qrcode and lean-qr.
'use strict';

const { performance } = require('perf_hooks');
const { loadCore } = require('../js/core-loader');

// Median time per call in microseconds: `batches` timed batches of `perBatch` calls after a warm-up.
function medianMicros(fn, { batches = 31, perBatch = 50, warmup = 200 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const perCall = [];
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    for (let i = 0; i < perBatch; i++) fn();
    perCall.push(((performance.now() - start) * 1000) / perBatch);
  }
  perCall.sort((a, b) => a - b);
  return perCall[perCall.length >> 1];
}

function table(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function qrSvgBench(core) {
  const QRCode = require('qrcode');
  const qrcodeSvg = require('qrcode/lib/renderer/svg-tag');
  const { generate, correction } = require('lean-qr');
  const { toSvgSource } = require('lean-qr/extras/svg');

  const built = core.emvBuild({
    guid: 'rw.example.ltgs', merchantId: 'LTGS000123', mcc: '4900', merchantName: 'WASAC Ltd',
    merchantCity: 'Kigali', amount: 15000, reference: 'LTGSINV_230624_001',
  });
  if (!built.ok) throw new Error(`emvBuild: ${built.error.message}`);
  const payload = built.payload.padEnd(120, '0').slice(0, 120);  // the length the issue names

  const contenders = [
    ['ltgs-checkout (wasm)', () => core.qrSvg(payload, { ecc: 'M' }).svg],
    ['qrcode 1.5', () => qrcodeSvg.render(QRCode.create(payload, { errorCorrectionLevel: 'M' }), {})],
    ['lean-qr 2.7', () => toSvgSource(generate(payload, { minCorrectionLevel: correction.M, maxCorrectionLevel: correction.M }), {})],
  ];
  const results = contenders.map(([name, fn]) => ({ name, micros: medianMicros(fn), bytes: fn().length }));
  const base = results[0].micros;
  console.log(`\nQR SVG for a ${payload.length}-character EMVCo payload, level M (Node ${process.versions.node}, median per call)\n`);
  console.log(table(
    results.map((r) => [r.name, r.micros.toFixed(1), (r.micros / base).toFixed(2), r.bytes]),
    ['contender', 'µs/call', '× wasm', 'SVG bytes'],
  ));
}

async function main() {
  const core = await loadCore();
  await qrSvgBench(core);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
