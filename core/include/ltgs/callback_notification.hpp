#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ltgs/result.hpp"

namespace ltgs {

// "Paid_On": "YYYY-MM-DD HH:MM:SS", no zone designator (read as Africa/Kigali, UTC+02:00, no DST).
struct LocalDateTime {
  int year, month, day, hour, minute, second;
};
Result<LocalDateTime> parsePaidOn(std::string_view text);
std::string formatPaidOn(const LocalDateTime& t);

// "Expires_At": when LTGS ends a pending payment at the latest, ISO-8601 in UTC: "YYYY-MM-DDTHH:MM:SSZ",
// optionally with a fraction of a second (".123") and "+00:00" for "Z". Epoch milliseconds, or nullopt for
// anything else (another zone, no zone, a date that does not exist, a year before 1970 or after 9999).
std::optional<std::int64_t> parseExpiresAt(std::string_view text) noexcept;

// LTGS "Callback Notification" (also the shape of a status response). Payment_Status is kept as sent;
// what it means for a payment is the lifecycle's decision, not the parser's.
struct CallbackNotification {
  std::string saleReferenceId;                    // Sale_Reference_ID
  std::string paymentStatus;                      // Payment_Status, trimmed, as sent ("PAID", …)
  std::optional<std::string> paymentChannel;      // Payment_Channel: "MTN MoMo", …
  std::optional<std::string> paymentRefId;        // Payment_Ref_ID
  std::optional<std::int64_t> totalAmountPaid;    // Total_Amount_Paid, whole francs
  std::optional<LocalDateTime> paidOn;            // Paid_On
  // Two members LTGS does not document (the sandbox sends them, and the partner's backend passes them on),
  // read when well-formed and otherwise ignored: they explain, they never decide a payment's state.
  std::optional<std::string> failureReason;       // Failure_Reason: a code word (isFailureReasonWord)
  std::optional<std::int64_t> expiresAtMs;        // Expires_At (parseExpiresAt), epoch ms
};

struct CallbackParse {
  std::optional<CallbackNotification> notification;  // set iff errors is empty
  std::vector<FieldError> errors;
};

// Never throws. Sale_Reference_ID and Payment_Status are required; the other members may be absent or
// null, except that a PAID notification (any case, surrounding spaces ignored) must carry
// Total_Amount_Paid and Paid_On. Document-level codes as validateJson's; field codes:
// reference.*, status.required, status.wrong_type, status.invalid, channel.wrong_type, channel.invalid,
// payment_ref.wrong_type, payment_ref.invalid, amount_paid.required, amount_paid.wrong_type,
// amount_paid.not_whole_francs, amount_paid.negative, amount_paid.too_large, paid_on.required,
// paid_on.wrong_type, paid_on.invalid_format, paid_on.invalid_date. Failure_Reason and Expires_At are read
// when well-formed; in any other form they are left out, never an error.
CallbackParse parseCallbackNotification(std::string_view json);

// LTGS's six documented members (Failure_Reason and Expires_At are not written).
std::string toJson(const CallbackNotification& notification);

}  // namespace ltgs
