// What a widget may show for a QR or USSD payment (ltgs/payment_display.hpp). The regression tests are named
// after the finding they keep fixed: "QR and USSD are shown unchecked".
#include "ltgs/payment_display.hpp"
#include "ltgs/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ltgs/emv.hpp"
#include "ltgs/options.hpp"

namespace ltgs {
namespace {

using Json = nlohmann::json;

std::string withCrc(const std::string& body) { return body + "6304" + crcHex(crc16CcittFalse(body + "6304")); }

// One data object: ID, two-digit length, value (ASCII values only here).
std::string tlv(const std::string& id, const std::string& value) {
  return id + (value.size() < 10 ? "0" : "") + std::to_string(value.size()) + value;
}

// A payload with the given objects between the point of initiation and the country, merchant and CRC.
std::string payloadWith(const std::string& middle, const char* initiation = "12") {
  return withCrc("000201" + tlv("01", initiation) + tlv("26", tlv("00", "rw.example.ltgs")) + tlv("52", "4900") + middle +
                 tlv("58", "RW") + tlv("59", "WASAC") + tlv("60", "Kigali"));
}

std::string payloadFor(std::optional<std::int64_t> amount, const std::string& merchantName = "WASAC") {
  EmvBuildInput in;
  in.account = {"26", "rw.example.ltgs", "M1"};
  in.mcc = "4900";
  in.merchantName = merchantName;
  in.merchantCity = "Kigali";
  in.amountRwf = amount;
  in.referenceLabel = "LTGSINV_230624_001";
  return buildEmvPayload(in).value();
}

std::string qrCode(std::string_view payload, std::int64_t amount = 15000) {
  const Result<QrDisplay> r = checkQrPayload(payload, amount);
  if (r) return "ok";
  EXPECT_FALSE(r.error().message.empty());
  return r.error().code;
}

std::string ussdCode(std::string_view dial, std::int64_t amount, const MerchantConfig& config) {
  const Result<UssdDisplay> r = checkUssdCode(dial, amount, config);
  if (r) return "ok";
  EXPECT_FALSE(r.error().message.empty());
  return r.error().code;
}

MerchantConfig mtn(const std::string& code) {
  MerchantConfig c;
  c.mtnMerchantCode = code;
  return c;
}

// The widget wrote "Scan to pay RWF 15,000" over a valid EMVCo payload for 1,500,000 RWF to another merchant.
TEST(RegressionQrAndUssdAreShownUnchecked, AQrPayloadForAnotherAmountIsRefused) {
  const std::string other = payloadFor(1500000, "OTHER SHOP");
  ASSERT_TRUE(parseEmvPayload(other));  // a valid payload: only the check against the payment refuses it
  EXPECT_EQ(qrCode(other), "qr.amount_mismatch");
  EXPECT_EQ(checkQrPayload(other, 15000).error().field, "QR_Payload");
  EXPECT_EQ(qrCode(payloadFor(15000)), "ok");
  EXPECT_EQ(qrCode(payloadFor(15001)), "qr.amount_mismatch");
  EXPECT_EQ(qrCode(payloadFor(1500)), "qr.amount_mismatch");
}

TEST(RegressionQrAndUssdAreShownUnchecked, TextThatIsNotAnEmvcoPayloadIsNotDrawnAsAQr) {
  for (const char* text : {"https://pay.example/abc", "Pay 15000 RWF to WASAC", "*182*8*1*012345*15000#", " 000201",
                           "0002020102"})
    EXPECT_EQ(qrCode(text), "qr.not_emv") << text;
  // A damaged EMVCo payload keeps the parser's own code.
  std::string damaged = payloadFor(15000);
  damaged.back() = damaged.back() == '0' ? '1' : '0';
  EXPECT_EQ(qrCode(damaged), "emv.bad_crc");
  EXPECT_EQ(qrCode(""), "emv.empty");
  EXPECT_EQ(qrCode("000201"), "emv.missing_crc");
}

TEST(RegressionQrAndUssdAreShownUnchecked, AQrPayloadInAnotherCurrencyOrWithoutOneIsRefused) {
  // 15000 in US dollars (840), and the same without a currency (a warning for the parser, refused here).
  EXPECT_EQ(qrCode(payloadWith(tlv("53", "840") + tlv("54", "15000"))), "qr.currency_mismatch");
  EXPECT_EQ(qrCode(payloadWith(tlv("54", "15000"))), "qr.missing_currency");
  EXPECT_EQ(qrCode(payloadWith(tlv("53", "646") + tlv("54", "15000"))), "ok");
}

TEST(RegressionQrAndUssdAreShownUnchecked, AStaticPayloadIsShownWithTheAmountForThePayerToEnter) {
  const Result<QrDisplay> r = checkQrPayload(payloadFor(std::nullopt), 15000);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r.value().payerEntersAmount);
  EXPECT_FALSE(r.value().emv.dynamic);
  const Result<QrDisplay> dynamic = checkQrPayload(payloadFor(15000), 15000);
  ASSERT_TRUE(dynamic);
  EXPECT_FALSE(dynamic.value().payerEntersAmount);
  EXPECT_EQ(dynamic.value().emv.merchantName, "WASAC");
}

TEST(QrPayloadCheck, AmountsAreComparedAsWholeFrancs) {
  const auto withAmount = [](const std::string& amount) { return payloadWith(tlv("53", "646") + tlv("54", amount)); };
  for (const char* same : {"15000", "15000.00", "15000.", "015000", "15000.0"})
    EXPECT_EQ(qrCode(withAmount(same)), "ok") << same;
  for (const char* other : {"15000.50", "150000", "1500", "15000.01", "0", ".5"})
    EXPECT_EQ(qrCode(withAmount(other)), "qr.amount_mismatch") << other;
  EXPECT_EQ(qrCode(withAmount("1"), 1), "ok");
  EXPECT_EQ(qrCode(withAmount("9999999999999"), 9999999999999), "ok");
}

TEST(QrPayloadCheck, ATipOrFeeTheAppWouldAddIsRefused) {
  // A fixed convenience fee (55 = 02, 56 = the fee), and a static payload whose app asks for a tip (55 = 01).
  EXPECT_EQ(qrCode(payloadWith(tlv("53", "646") + tlv("54", "15000") + tlv("55", "02") + tlv("56", "500"))),
            "qr.tip_or_fee");
  EXPECT_EQ(qrCode(payloadWith(tlv("53", "646") + tlv("55", "01"), "11")), "qr.tip_or_fee");
}

TEST(QrPayloadCheck, WarningsOfTheParserAreKeptAndTheAmountMustBePositive) {
  // No merchant name or city: wallets pay it; the payer is told to check the payee.
  const Result<QrDisplay> r = checkQrPayload(
      withCrc("000201" + tlv("26", tlv("00", "rw.example.ltgs")) + tlv("52", "4900") + tlv("53", "646") + tlv("58", "RW")),
      15000);
  ASSERT_TRUE(r);
  ASSERT_EQ(r.value().emv.warnings.size(), 2u);
  EXPECT_EQ(r.value().emv.warnings[0].code, "emv.missing_merchant_name");
  EXPECT_EQ(checkQrPayload(payloadFor(15000), 0).error().code, "qr.invalid_amount");
  EXPECT_EQ(checkQrPayload(payloadFor(15000), -15000).error().field, "Total_Amount_to_Pay");
}

// The widget offered any dial string as a tel: link.
TEST(RegressionQrAndUssdAreShownUnchecked, OnlyARecognisedDialStringForThisAmountIsShown) {
  const MerchantConfig config = mtn("012345");
  const Result<UssdDisplay> ok = checkUssdCode("*182*8*1*012345*15000#", 15000, config);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok.value().code.dial, "*182*8*1*012345*15000#");
  EXPECT_EQ(ok.value().code.telLink, "tel:*182*8*1*012345*15000%23");
  EXPECT_EQ(ok.value().scheme, UssdScheme::MtnMomoPay);
  EXPECT_EQ(ok.value().merchantCode, "012345");
  EXPECT_EQ(ussdCode("*182*8*1*012345*1500000#", 15000, config), "ussd.amount_mismatch");
  EXPECT_EQ(ussdCode("*182*8*1*012345*015000#", 15000, config), "ussd.amount_mismatch");
  EXPECT_EQ(ussdCode("*182*8*1*999999*15000#", 15000, config), "ussd.merchant_mismatch");
  for (const char* other : {"*123#", "tel:*182*8*1*012345*15000%23", "*182*8*1*012345*15000", "*182*1*1*0788123456*15000#",
                            "*182*8*1*012345*15000#*", "<b>*182#</b>", "", "   "})
    EXPECT_EQ(ussdCode(other, 15000, config), "ussd.unrecognised") << other;
  EXPECT_EQ(ussdCode("*182*8*1*" + std::string(21, '1') + "*15000#", 15000, MerchantConfig{}), "ussd.unrecognised");
  EXPECT_EQ(ussdCode(std::string(200, '*') + "#", 15000, MerchantConfig{}), "ussd.unrecognised");
  EXPECT_EQ(checkUssdCode("*123#", 15000, config).error().field, "USSD_Code");
}

