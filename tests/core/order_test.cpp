#include "ltgs/order.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "ltgs/json_value.hpp"
#include "ltgs/order_json.hpp"
#include "ltgs/report.hpp"

namespace ltgs {
namespace {

using Json = nlohmann::json;

constexpr std::int64_t kAmount = 15'000;
constexpr std::int64_t kNow = 1'750'000'000'000;
constexpr std::int64_t kLifetime = 600'000;

CallbackNotification status(const std::string& ref, const std::string& word, std::optional<std::int64_t> paid = {},
                            const std::string& paymentRef = "MTN_456789123") {
  CallbackNotification n;
  n.saleReferenceId = ref;
  n.paymentStatus = word;
  n.totalAmountPaid = paid;
  if (paid) n.paymentRefId = paymentRef;
  return n;
}

Attempt attempt(int number, AttemptState state, std::int64_t startedAt = kNow) {
  Attempt a = startAttempt(number, startedAt, kLifetime);
  a.state = state;
  if (moneyMoved(state)) a.amountPaidRwf = kAmount, a.paymentRefId = "REF" + std::to_string(number);
  return a;
}

Order order(std::vector<Attempt> attempts) { return Order{"X", kAmount, std::move(attempts)}; }

// ---- reference grammar ------------------------------------------------------------------------------

TEST(AttemptReference, FirstAttemptIsTheOrderReferenceItself) {
  EXPECT_EQ(attemptReference("LTGSINV_230624_001", 1), "LTGSINV_230624_001");
  EXPECT_EQ(attemptReference("LTGSINV_230624_001", 2), "LTGSINV_230624_001-R2");
  EXPECT_EQ(attemptReference("LTGSINV_230624_001", kMaxAttempts), "LTGSINV_230624_001-R20");
}

TEST(AttemptReference, RefusesNumbersOutsideTheBoundAndBadOrderReferences) {
  EXPECT_EQ(attemptReference("X", 0), "");
  EXPECT_EQ(attemptReference("X", kMaxAttempts + 1), "");
  EXPECT_EQ(attemptReference("X-R2", 2), "");            // an order reference may not look like an attempt
  EXPECT_EQ(attemptReference(std::string(61, 'a'), 1), "");  // too long to carry a suffix
}

TEST(AttemptReference, EveryAttemptOfTheLongestOrderReferenceFitsLtgsLimit) {
  const std::string base(kMaxOrderReferenceLength, 'a');
  for (int n = 1; n <= kMaxAttempts; ++n) {
    const std::string ref = attemptReference(base, n);
    ASSERT_LE(ref.size(), 64u);
    const Result<AttemptRef> back = parseAttemptReference(ref);
    ASSERT_TRUE(back.ok()) << ref;
    EXPECT_EQ(back.value().orderReference, base);
    EXPECT_EQ(back.value().number, n);
  }
}

TEST(ParseOrderReference, RefusesReferencesTooLongToCarryAnAttemptNumber) {
  for (std::size_t len : {61u, 62u, 63u, 64u}) {
    const Result<std::string> r = parseOrderReference(std::string(len, 'b'));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "order.reference_too_long");
    EXPECT_EQ(r.error().field, "Sale_Reference_ID");
  }
  EXPECT_EQ(parseOrderReference(std::string(65, 'b')).error().code, "reference.too_long");
  EXPECT_EQ(parseOrderReference("a b").error().code, "reference.invalid_characters");
}

TEST(ParseOrderReference, RefusesTheAttemptEnding) {
  for (const char* ref : {"X-R2", "X-R0", "X-R1", "X-R123456", "INV-R9"})
    EXPECT_EQ(parseOrderReference(ref).error().code, "order.reference_reserved_suffix") << ref;
  for (const char* ref : {"X-R", "X-Ra", "XR2", "X-r2", "X_R2", "R2", "-R2x"}) EXPECT_TRUE(parseOrderReference(ref).ok()) << ref;
}

TEST(ParseAttemptReference, ReadsTheOrderAndNumber) {
  const Result<AttemptRef> r = parseAttemptReference("LTGSINV_230624_001-R7");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().orderReference, "LTGSINV_230624_001");
  EXPECT_EQ(r.value().number, 7);
  EXPECT_EQ(parseAttemptReference("LTGSINV_230624_001").value().number, 1);
}

