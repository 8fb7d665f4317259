// Server-side HTML: every piece of partner or customer text goes through escapeHtml, in element content
// and in (double-quoted) attribute values alike.
'use strict';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// A tagged template that escapes every interpolated value, except those already wrapped by raw().
class Raw {
  constructor(text) {
    this.text = text;
  }
}
const raw = (text) => new Raw(text);

function html(strings, ...values) {
  let out = strings[0];
  values.forEach((v, i) => {
    if (v instanceof Raw) out += v.text;
    else if (Array.isArray(v)) out += v.map((x) => (x instanceof Raw ? x.text : escapeHtml(x))).join('');
    else out += escapeHtml(v);
    out += strings[i + 1];
  });
  return raw(out);
}

// Whole francs as the widget writes them: "RWF 15,000" (English and Kinyarwanda: browsers carry no
// Kinyarwanda number format, so the widget falls back to English's), "15 000 RWF" in French.
function formatRwf(francs, locale = 'en') {
  if (locale === 'fr') {
    return new Intl.NumberFormat(['fr-RW', 'fr'], { style: 'currency', currency: 'RWF', currencyDisplay: 'code',
      maximumFractionDigits: 0 }).format(francs);
  }
  return `RWF ${new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(francs)}`;
}

const FOOTER = 'A demonstration shop for ltgs-checkout: payments go to a local LTGS sandbox, no money moves.';
const NAV = [
  ['/', 'Pay a bill'],
  ['/orders', 'Orders'],
  ['/sandbox', 'Sandbox: simulated scan'],
];

// The page frame: no inline script or style (the CSP forbids them), scripts from /shop/ and /dist/.
// preload: [{ href, as }] fetched early, in parallel (the widget's .wasm while its script arrives).
// words: the bill page's own words in its language ({ nav: { href: label }, footer }), else English.
function page({ title, current, scripts = [], body, lang = 'en', preload = [], words = null }) {
  const nav = NAV.map(([href, fallback]) => {
    const label = (words && words.nav[href]) || fallback;
    return href === current
      ? html`<a href="${href}" aria-current="page">${label}</a>`
      : html`<a href="${href}">${label}</a>`;
  });
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="/shop/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/shop/shop.css">
${preload.map((p) => `  <link rel="preload" href="${escapeHtml(p.href)}" as="${escapeHtml(p.as)}"${p.as === 'fetch' ? ' crossorigin' : ''}${p.low ? ' fetchpriority="low"' : ''}>\n`).join('')}${scripts.map((src) => `  <script src="${escapeHtml(src)}" defer></script>\n`).join('')}</head>
<body>
  <header class="site">
    <a class="brand" href="/"><img src="/shop/favicon.svg" alt="" width="28" height="28"> Kigali Water</a>
    <nav aria-label="Main">${nav.map((a) => a.text).join(' ')}</nav>
  </header>
  <main>
${body.text}
  </main>
  <footer class="site">
    ${escapeHtml(words ? words.footer : FOOTER)}
  </footer>
</body>
</html>
`;
}

module.exports = { escapeHtml, html, raw, formatRwf, page };
