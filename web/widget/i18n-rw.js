// The widget's words in Kinyarwanda (words.js). In the full builds (i18n-all.js) and in ltgs-checkout.rw.js. In the script tag's bundles this
// module is replaced by its value, written as data by scripts/build-web.mjs.
import { wordsOf } from './words.js';

export default wordsOf('rw');
