#include "ltgs/lifecycle.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace ltgs {
namespace {

using State = PaymentState;
using Json = nlohmann::json;

const std::string kRef = "LTGSINV_230624_001";
constexpr std::int64_t kAmount = 15'000;
constexpr std::int64_t kSentAt = 1'750'000'000'000;  // epoch ms
constexpr std::int64_t kAcceptedAt = kSentAt + 800;
constexpr std::int64_t kDeadline = kSentAt + kDefaultPaymentLifetimeMs;

constexpr State kTerminalStates[] = {State::Paid, State::Failed, State::Expired, State::Cancelled,
                                     State::AmountMismatch};

CallbackNotification status(std::string word, std::optional<std::int64_t> amount = std::nullopt,
                            std::string reference = kRef) {
  CallbackNotification n;
  n.saleReferenceId = std::move(reference);
  n.paymentStatus = std::move(word);
  n.totalAmountPaid = amount;
  if (amount) {
    n.paymentChannel = "MTN MoMo";
    n.paymentRefId = "MTN_456789123";
    n.paidOn = LocalDateTime{2025, 6, 16, 13, 20, 45};
  }
  return n;
}

Payment draft() { return draftPayment(kRef, kAmount); }

// Applies an event that must be accepted.
Payment must(const Payment& p, const Event& e) {
  const Transition t = applyEvent(p, e);
  EXPECT_FALSE(t.refused) << t.reason;
  return t.payment;
}

Payment validated() { return must(draft(), Event::validateOk()); }
Payment initiating() { return must(validated(), Event::initiateSent(kSentAt)); }
Payment pending() { return must(initiating(), Event::initiateAccepted(kAcceptedAt)); }

Payment inState(State s) {
  switch (s) {
    case State::Draft:
      return draft();
    case State::Validated:
      return validated();
    case State::Initiating:
      return initiating();
    case State::Pending:
      return pending();
    case State::Paid:
      return must(pending(), Event::statusReceived(status("PAID", kAmount)));
    case State::Failed:
      return must(pending(), Event::statusReceived(status("FAILED")));
    case State::Expired:
      return must(pending(), Event::expiryReached(kDeadline));
    case State::Cancelled:
      return must(validated(), Event::cancel());
    case State::AmountMismatch:
      return must(pending(), Event::statusReceived(status("PAID", kAmount - 1)));
  }
  return draft();
}

std::vector<Event> everyEvent() {
  return {Event::validateOk(),
          Event::initiateSent(kSentAt + 5'000),
          Event::initiateAccepted(kSentAt + 6'000),
          Event::initiateAccepted(kSentAt + 6'000, status("PAID", kAmount)),
          Event::initiateFailed(FetchOutcome::networkError()),
          Event::initiateFailed(FetchOutcome::http(400)),
          Event::statusReceived(status("PAID", kAmount)),
          Event::statusReceived(status("PENDING")),
          Event::statusReceived(status("FAILED")),
          Event::statusReceived(status("EXPIRED")),
          Event::statusReceived(status("CANCELLED")),
          Event::statusReceived(status("SUCCESSFUL", kAmount)),
          Event::statusReceived(status("PAID", kAmount + 1)),
          Event::statusFetchFailed(FetchOutcome::timeout()),
          Event::cancel(),
          Event::expiryReached(kDeadline + 1)};
}

std::string paidOnText(const std::optional<LocalDateTime>& t) { return t ? formatPaidOn(*t) : "-"; }

// Every member, so that "unchanged" means unchanged.
bool samePayment(const Payment& a, const Payment& b) {
  return a.saleReferenceId == b.saleReferenceId && a.amountRwf == b.amountRwf && a.state == b.state &&
         a.initiatedAtMs == b.initiatedAtMs && a.acceptedAtMs == b.acceptedAtMs && a.expiresAtMs == b.expiresAtMs &&
         a.initiateInFlight == b.initiateInFlight && a.initiateAttempts == b.initiateAttempts &&
         a.pollCount == b.pollCount && a.unknownStatusCount == b.unknownStatusCount &&
         a.refusedResponseCount == b.refusedResponseCount && a.lastOutcome.kind == b.lastOutcome.kind &&
         a.lastOutcome.httpStatus == b.lastOutcome.httpStatus && a.lastStatus == b.lastStatus &&
         a.paymentRefId == b.paymentRefId && a.paymentChannel == b.paymentChannel &&
         paidOnText(a.paidOn) == paidOnText(b.paidOn) && a.amountPaidRwf == b.amountPaidRwf &&
         a.lastErrorCode == b.lastErrorCode && a.stoppedWaiting == b.stoppedWaiting;
}

// --- the forward path -------------------------------------------------------------------------------

TEST(Lifecycle, DraftHoldsTheRequestAndNothingElse) {
  const Payment p = draft();
  EXPECT_EQ(p.state, State::Draft);
  EXPECT_EQ(p.saleReferenceId, kRef);
  EXPECT_EQ(p.amountRwf, kAmount);
  EXPECT_FALSE(p.initiatedAtMs || p.acceptedAtMs || p.expiresAtMs || p.initiateInFlight);
  EXPECT_EQ(p.pollCount + p.unknownStatusCount + p.refusedResponseCount + p.initiateAttempts, 0);
}

TEST(Lifecycle, ValidateMovesDraftToValidated) {
  const Transition t = applyEvent(draft(), Event::validateOk());
  EXPECT_FALSE(t.refused);
  EXPECT_EQ(t.reason, "lifecycle.validated");
  EXPECT_EQ(t.payment.state, State::Validated);
}

TEST(Lifecycle, ValidateRefusesAPaymentThatCannotBeSent) {
  const Payment bad[] = {
      draftPayment("", kAmount), draftPayment("INV 001", kAmount), draftPayment(std::string(65, 'R'), kAmount),
      draftPayment(kRef, 0),     draftPayment(kRef, -15'000),      draftPayment(kRef, 9'007'199'254'740'992)};
  for (const Payment& p : bad) {
    const Transition t = applyEvent(p, Event::validateOk());
    EXPECT_TRUE(t.refused);
    EXPECT_EQ(t.reason, "lifecycle.invalid_payment");
    EXPECT_EQ(t.payment.state, State::Draft);
    EXPECT_EQ(t.payment.lastErrorCode, "lifecycle.invalid_payment");
  }
  EXPECT_FALSE(applyEvent(draftPayment(kRef, 9'007'199'254'740'991), Event::validateOk()).refused);
  EXPECT_FALSE(applyEvent(draftPayment(kRef, 1), Event::validateOk()).refused);
}

TEST(Lifecycle, InitiateSentStartsTheClock) {
  const Transition t = applyEvent(validated(), Event::initiateSent(kSentAt));
  EXPECT_FALSE(t.refused);
  EXPECT_EQ(t.reason, "initiate.sent");
  EXPECT_EQ(t.payment.state, State::Initiating);
  EXPECT_EQ(t.payment.initiatedAtMs, kSentAt);
  EXPECT_EQ(t.payment.expiresAtMs, kDeadline);
  EXPECT_TRUE(t.payment.initiateInFlight);
  EXPECT_EQ(t.payment.initiateAttempts, 1);
  EXPECT_EQ(must(validated(), Event::initiateSent(kSentAt, 90'000)).expiresAtMs, kSentAt + 90'000);
  const std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(must(validated(), Event::initiateSent(kMax - 5, 600'000)).expiresAtMs, kMax);  // saturates
}

TEST(Lifecycle, DoubleClickSendsOneInitiation) {
  const Payment p = initiating();
  const Transition t = applyEvent(p, Event::initiateSent(kSentAt + 150));
  EXPECT_TRUE(t.refused);
  EXPECT_EQ(t.reason, "initiate.already_in_flight");
  EXPECT_TRUE(samePayment(t.payment, p));
  EXPECT_EQ(applyEvent(pending(), Event::initiateSent(kSentAt + 150)).reason, "lifecycle.out_of_order");
}

TEST(Lifecycle, TransientInitiateFailureAllowsResendingTheSameReference) {
  const FetchOutcome transient[] = {
      FetchOutcome::networkError(), FetchOutcome::timeout(), FetchOutcome::malformedJson(), FetchOutcome::http(500),
      FetchOutcome::http(503),      FetchOutcome::http(429), FetchOutcome::http(408)};
  for (const FetchOutcome& f : transient) {
    const Transition failed = applyEvent(initiating(), Event::initiateFailed(f));
    EXPECT_FALSE(failed.refused);
    EXPECT_EQ(failed.reason, "initiate.retry");
    EXPECT_EQ(failed.payment.state, State::Initiating);
    EXPECT_FALSE(failed.payment.initiateInFlight);
    EXPECT_EQ(failed.payment.lastErrorCode, fetchErrorCode(f));

    const Transition again = applyEvent(failed.payment, Event::initiateSent(kSentAt + 12'000));
    EXPECT_EQ(again.reason, "initiate.sent");
    EXPECT_EQ(again.payment.initiateAttempts, 2);
    EXPECT_EQ(again.payment.saleReferenceId, kRef);
    EXPECT_EQ(again.payment.initiatedAtMs, kSentAt);  // the first send keeps the deadline
    EXPECT_EQ(again.payment.expiresAtMs, kDeadline);
  }
}

TEST(Lifecycle, ResendingStopsAtTheDeadline) {
  const Payment p = must(initiating(), Event::initiateFailed(FetchOutcome::timeout()));
  EXPECT_EQ(applyEvent(p, Event::initiateSent(kDeadline - 1)).reason, "initiate.sent");
  const Transition t = applyEvent(p, Event::initiateSent(kDeadline));
  EXPECT_TRUE(t.refused);
  EXPECT_EQ(t.reason, "initiate.deadline_passed");
  EXPECT_EQ(applyEvent(p, Event::expiryReached(kDeadline)).payment.state, State::Expired);
}

TEST(Lifecycle, PermanentInitiateFailureFails) {
  for (const int status : {400, 401, 403, 404, 409, 422, 302}) {
    const Transition t = applyEvent(initiating(), Event::initiateFailed(FetchOutcome::http(status)));
    EXPECT_FALSE(t.refused);
    EXPECT_EQ(t.reason, "initiate.rejected");
    EXPECT_EQ(t.payment.state, State::Failed);
    EXPECT_EQ(t.payment.lastErrorCode, "fetch.http_status");
    EXPECT_FALSE(t.payment.initiateInFlight);
  }
  const Transition odd = applyEvent(initiating(), Event::initiateFailed({FetchKind::Pending, 0}));
  EXPECT_TRUE(odd.refused);
  EXPECT_EQ(odd.reason, "lifecycle.invalid_event");
}

TEST(Lifecycle, InitiateAcceptedMovesToPending) {
  const Transition t = applyEvent(initiating(), Event::initiateAccepted(kAcceptedAt));
  EXPECT_EQ(t.reason, "initiate.accepted");
  EXPECT_EQ(t.payment.state, State::Pending);
  EXPECT_EQ(t.payment.acceptedAtMs, kAcceptedAt);
  EXPECT_FALSE(t.payment.initiateInFlight);
  EXPECT_EQ(t.payment.pollCount, 0);
  EXPECT_EQ(applyEvent(pending(), Event::initiateAccepted(kAcceptedAt)).reason, "lifecycle.out_of_order");
}

TEST(Lifecycle, InitiateResponseMayCarryAStatus) {
  Transition t = applyEvent(initiating(), Event::initiateAccepted(kAcceptedAt, status("PENDING")));
  EXPECT_EQ(t.reason, "status.pending");
  EXPECT_EQ(t.payment.state, State::Pending);
  EXPECT_EQ(t.payment.pollCount, 0);  // not a poll
  t = applyEvent(initiating(), Event::initiateAccepted(kAcceptedAt, status("FAILED")));
  EXPECT_EQ(t.payment.state, State::Failed);
  t = applyEvent(initiating(), Event::initiateAccepted(kAcceptedAt, status("PAID", kAmount)));
  EXPECT_EQ(t.payment.state, State::Paid);
  // A status for another payment does not undo the acceptance, and is not believed.
  t = applyEvent(initiating(), Event::initiateAccepted(kAcceptedAt, status("PAID", kAmount, "OTHER_REF")));
  EXPECT_FALSE(t.refused);
  EXPECT_EQ(t.reason, "initiate.accepted");
  EXPECT_EQ(t.payment.state, State::Pending);
  EXPECT_EQ(t.payment.refusedResponseCount, 1);
  EXPECT_EQ(t.payment.lastErrorCode, "status.reference_mismatch");
}

// --- status responses --------------------------------------------------------------------------------

TEST(Lifecycle, PendingStatusKeepsPendingAndCountsThePoll) {
  Payment p = pending();
  for (int i = 1; i <= 3; ++i) {
    const Transition t = applyEvent(p, Event::statusReceived(status("PENDING")));
    EXPECT_EQ(t.reason, "status.pending");
    p = t.payment;
    EXPECT_EQ(p.state, State::Pending);
    EXPECT_EQ(p.pollCount, i);
    EXPECT_EQ(p.lastOutcome.kind, FetchKind::Pending);
    EXPECT_EQ(p.lastStatus, "PENDING");
  }
}

TEST(Lifecycle, PaidWithMatchingReferenceAndAmountIsPaid) {
  const Transition t = applyEvent(pending(), Event::statusReceived(status("PAID", kAmount)));
  EXPECT_FALSE(t.refused);
  EXPECT_EQ(t.reason, "status.paid");
  const Payment& p = t.payment;
  EXPECT_EQ(p.state, State::Paid);
  EXPECT_EQ(p.paymentRefId, "MTN_456789123");
  EXPECT_EQ(p.paymentChannel, "MTN MoMo");
  EXPECT_EQ(paidOnText(p.paidOn), "2025-06-16 13:20:45");
  EXPECT_EQ(p.amountPaidRwf, kAmount);
  EXPECT_EQ(p.lastErrorCode, "");
  EXPECT_EQ(p.pollCount, 1);
}

TEST(Lifecycle, PaidWithAnotherAmountIsAmountMismatch) {
  for (const std::int64_t paid : {kAmount - 1, std::int64_t{0}, std::int64_t{1}, kAmount + 1, kAmount * 2}) {
    const Transition t = applyEvent(pending(), Event::statusReceived(status("PAID", paid)));
    EXPECT_FALSE(t.refused);
    EXPECT_EQ(t.reason, "status.amount_mismatch");
    EXPECT_EQ(t.payment.state, State::AmountMismatch);
    EXPECT_TRUE(isTerminal(t.payment.state));
    EXPECT_EQ(t.payment.amountPaidRwf, paid);  // what the partner is told
    EXPECT_EQ(t.payment.paymentRefId, "MTN_456789123");
    EXPECT_EQ(t.payment.lastErrorCode, "status.amount_mismatch");
  }
}

TEST(Lifecycle, PaidWithoutAnAmountIsRefused) {
  const Transition t = applyEvent(pending(), Event::statusReceived(status("PAID")));
  EXPECT_TRUE(t.refused);
  EXPECT_EQ(t.reason, "status.amount_missing");
  EXPECT_EQ(t.payment.state, State::Pending);
  EXPECT_EQ(t.payment.refusedResponseCount, 1);
  EXPECT_EQ(t.payment.lastOutcome.kind, FetchKind::Refused);
}

TEST(Lifecycle, ResponseForAnotherReferenceIsRefused) {
  for (const char* other : {"LTGSINV_230624_002", "ltgsinv_230624_001", "LTGSINV_230624_001 ", " LTGSINV_230624_001",
                            "LTGSINV_230624_00", "", "LTGSINV_230624_0011"}) {
    for (const char* word : {"PAID", "FAILED", "PENDING", "CANCELLED"}) {
      SCOPED_TRACE(std::string(other) + " " + word);
      const Transition t = applyEvent(pending(), Event::statusReceived(status(word, kAmount, other)));
      EXPECT_TRUE(t.refused);
      EXPECT_EQ(t.reason, "status.reference_mismatch");
      EXPECT_EQ(t.payment.state, State::Pending);
      EXPECT_EQ(t.payment.pollCount, 1);
      EXPECT_EQ(t.payment.refusedResponseCount, 1);
      EXPECT_EQ(t.payment.lastErrorCode, "status.reference_mismatch");
      EXPECT_FALSE(t.payment.paymentRefId.has_value());
    }
  }
}

TEST(Lifecycle, FailedExpiredAndCancelledStatusesEndThePayment) {
  const std::tuple<const char*, State, const char*> rows[] = {
      {"FAILED", State::Failed, "status.failed"},
      {"EXPIRED", State::Expired, "status.expired"},
      {"CANCELLED", State::Cancelled, "status.cancelled"},
  };
  for (const auto& [word, state, reason] : rows) {
    const Transition t = applyEvent(pending(), Event::statusReceived(status(word, kAmount)));
    EXPECT_EQ(t.reason, reason);
    EXPECT_EQ(t.payment.state, state);
    EXPECT_EQ(t.payment.lastErrorCode, reason);
    // A FAILED response keeps LTGS's reference for the failure screen; no amount is ever recorded as paid.
    EXPECT_EQ(t.payment.paymentRefId.has_value(), state == State::Failed);
    EXPECT_FALSE(t.payment.amountPaidRwf.has_value());
    EXPECT_FALSE(t.payment.paidOn.has_value());
  }
}

TEST(Lifecycle, NormalisesCaseAndWhitespaceOfKnownStatuses) {
  const std::pair<const char*, StatusWord> rows[] = {
      {"PAID", StatusWord::Paid},           {"paid", StatusWord::Paid},
      {" Paid ", StatusWord::Paid},         {"pAiD", StatusWord::Paid},
      {"\tPAID\r\n", StatusWord::Paid},     {"\xC2\xA0PAID\xC2\xA0", StatusWord::Paid},
      {"pending", StatusWord::Pending},     {" Pending", StatusWord::Pending},
      {"Failed", StatusWord::Failed},       {"expired ", StatusWord::Expired},
      {"cancelled", StatusWord::Cancelled}, {"CANCELLED", StatusWord::Cancelled},
  };
  for (const auto& [text, word] : rows) {
    SCOPED_TRACE(text);
    EXPECT_EQ(normaliseStatus(text), word);
  }
  for (const char* text : {" paid ", "Paid", "\tpaid"}) {
    const Transition t = applyEvent(pending(), Event::statusReceived(status(text, kAmount)));
    EXPECT_EQ(t.payment.state, State::Paid);
    EXPECT_EQ(t.payment.lastStatus, text);  // kept as sent
  }
}

TEST(Lifecycle, NeverInfersSuccessFromOtherWords) {
  for (const char* text : {"SUCCESSFUL", "successful", "SUCCESS", "COMPLETED", "OK", "TS", "NEW", "PAIDX", "P AID",
                           "PAID_", "UNPAID", "NOT PAID", "CANCELED", "FAIL", "PEND", "", "   ", "PA\u00CFD"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(normaliseStatus(text), StatusWord::Unknown);
    const Transition t = applyEvent(pending(), Event::statusReceived(status(text, kAmount)));
    EXPECT_EQ(t.reason, "status.unknown");
    EXPECT_EQ(t.payment.state, State::Pending);
  }
}

TEST(Lifecycle, UnknownStatusesKeepPendingAndAreCounted) {
  Payment p = pending();
  for (const char* text : {"SUCCESSFUL", "PROCESSING", "TA"}) p = must(p, Event::statusReceived(status(text)));
  p = must(p, Event::statusReceived(status("PENDING")));
  p = must(p, Event::statusReceived(status("IN_PROGRESS")));
  EXPECT_EQ(p.state, State::Pending);
  EXPECT_EQ(p.unknownStatusCount, 4);
  EXPECT_EQ(p.pollCount, 5);
  EXPECT_EQ(p.lastOutcome.kind, FetchKind::UnknownStatus);
  EXPECT_EQ(p.lastErrorCode, "status.unknown");
  EXPECT_EQ(p.lastStatus, "IN_PROGRESS");
}

TEST(Lifecycle, StatusWhileInitiatingMovesToPending) {
  const Payment retrying = must(initiating(), Event::initiateFailed(FetchOutcome::timeout()));
  Transition t = applyEvent(retrying, Event::statusReceived(status("PENDING")));
  EXPECT_EQ(t.payment.state, State::Pending);
  EXPECT_FALSE(t.payment.initiateInFlight);
  EXPECT_EQ(applyEvent(t.payment, Event::initiateSent(kSentAt + 20'000)).reason, "lifecycle.out_of_order");
  t = applyEvent(retrying, Event::statusReceived(status("PAID", kAmount)));
  EXPECT_EQ(t.payment.state, State::Paid);
  t = applyEvent(retrying, Event::statusReceived(status("PAID", kAmount, "OTHER")));
  EXPECT_EQ(t.payment.state, State::Initiating);
  EXPECT_TRUE(t.refused);
}

TEST(Lifecycle, StatusBeforeInitiationIsOutOfOrder) {
  for (const Payment& p : {draft(), validated()}) {
    const Transition t = applyEvent(p, Event::statusReceived(status("PAID", kAmount)));
    EXPECT_TRUE(t.refused);
    EXPECT_EQ(t.reason, "lifecycle.out_of_order");
    EXPECT_TRUE(samePayment(t.payment, p));
  }
  Event empty = Event::statusReceived(status("PAID", kAmount));
  empty.status.reset();
  EXPECT_EQ(applyEvent(pending(), empty).reason, "status.missing");
  EXPECT_TRUE(samePayment(applyEvent(pending(), empty).payment, pending()));
}

TEST(Lifecycle, FailedStatusRequestsAreCountedAndKeepTheState) {
  const std::pair<FetchOutcome, const char*> rows[] = {
      {FetchOutcome::networkError(), "fetch.network_error"},   {FetchOutcome::timeout(), "fetch.timeout"},
      {FetchOutcome::http(503), "fetch.http_status"},          {FetchOutcome::http(401), "fetch.http_status"},
      {FetchOutcome::malformedJson(), "fetch.malformed_json"},
  };
  for (const auto& [failure, code] : rows) {
    const Transition t = applyEvent(pending(), Event::statusFetchFailed(failure));
    EXPECT_FALSE(t.refused);
    EXPECT_EQ(t.reason, code);
    EXPECT_EQ(t.payment.state, State::Pending);
    EXPECT_EQ(t.payment.pollCount, 1);
    EXPECT_EQ(t.payment.lastErrorCode, code);
    EXPECT_EQ(t.payment.lastOutcome.kind, failure.kind);
    EXPECT_EQ(t.payment.lastOutcome.httpStatus, failure.httpStatus);
  }
  const Transition odd = applyEvent(pending(), Event::statusFetchFailed({FetchKind::UnknownStatus, 0}));
  EXPECT_TRUE(odd.refused);
  EXPECT_EQ(odd.reason, "lifecycle.invalid_event");
  EXPECT_EQ(applyEvent(validated(), Event::statusFetchFailed(FetchOutcome::timeout())).reason,
            "lifecycle.out_of_order");
}

// --- cancel, expiry, order ---------------------------------------------------------------------------

TEST(Lifecycle, CancelBeforeSendingEndsThePayment) {
  for (const State s : {State::Draft, State::Validated}) {
    const Transition t = applyEvent(inState(s), Event::cancel());
    EXPECT_FALSE(t.refused);
    EXPECT_EQ(t.reason, "lifecycle.cancelled");
    EXPECT_EQ(t.payment.state, State::Cancelled);
    EXPECT_FALSE(t.payment.initiateInFlight);
  }
}

// LTGS has no cancel request: once sent, Cancel means the customer stopped waiting, and the payment is
// still open at LTGS. A later PAID is the bill's payment, never "cancelled".
TEST(Lifecycle, CancelAfterSendingOnlyStopsWaiting) {
  for (const State s : {State::Initiating, State::Pending}) {
    const Transition t = applyEvent(inState(s), Event::cancel());
    EXPECT_FALSE(t.refused);
    EXPECT_EQ(t.reason, "lifecycle.stopped_waiting");
    EXPECT_EQ(t.payment.state, s);
    EXPECT_TRUE(t.payment.stoppedWaiting);
    EXPECT_EQ(must(t.payment, Event::statusReceived(status("PAID", kAmount))).state, State::Paid);
    EXPECT_EQ(must(t.payment, Event::expiryReached(kDeadline)).state, State::Expired);
    const Transition again = applyEvent(t.payment, Event::resumeWaiting());
    EXPECT_EQ(again.reason, "lifecycle.waiting_again");
    EXPECT_FALSE(again.payment.stoppedWaiting);
  }
  EXPECT_EQ(applyEvent(inState(State::Validated), Event::resumeWaiting()).reason, "lifecycle.out_of_order");
}

TEST(Lifecycle, NoInitiationIsResentAfterTheCustomerStoppedWaiting) {
  Payment p = must(inState(State::Initiating), Event::initiateFailed(FetchOutcome::timeout()));
  p = must(p, Event::cancel());
  const Transition t = applyEvent(p, Event::initiateSent(kSentAt + 5000));
  EXPECT_TRUE(t.refused);
  EXPECT_EQ(t.reason, "initiate.stopped_waiting");
}

TEST(PollInputFor, AStoppedWaitIsCheckedQuietly) {
  const Payment p = must(pending(), Event::cancel());
  EXPECT_TRUE(pollInputFor(p, kAcceptedAt + 1000).quiet);
  EXPECT_FALSE(pollInputFor(pending(), kAcceptedAt + 1000).quiet);
}

TEST(Lifecycle, ExpiresOnlyAtTheDeadline) {
  for (const State s : {State::Initiating, State::Pending}) {
    Transition t = applyEvent(inState(s), Event::expiryReached(kDeadline - 1));
    EXPECT_TRUE(t.refused);
    EXPECT_EQ(t.reason, "lifecycle.not_expired");
    EXPECT_EQ(t.payment.state, s);
    t = applyEvent(inState(s), Event::expiryReached(kDeadline));
    EXPECT_EQ(t.reason, "lifecycle.expired");
    EXPECT_EQ(t.payment.state, State::Expired);
    EXPECT_EQ(t.payment.lastErrorCode, "lifecycle.expired");
  }
  for (const State s : {State::Draft, State::Validated})
    EXPECT_EQ(applyEvent(inState(s), Event::expiryReached(kDeadline)).reason, "lifecycle.out_of_order");
  // The final check's answer, after the deadline, still counts.
  EXPECT_EQ(must(pending(), Event::statusReceived(status("PAID", kAmount))).state, State::Paid);
}

TEST(Lifecycle, EventsOutOfOrderAreRefusedWithoutChange) {
  const std::pair<State, Event> rows[] = {
      {State::Validated, Event::validateOk()},
      {State::Initiating, Event::validateOk()},
      {State::Pending, Event::validateOk()},
      {State::Draft, Event::initiateSent(kSentAt)},
      {State::Pending, Event::initiateSent(kSentAt)},
      {State::Draft, Event::initiateAccepted(kAcceptedAt)},
      {State::Validated, Event::initiateAccepted(kAcceptedAt, status("PAID", kAmount))},
      {State::Pending, Event::initiateAccepted(kAcceptedAt)},
      {State::Draft, Event::initiateFailed(FetchOutcome::http(400))},
      {State::Validated, Event::initiateFailed(FetchOutcome::timeout())},
      {State::Pending, Event::initiateFailed(FetchOutcome::http(400))},
      {State::Draft, Event::statusReceived(status("PENDING"))},
      {State::Draft, Event::statusFetchFailed(FetchOutcome::timeout())},
      {State::Draft, Event::expiryReached(kDeadline)},
      {State::Validated, Event::expiryReached(kDeadline)},
  };
  for (const auto& [state, event] : rows) {
    SCOPED_TRACE(std::string(stateName(state)) + " + " + eventKindName(event.kind));
    const Payment p = inState(state);
    const Transition t = applyEvent(p, event);
    EXPECT_TRUE(t.refused);
    EXPECT_EQ(t.reason, "lifecycle.out_of_order");
    EXPECT_TRUE(samePayment(t.payment, p));
  }
}

TEST(Lifecycle, TerminalStatesNeverChange) {
  for (const State s : kTerminalStates) {
    const Payment p = inState(s);
    ASSERT_EQ(p.state, s);
    for (const Event& e : everyEvent()) {
      SCOPED_TRACE(std::string(stateName(s)) + " + " + eventKindName(e.kind));
      const Transition t = applyEvent(p, e);
      EXPECT_TRUE(t.refused);
      EXPECT_EQ(t.reason, "lifecycle.ignored_after_terminal");
      EXPECT_TRUE(samePayment(t.payment, p));
    }
    EXPECT_EQ(applyStatusJson(p, R"({"Sale_Reference_ID":"LTGSINV_230624_001","Payment_Status":"PENDING"})").reason,
              "lifecycle.ignored_after_terminal");
  }
  // The cases the issue names: a late PENDING or FAILED after PAID; a correct PAID after a mismatch.
  const Payment paid = inState(State::Paid);
  EXPECT_EQ(applyEvent(paid, Event::statusReceived(status("PENDING"))).payment.state, State::Paid);
  EXPECT_EQ(applyEvent(paid, Event::statusReceived(status("FAILED"))).payment.state, State::Paid);
  EXPECT_EQ(applyEvent(inState(State::AmountMismatch), Event::statusReceived(status("PAID", kAmount))).payment.state,
            State::AmountMismatch);
  EXPECT_EQ(applyEvent(inState(State::Failed), Event::statusReceived(status("PAID", kAmount))).payment.state,
            State::Failed);
}

// --- raw bodies --------------------------------------------------------------------------------------

TEST(Lifecycle, AppliesARawStatusBody) {
  Transition t = applyStatusJson(pending(), R"({"Sale_Reference_ID":"LTGSINV_230624_001","Payment_Status":"paid",)"
                                            R"("Payment_Channel":"MTN MoMo","Payment_Ref_ID":"MTN_456789123",)"
                                            R"("Total_Amount_Paid":15000,"Paid_On":"2025-06-16 13:20:45"})");
  EXPECT_EQ(t.reason, "status.paid");
  EXPECT_EQ(t.payment.state, State::Paid);
  EXPECT_TRUE(t.errors.empty());

  t = applyStatusJson(pending(), R"({"Sale_Reference_ID":"LTGSINV_230624_001","Payment_Status":" Pending "})");
  EXPECT_EQ(t.reason, "status.pending");

  t = applyStatusJson(pending(), R"({"Sale_Reference_ID":"LTGSINV_230624_999","Payment_Status":"PAID",)"
                                 R"("Total_Amount_Paid":15000,"Paid_On":"2025-06-16 13:20:45"})");
  EXPECT_EQ(t.reason, "status.reference_mismatch");
  EXPECT_EQ(t.payment.state, State::Pending);
}

TEST(Lifecycle, UnreadableStatusBodyCountsAsMalformed) {
  const char* const bodies[] = {
      "",
      "<html>502 Bad Gateway</html>",
      R"({"Sale_Reference_ID":"LTGSINV_230624_001","Payment_Status":"PA)",  // truncated
      R"([{"Sale_Reference_ID":"LTGSINV_230624_001","Payment_Status":"PAID"}])",
      // amount as a string
      (R"({"Sale_Reference_ID":"LTGSINV_230624_001","Payment_Status":"PAID","Total_Amount_Paid":"15000",)"
       R"("Paid_On":"2025-06-16 13:20:45"})"),
      R"({"Sale_Reference_ID":"LTGSINV_230624_001","Payment_Status":"PAID","Paid_On":"2025-06-16 13:20:45"})",
      R"({"Sale_Reference_ID":"LTGSINV_230624_001"})",
  };
  for (const char* body : bodies) {
    SCOPED_TRACE(body);
    const Transition t = applyStatusJson(pending(), body);
    EXPECT_FALSE(t.refused);
    EXPECT_EQ(t.reason, "fetch.malformed_json");
    EXPECT_EQ(t.payment.state, State::Pending);
    EXPECT_EQ(t.payment.pollCount, 1);
    EXPECT_EQ(t.payment.lastOutcome.kind, FetchKind::MalformedJson);
    EXPECT_FALSE(t.errors.empty());
  }
  EXPECT_EQ(applyStatusJson(validated(), "").reason, "lifecycle.out_of_order");
}

TEST(Lifecycle, AppliesARawInitiationResponse) {
  Transition t = applyInitiateResponseJson(initiating(), "", kAcceptedAt);
  EXPECT_EQ(t.reason, "initiate.accepted");
  EXPECT_EQ(t.payment.state, State::Pending);
  EXPECT_EQ(t.payment.acceptedAtMs, kAcceptedAt);
  EXPECT_FALSE(t.errors.empty());  // why the body carried no status
  t = applyInitiateResponseJson(
      initiating(), R"({"Sale_Reference_ID":"LTGSINV_230624_001","Payment_Status":"PENDING"})", kAcceptedAt);
  EXPECT_EQ(t.reason, "status.pending");
  EXPECT_TRUE(t.errors.empty());
  t = applyInitiateResponseJson(pending(), "{}", kAcceptedAt);
  EXPECT_EQ(t.reason, "lifecycle.out_of_order");
}

// --- helpers for the shell ---------------------------------------------------------------------------

TEST(Lifecycle, PollInputComesFromThePayment) {
  Payment p = must(pending(), Event::statusFetchFailed(FetchOutcome::http(404)));
  p = must(p, Event::statusReceived(status("PENDING")));
  PollInput in = pollInputFor(p, kAcceptedAt + 7'000);
  EXPECT_EQ(in.attempt, 2);
  EXPECT_EQ(in.elapsedMs, 7'000);
  EXPECT_EQ(in.msUntilExpiry, kDeadline - kAcceptedAt - 7'000);
  EXPECT_EQ(in.last.kind, FetchKind::Pending);
  EXPECT_FALSE(in.finalCheckDone);
  EXPECT_EQ(nextPoll(in).delayMs, 4'500);

  in = pollInputFor(initiating(), kSentAt + 1'000);
  EXPECT_EQ(in.elapsedMs, 1'000);  // not accepted yet: from the first send
  in = pollInputFor(draft(), 5);
  EXPECT_EQ(in.elapsedMs, 0);
  EXPECT_EQ(in.msUntilExpiry, kDefaultPaymentLifetimeMs);
  EXPECT_EQ(pollInputFor(pending(), std::numeric_limits<std::int64_t>::min()).msUntilExpiry,
            std::numeric_limits<std::int64_t>::max());
}

TEST(Lifecycle, NamesAreStable) {
  const std::pair<State, const char*> states[] = {
      {State::Draft, "DRAFT"},     {State::Validated, "VALIDATED"}, {State::Initiating, "INITIATING"},
      {State::Pending, "PENDING"}, {State::Paid, "PAID"},           {State::Failed, "FAILED"},
      {State::Expired, "EXPIRED"}, {State::Cancelled, "CANCELLED"}, {State::AmountMismatch, "AMOUNT_MISMATCH"},
  };
  for (const auto& [state, name] : states) {
    EXPECT_STREQ(stateName(state), name);
    EXPECT_EQ(paymentStateFromName(name), state);
  }
  EXPECT_EQ(paymentStateFromName("paid"), std::nullopt);
  for (const Event& e : everyEvent()) EXPECT_EQ(eventKindFromName(eventKindName(e.kind)), e.kind);
  EXPECT_STREQ(eventKindName(EventKind::StatusFetchFailed), "statusFetchFailed");
  EXPECT_EQ(eventKindFromName("nope"), std::nullopt);
}

// --- randomized ---------------------------------------------------------------------------------------

// LTGS_LIFECYCLE_SEED=<n> replays another run.
std::uint32_t fuzzSeed() {
  const char* env = std::getenv("LTGS_LIFECYCLE_SEED");
  return env ? static_cast<std::uint32_t>(std::strtoul(env, nullptr, 10)) : 20'260'401u;
}

struct Fuzzer {
  std::mt19937 rng;
  std::int64_t now = kSentAt - 10'000;

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  template <typename T, std::size_t N>
  const T& oneOf(const T (&items)[N]) {
    return items[pick(static_cast<int>(N))];
  }

  std::string reference() {
    static const char* const kRefs[] = {"LTGSINV_230624_001", "LTGSINV_230624_001", "LTGSINV_230624_001",
                                        "LTGSINV_230624_002", "ltgsinv_230624_001", "LTGSINV_230624_0010"};
    return oneOf(kRefs);
  }
  std::string word() {
    static const char* const kWords[] = {"PAID",   "paid",    " Paid ",    "PENDING",   "pending",    "FAILED",
                                         "Failed", "EXPIRED", "CANCELLED", "cancelled", "SUCCESSFUL", "success",
                                         "NEW",    "PAIDX",   "TIP",       "COMPLETED"};
    return oneOf(kWords);
  }
  std::optional<std::int64_t> amount() {
    static const std::int64_t kAmounts[] = {kAmount, kAmount, kAmount - 1, kAmount + 1, 0, 1, 150'000, -1};
    if (pick(6) == 0) return std::nullopt;
    return oneOf(kAmounts);
  }
  CallbackNotification notification() {
    CallbackNotification n;
    n.saleReferenceId = reference();
    n.paymentStatus = word();
    n.totalAmountPaid = amount();
    if (pick(2) == 0) n.paymentRefId = "MTN_" + std::to_string(pick(1000));
    return n;
  }
  FetchOutcome failure() {
    static const FetchOutcome kFailures[] = {
        FetchOutcome::networkError(), FetchOutcome::timeout(), FetchOutcome::malformedJson(),
        FetchOutcome::http(500),      FetchOutcome::http(429), FetchOutcome::http(404),
        FetchOutcome::http(400),      FetchOutcome::http(401), {FetchKind::Pending, 0}};
    return oneOf(kFailures);
  }
  std::string body() {
    Json j = Json::object();
    j["Sale_Reference_ID"] = reference();
    j["Payment_Status"] = word();
    if (const auto a = amount()) j["Total_Amount_Paid"] = *a;
    if (pick(4) != 0) j["Paid_On"] = "2025-06-16 13:20:45";
    if (pick(3) == 0) j["Payment_Channel"] = "Airtel Money";
    std::string text = j.dump();
    if (pick(8) == 0) text.resize(static_cast<std::size_t>(pick(static_cast<int>(text.size()))));  // truncated
    return text;
  }
  Event event() {
    now += pick(20'000);
    if (pick(50) == 0) now += kDefaultPaymentLifetimeMs / 2;
    switch (pick(10)) {
      case 0:
        return Event::validateOk();
      case 1:
        return Event::initiateSent(now, pick(4) == 0 ? 60'000 : kDefaultPaymentLifetimeMs);
      case 2:
        return Event::initiateAccepted(now, pick(3) == 0 ? std::optional(notification()) : std::nullopt);
      case 3:
        return Event::initiateFailed(failure());
      case 4:
      case 5:
        return Event::statusReceived(notification());
      case 6:
        return Event::statusFetchFailed(failure());
      case 7:
        return pick(5) == 0 ? Event::cancel() : Event::statusReceived(notification());
      default:
        return Event::expiryReached(now);
    }
  }
};

// Whether a status would legitimately make this payment Paid: its reference and amount match exactly.
bool matchesPaid(const Payment& p, const CallbackNotification& n) {
  std::string word;
  for (const char c : n.paymentStatus)
    if (c != ' ' && c != '\t') word += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return word == "PAID" && n.saleReferenceId == p.saleReferenceId && n.totalAmountPaid == p.amountRwf;
}

TEST(Lifecycle, RandomSequencesNeverMoveBackwardsOrPayWithoutAMatch) {
  const std::uint32_t seed = fuzzSeed();
  std::printf("[ seed     ] LTGS_LIFECYCLE_SEED=%u\n", seed);
  RecordProperty("seed", std::to_string(seed));
  Fuzzer f{std::mt19937(seed)};
  constexpr int kSequences = 20'000;
  std::map<State, int> ends;
  long steps = 0;

  for (int sequence = 0; sequence < kSequences; ++sequence) {
    Payment p = draft();
    f.now = kSentAt - 10'000;
    const int length = 1 + f.pick(40);
    for (int i = 0; i < length; ++i, ++steps) {
      // One event in eight arrives as a raw body: the parser decides what the lifecycle sees.
      std::optional<CallbackNotification> seen;
      Transition t;
      if (f.pick(8) == 0) {
        const std::string body = f.body();
        if (const CallbackParse parsed = parseCallbackNotification(body); parsed.notification)
          seen = parsed.notification;
        t = applyStatusJson(p, body);
      } else {
        const Event e = f.event();
        seen = e.status;
        t = applyEvent(p, e);
      }
      const Payment& q = t.payment;
      const auto where = [&] {
        return "seed " + std::to_string(seed) + " sequence " + std::to_string(sequence) + " step " + std::to_string(i) +
               " reason " + t.reason;
      };

      ASSERT_GE(stateRank(q.state), stateRank(p.state)) << where();
      if (isTerminal(p.state)) {
        ASSERT_TRUE(samePayment(q, p)) << where();
      }
      ASSERT_EQ(q.saleReferenceId, kRef) << where();
      ASSERT_EQ(q.amountRwf, kAmount) << where();
      ASSERT_GE(q.pollCount, p.pollCount) << where();
      ASSERT_GE(q.unknownStatusCount, p.unknownStatusCount) << where();
      ASSERT_GE(q.initiateAttempts, p.initiateAttempts) << where();
      if (q.state == State::Paid && p.state != State::Paid) {
        ASSERT_TRUE(seen.has_value()) << where();
        ASSERT_TRUE(matchesPaid(p, *seen)) << where();
        ASSERT_EQ(q.amountPaidRwf, kAmount) << where();
        ASSERT_TRUE(p.state == State::Initiating || p.state == State::Pending) << where();
      }
      if (q.state == State::AmountMismatch && p.state != State::AmountMismatch) {
        ASSERT_TRUE(seen.has_value()) << where();
        ASSERT_EQ(seen->saleReferenceId, kRef) << where();
        ASSERT_NE(seen->totalAmountPaid, kAmount) << where();
        ASSERT_EQ(q.amountPaidRwf, seen->totalAmountPaid) << where();
      }
      if (q.state == State::Paid) {
        ASSERT_EQ(q.amountPaidRwf, kAmount) << where();
      }
      if (t.refused && t.reason.rfind("lifecycle.", 0) == 0 && t.reason != "lifecycle.invalid_payment") {
        ASSERT_TRUE(samePayment(q, p)) << where();
      }
      p = q;
    }
    ++ends[p.state];
  }
  std::printf(
      "[ seed     ] %d sequences, %ld events; ended paid %d, amount mismatch %d, failed %d, expired %d, "
      "cancelled %d, pending %d\n",
      kSequences, steps, ends[State::Paid], ends[State::AmountMismatch], ends[State::Failed], ends[State::Expired],
      ends[State::Cancelled], ends[State::Pending]);
  // The run must actually visit every outcome, or it proves little.
  for (const State s : {State::Draft, State::Validated, State::Initiating, State::Pending, State::Paid, State::Failed,
                        State::Expired, State::Cancelled, State::AmountMismatch})
    EXPECT_GT(ends[s], 20) << stateName(s);
}

}  // namespace
}  // namespace ltgs

namespace ltgs {
namespace {

TEST(Lifecycle, FailedKeepsLtgsReferenceForTheFailureScreen) {
  CallbackNotification n;
  n.saleReferenceId = draftPayment("LTGSINV_230624_001", 15000).saleReferenceId;
  n.paymentStatus = "FAILED";
  n.paymentRefId = "MTN_FAIL_1";
  n.paymentChannel = "MTN MoMo";
  Payment p = draftPayment("LTGSINV_230624_001", 15000);
  p = applyEvent(p, Event::validateOk()).payment;
  p = applyEvent(p, Event::initiateSent(1000)).payment;
  p = applyEvent(p, Event::initiateAccepted(1100)).payment;
  const Transition t = applyEvent(p, Event::statusReceived(n));
  EXPECT_EQ(t.payment.state, PaymentState::Failed);
  EXPECT_EQ(t.payment.paymentRefId, "MTN_FAIL_1");
  EXPECT_EQ(t.payment.paymentChannel, "MTN MoMo");
  EXPECT_FALSE(t.payment.amountPaidRwf.has_value());
}

}  // namespace
}  // namespace ltgs

namespace ltgs {
namespace {

TEST(Lifecycle, StatusWordNamesAreLtgsWords) {
  EXPECT_STREQ(statusWordName(normaliseStatus(" paid ")), "PAID");
  EXPECT_STREQ(statusWordName(normaliseStatus("Cancelled")), "CANCELLED");
  EXPECT_STREQ(statusWordName(normaliseStatus("SUCCESSFUL")), "UNKNOWN");
  EXPECT_STREQ(statusWordName(StatusWord::Pending), "PENDING");
}

}  // namespace
}  // namespace ltgs
