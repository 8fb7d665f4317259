// EMVCo QR payloads, USSD dial strings and the payment options, through the wasm core.
'use strict';

const { loadCore } = require('./core-loader');

let core;
beforeAll(async () => {
  core = await loadCore();
});

// Published payloads and their CRCs (see tests/core/emv_test.cpp for the sources).
const EMVCO_SPEC =
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT' +
  '6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A01122' +
  '33449988770708123456786304A13A';
const PIX_MANUAL =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal' +
  '6008BRASILIA62070503***63041D3D';
const QRIS =
  '00020101021226570011ID.DANA.WWW011893600915015706056102091570605610303UME51440014ID.CO.QRIS.WWW0215ID2021080732' +
  '9890303UME5204893153033605405100005802ID5906XENDIT6015Kota Jakarta Se61051219062720115SzW8BPHhw35i1vT60490011ID.' +
  'DANA.WWW0425MER2021071400774509608641050116304B00A';
const PROMPTPAY = '00020101021129370016A000000677010111011300668012345675802TH530376463046197';

const crcOf = (body) => {  // CRC-16/CCITT-FALSE, written here independently of the core
  let crc = 0xffff;
  for (const byte of Buffer.from(body, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
};
const withCrc = (body) => body + '6304' + crcOf(body + '6304');

describe('EMVCo payload parser', () => {
  test('reads the EMVCo specification example', () => {
    const { ok, value: emv } = core.emvParse(EMVCO_SPEC);
    expect(ok).toBe(true);
    expect(emv).toMatchObject({
      dynamic: true, mcc: '4111', currency: '156', amount: '23.72', country: 'CN',
      merchantName: 'BEST TRANSPORT', merchantCity: 'BEIJING', crc: 'A13A',
    });
    expect(emv.accounts.map((a) => a.guid)).toEqual(['D15600000000', 'D15600000001']);
    const alt = emv.fields.find((f) => f.id === '64');
    expect(alt.fields.map((f) => f.value)).toEqual(['ZH', '最佳运输', '北京']);
  });

  test('reads the Pix manual example and a QRIS example', () => {
    expect(core.emvParse(PIX_MANUAL).value).toMatchObject({
      dynamic: false, merchantName: 'Fulano de Tal', merchantCity: 'BRASILIA', referenceLabel: '***', crc: '1D3D',
    });
    expect(core.emvParse(QRIS).value).toMatchObject({ amount: '10000', postalCode: '12190', crc: 'B00A' });
  });

  test('reads PromptPay, which leaves out the merchant category, name and city, with a warning for each', () => {
    const r = core.emvParse(PROMPTPAY);
    expect(r.ok).toBe(true);
    expect(r.value.warnings.map((w) => w.code)).toEqual(['emv.missing_mcc', 'emv.missing_merchant_name', 'emv.missing_merchant_city']);
    expect(core.emvParse(PIX_MANUAL).value.warnings).toEqual([]);
  });

  test('our independent CRC matches every published payload', () => {
    for (const p of [EMVCO_SPEC, PIX_MANUAL, QRIS, PROMPTPAY]) expect(crcOf(p.slice(0, -4))).toBe(p.slice(-4));
  });

  test.each([
    ['', 'emv.empty'],
    [PIX_MANUAL.replace('5802BR', '5802BX'), 'emv.bad_crc'],
    [PIX_MANUAL.slice(0, -1) + 'E', 'emv.bad_crc'],
    [PIX_MANUAL.slice(0, -6), 'emv.truncated'],
    [PIX_MANUAL.slice(0, 40), 'emv.truncated'],
    ['000201AB0211', 'emv.bad_tag'],
    ['00020101X211', 'emv.bad_length'],
    ['0002015802RW', 'emv.missing_crc'],
    ['0002015802RW6304ZZZZ', 'emv.missing_crc'],
    [withCrc('000202'), 'emv.bad_format_indicator'],
    [withCrc('0002015802RW5802RW'), 'emv.duplicate_tag'],
    [withCrc('0002017002XY'), 'emv.unknown_tag'],
    [withCrc('00020126180014rw.example.pay5204541153036465802RW5904Shop6006Kigali010213'), 'emv.invalid_value'],
    ['0'.repeat(513), 'emv.too_long'],
    ['00020101021\uD800', 'emv.invalid_utf8'],
  ])('%j is refused with %s', (payload, code) => {
    const r = core.emvParse(payload);
    expect(r.ok).toBe(false);
    expect(r.errors[0].code).toBe(code);
    expect(r.errors[0].message).not.toBe('');
  });
});

describe('EMVCo payload builder', () => {
  const merchant = {
    accountTag: '26', guid: 'rw.example.ltgs', merchantId: 'LTGS000123', mcc: '4900',
    merchantName: 'WASAC Ltd', merchantCity: 'Kigali',
  };

  test('a dynamic payload carries the amount and Sale_Reference_ID and parses back', () => {
    const built = core.emvBuild({ ...merchant, amount: 15000, reference: 'LTGSINV_230624_001' });
    expect(built.ok).toBe(true);
    expect(built.value.startsWith('000201010212')).toBe(true);
    expect(built.value.slice(-4)).toBe(crcOf(built.value.slice(0, -4)));
    const { value: emv } = core.emvParse(built.value);
    expect(emv).toMatchObject({
      dynamic: true, currency: '646', amount: '15000', country: 'RW', merchantName: 'WASAC Ltd',
      merchantCity: 'Kigali', referenceLabel: 'LTGSINV_230624_001',
    });
    expect(emv.accounts).toEqual([{ tag: '26', guid: 'rw.example.ltgs', merchantId: 'LTGS000123' }]);
  });

  test('a static payload has no amount', () => {
    const { value: payload } = core.emvBuild(merchant);
    expect(payload.startsWith('000201010211')).toBe(true);
    expect(core.emvParse(payload).value.amount).toBeNull();
  });

  test.each([
    [{ guid: '' }, 'guid', 'emv.missing_value'],
    [{ merchantName: 'N'.repeat(26) }, 'merchantName', 'emv.value_too_long'],
    [{ merchantCity: 'Kigali City Centre' }, 'merchantCity', 'emv.value_too_long'],
    [{ mcc: '49' }, 'mcc', 'emv.invalid_value'],
    [{ amount: 0 }, 'amount', 'emv.invalid_value'],
    [{ amount: '15000' }, 'emvInput', 'settings.invalid'],
    [{ merchantNmae: 'WASAC Ltd' }, 'emvInput', 'settings.unknown'],
    [{ reference: 'R'.repeat(26) }, 'reference', 'emv.value_too_long'],
  ])('%j is refused', (change, field, code) => {
    const r = core.emvBuild({ ...merchant, ...change });
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatchObject({ field, code });
  });
});

describe('USSD', () => {
  test('MTN MoMo Pay dial string and tel: link with # encoded', () => {
    expect(core.mtnMomoPayUssd('012345', 15000)).toEqual({
      ok: true, value: { dial: '*182*8*1*012345*15000#', tel: 'tel:*182*8*1*012345*15000%23' },
    });
  });

  test('a configurable template, and bad input refused', () => {
    const code = (r) => r.errors[0].code;
    expect(core.ussdCode('*500*{merchantCode}*{amount}#', '77', 900).value.dial).toBe('*500*77*900#');
    expect(code(core.ussdCode('*500*{merchant}#', '77', 900))).toBe('ussd.invalid_template');
    expect(code(core.ussdCode('*182#', '', 900))).toBe('ussd.invalid_merchant_code');
    expect(code(core.mtnMomoPayUssd('12a', 900))).toBe('ussd.invalid_merchant_code');
    expect(code(core.mtnMomoPayUssd('123', 1.5))).toBe('ussd.invalid_amount');
    expect(code(core.mtnMomoPayUssd('123', 0))).toBe('ussd.invalid_amount');
  });
});

describe('payment options', () => {
  const request = (phone) => JSON.stringify({
    Sale_Reference_ID: 'LTGSINV_230624_001', Customer_KYC_ID: '1199999999999999', Phone_Number: phone,
    Email_Address: 'john@example.com', Services_Name: 'Water Bill - May 2025', Total_Amount_to_Pay: 15000,
    Callback_URL: 'https://partner.com/callback',
  });
  const options = (...args) => core.paymentOptions(...args).value;
  const methods = (r) => r.options.map((o) => o.method);

  test('an MTN number makes MTN MoMo the default; QR stays available', () => {
    expect(core.paymentOptions(request('0788123456'), {}).ok).toBe(true);
    const r = options(request('0788123456'), {});
    expect(r.default).toBe('MTN_MOMO');
    expect(methods(r)).toEqual(['MTN_MOMO', 'QR']);
    expect(r.options[0]).toEqual({ method: 'MTN_MOMO', recommended: true, phone: '0788123456' });
    expect(r.options[1].recommended).toBe(false);
  });

  test('an Airtel number gets Airtel Money; a KTRN number (no wallet) gets QR', () => {
    const airtel = options(request('+250 732 000 001'));
    expect(airtel.default).toBe('AIRTEL_MONEY');
    expect(methods(airtel)).toEqual(['AIRTEL_MONEY', 'QR']);
    const ktrn = options(request('0771234567'));
    expect(ktrn.default).toBe('QR');
    expect(methods(ktrn)).toEqual(['QR']);
  });

  test('USSD is offered with the merchant code; options can be disabled', () => {
    const r = options(request('0788123456'), { mtnMerchantCode: '012345' });
    expect(methods(r)).toEqual(['MTN_MOMO', 'QR', 'USSD']);
    expect(r.options[2]).toMatchObject({ dial: '*182*8*1*012345*15000#', tel: 'tel:*182*8*1*012345*15000%23' });
    const noPush = options(request('0788123456'), { mtnMerchantCode: '012345', mtnMomo: false });
    expect(noPush.default).toBe('QR');
    expect(core.paymentOptions(request('0771234567'), { qr: false }).errors[0].code).toBe('options.none_available');
    expect(core.paymentOptions(request('0788123456'), { qr: 'yes' }).errors[0]).toMatchObject({
      field: 'config', code: 'settings.invalid', params: { object: 'config', member: 'qr' } });
    // A misspelt member is refused, not ignored: "mtnMerchantCod" would silently leave USSD out.
    expect(core.paymentOptions(request('0788123456'), { mtnMerchantCod: '012345' }).errors[0]).toMatchObject({
      field: 'config', code: 'settings.unknown', params: { member: 'mtnMerchantCod' } });
  });

  test('an invalid request gives its validation errors', () => {
    const r = core.paymentOptions(request('0252123456'));
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.code)).toEqual(['phone.landline']);
  });
});