TEST(ParseAttemptReference, RefusesNestedSuffixes) {
  const Result<AttemptRef> r = parseAttemptReference("X-R2-R2");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "order.reference_reserved_suffix");
}

TEST(ParseAttemptReference, RefusesWhatAttemptReferenceNeverWrites) {
  for (const char* ref : {"X-R1", "X-R0", "X-R02", "X-R00"})
    EXPECT_EQ(parseAttemptReference(ref).error().code, "order.reference_reserved_suffix") << ref;
}

TEST(ParseAttemptReference, RefusesNumbersBeyondTheBoundWithoutReadingThemAll) {
  for (const char* ref : {"X-R21", "X-R99", "X-R100", "X-R2000000", "X-R99999999999999999999999999999999"})
    EXPECT_EQ(parseAttemptReference(ref).error().code, "order.too_many_attempts") << ref;
  EXPECT_EQ(parseAttemptReference(std::string(61, 'a') + "-R2").error().code, "order.reference_too_long");
  EXPECT_EQ(parseAttemptReference(std::string(63, 'a') + "-R2").error().code, "reference.too_long");
  EXPECT_EQ(parseAttemptReference(std::string(61, 'a')).error().code, "order.reference_too_long");
  EXPECT_EQ(parseAttemptReference("").error().code, "reference.required");
}

TEST(ParsePaymentMethod, OneListForEveryCaller) {
  for (const char* m : {"MTN_MOMO", "AIRTEL_MONEY", "QR", "USSD"}) EXPECT_TRUE(parsePaymentMethod(m).ok()) << m;
  EXPECT_EQ(parsePaymentMethod("mtn_momo").error().code, "method.invalid");
  EXPECT_EQ(parsePaymentMethod("", true, true).error().code, "method.required");
  EXPECT_EQ(parsePaymentMethod("", false, false).error().code, "method.required");
  EXPECT_EQ(parsePaymentMethod("", true, false).error().code, "method.wrong_type");
  EXPECT_EQ(parsePaymentMethod("qr").error().field, "Payment_Method");
}

TEST(RetryAllowedAfter, OnlyAfterAnUnpaidEnding) {
  for (const char* s : {"FAILED", "EXPIRED", "CANCELLED"}) EXPECT_TRUE(retryAllowedAfter(s));
  for (const char* s : {"PAID", "AMOUNT_MISMATCH", "PENDING", "INITIATING", ""}) EXPECT_FALSE(retryAllowedAfter(s));
}

// ---- decideInitiation -------------------------------------------------------------------------------

TEST(DecideInitiation, TheFirstAttemptStarts) {
  const InitiationDecision d = decideInitiation(order({}), 1, kNow);
  EXPECT_EQ(d.kind, InitiationKind::NewAttempt);
  EXPECT_EQ(d.code, "order.new_attempt");
  EXPECT_EQ(d.number, 1);
}

TEST(DecideInitiation, RefusesAnyOtherAttemptWhileOneIsOpenWhateverItsNumber) {
  // The observed hole: X-R5 open, then X-R3 and X itself were accepted.
  const Order o = order({attempt(5, AttemptState::Pending)});
  for (int n : {1, 2, 3, 4, 6, 20}) {
    const InitiationDecision d = decideInitiation(o, n, kNow + 1000);
    EXPECT_EQ(d.kind, InitiationKind::Refused) << n;
    EXPECT_EQ(d.code, "order.attempt_open") << n;
    EXPECT_EQ(d.number, 5);
    ASSERT_TRUE(d.retryAtMs.has_value());
    EXPECT_EQ(*d.retryAtMs, kNow + kLifetime);
    EXPECT_FALSE(d.recheckFirst);
  }
}

TEST(DecideInitiation, ARequestForTheOpenAttemptIsAResend) {
  const InitiationDecision d = decideInitiation(order({attempt(2, AttemptState::Pending)}), 2, kNow);
  EXPECT_EQ(d.kind, InitiationKind::Resend);
  EXPECT_EQ(d.code, "order.resend");
}

