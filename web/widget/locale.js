// The customer's language and the way francs are written, for the whole widget and for the small script-tag
// loader, which shows the pay button before the rest arrives (so this module stays small: no other words
// than the button's). Pure functions: importing this module touches no window or document.

export const LOCALES = ['en', 'rw', 'fr'];

// The only words the loader needs, the pay button's and its failure's (words.js has all the others).
export const PAY_BUTTON = { en: 'Pay {amount}', rw: 'Ishyura {amount}', fr: 'Payer {amount}' };
export const COULD_NOT_LOAD = {
  en: 'The checkout could not load. Please reload the page.',
  rw: 'Uburyo bwo kwishyura ntibwashoboye gufunguka. Nyamuneka ongera ufungure iyi paji.',
  fr: "Le module de paiement n'a pas pu se charger. Veuillez recharger la page.",
};

const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

// ISO 639-1 and 639-2/3 names of the three languages.
const LANGUAGE_ALIASES = { en: 'en', eng: 'en', rw: 'rw', kin: 'rw', fr: 'fr', fra: 'fr', fre: 'fr' };

function localeOf(tag) {
  if (Array.isArray(tag)) {
    for (const one of tag) {
      const found = localeOf(one);
      if (found) return found;
    }
    return null;
  }
  if (typeof tag !== 'string') return null;
  // BCP 47 ("rw-RW"), POSIX ("fr_FR.UTF-8") or bare ("KIN"): the primary language subtag decides.
  const primary = tag.trim().toLowerCase().split(/[-_.@]/)[0];
  return has(LANGUAGE_ALIASES, primary) ? LANGUAGE_ALIASES[primary] : null;
}

// 'en' | 'rw' | 'fr' for a requested locale (data-locale, options.locale), else the page's
// <html lang>, else English. Either argument may also be a list of tags (navigator.languages).
export function resolveLocale(requested, documentLang) {
  return localeOf(requested) ?? localeOf(documentLang) ?? 'en';
}

// The locale of a checkout: its options' locale (data-locale), else its page's <html lang>, else English.
export function checkoutLocale(options, doc) {
  return resolveLocale(options.locale, doc.documentElement && doc.documentElement.lang);
}

// One of LOCALES for anything: itself when it is one, else resolved.
export function knownLocale(locale) {
  return LOCALES.includes(locale) ? locale : resolveLocale(locale);
}

// The Intl locales that write numbers and times for each language; the runtime's first supported tag is used.
// Kinyarwanda text writes amounts as English does in Rwanda ("RWF 15,000"), in every browser: browsers disagree
// on Kinyarwanda (Chromium carries no rw data and falls back to English; Firefox and Node have CLDR's
// "RWF 15.000"), and the customer must read the same figure in the checkout as on the partner's page.
const INTL_LOCALES = { en: ['en-RW', 'en'], rw: ['en-RW', 'en'], fr: ['fr-RW', 'fr', 'en-RW', 'en'] };
const AMOUNT_OPTIONS = { style: 'currency', currency: 'RWF', currencyDisplay: 'code', maximumFractionDigits: 0 };

export function intlLocales(locale) {
  return INTL_LOCALES[knownLocale(locale)];
}

// A value named in an error message: strings quoted, objects by kind.
export function describeValue(value) {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

// Whole francs as the locale writes them, with the ISO code: en and rw "RWF 15,000",
// fr "15 000 RWF" (no-break spaces as CLDR has them). Separators come from Intl, never from here.
export function formatAmount(francs, locale) {
  if (typeof francs !== 'bigint' && !(typeof francs === 'number' && Number.isInteger(francs))) {
    throw new TypeError(`amount must be whole francs (integer), got ${describeValue(francs)}`);
  }
  return new Intl.NumberFormat(intlLocales(locale), AMOUNT_OPTIONS).format(francs);
}

// "Pay RWF 15,000" in the locale.
export function payLabel(francs, locale) {
  return PAY_BUTTON[knownLocale(locale)].replace('{amount}', formatAmount(francs, locale));
}
