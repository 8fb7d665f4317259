#pragma once
// USSD dial strings for paying a merchant, and their tel: links. iOS does not dial tel: links that contain
// '*' or '#', so a widget always shows the dial string itself too.

#include <cstdint>
#include <string>
#include <string_view>

#include "ltgs/result.hpp"

namespace ltgs {

struct UssdCode {
  std::string dial;     // "*182*8*1*123456*15000#"
  std::string telLink;  // "tel:*182*8*1*123456*15000%23": '#' starts a URI fragment, so it is percent-encoded
};

// MTN MoMo Pay, as widely implemented in Rwanda (no MTN-published page was found: established practice).
constexpr std::string_view kMtnMomoPayTemplate = "*182*8*1*{merchantCode}*{amount}#";

// The tel: link for a dial string: '#' → "%23", '*' kept (RFC 3966 / RFC 3986 §2.2).
std::string ussdTelLink(std::string_view dial);

// Fills {merchantCode} and {amount} in a template of digits, '*', '#' and those placeholders, ending in '#'.
// Merchant codes are 1-20 digits (leading zeros kept); amounts whole francs.
// Codes: ussd.invalid_template, ussd.invalid_merchant_code, ussd.invalid_amount.
Result<UssdCode> ussdFromTemplate(std::string_view tmpl, std::string_view merchantCode, std::int64_t amountRwf);

}  // namespace ltgs
