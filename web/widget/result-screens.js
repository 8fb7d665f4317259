// The screens at the end of an attempt (attempts.js): its result (paid, failed with LTGS's reason, expired,
// cancelled, paid another amount, or a status request refused), and the partner's backend's refusal to
// start it, with only what can help now and, for a refusal that names a time, the wait kept current.

import { el } from './view.js';
import { t, errorMessage, formatAmount, formatTime, formatWait } from './i18n.js';

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
// Refusals after which waiting for an earlier request the customer left still makes sense.
export const WAIT_EARLIER = new Set(['order.attempt_open', 'order.too_many_attempts']);
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ResultScreens {
  #checkout;
  #view;

  // checkout: the element's parts (checkout-element.js).
  constructor(checkout) {
    this.#checkout = checkout;
    this.#view = checkout.view;
  }

  // The attempt's last outcome (attempts.lastOutcome) in `state`, or 'error' when the status endpoint refused us.
  renderResult(state) {
    const view = this.#view;
    const doc = view.doc;
    const L = view.locale;
    const { attempts, options } = this.#checkout;
    const payment = attempts.lastOutcome;
    const amount = formatAmount(options.payment.Total_Amount_to_Pay, L);
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
      el(doc, 'p', {}, state === 'FAILED' && attempts.neverAccepted
        ? t(L, 'error.initiate')
        : t(L, `result.${key}.body`, { amount, service: options.payment.Services_Name })),
      failureCode ? el(doc, 'p', { class: 'reason', 'data-code': failureCode }, errorMessage(L, failureCode)) : null,
    ].filter(Boolean);
    if (payment && payment.paymentRefId) body.push(el(doc, 'p', { class: 'ref' }, t(L, 'result.paymentRef', { ref: payment.paymentRefId })));
    body.push(el(doc, 'p', { class: 'ref' }, t(L, 'result.saleRef', { ref: payment ? payment.reference : attempts.reference() })));
    const actions = el(doc, 'div', { class: 'actions' });
    if (state === 'error') {
      actions.append(view.button('action.checkAgain', () => attempts.resumeIfStopped(), true));
    } else if (attempts.retryAllowedAfter(state) && !attempts.paid.size) {
      // LTGS ended this attempt unpaid (the core's rules): another attempt may start.
      actions.append(view.button('action.retry', () => attempts.restart(), true));
    }
    if (view.dialog) {
      const done = view.button(state === 'PAID' ? 'action.done' : 'action.close', () => this.#checkout.close(), state === 'PAID');
      actions.append(done);
    }
    view.screen = 'result';
    view.show(el(doc, 'div', { class: `result ${tone}` }, ...body), actions);
    if (view.dialog && !view.dialog.open) view.unseen = true;
    view.focusOrAnnounce(t(L, `result.${key}.title`));
  }

  // The partner's backend would not start the payment (attempts.refusal): why, in words, and only what can
  // help now. Never a "Try again" that would be refused the same way: after too many requests, only once the
  // time it names has passed; after a checkout token refusal, nothing (only a reload of the page helps).
  renderRefused() {
    const view = this.#view;
    const doc = view.doc;
    const L = view.locale;
    const { attempts } = this.#checkout;
    const refusal = attempts.refusal;
    const code = refusal.code;
    const titleKey = REFUSAL_TITLES[code] || 'refused.invalid.title';
    const open = code === 'order.attempt_open';
    const rate = RATE_LIMITED[code];
    // The time the refusal names, for the codes that name one: before it, nothing would be accepted.
    const until = (open || rate) && refusal.retryAtMs !== null ? refusal.retryAtMs : null;
    const waitMs = until !== null ? until - Date.now() : null;
    const paid = code === 'order.paid';
    const actions = el(doc, 'div', { class: 'actions' });
    if (WAIT_EARLIER.has(code) && attempts.watches.size) {
      actions.append(view.button('action.waitEarlier', () => attempts.waitForEarlier(), true));
    }
    if (open && waitMs !== null && waitMs <= 0) {
      // The time it named has passed: the partner's backend asks LTGS again before it decides.
      actions.append(view.button('action.payAnotherWay', () => attempts.backToForm(), !attempts.watches.size));
    }
    if (rate && (waitMs === null || waitMs <= 0)) actions.append(view.button('action.retry', () => attempts.backToForm(), true));
    if (!REFUSAL_TITLES[code]) actions.append(view.button('action.back', () => attempts.backToForm(), true));  // a detail to correct
    if (view.dialog) actions.append(view.button('action.close', () => this.#checkout.close()));
    const body = el(doc, 'p', {}, this.#refusalBody(refusal));
    view.screen = 'refused';
    view.show(el(doc, 'div', { class: `result ${paid ? 'result-paid' : 'result-warn'}`, 'data-code': code },
      el(doc, 'p', { class: 'result-icon', 'aria-hidden': 'true' }, paid ? '✓' : '!'),
      el(doc, 'h3', { 'data-focus': true, tabindex: '-1' }, t(L, titleKey)),
      body,
      el(doc, 'p', { class: 'ref' }, t(L, 'result.saleRef', { ref: attempts.reference() }))), actions);
    if (waitMs !== null && waitMs > 0) this.#untilRetry(refusal, body);
    view.focusOrAnnounce(t(L, titleKey));
  }

  // The words of a refusal: the wait before another request in words and as a clock time, else the code's
  // message.
  #refusalBody(refusal) {
    const L = this.#view.locale;
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
  // announced again), then the screen again with what may be done now. The view clears the timer with the
  // next screen.
  #untilRetry(refusal, body) {
    const view = this.#view;
    const win = view.doc.defaultView;
    const next = () => {
      view.screenTimer = null;
      if (view.screen !== 'refused' || this.#checkout.attempts.refusal !== refusal) return;
      const left = refusal.retryAtMs - Date.now();
      if (left <= 0) {
        this.renderRefused();
        return;
      }
      body.textContent = this.#refusalBody(refusal);
      schedule(left);
    };
    // The words change each minute (each second in the last minute); the screen at the time itself.
    const schedule = (left) => {
      const step = left > 60_000 ? (left % 60_000) || 60_000 : Math.min(left, 1000);
      if (step < MAX_TIMER_MS) view.screenTimer = win.setTimeout(next, step);
    };
    schedule(refusal.retryAtMs - Date.now());
  }
}
