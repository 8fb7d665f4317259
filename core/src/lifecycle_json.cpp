#include "ltgs/lifecycle_json.hpp"

#include <cmath>

#include "option_reader.hpp"
#include "ltgs/codes.hpp"
#include "ltgs/report.hpp"
#include "report_writer.hpp"
#include "ltgs/failure_reason.hpp"
#include "json_writer.hpp"
#include "ltgs/text.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

using Kind = JsonScalar::Kind;

FieldError paymentInvalid(const std::string& what) {
  return codeError("payment.invalid", {ErrorParam::of("problem", what)});
}

void optionalInt(JsonWriter& w, const char* key, const std::optional<std::int64_t>& v) {
  w.key(key);
  v ? w.value(*v) : w.null();
}
void optionalText(JsonWriter& w, const char* key, const std::optional<std::string>& v) {
  w.key(key);
  v ? w.value(*v) : w.null();
}

void writePayment(JsonWriter& w, const Payment& p) {
  w.beginObject();
  w.key("saleReferenceId").value(p.saleReferenceId).key("amountRwf").value(p.amountRwf);
  w.key("state").value(stateName(p.state));
  optionalInt(w, "initiatedAtMs", p.initiatedAtMs);
  optionalInt(w, "acceptedAtMs", p.acceptedAtMs);
  optionalInt(w, "expiresAtMs", p.expiresAtMs);
  w.key("initiateInFlight").value(p.initiateInFlight);
  w.key("initiateAttempts").value(static_cast<std::int64_t>(p.initiateAttempts));
  w.key("pollCount").value(static_cast<std::int64_t>(p.pollCount));
  w.key("unknownStatusCount").value(static_cast<std::int64_t>(p.unknownStatusCount));
  w.key("refusedResponseCount").value(static_cast<std::int64_t>(p.refusedResponseCount));
  w.key("lastOutcome").value(fetchKindName(p.lastOutcome.kind));
  w.key("lastHttpStatus").value(static_cast<std::int64_t>(p.lastOutcome.httpStatus));
  w.key("lastStatus").value(p.lastStatus);
  optionalText(w, "paymentRefId", p.paymentRefId);
  optionalText(w, "paymentChannel", p.paymentChannel);
  w.key("paidOn");
  p.paidOn ? w.value(formatPaidOn(*p.paidOn)) : w.null();
  optionalInt(w, "amountPaidRwf", p.amountPaidRwf);
  w.key("lastErrorCode").value(p.lastErrorCode);
  w.key("stoppedWaiting").value(p.stoppedWaiting);
  w.key("failureReason").value(p.failureReason);
  w.key("failureCode").value(failureReasonCode(p.failureReason));  // derived: not read back
  optionalInt(w, "ltgsExpiresAtMs", p.ltgsExpiresAtMs);
  w.endObject();
}

// Whole number in [lo, hi] from a JSON number.
bool wholeNumber(const JsonScalar& v, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  if (v.kind == Kind::Integer) out = v.integer;
  else if (v.kind == Kind::Float && std::floor(v.number) == v.number && std::fabs(v.number) <= 9.0e15)
    out = static_cast<std::int64_t>(v.number);
  else return false;
  return out >= lo && out <= hi;
}

constexpr std::int64_t kMaxMs = 9'007'199'254'740'991;  // epoch milliseconds, as JavaScript numbers

// The event's failure outcome ("networkError", …) and its HTTP status.
Result<FetchOutcome> outcomeFrom(const FlatObject& o) {
  const JsonScalar& k = o.get("failure");
  if (k.kind != Kind::String) return optionInvalid("event", "failure", "one of networkError, timeout, httpStatus, malformedJson");
  const std::optional<FetchKind> kind = fetchKindFromName(k.text);
  if (!kind) return optionInvalid("event", "failure", "one of networkError, timeout, httpStatus, malformedJson");
  const JsonScalar& s = o.get("httpStatus");
  return FetchOutcome{*kind, s.kind == Kind::Missing ? 0 : static_cast<int>(wholeValue(s))};
}

std::string transitionReport(const Transition& t) {
  JsonWriter w = successWriter();
  w.beginObject().key("payment");
  writePayment(w, t.payment);
  w.key("reason").value(t.reason).key("refused").value(t.refused).key("warnings");
  writeErrors(w, t.errors);
  w.endObject();
  return finishSuccess(w);
}

}  // namespace

std::string paymentJson(const Payment& payment) {
  JsonWriter w;
  writePayment(w, payment);
  return w.take();
}

