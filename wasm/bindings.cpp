// Embind bindings: convert JavaScript values to core types and the core's reports to plain JS objects.
// No decisions here: every rule lives in core/.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "ltgs/amount.hpp"
#include "ltgs/callback_notification.hpp"
#include "ltgs/callback_url.hpp"
#include "ltgs/email.hpp"
#include "ltgs/national_id.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/phone.hpp"
#include "ltgs/report.hpp"
#include "ltgs/text.hpp"

using emscripten::val;

namespace {

// Reports are JSON text made by the core; JS receives them as plain objects (no handles to .delete()).
val toJs(const std::string& reportJson) { return val::global("JSON").call<val>("parse", reportJson); }

bool isDefined(const val& v) { return !v.isUndefined() && !v.isNull(); }

// A JS number that is a whole number within ±(2^53 - 1), else the fallback.
std::int64_t wholeNumber(const val& v, std::int64_t fallback) {
  if (!v.isNumber()) return fallback;
  const double d = v.as<double>();
  if (!(d >= -9007199254740991.0 && d <= 9007199254740991.0)) return fallback;  // also NaN
  const auto i = static_cast<std::int64_t>(d);
  return static_cast<double>(i) == d ? i : fallback;
}

ltgs::ValidationSettings settingsFromJs(const val& js) {
  ltgs::ValidationSettings s;
  if (!isDefined(js)) return s;
  s.minAmountRwf = wholeNumber(js["minAmountRwf"], s.minAmountRwf);
  s.maxAmountRwf = wholeNumber(js["maxAmountRwf"], s.maxAmountRwf);
  s.currentYear = static_cast<int>(std::clamp<std::int64_t>(wholeNumber(js["currentYear"], 0), 0, 9999));
  if (js["emailRequired"].isTrue()) s.emailRequired = true;
  if (js["sandbox"].isTrue()) s.sandbox = true;
  return s;
}

ltgs::JsonScalar scalarFromJs(const val& v) {
  using Kind = ltgs::JsonScalar::Kind;
  const std::string type = v.typeOf().as<std::string>();
  if (v.isUndefined()) return ltgs::JsonScalar::missing();
  if (v.isNull()) return ltgs::JsonScalar::null();
  if (type == "string") return ltgs::JsonScalar::string(v.as<std::string>());
  if (type == "number") return ltgs::JsonScalar::floating(v.as<double>());
  if (type == "boolean") {
    ltgs::JsonScalar b = ltgs::JsonScalar::make(Kind::Bool);
    b.boolean = v.as<bool>();
    return b;
  }
  return ltgs::JsonScalar::make(val::global("Array").call<bool>("isArray", v) ? Kind::Array : Kind::Object);
}

std::string text(const val& v) { return v.isString() ? v.as<std::string>() : std::string(); }

val validateRequestJson(const val& json, const val& settings) {
  return toJs(ltgs::reportJson(ltgs::validateJson(text(json), settingsFromJs(settings))));
}
val validateField(const val& field, const val& value, const val& settings) {
  return toJs(ltgs::reportJson(ltgs::validateField(text(field), scalarFromJs(value), settingsFromJs(settings))));
}
val parseCallbackJson(const val& json) { return toJs(ltgs::reportJson(ltgs::parseCallbackNotification(text(json)))); }
val parsePhone(const val& s) { return toJs(ltgs::reportJson(ltgs::parsePhone(text(s)))); }
val parseAmount(const val& s) { return toJs(ltgs::reportJson(ltgs::parseAmount(text(s)))); }
val parseNationalId(const val& s, const val& currentYear) {
  return toJs(ltgs::reportJson(
      ltgs::parseNationalId(text(s), static_cast<int>(std::clamp<std::int64_t>(wholeNumber(currentYear, 0), 0, 9999)))));
}
val parseEmail(const val& s) { return toJs(ltgs::reportJson(ltgs::parseEmail(text(s)))); }
val parseCallbackUrl(const val& s, const val& sandbox) {
  return toJs(ltgs::reportJson(ltgs::parseCallbackUrl(text(s), sandbox.isTrue())));
}
val parseServicesName(const val& s) { return toJs(ltgs::reportJson(ltgs::parseServicesName(text(s)))); }
val parseSaleReference(const val& s) { return toJs(ltgs::reportJson(ltgs::parseSaleReference(text(s)))); }

}  // namespace

// Embind has no optional arguments: the trailing settings argument may be left out through overloads
// by argument count.
EMSCRIPTEN_BINDINGS(ltgs) {
  emscripten::function("validateRequestJson", &validateRequestJson);
  emscripten::function("validateRequestJson", +[](const val& json) { return validateRequestJson(json, val::undefined()); });
  emscripten::function("validateField", &validateField);
  emscripten::function("validateField", +[](const val& f, const val& v) { return validateField(f, v, val::undefined()); });
  emscripten::function("parseCallbackJson", &parseCallbackJson);
  emscripten::function("parsePhone", &parsePhone);
  emscripten::function("parseAmount", &parseAmount);
  emscripten::function("parseNationalId", &parseNationalId);
  emscripten::function("parseNationalId", +[](const val& s) { return parseNationalId(s, val::undefined()); });
  emscripten::function("parseEmail", &parseEmail);
  emscripten::function("parseCallbackUrl", &parseCallbackUrl);
  emscripten::function("parseCallbackUrl", +[](const val& s) { return parseCallbackUrl(s, val::undefined()); });
  emscripten::function("parseServicesName", &parseServicesName);
  emscripten::function("parseSaleReference", &parseSaleReference);
}
