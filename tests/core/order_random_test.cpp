// Many orders driven through random, interleaved sequences of initiate / customer cancel / retry / status /
// callback / duplicate callback / LTGS ending / expiry / late payment, against a simulated LTGS that knows
// the truth of every payment. After every step the invariants must hold:
//   I1  at most one attempt of an order is open, in the partner's records and at LTGS;
//   I2  an order is PAID exactly when some attempt is PAID with the order's amount;
//   I3  every payment LTGS took and reported is recorded once: never lost, never counted twice, and a
//       second PAID shows as a duplicate payment with the amount to refund;
//   I4  no attempt reference maps back to another order (or another attempt).
// The rules are passed in, so that each can be replaced by a planted bug that the invariants must catch.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "ltgs/order.hpp"

namespace ltgs {
namespace {

struct Rules {
  std::function<InitiationDecision(const Order&, int, std::int64_t)> decide = decideInitiation;
  std::function<AttemptUpdate(const Attempt&, std::int64_t, const CallbackNotification&)> apply = applyAttemptStatus;
  std::function<OrderStatus(const Order&)> status = orderStatus;
  std::function<std::string(std::string_view, int)> reference = attemptReference;
  std::function<Result<AttemptRef>(std::string_view)> parse = parseAttemptReference;
};

constexpr std::int64_t kLifetime = 600'000;

// One payment as LTGS knows it.
struct LtgsPayment {
  std::string order;
  int number = 0;
  AttemptState truth = AttemptState::Pending;
  std::int64_t expiresAtMs = 0;
  std::int64_t amountPaid = 0;
  std::string paymentRef;
};

class Simulation {
 public:
  Simulation(Rules rules, std::uint64_t seed) : rules_(std::move(rules)), rng_(seed) {}

  // Runs `orders` orders for `steps` steps; the first broken invariant, or nullopt.
  std::optional<std::string> run(int orders, int steps) {
    for (int i = 0; i < orders; ++i) addOrder();
    for (step_ = 0; step_ < steps; ++step_) {
      now_ += pick(30'000);
      const std::string& ref = orderRefs_[static_cast<std::size_t>(pick(static_cast<int>(orderRefs_.size())))];
      switch (pick(12)) {
        case 0: case 1: case 2:
          initiate(ref, nextNumber(ref));  // the widget's next attempt (after a failure or a cancel)
          break;
        case 3:
          initiate(ref, 1 + pick(kMaxAttempts + 2));  // any number a crafted request could name
          break;
        case 4:
          craftedReference(ref);
          break;
        case 5: case 6:
          settle(ref);  // LTGS ends a pending payment, paid or not
          break;
        case 7: case 8:
          deliver(ref, false);  // a status check or a callback
          break;
        case 9:
          deliver(ref, true);  // the same answer delivered again
          break;
        case 10:
          expire();
          break;
        case 11:
          latePayment(ref);  // an ended payment is approved after all (QR scanned, USSD dialled late)
          break;
      }
      if (violation_) return violation_;
      for (const std::string& r : orderRefs_) {
        check(r);
        if (violation_) return violation_;
      }
    }
    return std::nullopt;
  }

  int newAttempts = 0, refusals = 0, payments = 0, duplicates = 0;

 private:
  Rules rules_;
  std::mt19937_64 rng_;
  std::int64_t now_ = 1'750'000'000'000;
  int step_ = 0;
  std::vector<std::string> orderRefs_;
  std::map<std::string, Order> orders_;              // the partner's records
  std::map<std::string, LtgsPayment> ltgs_;          // Sale_Reference_ID → LTGS's payment
  std::map<std::string, std::string> lastDelivered_;  // Sale_Reference_ID → the last answer delivered
  std::optional<std::string> violation_;

  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }

  void fail(const std::string& what) {
    if (!violation_) violation_ = what + " (step " + std::to_string(step_) + ")";
  }

