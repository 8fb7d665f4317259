#include "ltgs/report.hpp"

#include "json_reader.hpp"
#include "ltgs/amount.hpp"
#include "ltgs/callback_notification.hpp"
#include "ltgs/callback_url.hpp"
#include "ltgs/codes.hpp"
#include "ltgs/email.hpp"
#include "ltgs/emv.hpp"
#include "ltgs/failure_reason.hpp"
#include "ltgs/lifecycle.hpp"
#include "ltgs/national_id.hpp"
#include "ltgs/options.hpp"
#include "ltgs/order.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/phone.hpp"
#include "ltgs/poll_policy.hpp"
#include "ltgs/qr.hpp"
#include "ltgs/text.hpp"
#include "ltgs/ussd.hpp"
#include "option_reader.hpp"
#include "report_writer.hpp"
#include "text_util.hpp"
#include "wire_json.hpp"

namespace ltgs {
namespace {

constexpr std::int64_t kMaxMs = 9'007'199'254'740'991;  // epoch milliseconds, as JavaScript numbers

std::string textReport(const Result<std::string>& r) {
  if (!r) return failureReport(r.error());
  JsonWriter w = successWriter();
  w.value(r.value());
  return finishSuccess(w);
}

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

std::string ussdReport(const Result<UssdCode>& code) {
  if (!code) return failureReport(code.error());
  JsonWriter w = successWriter();
  w.beginObject().key("dial").value(code.value().dial).key("tel").value(code.value().telLink).endObject();
  return finishSuccess(w);
}

}  // namespace

std::string validateRequestJsonReport(std::string_view requestJson, std::string_view settingsJson) {
  const Result<ValidationSettings> settings = parseSettingsJson(settingsJson);
  if (!settings) return failureReport(settings.error());
  const Validation v = validateJson(requestJson, settings.value());
  if (!v.request) return failureReport(v.errors);
  const PaymentRequest& r = *v.request;
  JsonWriter w = successWriter();
  w.beginObject().key("request");
  writeWire(w, r);
  w.key("phone").beginObject().key("e164").value(r.phone.e164).key("operator").value(operatorName(r.phone.op));
  w.endObject().endObject();
  return finishSuccess(w);
}

std::string validateFieldReport(std::string_view field, const JsonScalar& value, std::string_view settingsJson) {
  const Result<ValidationSettings> settings = parseSettingsJson(settingsJson);
  if (!settings) return failureReport(settings.error());
  const Result<JsonScalar> r = validateField(field, value, settings.value());
  if (!r) return failureReport(r.error());
  JsonWriter w = successWriter();
  r.value().kind == JsonScalar::Kind::Integer ? w.value(r.value().integer) : w.value(r.value().text);
  return finishSuccess(w);
}

std::string paymentOptionsReport(std::string_view requestJson, std::string_view configJson,
                                 std::string_view settingsJson) {
  const Result<ValidationSettings> settings = parseSettingsJson(settingsJson);
  if (!settings) return failureReport(settings.error());
  const Result<MerchantConfig> config = parseMerchantConfigJson(configJson);
  if (!config) return failureReport(config.error());
  const Validation v = validateJson(requestJson, settings.value());
  if (!v.request) return failureReport(v.errors);
  const Result<PaymentOptions> r = paymentOptions(*v.request, config.value());
  if (!r) return failureReport(r.error());
  JsonWriter w = successWriter();
  w.beginObject().key("default").value(paymentMethodName(r.value().defaultMethod)).key("options").beginArray();
  for (const PaymentOption& o : r.value().options) {
    w.beginObject().key("method").value(paymentMethodName(o.method)).key("recommended").value(o.recommended);
    if (!o.phone.empty()) w.key("phone").value(o.phone);
    if (!o.ussd.dial.empty()) w.key("dial").value(o.ussd.dial).key("tel").value(o.ussd.telLink);
    w.endObject();
  }
  w.endArray().endObject();
  return finishSuccess(w);
}

std::string unavailableMethodsReport(std::string_view configJson, std::string_view methodsCsv) {
  const Result<MerchantConfig> config = parseMerchantConfigJson(configJson);
  if (!config) return failureReport(config.error());
  std::vector<PaymentMethod> requested;
  while (!methodsCsv.empty()) {
    const std::size_t comma = methodsCsv.find(',');
    const std::string_view name = trimWhitespace(methodsCsv.substr(0, comma));
    methodsCsv = comma == std::string_view::npos ? std::string_view() : methodsCsv.substr(comma + 1);
    if (const Result<PaymentMethod> m = parsePaymentMethod(name); m) requested.push_back(m.value());
  }
  JsonWriter w = successWriter();
  writeErrors(w, unavailableMethods(config.value(), requested));
  return finishSuccess(w);
}

std::string parsePhoneReport(std::string_view text) {
  const Result<PhoneNumber> r = parsePhone(text);
  if (!r) return failureReport(r.error());
  const PhoneNumber& p = r.value();
  JsonWriter w = successWriter();
  w.beginObject().key("local").value(p.local).key("e164").value(p.e164);
  w.key("operator").value(operatorName(p.op)).key("hasWallet").value(operatorHasWallet(p.op)).endObject();
  return finishSuccess(w);
}

std::string parseAmountReport(std::string_view text) {
  const Result<std::int64_t> r = parseAmount(text);
  if (!r) return failureReport(r.error());
  JsonWriter w = successWriter();
  w.value(r.value());
  return finishSuccess(w);
}

std::string parseNationalIdReport(std::string_view text, std::int64_t currentYear) {
  // A year outside 1 … 9999 is unknown: only the 1900 lower bound applies.
  return textReport(parseNationalId(text, currentYear > 0 && currentYear < 10000 ? static_cast<int>(currentYear) : 0));
}

std::string parseEmailReport(std::string_view text) { return textReport(parseEmail(text)); }
std::string parseCallbackUrlReport(std::string_view text, bool sandbox) { return textReport(parseCallbackUrl(text, sandbox)); }
std::string parseServicesNameReport(std::string_view text) { return textReport(parseServicesName(text)); }
std::string parseSaleReferenceReport(std::string_view text) { return textReport(parseSaleReference(text)); }

std::string parseCallbackJsonReport(std::string_view json) {
  const CallbackParse p = parseCallbackNotification(json);
  if (!p.notification) return failureReport(p.errors);
  JsonWriter w = successWriter();
  writeWire(w, *p.notification);
  return finishSuccess(w);
}

std::string failureReasonCodeReport(std::string_view word) {
  JsonWriter w = successWriter();
  w.value(failureReasonCode(word));
  return finishSuccess(w);
}

std::string paymentStatusWordReport(std::string_view status) {
  JsonWriter w = successWriter();
  w.value(statusWordName(normaliseStatus(status)));
  return finishSuccess(w);
}

std::string retryAfterMsReport(std::string_view header, std::int64_t nowMs) {
  if (nowMs < 0 || nowMs > kMaxMs)
    return failureReport(optionInvalid("retryAfter", "nowMs", "epoch milliseconds"));
  const std::optional<std::int64_t> ms = parseRetryAfter(header, nowMs);
  JsonWriter w = successWriter();
  ms ? w.value(*ms) : w.null();
  return finishSuccess(w);
}

std::string qrSvgReport(std::string_view text, std::string_view optionsJson) {
  static const OptionSpec kSpecs[] = {
      {"ecc", OptionType::Text},   {"dark", OptionType::Text},
      {"light", OptionType::Text}, {"title", OptionType::Text},
      {"quietZone", OptionType::Whole, 0, 16},
  };
  const Result<FlatObject> object = readOptions(optionsJson, "options", kSpecs);
  if (!object) return failureReport(object.error());
  QrSvgOptions options;
  QrEcc ecc = QrEcc::Medium;
  for (const auto& [key, v] : object.value().members) {
    if (key == "quietZone") {
      options.quietZone = static_cast<int>(wholeValue(v));
    } else if (key == "ecc") {
      const Result<QrEcc> level = parseQrEcc(v.text);
      if (!level) return failureReport(level.error());
      ecc = level.value();
    } else {
      (key == "dark" ? options.dark : key == "light" ? options.light : options.title) = v.text;
    }
  }
  const Result<QrMatrix> m = encodeQr(text, ecc);
  if (!m) return failureReport(m.error());
  const Result<std::string> svg = qrSvg(m.value(), options);
  if (!svg) return failureReport(svg.error());
  JsonWriter w = successWriter();
  w.beginObject().key("svg").value(svg.value());
  w.key("size").value(static_cast<std::int64_t>(m.value().size)).key("version").value(static_cast<std::int64_t>(m.value().version));
  w.key("ecc").value(qrEccName(ecc)).endObject();
  return finishSuccess(w);
}

std::string qrMatrixReport(std::string_view text, std::string_view eccText) {
  const Result<QrEcc> ecc = trimWhitespace(eccText).empty() ? Result<QrEcc>(QrEcc::Medium) : parseQrEcc(eccText);
  if (!ecc) return failureReport(ecc.error());
  const Result<QrMatrix> r = encodeQr(text, ecc.value());
  if (!r) return failureReport(r.error());
  const QrMatrix& m = r.value();
  JsonWriter w = successWriter();
  w.beginObject().key("size").value(static_cast<std::int64_t>(m.size));
  w.key("version").value(static_cast<std::int64_t>(m.version)).key("ecc").value(qrEccName(m.ecc)).key("rows").beginArray();
  std::string row;
  for (int y = 0; y < m.size; ++y) {
    row.clear();
    for (int x = 0; x < m.size; ++x) row += m.dark(x, y) ? '1' : '0';
    w.value(row);
  }
  w.endArray().endObject();
  return finishSuccess(w);
}

std::string emvParseReport(std::string_view payload) {
  const Result<EmvPayload> r = parseEmvPayload(payload);
  if (!r) return failureReport(r.error());
  const EmvPayload& p = r.value();
  JsonWriter w = successWriter();
  w.beginObject().key("dynamic").value(p.dynamic).key("accounts").beginArray();
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
  w.key("warnings");
  writeErrors(w, p.warnings);
  w.endObject();
  return finishSuccess(w);
}

std::string emvBuildReport(std::string_view inputJson) {
  const Result<EmvBuildInput> input = parseEmvBuildJson(inputJson);
  if (!input) return failureReport(input.error());
  return textReport(buildEmvPayload(input.value()));
}

std::string ussdCodeReport(std::string_view tmpl, std::string_view merchantCode, std::int64_t amountRwf) {
  return ussdReport(ussdFromTemplate(tmpl, merchantCode, amountRwf));
}

std::string mtnMomoPayUssdReport(std::string_view merchantCode, std::int64_t amountRwf) {
  return ussdReport(ussdFromTemplate(kMtnMomoPayTemplate, merchantCode, amountRwf));
}

std::string codesReport() {
  JsonWriter w = successWriter();
  w.beginArray();
  for (const CodeInfo& c : codeCatalogue()) {
    w.beginObject().key("code").value(c.code).key("kind").value(c.kind).key("field").value(c.field);
    w.key("message").value(c.message).key("params").beginArray();
    for (const std::string& name : paramNames(c.message)) w.value(name);
    w.endArray().endObject();
  }
  w.endArray();
  return finishSuccess(w);
}

std::string ussdTelLinkReport(std::string_view dial) {
  JsonWriter w = successWriter();
  w.value(ussdTelLink(dial));
  return finishSuccess(w);
}

}  // namespace ltgs
