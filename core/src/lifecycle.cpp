#include "ltgs/lifecycle.hpp"

#include <algorithm>

#include <limits>
#include <utility>

#include "ltgs/settings.hpp"
#include "ltgs/text.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

using State = PaymentState;

constexpr State kStates[] = {State::Draft,  State::Validated, State::Initiating, State::Pending,       State::Paid,
                             State::Failed, State::Expired,   State::Cancelled,  State::AmountMismatch};
constexpr EventKind kEventKinds[] = {EventKind::ValidateOk,     EventKind::InitiateSent,   EventKind::InitiateAccepted,
                                     EventKind::InitiateFailed, EventKind::StatusReceived, EventKind::StatusFetchFailed,
                                     EventKind::Cancel,         EventKind::ExpiryReached,
                                     EventKind::ResumeWaiting};

// Payment_Status words. Only PAID appears in LTGS's published sample; the others are this project's names
// for the other outcomes, to be confirmed with LTGS (docs/domain.md#payment-status-words-and-polling and
// #uncertain). No other provider's words.
struct StatusRow {
  std::string_view word;
  StatusWord status;
};
constexpr StatusRow kStatusWords[] = {
    {"PENDING", StatusWord::Pending}, {"PAID", StatusWord::Paid},           {"FAILED", StatusWord::Failed},
    {"EXPIRED", StatusWord::Expired}, {"CANCELLED", StatusWord::Cancelled},
};

std::int64_t saturatingAdd(std::int64_t a, std::int64_t b) noexcept {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  if (b > 0 && a > kMax - b) return kMax;
  if (b < 0 && a < kMin - b) return kMin;
  return a + b;
}
std::int64_t saturatingSub(std::int64_t a, std::int64_t b) noexcept {
  if (b == std::numeric_limits<std::int64_t>::min()) return a >= 0 ? std::numeric_limits<std::int64_t>::max() : a - b;
  return saturatingAdd(a, -b);
}

void countUp(int& counter) noexcept {
  if (counter < kMaxEventCount) ++counter;
}

Transition unchanged(const Payment& p, const char* reason) { return {p, reason, true, {}}; }

Transition step(Payment p, const char* reason) { return {std::move(p), reason, false, {}}; }

// p moved into the terminal state `to`; the reason is also the payment's last error code.
Transition endNotPaid(Payment p, State to, const char* reason) {
  p.state = to;
  p.initiateInFlight = false;
  p.lastErrorCode = reason;
  return step(std::move(p), reason);
}

