// The popular pure-JS stack: qrcode, libphonenumber-js with its max metadata, and the whole validator
// package. Bundled by tests/bench/bench.js as an IIFE (global `popularStack`).
import QRCode from 'qrcode';
import { parsePhoneNumberFromString, isValidPhoneNumber } from 'libphonenumber-js/max';
import validator from 'validator';
import { makeValidators, parseStatusJson } from './validate.mjs';

const { isEmail, isURL } = validator;
// Max metadata knows every number type: a checkout that takes mobile money must ask for a mobile one.
export const { validateField, validateRequestJson } = makeValidators({
  parsePhoneNumberFromString, isMobile: (phone) => phone.isValid() && phone.getType() === 'MOBILE', isEmail, isURL,
});
export { parseStatusJson, isValidPhoneNumber, isEmail, isURL };

// qrcode calls back synchronously when given a callback (no Promise, no canvas).
export function qrSvg(text) {
  let svg;
  QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M' }, (err, out) => {
    if (err) throw err;
    svg = out;
  });
  return svg;
}
