// The widget's styles, adopted into its shadow root as a constructable stylesheet: no <style> element and
// no style attribute, so a page's Content-Security-Policy with style-src 'self' has nothing to refuse.
// Browsers without constructable stylesheets get a <style> carrying the page's nonce.

// BASE_CSS is what the pay button needs, alone: the script tag's first script draws it with these. The widget
// adopts BASE_CSS + REST_CSS (widgetCss()); the button looks the same with either, since no rule of REST_CSS
// touches it. (Two plain strings, so that a bundle which uses only the first leaves the second out.)
export const BASE_CSS = `
:host {
  /* Theming: the partner may set these on the host (ltgs-checkout { --ltgs-accent: … }). */
  --ltgs-accent: #0b5fff;
  --ltgs-accent-contrast: #ffffff;
  --ltgs-bg: #ffffff;
  --ltgs-fg: #1b1f24;
  --ltgs-muted: #59636e;
  --ltgs-border: #c9d1d9;
  --ltgs-error: #b42318;
  --ltgs-success: #067647;
  --ltgs-warning: #93370d;
  --ltgs-surface: #f6f8fa;
  --ltgs-radius: 10px;
  --ltgs-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, sans-serif;
  all: initial;  /* nothing inherited from the page's own rules */
  display: inline-block;
  /* The host is in the page's DOM, so page rules reach it (ltgs-checkout { … }, * { … }, [theme] { … }).
     A shadow root's !important beats the page's !important on its host (CSS Cascade 4, "Context"), so what
     would hide, blur or shrink the widget is pinned here. What stays the partner's: display (display: none or
     the hidden attribute hides it), position, size and margins, ::part(pay-button) and the --ltgs-* properties.
     Inherited properties (color, font, visibility, letter-spacing, SVG stroke, …) are reset below, on .root. */
  opacity: 1 !important;
  visibility: visible !important;
  filter: none !important;
  backdrop-filter: none !important;
  transform: none !important;
  translate: none !important;
  rotate: none !important;
  scale: none !important;
  zoom: 1 !important;
  clip-path: none !important;
  clip: auto !important;
  mask: none !important;
  -webkit-mask: none !important;
  mix-blend-mode: normal !important;
  content-visibility: visible !important;
  contain: none !important;
  pointer-events: auto !important;
}
/* Everything in the shadow root sits in .root, which inherits nothing from the host: a page rule that puts
   color: transparent or font-size: 2px !important on <ltgs-checkout> stops at the host. rem is avoided (the
   page owns the root font size); sizes are em, from this 16px. */
.root {
  all: initial;
  display: contents;
  direction: ltr;
  font-family: var(--ltgs-font);
  font-size: 16px;
  line-height: 1.45;
  color: var(--ltgs-fg);
  color-scheme: light;
}
:host([theme="dark"]) {
  --ltgs-accent: #6ea8ff;
  --ltgs-accent-contrast: #0b1220;
  --ltgs-bg: #161b22;
  --ltgs-fg: #e6edf3;
  --ltgs-muted: #9da7b3;
  --ltgs-border: #3d444d;
  --ltgs-error: #ff8b7e;
  --ltgs-success: #5fd49a;
  --ltgs-warning: #f5b971;
  --ltgs-surface: #0d1117;
}
:host([mode="inline"]) { display: block; }
:host([hidden]) { display: none !important; }
:host([theme="dark"]) .root { color-scheme: dark; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button, input, a.button {
  font: inherit;
  color: inherit;
}
button, a.button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: 0.4em;
  min-height: 44px;
  padding: 0.55em 1.1em;
  border-radius: var(--ltgs-radius);
  border: 1px solid var(--ltgs-border);
  background: var(--ltgs-bg);
  color: var(--ltgs-fg);
  cursor: pointer;
  text-decoration: none;
  font-weight: 600;
}
button.primary, a.button.primary, .pay {
  background: var(--ltgs-accent);
  border-color: var(--ltgs-accent);
  color: var(--ltgs-accent-contrast);
}
button:disabled { opacity: 0.6; cursor: progress; }
:focus-visible {
  outline: 3px solid var(--ltgs-accent);
  outline-offset: 2px;
}
.error { color: var(--ltgs-error); font-size: 0.875em; margin: 0.25em 0 0; }
.error:empty { display: none; }
`;

