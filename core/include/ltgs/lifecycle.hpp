#pragma once
// One payment's life, as a pure state machine: applyEvent(payment, event) returns the next payment and a
// stable reason code. It only moves forward, and PAID is reached only through a status response whose
// Sale_Reference_ID and Total_Amount_Paid match the payment exactly. Time is an argument; nothing throws.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ltgs/callback_notification.hpp"
#include "ltgs/poll_policy.hpp"
#include "ltgs/result.hpp"

namespace ltgs {

// Draft → Validated → Initiating → Pending → exactly one terminal state. AmountMismatch is terminal and
// not paid: LTGS reported PAID with a Total_Amount_Paid other than the amount requested; the partner is
// told (amountPaidRwf), the customer never sees it as success.
enum class PaymentState { Draft, Validated, Initiating, Pending, Paid, Failed, Expired, Cancelled, AmountMismatch };

bool isTerminal(PaymentState state) noexcept;
// 0 Draft, 1 Validated, 2 Initiating, 3 Pending, 4 every terminal state: a payment's rank never decreases.
int stateRank(PaymentState state) noexcept;
// "DRAFT", "VALIDATED", "INITIATING", "PENDING", "PAID", "FAILED", "EXPIRED", "CANCELLED", "AMOUNT_MISMATCH".
const char* stateName(PaymentState state) noexcept;
std::optional<PaymentState> paymentStateFromName(std::string_view name) noexcept;

// Payment_Status, trimmed and compared without regard to ASCII case: only LTGS's words are known.
// Other providers' words ("SUCCESSFUL", "SUCCESS", "COMPLETED") are Unknown: success is never inferred.
enum class StatusWord { Pending, Paid, Failed, Expired, Cancelled, Unknown };
StatusWord normaliseStatus(std::string_view paymentStatus) noexcept;
// "PENDING", "PAID", "FAILED", "EXPIRED", "CANCELLED" or "UNKNOWN": the word as the partner's server records it.
const char* statusWordName(StatusWord word) noexcept;

struct Payment {
  std::string saleReferenceId;                // Sale_Reference_ID: fixed; status responses must match exactly
  std::int64_t amountRwf = 0;                 // Total_Amount_to_Pay, whole francs
  PaymentState state = PaymentState::Draft;
  std::optional<std::int64_t> initiatedAtMs;  // epoch ms of the first initiation request
  std::optional<std::int64_t> acceptedAtMs;   // epoch ms at which LTGS accepted the initiation
  std::optional<std::int64_t> expiresAtMs;    // deadline, epoch ms: initiatedAtMs + lifetime
  bool initiateInFlight = false;              // an initiation request is out: another one is refused
  int initiateAttempts = 0;                   // initiation requests sent, all with the same reference
  int pollCount = 0;                          // status results applied: responses and failed requests
  int unknownStatusCount = 0;                 // responses whose Payment_Status is not a known word
  int refusedResponseCount = 0;               // another reference, or PAID without Total_Amount_Paid
  FetchOutcome lastOutcome;                   // the latest status result, as nextPoll needs it
  std::string lastStatus;                     // Payment_Status of the latest accepted response, as sent
  // From the PAID response that ended the payment (Paid or AmountMismatch); a FAILED response's
  // Payment_Ref_ID and Payment_Channel are kept too, for the failure screen:
  std::optional<std::string> paymentRefId;    // Payment_Ref_ID
  std::optional<std::string> paymentChannel;  // Payment_Channel
  std::optional<LocalDateTime> paidOn;        // Paid_On, Kigali local time
  std::optional<std::int64_t> amountPaidRwf;  // Total_Amount_Paid
  std::string lastErrorCode;                  // the latest problem (a reason or fetch.* code); "" if none
  // Failure_Reason of the FAILED response that ended the payment, as sent ("" when it gave none); what it means
  // for the payer is failureReasonCode's (ltgs/failure_reason.hpp).
  std::string failureReason;
  // Expires_At of the latest status response that carried one: LTGS's own deadline for the payment. The
  // payment's deadline (expiresAtMs) moves out to it when it is later (at most kMaxPaymentLifetimeMs after the
  // first initiation), never in: an earlier one is LTGS's to enforce, by answering EXPIRED.
  std::optional<std::int64_t> ltgsExpiresAtMs;
  // The customer stopped waiting (Cancel after the initiation may have reached LTGS). LTGS has no cancel
  // request, so the payment stays open there until it ends: it is still checked, quietly (never re-sent),
  // and a PAID answer still makes it Paid.
  bool stoppedWaiting = false;
};

// The longest a payment may stay open, LTGS's word included: a day.
constexpr std::int64_t kMaxPaymentLifetimeMs = 24LL * 60 * 60 * 1000;

// Payment's counters stop here: an int never overflows (pollInputFor adds two of them), and parsePaymentJson
// reads back every count paymentJson writes.
constexpr int kMaxEventCount = 1'000'000'000;

// A Draft payment for the partner's reference and amount.
Payment draftPayment(std::string saleReferenceId, std::int64_t amountRwf);

enum class EventKind {
  ValidateOk,         // the form is valid                                    Draft → Validated
  InitiateSent,       // apply before sending; send only if not refused      Validated/Initiating → Initiating
  InitiateAccepted,   // 2xx to the initiation, optionally with a status     Initiating → Pending (or beyond)
  InitiateFailed,     // transient: stays Initiating, may be re-sent; else   Initiating → Failed
  StatusReceived,     // a parsed status response                            Initiating/Pending → …
  StatusFetchFailed,  // a status request failed; counted, state kept        Initiating/Pending
  Cancel,             // the customer gave up: before sending → Cancelled;   Initiating/Pending: stoppedWaiting
  ExpiryReached,      // after the final check, at or after the deadline     Initiating/Pending → Expired
  ResumeWaiting,      // the customer waits again after Cancel               clears stoppedWaiting
};
// "validateOk", "initiateSent", "initiateAccepted", "initiateFailed", "statusReceived",
// "statusFetchFailed", "cancel", "expiryReached".
const char* eventKindName(EventKind kind) noexcept;
std::optional<EventKind> eventKindFromName(std::string_view name) noexcept;

struct Event {
  EventKind kind = EventKind::ValidateOk;
  std::int64_t atMs = 0;                                // InitiateSent, InitiateAccepted, ExpiryReached
  std::int64_t lifetimeMs = kDefaultPaymentLifetimeMs;  // InitiateSent: deadline = first send + lifetime
  FetchOutcome failure;                                 // InitiateFailed, StatusFetchFailed
  std::optional<CallbackNotification> status;           // StatusReceived (required), InitiateAccepted

