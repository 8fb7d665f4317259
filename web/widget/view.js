// The checkout's panel, the frame every screen is drawn in: a header (the service, the amount, the reference,
// and a close button in a dialog), the screen below it, and the live region that says what changed. The
// screens themselves are in form-screen.js, waiting-screens.js and result-screens.js.
// el() is the one way the widget makes DOM: attributes and text children only, never parsed markup.

import { t, formatAmount } from './i18n.js';

let nextId = 0;

// A DOM element with attributes and text children only: there is no path from data to markup here.
export function el(doc, tag, attrs = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return node;
}

export class CheckoutView {
  screen = 'loading';  // loading, problem, form, waiting, stopped, result, refused
  unseen = false;      // a result shown while the dialog was closed: kept for the next opening
  dialog = null;       // the <dialog> around the panel (button and modal modes), set by the element
  screenTimer = null;  // a screen that changes by itself at a given time (result-screens.js, #untilRetry)
  #options;
  #mode;
  #reference;
  #close;
  #idBase = null;

  // options: see api.js. reference(): the Sale_Reference_ID the header shows. close(): the header's close button.
  constructor(doc, { options, mode, locale, reference, close }) {
    this.doc = doc;
    this.locale = locale;
    this.#options = options;
    this.#mode = mode;
    this.#reference = reference;
    this.#close = close;
    this.live = el(doc, 'p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
    this.panel = el(doc, 'section', { class: 'panel', 'aria-labelledby': this.id('title') });
  }

  // An id unique in the page, for the element's name.
  id(name) {
    this.#idBase ??= `ltgs${++nextId}`;
    return `${this.#idBase}-${name}`;
  }

  #header() {
    const doc = this.doc;
    const p = this.#options.payment;
    const titleBlock = el(doc, 'div', {},
      el(doc, 'h2', { id: this.id('title') }, p.Services_Name),
      el(doc, 'p', { class: 'amount' }, formatAmount(p.Total_Amount_to_Pay, this.locale)),
      el(doc, 'p', { class: 'ref' }, t(this.locale, 'header.reference', { ref: this.#reference() })));
    const header = el(doc, 'header', {}, titleBlock);
    if (this.dialog) {
      const close = el(doc, 'button', { type: 'button', class: 'close', 'aria-label': t(this.locale, 'action.close') },
        el(doc, 'span', { 'aria-hidden': 'true' }, '×'));
      close.addEventListener('click', () => this.#close());
      header.append(close);
    }
    return header;
  }

  // The screen: the header and these children.
  show(...children) {
    this.clearScreenTimer();
    this.panel.replaceChildren(this.#header(), ...children);
  }

  button(key, onClick, primary = false) {
    const button = el(this.doc, 'button', { type: 'button', class: primary ? 'primary' : null }, t(this.locale, key));
    button.addEventListener('click', onClick);
    return button;
  }

  announce(text) {
    // Re-setting the same text is not announced; clear first.
    this.live.textContent = '';
    this.live.textContent = text;
  }

  // Focus on the screen's heading makes a screen reader read it; where focus does not move (an inline panel
  // the customer is not in, a closed dialog), the live region says it instead. Not both: it would be read twice.
  focusOrAnnounce(text) {
    const heading = this.panel.querySelector('[data-focus]');
    if (heading && ((this.dialog && this.dialog.open) || this.panel.contains(this.doc.activeElement))) {
      this.live.textContent = '';  // no stale "Waiting for your approval" left for a screen reader to find
      heading.focus();
    } else {
      this.announce(text);
    }
  }

  // In order of preference: a field to correct, the first field, the screen's heading, its main action.
  // (One querySelector with a selector list would return the first in document order: the close button.)
  focusFirst() {
    const target = ['[aria-invalid="true"]', 'input', '[data-focus]', 'button.primary', 'button']
      .reduce((found, selector) => found || this.panel.querySelector(selector), null);
    if (target && (this.#mode !== 'inline' || this.panel.contains(this.doc.activeElement))) target.focus();
  }

  clearScreenTimer() {
    if (this.screenTimer !== null) this.doc.defaultView.clearTimeout(this.screenTimer);
    this.screenTimer = null;
  }

  renderLoading() {
    const doc = this.doc;
    this.screen = 'loading';
    this.show(el(doc, 'p', { class: 'muted' }, el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }), ' ',
      t(this.locale, 'form.loading')));
  }

  renderProblem(key) {
    const doc = this.doc;
    this.screen = 'problem';
    this.show(el(doc, 'p', { class: 'error', role: 'alert' }, t(this.locale, key)));
  }
}
