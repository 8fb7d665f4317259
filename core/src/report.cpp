#include "ltgs/report.hpp"

#include <nlohmann/json.hpp>

namespace ltgs {
namespace {

using Json = nlohmann::ordered_json;

Json errorJson(const FieldError& e) { return Json{{"field", e.field}, {"code", e.code}, {"message", e.message}}; }

Json errorsReport(const std::vector<FieldError>& errors) {
  Json list = Json::array();
  for (const FieldError& e : errors) list.push_back(errorJson(e));
  return Json{{"ok", false}, {"errors", std::move(list)}};
}

// Invalid UTF-8 cannot reach here from the parsers, but dump() must never throw whatever it is given.
std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

template <typename T>
std::string singleReport(const Result<T>& r, const char* key, Json value) {
  if (!r) return dump(Json{{"ok", false}, {"error", errorJson(r.error())}});
  return dump(Json{{"ok", true}, {key, std::move(value)}});
}

}  // namespace

std::string reportJson(const Validation& v) {
  if (!v.request) return dump(errorsReport(v.errors));
  const PaymentRequest& r = *v.request;
  return dump(Json{{"ok", true},
                   {"request", Json::parse(toJson(r), nullptr, false)},
                   {"phone", Json{{"e164", r.phone.e164}, {"operator", operatorName(r.phone.op)}}}});
}

std::string reportJson(const CallbackParse& p) {
  if (!p.notification) return dump(errorsReport(p.errors));
  return dump(Json{{"ok", true}, {"notification", Json::parse(toJson(*p.notification), nullptr, false)}});
}

std::string reportJson(const Result<PhoneNumber>& r) {
  if (!r) return dump(Json{{"ok", false}, {"error", errorJson(r.error())}});
  const PhoneNumber& p = r.value();
  return dump(Json{{"ok", true},
                   {"local", p.local},
                   {"e164", p.e164},
                   {"operator", operatorName(p.op)},
                   {"hasWallet", operatorHasWallet(p.op)}});
}

std::string reportJson(const Result<std::int64_t>& r) { return singleReport(r, "francs", r ? Json(r.value()) : Json()); }

std::string reportJson(const Result<std::string>& r) { return singleReport(r, "value", r ? Json(r.value()) : Json()); }

std::string reportJson(const Result<JsonScalar>& r) {
  if (!r) return singleReport(r, "value", Json());
  const JsonScalar& v = r.value();
  return singleReport(r, "value", v.kind == JsonScalar::Kind::Integer ? Json(v.integer) : Json(v.text));
}

}  // namespace ltgs
