#pragma once
// When to ask LTGS for a payment's status next. A pure function: the caller owns the clock, the timer,
// the random source and the fetch, and passes what it saw. Nothing here throws.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ltgs {

// A payment's life from its first initiation request; then one final status check, then EXPIRED locally.
constexpr std::int64_t kDefaultPaymentLifetimeMs = 10 * 60 * 1000;

struct PollSettings {
  std::int64_t firstDelayMs = 2'000;      // first status request, counted from the initiation's acceptance
  double backoffFactor = 1.5;             // each request waits this much longer than the one before…
  std::int64_t maxDelayMs = 10'000;       // …up to this, before jitter
  double jitter = 0.2;                    // ± fraction: random01 0 → −20 %, 0.5 → none, towards 1 → +20 %
  std::int64_t hiddenDelayMs = 30'000;    // page hidden: at least this long between requests
  std::int64_t notFoundGraceMs = 30'000;  // a 404 this soon after acceptance is transient: LTGS may lag
  std::int64_t maxRetryAfterMs = 60'000;  // Retry-After is honoured up to this, never past the final check
  // Used where the payment's deadline is set (Event::initiateSent); nextPoll reads msUntilExpiry instead.
  std::int64_t lifetimeMs = kDefaultPaymentLifetimeMs;
};

// What the latest request (initiation or status) came back with.
enum class FetchKind {
  None,           // nothing yet: the initiation was just accepted
  Pending,        // a status response: PENDING
  UnknownStatus,  // a status response whose Payment_Status is not a known word
  Refused,        // a well-formed status response the lifecycle refused (another reference, PAID without amount)
  NetworkError,   // fetch rejected: offline, DNS, connection reset, CORS
  Timeout,        // aborted by the caller's timer
  HttpStatus,     // an HTTP status outside 2xx, in httpStatus
  MalformedJson,  // 2xx, but the body is not a status document: not JSON, truncated, invalid members
};

struct FetchOutcome {
  FetchKind kind = FetchKind::None;
  int httpStatus = 0;  // HttpStatus only

  static FetchOutcome networkError() { return {FetchKind::NetworkError, 0}; }
  static FetchOutcome timeout() { return {FetchKind::Timeout, 0}; }
  static FetchOutcome http(int status) { return {FetchKind::HttpStatus, status}; }
  static FetchOutcome malformedJson() { return {FetchKind::MalformedJson, 0}; }
};

// NetworkError, Timeout, HttpStatus or MalformedJson.
bool isFailure(const FetchOutcome& outcome) noexcept;
// A failure worth retrying with the same request: network error, timeout, malformed JSON, HTTP 5xx,
// 408 and 429. (nextPoll also treats a 404 within notFoundGraceMs of acceptance as transient.)
bool isTransientFailure(const FetchOutcome& outcome) noexcept;
// "fetch.network_error", "fetch.timeout", "fetch.http_status", "fetch.malformed_json"; "" for non-failures.
const char* fetchErrorCode(const FetchOutcome& outcome) noexcept;

struct PollInput {
  int attempt = 0;                           // status requests made so far (0: schedule the first one)
  std::int64_t elapsedMs = 0;                // since LTGS accepted the initiation
  std::int64_t msUntilExpiry = kDefaultPaymentLifetimeMs;  // deadline minus now; ≤ 0 once reached
  bool finalCheckDone = false;               // the check ordered by FinalCheck has been made
  FetchOutcome last;                         // what the latest request returned
  std::optional<std::int64_t> retryAfterMs;  // the latest response's Retry-After (see parseRetryAfter)
  bool pageHidden = false;
  bool quiet = false;  // nobody is waiting (the customer stopped): the hidden page's pace
  double random01 = 0.5;  // uniform in [0, 1); out-of-range values are clamped, NaN means no jitter
};

enum class PollAction {
  PollAgain,    // request the status after delayMs
  FinalCheck,   // request the status once more after delayMs (at the deadline), then ask again
  StopExpired,  // the final check was made: apply Event::expiryReached
  StopError,    // the status endpoint refuses us for good: stop polling (the payment is not failed)
};

struct PollDecision {
  PollAction action = PollAction::PollAgain;
  std::int64_t delayMs = 0;  // from now; ≥ 0, and never past the deadline; 0 when stopping
  // PollAgain: "poll.next", or "poll.retry" after a transient failure. FinalCheck: "poll.final_check".
  // StopExpired: "poll.expired". StopError: "poll.unauthorized" (401), "poll.forbidden" (403),
  // "poll.not_found" (404 after the grace period), "poll.client_error" (other 4xx),
  // "poll.unexpected_status" (1xx, 2xx, 3xx or beyond 5xx reported as a failure).
  std::string code;
};

// Schedule: firstDelayMs × backoffFactor^attempt, at most maxDelayMs, then ± jitter (so 2000, 3000, 4500,
// 6750, 10000, 10000 … without jitter). Page hidden: at least hiddenDelayMs. Retry-After: at least
// min(retryAfterMs, maxRetryAfterMs). A delay reaching the deadline becomes the FinalCheck at the
// deadline; once the deadline has passed the final check is due at once.
PollDecision nextPoll(const PollInput& input, const PollSettings& settings = PollSettings{});

// Retry-After (RFC 9110 §10.2.3) as a delay in ms from nowEpochMs: delta-seconds ("120") or an IMF-fixdate
// ("Sun, 06 Nov 1994 08:49:37 GMT"); a date in the past is 0. Optional white space around the value
// is ignored. Anything else, including the obsolete RFC 850 and asctime date forms, is nullopt: the
// caller keeps its own schedule. Delta-seconds saturate at 10^9 s.
std::optional<std::int64_t> parseRetryAfter(std::string_view headerValue, std::int64_t nowEpochMs);

// Stable names for the bindings: "none", "pending", "unknownStatus", "refused", "networkError",
// "timeout", "httpStatus", "malformedJson"; "pollAgain", "finalCheck", "stopExpired", "stopError".
const char* fetchKindName(FetchKind kind) noexcept;
std::optional<FetchKind> fetchKindFromName(std::string_view name) noexcept;
const char* pollActionName(PollAction action) noexcept;

}  // namespace ltgs
