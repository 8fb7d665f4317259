#include "ltgs/ussd.hpp"

#include "ltgs/codes.hpp"
#include "text_util.hpp"

namespace ltgs {

std::string ussdTelLink(std::string_view dial) {
  std::string link = "tel:";
  for (const char c : dial) {
    if (c == '#') link += "%23";
    else link += c;
  }
  return link;
}

Result<UssdCode> ussdFromTemplate(std::string_view tmpl, std::string_view merchantCode, std::int64_t amountRwf) {
  const char* f = "ussd";
  if (merchantCode.empty() || merchantCode.size() > 20 || !allDigits(merchantCode))
    return codeError("ussd.invalid_merchant_code", {ErrorParam::of("max", std::int64_t{20})}, f);
  if (amountRwf <= 0) return codeError("ussd.invalid_amount", {}, f);
  constexpr std::string_view kMerchant = "{merchantCode}", kAmount = "{amount}";
  std::string dial;
  for (std::size_t i = 0; i < tmpl.size();) {
    const std::string_view rest = tmpl.substr(i);
    if (rest.substr(0, kMerchant.size()) == kMerchant) {
      dial += merchantCode;
      i += kMerchant.size();
    } else if (rest.substr(0, kAmount.size()) == kAmount) {
      dial += std::to_string(amountRwf);
      i += kAmount.size();
    } else if (isAsciiDigit(tmpl[i]) || tmpl[i] == '*' || tmpl[i] == '#') {
      dial += tmpl[i++];
    } else {
      return codeError("ussd.invalid_template", {}, f);
    }
  }
  if (dial.size() < 3 || dial.front() != '*' || dial.back() != '#' || dial.find('#') != dial.size() - 1)
    return codeError("ussd.invalid_template", {}, f);
  return UssdCode{dial, ussdTelLink(dial)};
}

}  // namespace ltgs
