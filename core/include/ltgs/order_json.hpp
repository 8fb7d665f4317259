#pragma once
// The order model as JSON text in, JSON reports out: the shape the wasm bindings expose to the widget,
// the partner's backend and the sandbox. Reports are {"ok":true,…} or {"ok":false,"error":{field,code,message}}.
//
// An order travels as {"reference":"…","amountRwf":15000,"attempts":[ATTEMPT,…]} and an attempt as
// {"number":2,"state":"PENDING","startedAtMs":…,"expiresAtMs":…,"paymentRefId":null,"amountPaidRwf":null}
// (paymentRefId and amountPaidRwf may be left out). Anything else is refused with order.invalid (field
// "order") or attempt.invalid (field "attempt"): a typo in the partner's store is an error, not a default.

#include <cstdint>
#include <string>
#include <string_view>

#include "ltgs/order.hpp"
#include "ltgs/result.hpp"

namespace ltgs {

Result<Order> parseOrderJson(std::string_view json);
Result<Attempt> parseAttemptJson(std::string_view json);
std::string attemptJson(const Attempt& attempt);

// {"ok":true,"reference":"X-R2"} or the error (order references that cannot carry attempts, a number out of
// 1 … 20: order.too_many_attempts).
std::string attemptReferenceReport(std::string_view orderReference, std::int64_t number);
// {"ok":true,"orderReference":"X","number":2,"reference":"X-R2"} or parseAttemptReference's error.
std::string parseAttemptReferenceReport(std::string_view saleReferenceId);
// {"ok":true,"value":"MTN_MOMO"} or parsePaymentMethod's error.
std::string paymentMethodReport(const struct JsonScalar& value);

// {"ok":true,"decision":"newAttempt|resend|refused","code","message","number","retryAtMs","recheckFirst",
//  "nextReference","reference"} ("reference": the Sale_Reference_ID of `number`, "" when there is none).
std::string decideInitiationReport(std::string_view orderJson, std::int64_t requestedNumber, std::int64_t nowMs);
// {"ok":true,"attempt":{…}} for a new PENDING attempt.
std::string startAttemptReport(std::int64_t number, std::int64_t nowMs, std::int64_t lifetimeMs);
// LTGS's status document (text, parsed by the core) applied to an attempt:
// {"ok":true,"attempt":{…},"code":"attempt.paid","changed":true,"status":{…parsed notification…}}, or
// {"ok":false,"error":…} for an unusable attempt or status document.
std::string applyAttemptStatusReport(std::string_view attemptJsonText, std::int64_t orderAmountRwf,
                                     std::string_view statusJson);
// {"ok":true,"attempt":{…}} with a PENDING attempt made REJECTED.
std::string rejectAttemptReport(std::string_view attemptJsonText);
// {"ok":true,"state":"PAID","paidAttempt":1,"duplicateAttempts":[3],"mismatchAttempts":[],"amountPaidRwf",
//  "refundDueRwf","openAttempt":null,"attemptCount","nextAttemptNumber","nextReference"}
std::string orderStatusReport(std::string_view orderJson);
// The rules every caller shares: {"ok":true,"methods":["MTN_MOMO",…],"finalStatuses":["PAID",…],
// "retryAfter":["FAILED","EXPIRED","CANCELLED"],"maxAttempts":20,"maxOrderReferenceLength":60}
std::string checkoutRulesReport();

}  // namespace ltgs
