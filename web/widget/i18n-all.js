// i18n.js with every language built in: the full builds (api.js: the single file and the ES modules) and the
// tests. The script tag's build imports i18n.js alone and fetches the other languages when they are chosen.
import { addWords } from './i18n.js';
import kinyarwanda from './i18n-rw.js';
import french from './i18n-fr.js';

addWords(kinyarwanda);
addWords(french);

export * from './i18n.js';