// A status response for a payment in Initiating or Pending. countAsPoll: false for the status carried by an
// initiation response.
Transition applyStatus(Payment p, const CallbackNotification& n, bool countAsPoll) {
  if (countAsPoll) countUp(p.pollCount);
  const auto refuse = [&p](const char* reason) {
    countUp(p.refusedResponseCount);
    p.lastOutcome = {FetchKind::Refused, 0};
    p.lastErrorCode = reason;
    return Transition{std::move(p), reason, true, {}};
  };
  // Exact: Sale_Reference_ID is an identifier, never trimmed or case-folded.
  if (n.saleReferenceId != p.saleReferenceId) return refuse("status.reference_mismatch");

  const StatusWord word = normaliseStatus(n.paymentStatus);
  if (word == StatusWord::Paid && !n.totalAmountPaid) return refuse("status.amount_missing");
  p.lastStatus = n.paymentStatus;
  if (n.expiresAtMs) {
    // LTGS's deadline: shown as it is; the polling deadline only ever moves out to it (bounded).
    p.ltgsExpiresAtMs = *n.expiresAtMs;
    const std::int64_t latest = saturatingAdd(p.initiatedAtMs.value_or(*n.expiresAtMs), kMaxPaymentLifetimeMs);
    const std::int64_t wanted = std::min(*n.expiresAtMs, latest);
    if (p.expiresAtMs && wanted > *p.expiresAtMs) p.expiresAtMs = wanted;
  }
  p.initiateInFlight = false;  // LTGS knows the payment: it is at least Pending
  switch (word) {
    case StatusWord::Pending:
      p.state = State::Pending;
      p.lastOutcome = {FetchKind::Pending, 0};
      return step(std::move(p), "status.pending");
    case StatusWord::Unknown:
      // Pending until LTGS says something we know: an unknown word is never success nor failure.
      p.state = State::Pending;
      countUp(p.unknownStatusCount);
      p.lastOutcome = {FetchKind::UnknownStatus, 0};
      p.lastErrorCode = "status.unknown";
      return step(std::move(p), "status.unknown");
    case StatusWord::Paid: {
      p.paymentRefId = n.paymentRefId;
      p.paymentChannel = n.paymentChannel;
      p.paidOn = n.paidOn;
      p.amountPaidRwf = n.totalAmountPaid;
      p.lastOutcome = {};
      // Equal, not at least: an overpayment is as much the partner's problem as a short one.
      if (*n.totalAmountPaid != p.amountRwf)
        return endNotPaid(std::move(p), State::AmountMismatch, "status.amount_mismatch");
      p.state = State::Paid;
      return step(std::move(p), "status.paid");
    }
    case StatusWord::Failed:
      // LTGS's own reference for the failed attempt, when it gives one: the failure screen shows it.
      p.paymentRefId = n.paymentRefId;
      p.paymentChannel = n.paymentChannel;
      p.failureReason = n.failureReason.value_or("");  // why, when LTGS says: failureReasonCode reads it
      p.lastOutcome = {};
      return endNotPaid(std::move(p), State::Failed, "status.failed");
    case StatusWord::Expired:
      p.lastOutcome = {};
      return endNotPaid(std::move(p), State::Expired, "status.expired");
    case StatusWord::Cancelled:
      p.lastOutcome = {};
      return endNotPaid(std::move(p), State::Cancelled, "status.cancelled");
  }
  return refuse("status.reference_mismatch");  // not reached: every StatusWord is handled above
}

bool validPayment(const Payment& p) {
  return parseSaleReference(p.saleReferenceId).ok() && p.amountRwf >= 1 && p.amountRwf <= kMaxSafeInteger;
}

bool polling(State s) noexcept { return s == State::Initiating || s == State::Pending; }

}  // namespace

bool isTerminal(PaymentState s) noexcept { return stateRank(s) == 4; }

int stateRank(PaymentState s) noexcept {
  switch (s) {
    case State::Draft:
      return 0;
    case State::Validated:
      return 1;
    case State::Initiating:
      return 2;
    case State::Pending:
      return 3;
    default:
      return 4;
  }
}

const char* stateName(PaymentState s) noexcept {
  switch (s) {
    case State::Draft:
      return "DRAFT";
    case State::Validated:
      return "VALIDATED";
    case State::Initiating:
      return "INITIATING";
    case State::Pending:
      return "PENDING";
    case State::Paid:
      return "PAID";
    case State::Failed:
      return "FAILED";
    case State::Expired:
      return "EXPIRED";
    case State::Cancelled:
      return "CANCELLED";
    case State::AmountMismatch:
      return "AMOUNT_MISMATCH";
  }
  return "DRAFT";
}

std::optional<PaymentState> paymentStateFromName(std::string_view name) noexcept {
  for (const State s : kStates)
    if (name == stateName(s)) return s;
  return std::nullopt;
}

StatusWord normaliseStatus(std::string_view paymentStatus) noexcept {
  const std::string_view s = trimWhitespace(paymentStatus);
  for (const StatusRow& row : kStatusWords) {
    if (row.word.size() != s.size()) continue;
    bool same = true;
    for (std::size_t i = 0; same && i < s.size(); ++i) same = asciiLower(s[i]) == asciiLower(row.word[i]);
    if (same) return row.status;
  }
  return StatusWord::Unknown;
}

const char* statusWordName(StatusWord word) noexcept {
  for (const StatusRow& row : kStatusWords)
    if (row.status == word) return row.word.data();  // the table's words are string literals
  return "UNKNOWN";
}

Payment draftPayment(std::string saleReferenceId, std::int64_t amountRwf) {
  Payment p;
  p.saleReferenceId = std::move(saleReferenceId);
  p.amountRwf = amountRwf;
  return p;
}

