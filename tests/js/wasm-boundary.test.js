// The boundary convention of the wasm module (wasm/README.md): every exported function, called with a good and
// a bad input, answers exactly { ok: true, value } with the documented value, or
// { ok: false, errors: [{ field, code, message, params }] } with codes of the catalogue's families.
'use strict';

const fs = require('fs');
const path = require('path');
const { loadCore } = require('./core-loader.js');

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'wasm', 'README.md'), 'utf8');

// ---- shapes: a shape is a function (value) => [] when the value has it, else the differences ----

const type = (name, test) => (v) => (test(v) ? [] : [`${name} expected, got ${JSON.stringify(v)}`]);
const str = type('a string', (v) => typeof v === 'string');
const int = type('a whole number', (v) => Number.isSafeInteger(v));
const bool = type('a boolean', (v) => typeof v === 'boolean');
const nul = type('null', (v) => v === null);
const oneOf = (...shapes) => (v) => (shapes.some((s) => s(v).length === 0) ? [] : [`none of the alternatives: ${JSON.stringify(v)}`]);
const word = (...words) => type(`one of ${words.join(', ')}`, (v) => words.includes(v));
const arrayOf = (shape) => (v) => (Array.isArray(v) ? v.flatMap((item, i) => shape(item).map((d) => `[${i}] ${d}`))
  : [`an array expected, got ${JSON.stringify(v)}`]);
// Exactly these members (those named in `optional` may be left out), each of its shape.
const obj = (members, optional = []) => (v) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [`an object expected, got ${JSON.stringify(v)}`];
  const out = [];
  for (const key of Object.keys(v)) if (!(key in members)) out.push(`unexpected member ${key}`);
  for (const [key, shape] of Object.entries(members)) {
    if (!(key in v)) {
      if (!optional.includes(key)) out.push(`missing member ${key}`);
    } else {
      out.push(...shape(v[key]).map((d) => `${key}: ${d}`));
    }
  }
  return out;
};
const params = (v) => (v !== null && typeof v === 'object' && !Array.isArray(v)
  ? Object.entries(v).flatMap(([k, p]) => (typeof p === 'string' || Number.isSafeInteger(p) ? [] : [`param ${k}: ${JSON.stringify(p)}`]))
  : [`params must be an object, got ${JSON.stringify(v)}`]);
const coreError = obj({ field: str, code: str, message: str, params });
const warnings = arrayOf(coreError);

const payment = (v) => obj({
  saleReferenceId: str, amountRwf: int, state: str, initiatedAtMs: oneOf(int, nul), acceptedAtMs: oneOf(int, nul),
  expiresAtMs: oneOf(int, nul), initiateInFlight: bool, initiateAttempts: int, pollCount: int, unknownStatusCount: int,
  refusedResponseCount: int, lastOutcome: str, lastHttpStatus: int, lastStatus: str, paymentRefId: oneOf(str, nul),
  paymentChannel: oneOf(str, nul), paidOn: oneOf(str, nul), amountPaidRwf: oneOf(int, nul), lastErrorCode: str,
  stoppedWaiting: bool, failureReason: str, failureCode: str, ltgsExpiresAtMs: oneOf(int, nul),
})(v);
const attempt = obj({ number: int, state: str, startedAtMs: int, expiresAtMs: int, paymentRefId: oneOf(str, nul),
  amountPaidRwf: oneOf(int, nul) });
const request = obj({ Sale_Reference_ID: str, Customer_KYC_ID: str, Phone_Number: str, Email_Address: str, Services_Name: str,
  Total_Amount_to_Pay: int, Callback_URL: str });
const notification = obj({ Sale_Reference_ID: str, Payment_Status: str, Payment_Channel: oneOf(str, nul),
  Payment_Ref_ID: oneOf(str, nul), Total_Amount_Paid: oneOf(int, nul), Paid_On: oneOf(str, nul) });
const dialAndTel = obj({ dial: str, tel: str });
const emvField = (v) => obj({ id: str, value: str, fields: arrayOf(emvField) }, ['fields'])(v);

// ---- inputs ----

