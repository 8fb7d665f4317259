#include "ltgs/amount.hpp"

#include <gtest/gtest.h>

namespace ltgs {
namespace {

std::string codeOf(std::string_view input) {
  const Result<std::int64_t> r = parseAmount(input);
  return r ? "ok" : r.error().code;
}

TEST(ParseAmount, ReadsWhatPeopleType) {
  for (const char* input : {"15000", "15,000", "15 000", "15.000", "RWF 15,000", "RWF15000", "rwf 15 000",
                            "15 000 Frw", "15000 RWF", "RF 15.000", "15\xC2\xA0" "000", "15\xE2\x80\xAF" "000 RF",
                            "15000.00", "15,000.00", "15.000,00", "15000,0", "+15000", " 15000 ", "015000"}) {
    SCOPED_TRACE(input);
    const Result<std::int64_t> r = parseAmount(input);
    ASSERT_TRUE(r.ok()) << r.error().code;
    EXPECT_EQ(r.value(), 15000);
  }
  EXPECT_EQ(parseAmount("1,234,567").value(), 1234567);
  EXPECT_EQ(parseAmount("1").value(), 1);
  EXPECT_EQ(parseAmount("0").value(), 0);  // limits are a separate check
}

TEST(ParseAmount, RejectsFractions) {
  EXPECT_EQ(codeOf("15000.50"), "amount.not_whole_francs");
  EXPECT_EQ(codeOf("15000,5"), "amount.not_whole_francs");
  EXPECT_EQ(codeOf("15,000.01"), "amount.not_whole_francs");
  EXPECT_EQ(codeOf("0.500"), "amount.not_whole_francs");
  EXPECT_EQ(codeOf("1.5"), "amount.not_whole_francs");
}

TEST(ParseAmount, RejectsNegatives) {
  EXPECT_EQ(codeOf("-15000"), "amount.negative");
  EXPECT_EQ(codeOf("\xE2\x88\x92" "15000"), "amount.negative");
  EXPECT_EQ(codeOf("RWF -500"), "amount.negative");
}

TEST(ParseAmount, RejectsExponents) {
  EXPECT_EQ(codeOf("1e5"), "amount.exponent_not_allowed");
  EXPECT_EQ(codeOf("1.5E3"), "amount.exponent_not_allowed");
}

TEST(ParseAmount, RejectsGarbageAndBadGrouping) {
  for (const char* input : {"abc", "NaN", "Infinity", "0x3A98", "15k", "1,50,000", "15,00,0", "1 5000", "15000.",
                            "$15000", "15 000 USD", "RWF", "..", "12-34"})
    EXPECT_EQ(codeOf(input), input == std::string("RWF") ? "amount.required" : "amount.invalid_format") << input;
  EXPECT_EQ(codeOf(""), "amount.required");
  EXPECT_EQ(codeOf("   "), "amount.required");
}

TEST(ParseAmount, RejectsAmountsBeyondJavaScriptSafeIntegers) {
  EXPECT_EQ(parseAmount("9007199254740991").value(), kMaxSafeInteger);
  EXPECT_EQ(codeOf("9007199254740992"), "amount.too_large");
  EXPECT_EQ(codeOf("99999999999999999999999999"), "amount.too_large");
}

TEST(CheckAmountLimits, AppliesDefaultAndConfiguredLimits) {
  const ValidationSettings defaults;
  EXPECT_TRUE(checkAmountLimits(1, defaults).ok());
  EXPECT_TRUE(checkAmountLimits(2'000'000, defaults).ok());
  EXPECT_EQ(checkAmountLimits(0, defaults).error().code, "amount.below_minimum");
  EXPECT_EQ(checkAmountLimits(2'000'001, defaults).error().code, "amount.above_maximum");
  EXPECT_EQ(checkAmountLimits(-1, defaults).error().code, "amount.negative");
  ValidationSettings custom;
  custom.minAmountRwf = 100;
  custom.maxAmountRwf = 1'000'000;
  EXPECT_EQ(checkAmountLimits(99, custom).error().code, "amount.below_minimum");
  EXPECT_EQ(checkAmountLimits(1'000'001, custom).error().message, "The amount must be at most RWF 1,000,000.");
}

}  // namespace
}  // namespace ltgs