const char* eventKindName(EventKind kind) noexcept {
  switch (kind) {
    case EventKind::ValidateOk:
      return "validateOk";
    case EventKind::InitiateSent:
      return "initiateSent";
    case EventKind::InitiateAccepted:
      return "initiateAccepted";
    case EventKind::InitiateFailed:
      return "initiateFailed";
    case EventKind::StatusReceived:
      return "statusReceived";
    case EventKind::StatusFetchFailed:
      return "statusFetchFailed";
    case EventKind::Cancel:
      return "cancel";
    case EventKind::ExpiryReached:
      return "expiryReached";
    case EventKind::ResumeWaiting:
      return "resumeWaiting";
  }
  return "validateOk";
}

std::optional<EventKind> eventKindFromName(std::string_view name) noexcept {
  for (const EventKind k : kEventKinds)
    if (name == eventKindName(k)) return k;
  return std::nullopt;
}

Event Event::validateOk() { return Event{}; }
Event Event::initiateSent(std::int64_t atMs, std::int64_t lifetimeMs) {
  Event e;
  e.kind = EventKind::InitiateSent;
  e.atMs = atMs;
  e.lifetimeMs = lifetimeMs;
  return e;
}
Event Event::initiateAccepted(std::int64_t atMs, std::optional<CallbackNotification> status) {
  Event e;
  e.kind = EventKind::InitiateAccepted;
  e.atMs = atMs;
  e.status = std::move(status);
  return e;
}
Event Event::initiateFailed(FetchOutcome failure) {
  Event e;
  e.kind = EventKind::InitiateFailed;
  e.failure = failure;
  return e;
}
Event Event::statusReceived(CallbackNotification status) {
  Event e;
  e.kind = EventKind::StatusReceived;
  e.status = std::move(status);
  return e;
}
Event Event::statusFetchFailed(FetchOutcome failure) {
  Event e;
  e.kind = EventKind::StatusFetchFailed;
  e.failure = failure;
  return e;
}
Event Event::cancel() {
  Event e;
  e.kind = EventKind::Cancel;
  return e;
}
Event Event::resumeWaiting() {
  Event e;
  e.kind = EventKind::ResumeWaiting;
  return e;
}
Event Event::expiryReached(std::int64_t atMs) {
  Event e;
  e.kind = EventKind::ExpiryReached;
  e.atMs = atMs;
  return e;
}

