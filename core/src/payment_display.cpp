#include "ltgs/payment_display.hpp"

#include <optional>

#include "json_writer.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr const char* kQrField = "QR_Payload";
constexpr const char* kUssdField = "USSD_Code";
constexpr const char* kAmountField = "Total_Amount_to_Pay";
constexpr std::string_view kMerchantPlaceholder = "{merchantCode}", kAmountPlaceholder = "{amount}";
constexpr std::size_t kMaxMerchantCodeLength = 20;

FieldError qrError(const char* code, std::string message) { return FieldError{kQrField, code, std::move(message)}; }
FieldError ussdError(const char* code, std::string message) { return FieldError{kUssdField, code, std::move(message)}; }

// An EMVCo amount ("15000", "15000.00", "015000.", ".5") is `francs` exactly: the same whole number and no
// fraction but zeros. At most 13 characters (parseEmvPayload checked), so the digits fit in an int64.
bool isSameFrancs(std::string_view emvAmount, std::int64_t francs) {
  const std::size_t dot = emvAmount.find('.');
  std::string_view whole = emvAmount.substr(0, dot);
  if (dot != std::string_view::npos)
    for (const char c : emvAmount.substr(dot + 1))
      if (c != '0') return false;
  while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
  return (whole.empty() ? std::string("0") : std::string(whole)) == std::to_string(francs);
}

// A dial string read through a template: each placeholder reads the whole run of digits at its place (a
// template that puts a digit right after a placeholder is recognised only with the exact configured code).
struct TemplateMatch {
  std::optional<std::string> merchantCode;
  std::optional<std::string> amount;
};

std::optional<TemplateMatch> matchTemplate(std::string_view tmpl, std::string_view dial) {
  TemplateMatch m;
  std::size_t t = 0, d = 0;
  while (t < tmpl.size()) {
    const std::string_view rest = tmpl.substr(t);
    const bool merchant = rest.substr(0, kMerchantPlaceholder.size()) == kMerchantPlaceholder;
    const bool amount = !merchant && rest.substr(0, kAmountPlaceholder.size()) == kAmountPlaceholder;
    if (merchant || amount) {
      const std::size_t start = d;
      while (d < dial.size() && isAsciiDigit(dial[d])) ++d;
      if (d == start) return std::nullopt;
      std::optional<std::string>& slot = merchant ? m.merchantCode : m.amount;
      const std::string digits(dial.substr(start, d - start));
      if (slot && *slot != digits) return std::nullopt;  // a placeholder used twice reads the same digits
      slot = digits;
      t += merchant ? kMerchantPlaceholder.size() : kAmountPlaceholder.size();
    } else {
      if (d >= dial.size() || dial[d] != tmpl[t]) return std::nullopt;
      ++t;
      ++d;
    }
  }
  if (d != dial.size()) return std::nullopt;
  return m;
}

// The dial string read as one scheme's template: nullopt when it does not have the template's shape, else
// the display or the reason it must not be shown.
std::optional<Result<UssdDisplay>> checkAgainst(UssdScheme scheme, std::string_view tmpl, std::string_view configuredCode,
                                                std::string_view dial, std::int64_t amountRwf) {
  const Result<UssdCode> probe = ussdFromTemplate(tmpl, "1", 1);
  if (!probe) return Result<UssdDisplay>(ussdError("ussd.invalid_template", probe.error().message));
  const bool hasMerchant = tmpl.find(kMerchantPlaceholder) != std::string_view::npos;
  const bool hasAmount = tmpl.find(kAmountPlaceholder) != std::string_view::npos;
  const UssdDisplay shown{{std::string(dial), ussdTelLink(dial)}, scheme, hasMerchant ? std::string(configuredCode) : ""};

  // The exact string the configuration gives for this payment.
  bool exact = false;
  if (!configuredCode.empty() || !hasMerchant) {
    const Result<UssdCode> expected = ussdFromTemplate(tmpl, hasMerchant ? configuredCode : "0", amountRwf);
    exact = expected && expected.value().dial == dial;
  }
  const std::optional<TemplateMatch> m = exact ? std::nullopt : matchTemplate(tmpl, dial);
  if (!exact && !m) return std::nullopt;
  if (!hasAmount)
    return Result<UssdDisplay>(ussdError("ussd.no_amount",
        "The dial string carries no amount: the payer would type one, and could pay any amount."));
  if (exact) return Result<UssdDisplay>(shown);

  if (hasMerchant) {
    if (m->merchantCode->size() > kMaxMerchantCodeLength) return std::nullopt;
    if (!configuredCode.empty() && *m->merchantCode != configuredCode)
      return Result<UssdDisplay>(ussdError("ussd.merchant_mismatch",
          "The dial string pays merchant code " + *m->merchantCode + ", not this merchant's " +
              std::string(configuredCode) + "."));
  }
  if (*m->amount != std::to_string(amountRwf))
    return Result<UssdDisplay>(ussdError("ussd.amount_mismatch",
        "The dial string pays " + *m->amount + " francs, not this payment's " + std::to_string(amountRwf) + "."));
  UssdDisplay display = shown;
  display.merchantCode = hasMerchant ? *m->merchantCode : "";
  return Result<UssdDisplay>(std::move(display));
}

