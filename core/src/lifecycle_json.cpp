#include "ltgs/lifecycle_json.hpp"

#include <cmath>

#include "json_reader.hpp"
#include "ltgs/failure_reason.hpp"
#include "json_writer.hpp"
#include "ltgs/text.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

using Kind = JsonScalar::Kind;

FieldError paymentInvalid(const std::string& what) {
  return FieldError{"payment", "payment.invalid", "The payment state is not one this widget wrote: " + what + "."};
}
FieldError eventInvalid(const std::string& what) { return FieldError{"event", "event.invalid", "The event is not usable: " + what + "."}; }

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

Result<FetchOutcome> outcomeFrom(const FlatObject& o, const char* kindKey, const char* statusKey) {
  const JsonScalar& k = o.get(kindKey);
  if (k.kind != Kind::String) return eventInvalid(std::string(kindKey) + " must be a string");
  const std::optional<FetchKind> kind = fetchKindFromName(k.text);
  if (!kind) return eventInvalid(std::string(kindKey) + " \"" + k.text.substr(0, 32) + "\" is not an outcome");
  FetchOutcome outcome{*kind, 0};
  const JsonScalar& s = o.get(statusKey);
  std::int64_t status = 0;
  if (s.kind != Kind::Missing && s.kind != Kind::Null) {
    if (!wholeNumber(s, 0, 999, status)) return eventInvalid(std::string(statusKey) + " must be an HTTP status");
    outcome.httpStatus = static_cast<int>(status);
  }
  return outcome;
}

std::string transitionReport(const Transition& t) {
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("payment");
  writePayment(w, t.payment);
  w.key("reason").value(t.reason).key("refused").value(t.refused).key("errors").beginArray();
  for (const FieldError& e : t.errors)
    w.beginObject().key("field").value(e.field).key("code").value(e.code).key("message").value(e.message).endObject();
  w.endArray().endObject();
  return w.take();
}

std::string errorReport(const FieldError& e) {
  JsonWriter w;
  w.beginObject().key("ok").value(false).key("error").beginObject();
  w.key("field").value(e.field).key("code").value(e.code).key("message").value(e.message).endObject().endObject();
  return w.take();
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
  const Result<Payment> payment = parsePaymentJson(paymentJsonText);
  if (!payment) return errorReport(payment.error());
  const Result<FlatObject> object = readFlatObject(eventJson);
  if (!object) return errorReport(eventInvalid(object.error().message));
  const FlatObject& o = object.value();
  const JsonScalar& kind = o.get("kind");
  if (kind.kind != Kind::String) return errorReport(eventInvalid("kind must be a string"));
  const std::string& k = kind.text;
  std::int64_t atMs = 0, lifetimeMs = kDefaultPaymentLifetimeMs;
  const bool hasAt = wholeNumber(o.get("atMs"), 0, kMaxMs, atMs);
  const Payment& p = payment.value();

  if (k == "statusBody" || k == "initiateResponse") {
    const JsonScalar& body = o.get("body");
    if (body.kind != Kind::String) return errorReport(eventInvalid("body must be the response text"));
    if (k == "statusBody") return transitionReport(applyStatusJson(p, body.text));
    if (!hasAt) return errorReport(eventInvalid("atMs must be epoch milliseconds"));
    return transitionReport(applyInitiateResponseJson(p, body.text, atMs));
  }
  if (k == "initiateFailed" || k == "statusFetchFailed") {
    const Result<FetchOutcome> failure = outcomeFrom(o, "failure", "httpStatus");
    if (!failure) return errorReport(failure.error());
    return transitionReport(applyEvent(p, k == "initiateFailed" ? Event::initiateFailed(failure.value())
                                                                : Event::statusFetchFailed(failure.value())));
  }
  if (k == "validateOk") return transitionReport(applyEvent(p, Event::validateOk()));
  if (k == "cancel") return transitionReport(applyEvent(p, Event::cancel()));
  if (k == "resumeWaiting") return transitionReport(applyEvent(p, Event::resumeWaiting()));
  if (!hasAt) return errorReport(eventInvalid("atMs must be epoch milliseconds"));
  if (k == "expiryReached") return transitionReport(applyEvent(p, Event::expiryReached(atMs)));
  if (k == "initiateSent") {
    const JsonScalar& lifetime = o.get("lifetimeMs");
    if (lifetime.kind != Kind::Missing && lifetime.kind != Kind::Null &&
        !wholeNumber(lifetime, 1, 24LL * 3600 * 1000, lifetimeMs))
      return errorReport(eventInvalid("lifetimeMs must be 1 ms to 24 h"));
    // The deadline is written into the payment: past 2^53 - 1 ms, parsePaymentJson (and a JavaScript number)
    // could not take it back.
    if (atMs > kMaxMs - lifetimeMs) return errorReport(eventInvalid("atMs + lifetimeMs must be at most 2^53 - 1"));
    return transitionReport(applyEvent(p, Event::initiateSent(atMs, lifetimeMs)));
  }
  return errorReport(eventInvalid("unknown kind \"" + k.substr(0, 32) + "\""));
}

