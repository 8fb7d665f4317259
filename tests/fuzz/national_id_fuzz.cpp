// parseNationalId (Customer_KYC_ID), without and with an upper bound on the birth year. Invariants: a valid ID
// is 16 ASCII digits, category 1-3, birth year 1900..currentYear; it parses back to itself; validateField agrees.
#include "fuzz_support.hpp"
#include "ltgs/national_id.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text(data, size);
  for (const int currentYear : {0, 2026}) {
    const ltgs::Result<std::string> r = ltgs::parseNationalId(input, currentYear);
    const fuzz::Report report(ltgs::parseNationalIdReport(input, currentYear));
    FUZZ_CHECK(report.ok() == r.ok(), input);
    ltgs::ValidationSettings settings;
    settings.currentYear = currentYear;
    const ltgs::Result<ltgs::JsonScalar> field =
        ltgs::validateField("Customer_KYC_ID", ltgs::JsonScalar::string(std::string(input)), settings);
    if (!r) {
      fuzz::checkError(r.error(), "national_id.");
      FUZZ_CHECK(!field && field.error().code == r.error().code, input);
      continue;
    }
    const std::string& id = r.value();
    FUZZ_CHECK(id.size() == 16, id);
    for (const char c : id) FUZZ_CHECK(c >= '0' && c <= '9', id);
    FUZZ_CHECK(id[0] >= '1' && id[0] <= '3', id);
    const int year = std::stoi(id.substr(1, 4));
    FUZZ_CHECK(year >= 1900 && (currentYear == 0 || year <= currentYear), id);
    const ltgs::Result<std::string> again = ltgs::parseNationalId(id, currentYear);
    FUZZ_CHECK(again && again.value() == id, id);
    FUZZ_CHECK(field && field.value().text == id, input);
  }
  return 0;
}