TEST(DecideInitiation, AnOpenAttemptPastItsDeadlineIsRecheckedFirst) {
  const InitiationDecision d = decideInitiation(order({attempt(1, AttemptState::Pending)}), 2, kNow + kLifetime);
  EXPECT_EQ(d.code, "order.attempt_open");
  EXPECT_TRUE(d.recheckFirst);
}

TEST(DecideInitiation, APaidOrderTakesNoMoreAttempts) {
  const Order o = order({attempt(1, AttemptState::Failed), attempt(2, AttemptState::Paid)});
  for (int n : {1, 2, 3}) {
    const InitiationDecision d = decideInitiation(o, n, kNow);
    EXPECT_EQ(d.code, "order.paid") << n;
    EXPECT_EQ(d.number, 2);
  }
}

TEST(DecideInitiation, AMismatchedPaymentWaitsForTheMerchant) {
  EXPECT_EQ(decideInitiation(order({attempt(1, AttemptState::AmountMismatch)}), 2, kNow).code,
            "order.payment_under_review");
}

TEST(DecideInitiation, AnEndedAttemptIsNotReusedAndTheNextReferenceIsNamed) {
  const Order o = order({attempt(1, AttemptState::Failed), attempt(3, AttemptState::Expired)});
  InitiationDecision d = decideInitiation(o, 3, kNow);
  EXPECT_EQ(d.code, "order.attempt_ended");
  EXPECT_EQ(d.nextReference, "X-R4");
  d = decideInitiation(o, 2, kNow);
  EXPECT_EQ(d.code, "order.attempt_out_of_sequence");
  EXPECT_EQ(d.nextReference, "X-R4");
  EXPECT_EQ(decideInitiation(o, 4, kNow).kind, InitiationKind::NewAttempt);
  EXPECT_EQ(decideInitiation(o, 9, kNow).kind, InitiationKind::NewAttempt);  // numbers go up, gaps allowed
}

TEST(DecideInitiation, RejectedAttemptsNeverExistedButKeepTheirNumber) {
  const Order o = order({attempt(1, AttemptState::Rejected)});
  EXPECT_EQ(orderStatus(o).state, OrderState::New);
  EXPECT_EQ(decideInitiation(o, 1, kNow).code, "order.attempt_ended");
  EXPECT_EQ(decideInitiation(o, 2, kNow).kind, InitiationKind::NewAttempt);
}

TEST(DecideInitiation, TooManyAttempts) {
  EXPECT_EQ(decideInitiation(order({attempt(kMaxAttempts, AttemptState::Failed)}), kMaxAttempts, kNow).code,
            "order.too_many_attempts");
  EXPECT_EQ(decideInitiation(order({}), kMaxAttempts + 1, kNow).code, "order.too_many_attempts");
  EXPECT_EQ(decideInitiation(order({}), 0, kNow).code, "order.too_many_attempts");
}

// ---- applyAttemptStatus ------------------------------------------------------------------------------

TEST(ApplyAttemptStatus, PaidWithTheOrderAmount) {
  const AttemptUpdate u = applyAttemptStatus(attempt(1, AttemptState::Pending), kAmount, status("X", "PAID", kAmount));
  EXPECT_EQ(u.code, "attempt.paid");
  EXPECT_TRUE(u.changed);
  EXPECT_EQ(u.attempt.state, AttemptState::Paid);
  EXPECT_EQ(u.attempt.paymentRefId, "MTN_456789123");
  EXPECT_EQ(u.attempt.amountPaidRwf, kAmount);
}

TEST(ApplyAttemptStatus, PaidWithAnotherAmountIsAMismatchNotAPayment) {
  const AttemptUpdate u = applyAttemptStatus(attempt(1, AttemptState::Pending), kAmount, status("X", "PAID", 1500));
  EXPECT_EQ(u.attempt.state, AttemptState::AmountMismatch);
  EXPECT_EQ(u.code, "attempt.amount_mismatch");
  EXPECT_EQ(applyAttemptStatus(attempt(1, AttemptState::Pending), kAmount, status("X", "PAID")).code,
            "status.amount_missing");
}

