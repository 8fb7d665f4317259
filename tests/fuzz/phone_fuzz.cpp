// parsePhone (Phone_Number). Invariants: a valid number is 07XXXXXXXX with its +250 form; its local and E.164
// forms parse back to the same number; validateField agrees; the report is valid JSON.
#include "fuzz_support.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/phone.hpp"
#include "ltgs/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text(data, size);
  const ltgs::Result<ltgs::PhoneNumber> r = ltgs::parsePhone(input);
  const fuzz::Report report(ltgs::parsePhoneReport(input));
  FUZZ_CHECK(report.ok() == r.ok(), input);
  const ltgs::Result<ltgs::JsonScalar> field =
      ltgs::validateField("Phone_Number", ltgs::JsonScalar::string(std::string(input)), ltgs::ValidationSettings{});
  if (!r) {
    fuzz::checkError(r.error(), "phone.");
    FUZZ_CHECK(r.error().field == "Phone_Number", r.error().field);
    FUZZ_CHECK(!field && field.error().code == r.error().code, input);
    return 0;
  }
  const ltgs::PhoneNumber& p = r.value();
  FUZZ_CHECK(p.local.size() == 10 && p.local.substr(0, 2) == "07", p.local);
  for (const char c : p.local) FUZZ_CHECK(c >= '0' && c <= '9', p.local);
  FUZZ_CHECK(p.e164 == "+250" + p.local.substr(1), p.e164);
  for (const std::string& again : {p.local, p.e164}) {
    const ltgs::Result<ltgs::PhoneNumber> r2 = ltgs::parsePhone(again);
    FUZZ_CHECK(r2 && r2.value().local == p.local && r2.value().e164 == p.e164 && r2.value().op == p.op, again);
  }
  FUZZ_CHECK(report.text("local") == p.local && report.text("e164") == p.e164, input);
  FUZZ_CHECK(field && field.value().kind == ltgs::JsonScalar::Kind::String && field.value().text == p.local, input);
  return 0;
}
