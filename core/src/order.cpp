#include "ltgs/order.hpp"

#include <algorithm>
#include <limits>

#include "ltgs/codes.hpp"
#include "ltgs/lifecycle.hpp"
#include "ltgs/text.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr std::string_view kSuffixMark = "-R";

// The attempt number at the end of `ref` ("…-R<digits>"), and where the suffix starts. Only the last
// suffix is read, and at most three digits are looked at before the answer is "too many": constant work.
struct Suffix {
  bool present = false;
  std::size_t start = 0;      // index of '-'
  std::string_view digits;
};
Suffix trailingSuffix(std::string_view ref) noexcept {
  std::size_t i = ref.size();
  while (i > 0 && isAsciiDigit(ref[i - 1])) --i;
  if (i == ref.size() || i < kSuffixMark.size() + 1) return {};
  if (ref.substr(i - kSuffixMark.size(), kSuffixMark.size()) != kSuffixMark) return {};
  return {true, i - kSuffixMark.size(), ref.substr(i)};
}

FieldError reservedSuffix() {
  return codeError("order.reference_reserved_suffix");
}

bool isLaterEnding(AttemptState s) noexcept { return s != AttemptState::Pending && s != AttemptState::Rejected; }

// The decision's message is the catalogue's for its code.
InitiationDecision refused(const char* code, int number = 0) {
  InitiationDecision d;
  d.kind = InitiationKind::Refused;
  d.code = code;
  d.message = codeMessage(code, std::string_view(code) == "order.too_many_attempts"
                                    ? std::vector<ErrorParam>{ErrorParam::of("max", std::int64_t{kMaxAttempts})}
                                    : std::vector<ErrorParam>{});
  d.number = number;
  return d;
}

}  // namespace

Result<std::string> parseOrderReference(std::string_view text) {
  Result<std::string> base = parseSaleReference(text);
  if (!base) return base;
  if (text.size() > kMaxOrderReferenceLength)
    return codeError("order.reference_too_long", {ErrorParam::of("max", static_cast<std::int64_t>(kMaxOrderReferenceLength))});
  if (trailingSuffix(text).present) return reservedSuffix();
  return base;
}

std::string attemptReference(std::string_view orderReference, int number) {
  if (number < 1 || number > kMaxAttempts || !parseOrderReference(orderReference)) return std::string();
  std::string out(orderReference);
  if (number > 1) out.append(kSuffixMark).append(std::to_string(number));
  return out;
}

Result<AttemptRef> parseAttemptReference(std::string_view saleReferenceId) {
  Result<std::string> ref = parseSaleReference(saleReferenceId);
  if (!ref) return ref.error();
  const Suffix s = trailingSuffix(saleReferenceId);
  if (!s.present) {
    Result<std::string> order = parseOrderReference(saleReferenceId);
    if (!order) return order.error();
    return AttemptRef{order.value(), 1};
  }
  if (s.digits.size() > 2)
    return codeError("order.too_many_attempts", {ErrorParam::of("max", static_cast<std::int64_t>(kMaxAttempts))});
  if (s.digits[0] == '0') return reservedSuffix();
  int number = 0;
  for (const char c : s.digits) number = number * 10 + (c - '0');
  if (number == 1) return reservedSuffix();  // attempt 1 is the order reference itself
  if (number > kMaxAttempts)
    return codeError("order.too_many_attempts", {ErrorParam::of("max", static_cast<std::int64_t>(kMaxAttempts))});
  Result<std::string> order = parseOrderReference(saleReferenceId.substr(0, s.start));
  if (!order) return order.error();
  return AttemptRef{order.value(), number};
}

Result<PaymentMethod> parsePaymentMethod(std::string_view text, bool present, bool isString) {
  std::string names;
  for (const PaymentMethod m : kPaymentMethods) names += (names.empty() ? "" : ", ") + std::string(paymentMethodName(m));
  if (!present || (isString && text.empty())) return codeError("method.required", {ErrorParam::of("methods", names)});
  if (!isString) return codeError("method.wrong_type");
  for (const PaymentMethod m : kPaymentMethods)
    if (text == paymentMethodName(m)) return m;
  return codeError("method.invalid", {ErrorParam::of("methods", names)});
}

