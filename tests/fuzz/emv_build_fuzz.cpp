// buildEmvPayload → parseEmvPayload round trip, and emvBuildReport (the JSON the widget sends). Each input is
// used twice: as JSON for emvBuildReport, and as bytes from which FuzzedDataProvider draws an EmvBuildInput.
// Invariants: every payload the builder makes parses, and gives back what went in (dynamic iff an amount,
// RWF, RW, the account, name, city, postal code, reference and bill number); reports are valid JSON.
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_support.hpp"
#include "ltgs/emv.hpp"
#include "ltgs/report.hpp"

namespace {

void checkRoundTrip(const ltgs::EmvBuildInput& in, const ltgs::Result<std::string>& built) {
  if (!built) {
    fuzz::checkError(built.error(), "emv.");
    return;
  }
  const std::string& payload = built.value();
  const ltgs::Result<ltgs::EmvPayload> parsed = ltgs::parseEmvPayload(payload);
  FUZZ_CHECK(parsed, payload + " -> " + parsed.error().code + ": " + parsed.error().message);
  const ltgs::EmvPayload& p = parsed.value();
  FUZZ_CHECK(p.warnings.empty(), payload + " -> " + p.warnings.front().code);  // what is built is complete
  FUZZ_CHECK(p.dynamic == in.amountRwf.has_value(), payload);
  FUZZ_CHECK(in.amountRwf ? p.amount == std::to_string(*in.amountRwf) : !p.amount, payload);
  FUZZ_CHECK(p.accounts.size() == 1, payload);
  FUZZ_CHECK(p.accounts[0].tag == (in.account.tag.empty() ? "26" : in.account.tag), payload);
  FUZZ_CHECK(p.accounts[0].guid == in.account.guid && p.accounts[0].merchantId == in.account.merchantId, payload);
  FUZZ_CHECK(p.mcc == in.mcc && p.currency == "646" && p.country == "RW", payload);
  FUZZ_CHECK(p.merchantName == in.merchantName && p.merchantCity == in.merchantCity, payload);
  FUZZ_CHECK(p.postalCode == in.postalCode, payload);
  FUZZ_CHECK(p.referenceLabel == in.referenceLabel && p.billNumber == in.billNumber, payload);
}

std::optional<std::string> maybeText(FuzzedDataProvider& fdp, std::size_t maxLength) {
  if (!fdp.ConsumeBool()) return std::nullopt;
  return fdp.ConsumeRandomLengthString(maxLength);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text(data, size);

  // As JSON: {"guid":…,"merchantName":…,"amount":15000,…}.
  const fuzz::Report report(ltgs::emvBuildReport(input));
  const ltgs::Result<ltgs::EmvBuildInput> fromJson = ltgs::parseEmvBuildJson(input);
  FUZZ_CHECK(fromJson || !report.ok(), input);
  if (fromJson) {
    const ltgs::Result<std::string> built = ltgs::buildEmvPayload(fromJson.value());
    FUZZ_CHECK(report.ok() == built.ok(), input);
    if (built) FUZZ_CHECK(report.text(".") == built.value(), input);
    checkRoundTrip(fromJson.value(), built);
  }

  // As bytes: each member drawn in turn, mostly short, sometimes absent or over its limit.
  FuzzedDataProvider fdp(data, size);
  ltgs::EmvBuildInput in;
  in.account.tag = fdp.ConsumeBool() ? std::string() : fdp.ConsumeRandomLengthString(3);
  in.account.guid = fdp.ConsumeRandomLengthString(40);
  in.account.merchantId = fdp.ConsumeRandomLengthString(80);
  in.mcc = fdp.ConsumeRandomLengthString(5);
  in.merchantName = fdp.ConsumeRandomLengthString(30);
  in.merchantCity = fdp.ConsumeRandomLengthString(20);
  in.postalCode = maybeText(fdp, 12);
  in.referenceLabel = maybeText(fdp, 30);
  in.billNumber = maybeText(fdp, 30);
  if (fdp.ConsumeBool()) in.amountRwf = fdp.ConsumeIntegral<std::int64_t>();
  checkRoundTrip(in, ltgs::buildEmvPayload(in));
  return 0;
}
