// validateRequestJsonReport / validateJson: the whole "Initiate a Payment Request" body from the page.
// Input: "<request JSON>" or "<request JSON>\n~~~\n<settings JSON>". Invariants: the report is valid JSON and
// agrees with validateJson; a request is set iff there are no errors; a document-level error ("$") comes
// alone; field errors come one per field in LTGS's order; a valid request's own payload (toJson) validates
// again to exactly itself, and the report's "request" is that payload.
#include "fuzz_support.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/report.hpp"
#include "ltgs/settings.hpp"

namespace {
int fieldIndex(const std::string& field) {
  for (int i = 0; i < 7; ++i)
    if (field == ltgs::kPaymentRequestFields[i]) return i;
  return -1;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string_view> parts = fuzz::split(fuzz::text(data, size), 2);
  const std::string_view body = parts[0];
  const std::string_view settingsJson = parts.size() > 1 ? parts[1] : std::string_view();
  const fuzz::Report report(ltgs::validateRequestJsonReport(body, settingsJson));
  const ltgs::Result<ltgs::ValidationSettings> settings = ltgs::parseSettingsJson(settingsJson);
  if (!settings) {
    fuzz::checkError(settings.error());
    FUZZ_CHECK(!report.ok() && report.errorCount() == 1, settingsJson);
    FUZZ_CHECK(report.code() == settings.error().code, settingsJson);
    return 0;
  }
  const ltgs::Validation v = ltgs::validateJson(body, settings.value());
  FUZZ_CHECK(v.request.has_value() == v.errors.empty(), body);
  FUZZ_CHECK(report.ok() == v.request.has_value(), body);
  if (!v.request) {
    int previous = -1;
    for (const ltgs::FieldError& e : v.errors) {
      fuzz::checkError(e);
      if (e.field == "$") {
        FUZZ_CHECK(v.errors.size() == 1 && e.code.rfind("json.", 0) == 0, e.code);
        continue;
      }
      const int index = fieldIndex(e.field);
      FUZZ_CHECK(index > previous, e.field);
      previous = index;
    }
    return 0;
  }
  const std::string wire = ltgs::toJson(*v.request);
  FUZZ_CHECK(report.same("request", wire), wire);
  const ltgs::Validation again = ltgs::validateJson(wire, settings.value());
  FUZZ_CHECK(again.request && ltgs::toJson(*again.request) == wire, wire);
  const ltgs::PaymentRequest& q = *v.request;
  FUZZ_CHECK(q.totalAmountToPay >= settings.value().minAmountRwf && q.totalAmountToPay <= settings.value().maxAmountRwf,
             wire);
  FUZZ_CHECK(report.text("phone/e164") == q.phone.e164, wire);
  return 0;
}
