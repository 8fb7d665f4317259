#include "ltgs/options.hpp"

#include <gtest/gtest.h>

#include "ltgs/ussd.hpp"

namespace ltgs {
namespace {

PaymentRequest requestFor(const char* phone) {
  return PaymentRequest{"LTGSINV_230624_001", "1199999999999999", parsePhone(phone).value(), "", "Water", 15000,
                        "https://partner.com/callback"};
}

std::vector<std::string> methods(const PaymentOptions& o) {
  std::vector<std::string> out;
  for (const PaymentOption& option : o.options) out.push_back(paymentMethodName(option.method));
  return out;
}

TEST(PaymentOptions, MtnNumberMakesMtnMomoTheDefault) {
  const PaymentOptions o = paymentOptions(requestFor("0788123456"), MerchantConfig{}).value();
  EXPECT_EQ(o.defaultMethod, PaymentMethod::MtnMomo);
  EXPECT_EQ(methods(o), (std::vector<std::string>{"MTN_MOMO", "QR"}));
  EXPECT_TRUE(o.options[0].recommended);
  EXPECT_FALSE(o.options[1].recommended);
  EXPECT_EQ(o.options[0].phone, "0788123456");
}

TEST(PaymentOptions, AirtelNumberGetsAirtelMoneyAndKtrnGetsNoPush) {
  EXPECT_EQ(methods(paymentOptions(requestFor("0732000001"), MerchantConfig{}).value()),
            (std::vector<std::string>{"AIRTEL_MONEY", "QR"}));
  const PaymentOptions ktrn = paymentOptions(requestFor("0771234567"), MerchantConfig{}).value();
  EXPECT_EQ(ktrn.defaultMethod, PaymentMethod::Qr);
  EXPECT_EQ(methods(ktrn), (std::vector<std::string>{"QR"}));
}

TEST(PaymentOptions, UssdNeedsAMerchantCodeOrTemplate) {
  MerchantConfig c;
  c.mtnMerchantCode = "012345";
  const PaymentOptions mtn = paymentOptions(requestFor("0788123456"), c).value();
  ASSERT_EQ(methods(mtn), (std::vector<std::string>{"MTN_MOMO", "QR", "USSD"}));
  EXPECT_EQ(mtn.options[2].ussd.dial, "*182*8*1*012345*15000#");
  EXPECT_EQ(mtn.options[2].ussd.telLink, "tel:*182*8*1*012345*15000%23");
  // No Airtel merchant-pay string is published: without a configured template, Airtel numbers get no USSD.
  EXPECT_EQ(methods(paymentOptions(requestFor("0732000001"), c).value()), (std::vector<std::string>{"AIRTEL_MONEY", "QR"}));
  c.airtelUssdTemplate = "*500*{merchantCode}*{amount}#";
  c.airtelMerchantCode = "77";
  EXPECT_EQ(paymentOptions(requestFor("0732000001"), c).value().options.back().ussd.dial, "*500*77*15000#");
  c.mtnMerchantCode = "12-34";
  EXPECT_EQ(paymentOptions(requestFor("0788123456"), c).error().code, "ussd.invalid_merchant_code");
}

TEST(PaymentOptions, DisabledOptionsAreLeftOutAndNoneIsAnError) {
  MerchantConfig c;
  c.mtnMomo = false;
  EXPECT_EQ(paymentOptions(requestFor("0788123456"), c).value().defaultMethod, PaymentMethod::Qr);
  c.qr = false;
  EXPECT_EQ(paymentOptions(requestFor("0788123456"), c).error().code, "options.none_available");
}

TEST(PaymentOptions, ConfigurationComesFromJson) {
  const MerchantConfig c =
      parseMerchantConfigJson(R"({"qr":false,"mtnMerchantCode":"012345","airtelUssdTemplate":null})").value();
  EXPECT_FALSE(c.qr);
  EXPECT_TRUE(c.mtnMomo);
  EXPECT_EQ(c.mtnMerchantCode, "012345");
  EXPECT_EQ(parseMerchantConfigJson(R"({"qr":"no"})").error().code, "settings.invalid");
  EXPECT_EQ(parseMerchantConfigJson(R"({"mtnMerchantCode":12345})").error().code, "settings.invalid");
  // A misspelt member is an error, as in the validation settings: "mtnMerchantCod" would silently drop USSD.
  const FieldError typo = parseMerchantConfigJson(R"({"qr":false,"x":1})").error();
  EXPECT_EQ(typo.code, "settings.unknown");
  EXPECT_EQ(typo.field, "config");
  EXPECT_EQ(typo.params.at(1), ErrorParam::of("member", "x"));
  EXPECT_TRUE(parseMerchantConfigJson("").ok());
  EXPECT_EQ(parseMerchantConfigJson(R"({"qr":true,"qr":false})").error().code, "json.duplicate_key");
}

TEST(Ussd, FillsTemplatesAndEncodesTheHashInTelLinks) {
  EXPECT_EQ(ussdFromTemplate(kMtnMomoPayTemplate, "000123", 500).value().dial, "*182*8*1*000123*500#");
  EXPECT_EQ(ussdTelLink("*182*8*1*000123*500#"), "tel:*182*8*1*000123*500%23");
  EXPECT_EQ(ussdFromTemplate("*182*8*1*{merchantCode}#", "9", 1).value().dial, "*182*8*1*9#");
  EXPECT_EQ(ussdFromTemplate("*182*{x}#", "9", 1).error().code, "ussd.invalid_template");
  EXPECT_EQ(ussdFromTemplate("182#", "9", 1).error().code, "ussd.invalid_template");
  EXPECT_EQ(ussdFromTemplate("*182#*1#", "9", 1).error().code, "ussd.invalid_template");
  EXPECT_EQ(ussdFromTemplate(kMtnMomoPayTemplate, std::string(21, '1'), 1).error().code, "ussd.invalid_merchant_code");
  EXPECT_EQ(ussdFromTemplate(kMtnMomoPayTemplate, "12", 0).error().code, "ussd.invalid_amount");
}

}  // namespace
}  // namespace ltgs
