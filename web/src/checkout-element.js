// <ltgs-checkout>: the checkout people see, in an open shadow root so that partner CSS cannot reach it.
// Three modes: "button" (a pay button that opens a modal dialog: the script tag), "modal" (the dialog at
// once: LTGSCheckout.open) and "inline" (the panel in the page: LTGSCheckout.mount).
// Every decision comes from the wasm core: field validation, payment options, what a status means, when to
// poll. Partner and customer text is only ever inserted as text nodes, never parsed as HTML.

import { loadCore } from './core.js';
import { PaymentFlow } from './payment-flow.js';
import { adoptStyles } from './styles.js';
import { t, errorMessage, formatAmount, formatDuration, resolveLocale } from './i18n.js';

const Base = globalThis.HTMLElement || class {};

export const METHODS = ['MTN_MOMO', 'AIRTEL_MONEY', 'QR', 'USSD'];
const CONFIG_FLAG = { MTN_MOMO: 'mtnMomo', AIRTEL_MONEY: 'airtelMoney', QR: 'qr', USSD: 'ussd' };
const PUSH_METHODS = new Set(['MTN_MOMO', 'AIRTEL_MONEY']);
const STORAGE_PREFIX = 'ltgs-checkout:';
const BAD_ENDINGS = new Set(['FAILED', 'EXPIRED', 'CANCELLED', 'AMOUNT_MISMATCH']);

// Customer fields the partner may leave for the customer to fill in, in form order.
const FIELDS = [
  { wire: 'Phone_Number', key: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'tel' },
  { wire: 'Customer_KYC_ID', key: 'kyc', type: 'text', inputmode: 'numeric', autocomplete: 'off' },
  { wire: 'Email_Address', key: 'email', type: 'email', inputmode: 'email', autocomplete: 'email' },
];

let nextId = 0;

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

