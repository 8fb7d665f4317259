// The lifecycle JSON API the widget drives: applyEventReport(payment, event) in a chain, and nextPollReport on
// each payment it returns. Input: "<payment JSON>\n~~~\n<event JSON>\n~~~\n<event JSON>…" (a payment that
// parsePaymentJson refuses is replaced by a fresh Draft). Invariants: every report is valid JSON; a payment
// the core writes is one it reads back (parsePaymentJson is paymentJson's inverse), unchanged; a payment's rank
// never decreases; nothing moves after a terminal state; a refused event keeps the state; PAID only with
// Total_Amount_Paid equal to the amount; nextPoll's delay stays within the default schedule.
#include <algorithm>

#include "fuzz_support.hpp"
#include "ltgs/settings.hpp"
#include "ltgs/lifecycle.hpp"
#include "ltgs/lifecycle_json.hpp"
#include "ltgs/report.hpp"

namespace {

constexpr std::size_t kMaxEvents = 32;

// A payment text the core wrote must read back, and write again to the same JSON value.
ltgs::Payment readBack(const std::string& paymentText) {
  const ltgs::Result<ltgs::Payment> r = ltgs::parsePaymentJson(paymentText);
  FUZZ_CHECK(r, paymentText + " -> " + r.error().message);
  FUZZ_CHECK(fuzz::sameJson(ltgs::paymentJson(r.value()), paymentText), paymentText);
  return r.value();
}

// One nextPoll per payment (at a time picked by `which`, to keep the target fast): the delay stays within the
// default schedule, and a terminal payment is done.
void checkNextPoll(const std::string& paymentText, const ltgs::Payment& p, std::size_t which) {
  const std::int64_t times[] = {0, p.expiresAtMs.value_or(0), p.initiatedAtMs.value_or(0) + 5000};
  const std::int64_t now = std::clamp<std::int64_t>(times[which % 3], 0, ltgs::kMaxSafeInteger);  // nextPoll's range
  const std::string input = "{\"nowMs\":" + std::to_string(now) + "}";
  const fuzz::Report r(ltgs::nextPollReport(paymentText, input, ""));
  FUZZ_CHECK(r.ok(), paymentText + " @ " + input);
  const std::int64_t delay = r.integer("delayMs");
  // 10 s cap + 20 % jitter; a payment nobody waits for (stoppedWaiting) at the hidden page's 30 s, + 20 %.
  FUZZ_CHECK(delay >= 0 && delay <= (p.stoppedWaiting ? 36'000 : 12'000), paymentText + " @ " + input);
  if (ltgs::isTerminal(p.state)) FUZZ_CHECK(r.text("action") == "done", r.json(""));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string_view> parts = fuzz::split(fuzz::text(data, size), kMaxEvents + 1);
  std::string payment(parts[0]);
  const ltgs::Result<ltgs::Payment> first = ltgs::parsePaymentJson(payment);
  if (first) {
    payment = ltgs::paymentJson(first.value());  // any payment the core accepts, it writes in a form it accepts
  } else {
    fuzz::checkError(first.error(), "payment.");
    payment = ltgs::paymentJson(ltgs::draftPayment("LTGSINV_230624_001", 15000));
  }
  ltgs::Payment before = readBack(payment);  // the next event gets the payment as the JS shell holds it
  for (std::size_t k = 1; k < parts.size(); ++k) {
    const fuzz::Report r(ltgs::applyEventReport(payment, parts[k]));
    if (!r.ok()) {
      // An event the core cannot apply: its kind, or a member of the wrong type or that no event has.
      const std::string code = r.code();
      FUZZ_CHECK(code == "event.invalid" || code == "settings.invalid" || code == "settings.unknown" ||
                     code.rfind("json.", 0) == 0,
                 r.json(""));
      continue;
    }
    const std::string next = r.json("payment");  // what the JavaScript shell hands back with the next event
    const ltgs::Payment after = readBack(next);
    FUZZ_CHECK(ltgs::stateRank(after.state) >= ltgs::stateRank(before.state), payment + " -> " + next);
    if (ltgs::isTerminal(before.state))
      FUZZ_CHECK(r.flag("refused") && r.same("payment", payment), next);
    if (r.flag("refused")) FUZZ_CHECK(after.state == before.state, next);
    if (after.state == ltgs::PaymentState::Paid && before.state != ltgs::PaymentState::Paid)
      FUZZ_CHECK(r.text("reason") == "status.paid" && after.amountPaidRwf == after.amountRwf, next);
    checkNextPoll(next, after, k);
    payment = next;
    before = after;
  }
  return 0;
}