const char* attemptStateName(AttemptState state) noexcept {
  switch (state) {
    case AttemptState::Pending:
      return "PENDING";
    case AttemptState::Paid:
      return "PAID";
    case AttemptState::AmountMismatch:
      return "AMOUNT_MISMATCH";
    case AttemptState::Failed:
      return "FAILED";
    case AttemptState::Expired:
      return "EXPIRED";
    case AttemptState::Cancelled:
      return "CANCELLED";
    case AttemptState::Rejected:
      return "REJECTED";
  }
  return "PENDING";
}

std::optional<AttemptState> attemptStateFromName(std::string_view name) noexcept {
  for (const AttemptState s : {AttemptState::Pending, AttemptState::Paid, AttemptState::AmountMismatch,
                               AttemptState::Failed, AttemptState::Expired, AttemptState::Cancelled,
                               AttemptState::Rejected})
    if (name == attemptStateName(s)) return s;
  return std::nullopt;
}

bool isOpen(AttemptState state) noexcept { return state == AttemptState::Pending; }
bool moneyMoved(AttemptState state) noexcept {
  return state == AttemptState::Paid || state == AttemptState::AmountMismatch;
}

bool retryAllowedAfter(std::string_view lifecycleState) noexcept {
  return lifecycleState == "FAILED" || lifecycleState == "EXPIRED" || lifecycleState == "CANCELLED";
}

InitiationDecision decideInitiation(const Order& order, int requestedNumber, std::int64_t nowMs) {
  const OrderStatus status = orderStatus(order);
  if (requestedNumber < 1 || requestedNumber > kMaxAttempts)
    return refused("order.too_many_attempts");
  if (status.state == OrderState::Paid) return refused("order.paid", status.paidAttempt.value_or(0));
  if (status.state == OrderState::AmountMismatch) return refused("order.payment_under_review");

  const Attempt* same = nullptr;
  int highest = 0;
  for (const Attempt& a : order.attempts) {
    if (a.number == requestedNumber) same = &a;
    highest = std::max(highest, a.number);
  }
  if (same && isOpen(same->state)) {
    InitiationDecision d;
    d.kind = InitiationKind::Resend;
    d.code = "order.resend";
    d.message = codeMessage(d.code);
    d.number = requestedNumber;
    return d;
  }
  if (status.openAttempt) {
    const Attempt* open = nullptr;
    for (const Attempt& a : order.attempts)
      if (a.number == *status.openAttempt) open = &a;
    InitiationDecision d = refused("order.attempt_open", open->number);
    d.retryAtMs = open->expiresAtMs;
    d.recheckFirst = nowMs >= open->expiresAtMs;
    return d;
  }
  if (status.nextAttemptNumber > kMaxAttempts)
    return refused("order.too_many_attempts");
  if (same || requestedNumber < highest) {
    InitiationDecision d = refused(same ? "order.attempt_ended" : "order.attempt_out_of_sequence");
    d.nextReference = attemptReference(order.reference, status.nextAttemptNumber);
    return d;
  }
  InitiationDecision d;
  d.kind = InitiationKind::NewAttempt;
  d.code = "order.new_attempt";
  d.message = codeMessage(d.code);
  d.number = requestedNumber;
  return d;
}

Attempt startAttempt(int number, std::int64_t nowMs, std::int64_t lifetimeMs) {
  Attempt a;
  a.number = number;
  a.state = AttemptState::Pending;
  a.startedAtMs = nowMs;
  a.expiresAtMs = lifetimeMs > std::numeric_limits<std::int64_t>::max() - nowMs
                      ? std::numeric_limits<std::int64_t>::max()
                      : nowMs + std::max<std::int64_t>(0, lifetimeMs);
  return a;
}