TEST(ApplyAttemptStatus, ALatePaymentAfterAnUnpaidEndingCounts) {
  for (AttemptState s : {AttemptState::Failed, AttemptState::Expired, AttemptState::Cancelled, AttemptState::Rejected}) {
    const AttemptUpdate u = applyAttemptStatus(attempt(1, s), kAmount, status("X", "PAID", kAmount));
    EXPECT_EQ(u.code, "attempt.late_payment") << attemptStateName(s);
    EXPECT_EQ(u.attempt.state, AttemptState::Paid);
    EXPECT_TRUE(u.changed);
  }
}

TEST(ApplyAttemptStatus, APaymentIsNeverUndoneAndARepeatChangesNothing) {
  const Attempt paid = attempt(1, AttemptState::Paid);
  for (const char* word : {"FAILED", "EXPIRED", "CANCELLED", "PENDING"}) {
    const AttemptUpdate u = applyAttemptStatus(paid, kAmount, status("X", word));
    EXPECT_FALSE(u.changed) << word;
    EXPECT_EQ(u.attempt.state, AttemptState::Paid);
  }
  const AttemptUpdate again = applyAttemptStatus(paid, kAmount, status("X", "PAID", kAmount, "OTHER"));
  EXPECT_EQ(again.code, "attempt.duplicate");
  EXPECT_FALSE(again.changed);
  EXPECT_EQ(again.attempt.paymentRefId, "REF1");
}

TEST(ApplyAttemptStatus, UnknownWordsAndPendingChangeNothing) {
  const Attempt open = attempt(1, AttemptState::Pending);
  EXPECT_EQ(applyAttemptStatus(open, kAmount, status("X", "SUCCESSFUL")).code, "attempt.unknown_status");
  EXPECT_EQ(applyAttemptStatus(open, kAmount, status("X", "pending")).code, "attempt.pending");
  EXPECT_FALSE(applyAttemptStatus(open, kAmount, status("X", "pending")).changed);
  EXPECT_EQ(applyAttemptStatus(attempt(1, AttemptState::Failed), kAmount, status("X", "EXPIRED")).code, "attempt.ignored");
  EXPECT_EQ(applyAttemptStatus(attempt(1, AttemptState::Failed), kAmount, status("X", "FAILED")).code, "attempt.duplicate");
}

// ---- orderStatus ------------------------------------------------------------------------------------

TEST(OrderStatus, NewPendingAndEndings) {
  EXPECT_EQ(orderStatus(order({})).state, OrderState::New);
  EXPECT_EQ(orderStatus(order({attempt(1, AttemptState::Pending)})).state, OrderState::Pending);
  EXPECT_EQ(orderStatus(order({attempt(2, AttemptState::Expired), attempt(1, AttemptState::Failed)})).state,
            OrderState::Expired);
  const OrderStatus s = orderStatus(order({attempt(1, AttemptState::Failed), attempt(2, AttemptState::Pending)}));
  EXPECT_EQ(s.state, OrderState::Pending);
  EXPECT_EQ(s.openAttempt, 2);
  EXPECT_EQ(s.nextAttemptNumber, 3);
}

TEST(OrderStatus, PaidTwiceIsRecordedForARefund) {
  const OrderStatus s = orderStatus(order({attempt(2, AttemptState::Paid), attempt(1, AttemptState::Paid)}));
  EXPECT_EQ(s.state, OrderState::Paid);
  EXPECT_EQ(s.paidAttempt, 1);
  ASSERT_EQ(s.duplicateAttempts.size(), 1u);
  EXPECT_EQ(s.duplicateAttempts[0], 2);
  EXPECT_EQ(s.amountPaidRwf, 2 * kAmount);
  EXPECT_EQ(s.refundDueRwf, kAmount);
}

TEST(OrderStatus, AMismatchDoesNotPayTheBill) {
  const OrderStatus s = orderStatus(order({attempt(1, AttemptState::AmountMismatch)}));
  EXPECT_EQ(s.state, OrderState::AmountMismatch);
  EXPECT_FALSE(s.paidAttempt.has_value());
}

// ---- JSON API ----------------------------------------------------------------------------------------