// A retry after a failed attempt needs a new Sale_Reference_ID: "<reference>-R<n>", at most 64 characters.
export function attemptReference(base, attempt) {
  if (attempt <= 1) return base;
  const suffix = `-R${attempt}`;
  return base.slice(0, 64 - suffix.length) + suffix;
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
  #values = {};          // wire name → what the customer typed (or the partner gave)
  #touched = new Set();  // fields whose message may show (after blur or submit)
  #fields = [];          // the FIELDS shown in the form
  #options_ = null;      // the core's payment options for the current request
  #method = null;
  #attempt = 1;
  #flow = null;
  #initiation = null;    // what the initiation response carried (QR_Payload, USSD_Code)
  #ticker = null;
  #returnFocus = null;
  #lastOutcome = null;
  #ended = false;

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
    this.#start();
    return this;
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
    if (this.#ended && this.#lastOutcome && BAD_ENDINGS.has(this.#lastOutcome.status) &&
        this.#lastOutcome.status !== 'AMOUNT_MISMATCH') this.#restart();  // a new attempt; a paid one stays shown
    else this.#resumeIfStopped();
    this.#focusFirst();
  }

  // Closes the checkout: polling stops (a pending payment is kept, and resumed when it is opened again).
  close() {
    this.#stopFlow();
    if (this.#dialog && this.#dialog.open) {
      if (typeof this.#dialog.close === 'function') this.#dialog.close();
      else this.#dialog.removeAttribute('open');
      this.#restoreFocus();
    }
    const outcome = this.#lastOutcome && this.#lastOutcome.status !== 'PENDING'
      ? this.#lastOutcome
      : this.#outcome('CLOSED');
    this.#emit('close', outcome);
  }

  disconnectedCallback() {
    this.#stopFlow();
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
    // The partner's reference and amount must be valid before anything is shown to the customer.
    const problems = [];
    for (const [wire, value] of [['Sale_Reference_ID', o.payment.Sale_Reference_ID],
      ['Total_Amount_to_Pay', o.payment.Total_Amount_to_Pay], ['Services_Name', o.payment.Services_Name]]) {
      const r = this.#core.validateField(wire, value, this.#settings());
      if (!r.ok) problems.push(r.error);
    }
    if (problems.length) {
      this.#renderProblem('error.generic');
      this.#emit('error', { error: problems[0], errors: problems });
      return;
    }
    for (const f of FIELDS) {
      if (o.payment[f.wire] !== undefined && o.payment[f.wire] !== null) this.#values[f.wire] = String(o.payment[f.wire]);
    }
    // Customer fields: those the partner did not give, or gave in a form the core refuses.
    this.#fields = FIELDS.filter((f) => !(f.wire in this.#values) ||
      !this.#core.validateField(f.wire, this.#values[f.wire], this.#settings()).ok);
    for (const f of this.#fields) if (f.wire in this.#values) this.#touched.add(f.wire);

    const saved = this.#readSaved();
    if (saved) {
      this.#resume(saved);
      if (this.#mode === 'button') this.openCheckout();
    } else {
      this.#renderForm();
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
    if (Array.isArray(o.methods)) for (const m of METHODS) config[CONFIG_FLAG[m]] = o.methods.includes(m);
    return config;
  }

  #reference() {
    return attemptReference(this.#options.payment.Sale_Reference_ID, this.#attempt);
  }

  #requestJson() {
    const p = this.#options.payment;
    return JSON.stringify({
      Sale_Reference_ID: this.#reference(),
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
    this.#panel.replaceChildren(this.#header(), ...children);
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
    this.#show(el(doc, 'p', { class: 'muted' }, el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }), ' ',
      t(this.#locale, 'form.loading')));
  }

  #renderProblem(key) {
    const doc = this.ownerDocument;
    this.#show(el(doc, 'p', { class: 'error', role: 'alert' }, t(this.#locale, key)));
  }

  #renderForm() {
    const doc = this.ownerDocument;
    const L = this.#locale;
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
      });
      input.addEventListener('blur', () => {
        if (input.value.trim() !== '' || this.#touched.has(f.wire)) this.#touched.add(f.wire);
        this.#validateField(f);
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
    const amount = formatAmount(this.#options.payment.Total_Amount_to_Pay, L);
    const pay = el(doc, 'button', { type: 'submit', class: 'primary' }, t(L, 'action.pay', { amount }));
    form.append(methods, formError, el(doc, 'div', { class: 'actions' }, pay));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#submit();
    });
    this.#show(form);
    for (const f of this.#fields) this.#validateField(f);
    this.#refreshOptions();
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
    if (!r.options.some((o) => o.method === this.#method)) this.#method = r.default;
    const doc = this.ownerDocument;
    const L = this.#locale;
    const phone = this.#normalisedPhone();
    fieldset.replaceChildren(fieldset.firstElementChild);
    for (const option of r.options) {
      const id = this.#id(`method-${option.method}`);
      const radio = el(doc, 'input', {
        type: 'radio', name: 'method', id, value: option.method, 'aria-describedby': `${id}-hint`,
      });
      radio.checked = option.method === this.#method;
      radio.addEventListener('change', () => { this.#method = option.method; });
      const name = el(doc, 'span', { class: 'name' }, t(L, `method.${option.method}`));
      if (option.recommended) name.append(el(doc, 'span', { class: 'badge' }, t(L, 'method.recommended')));
      fieldset.append(el(doc, 'label', { class: 'option', for: id }, radio,
        el(doc, 'span', {}, name, el(doc, 'span', { class: 'hint', id: `${id}-hint` },
          t(L, `method.${option.method}.hint`, { phone: option.phone || phone })))));
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
    const { Callback_URL: _partnerAddsIt, ...request } = v.request;
    this.#startFlow({ ...request, Payment_Method: this.#method }, null);
  }

  // ---- the payment -----------------------------------------------------------------------------------

  #startFlow(request, saved) {
    const o = this.#options;
    this.#ended = false;
    this.#lastOutcome = null;
    const flow = new PaymentFlow({
      core: this.#core,
      request,
      initiateUrl: o.initiateUrl,
      statusUrl: o.statusUrl,
      headers: o.headers,
      lifetimeMs: o.lifetimeMs,
      pollSettings: o.pollSettings,
      payment: saved ? saved.payment : undefined,
      document: this.ownerDocument,
      window: this.ownerDocument.defaultView,
    });
    this.#flow = flow;
    this.#request = request;
    flow.addEventListener('initiated', (e) => {
      const r = e.detail.response || {};
      this.#initiation = {
        qrPayload: typeof r.QR_Payload === 'string' ? r.QR_Payload : undefined,
        ussdCode: typeof r.USSD_Code === 'string' ? r.USSD_Code : undefined,
      };
      this.#save();
      this.#renderWaiting();
    });
    flow.addEventListener('change', (e) => this.#onChange(e.detail));
    flow.addEventListener('end', (e) => this.#onEnd(e.detail));
    this.#renderWaiting();
    flow.start();
    this.#startTicker();
  }

  #request = null;

  #onChange(detail) {
    if (detail.refused) return;
    const state = detail.payment.state;
    // A final state is announced by its result screen (#renderResult), once.
    if (state !== detail.previousState && state !== 'PAID' && !BAD_ENDINGS.has(state)) {
      this.#announce(t(this.#locale, `status.${state}`));
    }
    this.#save();
    this.#emit('status', {
      state, reason: detail.reason, reference: detail.payment.saleReferenceId, method: this.#method,
    });
    if (state === 'PENDING' && detail.previousState !== 'PENDING') this.#renderWaiting();
  }

  #neverAccepted = false;

  #onEnd(outcome) {
    this.#neverAccepted = Boolean(outcome.payment && outcome.payment.acceptedAtMs === null);
    this.#stopTicker();
    if (this.#flow && this.#flow.payment === outcome.payment) this.#flow = null;
    if (outcome.closed) return;  // close(): nothing more to show
    const state = outcome.state;
    if (outcome.error) {  // the status endpoint refused us: the payment may still complete
      this.#lastOutcome = this.#outcome('PENDING', outcome.payment, outcome.error);
      this.#renderResult('error');
      this.#emit('failure', this.#lastOutcome);
      return;
    }
    this.#ended = true;
    this.#clearSaved();
    this.#lastOutcome = this.#outcome(state, outcome.payment);
    this.#renderResult(state);
    if (state === 'PAID') this.#emit('success', this.#lastOutcome);
    else if (BAD_ENDINGS.has(state)) this.#emit('failure', this.#lastOutcome);
  }

  #outcome(status, payment = this.#flow && this.#flow.payment, error) {
    const out = {
      status,
      reference: payment ? payment.saleReferenceId : this.#reference(),
      paymentRefId: (payment && payment.paymentRefId) || null,
      amount: this.#options.payment.Total_Amount_to_Pay,
      method: this.#method,
    };
    if (status === 'AMOUNT_MISMATCH' && payment) out.amountPaid = payment.amountPaidRwf;
    if (error) out.error = { code: error.code, message: errorMessage('en', error) };
    return out;
  }

  #stopFlow() {
    this.#stopTicker();
    if (this.#flow) {
      const flow = this.#flow;
      this.#flow = null;
      flow.close();
    }
  }

  #resumeIfStopped() {
    if (this.#flow || this.#ended || !this.#core) return;
    const saved = this.#readSaved();
    if (saved) this.#resume(saved);
  }

  #resume(saved) {
    this.#method = saved.method;
    this.#attempt = saved.attempt || 1;
    this.#initiation = { qrPayload: saved.qrPayload, ussdCode: saved.ussdCode };
    const request = {
      Sale_Reference_ID: saved.payment.saleReferenceId,
      Total_Amount_to_Pay: saved.payment.amountRwf,
      Payment_Method: saved.method,
    };
    try {
      this.#startFlow(request, saved);
    } catch {
      this.#clearSaved();  // a saved state the core cannot use: start afresh
      this.#renderForm();
    }
  }

  #restart() {
    this.#attempt += 1;
    this.#initiation = null;
    this.#lastOutcome = null;
    this.#ended = false;
    this.#renderForm();
  }

  // ---- waiting and result screens --------------------------------------------------------------------

  #renderWaiting() {
    const doc = this.ownerDocument;
    const L = this.#locale;
    const payment = this.#flow ? this.#flow.payment : null;
    const amount = formatAmount(this.#options.payment.Total_Amount_to_Pay, L);
    const parts = [];
    const method = this.#method;
    if (!payment || payment.state === 'INITIATING' || payment.state === 'VALIDATED' || payment.state === 'DRAFT') {
      parts.push(el(doc, 'p', {}, el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }), ' ', t(L, 'waiting.starting')));
    } else if (PUSH_METHODS.has(method)) {
      const phone = this.#request && this.#request.Phone_Number;
      parts.push(el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, 'waiting.push.title')),
        el(doc, 'p', {}, phone ? t(L, 'waiting.push.body', { phone, amount }) : t(L, 'waiting.push.bodyNoPhone', { amount })));
    } else if (method === 'QR') {
      parts.push(el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, 'waiting.qr.title', { amount })),
        el(doc, 'p', {}, t(L, 'waiting.qr.body')), this.#qrFigure(amount));
    } else if (method === 'USSD') {
      parts.push(el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, 'waiting.ussd.title', { amount })),
        el(doc, 'p', {}, t(L, 'waiting.ussd.body')), ...this.#ussdBlock());
    }
    const progress = el(doc, 'progress', { max: '1000', 'aria-label': t(L, 'waiting.progress'), class: 'progress' });
    const countdown = el(doc, 'p', { class: 'muted countdown', 'aria-live': 'off' });
    const cancel = el(doc, 'button', { type: 'button' }, t(L, 'action.cancel'));
    cancel.addEventListener('click', () => {
      if (this.#flow) this.#flow.cancel();
    });
    this.#show(...parts, progress, el(doc, 'p', { class: 'muted' }, t(L, 'waiting.checking')), countdown,
      el(doc, 'div', { class: 'actions' }, cancel));
    this.#tick();
    const heading = this.#panel.querySelector('[data-focus]');
    if (heading && this.#panel.contains(this.ownerDocument.activeElement) === false && this.#dialog && this.#dialog.open) {
      heading.focus();
    }
  }

  // The QR code LTGS returned for this payment, drawn from the core's SVG. An EMVCo payload (000201…) is
  // checked by the core first; a damaged one is not drawn.
  #qrFigure(amount) {
    const doc = this.ownerDocument;
    const payload = this.#initiation && this.#initiation.qrPayload;
    if (!payload) return el(doc, 'p', { class: 'muted' }, el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }));
    let merchant = '';
    if (payload.startsWith('000201')) {
      const check = this.#core.emvParse(payload);
      if (!check.ok) return el(doc, 'p', { class: 'error', role: 'alert' }, errorMessage(this.#locale, check.error));
      // Whom the payer's app will show as the payee (EMVCo names 59 and 60), as text: it came from the network.
      merchant = [check.emv.merchantName, check.emv.merchantCity].filter(Boolean).join(', ');
    }
    const title = t(this.#locale, 'waiting.qr.alt', { amount });
    const r = this.#core.qrSvg(payload, { ecc: 'M', title });
    if (!r.ok) return el(doc, 'p', { class: 'error', role: 'alert' }, errorMessage(this.#locale, r.error));
    // The SVG is the core's own output (its title XML-escaped), parsed as SVG, never as HTML.
    const svg = new (doc.defaultView.DOMParser)().parseFromString(r.svg, 'image/svg+xml').documentElement;
    const code = el(doc, 'div', { class: 'qr' });
    code.append(doc.importNode(svg, true));
    return el(doc, 'figure', { class: 'qr-figure' }, code, merchant ? el(doc, 'figcaption', { class: 'merchant' }, merchant) : null);
  }

  #ussdBlock() {
    const doc = this.ownerDocument;
    const L = this.#locale;
    const fromOptions = this.#options_ && this.#options_.options.find((o) => o.method === 'USSD');
    const dial = (this.#initiation && this.#initiation.ussdCode) || (fromOptions && fromOptions.dial);
    if (!dial) return [el(doc, 'p', { class: 'muted' }, el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }))];
    const code = el(doc, 'code', { class: 'ussd' }, dial);
    const copy = el(doc, 'button', { type: 'button', class: 'primary' }, t(L, 'action.copy'));
    copy.addEventListener('click', async () => {
      const view = doc.defaultView;
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
    const actions = el(doc, 'div', { class: 'actions' }, copy);
    const view = doc.defaultView;
    const phoneLike = view.matchMedia && view.matchMedia('(pointer: coarse)').matches;
    if (phoneLike) {
      actions.append(el(doc, 'a', { class: 'button', href: this.#core.ussdTelLink(dial) }, t(L, 'action.dial')));
    }
    return [code, actions, el(doc, 'p', { class: 'hint' }, t(L, 'waiting.ussd.iosNote'))];
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

  #tick() {
    const payment = this.#flow && this.#flow.payment;
    const countdown = this.#panel.querySelector('.countdown');
    const progress = this.#panel.querySelector('progress');
    if (!payment || !payment.expiresAtMs || !countdown) return;
    const total = payment.expiresAtMs - payment.initiatedAtMs;
    const left = Math.max(0, payment.expiresAtMs - Date.now());
    countdown.textContent = t(this.#locale, 'waiting.countdown', { time: formatDuration(left, this.#locale) });
    if (progress && total > 0) progress.value = Math.round(((total - left) / total) * 1000);
  }

  #renderResult(state) {
    const doc = this.ownerDocument;
    const L = this.#locale;
    const payment = this.#lastOutcome;
    const amount = formatAmount(this.#options.payment.Total_Amount_to_Pay, L);
    const key = { PAID: 'paid', FAILED: 'failed', EXPIRED: 'expired', CANCELLED: 'cancelled', AMOUNT_MISMATCH: 'mismatch', error: 'error' }[state] || 'failed';
    const tone = state === 'PAID' ? 'result-paid' : state === 'AMOUNT_MISMATCH' || state === 'error' ? 'result-warn' : 'result-bad';
    const icon = state === 'PAID' ? '✓' : state === 'error' || state === 'AMOUNT_MISMATCH' ? '!' : '✕';
    const body = [
      el(doc, 'p', { class: 'result-icon', 'aria-hidden': 'true' }, icon),
      el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, `result.${key}.title`)),
      // A FAILED payment LTGS never accepted (the initiation was refused) was not started at all.
      el(doc, 'p', {}, state === 'FAILED' && this.#neverAccepted
        ? t(L, 'error.initiate')
        : t(L, `result.${key}.body`, { amount, service: this.#options.payment.Services_Name })),
    ];
    if (payment && payment.paymentRefId) body.push(el(doc, 'p', { class: 'ref' }, t(L, 'result.paymentRef', { ref: payment.paymentRefId })));
    body.push(el(doc, 'p', { class: 'ref' }, t(L, 'result.saleRef', { ref: payment ? payment.reference : this.#reference() })));
    const actions = el(doc, 'div', { class: 'actions' });
    if (state === 'error') {
      const again = el(doc, 'button', { type: 'button', class: 'primary' }, t(L, 'action.checkAgain'));
      again.addEventListener('click', () => this.#resumeIfStopped());
      actions.append(again);
    } else if (state !== 'PAID' && state !== 'AMOUNT_MISMATCH' && state !== 'CANCELLED') {
      // Not after a cancel: the prompt already on the phone may still be approved, and a second attempt
      // could charge the customer twice (the reference backend refuses it while the first is pending).
      const retry = el(doc, 'button', { type: 'button', class: 'primary' }, t(L, 'action.retry'));
      retry.addEventListener('click', () => this.#restart());
      actions.append(retry);
    }
    if (this.#dialog) {
      const done = el(doc, 'button', { type: 'button', class: state === 'PAID' ? 'primary' : '' }, t(L, state === 'PAID' ? 'action.done' : 'action.close'));
      done.addEventListener('click', () => this.close());
      actions.append(done);
    }
    this.#show(el(doc, 'div', { class: `result ${tone}` }, ...body), actions);
    // Focus on the result's heading makes a screen reader read it; where focus does not move (an inline panel
    // the customer is not in), the live region says it instead. Not both: it would be read twice.
    const heading = this.#panel.querySelector('[data-focus]');
    if (heading && ((this.#dialog && this.#dialog.open) || this.#panel.contains(doc.activeElement))) {
      this.#live.textContent = '';  // no stale "Waiting for your approval" left for a screen reader to find
      heading.focus();
    } else {
      this.#announce(t(L, `result.${key}.title`));
    }
  }

  // ---- sessionStorage: the reference and the non-sensitive state, so a reload resumes the same payment --

  #storageKey() {
    return STORAGE_PREFIX + this.#options.payment.Sale_Reference_ID;
  }

  #save() {
    const store = storage(this.ownerDocument.defaultView);
    const payment = this.#flow && this.#flow.payment;
    if (!store || !payment) return;
    // Only a payment LTGS has accepted is worth resuming: it is then polled, never initiated again (the
    // customer's phone and ID are not kept, so nothing could be re-sent). An initiation cut short by a
    // reload starts from the form again, with the same Sale_Reference_ID, which LTGS de-duplicates.
    if (payment.state !== 'PENDING') return;
    const saved = {
      v: 1, attempt: this.#attempt, method: this.#method, payment,
      qrPayload: this.#initiation && this.#initiation.qrPayload,
      ussdCode: this.#initiation && this.#initiation.ussdCode,
    };
    try {
      store.setItem(this.#storageKey(), JSON.stringify(saved));
    } catch {
      // Storage full or refused: the payment goes on, it just cannot be resumed after a reload.
    }
  }

  #readSaved() {
    const store = storage(this.ownerDocument.defaultView);
    if (!store) return null;
    try {
      const saved = JSON.parse(store.getItem(this.#storageKey()) || 'null');
      if (!saved || saved.v !== 1 || !saved.payment || !METHODS.includes(saved.method)) return null;
      if (saved.payment.state !== 'PENDING') return null;
      if (saved.payment.amountRwf !== this.#options.payment.Total_Amount_to_Pay) return null;
      return saved;
    } catch {
      return null;
    }
  }

  #clearSaved() {
    const store = storage(this.ownerDocument.defaultView);
    try {
      if (store) store.removeItem(this.#storageKey());
    } catch {
      // nothing to do
    }
  }
}
