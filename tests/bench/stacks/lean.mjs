// The lean pure-JS stack: lean-qr, libphonenumber-js with mobile metadata, and only validator's isEmail and
// isURL (imported file by file). Bundled by tests/bench/bench.js as an IIFE (global `leanStack`), measured
// for size and timed in Node and Chromium.
import { generate, correction } from 'lean-qr';
import { toSvgSource } from 'lean-qr/extras/svg';
import { parsePhoneNumberFromString, isValidPhoneNumber } from 'libphonenumber-js/mobile';
import isEmail from 'validator/lib/isEmail';
import isURL from 'validator/lib/isURL';
import { makeValidators, parseStatusJson } from './validate.mjs';

// Mobile metadata: isValid() already means "a valid mobile number".
export const { validateField, validateRequestJson } = makeValidators({
  parsePhoneNumberFromString, isMobile: (phone) => phone.isValid(), isEmail, isURL,
});
export { parseStatusJson, isValidPhoneNumber, isEmail, isURL };

export function qrSvg(text) {
  return toSvgSource(generate(text, { minCorrectionLevel: correction.M, maxCorrectionLevel: correction.M }), {});
}
