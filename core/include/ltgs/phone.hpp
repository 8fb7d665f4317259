#pragma once

#include <string>
#include <string_view>

#include "ltgs/result.hpp"

namespace ltgs {

// The operator that was allocated the number's prefix. With number portability this is a hint, not a fact.
enum class Operator { Mtn, Airtel, Ktrn };

// "MTN", "Airtel" or "KTRN".
const char* operatorName(Operator op) noexcept;
// KTRN (KT Rwanda Networks) is a wholesale 4G network: valid numbers, but no mobile-money wallet.
bool operatorHasWallet(Operator op) noexcept;

struct PhoneNumber {
  std::string local;  // "0788123456": the 10-digit national form LTGS documents
  std::string e164;   // "+250788123456"
  Operator op;
};

// Accepts 0788123456, 788123456, 250788123456, +250788123456, 00250788123456, +2500788123456,
// with spaces, '-', '.', '(' or ')' between digits. Only ASCII digits are accepted.
// Codes: phone.required, phone.invalid_characters, phone.foreign_number, phone.too_short,
// phone.too_long, phone.landline, phone.not_mobile, phone.unknown_operator.
Result<PhoneNumber> parsePhone(std::string_view text);

}  // namespace ltgs
