#pragma once
// One bill, one payment. An *order* is the partner's bill (its reference and amount); it is paid through
// numbered *attempts*, each an LTGS payment with its own Sale_Reference_ID and life. These pure functions
// decide, for the widget, the partner's backend and the sandbox alike:
//   - how an attempt's Sale_Reference_ID is written and read back (one grammar, bounded);
//   - whether a new attempt may start, with a stable code for every refusal;
//   - what LTGS's answer about an attempt does to it, and the order's status from its attempts,
//     including a bill paid twice (recorded, never hidden, so that the merchant can refund);
//   - the payment methods, the final statuses and which endings allow another attempt.
// Time is an argument; nothing throws.
//
// Reference grammar. Attempt 1 uses the order reference itself; attempt n (2 … kMaxAttempts) uses
// "<order>-R<n>", n in decimal without leading zeros. An order reference may not itself end in "-R"
// followed by digits (so that no reference reads as an attempt of another order), and is at most
// kMaxOrderReferenceLength characters, so that every attempt fits LTGS's 64.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ltgs/callback_notification.hpp"
#include "ltgs/options.hpp"
#include "ltgs/result.hpp"

namespace ltgs {

constexpr int kMaxAttempts = 20;                           // attempts per order, the first included
constexpr std::size_t kMaxOrderReferenceLength = 64 - 4;   // 64 minus the longest suffix, "-R20"

// An order reference: a Sale_Reference_ID (parseSaleReference's codes) of at most 60 characters that does
// not end like an attempt. Codes: reference.*, order.reference_too_long, order.reference_reserved_suffix.
Result<std::string> parseOrderReference(std::string_view text);

// Attempt `number`'s Sale_Reference_ID. Returns "" unless orderReference is valid and number is in
// 1 … kMaxAttempts.
std::string attemptReference(std::string_view orderReference, int number);

struct AttemptRef {
  std::string orderReference;
  int number = 1;  // 1 … kMaxAttempts
};
// The inverse of attemptReference, for any Sale_Reference_ID: constant work (a reference is at most 64
// characters and the number at most two digits). Codes: reference.*, order.reference_too_long,
// order.reference_reserved_suffix (a suffix attemptReference never writes: "-R0", "-R1", "-R02", or one
// suffix on another, "X-R2-R3"), order.too_many_attempts (a number above kMaxAttempts).
Result<AttemptRef> parseAttemptReference(std::string_view saleReferenceId);

// ---- methods, statuses, retry rules ----------------------------------------------------------------

// Payment_Method (options.hpp's PaymentMethod), as the browser sends it to the partner and the partner to LTGS.
constexpr PaymentMethod kPaymentMethods[] = {PaymentMethod::MtnMomo, PaymentMethod::AirtelMoney, PaymentMethod::Qr,
                                             PaymentMethod::Ussd};
// Exact match. Codes (field Payment_Method): method.required (absent, null or ""), method.wrong_type,
// method.invalid.
Result<PaymentMethod> parsePaymentMethod(std::string_view text, bool present = true, bool isString = true);

// An attempt as the partner's backend keeps it.
//   PENDING          LTGS accepted it (or may have: the answer was lost) and has not ended it
//   PAID             LTGS reports it paid with the order's amount
//   AMOUNT_MISMATCH  LTGS reports it paid with another amount: money moved, not the bill's payment
//   FAILED, EXPIRED, CANCELLED   LTGS ended it unpaid (CANCELLED is LTGS's word, not the customer's)
//   REJECTED         LTGS refused to start it: it never existed there
enum class AttemptState { Pending, Paid, AmountMismatch, Failed, Expired, Cancelled, Rejected };
const char* attemptStateName(AttemptState state) noexcept;
std::optional<AttemptState> attemptStateFromName(std::string_view name) noexcept;
// Only PENDING is open: LTGS may still take money for it.
bool isOpen(AttemptState state) noexcept;
// Money moved: PAID or AMOUNT_MISMATCH.
bool moneyMoved(AttemptState state) noexcept;
// Whether the customer may be offered another attempt after the widget's payment ended in this lifecycle
// state name ("FAILED", "EXPIRED", "CANCELLED"); never after "PAID" or "AMOUNT_MISMATCH".
bool retryAllowedAfter(std::string_view lifecycleState) noexcept;

struct Attempt {
  int number = 1;
  AttemptState state = AttemptState::Pending;
  std::int64_t startedAtMs = 0;               // epoch ms at which the partner sent it to LTGS
  std::int64_t expiresAtMs = 0;               // epoch ms by which LTGS ends it at the latest
  std::optional<std::string> paymentRefId;    // Payment_Ref_ID of the answer that ended it
  std::optional<std::int64_t> amountPaidRwf;  // Total_Amount_Paid, when money moved
};

struct Order {
  std::string reference;          // the order reference: attempt 1's Sale_Reference_ID
  std::int64_t amountRwf = 0;     // the bill, whole francs
  std::vector<Attempt> attempts;  // any order; numbers unique
};

// ---- may a new attempt start? ----------------------------------------------------------------------

enum class InitiationKind { NewAttempt, Resend, Refused };
struct InitiationDecision {
  InitiationKind kind = InitiationKind::Refused;
  // order.new_attempt, order.resend, or the refusal:
  //   order.paid                   an attempt is PAID: the bill is paid
  //   order.payment_under_review   an attempt was paid with another amount: the merchant must settle it
  //   order.attempt_open           another attempt is PENDING at LTGS (retryAtMs: when it ends at the latest)
  //   order.attempt_ended          this reference was used and has ended (nextReference: the one to use)
  //   order.attempt_out_of_sequence  numbers only go up: a higher one was used (nextReference)
  //   order.too_many_attempts      kMaxAttempts were used
  std::string code;
  std::string message;                   // plain English
  int number = 0;                        // the attempt to start or re-send; the open one for attempt_open
  std::optional<std::int64_t> retryAtMs;  // order.attempt_open: the open attempt's expiresAtMs
  bool recheckFirst = false;  // order.attempt_open at or after that time: ask LTGS for its status, then decide again
  std::string nextReference;  // attempt_ended, out_of_sequence: the reference a new attempt would take
};
// requestedNumber: the attempt the request names (parseAttemptReference). A request for an attempt that is
// still PENDING is a re-send of the same payment (LTGS de-duplicates its Sale_Reference_ID).
InitiationDecision decideInitiation(const Order& order, int requestedNumber, std::int64_t nowMs);

// A new attempt's record once decideInitiation allowed it.
Attempt startAttempt(int number, std::int64_t nowMs, std::int64_t lifetimeMs);

// ---- LTGS's answer about an attempt ----------------------------------------------------------------

struct AttemptUpdate {
  Attempt attempt;  // after
  // attempt.pending, attempt.paid, attempt.amount_mismatch, attempt.failed, attempt.expired,
  // attempt.cancelled, attempt.late_payment (an attempt LTGS had ended unpaid is now reported paid: the
  // money counts), attempt.duplicate (the same ending again), attempt.ignored (a non-final word, or another
  // ending, after the attempt ended), attempt.unknown_status (a word LTGS does not use), status.amount_missing.
  std::string code;
  bool changed = false;  // the attempt's record must be written
};
// The status (parsed by parseCallbackNotification, its Sale_Reference_ID already matched to the attempt) →
// the attempt. Paid money is never lost: PAID wins over an earlier unpaid ending.
AttemptUpdate applyAttemptStatus(const Attempt& attempt, std::int64_t orderAmountRwf,
                                 const CallbackNotification& status);

// The customer-side ending of a rejected initiation: LTGS refused to start the attempt.
Attempt rejectAttempt(const Attempt& attempt);

// ---- the order's status ----------------------------------------------------------------------------

enum class OrderState { New, Pending, Paid, AmountMismatch, Failed, Expired, Cancelled };
const char* orderStateName(OrderState state) noexcept;  // "NEW", "PENDING", "PAID", "AMOUNT_MISMATCH", …

struct OrderStatus {
  OrderState state = OrderState::New;
  std::optional<int> paidAttempt;        // the payment of the bill: the lowest-numbered PAID attempt
  std::vector<int> duplicateAttempts;    // every other PAID attempt: the bill paid again, to refund
  std::vector<int> mismatchAttempts;     // AMOUNT_MISMATCH attempts: money to settle
  std::int64_t amountPaidRwf = 0;        // everything LTGS took for this order
  std::int64_t refundDueRwf = 0;         // what was taken beyond the bill (0 when unpaid: see mismatches)
  std::optional<int> openAttempt;        // the PENDING attempt, if any
  int attemptCount = 0;
  int nextAttemptNumber = 1;             // the number a new attempt would take (kMaxAttempts + 1: none left)
};
// PAID exactly when some attempt is PAID (with the order's amount); otherwise AMOUNT_MISMATCH when money
// moved with another amount; otherwise PENDING while an attempt is open; otherwise the latest ending
// (REJECTED attempts never started and are passed over; none: NEW).
OrderStatus orderStatus(const Order& order);

}  // namespace ltgs
