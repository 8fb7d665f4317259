// The widget's core (dist/ltgs-checkout.wasm, built without the English messages: wasm/README.md) against the
// Node core (dist/checkout.wasm, which has them): the same answers, codes, fields and params; only the
// messages differ, each being its code in the widget's core.
import { createRequire } from 'module';
import { loadCore as loadWidgetCore } from '../../dist/ltgs-checkout.mjs';

const require = createRequire(import.meta.url);
const { loadCore } = require('./core-loader.js');

let widget;
let node;
beforeAll(async () => {
  [widget, node] = await Promise.all([loadWidgetCore(), loadCore()]);
});

const REQUEST = {
  Sale_Reference_ID: 'LTGSINV_230624_001', Customer_KYC_ID: '1199999999999999', Phone_Number: '0788123456',
  Email_Address: 'customer@example.com', Services_Name: 'Payment for services', Total_Amount_to_Pay: 15000,
  Callback_URL: 'https://yourdomain.com/callback',
};
// Every field wrong, each in its own way.
const BAD_REQUEST = {
  Sale_Reference_ID: 'has space', Customer_KYC_ID: '1199', Phone_Number: '0252123456', Email_Address: 'a@b',
  Services_Name: 'x\ny', Total_Amount_to_Pay: 15000.5, Callback_URL: 'http://user:pw@example.com/cb',
};

// [function, ...arguments]: failing calls of most families of codes, and a few that succeed.
const CALLS = [
  ['parsePhone', '0788'],
  ['parsePhone', '+256 772 123 456'],
  ['parseAmount', '15.5'],
  ['parseAmount', '1e3'],
  ['parseNationalId', '1299999999999999', 2026],
  ['parseEmail', 'name@@example.com'],
  ['parseCallbackUrl', 'https://example.com:99999/cb'],
  ['validateRequestJson', JSON.stringify(BAD_REQUEST)],
  ['validateRequestJson', JSON.stringify(REQUEST), { minAmountRwf: 20000 }],
  ['validateRequestJson', JSON.stringify(REQUEST), { maxAmountRwf: 100 }],
  ['validateRequestJson', JSON.stringify(REQUEST), { minAmontRwf: 100 }],
  ['validateRequestJson', '{"Total_Amount_to_Pay": 5'],
  ['validateField', 'Total_Amount_to_Pay', '999999999999999999'],
  ['parseCallbackJson', '{"Sale_Reference_ID": "X", "Payment_Status": "PAID", "Total_Amount_Paid": 1.5}'],
  ['qrSvg', '', {}],
  ['qrSvg', 'x', { ecc: 'Z' }],
  ['emvParse', '000201630400000'],
  ['checkUssdCode', '*182*8*1*123#', 15000],
  ['ussdCode', '*182*{merchantCode}#', '12', 100],
  ['unavailableMethods', {}, ['USSD', 'QR']],
  ['nextPoll', { state: 'DRAFT' }, { nowMs: 0 }],
  ['retryAfterMs', '120', -5],
  ['validateRequestJson', JSON.stringify(REQUEST)],
  ['parsePhone', '0788 123 456'],
  ['qrMatrix', 'LTGS', 'M'],
];

// The answer with each message replaced by its code, as the widget's core writes it.
const messagesAsCodes = (v) => {
  if (Array.isArray(v)) return v.map(messagesAsCodes);
  if (v === null || typeof v !== 'object') return v;
  const out = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, messagesAsCodes(x)]));
  if (typeof out.code === 'string' && typeof out.message === 'string') out.message = out.code;
  return out;
};

