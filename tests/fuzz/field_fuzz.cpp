// The free-text and identifier fields (parseServicesName, parseSaleReference) and validateFieldReport, the
// per-field API the form calls while the customer types. Input: "<wire field name>\n~~~\n<value>", or just a
// value (then every field gets it). Invariants: Services_Name results are valid UTF-8, trimmed, 1-100 code
// points without control or bidi-override characters, and parse back to themselves; references are 1-64
// characters of [A-Za-z0-9_.-]; the report is valid JSON and agrees with validateField.
#include "fuzz_support.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/report.hpp"
#include "ltgs/text.hpp"

namespace {

void checkServicesName(std::string_view input) {
  const ltgs::Result<std::string> r = ltgs::parseServicesName(input);
  FUZZ_CHECK(fuzz::Report{ltgs::parseServicesNameReport(input)}.ok() == r.ok(), input);  // and checks the report
  if (!r) {
    fuzz::checkError(r.error(), "services_name.");
    return;
  }
  const std::string& name = r.value();
  FUZZ_CHECK(ltgs::isValidUtf8(name), name);
  const std::size_t n = ltgs::codePointCount(name);
  FUZZ_CHECK(n >= 1 && n <= 100, name);
  FUZZ_CHECK(input.find(name) != std::string_view::npos, name);  // kept unchanged, only trimmed
  for (const std::string_view refused : {"\xE2\x80\xAE", "\xE2\x80\xAA", "\xE2\x81\xA6", "\xE2\x80\xA8", "\x7F"})
    FUZZ_CHECK(name.find(refused) == std::string::npos, name);
  for (const char c : name) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20, name);
  const ltgs::Result<std::string> again = ltgs::parseServicesName(name);
  FUZZ_CHECK(again && again.value() == name, name);
}

void checkReference(std::string_view input) {
  const ltgs::Result<std::string> r = ltgs::parseSaleReference(input);
  FUZZ_CHECK(fuzz::Report{ltgs::parseSaleReferenceReport(input)}.ok() == r.ok(), input);  // and checks the report
  if (!r) {
    fuzz::checkError(r.error(), "reference.");
    return;
  }
  FUZZ_CHECK(r.value() == input && !input.empty() && input.size() <= 64, input);
  for (const char c : input)
    FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-' ||
                   c == '.',
               input);
}

void checkField(std::string_view field, std::string_view value) {
  const ltgs::JsonScalar scalar = ltgs::JsonScalar::string(std::string(value));
  const fuzz::Report report(ltgs::validateFieldReport(field, scalar, ""));
  const ltgs::Result<ltgs::JsonScalar> r = ltgs::validateField(field, scalar, ltgs::ValidationSettings{});
  FUZZ_CHECK(report.ok() == r.ok(), value);
  if (!r) {
    if (r.error().code == "field.unknown") FUZZ_CHECK(r.error().field == field, field);  // echoes the name, even ""
    else fuzz::checkError(r.error());
    FUZZ_CHECK(report.code() == r.error().code, value);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string_view> parts = fuzz::split(fuzz::text(data, size), 2);
  const std::string_view value = parts.back();
  checkServicesName(value);
  checkReference(value);
  if (parts.size() == 2) {
    checkField(parts[0], value);
  } else {
    for (const char* field : ltgs::kPaymentRequestFields) checkField(field, value);
  }
  return 0;
}
