#include "ltgs/poll_policy.hpp"

#include <algorithm>
#include <cmath>

#include "ltgs/settings.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr std::int64_t kMaxRetryAfterSeconds = 1'000'000'000;  // about 31 years: saturation, not a policy

std::int64_t nonNegative(std::int64_t v) noexcept { return v < 0 ? 0 : v; }

// A finite, non-negative double as whole milliseconds; bounded so the conversion is always defined.
std::int64_t toMs(double v) noexcept {
  if (!(v > 0)) return 0;  // also NaN
  return static_cast<std::int64_t>(std::llround(std::min(v, static_cast<double>(kMaxSafeInteger))));
}

// A transient failure here also includes a 404 shortly after acceptance: LTGS may not know the reference yet.
bool isTransientHere(const FetchOutcome& last, std::int64_t elapsedMs, const PollSettings& s) noexcept {
  if (isTransientFailure(last)) return true;
  return last.kind == FetchKind::HttpStatus && last.httpStatus == 404 && elapsedMs < s.notFoundGraceMs;
}

const char* stopCode(int httpStatus) noexcept {
  switch (httpStatus) {
    case 401:
      return "poll.unauthorized";
    case 403:
      return "poll.forbidden";
    case 404:
      return "poll.not_found";
    default:
      return httpStatus >= 400 && httpStatus <= 499 ? "poll.client_error" : "poll.unexpected_status";
  }
}