Result<Payment> parsePaymentJson(std::string_view json) {
  const Result<FlatObject> object = readFlatObject(json);
  if (!object) return paymentInvalid(object.error().message);
  const FlatObject& o = object.value();
  Payment p;
  const auto text = [&](const char* key, std::string& out) {
    const JsonScalar& v = o.get(key);
    if (v.kind != Kind::String) return false;
    out = v.text;
    return true;
  };
  const auto integer = [&](const char* key, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
    return wholeNumber(o.get(key), lo, hi, out);
  };
  const auto optionalInteger = [&](const char* key, std::optional<std::int64_t>& out) {
    const JsonScalar& v = o.get(key);
    if (v.kind == Kind::Null || v.kind == Kind::Missing) return true;
    std::int64_t n = 0;
    if (!wholeNumber(v, 0, kMaxMs, n)) return false;
    out = n;
    return true;
  };
  const auto optionalString = [&](const char* key, std::optional<std::string>& out) {
    const JsonScalar& v = o.get(key);
    if (v.kind == Kind::Null || v.kind == Kind::Missing) return true;
    if (v.kind != Kind::String) return false;
    out = v.text;
    return true;
  };
  const auto count = [&](const char* key, int& out) {
    std::int64_t n = 0;
    if (!integer(key, 0, kMaxEventCount, n)) return false;
    out = static_cast<int>(n);
    return true;
  };
  std::string state, outcome, paidOn;
  std::int64_t httpStatus = 0;
  if (!text("saleReferenceId", p.saleReferenceId) || !parseSaleReference(p.saleReferenceId))
    return paymentInvalid("saleReferenceId");
  if (!integer("amountRwf", 1, kMaxMs, p.amountRwf)) return paymentInvalid("amountRwf");
  if (!text("state", state) || !paymentStateFromName(state)) return paymentInvalid("state");
  p.state = *paymentStateFromName(state);
  if (!optionalInteger("initiatedAtMs", p.initiatedAtMs) || !optionalInteger("acceptedAtMs", p.acceptedAtMs) ||
      !optionalInteger("expiresAtMs", p.expiresAtMs))
    return paymentInvalid("a time");
  const JsonScalar& inFlight = o.get("initiateInFlight");
  if (inFlight.kind != Kind::Bool) return paymentInvalid("initiateInFlight");
  p.initiateInFlight = inFlight.boolean;
  if (!count("initiateAttempts", p.initiateAttempts) || !count("pollCount", p.pollCount) ||
      !count("unknownStatusCount", p.unknownStatusCount) || !count("refusedResponseCount", p.refusedResponseCount))
    return paymentInvalid("a counter");
  if (!text("lastOutcome", outcome) || !fetchKindFromName(outcome)) return paymentInvalid("lastOutcome");
  if (!integer("lastHttpStatus", 0, 999, httpStatus)) return paymentInvalid("lastHttpStatus");
  p.lastOutcome = FetchOutcome{*fetchKindFromName(outcome), static_cast<int>(httpStatus)};
  if (!text("lastStatus", p.lastStatus) || !text("lastErrorCode", p.lastErrorCode)) return paymentInvalid("a status");
  if (!optionalString("paymentRefId", p.paymentRefId) || !optionalString("paymentChannel", p.paymentChannel))
    return paymentInvalid("the payment reference");
  const JsonScalar& paid = o.get("paidOn");
  if (paid.kind == Kind::String) {
    const Result<LocalDateTime> t = parsePaidOn(paid.text);
    if (!t) return paymentInvalid("paidOn");
    p.paidOn = t.value();
  } else if (paid.kind != Kind::Null && paid.kind != Kind::Missing) {
    return paymentInvalid("paidOn");
  }
  if (!optionalInteger("amountPaidRwf", p.amountPaidRwf)) return paymentInvalid("amountPaidRwf");
  const JsonScalar& stopped = o.get("stoppedWaiting");  // absent in payments saved before it existed
  if (stopped.kind == Kind::Bool) p.stoppedWaiting = stopped.boolean;
  else if (stopped.kind != Kind::Missing) return paymentInvalid("stoppedWaiting");
  // Absent in payments saved before they existed.
  const JsonScalar& reason = o.get("failureReason");
  if (reason.kind == Kind::String && (reason.text.empty() || isFailureReasonWord(reason.text))) p.failureReason = reason.text;
  else if (reason.kind != Kind::Missing) return paymentInvalid("failureReason");
  if (!optionalInteger("ltgsExpiresAtMs", p.ltgsExpiresAtMs)) return paymentInvalid("ltgsExpiresAtMs");
  return p;
}

