#include "ltgs/email.hpp"

#include <gtest/gtest.h>

namespace ltgs {
namespace {

std::string codeOf(std::string_view input) {
  const Result<std::string> r = parseEmail(input);
  return r ? "ok" : r.error().code;
}

TEST(ParseEmail, TrimsAndLowerCasesOnlyTheDomain) {
  EXPECT_EQ(parseEmail("  John.Doe@Example.CO.RW \n").value(), "John.Doe@example.co.rw");
  EXPECT_EQ(parseEmail("john@example.com").value(), "john@example.com");
  EXPECT_EQ(parseEmail("a+tag_1!#$%&'*/=?^`{|}~-@sub-domain.example.org").value(),
            "a+tag_1!#$%&'*/=?^`{|}~-@sub-domain.example.org");
}

TEST(ParseEmail, EnforcesLengthLimits) {
  const std::string local64(64, 'a');
  EXPECT_EQ(codeOf(local64 + "@example.com"), "ok");
  EXPECT_EQ(codeOf(local64 + "a@example.com"), "email.local_part_too_long");
  // 254 octets in all is the limit.
  const std::string label(63, 'b');
  const std::string domain = label + "." + label + "." + label + "." + std::string(57, 'c') + ".rw";  // 252
  ASSERT_EQ(domain.size(), 252u);
  EXPECT_EQ(codeOf("a@" + domain.substr(1)), "ok");      // 1 + 1 + 251 = 253
  EXPECT_EQ(codeOf("ab@" + domain.substr(1)), "ok");     // 254
  EXPECT_EQ(codeOf("abc@" + domain.substr(1)), "email.too_long");  // 255
}

TEST(ParseEmail, RejectsEachMalformationWithItsCode) {
  EXPECT_EQ(codeOf(""), "email.required");
  EXPECT_EQ(codeOf("john doe@example.com"), "email.contains_space");
  EXPECT_EQ(codeOf("john@exa mple.com"), "email.contains_space");
  EXPECT_EQ(codeOf("john.example.com"), "email.missing_at");
  EXPECT_EQ(codeOf("@example.com"), "email.invalid_local_part");
  EXPECT_EQ(codeOf("john..doe@example.com"), "email.invalid_local_part");
  EXPECT_EQ(codeOf(".john@example.com"), "email.invalid_local_part");
  EXPECT_EQ(codeOf("john.@example.com"), "email.invalid_local_part");
  EXPECT_EQ(codeOf("\"john\"@example.com"), "email.invalid_local_part");
  EXPECT_EQ(codeOf("jo\xC3\xABl@example.com"), "email.invalid_local_part");
  EXPECT_EQ(codeOf("a@b@example.com"), "email.invalid_local_part");
  EXPECT_EQ(codeOf("john@"), "email.invalid_domain");
  EXPECT_EQ(codeOf("john@example..com"), "email.invalid_domain");
  EXPECT_EQ(codeOf("john@-example.com"), "email.invalid_domain");
  EXPECT_EQ(codeOf("john@example_1.com"), "email.invalid_domain");
  EXPECT_EQ(codeOf("john@[192.168.0.1]"), "email.invalid_domain");
  EXPECT_EQ(codeOf("john@192.168.0.1"), "email.invalid_domain");
  EXPECT_EQ(codeOf("john@" + std::string(64, 'x') + ".com"), "email.invalid_domain");
  EXPECT_EQ(codeOf("john@localhost"), "email.domain_not_dotted");
}

}  // namespace
}  // namespace ltgs
