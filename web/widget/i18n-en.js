// The widget's words in English (words.js). Always in the bundle: i18n.js imports it. In the script tag's bundles this
// module is replaced by its value, written as data by scripts/build-web.mjs.
import { wordsOf } from './words.js';

export default wordsOf('en');
