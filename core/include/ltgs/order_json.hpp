#pragma once
// The order model as JSON text: what the report functions (report.hpp) read and write for the widget, the
// partner's backend and the sandbox.
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

}  // namespace ltgs
