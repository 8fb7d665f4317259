// The catalogue of codes (ltgs/codes.hpp): well formed, and the errors made from it say what it says.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "ltgs/codes.hpp"
#include "ltgs/report.hpp"

namespace ltgs {
namespace {

TEST(Codes, TheCatalogueIsSortedUniqueAndWellFormed) {
  std::string previous;
  std::size_t count = 0;
  for (const CodeInfo& c : codeCatalogue()) {
    ++count;
    const std::string code = c.code, kind = c.kind, field = c.field, message = c.message;
    EXPECT_LT(previous, code) << "not sorted, or twice: " << code;
    previous = code;
    EXPECT_NE(code.find('.'), std::string::npos) << code;
    EXPECT_TRUE(kind == "error" || kind == "warning" || kind == "outcome") << code;
    EXPECT_EQ(kind == "outcome", field.empty()) << code << ": outcomes have no field, errors and warnings one";
    ASSERT_FALSE(message.empty()) << code;
    EXPECT_TRUE(message.back() == '.' || message.back() == ')') << code << ": " << message;
    // Each param once, and every brace a param's.
    const std::vector<std::string> names = paramNames(c.message);
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size()) << c.code;
    std::size_t braces = 0;
    for (const char ch : message) braces += ch == '{' || ch == '}';
    EXPECT_EQ(braces, 2 * names.size()) << c.code << ": " << c.message;
    EXPECT_EQ(findCode(c.code), &c);
  }
  EXPECT_GT(count, 180u);
  EXPECT_EQ(findCode("phone.nope"), nullptr);
  EXPECT_EQ(findCode(""), nullptr);
}

TEST(Codes, AnErrorTakesItsFieldAndMessageFromTheCatalogue) {
  const FieldError e = codeError("amount.below_minimum", {ErrorParam::of("min", 1000)});
  EXPECT_EQ(e.field, "Total_Amount_to_Pay");
  EXPECT_EQ(e.message, "The amount must be at least RWF 1000.");
  EXPECT_EQ(codeError("amount.above_maximum", {ErrorParam::of("max", 2'000'000)}).message,
            "The amount must be at most RWF 2,000,000.");
  EXPECT_EQ(codeError("reference.too_long", {ErrorParam::of("max", 64)}, "Sale_Reference_ID").params.at(0),
            ErrorParam::of("max", 64));
  EXPECT_EQ(codeError("qr.currency_mismatch", {ErrorParam::of("currency", "840")}).message,
            "The QR payload is in currency 840, not RWF (646).");
  EXPECT_EQ(codeError("json.malformed", {ErrorParam::of("byte", 3)}, "settings").field, "settings");
  EXPECT_EQ(paramNames("{object}: {member} must be {expected}."),
            (std::vector<std::string>{"object", "member", "expected"}));
}

TEST(Codes, TheReportListsEveryCodeWithItsParams) {
  const nlohmann::json r = nlohmann::json::parse(codesReport());
  ASSERT_EQ(r["ok"], true);
  const auto& list = r["value"];
  std::size_t count = 0;
  for (const CodeInfo& c : codeCatalogue()) {
    const auto& entry = list.at(count++);
    EXPECT_EQ(entry["code"], std::string(c.code));
    EXPECT_EQ(entry["message"], std::string(c.message));
    EXPECT_EQ(entry["params"].get<std::vector<std::string>>(), paramNames(c.message));
  }
  EXPECT_EQ(list.size(), count);
  const auto below = std::find_if(list.begin(), list.end(), [](const auto& e) { return e["code"] == "amount.below_minimum"; });
  ASSERT_NE(below, list.end());
  EXPECT_EQ((*below)["params"], nlohmann::json::array({"min"}));
  EXPECT_EQ((*below)["field"], "Total_Amount_to_Pay");
}

}  // namespace
}  // namespace ltgs
