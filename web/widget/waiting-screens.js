// The screens of an attempt under way (attempts.js, current): waiting for the customer's approval (a push
// prompt, LTGS's QR code or USSD dial string, as the core checked them), "Didn't get the prompt?", the
// connection notice, the countdown ticking once a second, the customer having stopped waiting, and a QR
// code or dial string the core refused.

import { el } from './view.js';
import { merchantConfig } from './config.js';
import { t, errorMessage, formatAmount, formatDuration, formatTime, formatWait } from './i18n.js';
import { isIos, isTouchDevice } from './device.js';

const PUSH_METHODS = new Set(['MTN_MOMO', 'AIRTEL_MONEY']);
// What may still happen after the customer stopped waiting: a push prompt approved, or a code scanned or dialled.
const STOPPED_NOTE = { QR: 'stopped.noteQr', USSD: 'stopped.noteUssd' };

export class WaitingScreens {
  #core;
  #checkout;
  #view;
  #ticker = null;

  // checkout: the element's parts (checkout-element.js).
  constructor(checkout) {
    this.#core = checkout.core;
    this.#checkout = checkout;
    this.#view = checkout.view;
  }

  #merchantConfig() {
    return merchantConfig(this.#checkout.options, this.#checkout.rules);
  }

  // The attempt on screen: waiting for the customer's approval, or stopped waiting.
  show() {
    if (this.#checkout.attempts.current.flow.payment.stoppedWaiting) {
      this.stopTicker();
      this.#renderStopped();
    } else {
      this.#renderWaiting();
      this.#startTicker();
    }
  }

  #renderWaiting() {
    const view = this.#view;
    const doc = view.doc;
    const L = view.locale;
    const record = this.#checkout.attempts.current;
    const payment = record.flow.payment;
    const amount = formatAmount(this.#checkout.options.payment.Total_Amount_to_Pay, L);
    const parts = [];
    const method = record.method;
    const touch = isTouchDevice(doc.defaultView);
    view.screen = 'waiting';
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
    const cancel = view.button('action.cancel', () => {
      if (record.flow.active) record.flow.stopWaiting();
    });
    const help = payment.state === 'PENDING' && PUSH_METHODS.has(method) ? this.#promptHelp(record) : [];
    view.show(...parts, connection, bar, el(doc, 'p', { class: 'muted' }, t(L, 'waiting.checking')), countdown,
      ...help, el(doc, 'div', { class: 'actions' }, cancel));
    this.#showConnection(record);
    this.#tick();
    const heading = view.panel.querySelector('[data-focus]');
    if (heading && view.panel.contains(doc.activeElement) === false && view.dialog && view.dialog.open) {
      heading.focus();
    }
  }

  // "Didn't get the prompt?": a disclosure with what can truthfully be done while the request is open. The
  // number it went to (to check); why no second prompt is sent (the partner's backend refuses a new attempt
  // while this one is open, and LTGS treats the same reference as the same payment) and a status check instead;
  // another way to pay once the request has ended.
  #promptHelp(record) {
    const view = this.#view;
    const doc = view.doc;
    const L = view.locale;
    const payment = record.flow.payment;
    const phone = record.request && record.request.Phone_Number;
    const until = payment.ltgsExpiresAtMs || payment.expiresAtMs;
    const time = until ? formatTime(until, L) : null;
    const panelId = view.id('prompt-help');
    const toggle = el(doc, 'button', {
      type: 'button', class: 'linklike', 'aria-expanded': record.promptHelpOpen ? 'true' : 'false', 'aria-controls': panelId,
    }, t(L, 'prompt.toggle'));
    const checked = el(doc, 'p', { class: 'muted prompt-checked' }, record.promptChecked || '');
    const check = view.button('action.checkAgain', () => {
      record.promptCheckPending = true;
      record.promptChecked = t(L, 'prompt.checking');
      checked.textContent = record.promptChecked;
      if (record.flow.active) record.flow.checkNow();
    });
    const offered = this.#checkout.form.paymentOptions;
    const otherWays = offered && offered.options.some((o) => o.method === 'QR' || o.method === 'USSD');
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
  promptCheckAnswered(record, reason) {
    if (!record.promptCheckPending) return;
    if (!/^(status\.|fetch\.)/.test(reason)) return;
    const L = this.#view.locale;
    record.promptCheckPending = false;
    record.promptChecked = reason.startsWith('fetch.') ? t(L, 'error.network')
      : t(L, 'prompt.notYet', { time: formatTime(Date.now(), L) });
    const checked = record === this.#checkout.attempts.current && this.#view.panel.querySelector('.prompt-checked');
    if (checked) checked.textContent = record.promptChecked;
  }

