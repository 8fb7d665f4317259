// What the partner hears about the payment: the detail of ltgs:status, and the outcome of ltgs:success,
// ltgs:failure and ltgs:close (see public-api.js and ltgs-checkout.d.ts). Built from an attempt's record
// (attempts.js: { number, method, request, initiation, flow }) and its PaymentFlow's payment.

import { errorMessage } from './i18n.js';

// LTGS's reason for a FAILED payment, as the core read it: { reason (the word as sent), code } or null.
export function failureOf(payment) {
  if (!payment || payment.state !== 'FAILED' || !payment.failureReason) return null;
  return { reason: payment.failureReason, code: payment.failureCode || 'failure.unknown' };
}

// The error of a refusal, for the partner: the backend's code (initiate.rejected when it gave none).
export function refusalError(refusal) {
  const first = refusal.errors.find((e) => e.code === refusal.code);
  const error = { code: refusal.code || 'initiate.rejected', message: first ? first.message : '' };
  if (refusal.httpStatus) error.httpStatus = refusal.httpStatus;
  return error;
}

// ltgs:status: the state and the core's reason, with what the partner needs to act on it: the refusal's
// error (code, httpStatus), the HTTP status of a failed status request (fetch.http_status), LTGS's
// Failure_Reason and its code for a FAILED payment.
export function statusDetail(record, reason, error) {
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
  return detail;
}

// The outcome of `record` ending in `status`, with an error for the partner when there is one. order:
// { amount } to pay, and the { reference, method } the form would send, for when record is null (no attempt).
export function outcomeOf(status, record, error, order) {
  const payment = record && record.flow ? record.flow.payment : null;
  const out = {
    status,
    reference: payment ? payment.saleReferenceId : order.reference,
    paymentRefId: (payment && payment.paymentRefId) || null,
    amount: order.amount,
    method: record ? record.method : order.method,
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
