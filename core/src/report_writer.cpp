#include "report_writer.hpp"

namespace ltgs {

void writeError(JsonWriter& w, const FieldError& e) {
  w.beginObject().key("field").value(e.field).key("code").value(e.code).key("message").value(e.message);
  w.key("params").beginObject();
  for (const ErrorParam& p : e.params) {
    w.key(p.name);
    p.isNumber ? w.value(p.number) : w.value(p.text);
  }
  w.endObject().endObject();
}

void writeErrors(JsonWriter& w, const std::vector<FieldError>& errors) {
  w.beginArray();
  for (const FieldError& e : errors) writeError(w, e);
  w.endArray();
}

JsonWriter successWriter() {
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("value");
  return w;
}

std::string finishSuccess(JsonWriter& w) {
  w.endObject();
  return w.take();
}

std::string failureReport(const FieldError& error) { return failureReport(std::vector<FieldError>{error}); }

std::string failureReport(const std::vector<FieldError>& errors) {
  JsonWriter w;
  w.beginObject().key("ok").value(false).key("errors");
  writeErrors(w, errors);
  w.endObject();
  return w.take();
}

}  // namespace ltgs