  static Event validateOk();
  static Event initiateSent(std::int64_t atMs, std::int64_t lifetimeMs = kDefaultPaymentLifetimeMs);
  static Event initiateAccepted(std::int64_t atMs, std::optional<CallbackNotification> status = std::nullopt);
  static Event initiateFailed(FetchOutcome failure);
  static Event statusReceived(CallbackNotification status);
  static Event statusFetchFailed(FetchOutcome failure);
  static Event cancel();
  static Event expiryReached(std::int64_t atMs);
  static Event resumeWaiting();
};

struct Transition {
  Payment payment;                 // after the event; equal to the input when refused by state
  std::string reason;              // stable code, below
  bool refused = false;            // the event was not applied (counters and lastErrorCode may still move)
  std::vector<FieldError> errors;  // applyStatusJson / applyInitiateResponseJson: why a body was unusable
};

// Reason codes:
//   lifecycle.validated, lifecycle.invalid_payment (refused: reference not a Sale_Reference_ID, or amount
//     not in 1 … 2^53 − 1), lifecycle.cancelled (nothing was sent: Cancelled), lifecycle.stopped_waiting
//     (sent: still open at LTGS, checked quietly), lifecycle.waiting_again (ResumeWaiting), lifecycle.expired,
//   lifecycle.not_expired (refused: ExpiryReached before the deadline),
//   lifecycle.out_of_order (refused: the event does not apply to this state; payment unchanged),
//   lifecycle.ignored_after_terminal (refused: any event after a terminal state; payment unchanged),
//   lifecycle.invalid_event (refused: a failure event whose outcome is not a failure; payment unchanged),
//   initiate.sent, initiate.already_in_flight (refused: double click), initiate.deadline_passed (refused:
//     re-sending at or after the deadline), initiate.stopped_waiting (refused: no re-send after Cancel), initiate.accepted, initiate.retry (transient failure: may be
//     re-sent with the same reference), initiate.rejected (permanent failure → Failed),
//   status.pending, status.unknown, status.paid, status.amount_mismatch, status.failed, status.expired,
//   status.cancelled, status.reference_mismatch (refused), status.amount_missing (refused: PAID without
//     Total_Amount_Paid), status.missing (refused: StatusReceived without a status),
//   fetch.network_error, fetch.timeout, fetch.http_status, fetch.malformed_json (StatusFetchFailed, or a
//     status body applyStatusJson could not read).
// An initiation response's status is applied to the then Pending payment and gives the reason, except that
// a refused status leaves the reason initiate.accepted (the initiation itself was accepted).
Transition applyEvent(const Payment& payment, const Event& event);

// A status response body, as received: parsed with parseCallbackNotification and applied as
// StatusReceived; a body that cannot be read counts as a fetch.malformed_json result (errors say why).
Transition applyStatusJson(const Payment& payment, std::string_view body);

// A 2xx initiation response body: InitiateAccepted at atMs, carrying the body's status when the body is a
// status document. Any other body (empty, another shape) is accepted without a status; errors say why.
Transition applyInitiateResponseJson(const Payment& payment, std::string_view body, std::int64_t atMs);

// nextPoll's input for this payment at nowMs: attempt = pollCount (while Initiating, plus the initiation
// re-sends, so that they back off too), elapsed since acceptance (or first
// initiation), time to the deadline, and the last outcome. The caller adds finalCheckDone, retryAfterMs,
// pageHidden and random01.
PollInput pollInputFor(const Payment& payment, std::int64_t nowMs);

}  // namespace ltgs
