// parseAmount (what a person types in the amount field). Invariants: a result is whole francs in
// 0 … 2^53 - 1; the plain, grouped and currency-marked forms of the result parse back to it; validateField
// agrees (adding only the limits); the report is valid JSON.
#include "fuzz_support.hpp"
#include "ltgs/amount.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/report.hpp"

namespace {
std::string grouped(std::int64_t v, char separator) {  // 2000000 -> "2,000,000"
  std::string digits = std::to_string(v);
  for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, 1, separator);
  return digits;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text(data, size);
  const ltgs::Result<std::int64_t> r = ltgs::parseAmount(input);
  const fuzz::Report report(ltgs::parseAmountReport(input));
  FUZZ_CHECK(report.ok() == r.ok(), input);
  const ltgs::ValidationSettings settings;
  const ltgs::Result<ltgs::JsonScalar> field =
      ltgs::validateField("Total_Amount_to_Pay", ltgs::JsonScalar::string(std::string(input)), settings);
  if (!r) {
    fuzz::checkError(r.error(), "amount.");
    FUZZ_CHECK(!field, input);
    return 0;
  }
  const std::int64_t v = r.value();
  FUZZ_CHECK(v >= 0 && v <= ltgs::kMaxSafeInteger, input);
  FUZZ_CHECK(report.integer(".") == v, input);
  for (const std::string& again : {std::to_string(v), grouped(v, ','), grouped(v, ' '), "RWF " + grouped(v, ','),
                                   std::to_string(v) + " Frw", std::to_string(v) + ".00"}) {
    const ltgs::Result<std::int64_t> r2 = ltgs::parseAmount(again);
    FUZZ_CHECK(r2 && r2.value() == v, again);
  }
  const ltgs::Result<std::int64_t> limited = ltgs::checkAmountLimits(v, settings);
  FUZZ_CHECK(field.ok() == limited.ok(), input);
  if (field) FUZZ_CHECK(field.value().kind == ltgs::JsonScalar::Kind::Integer && field.value().integer == v, input);
  else FUZZ_CHECK(field.error().code == limited.error().code, input);
  return 0;
}
