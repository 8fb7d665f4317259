#include "ltgs/phone.hpp"

#include "ltgs/codes.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr std::string_view kCountryCode = "250";
constexpr std::size_t kNsnLength = 9;  // national significant number, 9-digit plan since 2009
constexpr std::int64_t kLocalLength = 10;  // the local form: the trunk 0 and the NSN

struct PrefixRule {
  std::string_view prefix;  // first digits of the national significant number
  Operator op;
  const char* source;
};

// +250 mobile ranges (libphonenumber RW mobile pattern 7[237-9]\d{7}). A prefix names the range's
// original operator: a ported number keeps its prefix, so this is a hint once portability is live.
constexpr PrefixRule kMobileRanges[] = {
    {"78", Operator::Mtn, "RURA numbering plan; libphonenumber carrier/en/250.txt"},
    {"79", Operator::Mtn, "MTN Rwanda range opened 2021; libphonenumber 8.12.23"},
    {"72", Operator::Airtel, "former Tigo range, Airtel since 2018; libphonenumber carrier file"},
    {"73", Operator::Airtel, "RURA numbering plan; libphonenumber carrier/en/250.txt"},
    {"77", Operator::Ktrn, "KT Rwanda Networks; libphonenumber 8.13.20"},
};

bool isSeparator(char c) noexcept { return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '(' || c == ')'; }


bool startsWith(std::string_view s, std::string_view p) noexcept { return s.substr(0, p.size()) == p; }

}  // namespace

const char* operatorName(Operator op) noexcept {
  switch (op) {
    case Operator::Mtn: return "MTN";
    case Operator::Airtel: return "Airtel";
    case Operator::Ktrn: return "KTRN";
  }
  return "";
}

bool operatorHasWallet(Operator op) noexcept { return op != Operator::Ktrn; }

Result<PhoneNumber> parsePhone(std::string_view text) {
  const std::string_view trimmed = trimWhitespace(text);
  if (trimmed.empty()) return codeError("phone.required");

  // Keep the digits; a single '+' may only lead.
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    const char c = trimmed[i];
    if (isAsciiDigit(c)) {
      digits.push_back(c);
    } else if (c == '+' && i == 0) {
      plus = true;
    } else if (!isSeparator(c)) {
      return codeError("phone.invalid_characters");
    }
  }
  if (digits.empty()) return codeError("phone.too_short", {ErrorParam::of("length", kLocalLength)});

  // Strip the international part to reach the national significant number (NSN).
  std::string_view nsn = digits;
  bool international = plus;
  if (!plus && startsWith(nsn, "00")) {  // dialled international prefix: 00 (ITU) or 000 (older Rwandan usage)
    nsn.remove_prefix(startsWith(nsn, "000") ? 3 : 2);
    international = true;
  }
  if (international) {
    if (!startsWith(nsn, kCountryCode))
      return codeError("phone.foreign_number");
    nsn.remove_prefix(kCountryCode.size());
    if (startsWith(nsn, "0")) nsn.remove_prefix(1);  // +250 0788…: the trunk 0 typed after the country code
  } else if (startsWith(nsn, kCountryCode) && nsn.size() > kNsnLength) {
    nsn.remove_prefix(kCountryCode.size());  // 250788123456 without '+'
    if (startsWith(nsn, "0")) nsn.remove_prefix(1);
  } else if (startsWith(nsn, "0")) {
    nsn.remove_prefix(1);  // trunk prefix
  }

  // Length first (a number being typed is "too short", whatever its prefix), then the range it falls in.
  const char first = nsn.empty() ? '\0' : nsn.front();
  if (nsn.size() > kNsnLength && first != '7' && !international && digits.front() != '0')
    return codeError("phone.foreign_number");  // 2567…, 2547…: a country code other than 250 without '+'
  if (nsn.size() < kNsnLength) return codeError("phone.too_short", {ErrorParam::of("length", kLocalLength)});
  if (nsn.size() > kNsnLength) return codeError("phone.too_long", {ErrorParam::of("length", kLocalLength)});
  if (first == '2' || startsWith(nsn, "06"))  // fixed-line ranges (?:06|2[23568]\d)\d{6}
    return codeError("phone.landline");
  if (first == '8' || first == '9')  // toll-free 800…, premium 900…
    return codeError("phone.not_mobile");

  for (const PrefixRule& rule : kMobileRanges) {
    if (startsWith(nsn, rule.prefix))
      return PhoneNumber{"0" + std::string(nsn), "+250" + std::string(nsn), rule.op};
  }
  return codeError("phone.unknown_operator");
}

}  // namespace ltgs