TEST(UssdCodeCheck, WithoutAConfiguredCodeAnyMtnMerchantCodeIsReadAndWhiteSpaceIsTrimmed) {
  const Result<UssdDisplay> r = checkUssdCode("  *182*8*1*777*15000#\n", 15000, MerchantConfig{});
  ASSERT_TRUE(r);
  EXPECT_EQ(r.value().code.dial, "*182*8*1*777*15000#");
  EXPECT_EQ(r.value().merchantCode, "777");
  EXPECT_EQ(ussdCode("*182*8*1*777*15000#", 0, MerchantConfig{}), "ussd.invalid_amount");
}

TEST(UssdCodeCheck, TheMerchantsAirtelTemplateIsRecognised) {
  MerchantConfig c;
  c.airtelUssdTemplate = "*500*{merchantCode}*{amount}#";
  c.airtelMerchantCode = "4455";
  const Result<UssdDisplay> r = checkUssdCode("*500*4455*15000#", 15000, c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r.value().scheme, UssdScheme::AirtelTemplate);
  EXPECT_STREQ(ussdSchemeName(r.value().scheme), "AIRTEL_TEMPLATE");
  EXPECT_EQ(ussdCode("*500*4455*14000#", 15000, c), "ussd.amount_mismatch");
  EXPECT_EQ(ussdCode("*500*4456*15000#", 15000, c), "ussd.merchant_mismatch");
  EXPECT_EQ(ussdCode("*501*4455*15000#", 15000, c), "ussd.unrecognised");
  // A digit right after a placeholder: recognised as the exact string the configuration gives.
  c.airtelUssdTemplate = "*500*{merchantCode}1*{amount}#";
  EXPECT_EQ(ussdCode("*500*44551*15000#", 15000, c), "ok");
  // A template without the amount: the payer would type any amount.
  c.airtelUssdTemplate = "*500*{merchantCode}#";
  EXPECT_EQ(ussdCode("*500*4455#", 15000, c), "ussd.no_amount");
  c.airtelUssdTemplate = "*500*{shop}#";
  EXPECT_EQ(ussdCode("*500*4455#", 15000, c), "ussd.invalid_template");
  // MTN's string is still recognised next to an Airtel template.
  EXPECT_EQ(ussdCode("*182*8*1*1*15000#", 15000, c), "ok");
}

