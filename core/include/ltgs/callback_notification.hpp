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

// LTGS "Callback Notification" (also the shape of a status response). Payment_Status is kept as sent;
// what it means for a payment is the lifecycle's decision, not the parser's.
struct CallbackNotification {
  std::string saleReferenceId;                    // Sale_Reference_ID
  std::string paymentStatus;                      // Payment_Status, trimmed, as sent ("PAID", …)
  std::optional<std::string> paymentChannel;      // Payment_Channel: "MTN MoMo", …
  std::optional<std::string> paymentRefId;        // Payment_Ref_ID
  std::optional<std::int64_t> totalAmountPaid;    // Total_Amount_Paid, whole francs
  std::optional<LocalDateTime> paidOn;            // Paid_On
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
// paid_on.wrong_type, paid_on.invalid_format, paid_on.invalid_date.
CallbackParse parseCallbackNotification(std::string_view json);

std::string toJson(const CallbackNotification& notification);

}  // namespace ltgs
