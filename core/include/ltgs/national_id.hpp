#pragma once

#include <string>
#include <string_view>

#include "ltgs/result.hpp"

namespace ltgs {

// Rwandan national ID (Customer_KYC_ID): 16 digits = category(1) · birth year(4) · gender(1) · serial(7)
// · issue count(1) · check(2). The check digits use a secret algorithm, and LTGS's own sample
// 1199999999999999 has gender digit 9, so only the category and the birth year are checked here.
// Spaces and tabs anywhere are removed, and hyphens between digits ("1199-0700-1234-5012"); a leading,
// trailing or doubled hyphen is refused (national_id.invalid_characters). currentYear 0 skips the upper bound of the birth year.
// Codes: national_id.required, national_id.invalid_characters, national_id.wrong_length,
// national_id.bad_category, national_id.implausible_birth_year.
Result<std::string> parseNationalId(std::string_view text, int currentYear);

}  // namespace ltgs
