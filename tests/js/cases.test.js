// The shared case table (tests/cases/*.json) run through the wasm module. tests/core/cases_test.cpp runs the
// same rows through the native core; both compare only the members a row's "expect" names
// (format: tests/cases/README.md), so the two builds cannot drift.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const casesDir = path.join(root, 'tests', 'cases');
const createCheckoutModule = require(path.join(root, 'dist', 'checkout.js'));
const wasmBinary = fs.readFileSync(path.join(root, 'dist', 'checkout.wasm'));

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

const JSON_FNS = new Set(['validateRequestJson', 'parseCallbackJson']);

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

function run(m, row) {
  const settings = row.settings ?? {};
  const input = inputOf(row);
  switch (row.fn) {
    case 'parsePhone': return m.parsePhone(input);
    case 'parseAmount': return m.parseAmount(input);
    case 'parseNationalId': return m.parseNationalId(input, settings.currentYear ?? 0);
    case 'parseEmail': return m.parseEmail(input);
    case 'parseCallbackUrl': return m.parseCallbackUrl(input, settings.sandbox ?? false);
    case 'parseServicesName': return m.parseServicesName(input);
    case 'parseSaleReference': return m.parseSaleReference(input);
    case 'validateField': return m.validateField(row.field, input, settings);
    case 'validateRequestJson': return m.validateRequestJson(input, settings);
    case 'parseCallbackJson': return m.parseCallbackJson(input);
    case 'emvParse': return m.emvParse(input);
    case 'parseAttemptReference': return m.parseAttemptReference(input);
    case 'attemptReference': return m.attemptReference(...row.args);
    case 'decideInitiation': return m.decideInitiation(...row.args);
    case 'orderStatus': return m.orderStatus(...row.args);
    case 'applyAttemptStatus': return m.applyAttemptStatus(row.args[0], row.args[1], JSON.stringify(row.args[2]));
    case 'checkoutRules': return m.checkoutRules();
    default: throw new Error(`unknown fn "${row.fn}"`);
  }
}

const errorsOf = (actual) => [...(actual.errors ?? []), ...(actual.error ? [actual.error] : [])];

// The members of `actual` that `expected` names; "errors" and "warnings" as [{field, code}], "code" as the single
// error's code.
function project(actual, expected) {
  const errors = errorsOf(actual);
  const got = {};
  for (const key of Object.keys(expected)) {
    if (key === 'errors') got.errors = errors.map(({ field, code }) => ({ field, code }));
    else if (key === 'warnings' && 'warnings' in actual) got.warnings = actual.warnings.map(({ field, code }) => ({ field, code }));
    else if (key === 'code' && !(actual.ok && 'code' in actual)) got.code = errors.length === 1 ? errors[0].code : errors.map((e) => e.code);
    else if (key in actual) got[key] = actual[key];
  }
  return got;
}

let core = null;
const loadCore = async () => (core ??= await createCheckoutModule({ wasmBinary }));

beforeAll(loadCore);

test('the case table has at least 150 rows', () => {
  expect(rows.length).toBeGreaterThanOrEqual(150);
});

test('the hostile input table has at least 100 rows', () => {
  expect(rows.filter(([title]) => title.startsWith('hostile.json ')).length).toBeGreaterThanOrEqual(100);
});

test.each(rows)('%s', async (_title, row) => {
  const m = await loadCore();
  let actual;
  try {
    actual = run(m, row);
  } catch (err) {
    core = null; // a throw out of wasm leaves the module unusable: the next row gets a fresh one
    throw err;
  }
  expect(project(actual, row.expect)).toEqual(row.expect);
  for (const e of [...errorsOf(actual), ...(actual.warnings ?? [])]) expect(e.message).toMatch(/\S/);
});
