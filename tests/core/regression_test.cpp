// What the fuzzers (tests/fuzz) and the sanitized build found, kept so that it stays fixed. Each input is also
// a file in tests/fuzz/corpus/<target>/, named here, so every fuzzing run starts from it; the test reads that
// file too, so the two cannot drift apart. Run under ASan (npm run test:asan) the memory errors show as such.
// Then what the security review found in the core, each test named after its finding (the command line's
// findings are in tests/js/cli.test.js).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ltgs/amount.hpp"
#include "ltgs/callback_notification.hpp"
#include "ltgs/emv.hpp"
#include "ltgs/lifecycle.hpp"
#include "ltgs/lifecycle_json.hpp"
#include "ltgs/options.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/report.hpp"
#include "ltgs/settings.hpp"

namespace ltgs {
namespace {

std::string corpusFile(const std::string& relative) {
  std::ifstream in(std::string(LTGS_FUZZ_CORPUS_DIR) + "/" + relative, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The fuzz targets' "\n~~~\n"-separated parts (tests/fuzz/fuzz_support.hpp).
std::vector<std::string> parts(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t at; (at = text.find("\n~~~\n", from)) != std::string::npos; from = at + 5)
    out.push_back(text.substr(from, at - from));
  out.push_back(text.substr(from));
  return out;
}

std::string codeOf(const Result<std::int64_t>& r) { return r ? "ok" : r.error().code; }

// amount_fuzz, ASan heap-use-after-free in parseAmount: the decimal part was a string_view into the last digit
// group, read after that group's token had been popped (and, past 15 digits, its heap buffer freed). Short
// groups hid it: their bytes live inside the vector's own storage, which pop_back does not free.
TEST(Regression, AmountWithALongDecimalPartIsNotReadAfterItsTokenIsFreed) {
  const std::string input = corpusFile("amount/regression-long-decimal-part-use-after-free");
  ASSERT_EQ(input, "01,0,00000071996991411");
  EXPECT_EQ(codeOf(parseAmount(input)), "amount.not_whole_francs");
  EXPECT_EQ(codeOf(parseAmount("15000,0000000000000000000001")), "amount.not_whole_francs");
  const Result<std::int64_t> zeros = parseAmount("15000.00000000000000000000");  // a long but zero decimal part
  ASSERT_TRUE(zeros.ok());
  EXPECT_EQ(zeros.value(), 15000);
}

// lifecycle_fuzz: initiateSent at 2^53 - 1 ms with a 24 h lifetime gave expiresAtMs 2^53 - 1 + 86,400,000, which
// paymentJson wrote and parsePaymentJson then refused ("a time"): the widget could not hand the payment back.
// The JSON API now refuses such an event, as it refuses any time past 2^53 - 1.
TEST(Regression, InitiateSentWhoseDeadlinePassesMaxSafeIntegerIsRefused) {
  const std::vector<std::string> input = parts(corpusFile("lifecycle/regression-deadline-past-max-safe-integer"));
  ASSERT_EQ(input.size(), 3u);
  const std::string report = applyEventReport(input[0], input[1]);
  EXPECT_NE(report.find(R"("code":"settings.invalid")"), std::string::npos) << report;
  EXPECT_NE(report.find(R"("member":"atMs")"), std::string::npos) << report;
  // The last deadline that fits is still accepted, and the payment it writes reads back.
  const std::string fits = R"({"kind":"initiateSent","atMs":9007199168340991,"lifetimeMs":86400000})";
  const std::string accepted = applyEventReport(input[0], fits);
  ASSERT_NE(accepted.find("\"ok\":true"), std::string::npos) << accepted;
  const std::size_t start = accepted.find("\"payment\":") + 10, end = accepted.find(",\"reason\"");
  const Result<Payment> back = parsePaymentJson(accepted.substr(start, end - start));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back.value().expiresAtMs, kMaxSafeInteger);
}

// lifecycle_fuzz: counters at parsePaymentJson's limit (10^9) went one past it on the next event, so the
// payment written could not be read back; in C++, pollInputFor's sum of two counters could overflow an int.
// Counters now stop at kMaxEventCount.
TEST(Regression, CountersStopAtTheLimitThatParsePaymentJsonReads) {
  const std::vector<std::string> input = parts(corpusFile("lifecycle/regression-counters-past-their-limit"));
  ASSERT_EQ(input.size(), 4u);
  const Result<Payment> start = parsePaymentJson(input[0]);
  ASSERT_TRUE(start.ok());
  std::string payment = paymentJson(start.value());
  for (std::size_t k = 1; k < input.size(); ++k) {
    const std::string report = applyEventReport(payment, input[k]);
    ASSERT_NE(report.find("\"ok\":true"), std::string::npos) << report;
    const std::size_t from = report.find("\"payment\":") + 10, to = report.find(",\"reason\"");
    payment = report.substr(from, to - from);
    const Result<Payment> back = parsePaymentJson(payment);
    ASSERT_TRUE(back.ok()) << "event " << k << ": " << back.error().message << "\n" << payment;
    EXPECT_EQ(back.value().pollCount, kMaxEventCount);
    EXPECT_EQ(back.value().initiateAttempts, kMaxEventCount);
  }
  Payment p = start.value();
  p.state = PaymentState::Initiating;
  p.initiateAttempts = kMaxEventCount;
  p.pollCount = kMaxEventCount;
  EXPECT_EQ(pollInputFor(p, 0).attempt, 2 * kMaxEventCount - 1);  // below INT_MAX
  EXPECT_EQ(applyEvent(p, Event::statusFetchFailed(FetchOutcome::timeout())).payment.pollCount, kMaxEventCount);
}

// Security review, "EMVCo reading is stricter than wallets": a payload with a sound structure and CRC but
// without the merchant category (52), name (59) and city (60) that the specification calls mandatory was
// refused with emv.missing_tag, so the widget would not draw a QR code that every wallet pays. Such objects
// are now warnings beside the payload; damage is still refused, and what we build is still complete.
TEST(Regression, EmvReadingIsNoStricterThanWallets) {
  // PromptPay's published vector: account 29, currency 764, country TH, CRC; no 52, 59 or 60.
  const std::string promptPay = "00020101021129370016A000000677010111011300668012345675802TH530376463046197";
  const Result<EmvPayload> r = parseEmvPayload(promptPay);
  ASSERT_TRUE(r.ok()) << r.error().code << ": " << r.error().message;
  std::vector<std::string> codes;
  for (const FieldError& w : r.value().warnings) codes.push_back(w.field + ":" + w.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"QR_Payload:emv.missing_mcc", "QR_Payload:emv.missing_merchant_name",
                                             "QR_Payload:emv.missing_merchant_city"}));
  EXPECT_EQ(r.value().accounts.at(0).guid, "A000000677010111");
  // The report carries them beside the payload, as the wasm module and the command line print it.
  const std::string report = emvParseReport(promptPay);
  EXPECT_EQ(report.rfind("{\"ok\":true,\"value\":{", 0), 0u) << report;
  EXPECT_NE(report.find(R"(,"warnings":[{"field":"QR_Payload","code":"emv.missing_mcc","message":")"), std::string::npos)
      << report;
  EXPECT_NE(emvParseReport(buildEmvPayload({{"26", "rw.example.ltgs", "M1"}, "4900", "WASAC", "Kigali", {}, {}, {}, {}}).value())
                .find(R"("warnings":[])"),
            std::string::npos);
  // Damage is still refused: the same payload with one character changed, or with its CRC cut off.
  std::string altered = promptPay;
  altered.replace(altered.find("5802TH"), 6, "5802TX");
  EXPECT_EQ(parseEmvPayload(altered).error().code, "emv.bad_crc");
  EXPECT_EQ(parseEmvPayload(promptPay.substr(0, promptPay.size() - 8)).error().code, "emv.missing_crc");
  // Building stays strict.
  EmvBuildInput in{{"26", "rw.example.ltgs", "M1"}, "", "WASAC", "Kigali", {}, {}, {}, {}};
  EXPECT_EQ(buildEmvPayload(in).error().code, "emv.missing_value");
}

// Security review, "Two byte-order marks accepted": one UTF-8 byte order mark may open a JSON document,
// anything else before the JSON text is json.malformed. The settings and poll settings were trimmed of white
// space before being read, which moved a mark that followed white space to the front, where it passed.
TEST(Regression, OnlyOneByteOrderMarkMayOpenAJsonDocument) {
  const std::string bom = "\xEF\xBB\xBF";
  const std::string request = R"({"Sale_Reference_ID":"LTGSINV_230624_001","Customer_KYC_ID":"1199999999999999",)"
                              R"("Phone_Number":"0788123456","Services_Name":"Water bill","Total_Amount_to_Pay":15000,)"
                              R"("Callback_URL":"https://shop.example.com/ltgs/callback"})";
  const auto requestCodes = [](const std::string& json) {
    const Validation v = validateJson(json, ValidationSettings{});
    return v.request ? std::string("ok") : v.errors.at(0).field + ":" + v.errors.at(0).code;
  };
  EXPECT_EQ(requestCodes(bom + request), "ok");
  EXPECT_EQ(requestCodes(bom + " \n" + request), "ok");  // white space after the mark is the JSON text's own
  EXPECT_EQ(requestCodes(bom + bom + request), "$:json.malformed");
  EXPECT_EQ(requestCodes(bom + bom + bom + request), "$:json.malformed");
  EXPECT_EQ(requestCodes(" " + bom + request), "$:json.malformed");
  EXPECT_EQ(requestCodes(bom + " " + bom + request), "$:json.malformed");
  EXPECT_EQ(requestCodes(request + bom), "$:json.malformed");
  EXPECT_EQ(requestCodes("\xEF\xBB" + request), "$:json.malformed");  // a mark cut short
  // Every reader of a flat document follows the same rule.
  const auto codeOf = [](const auto& result) { return result ? std::string("ok") : result.error().code; };
  EXPECT_EQ(codeOf(parseSettingsJson(bom + "{}")), "ok");
  EXPECT_EQ(codeOf(parseSettingsJson(bom + bom + "{}")), "json.malformed");
  EXPECT_EQ(codeOf(parseSettingsJson(" " + bom + "{}")), "json.malformed");
  EXPECT_EQ(codeOf(parseSettingsJson("\n" + bom + "{\"sandbox\":true}")), "json.malformed");
  EXPECT_EQ(codeOf(parseSettingsJson("  null ")), "ok");
  EXPECT_EQ(codeOf(parsePollSettingsJson(" " + bom + "{}")), "json.malformed");
  EXPECT_EQ(codeOf(parsePollSettingsJson(bom + "{}")), "ok");
  EXPECT_EQ(codeOf(parseMerchantConfigJson(bom + bom + R"({"qr":false})")), "json.malformed");
  EXPECT_EQ(codeOf(parseEmvBuildJson(bom + bom + "{}")), "json.malformed");
  const CallbackParse callback = parseCallbackNotification(bom + bom + R"({"Sale_Reference_ID":"A1","Payment_Status":"PAID"})");
  ASSERT_FALSE(callback.notification.has_value());
  EXPECT_EQ(callback.errors.at(0).code, "json.malformed");
}

}  // namespace
}  // namespace ltgs
