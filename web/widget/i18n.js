// The widget's words (words.js) and the locale's way of writing francs, times and durations: t(), errorMessage()
// and the formatters, over the languages this build carries. English (i18n-en.js) is always here; the full builds
// add Kinyarwanda and French at once (i18n-all.js), the script tag's build when one of them is chosen (from
// dist/ltgs-checkout.rw.js or .fr.js, fetched by words-fetch.js). Until a language's words are here, and if
// they never come, its text is English. Pure data and functions: importing this module touches no window or
// document, and nothing here produces HTML — every string is meant for textContent, and parameters are inserted
// as plain text.

import { LOCALES, resolveLocale, knownLocale, intlLocales, describeValue as describe, formatAmount } from './locale.js';
import english from './i18n-en.js';

export { LOCALES, resolveLocale, formatAmount };

// Object.hasOwn is newer than the rest of what the widget needs (Safari 15.4).
const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

const known = knownLocale;

// { en: { key: text }, rw: {…}, fr: {…} }: interface keys and the core's codes in one flat map per locale, for
// each language this build has (a language is added once, never replaced).
// Interface state keys are upper case ('status.PAID'), the core's reasons lower case ('status.paid').
export const MESSAGES = {};
const WAIT_UNITS = {};  // formatWait's words, per locale

// A language's words: { locale, words: { key: text }, wait } (words.js's wordsOf, the default export of i18n-en.js,
// i18n-rw.js, i18n-fr.js). Returns whether they are here.
export function addWords(pack) {
  if (!pack || typeof pack !== 'object' || !LOCALES.includes(pack.locale) || !pack.words || typeof pack.words !== 'object' ||
      !pack.wait || typeof pack.wait !== 'object') return false;
  const { locale } = pack;
  if (has(MESSAGES, locale)) return true;
  Object.defineProperty(MESSAGES, locale, { value: Object.freeze({ ...pack.words }), enumerable: true });
  WAIT_UNITS[locale] = pack.wait;
  return true;
}

addWords(english);

// Whether the words of a locale are here (English always is).
export function hasWords(locale) {
  return has(MESSAGES, known(locale));
}

// The script tag's build: how a language's words are fetched (words-fetch.js), a Promise of the pack or null.
let fetchWords = null;
export function configureWords(fetch) {
  fetchWords = fetch;
}

// The locale's words are here, or are not to be had (no way to fetch them, or they failed to come): the text
// can be drawn now, in that language or in English.
const wordsFailed = new Set();  // the locales whose words were asked for and did not come: English for this page
export function wordsSettled(locale) {
  return hasWords(locale) || !fetchWords || wordsFailed.has(known(locale));
}

// A Promise settled once wordsSettled(locale) is true; it never rejects (the text is English then).
export function whenWords(locale) {
  const wanted = known(locale);
  if (wordsSettled(wanted)) return Promise.resolve();
  return Promise.resolve(fetchWords(wanted)).then((pack) => pack, () => null).then((pack) => {
    if (!(pack && pack.locale === wanted && addWords(pack))) wordsFailed.add(wanted);
  });
}

// The locale the text is drawn in: the customer's when its words are here, else English.
export function textLocale(locale) {
  return hasWords(locale) ? known(locale) : 'en';
}

function lookup(locale, key) {
  const own = MESSAGES[known(locale)];
  if (own && has(own, key)) return own[key];
  if (has(MESSAGES.en, key)) return MESSAGES.en[key];
  return undefined;
}


// {name} placeholders, replaced in one pass: a value is plain text and is never itself searched for
// placeholders. A placeholder without a value (undefined or null) stays as written.
function fill(text, params) {
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name) => {
    const value = params != null && has(params, name) ? params[name] : undefined;
    return value === undefined || value === null ? whole : String(value);
  });
}

// The text for key in locale; English when the locale lacks it; the key itself when no language has it.
// Always a string.
export function t(locale, key, params = {}) {
  const text = typeof key === 'string' ? lookup(locale, key) : undefined;
  if (text === undefined) return key === undefined || key === null ? '' : String(key);
  return fill(text, params);
}

// The codes whose translation names a limit, and the param of the core's error that holds it.
const LIMIT_PARAM = { 'amount.below_minimum': 'min', 'amount.above_maximum': 'max' };

// A core error { field, code, message, params } for the payer: the translation of its code (amount limits
// named from its params, written as the locale writes francs), else the core's English message, else a generic
// apology. A bare code string is accepted too.
export function errorMessage(locale, error) {
  const err = typeof error === 'string' ? { code: error } : error || {};
  const code = typeof err.code === 'string' ? err.code : '';
  if (has(LIMIT_PARAM, code)) {
    const limit = err.params && typeof err.params === 'object' ? err.params[LIMIT_PARAM[code]] : undefined;
    if (Number.isSafeInteger(limit)) return t(locale, `${code}.limit`, { [LIMIT_PARAM[code]]: formatAmount(limit, locale) });
  }
  const text = code ? lookup(locale, code) : undefined;
  if (text !== undefined) return fill(text, {});
  if (typeof err.message === 'string' && err.message.trim()) return err.message;
  return t(locale, 'error.generic');
}

// A clock time (epoch milliseconds) as the locale writes it, 24-hour ("14:05"), in the customer's own time
// zone; with the day ("28 Nov, 14:05") when it is not the day of nowMs.
export function formatTime(ms, locale, nowMs = Date.now()) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new TypeError(`time must be a finite number of milliseconds, got ${describe(ms)}`);
  }
  const when = new Date(ms);
  const sameDay = new Date(nowMs).toDateString() === when.toDateString();
  const options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(sameDay ? {} : { day: 'numeric', month: 'short' }) };
  return new Intl.DateTimeFormat(intlLocales(locale), options).format(when);
}

// How long to wait, in words: whole seconds under a minute ("45 seconds"), else whole minutes rounded up
// ("12 minutes"), with hours from an hour up ("1 hour and 5 minutes"). For text such as "You can try again in
// {wait}" (Kinyarwanda: "nyuma y'{wait}", so each form starts with its noun). In English while the locale's
// words are not here.
export function formatWait(ms, locale) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new TypeError(`duration must be a finite number of milliseconds, got ${describe(ms)}`);
  }
  const words = WAIT_UNITS[textLocale(locale)];
  const part = (n, unit) => {
    const noun = words[unit][n === 1 ? 0 : 1];
    return words.nounFirst ? `${noun} ${n}` : `${n} ${noun}`;
  };
  if (ms < 60_000) return part(Math.max(1, Math.ceil(ms / 1000)), 'second');
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return part(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${part(hours, 'hour')}${words.and}${part(rest, 'minute')}` : part(hours, 'hour');
}

// A countdown as m:ss ("9:05"), or h:mm:ss from an hour up. Rounded up to the whole second, so that
// 0:00 shows only when the time is over; negative durations are 0:00. The three languages write it alike.
export function formatDuration(ms, locale) {
  void locale;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new TypeError(`duration must be a finite number of milliseconds, got ${describe(ms)}`);
  }
  const total = Math.max(0, Math.ceil(ms / 1000));
  const seconds = String(total % 60).padStart(2, '0');
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}:${seconds}`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${seconds}`;
}
