// QR codes from the wasm core, decoded back by jsQR (a decoder this project did not write).
'use strict';

const jsQR = require('jsqr');
const { loadCore } = require('./core-loader');

let core;
beforeAll(async () => {
  core = await loadCore();
});

const SCALE = 4;  // pixels per module
const QUIET = 4;  // modules of margin

// RGBA image of `side` modules where dark(x, y) says which modules are black.
function rasterise(side, dark) {
  const px = side * SCALE;
  const data = new Uint8ClampedArray(px * px * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (!dark(x, y)) continue;
      for (let dy = 0; dy < SCALE; dy++) {
        for (let dx = 0; dx < SCALE; dx++) {
          const i = ((y * SCALE + dy) * px + x * SCALE + dx) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
      }
    }
  }
  return { data, width: px, height: px };
}

function fromMatrix(m) {
  const side = m.size + 2 * QUIET;
  return rasterise(side, (x, y) => {
    const mx = x - QUIET, my = y - QUIET;
    return mx >= 0 && my >= 0 && mx < m.size && my < m.size && m.rows[my][mx] === '1';
  });
}

// Replays the SVG's single path (M x y.5 / m dx dy / h n) into a module grid, then rasterises it.
function fromSvg(svg) {
  const side = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)[1]);
  const d = /<path [^>]*d="([^"]*)"/.exec(svg)[1];
  const grid = Array.from({ length: side }, () => new Array(side).fill(false));
  let x = 0, y = 0;
  for (const [, op, a, b] of d.matchAll(/([Mmh])(-?\d+)(?: (-?\d+)(?:\.5)?)?/g)) {
    if (op === 'M') { x = Number(a); y = Number(b); }
    if (op === 'm') { x += Number(a); y += Number(b); }
    if (op === 'h') {
      for (let k = 0; k < Number(a); k++) grid[y][x + k] = true;
      x += Number(a);
    }
  }
  return rasterise(side, (gx, gy) => grid[gy][gx]);
}

function decode(image) {
  const result = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
  expect(result).not.toBeNull();
  return Buffer.from(result.binaryData).toString('utf8');
}

const EMV_120 =
  '00020101021226330015rw.example.ltgs0110LTGS0001235204490053036465405150005802RW5909WASAC Ltd6006Kigali' +
  '62220518LTGSINV_23062463041234';
const TEXTS = {
  'one digit': '7',
  'short capitals': 'HELLO LTGS',
  'a URL': 'https://partner.example/pay?ref=LTGSINV_230624_001&amount=15000',
  'a 120-character EMVCo payload': EMV_120.slice(0, 120),
  'Kinyarwanda and French with accents': "Amazi y'ukwezi kwa Gicurasi — facture d'électricité",
  'digits only': '250788123456'.repeat(10),
  'a long mixed text': 'LTGS-0123456789-abcdef-'.repeat(40),
};

describe.each(['L', 'M', 'Q', 'H'])('error-correction level %s', (ecc) => {
  test.each(Object.entries(TEXTS))('%s decodes back exactly, from the matrix and from the SVG', (_, text) => {
    const answer = core.qrMatrix(text, ecc);
    expect(answer.ok).toBe(true);
    const m = answer.value;
    expect(m.ecc).toBe(ecc);
    expect(m.rows).toHaveLength(m.size);
    expect(m.size).toBe(4 * m.version + 17);
    expect(decode(fromMatrix(m))).toBe(text);

    const svgAnswer = core.qrSvg(text, { ecc });
    expect(svgAnswer.ok).toBe(true);
    const svg = svgAnswer.value;
    expect(svg.version).toBe(m.version);
    expect(decode(fromSvg(svg.svg))).toBe(text);
  });
});

test('the 120-character EMVCo payload makes a compact SVG: one path, viewBox, quiet zone, title', () => {
  const text = EMV_120.slice(0, 120);
  const { svg, size } = core.qrSvg(text).value;
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
  expect(svg).toContain(`viewBox="0 0 ${size + 8} ${size + 8}"`);
  expect(svg).toContain('shape-rendering="crispEdges"');
  expect(svg).toContain('<title>QR code</title>');
  expect(svg.match(/<path/g)).toHaveLength(1);
  expect(svg.length).toBeLessThan(3500);
});

test('colours and title are settable; unsafe values are refused', () => {
  const svg = core.qrSvg('LTGS', { dark: '#0a3d62', light: 'none', title: 'Scan to pay <WASAC>' }).value.svg;
  expect(svg).toContain('stroke="#0a3d62"');
  expect(svg).not.toContain('<rect');
  expect(svg).toContain('<title>Scan to pay &lt;WASAC&gt;</title>');
  const error = (r) => r.errors[0];
  expect(error(core.qrSvg('LTGS', { dark: 'red" onload="x' })).code).toBe('qr.invalid_colour');
  expect(error(core.qrSvg('LTGS', { ecc: 'Z' })).code).toBe('qr.invalid_ecc');
  expect(error(core.qrSvg('LTGS', { quietZone: 'wide' }))).toMatchObject({ field: 'options', code: 'settings.invalid' });
  expect(error(core.qrSvg('LTGS', { quietZone: 17 })).params).toMatchObject({ member: 'quietZone' });
  expect(error(core.qrSvg('LTGS', { colour: 'red' }))).toMatchObject({ code: 'settings.unknown', params: { member: 'colour' } });
});

test('text too long for any QR code is a clear error, and empty text too', () => {
  expect(core.qrSvg('x'.repeat(2953), { ecc: 'L' }).ok).toBe(true);
  const tooLong = core.qrSvg('x'.repeat(2954), { ecc: 'L' });
  expect(tooLong.ok).toBe(false);
  expect(tooLong.errors[0].code).toBe('qr.too_long');
  expect(tooLong.errors[0].message).toMatch(/too long/);
  expect(core.qrMatrix('x'.repeat(1300), 'H').errors[0].code).toBe('qr.too_long');
  expect(core.qrSvg('').errors[0].code).toBe('qr.empty');
});

test('digit runs are packed in numeric mode: an EMVCo payload needs a smaller symbol than byte mode', () => {
  // 120 characters in byte mode need version 7 at level M; with numeric segments for the digit runs, less.
  expect(core.qrMatrix(EMV_120.slice(0, 120), 'M').value.version).toBeLessThan(7);
  expect(core.qrMatrix('1'.repeat(41), 'L').value.version).toBe(1);  // numeric capacity of version 1-L
});
