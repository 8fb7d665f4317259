#include "ltgs/callback_notification.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ltgs {
namespace {

using Json = nlohmann::json;

const char* const kLtgsCallback =
    R"({"Sale_Reference_ID":"LTGSINV_230624_001","Payment_Status":"PAID","Payment_Channel":"MTN MoMo",)"
    R"("Payment_Ref_ID":"MTN_456789123","Total_Amount_Paid":15000,"Paid_On":"2025-06-16 13:20:45"})";

std::vector<std::string> codes(const CallbackParse& p) {
  std::vector<std::string> out;
  for (const FieldError& e : p.errors) out.push_back(e.field + ":" + e.code);
  return out;
}

std::vector<std::string> codesWith(const char* key, Json value) {
  Json j = Json::parse(kLtgsCallback);
  if (value.is_discarded()) j.erase(key);
  else j[key] = std::move(value);
  return codes(parseCallbackNotification(j.dump()));
}

TEST(ParseCallback, ReadsLtgsSample) {
  const CallbackParse p = parseCallbackNotification(kLtgsCallback);
  ASSERT_TRUE(p.notification.has_value());
  const CallbackNotification& n = *p.notification;
  EXPECT_EQ(n.saleReferenceId, "LTGSINV_230624_001");
  EXPECT_EQ(n.paymentStatus, "PAID");
  EXPECT_EQ(n.paymentChannel, "MTN MoMo");
  EXPECT_EQ(n.paymentRefId, "MTN_456789123");
  EXPECT_EQ(n.totalAmountPaid, 15000);
  ASSERT_TRUE(n.paidOn.has_value());
  EXPECT_EQ(formatPaidOn(*n.paidOn), "2025-06-16 13:20:45");
  EXPECT_EQ(toJson(n), kLtgsCallback);
}

TEST(ParseCallback, PendingNeedsNoAmountOrDate) {
  const CallbackParse p =
      parseCallbackNotification(R"({"Sale_Reference_ID":"INV1","Payment_Status":" pending ","Paid_On":null,"Payment_Ref_ID":""})");
  ASSERT_TRUE(p.notification.has_value());
  EXPECT_EQ(p.notification->paymentStatus, "pending");
  EXPECT_FALSE(p.notification->totalAmountPaid.has_value());
  EXPECT_FALSE(p.notification->paidOn.has_value());
  EXPECT_FALSE(p.notification->paymentRefId.has_value());
}

TEST(ParseCallback, PaidMustCarryAmountAndDate) {
  EXPECT_EQ(codesWith("Total_Amount_Paid", Json(Json::value_t::discarded)),
            std::vector<std::string>{"Total_Amount_Paid:amount_paid.required"});
  EXPECT_EQ(codesWith("Paid_On", nullptr), std::vector<std::string>{"Paid_On:paid_on.required"});
  Json lower = Json::parse(kLtgsCallback);
  lower["Payment_Status"] = "paid";
  lower.erase("Paid_On");
  EXPECT_EQ(codes(parseCallbackNotification(lower.dump())), std::vector<std::string>{"Paid_On:paid_on.required"});
}

TEST(ParseCallback, RejectsWrongTypesAndValues) {
  EXPECT_EQ(codesWith("Total_Amount_Paid", "15000"), std::vector<std::string>{"Total_Amount_Paid:amount_paid.wrong_type"});
  EXPECT_EQ(codesWith("Total_Amount_Paid", 15000.5), std::vector<std::string>{"Total_Amount_Paid:amount_paid.not_whole_francs"});
  EXPECT_EQ(codesWith("Total_Amount_Paid", -1), std::vector<std::string>{"Total_Amount_Paid:amount_paid.negative"});
  EXPECT_EQ(codesWith("Total_Amount_Paid", 1e300), std::vector<std::string>{"Total_Amount_Paid:amount_paid.too_large"});
  EXPECT_EQ(codesWith("Payment_Status", 1), std::vector<std::string>{"Payment_Status:status.wrong_type"});
  EXPECT_EQ(codesWith("Payment_Status", ""), std::vector<std::string>{"Payment_Status:status.required"});
  EXPECT_EQ(codesWith("Payment_Status", "PAID<script>"), std::vector<std::string>{"Payment_Status:status.invalid"});
  EXPECT_EQ(codesWith("Payment_Channel", 5), std::vector<std::string>{"Payment_Channel:channel.wrong_type"});
  EXPECT_EQ(codesWith("Payment_Channel", "MTN\nMoMo"), std::vector<std::string>{"Payment_Channel:channel.invalid"});
  EXPECT_EQ(codesWith("Payment_Ref_ID", 456789123), std::vector<std::string>{"Payment_Ref_ID:payment_ref.wrong_type"});
  EXPECT_EQ(codesWith("Payment_Ref_ID", "MTN 456"), std::vector<std::string>{"Payment_Ref_ID:payment_ref.invalid"});
  EXPECT_EQ(codesWith("Sale_Reference_ID", "x'; DROP TABLE sales;--"),
            std::vector<std::string>{"Sale_Reference_ID:reference.invalid_characters"});
  EXPECT_EQ(codesWith("Sale_Reference_ID", 7), std::vector<std::string>{"Sale_Reference_ID:reference.wrong_type"});
  EXPECT_EQ(codesWith("Sale_Reference_ID", Json(Json::value_t::discarded)),
            std::vector<std::string>{"Sale_Reference_ID:reference.required"});
}

TEST(ParsePaidOn, AcceptsOnlyRealDatesInTheDocumentedFormat) {
  EXPECT_TRUE(parsePaidOn("2024-02-29 00:00:00").ok());
  EXPECT_TRUE(parsePaidOn("2025-12-31 23:59:59").ok());
  for (const char* bad : {"2025-02-29 10:00:00", "2025-04-31 10:00:00", "2025-13-01 10:00:00", "2025-00-10 10:00:00",
                          "2025-06-16 24:00:00", "2025-06-16 13:60:00", "2025-06-16 13:20:60", "1900-02-29 10:00:00"})
    EXPECT_EQ(parsePaidOn(bad).error().code, "paid_on.invalid_date") << bad;
  for (const char* bad : {"2025-06-16T13:20:45", "2025-06-16 13:20:45Z", "2025-06-16", "16/06/2025 13:20:45",
                          "2025-6-16 13:20:45", "", "2025-06-16 13:20:45+02:00", "２025-06-16 13:20:45"})
    EXPECT_EQ(parsePaidOn(bad).error().code, "paid_on.invalid_format") << bad;
}

TEST(ParseCallback, RejectsDocumentsLikeTheRequestParser) {
  EXPECT_EQ(codes(parseCallbackNotification("")), std::vector<std::string>{"$:json.malformed"});
  EXPECT_EQ(codes(parseCallbackNotification(std::string(kLtgsCallback).substr(0, 50))),
            std::vector<std::string>{"$:json.malformed"});
  EXPECT_EQ(codes(parseCallbackNotification(R"({"Payment_Status":"FAILED","Payment_Status":"PAID"})")),
            std::vector<std::string>{"$:json.duplicate_key"});
  EXPECT_EQ(codes(parseCallbackNotification("[1]")), std::vector<std::string>{"$:json.not_object"});
}

}  // namespace
}  // namespace ltgs
