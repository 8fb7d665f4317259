#include "ltgs/national_id.hpp"

#include "ltgs/codes.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr std::size_t kNationalIdLength = 16;
constexpr int kMinBirthYear = 1900;


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
      return codeError("national_id.invalid_characters");
    }
  }
  if (hyphenOpen)
    return codeError("national_id.invalid_characters");
  if (digits.empty()) return codeError("national_id.required");
  if (digits.size() != kNationalIdLength)
    return codeError("national_id.wrong_length", {ErrorParam::of("length", static_cast<std::int64_t>(kNationalIdLength))});
  // Category: 1 Rwandan citizen; 2 and 3 refugee or foreign resident (sources disagree on which is which).
  if (digits[0] < '1' || digits[0] > '3')
    return codeError("national_id.bad_category");
  const int year = (digits[1] - '0') * 1000 + (digits[2] - '0') * 100 + (digits[3] - '0') * 10 + (digits[4] - '0');
  if (year < kMinBirthYear || (currentYear > 0 && year > currentYear))
    return codeError("national_id.implausible_birth_year", {ErrorParam::of("year", static_cast<std::int64_t>(year))});
  return digits;
}

}  // namespace ltgs
