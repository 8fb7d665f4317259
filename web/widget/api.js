// The API of the full builds (the ES modules and the single file): the element and the core are in the bundle.
// public-api.js has the API itself; the script-tag loader (loader.js) builds the same API over a widget that
// arrives later.

import { makeApi, VERSION } from './public-api.js';
import { defineCheckoutElement } from './define.js';
import { loadCore, loadedCore } from './core.js';
import { checkoutRules } from './checkout-element.js';

const api = makeApi({
  defineElement: (registry) => defineCheckoutElement(registry),
  whenDefined: () => Promise.resolve(),
  loadCore,
  methodNames: () => {
    const core = loadedCore();
    return core ? checkoutRules(core).methods : null;
  },
});

export const { LTGSCheckout, open, mount, renderScriptTag, checkOptions, installGlobal } = api;
export { VERSION };