TEST(UssdCodeCheck, WhatPaymentOptionsOffersIsRecognised) {
  MerchantConfig c = mtn("000123");
  c.airtelUssdTemplate = "*500*{merchantCode}*{amount}#";
  c.airtelMerchantCode = "42";
  for (const std::int64_t amount : {std::int64_t{1}, std::int64_t{500}, std::int64_t{15000}, std::int64_t{9999999999}}) {
    for (const std::string_view tmpl : {kMtnMomoPayTemplate, std::string_view(c.airtelUssdTemplate)}) {
      const std::string code = tmpl == kMtnMomoPayTemplate ? c.mtnMerchantCode : c.airtelMerchantCode;
      const UssdCode built = ussdFromTemplate(tmpl, code, amount).value();
      EXPECT_EQ(ussdCode(built.dial, amount, c), "ok") << built.dial;
    }
  }
}

TEST(PaymentDisplayReports, QrAndUssdReportsForTheBindings) {
  const Json report = Json::parse(checkQrPayloadReport(payloadFor(std::nullopt), 15000));
  EXPECT_EQ(report["ok"], true);
  const Json& qr = report["value"];
  EXPECT_EQ(qr["payerEntersAmount"], true);
  EXPECT_TRUE(qr["amount"].is_null());
  EXPECT_EQ(qr["currency"], "646");
  EXPECT_EQ(qr["merchantName"], "WASAC");
  EXPECT_EQ(qr["referenceLabel"], "LTGSINV_230624_001");
  EXPECT_EQ(qr["warnings"], Json::array());
  const Json bad = Json::parse(checkQrPayloadReport(payloadFor(1500000), 15000));
  EXPECT_EQ(bad["ok"], false);
  EXPECT_EQ(bad["errors"][0]["code"], "qr.amount_mismatch");
  EXPECT_EQ(bad["errors"][0]["params"]["amountRwf"], 15000);

  const Json ussd = Json::parse(checkUssdCodeReport("*182*8*1*012345*15000#", 15000, R"({"mtnMerchantCode":"012345"})"));
  EXPECT_EQ(ussd, Json::parse(R"({"ok":true,"value":{"dial":"*182*8*1*012345*15000#","tel":"tel:*182*8*1*012345*15000%23",
                                 "scheme":"MTN_MOMO_PAY","merchantCode":"012345"}})"));
  EXPECT_EQ(Json::parse(checkUssdCodeReport("*123#", 15000, ""))["errors"][0]["code"], "ussd.unrecognised");
  EXPECT_EQ(Json::parse(checkUssdCodeReport("*182*8*1*1*1#", 1, R"({"mtnMerchantCode":5})"))["errors"][0]["code"],
            "settings.invalid");
  EXPECT_EQ(Json::parse(checkUssdCodeReport("*182*8*1*1*1#", 1, "{"))["ok"], false);
}

}  // namespace
}  // namespace ltgs