describe('the widget\'s core answers as the Node core does, without the English text', () => {
  test.each(CALLS.map((call) => [call[0], call]))('%s', (fn, [, ...args]) => {
    const fromWidget = widget[fn](...args);
    const fromNode = node[fn](...args);
    expect(fromWidget).toEqual(messagesAsCodes(fromNode));
    // The Node core's messages are English text, not codes.
    for (const e of fromNode.ok ? [].concat(fromNode.value.warnings || [], Array.isArray(fromNode.value) ? fromNode.value : [])
      : fromNode.errors) {
      expect(e.message).not.toBe(e.code);
      expect(e.message).toMatch(/ /);
    }
  });

  test('the failing calls above do fail, in several families of codes', () => {
    const codes = CALLS.flatMap(([fn, ...args]) => {
      const a = node[fn](...args);
      return a.ok ? (Array.isArray(a.value) ? a.value.map((w) => w.code) : []) : a.errors.map((e) => e.code);
    });
    const families = new Set(codes.map((c) => c.split('.')[0]));
    for (const f of ['phone', 'amount', 'national_id', 'email', 'callback_url', 'reference', 'services_name', 'json',
      'settings', 'qr', 'emv', 'ussd', 'options']) {
      expect(families).toContain(f);
    }
  });

  test('a problem quoted from another error is that error\'s code (wasm/README.md)', () => {
    const cases = [
      ['applyEvent', ['{"x":', { kind: 'cancel' }], 'payment.invalid', 'json.malformed'],
      ['decideInitiation', [{ reference: 'ORD1', amountRwf: 100, attempts: [{ number: 1 }] }, 2, 0], 'order.invalid',
        'attempt.invalid'],
    ];
    for (const [fn, args, code, quoted] of cases) {
      const fromWidget = widget[fn](...args);
      const fromNode = node[fn](...args);
      expect(fromWidget.errors).toEqual([{ field: fromNode.errors[0].field, code, message: code, params: { problem: quoted } }]);
      expect(fromNode.errors[0].code).toBe(code);
      expect(fromNode.errors[0].params.problem).toMatch(/ /);
    }
  });

  test('its catalogue has every code, kind and field, without messages', () => {
    const fromWidget = widget.codes().value;
    const fromNode = node.codes().value;
    expect(fromWidget.map(({ code, kind, field }) => ({ code, kind, field })))
      .toEqual(fromNode.map(({ code, kind, field }) => ({ code, kind, field })));
    expect(fromWidget.every((c) => c.message === '' && c.params.length === 0)).toBe(true);
  });

  test('a decision\'s message is its code', () => {
    const order = { reference: 'ORD1', amountRwf: 100, attempts: [] };
    const fromWidget = widget.decideInitiation(order, 21, 0);
    const fromNode = node.decideInitiation(order, 21, 0);
    expect(fromNode.value).toMatchObject({ decision: 'refused', code: 'order.too_many_attempts' });
    expect({ ...fromWidget.value, message: '' }).toEqual({ ...fromNode.value, message: '' });
    expect(fromWidget.value.message).toBe(fromWidget.value.code);
  });

  test('the widget\'s wasm is smaller than the Node core\'s by the messages', async () => {
    const fs = await import('fs');
    const size = (f) => fs.statSync(new URL(`../../dist/${f}`, import.meta.url)).size;
    expect(size('ltgs-checkout.wasm')).toBeLessThan(size('checkout.wasm') - 8000);
  });
});

