// The checkout's payment-request and status rules in plain JavaScript, on top of the npm packages a developer
// would otherwise pick: what `npm run bench` times against the wasm core. Same rules as docs/validation.md's
// "Validation rules" (except duplicate-key and nesting checks, which JSON.parse cannot see), same normalised
// output, every problem at once as {field, code, message}. The packages come in as arguments, so that the
// lean and the popular stack share this code.

const REFERENCE = /^[A-Za-z0-9_.-]{1,64}$/;
// C0/C1 controls, line and paragraph separators, bidirectional embeddings, overrides and isolates.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const STATUS_WORD = /^[A-Za-z0-9_ -]{1,32}$/;
const PAID_ON = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
// +250 mobile ranges by their first two NSN digits (the core's table: RURA numbering plan).
const OPERATORS = { 78: 'MTN', 79: 'MTN', 72: 'Airtel', 73: 'Airtel', 77: 'KTRN' };
const URL_OPTIONS = { protocols: ['https'], require_protocol: true, require_host: true, disallow_auth: true };
const MAX_DOCUMENT = 64 * 1024;  // characters; the core counts bytes of UTF-8

const problem = (field, code, message) => ({ error: { field, code, message } });
const blank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

// libs: { parsePhoneNumberFromString, isMobile(phoneNumber), isEmail, isURL } from the stack's packages.
export function makeValidators({ parsePhoneNumberFromString, isMobile, isEmail, isURL }) {
  const rules = {
    Sale_Reference_ID(v) {
      if (blank(v)) return problem('Sale_Reference_ID', 'reference.required', 'The sale reference is required.');
      if (typeof v !== 'string') return problem('Sale_Reference_ID', 'reference.wrong_type', 'The sale reference must be a string.');
      if (!REFERENCE.test(v)) return problem('Sale_Reference_ID', 'reference.invalid', 'Use 1-64 letters, digits, _ - .');
      return { value: v };
    },
    Customer_KYC_ID(v, settings) {
      if (blank(v)) return problem('Customer_KYC_ID', 'national_id.required', 'The national ID is required.');
      if (typeof v !== 'string') return problem('Customer_KYC_ID', 'national_id.wrong_type', 'The national ID must be a string.');
      const digits = v.replace(/[ \t]/g, '');
      if (!/^\d{16}$/.test(digits)) return problem('Customer_KYC_ID', 'national_id.invalid', 'A national ID has 16 digits.');
      if (digits[0] < '1' || digits[0] > '3') return problem('Customer_KYC_ID', 'national_id.bad_category', 'Unknown ID category.');
      const year = Number(digits.slice(1, 5));
      if (year < 1900 || (settings.currentYear && year > settings.currentYear)) {
        return problem('Customer_KYC_ID', 'national_id.implausible_birth_year', 'Implausible birth year.');
      }
      return { value: digits };
    },
    Phone_Number(v) {
      if (blank(v)) return problem('Phone_Number', 'phone.required', 'The phone number is required.');
      if (typeof v !== 'string') return problem('Phone_Number', 'phone.wrong_type', 'The phone number must be a string.');
      const phone = parsePhoneNumberFromString(v, 'RW');
      if (!phone || phone.country !== 'RW' || !isMobile(phone)) {
        return problem('Phone_Number', 'phone.invalid', 'Enter a Rwandan mobile-money number (07…).');
      }
      const operator = OPERATORS[phone.nationalNumber.slice(0, 2)];
      if (!operator) return problem('Phone_Number', 'phone.unknown_operator', 'No Rwandan operator has this prefix.');
      return { value: `0${phone.nationalNumber}`, e164: phone.number, operator };
    },
    Email_Address(v, settings) {
      if (blank(v)) {
        return settings.emailRequired ? problem('Email_Address', 'email.required', 'The email address is required.') : { value: '' };
      }
      if (typeof v !== 'string') return problem('Email_Address', 'email.wrong_type', 'The email address must be a string.');
      const t = v.trim();
      if (t.length > 254 || !isEmail(t)) return problem('Email_Address', 'email.invalid', 'This is not an email address.');
      const at = t.lastIndexOf('@');
      return { value: t.slice(0, at) + t.slice(at).toLowerCase() };
    },
    Services_Name(v) {
      if (blank(v)) return problem('Services_Name', 'services_name.required', 'The service name is required.');
      if (typeof v !== 'string') return problem('Services_Name', 'services_name.wrong_type', 'The service name must be a string.');
      const t = v.trim();
      if (CONTROL.test(t)) return problem('Services_Name', 'services_name.control_character', 'No control characters.');
      let codePoints = 0;  // the core counts code points, not UTF-16 units
      for (const _ of t) codePoints++;
      if (codePoints > 100) return problem('Services_Name', 'services_name.too_long', 'At most 100 characters.');
      return { value: t };
    },
    Total_Amount_to_Pay(v, settings) {
      if (v === undefined || v === null) return problem('Total_Amount_to_Pay', 'amount.required', 'The amount is required.');
      if (typeof v !== 'number') return problem('Total_Amount_to_Pay', 'amount.wrong_type', 'The amount must be a number.');
      if (!Number.isSafeInteger(v)) return problem('Total_Amount_to_Pay', 'amount.not_whole_francs', 'Whole francs only.');
      if (v < (settings.minAmountRwf ?? 1)) return problem('Total_Amount_to_Pay', 'amount.below_minimum', 'Below the minimum.');
      if (v > (settings.maxAmountRwf ?? 2000000)) return problem('Total_Amount_to_Pay', 'amount.above_maximum', 'Above the maximum.');
      return { value: v };
    },
    Callback_URL(v) {
      if (blank(v)) return problem('Callback_URL', 'callback_url.required', 'The callback URL is required.');
      if (typeof v !== 'string') return problem('Callback_URL', 'callback_url.wrong_type', 'The callback URL must be a string.');
      if (v.length > 2048 || !isURL(v, URL_OPTIONS)) return problem('Callback_URL', 'callback_url.invalid', 'An https URL is required.');
      return { value: v.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, (origin) => origin.toLowerCase()) };
    },
  };
  const FIELDS = Object.keys(rules);

  function validateField(wireName, value, settings = {}) {
    const rule = rules[wireName];
    if (!rule) return { ok: false, error: { field: wireName, code: 'field.unknown', message: 'Unknown field.' } };
    const r = rule(value, settings);
    return r.error ? { ok: false, error: r.error } : { ok: true, value: r.value };
  }

  function validateRequestJson(text, settings = {}) {
    if (text.length > MAX_DOCUMENT) return { ok: false, errors: [{ field: '$', code: 'json.too_large', message: 'Over 64 KiB.' }] };
    let doc;
    try {
      doc = JSON.parse(text);
    } catch {
      return { ok: false, errors: [{ field: '$', code: 'json.malformed', message: 'This is not JSON.' }] };
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      return { ok: false, errors: [{ field: '$', code: 'json.not_object', message: 'One JSON object is expected.' }] };
    }
    const request = {};
    const errors = [];
    let phone = null;
    for (const field of FIELDS) {
      const r = rules[field](doc[field], settings);
      if (r.error) errors.push(r.error);
      else request[field] = r.value;
      if (field === 'Phone_Number' && !r.error) phone = { e164: r.e164, operator: r.operator };
    }
    return errors.length ? { ok: false, errors } : { ok: true, request, phone };
  }

  return { validateField, validateRequestJson };
}

