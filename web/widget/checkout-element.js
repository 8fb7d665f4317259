// <ltgs-checkout>: the checkout people see, in an open shadow root so that partner CSS cannot reach it.
// Three modes: "button" (a pay button that opens a modal dialog: the script tag), "modal" (the dialog at
// once: LTGSCheckout.open) and "inline" (the panel in the page: LTGSCheckout.mount).
// Every decision comes from the wasm core: field validation, payment options, what a status means, when to
// poll. Partner and customer text is only ever inserted as text nodes, never parsed as HTML.
//
// This file is the element's wiring: its shadow root and dialog, opening and closing, the page's online and
// offline events, and the start (the core loaded, the partner's details checked, the saved order resumed).
// The rest is done by its parts, which share one object, `checkout` ({ core, rules, options, emit, window,
// close, view, saved, form, waiting, results, attempts }), made once the core has loaded:
//   view.js             the panel: header, live region, focus; el()
//   form-screen.js      the form and Pay
//   waiting-screens.js  an attempt under way (push prompt, QR, USSD, stopped waiting)
//   result-screens.js   the result, and the partner's backend's refusal
//   attempts.js         the attempts of the order and their events
//   outcomes.js         what the partner hears (ltgs:status, ltgs:success, ltgs:failure, ltgs:close)
//   saved-state.js      sessionStorage
// and, without state: config.js (options → the core's settings), rules.js (the core's checkout rules),
// focus-trap.js (Tab kept in the dialog).

import { loadCore } from './core.js';
import { adoptStyles, widgetCss } from './styles.js';
import { t, errorMessage, formatAmount, textLocale } from './i18n.js';
import { checkoutLocale } from './locale.js';
import { CheckoutView, el } from './view.js';
import { trapFocus } from './focus-trap.js';
import { settings, merchantConfig } from './config.js';
import { checkoutRules, attemptReference } from './rules.js';
import { SavedState } from './saved-state.js';
import { CheckoutForm } from './form-screen.js';
import { WaitingScreens } from './waiting-screens.js';
import { ResultScreens } from './result-screens.js';
import { Attempts } from './attempts.js';
import { outcomeOf } from './outcomes.js';

export { checkoutRules, attemptReference };

const Base = globalThis.HTMLElement || class {};

export class LtgsCheckoutElement extends Base {
  #options = null;
  #mode = 'inline';
  #locale = 'en';
  #root = null;
  #view = null;
  #focus = null;            // the dialog's focus trap (focus-trap.js)
  #core = null;
  #rules = null;
  #checkout = null;         // the parts, once the core has loaded
  #pageListeners = null;    // the window's online/offline listeners while the element is in the document
  #emit = () => {};