// The widget's glue (web/widget/wasm-glue.js) converts arguments as Embind's bindings do (wasm/bindings.cpp):
// every function, each argument in turn given each kind of JavaScript value, the others a plausible one.
describe('the widget\'s glue converts every kind of argument as the Node core\'s bindings do', () => {
  const VALUES = [undefined, null, true, false, 0, -0, 15000, 1.5, -3, NaN, Infinity, 2 ** 53, 1e21, '', 'abc',
    '0788 123 456', '15000', 'Ikaze ñé ✓ 😀', 'half \uD800 surrogate', '\uDC00', '{"kind":"cancel"}', '{"x":', {}, [],
    ['MTN_MOMO', 'QR'], 'MTN_MOMO,USSD', { kind: 'cancel' }, { ecc: 'Q' }, { nowMs: 5000 }, [1, [2]], { a: { b: [] } },
    'x'.repeat(70 * 1024)];
  // A plausible argument list for each function (as the widget calls them).
  const PLAUSIBLE = {
    validateRequestJson: [JSON.stringify(REQUEST), {}], validateField: ['Phone_Number', '0788123456', {}],
    paymentOptions: [JSON.stringify(REQUEST), {}, {}], unavailableMethods: [{}, ['QR']], parsePhone: ['0788123456'],
    parseAmount: ['15,000'], parseNationalId: ['1199999999999999', 2026], parseEmail: ['a@example.com'],
    parseCallbackUrl: ['https://example.com/cb', false], parseServicesName: ['Water'], parseSaleReference: ['REF_1'],
    parseCallbackJson: ['{"Sale_Reference_ID":"R","Payment_Status":"PAID","Total_Amount_Paid":5}'],
    failureReasonCode: ['INSUFFICIENT_FUNDS'], paymentStatusWord: ['PAID'], retryAfterMs: ['120', 0],
    qrSvg: ['LTGS', { ecc: 'M' }], qrMatrix: ['LTGS', 'M'], emvParse: ['000201'], emvBuild: [{}],
    ussdCode: ['*182*8*1*{merchantCode}*{amount}#', '123456', 100], mtnMomoPayUssd: ['123456', 100],
    ussdTelLink: ['*182#'], checkQrPayload: ['000201', 100], checkUssdCode: ['*182*8*1*123456*100#', 100, {}],
    draftPayment: ['REF_1', 100], applyEvent: [null, { kind: 'cancel' }], nextPoll: [null, { nowMs: 0 }, {}],
    attemptReference: ['ORD1', 2], parseAttemptReference: ['ORD1-R2'], parsePaymentMethod: ['MTN_MOMO'],
    decideInitiation: [{ reference: 'ORD1', amountRwf: 100, attempts: [] }, 1, 0], startAttempt: [1, 0, 600000],
    applyAttemptStatus: [{ number: 1 }, 100, '{}'], rejectAttempt: [{ number: 1 }],
    orderStatus: [{ reference: 'ORD1', amountRwf: 100, attempts: [] }], checkoutRules: [], codes: [],
  };

  test('the list above covers every function of both cores', () => {
    const names = (core) => Object.keys(core).filter((k) => typeof core[k] === 'function' && /^[a-z]/.test(k) &&
      !['locateFile', 'count_emval_handles', 'get_first_emval', 'run', 'inspect', 'print', 'printErr'].includes(k)).sort();
    expect(names(widget)).toEqual(Object.keys(PLAUSIBLE).sort());
    expect(names(node)).toEqual(Object.keys(PLAUSIBLE).sort());
  });

  test.each(Object.keys(PLAUSIBLE))('%s', (fn) => {
    const plausible = PLAUSIBLE[fn];
    const draft = widget.draftPayment('REF_1', 100).value;
    const base = plausible.map((a) => (a === null ? draft : a));
    let compared = 0;
    for (let k = 0; k < base.length; k++) {
      for (const v of VALUES) {
        const args = base.slice();
        args[k] = v;
        // A problem quoted from another error is its message in one and its code in the other (tested above).
        const quoted = (a) => JSON.parse(JSON.stringify(a), (key, x) => (key === 'problem' ? typeof x : x));
        const [fromWidget, fromNode] = [quoted(widget[fn](...args)), quoted(messagesAsCodes(node[fn](...args)))];
        // A string that is not well-formed reaches the core as bytes that are not UTF-8 from both, but not the
        // same bytes (Embind encodes a lone surrogate its own way): the same verdict and codes, not the same text.
        const verdict = (a) => ({ ok: a.ok, codes: (a.errors || []).map((e) => e.code) });
        if (typeof v === 'string' && !v.isWellFormed()) expect([fn, k, v, verdict(fromWidget)]).toEqual([fn, k, v, verdict(fromNode)]);
        else expect([fn, k, v, fromWidget]).toEqual([fn, k, v, fromNode]);
        compared++;
      }
    }
    // Trailing arguments left out: the same answer, or a TypeError from both (Embind's overloads by count).
    const attempt = (core, args) => {
      try {
        return core[fn](...args);
      } catch (err) {
        return { threw: err.name === 'BindingError' || err instanceof TypeError };
      }
    };
    for (const args of [...base.map((_, n) => base.slice(0, n)), [...base, 'extra']]) {
      const fromNode = attempt(node, args);
      expect([args.length, attempt(widget, args)]).toEqual([args.length, fromNode.threw ? fromNode : messagesAsCodes(fromNode)]);
    }
    expect(compared).toBe(base.length * VALUES.length);
  });
});

test('the widget\'s glue keeps answering after the wasm memory has grown under it', () => {
  const before = widget.HEAP8.buffer.byteLength;
  // Several MB of UTF-8 to write: the input buffer outgrows the initial 1 MiB, and the memory grows.
  const huge = widget.validateRequestJson(`{"Services_Name":"${'é'.repeat(3_000_000)}"}`);
  expect(huge.errors.map((e) => e.code)).toEqual(['json.too_large']);
  expect(widget.HEAP8.buffer.byteLength).toBeGreaterThan(before);
  expect(widget.parsePhone('0788 123 456')).toEqual(messagesAsCodes(node.parsePhone('0788 123 456')));
  expect(widget.qrSvg('LTGS ñ', { ecc: 'M' })).toEqual(node.qrSvg('LTGS ñ', { ecc: 'M' }));
});
