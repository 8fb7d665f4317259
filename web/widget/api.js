// The API of the full builds (the ES modules and the single file): the element, the core and every language are
// in the bundle. public-api.js has the API itself; the script-tag loader (script-tag.js) builds the same API over
// a widget that arrives later.

import { VERSION } from './public-api.js';
import { builtInApi } from './element-api.js';
import './i18n-all.js';

const api = builtInApi();

export const { LTGSCheckout, open, mount, renderScriptTag, checkOptions, installGlobal } = api;
export { VERSION };
