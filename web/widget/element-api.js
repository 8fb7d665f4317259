// The API (public-api.js) over the element and the core of the same bundle: the full builds' (api.js, every
// language built in) and the one ltgs-checkout.app.js makes when it is on a page by itself (script-tag-app.js,
// English built in, the other languages fetched when they are chosen).
import { makeApi } from './public-api.js';
import { defineCheckoutElement } from './define.js';
import { loadCore, loadedCore } from './core.js';
import { checkoutRules } from './rules.js';
import { whenWords, wordsSettled } from './i18n.js';

// The core's payment method names, or null while it is not loaded.
export function methodNames() {
  const core = loadedCore();
  return core ? checkoutRules(core).methods : null;
}

export function builtInApi() {
  return makeApi({
    defineElement: (registry, locale) => Boolean(defineCheckoutElement(registry)) && wordsSettled(locale),
    whenDefined: (registry, locale) => whenWords(locale),
    loadCore,
    methodNames,
  });
}