  // The attempt's flow lost or found the connection.
  onConnection(record, detail) {
    record.connection = detail.online ? null : detail.cause;
    if (record !== this.#checkout.attempts.current || this.#view.screen !== 'waiting') return;
    const wasShown = this.#showConnection(record);
    if (!detail.online && !wasShown) this.#view.announce(t(this.#view.locale, record.connection === 'timeout' ? 'connection.slow' : 'connection.offline'));
  }

  // The waiting screen's connection notice, as the attempt's flow last saw the connection. Returns whether it
  // was shown before.
  #showConnection(record) {
    const notice = this.#view.panel.querySelector('.connection');
    if (!notice) return false;
    const wasShown = !notice.hidden;
    const cause = record.connection;
    notice.hidden = !cause;
    notice.textContent = cause ? t(this.#view.locale, cause === 'timeout' ? 'connection.slow' : 'connection.offline') : '';
    return wasShown;
  }

  // The customer stopped waiting. The request stays open at LTGS until it ends, so nothing here says that
  // the bill is not paid: it may still be approved, and then the customer is told.
  #renderStopped() {
    const view = this.#view;
    const doc = view.doc;
    const L = view.locale;
    const { attempts } = this.#checkout;
    const payment = attempts.current.flow.payment;
    const end = payment.ltgsExpiresAtMs || payment.expiresAtMs;  // LTGS's own deadline when it gave one
    const until = end ? t(L, 'stopped.body', { time: formatTime(end, L) }) : t(L, 'stopped.bodyNoTime');
    const actions = el(doc, 'div', { class: 'actions' },
      view.button('action.keepWaiting', () => attempts.keepWaiting(), true),
      view.button('action.payAnotherWay', () => attempts.payAnotherWay()));
    if (view.dialog) actions.append(view.button('action.close', () => this.#checkout.close()));
    view.screen = 'stopped';
    view.show(el(doc, 'div', { class: 'stopped' },
      el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, 'stopped.title')),
      el(doc, 'p', {}, until),
      el(doc, 'p', {}, t(L, STOPPED_NOTE[attempts.current.method] || 'stopped.note'))), actions);
    view.focusOrAnnounce(t(L, 'stopped.title'));
  }

