// The wasm builds read JSON numbers with their own strtod and write with their own snprintf (wasm/small_strtod.c,
// wasm/small_snprintf.c, not musl's): a number with a fraction or an exponent is the double JavaScript reads
// from the same text, to the last bit, and a bound in a message is written as before.
'use strict';

const { loadCore } = require('./core-loader.js');

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
let core;
let payment;
beforeAll(async () => {
  core = await loadCore();
  payment = core.applyEvent(core.draftPayment('REF1', 1000).value, { kind: 'validateOk' }).value.payment;
});

// atMs is a whole number of milliseconds from 0 to 2^53 - 1: a float token is taken when its double is one.
function readAtMs(literal) {
  const answer = core.applyEvent(payment, `{"kind":"initiateSent","atMs":${literal}}`);
  return answer.ok ? answer.value.payment.initiatedAtMs : answer.errors[0].code;
}
// (A number too large for a double, Infinity in JavaScript, is no JSON value for the core.)
const asJavaScriptReads = (literal) => {
  const d = JSON.parse(literal);
  if (!Number.isFinite(d)) return 'json.malformed';
  return Number.isInteger(d) && d >= 0 && d <= MAX_SAFE ? d + 0 : 'settings.invalid';  // -0 is written 0
};

test('hard cases: many digits, halfway points between doubles, exponents', () => {
  const literals = [
    '1.5e12', '1e3', '1E3', '1e+3', '15000.0', '15000.5', '0.0', '1e-400', '2e-308',
    '1234567890123.000000000000000000001', '1234567890122.99999999999999999999', '1234567890123.5',
    '9007199254740992.0', '9007199254740993.0', '9007199254740993.4999999999', '19007199254740993.5',
    '4503599627370495.5', '4503599627370496.5', '4503599627370497.5', '4503599627370495.50000000000000000001',
    '4503599627370496.49999999999999999999', '1e15', '1.000000000000000000000000000000000000001e15',
    `1${'0'.repeat(15)}.${'0'.repeat(700)}1`, `0.${'0'.repeat(300)}1e310`, '1e308', '1e309', '-0.0',
  ];
  for (const literal of literals) expect([literal, readAtMs(literal)]).toEqual([literal, asJavaScriptReads(literal)]);
});

test('random decimal texts near the whole numbers read as JavaScript reads them', () => {
  let seed = 20261207;
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 3000; i++) {
    // A whole number of up to 16 digits, with a fraction of many digits that is zero, tiny, or just below one.
    const whole = String(1 + random(9)) + Array.from({ length: random(16) }, () => random(10)).join('');
    const zeros = '0'.repeat(random(25));
    const tail = ['', '1', '5', '49', '51', String(random(1000))][random(6)];
    const nines = random(3) === 0;
    const literal = nines ? `${whole}.${'9'.repeat(5 + random(20))}` : `${whole}.${zeros}${tail}`;
    const withExponent = random(4) === 0 ? `${literal.replace('.', '')}e-${literal.length - literal.indexOf('.') - 1}` : literal;
    expect([withExponent, readAtMs(withExponent)]).toEqual([withExponent, asJavaScriptReads(withExponent)]);
  }
});

test('the bounds of number settings are written in full in the messages\' params', () => {
  const jitter = core.nextPoll(payment, { nowMs: 0 }, { jitter: 'x' });
  expect(jitter.errors[0].params).toMatchObject({ member: 'jitter', expected: 'a number from 0 to 0.5' });
  const random01 = core.nextPoll(payment, { nowMs: 0, random01: 'x' });
  // printf's %f of -1e308: all 309 digits of the double, and a point after the zeros were cut.
  expect(random01.errors[0].params).toMatchObject({ member: 'random01', expected: `a number from ${BigInt(-1e308)}. to 2^53 - 1` });
});

test('a poll\'s jitter follows random01 read from its JSON text exactly', () => {
  const sent = core.applyEvent(payment, { kind: 'initiateSent', atMs: 1000 }).value.payment;
  const pending = core.applyEvent(sent, { kind: 'initiateResponse', atMs: 1500, body: '{}' }).value.payment;
  expect(pending.state).toBe('PENDING');
  const delays = new Set();
  for (const r of [0, 0.1, 0.2, 0.30000000000000004, 0.5, 0.7345629087654321, 0.9999999999999999]) {
    const fromObject = core.nextPoll(pending, { nowMs: 2000, random01: r });
    const fromText = core.nextPoll(pending, `{"nowMs":2000,"random01":${JSON.stringify(r)}}`);
    expect(fromText).toEqual(fromObject);
    expect(fromObject.ok).toBe(true);
    delays.add(fromObject.value.delayMs);
  }
  expect(delays.size).toBeGreaterThan(1);
});
