#pragma once

#include <cstdint>
#include <string_view>

#include "ltgs/result.hpp"

namespace ltgs {

// Merchant-configurable rules. Time is an argument: the caller passes the current year.
struct ValidationSettings {
  // Whole francs. The default ceiling follows the eKash and Airtel per-transaction cap (2,000,000 RWF);
  // LTGS or the operator stays the final judge of its own limits.
  std::int64_t minAmountRwf = 1;
  std::int64_t maxAmountRwf = 2'000'000;
  bool emailRequired = false;
  // Sandbox mode allows a plain-http Callback_URL on localhost / 127.0.0.1 (local development only).
  bool sandbox = false;
  // In the browser the partner's backend adds Callback_URL before forwarding to LTGS, so the widget
  // validates the request without it. Absent, it is then "" in the normalised payload.
  bool callbackUrlRequired = true;
  // Upper bound for the birth year in Customer_KYC_ID. 0 = unknown: only the 1900 lower bound applies.
  int currentYear = 0;
};

// Largest integer that survives a round trip through a JavaScript number (2^53 - 1).
constexpr std::int64_t kMaxSafeInteger = 9'007'199'254'740'991;

// Settings from JSON: "" or "null" → defaults; otherwise an object with any of minAmountRwf, maxAmountRwf
// (whole francs, 0 ≤ min ≤ max ≤ 2^53 - 1), emailRequired, sandbox, callbackUrlRequired (booleans),
// currentYear (0-9999).
// A mistake by the integrating developer is reported, not ignored. Codes (field "settings"):
// settings.invalid (a wrong type or value), settings.unknown (a member we do not know), json.* (option_reader.hpp).
Result<ValidationSettings> parseSettingsJson(std::string_view json);

}  // namespace ltgs