  // What LTGS gave this attempt to show, checked by the core against the payment: { pending } until it has
  // come, { error } when it must not be shown, else { qr } (checkQrPayload's report and the payload) or
  // { ussd } (checkUssdCode's report: the dial string and tel: link to use).
  #display(record) {
    const initiation = record.initiation || {};
    const amountRwf = this.#checkout.options.payment.Total_Amount_to_Pay;
    if (record.method === 'QR') {
      if (!initiation.qrPayload) return { pending: true };
      const r = this.#core.checkQrPayload(initiation.qrPayload, amountRwf);
      return r.ok ? { qr: r.value, payload: initiation.qrPayload } : { error: r.errors[0] };
    }
    const offered = this.#checkout.form.paymentOptions;
    const fromOptions = offered && offered.options.find((o) => o.method === 'USSD');
    const dial = initiation.ussdCode || (fromOptions && fromOptions.dial);
    if (!dial) return { pending: true };
    const r = this.#core.checkUssdCode(dial, amountRwf, this.#merchantConfig());
    return r.ok ? { ussd: r.value } : { error: r.errors[0] };
  }

  // The QR code or dial string the core refused for this payment: never drawn, dialled or linked. The payment
  // LTGS has stays open (it is still checked, quietly once the customer pays another way); the partner hears
  // the code once per attempt.
  #renderUnusable(record, error) {
    const view = this.#view;
    const doc = view.doc;
    const L = view.locale;
    const { attempts } = this.#checkout;
    const titleKey = record.method === 'QR' ? 'display.qr.title' : 'display.ussd.title';
    if (!record.displayError || record.displayError.code !== error.code) {
      record.displayError = error;
      attempts.emitStatus(record, error.code, { code: error.code, message: errorMessage('en', error) });
    }
    const actions = el(doc, 'div', { class: 'actions' }, view.button('action.payAnotherWay', () => {
      if (record.flow.active && !record.flow.payment.stoppedWaiting) record.flow.stopWaiting();
      attempts.payAnotherWay();
    }, true));
    if (view.dialog) actions.append(view.button('action.close', () => this.#checkout.close()));
    view.screen = 'waiting';
    view.show(el(doc, 'div', { class: 'result result-warn unusable', 'data-code': error.code },
      el(doc, 'p', { class: 'result-icon', 'aria-hidden': 'true' }, '!'),
      el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, titleKey)),
      el(doc, 'p', { role: 'alert' }, errorMessage(L, error)),
      el(doc, 'p', { class: 'ref' }, t(L, 'display.code', { code: error.code })),
      el(doc, 'p', { class: 'ref' }, t(L, 'result.saleRef', { ref: attempts.reference() }))), actions);
    view.focusOrAnnounce(t(L, titleKey));
  }

  // The QR code LTGS returned for this payment, once the core found it to be an EMVCo payload in RWF for this
  // amount (or for none: the payer then enters it), drawn from the core's SVG.
  #qrFigure(display, amount) {
    const doc = this.#view.doc;
    const L = this.#view.locale;
    if (!display.qr) return el(doc, 'p', { class: 'muted' }, el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }));
    const check = display.qr;
    const title = t(L, 'waiting.qr.alt', { amount });
    const r = this.#core.qrSvg(display.payload, { ecc: 'M', title });
    if (!r.ok) return el(doc, 'p', { class: 'error', role: 'alert' }, errorMessage(L, r.errors[0]));
    // The SVG is the core's own output (its title XML-escaped), parsed as SVG, never as HTML.
    const svg = new (doc.defaultView.DOMParser)().parseFromString(r.value.svg, 'image/svg+xml').documentElement;
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
    const doc = this.#view.doc;
    const L = this.#view.locale;
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
      this.#view.announce(t(L, 'action.copied'));
    });
    const actions = el(doc, 'div', { class: 'actions' });
    if (dialHere) actions.append(el(doc, 'a', { class: 'button primary', href: tel }, t(L, 'action.dial')));
    actions.append(copy);
    return [el(doc, 'div', { class: 'ussd-box' }, code), actions, ios ? el(doc, 'p', { class: 'hint' }, t(L, 'waiting.ussd.iosNote')) : null]
      .filter(Boolean);
  }

  #startTicker() {
    this.stopTicker();
    const view = this.#view.doc.defaultView;
    this.#ticker = view.setInterval(() => this.#tick(), 1000);
  }

  stopTicker() {
    if (this.#ticker !== null) this.#view.doc.defaultView.clearInterval(this.#ticker);
    this.#ticker = null;
  }

  // Once a second: the time left, as LTGS gave it (Expires_At: a countdown to the second and the bar filling up
  // to it), else as this widget reckons it (its own lifetime: "about 9 minutes", the bar showing activity only).
  #tick() {
    const current = this.#checkout.attempts.current;
    const payment = current && current.flow && current.flow.payment;
    const countdown = this.#view.panel.querySelector('.countdown');
    const progress = this.#view.panel.querySelector('progress');
    if (!payment || !countdown) return;
    const L = this.#view.locale;
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
}
