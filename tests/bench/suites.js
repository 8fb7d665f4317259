// Workloads that run unchanged in Node and, as source text, inside a Chromium page: each function uses only
// its arguments and the global `performance`, so Function.prototype.toString carries it whole.
'use strict';

// Median microseconds per call of each contender of each operation. core: the wasm module; lean, popular:
// the pure-JS stacks (tests/bench/stacks); medianMicros: bench.js's helper; inputs: see benchInputs().
function speedSuite(core, lean, popular, medianMicros, inputs) {
  const { requestJson, phone, qrPayload, statusJson, settings } = inputs;
  const okResult = (r) => r && r.ok === true;
  const svgText = (s) => typeof s === 'string' && s.startsWith('<svg') ? { ok: true } : { ok: false };
  const ops = [
    ['form', [
      ['ltgs', () => core.validateRequestJson(requestJson, settings)],
      ['lean', () => lean.validateRequestJson(requestJson, settings)],
      ['popular', () => popular.validateRequestJson(requestJson, settings)],
    ]],
    ['phone', [
      ['ltgs', () => core.validateField('Phone_Number', phone, settings)],
      ['lean', () => lean.validateField('Phone_Number', phone, settings)],
      ['popular', () => popular.validateField('Phone_Number', phone, settings)],
    ]],
    ['qr', [
      ['ltgs', () => core.qrSvg(qrPayload, { ecc: 'M' })],
      ['lean', () => svgText(lean.qrSvg(qrPayload))],
      ['popular', () => svgText(popular.qrSvg(qrPayload))],
    ]],
    ['status', [
      ['ltgs', () => core.parseCallbackJson(statusJson)],
      ['lean', () => lean.parseStatusJson(statusJson)],  // no package involved: the same code in both stacks
    ]],
    // The cost of crossing into wasm and back: one short string in, a small result object out.
    ['floor', [['ltgs', () => core.parseSaleReference('LTGSINV_230624_001')]]],
  ];
  const out = {};
  for (const [op, contenders] of ops) {
    for (const [name, fn] of contenders) {
      const r = fn();
      if (!okResult(r)) throw new Error(`${op}/${name} did not accept the benchmark input: ${JSON.stringify(r)}`);
    }
    const medians = medianMicros(contenders.map(([, fn]) => fn));  // interleaved batches
    out[op] = Object.fromEntries(contenders.map(([name], k) => [name, medians[k]]));
  }
  return out;
}

// The wasm linear memory (bytes) when loaded and after `count` validations, alternating a valid request and
// one with errors in every field. heapTop: the address malloc hands out next (a lower bound of the heap's
// high-water mark), when the module exports _malloc.
function memorySuite(core, inputs, count = 10000) {
  const { requestJson, badRequestJson, settings } = inputs;
  const linear = () => core.HEAP8.buffer.byteLength;
  const heapTop = () => {
    if (typeof core._malloc !== 'function') return null;
    const p = core._malloc(16);
    core._free(p);
    return p;
  };
  const start = { linear: linear(), heapTop: heapTop() };
  let accepted = 0;
  for (let i = 0; i < count; i++) {
    if (core.validateRequestJson(i % 2 ? badRequestJson : requestJson, settings).ok) accepted++;
  }
  if (accepted !== count / 2) throw new Error(`memorySuite: ${accepted} of ${count} accepted, expected half`);
  return { count, start, after: { linear: linear(), heapTop: heapTop() } };
}

module.exports = { speedSuite, memorySuite };
