// The form screen: the customer fields the partner left to the customer (config.js, FIELDS), each checked
// by the core as it is typed, the ways to pay the core offers for the request as typed so far, and Pay.
// A valid request goes to attempts.js (submit); pressed offline, it waits for the page to be online again.

import { el } from './view.js';
import { FIELDS, ALWAYS_SHOWN, settings, merchantConfig } from './config.js';
import { t, errorMessage, formatAmount } from './i18n.js';
import { isTouchDevice, isOffline } from './device.js';

export class CheckoutForm {
  paymentOptions = null;  // the core's payment options for the current request
  method = null;          // the way to pay chosen in the form
  sendWhenOnline = false; // Pay was pressed offline: the payment goes out when the page is back online
  #core;
  #checkout;
  #view;
  #values = {};          // wire name → what the customer typed (or the partner gave)
  #touched = new Set();  // fields whose message may show (after blur or submit)
  #fields = [];          // the FIELDS shown in the form
  #methodPicked = false;    // the customer chose the way to pay: it stays while offered; else the core's default
  #pressing = false;        // a pointer is down in the form (see #holdLayout)
  #afterPress = new Set();  // fields left during that press, whose message is shown after it

  // checkout: the element's parts (checkout-element.js).
  constructor(checkout) {
    this.#core = checkout.core;
    this.#checkout = checkout;
    this.#view = checkout.view;
  }

  #settings() {
    return settings(this.#checkout.options);
  }

  #merchantConfig() {
    return merchantConfig(this.#checkout.options, this.#checkout.rules);
  }