std::string draftPaymentReport(std::string_view saleReferenceId, std::int64_t amountRwf) {
  // Validated like any event: a Draft with a bad reference or amount is refused at validateOk, so check here.
  if (!parseSaleReference(saleReferenceId) || amountRwf < 1 || amountRwf > kMaxMs)
    return errorReport(FieldError{"payment", "lifecycle.invalid_payment",
                                  "A payment needs a valid Sale_Reference_ID and a whole amount of at least 1 franc."});
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("payment");
  writePayment(w, draftPayment(std::string(saleReferenceId), amountRwf));
  w.endObject();
  return w.take();
}

Result<PollSettings> parsePollSettingsJson(std::string_view json) {
  PollSettings s;
  const std::string_view trimmed = trimWhitespace(json);
  if (trimmed.empty() || trimmed == "null") return s;
  const Result<FlatObject> object = readFlatObject(json);  // untrimmed: a byte order mark after white space is refused
  if (!object) return FieldError{"settings", object.error().code, "Poll settings: " + object.error().message};
  for (const auto& [key, v] : object.value().members) {
    if (v.kind == Kind::Null) continue;
    std::int64_t* ms = key == "firstDelayMs" ? &s.firstDelayMs : key == "maxDelayMs" ? &s.maxDelayMs
                       : key == "hiddenDelayMs" ? &s.hiddenDelayMs : key == "notFoundGraceMs" ? &s.notFoundGraceMs
                       : key == "maxRetryAfterMs" ? &s.maxRetryAfterMs : key == "lifetimeMs" ? &s.lifetimeMs : nullptr;
    double* ratio = key == "backoffFactor" ? &s.backoffFactor : key == "jitter" ? &s.jitter : nullptr;
    if (ms != nullptr) {
      if (!wholeNumber(v, key == "lifetimeMs" ? 1 : 0, 24LL * 3600 * 1000, *ms))
        return FieldError{"settings", "settings.invalid", key + " must be whole milliseconds from 0 to 24 h."};
    } else if (ratio != nullptr) {
      const double lo = key == "jitter" ? 0.0 : 1.0, hi = key == "jitter" ? 0.5 : 4.0;
      if ((v.kind != Kind::Integer && v.kind != Kind::Float) || !(v.number >= lo && v.number <= hi))
        return FieldError{"settings", "settings.invalid", key + " is out of range."};
      *ratio = v.number;
    } else {
      return FieldError{"settings", "settings.unknown", "Unknown poll setting \"" + key.substr(0, 64) + "\"."};
    }
  }
  if (s.firstDelayMs > s.maxDelayMs)
    return FieldError{"settings", "settings.invalid", "firstDelayMs must not exceed maxDelayMs."};
  return s;
}

std::string nextPollReport(std::string_view paymentJsonText, std::string_view inputJson, std::string_view settingsJson) {
  const Result<Payment> payment = parsePaymentJson(paymentJsonText);
  if (!payment) return errorReport(payment.error());
  const Result<PollSettings> settings = parsePollSettingsJson(settingsJson);
  if (!settings) return errorReport(settings.error());
  const Result<FlatObject> object = readFlatObject(inputJson);
  if (!object) return errorReport(eventInvalid(object.error().message));
  const FlatObject& o = object.value();
  std::int64_t nowMs = 0;
  if (!wholeNumber(o.get("nowMs"), 0, kMaxMs, nowMs)) return errorReport(eventInvalid("nowMs must be epoch milliseconds"));
  // Only a payment that has been sent is polled: before that there is nothing to ask, after a terminal
  // state nothing can change.
  const PaymentState state = payment.value().state;
  if (isTerminal(state) || state == PaymentState::Draft || state == PaymentState::Validated) {
    JsonWriter w;
    w.beginObject().key("ok").value(true).key("action").value(isTerminal(state) ? "done" : "idle");
    w.key("delayMs").value(std::int64_t{0}).key("code").value(isTerminal(state) ? "poll.done" : "poll.not_started");
    w.endObject();
    return w.take();
  }
  PollInput input = pollInputFor(payment.value(), nowMs);
  input.finalCheckDone = o.get("finalCheckDone").kind == Kind::Bool && o.get("finalCheckDone").boolean;
  input.pageHidden = o.get("pageHidden").kind == Kind::Bool && o.get("pageHidden").boolean;
  const JsonScalar& random = o.get("random01");
  if (random.kind == Kind::Integer || random.kind == Kind::Float) input.random01 = random.number;
  const JsonScalar& retryAfter = o.get("retryAfter");
  if (retryAfter.kind == Kind::String) input.retryAfterMs = parseRetryAfter(retryAfter.text, nowMs);
  const PollDecision d = nextPoll(input, settings.value());
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("action").value(pollActionName(d.action));
  w.key("delayMs").value(d.delayMs).key("code").value(d.code).endObject();
  return w.take();
}

}  // namespace ltgs
