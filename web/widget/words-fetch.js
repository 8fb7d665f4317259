// The script tag's other languages: ltgs-checkout.rw.js and ltgs-checkout.fr.js (script-tag-words.js), fetched
// from beside the script tag for a checkout in that language; ltgs-checkout.app.js has English only. The first
// script (script-tag.js) starts fetching its tag's language at once, in parallel with ltgs-checkout.app.js; the
// app fetches a language chosen later (LTGSCheckout.open({ locale })) and waits for its words at most
// WORDS_TIMEOUT_MS. A file that does not come leaves the checkout in English, said on the console with its URL.
//
// The files and the scripts meet on the window, at window[WORDS_HOOK] = { packs, loading }: packs[locale] is
// what a language file registered, loading[locale] the Promise of its fetch (its words, or null), once per page.
import { scriptBeside } from './script-tag-shared.js';

/* global __LTGS_WORDS_INTEGRITY__ */
// The sha384 of each language file built with this script, for a tag with integrity (set by scripts/build-web.mjs).
const WORDS_INTEGRITY = typeof __LTGS_WORDS_INTEGRITY__ === 'object' ? __LTGS_WORDS_INTEGRITY__ : {};

export const WORDS_HOOK = Symbol.for('ltgs-checkout.words');
export const WORDS_TIMEOUT_MS = 10_000;
const NAMES = { rw: 'Kinyarwanda', fr: 'French' };

export const wordsFile = (locale) => `ltgs-checkout.${locale}.js`;

function registry() {
  if (!window[WORDS_HOOK]) Object.defineProperty(window, WORDS_HOOK, { value: { packs: {}, loading: {} } });
  return window[WORDS_HOOK];
}

// Called by a language file when it runs: its words ({ locale, words, wait }, i18n-rw.js or i18n-fr.js).
export function registerWords(pack) {
  registry().packs[pack.locale] = pack;
}

// Starts fetching the file of a locale (rw, fr) beside scriptUrl, with the tag's nonce, crossorigin and integrity,
// unless it is fetched or here already: a Promise of its words, or null when it could not be loaded.
export function requestWords(locale, scriptUrl, tag) {
  const { packs, loading } = registry();
  if (packs[locale]) return Promise.resolve(packs[locale]);
  if (!loading[locale]) {
    loading[locale] = new Promise((resolve) => {
      const script = scriptBeside(new URL(wordsFile(locale), scriptUrl).href, tag, WORDS_INTEGRITY[locale]);
      script.addEventListener('load', () => resolve(packs[locale] || null));
      script.addEventListener('error', () => resolve(null));
      document.head.append(script);
    });
  }
  return loading[locale];
}

// The words of a locale for the app: requested if need be, waited for at most WORDS_TIMEOUT_MS. null when they do
// not come, with a console warning that names the file.
export function wordsFor(locale, scriptUrl, tag) {
  const src = new URL(wordsFile(locale), scriptUrl).href;
  return new Promise((resolve) => {
    let done = false;
    const end = (pack, problem) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (!pack) {
        console.warn(`ltgs-checkout: the ${NAMES[locale] || locale} words ${problem} ${src}: the checkout is shown in ` +
          `English. Serve ${wordsFile(locale)} beside ltgs-checkout.js (or use ltgs-checkout.single.js, which has ` +
          'every language built in).');
      }
      resolve(pack);
    };
    const timer = setTimeout(() => end(null, `did not arrive within ${WORDS_TIMEOUT_MS / 1000} s from`), WORDS_TIMEOUT_MS);
    requestWords(locale, scriptUrl, tag).then((pack) => end(pack, 'could not be loaded from'));
  });
}