TEST(OrderJson, DecisionReportCarriesTheCodeAndWhen) {
  const Json order = {{"reference", "X"}, {"amountRwf", kAmount},
                      {"attempts", {{{"number", 1}, {"state", "PENDING"}, {"startedAtMs", kNow}, {"expiresAtMs", kNow + kLifetime}}}}};
  const Json report = Json::parse(decideInitiationReport(order.dump(), 2, kNow));
  EXPECT_EQ(report["ok"], true);
  const Json& r = report["value"];
  EXPECT_EQ(r["decision"], "refused");
  EXPECT_EQ(r["code"], "order.attempt_open");
  EXPECT_EQ(r["retryAtMs"], kNow + kLifetime);
  EXPECT_EQ(r["reference"], "X");
}

TEST(OrderJson, TyposAndBadShapesAreErrorsNotDefaults) {
  const auto code = [](const std::string& text) { return Json::parse(orderStatusReport(text))["errors"][0]["code"]; };
  EXPECT_EQ(code(R"({"reference":"X","amountRwf":1,"attempts":[],"extra":1})"), "order.invalid");
  EXPECT_EQ(code(R"({"reference":"X","amountRwf":1,"attempts":[{"number":1,"state":"OPEN","startedAtMs":0,"expiresAtMs":0}]})"),
            "order.invalid");
  EXPECT_EQ(code(R"({"reference":"X","amountRwf":1,"attempts":[{"number":1,"state":"PENDING","startedAtMs":0,"expiresAtMs":0,"x":1}]})"),
            "order.invalid");
  EXPECT_EQ(code(R"({"reference":"X-R2","amountRwf":1,"attempts":[]})"), "order.reference_reserved_suffix");
  EXPECT_EQ(code("[" + std::string(100, '[')), "order.invalid");
  EXPECT_EQ(code(std::string(70'000, ' ')), "order.invalid");
  const std::string twice = R"({"number":1,"state":"FAILED","startedAtMs":0,"expiresAtMs":0})";
  EXPECT_EQ(code(R"({"reference":"X","amountRwf":1,"attempts":[)" + twice + "," + twice + "]}"), "order.invalid");
}

TEST(OrderJson, StatusDocumentAppliedToAnAttempt) {
  const std::string a = attemptJson(attempt(2, AttemptState::Pending));
  const Json report = Json::parse(applyAttemptStatusReport(
      a, kAmount,
      R"({"Sale_Reference_ID":"X-R2","Payment_Status":"PAID","Total_Amount_Paid":15000,"Payment_Ref_ID":"M1","Paid_On":"2025-06-16 13:20:45"})"));
  EXPECT_EQ(report["ok"], true);
  const Json& r = report["value"];
  EXPECT_EQ(r["code"], "attempt.paid");
  EXPECT_EQ(r["attempt"]["state"], "PAID");
  EXPECT_EQ(r["attempt"]["paymentRefId"], "M1");
  EXPECT_EQ(Json::parse(applyAttemptStatusReport(a, kAmount, "{}"))["ok"], false);
  const Result<Attempt> back = parseAttemptJson(r["attempt"].dump());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value().state, AttemptState::Paid);
}

TEST(OrderJson, RulesInOnePlace) {
  const Json r = Json::parse(checkoutRulesReport())["value"];
  EXPECT_EQ(r["methods"], Json::array({"MTN_MOMO", "AIRTEL_MONEY", "QR", "USSD"}));
  EXPECT_EQ(r["retryAfter"], Json::array({"FAILED", "EXPIRED", "CANCELLED"}));
  EXPECT_EQ(r["maxAttempts"], kMaxAttempts);
  EXPECT_EQ(Json::parse(parsePaymentMethodReport(JsonScalar::string("USSD")))["value"], "USSD");
  EXPECT_EQ(Json::parse(parsePaymentMethodReport(JsonScalar::integral(1)))["errors"][0]["code"], "method.wrong_type");
  EXPECT_EQ(Json::parse(attemptReferenceReport("X", 3))["value"], "X-R3");
  EXPECT_EQ(Json::parse(parseAttemptReferenceReport("X-R3"))["value"]["orderReference"], "X");
}

}  // namespace
}  // namespace ltgs
