// parseEmail (Email_Address). Invariants: a valid address is at most 254 octets, ASCII, one dot-atom local part
// of at most 64 octets and a lower-case dotted domain; it parses back to itself; validateField agrees.
#include "fuzz_support.hpp"
#include "ltgs/email.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text(data, size);
  const ltgs::Result<std::string> r = ltgs::parseEmail(input);
  const fuzz::Report report(ltgs::parseEmailReport(input));
  FUZZ_CHECK(report.ok() == r.ok(), input);
  ltgs::ValidationSettings settings;
  settings.emailRequired = true;
  const ltgs::Result<ltgs::JsonScalar> field =
      ltgs::validateField("Email_Address", ltgs::JsonScalar::string(std::string(input)), settings);
  if (!r) {
    fuzz::checkError(r.error(), "email.");
    FUZZ_CHECK(!field && field.error().code == r.error().code, input);
    return 0;
  }
  const std::string& email = r.value();
  FUZZ_CHECK(email.size() <= 254, email);
  const std::size_t at = email.rfind('@');
  FUZZ_CHECK(at != std::string::npos && at >= 1 && at <= 64, email);
  FUZZ_CHECK(email.find('.', at) != std::string::npos, email);
  for (std::size_t i = 0; i < email.size(); ++i) {
    const auto c = static_cast<unsigned char>(email[i]);
    FUZZ_CHECK(c > 0x20 && c < 0x7F, email);
    if (i > at) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'), email);
  }
  const ltgs::Result<std::string> again = ltgs::parseEmail(email);
  FUZZ_CHECK(again && again.value() == email, email);
  FUZZ_CHECK(field && field.value().text == email, input);
  return 0;
}
