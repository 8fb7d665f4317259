// What the fuzzers (tests/fuzz) and the sanitized build found, kept so that it stays fixed. Each input is also
// a file in tests/fuzz/corpus/<target>/, named here, so every fuzzing run starts from it; the test reads that
// file too, so the two cannot drift apart. Run under ASan (npm run test:asan) the memory errors show as such.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ltgs/amount.hpp"
#include "ltgs/lifecycle.hpp"
#include "ltgs/lifecycle_json.hpp"
#include "ltgs/settings.hpp"

namespace ltgs {
namespace {

std::string corpusFile(const std::string& relative) {
  std::ifstream in(std::string(LTGS_FUZZ_CORPUS_DIR) + "/" + relative, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The fuzz targets' "\n~~~\n"-separated parts (tests/fuzz/fuzz_support.hpp).
std::vector<std::string> parts(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t at; (at = text.find("\n~~~\n", from)) != std::string::npos; from = at + 5)
    out.push_back(text.substr(from, at - from));
  out.push_back(text.substr(from));
  return out;
}

std::string codeOf(const Result<std::int64_t>& r) { return r ? "ok" : r.error().code; }

// amount_fuzz, ASan heap-use-after-free in parseAmount: the decimal part was a string_view into the last digit
// group, read after that group's token had been popped (and, past 15 digits, its heap buffer freed). Short
// groups hid it: their bytes live inside the vector's own storage, which pop_back does not free.
TEST(Regression, AmountWithALongDecimalPartIsNotReadAfterItsTokenIsFreed) {
  const std::string input = corpusFile("amount/regression-long-decimal-part-use-after-free");
  ASSERT_EQ(input, "01,0,00000071996991411");
  EXPECT_EQ(codeOf(parseAmount(input)), "amount.not_whole_francs");
  EXPECT_EQ(codeOf(parseAmount("15000,0000000000000000000001")), "amount.not_whole_francs");
  const Result<std::int64_t> zeros = parseAmount("15000.00000000000000000000");  // a long but zero decimal part
  ASSERT_TRUE(zeros.ok());
  EXPECT_EQ(zeros.value(), 15000);
}

// lifecycle_fuzz: initiateSent at 2^53 - 1 ms with a 24 h lifetime gave expiresAtMs 2^53 - 1 + 86,400,000, which
// paymentJson wrote and parsePaymentJson then refused ("a time"): the widget could not hand the payment back.
// The JSON API now refuses such an event, as it refuses any time past 2^53 - 1.
TEST(Regression, InitiateSentWhoseDeadlinePassesMaxSafeIntegerIsRefused) {
  const std::vector<std::string> input = parts(corpusFile("lifecycle/regression-deadline-past-max-safe-integer"));
  ASSERT_EQ(input.size(), 3u);
  const std::string report = applyEventReport(input[0], input[1]);
  EXPECT_NE(report.find("\"code\":\"event.invalid\""), std::string::npos) << report;
  // The last deadline that fits is still accepted, and the payment it writes reads back.
  const std::string fits = R"({"kind":"initiateSent","atMs":9007199168340991,"lifetimeMs":86400000})";
  const std::string accepted = applyEventReport(input[0], fits);
  ASSERT_NE(accepted.find("\"ok\":true"), std::string::npos) << accepted;
  const std::size_t start = accepted.find("\"payment\":") + 10, end = accepted.find(",\"reason\"");
  const Result<Payment> back = parsePaymentJson(accepted.substr(start, end - start));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back.value().expiresAtMs, kMaxSafeInteger);
}

// lifecycle_fuzz: counters at parsePaymentJson's limit (10^9) went one past it on the next event, so the
// payment written could not be read back; in C++, pollInputFor's sum of two counters could overflow an int.
// Counters now stop at kMaxEventCount.
TEST(Regression, CountersStopAtTheLimitThatParsePaymentJsonReads) {
  const std::vector<std::string> input = parts(corpusFile("lifecycle/regression-counters-past-their-limit"));
  ASSERT_EQ(input.size(), 4u);
  const Result<Payment> start = parsePaymentJson(input[0]);
  ASSERT_TRUE(start.ok());
  std::string payment = paymentJson(start.value());
  for (std::size_t k = 1; k < input.size(); ++k) {
    const std::string report = applyEventReport(payment, input[k]);
    ASSERT_NE(report.find("\"ok\":true"), std::string::npos) << report;
    const std::size_t from = report.find("\"payment\":") + 10, to = report.find(",\"reason\"");
    payment = report.substr(from, to - from);
    const Result<Payment> back = parsePaymentJson(payment);
    ASSERT_TRUE(back.ok()) << "event " << k << ": " << back.error().message << "\n" << payment;
    EXPECT_EQ(back.value().pollCount, kMaxEventCount);
    EXPECT_EQ(back.value().initiateAttempts, kMaxEventCount);
  }
  Payment p = start.value();
  p.state = PaymentState::Initiating;
  p.initiateAttempts = kMaxEventCount;
  p.pollCount = kMaxEventCount;
  EXPECT_EQ(pollInputFor(p, 0).attempt, 2 * kMaxEventCount - 1);  // below INT_MAX
  EXPECT_EQ(applyEvent(p, Event::statusFetchFailed(FetchOutcome::timeout())).payment.pollCount, kMaxEventCount);
}

}  // namespace
}  // namespace ltgs