const SAMPLE = {
  Sale_Reference_ID: 'LTGSINV_230624_001', Customer_KYC_ID: '1199999999999999', Phone_Number: '0788123456',
  Email_Address: 'customer@example.com', Services_Name: 'Payment for services', Total_Amount_to_Pay: 15000,
  Callback_URL: 'https://yourdomain.com/callback',
};
const REQUEST = JSON.stringify(SAMPLE);
const PAID = JSON.stringify({ Sale_Reference_ID: 'X-R2', Payment_Status: 'PAID', Payment_Channel: 'MTN MoMo',
  Payment_Ref_ID: 'MTN_1', Total_Amount_Paid: 15000, Paid_On: '2025-06-16 13:20:45' });
const EMV_INPUT = { guid: 'rw.example.ltgs', merchantId: 'M1', mcc: '4900', merchantName: 'WASAC', merchantCity: 'Kigali',
  amount: 15000, reference: 'INV1' };
const ATTEMPT = { number: 2, state: 'PENDING', startedAtMs: 1000, expiresAtMs: 601000, paymentRefId: null, amountPaidRwf: null };
const ORDER = { reference: 'X', amountRwf: 15000, attempts: [{ ...ATTEMPT, number: 1, state: 'FAILED' }] };

// Each export: its value's shape, then [good arguments, bad arguments] given the module (a bad input is one the
// core refuses; for the functions that never fail, an input of the wrong type, which they still answer).
function cases(m) {
  const emv = m.emvBuild(EMV_INPUT).value;
  const draft = m.draftPayment('INV1', 15000).value;
  const pending = [{ kind: 'validateOk' }, { kind: 'initiateSent', atMs: 1000 }, { kind: 'initiateResponse', body: '', atMs: 1000 }]
    .reduce((p, e) => m.applyEvent(p, e).value.payment, draft);
  return {
    validateRequestJson: [obj({ request, phone: obj({ e164: str, operator: str }) }), [REQUEST], ['{"Phone_Number":5}']],
    validateField: [oneOf(str, int), ['Total_Amount_to_Pay', 'RWF 15,000'], ['Total_Amount_to_Pay', '0', { minAmountRwf: 100 }]],
    paymentOptions: [obj({ default: str, options: arrayOf(obj({ method: str, recommended: bool, phone: str, dial: str, tel: str },
      ['phone', 'dial', 'tel'])) }), [REQUEST, { mtnMerchantCode: '012345' }], [REQUEST, { mtnMerchantCod: '012345' }]],
    unavailableMethods: [warnings, [{}, ['USSD', 'QR']], [{ ussd: 'yes' }, 'USSD']],
    parsePhone: [obj({ local: str, e164: str, operator: str, hasWallet: bool }), ['+250 788 123 456'], ['0252123456']],
    parseAmount: [int, ['RWF 15,000'], ['15.5']],
    parseNationalId: [str, ['1 1999 9 9999999 9 99', 2026], ['12']],
    parseEmail: [str, ['a@example.com'], ['a@b']],
    parseCallbackUrl: [str, ['https://shop.example.com/cb'], ['http://shop.example.com/cb']],
    parseServicesName: [str, ['Water bill'], ['']],
    parseSaleReference: [str, ['INV-1'], ['a b']],
    parseCallbackJson: [notification, [PAID], ['{"Payment_Status":"PAID"}']],
    paymentStatusWord: [word('PENDING', 'PAID', 'FAILED', 'EXPIRED', 'CANCELLED', 'UNKNOWN'), [' paid '], [42]],
    failureReasonCode: [str, ['INSUFFICIENT_FUNDS'], [42]],
    retryAfterMs: [oneOf(int, nul), ['120', 0], ['120', -5]],
    qrSvg: [obj({ svg: str, size: int, version: int, ecc: str }), ['LTGS', { ecc: 'Q' }], ['LTGS', { ecc: 'Z' }]],
    qrMatrix: [obj({ size: int, version: int, ecc: str, rows: arrayOf(str) }), ['LTGS', 'H'], ['']],
    emvParse: [obj({ dynamic: bool, accounts: arrayOf(obj({ tag: str, guid: str, merchantId: str })), mcc: str, currency: str,
      amount: oneOf(str, nul), country: str, merchantName: str, merchantCity: str, postalCode: oneOf(str, nul),
      billNumber: oneOf(str, nul), referenceLabel: oneOf(str, nul), crc: str, fields: arrayOf(emvField), warnings }),
    [emv], [emv.slice(0, -1)]],
    emvBuild: [str, [EMV_INPUT], [{ ...EMV_INPUT, amount: '15000' }]],
    ussdCode: [dialAndTel, ['*500*{merchantCode}*{amount}#', '77', 900], ['*500*{merchant}#', '77', 900]],
    mtnMomoPayUssd: [dialAndTel, ['012345', 15000], ['12a', 15000]],
    ussdTelLink: [str, ['*182*8*1*012345*15000#'], [42]],
    checkQrPayload: [obj({ payerEntersAmount: bool, dynamic: bool, amount: oneOf(str, nul), currency: str, merchantName: str,
      merchantCity: str, referenceLabel: oneOf(str, nul), warnings }), [emv, 15000], [emv, 16000]],
    checkUssdCode: [obj({ dial: str, tel: str, scheme: str, merchantCode: str }), ['*182*8*1*012345*15000#', 15000],
      ['*182*8*1*012345*15000#', 16000]],
    draftPayment: [payment, ['INV1', 15000], ['INV1', 0]],
    applyEvent: [obj({ payment, reason: str, refused: bool, warnings }), [draft, { kind: 'validateOk' }], [draft, { kind: 'nope' }]],
    nextPoll: [obj({ action: str, delayMs: int, code: str }), [pending, { nowMs: 1000 }], [pending, { nowMs: 1000, random: 0.5 }]],
    attemptReference: [str, ['X', 2], ['X', 21]],
    parseAttemptReference: [obj({ orderReference: str, number: int, reference: str }), ['X-R2'], ['X-R2-R2']],
    parsePaymentMethod: [str, ['QR'], ['CASH']],
    decideInitiation: [obj({ decision: str, code: str, message: str, number: int, reference: str, retryAtMs: oneOf(int, nul),
      recheckFirst: bool, nextReference: str }), [ORDER, 2, 5000], [{ ...ORDER, extra: 1 }, 2, 5000]],
    startAttempt: [attempt, [2, 1000, 600000], [21, 1000, 600000]],
    applyAttemptStatus: [obj({ attempt, code: str, changed: bool, status: str }), [ATTEMPT, 15000, PAID], [ATTEMPT, 15000, '{}']],
    rejectAttempt: [attempt, [ATTEMPT], [{ ...ATTEMPT, state: 'OPEN' }]],
    orderStatus: [obj({ state: str, paidAttempt: oneOf(int, nul), duplicateAttempts: arrayOf(int), mismatchAttempts: arrayOf(int),
      amountPaidRwf: int, refundDueRwf: int, openAttempt: oneOf(int, nul), attemptCount: int, nextAttemptNumber: int,
      nextReference: str }), [ORDER], [{ reference: 'X' }]],
    checkoutRules: [obj({ methods: arrayOf(str), finalStatuses: arrayOf(str), retryAfter: arrayOf(str), maxAttempts: int,
      maxOrderReferenceLength: int }), [], []],  // no argument, so no bad one
    codes: [arrayOf(obj({ code: str, kind: word('error', 'warning', 'outcome'), field: str, message: str, params: arrayOf(str) })),
      [], []],
  };
}
// The functions that answer every input (wasm/README.md: "never fails").
const NEVER_FAILS = new Set(['paymentStatusWord', 'failureReasonCode', 'ussdTelLink', 'checkoutRules', 'codes']);