std::string applyEventReport(std::string_view paymentJsonText, std::string_view eventJson) {
  static const OptionSpec kSpecs[] = {
      {"kind", OptionType::Text},
      {"atMs", OptionType::Whole, 0, static_cast<double>(kMaxMs)},
      {"lifetimeMs", OptionType::Whole, 1, 24.0 * 3600 * 1000},
      {"body", OptionType::Text},
      {"failure", OptionType::Text},
      {"httpStatus", OptionType::Whole, 0, 999},
  };
  // The event's kind, and which members it needs.
  struct KindSpec {
    const char* name;
    bool needsAt, needsBody, needsFailure;
  };
  static const KindSpec kKinds[] = {
      {"validateOk", false, false, false},     {"initiateSent", true, false, false},
      {"initiateResponse", true, true, false}, {"initiateFailed", false, false, true},
      {"statusBody", false, true, false},      {"statusFetchFailed", false, false, true},
      {"cancel", false, false, false},         {"resumeWaiting", false, false, false},
      {"expiryReached", true, false, false},
  };
  const Result<Payment> payment = parsePaymentJson(paymentJsonText);
  if (!payment) return failureReport(payment.error());
  const Result<FlatObject> object = readOptions(eventJson, "event", kSpecs);
  if (!object) return failureReport(object.error());
  const FlatObject& o = object.value();
  const JsonScalar& kind = o.get("kind");
  const KindSpec* known = nullptr;
  for (const KindSpec& k : kKinds)
    if (kind.kind == Kind::String && kind.text == k.name) known = &k;
  if (known == nullptr) {
    std::string names;
    for (const KindSpec& k : kKinds) names += (names.empty() ? "" : ", ") + std::string(k.name);
    const std::string given = kind.kind == Kind::String ? kind.text.substr(0, 32) : std::string();
    return failureReport(codeError("event.invalid", {ErrorParam::of("member", "kind"), ErrorParam::of("kind", given),
                                                     ErrorParam::of("expected", names)}));
  }
  const std::string k = known->name;
  if (known->needsAt && o.get("atMs").kind == Kind::Missing)
    return failureReport(optionInvalid("event", "atMs", "epoch milliseconds, which " + k + " needs"));
  if (known->needsBody && o.get("body").kind == Kind::Missing)
    return failureReport(optionInvalid("event", "body", "the response text, which " + k + " needs"));
  const std::int64_t atMs = o.get("atMs").kind == Kind::Missing ? 0 : wholeValue(o.get("atMs"));
  const Payment& p = payment.value();
  if (k == "statusBody") return transitionReport(applyStatusJson(p, o.get("body").text));
  if (k == "initiateResponse") return transitionReport(applyInitiateResponseJson(p, o.get("body").text, atMs));
  if (known->needsFailure) {
    const Result<FetchOutcome> failure = outcomeFrom(o);
    if (!failure) return failureReport(failure.error());
    return transitionReport(applyEvent(p, k == "initiateFailed" ? Event::initiateFailed(failure.value())
                                                                : Event::statusFetchFailed(failure.value())));
  }
  if (k == "validateOk") return transitionReport(applyEvent(p, Event::validateOk()));
  if (k == "cancel") return transitionReport(applyEvent(p, Event::cancel()));
  if (k == "resumeWaiting") return transitionReport(applyEvent(p, Event::resumeWaiting()));
  if (k == "expiryReached") return transitionReport(applyEvent(p, Event::expiryReached(atMs)));
  const std::int64_t lifetimeMs =
      o.get("lifetimeMs").kind == Kind::Missing ? kDefaultPaymentLifetimeMs : wholeValue(o.get("lifetimeMs"));
  // The deadline is written into the payment: past 2^53 - 1 ms, parsePaymentJson (and a JavaScript number)
  // could not take it back.
  if (atMs > kMaxMs - lifetimeMs) return failureReport(optionInvalid("event", "atMs", "at most 2^53 - 1 - lifetimeMs"));
  return transitionReport(applyEvent(p, Event::initiateSent(atMs, lifetimeMs)));
}

