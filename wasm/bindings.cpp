// Embind bindings: convert JavaScript values to the core's text API and its JSON reports to plain JS objects.
// No decisions here: every rule, default and error lives in core/.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>

#include "convert.hpp"
#include "ltgs/json_value.hpp"
#include "ltgs/report.hpp"

using emscripten::val;

namespace {

// Reports are JSON text made by the core; JS receives them as plain objects (no handles to .delete()).
val toJs(const std::string& reportJson) { return val::global("JSON").call<val>("parse", reportJson); }

// A JS string as UTF-8. A string with a lone surrogate has no UTF-8 form: an ill-formed byte is appended so
// that the core refuses it instead of receiving a silently altered text.
std::string text(const val& v) {
  if (!v.isString()) return std::string();
  std::string s = v.as<std::string>();
  const val wellFormed = v["isWellFormed"];
  if (!wellFormed.isUndefined() && !v.call<bool>("isWellFormed")) s += '\xFF';
  return s;
}

// Settings, configuration and option objects travel as JSON text; the core parses and checks them.
std::string json(const val& v) {
  if (v.isUndefined() || v.isNull()) return std::string();
  if (v.isString()) return text(v);
  return val::global("JSON").call<std::string>("stringify", v);
}

ltgs::JsonScalar scalar(const val& v) {
  using Kind = ltgs::JsonScalar::Kind;
  if (v.isUndefined()) return ltgs::JsonScalar::missing();
  if (v.isNull()) return ltgs::JsonScalar::null();
  if (v.isString()) return ltgs::JsonScalar::string(text(v));
  if (v.isNumber()) return ltgs::JsonScalar::floating(v.as<double>());
  if (v.isTrue() || v.isFalse()) {
    ltgs::JsonScalar b = ltgs::JsonScalar::make(Kind::Bool);
    b.boolean = v.isTrue();
    return b;
  }
  return ltgs::JsonScalar::make(val::global("Array").call<bool>("isArray", v) ? Kind::Array : Kind::Object);
}

// A JS number as the core's whole number (convert.hpp); anything but a number becomes -1.
std::int64_t whole(const val& v) { return v.isNumber() ? ltgs_wasm::whole(v.as<double>()) : -1; }

// Every export answers the core's report (ltgs/report.hpp, wasm/README.md): {ok: true, value} or
// {ok: false, errors: [{field, code, message, params}]}.
val validateRequestJson(const val& body, const val& settings) {
  return toJs(ltgs::validateRequestJsonReport(text(body), json(settings)));
}
val validateField(const val& field, const val& value, const val& settings) {
  return toJs(ltgs::validateFieldReport(text(field), scalar(value), json(settings)));
}
val paymentOptions(const val& body, const val& config, const val& settings) {
  return toJs(ltgs::paymentOptionsReport(text(body), json(config), json(settings)));
}
// methods: an array of names, or one string of names separated by commas.
val unavailableMethods(const val& config, const val& methods) {
  const bool isArray = val::global("Array").call<bool>("isArray", methods);
  return toJs(ltgs::unavailableMethodsReport(json(config), isArray ? text(methods.call<val>("join", val(","))) : text(methods)));
}
val parsePhone(const val& s) { return toJs(ltgs::parsePhoneReport(text(s))); }
val parseAmount(const val& s) { return toJs(ltgs::parseAmountReport(text(s))); }
val parseNationalId(const val& s, const val& currentYear) { return toJs(ltgs::parseNationalIdReport(text(s), whole(currentYear))); }
val parseEmail(const val& s) { return toJs(ltgs::parseEmailReport(text(s))); }
val parseCallbackUrl(const val& s, const val& sandbox) { return toJs(ltgs::parseCallbackUrlReport(text(s), sandbox.isTrue())); }
val parseServicesName(const val& s) { return toJs(ltgs::parseServicesNameReport(text(s))); }
val parseSaleReference(const val& s) { return toJs(ltgs::parseSaleReferenceReport(text(s))); }

val parseCallbackJson(const val& body) { return toJs(ltgs::parseCallbackJsonReport(text(body))); }
val failureReasonCode(const val& word) { return toJs(ltgs::failureReasonCodeReport(text(word))); }
val paymentStatusWord(const val& s) { return toJs(ltgs::paymentStatusWordReport(text(s))); }
val retryAfterMs(const val& header, const val& nowMs) { return toJs(ltgs::retryAfterMsReport(text(header), whole(nowMs))); }

val qrSvg(const val& s, const val& options) { return toJs(ltgs::qrSvgReport(text(s), json(options))); }
val qrMatrix(const val& s, const val& ecc) { return toJs(ltgs::qrMatrixReport(text(s), text(ecc))); }
val emvParse(const val& payload) { return toJs(ltgs::emvParseReport(text(payload))); }
val emvBuild(const val& input) { return toJs(ltgs::emvBuildReport(json(input))); }
val ussdCode(const val& tmpl, const val& merchantCode, const val& amount) {
  return toJs(ltgs::ussdCodeReport(text(tmpl), text(merchantCode), whole(amount)));
}
val mtnMomoPayUssd(const val& merchantCode, const val& amount) {
  return toJs(ltgs::mtnMomoPayUssdReport(text(merchantCode), whole(amount)));
}
val ussdTelLink(const val& dial) { return toJs(ltgs::ussdTelLinkReport(text(dial))); }
val checkQrPayload(const val& payload, const val& amount) { return toJs(ltgs::checkQrPayloadReport(text(payload), whole(amount))); }
val checkUssdCode(const val& dial, const val& amount, const val& config) {
  return toJs(ltgs::checkUssdCodeReport(text(dial), whole(amount), json(config)));
}

// The lifecycle: the payment travels as the plain object the core wrote; events and inputs as objects.
val draftPayment(const val& ref, const val& amount) { return toJs(ltgs::draftPaymentReport(text(ref), whole(amount))); }
val applyEvent(const val& payment, const val& event) { return toJs(ltgs::applyEventReport(json(payment), json(event))); }
val nextPoll(const val& payment, const val& input, const val& settings) {
  return toJs(ltgs::nextPollReport(json(payment), json(input), json(settings)));
}

// The order and its attempts: orders and attempts travel as plain objects, LTGS's status as its text.
val attemptReference(const val& order, const val& n) { return toJs(ltgs::attemptReferenceReport(text(order), whole(n))); }
val parseAttemptReference(const val& s) { return toJs(ltgs::parseAttemptReferenceReport(text(s))); }
val parsePaymentMethod(const val& v) { return toJs(ltgs::parsePaymentMethodReport(scalar(v))); }
val decideInitiation(const val& order, const val& n, const val& nowMs) {
  return toJs(ltgs::decideInitiationReport(json(order), whole(n), whole(nowMs)));
}
val startAttempt(const val& n, const val& nowMs, const val& lifetimeMs) {
  return toJs(ltgs::startAttemptReport(whole(n), whole(nowMs), whole(lifetimeMs)));
}
val applyAttemptStatus(const val& attempt, const val& amount, const val& body) {
  return toJs(ltgs::applyAttemptStatusReport(json(attempt), whole(amount), text(body)));
}
val rejectAttempt(const val& attempt) { return toJs(ltgs::rejectAttemptReport(json(attempt))); }
val orderStatus(const val& order) { return toJs(ltgs::orderStatusReport(json(order))); }
val checkoutRules() { return toJs(ltgs::checkoutRulesReport()); }
// Every code the core writes, with its field, English message and params (dist/codes.json).
val codes() { return toJs(ltgs::codesReport()); }

}  // namespace

