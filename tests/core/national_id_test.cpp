#include "ltgs/national_id.hpp"

#include <gtest/gtest.h>

namespace ltgs {
namespace {

std::string codeOf(std::string_view input, int year = 2026) {
  const Result<std::string> r = parseNationalId(input, year);
  return r ? "ok" : r.error().code;
}

TEST(ParseNationalId, AcceptsLtgsSampleDespiteItsGenderDigit) {
  const Result<std::string> r = parseNationalId("1199999999999999", 2026);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), "1199999999999999");
}

TEST(ParseNationalId, RemovesSpacesInUserInput) {
  EXPECT_EQ(parseNationalId("1 1990 8 0012345 0 12", 2026).value(), "1199080012345012");
  EXPECT_EQ(parseNationalId("  1199080012345012\t", 2026).value(), "1199080012345012");
}

TEST(ParseNationalId, ChecksTheCategoryDigit) {
  EXPECT_EQ(codeOf("2199080012345012"), "ok");
  EXPECT_EQ(codeOf("3199080012345012"), "ok");
  EXPECT_EQ(codeOf("0199080012345012"), "national_id.bad_category");
  EXPECT_EQ(codeOf("4199080012345012"), "national_id.bad_category");
  EXPECT_EQ(codeOf("9199080012345012"), "national_id.bad_category");
}

TEST(ParseNationalId, ChecksBirthYearBounds) {
  EXPECT_EQ(codeOf("1190080012345012"), "ok");                                // 1900
  EXPECT_EQ(codeOf("1189980012345012"), "national_id.implausible_birth_year");  // 1899
  EXPECT_EQ(codeOf("1202680012345012", 2026), "ok");
  EXPECT_EQ(codeOf("1202780012345012", 2026), "national_id.implausible_birth_year");
  EXPECT_EQ(codeOf("1202780012345012", 0), "ok");  // year unknown: no upper bound
  EXPECT_EQ(codeOf("1000080012345012", 0), "national_id.implausible_birth_year");
}

TEST(ParseNationalId, RejectsWrongLengthAndCharacters) {
  EXPECT_EQ(codeOf(""), "national_id.required");
  EXPECT_EQ(codeOf("   "), "national_id.required");
  EXPECT_EQ(codeOf("119999999999999"), "national_id.wrong_length");
  EXPECT_EQ(codeOf("11999999999999999"), "national_id.wrong_length");
  EXPECT_EQ(codeOf("119999999999999O"), "national_id.invalid_characters");
  EXPECT_EQ(codeOf("11999999999999.99"), "national_id.invalid_characters");
}

// A customer copies the number as printed, or as a form elsewhere grouped it: hyphens between digits go the
// way of spaces. A hyphen that joins nothing is not a separator (a minus sign, a slip of the finger).
TEST(ParseNationalId, RemovesHyphensBetweenDigits) {
  EXPECT_EQ(parseNationalId("1199-0700-1234-5012", 2026).value(), "1199070012345012");
  EXPECT_EQ(parseNationalId("1 1990 7 0012345 0 12", 2026).value(), "1199070012345012");
  EXPECT_EQ(parseNationalId("1199 - 0700 - 1234 - 5012", 2026).value(), "1199070012345012");
  EXPECT_EQ(parseNationalId("1-1999-9-9999999-9-99", 2026).value(), "1199999999999999");
  EXPECT_EQ(codeOf("-1199070012345012"), "national_id.invalid_characters");
  EXPECT_EQ(codeOf("1199070012345012-"), "national_id.invalid_characters");
  EXPECT_EQ(codeOf("1199--070012345012"), "national_id.invalid_characters");
  EXPECT_EQ(codeOf("1199 -- 070012345012"), "national_id.invalid_characters");
  EXPECT_EQ(codeOf(" - 1199070012345012"), "national_id.invalid_characters");
  EXPECT_EQ(codeOf("1199\u20130700"), "national_id.invalid_characters");  // an en dash is no hyphen
  EXPECT_EQ(codeOf("1199-0700-1234-501"), "national_id.wrong_length");
}

}  // namespace
}  // namespace ltgs
