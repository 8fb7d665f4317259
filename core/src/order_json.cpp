#include "ltgs/order_json.hpp"

#include <cmath>

#include "json_reader.hpp"
#include "ltgs/codes.hpp"
#include "ltgs/report.hpp"
#include "report_writer.hpp"
#include "ltgs/callback_notification.hpp"
#include "ltgs/json_value.hpp"
#include "ltgs/lifecycle.hpp"

namespace ltgs {
namespace {

using Kind = JsonScalar::Kind;

constexpr std::int64_t kMaxMs = 9'007'199'254'740'991;  // epoch milliseconds, as JavaScript numbers

FieldError orderInvalid(const std::string& what) {
  return codeError("order.invalid", {ErrorParam::of("problem", what)});
}
FieldError tooManyAttempts() {
  return codeError("order.too_many_attempts", {ErrorParam::of("max", static_cast<std::int64_t>(kMaxAttempts))}, "attempt");
}
FieldError attemptInvalid(const std::string& what) {
  return codeError("attempt.invalid", {ErrorParam::of("problem", what)});
}

// A JSON number that is a whole number in [lo, hi].
bool whole(const JsonScalar& v, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  if (v.kind == Kind::Integer) out = v.integer;
  else if (v.kind == Kind::Float && std::floor(v.number) == v.number && std::fabs(v.number) <= 9.0e15)
    out = static_cast<std::int64_t>(v.number);
  else return false;
  return out >= lo && out <= hi;
}

Result<Attempt> attemptFrom(const FlatObject& o) {
  static const char* const kKeys[] = {"number", "state", "startedAtMs", "expiresAtMs", "paymentRefId", "amountPaidRwf"};
  for (const auto& member : o.members) {
    bool known = false;
    for (const char* k : kKeys) known = known || member.first == k;
    if (!known) return attemptInvalid("unknown member \"" + member.first.substr(0, 32) + "\"");
  }
  Attempt a;
  std::int64_t n = 0;
  if (!whole(o.get("number"), 1, kMaxAttempts, n)) return attemptInvalid("number must be 1 … 20");
  a.number = static_cast<int>(n);
  const JsonScalar& state = o.get("state");
  const std::optional<AttemptState> parsed = state.kind == Kind::String ? attemptStateFromName(state.text) : std::nullopt;
  if (!parsed) return attemptInvalid("state must be PENDING, PAID, AMOUNT_MISMATCH, FAILED, EXPIRED, CANCELLED or REJECTED");
  a.state = *parsed;
  if (!whole(o.get("startedAtMs"), 0, kMaxMs, a.startedAtMs)) return attemptInvalid("startedAtMs must be epoch milliseconds");
  if (!whole(o.get("expiresAtMs"), 0, kMaxMs, a.expiresAtMs)) return attemptInvalid("expiresAtMs must be epoch milliseconds");
  const JsonScalar& ref = o.get("paymentRefId");
  if (ref.kind != Kind::Missing && ref.kind != Kind::Null) {
    if (ref.kind != Kind::String || ref.text.size() > 256) return attemptInvalid("paymentRefId must be a string or null");
    a.paymentRefId = ref.text;
  }
  const JsonScalar& paid = o.get("amountPaidRwf");
  if (paid.kind != Kind::Missing && paid.kind != Kind::Null) {
    if (!whole(paid, 0, kMaxMs, n)) return attemptInvalid("amountPaidRwf must be whole francs or null");
    a.amountPaidRwf = n;
  }
  return a;
}

void writeAttempt(JsonWriter& w, const Attempt& a) {
  w.beginObject();
  w.key("number").value(static_cast<std::int64_t>(a.number)).key("state").value(attemptStateName(a.state));
  w.key("startedAtMs").value(a.startedAtMs).key("expiresAtMs").value(a.expiresAtMs);
  w.key("paymentRefId");
  a.paymentRefId ? w.value(*a.paymentRefId) : w.null();
  w.key("amountPaidRwf");
  a.amountPaidRwf ? w.value(*a.amountPaidRwf) : w.null();
  w.endObject();
}

void writeNumbers(JsonWriter& w, const char* key, const std::vector<int>& numbers) {
  w.key(key).beginArray();
  for (const int n : numbers) w.value(static_cast<std::int64_t>(n));
  w.endArray();
}

const char* decisionName(InitiationKind kind) {
  switch (kind) {
    case InitiationKind::NewAttempt:
      return "newAttempt";
    case InitiationKind::Resend:
      return "resend";
    case InitiationKind::Refused:
      return "refused";
  }
  return "refused";
}

}  // namespace

Result<Attempt> parseAttemptJson(std::string_view json) {
  const Result<FlatObject> o = readFlatObject(json);
  if (!o) return attemptInvalid(o.error().message);
  return attemptFrom(o.value());
}

Result<Order> parseOrderJson(std::string_view json) {
  const Result<FlatObjectWithItems> doc = readFlatObjectWithItems(json, "attempts");
  if (!doc) return orderInvalid(doc.error().message);
  const FlatObject& o = doc.value().object;
  for (const auto& member : o.members) {
    const std::string& k = member.first;
    if (k != "reference" && k != "amountRwf" && k != "attempts") return orderInvalid("unknown member \"" + k.substr(0, 32) + "\"");
  }
  Order order;
  const JsonScalar& ref = o.get("reference");
  if (ref.kind != Kind::String) return orderInvalid("reference must be a string");
  const Result<std::string> parsed = parseOrderReference(ref.text);
  if (!parsed) return parsed.error();
  order.reference = parsed.value();
  if (!whole(o.get("amountRwf"), 1, kMaxMs, order.amountRwf)) return orderInvalid("amountRwf must be whole francs");
  if (o.get("attempts").kind != Kind::Array) return orderInvalid("attempts must be an array");
  const std::vector<FlatObject>& items = doc.value().items;
  if (items.size() > static_cast<std::size_t>(kMaxAttempts)) return orderInvalid("an order has at most 20 attempts");
  for (const FlatObject& item : items) {
    Result<Attempt> attempt = attemptFrom(item);
    if (!attempt) return orderInvalid(attempt.error().message);
    for (const Attempt& seen : order.attempts)
      if (seen.number == attempt.value().number) return orderInvalid("two attempts have one number");
    order.attempts.push_back(attempt.value());
  }
  return order;
}

std::string attemptJson(const Attempt& attempt) {
  JsonWriter w;
  writeAttempt(w, attempt);
  return w.take();
}

std::string attemptReferenceReport(std::string_view orderReference, std::int64_t number) {
  const Result<std::string> order = parseOrderReference(orderReference);
  if (!order) return failureReport(order.error());
  if (number < 1 || number > kMaxAttempts) return failureReport(tooManyAttempts());
  JsonWriter w = successWriter();
  w.value(attemptReference(orderReference, static_cast<int>(number)));
  return finishSuccess(w);
}

std::string parseAttemptReferenceReport(std::string_view saleReferenceId) {
  const Result<AttemptRef> r = parseAttemptReference(saleReferenceId);
  if (!r) return failureReport(r.error());
  JsonWriter w = successWriter();
  w.beginObject().key("orderReference").value(r.value().orderReference);
  w.key("number").value(static_cast<std::int64_t>(r.value().number));
  w.key("reference").value(saleReferenceId).endObject();
  return finishSuccess(w);
}

std::string parsePaymentMethodReport(const JsonScalar& value) {
  const bool present = value.kind != Kind::Missing && value.kind != Kind::Null;
  const Result<PaymentMethod> m = parsePaymentMethod(value.text, present, value.kind == Kind::String);
  if (!m) return failureReport(m.error());
  JsonWriter w = successWriter();
  w.value(paymentMethodName(m.value()));
  return finishSuccess(w);
}

std::string decideInitiationReport(std::string_view orderJson, std::int64_t requestedNumber, std::int64_t nowMs) {
  const Result<Order> order = parseOrderJson(orderJson);
  if (!order) return failureReport(order.error());
  if (nowMs < 0 || nowMs > kMaxMs) return failureReport(orderInvalid("nowMs must be epoch milliseconds"));
  const int number = requestedNumber < 0 || requestedNumber > 1000 ? 1000 : static_cast<int>(requestedNumber);
  const InitiationDecision d = decideInitiation(order.value(), number, nowMs);
  JsonWriter w = successWriter();
  w.beginObject().key("decision").value(decisionName(d.kind));
  w.key("code").value(d.code).key("message").value(d.message).key("number").value(static_cast<std::int64_t>(d.number));
  w.key("reference").value(attemptReference(order.value().reference, d.number));
  w.key("retryAtMs");
  d.retryAtMs ? w.value(*d.retryAtMs) : w.null();
  w.key("recheckFirst").value(d.recheckFirst).key("nextReference").value(d.nextReference).endObject();
  return finishSuccess(w);
}

std::string startAttemptReport(std::int64_t number, std::int64_t nowMs, std::int64_t lifetimeMs) {
  if (number < 1 || number > kMaxAttempts) return failureReport(tooManyAttempts());
  if (nowMs < 0 || nowMs > kMaxMs || lifetimeMs < 0 || lifetimeMs > kMaxMs)
    return failureReport(attemptInvalid("nowMs and lifetimeMs must be milliseconds"));
  JsonWriter w = successWriter();
  writeAttempt(w, startAttempt(static_cast<int>(number), nowMs, lifetimeMs));
  return finishSuccess(w);
}

std::string applyAttemptStatusReport(std::string_view attemptJsonText, std::int64_t orderAmountRwf,
                                     std::string_view statusJson) {
  const Result<Attempt> attempt = parseAttemptJson(attemptJsonText);
  if (!attempt) return failureReport(attempt.error());
  if (orderAmountRwf < 1 || orderAmountRwf > kMaxMs)
    return failureReport(orderInvalid("amountRwf must be whole francs"));
  const CallbackParse parsed = parseCallbackNotification(statusJson);
  if (!parsed.notification) return failureReport(parsed.errors);
  const AttemptUpdate u = applyAttemptStatus(attempt.value(), orderAmountRwf, *parsed.notification);
  JsonWriter w = successWriter();
  w.beginObject().key("attempt");
  writeAttempt(w, u.attempt);
  w.key("code").value(u.code).key("changed").value(u.changed);
  w.key("status").value(statusWordName(normaliseStatus(parsed.notification->paymentStatus))).endObject();
  return finishSuccess(w);
}

std::string rejectAttemptReport(std::string_view attemptJsonText) {
  const Result<Attempt> attempt = parseAttemptJson(attemptJsonText);
  if (!attempt) return failureReport(attempt.error());
  JsonWriter w = successWriter();
  writeAttempt(w, rejectAttempt(attempt.value()));
  return finishSuccess(w);
}

std::string orderStatusReport(std::string_view orderJson) {
  const Result<Order> order = parseOrderJson(orderJson);
  if (!order) return failureReport(order.error());
  const OrderStatus s = orderStatus(order.value());
  JsonWriter w = successWriter();
  w.beginObject().key("state").value(orderStateName(s.state));
  const auto optional = [&](const char* key, const std::optional<int>& v) {
    w.key(key);
    v ? w.value(static_cast<std::int64_t>(*v)) : w.null();
  };
  optional("paidAttempt", s.paidAttempt);
  writeNumbers(w, "duplicateAttempts", s.duplicateAttempts);
  writeNumbers(w, "mismatchAttempts", s.mismatchAttempts);
  w.key("amountPaidRwf").value(s.amountPaidRwf).key("refundDueRwf").value(s.refundDueRwf);
  optional("openAttempt", s.openAttempt);
  w.key("attemptCount").value(static_cast<std::int64_t>(s.attemptCount));
  w.key("nextAttemptNumber").value(static_cast<std::int64_t>(s.nextAttemptNumber));
  w.key("nextReference").value(attemptReference(order.value().reference, s.nextAttemptNumber)).endObject();
  return finishSuccess(w);
}

std::string checkoutRulesReport() {
  JsonWriter w = successWriter();
  w.beginObject().key("methods").beginArray();
  for (const PaymentMethod m : kPaymentMethods) w.value(paymentMethodName(m));
  w.endArray().key("finalStatuses").beginArray();
  for (const char* s : {"PAID", "FAILED", "EXPIRED", "CANCELLED"}) w.value(s);
  w.endArray().key("retryAfter").beginArray();
  for (const char* s : {"FAILED", "EXPIRED", "CANCELLED"})
    if (retryAllowedAfter(s)) w.value(s);
  w.endArray();
  w.key("maxAttempts").value(static_cast<std::int64_t>(kMaxAttempts));
  w.key("maxOrderReferenceLength").value(static_cast<std::int64_t>(kMaxOrderReferenceLength)).endObject();
  return finishSuccess(w);
}

}  // namespace ltgs