AttemptUpdate applyAttemptStatus(const Attempt& attempt, std::int64_t orderAmountRwf,
                                 const CallbackNotification& status) {
  AttemptUpdate u{attempt, "", false};
  AttemptState next;
  const char* code;
  switch (normaliseStatus(status.paymentStatus)) {
    case StatusWord::Unknown:
      u.code = "attempt.unknown_status";
      return u;
    case StatusWord::Pending:
      u.code = isOpen(attempt.state) ? "attempt.pending" : "attempt.ignored";
      return u;
    case StatusWord::Paid:
      if (!status.totalAmountPaid) {
        u.code = "status.amount_missing";
        return u;
      }
      next = *status.totalAmountPaid == orderAmountRwf ? AttemptState::Paid : AttemptState::AmountMismatch;
      code = next == AttemptState::Paid ? "attempt.paid" : "attempt.amount_mismatch";
      break;
    case StatusWord::Failed:
      next = AttemptState::Failed, code = "attempt.failed";
      break;
    case StatusWord::Expired:
      next = AttemptState::Expired, code = "attempt.expired";
      break;
    case StatusWord::Cancelled:
      next = AttemptState::Cancelled, code = "attempt.cancelled";
      break;
    default:
      u.code = "attempt.unknown_status";
      return u;
  }
  if (moneyMoved(attempt.state)) {  // a payment is never undone by a later word
    u.code = attempt.state == next ? "attempt.duplicate" : "attempt.ignored";
    return u;
  }
  if (!isOpen(attempt.state)) {
    if (!moneyMoved(next)) {
      u.code = attempt.state == next ? "attempt.duplicate" : "attempt.ignored";
      return u;
    }
    code = "attempt.late_payment";  // ended unpaid, then paid: the money is real
  }
  u.attempt.state = next;
  u.attempt.paymentRefId = status.paymentRefId;
  u.attempt.amountPaidRwf = moneyMoved(next) ? status.totalAmountPaid : std::nullopt;
  u.code = code;
  u.changed = true;
  return u;
}

Attempt rejectAttempt(const Attempt& attempt) {
  Attempt a = attempt;
  if (isOpen(a.state)) a.state = AttemptState::Rejected;
  return a;
}

const char* orderStateName(OrderState state) noexcept {
  switch (state) {
    case OrderState::New:
      return "NEW";
    case OrderState::Pending:
      return "PENDING";
    case OrderState::Paid:
      return "PAID";
    case OrderState::AmountMismatch:
      return "AMOUNT_MISMATCH";
    case OrderState::Failed:
      return "FAILED";
    case OrderState::Expired:
      return "EXPIRED";
    case OrderState::Cancelled:
      return "CANCELLED";
  }
  return "NEW";
}

OrderStatus orderStatus(const Order& order) {
  OrderStatus s;
  std::vector<const Attempt*> sorted;
  for (const Attempt& a : order.attempts) sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(), [](const Attempt* x, const Attempt* y) { return x->number < y->number; });
  const Attempt* latestEnding = nullptr;
  int highest = 0;
  for (const Attempt* a : sorted) {
    ++s.attemptCount;
    highest = std::max(highest, a->number);
    if (a->state == AttemptState::Paid) {
      if (!s.paidAttempt) s.paidAttempt = a->number;
      else s.duplicateAttempts.push_back(a->number);
    }
    if (a->state == AttemptState::AmountMismatch) s.mismatchAttempts.push_back(a->number);
    if (moneyMoved(a->state)) s.amountPaidRwf += a->amountPaidRwf.value_or(0);
    if (isOpen(a->state) && !s.openAttempt) s.openAttempt = a->number;
    if (isLaterEnding(a->state)) latestEnding = a;
  }
  s.nextAttemptNumber = highest + 1;
  if (s.paidAttempt) {
    s.state = OrderState::Paid;
    s.refundDueRwf = std::max<std::int64_t>(0, s.amountPaidRwf - order.amountRwf);
  } else if (!s.mismatchAttempts.empty()) {
    s.state = OrderState::AmountMismatch;
  } else if (s.openAttempt) {
    s.state = OrderState::Pending;
  } else if (latestEnding) {
    s.state = latestEnding->state == AttemptState::Failed    ? OrderState::Failed
              : latestEnding->state == AttemptState::Expired ? OrderState::Expired
                                                             : OrderState::Cancelled;
  }
  return s;
}

}  // namespace ltgs
