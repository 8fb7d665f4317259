// The shared case table (tests/cases/*.json) run through both wasm modules: the Node core (dist/checkout.js,
// Embind, wasm/bindings.cpp) and the widget's (dist/ltgs-checkout.wasm through web/widget/wasm-glue.js and
// wasm/c_api.cpp, loaded as the ES module loads it). tests/core/cases_test.cpp runs the same rows through the
// native core's report functions, which both modules' exports call; all compare only the members a row's
// "expect" names (format: tests/cases/README.md), so the builds cannot drift.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const casesDir = path.join(root, 'tests', 'cases');
const { loadCore: loadSharedCore } = require('./core-loader.js');

const rows = fs
  .readdirSync(casesDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .flatMap((file) =>
    JSON.parse(fs.readFileSync(path.join(casesDir, file), 'utf8')).cases.map((row, index) => [
      `${file} #${index} ${row.name}`,
      row,
    ]),
  );

const JSON_FNS = new Set(['validateRequestJson', 'parseCallbackJson']);  // input: any JSON value, as its text

// {hex: "c328"}: raw bytes. A JS string cannot hold bytes, so well-formed UTF-8 sequences become their
// characters and every other byte a lone surrogate U+DC80 + (byte - 0x80), as Python's "surrogateescape" does:
// the string is not well-formed exactly when the bytes are not UTF-8. The binding (wasm/bindings.cpp) then
// hands the core an invalid byte sequence too, though not the same bytes (tests/cases/README.md).
function textOfHex(hex) {
  const b = Buffer.from(hex, 'hex');
  let out = '';
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const [len, min] = c < 0x80 ? [1, 0] : c >= 0xc2 && c <= 0xdf ? [2, 0x80] : (c & 0xf0) === 0xe0 ? [3, 0x800]
      : c >= 0xf0 && c <= 0xf4 ? [4, 0x10000] : [0, 0];
    let cp = len === 1 ? c : len === 2 ? c & 0x1f : len === 3 ? c & 0x0f : c & 0x07;
    let ok = len > 0 && i + len <= b.length;
    for (let k = 1; ok && k < len; k++) {
      ok = (b[i + k] & 0xc0) === 0x80;
      cp = (cp << 6) | (b[i + k] & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      out += String.fromCodePoint(cp);
      i += len;
    } else {
      out += String.fromCharCode(0xdc00 + c);
      i += 1;
    }
  }
  return out;
}

// The text a row feeds in: inputParts (concatenated, {repeat, count} expanded, {hex} decoded as above),
// inputText, or input (for the JSON functions any JSON value, serialised compactly).
function inputOf(row) {
  if ('inputParts' in row)
    return row.inputParts
      .map((p) => (typeof p === 'string' ? p : 'hex' in p ? textOfHex(p.hex) : p.repeat.repeat(p.count)))
      .join('');
  if ('inputText' in row) return row.inputText;
  if (JSON_FNS.has(row.fn)) return JSON.stringify(row.input);
  return row.input; // undefined when the row has none
}

// {"$payment": {"draft": [reference, amount], "events": [event, …]}}: the payment those events make of a draft,
// each applied with applyEvent (a refused event is not an error; an event the core cannot read is).
function paymentAfter(m, { draft, events = [] }) {
  const answer = m.draftPayment(...draft);
  if (!answer.ok) throw new Error(`$payment: draftPayment refused ${JSON.stringify(draft)}: ${answer.errors[0].code}`);
  let payment = answer.value;
  for (const event of events) {
    const next = m.applyEvent(payment, event);
    if (!next.ok) throw new Error(`$payment: applyEvent refused ${JSON.stringify(event)}: ${next.errors[0].code}`);
    payment = next.value.payment;
  }
  return payment;
}

// A row's arguments: "args" as given ($payment replaced), or built from input / inputText / inputParts and
// settings (tests/cases/README.md), as tests/core/cases_test.cpp builds them.
function argsOf(m, row) {
  if ('args' in row) return row.args.map((a) => (isObject(a) && '$payment' in a ? paymentAfter(m, a.$payment) : a));
  const settings = row.settings ?? {};
  const input = inputOf(row);
  switch (row.fn) {
    case 'validateField': return [row.field, input, settings];
    case 'validateRequestJson': return [input, settings];
    case 'parseNationalId': return [input, settings.currentYear ?? 0];
    case 'parseCallbackUrl': return [input, settings.sandbox ?? false];
    default: return [input];
  }
}

// Every exported function is called with the row's arguments; an object or array given where text is expected
// (the status document of applyAttemptStatus) is passed as its JSON text.
function run(m, row) {
  if (typeof m[row.fn] !== 'function') throw new Error(`unknown fn "${row.fn}"`);
  const args = argsOf(m, row);
  if (row.fn === 'applyAttemptStatus' && typeof args[2] !== 'string') return m[row.fn](args[0], args[1], JSON.stringify(args[2]));
  return m[row.fn](...args);
}

const fieldsAndCodes = (list) => list.map(({ field, code }) => ({ field, code }));

// FNV-1a, 64 bits, of the UTF-8 text, as 16 hex digits: a QR matrix's rows (joined by "\n") in one short string.
function fnv1a64(text) {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

// An array of the actual items, each reduced to the members its expected item names (when both are objects).
const itemsLike = (actual, expected) => actual.map((item, i) => (isObject(item) && isObject(expected[i])
  ? Object.fromEntries(Object.keys(expected[i]).filter((k) => k in item).map((k) => [k, item[k]])) : item));

// One member of a value: "<member>Fnv1a64" the hash of a string or of lines, "<member>Contains" the expected
// texts that the member holds, an object only with the members the row names, an array of objects item by
// item, anything else as it is.
function projectMember(value, name, want) {
  const base = (suffix) => name.slice(0, -suffix.length);
  if (name.endsWith('Fnv1a64') && base('Fnv1a64') in value) {
    const v = value[base('Fnv1a64')];
    return fnv1a64(Array.isArray(v) ? v.join('\n') : String(v));
  }
  if (name.endsWith('Contains') && base('Contains') in value) return want.filter((text) => value[base('Contains')].includes(text));
  if (!(name in value)) return undefined;
  if (Array.isArray(value[name]) && Array.isArray(want)) return itemsLike(value[name], want);
  return isObject(value[name]) && isObject(want) ? itemsLike([value[name]], [want])[0] : value[name];
}

// The members of `actual` that `expected` names: "errors" as [{field, code}], "code" as the single error's code,
// "value" whole, or (an object) only the members the row names (projectMember), an array item by item.
function project(actual, expected) {
  const errors = actual.errors ?? [];
  const got = {};
  for (const key of Object.keys(expected)) {
    if (key === 'errors') got.errors = fieldsAndCodes(errors);
    else if (key === 'code') got.code = errors.length === 1 ? errors[0].code : errors.map((e) => e.code);
    else if (key === 'value' && isObject(expected.value) && isObject(actual.value)) {
      got.value = {};
      for (const [member, want] of Object.entries(expected.value)) {
        const v = projectMember(actual.value, member, want);
        if (v !== undefined) got.value[member] = v;
      }
    } else if (key === 'value' && Array.isArray(expected.value) && Array.isArray(actual.value)) {
      got.value = itemsLike(actual.value, expected.value);
    } else if (key in actual) got[key] = actual[key];
  }
  return got;
}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// The widget's core answers with a code where the Node core has an English message (wasm/README.md); only
// fields and codes are compared, so one table serves both.
const BUILDS = {
  node: loadSharedCore,
  widget: async () => (await import('../../dist/ltgs-checkout.mjs')).loadCore(),
};
const cores = {};
const loadCore = async (build) => (cores[build] ??= await BUILDS[build]());

beforeAll(() => Promise.all(Object.keys(BUILDS).map(loadCore)));

test('the case table has at least 150 rows', () => {
  expect(rows.length).toBeGreaterThanOrEqual(150);
});

test('the hostile input table has at least 100 rows', () => {
  expect(rows.filter(([title]) => title.startsWith('hostile.json ')).length).toBeGreaterThanOrEqual(100);
});

const buildRows = Object.keys(BUILDS).flatMap((build) => rows.map(([title, row]) => [build, title, row]));

test.each(buildRows)('%s: %s', async (build, _title, row) => {
  const m = await loadCore(build);
  let actual;
  try {
    actual = run(m, row);
  } catch (err) {
    if (build === 'node') delete cores[build]; // a throw out of wasm leaves the module unusable: the next row gets a fresh one
    throw err;
  }
  expect(project(actual, row.expect)).toEqual(row.expect);
  // The convention (wasm/README.md): { ok: true, value } or { ok: false, errors: [{ field, code, message, params }] }.
  expect(Object.keys(actual).sort()).toEqual(actual.ok ? ['ok', 'value'] : ['errors', 'ok']);
  const errors = [...(actual.errors ?? []), ...(isObject(actual.value) && Array.isArray(actual.value.warnings) ? actual.value.warnings : [])];
  for (const e of errors) {
    expect(e.message).toMatch(/\S/);
    expect(isObject(e.params)).toBe(true);
  }
});
