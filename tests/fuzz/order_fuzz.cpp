// The order model as the partner's backend and the widget drive it: an order document, a requested attempt
// number and an LTGS status document. Input: "<order JSON>\n~~~\n<number>\n~~~\n<status JSON>\n~~~\n<a
// Sale_Reference_ID>". Invariants: every report is valid JSON; parseAttemptReference and attemptReference are
// inverses on every reference either accepts; a decision never starts a second open attempt, nor any attempt
// of a paid order; applying a status never loses a payment (PAID or AMOUNT_MISMATCH stays so) and PAID needs
// the order's amount; the order's status is PAID exactly when an attempt is.
#include <string>

#include "fuzz_support.hpp"
#include "ltgs/order.hpp"
#include "ltgs/order_json.hpp"
#include "ltgs/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string_view> parts = fuzz::split(fuzz::text(data, size), 4);
  const std::string_view orderText = parts[0];
  const std::string numberText(parts.size() > 1 ? parts[1] : std::string_view("1"));
  const std::string_view statusText = parts.size() > 2 ? parts[2] : std::string_view("{}");
  const std::string_view referenceText = parts.size() > 3 ? parts[3] : orderText.substr(0, 70);

  // References: whatever is accepted reads back and writes again the same.
  const ltgs::Result<ltgs::AttemptRef> ref = ltgs::parseAttemptReference(referenceText);
  if (ref) {
    FUZZ_CHECK(ltgs::attemptReference(ref.value().orderReference, ref.value().number) == referenceText, referenceText);
  } else {
    fuzz::checkError(ref.error(), "");
  }
  fuzz::Report(ltgs::parseAttemptReferenceReport(referenceText));

  std::int64_t number = 0;
  for (const char c : numberText.substr(0, 6)) number = c >= '0' && c <= '9' ? number * 10 + (c - '0') : number;
  fuzz::Report(ltgs::decideInitiationReport(orderText, number, 1'750'000'000'000));
  fuzz::Report(ltgs::orderStatusReport(orderText));
  const ltgs::Result<ltgs::Order> order = ltgs::parseOrderJson(orderText);
  if (!order) return 0;
  const ltgs::Order& o = order.value();
  const ltgs::OrderStatus status = ltgs::orderStatus(o);
  bool anyPaid = false;
  for (const ltgs::Attempt& a : o.attempts) anyPaid = anyPaid || a.state == ltgs::AttemptState::Paid;
  FUZZ_CHECK((status.state == ltgs::OrderState::Paid) == anyPaid, std::string(orderText));

  const ltgs::InitiationDecision d = ltgs::decideInitiation(o, static_cast<int>(number % 1000), 1'750'000'000'000);
  if (d.kind == ltgs::InitiationKind::NewAttempt) {
    FUZZ_CHECK(!status.openAttempt && status.state != ltgs::OrderState::Paid, std::string(orderText));
    for (const ltgs::Attempt& a : o.attempts) FUZZ_CHECK(a.number < d.number, std::string(orderText));
  }
  FUZZ_CHECK(d.kind != ltgs::InitiationKind::Refused || !d.code.empty(), std::string(orderText));

  // A status applied to each attempt.
  const ltgs::CallbackParse parsed = ltgs::parseCallbackNotification(statusText);
  for (const ltgs::Attempt& a : o.attempts) {
    fuzz::Report(ltgs::applyAttemptStatusReport(ltgs::attemptJson(a), o.amountRwf, statusText));
    if (!parsed.notification) continue;
    const ltgs::AttemptUpdate u = ltgs::applyAttemptStatus(a, o.amountRwf, *parsed.notification);
    if (ltgs::moneyMoved(a.state)) FUZZ_CHECK(u.attempt.state == a.state, std::string(statusText));
    if (u.attempt.state == ltgs::AttemptState::Paid && a.state != ltgs::AttemptState::Paid) {
      FUZZ_CHECK(parsed.notification->totalAmountPaid == o.amountRwf, std::string(statusText));
    }
    // What the core writes it reads back.
    const ltgs::Result<ltgs::Attempt> back = ltgs::parseAttemptJson(ltgs::attemptJson(u.attempt));
    FUZZ_CHECK(back && back.value().state == u.attempt.state, ltgs::attemptJson(u.attempt));
  }
  return 0;
}
