// The attempts of one order, between the form and the screens: each Pay starts an attempt (a PaymentFlow with
// the attempt's Sale_Reference_ID, by the core's rules in rules.js), and its events decide what is shown and
// what the partner hears. A used-up attempt reference named by the partner's backend is re-sent once with the
// next one; an attempt the customer left is watched quietly until LTGS ends it; "Try again" takes the next
// number; a pending payment is saved (saved-state.js) and resumed after a reload.

import { PaymentFlow } from './payment-flow.js';
import { attemptReference } from './rules.js';
import { outcomeOf, refusalError, statusDetail } from './outcomes.js';
import { WAIT_EARLIER } from './result-screens.js';
import { t } from './i18n.js';

// Refusals that name the attempt reference to use instead (nextReference).
const USE_NEXT_REFERENCE = new Set(['order.attempt_ended', 'order.attempt_out_of_sequence']);

export class Attempts {
  // The attempt on screen, { number, method, request, initiation, flow }: request is what was sent (no
  // customer details when resumed), initiation what its response carried (QR_Payload, USSD_Code).
  current = null;
  watches = new Set();  // attempts the customer stopped waiting for and left: still checked, quietly
  paid = new Set();     // the references whose ltgs:success was emitted
  refusal = null;       // the partner's backend's refusal on screen, { httpStatus, code, errors, retryAtMs, nextReference }
  lastOutcome = null;
  ended = false;
  neverAccepted = false;
  #core;
  #checkout;
  #attempt = 1;          // the attempt number of the attempt on screen, or of the one the form starts
  #usedAttempt = 0;      // the highest attempt number of this order that may exist at LTGS
  #resubmits = 0;        // automatic re-submissions left for this submit (a used-up attempt reference)

  // checkout: the element's parts (checkout-element.js).
  constructor(checkout) {
    this.#core = checkout.core;
    this.#checkout = checkout;
  }

  // The order as this page last left it (saved-state.js): its payment resumed, else the form with the next
  // attempt number. Returns the resumed payment's { number, method, payment, … }, or null.
  begin() {
    const saved = this.#checkout.saved.read();
    this.#usedAttempt = saved ? saved.attempt : 0;
    this.#attempt = this.#usedAttempt + 1;
    if (saved && saved.resume) {
      this.#resume(saved.resume);
      return saved.resume;
    }
    this.#renderForm();
    return null;
  }