let m;
let table;
beforeAll(async () => {
  m = await loadCore();
  table = cases(m);
});

// The module's own exports: Embind's functions carry argCount, or an overloadTable when overloaded by arity.
const exported = (module) => Object.keys(module).filter((k) => typeof module[k] === 'function'
  && (Object.hasOwn(module[k], 'argCount') || Object.hasOwn(module[k], 'overloadTable'))).sort();

test('every exported function has a good and a bad input here, and a row in wasm/README.md', () => {
  const names = exported(m);
  expect(names.length).toBeGreaterThanOrEqual(36);
  expect(names).toEqual(Object.keys(table).sort());
  const documented = new Set([...README.matchAll(/`([a-z][A-Za-z]+)\(/g)].map((x) => x[1]));
  expect(names.filter((n) => !documented.has(n))).toEqual([]);
});

test('a good input answers exactly { ok: true, value } with the documented value', () => {
  const problems = [];
  for (const [name, [shape, good]] of Object.entries(table)) {
    const answer = m[name](...good);
    const diffs = obj({ ok: (v) => (v === true ? [] : [`ok is ${v}`]), value: shape })(answer);
    if (diffs.length) problems.push({ name, diffs, answer });
  }
  expect(problems).toEqual([]);
});

test('a bad input answers exactly { ok: false, errors: [{ field, code, message, params }] } (or, for those that never fail, a value)', () => {
  const problems = [];
  for (const [name, [shape, , bad]] of Object.entries(table)) {
    const answer = m[name](...bad);
    const diffs = NEVER_FAILS.has(name)
      ? obj({ ok: (v) => (v === true ? [] : [`ok is ${v}`]), value: shape })(answer)
      : obj({ ok: (v) => (v === false ? [] : [`ok is ${v}`]), errors: (v) => (Array.isArray(v) && v.length > 0 ? warnings(v) : ['no errors']) })(answer);
    if (diffs.length) problems.push({ name, diffs, answer });
  }
  expect(problems).toEqual([]);
});

test('no caller needs the message: the numbers and names are in params', () => {
  const below = m.validateField('Total_Amount_to_Pay', '50', { minAmountRwf: 100 });
  expect(below.errors[0]).toMatchObject({ code: 'amount.below_minimum', params: { min: 100 } });
  const above = m.validateRequestJson(JSON.stringify({ ...SAMPLE, Total_Amount_to_Pay: 3_000_000 }));
  expect(above.errors[0]).toMatchObject({ code: 'amount.above_maximum', params: { max: 2_000_000 } });
  const typo = m.validateRequestJson(REQUEST, { sandBox: true });
  expect(typo.errors[0]).toMatchObject({ field: 'settings', code: 'settings.unknown', params: { object: 'settings', member: 'sandBox' } });
});

test('every option object refuses an unknown member with the same code', () => {
  const unknown = (answer) => (answer.ok ? null : answer.errors[0].code);
  expect([
    unknown(m.validateRequestJson(REQUEST, { typo: 1 })),
    unknown(m.paymentOptions(REQUEST, { typo: 1 })),
    unknown(m.checkUssdCode('*182*8*1*012345*15000#', 15000, { typo: 1 })),
    unknown(m.unavailableMethods({ typo: 1 }, 'USSD')),
    unknown(m.qrSvg('LTGS', { typo: 1 })),
    unknown(m.emvBuild({ ...EMV_INPUT, typo: 1 })),
    unknown(m.applyEvent(m.draftPayment('INV1', 15000).value, { kind: 'cancel', typo: 1 })),
    unknown(m.nextPoll(m.draftPayment('INV1', 15000).value, { nowMs: 0, typo: 1 })),
    unknown(m.nextPoll(m.draftPayment('INV1', 15000).value, { nowMs: 0 }, { typo: 1 })),
  ]).toEqual(Array(9).fill('settings.unknown'));
});

test('applyEvent({ kind: "nope" }) is an error about the kind, not about a member that kind would need', () => {
  const answer = m.applyEvent(m.draftPayment('INV1', 15000).value, { kind: 'nope' });
  expect(answer.errors).toEqual([expect.objectContaining({ field: 'event', code: 'event.invalid',
    params: expect.objectContaining({ member: 'kind', kind: 'nope' }) })]);
  expect(answer.errors[0].message).not.toMatch(/atMs/);
});
