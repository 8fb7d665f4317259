#include "ltgs/phone.hpp"

#include <gtest/gtest.h>

namespace ltgs {
namespace {

std::string codeOf(std::string_view input) {
  const Result<PhoneNumber> r = parsePhone(input);
  return r ? "ok" : r.error().code;
}

TEST(ParsePhone, AcceptsEveryCommonWritingOfOneNumber) {
  for (const char* input : {"0788123456", "788123456", "250788123456", "+250788123456", "+250 788 123 456",
                            "0788-123-456", "0788.123.456", "(0788) 123 456", "  0788123456\t", "00250788123456",
                            "000250788123456", "+2500788123456", "2500788123456", "+250-788-123-456"}) {
    SCOPED_TRACE(input);
    const Result<PhoneNumber> r = parsePhone(input);
    ASSERT_TRUE(r.ok()) << r.error().code;
    EXPECT_EQ(r.value().local, "0788123456");
    EXPECT_EQ(r.value().e164, "+250788123456");
    EXPECT_EQ(r.value().op, Operator::Mtn);
  }
}

TEST(ParsePhone, DetectsTheOperatorFromThePrefix) {
  EXPECT_EQ(parsePhone("0788000001").value().op, Operator::Mtn);
  EXPECT_EQ(parsePhone("0798000001").value().op, Operator::Mtn);
  EXPECT_EQ(parsePhone("0728000001").value().op, Operator::Airtel);
  EXPECT_EQ(parsePhone("0738000001").value().op, Operator::Airtel);
  EXPECT_EQ(parsePhone("0778000001").value().op, Operator::Ktrn);
  EXPECT_STREQ(operatorName(Operator::Airtel), "Airtel");
  EXPECT_STREQ(operatorName(Operator::Ktrn), "KTRN");
}

TEST(ParsePhone, KtrnIsValidButHasNoWallet) {
  EXPECT_FALSE(operatorHasWallet(Operator::Ktrn));
  EXPECT_TRUE(operatorHasWallet(Operator::Mtn));
  EXPECT_TRUE(operatorHasWallet(Operator::Airtel));
}

TEST(ParsePhone, RejectsUnallocatedMobilePrefixes) {
  for (const char* input : {"0701234567", "0711234567", "0741234567", "0751234567", "0761234567", "+250751234567"})
    EXPECT_EQ(codeOf(input), "phone.unknown_operator") << input;
}

TEST(ParsePhone, RejectsLandlineWithItsOwnCode) {
  EXPECT_EQ(codeOf("0252123456"), "phone.landline");
  EXPECT_EQ(codeOf("+250 252 123 456"), "phone.landline");
  EXPECT_EQ(codeOf("0222123456"), "phone.landline");
}

TEST(ParsePhone, RejectsServiceNumbers) {
  EXPECT_EQ(codeOf("0800123456"), "phone.not_mobile");
  EXPECT_EQ(codeOf("0900123456"), "phone.not_mobile");
}

TEST(ParsePhone, RejectsWrongLengths) {
  EXPECT_EQ(codeOf("078812345"), "phone.too_short");
  EXPECT_EQ(codeOf("07"), "phone.too_short");
  EXPECT_EQ(codeOf("0"), "phone.too_short");
  EXPECT_EQ(codeOf("+250"), "phone.too_short");
  EXPECT_EQ(codeOf("07881234567"), "phone.too_long");
  EXPECT_EQ(codeOf("+2507881234567"), "phone.too_long");
}

TEST(ParsePhone, RejectsForeignNumbers) {
  EXPECT_EQ(codeOf("+256772123456"), "phone.foreign_number");
  EXPECT_EQ(codeOf("+1 202 555 0123"), "phone.foreign_number");
  EXPECT_EQ(codeOf("00256772123456"), "phone.foreign_number");
  EXPECT_EQ(codeOf("256772123456"), "phone.foreign_number");
}

TEST(ParsePhone, RejectsEmptyAndGarbage) {
  EXPECT_EQ(codeOf(""), "phone.required");
  EXPECT_EQ(codeOf("   "), "phone.required");
  EXPECT_EQ(codeOf("0788abc456"), "phone.invalid_characters");
  EXPECT_EQ(codeOf("0788+123456"), "phone.invalid_characters");
  EXPECT_EQ(codeOf("++250788123456"), "phone.invalid_characters");
  EXPECT_EQ(codeOf(std::string_view("0788\0" "123456", 11)), "phone.invalid_characters");  // "\012" would be octal
  // Full-width digits are refused rather than guessed at.
  EXPECT_EQ(codeOf("\xEF\xBC\x90\xEF\xBC\x97\xEF\xBC\x98\xEF\xBC\x98"), "phone.invalid_characters");
  EXPECT_EQ(codeOf("---"), "phone.too_short");
}

TEST(ParsePhone, ErrorsNameTheWireField) {
  const Result<PhoneNumber> r = parsePhone("12");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "Phone_Number");
  EXPECT_FALSE(r.error().message.empty());
}

}  // namespace
}  // namespace ltgs