// A status response (LTGS's callback shape): JSON.parse and the core's field checks, no library involved.
export function parseStatusJson(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, errors: [{ field: '$', code: 'json.malformed', message: 'This is not JSON.' }] };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, errors: [{ field: '$', code: 'json.not_object', message: 'One JSON object is expected.' }] };
  }
  const errors = [];
  const n = { Sale_Reference_ID: null, Payment_Status: null, Payment_Channel: null, Payment_Ref_ID: null, Total_Amount_Paid: null, Paid_On: null };
  const ref = doc.Sale_Reference_ID;
  if (typeof ref !== 'string' || !REFERENCE.test(ref)) errors.push({ field: 'Sale_Reference_ID', code: 'reference.invalid', message: 'Bad reference.' });
  else n.Sale_Reference_ID = ref;
  const status = typeof doc.Payment_Status === 'string' ? doc.Payment_Status.trim() : null;
  if (!status || !STATUS_WORD.test(status)) errors.push({ field: 'Payment_Status', code: 'status.invalid', message: 'Bad status.' });
  else n.Payment_Status = status;
  const paid = status !== null && status.toUpperCase() === 'PAID';
  for (const [key, max] of [['Payment_Channel', 64], ['Payment_Ref_ID', 128]]) {
    const v = doc[key];
    if (blank(v)) continue;
    const t = typeof v === 'string' ? v.trim() : null;
    if (t === null || t.length > max || CONTROL.test(t)) errors.push({ field: key, code: 'invalid', message: `Bad ${key}.` });
    else n[key] = t;
  }
  const amount = doc.Total_Amount_Paid;
  if (amount === undefined || amount === null) {
    if (paid) errors.push({ field: 'Total_Amount_Paid', code: 'amount_paid.required', message: 'A PAID status needs the amount.' });
  } else if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
    errors.push({ field: 'Total_Amount_Paid', code: 'amount_paid.invalid', message: 'Whole francs, not negative.' });
  } else {
    n.Total_Amount_Paid = amount;
  }
  const paidOn = doc.Paid_On;
  if (blank(paidOn)) {
    if (paid) errors.push({ field: 'Paid_On', code: 'paid_on.required', message: 'A PAID status needs Paid_On.' });
  } else {
    const m = typeof paidOn === 'string' ? PAID_ON.exec(paidOn.trim()) : null;
    const [y, mo, d, h, mi, s] = m ? m.slice(1).map(Number) : [];
    const date = m && new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    if (!date || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
      errors.push({ field: 'Paid_On', code: 'paid_on.invalid', message: 'YYYY-MM-DD HH:MM:SS expected.' });
    } else {
      n.Paid_On = m[0];
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, notification: n };
}
