// The script tag's language files (dist/ltgs-checkout.rw.js, dist/ltgs-checkout.fr.js): one language's words,
// handed to the checkout on the page (words-fetch.js). 'ltgs-words' is i18n-rw.js or i18n-fr.js, chosen by
// scripts/build-web.mjs for each file.
import words from 'ltgs-words';
import { registerWords } from './words-fetch.js';

registerWords(words);