  // options: see public-api.js. settings: { mode: 'button' | 'modal' | 'inline', emit(type, detail) }.
  setup(options, { mode, emit }) {
    this.#options = options;
    this.#mode = mode;
    this.#emit = emit;
    const doc = this.ownerDocument;
    // English when the words of the customer's language are not here (the script tag's build fetches them
    // before the element is set up; a file that did not come leaves English).
    this.#locale = textLocale(checkoutLocale(options, doc));
    this.setAttribute('mode', mode);
    this.setAttribute('theme', options.theme === 'dark' ? 'dark' : 'light');
    // The shadow root of the script tag's first pay button (placeholder.js), if it drew one, is reused.
    this.#root = this.shadowRoot || this.attachShadow({ mode: 'open' });
    this.#root.replaceChildren();
    if (this.#root.adoptedStyleSheets) this.#root.adoptedStyleSheets = [];
    adoptStyles(this.#root, options.nonce, widgetCss());
    // One wrapper that inherits nothing from the host (styles.js, .root): page rules can reach the host only.
    const top = el(doc, 'div', { class: 'root' });
    this.#root.append(top);
    const view = new CheckoutView(doc, {
      options, mode, locale: this.#locale, reference: () => this.#reference(), close: () => this.close(),
    });
    this.#view = view;

    if (mode === 'inline') {
      top.append(view.panel, view.live);
    } else {
      // The live region is inside the dialog: a modal dialog hides the rest of the page, this shadow root
      // included, from assistive technology, and an announcement from there would never be heard.
      const dialog = el(doc, 'dialog', { 'aria-labelledby': view.id('title') }, view.panel, view.live);
      view.dialog = dialog;
      dialog.addEventListener('cancel', (e) => {  // Escape
        e.preventDefault();
        this.close();
      });
      this.#focus = trapFocus(dialog, this.#root);
      if (mode === 'button') {
        const label = t(this.#locale, 'pay.button', { amount: formatAmount(options.payment.Total_Amount_to_Pay, this.#locale) });
        const button = el(doc, 'button', { type: 'button', class: 'pay', part: 'pay-button' }, label);
        button.addEventListener('click', () => this.openCheckout());
        top.append(button);
      }
      top.append(dialog);
    }
    view.renderLoading();
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

  // (The form is on screen only once the parts are made.)
  #onPageOffline() {
    if (this.#view.screen !== 'form') return;
    const form = this.#checkout.form;
    form.notice(t(this.#locale, form.sendWhenOnline ? 'connection.queued' : 'error.network'));
  }

  #onPageOnline() {
    if (this.#view.screen !== 'form') return;
    const form = this.#checkout.form;
    form.notice('');
    if (!form.sendWhenOnline) return;
    form.sendWhenOnline = false;
    form.submit();
  }

  get locale() {
    return this.#locale;
  }

  // The Sale_Reference_ID on screen (the order's until the parts are made).
  #reference() {
    return this.#checkout ? this.#checkout.attempts.reference() : this.#options.payment.Sale_Reference_ID;
  }

  // The dialog (button and modal modes).
  openCheckout() {
    const dialog = this.#view && this.#view.dialog;
    if (!dialog || dialog.open) return;
    this.#focus.remember();
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    const attempts = this.#checkout && this.#checkout.attempts;  // none while the core loads (or if it could not)
    if (this.#view.unseen) {
      this.#view.unseen = false;  // what happened while it was closed (paid, or not) stays shown
    } else if (attempts && attempts.refusal) {
      this.#checkout.results.renderRefused();  // again: the time it names may have passed
    } else if (attempts && attempts.ended && attempts.lastOutcome && attempts.retryAllowedAfter(attempts.lastOutcome.status)) {
      attempts.restart();
    } else if (attempts) {
      attempts.resumeIfStopped();  // a paid one stays shown
    }
    this.#view.focusFirst();
  }

  // Closes the checkout: polling stops (a pending payment is kept, and resumed when it is opened again). A
  // payment the customer stopped waiting for is still checked, quietly, until LTGS ends it or its deadline
  // passes: if it is paid, ltgs:success follows and the paid screen is shown at the next opening.
  close() {
    const checkout = this.#checkout;
    if (checkout) {
      checkout.form.sendWhenOnline = false;  // a payment asked for offline is not sent once the customer has left
      checkout.attempts.stopFlow();
    }
    const dialog = this.#view && this.#view.dialog;
    if (dialog && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
      this.#focus.restore();
    }
    const p = this.#options.payment;
    this.#emit('close', checkout ? checkout.attempts.closeOutcome()
      : outcomeOf('CLOSED', null, undefined, { reference: this.#reference(), amount: p.Total_Amount_to_Pay, method: null }));
  }

  disconnectedCallback() {
    if (this.#pageListeners) this.#pageListeners();
    this.#pageListeners = null;
    if (this.#view) this.#view.clearScreenTimer();
    const checkout = this.#checkout;
    if (!checkout) return;
    checkout.waiting.stopTicker();
    const { attempts } = checkout;
    for (const record of [attempts.current, ...attempts.watches]) if (record && record.flow) record.flow.dispose();
  }

  #settings() {
    return settings(this.#options);
  }

  #merchantConfig() {
    return merchantConfig(this.#options, this.#rules);
  }

  async #start() {
    const o = this.#options;
    const view = this.#view;
    try {
      this.#core = await loadCore();
    } catch (err) {
      view.renderProblem('error.coreLoad');
      this.#emit('error', { error: { code: 'core.load_failed', message: String(err && err.message) } });
      return;
    }
    this.#rules = checkoutRules(this.#core);
    const checkout = {
      core: this.#core, rules: this.#rules, options: o, emit: this.#emit, window: this.ownerDocument.defaultView,
      close: () => this.close(), view,
    };
    checkout.saved = new SavedState(checkout);
    checkout.form = new CheckoutForm(checkout);
    checkout.waiting = new WaitingScreens(checkout);
    checkout.results = new ResultScreens(checkout);
    checkout.attempts = new Attempts(checkout);
    this.#checkout = checkout;
    // The partner's reference and amount must be valid before anything is shown to the customer.
    const problems = [];
    for (const [wire, value] of [['Sale_Reference_ID', o.payment.Sale_Reference_ID],
      ['Total_Amount_to_Pay', o.payment.Total_Amount_to_Pay], ['Services_Name', o.payment.Services_Name]]) {
      const r = this.#core.validateField(wire, value, this.#settings());
      if (!r.ok) problems.push(...r.errors);
    }
    // The reference is the order's: its attempts add "-R<n>", which it must leave room for.
    const order = problems.length ? null : this.#core.attemptReference(o.payment.Sale_Reference_ID, 1);
    if (order && !order.ok) problems.push(...order.errors);
    for (const m of Array.isArray(o.methods) ? o.methods : []) {
      const r = this.#core.parsePaymentMethod(m);
      if (!r.ok) problems.push(...r.errors);
    }
    if (problems.length) {  // the partner's details: nothing the customer can do but tell the merchant
      view.renderProblem('error.merchant');
      this.#emit('error', { error: problems[0], errors: problems });
      return;
    }
    this.#reportUnavailableMethods();
    checkout.form.prefill();
    const resumed = checkout.attempts.begin();
    // A payment being waited for is shown at once; one the customer stopped waiting for is watched quietly.
    if (resumed && this.#mode === 'button' && !resumed.payment.stoppedWaiting) this.openCheckout();
  }

  // Methods the partner listed that this configuration can never offer (USSD without a merchant code): dropped
  // from the choice, and said, in the console and as an ltgs:status with the core's code, not silently.
  #reportUnavailableMethods() {
    const o = this.#options;
    if (!Array.isArray(o.methods) || typeof this.#core.unavailableMethods !== 'function') return;
    const r = this.#core.unavailableMethods(this.#merchantConfig(), o.methods);
    if (!r.ok) return;  // a configuration the core cannot read is reported by paymentOptions
    for (const w of r.value) {
      const { method } = w.params;
      const view = this.ownerDocument.defaultView;
      const log = view && view.console && typeof view.console.warn === 'function' ? view.console : console;
      // Not the core's message: the widget's core has none (wasm/README.md); its words are the widget's own.
      log.warn(`LTGSCheckout: ${method} is in methods but cannot be offered (${w.code}): it needs a merchant code ` +
        '(script tag: data-mtn-merchant-code; LTGSCheckout.open/mount: merchant.mtnMerchantCode).');
      this.#emit('status', {
        state: 'DRAFT', reason: w.code, reference: this.#reference(), method, stoppedWaiting: false,
        error: { code: w.code, message: errorMessage('en', w) },
      });
    }
  }
}