std::string draftPaymentReport(std::string_view saleReferenceId, std::int64_t amountRwf) {
  // Validated like any event: a Draft with a bad reference or amount is refused at validateOk, so check here.
  if (!parseSaleReference(saleReferenceId) || amountRwf < 1 || amountRwf > kMaxMs)
    return failureReport(codeError("lifecycle.invalid_payment"));
  JsonWriter w = successWriter();
  writePayment(w, draftPayment(std::string(saleReferenceId), amountRwf));
  return finishSuccess(w);
}

Result<PollSettings> parsePollSettingsJson(std::string_view json) {
  constexpr double kDay = 24.0 * 3600 * 1000;
  static const OptionSpec kSpecs[] = {
      {"firstDelayMs", OptionType::Whole, 0, kDay},    {"backoffFactor", OptionType::Number, 1, 4},
      {"maxDelayMs", OptionType::Whole, 0, kDay},      {"jitter", OptionType::Number, 0, 0.5},
      {"hiddenDelayMs", OptionType::Whole, 0, kDay},   {"notFoundGraceMs", OptionType::Whole, 0, kDay},
      {"maxRetryAfterMs", OptionType::Whole, 0, kDay}, {"lifetimeMs", OptionType::Whole, 1, kDay},
  };
  const Result<FlatObject> object = readOptions(json, "pollSettings", kSpecs);
  if (!object) return object.error();
  PollSettings s;
  for (const auto& [key, v] : object.value().members) {
    if (key == "backoffFactor" || key == "jitter") {
      (key == "jitter" ? s.jitter : s.backoffFactor) = v.number;
      continue;
    }
    std::int64_t& ms = key == "firstDelayMs" ? s.firstDelayMs : key == "maxDelayMs" ? s.maxDelayMs
                       : key == "hiddenDelayMs" ? s.hiddenDelayMs : key == "notFoundGraceMs" ? s.notFoundGraceMs
                       : key == "maxRetryAfterMs" ? s.maxRetryAfterMs : s.lifetimeMs;
    ms = wholeValue(v);
  }
  if (s.firstDelayMs > s.maxDelayMs) return optionInvalid("pollSettings", "firstDelayMs", "at most maxDelayMs");
  return s;
}

std::string nextPollReport(std::string_view paymentJsonText, std::string_view inputJson, std::string_view settingsJson) {
  static const OptionSpec kSpecs[] = {
      {"nowMs", OptionType::Whole, 0, static_cast<double>(kMaxMs)},
      {"finalCheckDone", OptionType::Bool},
      {"retryAfter", OptionType::Text},
      {"pageHidden", OptionType::Bool},
      {"random01", OptionType::Number, -1e308, 1e308},  // nextPoll clamps it to [0, 1)
  };
  const Result<Payment> payment = parsePaymentJson(paymentJsonText);
  if (!payment) return failureReport(payment.error());
  const Result<PollSettings> settings = parsePollSettingsJson(settingsJson);
  if (!settings) return failureReport(settings.error());
  const Result<FlatObject> object = readOptions(inputJson, "pollInput", kSpecs);
  if (!object) return failureReport(object.error());
  const FlatObject& o = object.value();
  if (o.get("nowMs").kind == Kind::Missing) return failureReport(optionInvalid("pollInput", "nowMs", "epoch milliseconds"));
  const std::int64_t nowMs = wholeValue(o.get("nowMs"));
  const auto writeDecision = [](const char* action, std::int64_t delayMs, std::string_view code) {
    JsonWriter w = successWriter();
    w.beginObject().key("action").value(action).key("delayMs").value(delayMs).key("code").value(code).endObject();
    return finishSuccess(w);
  };
  // Only a payment that has been sent is polled: before that there is nothing to ask, after a terminal
  // state nothing can change.
  const PaymentState state = payment.value().state;
  if (isTerminal(state)) return writeDecision("done", 0, "poll.done");
  if (state == PaymentState::Draft || state == PaymentState::Validated) return writeDecision("idle", 0, "poll.not_started");
  PollInput input = pollInputFor(payment.value(), nowMs);
  input.finalCheckDone = o.get("finalCheckDone").boolean;
  input.pageHidden = o.get("pageHidden").boolean;
  if (o.get("random01").kind != Kind::Missing) input.random01 = o.get("random01").number;
  const JsonScalar& retryAfter = o.get("retryAfter");
  if (retryAfter.kind == Kind::String) input.retryAfterMs = parseRetryAfter(retryAfter.text, nowMs);
  const PollDecision d = nextPoll(input, settings.value());
  return writeDecision(pollActionName(d.action), d.delayMs, d.code);
}

}  // namespace ltgs
