// The configuration parsers: validation settings, poll settings, merchant configuration, EMV build input,
// and the reports that take them (validateRequestJsonReport, paymentOptionsReport) with LTGS's sample request.
// Invariants: every report is valid JSON; accepted settings are in range (0 ≤ min ≤ max ≤ 2^53 - 1,
// currentYear 0-9999, delays 0-24 h, backoff 1-4, jitter 0-0.5); a mistake is reported, never ignored.
#include "fuzz_support.hpp"
#include "ltgs/emv.hpp"
#include "ltgs/lifecycle_json.hpp"
#include "ltgs/options.hpp"
#include "ltgs/report.hpp"
#include "ltgs/settings.hpp"

namespace {
constexpr std::string_view kSampleRequest =
    R"({"Sale_Reference_ID":"LTGSINV_230624_001","Customer_KYC_ID":"1199999999999999","Phone_Number":"0788123456",)"
    R"("Email_Address":"customer@example.com","Services_Name":"Payment for services","Total_Amount_to_Pay":15000,)"
    R"("Callback_URL":"https://yourdomain.com/callback"})";
constexpr std::int64_t kDay = 24LL * 3600 * 1000;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text(data, size);

  const ltgs::Result<ltgs::ValidationSettings> settings = ltgs::parseSettingsJson(input);
  if (settings) {
    const ltgs::ValidationSettings& s = settings.value();
    FUZZ_CHECK(s.minAmountRwf >= 0 && s.minAmountRwf <= s.maxAmountRwf && s.maxAmountRwf <= ltgs::kMaxSafeInteger, input);
    FUZZ_CHECK(s.currentYear >= 0 && s.currentYear <= 9999, input);
  } else {
    fuzz::checkError(settings.error());
    FUZZ_CHECK(settings.error().field == "settings", settings.error().field);
  }
  const fuzz::Report validated(ltgs::validateRequestJsonReport(kSampleRequest, input));
  if (!settings) FUZZ_CHECK(validated.code() == settings.error().code, input);

  const ltgs::Result<ltgs::PollSettings> poll = ltgs::parsePollSettingsJson(input);
  if (poll) {
    const ltgs::PollSettings& p = poll.value();
    for (const std::int64_t ms : {p.firstDelayMs, p.maxDelayMs, p.hiddenDelayMs, p.notFoundGraceMs, p.maxRetryAfterMs})
      FUZZ_CHECK(ms >= 0 && ms <= kDay, input);
    FUZZ_CHECK(p.lifetimeMs >= 1 && p.lifetimeMs <= kDay && p.firstDelayMs <= p.maxDelayMs, input);
    FUZZ_CHECK(p.backoffFactor >= 1.0 && p.backoffFactor <= 4.0 && p.jitter >= 0.0 && p.jitter <= 0.5, input);
  } else {
    fuzz::checkError(poll.error());
  }

  const ltgs::Result<ltgs::MerchantConfig> config = ltgs::parseMerchantConfigJson(input);
  if (!config) fuzz::checkError(config.error());
  fuzz::Report{ltgs::paymentOptionsReport(kSampleRequest, input, "")};  // checks the report
  fuzz::Report{ltgs::paymentOptionsReport(kSampleRequest, "", input)};  // checks the report

  const ltgs::Result<ltgs::EmvBuildInput> emv = ltgs::parseEmvBuildJson(input);
  if (!emv) fuzz::checkError(emv.error());
  fuzz::Report{ltgs::emvBuildReport(input)};  // checks the report
  return 0;
}