// Embind has no optional arguments: a trailing settings/options argument may be left out through
// overloads by argument count.
EMSCRIPTEN_BINDINGS(ltgs) {
  using emscripten::function;
  function("validateRequestJson", &validateRequestJson);
  function("validateRequestJson", +[](const val& b) { return validateRequestJson(b, val::undefined()); });
  function("validateField", &validateField);
  function("validateField", +[](const val& f, const val& v) { return validateField(f, v, val::undefined()); });
  function("paymentOptions", &paymentOptions);
  function("paymentOptions", +[](const val& b, const val& c) { return paymentOptions(b, c, val::undefined()); });
  function("paymentOptions", +[](const val& b) { return paymentOptions(b, val::undefined(), val::undefined()); });
  function("parseCallbackJson", &parseCallbackJson);
  function("parsePhone", &parsePhone);
  function("parseAmount", &parseAmount);
  function("parseNationalId", &parseNationalId);
  function("parseNationalId", +[](const val& s) { return parseNationalId(s, val::undefined()); });
  function("parseEmail", &parseEmail);
  function("parseCallbackUrl", &parseCallbackUrl);
  function("parseCallbackUrl", +[](const val& s) { return parseCallbackUrl(s, val::undefined()); });
  function("parseServicesName", &parseServicesName);
  function("parseSaleReference", &parseSaleReference);
  function("qrSvg", &qrSvg);
  function("qrSvg", +[](const val& s) { return qrSvg(s, val::undefined()); });
  function("qrMatrix", &qrMatrix);
  function("qrMatrix", +[](const val& s) { return qrMatrix(s, val::undefined()); });
  function("emvParse", &emvParse);
  function("emvBuild", &emvBuild);
  function("ussdCode", &ussdCode);
  function("mtnMomoPayUssd", &mtnMomoPayUssd);
  function("ussdTelLink", &ussdTelLink);
  function("checkQrPayload", &checkQrPayload);
  function("checkUssdCode", &checkUssdCode);
  function("checkUssdCode", +[](const val& d, const val& a) { return checkUssdCode(d, a, val::undefined()); });
  function("retryAfterMs", &retryAfterMs);
  function("failureReasonCode", &failureReasonCode);
  function("unavailableMethods", &unavailableMethods);
  function("paymentStatusWord", &paymentStatusWord);
  function("draftPayment", &draftPayment);
  function("applyEvent", &applyEvent);
  function("nextPoll", &nextPoll);
  function("nextPoll", +[](const val& p, const val& i) { return nextPoll(p, i, val::undefined()); });
  function("attemptReference", &attemptReference);
  function("parseAttemptReference", &parseAttemptReference);
  function("parsePaymentMethod", &parsePaymentMethod);
  function("decideInitiation", &decideInitiation);
  function("startAttempt", &startAttempt);
  function("applyAttemptStatus", &applyAttemptStatus);
  function("rejectAttempt", &rejectAttempt);
  function("orderStatus", &orderStatus);
  function("checkoutRules", &checkoutRules);
  function("codes", &codes);
}