Transition applyEvent(const Payment& payment, const Event& e) {
  if (isTerminal(payment.state)) return unchanged(payment, "lifecycle.ignored_after_terminal");
  Payment p = payment;

  switch (e.kind) {
    case EventKind::ValidateOk:
      if (p.state != State::Draft) break;
      if (!validPayment(p)) {
        p.lastErrorCode = "lifecycle.invalid_payment";
        return {std::move(p), "lifecycle.invalid_payment", true, {}};
      }
      p.state = State::Validated;
      return step(std::move(p), "lifecycle.validated");

    case EventKind::InitiateSent:
      if (p.state == State::Validated) {
        p.state = State::Initiating;
        p.initiatedAtMs = e.atMs;
        p.expiresAtMs = saturatingAdd(e.atMs, e.lifetimeMs);
      } else if (p.state == State::Initiating) {
        // The same Sale_Reference_ID again, after a transient failure: LTGS treats it as the same payment.
        if (p.initiateInFlight) return unchanged(payment, "initiate.already_in_flight");
        if (p.stoppedWaiting) return unchanged(payment, "initiate.stopped_waiting");
        if (e.atMs >= p.expiresAtMs.value_or(std::numeric_limits<std::int64_t>::max()))
          return unchanged(payment, "initiate.deadline_passed");
      } else {
        break;
      }
      p.initiateInFlight = true;
      countUp(p.initiateAttempts);
      return step(std::move(p), "initiate.sent");

    case EventKind::InitiateAccepted: {
      if (p.state != State::Initiating) break;
      p.state = State::Pending;
      p.initiateInFlight = false;
      p.acceptedAtMs = e.atMs;
      p.lastOutcome = {};
      if (!e.status) return step(std::move(p), "initiate.accepted");
      Transition t = applyStatus(std::move(p), *e.status, /*countAsPoll=*/false);
      if (t.refused) t = {std::move(t.payment), "initiate.accepted", false, {}};
      return t;
    }

    case EventKind::InitiateFailed:
      if (p.state != State::Initiating) break;
      if (!isFailure(e.failure)) return unchanged(payment, "lifecycle.invalid_event");
      p.initiateInFlight = false;
      p.lastErrorCode = fetchErrorCode(e.failure);
      p.lastOutcome = e.failure;  // nextPoll backs off the re-sends as it does status requests
      if (isTransientFailure(e.failure)) return step(std::move(p), "initiate.retry");
      p.state = State::Failed;
      return step(std::move(p), "initiate.rejected");

    case EventKind::StatusReceived:
      if (!polling(p.state)) break;
      if (!e.status) return unchanged(payment, "status.missing");
      return applyStatus(std::move(p), *e.status, /*countAsPoll=*/true);

    case EventKind::StatusFetchFailed: {
      if (!polling(p.state)) break;
      if (!isFailure(e.failure)) return unchanged(payment, "lifecycle.invalid_event");
      countUp(p.pollCount);
      p.lastOutcome = e.failure;
      const char* code = fetchErrorCode(e.failure);
      p.lastErrorCode = code;
      return step(std::move(p), code);
    }

    case EventKind::Cancel:
      // Sent (or perhaps sent): LTGS has no cancel request, and the customer may still approve it. The
      // payment stays open and is checked quietly until LTGS ends it or its deadline passes.
      if (polling(p.state)) {
        p.stoppedWaiting = true;
        return step(std::move(p), "lifecycle.stopped_waiting");
      }
      return endNotPaid(std::move(p), State::Cancelled, "lifecycle.cancelled");

    case EventKind::ResumeWaiting:
      if (!polling(p.state)) break;
      p.stoppedWaiting = false;
      return step(std::move(p), "lifecycle.waiting_again");

    case EventKind::ExpiryReached:
      if (!polling(p.state)) break;
      if (e.atMs < p.expiresAtMs.value_or(std::numeric_limits<std::int64_t>::min()))
        return unchanged(payment, "lifecycle.not_expired");
      return endNotPaid(std::move(p), State::Expired, "lifecycle.expired");
  }
  return unchanged(payment, "lifecycle.out_of_order");
}

Transition applyStatusJson(const Payment& payment, std::string_view body) {
  if (isTerminal(payment.state)) return unchanged(payment, "lifecycle.ignored_after_terminal");
  if (!polling(payment.state)) return unchanged(payment, "lifecycle.out_of_order");
  CallbackParse parsed = parseCallbackNotification(body);
  if (parsed.notification) return applyEvent(payment, Event::statusReceived(std::move(*parsed.notification)));
  Transition t = applyEvent(payment, Event::statusFetchFailed(FetchOutcome::malformedJson()));
  t.errors = std::move(parsed.errors);
  return t;
}

Transition applyInitiateResponseJson(const Payment& payment, std::string_view body, std::int64_t atMs) {
  CallbackParse parsed = parseCallbackNotification(body);
  Transition t = applyEvent(payment, Event::initiateAccepted(atMs, std::move(parsed.notification)));
  t.errors = std::move(parsed.errors);
  return t;
}

PollInput pollInputFor(const Payment& p, std::int64_t nowMs) {
  PollInput in;
  // While initiating, the requests being retried are the initiation's: back off by their count.
  in.attempt = p.state == PaymentState::Initiating ? std::max(0, p.initiateAttempts - 1) + p.pollCount : p.pollCount;
  in.elapsedMs = saturatingSub(nowMs, p.acceptedAtMs.value_or(p.initiatedAtMs.value_or(nowMs)));
  // No deadline yet (not initiated): a whole default lifetime ahead.
  in.msUntilExpiry = p.expiresAtMs ? saturatingSub(*p.expiresAtMs, nowMs) : kDefaultPaymentLifetimeMs;
  in.last = p.lastOutcome;
  in.quiet = p.stoppedWaiting;
  return in;
}

}  // namespace ltgs