export const REST_CSS = `
dialog {
  width: min(28em, calc(100vw - 1em));
  max-height: calc(100dvh - 1em);
  margin: auto;
  padding: 0;
  border: 1px solid var(--ltgs-border);
  border-radius: var(--ltgs-radius);
  background: var(--ltgs-bg);
  color: var(--ltgs-fg);
  overflow: auto;
}
dialog::backdrop { background: rgba(10, 14, 20, 0.55); }
.panel {
  display: block;
  background: var(--ltgs-bg);
  color: var(--ltgs-fg);
  padding: 1em;
  border-radius: var(--ltgs-radius);
}
:host([mode="inline"]) .panel { border: 1px solid var(--ltgs-border); }
header {
  display: flex;
  align-items: flex-start;
  justify-content: space-between;
  gap: 0.75em;
  padding-bottom: 0.75em;
  margin-bottom: 0.75em;
  border-bottom: 1px solid var(--ltgs-border);
}
h2 { font-size: 1.05em; margin: 0; overflow-wrap: anywhere; }
h3 { font-size: 1.1em; margin: 0.25em 0 0.5em; }
.amount { font-size: 1.35em; font-weight: 700; margin: 0.15em 0 0; }
.ref, .hint, .muted { color: var(--ltgs-muted); font-size: 0.875em; margin: 0.2em 0 0; overflow-wrap: anywhere; }
.close {
  min-height: 44px;
  min-width: 44px;
  padding: 0;
  border: 0;
  background: transparent;
  font-size: 1.5em;
  line-height: 1;
}
.field { margin: 0 0 0.9em; }
label, legend { display: block; font-weight: 600; margin-bottom: 0.25em; }
input[type="text"], input[type="tel"], input[type="email"] {
  display: block;
  width: 100%;
  min-height: 44px;
  padding: 0.5em 0.7em;
  border: 1px solid var(--ltgs-border);
  border-radius: calc(var(--ltgs-radius) * 0.7);
  background: var(--ltgs-bg);
}
input[aria-invalid="true"] { border-color: var(--ltgs-error); border-width: 2px; }
fieldset { border: 0; padding: 0; margin: 0 0 1em; min-width: 0; }
.option {
  display: flex;
  gap: 0.6em;
  align-items: flex-start;
  padding: 0.65em 0.75em;
  margin-bottom: 0.5em;
  border: 1px solid var(--ltgs-border);
  border-radius: calc(var(--ltgs-radius) * 0.8);
  cursor: pointer;
}
.option:has(input:checked) { border-color: var(--ltgs-accent); box-shadow: inset 0 0 0 1px var(--ltgs-accent); }
.option input { margin-top: 0.3em; width: 1.1em; height: 1.1em; accent-color: var(--ltgs-accent); }
.option .text { display: flex; flex-direction: column; gap: 0.1em; min-width: 0; }
.option .name { display: block; font-weight: 600; }
.option .hint { display: block; margin: 0; font-weight: 400; }
.badge {
  display: inline-block;
  margin-left: 0.15em;
  padding: 0 0.45em;
  border-radius: 999px;
  background: var(--ltgs-surface);
  color: var(--ltgs-success);
  font-size: 0.75em;
  font-weight: 600;
}
.actions { display: flex; flex-wrap: wrap; gap: 0.5em; margin-top: 1em; }
.actions > * { flex: 1 1 auto; }
/* The form's Pay button and what is said about it: at the bottom of the dialog while the form scrolls above,
   so that a phone shows "Pay" without scrolling. In the page (inline) it stays where it is. */
.pay-bar > .actions { margin-top: 0.5em; }
:host([mode="button"]) .pay-bar, :host([mode="modal"]) .pay-bar {
  position: sticky;
  bottom: 0;
  z-index: 1;
  margin: 0 -1em -1em;
  padding: 0.25em 1em 1em;
  background: var(--ltgs-bg);
  border-top: 1px solid var(--ltgs-border);
}
.notice {
  margin: 0.5em 0 0;
  padding: 0.5em 0.75em;
  border-left: 3px solid var(--ltgs-warning);
  border-radius: calc(var(--ltgs-radius) * 0.5);
  background: var(--ltgs-surface);
  color: var(--ltgs-warning);
  font-size: 0.9375em;
}
button.linklike {
  min-height: 44px;
  padding: 0.25em 0;
  border: 0;
  background: transparent;
  color: var(--ltgs-accent);
  text-decoration: underline;
  justify-content: flex-start;
  text-align: start;
}
.prompt-help {
  margin: 0.25em 0 0;
  padding: 0.5em 0.75em;
  border-radius: calc(var(--ltgs-radius) * 0.7);
  background: var(--ltgs-surface);
}
.prompt-help p { margin: 0.4em 0; }
.prompt-help .actions { margin-top: 0.5em; }
.result .reason { font-weight: 600; }
.qr { display: block; width: min(100%, 16em); margin: 0.5em auto; background: #fff; border-radius: 6px; }
.qr svg { display: block; width: 100%; height: auto; }
.qr-figure { margin: 0; }
.qr-figure figcaption { text-align: center; }
.qr-figure .enter-amount { margin: 0.3em 0 0; }
.merchant { text-align: center; font-weight: 600; margin: 0 0 0.5em; overflow-wrap: anywhere; }
.ussd-box {
  margin: 0.5em 0;
  overflow-x: auto;  /* a code too long for the screen scrolls; it never breaks */
  background: var(--ltgs-surface);
  border-radius: calc(var(--ltgs-radius) * 0.7);
}
.ussd {
  display: block;
  width: max-content;
  min-width: 100%;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: clamp(1em, 5.2vw, 1.35em);
  text-align: center;
  padding: 0.6em;
  white-space: nowrap;  /* dialled exactly as shown: one line, never split inside the number */
  user-select: all;
}
.progress-bar { position: relative; overflow: hidden; margin: 0.75em 0 0.25em; border-radius: 999px; }
progress { display: block; width: 100%; height: 0.5em; margin: 0; accent-color: var(--ltgs-accent); }
/* A light passing along the bar: the checking goes on even while ten minutes barely move it. */
.sweep {
  position: absolute;
  top: 0; bottom: 0; left: 0;
  width: 35%;
  background: linear-gradient(90deg, transparent, var(--ltgs-accent), transparent);
  opacity: 0.45;
  animation: ltgs-sweep 1.8s ease-in-out infinite;
  pointer-events: none;
}
@keyframes ltgs-sweep { from { transform: translateX(-100%); } to { transform: translateX(300%); } }
.result-icon { font-size: 2em; margin: 0; }
.result-paid .result-icon { color: var(--ltgs-success); }
.result-bad .result-icon { color: var(--ltgs-error); }
.result-warn .result-icon { color: var(--ltgs-warning); }
.spinner {
  width: 1.1em; height: 1.1em;
  border: 3px solid var(--ltgs-border);
  border-top-color: var(--ltgs-accent);
  border-radius: 50%;
  animation: ltgs-spin 0.9s linear infinite;
  display: inline-block;
  vertical-align: middle;
}
@keyframes ltgs-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) {
  .spinner { animation: none; border-top-color: var(--ltgs-border); }
  .sweep { animation: none; display: none; }
  * { transition: none !important; scroll-behavior: auto !important; }
}
.sr-only {
  position: absolute;
  width: 1px; height: 1px;
  padding: 0; margin: -1px;
  overflow: hidden;
  clip: rect(0, 0, 0, 0);
  white-space: nowrap;
  border: 0;
}
/* A phone: tighter, so that the form with its payment options fits the screen with the Pay bar. */
@media (max-width: 480px) {
  header { padding-bottom: 0.5em; margin-bottom: 0.6em; }
  .field { margin-bottom: 0.6em; }
  .option { padding: 0.5em 0.65em; margin-bottom: 0.4em; }
  fieldset { margin-bottom: 0.5em; }
}
@media (max-width: 360px) {
  .panel { padding: 0.75em; }
  .amount { font-size: 1.2em; }
  :host([mode="button"]) .pay-bar, :host([mode="modal"]) .pay-bar { margin: 0 -0.75em -0.75em; padding: 0.25em 0.75em 0.75em; }
}
`;

// The whole widget's styles.
export function widgetCss() {
  return BASE_CSS + REST_CSS;
}

const sheets = new Map();  // CSS text → one constructed sheet shared by every widget on the page

// css: widgetCss(), or BASE_CSS (the pay button alone).
export function adoptStyles(root, nonce, css) {
  const view = root.ownerDocument && root.ownerDocument.defaultView;
  const Sheet = view && view.CSSStyleSheet;
  if (Sheet && 'adoptedStyleSheets' in root) {
    try {
      let sheet = sheets.get(css);
      if (!sheet) {
        sheet = new Sheet();
        sheet.replaceSync(css);
        sheets.set(css, sheet);
      }
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      return;
    } catch {
      // Constructable stylesheets unsupported: fall back to a <style> element below.
    }
  }
  const style = root.ownerDocument.createElement('style');
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = css;
  root.appendChild(style);
}