void writeError(JsonWriter& w, const FieldError& e) {
  w.beginObject().key("field").value(e.field).key("code").value(e.code).key("message").value(e.message).endObject();
}

std::string errorReport(const FieldError& e) {
  JsonWriter w;
  w.beginObject().key("ok").value(false).key("error");
  writeError(w, e);
  w.endObject();
  return w.take();
}

void writeOptional(JsonWriter& w, const char* key, const std::optional<std::string>& v) {
  w.key(key);
  v ? w.value(*v) : w.null();
}

}  // namespace

Result<QrDisplay> checkQrPayload(std::string_view payload, std::int64_t amountRwf) {
  if (amountRwf <= 0)
    return FieldError{kAmountField, "qr.invalid_amount", "The amount must be a positive number of whole francs."};
  if (!payload.empty() && payload.substr(0, 6) != "000201")
    return qrError("qr.not_emv", "The QR payload is not an EMVCo payment payload (it does not start with 000201).");
  Result<EmvPayload> parsed = parseEmvPayload(payload);
  if (!parsed) return parsed.error();
  const EmvPayload& emv = parsed.value();
  if (emv.currency.empty())
    return qrError("qr.missing_currency", "The QR payload names no currency (data object 53); this payment is in RWF (646).");
  if (emv.currency != kRwfNumericCode)
    return qrError("qr.currency_mismatch",
                   "The QR payload is in currency " + emv.currency + ", not RWF (646).");
  if (emv.amount && !isSameFrancs(*emv.amount, amountRwf))
    return qrError("qr.amount_mismatch",
                   "The QR payload asks for " + *emv.amount + ", not this payment's " + std::to_string(amountRwf) + " RWF.");
  for (const EmvField& field : emv.fields)
    if (field.id == "55")
      return qrError("qr.tip_or_fee",
                     "The QR payload asks the payer's app for a tip or adds a convenience fee (data object 55).");
  return QrDisplay{emv, !emv.amount.has_value()};
}

const char* ussdSchemeName(UssdScheme scheme) noexcept {
  switch (scheme) {
    case UssdScheme::MtnMomoPay: return "MTN_MOMO_PAY";
    case UssdScheme::AirtelTemplate: return "AIRTEL_TEMPLATE";
  }
  return "";
}

Result<UssdDisplay> checkUssdCode(std::string_view dialText, std::int64_t amountRwf, const MerchantConfig& config) {
  if (amountRwf <= 0)
    return FieldError{kAmountField, "ussd.invalid_amount", "The amount must be a positive number of whole francs."};
  const std::string_view dial = trimWhitespace(dialText);
  const FieldError unrecognised = ussdError("ussd.unrecognised",
      "The dial string is neither MTN MoMo Pay (*182*8*1*<merchant code>*<amount>#) nor this merchant's Airtel template.");
  if (dial.empty() || dial.size() > kMaxUssdLength) return unrecognised;
  struct Scheme {
    UssdScheme scheme;
    std::string_view tmpl;
    std::string_view code;
  };
  const Scheme schemes[] = {{UssdScheme::MtnMomoPay, kMtnMomoPayTemplate, config.mtnMerchantCode},
                            {UssdScheme::AirtelTemplate, config.airtelUssdTemplate, config.airtelMerchantCode}};
  std::optional<FieldError> problem;  // the first scheme's reason, when no scheme shows the string
  for (const Scheme& s : schemes) {
    if (s.tmpl.empty()) continue;
    const std::optional<Result<UssdDisplay>> r = checkAgainst(s.scheme, s.tmpl, s.code, dial, amountRwf);
    if (!r) continue;
    if (*r) return *r;
    if (!problem) problem = r->error();
  }
  return problem ? *problem : unrecognised;
}

std::string checkQrPayloadReport(std::string_view payload, std::int64_t amountRwf) {
  const Result<QrDisplay> r = checkQrPayload(payload, amountRwf);
  if (!r) return errorReport(r.error());
  const EmvPayload& emv = r.value().emv;
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("payerEntersAmount").value(r.value().payerEntersAmount);
  w.key("dynamic").value(emv.dynamic);
  writeOptional(w, "amount", emv.amount);
  w.key("currency").value(emv.currency).key("merchantName").value(emv.merchantName);
  w.key("merchantCity").value(emv.merchantCity);
  writeOptional(w, "referenceLabel", emv.referenceLabel);
  w.key("warnings").beginArray();
  for (const FieldError& warning : emv.warnings) writeError(w, warning);
  w.endArray().endObject();
  return w.take();
}

std::string checkUssdCodeReport(std::string_view dial, std::int64_t amountRwf, std::string_view configJson) {
  const Result<MerchantConfig> config =
      trimWhitespace(configJson).empty() ? Result<MerchantConfig>(MerchantConfig{}) : parseMerchantConfigJson(configJson);
  if (!config) return errorReport(config.error());
  const Result<UssdDisplay> r = checkUssdCode(dial, amountRwf, config.value());
  if (!r) return errorReport(r.error());
  const UssdDisplay& d = r.value();
  JsonWriter w;
  w.beginObject().key("ok").value(true).key("dial").value(d.code.dial).key("tel").value(d.code.telLink);
  w.key("scheme").value(ussdSchemeName(d.scheme)).key("merchantCode").value(d.merchantCode).endObject();
  return w.take();
}

}  // namespace ltgs
