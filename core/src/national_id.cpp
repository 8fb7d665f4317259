#include "ltgs/national_id.hpp"

#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr std::size_t kNationalIdLength = 16;
constexpr int kMinBirthYear = 1900;

FieldError idError(const char* code, const char* message) { return FieldError{"Customer_KYC_ID", code, message}; }

}  // namespace

Result<std::string> parseNationalId(std::string_view text, int currentYear) {
  std::string digits;
  // A hyphen joins two groups of digits, as on a card or in a form ("1199-0700-1234-5012"): one between digits
  // (spaces around it allowed) is removed like a space; a leading, trailing or doubled one is refused, so
  // that "-1199…" is not read as a number.
  bool hyphenOpen = false;   // a hyphen is waiting for the digit after it
  bool afterDigit = false;   // the last character that was not white space is a digit
  for (const char c : text) {
    if (isAsciiDigit(c)) {
      digits.push_back(c);
      hyphenOpen = false;
      afterDigit = true;
    } else if (c == '-' && afterDigit) {
      hyphenOpen = true;
      afterDigit = false;
    } else if (c != ' ' && c != '\t') {
      return idError("national_id.invalid_characters",
                     "The national ID may contain only digits (spaces, and hyphens between digits, are removed).");
    }
  }
  if (hyphenOpen)
    return idError("national_id.invalid_characters",
                   "The national ID may contain only digits (spaces, and hyphens between digits, are removed).");
  if (digits.empty()) return idError("national_id.required", "The national ID number is required.");
  if (digits.size() != kNationalIdLength)
    return idError("national_id.wrong_length", "The national ID number has exactly 16 digits.");
  // Category: 1 Rwandan citizen; 2 and 3 refugee or foreign resident (sources disagree on which is which).
  if (digits[0] < '1' || digits[0] > '3')
    return idError("national_id.bad_category", "A national ID number starts with 1, 2 or 3.");
  const int year = (digits[1] - '0') * 1000 + (digits[2] - '0') * 100 + (digits[3] - '0') * 10 + (digits[4] - '0');
  if (year < kMinBirthYear || (currentYear > 0 && year > currentYear))
    return idError("national_id.implausible_birth_year",
                   "Digits 2 to 5 of the national ID are the year of birth, and this year is not plausible.");
  return digits;
}

}  // namespace ltgs
