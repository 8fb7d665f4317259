#include "ltgs/report.hpp"

#include "wire_json.hpp"

namespace ltgs {
namespace {

void writeError(JsonWriter& w, const FieldError& e) {
  w.beginObject().key("field").value(e.field).key("code").value(e.code).key("message").value(e.message).endObject();
}

std::string errorsReport(const std::vector<FieldError>& errors) {
  JsonWriter w;
  w.beginObject().key("ok").value(false).key("errors").beginArray();
  for (const FieldError& e : errors) writeError(w, e);
  w.endArray().endObject();
  return w.take();
}

std::string errorReport(const FieldError& e) {
  JsonWriter w;
  w.beginObject().key("ok").value(false).key("error");
  writeError(w, e);
  w.endObject();
  return w.take();
}

}  // namespace

std::string reportJson(const Validation& v) {
  if (!v.request) return errorsReport(v.errors);
  const PaymentRequest& r = *v.request;
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("request");
  writeWire(w, r);
  w.key("phone").beginObject().key("e164").value(r.phone.e164).key("operator").value(operatorName(r.phone.op));
  w.endObject().endObject();
  return w.take();
}

std::string reportJson(const CallbackParse& p) {
  if (!p.notification) return errorsReport(p.errors);
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("notification");
  writeWire(w, *p.notification);
  w.endObject();
  return w.take();
}

std::string reportJson(const Result<PhoneNumber>& r) {
  if (!r) return errorReport(r.error());
  const PhoneNumber& p = r.value();
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("local").value(p.local).key("e164").value(p.e164);
  w.key("operator").value(operatorName(p.op)).key("hasWallet").value(operatorHasWallet(p.op)).endObject();
  return w.take();
}

std::string reportJson(const Result<std::int64_t>& r) {
  if (!r) return errorReport(r.error());
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("francs").value(r.value()).endObject();
  return w.take();
}

std::string reportJson(const Result<std::string>& r) {
  if (!r) return errorReport(r.error());
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("value").value(r.value()).endObject();
  return w.take();
}

std::string reportJson(const Result<JsonScalar>& r) {
  if (!r) return errorReport(r.error());
  const JsonScalar& v = r.value();
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("value");
  v.kind == JsonScalar::Kind::Integer ? w.value(v.integer) : w.value(v.text);
  w.endObject();
  return w.take();
}

}  // namespace ltgs
