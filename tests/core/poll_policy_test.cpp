#include "ltgs/poll_policy.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace ltgs {
namespace {

// "Sun, 06 Nov 1994 08:49:37 GMT" is 784,111,777 s after the epoch.
constexpr std::int64_t kRfcExampleMs = 784'111'777'000;

PollInput input(int attempt, FetchOutcome last = {FetchKind::Pending, 0}) {
  PollInput in;
  in.attempt = attempt;
  in.elapsedMs = 60'000;
  in.msUntilExpiry = 300'000;
  in.last = last;
  return in;
}

std::vector<std::int64_t> delays(PollInput in, int count, const PollSettings& s = PollSettings{}) {
  std::vector<std::int64_t> out;
  for (int attempt = 0; attempt < count; ++attempt) {
    in.attempt = attempt;
    out.push_back(nextPoll(in, s).delayMs);
  }
  return out;
}

TEST(PollPolicy, ScheduleBacksOffByHalfToTenSeconds) {
  PollInput in = input(0, {});
  EXPECT_EQ(delays(in, 7), (std::vector<std::int64_t>{2000, 3000, 4500, 6750, 10000, 10000, 10000}));
  const PollDecision d = nextPoll(input(3));
  EXPECT_EQ(d.action, PollAction::PollAgain);
  EXPECT_EQ(d.code, "poll.next");
  EXPECT_EQ(nextPoll(input(1'000'000)).delayMs, 10'000);
  EXPECT_EQ(nextPoll(input(std::numeric_limits<int>::max())).delayMs, 10'000);
  EXPECT_EQ(nextPoll(input(-3)).delayMs, 2'000);  // a negative attempt is the first
}

TEST(PollPolicy, JitterStaysWithinTwentyPercent) {
  PollInput in = input(0);
  in.random01 = 0.0;
  EXPECT_EQ(delays(in, 6), (std::vector<std::int64_t>{1600, 2400, 3600, 5400, 8000, 8000}));
  in.random01 = 1.0;
  EXPECT_EQ(delays(in, 6), (std::vector<std::int64_t>{2400, 3600, 5400, 8100, 12000, 12000}));
  in.random01 = std::nextafter(1.0, 0.0);  // the largest value random01 takes
  EXPECT_EQ(delays(in, 6), (std::vector<std::int64_t>{2400, 3600, 5400, 8100, 12000, 12000}));
  // Out of range and NaN: clamped, and NaN means no jitter.
  in.attempt = 5;
  in.random01 = -7;
  EXPECT_EQ(nextPoll(in).delayMs, 8000);
  in.random01 = 42;
  EXPECT_EQ(nextPoll(in).delayMs, 12000);
  in.random01 = std::nan("");
  EXPECT_EQ(nextPoll(in).delayMs, 10000);

  for (int attempt = 0; attempt < 8; ++attempt) {
    const std::int64_t base = delays(input(0), attempt + 1).back();
    for (int i = 0; i < 1000; ++i) {
      PollInput j = input(attempt);
      j.random01 = i / 1000.0;
      const std::int64_t d = nextPoll(j).delayMs;
      EXPECT_GE(d, base * 8 / 10);
      EXPECT_LE(d, base * 12 / 10);
    }
  }
}

TEST(PollPolicy, TransientFailuresRetryWithBackoff) {
  const FetchOutcome transient[] = {
      FetchOutcome::networkError(), FetchOutcome::timeout(), FetchOutcome::malformedJson(), FetchOutcome::http(500),
      FetchOutcome::http(502),      FetchOutcome::http(503), FetchOutcome::http(504),       FetchOutcome::http(599),
      FetchOutcome::http(429),      FetchOutcome::http(408)};
  for (const FetchOutcome& f : transient) {
    SCOPED_TRACE(std::string(fetchKindName(f.kind)) + " " + std::to_string(f.httpStatus));
    EXPECT_TRUE(isFailure(f));
    EXPECT_TRUE(isTransientFailure(f));
    PollInput in = input(0, f);
    EXPECT_EQ(delays(in, 6), (std::vector<std::int64_t>{2000, 3000, 4500, 6750, 10000, 10000}));
    const PollDecision d = nextPoll(in);
    EXPECT_EQ(d.action, PollAction::PollAgain);
    EXPECT_EQ(d.code, "poll.retry");
  }
  // Responses that are not failures keep the ordinary schedule.
  for (const FetchKind k : {FetchKind::None, FetchKind::Pending, FetchKind::UnknownStatus, FetchKind::Refused}) {
    EXPECT_FALSE(isFailure({k, 0}));
    const PollDecision d = nextPoll(input(2, {k, 0}));
    EXPECT_EQ(d.action, PollAction::PollAgain);
    EXPECT_EQ(d.delayMs, 4500);
    EXPECT_EQ(d.code, "poll.next");
  }
}

TEST(PollPolicy, ClientErrorsStopWithACode) {
  const std::pair<int, const char*> rows[] = {
      {400, "poll.client_error"},      {401, "poll.unauthorized"},      {403, "poll.forbidden"},
      {404, "poll.not_found"},         {405, "poll.client_error"},      {409, "poll.client_error"},
      {410, "poll.client_error"},      {422, "poll.client_error"},      {499, "poll.client_error"},
      {0, "poll.unexpected_status"},   {200, "poll.unexpected_status"}, {302, "poll.unexpected_status"},
      {600, "poll.unexpected_status"}, {-1, "poll.unexpected_status"},
  };
  for (const auto& [status, code] : rows) {
    SCOPED_TRACE(status);
    EXPECT_FALSE(isTransientFailure(FetchOutcome::http(status)));
    const PollDecision d = nextPoll(input(2, FetchOutcome::http(status)));
    EXPECT_EQ(d.action, PollAction::StopError);
    EXPECT_EQ(d.code, code);
    EXPECT_EQ(d.delayMs, 0);
  }
  // A refusal outranks the deadline: the endpoint refuses us, whatever the time.
  PollInput late = input(2, FetchOutcome::http(401));
  late.finalCheckDone = true;
  EXPECT_EQ(nextPoll(late).action, PollAction::StopError);
}

TEST(PollPolicy, NotFoundIsTransientDuringGracePeriod) {
  PollInput in = input(0, FetchOutcome::http(404));
  in.elapsedMs = 0;
  EXPECT_EQ(nextPoll(in).action, PollAction::PollAgain);
  EXPECT_EQ(nextPoll(in).code, "poll.retry");
  in.elapsedMs = 29'999;
  EXPECT_EQ(nextPoll(in).action, PollAction::PollAgain);
  in.elapsedMs = 30'000;
  EXPECT_EQ(nextPoll(in).action, PollAction::StopError);
  EXPECT_EQ(nextPoll(in).code, "poll.not_found");

  PollSettings s;
  s.notFoundGraceMs = 5'000;
  in.elapsedMs = 4'999;
  EXPECT_EQ(nextPoll(in, s).action, PollAction::PollAgain);
  in.elapsedMs = 5'000;
  EXPECT_EQ(nextPoll(in, s).action, PollAction::StopError);
  // Only 404 has a grace period.
  PollInput gone = input(0, FetchOutcome::http(410));
  gone.elapsedMs = 0;
  EXPECT_EQ(nextPoll(gone).action, PollAction::StopError);
}

TEST(PollPolicy, RetryAfterIsHonouredAndClamped) {
  PollInput in = input(0, FetchOutcome::http(503));
  in.retryAfterMs = 15'000;
  EXPECT_EQ(nextPoll(in).delayMs, 15'000);
  in.retryAfterMs = 500;  // shorter than our own schedule: ours wins
  EXPECT_EQ(nextPoll(in).delayMs, 2'000);
  in.retryAfterMs = -5'000;
  EXPECT_EQ(nextPoll(in).delayMs, 2'000);
  in.retryAfterMs = 3'600'000;  // an hour: at most a minute
  EXPECT_EQ(nextPoll(in).delayMs, 60'000);
  in.retryAfterMs = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(nextPoll(in).delayMs, 60'000);
  in.msUntilExpiry = 45'000;  // never past the final check
  const PollDecision d = nextPoll(in);
  EXPECT_EQ(d.action, PollAction::FinalCheck);
  EXPECT_EQ(d.delayMs, 45'000);

  PollSettings s;
  s.maxRetryAfterMs = 20'000;
  in = input(0, FetchOutcome::http(429));
  in.retryAfterMs = 120'000;
  EXPECT_EQ(nextPoll(in, s).delayMs, 20'000);
  EXPECT_EQ(nextPoll(in, s).code, "poll.retry");
}

TEST(PollPolicy, ParsesRetryAfterDeltaSeconds) {
  EXPECT_EQ(parseRetryAfter("120", 0), 120'000);
  EXPECT_EQ(parseRetryAfter("0", 0), 0);
  EXPECT_EQ(parseRetryAfter(" \t5 ", 123), 5'000);
  EXPECT_EQ(parseRetryAfter("007", 0), 7'000);
  EXPECT_EQ(parseRetryAfter("99999999999999999999999", 0), 1'000'000'000'000);  // saturates
}

TEST(PollPolicy, ParsesRetryAfterHttpDate) {
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", kRfcExampleMs - 30'000), 30'000);
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", kRfcExampleMs - 1), 1);
  EXPECT_EQ(parseRetryAfter(" Sun, 06 Nov 1994 08:49:37 GMT ", kRfcExampleMs), 0);
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", kRfcExampleMs + 5'000), 0);  // past: now
  EXPECT_EQ(parseRetryAfter("Thu, 01 Jan 1970 00:00:00 GMT", 0), 0);
  EXPECT_EQ(parseRetryAfter("Thu, 29 Feb 2024 00:00:10 GMT", 1'709'164'800'000), 10'000);
  EXPECT_EQ(parseRetryAfter("Sat, 01 Mar 2025 00:00:00 GMT", 1'740'787'200'000 - 60'000), 60'000);
  EXPECT_EQ(parseRetryAfter("Wed, 31 Dec 2025 23:59:60 GMT", 1'767'225'599'000), 1'000);  // leap second
  EXPECT_EQ(parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", std::numeric_limits<std::int64_t>::min()),
            253'402'300'799'000 + 9'007'199'254'740'991);  // now clamped: no overflow
}

TEST(PollPolicy, RefusesGarbageRetryAfter) {
  const char* const garbage[] = {
      "",
      "   ",
      "soon",
      "-5",
      "+5",
      "1.5",
      "5s",
      "0x10",
      "1 2",
      "120, 60",
      "Sunday, 06-Nov-94 08:49:37 GMT",  // RFC 850: obsolete
      "Sun Nov  6 08:49:37 1994",        // asctime: obsolete
      "sun, 06 nov 1994 08:49:37 gmt",   // HTTP-date is case-sensitive
      "Sun, 06 Nov 1994 08:49:37 UTC",
      "Sun, 6 Nov 1994 08:49:37 GMT",
      "Xyz, 06 Nov 1994 08:49:37 GMT",
      "Sun, 06 Abc 1994 08:49:37 GMT",
      "Sun, 31 Nov 1994 08:49:37 GMT",
      "Fri, 29 Feb 2023 08:49:37 GMT",
      "Sun, 00 Nov 1994 08:49:37 GMT",
      "Sun, 06 Nov 1994 24:00:00 GMT",
      "Sun, 06 Nov 1994 08:60:00 GMT",
      "Sun, 06 Nov 1994 08:49:61 GMT",
      "Sun, 06 Nov 0000 08:49:37 GMT",
  };
  for (const char* g : garbage) {
    SCOPED_TRACE(g);
    EXPECT_EQ(parseRetryAfter(g, 0), std::nullopt);
  }
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMTX", 0), std::nullopt);
  EXPECT_EQ(parseRetryAfter(std::string_view("12\0", 3), 0), std::nullopt);
}

TEST(PollPolicy, HiddenPagePollsAtMostEveryThirtySeconds) {
  PollInput in = input(0);
  in.pageHidden = true;
  EXPECT_EQ(delays(in, 6), (std::vector<std::int64_t>{30000, 30000, 30000, 30000, 30000, 30000}));
  in.random01 = 1.0;
  EXPECT_EQ(nextPoll(in).delayMs, 30'000);
  in.retryAfterMs = 45'000;  // the longer wait wins
  EXPECT_EQ(nextPoll(in).delayMs, 45'000);

  PollSettings s;
  s.hiddenDelayMs = 60'000;
  in.retryAfterMs.reset();
  EXPECT_EQ(nextPoll(in, s).delayMs, 60'000);
  in.msUntilExpiry = 20'000;  // hidden or not, the final check is at the deadline
  EXPECT_EQ(nextPoll(in, s).action, PollAction::FinalCheck);
  EXPECT_EQ(nextPoll(in, s).delayMs, 20'000);
}

TEST(PollPolicy, FinalCheckAtDeadlineThenExpired) {
  PollInput in = input(5);
  in.msUntilExpiry = 10'001;
  EXPECT_EQ(nextPoll(in).action, PollAction::PollAgain);
  in.msUntilExpiry = 10'000;  // a request due exactly at the deadline is the final check
  PollDecision d = nextPoll(in);
  EXPECT_EQ(d.action, PollAction::FinalCheck);
  EXPECT_EQ(d.delayMs, 10'000);
  EXPECT_EQ(d.code, "poll.final_check");
  in.msUntilExpiry = 4'000;
  EXPECT_EQ(nextPoll(in).delayMs, 4'000);
  for (const std::int64_t past :
       {std::int64_t{0}, std::int64_t{-1}, std::int64_t{-3'600'000}, std::numeric_limits<std::int64_t>::min()}) {
    in.msUntilExpiry = past;
    d = nextPoll(in);
    EXPECT_EQ(d.action, PollAction::FinalCheck);
    EXPECT_EQ(d.delayMs, 0);
  }
  // After the final check: expired, whatever it returned (unless the endpoint refused us).
  in.finalCheckDone = true;
  for (const FetchOutcome& f : {FetchOutcome{FetchKind::Pending, 0}, FetchOutcome{FetchKind::UnknownStatus, 0},
                                FetchOutcome::networkError(), FetchOutcome::timeout(), FetchOutcome::http(503)}) {
    in.last = f;
    d = nextPoll(in);
    EXPECT_EQ(d.action, PollAction::StopExpired);
    EXPECT_EQ(d.delayMs, 0);
    EXPECT_EQ(d.code, "poll.expired");
  }
}

// Drives the policy as the shell does for a whole payment life: returns the number of status requests.
int simulate(std::int64_t lifetimeMs, bool hidden, std::mt19937& rng, bool alwaysFailing, std::int64_t* lastAt) {
  std::uniform_real_distribution<double> random01(0.0, 1.0);
  std::int64_t now = 0;
  int requests = 0;
  PollInput in;
  in.pageHidden = hidden;
  for (int guard = 0; guard < 10'000; ++guard) {
    in.attempt = requests;
    in.elapsedMs = now;
    in.msUntilExpiry = lifetimeMs - now;
    in.random01 = random01(rng);
    const PollDecision d = nextPoll(in);
    EXPECT_GE(d.delayMs, 0);
    EXPECT_LE(now + d.delayMs, std::max<std::int64_t>(lifetimeMs, now));
    if (d.action == PollAction::StopExpired || d.action == PollAction::StopError) break;
    now += d.delayMs;
    ++requests;
    if (d.action == PollAction::FinalCheck) {
      EXPECT_EQ(now, lifetimeMs);
      in.finalCheckDone = true;
    }
    in.last = alwaysFailing ? FetchOutcome::timeout() : FetchOutcome{FetchKind::Pending, 0};
  }
  *lastAt = now;
  return requests;
}

TEST(PollPolicy, TenMinutesNeedABoundedNumberOfPolls) {
  const std::uint32_t seed = 4242;
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::int64_t lastAt = 0;
  for (int run = 0; run < 200; ++run) {
    const int n = simulate(kDefaultPaymentLifetimeMs, false, rng, run % 2 == 1, &lastAt);
    // At most: 1.6 s + 2.4 s + 3.6 s + 5.4 s, then 8 s apart (all jitter low), plus the final check.
    EXPECT_GE(n, 50);
    EXPECT_LE(n, 80);
    EXPECT_EQ(lastAt, kDefaultPaymentLifetimeMs);
  }
  EXPECT_LE(simulate(kDefaultPaymentLifetimeMs, true, rng, false, &lastAt), 21);
  EXPECT_EQ(lastAt, kDefaultPaymentLifetimeMs);
  // Worst case, all jitter at −20 %: exactly the bound above.
  std::int64_t now = 0;
  int n = 0;
  PollInput in;
  in.random01 = 0.0;
  for (PollDecision d{}; d.action != PollAction::StopExpired; ++n) {
    in.attempt = n;
    in.msUntilExpiry = kDefaultPaymentLifetimeMs - now;
    d = nextPoll(in);
    now += d.delayMs;
    if (d.action == PollAction::FinalCheck) in.finalCheckDone = true;
  }
  EXPECT_EQ(n - 1, 4 + (600'000 - 13'000 + 7'999) / 8'000);  // requests made (the loop counts the stop)
  // A shorter lifetime is honoured the same way.
  EXPECT_LE(simulate(60'000, false, rng, true, &lastAt), 12);
  EXPECT_EQ(lastAt, 60'000);
}

TEST(PollPolicy, SettingsChangeTheSchedule) {
  PollSettings s;
  s.firstDelayMs = 5'000;
  s.backoffFactor = 2.0;
  s.maxDelayMs = 20'000;
  s.jitter = 0.0;
  PollInput in = input(0);
  in.random01 = 0.0;
  EXPECT_EQ(delays(in, 5, s), (std::vector<std::int64_t>{5000, 10000, 20000, 20000, 20000}));
  // Nonsense settings still give non-negative, finite delays.
  s.backoffFactor = std::nan("");
  s.jitter = 5.0;
  s.firstDelayMs = -1;
  in.random01 = 0.0;
  for (const std::int64_t d : delays(in, 5, s)) EXPECT_EQ(d, 0);
  s = PollSettings{};
  s.backoffFactor = 0.5;  // never shrinks below the first delay
  EXPECT_EQ(delays(input(0), 3, s), (std::vector<std::int64_t>{2000, 2000, 2000}));
}

TEST(PollPolicy, NamesAreStable) {
  for (const FetchKind k :
       {FetchKind::None, FetchKind::Pending, FetchKind::UnknownStatus, FetchKind::Refused, FetchKind::NetworkError,
        FetchKind::Timeout, FetchKind::HttpStatus, FetchKind::MalformedJson})
    EXPECT_EQ(fetchKindFromName(fetchKindName(k)), k);
  EXPECT_STREQ(fetchKindName(FetchKind::MalformedJson), "malformedJson");
  EXPECT_EQ(fetchKindFromName("MalformedJson"), std::nullopt);
  EXPECT_STREQ(pollActionName(PollAction::PollAgain), "pollAgain");
  EXPECT_STREQ(pollActionName(PollAction::FinalCheck), "finalCheck");
  EXPECT_STREQ(pollActionName(PollAction::StopExpired), "stopExpired");
  EXPECT_STREQ(pollActionName(PollAction::StopError), "stopError");
  EXPECT_STREQ(fetchErrorCode(FetchOutcome::networkError()), "fetch.network_error");
  EXPECT_STREQ(fetchErrorCode(FetchOutcome::timeout()), "fetch.timeout");
  EXPECT_STREQ(fetchErrorCode(FetchOutcome::http(500)), "fetch.http_status");
  EXPECT_STREQ(fetchErrorCode(FetchOutcome::malformedJson()), "fetch.malformed_json");
  EXPECT_STREQ(fetchErrorCode({FetchKind::Pending, 0}), "");
}

}  // namespace
}  // namespace ltgs
