// The widget's words in French (words.js). In the full builds (i18n-all.js) and in ltgs-checkout.fr.js. In the script tag's bundles this
// module is replaced by its value, written as data by scripts/build-web.mjs.
import { wordsOf } from './words.js';

export default wordsOf('fr');
