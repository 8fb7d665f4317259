#include "ltgs/lifecycle_json.hpp"
#include "ltgs/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ltgs {
namespace {

using Json = nlohmann::json;

Json report(const std::string& text) { return Json::parse(text); }

// Applies events in order, feeding each report's payment into the next call; the last report's value.
Json run(std::vector<Json> events) {
  Json payment = report(draftPaymentReport("LTGSINV_230624_001", 15000))["value"];
  Json last;
  for (const Json& e : events) {
    last = report(applyEventReport(payment.dump(), e.dump()));
    EXPECT_TRUE(last["ok"].get<bool>()) << last.dump();
    payment = last["value"]["payment"];
  }
  return last["value"];
}

TEST(LifecycleJson, PaymentRoundTripsThroughJson) {
  Payment p = draftPayment("INV-1", 15000);
  p.state = PaymentState::Paid;
  p.initiatedAtMs = 1000;
  p.expiresAtMs = 601000;
  p.pollCount = 4;
  p.lastOutcome = FetchOutcome::http(503);
  p.paymentRefId = "MTN_456789123";
  p.paidOn = parsePaidOn("2025-06-16 13:20:45").value();
  p.amountPaidRwf = 15000;
  const std::string text = paymentJson(p);
  const Payment back = parsePaymentJson(text).value();
  EXPECT_EQ(paymentJson(back), text);
  EXPECT_EQ(back.lastOutcome.httpStatus, 503);
  EXPECT_EQ(report(text)["state"], "PAID");
}

TEST(LifecycleJson, RefusesPaymentsItCouldNotHaveWritten) {
  Json p = Json::parse(paymentJson(draftPayment("INV-1", 15000)));
  const auto code = [](const Json& j) { return parsePaymentJson(j.dump()).error().code; };
  Json bad = p;
  bad["state"] = "SUCCESS";
  EXPECT_EQ(code(bad), "payment.invalid");
  bad = p;
  bad["amountRwf"] = 0;
  EXPECT_EQ(code(bad), "payment.invalid");
  bad = p;
  bad["saleReferenceId"] = "bad ref";
  EXPECT_EQ(code(bad), "payment.invalid");
  bad = p;
  bad.erase("pollCount");
  EXPECT_EQ(code(bad), "payment.invalid");
  EXPECT_EQ(parsePaymentJson("[").error().code, "payment.invalid");
}

TEST(LifecycleJson, EventsDriveAPaymentToPaid) {
  const Json last = run({{{"kind", "validateOk"}},
                         {{"kind", "initiateSent"}, {"atMs", 1000}},
                         {{"kind", "initiateResponse"}, {"atMs", 1200}, {"body", R"({"status":"accepted"})"}},
                         {{"kind", "statusFetchFailed"}, {"failure", "httpStatus"}, {"httpStatus", 503}},
                         {{"kind", "statusBody"},
                          {"body", R"({"Sale_Reference_ID":"LTGSINV_230624_001","Payment_Status":"paid",)"
                                   R"("Total_Amount_Paid":15000,"Paid_On":"2025-06-16 13:20:45","Payment_Ref_ID":"MTN_1"})"}}});
  EXPECT_EQ(last["reason"], "status.paid");
  EXPECT_EQ(last["payment"]["state"], "PAID");
  EXPECT_EQ(last["payment"]["paymentRefId"], "MTN_1");
  EXPECT_EQ(last["payment"]["pollCount"], 2);
}

TEST(LifecycleJson, WrongAmountIsAMismatchNotPaid) {
  const Json last = run({{{"kind", "validateOk"}},
                         {{"kind", "initiateSent"}, {"atMs", 1000}},
                         {{"kind", "initiateResponse"}, {"atMs", 1200}, {"body", ""}},
                         {{"kind", "statusBody"},
                          {"body", R"({"Sale_Reference_ID":"LTGSINV_230624_001","Payment_Status":"PAID",)"
                                   R"("Total_Amount_Paid":1500,"Paid_On":"2025-06-16 13:20:45"})"}}});
  EXPECT_EQ(last["reason"], "status.amount_mismatch");
  EXPECT_EQ(last["payment"]["state"], "AMOUNT_MISMATCH");
  EXPECT_EQ(last["payment"]["amountPaidRwf"], 1500);
}

TEST(LifecycleJson, BadEventsAreReportedNotApplied) {
  const std::string payment = paymentJson(draftPayment("INV-1", 15000));
  const auto code = [&](const std::string& event) { return report(applyEventReport(payment, event))["errors"][0]; };
  // An unknown kind is an error about the kind, whatever else the event lacks.
  const Json nope = code(R"({"kind":"nope"})");
  EXPECT_EQ(nope["code"], "event.invalid");
  EXPECT_EQ(nope["params"]["member"], "kind");
  EXPECT_EQ(nope["params"]["kind"], "nope");
  EXPECT_EQ(code(R"({"atMs":5})")["params"]["member"], "kind");
  EXPECT_EQ(code(R"({"kind":"initiateSent"})")["code"], "settings.invalid");
  EXPECT_EQ(code(R"({"kind":"initiateSent"})")["params"]["member"], "atMs");
  EXPECT_EQ(code(R"({"kind":"statusBody","body":5})")["code"], "settings.invalid");
  EXPECT_EQ(code(R"({"kind":"statusFetchFailed","failure":"gremlins"})")["params"]["member"], "failure");
  EXPECT_EQ(code(R"({"kind":"cancel","reason":"bored"})")["code"], "settings.unknown");
  EXPECT_EQ(code(R"({"kind":"cancel","reason":"bored"})")["field"], "event");
  EXPECT_EQ(code("{")["code"], "json.malformed");
  EXPECT_EQ(code("{")["field"], "event");
  EXPECT_EQ(report(applyEventReport("{}", R"({"kind":"cancel"})"))["errors"][0]["code"], "payment.invalid");
  EXPECT_EQ(report(draftPaymentReport("bad ref", 15000))["errors"][0]["code"], "lifecycle.invalid_payment");
  EXPECT_EQ(report(draftPaymentReport("INV1", 0))["errors"][0]["code"], "lifecycle.invalid_payment");
}

TEST(LifecycleJson, NextPollFollowsThePolicyAndStopsWhenThereIsNothingToAsk) {
  const auto poll = [](const std::string& payment, const std::string& input, const std::string& settings) {
    return report(nextPollReport(payment, input, settings));
  };
  const Json pending = run({{{"kind", "validateOk"}},
                            {{"kind", "initiateSent"}, {"atMs", 1000}},
                            {{"kind", "initiateResponse"}, {"atMs", 1000}, {"body", ""}}})["payment"];
  Json d = poll(pending.dump(), R"({"nowMs":1000,"random01":0.5})", "");
  EXPECT_EQ(d["value"]["action"], "pollAgain");
  EXPECT_EQ(d["value"]["delayMs"], 2000);
  d = poll(pending.dump(), R"({"nowMs":1000,"random01":0.5,"retryAfter":"7"})", "");
  EXPECT_EQ(d["value"]["delayMs"], 7000);
  d = poll(pending.dump(), R"({"nowMs":1000,"random01":0.5})", R"({"firstDelayMs":500})");
  EXPECT_EQ(d["value"]["delayMs"], 500);
  d = poll(pending.dump(), R"({"nowMs":601000,"random01":0.5})", "");
  EXPECT_EQ(d["value"]["action"], "finalCheck");
  d = poll(pending.dump(), R"({"nowMs":601000,"finalCheckDone":true})", "");
  EXPECT_EQ(d["value"]["action"], "stopExpired");
  EXPECT_EQ(poll(paymentJson(draftPayment("INV1", 5)), R"({"nowMs":0})", "")["value"]["action"], "idle");
  Payment paid = draftPayment("INV1", 5);
  paid.state = PaymentState::Paid;
  EXPECT_EQ(poll(paymentJson(paid), R"({"nowMs":0})", "")["value"]["action"], "done");
  EXPECT_EQ(poll(pending.dump(), R"({"nowMs":0})", R"({"jitter":3})")["errors"][0]["code"],
            "settings.invalid");
  EXPECT_EQ(poll(pending.dump(), R"({})", "")["errors"][0]["code"], "settings.invalid");
  EXPECT_EQ(poll(pending.dump(), R"({"nowMs":0,"randm01":0.5})", "")["errors"][0]["code"], "settings.unknown");
}

}  // namespace
}  // namespace ltgs
