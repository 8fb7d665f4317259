#pragma once
// Why LTGS ended a payment FAILED, for the payer. LTGS's status document may carry Failure_Reason, a code
// word (the sandbox sends INSUFFICIENT_FUNDS and DECLINED_BY_PAYER; LTGS publishes no list, see
// docs/domain.md#uncertain). The words known here become a stable code the widget translates; any other word
// is failure.unknown, which the widget shows as its generic "did not go through" text.

#include <cstddef>
#include <string_view>

namespace ltgs {

// A Failure_Reason as it may be kept and passed on: 1 to 64 ASCII letters, digits and '_'.
constexpr std::size_t kMaxFailureReasonLength = 64;
bool isFailureReasonWord(std::string_view word) noexcept;

// Compared without regard to ASCII case, white space around it ignored, '-' and ' ' read as '_':
//   INSUFFICIENT_FUNDS, INSUFFICIENT_BALANCE, NOT_ENOUGH_FUNDS        → "failure.insufficient_funds"
//   DECLINED_BY_PAYER, PAYER_DECLINED, REJECTED_BY_PAYER, CANCELLED_BY_PAYER, USER_CANCELLED
//                                                                       → "failure.declined_by_payer"
//   EXPIRED, TIMEOUT, TIMED_OUT, APPROVAL_TIMEOUT, PAYER_TIMEOUT, NOT_APPROVED_IN_TIME
//                                                                       → "failure.expired"
//   any other non-empty word                                           → "failure.unknown"
//   an empty one (no reason given)                                     → ""
const char* failureReasonCode(std::string_view word) noexcept;

}  // namespace ltgs
