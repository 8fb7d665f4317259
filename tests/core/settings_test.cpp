#include "ltgs/settings.hpp"
#include "ltgs/payment_request.hpp"

#include <gtest/gtest.h>

namespace ltgs {
namespace {

TEST(ParseSettingsJson, EmptyMeansDefaults) {
  for (const char* text : {"", "  ", "null", "{}"}) {
    const ValidationSettings s = parseSettingsJson(text).value();
    EXPECT_EQ(s.minAmountRwf, 1);
    EXPECT_EQ(s.maxAmountRwf, 2'000'000);
    EXPECT_FALSE(s.emailRequired);
    EXPECT_FALSE(s.sandbox);
    EXPECT_EQ(s.currentYear, 0);
  }
}

TEST(ParseSettingsJson, ReadsEveryMember) {
  const ValidationSettings s =
      parseSettingsJson(R"({"minAmountRwf":100,"maxAmountRwf":5000000.0,"emailRequired":true,"sandbox":true,"currentYear":2026})")
          .value();
  EXPECT_EQ(s.minAmountRwf, 100);
  EXPECT_EQ(s.maxAmountRwf, 5'000'000);
  EXPECT_TRUE(s.emailRequired);
  EXPECT_TRUE(s.sandbox);
  EXPECT_EQ(s.currentYear, 2026);
}

TEST(ParseSettingsJson, ReportsDeveloperMistakes) {
  const auto code = [](const char* text) { return parseSettingsJson(text).error().code; };
  EXPECT_EQ(code(R"({"maxAmountRwf":5000000.5})"), "settings.invalid");
  EXPECT_EQ(code(R"({"maxAmountRwf":1e16})"), "settings.invalid");
  EXPECT_EQ(code(R"({"minAmountRwf":-1})"), "settings.invalid");
  EXPECT_EQ(code(R"({"minAmountRwf":10,"maxAmountRwf":5})"), "settings.invalid");
  EXPECT_EQ(code(R"({"sandbox":"yes"})"), "settings.invalid");
  EXPECT_EQ(code(R"({"currentYear":20260})"), "settings.invalid");
  EXPECT_EQ(code(R"({"maxAmount":5})"), "settings.unknown");
  EXPECT_EQ(code("[1]"), "json.not_object");
  EXPECT_EQ(parseSettingsJson("[1]").error().field, "settings");
}

}  // namespace
}  // namespace ltgs

namespace ltgs {
namespace {

TEST(ParseSettingsJson, CallbackUrlMayBeLeftToThePartnerBackend) {
  const ValidationSettings browser = parseSettingsJson(R"({"callbackUrlRequired":false})").value();
  EXPECT_FALSE(browser.callbackUrlRequired);
  const char* body = R"({"Sale_Reference_ID":"INV1","Customer_KYC_ID":"1199999999999999","Phone_Number":"0788123456",)"
                     R"("Services_Name":"Water","Total_Amount_to_Pay":100})";
  EXPECT_EQ(validateJson(body, ValidationSettings{}).errors.at(0).code, "callback_url.required");
  const Validation v = validateJson(body, browser);
  ASSERT_TRUE(v.request.has_value());
  EXPECT_EQ(v.request->callbackUrl, "");
  // Given anyway, it is still checked.
  const std::string withHttp = std::string(body).insert(1, R"("Callback_URL":"http://x.example/cb",)");
  EXPECT_EQ(validateJson(withHttp, browser).errors.at(0).code, "callback_url.not_https");
}

}  // namespace
}  // namespace ltgs
