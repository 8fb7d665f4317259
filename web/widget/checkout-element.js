// <ltgs-checkout>: the checkout people see, in an open shadow root so that partner CSS cannot reach it.
// Three modes: "button" (a pay button that opens a modal dialog: the script tag), "modal" (the dialog at
// once: LTGSCheckout.open) and "inline" (the panel in the page: LTGSCheckout.mount).
// Every decision comes from the wasm core: field validation, payment options, what a status means, when to
// poll. Partner and customer text is only ever inserted as text nodes, never parsed as HTML.

import { loadCore, loadedCore } from './core.js';
import { PaymentFlow } from './payment-flow.js';
import { adoptStyles } from './styles.js';
import { t, errorMessage, formatAmount, formatDuration, formatTime, formatWait, resolveLocale } from './i18n.js';
import { isIos, isTouchDevice, isOffline } from './device.js';

const Base = globalThis.HTMLElement || class {};

const CONFIG_FLAG = { MTN_MOMO: 'mtnMomo', AIRTEL_MONEY: 'airtelMoney', QR: 'qr', USSD: 'ussd' };
const PUSH_METHODS = new Set(['MTN_MOMO', 'AIRTEL_MONEY']);
// What may still happen after the customer stopped waiting: a push prompt approved, or a code scanned or dialled.
const STOPPED_NOTE = { QR: 'stopped.noteQr', USSD: 'stopped.noteUssd' };
const STORAGE_PREFIX = 'ltgs-checkout:';
const STORAGE_VERSION = 2;

// The partner's backend's refusals of an initiation (ltgs/order.hpp's codes, its own order.unknown,
// order.amount_mismatch, its limits rate.phone and rate.order, the page's checkout token checkout.token_*, and
// request.host), each with the title of its screen; the body is the code's message. Any other code (phone.*,
// …) is a detail the customer may correct.
const REFUSAL_TITLES = {
  'order.paid': 'refused.paid.title',
  'order.payment_under_review': 'refused.review.title',
  'order.attempt_open': 'refused.open.title',
  'order.too_many_attempts': 'refused.tooMany.title',
  'order.attempt_ended': 'refused.ended.title',
  'order.attempt_out_of_sequence': 'refused.ended.title',
  'order.unknown': 'refused.merchant.title',
  'order.amount_mismatch': 'refused.merchant.title',
  'rate.phone': 'refused.rate.title',
  'rate.order': 'refused.rate.title',
  'checkout.token_missing': 'refused.reload.title',
  'checkout.token_invalid': 'refused.reload.title',
  'checkout.token_expired': 'refused.reload.title',
  'request.host': 'refused.merchant.title',
};
// Too many requests: the words for the wait until retryAtMs ("….wait") and for once it has passed ("….now").
const RATE_LIMITED = { 'rate.phone': 'refused.ratePhone', 'rate.order': 'refused.rateOrder' };
// Refusals that name the attempt reference to use instead (nextReference).
const USE_NEXT_REFERENCE = new Set(['order.attempt_ended', 'order.attempt_out_of_sequence']);
// Refusals after which waiting for an earlier request the customer left still makes sense.
const WAIT_EARLIER = new Set(['order.attempt_open', 'order.too_many_attempts']);
const MAX_TIMER_MS = 2 ** 31 - 1;

// Customer fields the partner may leave for the customer to fill in, in form order. The phone is always shown
// (prefilled when the partner gave it): the customer may pay from another wallet than the one on file.
const ALWAYS_SHOWN = new Set(['Phone_Number']);
const FIELDS = [
  { wire: 'Phone_Number', key: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'tel' },
  { wire: 'Customer_KYC_ID', key: 'kyc', type: 'text', inputmode: 'numeric', autocomplete: 'off' },
  { wire: 'Email_Address', key: 'email', type: 'email', inputmode: 'email', autocomplete: 'email' },
];

let nextId = 0;

// LTGS's reason for a FAILED payment, as the core read it: { reason (the word as sent), code } or null.
function failureOf(payment) {
  if (!payment || payment.state !== 'FAILED' || !payment.failureReason) return null;
  return { reason: payment.failureReason, code: payment.failureCode || 'failure.unknown' };
}

