#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ltgs/json_value.hpp"
#include "ltgs/phone.hpp"
#include "ltgs/result.hpp"
#include "ltgs/settings.hpp"

namespace ltgs {

// LTGS "Initiate a Payment Request", normalised. Serialised with LTGS's exact field names.
struct PaymentRequest {
  std::string saleReferenceId;    // Sale_Reference_ID
  std::string customerKycId;      // Customer_KYC_ID: 16 digits, spaces removed
  PhoneNumber phone;              // Phone_Number: sent in the 10-digit local form
  std::string emailAddress;       // Email_Address: "" when optional and not given
  std::string servicesName;       // Services_Name: trimmed
  std::int64_t totalAmountToPay;  // Total_Amount_to_Pay: whole francs, RWF has no minor unit in use
  std::string callbackUrl;        // Callback_URL
};

// The payload as received, field by field, before validation.
struct RawPaymentRequest {
  JsonScalar saleReferenceId, customerKycId, phoneNumber, emailAddress, servicesName, totalAmountToPay,
      callbackUrl;
};

struct Validation {
  std::optional<PaymentRequest> request;  // set iff errors is empty
  std::vector<FieldError> errors;         // every problem at once, in field order
};

// The wire names, in LTGS's order.
extern const char* const kPaymentRequestFields[7];

// Validates and normalises every field; reports all problems. Never throws.
// Besides each field parser's codes, every field has "<prefix>.required" (absent, null or blank) and
// "<prefix>.wrong_type" (e.g. a number where a string belongs), prefixes reference, national_id, phone,
// email, services_name, amount, callback_url. On the wire Total_Amount_to_Pay must be a JSON number holding
// whole francs (a string is amount.wrong_type); beyond 2^53 - 1 it is amount.too_large.
Validation validate(const RawPaymentRequest& raw, const ValidationSettings& settings);

// Parses a JSON payload (at most 64 KiB, one flat object, no duplicate keys) and validates it.
// Document-level codes, on field "$": json.too_large, json.malformed, json.not_object, json.duplicate_key,
// json.too_deep. Unknown members are ignored.
Validation validateJson(std::string_view json, const ValidationSettings& settings);

// One field, as a form sends it while the customer types: `field` is the wire name. For
// Total_Amount_to_Pay a string is read with parseAmount (what a person types) and a number must be whole.
// The normalised value is returned as a JsonScalar (string, or integer for the amount).
Result<JsonScalar> validateField(std::string_view field, const JsonScalar& value,
                                 const ValidationSettings& settings);

// The exact JSON payload LTGS expects, fields in LTGS's order, Phone_Number in local form.
std::string toJson(const PaymentRequest& request);

}  // namespace ltgs