  #orderReference() {
    return this.#checkout.options.payment.Sale_Reference_ID;
  }

  #formReference() {
    return this.#checkout.attempts.formReference();
  }

  // Before the first form: the customer details the partner gave (options.payment) as the fields' values, and
  // the fields the form asks for.
  prefill() {
    const o = this.#checkout.options;
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
  }

  // The request as typed so far, as JSON for the core.
  #requestJson() {
    const p = this.#checkout.options.payment;
    return JSON.stringify({
      Sale_Reference_ID: this.#formReference() || this.#orderReference(),
      Customer_KYC_ID: this.#values.Customer_KYC_ID,
      Phone_Number: this.#values.Phone_Number,
      Email_Address: this.#values.Email_Address,
      Services_Name: p.Services_Name,
      Total_Amount_to_Pay: p.Total_Amount_to_Pay,
    });
  }

  render() {
    const view = this.#view;
    const doc = view.doc;
    const L = view.locale;
    view.screen = 'form';
    const form = el(doc, 'form', { novalidate: true });
    for (const f of this.#fields) {
      const id = view.id(f.key);
      const optional = f.wire === 'Email_Address' && !this.#checkout.options.emailRequired;
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
    const formError = el(doc, 'p', { class: 'error', role: 'alert', id: view.id('form-error') });
    // No connection: said here, next to the button, before anything is sent.
    const notice = el(doc, 'p', { class: 'notice connection', role: 'status', id: view.id('form-notice'), hidden: true });
    const amount = formatAmount(this.#checkout.options.payment.Total_Amount_to_Pay, L);
    const pay = el(doc, 'button', { type: 'submit', class: 'primary' }, t(L, 'action.pay', { amount }));
    // The button and what is said about it stay at the bottom of the dialog while the form scrolls above them,
    // so that "Pay" is on a phone's screen without scrolling.
    form.append(methods, el(doc, 'div', { class: 'pay-bar' }, formError, notice, el(doc, 'div', { class: 'actions' }, pay)));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    form.addEventListener('pointerdown', () => this.#holdLayout(), true);
    view.show(form);
    for (const f of this.#fields) this.#validateField(f);
    this.#refreshOptions();
    if (isOffline(doc.defaultView)) this.notice(t(L, this.sendWhenOnline ? 'connection.queued' : 'error.network'));
  }

  // A press (pointer down) inside the form: messages of fields left by it are shown once it is over and its
  // click has been handled (a task after pointerup or pointercancel).
  #holdLayout() {
    const view = this.#view.doc.defaultView;
    if (this.#pressing || !view) return;
    this.#pressing = true;
    const release = () => {
      view.removeEventListener('pointerup', release, true);
      view.removeEventListener('pointercancel', release, true);
      view.setTimeout(() => {
        this.#pressing = false;
        const fields = [...this.#afterPress];
        this.#afterPress.clear();
        if (this.#view.screen === 'form') for (const f of fields) this.#validateField(f);
      }, 0);
    };
    view.addEventListener('pointerup', release, true);
    view.addEventListener('pointercancel', release, true);
  }

  // The form's connection notice ('' hides it).
  notice(text) {
    const notice = this.#view.panel.querySelector(`#${this.#view.id('form-notice')}`);
    if (!notice) return;
    notice.hidden = !text;
    notice.textContent = text;
  }

  // "Please correct the highlighted fields." stays only while there is something to correct.
  #clearFixedErrors() {
    const formError = this.#view.panel.querySelector(`#${this.#view.id('form-error')}`);
    if (!formError || !formError.textContent) return;
    const valid = this.#fields.every((f) => this.#core.validateField(f.wire, this.#values[f.wire], this.#settings()).ok);
    if (valid && this.#core.validateRequestJson(this.#requestJson(), this.#settings()).ok) formError.textContent = '';
  }

  // Validates one field with the core; the message shows once the field was left or the form submitted.
  #validateField(f) {
    const panel = this.#view.panel;
    const input = panel.querySelector(`input[name="${f.wire}"]`);
    if (!input) return true;
    const r = this.#core.validateField(f.wire, input.value, this.#settings());
    const error = panel.querySelector(`#${this.#view.id(f.key)}-error`);
    const show = !r.ok && this.#touched.has(f.wire);
    input.setAttribute('aria-invalid', show ? 'true' : 'false');
    error.textContent = show ? errorMessage(this.#view.locale, r.errors[0]) : '';
    return r.ok;
  }

  // The core's options for the request as typed so far; shown once the whole request is valid.
  #refreshOptions() {
    const fieldset = this.#view.panel.querySelector('fieldset.methods');
    if (!fieldset) return;
    const r = this.#core.paymentOptions(this.#requestJson(), this.#merchantConfig(), this.#settings());
    if (!r.ok) {
      this.paymentOptions = null;
      const noneLeft = r.errors.some((e) => e.code === 'options.none_available');
      fieldset.hidden = !noneLeft;
      fieldset.replaceChildren(fieldset.firstElementChild);
      if (noneLeft) fieldset.append(el(this.#view.doc, 'p', { class: 'error' }, errorMessage(this.#view.locale, r.errors[0])));
      return;
    }
    const offered = r.value;
    const same = this.paymentOptions && JSON.stringify(this.paymentOptions) === JSON.stringify(offered);
    this.paymentOptions = offered;
    if (same && !fieldset.hidden) return;
    // The core's recommendation follows the number (a corrected 077… → 078… recommends MTN MoMo again), unless
    // the customer chose a way to pay that is still offered.
    if (!this.#methodPicked || !offered.options.some((o) => o.method === this.method)) {
      this.method = offered.default;
      this.#methodPicked = false;
    }
    const doc = this.#view.doc;
    const L = this.#view.locale;
    const phone = this.#normalisedPhone();
    // On a phone the QR code would appear on the screen that has to scan it: a second device is needed.
    const touch = isTouchDevice(doc.defaultView);
    fieldset.replaceChildren(fieldset.firstElementChild);
    for (const option of offered.options) {
      const id = this.#view.id(`method-${option.method}`);
      const radio = el(doc, 'input', {
        type: 'radio', name: 'method', id, value: option.method, 'aria-describedby': `${id}-hint`,
      });
      radio.checked = option.method === this.method;
      radio.addEventListener('change', () => {
        this.method = option.method;
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

  // Pay: every field checked; a valid request is sent (attempts.js), at once or, offline, once the page is
  // online again.
  submit() {
    const view = this.#view;
    for (const f of this.#fields) this.#touched.add(f.wire);
    const valid = this.#fields.map((f) => this.#validateField(f)).every(Boolean);
    const formError = view.panel.querySelector(`#${view.id('form-error')}`);
    const v = this.#core.validateRequestJson(this.#requestJson(), this.#settings());
    if (!valid || !v.ok) {
      formError.textContent = t(view.locale, 'form.fixErrors');
      const first = view.panel.querySelector('input[aria-invalid="true"]');
      if (first) first.focus();
      return;
    }
    this.#refreshOptions();
    if (!this.paymentOptions || !this.method) {
      formError.textContent = t(view.locale, 'form.fixErrors');
      return;
    }
    formError.textContent = '';
    if (isOffline(view.doc.defaultView)) {
      // Nothing is sent, and nothing starts counting down: the payment goes out once the page is online again
      // (or when Pay is pressed again then).
      this.sendWhenOnline = true;
      this.notice(t(view.locale, 'connection.queued'));
      view.announce(t(view.locale, 'connection.queued'));
      return;
    }
    this.sendWhenOnline = false;
    this.notice('');
    this.#checkout.attempts.submit(v.value.request, this.method);
  }
}
