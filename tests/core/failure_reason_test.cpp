// What the payer is told about a payment that did not go through, and how long a pending one has: LTGS's
// Failure_Reason read into a stable code, Expires_At read as its deadline, both kept on the payment; and the
// partner told when the methods it asked for can never be offered.
#include "ltgs/failure_reason.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ltgs/callback_notification.hpp"
#include "ltgs/lifecycle.hpp"
#include "ltgs/lifecycle_json.hpp"
#include "ltgs/options.hpp"
#include "ltgs/report.hpp"

namespace ltgs {
namespace {

using Json = nlohmann::json;

const std::string kRef = "LTGSINV_230624_001";
constexpr std::int64_t kSentAt = 1'750'000'000'000;  // 2025-06-15T15:06:40Z

TEST(FailureReason, KnownWordsBecomeCodes) {
  EXPECT_STREQ(failureReasonCode("INSUFFICIENT_FUNDS"), "failure.insufficient_funds");
  EXPECT_STREQ(failureReasonCode("insufficient_balance"), "failure.insufficient_funds");
  EXPECT_STREQ(failureReasonCode(" Insufficient funds "), "failure.insufficient_funds");
  EXPECT_STREQ(failureReasonCode("DECLINED_BY_PAYER"), "failure.declined_by_payer");
  EXPECT_STREQ(failureReasonCode("payer-declined"), "failure.declined_by_payer");
  EXPECT_STREQ(failureReasonCode("EXPIRED"), "failure.expired");
  EXPECT_STREQ(failureReasonCode("TIMEOUT"), "failure.expired");
  EXPECT_STREQ(failureReasonCode("APPROVAL_TIMEOUT"), "failure.expired");
}

TEST(FailureReason, AnyOtherWordIsUnknownAndNoneIsEmpty) {
  EXPECT_STREQ(failureReasonCode("SYSTEM_ERROR"), "failure.unknown");
  EXPECT_STREQ(failureReasonCode("INSUFFICIENT"), "failure.unknown");  // a prefix is not the word
  EXPECT_STREQ(failureReasonCode("INSUFFICIENT_FUNDS_X"), "failure.unknown");
  EXPECT_STREQ(failureReasonCode("DECLINED"), "failure.unknown");  // by whom: the payer, the bank?
  EXPECT_STREQ(failureReasonCode(""), "");
  EXPECT_STREQ(failureReasonCode("   "), "");
}

TEST(FailureReason, OnlyCodeWordsAreKept) {
  EXPECT_TRUE(isFailureReasonWord("INSUFFICIENT_FUNDS"));
  EXPECT_TRUE(isFailureReasonWord("E42"));
  EXPECT_FALSE(isFailureReasonWord(""));
  EXPECT_FALSE(isFailureReasonWord("not<a>code"));
  EXPECT_FALSE(isFailureReasonWord("TWO WORDS"));
  EXPECT_FALSE(isFailureReasonWord(std::string(65, 'A')));
  EXPECT_TRUE(isFailureReasonWord(std::string(64, 'A')));
}

TEST(ExpiresAt, ReadsUtcTimesOnly) {
  EXPECT_EQ(parseExpiresAt("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parseExpiresAt("2025-06-15T15:06:40Z"), kSentAt);
  EXPECT_EQ(parseExpiresAt("2025-06-15T15:06:40.5Z"), kSentAt + 500);
  EXPECT_EQ(parseExpiresAt("2025-06-15T15:06:40.123456789Z"), kSentAt + 123);
  EXPECT_EQ(parseExpiresAt("2025-06-15T15:06:40+00:00"), kSentAt);
  EXPECT_EQ(parseExpiresAt("2024-02-29T00:00:00Z"), 1'709'164'800'000);
  EXPECT_EQ(parseExpiresAt("2000-03-01T00:00:00Z"), 951'868'800'000);
  for (const char* bad : {"", "2025-06-15 15:06:40Z", "2025-06-15T15:06:40", "2025-06-15T17:06:40+02:00",
                          "2025-06-15T15:06:40.Z", "2025-06-15T15:06:40.1234567890Z", "2025-02-29T00:00:00Z",
                          "2025-13-01T00:00:00Z", "2025-06-15T24:00:00Z", "1969-12-31T23:59:59Z", "2025-6-15T15:06:40Z",
                          "2025-06-15T15:06:40z", "2025-06-15T15:06:40ZZ", "１９７０-01-01T00:00:00Z"}) {
    EXPECT_EQ(parseExpiresAt(bad), std::nullopt) << bad;
  }
}

TEST(ExpiresAt, StatusDocumentsCarryBothExtrasWhenWellFormedAndAreNeverRefusedForThem) {
  const CallbackParse good = parseCallbackNotification(
      R"({"Sale_Reference_ID":"R1","Payment_Status":"FAILED","Failure_Reason":"INSUFFICIENT_FUNDS",)"
      R"("Expires_At":"2025-06-15T15:16:40Z"})");
  ASSERT_TRUE(good.notification);
  EXPECT_EQ(good.notification->failureReason, "INSUFFICIENT_FUNDS");
  EXPECT_EQ(good.notification->expiresAtMs, kSentAt + 600'000);
  // Not LTGS's documented fields: the wire form stays the six members.
  EXPECT_EQ(Json::parse(toJson(*good.notification)).size(), 6u);

  const CallbackParse odd = parseCallbackNotification(
      R"({"Sale_Reference_ID":"R1","Payment_Status":"FAILED","Failure_Reason":"not<a>code","Expires_At":"soon"})");
  ASSERT_TRUE(odd.notification);
  EXPECT_EQ(odd.notification->failureReason, std::nullopt);
  EXPECT_EQ(odd.notification->expiresAtMs, std::nullopt);
  const CallbackParse typed = parseCallbackNotification(
      R"({"Sale_Reference_ID":"R1","Payment_Status":"PENDING","Failure_Reason":7,"Expires_At":1750000000000})");
  ASSERT_TRUE(typed.notification);
  EXPECT_EQ(typed.notification->expiresAtMs, std::nullopt);
}

Payment pendingPayment(std::int64_t lifetimeMs = kDefaultPaymentLifetimeMs) {
  Payment p = applyEvent(draftPayment(kRef, 15000), Event::validateOk()).payment;
  p = applyEvent(p, Event::initiateSent(kSentAt, lifetimeMs)).payment;
  return applyEvent(p, Event::initiateAccepted(kSentAt + 500)).payment;
}

std::string doc(const std::string& status, const std::string& extra) {
  return R"({"Sale_Reference_ID":")" + kRef + R"(","Payment_Status":")" + status + "\"" + extra + "}";
}

TEST(LifecycleFailureReason, AFailedAnswerKeepsItsReasonAndTheJsonSaysItsCode) {
  const Transition t = applyStatusJson(pendingPayment(), doc("FAILED", R"(,"Failure_Reason":"INSUFFICIENT_FUNDS")"));
  EXPECT_EQ(t.reason, "status.failed");
  EXPECT_EQ(t.payment.state, PaymentState::Failed);
  EXPECT_EQ(t.payment.failureReason, "INSUFFICIENT_FUNDS");
  const Json j = Json::parse(paymentJson(t.payment));
  EXPECT_EQ(j["failureReason"], "INSUFFICIENT_FUNDS");
  EXPECT_EQ(j["failureCode"], "failure.insufficient_funds");
  // Read back: the code is derived, so the same text comes out.
  EXPECT_EQ(Json::parse(paymentJson(parsePaymentJson(j.dump()).value())), j);

  const Transition unknown = applyStatusJson(pendingPayment(), doc("FAILED", R"(,"Failure_Reason":"SYSTEM_ERROR")"));
  EXPECT_EQ(Json::parse(paymentJson(unknown.payment))["failureCode"], "failure.unknown");
  const Transition none = applyStatusJson(pendingPayment(), doc("FAILED", ""));
  EXPECT_EQ(Json::parse(paymentJson(none.payment))["failureReason"], "");
  EXPECT_EQ(Json::parse(paymentJson(none.payment))["failureCode"], "");
  // Only a FAILED answer's reason is kept.
  const Transition pending = applyStatusJson(pendingPayment(), doc("PENDING", R"(,"Failure_Reason":"INSUFFICIENT_FUNDS")"));
  EXPECT_EQ(pending.payment.failureReason, "");
}

TEST(LifecycleFailureReason, PaymentsSavedBeforeTheFieldsExistedStillRead) {
  Json j = Json::parse(paymentJson(pendingPayment()));
  j.erase("failureReason");
  j.erase("failureCode");
  j.erase("ltgsExpiresAtMs");
  const Result<Payment> back = parsePaymentJson(j.dump());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value().failureReason, "");
  EXPECT_EQ(back.value().ltgsExpiresAtMs, std::nullopt);
  j["failureReason"] = "not<a>code";
  EXPECT_EQ(parsePaymentJson(j.dump()).error().code, "payment.invalid");
  j["failureReason"] = 5;
  EXPECT_EQ(parsePaymentJson(j.dump()).error().code, "payment.invalid");
}

TEST(LifecycleExpiry, LtgsDeadlineIsKeptAndOnlyEverExtendsThePollingDeadline) {
  const Payment p = pendingPayment(60'000);  // the widget's own lifetime: 1 min
  ASSERT_EQ(p.expiresAtMs, kSentAt + 60'000);
  // LTGS keeps it open 10 min: shown, and polled until then.
  const Transition later = applyStatusJson(p, doc("PENDING", R"(,"Expires_At":"2025-06-15T15:16:40Z")"));
  EXPECT_EQ(later.payment.ltgsExpiresAtMs, kSentAt + 600'000);
  EXPECT_EQ(later.payment.expiresAtMs, kSentAt + 600'000);
  EXPECT_EQ(Json::parse(paymentJson(later.payment))["ltgsExpiresAtMs"], kSentAt + 600'000);
  // LTGS's is earlier than the widget's: shown, but the widget keeps asking until its own (LTGS answers EXPIRED).
  const Transition earlier = applyStatusJson(pendingPayment(), doc("PENDING", R"(,"Expires_At":"2025-06-15T15:08:40Z")"));
  EXPECT_EQ(earlier.payment.ltgsExpiresAtMs, kSentAt + 120'000);
  EXPECT_EQ(earlier.payment.expiresAtMs, kSentAt + kDefaultPaymentLifetimeMs);
  // A deadline years away is bounded: a day after the first initiation.
  const Transition far = applyStatusJson(p, doc("PENDING", R"(,"Expires_At":"2099-01-01T00:00:00Z")"));
  EXPECT_EQ(far.payment.expiresAtMs, kSentAt + kMaxPaymentLifetimeMs);
  // The initiation's answer carries it too.
  Payment sent = applyEvent(applyEvent(draftPayment(kRef, 15000), Event::validateOk()).payment,
                            Event::initiateSent(kSentAt, 60'000)).payment;
  const Transition accepted =
      applyInitiateResponseJson(sent, doc("PENDING", R"(,"Expires_At":"2025-06-15T15:16:40Z")"), kSentAt + 300);
  EXPECT_EQ(accepted.reason, "status.pending");
  EXPECT_EQ(accepted.payment.ltgsExpiresAtMs, kSentAt + 600'000);
  // Another reference's document moves nothing.
  const Transition other = applyStatusJson(
      p, R"({"Sale_Reference_ID":"OTHER","Payment_Status":"PENDING","Expires_At":"2025-06-15T15:16:40Z"})");
  EXPECT_TRUE(other.refused);
  EXPECT_EQ(other.payment.ltgsExpiresAtMs, std::nullopt);
  EXPECT_EQ(other.payment.expiresAtMs, kSentAt + 60'000);
}

TEST(LifecycleExpiry, AnExtendedDeadlineIsTheOnePolledTo) {
  const Payment p = applyStatusJson(pendingPayment(60'000), doc("PENDING", R"(,"Expires_At":"2025-06-15T15:16:40Z")")).payment;
  const Json d = Json::parse(nextPollReport(paymentJson(p), R"({"nowMs":)" + std::to_string(kSentAt + 120'000) + "}", ""));
  EXPECT_EQ(d["value"]["action"], "pollAgain");  // past the widget's own minute, within LTGS's ten
}

TEST(UnavailableMethods, UssdWithoutAMerchantCodeIsReported) {
  MerchantConfig none;
  const std::vector<FieldError> w = unavailableMethods(none, {PaymentMethod::Ussd, PaymentMethod::Qr});
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].code, "options.method_unavailable");
  EXPECT_EQ(w[0].field, "methods");
  MerchantConfig mtn;
  mtn.mtnMerchantCode = "012345";
  EXPECT_TRUE(unavailableMethods(mtn, {PaymentMethod::Ussd}).empty());
  MerchantConfig airtel;
  airtel.airtelUssdTemplate = "*500*{merchantCode}*{amount}#";
  EXPECT_TRUE(unavailableMethods(airtel, {PaymentMethod::Ussd}).empty());
  MerchantConfig off = mtn;
  off.ussd = false;
  EXPECT_EQ(unavailableMethods(off, {PaymentMethod::Ussd}).size(), 1u);
  EXPECT_TRUE(unavailableMethods(none, {PaymentMethod::Qr, PaymentMethod::MtnMomo}).empty());
  EXPECT_EQ(unavailableMethods(none, {PaymentMethod::Ussd, PaymentMethod::Ussd}).size(), 1u);
}

TEST(UnavailableMethods, ReportReadsTheListAsThePartnerWroteIt) {
  const Json r = Json::parse(unavailableMethodsReport("", "USSD, QR"));
  EXPECT_EQ(r["ok"], true);
  ASSERT_EQ(r["value"].size(), 1u);
  EXPECT_EQ(r["value"][0]["code"], "options.method_unavailable");
  EXPECT_EQ(r["value"][0]["params"]["method"], "USSD");
  EXPECT_EQ(Json::parse(unavailableMethodsReport(R"({"mtnMerchantCode":"012345"})", "USSD,QR"))["value"].size(), 0u);
  EXPECT_EQ(Json::parse(unavailableMethodsReport("", "QR,CASH,,"))["value"].size(), 0u);
  EXPECT_EQ(Json::parse(unavailableMethodsReport("", ""))["value"].size(), 0u);
  EXPECT_EQ(Json::parse(unavailableMethodsReport(R"({"ussd":"yes"})", "USSD"))["errors"][0]["code"], "settings.invalid");
  // A misspelt member is refused, as in every option object.
  const Json typo = Json::parse(unavailableMethodsReport(R"({"mtnMerchantCod":"012345"})", "USSD"));
  EXPECT_EQ(typo["errors"][0]["code"], "settings.unknown");
  EXPECT_EQ(typo["errors"][0]["field"], "config");
  EXPECT_EQ(typo["errors"][0]["params"]["member"], "mtnMerchantCod");
}

}  // namespace
}  // namespace ltgs