  #orderReference() {
    return this.#checkout.options.payment.Sale_Reference_ID;
  }

  // The Sale_Reference_ID the form would send (attempt #attempt), or null when the core has none to give.
  formReference() {
    return this.#core ? attemptReference(this.#orderReference(), this.#attempt, this.#core) : this.#orderReference();
  }

  // The Sale_Reference_ID on screen: the attempt's, else the form's (the order's when no attempt is left).
  reference() {
    if (this.current && this.current.flow) return this.current.flow.payment.saleReferenceId;
    return this.formReference() || this.#orderReference();
  }

  retryAllowedAfter(state) {
    return this.#checkout.rules.retryAfter.includes(state);
  }

  // A state the payment ends in: LTGS's final statuses, and AMOUNT_MISMATCH (paid, with another amount).
  #isFinal(state) {
    return this.#checkout.rules.finalStatuses.includes(state) || state === 'AMOUNT_MISMATCH';
  }

  #markUsed(number) {
    if (Number.isSafeInteger(number) && number > this.#usedAttempt) this.#usedAttempt = number;
  }

  #save() {
    this.#checkout.saved.save([this.current, ...this.watches], this.#usedAttempt);
  }

  #renderForm() {
    this.refusal = null;
    this.#checkout.form.render();
  }

  // Pay in the form, with the request the core validated and the way to pay chosen.
  submit(validRequest, method) {
    if (!this.formReference()) {  // the core gives this order no further attempt
      this.#showRefusal(null, { httpStatus: 0, code: 'order.too_many_attempts', errors: [], retryAtMs: null, nextReference: null });
      return;
    }
    const { Callback_URL: _partnerAddsIt, ...request } = validRequest;
    this.#resubmits = 1;
    this.#startAttempt({
      number: this.#attempt, method, request: { ...request, Payment_Method: method }, initiation: null,
    });
  }

  // Starts one attempt (or, with a saved payment, resumes it) and shows it.
  #startAttempt(record, payment) {
    const o = this.#checkout.options;
    const doc = this.#checkout.view.doc;
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
      document: doc,
      window: doc.defaultView,
    });
    record.flow = flow;
    flow.addEventListener('initiated', (e) => this.#onInitiated(record, e.detail));
    flow.addEventListener('change', (e) => this.#onChange(record, e.detail));
    flow.addEventListener('end', (e) => this.#onEnd(record, e.detail));
    flow.addEventListener('connection', (e) => this.#checkout.waiting.onConnection(record, e.detail));
    this.current = record;
    this.#attempt = record.number;
    this.ended = false;
    this.lastOutcome = null;
    this.refusal = null;
    this.#checkout.waiting.show();
    flow.start();
  }

  #onInitiated(record, detail) {
    const r = detail.response || {};
    record.initiation = {
      qrPayload: typeof r.QR_Payload === 'string' ? r.QR_Payload : undefined,
      ussdCode: typeof r.USSD_Code === 'string' ? r.USSD_Code : undefined,
    };
    this.#save();
    if (record === this.current && !record.flow.payment.stoppedWaiting) this.#checkout.waiting.show();
  }

  #onChange(record, detail) {
    if (detail.refused) return;
    const { view, waiting } = this.#checkout;
    const payment = detail.payment;
    const state = payment.state;
    const onScreen = record === this.current;
    // A final state is announced by its result screen (renderResult), once; a stop by its own screen.
    if (onScreen && state !== detail.previousState && !this.#isFinal(state) && !payment.stoppedWaiting) {
      view.announce(t(view.locale, `status.${state}`));
    }
    if (state === 'PENDING') this.#markUsed(record.number);
    this.#save();
    // A refused initiation is reported with the partner's backend's reason when the flow ends (#onEnd).
    if (detail.reason !== 'initiate.rejected') this.emitStatus(record, detail.reason);
    waiting.promptCheckAnswered(record, detail.reason);
    if (!onScreen) return;
    if (detail.reason === 'lifecycle.stopped_waiting' || detail.reason === 'lifecycle.waiting_again') waiting.show();
    else if (state === 'PENDING' && detail.previousState !== 'PENDING' && !payment.stoppedWaiting) waiting.show();
  }

  // ltgs:status for this attempt (outcomes.js, statusDetail).
  emitStatus(record, reason, error) {
    this.#checkout.emit('status', statusDetail(record, reason, error));
  }

  #onEnd(record, outcome) {
    if (record === this.current) this.#checkout.waiting.stopTicker();
    if (outcome.closed) {  // close() or dispose(): nothing more to show
      this.watches.delete(record);
      return;
    }
    const state = outcome.state;
    if (record !== this.current) {
      this.watches.delete(record);
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
    const { emit, results } = this.#checkout;
    if (outcome.error) {  // the status endpoint refused us: the payment may still complete
      const httpStatus = outcome.payment && outcome.payment.lastHttpStatus;
      this.lastOutcome = this.#outcome('PENDING', record, httpStatus ? { ...outcome.error, httpStatus } : outcome.error);
      results.renderResult('error');
      emit('failure', this.lastOutcome);
      return;
    }
    this.ended = true;
    this.#markUsed(record.number);
    this.neverAccepted = Boolean(outcome.payment && outcome.payment.acceptedAtMs === null);
    this.lastOutcome = this.#outcome(state, record);
    this.#save();  // the attempt number stays, for the next attempt after a reload
    results.renderResult(state);
    if (state === 'PAID') this.#emitSuccess(this.lastOutcome);
    else if (!this.paid.size) emit('failure', this.lastOutcome);
  }

  #emitSuccess(outcome) {
    if (this.paid.has(outcome.reference)) return;
    this.paid.add(outcome.reference);
    this.#checkout.emit('success', outcome);
  }

  // The screen tells the customer to wait for (or that they may wait for) an attempt they left.
  #waitingOnWatch() {
    return this.#checkout.view.screen === 'refused' && Boolean(this.refusal) && WAIT_EARLIER.has(this.refusal.code);
  }

  // An attempt the customer had left comes back on screen. The attempt that was there, if it is still
  // running, is watched quietly in its place (it may be approved too: its answer is still wanted).
  #takeOver(record) {
    const previous = this.current;
    this.current = record;
    this.#attempt = record.number;
    this.refusal = null;
    if (previous && previous !== record && previous.flow && previous.flow.active) {
      if (!previous.flow.payment.stoppedWaiting) previous.flow.stopWaiting();
      if (previous.flow.active) this.watches.add(previous);
    }
  }

  // An attempt the customer had left ended unpaid: now that LTGS says so, it is "not paid", and said to the
  // partner (unless the bill was paid by another attempt). The screen stays with what the customer does now.
  #watchEnded(record, outcome) {
    this.#markUsed(record.number);
    this.#save();
    if (this.paid.size) return;
    const { emit } = this.#checkout;
    if (outcome.rejection) emit('failure', this.#outcome('FAILED', record, refusalError(outcome.rejection)));
    else emit('failure', this.#outcome(outcome.error ? 'PENDING' : outcome.state, record, outcome.error));
  }

  // The partner's backend would not start this attempt. When it names the attempt reference to use instead
  // and that is one of this order's, the attempt is sent again with it, once per submit; any other refusal
  // is said in words.
  #onRejected(record, refusal) {
    if (USE_NEXT_REFERENCE.has(refusal.code) && refusal.nextReference && this.#resubmits > 0) {
      const parsed = this.#core.parseAttemptReference(refusal.nextReference);
      const next = parsed.ok ? parsed.value : null;
      if (next && next.orderReference === this.#orderReference() && next.number !== record.number) {
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

  // record: the refused attempt (null when the core itself has no attempt left to give).
  #showRefusal(record, refusal) {
    const code = refusal.code;
    const error = refusalError(refusal);
    this.lastOutcome = this.#outcome('FAILED', record, error);
    if (refusal.retryAtMs !== null) this.lastOutcome.error.retryAtMs = refusal.retryAtMs;
    if (record) this.emitStatus(record, error.code, this.lastOutcome.error);
    if (!code) {  // refused without a reason: a failed attempt, and the next one may be tried
      this.ended = true;
      if (record) this.#markUsed(record.number);
      this.#save();
      this.neverAccepted = true;
      this.#checkout.results.renderResult('FAILED');
    } else {
      this.refusal = refusal;
      this.#checkout.results.renderRefused();
    }
    this.#checkout.emit('failure', this.lastOutcome);
  }

  #outcome(status, record = this.current, error) {
    const { options, form } = this.#checkout;
    const order = { reference: this.reference(), amount: options.payment.Total_Amount_to_Pay, method: form.method };
    return outcomeOf(status, record, error, order);
  }

  // ltgs:close's outcome: the attempt the customer stopped waiting for, else how the last one ended.
  closeOutcome() {
    const current = this.current;
    if (current && current.flow && current.flow.active && current.flow.payment.stoppedWaiting) {
      return { ...this.#outcome('CLOSED', current), stoppedWaiting: true };
    }
    return this.lastOutcome && this.lastOutcome.status !== 'PENDING' ? this.lastOutcome : this.#outcome('CLOSED');
  }

  // Polling stops with the checkout, except for a payment the customer stopped waiting for (the flow's
  // close() keeps watching it).
  stopFlow() {
    this.#checkout.waiting.stopTicker();
    if (this.current && this.current.flow) this.current.flow.close();
  }

  // Opened again, or "Check again": the attempt on screen goes on from its saved payment if its flow stopped.
  resumeIfStopped() {
    if (this.ended || this.refusal) return;
    if (this.current && this.current.flow && this.current.flow.active) return;
    const saved = this.#checkout.saved.read();
    const screen = this.#checkout.view.screen;
    if (saved && saved.resume) {
      this.#resume(saved.resume);
    } else if (screen === 'waiting' || screen === 'stopped') {
      this.current = null;  // its initiation's answer never came: the form, with the same reference
      this.#renderForm();
    }
  }

  #resume(resume) {
    const watched = [...this.watches].find((r) => r.flow.payment.saleReferenceId === resume.payment.saleReferenceId);
    if (watched) {  // still checked in the background: the same flow comes back on screen
      this.watches.delete(watched);
      this.current = watched;
      this.#attempt = watched.number;
      this.#checkout.waiting.show();
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
      this.current = null;  // a saved payment the core cannot use: start afresh (the attempt number stays)
      this.#save();
      this.#renderForm();
    }
  }

  // A new attempt after one that ended (or that the customer left): the form, with the next number.
  restart() {
    this.current = null;
    this.#attempt = this.#usedAttempt + 1;
    this.ended = false;
    this.lastOutcome = null;
    this.#renderForm();
  }

  // "Pay another way" after stopping: the attempt left stays watched in the background (it may still be
  // approved, and the customer is told if it is), and the form starts the next one.
  payAnotherWay() {
    const record = this.current;
    if (record && record.flow && record.flow.active) {
      this.watches.add(record);
      this.#markUsed(record.number);  // it may have reached LTGS
    }
    this.restart();
  }

  keepWaiting() {
    const record = this.current;
    if (record && record.flow && record.flow.active) record.flow.resumeWaiting();
  }

  // "Keep waiting for the earlier request": the latest attempt the customer left comes back on screen.
  waitForEarlier() {
    const record = [...this.watches].pop();
    if (!record) return;
    this.watches.delete(record);
    this.current = record;
    this.#attempt = record.number;
    this.refusal = null;
    this.ended = false;
    this.lastOutcome = null;
    record.flow.resumeWaiting();  // its change event shows the waiting screen
  }

  // Back to the form after a refusal, with the same attempt number (the refused attempt never started).
  backToForm() {
    this.current = null;
    this.ended = false;
    this.lastOutcome = null;
    this.#renderForm();
  }
}
