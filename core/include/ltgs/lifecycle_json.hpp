#pragma once
// The lifecycle and polling policy as JSON text in, JSON reports out: the shape the wasm bindings expose.
// The JavaScript shell holds a payment as the plain object paymentJson() writes and hands it back with
// each event, so the state machine stays a pure function and a payment can be kept in sessionStorage.

#include <cstdint>
#include <string>
#include <string_view>

#include "ltgs/lifecycle.hpp"
#include "ltgs/poll_policy.hpp"
#include "ltgs/result.hpp"

namespace ltgs {

// {"saleReferenceId","amountRwf","state":"PENDING","initiatedAtMs","acceptedAtMs","expiresAtMs",
//  "initiateInFlight","initiateAttempts","pollCount","unknownStatusCount","refusedResponseCount",
//  "lastOutcome":"pending","lastHttpStatus","lastStatus","paymentRefId","paymentChannel","paidOn",
//  "amountPaidRwf","lastErrorCode","stoppedWaiting","failureReason","failureCode","ltgsExpiresAtMs"}; absent
//  optionals are null. failureCode is failureReasonCode(failureReason) ("failure.insufficient_funds", … or ""),
//  written for the widget and not read back. Carries no customer data.
std::string paymentJson(const Payment& payment);
// The inverse. Code payment.invalid (field "payment") for anything that paymentJson could not have written.
Result<Payment> parsePaymentJson(std::string_view json);

// Events as JSON objects, "kind" first:
//   {"kind":"validateOk"} {"kind":"initiateSent","atMs":…,"lifetimeMs":…} {"kind":"cancel"}
//   {"kind":"initiateResponse","body":"<2xx response text>","atMs":…}     → applyInitiateResponseJson
//   {"kind":"initiateFailed","failure":"networkError|timeout|httpStatus|malformedJson","httpStatus":…}
//   {"kind":"statusBody","body":"<2xx status response text>"}             → applyStatusJson
//   {"kind":"statusFetchFailed","failure":…,"httpStatus":…} {"kind":"expiryReached","atMs":…}
// Report: {"ok":true,"payment":{…},"reason":"status.paid","refused":false,"errors":[…]}, or
// {"ok":false,"error":{…}} (codes payment.invalid, event.invalid, json.*) when the input is not usable.
std::string applyEventReport(std::string_view paymentJsonText, std::string_view eventJson);

// {"ok":true,"payment":{…}} for a new Draft payment; lifecycle.invalid_payment for a bad reference or amount.
std::string draftPaymentReport(std::string_view saleReferenceId, std::int64_t amountRwf);

// Poll settings from JSON ("" for defaults): firstDelayMs, backoffFactor, maxDelayMs, jitter, hiddenDelayMs,
// notFoundGraceMs, maxRetryAfterMs, lifetimeMs. Code settings.invalid / settings.unknown.
Result<PollSettings> parsePollSettingsJson(std::string_view json);

// The next step for a payment: input {"nowMs","finalCheckDone","retryAfter":"<header text or null>",
// "pageHidden","random01"}. Report: {"ok":true,"action":"pollAgain|finalCheck|stopExpired|stopError",
// "delayMs":…,"code":"poll.next"} or {"ok":false,"error":{…}}. A payment not yet sent answers action "idle"
// (code poll.not_started) and one in a terminal state "done" (poll.done): neither is polled.
std::string nextPollReport(std::string_view paymentJsonText, std::string_view inputJson, std::string_view settingsJson);

}  // namespace ltgs
