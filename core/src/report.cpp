#include "ltgs/report.hpp"

#include "json_reader.hpp"
#include "ltgs/order.hpp"
#include "text_util.hpp"
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

std::string reportJson(const Result<std::string>& r, const char* key) {
  if (!r) return errorReport(r.error());
  JsonWriter w;
  w.beginObject().key("ok").value(true).key(key).value(r.value()).endObject();
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

namespace {

void writeOptional(JsonWriter& w, const char* key, const std::optional<std::string>& v) {
  w.key(key);
  v ? w.value(*v) : w.null();
}

void writeEmvFields(JsonWriter& w, const std::vector<EmvField>& fields) {
  w.beginArray();
  for (const EmvField& f : fields) {
    w.beginObject().key("id").value(f.id).key("value").value(f.value);
    if (!f.fields.empty()) {
      w.key("fields");
      writeEmvFields(w, f.fields);
    }
    w.endObject();
  }
  w.endArray();
}

}  // namespace

std::string reportJson(const Result<EmvPayload>& r) {
  if (!r) return errorReport(r.error());
  const EmvPayload& p = r.value();
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("emv").beginObject();
  w.key("dynamic").value(p.dynamic).key("accounts").beginArray();
  for (const EmvMerchantAccount& a : p.accounts)
    w.beginObject().key("tag").value(a.tag).key("guid").value(a.guid).key("merchantId").value(a.merchantId).endObject();
  w.endArray();
  w.key("mcc").value(p.mcc).key("currency").value(p.currency);
  writeOptional(w, "amount", p.amount);
  w.key("country").value(p.country).key("merchantName").value(p.merchantName).key("merchantCity").value(p.merchantCity);
  writeOptional(w, "postalCode", p.postalCode);
  writeOptional(w, "billNumber", p.billNumber);
  writeOptional(w, "referenceLabel", p.referenceLabel);
  w.key("crc").value(p.crc).key("fields");
  writeEmvFields(w, p.fields);
  w.endObject().key("warnings").beginArray();
  for (const FieldError& warning : p.warnings) writeError(w, warning);
  w.endArray().endObject();
  return w.take();
}

std::string reportJson(const Result<QrMatrix>& r) {
  if (!r) return errorReport(r.error());
  const QrMatrix& m = r.value();
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("size").value(static_cast<std::int64_t>(m.size));
  w.key("version").value(static_cast<std::int64_t>(m.version)).key("ecc").value(qrEccName(m.ecc)).key("rows").beginArray();
  std::string row;
  for (int y = 0; y < m.size; ++y) {
    row.clear();
    for (int x = 0; x < m.size; ++x) row += m.dark(x, y) ? '1' : '0';
    w.value(row);
  }
  w.endArray().endObject();
  return w.take();
}

std::string reportJson(const Result<PaymentOptions>& r) {
  if (!r) return errorsReport({r.error()});  // the same shape as a request's validation errors
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("default").value(paymentMethodName(r.value().defaultMethod));
  w.key("options").beginArray();
  for (const PaymentOption& o : r.value().options) {
    w.beginObject().key("method").value(paymentMethodName(o.method)).key("recommended").value(o.recommended);
    if (!o.phone.empty()) w.key("phone").value(o.phone);
    if (!o.ussd.dial.empty()) w.key("dial").value(o.ussd.dial).key("tel").value(o.ussd.telLink);
    w.endObject();
  }
  w.endArray().endObject();
  return w.take();
}

std::string validateRequestReport(std::string_view requestJson, std::string_view settingsJson) {
  const Result<ValidationSettings> settings = parseSettingsJson(settingsJson);
  if (!settings) return errorsReport({settings.error()});
  return reportJson(validateJson(requestJson, settings.value()));
}

std::string validateFieldReport(std::string_view field, const JsonScalar& value, std::string_view settingsJson) {
  const Result<ValidationSettings> settings = parseSettingsJson(settingsJson);
  if (!settings) return errorReport(settings.error());
  return reportJson(validateField(field, value, settings.value()));
}

std::string paymentOptionsReport(std::string_view requestJson, std::string_view configJson,
                                 std::string_view settingsJson) {
  const Result<ValidationSettings> settings = parseSettingsJson(settingsJson);
  if (!settings) return errorsReport({settings.error()});
  const Result<MerchantConfig> config =
      trimWhitespace(configJson).empty() ? Result<MerchantConfig>(MerchantConfig{}) : parseMerchantConfigJson(configJson);
  if (!config) return errorsReport({config.error()});
  const Validation v = validateJson(requestJson, settings.value());
  if (!v.request) return errorsReport(v.errors);
  return reportJson(paymentOptions(*v.request, config.value()));
}

std::string qrSvgReport(std::string_view text, std::string_view optionsJson) {
  QrSvgOptions options;
  QrEcc ecc = QrEcc::Medium;
  if (!trimWhitespace(optionsJson).empty() && trimWhitespace(optionsJson) != "null") {
    const Result<FlatObject> object = readFlatObject(optionsJson);
    if (!object) return errorReport(object.error());
    for (const auto& [key, v] : object.value().members) {
      using Kind = JsonScalar::Kind;
      if (v.kind == Kind::Null) continue;
      if (key == "quietZone") {
        if (v.kind != Kind::Integer) return errorReport({"quietZone", "qr.wrong_type", "quietZone must be a whole number."});
        options.quietZone = v.integer < -1 || v.integer > 100 ? -1 : static_cast<int>(v.integer);
        continue;
      }
      std::string* member = key == "dark" ? &options.dark : key == "light" ? &options.light : key == "title" ? &options.title
                          : nullptr;
      if (key != "ecc" && member == nullptr) continue;  // unknown members are ignored
      if (v.kind != Kind::String) return errorReport({key, "qr.wrong_type", key + " must be a string."});
      if (member != nullptr) {
        *member = v.text;
      } else {
        const Result<QrEcc> level = parseQrEcc(v.text);
        if (!level) return errorReport(level.error());
        ecc = level.value();
      }
    }
  }
  const Result<QrMatrix> m = encodeQr(text, ecc);
  if (!m) return errorReport(m.error());
  const Result<std::string> svg = qrSvg(m.value(), options);
  if (!svg) return errorReport(svg.error());
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("svg").value(svg.value());
  w.key("size").value(static_cast<std::int64_t>(m.value().size)).key("version").value(static_cast<std::int64_t>(m.value().version));
  w.key("ecc").value(qrEccName(ecc)).endObject();
  return w.take();
}

std::string qrMatrixReport(std::string_view text, std::string_view eccText) {
  const Result<QrEcc> ecc = trimWhitespace(eccText).empty() ? Result<QrEcc>(QrEcc::Medium) : parseQrEcc(eccText);
  if (!ecc) return errorReport(ecc.error());
  return reportJson(encodeQr(text, ecc.value()));
}

std::string emvBuildReport(std::string_view inputJson) {
  const Result<EmvBuildInput> input = parseEmvBuildJson(inputJson);
  if (!input) return errorReport(input.error());
  return reportJson(buildEmvPayload(input.value()), "payload");
}

std::string ussdReport(std::string_view tmpl, std::string_view merchantCode, std::int64_t amountRwf) {
  const Result<UssdCode> code = ussdFromTemplate(tmpl, merchantCode, amountRwf);
  if (!code) return errorReport(code.error());
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("dial").value(code.value().dial).key("tel").value(code.value().telLink);
  w.endObject();
  return w.take();
}

std::string unavailableMethodsReport(std::string_view configJson, std::string_view methodsCsv) {
  const Result<MerchantConfig> config =
      trimWhitespace(configJson).empty() ? Result<MerchantConfig>(MerchantConfig{}) : parseMerchantConfigJson(configJson);
  if (!config) return errorsReport({config.error()});
  std::vector<PaymentMethod> requested;
  while (!methodsCsv.empty()) {
    const std::size_t comma = methodsCsv.find(',');
    const std::string_view name = trimWhitespace(methodsCsv.substr(0, comma));
    methodsCsv = comma == std::string_view::npos ? std::string_view() : methodsCsv.substr(comma + 1);
    if (const Result<PaymentMethod> m = parsePaymentMethod(name); m) requested.push_back(m.value());
  }
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("warnings").beginArray();
  for (const FieldError& e : unavailableMethods(config.value(), requested)) {
    w.beginObject().key("field").value(e.field).key("code").value(e.code).key("message").value(e.message);
    w.key("method").value(paymentMethodName(PaymentMethod::Ussd)).endObject();  // the one method that can be
  }
  w.endArray().endObject();
  return w.take();
}

}  // namespace ltgs
