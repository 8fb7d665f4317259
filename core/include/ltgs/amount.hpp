#pragma once

#include <cstdint>
#include <string_view>

#include "ltgs/result.hpp"
#include "ltgs/settings.hpp"

namespace ltgs {

// What a person types: "15000", "15,000", "15.000", "15 000", "RWF 15,000", "15 000 Frw", "15000.00".
// Groups of three may be separated by ',', '.', ' ', no-break or narrow no-break space; a decimal part
// of only zeros is allowed (RWF has no minor unit in use), any other is a fraction.
// Codes: amount.required, amount.negative, amount.not_whole_francs, amount.exponent_not_allowed,
// amount.invalid_format, amount.too_large (beyond 2^53 - 1).
Result<std::int64_t> parseAmount(std::string_view text);

// Limits check of a whole-franc amount. Codes: amount.negative, amount.below_minimum, amount.above_maximum.
Result<std::int64_t> checkAmountLimits(std::int64_t francs, const ValidationSettings& settings);

}  // namespace ltgs