std::int64_t scheduledDelayMs(const PollInput& in, const PollSettings& s) {
  const double factor = std::isfinite(s.backoffFactor) && s.backoffFactor > 1.0 ? s.backoffFactor : 1.0;
  const int exponent = std::clamp(in.attempt, 0, 1000);  // 1.5^1000 is inf, and min() then picks the cap
  const double cap = static_cast<double>(nonNegative(s.maxDelayMs));
  const double base = std::min(static_cast<double>(nonNegative(s.firstDelayMs)) * std::pow(factor, exponent), cap);
  const double r = std::isnan(in.random01) ? 0.5 : std::clamp(in.random01, 0.0, 1.0);
  const double jitter = std::isfinite(s.jitter) ? std::clamp(s.jitter, 0.0, 1.0) : 0.0;
  return toMs(base * (1.0 + jitter * (2.0 * r - 1.0)));
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian, y ≥ 1).
std::int64_t daysFromEpoch(int y, int m, int d) noexcept {
  constexpr int kBeforeMonth[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const auto leapsThrough = [](std::int64_t year) { return year / 4 - year / 100 + year / 400; };
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return 365 * (static_cast<std::int64_t>(y) - 1970) + (leapsThrough(y - 1) - leapsThrough(1969)) +
         kBeforeMonth[m - 1] + (leap && m > 2 ? 1 : 0) + (d - 1);
}

int daysInMonth(int y, int m) noexcept {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

int digitsValue(std::string_view s) noexcept {
  int v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT": seconds since the epoch, or nullopt. Case-sensitive,
// as RFC 9110 defines it. The day name is checked for spelling only (a wrong weekday changes nothing).
std::optional<std::int64_t> parseImfFixdate(std::string_view s) {
  constexpr std::string_view kShape = "www, dd mmm dddd dd:dd:dd GMT";
  if (s.size() != kShape.size()) return std::nullopt;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const char k = kShape[i];
    if (k == 'd' ? !isAsciiDigit(s[i]) : (k == 'w' || k == 'm') ? !isAsciiAlpha(s[i]) : s[i] != k) return std::nullopt;
  }
  constexpr std::string_view kDayNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  constexpr std::string_view kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (std::find(std::begin(kDayNames), std::end(kDayNames), s.substr(0, 3)) == std::end(kDayNames)) return std::nullopt;
  const auto month = std::find(std::begin(kMonthNames), std::end(kMonthNames), s.substr(8, 3));
  if (month == std::end(kMonthNames)) return std::nullopt;
  const int m = static_cast<int>(month - std::begin(kMonthNames)) + 1;
  const int d = digitsValue(s.substr(5, 2)), y = digitsValue(s.substr(12, 4));
  const int hh = digitsValue(s.substr(17, 2)), mm = digitsValue(s.substr(20, 2)), ss = digitsValue(s.substr(23, 2));
  // second 60: a leap second, which IMF-fixdate allows.
  if (y < 1 || d < 1 || d > daysInMonth(y, m) || hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  return daysFromEpoch(y, m, d) * 86'400 + hh * 3'600 + mm * 60 + ss;
}

}  // namespace

bool isFailure(const FetchOutcome& o) noexcept {
  switch (o.kind) {
    case FetchKind::NetworkError:
    case FetchKind::Timeout:
    case FetchKind::HttpStatus:
    case FetchKind::MalformedJson:
      return true;
    default:
      return false;
  }
}

bool isTransientFailure(const FetchOutcome& o) noexcept {
  switch (o.kind) {
    case FetchKind::NetworkError:
    case FetchKind::Timeout:
    case FetchKind::MalformedJson:
      return true;
    // 408 Request Timeout is a timeout reported by the server; 429 asks us to slow down, not to stop.
    case FetchKind::HttpStatus:
      return (o.httpStatus >= 500 && o.httpStatus <= 599) || o.httpStatus == 408 || o.httpStatus == 429;
    default:
      return false;
  }
}

const char* fetchErrorCode(const FetchOutcome& o) noexcept {
  switch (o.kind) {
    case FetchKind::NetworkError:
      return "fetch.network_error";
    case FetchKind::Timeout:
      return "fetch.timeout";
    case FetchKind::HttpStatus:
      return "fetch.http_status";
    case FetchKind::MalformedJson:
      return "fetch.malformed_json";
    default:
      return "";
  }
}

PollDecision nextPoll(const PollInput& in, const PollSettings& s) {
  if (isFailure(in.last) && !isTransientHere(in.last, in.elapsedMs, s))
    return {PollAction::StopError, 0, stopCode(in.last.httpStatus)};
  if (in.finalCheckDone) return {PollAction::StopExpired, 0, "poll.expired"};
  if (in.msUntilExpiry <= 0) return {PollAction::FinalCheck, 0, "poll.final_check"};

  std::int64_t delay = scheduledDelayMs(in, s);
  if (in.pageHidden || in.quiet) delay = std::max(delay, nonNegative(s.hiddenDelayMs));
  if (in.retryAfterMs) delay = std::max(delay, std::min(nonNegative(*in.retryAfterMs), nonNegative(s.maxRetryAfterMs)));
  if (delay >= in.msUntilExpiry) return {PollAction::FinalCheck, in.msUntilExpiry, "poll.final_check"};
  return {PollAction::PollAgain, delay, isFailure(in.last) ? "poll.retry" : "poll.next"};
}

std::optional<std::int64_t> parseRetryAfter(std::string_view value, std::int64_t nowEpochMs) {
  // Optional white space (SP / HTAB) around a field value is not part of it.
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;

  if (allDigits(value)) {
    std::int64_t seconds = 0;
    for (const char c : value) seconds = std::min(seconds * 10 + (c - '0'), kMaxRetryAfterSeconds);
    return seconds * 1000;
  }
  const std::optional<std::int64_t> at = parseImfFixdate(value);
  if (!at) return std::nullopt;
  // Both ends bounded (a date is below 10^15 ms), so the difference cannot overflow.
  const std::int64_t now = std::clamp(nowEpochMs, -kMaxSafeInteger, kMaxSafeInteger);
  return nonNegative(*at * 1000 - now);
}

const char* fetchKindName(FetchKind kind) noexcept {
  switch (kind) {
    case FetchKind::None:
      return "none";
    case FetchKind::Pending:
      return "pending";
    case FetchKind::UnknownStatus:
      return "unknownStatus";
    case FetchKind::Refused:
      return "refused";
    case FetchKind::NetworkError:
      return "networkError";
    case FetchKind::Timeout:
      return "timeout";
    case FetchKind::HttpStatus:
      return "httpStatus";
    case FetchKind::MalformedJson:
      return "malformedJson";
  }
  return "none";
}

std::optional<FetchKind> fetchKindFromName(std::string_view name) noexcept {
  for (const FetchKind k :
       {FetchKind::None, FetchKind::Pending, FetchKind::UnknownStatus, FetchKind::Refused, FetchKind::NetworkError,
        FetchKind::Timeout, FetchKind::HttpStatus, FetchKind::MalformedJson})
    if (name == fetchKindName(k)) return k;
  return std::nullopt;
}

const char* pollActionName(PollAction action) noexcept {
  switch (action) {
    case PollAction::PollAgain:
      return "pollAgain";
    case PollAction::FinalCheck:
      return "finalCheck";
    case PollAction::StopExpired:
      return "stopExpired";
    case PollAction::StopError:
      return "stopError";
  }
  return "stopError";
}

}  // namespace ltgs
