// nextPollReport(payment, input, settings) with fuzzed texts, and parseRetryAfter on its own.
// Input: "<payment JSON>\n~~~\n<poll input JSON>\n~~~\n<poll settings JSON>". Invariants: the report is valid
// JSON; an answer has a known action and a delay of 0 … 24 h; a Retry-After delay is never negative.
#include "fuzz_support.hpp"
#include "ltgs/lifecycle_json.hpp"
#include "ltgs/report.hpp"
#include "ltgs/poll_policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text(data, size);
  for (const std::int64_t now : {std::int64_t{0}, std::int64_t{1'750'000'000'000}, std::int64_t{-9'007'199'254'740'991},
                                 std::int64_t{9'007'199'254'740'991}}) {
    const std::optional<std::int64_t> retry = ltgs::parseRetryAfter(input, now);
    // Delta-seconds saturate at 10^9 s; a date is at most 9999-12-31, and now is clamped to ±(2^53 - 1).
    if (retry) FUZZ_CHECK(*retry >= 0 && *retry <= 253'402'300'800'000 + 9'007'199'254'740'991, input);
  }
  const std::vector<std::string_view> parts = fuzz::split(input, 3);
  const std::string_view payment = parts[0];
  const std::string_view pollInput = parts.size() > 1 ? parts[1] : std::string_view("{\"nowMs\":1750000000000}");
  const std::string_view settings = parts.size() > 2 ? parts[2] : std::string_view();
  const fuzz::Report r(ltgs::nextPollReport(payment, pollInput, settings));
  const ltgs::Result<ltgs::PollSettings> s = ltgs::parsePollSettingsJson(settings);
  if (!s) fuzz::checkError(s.error());
  if (!s) FUZZ_CHECK(s.error().field == "pollSettings", s.error().code);
  if (!r.ok()) return 0;
  const std::string action = r.text("action");
  FUZZ_CHECK(action == "pollAgain" || action == "finalCheck" || action == "stopExpired" || action == "stopError" ||
                 action == "idle" || action == "done",
             action);
  const std::int64_t delay = r.integer("delayMs");
  FUZZ_CHECK(delay >= 0 && delay <= 24LL * 3600 * 1000, r.json(""));
  return 0;
}