  void addOrder() {
    // References of every length up to the limit, some ending in digits, some looking like "…-R" + digits
    // elsewhere in the text.
    static const char kChars[] = "ABCXYZ0123456789_-.R";
    std::string ref;
    const int len = 1 + pick(static_cast<int>(kMaxOrderReferenceLength));
    for (int i = 0; i < len; ++i) ref += kChars[pick(sizeof kChars - 1)];
    if (!parseOrderReference(ref) || orders_.count(ref)) return addOrder();
    const std::int64_t amount = 100 + pick(50'000);
    orders_[ref] = Order{ref, amount, {}};
    orderRefs_.push_back(ref);
  }

  int nextNumber(const std::string& ref) { return rules_.status(orders_[ref]).nextAttemptNumber; }

  // The backend's path for POST /checkout/initiate with this Sale_Reference_ID.
  void initiateReference(const std::string& saleRef) {
    const Result<AttemptRef> parsed = rules_.parse(saleRef);
    if (!parsed) {
      ++refusals;
      return;
    }
    const auto it = orders_.find(parsed.value().orderReference);
    if (it == orders_.end()) {
      ++refusals;
      return;
    }
    Order& order = it->second;
    const InitiationDecision d = rules_.decide(order, parsed.value().number, now_);
    if (d.kind == InitiationKind::Refused) {
      ++refusals;
      if (d.code.empty()) fail("I0 a refusal without a code");
      return;
    }
    if (d.kind == InitiationKind::Resend) {
      if (!ltgs_.count(saleRef)) fail("I4 a re-send of an attempt LTGS does not know: " + saleRef);
      return;
    }
    const Attempt a = startAttempt(parsed.value().number, now_, kLifetime);
    order.attempts.push_back(a);
    ++newAttempts;
    // LTGS refuses a Sale_Reference_ID twice: a reference that two attempts share is a mapping bug.
    if (ltgs_.count(saleRef)) {
      fail("I4 reference " + saleRef + " was sent to LTGS twice");
      return;
    }
    ltgs_[saleRef] = LtgsPayment{order.reference, a.number, AttemptState::Pending, a.expiresAtMs, 0, ""};
  }

  void initiate(const std::string& ref, int number) {
    const std::string saleRef = rules_.reference(ref, number);
    if (saleRef.empty()) {
      ++refusals;
      return;
    }
    // I4: the reference reads back as this order's attempt.
    const Result<AttemptRef> back = rules_.parse(saleRef);
    if (!back || back.value().orderReference != ref || back.value().number != number)
      return fail("I4 " + saleRef + " does not map back to attempt " + std::to_string(number) + " of " + ref);
    initiateReference(saleRef);
  }

  void craftedReference(const std::string& ref) {
    static const char* const kSuffixes[] = {"-R2-R2", "-R0", "-R1", "-R01", "-R21", "-R2000000", "-R3-R", "-R", "R2"};
    initiateReference(ref + kSuffixes[pick(sizeof kSuffixes / sizeof *kSuffixes)]);
  }

  std::vector<LtgsPayment*> paymentsOf(const std::string& ref) {
    std::vector<LtgsPayment*> out;
    for (auto& [saleRef, p] : ltgs_)
      if (p.order == ref) out.push_back(&p);
    return out;
  }

  void settle(const std::string& ref) {
    for (LtgsPayment* p : paymentsOf(ref)) {
      if (p->truth != AttemptState::Pending) continue;
      switch (pick(6)) {
        case 0: case 1:
          pay(*p, pick(8) == 0 ? orders_[ref].amountRwf - 1 : orders_[ref].amountRwf);
          break;
        case 2:
          p->truth = AttemptState::Failed;
          break;
        case 3:
          p->truth = AttemptState::Cancelled;
          break;
        default:
          break;  // still waiting for the customer
      }
    }
  }

  void pay(LtgsPayment& p, std::int64_t amount) {
    p.truth = AttemptState::Paid;
    p.amountPaid = amount;
    p.paymentRef = "P" + std::to_string(++payments);
  }

  void expire() {
    for (auto& [saleRef, p] : ltgs_)
      if (p.truth == AttemptState::Pending && now_ >= p.expiresAtMs) p.truth = AttemptState::Expired;
  }

  void latePayment(const std::string& ref) {
    if (pick(4) != 0) return;
    for (LtgsPayment* p : paymentsOf(ref)) {
      if (p->truth == AttemptState::Failed || p->truth == AttemptState::Expired || p->truth == AttemptState::Cancelled) {
        pay(*p, orders_[ref].amountRwf);
        return;
      }
    }
  }

  static const char* word(AttemptState s) {
    switch (s) {
      case AttemptState::Paid:
        return "PAID";
      case AttemptState::Failed:
        return "FAILED";
      case AttemptState::Expired:
        return "EXPIRED";
      case AttemptState::Cancelled:
        return "CANCELLED";
      default:
        return "PENDING";
    }
  }

  // LTGS's current answer about one of the order's payments reaches the backend.
  void deliver(const std::string& ref, bool again) {
    std::vector<std::string> refs;
    for (const auto& [saleRef, p] : ltgs_)
      if (p.order == ref && (!again || lastDelivered_.count(saleRef))) refs.push_back(saleRef);
    if (refs.empty()) return;
    const std::string saleRef = refs[static_cast<std::size_t>(pick(static_cast<int>(refs.size())))];
    const LtgsPayment& p = ltgs_[saleRef];
    CallbackNotification n;
    n.saleReferenceId = saleRef;
    n.paymentStatus = again ? lastDelivered_[saleRef] : word(p.truth);
    if (n.paymentStatus == "PAID") n.totalAmountPaid = p.amountPaid, n.paymentRefId = p.paymentRef;
    lastDelivered_[saleRef] = n.paymentStatus;
    const Result<AttemptRef> parsed = rules_.parse(saleRef);
    if (!parsed || parsed.value().orderReference != ref)
      return fail("I4 LTGS's answer for " + saleRef + " does not map back to " + ref);
    Order& order = orders_[ref];
    for (Attempt& a : order.attempts) {
      if (a.number != parsed.value().number) continue;
      const bool wasPaid = a.state == AttemptState::Paid;
      a = rules_.apply(a, order.amountRwf, n).attempt;
      if (wasPaid && again) ++duplicates;
      return;
    }
    fail("I4 LTGS's answer for " + saleRef + " has no attempt");
  }

  void check(const std::string& ref) {
    const Order& order = orders_[ref];
    const OrderStatus s = rules_.status(order);
    int open = 0, paid = 0;
    std::int64_t moved = 0;
    for (const Attempt& a : order.attempts) {
      if (isOpen(a.state)) ++open;
      if (a.state == AttemptState::Paid) {
        ++paid;
        if (a.amountPaidRwf != order.amountRwf) fail("I2 attempt PAID with another amount in " + ref);
      }
      if (moneyMoved(a.state)) moved += a.amountPaidRwf.value_or(0);
    }
    if (open > 1) return fail("I1 " + std::to_string(open) + " attempts of " + ref + " are open");
    int ltgsOpen = 0, ltgsPaidDelivered = 0;
    std::int64_t ltgsMoved = 0;
    for (LtgsPayment* p : paymentsOf(ref)) {
      if (p->truth == AttemptState::Pending) ++ltgsOpen;
      const std::string saleRef = rules_.reference(ref, p->number);
      if (p->truth == AttemptState::Paid && lastDelivered_[saleRef] == "PAID") {
        ltgsMoved += p->amountPaid;
        if (p->amountPaid == order.amountRwf) ++ltgsPaidDelivered;
      }
    }
    if (ltgsOpen > 1) return fail("I1 " + std::to_string(ltgsOpen) + " payments of " + ref + " are open at LTGS");
    if ((s.state == OrderState::Paid) != (paid > 0)) return fail("I2 order " + ref + " is " + orderStateName(s.state));
    if (paid != ltgsPaidDelivered)
      return fail("I3 " + ref + " records " + std::to_string(paid) + " payments, LTGS reported " +
                  std::to_string(ltgsPaidDelivered));
    if (moved != ltgsMoved || s.amountPaidRwf != ltgsMoved) return fail("I3 money lost or counted twice in " + ref);
    if (paid > 0 && (s.duplicateAttempts.size() != static_cast<std::size_t>(paid - 1) ||
                     s.refundDueRwf != ltgsMoved - order.amountRwf))
      return fail("I3 a second payment of " + ref + " is not shown as a duplicate to refund");
  }
};

std::uint64_t seedFromEnvironment() {
  const char* s = std::getenv("LTGS_ORDER_SEED");
  return s ? std::strtoull(s, nullptr, 10) : 20261207;
}

TEST(OrderModel, RandomInterleavingsKeepTheInvariants) {
  const std::uint64_t seed = seedFromEnvironment();
  int attempts = 0, refusals = 0, payments = 0, duplicates = 0;
  for (int run = 0; run < 300; ++run) {
    Simulation sim(Rules{}, seed + static_cast<std::uint64_t>(run));
    const std::optional<std::string> v = sim.run(6, 400);
    ASSERT_FALSE(v.has_value()) << "LTGS_ORDER_SEED=" << seed << " run " << run << ": " << *v;
    attempts += sim.newAttempts, refusals += sim.refusals, payments += sim.payments, duplicates += sim.duplicates;
  }
  std::printf("[ seed     ] LTGS_ORDER_SEED=%llu: 300 runs x 6 orders x 400 steps; %d attempts started, %d refused, "
              "%d payments, %d duplicate deliveries of a payment\n",
              static_cast<unsigned long long>(seed), attempts, refusals, payments, duplicates);
  EXPECT_GT(attempts, 1000);
  EXPECT_GT(refusals, 1000);
  EXPECT_GT(duplicates, 10);
}

// Each rule replaced by a plausible bug: the invariants must notice.
std::optional<std::string> firstViolation(const Rules& rules) {
  for (int run = 0; run < 200; ++run) {
    Simulation sim(rules, 7000 + static_cast<std::uint64_t>(run));
    if (std::optional<std::string> v = sim.run(6, 400)) return v;
  }
  return std::nullopt;
}

TEST(OrderModel, APlantedBugInEachRuleIsCaught) {
  struct Planted {
    const char* name;
    const char* invariant;
    Rules rules;
  };
  std::vector<Planted> bugs;
  {  // the old backend's guard: only lower attempt numbers were looked at
    Rules r;
    r.decide = [](const Order& o, int n, std::int64_t now) {
      Order lower = o;
      lower.attempts.clear();
      for (const Attempt& a : o.attempts)
        if (a.number < n) lower.attempts.push_back(a);
      return decideInitiation(lower, n, now);
    };
    bugs.push_back({"decide looks only at lower numbers", "I1", r});
  }
  {  // a PAID after an unpaid ending is ignored
    Rules r;
    r.apply = [](const Attempt& a, std::int64_t amount, const CallbackNotification& n) {
      if (!isOpen(a.state)) return AttemptUpdate{a, "attempt.ignored", false};
      return applyAttemptStatus(a, amount, n);
    };
    bugs.push_back({"late payment ignored", "I3", r});
  }
  {  // a paid order reported by its latest attempt only
    Rules r;
    r.status = [](const Order& o) {
      OrderStatus s = orderStatus(o);
      int latest = 0;
      for (const Attempt& a : o.attempts) latest = std::max(latest, a.number);
      for (const Attempt& a : o.attempts)
        if (a.number == latest && a.state != AttemptState::Paid && s.state == OrderState::Paid) s.state = OrderState::Failed;
      return s;
    };
    bugs.push_back({"order status from the latest attempt", "I2", r});
  }
  {  // a second payment not listed as a duplicate
    Rules r;
    r.status = [](const Order& o) {
      OrderStatus s = orderStatus(o);
      s.duplicateAttempts.clear();
      return s;
    };
    bugs.push_back({"duplicate payments hidden", "I3", r});
  }
  {  // the old widget's reference: the base cut to make room for the suffix
    Rules r;
    r.reference = [](std::string_view base, int n) {
      if (n <= 1) return std::string(base);
      const std::string suffix = "-R" + std::to_string(n);
      return std::string(base.substr(0, std::min(base.size(), 64 - suffix.size() - 2))) + suffix;
    };
    bugs.push_back({"reference cut to fit", "I4", r});
  }
  {  // the old backend's reading: "X-R2-R3" taken as attempt 3 of "X-R2", itself an attempt of X
    Rules r;
    r.parse = [](std::string_view ref) -> Result<AttemptRef> {
      const std::size_t at = ref.rfind("-R");
      if (at != std::string_view::npos && at + 2 < ref.size() &&
          ref.substr(at + 2).find_first_not_of("0123456789") == std::string_view::npos) {
        const Result<AttemptRef> inner = parseAttemptReference(ref.substr(0, at));
        const int n = std::atoi(std::string(ref.substr(at + 2, 3)).c_str());
        if (inner && n >= 2 && n <= kMaxAttempts) return AttemptRef{inner.value().orderReference, n};
      }
      return parseAttemptReference(ref);
    };
    bugs.push_back({"nested suffix accepted", "I", r});
  }
  for (const Planted& bug : bugs) {
    const std::optional<std::string> v = firstViolation(bug.rules);
    ASSERT_TRUE(v.has_value()) << "not caught: " << bug.name;
    EXPECT_EQ(v->rfind(bug.invariant, 0), 0u) << bug.name << " caught as: " << *v;
    std::printf("[ planted  ] %s: %s\n", bug.name, v->c_str());
  }
}

}  // namespace
}  // namespace ltgs
