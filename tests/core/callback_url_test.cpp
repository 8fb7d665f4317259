#include "ltgs/callback_url.hpp"

#include <gtest/gtest.h>

namespace ltgs {
namespace {

std::string codeOf(std::string_view input, bool sandbox = false) {
  const Result<std::string> r = parseCallbackUrl(input, sandbox);
  return r ? "ok" : r.error().code;
}

TEST(ParseCallbackUrl, AcceptsHttpsAndLowerCasesSchemeAndHost) {
  EXPECT_EQ(parseCallbackUrl("https://partner.com/callback", false).value(), "https://partner.com/callback");
  EXPECT_EQ(parseCallbackUrl("HTTPS://Partner.COM:8443/CallBack?Ref=A#x", false).value(),
            "https://partner.com:8443/CallBack?Ref=A#x");
  EXPECT_EQ(parseCallbackUrl("https://203.0.113.7/cb", false).value(), "https://203.0.113.7/cb");
  EXPECT_EQ(parseCallbackUrl("https://[2001:db8::1]:443/cb", false).value(), "https://[2001:db8::1]:443/cb");
  EXPECT_EQ(parseCallbackUrl("https://partner.com", false).value(), "https://partner.com");
  EXPECT_EQ(parseCallbackUrl("https://partner.com/a%20b", false).value(), "https://partner.com/a%20b");
}

TEST(ParseCallbackUrl, AllowsPlainHttpOnlyForLocalhostInTheSandbox) {
  EXPECT_EQ(codeOf("http://localhost:3000/cb", true), "ok");
  EXPECT_EQ(codeOf("http://127.0.0.1/cb", true), "ok");
  EXPECT_EQ(codeOf("http://LOCALHOST/cb", true), "ok");
  EXPECT_EQ(codeOf("http://localhost:3000/cb", false), "callback_url.not_https");
  EXPECT_EQ(codeOf("http://partner.com/cb", true), "callback_url.not_https");
  EXPECT_EQ(codeOf("http://127.0.0.2/cb", true), "callback_url.not_https");
  EXPECT_EQ(codeOf("ftp://partner.com/cb"), "callback_url.not_https");
}

TEST(ParseCallbackUrl, RejectsEachMalformationWithItsCode) {
  EXPECT_EQ(codeOf(""), "callback_url.required");
  EXPECT_EQ(codeOf("partner.com/callback"), "callback_url.invalid");
  EXPECT_EQ(codeOf("/callback"), "callback_url.invalid");
  EXPECT_EQ(codeOf("javascript:alert(1)"), "callback_url.invalid");
  EXPECT_EQ(codeOf("https://partner.com/call back"), "callback_url.invalid");
  EXPECT_EQ(codeOf("https://partner.com/\"x\""), "callback_url.invalid");
  EXPECT_EQ(codeOf("https://partner.com/caf\xC3\xA9"), "callback_url.invalid");
  EXPECT_EQ(codeOf("https:///callback"), "callback_url.missing_host");
  EXPECT_EQ(codeOf("https://:443/callback"), "callback_url.missing_host");
  EXPECT_EQ(codeOf("https://user:pass@partner.com/cb"), "callback_url.has_credentials");
  EXPECT_EQ(codeOf("https://user@partner.com/cb"), "callback_url.has_credentials");
  EXPECT_EQ(codeOf("https://partner..com/cb"), "callback_url.invalid_host");
  EXPECT_EQ(codeOf("https://-partner.com/cb"), "callback_url.invalid_host");
  EXPECT_EQ(codeOf("https://999.0.0.1/cb"), "callback_url.invalid_host");
  EXPECT_EQ(codeOf("https://[zz::1]/cb"), "callback_url.invalid_host");
  EXPECT_EQ(codeOf("https://partner.com:0/cb"), "callback_url.invalid_port");
  EXPECT_EQ(codeOf("https://partner.com:65536/cb"), "callback_url.invalid_port");
  EXPECT_EQ(codeOf("https://partner.com:/cb"), "callback_url.invalid_port");
  EXPECT_EQ(codeOf("https://partner.com:8o/cb"), "callback_url.invalid_port");
}

TEST(ParseCallbackUrl, LimitsLengthTo2048Characters) {
  const std::string base = "https://partner.com/";
  EXPECT_EQ(codeOf(base + std::string(2048 - base.size(), 'a')), "ok");
  EXPECT_EQ(codeOf(base + std::string(2049 - base.size(), 'a')), "callback_url.too_long");
}

}  // namespace
}  // namespace ltgs
