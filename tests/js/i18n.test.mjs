// The widget's words (web/widget/words.js, through i18n-all.js: all three languages): every interface key and every code the core can produce, in English,
// Kinyarwanda and French with the same placeholders; locale resolution; francs and durations as each locale
// writes them (Node's full ICU: the strings below are what Intl answers, no-break spaces included).
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import {
  LOCALES, MESSAGES, addWords, resolveLocale, t, errorMessage, formatAmount, formatDuration, formatTime,
} from '../../web/widget/i18n-all.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NBSP = '\u00a0';
const NNBSP = '\u202f';  // narrow no-break space: French digit groups

// ---------------------------------------------------------------------------------------------------------
// The core's codes: the catalogue the core itself writes (dist/codes.json, made by npm run build:web from the
// core's codes(), ltgs/codes.hpp). The command line's own code for input that is not UTF-8 is added.

const CATALOGUE = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'codes.json'), 'utf8'));
const CODES = [...CATALOGUE.map((c) => c.code), 'json.invalid_utf8'].sort();

describe('I18n core error codes', () => {
  test('the catalogue lists the core\'s codes, errors, warnings and outcomes', () => {
    expect(CATALOGUE.length).toBeGreaterThan(180);
    expect(new Set(CATALOGUE.map((c) => c.kind))).toEqual(new Set(['error', 'warning', 'outcome']));
    expect(CODES).toEqual(expect.arrayContaining([
      'phone.too_short', 'phone.unknown_operator', 'json.malformed', 'amount.below_minimum', 'emv.bad_crc',
      'qr.too_long', 'ussd.invalid_amount', 'options.none_available', 'settings.invalid', 'settings.unknown',
      'poll.unauthorized', 'fetch.timeout', 'status.amount_mismatch', 'lifecycle.out_of_order', 'initiate.rejected',
      'payment.invalid', 'event.invalid', 'field.unknown', 'services_name.invalid_utf8', 'emv.invalid_utf8',
      'phone.wrong_type', 'national_id.wrong_type', 'email.wrong_type', 'amount.wrong_type',
      'callback_url.wrong_type', 'services_name.wrong_type', 'reference.required', 'json.invalid_utf8',
      'order.attempt_open', 'order.paid', 'order.reference_reserved_suffix', 'attempt.late_payment', 'method.invalid',
      'lifecycle.stopped_waiting', 'lifecycle.waiting_again', 'initiate.stopped_waiting',
      'qr.not_emv', 'qr.amount_mismatch', 'qr.currency_mismatch', 'qr.missing_currency', 'qr.tip_or_fee',
      'ussd.unrecognised', 'ussd.amount_mismatch', 'ussd.merchant_mismatch', 'ussd.no_amount',
    ]));
  });

  test('every code the core can produce is translated in every language', () => {
    const missing = [];
    for (const locale of LOCALES) {
      for (const code of CODES) {
        const text = MESSAGES[locale][code];
        if (typeof text !== 'string' || text.trim() === '') missing.push(`${locale}: ${code}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('a translated code never falls back to the core\'s English message', () => {
    for (const locale of LOCALES) {
      for (const code of CODES) {
        expect(errorMessage(locale, { field: 'x', code, message: 'CORE ENGLISH', params: {} })).not.toBe('CORE ENGLISH');
      }
    }
  });

  test('a translation uses only the params the core gives its code', () => {
    const extra = [];
    for (const { code, params } of CATALOGUE) {
      for (const locale of LOCALES) {
        for (const name of placeholders(MESSAGES[locale][code] ?? '')) if (!params.includes(name)) extra.push(`${locale}: ${code} {${name}}`);
        for (const name of placeholders(MESSAGES[locale][`${code}.limit`] ?? '')) if (!params.includes(name)) extra.push(`${locale}: ${code}.limit {${name}}`);
      }
    }
    expect(extra).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------

const UI_KEYS = [
  'dialog.title', 'pay.button', 'header.amount', 'header.reference',
  'field.phone.label', 'field.phone.hint', 'field.kyc.label', 'field.kyc.hint',
  'field.email.label', 'field.email.optional', 'field.email.hint',
  'method.legend', 'method.recommended', 'method.MTN_MOMO', 'method.MTN_MOMO.hint', 'method.AIRTEL_MONEY',
  'method.AIRTEL_MONEY.hint', 'method.QR', 'method.QR.hint', 'method.USSD', 'method.USSD.hint',
  'action.pay', 'action.cancel', 'action.close', 'action.retry', 'action.checkAgain', 'action.copy', 'action.copied',
  'action.dial', 'action.done', 'action.back', 'action.keepWaiting', 'action.payAnotherWay', 'action.waitEarlier',
  'form.fixErrors', 'form.loading',
  'waiting.starting', 'waiting.push.title', 'waiting.push.body', 'waiting.push.bodyNoPhone',
  'waiting.qr.title', 'waiting.qr.body', 'waiting.qr.alt', 'waiting.qr.enterAmount',
  'display.qr.title', 'display.ussd.title', 'display.code',
  'waiting.ussd.title', 'waiting.ussd.body', 'waiting.ussd.iosNote',
  'waiting.checking', 'waiting.countdown', 'waiting.progress',
  'result.paid.title', 'result.paid.body', 'result.paymentRef', 'result.saleRef',
  'result.failed.title', 'result.failed.body', 'result.mismatch.title', 'result.mismatch.body',
  'result.expired.title', 'result.expired.body', 'result.cancelled.title', 'result.cancelled.body',
  'result.error.title', 'result.error.body',
  'stopped.title', 'stopped.body', 'stopped.bodyNoTime', 'stopped.note',
  'refused.paid.title', 'refused.review.title', 'refused.open.title', 'refused.open.body', 'refused.tooMany.title',
  'refused.ended.title', 'refused.merchant.title', 'refused.invalid.title',
  'refused.rate.title', 'refused.ratePhone.wait', 'refused.ratePhone.now', 'refused.rateOrder.wait',
  'refused.rateOrder.now', 'refused.reload.title',
  'status.DRAFT', 'status.VALIDATED', 'status.INITIATING', 'status.PENDING', 'status.PAID', 'status.FAILED',
  'status.EXPIRED', 'status.CANCELLED', 'status.AMOUNT_MISMATCH',
  'error.generic', 'error.network', 'error.initiate', 'error.coreLoad', 'error.merchant',
  // a phone cannot scan its own screen; the time left as LTGS or the widget knows it; the connection;
  // "Didn't get the prompt?"; what may still happen after the customer stopped waiting for a QR or USSD payment
  'method.QR.hintPhone', 'waiting.qr.bodyPhone', 'waiting.countdownUntil', 'waiting.about', 'waiting.lastCheck',
  'connection.offline', 'connection.slow', 'connection.queued',
  'prompt.toggle', 'prompt.sentTo', 'prompt.tips', 'prompt.sameRequest', 'prompt.sameRequestNoTime', 'prompt.otherWay',
  'prompt.otherWayNoTime', 'prompt.checking', 'prompt.notYet', 'stopped.noteQr', 'stopped.noteUssd',
];
// Names that are the same in every language.
const SAME_IN_ALL = ['method.MTN_MOMO', 'method.AIRTEL_MONEY'];

const placeholders = (text) => [...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]).sort();

describe('I18n messages', () => {
  test('LOCALES and MESSAGES name the same three languages', () => {
    expect(LOCALES).toEqual(['en', 'rw', 'fr']);
    expect(Object.keys(MESSAGES).sort()).toEqual(['en', 'fr', 'rw']);
  });

  test.each(LOCALES)('%s has every interface key, as non-empty text', (locale) => {
    const missing = UI_KEYS.filter((k) => typeof MESSAGES[locale][k] !== 'string' || !MESSAGES[locale][k].trim());
    expect(missing).toEqual([]);
  });

  test('the three languages have the same keys', () => {
    const en = Object.keys(MESSAGES.en).sort();
    expect(Object.keys(MESSAGES.rw).sort()).toEqual(en);
    expect(Object.keys(MESSAGES.fr).sort()).toEqual(en);
  });

  test('each key has the same placeholders in every language', () => {
    const differ = [];
    for (const key of Object.keys(MESSAGES.en)) {
      const want = placeholders(MESSAGES.en[key]);
      for (const locale of ['rw', 'fr']) {
        if (JSON.stringify(placeholders(MESSAGES[locale][key])) !== JSON.stringify(want)) differ.push(`${locale}: ${key}`);
      }
    }
    expect(differ).toEqual([]);
  });

  test('the interface placeholders are the documented ones', () => {
    expect(placeholders(MESSAGES.en['pay.button'])).toEqual(['amount']);
    expect(placeholders(MESSAGES.en['waiting.push.body'])).toEqual(['amount', 'phone']);
    expect(placeholders(MESSAGES.en['method.MTN_MOMO.hint'])).toEqual(['phone']);
    expect(placeholders(MESSAGES.en['method.AIRTEL_MONEY.hint'])).toEqual(['phone']);
    expect(placeholders(MESSAGES.en['result.paid.body'])).toEqual(['amount', 'service']);
    expect(placeholders(MESSAGES.en['waiting.countdown'])).toEqual(['time']);
    expect(placeholders(MESSAGES.en['header.reference'])).toEqual(['ref']);
    expect(placeholders(MESSAGES.en['stopped.body'])).toEqual(['time']);
    expect(placeholders(MESSAGES.en['refused.open.body'])).toEqual(['time']);
    expect(placeholders(MESSAGES.en['refused.ratePhone.wait'])).toEqual(['time', 'wait']);
    expect(placeholders(MESSAGES.en['refused.rateOrder.wait'])).toEqual(['time', 'wait']);
    expect(placeholders(MESSAGES.en['waiting.qr.enterAmount'])).toEqual(['amount']);
    expect(placeholders(MESSAGES.en['display.code'])).toEqual(['code']);
    expect(placeholders(MESSAGES.en['waiting.countdownUntil'])).toEqual(['clock', 'time']);
    expect(placeholders(MESSAGES.en['waiting.about'])).toEqual(['wait']);
    expect(placeholders(MESSAGES.en['prompt.sentTo'])).toEqual(['phone']);
    expect(placeholders(MESSAGES.en['prompt.sameRequest'])).toEqual(['time']);
    expect(placeholders(MESSAGES.en['prompt.otherWay'])).toEqual(['time']);
    expect(placeholders(MESSAGES.en['prompt.notYet'])).toEqual(['time']);
  });

  test('LTGS\'s failure reasons say what to do; an unknown one says what any failure says', () => {
    for (const locale of LOCALES) {
      for (const code of ['failure.insufficient_funds', 'failure.declined_by_payer', 'failure.expired']) {
        expect(MESSAGES[locale][code]).not.toBe(MESSAGES[locale]['result.failed.body']);
        expect(placeholders(MESSAGES[locale][code])).toEqual([]);  // errorMessage fills none
      }
      expect(MESSAGES[locale]['failure.unknown']).toBe(MESSAGES[locale]['result.failed.body']);
    }
    expect(errorMessage('en', 'failure.insufficient_funds')).toMatch(/top up/i);
    expect(errorMessage('fr', 'failure.insufficient_funds')).toMatch(/Rechargez/);
    expect(errorMessage('rw', 'failure.insufficient_funds')).toMatch(/ntahagije/);
  });

  test('QR and USSD payments are never told about a prompt on the phone once the customer stopped waiting', () => {
    for (const locale of LOCALES) {
      for (const key of ['stopped.noteQr', 'stopped.noteUssd', 'lifecycle.stopped_waiting']) {
        expect([key, MESSAGES[locale][key]]).not.toEqual([key, expect.stringMatching(/prompt|on your phone|sur votre téléphone|kuri telefone yawe|demande de paiement sur/i)]);
      }
    }
  });

  test('the backend\'s refusal codes the core does not produce are translated too', () => {
    for (const locale of LOCALES) {
      for (const code of ['order.unknown', 'order.amount_mismatch', 'rate.phone', 'rate.order', 'checkout.token_missing',
        'checkout.token_invalid', 'checkout.token_expired', 'request.host']) {
        expect([locale, code, MESSAGES[locale][code]]).toEqual([locale, code, expect.stringMatching(/\S/)]);
      }
    }
  });

  test('a customer who stopped waiting is never told the bill is unpaid', () => {
    const keys = [...Object.keys(MESSAGES.en).filter((k) => k.startsWith('stopped.')),
      'lifecycle.stopped_waiting', 'initiate.stopped_waiting', 'action.cancel'];
    for (const key of keys) {
      expect([key, MESSAGES.en[key]]).not.toEqual([key, expect.stringMatching(/not paid|did not go through|failed|cancelled/i)]);
    }
  });

  test('Kinyarwanda and French are translated, not copies of the English', () => {
    const copies = [];
    for (const key of Object.keys(MESSAGES.en)) {
      if (SAME_IN_ALL.includes(key)) continue;
      for (const locale of ['rw', 'fr']) if (MESSAGES[locale][key] === MESSAGES.en[key]) copies.push(`${locale}: ${key}`);
    }
    expect(copies).toEqual([]);
  });

  test('Kinyarwanda uses the documented payment words', () => {
    expect(MESSAGES.rw['pay.button']).toMatch(/^Ishyura /);
    expect(MESSAGES.rw['action.retry']).toBe('Ongera ugerageze');
    expect(MESSAGES.rw['action.back']).toBe('Subira inyuma');
    expect(MESSAGES.rw['header.amount']).toBe('Amafaranga');
    expect(MESSAGES.rw['waiting.push.body']).toContain('PIN');
    expect(MESSAGES.fr['pay.button']).toMatch(/^Payer /);
  });

  test('no message is markup, and French punctuation is not split from its word', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(MESSAGES[locale])) {
        expect([key, /[<>&]/.test(text)]).toEqual([key, false]);
      }
    }
    for (const [key, text] of Object.entries(MESSAGES.fr)) {
      expect([key, / [?!:;]/.test(text)]).toEqual([key, false]);  // ordinary space before ? ! : ;
    }
  });

  test('MESSAGES cannot be changed by another module: a language is added once, by addWords, and never replaced', () => {
    for (const locale of LOCALES) {
      expect(Object.isFrozen(MESSAGES[locale])).toBe(true);
      expect(Object.getOwnPropertyDescriptor(MESSAGES, locale)).toMatchObject({ writable: false, configurable: false });
    }
    const before = MESSAGES.fr;
    expect(addWords({ locale: 'fr', words: { 'dialog.title': 'X' }, wait: {} })).toBe(true);  // here already
    expect(MESSAGES.fr).toBe(before);
    expect(addWords({ locale: 'de', words: { 'dialog.title': 'Kasse' }, wait: {} })).toBe(false);
    expect(addWords({ locale: 'rw' })).toBe(false);
    expect(Object.keys(MESSAGES).sort()).toEqual(['en', 'fr', 'rw']);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('I18n resolveLocale', () => {
  test.each([
    ['rw', undefined, 'rw'],
    ['rw-RW', undefined, 'rw'],
    ['RW', undefined, 'rw'],
    ['kin', undefined, 'rw'],
    ['kin-RW', undefined, 'rw'],
    ['fr', undefined, 'fr'],
    ['fr-FR', undefined, 'fr'],
    ['fr_RW.UTF-8', undefined, 'fr'],
    ['fra', undefined, 'fr'],
    ['EN', undefined, 'en'],
    ['en-GB', 'fr', 'en'],
    [' rw ', 'en', 'rw'],
    ['de', 'fr-CA', 'fr'],
    ['', 'rw', 'rw'],
    [undefined, 'kin', 'rw'],
    [null, 'FR', 'fr'],
    [undefined, undefined, 'en'],
    ['sw', 'de', 'en'],
    ['english', '', 'en'],
    [42, {}, 'en'],
    [['sw-KE', 'fr-FR', 'en'], undefined, 'fr'],
    [undefined, ['de-DE', 'rw-RW'], 'rw'],
  ])('resolveLocale(%j, %j) is %s', (requested, documentLang, expected) => {
    expect(resolveLocale(requested, documentLang)).toBe(expected);
  });
});

describe('I18n formatAmount', () => {
  // The ISO code, no decimals, the locale's grouping and no-break spaces (Node 20's ICU, CLDR 48).
  test.each([
    ['en', 0, `RWF${NBSP}0`],
    ['en', 1, `RWF${NBSP}1`],
    ['en', 15000, `RWF${NBSP}15,000`],
    ['en', 2000000, `RWF${NBSP}2,000,000`],
    ['rw', 0, `RWF${NBSP}0`],
    ['rw', 1, `RWF${NBSP}1`],
    // Kinyarwanda as English in Rwanda, whatever the runtime's rw data says (Firefox and Node: 15.000).
    ['rw', 15000, `RWF${NBSP}15,000`],
    ['rw', 2000000, `RWF${NBSP}2,000,000`],
    ['fr', 0, `0${NBSP}RWF`],
    ['fr', 1, `1${NBSP}RWF`],
    ['fr', 15000, `15${NNBSP}000${NBSP}RWF`],
    ['fr', 2000000, `2${NNBSP}000${NNBSP}000${NBSP}RWF`],
  ])('%s %d is %j', (locale, francs, expected) => {
    expect(formatAmount(francs, locale)).toBe(expected);
  });

  test('no locale writes decimals', () => {
    for (const locale of LOCALES) {
      for (const n of [0, 1, 15000, 2000000]) expect(formatAmount(n, locale)).not.toMatch(/\d[.,]\d{2}(?!\d)/);
    }
  });

  test('a regional tag or an unknown locale is resolved first', () => {
    expect(formatAmount(15000, 'fr-FR')).toBe(formatAmount(15000, 'fr'));
    expect(formatAmount(15000, 'de')).toBe(formatAmount(15000, 'en'));
    expect(formatAmount(15000, undefined)).toBe(`RWF${NBSP}15,000`);
  });

  test('a runtime without Kinyarwanda data writes the English form, not its own default locale', () => {
    // Chrome's ICU has no rw: Intl then falls back to the browser's default locale (simulated as de-DE).
    const Real = Intl.NumberFormat;
    const Simulated = function NumberFormat(locales, options) {
      const usable = [].concat(locales ?? []).filter((tag) => !/^(rw|kin)\b/i.test(tag));
      return new Real(usable.length ? usable : 'de-DE', options);
    };
    Simulated.supportedLocalesOf = (locales) => Real.supportedLocalesOf(locales).filter((tag) => !/^rw\b/i.test(tag));
    Intl.NumberFormat = Simulated;
    try {
      expect(formatAmount(15000, 'rw')).toBe(`RWF${NBSP}15,000`);
      expect(formatAmount(15000, 'fr')).toBe(`15${NNBSP}000${NBSP}RWF`);
    } finally {
      Intl.NumberFormat = Real;
    }
  });

  test('an amount that is not whole francs is the integrator\'s mistake', () => {
    expect(() => formatAmount(15000.5, 'en')).toThrow(new TypeError('amount must be whole francs (integer), got 15000.5'));
    expect(() => formatAmount('15000', 'en')).toThrow(/whole francs.*"15000"/);
    expect(() => formatAmount(NaN, 'en')).toThrow(TypeError);
    expect(() => formatAmount(undefined, 'en')).toThrow(TypeError);
    expect(formatAmount(15000n, 'en')).toBe(`RWF${NBSP}15,000`);
  });
});

describe('I18n formatTime', () => {
  // Node's time zone here is whatever the machine's is: the expected values are computed in it.
  const at = (h, m) => new Date(2026, 10, 28, h, m).getTime();
  const now = at(10, 0);

  test('a time later today is HH:MM, 24-hour, in every language', () => {
    for (const locale of LOCALES) {
      expect(formatTime(at(14, 5), locale, now)).toBe('14:05');
      expect(formatTime(at(9, 7), locale, now)).toBe('09:07');
    }
  });

  test('another day adds the date, in the locale\'s words', () => {
    const tomorrow = new Date(2026, 10, 29, 8, 30).getTime();
    expect(formatTime(tomorrow, 'en', now)).toMatch(/29.*Nov.*08:30/);
    expect(formatTime(tomorrow, 'fr', now)).toMatch(/29.*nov.*08:30/);
    expect(formatTime(tomorrow, 'rw', now)).toMatch(/29.*08:30/);
  });

  test('a time that is not a number is the integrator\'s mistake', () => {
    expect(() => formatTime(NaN, 'en')).toThrow(TypeError);
    expect(() => formatTime('1765000000000', 'en')).toThrow(TypeError);
  });
});

describe('I18n formatDuration', () => {
  test.each([
    [545_000, '9:05'],
    [544_001, '9:05'],  // rounded up: the countdown shows 0:00 only when the time is over
    [600_000, '10:00'],
    [59_999, '1:00'],
    [1, '0:01'],
    [0, '0:00'],
    [-5_000, '0:00'],
    [3_600_000, '1:00:00'],
    [3_725_000, '1:02:05'],
  ])('%d ms is %s', (ms, expected) => {
    for (const locale of LOCALES) expect(formatDuration(ms, locale)).toBe(expected);
  });

  test('a duration that is not a number is the integrator\'s mistake', () => {
    expect(() => formatDuration(NaN, 'en')).toThrow(TypeError);
    expect(() => formatDuration('60000', 'en')).toThrow(TypeError);
    expect(() => formatDuration(Infinity, 'en')).toThrow(TypeError);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('I18n t', () => {
  test('fills placeholders in the requested language', () => {
    expect(t('en', 'pay.button', { amount: 'RWF 15,000' })).toBe('Pay RWF 15,000');
    expect(t('rw', 'pay.button', { amount: 'RWF 15.000' })).toBe('Ishyura RWF 15.000');
    expect(t('fr', 'waiting.countdown', { time: '9:05' })).toBe(`Temps restant${NBSP}: 9:05`);
    expect(t('rw-RW', 'action.back')).toBe('Subira inyuma');
    expect(t('en', 'result.paid.body', { amount: 'RWF 15,000', service: 'Water Bill - May 2025' }))
      .toBe('RWF 15,000 paid for Water Bill - May 2025.');
  });

  test('falls back to English for an unknown language, then to the key itself', () => {
    expect(t('de', 'action.close')).toBe('Close');
    expect(t(undefined, 'action.close')).toBe('Close');
    expect(t('rw', 'no.such.key')).toBe('no.such.key');
    expect(t('fr', 'toString')).toBe('toString');  // not Object.prototype's
    expect(t('en', '__proto__')).toBe('__proto__');
  });

  test('never returns anything but a string', () => {
    for (const locale of [...LOCALES, 'xx', undefined, null, 7]) {
      for (const key of [...Object.keys(MESSAGES.en), 'missing', '', undefined, null, 42, {}]) {
        expect(typeof t(locale, key)).toBe('string');
        expect(typeof t(locale, key, null)).toBe('string');
      }
    }
    expect(t('en', undefined)).toBe('');
  });

  test('parameters stay literal text: no markup, no replacement patterns, no second substitution', () => {
    expect(t('en', 'header.reference', { ref: '<b>INV</b>' })).toBe('Reference <b>INV</b>');
    expect(t('en', 'pay.button', { amount: '$& $1 $$' })).toBe('Pay $& $1 $$');
    expect(t('en', 'waiting.push.body', { phone: '{amount}', amount: 'RWF 1' }))
      .toBe('We sent a prompt to {amount}. Enter your PIN to approve RWF 1.');
    expect(t('en', 'pay.button', { amount: 15000 })).toBe('Pay 15000');
  });

  test('a placeholder without a value stays as written', () => {
    expect(t('en', 'pay.button')).toBe('Pay {amount}');
    expect(t('en', 'pay.button', { amount: undefined })).toBe('Pay {amount}');
  });
});

describe('I18n errorMessage', () => {
  test('translates the code of a core error', () => {
    const error = { field: 'Phone_Number', code: 'phone.too_short', message: 'The phone number is too short.' };
    expect(errorMessage('en', error)).toBe(MESSAGES.en['phone.too_short']);
    expect(errorMessage('rw', error)).toBe(MESSAGES.rw['phone.too_short']);
    expect(errorMessage('fr', error)).toBe(MESSAGES.fr['phone.too_short']);
    expect(errorMessage('fr', 'poll.not_found')).toBe(MESSAGES.fr['poll.not_found']);
  });

  test('names the amount limits the core reports in its params, in the locale\'s format', () => {
    const below = { field: 'Total_Amount_to_Pay', code: 'amount.below_minimum', message: 'The amount must be at least RWF 1,000.',
      params: { min: 1000 } };
    const above = { field: 'Total_Amount_to_Pay', code: 'amount.above_maximum', message: 'The amount must be at most RWF 2,000,000.',
      params: { max: 2000000 } };
    expect(errorMessage('en', below)).toBe(`The amount is too small: the minimum is RWF${NBSP}1,000.`);
    expect(errorMessage('rw', below)).toBe(`Amafaranga ni make cyane: make ashoboka ni RWF${NBSP}1,000.`);
    expect(errorMessage('fr', above))
      .toBe(`Le montant est trop élevé${NBSP}: le maximum est de 2${NNBSP}000${NNBSP}000${NBSP}RWF.`);
    // The params decide, never the English message.
    expect(errorMessage('en', { ...below, params: { min: 5 } })).toBe(`The amount is too small: the minimum is RWF${NBSP}5.`);
  });

  test('without a limit in the params the limit is not named, whatever the message says', () => {
    expect(errorMessage('en', { code: 'amount.below_minimum' })).toBe('The amount is too small for this payment.');
    expect(errorMessage('fr', { code: 'amount.above_maximum', message: 'The amount must be at most RWF 5.' }))
      .toBe('Le montant est trop élevé pour ce paiement.');
    expect(errorMessage('en', { code: 'amount.below_minimum', params: { min: '1,000' } }))
      .toBe('The amount is too small for this payment.');
  });

  test('an unknown code shows the core\'s English message, else the generic text', () => {
    expect(errorMessage('rw', { code: 'refund.not_allowed', message: 'Refunds are not allowed.' })).toBe('Refunds are not allowed.');
    expect(errorMessage('fr', { code: 'refund.not_allowed' })).toBe(MESSAGES.fr['error.generic']);
    expect(errorMessage('rw', { message: '  ' })).toBe(MESSAGES.rw['error.generic']);
    expect(errorMessage('en', null)).toBe(MESSAGES.en['error.generic']);
    expect(errorMessage('en', undefined)).toBe(MESSAGES.en['error.generic']);
    expect(errorMessage('en', { code: 'toString' })).toBe(MESSAGES.en['error.generic']);
  });
});