// A DOM element with attributes and text children only: there is no path from data to markup here.
function el(doc, tag, attrs = {}, ...children) {
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

function storage(win) {
  try {
    return win && win.sessionStorage ? win.sessionStorage : null;
  } catch {
    return null;  // storage disabled (privacy settings, sandboxed frame)
  }
}

const RULES = new WeakMap();

// The rules the widget shares with the partner's backend (the payment methods, the final statuses, which
// endings allow another attempt, how many attempts an order has), from the core: the widget keeps no copy.
export function checkoutRules(core = loadedCore()) {
  if (!core) throw new Error('ltgs-checkout: the wasm core is not loaded yet');
  let rules = RULES.get(core);
  if (!rules) {
    const r = core.checkoutRules();
    if (!r.ok) throw new Error(`internal: ${r.error.code}: ${r.error.message}`);
    rules = Object.freeze({
      methods: Object.freeze([...r.methods]),
      finalStatuses: Object.freeze([...r.finalStatuses]),
      retryAfter: Object.freeze([...r.retryAfter]),
      maxAttempts: r.maxAttempts,
      maxOrderReferenceLength: r.maxOrderReferenceLength,
    });
    RULES.set(core, rules);
  }
  return rules;
}

// Attempt `number`'s Sale_Reference_ID in the core's grammar (the order reference itself for 1,
// "<order>-R<n>" for 2 … 20), or null where the core refuses it (no attempt left, or an order reference that
// cannot carry attempts).
export function attemptReference(orderReference, number, core = loadedCore()) {
  if (!core) throw new Error('ltgs-checkout: the wasm core is not loaded yet');
  const r = core.attemptReference(orderReference, number);
  return r.ok ? r.reference : null;
}

export class LtgsCheckoutElement extends Base {
  #options = null;
  #mode = 'inline';
  #locale = 'en';
  #root = null;
  #dialog = null;
  #panel = null;
  #live = null;
  #core = null;
  #rules = null;
  #values = {};          // wire name → what the customer typed (or the partner gave)
  #touched = new Set();  // fields whose message may show (after blur or submit)
  #fields = [];          // the FIELDS shown in the form
  #options_ = null;      // the core's payment options for the current request
  #method = null;        // the way to pay chosen in the form
  #attempt = 1;          // the attempt number of the attempt on screen, or of the one the form starts
  #usedAttempt = 0;      // the highest attempt number of this order that may exist at LTGS
  #resubmits = 0;        // automatic re-submissions left for this submit (a used-up attempt reference)
  // The attempt on screen, { number, method, request, initiation, flow }: request is what was sent (no
  // customer details when resumed), initiation what its response carried (QR_Payload, USSD_Code).
  #current = null;
  #watches = new Set();  // attempts the customer stopped waiting for and left: still checked, quietly
  #paid = new Set();     // the references whose ltgs:success was emitted
  #refusal = null;       // the partner's backend's refusal on screen, { httpStatus, code, errors, retryAtMs, nextReference }
  #screen = 'loading';   // loading, problem, form, waiting, stopped, result, refused
  #screenTimer = null;
  #unseen = false;       // a result shown while the dialog was closed: kept for the next opening
  #ticker = null;
  #returnFocus = null;
  #lastOutcome = null;
  #ended = false;
  #neverAccepted = false;
  #methodPicked = false;    // the customer chose the way to pay: it stays while offered; else the core's default
  #pressing = false;        // a pointer is down in the form (see #holdLayout)
  #afterPress = new Set();  // fields left during that press, whose message is shown after it
  #sendWhenOnline = false;  // Pay was pressed offline: the payment goes out when the page is back online
  #pageListeners = null;    // the window's online/offline listeners while the element is in the document

  // options: see api.js. settings: { mode: 'button' | 'modal' | 'inline', emit(type, detail) }.
  setup(options, { mode, emit }) {
    this.#options = options;
    this.#mode = mode;
    this.#emit = emit;
    const doc = this.ownerDocument;
    this.#locale = resolveLocale(options.locale, doc.documentElement && doc.documentElement.lang);
    this.setAttribute('mode', mode);
    this.setAttribute('theme', options.theme === 'dark' ? 'dark' : 'light');
    this.#root = this.shadowRoot || this.attachShadow({ mode: 'open' });
    this.#root.replaceChildren();
    adoptStyles(this.#root, options.nonce);
    // One wrapper that inherits nothing from the host (styles.js, .root): page rules can reach the host only.
    const top = el(doc, 'div', { class: 'root' });
    this.#root.append(top);
    this.#live = el(doc, 'p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
    this.#panel = el(doc, 'section', { class: 'panel', 'aria-labelledby': this.#id('title') });

    if (mode === 'inline') {
      top.append(this.#panel, this.#live);
    } else {
      // The live region is inside the dialog: a modal dialog hides the rest of the page, this shadow root
      // included, from assistive technology, and an announcement from there would never be heard.
      this.#dialog = el(doc, 'dialog', { 'aria-labelledby': this.#id('title') }, this.#panel, this.#live);
      this.#dialog.addEventListener('cancel', (e) => {  // Escape
        e.preventDefault();
        this.close();
      });
      this.#dialog.addEventListener('close', () => this.#restoreFocus());
      this.#dialog.addEventListener('keydown', (e) => this.#keepFocusInside(e));
      if (mode === 'button') {
        const label = t(this.#locale, 'pay.button', { amount: formatAmount(options.payment.Total_Amount_to_Pay, this.#locale) });
        const button = el(doc, 'button', { type: 'button', class: 'pay', part: 'pay-button' }, label);
        button.addEventListener('click', () => this.openCheckout());
        top.append(button);
      }
      top.append(this.#dialog);
    }
    this.#renderLoading();
    this.#listenToPage();
    this.#start();
    return this;
  }

  connectedCallback() {
    if (this.#root) this.#listenToPage();
  }

  // The page's online and offline events: the form says at once that nothing can be sent, and a payment the
  // customer asked for while offline goes out when the connection is back. (A payment under way hears them
  // through its PaymentFlow.)
  #listenToPage() {
    const view = this.ownerDocument.defaultView;
    if (this.#pageListeners || !view || typeof view.addEventListener !== 'function') return;
    const online = () => this.#onPageOnline();
    const offline = () => this.#onPageOffline();
    view.addEventListener('online', online);
    view.addEventListener('offline', offline);
    this.#pageListeners = () => {
      view.removeEventListener('online', online);
      view.removeEventListener('offline', offline);
    };
  }

  #onPageOffline() {
    if (this.#screen === 'form') this.#formNotice(t(this.#locale, this.#sendWhenOnline ? 'connection.queued' : 'error.network'));
  }

  #onPageOnline() {
    if (this.#screen !== 'form') return;
    this.#formNotice('');
    if (!this.#sendWhenOnline) return;
    this.#sendWhenOnline = false;
    this.#submit();
  }

  #emit = () => {};

  #id(name) {
    this.#idBase ??= `ltgs${++nextId}`;
    return `${this.#idBase}-${name}`;
  }

  #idBase = null;

  get locale() {
    return this.#locale;
  }

  // The dialog (button and modal modes).
  openCheckout() {
    if (!this.#dialog || this.#dialog.open) return;
    this.#returnFocus = this.#deepActiveElement();
    if (typeof this.#dialog.showModal === 'function') this.#dialog.showModal();
    else this.#dialog.setAttribute('open', '');
    if (this.#unseen) this.#unseen = false;  // what happened while it was closed (paid, or not) stays shown
    else if (this.#refusal) this.#renderRefused();  // again: the time it names may have passed
    else if (this.#ended && this.#lastOutcome && this.#retryAllowedAfter(this.#lastOutcome.status)) this.#restart();
    else this.#resumeIfStopped();  // a paid one stays shown
    this.#focusFirst();
  }

  // Closes the checkout: polling stops (a pending payment is kept, and resumed when it is opened again). A
  // payment the customer stopped waiting for is still checked, quietly, until LTGS ends it or its deadline
  // passes: if it is paid, ltgs:success follows and the paid screen is shown at the next opening.
  close() {
    this.#sendWhenOnline = false;  // a payment asked for offline is not sent once the customer has left
    this.#stopFlow();
    if (this.#dialog && this.#dialog.open) {
      if (typeof this.#dialog.close === 'function') this.#dialog.close();
      else this.#dialog.removeAttribute('open');
      this.#restoreFocus();
    }
    this.#emit('close', this.#closeOutcome());
  }

  disconnectedCallback() {
    if (this.#pageListeners) this.#pageListeners();
    this.#pageListeners = null;
    this.#stopTicker();
    this.#clearScreenTimer();
    for (const record of [this.#current, ...this.#watches]) if (record && record.flow) record.flow.dispose();
  }

  // What has focus, looking into shadow roots: after a click on our own pay button the document's
  // activeElement is this host, which cannot take focus back; the button inside can.
  #deepActiveElement() {
    let active = this.ownerDocument.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  // A modal dialog makes the page inert, but Tab past its last control still leaves it (for the browser's
  // own toolbar, or the document): Tab and Shift+Tab wrap around inside instead.
  #keepFocusInside(e) {
    if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return;
    const stops = this.#tabStops();
    if (!stops.length) return;
    const active = this.#root.activeElement;
    const [first, last] = [stops[0], stops[stops.length - 1]];
    const leaving = e.shiftKey ? active === first || active === this.#dialog || !active : active === last;
    if (!leaving) return;
    e.preventDefault();
    (e.shiftKey ? last : first).focus();
  }

  // The dialog's controls that Tab stops at, in order: enabled, rendered, and for a radio group the
  // checked one.
  #tabStops() {
    return [...this.#dialog.querySelectorAll('button, input, select, textarea, a[href], [tabindex]')].filter((n) =>
      !n.disabled && n.tabIndex >= 0 && n.getClientRects().length > 0 &&
      !(n.type === 'radio' && !n.checked && this.#dialog.querySelector(`input[type="radio"][name="${n.name}"]:checked`)));
  }

  #restoreFocus() {
    const target = this.#returnFocus;
    this.#returnFocus = null;
    if (target && typeof target.focus === 'function' && target.isConnected) target.focus();
  }

  #announce(text) {
    // Re-setting the same text is not announced; clear first.
    this.#live.textContent = '';
    this.#live.textContent = text;
  }

  async #start() {
    const o = this.#options;
    try {
      this.#core = await loadCore();
    } catch (err) {
      this.#renderProblem('error.coreLoad');
      this.#emit('error', { error: { code: 'core.load_failed', message: String(err && err.message) } });
      return;
    }
    this.#rules = checkoutRules(this.#core);
    // The partner's reference and amount must be valid before anything is shown to the customer.
    const problems = [];
    for (const [wire, value] of [['Sale_Reference_ID', o.payment.Sale_Reference_ID],
      ['Total_Amount_to_Pay', o.payment.Total_Amount_to_Pay], ['Services_Name', o.payment.Services_Name]]) {
      const r = this.#core.validateField(wire, value, this.#settings());
      if (!r.ok) problems.push(r.error);
    }
    // The reference is the order's: its attempts add "-R<n>", which it must leave room for.
    const order = problems.length ? null : this.#core.attemptReference(o.payment.Sale_Reference_ID, 1);
    if (order && !order.ok) problems.push(order.error);
    for (const m of Array.isArray(o.methods) ? o.methods : []) {
      const r = this.#core.parsePaymentMethod(m);
      if (!r.ok) problems.push(r.error);
    }
    if (problems.length) {  // the partner's details: nothing the customer can do but tell the merchant
      this.#renderProblem('error.merchant');
      this.#emit('error', { error: problems[0], errors: problems });
      return;
    }
    this.#reportUnavailableMethods();
    for (const f of FIELDS) {
      if (o.payment[f.wire] !== undefined && o.payment[f.wire] !== null) this.#values[f.wire] = String(o.payment[f.wire]);
    }
    // Customer fields: the phone, and those the partner did not give or gave in a form the core refuses.
    this.#fields = FIELDS.filter((f) => ALWAYS_SHOWN.has(f.wire) || !(f.wire in this.#values) ||
      !this.#core.validateField(f.wire, this.#values[f.wire], this.#settings()).ok);
    // A value the partner gave that the core refuses shows its message at once (a valid prefilled phone does not).
    for (const f of this.#fields) {
      if (f.wire in this.#values && !this.#core.validateField(f.wire, this.#values[f.wire], this.#settings()).ok) {
        this.#touched.add(f.wire);
      }
    }

    const saved = this.#readSaved();
    this.#usedAttempt = saved ? saved.attempt : 0;
    this.#attempt = this.#usedAttempt + 1;
    if (saved && saved.resume) {
      this.#resume(saved.resume);
      // A payment being waited for is shown at once; one the customer stopped waiting for is watched quietly.
      if (this.#mode === 'button' && !saved.resume.payment.stoppedWaiting) this.openCheckout();
    } else {
      this.#renderForm();
    }
  }

  // Methods the partner listed that this configuration can never offer (USSD without a merchant code): dropped
  // from the choice, and said, in the console and as an ltgs:status with the core's code, not silently.
  #reportUnavailableMethods() {
    const o = this.#options;
    if (!Array.isArray(o.methods) || typeof this.#core.unavailableMethods !== 'function') return;
    const r = this.#core.unavailableMethods(this.#merchantConfig(), o.methods);
    if (!r.ok) return;  // a configuration the core cannot read is reported by paymentOptions
    for (const w of r.warnings) {
      const view = this.ownerDocument.defaultView;
      const log = view && view.console && typeof view.console.warn === 'function' ? view.console : console;
      log.warn(`LTGSCheckout: ${w.method} is in methods but cannot be offered: ${w.message} ` +
        '(script tag: data-mtn-merchant-code; LTGSCheckout.open/mount: merchant.mtnMerchantCode).');
      this.#emit('status', {
        state: 'DRAFT', reason: w.code, reference: this.#reference(), method: w.method, stoppedWaiting: false,
        error: { code: w.code, message: w.message },
      });
    }
  }

  #settings() {
    const o = this.#options;
    return {
      currentYear: new Date().getFullYear(),
      callbackUrlRequired: false,
      emailRequired: Boolean(o.emailRequired),
      ...(o.minAmountRwf !== undefined ? { minAmountRwf: o.minAmountRwf } : {}),
      ...(o.maxAmountRwf !== undefined ? { maxAmountRwf: o.maxAmountRwf } : {}),
    };
  }

  #merchantConfig() {
    const o = this.#options;
    const config = { ...(o.merchant || {}) };
    if (Array.isArray(o.methods)) {
      for (const m of this.#rules.methods) if (CONFIG_FLAG[m]) config[CONFIG_FLAG[m]] = o.methods.includes(m);
    }
    return config;
  }

  #orderReference() {
    return this.#options.payment.Sale_Reference_ID;
  }

  // The Sale_Reference_ID the form would send (attempt #attempt), or null when the core has none to give.
  #formReference() {
    return this.#core ? attemptReference(this.#orderReference(), this.#attempt, this.#core) : this.#orderReference();
  }

  // The Sale_Reference_ID on screen: the attempt's, else the form's (the order's when no attempt is left).
  #reference() {
    if (this.#current && this.#current.flow) return this.#current.flow.payment.saleReferenceId;
    return this.#formReference() || this.#orderReference();
  }

  #retryAllowedAfter(state) {
    return Boolean(this.#rules) && this.#rules.retryAfter.includes(state);
  }

  // A state the payment ends in: LTGS's final statuses, and AMOUNT_MISMATCH (paid, with another amount).
  #isFinal(state) {
    return this.#rules.finalStatuses.includes(state) || state === 'AMOUNT_MISMATCH';
  }

  #markUsed(number) {
    if (Number.isSafeInteger(number) && number > this.#usedAttempt) this.#usedAttempt = number;
  }

  #requestJson() {
    const p = this.#options.payment;
    return JSON.stringify({
      Sale_Reference_ID: this.#formReference() || this.#orderReference(),
      Customer_KYC_ID: this.#values.Customer_KYC_ID,
      Phone_Number: this.#values.Phone_Number,
      Email_Address: this.#values.Email_Address,
      Services_Name: p.Services_Name,
      Total_Amount_to_Pay: p.Total_Amount_to_Pay,
    });
  }

  // ---- rendering -------------------------------------------------------------------------------------

  #header() {
    const doc = this.ownerDocument;
    const p = this.#options.payment;
    const titleBlock = el(doc, 'div', {},
      el(doc, 'h2', { id: this.#id('title') }, p.Services_Name),
      el(doc, 'p', { class: 'amount' }, formatAmount(p.Total_Amount_to_Pay, this.#locale)),
      el(doc, 'p', { class: 'ref' }, t(this.#locale, 'header.reference', { ref: this.#reference() })));
    const header = el(doc, 'header', {}, titleBlock);
    if (this.#dialog) {
      const close = el(doc, 'button', { type: 'button', class: 'close', 'aria-label': t(this.#locale, 'action.close') },
        el(doc, 'span', { 'aria-hidden': 'true' }, '×'));
      close.addEventListener('click', () => this.close());
      header.append(close);
    }
    return header;
  }

  #show(...children) {
    this.#clearScreenTimer();
    this.#panel.replaceChildren(this.#header(), ...children);
  }

  #button(key, onClick, primary = false) {
    const button = el(this.ownerDocument, 'button', { type: 'button', class: primary ? 'primary' : null }, t(this.#locale, key));
    button.addEventListener('click', onClick);
    return button;
  }

  // Focus on the screen's heading makes a screen reader read it; where focus does not move (an inline panel
  // the customer is not in, a closed dialog), the live region says it instead. Not both: it would be read twice.
  #focusOrAnnounce(text) {
    const heading = this.#panel.querySelector('[data-focus]');
    if (heading && ((this.#dialog && this.#dialog.open) || this.#panel.contains(this.ownerDocument.activeElement))) {
      this.#live.textContent = '';  // no stale "Waiting for your approval" left for a screen reader to find
      heading.focus();
    } else {
      this.#announce(text);
    }
  }

  // In order of preference: a field to correct, the first field, the screen's heading, its main action.
  // (One querySelector with a selector list would return the first in document order: the close button.)
  #focusFirst() {
    const target = ['[aria-invalid="true"]', 'input', '[data-focus]', 'button.primary', 'button']
      .reduce((found, selector) => found || this.#panel.querySelector(selector), null);
    if (target && (this.#mode !== 'inline' || this.#panel.contains(this.ownerDocument.activeElement))) target.focus();
  }

  #renderLoading() {
    const doc = this.ownerDocument;
    this.#screen = 'loading';
    this.#show(el(doc, 'p', { class: 'muted' }, el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }), ' ',
      t(this.#locale, 'form.loading')));
  }

  #renderProblem(key) {
    const doc = this.ownerDocument;
    this.#screen = 'problem';
    this.#show(el(doc, 'p', { class: 'error', role: 'alert' }, t(this.#locale, key)));
  }

  #renderForm() {
    const doc = this.ownerDocument;
    const L = this.#locale;
    this.#screen = 'form';
    this.#refusal = null;
    const form = el(doc, 'form', { novalidate: true });
    for (const f of this.#fields) {
      const id = this.#id(f.key);
      const optional = f.wire === 'Email_Address' && !this.#options.emailRequired;
      const input = el(doc, 'input', {
        id, name: f.wire, type: f.type, inputmode: f.inputmode, autocomplete: f.autocomplete,
        'aria-describedby': `${id}-hint ${id}-error`, 'aria-required': optional ? null : 'true',
        spellcheck: 'false',
      });
      input.value = this.#values[f.wire] || '';
      input.addEventListener('input', () => {
        this.#values[f.wire] = input.value;
        this.#validateField(f);
        this.#refreshOptions();
        this.#clearFixedErrors();
      });
      input.addEventListener('blur', () => {
        if (input.value.trim() !== '' || this.#touched.has(f.wire)) this.#touched.add(f.wire);
        // Leaving the field by pressing a button (Pay): its message waits until the press is over, so that
        // the text it adds does not move the button out from under the pointer before the click lands.
        if (this.#pressing) this.#afterPress.add(f);
        else this.#validateField(f);
      });
      form.append(el(doc, 'div', { class: 'field' },
        el(doc, 'label', { for: id }, t(L, optional ? 'field.email.optional' : `field.${f.key}.label`)),
        input,
        el(doc, 'p', { class: 'hint', id: `${id}-hint` }, t(L, `field.${f.key}.hint`)),
        el(doc, 'p', { class: 'error', id: `${id}-error` })));
    }
    const methods = el(doc, 'fieldset', { class: 'methods', hidden: true },
      el(doc, 'legend', {}, t(L, 'method.legend')));
    const formError = el(doc, 'p', { class: 'error', role: 'alert', id: this.#id('form-error') });
    // No connection: said here, next to the button, before anything is sent.
    const notice = el(doc, 'p', { class: 'notice connection', role: 'status', id: this.#id('form-notice'), hidden: true });
    const amount = formatAmount(this.#options.payment.Total_Amount_to_Pay, L);
    const pay = el(doc, 'button', { type: 'submit', class: 'primary' }, t(L, 'action.pay', { amount }));
    // The button and what is said about it stay at the bottom of the dialog while the form scrolls above them,
    // so that "Pay" is on a phone's screen without scrolling.
    form.append(methods, el(doc, 'div', { class: 'pay-bar' }, formError, notice, el(doc, 'div', { class: 'actions' }, pay)));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#submit();
    });
    form.addEventListener('pointerdown', () => this.#holdLayout(), true);
    this.#show(form);
    for (const f of this.#fields) this.#validateField(f);
    this.#refreshOptions();
    if (isOffline(doc.defaultView)) this.#formNotice(t(L, this.#sendWhenOnline ? 'connection.queued' : 'error.network'));
  }

  // A press (pointer down) inside the form: messages of fields left by it are shown once it is over and its
  // click has been handled (a task after pointerup or pointercancel).
  #holdLayout() {
    const view = this.ownerDocument.defaultView;
    if (this.#pressing || !view) return;
    this.#pressing = true;
    const release = () => {
      view.removeEventListener('pointerup', release, true);
      view.removeEventListener('pointercancel', release, true);
      view.setTimeout(() => {
        this.#pressing = false;
        const fields = [...this.#afterPress];
        this.#afterPress.clear();
        if (this.#screen === 'form') for (const f of fields) this.#validateField(f);
      }, 0);
    };
    view.addEventListener('pointerup', release, true);
    view.addEventListener('pointercancel', release, true);
  }

  // The form's connection notice ('' hides it).
  #formNotice(text) {
    const notice = this.#panel.querySelector(`#${this.#id('form-notice')}`);
    if (!notice) return;
    notice.hidden = !text;
    notice.textContent = text;
  }

  // "Please correct the highlighted fields." stays only while there is something to correct.
  #clearFixedErrors() {
    const formError = this.#panel.querySelector(`#${this.#id('form-error')}`);
    if (!formError || !formError.textContent) return;
    const valid = this.#fields.every((f) => this.#core.validateField(f.wire, this.#values[f.wire], this.#settings()).ok);
    if (valid && this.#core.validateRequestJson(this.#requestJson(), this.#settings()).ok) formError.textContent = '';
  }

  // Validates one field with the core; the message shows once the field was left or the form submitted.
  #validateField(f) {
    const input = this.#panel.querySelector(`input[name="${f.wire}"]`);
    if (!input) return true;
    const r = this.#core.validateField(f.wire, input.value, this.#settings());
    const error = this.#panel.querySelector(`#${this.#id(f.key)}-error`);
    const show = !r.ok && this.#touched.has(f.wire);
    input.setAttribute('aria-invalid', show ? 'true' : 'false');
    error.textContent = show ? errorMessage(this.#locale, r.error) : '';
    return r.ok;
  }

  // The core's options for the request as typed so far; shown once the whole request is valid.
  #refreshOptions() {
    const fieldset = this.#panel.querySelector('fieldset.methods');
    if (!fieldset) return;
    const r = this.#core.paymentOptions(this.#requestJson(), this.#merchantConfig(), this.#settings());
    if (!r.ok) {
      this.#options_ = null;
      const noneLeft = r.errors.some((e) => e.code === 'options.none_available');
      fieldset.hidden = !noneLeft;
      fieldset.replaceChildren(fieldset.firstElementChild);
      if (noneLeft) fieldset.append(el(this.ownerDocument, 'p', { class: 'error' }, errorMessage(this.#locale, r.errors[0])));
      return;
    }
    const same = this.#options_ && JSON.stringify(this.#options_) === JSON.stringify(r);
    this.#options_ = r;
    if (same && !fieldset.hidden) return;
    // The core's recommendation follows the number (a corrected 077… → 078… recommends MTN MoMo again), unless
    // the customer chose a way to pay that is still offered.
    if (!this.#methodPicked || !r.options.some((o) => o.method === this.#method)) {
      this.#method = r.default;
      this.#methodPicked = false;
    }
    const doc = this.ownerDocument;
    const L = this.#locale;
    const phone = this.#normalisedPhone();
    // On a phone the QR code would appear on the screen that has to scan it: a second device is needed.
    const touch = isTouchDevice(doc.defaultView);
    fieldset.replaceChildren(fieldset.firstElementChild);
    for (const option of r.options) {
      const id = this.#id(`method-${option.method}`);
      const radio = el(doc, 'input', {
        type: 'radio', name: 'method', id, value: option.method, 'aria-describedby': `${id}-hint`,
      });
      radio.checked = option.method === this.#method;
      radio.addEventListener('change', () => {
        this.#method = option.method;
        this.#methodPicked = true;
      });
      const name = el(doc, 'span', { class: 'name' }, t(L, `method.${option.method}`));
      if (option.recommended) name.append(' ', el(doc, 'span', { class: 'badge' }, t(L, 'method.recommended')));
      const hintKey = option.method === 'QR' && touch ? 'method.QR.hintPhone' : `method.${option.method}.hint`;
      // Name and hint on lines of their own (.text stacks them), with a space between for assistive technology.
      fieldset.append(el(doc, 'label', { class: 'option', for: id }, radio,
        el(doc, 'span', { class: 'text' }, name, ' ', el(doc, 'span', { class: 'hint', id: `${id}-hint` },
          t(L, hintKey, { phone: option.phone || phone })))));
    }
    fieldset.hidden = false;
  }

  #normalisedPhone() {
    const r = this.#core.validateField('Phone_Number', this.#values.Phone_Number, this.#settings());
    return r.ok ? r.value : '';
  }

  #submit() {
    for (const f of this.#fields) this.#touched.add(f.wire);
    const valid = this.#fields.map((f) => this.#validateField(f)).every(Boolean);
    const formError = this.#panel.querySelector(`#${this.#id('form-error')}`);
    const v = this.#core.validateRequestJson(this.#requestJson(), this.#settings());
    if (!valid || !v.ok) {
      formError.textContent = t(this.#locale, 'form.fixErrors');
      const first = this.#panel.querySelector('input[aria-invalid="true"]');
      if (first) first.focus();
      return;
    }
    this.#refreshOptions();
    if (!this.#options_ || !this.#method) {
      formError.textContent = t(this.#locale, 'form.fixErrors');
      return;
    }
    formError.textContent = '';
    if (isOffline(this.ownerDocument.defaultView)) {
      // Nothing is sent, and nothing starts counting down: the payment goes out once the page is online again
      // (or when Pay is pressed again then).
      this.#sendWhenOnline = true;
      this.#formNotice(t(this.#locale, 'connection.queued'));
      this.#announce(t(this.#locale, 'connection.queued'));
      return;
    }
    this.#sendWhenOnline = false;
    this.#formNotice('');
    if (!this.#formReference()) {  // the core gives this order no further attempt
      this.#showRefusal(null, { httpStatus: 0, code: 'order.too_many_attempts', errors: [], retryAtMs: null, nextReference: null });
      return;
    }
    const { Callback_URL: _partnerAddsIt, ...request } = v.request;
    this.#resubmits = 1;
    this.#startAttempt({
      number: this.#attempt, method: this.#method, request: { ...request, Payment_Method: this.#method }, initiation: null,
    });
  }

  // ---- the payment -----------------------------------------------------------------------------------

  // Starts one attempt (or, with a saved payment, resumes it) and shows it.
  #startAttempt(record, payment) {
    const o = this.#options;
    const flow = new PaymentFlow({
      core: this.#core,
      request: record.request,
      initiateUrl: o.initiateUrl,
      statusUrl: o.statusUrl,
      // The page's checkout token goes with every request to the partner's backend (X-Checkout-Token).
      headers: o.checkoutToken ? { ...o.headers, 'X-Checkout-Token': o.checkoutToken } : o.headers,
      lifetimeMs: o.lifetimeMs,
      pollSettings: o.pollSettings,
      payment,
      document: this.ownerDocument,
      window: this.ownerDocument.defaultView,
    });
    record.flow = flow;
    flow.addEventListener('initiated', (e) => this.#onInitiated(record, e.detail));
    flow.addEventListener('change', (e) => this.#onChange(record, e.detail));
    flow.addEventListener('end', (e) => this.#onEnd(record, e.detail));
    flow.addEventListener('connection', (e) => this.#onConnection(record, e.detail));
    this.#current = record;
    this.#attempt = record.number;
    this.#ended = false;
    this.#lastOutcome = null;
    this.#refusal = null;
    this.#showAttempt();
    flow.start();
  }

  // The screen of the attempt on screen: waiting for the customer's approval, or stopped waiting.
  #showAttempt() {
    if (this.#current.flow.payment.stoppedWaiting) {
      this.#stopTicker();
      this.#renderStopped();
    } else {
      this.#renderWaiting();
      this.#startTicker();
    }
  }

  #onInitiated(record, detail) {
    const r = detail.response || {};
    record.initiation = {
      qrPayload: typeof r.QR_Payload === 'string' ? r.QR_Payload : undefined,
      ussdCode: typeof r.USSD_Code === 'string' ? r.USSD_Code : undefined,
    };
    this.#save();
    if (record === this.#current && !record.flow.payment.stoppedWaiting) this.#showAttempt();
  }

  #onChange(record, detail) {
    if (detail.refused) return;
    const payment = detail.payment;
    const state = payment.state;
    const onScreen = record === this.#current;
    // A final state is announced by its result screen (#renderResult), once; a stop by its own screen.
    if (onScreen && state !== detail.previousState && !this.#isFinal(state) && !payment.stoppedWaiting) {
      this.#announce(t(this.#locale, `status.${state}`));
    }
    if (state === 'PENDING') this.#markUsed(record.number);
    this.#save();
    // A refused initiation is reported with the partner's backend's reason when the flow ends (#onEnd).
    if (detail.reason !== 'initiate.rejected') this.#emitStatus(record, detail.reason);
    this.#promptCheckAnswered(record, detail.reason);
    if (!onScreen) return;
    if (detail.reason === 'lifecycle.stopped_waiting' || detail.reason === 'lifecycle.waiting_again') this.#showAttempt();
    else if (state === 'PENDING' && detail.previousState !== 'PENDING' && !payment.stoppedWaiting) this.#showAttempt();
  }

  // ltgs:status: the state and the core's reason, with what the partner needs to act on it: the refusal's
  // error (code, httpStatus), the HTTP status of a failed status request (fetch.http_status), LTGS's
  // Failure_Reason and its code for a FAILED payment.
  #emitStatus(record, reason, error) {
    const payment = record.flow.payment;
    const detail = {
      state: payment.state, reason, reference: payment.saleReferenceId, method: record.method,
      stoppedWaiting: Boolean(payment.stoppedWaiting),
    };
    if (reason === 'fetch.http_status' && payment.lastHttpStatus) detail.httpStatus = payment.lastHttpStatus;
    const failure = failureOf(payment);
    if (failure) {
      detail.failureReason = failure.reason;
      if (!error) error = { code: failure.code, message: errorMessage('en', failure.code) };
    }
    if (error) detail.error = error;
    this.#emit('status', detail);
  }

  #onEnd(record, outcome) {
    if (record === this.#current) this.#stopTicker();
    if (outcome.closed) {  // close() or dispose(): nothing more to show
      this.#watches.delete(record);
      return;
    }
    const state = outcome.state;
    if (record !== this.#current) {
      this.#watches.delete(record);
      // Money moved for an attempt the customer had left, or the screen says to wait for it: it comes back.
      const moneyMoved = state === 'PAID' || state === 'AMOUNT_MISMATCH';
      if (!moneyMoved && (outcome.rejection || !this.#waitingOnWatch())) {
        this.#watchEnded(record, outcome);
        return;
      }
      this.#takeOver(record);
    }
    if (outcome.rejection) {
      this.#onRejected(record, outcome.rejection);
      return;
    }
    if (outcome.error) {  // the status endpoint refused us: the payment may still complete
      const httpStatus = outcome.payment && outcome.payment.lastHttpStatus;
      this.#lastOutcome = this.#outcome('PENDING', record, httpStatus ? { ...outcome.error, httpStatus } : outcome.error);
      this.#renderResult('error');
      this.#emit('failure', this.#lastOutcome);
      return;
    }
    this.#ended = true;
    this.#markUsed(record.number);
    this.#neverAccepted = Boolean(outcome.payment && outcome.payment.acceptedAtMs === null);
    this.#lastOutcome = this.#outcome(state, record);
    this.#save();  // the attempt number stays, for the next attempt after a reload
    this.#renderResult(state);
    if (state === 'PAID') this.#emitSuccess(this.#lastOutcome);
    else if (!this.#paid.size) this.#emit('failure', this.#lastOutcome);
  }

  #emitSuccess(outcome) {
    if (this.#paid.has(outcome.reference)) return;
    this.#paid.add(outcome.reference);
    this.#emit('success', outcome);
  }

  // The screen tells the customer to wait for (or that they may wait for) an attempt they left.
  #waitingOnWatch() {
    return this.#screen === 'refused' && Boolean(this.#refusal) && WAIT_EARLIER.has(this.#refusal.code);
  }

  // An attempt the customer had left comes back on screen. The attempt that was there, if it is still
  // running, is watched quietly in its place (it may be approved too: its answer is still wanted).
  #takeOver(record) {
    const previous = this.#current;
    this.#current = record;
    this.#attempt = record.number;
    this.#refusal = null;
    if (previous && previous !== record && previous.flow && previous.flow.active) {
      if (!previous.flow.payment.stoppedWaiting) previous.flow.stopWaiting();
      if (previous.flow.active) this.#watches.add(previous);
    }
  }

  // An attempt the customer had left ended unpaid: now that LTGS says so, it is "not paid", and said to the
  // partner (unless the bill was paid by another attempt). The screen stays with what the customer does now.
  #watchEnded(record, outcome) {
    this.#markUsed(record.number);
    this.#save();
    if (this.#paid.size) return;
    if (outcome.rejection) this.#emit('failure', this.#outcome('FAILED', record, this.#refusalError(outcome.rejection)));
    else this.#emit('failure', this.#outcome(outcome.error ? 'PENDING' : outcome.state, record, outcome.error));
  }

  // The partner's backend would not start this attempt. When it names the attempt reference to use instead
  // and that is one of this order's, the attempt is sent again with it, once per submit; any other refusal
  // is said in words.
  #onRejected(record, refusal) {
    if (USE_NEXT_REFERENCE.has(refusal.code) && refusal.nextReference && this.#resubmits > 0) {
      const next = this.#core.parseAttemptReference(refusal.nextReference);
      if (next.ok && next.orderReference === this.#orderReference() && next.number !== record.number) {
        this.#resubmits -= 1;
        this.#markUsed(next.number - 1);
        this.#startAttempt({
          number: next.number, method: record.method, initiation: null,
          request: { ...record.request, Sale_Reference_ID: next.reference },
        });
        return;
      }
    }
    this.#showRefusal(record, refusal);
  }

  // The error of a refusal, for the partner: the backend's code (initiate.rejected when it gave none).
  #refusalError(refusal) {
    const first = refusal.errors.find((e) => e.code === refusal.code);
    const error = { code: refusal.code || 'initiate.rejected', message: first ? first.message : '' };
    if (refusal.httpStatus) error.httpStatus = refusal.httpStatus;
    return error;
  }

  // record: the refused attempt (null when the core itself has no attempt left to give).
  #showRefusal(record, refusal) {
    const code = refusal.code;
    const error = this.#refusalError(refusal);
    this.#lastOutcome = this.#outcome('FAILED', record, error);
    if (refusal.retryAtMs !== null) this.#lastOutcome.error.retryAtMs = refusal.retryAtMs;
    if (record) this.#emitStatus(record, error.code, this.#lastOutcome.error);
    if (!code) {  // refused without a reason: a failed attempt, and the next one may be tried
      this.#ended = true;
      if (record) this.#markUsed(record.number);
      this.#save();
      this.#neverAccepted = true;
      this.#renderResult('FAILED');
    } else {
      this.#refusal = refusal;
      this.#renderRefused();
    }
    this.#emit('failure', this.#lastOutcome);
  }

  #outcome(status, record = this.#current, error) {
    const payment = record && record.flow ? record.flow.payment : null;
    const out = {
      status,
      reference: payment ? payment.saleReferenceId : this.#reference(),
      paymentRefId: (payment && payment.paymentRefId) || null,
      amount: this.#options.payment.Total_Amount_to_Pay,
      method: record ? record.method : this.#method,
    };
    if (status === 'AMOUNT_MISMATCH' && payment) out.amountPaid = payment.amountPaidRwf;
    // LTGS said why it failed: its word as sent, and the core's code for it as the error.
    const failure = status === 'FAILED' && !error ? failureOf(payment) : null;
    if (failure) {
      out.failureReason = failure.reason;
      error = { code: failure.code };
    }
    if (error) {
      out.error = { code: error.code, message: errorMessage('en', error) };
      if (error.httpStatus) out.error.httpStatus = error.httpStatus;
    }
    return out;
  }

  #closeOutcome() {
    const current = this.#current;
    if (current && current.flow && current.flow.active && current.flow.payment.stoppedWaiting) {
      return { ...this.#outcome('CLOSED', current), stoppedWaiting: true };
    }
    return this.#lastOutcome && this.#lastOutcome.status !== 'PENDING' ? this.#lastOutcome : this.#outcome('CLOSED');
  }

  // Polling stops with the checkout, except for a payment the customer stopped waiting for (the flow's
  // close() keeps watching it).
  #stopFlow() {
    this.#stopTicker();
    if (this.#current && this.#current.flow) this.#current.flow.close();
  }

  // Opened again, or "Check again": the attempt on screen goes on from its saved payment if its flow stopped.
  #resumeIfStopped() {
    if (!this.#core || this.#ended || this.#refusal) return;
    if (this.#current && this.#current.flow && this.#current.flow.active) return;
    const saved = this.#readSaved();
    if (saved && saved.resume) {
      this.#resume(saved.resume);
    } else if (this.#screen === 'waiting' || this.#screen === 'stopped') {
      this.#current = null;  // its initiation's answer never came: the form, with the same reference
      this.#renderForm();
    }
  }

  #resume(resume) {
    const watched = [...this.#watches].find((r) => r.flow.payment.saleReferenceId === resume.payment.saleReferenceId);
    if (watched) {  // still checked in the background: the same flow comes back on screen
      this.#watches.delete(watched);
      this.#current = watched;
      this.#attempt = watched.number;
      this.#showAttempt();
      return;
    }
    const record = {
      number: resume.number,
      method: resume.method,
      initiation: { qrPayload: resume.qrPayload, ussdCode: resume.ussdCode },
      request: {
        Sale_Reference_ID: resume.payment.saleReferenceId,
        Total_Amount_to_Pay: resume.payment.amountRwf,
        Payment_Method: resume.method,
      },
    };
    try {
      this.#startAttempt(record, resume.payment);
    } catch {
      this.#current = null;  // a saved payment the core cannot use: start afresh (the attempt number stays)
      this.#save();
      this.#renderForm();
    }
  }

  // A new attempt after one that ended (or that the customer left): the form, with the next number.
  #restart() {
    this.#current = null;
    this.#attempt = this.#usedAttempt + 1;
    this.#ended = false;
    this.#lastOutcome = null;
    this.#renderForm();
  }

  // "Pay another way" after stopping: the attempt left stays watched in the background (it may still be
  // approved, and the customer is told if it is), and the form starts the next one.
  #payAnotherWay() {
    const record = this.#current;
    if (record && record.flow && record.flow.active) {
      this.#watches.add(record);
      this.#markUsed(record.number);  // it may have reached LTGS
    }
    this.#restart();
  }

  #keepWaiting() {
    const record = this.#current;
    if (record && record.flow && record.flow.active) record.flow.resumeWaiting();
  }

  // "Keep waiting for the earlier request": the latest attempt the customer left comes back on screen.
  #waitForEarlier() {
    const record = [...this.#watches].pop();
    if (!record) return;
    this.#watches.delete(record);
    this.#current = record;
    this.#attempt = record.number;
    this.#refusal = null;
    this.#ended = false;
    this.#lastOutcome = null;
    record.flow.resumeWaiting();  // its change event shows the waiting screen
  }

  // Back to the form after a refusal, with the same attempt number (the refused attempt never started).
  #backToForm() {
    this.#current = null;
    this.#ended = false;
    this.#lastOutcome = null;
    this.#renderForm();
  }

  // ---- waiting and result screens --------------------------------------------------------------------

  #renderWaiting() {
    const doc = this.ownerDocument;
    const L = this.#locale;
    const record = this.#current;
    const payment = record.flow.payment;
    const amount = formatAmount(this.#options.payment.Total_Amount_to_Pay, L);
    const parts = [];
    const method = record.method;
    const touch = isTouchDevice(doc.defaultView);
    this.#screen = 'waiting';
    if (payment.state === 'INITIATING' || payment.state === 'VALIDATED' || payment.state === 'DRAFT') {
      parts.push(el(doc, 'p', {}, el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }), ' ', t(L, 'waiting.starting')));
    } else if (PUSH_METHODS.has(method)) {
      const phone = record.request && record.request.Phone_Number;
      parts.push(el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, 'waiting.push.title')),
        el(doc, 'p', {}, phone ? t(L, 'waiting.push.body', { phone, amount }) : t(L, 'waiting.push.bodyNoPhone', { amount })));
    } else if (method === 'QR' || method === 'USSD') {
      // LTGS's QR code or dial string, shown only as the core checked it against this payment.
      const display = this.#display(record);
      if (display.error) {
        this.#renderUnusable(record, display.error);
        return;
      }
      if (method === 'QR') {
        parts.push(el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, 'waiting.qr.title', { amount })),
          el(doc, 'p', {}, t(L, touch ? 'waiting.qr.bodyPhone' : 'waiting.qr.body')), this.#qrFigure(display, amount));
      } else {
        parts.push(el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, 'waiting.ussd.title', { amount })),
          el(doc, 'p', {}, t(L, 'waiting.ussd.body')), ...this.#ussdBlock(display));
      }
    }
    // The bar moves with the time LTGS gives (none known: it only shows activity), and its sweep says that the
    // checking goes on even while the time barely moves.
    const progress = el(doc, 'progress', { max: '1000', 'aria-label': t(L, 'waiting.progress'), class: 'progress' });
    const bar = el(doc, 'div', { class: 'progress-bar' }, progress, el(doc, 'span', { class: 'sweep', 'aria-hidden': 'true' }));
    const countdown = el(doc, 'p', { class: 'muted countdown', 'aria-live': 'off' });
    // Connection trouble: shown (and read out) while it lasts.
    const connection = el(doc, 'p', { class: 'notice connection', role: 'status', hidden: true });
    // LTGS has no cancel request: the customer stops waiting, and the request stays open until it ends.
    const cancel = this.#button('action.cancel', () => {
      if (record.flow.active) record.flow.stopWaiting();
    });
    const help = payment.state === 'PENDING' && PUSH_METHODS.has(method) ? this.#promptHelp(record) : [];
    this.#show(...parts, connection, bar, el(doc, 'p', { class: 'muted' }, t(L, 'waiting.checking')), countdown,
      ...help, el(doc, 'div', { class: 'actions' }, cancel));
    this.#showConnection(record);
    this.#tick();
    const heading = this.#panel.querySelector('[data-focus]');
    if (heading && this.#panel.contains(this.ownerDocument.activeElement) === false && this.#dialog && this.#dialog.open) {
      heading.focus();
    }
  }

  // "Didn't get the prompt?": a disclosure with what can truthfully be done while the request is open. The
  // number it went to (to check); why no second prompt is sent (the partner's backend refuses a new attempt
  // while this one is open, and LTGS treats the same reference as the same payment) and a status check instead;
  // another way to pay once the request has ended.
  #promptHelp(record) {
    const doc = this.ownerDocument;
    const L = this.#locale;
    const payment = record.flow.payment;
    const phone = record.request && record.request.Phone_Number;
    const until = payment.ltgsExpiresAtMs || payment.expiresAtMs;
    const time = until ? formatTime(until, L) : null;
    const panelId = this.#id('prompt-help');
    const toggle = el(doc, 'button', {
      type: 'button', class: 'linklike', 'aria-expanded': record.promptHelpOpen ? 'true' : 'false', 'aria-controls': panelId,
    }, t(L, 'prompt.toggle'));
    const checked = el(doc, 'p', { class: 'muted prompt-checked' }, record.promptChecked || '');
    const check = this.#button('action.checkAgain', () => {
      record.promptCheckPending = true;
      record.promptChecked = t(L, 'prompt.checking');
      checked.textContent = record.promptChecked;
      if (record.flow.active) record.flow.checkNow();
    });
    const otherWays = this.#options_ && this.#options_.options.some((o) => o.method === 'QR' || o.method === 'USSD');
    const panel = el(doc, 'div', { class: 'prompt-help', id: panelId, hidden: !record.promptHelpOpen },
      phone ? el(doc, 'p', {}, t(L, 'prompt.sentTo', { phone })) : null,
      el(doc, 'p', {}, t(L, 'prompt.tips')),
      el(doc, 'p', {}, time ? t(L, 'prompt.sameRequest', { time }) : t(L, 'prompt.sameRequestNoTime')),
      el(doc, 'div', { class: 'actions' }, check),
      checked,
      otherWays ? el(doc, 'p', {}, time ? t(L, 'prompt.otherWay', { time }) : t(L, 'prompt.otherWayNoTime')) : null);
    toggle.addEventListener('click', () => {
      record.promptHelpOpen = !record.promptHelpOpen;
      toggle.setAttribute('aria-expanded', record.promptHelpOpen ? 'true' : 'false');
      panel.hidden = !record.promptHelpOpen;
    });
    return [toggle, panel];
  }

  // A status check the customer asked for ("Check again" under "Didn't get the prompt?") has its answer: still
  // pending, said with the time.
  #promptCheckAnswered(record, reason) {
    if (!record.promptCheckPending) return;
    if (!/^(status\.|fetch\.)/.test(reason)) return;
    record.promptCheckPending = false;
    record.promptChecked = reason.startsWith('fetch.') ? t(this.#locale, 'error.network')
      : t(this.#locale, 'prompt.notYet', { time: formatTime(Date.now(), this.#locale) });
    const checked = record === this.#current && this.#panel.querySelector('.prompt-checked');
    if (checked) checked.textContent = record.promptChecked;
  }

  #onConnection(record, detail) {
    record.connection = detail.online ? null : detail.cause;
    if (record !== this.#current || this.#screen !== 'waiting') return;
    const wasShown = this.#showConnection(record);
    if (!detail.online && !wasShown) this.#announce(t(this.#locale, record.connection === 'timeout' ? 'connection.slow' : 'connection.offline'));
  }

  // The waiting screen's connection notice, as the attempt's flow last saw the connection. Returns whether it
  // was shown before.
  #showConnection(record) {
    const notice = this.#panel.querySelector('.connection');
    if (!notice) return false;
    const wasShown = !notice.hidden;
    const cause = record.connection;
    notice.hidden = !cause;
    notice.textContent = cause ? t(this.#locale, cause === 'timeout' ? 'connection.slow' : 'connection.offline') : '';
    return wasShown;
  }

  // The customer stopped waiting. The request stays open at LTGS until it ends, so nothing here says that
  // the bill is not paid: it may still be approved, and then the customer is told.
  #renderStopped() {
    const doc = this.ownerDocument;
    const L = this.#locale;
    const payment = this.#current.flow.payment;
    const end = payment.ltgsExpiresAtMs || payment.expiresAtMs;  // LTGS's own deadline when it gave one
    const until = end ? t(L, 'stopped.body', { time: formatTime(end, L) }) : t(L, 'stopped.bodyNoTime');
    const actions = el(doc, 'div', { class: 'actions' },
      this.#button('action.keepWaiting', () => this.#keepWaiting(), true),
      this.#button('action.payAnotherWay', () => this.#payAnotherWay()));
    if (this.#dialog) actions.append(this.#button('action.close', () => this.close()));
    this.#screen = 'stopped';
    this.#show(el(doc, 'div', { class: 'stopped' },
      el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, 'stopped.title')),
      el(doc, 'p', {}, until),
      el(doc, 'p', {}, t(L, STOPPED_NOTE[this.#current.method] || 'stopped.note'))), actions);
    this.#focusOrAnnounce(t(L, 'stopped.title'));
  }

  // What LTGS gave this attempt to show, checked by the core against the payment: { pending } until it has
  // come, { error } when it must not be shown, else { qr } (checkQrPayload's report and the payload) or
  // { ussd } (checkUssdCode's report: the dial string and tel: link to use).
  #display(record) {
    const initiation = record.initiation || {};
    const amountRwf = this.#options.payment.Total_Amount_to_Pay;
    if (record.method === 'QR') {
      if (!initiation.qrPayload) return { pending: true };
      const r = this.#core.checkQrPayload(initiation.qrPayload, amountRwf);
      return r.ok ? { qr: r, payload: initiation.qrPayload } : { error: r.error };
    }
    const fromOptions = this.#options_ && this.#options_.options.find((o) => o.method === 'USSD');
    const dial = initiation.ussdCode || (fromOptions && fromOptions.dial);
    if (!dial) return { pending: true };
    const r = this.#core.checkUssdCode(dial, amountRwf, this.#merchantConfig());
    return r.ok ? { ussd: r } : { error: r.error };
  }

  // The QR code or dial string the core refused for this payment: never drawn, dialled or linked. The payment
  // LTGS has stays open (it is still checked, quietly once the customer pays another way); the partner hears
  // the code once per attempt.
  #renderUnusable(record, error) {
    const doc = this.ownerDocument;
    const L = this.#locale;
    const titleKey = record.method === 'QR' ? 'display.qr.title' : 'display.ussd.title';
    if (!record.displayError || record.displayError.code !== error.code) {
      record.displayError = error;
      this.#emitStatus(record, error.code, { code: error.code, message: error.message });
    }
    const actions = el(doc, 'div', { class: 'actions' }, this.#button('action.payAnotherWay', () => {
      if (record.flow.active && !record.flow.payment.stoppedWaiting) record.flow.stopWaiting();
      this.#payAnotherWay();
    }, true));
    if (this.#dialog) actions.append(this.#button('action.close', () => this.close()));
    this.#screen = 'waiting';
    this.#show(el(doc, 'div', { class: 'result result-warn unusable', 'data-code': error.code },
      el(doc, 'p', { class: 'result-icon', 'aria-hidden': 'true' }, '!'),
      el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, titleKey)),
      el(doc, 'p', { role: 'alert' }, errorMessage(L, error)),
      el(doc, 'p', { class: 'ref' }, t(L, 'display.code', { code: error.code })),
      el(doc, 'p', { class: 'ref' }, t(L, 'result.saleRef', { ref: this.#reference() }))), actions);
    this.#focusOrAnnounce(t(L, titleKey));
  }

  // The QR code LTGS returned for this payment, once the core found it to be an EMVCo payload in RWF for this
  // amount (or for none: the payer then enters it), drawn from the core's SVG.
  #qrFigure(display, amount) {
    const doc = this.ownerDocument;
    const L = this.#locale;
    if (!display.qr) return el(doc, 'p', { class: 'muted' }, el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }));
    const check = display.qr;
    const title = t(L, 'waiting.qr.alt', { amount });
    const r = this.#core.qrSvg(display.payload, { ecc: 'M', title });
    if (!r.ok) return el(doc, 'p', { class: 'error', role: 'alert' }, errorMessage(L, r.error));
    // The SVG is the core's own output (its title XML-escaped), parsed as SVG, never as HTML.
    const svg = new (doc.defaultView.DOMParser)().parseFromString(r.svg, 'image/svg+xml').documentElement;
    const code = el(doc, 'div', { class: 'qr' });
    code.append(doc.importNode(svg, true));
    // Whom the payer's app will show as the payee (EMVCo names 59 and 60), as text: it came from the network.
    const merchant = [check.merchantName, check.merchantCity].filter(Boolean).join(', ');
    const caption = el(doc, 'figcaption', {},
      merchant ? el(doc, 'p', { class: 'merchant' }, merchant) : null,
      check.payerEntersAmount ? el(doc, 'p', { class: 'amount' }, amount) : null,
      check.payerEntersAmount ? el(doc, 'p', { class: 'enter-amount' }, t(L, 'waiting.qr.enterAmount', { amount })) : null,
      check.warnings.length ? el(doc, 'p', { class: 'hint' }, errorMessage(L, check.warnings[0])) : null);
    return el(doc, 'figure', { class: 'qr-figure' }, code, caption.childNodes.length ? caption : null);
  }

  // The dial string on one line (it must be dialled exactly: no break inside it), with what works on this device:
  // on a phone, "Dial now" (a tel: link) first and "Copy code" second; on a computer, "Copy code" (the code is
  // dialled on the phone that pays); on an iPhone, which dials no USSD code from a link, "Copy code" and a note.
  #ussdBlock(display) {
    const doc = this.ownerDocument;
    const L = this.#locale;
    if (!display.ussd) return [el(doc, 'p', { class: 'muted' }, el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }))];
    const { dial, tel } = display.ussd;
    const view = doc.defaultView;
    const ios = isIos(view);
    const dialHere = isTouchDevice(view) && !ios;
    const code = el(doc, 'code', { class: 'ussd', translate: 'no' }, dial);
    const copy = el(doc, 'button', { type: 'button', class: dialHere ? null : 'primary' }, t(L, 'action.copy'));
    copy.addEventListener('click', async () => {
      try {
        await view.navigator.clipboard.writeText(dial);
      } catch {
        const range = doc.createRange();
        range.selectNodeContents(code);
        const selection = view.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      copy.textContent = t(L, 'action.copied');
      this.#announce(t(L, 'action.copied'));
    });
    const actions = el(doc, 'div', { class: 'actions' });
    if (dialHere) actions.append(el(doc, 'a', { class: 'button primary', href: tel }, t(L, 'action.dial')));
    actions.append(copy);
    return [el(doc, 'div', { class: 'ussd-box' }, code), actions, ios ? el(doc, 'p', { class: 'hint' }, t(L, 'waiting.ussd.iosNote')) : null]
      .filter(Boolean);
  }

  #startTicker() {
    this.#stopTicker();
    const view = this.ownerDocument.defaultView;
    this.#ticker = view.setInterval(() => this.#tick(), 1000);
  }

  #stopTicker() {
    if (this.#ticker !== null) this.ownerDocument.defaultView.clearInterval(this.#ticker);
    this.#ticker = null;
  }

  // Once a second: the time left, as LTGS gave it (Expires_At: a countdown to the second and the bar filling up
  // to it), else as this widget reckons it (its own lifetime: "about 9 minutes", the bar showing activity only).
  #tick() {
    const payment = this.#current && this.#current.flow && this.#current.flow.payment;
    const countdown = this.#panel.querySelector('.countdown');
    const progress = this.#panel.querySelector('progress');
    if (!payment || !countdown) return;
    const L = this.#locale;
    const now = Date.now();
    const ltgs = payment.ltgsExpiresAtMs;
    const until = ltgs || payment.expiresAtMs;
    if (!until) {  // not sent yet
      countdown.textContent = '';
      if (progress) progress.removeAttribute('value');
      return;
    }
    const left = until - now;
    countdown.setAttribute('data-source', ltgs ? 'ltgs' : 'widget');
    if (left <= 0) {
      countdown.textContent = t(L, 'waiting.lastCheck');
    } else if (ltgs) {
      countdown.textContent = t(L, 'waiting.countdownUntil', { time: formatDuration(left, L), clock: formatTime(ltgs, L) });
    } else {
      countdown.textContent = t(L, 'waiting.about', { wait: formatWait(left, L) });
    }
    if (!progress) return;
    const from = payment.acceptedAtMs || payment.initiatedAtMs;
    const total = ltgs && from ? ltgs - from : 0;
    if (total > 0) progress.value = Math.min(1000, Math.max(0, Math.round(((now - from) / total) * 1000)));
    else progress.removeAttribute('value');  // indeterminate: how long LTGS allows is not known
  }

  // A screen that changes by itself at a given time (a refusal's "after 14:05"); cleared by the next screen.
  #clearScreenTimer() {
    if (this.#screenTimer !== null) this.ownerDocument.defaultView.clearTimeout(this.#screenTimer);
    this.#screenTimer = null;
  }

  #renderResult(state) {
    const doc = this.ownerDocument;
    const L = this.#locale;
    const payment = this.#lastOutcome;
    const amount = formatAmount(this.#options.payment.Total_Amount_to_Pay, L);
    const key = { PAID: 'paid', FAILED: 'failed', EXPIRED: 'expired', CANCELLED: 'cancelled', AMOUNT_MISMATCH: 'mismatch', error: 'error' }[state] || 'failed';
    const tone = state === 'PAID' ? 'result-paid' : state === 'AMOUNT_MISMATCH' || state === 'error' ? 'result-warn' : 'result-bad';
    const icon = state === 'PAID' ? '✓' : state === 'error' || state === 'AMOUNT_MISMATCH' ? '!' : '✕';
    // Why LTGS says it failed, when it says and the core knows the word: what to do about it (top up, …).
    const failureCode = state === 'FAILED' && payment && payment.error && /^failure\./.test(payment.error.code)
      && payment.error.code !== 'failure.unknown' ? payment.error.code : null;
    const body = [
      el(doc, 'p', { class: 'result-icon', 'aria-hidden': 'true' }, icon),
      el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, `result.${key}.title`)),
      // A FAILED payment LTGS never accepted (the initiation was refused) was not started at all.
      el(doc, 'p', {}, state === 'FAILED' && this.#neverAccepted
        ? t(L, 'error.initiate')
        : t(L, `result.${key}.body`, { amount, service: this.#options.payment.Services_Name })),
      failureCode ? el(doc, 'p', { class: 'reason', 'data-code': failureCode }, errorMessage(L, failureCode)) : null,
    ].filter(Boolean);
    if (payment && payment.paymentRefId) body.push(el(doc, 'p', { class: 'ref' }, t(L, 'result.paymentRef', { ref: payment.paymentRefId })));
    body.push(el(doc, 'p', { class: 'ref' }, t(L, 'result.saleRef', { ref: payment ? payment.reference : this.#reference() })));
    const actions = el(doc, 'div', { class: 'actions' });
    if (state === 'error') {
      actions.append(this.#button('action.checkAgain', () => this.#resumeIfStopped(), true));
    } else if (this.#retryAllowedAfter(state) && !this.#paid.size) {
      // LTGS ended this attempt unpaid (the core's rules): another attempt may start.
      actions.append(this.#button('action.retry', () => this.#restart(), true));
    }
    if (this.#dialog) {
      const done = this.#button(state === 'PAID' ? 'action.done' : 'action.close', () => this.close(), state === 'PAID');
      actions.append(done);
    }
    this.#screen = 'result';
    this.#show(el(doc, 'div', { class: `result ${tone}` }, ...body), actions);
    if (this.#dialog && !this.#dialog.open) this.#unseen = true;
    this.#focusOrAnnounce(t(L, `result.${key}.title`));
  }

  // The partner's backend would not start the payment: why, in words, and only what can help now. Never a
  // "Try again" that would be refused the same way: after too many requests, only once the time it names has
  // passed; after a checkout token refusal, nothing (only a reload of the page helps).
  #renderRefused() {
    const doc = this.ownerDocument;
    const L = this.#locale;
    const refusal = this.#refusal;
    const code = refusal.code;
    const titleKey = REFUSAL_TITLES[code] || 'refused.invalid.title';
    const open = code === 'order.attempt_open';
    const rate = RATE_LIMITED[code];
    // The time the refusal names, for the codes that name one: before it, nothing would be accepted.
    const until = (open || rate) && refusal.retryAtMs !== null ? refusal.retryAtMs : null;
    const waitMs = until !== null ? until - Date.now() : null;
    const paid = code === 'order.paid';
    const actions = el(doc, 'div', { class: 'actions' });
    if (WAIT_EARLIER.has(code) && this.#watches.size) {
      actions.append(this.#button('action.waitEarlier', () => this.#waitForEarlier(), true));
    }
    if (open && waitMs !== null && waitMs <= 0) {
      // The time it named has passed: the partner's backend asks LTGS again before it decides.
      actions.append(this.#button('action.payAnotherWay', () => this.#backToForm(), !this.#watches.size));
    }
    if (rate && (waitMs === null || waitMs <= 0)) actions.append(this.#button('action.retry', () => this.#backToForm(), true));
    if (!REFUSAL_TITLES[code]) actions.append(this.#button('action.back', () => this.#backToForm(), true));  // a detail to correct
    if (this.#dialog) actions.append(this.#button('action.close', () => this.close()));
    const body = el(doc, 'p', {}, this.#refusalBody(refusal));
    this.#screen = 'refused';
    this.#show(el(doc, 'div', { class: `result ${paid ? 'result-paid' : 'result-warn'}`, 'data-code': code },
      el(doc, 'p', { class: 'result-icon', 'aria-hidden': 'true' }, paid ? '✓' : '!'),
      el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, titleKey)),
      body,
      el(doc, 'p', { class: 'ref' }, t(L, 'result.saleRef', { ref: this.#reference() }))), actions);
    if (waitMs !== null && waitMs > 0) this.#untilRetry(refusal, body);
    this.#focusOrAnnounce(t(L, titleKey));
  }

  // The words of a refusal: the wait before another request in words and as a clock time, else the code's
  // message.
  #refusalBody(refusal) {
    const L = this.#locale;
    const code = refusal.code;
    const at = refusal.retryAtMs;
    if (code === 'order.attempt_open' && at !== null) return t(L, 'refused.open.body', { time: formatTime(at, L) });
    if (RATE_LIMITED[code] && at !== null) {
      const waitMs = at - Date.now();
      return waitMs > 0
        ? t(L, `${RATE_LIMITED[code]}.wait`, { wait: formatWait(waitMs, L), time: formatTime(at, L) })
        : t(L, `${RATE_LIMITED[code]}.now`);
    }
    return errorMessage(L, refusal.errors.find((e) => e.code === code) || { code, message: '' });
  }

  // Until the refusal's time: its words kept current (quietly: the text changes in place, nothing is
  // announced again), then the screen again with what may be done now.
  #untilRetry(refusal, body) {
    const view = this.ownerDocument.defaultView;
    const next = () => {
      this.#screenTimer = null;
      if (this.#screen !== 'refused' || this.#refusal !== refusal) return;
      const left = refusal.retryAtMs - Date.now();
      if (left <= 0) {
        this.#renderRefused();
        return;
      }
      body.textContent = this.#refusalBody(refusal);
      schedule(left);
    };
    // The words change each minute (each second in the last minute); the screen at the time itself.
    const schedule = (left) => {
      const step = left > 60_000 ? (left % 60_000) || 60_000 : Math.min(left, 1000);
      if (step < MAX_TIMER_MS) this.#screenTimer = view.setTimeout(next, step);
    };
    schedule(refusal.retryAtMs - Date.now());
  }

  // ---- sessionStorage: the order's attempt number and a payment worth resuming, never customer details -

  #storageKey() {
    return STORAGE_PREFIX + this.#orderReference();
  }

  // { v, attempt (the highest attempt number that may exist at LTGS), method, payment, qrPayload, ussdCode }.
  // Only a payment LTGS has accepted (PENDING) is worth resuming: it is then polled, never initiated again
  // (the customer's phone and ID are not kept, so nothing could be re-sent). An initiation cut short by a
  // reload starts from the form again, with the same Sale_Reference_ID, which LTGS de-duplicates. The attempt
  // number stays after a payment ended, so that the next attempt after a reload takes the next number.
  #save() {
    const store = storage(this.ownerDocument.defaultView);
    if (!store) return;
    const pending = [this.#current, ...this.#watches].find((r) => r && r.flow && r.flow.payment.state === 'PENDING');
    if (!pending && !this.#usedAttempt) return;
    const initiation = (pending && pending.initiation) || {};
    const saved = {
      v: STORAGE_VERSION, attempt: this.#usedAttempt, method: pending ? pending.method : null,
      payment: pending ? pending.flow.payment : null, qrPayload: initiation.qrPayload, ussdCode: initiation.ussdCode,
    };
    try {
      store.setItem(this.#storageKey(), JSON.stringify(saved));
    } catch {
      // Storage full or refused: the payment goes on, it just cannot be resumed after a reload.
    }
  }

  // { attempt, resume: { number, method, payment, qrPayload, ussdCode } | null }, or null when nothing usable
  // is saved. A payment is resumed only when it is PENDING, is one of this order's attempts (by the core's
  // reading of its reference) and is for the amount shown.
  #readSaved() {
    const store = storage(this.ownerDocument.defaultView);
    if (!store) return null;
    let saved;
    try {
      saved = JSON.parse(store.getItem(this.#storageKey()) || 'null');
    } catch {
      return null;
    }
    if (!saved || typeof saved !== 'object' || (saved.v !== 1 && saved.v !== STORAGE_VERSION)) return null;
    const max = this.#rules.maxAttempts;
    let attempt = Number.isSafeInteger(saved.attempt) && saved.attempt >= 0 && saved.attempt <= max ? saved.attempt : 0;
    const resume = this.#resumable(saved);
    if (resume) attempt = Math.max(attempt, resume.number);
    return { attempt, resume };
  }

  #resumable(saved) {
    const p = saved.payment;
    if (!p || typeof p !== 'object' || p.state !== 'PENDING' || typeof p.saleReferenceId !== 'string') return null;
    if (p.amountRwf !== this.#options.payment.Total_Amount_to_Pay) return null;
    const ref = this.#core.parseAttemptReference(p.saleReferenceId);
    if (!ref.ok || ref.orderReference !== this.#orderReference()) return null;
    const method = this.#core.parsePaymentMethod(saved.method);
    if (!method.ok) return null;
    const text = (v) => (typeof v === 'string' ? v : undefined);
    return { number: ref.number, method: method.value, payment: p, qrPayload: text(saved.qrPayload), ussdCode: text(saved.ussdCode) };
  }
}
