#include "ltgs/payment_request.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ltgs/report.hpp"

namespace ltgs {
namespace {

using Json = nlohmann::json;

const char* const kLtgsSample =
    R"({"Sale_Reference_ID":"LTGSINV_230624_001","Customer_KYC_ID":"1199999999999999","Phone_Number":"0788123456",)"
    R"("Email_Address":"john@example.com","Services_Name":"Water Bill - May 2025","Total_Amount_to_Pay":15000,)"
    R"("Callback_URL":"https://partner.com/callback"})";

ValidationSettings settings2026() {
  ValidationSettings s;
  s.currentYear = 2026;
  return s;
}

std::vector<std::string> codes(const Validation& v) {
  std::vector<std::string> out;
  for (const FieldError& e : v.errors) out.push_back(e.field + ":" + e.code);
  return out;
}

Json sampleWith(const char* key, Json value) {
  Json j = Json::parse(kLtgsSample);
  if (value.is_discarded()) j.erase(key);
  else j[key] = std::move(value);
  return j;
}

TEST(ValidateJson, AcceptsLtgsSampleAndSerialisesItByteForByte) {
  const Validation v = validateJson(kLtgsSample, settings2026());
  ASSERT_TRUE(v.errors.empty()) << v.errors.front().code;
  ASSERT_TRUE(v.request.has_value());
  EXPECT_EQ(toJson(*v.request), kLtgsSample);
  EXPECT_EQ(v.request->phone.e164, "+250788123456");
}

TEST(ValidateJson, NormalisesEveryField) {
  Json j = Json::parse(kLtgsSample);
  j["Customer_KYC_ID"] = "1 1999 9 9999999 9 99";
  j["Phone_Number"] = "+250 728 000 001";
  j["Email_Address"] = " John@Example.COM ";
  j["Services_Name"] = "  Amazi \xE2\x80\x94 Gicurasi  ";
  j["Total_Amount_to_Pay"] = 15000.0;
  j["Callback_URL"] = "HTTPS://Partner.com/callback";
  const Validation v = validateJson(j.dump(), settings2026());
  ASSERT_TRUE(v.request.has_value());
  const Json out = Json::parse(toJson(*v.request));
  EXPECT_EQ(out["Customer_KYC_ID"], "1199999999999999");
  EXPECT_EQ(out["Phone_Number"], "0728000001");
  EXPECT_EQ(out["Email_Address"], "John@example.com");
  EXPECT_EQ(out["Services_Name"], "Amazi \xE2\x80\x94 Gicurasi");
  EXPECT_EQ(out["Total_Amount_to_Pay"], 15000);
  EXPECT_TRUE(out["Total_Amount_to_Pay"].is_number_integer());
  EXPECT_EQ(out["Callback_URL"], "https://partner.com/callback");
  EXPECT_EQ(v.request->phone.op, Operator::Airtel);
}

TEST(ValidateJson, ReportsEveryProblemAtOnceInFieldOrder) {
  const Json j = {{"Sale_Reference_ID", "bad ref"},     {"Customer_KYC_ID", "123"},
                  {"Phone_Number", "0252123456"},       {"Email_Address", "nope"},
                  {"Services_Name", ""},                {"Total_Amount_to_Pay", 15000.5},
                  {"Callback_URL", "http://partner.com"}};
  const Validation v = validateJson(j.dump(), settings2026());
  EXPECT_FALSE(v.request.has_value());
  EXPECT_EQ(codes(v), (std::vector<std::string>{
                          "Sale_Reference_ID:reference.invalid_characters", "Customer_KYC_ID:national_id.wrong_length",
                          "Phone_Number:phone.landline", "Email_Address:email.missing_at",
                          "Services_Name:services_name.required", "Total_Amount_to_Pay:amount.not_whole_francs",
                          "Callback_URL:callback_url.not_https"}));
  for (const FieldError& e : v.errors) EXPECT_FALSE(e.message.empty()) << e.code;
}

TEST(ValidateJson, RejectsWrongTypes) {
  EXPECT_EQ(codes(validateJson(sampleWith("Total_Amount_to_Pay", "15000").dump(), settings2026())),
            std::vector<std::string>{"Total_Amount_to_Pay:amount.wrong_type"});
  EXPECT_EQ(codes(validateJson(sampleWith("Phone_Number", 788123456).dump(), settings2026())),
            std::vector<std::string>{"Phone_Number:phone.wrong_type"});
  EXPECT_EQ(codes(validateJson(sampleWith("Services_Name", Json::object()).dump(), settings2026())),
            std::vector<std::string>{"Services_Name:services_name.wrong_type"});
  EXPECT_EQ(codes(validateJson(sampleWith("Customer_KYC_ID", Json::array()).dump(), settings2026())),
            std::vector<std::string>{"Customer_KYC_ID:national_id.wrong_type"});
  EXPECT_EQ(codes(validateJson(sampleWith("Callback_URL", true).dump(), settings2026())),
            std::vector<std::string>{"Callback_URL:callback_url.wrong_type"});
  EXPECT_EQ(codes(validateJson(sampleWith("Sale_Reference_ID", nullptr).dump(), settings2026())),
            std::vector<std::string>{"Sale_Reference_ID:reference.required"});
}

TEST(ValidateJson, EmailIsOptionalUnlessRequired) {
  const Json absent = sampleWith("Email_Address", Json(Json::value_t::discarded));
  const Validation optional = validateJson(absent.dump(), settings2026());
  ASSERT_TRUE(optional.request.has_value());
  EXPECT_EQ(optional.request->emailAddress, "");
  ValidationSettings required = settings2026();
  required.emailRequired = true;
  EXPECT_EQ(codes(validateJson(absent.dump(), required)), std::vector<std::string>{"Email_Address:email.required"});
  EXPECT_EQ(codes(validateJson(sampleWith("Email_Address", "  ").dump(), required)),
            std::vector<std::string>{"Email_Address:email.required"});
}

TEST(ValidateJson, AppliesAmountLimitsFromSettings) {
  ValidationSettings s = settings2026();
  EXPECT_EQ(codes(validateJson(sampleWith("Total_Amount_to_Pay", 0).dump(), s)),
            std::vector<std::string>{"Total_Amount_to_Pay:amount.below_minimum"});
  EXPECT_EQ(codes(validateJson(sampleWith("Total_Amount_to_Pay", -5).dump(), s)),
            std::vector<std::string>{"Total_Amount_to_Pay:amount.negative"});
  EXPECT_EQ(codes(validateJson(sampleWith("Total_Amount_to_Pay", 2000001).dump(), s)),
            std::vector<std::string>{"Total_Amount_to_Pay:amount.above_maximum"});
  EXPECT_EQ(codes(validateJson(sampleWith("Total_Amount_to_Pay", 18446744073709551615ull).dump(), s)),
            std::vector<std::string>{"Total_Amount_to_Pay:amount.too_large"});
  s.maxAmountRwf = 5'000'000;
  EXPECT_TRUE(validateJson(sampleWith("Total_Amount_to_Pay", 4'000'000).dump(), s).request.has_value());
}

TEST(ValidateJson, RejectsBrokenDocumentsWithOneDocumentError) {
  const auto docCode = [](std::string_view body) {
    const Validation v = validateJson(body, ValidationSettings{});
    return v.errors.size() == 1 && v.errors[0].field == "$" ? v.errors[0].code : "unexpected";
  };
  EXPECT_EQ(docCode(""), "json.malformed");
  EXPECT_EQ(docCode("{"), "json.malformed");
  EXPECT_EQ(docCode(std::string(kLtgsSample).substr(0, 60)), "json.malformed");
  EXPECT_EQ(docCode(std::string(kLtgsSample) + "x"), "json.malformed");
  EXPECT_EQ(docCode("{'a':1}"), "json.malformed");
  EXPECT_EQ(docCode("{\"a\":\"\xFF\"}"), "json.malformed");  // invalid UTF-8 in a string
  EXPECT_EQ(docCode("{\"a\":\"\\ud800\"}"), "json.malformed");  // lone surrogate escape
  EXPECT_EQ(docCode("[]"), "json.not_object");
  EXPECT_EQ(docCode("\"text\""), "json.not_object");
  EXPECT_EQ(docCode("15000"), "json.not_object");
  EXPECT_EQ(docCode("null"), "json.not_object");
  EXPECT_EQ(docCode(R"({"Phone_Number":"0788123456","Phone_Number":"0728000001"})"), "json.duplicate_key");
  EXPECT_EQ(docCode(std::string(40, '[')), "json.not_object");
  EXPECT_EQ(docCode("{\"a\":" + std::string(70000, '[')), "json.too_large");
  EXPECT_EQ(docCode("{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}"), "json.too_deep");
  EXPECT_EQ(docCode("{\"a\":\"" + std::string(70000, 'x') + "\"}"), "json.too_large");
}

TEST(ValidateJson, IgnoresUnknownMembersAndNestedDuplicates) {
  Json j = Json::parse(kLtgsSample);
  j["Payment_Method"] = "MTN_MOMO";
  j["extra"] = {{"deep", {1, 2, 3}}};
  EXPECT_TRUE(validateJson(j.dump(), settings2026()).request.has_value());
}

TEST(ValidateField, ChecksOneFieldAsAFormSendsIt) {
  const ValidationSettings s = settings2026();
  EXPECT_EQ(validateField("Total_Amount_to_Pay", JsonScalar::string("RWF 15,000"), s).value().integer, 15000);
  EXPECT_EQ(validateField("Total_Amount_to_Pay", JsonScalar::floating(15000), s).value().integer, 15000);
  EXPECT_EQ(validateField("Total_Amount_to_Pay", JsonScalar::string("2,000,001"), s).error().code,
            "amount.above_maximum");
  EXPECT_EQ(validateField("Total_Amount_to_Pay", JsonScalar::string(" "), s).error().code, "amount.required");
  EXPECT_EQ(validateField("Phone_Number", JsonScalar::string("+250 788 123 456"), s).value().text, "0788123456");
  EXPECT_EQ(validateField("Email_Address", JsonScalar::string(""), s).value().text, "");
  EXPECT_EQ(validateField("Customer_KYC_ID", JsonScalar::string("1202780012345012"), s).error().code,
            "national_id.implausible_birth_year");
  EXPECT_EQ(validateField("Nope", JsonScalar::string("x"), s).error().code, "field.unknown");
}

TEST(Report, ValidationReportHasTheCommandLineShape) {
  const Json ok = Json::parse(validateRequestJsonReport(kLtgsSample, R"({"currentYear":2026})"));
  EXPECT_EQ(ok["ok"], true);
  EXPECT_EQ(ok["value"]["request"], Json::parse(kLtgsSample));
  EXPECT_EQ(ok["value"]["phone"], (Json{{"e164", "+250788123456"}, {"operator", "MTN"}}));
  const Json bad = Json::parse(validateRequestJsonReport("[]", R"({"currentYear":2026})"));
  EXPECT_EQ(bad["ok"], false);
  EXPECT_EQ(bad["errors"][0]["field"], "$");
  EXPECT_EQ(bad["errors"][0]["code"], "json.not_object");
}

}  // namespace
}  // namespace ltgs
