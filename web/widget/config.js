// Configuration mapping: the partner's options (LTGSCheckout.open / mount, or the script tag's data-*
// attributes, which public-api.js reads into the same options) → what the core is asked with: the settings
// of its validators, the merchant configuration of paymentOptions, and the customer fields the form may ask
// for.

const CONFIG_FLAG = { MTN_MOMO: 'mtnMomo', AIRTEL_MONEY: 'airtelMoney', QR: 'qr', USSD: 'ussd' };

// Customer fields the partner may leave for the customer to fill in, in form order. The phone is always shown
// (prefilled when the partner gave it): the customer may pay from another wallet than the one on file.
export const ALWAYS_SHOWN = new Set(['Phone_Number']);
export const FIELDS = [
  { wire: 'Phone_Number', key: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'tel' },
  { wire: 'Customer_KYC_ID', key: 'kyc', type: 'text', inputmode: 'numeric', autocomplete: 'off' },
  { wire: 'Email_Address', key: 'email', type: 'email', inputmode: 'email', autocomplete: 'email' },
];

// The settings of the core's validators (validateField, validateRequestJson, paymentOptions); o: the options.
export function settings(o) {
  return {
    currentYear: new Date().getFullYear(),
    callbackUrlRequired: false,
    emailRequired: Boolean(o.emailRequired),
    ...(o.minAmountRwf !== undefined ? { minAmountRwf: o.minAmountRwf } : {}),
    ...(o.maxAmountRwf !== undefined ? { maxAmountRwf: o.maxAmountRwf } : {}),
  };
}

// The merchant configuration of paymentOptions: o.merchant, and a flag per method of the core's
// (rules.methods) saying whether o.methods lists it, when it is given.
export function merchantConfig(o, rules) {
  const config = { ...(o.merchant || {}) };
  if (Array.isArray(o.methods)) {
    for (const m of rules.methods) if (CONFIG_FLAG[m]) config[CONFIG_FLAG[m]] = o.methods.includes(m);
  }
  return config;
}
