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

// Events as JSON objects, "kind" first (applyEventReport, report.hpp):
//   {"kind":"validateOk"} {"kind":"initiateSent","atMs":…,"lifetimeMs":…} {"kind":"cancel"} {"kind":"resumeWaiting"}
//   {"kind":"initiateResponse","body":"<2xx response text>","atMs":…}     → applyInitiateResponseJson
//   {"kind":"initiateFailed","failure":"networkError|timeout|httpStatus|malformedJson","httpStatus":…}
//   {"kind":"statusBody","body":"<2xx status response text>"}             → applyStatusJson
//   {"kind":"statusFetchFailed","failure":…,"httpStatus":…} {"kind":"expiryReached","atMs":…}

// Poll settings from JSON ("" for defaults): firstDelayMs, backoffFactor, maxDelayMs, jitter, hiddenDelayMs,
// notFoundGraceMs, maxRetryAfterMs, lifetimeMs. Codes (field "pollSettings"): settings.invalid, settings.unknown, json.*.
Result<PollSettings> parsePollSettingsJson(std::string_view json);

}  // namespace ltgs
