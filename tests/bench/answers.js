// Right answers, not only fast ones: inputs a Rwandan checkout meets, each with the verdict this checkout
// needs (docs/validation.md), written from the rules and not from any contender's output. The
// verdict is whether the field may go to LTGS as part of a payment request.
'use strict';

const ACCEPT = true;
const REFUSE = false;

// [wire name, input, verdict, why]
const ROWS = [
  // Phone_Number: a Rwandan mobile number, any common form. Mobile money needs a +250 mobile range.
  ['Phone_Number', '0788123456', ACCEPT, 'LTGS sample, 10-digit local form'],
  ['Phone_Number', '788123456', ACCEPT, 'national significant number alone'],
  ['Phone_Number', '250788123456', ACCEPT, 'country code without +'],
  ['Phone_Number', '+250 788 123 456', ACCEPT, 'E.164 with spaces'],
  ['Phone_Number', '00250788123456', ACCEPT, 'international prefix 00'],
  ['Phone_Number', '078-812-3456', ACCEPT, 'dashes'],
  ['Phone_Number', '(078) 812 3456', ACCEPT, 'parentheses'],
  ['Phone_Number', '+250 (0) 788 123 456', ACCEPT, 'trunk 0 kept after the country code'],
  ['Phone_Number', '0791234567', ACCEPT, 'MTN 079'],
  ['Phone_Number', '0721234567', ACCEPT, 'Airtel 072'],
  ['Phone_Number', '0731234567', ACCEPT, 'Airtel 073'],
  ['Phone_Number', '0771234567', ACCEPT, 'KTRN 077: a valid mobile number (no wallet: offered QR/USSD)'],
  ['Phone_Number', '0252123456', REFUSE, 'Kigali landline'],
  ['Phone_Number', '+250 252 123 456', REFUSE, 'landline in E.164'],
  ['Phone_Number', '+256 772 123 456', REFUSE, 'Ugandan mobile (MTN Uganda)'],
  ['Phone_Number', '+254 712 345 678', REFUSE, 'Kenyan mobile (Safaricom)'],
  ['Phone_Number', '0712345678', REFUSE, 'Kenyan local form: unallocated 071 in Rwanda'],
  ['Phone_Number', '0701234567', REFUSE, 'unallocated 070'],
  ['Phone_Number', '0751234567', REFUSE, 'revoked Rwandatel 075'],
  ['Phone_Number', '078812345', REFUSE, 'one digit short'],
  ['Phone_Number', '07881234567', REFUSE, 'one digit long'],
  // Customer_KYC_ID: 16 digits = category 1-3, birth year 1900..this year, gender, serial, issue, check.
  ['Customer_KYC_ID', '1199999999999999', ACCEPT, "LTGS's own sample (gender digit 9)"],
  ['Customer_KYC_ID', '1 1990 8 0012345 1 23', ACCEPT, 'grouped with spaces'],
  ['Customer_KYC_ID', '2198570012345012', ACCEPT, 'category 2, born 1985'],
  ['Customer_KYC_ID', '4199080012345123', REFUSE, 'category 4 does not exist'],
  ['Customer_KYC_ID', '1189980012345123', REFUSE, 'born 1899'],
  ['Customer_KYC_ID', '1299980012345123', REFUSE, 'born 2999'],
  ['Customer_KYC_ID', '119908001234512', REFUSE, '15 digits'],
  // Email_Address: optional; a practical address with a dotted domain.
  ['Email_Address', 'customer@example.com', ACCEPT, 'LTGS sample'],
  ['Email_Address', 'jean.uwimana@mtn.co.rw', ACCEPT, 'dotted local part, .co.rw'],
  ['Email_Address', 'customer@example', REFUSE, 'domain without a dot'],
  ['Email_Address', 'jean uwimana@example.rw', REFUSE, 'space in the local part'],
  ['Email_Address', 'customer@@example.com', REFUSE, 'two @'],
  ['Email_Address', 'jean..uwimana@example.rw', REFUSE, 'two dots in a row'],
  ['Email_Address', 'customer@-example.rw', REFUSE, 'label starting with a hyphen'],
  // Callback_URL: absolute https, a host, no user-info.
  ['Callback_URL', 'https://yourdomain.com/callback', ACCEPT, 'LTGS sample'],
  ['Callback_URL', 'https://shop.example.rw:8443/ltgs/cb?order=17', ACCEPT, 'port and query'],
  ['Callback_URL', 'http://shop.example.rw/ltgs/cb', REFUSE, 'plain http'],
  ['Callback_URL', 'https://user:secret@shop.example.rw/cb', REFUSE, 'user-info (credentials in the URL)'],
  ['Callback_URL', 'javascript:alert(1)', REFUSE, 'javascript: scheme'],
  ['Callback_URL', '//shop.example.rw/cb', REFUSE, 'scheme-relative'],
  ['Callback_URL', 'https:///cb', REFUSE, 'no host'],
  ['Callback_URL', 'https://shop.example.rw:99999/cb', REFUSE, 'port out of range'],
].map(([field, input, verdict, why]) => ({ field, input, verdict, why }));

// What a developer writes for a national ID without the ID's structure: 16 digits.
const sixteenDigits = (v) => /^\d{16}$/.test(v.replace(/\s/g, ''));

// Each contender answers (field, input) → true (accept) / false (refuse).
// core: the wasm core's validateField. stack: a bundle from tests/bench/stacks (natural: each package's own
// entry point with the options a developer would pass; careful: the bench's pure-JS validator).
function contenders(core, lean, popular, currentYear) {
  const natural = (stack) => (field, v) => {
    switch (field) {
      case 'Phone_Number': return stack.isValidPhoneNumber(v, 'RW');
      case 'Customer_KYC_ID': return sixteenDigits(v);
      case 'Email_Address': return stack.isEmail(v);
      case 'Callback_URL': return stack.isURL(v, { protocols: ['https'], require_protocol: true });
      default: throw new Error(`no natural check for ${field}`);
    }
  };
  return [
    { name: 'ltgs-checkout (wasm)', answer: (f, v) => core.validateField(f, v, { currentYear }).ok },
    { name: 'lean stack, natural APIs', answer: natural(lean), note: 'libphonenumber-js/mobile isValidPhoneNumber(x, "RW"), validator isEmail / isURL({protocols: ["https"], require_protocol: true}), /^\\d{16}$/' },
    { name: 'popular stack, natural APIs', answer: natural(popular), note: 'the same with libphonenumber-js/max' },
    { name: 'pure-JS validator (bench)', answer: (f, v) => lean.validateField(f, v, { currentYear }).ok, note: 'tests/bench/stacks/validate.mjs on the lean stack' },
  ];
}

// Per contender: right answers overall and per field, and the rows it gets wrong.
function scoreAnswers(core, lean, popular, currentYear = new Date().getFullYear()) {
  const fields = [...new Set(ROWS.map((r) => r.field))];
  return contenders(core, lean, popular, currentYear).map((c) => {
    const wrong = [];
    const perField = Object.fromEntries(fields.map((f) => [f, { right: 0, total: 0 }]));
    for (const row of ROWS) {
      let answer;
      try {
        answer = Boolean(c.answer(row.field, row.input));
      } catch {
        answer = false;  // a throw refuses the input
      }
      perField[row.field].total++;
      if (answer === row.verdict) perField[row.field].right++;
      else wrong.push({ ...row, answer });
    }
    return { name: c.name, note: c.note, right: ROWS.length - wrong.length, total: ROWS.length, perField, wrong };
  });
}

module.exports = { ROWS, scoreAnswers };
