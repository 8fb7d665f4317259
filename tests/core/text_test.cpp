#include "ltgs/text.hpp"

#include <gtest/gtest.h>

namespace ltgs {
namespace {

TEST(ParseSaleReference, AcceptsLettersDigitsAndSeparators) {
  EXPECT_EQ(parseSaleReference("LTGSINV_230624_001").value(), "LTGSINV_230624_001");
  EXPECT_EQ(parseSaleReference("a.b-c_D9").value(), "a.b-c_D9");
  EXPECT_TRUE(parseSaleReference(std::string(64, 'R')).ok());
}

TEST(ParseSaleReference, RejectsEachProblemWithItsCode) {
  EXPECT_EQ(parseSaleReference("").error().code, "reference.required");
  EXPECT_EQ(parseSaleReference(std::string(65, 'R')).error().code, "reference.too_long");
  EXPECT_EQ(parseSaleReference("INV 001").error().code, "reference.invalid_characters");
  EXPECT_EQ(parseSaleReference(" INV001").error().code, "reference.invalid_characters");
  EXPECT_EQ(parseSaleReference("INV'; DROP TABLE sales;--").error().code, "reference.invalid_characters");
  EXPECT_EQ(parseSaleReference("INV/001").error().code, "reference.invalid_characters");
  EXPECT_EQ(parseSaleReference("FACTURE\xC3\xA9").error().code, "reference.invalid_characters");
  EXPECT_EQ(parseSaleReference("INV 001", "Payment_Ref").error().field, "Payment_Ref");
}

TEST(ParseServicesName, KeepsPrintableUnicodeUnchangedAndTrims) {
  EXPECT_EQ(parseServicesName("  Water Bill - May 2025 ").value(), "Water Bill - May 2025");
  EXPECT_EQ(parseServicesName("Amazi y'ukwezi kwa Gicurasi").value(), "Amazi y'ukwezi kwa Gicurasi");
  EXPECT_EQ(parseServicesName("Facture d'\xC3\xA9lectricit\xC3\xA9 \xE2\x80\x94 mai").value(),
            "Facture d'\xC3\xA9lectricit\xC3\xA9 \xE2\x80\x94 mai");
  EXPECT_EQ(parseServicesName("<script>alert(\"x\")</script>").value(), "<script>alert(\"x\")</script>");
  EXPECT_EQ(parseServicesName("\xF0\x9F\x92\xA7 Water").value(), "\xF0\x9F\x92\xA7 Water");
  EXPECT_EQ(parseServicesName("\xC2\xA0Water\xC2\xA0").value(), "Water");
}

TEST(ParseServicesName, CountsCodePointsNotBytes) {
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "\xC3\xA9";  // é: 2 bytes, 1 character
  EXPECT_TRUE(parseServicesName(hundred).ok());
  EXPECT_EQ(parseServicesName(hundred + "e").error().code, "services_name.too_long");
  EXPECT_TRUE(parseServicesName(std::string(100, 'x')).ok());
  EXPECT_EQ(parseServicesName(std::string(101, 'x')).error().code, "services_name.too_long");
}

TEST(ParseServicesName, RejectsControlCharactersAndBadUtf8) {
  EXPECT_EQ(parseServicesName("").error().code, "services_name.required");
  EXPECT_EQ(parseServicesName(" \t\n").error().code, "services_name.required");
  EXPECT_EQ(parseServicesName("Water\nBill").error().code, "services_name.control_character");
  EXPECT_EQ(parseServicesName("Water\tBill").error().code, "services_name.control_character");
  EXPECT_EQ(parseServicesName(std::string_view("Water\0Bill", 10)).error().code, "services_name.control_character");
  EXPECT_EQ(parseServicesName("Water\x7F").error().code, "services_name.control_character");
  EXPECT_EQ(parseServicesName("Water\xC2\x85").error().code, "services_name.control_character");       // NEL
  EXPECT_EQ(parseServicesName("Water\xE2\x80\xAE" "lliB").error().code, "services_name.control_character");  // RLO
  EXPECT_EQ(parseServicesName("Water\xE2\x80\xA8").error().code, "services_name.control_character");   // LS
  EXPECT_EQ(parseServicesName("Water\xFF").error().code, "services_name.invalid_utf8");
  EXPECT_EQ(parseServicesName("\xC0\xAF").error().code, "services_name.invalid_utf8");          // overlong '/'
  EXPECT_EQ(parseServicesName("\xED\xA0\x80").error().code, "services_name.invalid_utf8");      // surrogate
  EXPECT_EQ(parseServicesName("\xF4\x90\x80\x80").error().code, "services_name.invalid_utf8");  // > U+10FFFF
  EXPECT_EQ(parseServicesName("Water\xE2\x82").error().code, "services_name.invalid_utf8");     // truncated
}

TEST(Utf8, ValidatesAndCounts) {
  EXPECT_TRUE(isValidUtf8(""));
  EXPECT_TRUE(isValidUtf8("\xF0\x9F\x92\xA7"));
  EXPECT_FALSE(isValidUtf8("\x80"));
  EXPECT_EQ(codePointCount("a\xC3\xA9\xF0\x9F\x92\xA7"), 3u);
}

}  // namespace
}  // namespace ltgs
