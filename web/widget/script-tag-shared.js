// What the script tag's small script (script-tag.js, dist/ltgs-checkout.js) and the rest of the widget it
// fetches (script-tag-app.js, dist/ltgs-checkout.app.js) agree on.

// The script it fetches, beside itself.
export const FULL_SCRIPT = 'ltgs-checkout.app.js';
// The attribute the loader puts on that script's tag, which tells it to hand itself over rather than start alone.
export const FETCHED_BY_LOADER = 'data-ltgs-loader';
// Where the loader waits for it: the script calls window[LOADER_HOOK]({ install }) when it runs.
export const LOADER_HOOK = Symbol.for('ltgs-checkout.loader');

// The .wasm's URL: the tag's data-wasm-url (relative to the page), else beside the script.
export function wasmUrlFor(script, scriptUrl) {
  const given = script && script.getAttribute('data-wasm-url');
  return given ? new URL(given, document.baseURI).href : new URL('ltgs-checkout.wasm', scriptUrl).href;
}

// A <script async> for one of the files beside the script tag (not yet in the page: the caller appends it). It
// inherits the tag's nonce (a nonce-based CSP) and crossorigin attribute; when the tag carries integrity (SRI),
// so does it, with the hash built in for that file (then CORS, anonymous unless the tag says otherwise).
export function scriptBeside(src, tag, integrity) {
  const script = document.createElement('script');
  script.src = src;
  script.async = true;
  if (tag) {
    if (tag.nonce) script.nonce = tag.nonce;
    const cross = tag.getAttribute('crossorigin');
    if (cross !== null) script.setAttribute('crossorigin', cross);
    if (tag.hasAttribute('integrity') && integrity) {
      script.setAttribute('integrity', integrity);
      if (cross === null) script.setAttribute('crossorigin', 'anonymous');
    }
  }
  return script;
}
