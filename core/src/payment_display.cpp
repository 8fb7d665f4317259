#include "ltgs/payment_display.hpp"

#include <optional>

#include "ltgs/codes.hpp"
#include "ltgs/report.hpp"
#include "report_writer.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr const char* kUssdField = "USSD_Code";
constexpr const char* kAmountField = "Total_Amount_to_Pay";
constexpr std::string_view kMerchantPlaceholder = "{merchantCode}", kAmountPlaceholder = "{amount}";
constexpr std::size_t kMaxMerchantCodeLength = 20;


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
  if (!probe) return Result<UssdDisplay>(codeError("ussd.invalid_template", {}, kUssdField));
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
    return Result<UssdDisplay>(codeError("ussd.no_amount"));
  if (exact) return Result<UssdDisplay>(shown);

  if (hasMerchant) {
    if (m->merchantCode->size() > kMaxMerchantCodeLength) return std::nullopt;
    if (!configuredCode.empty() && *m->merchantCode != configuredCode)
      return Result<UssdDisplay>(codeError("ussd.merchant_mismatch", {ErrorParam::of("dialled", *m->merchantCode),
                                                                      ErrorParam::of("configured", std::string(configuredCode))}));
  }
  if (*m->amount != std::to_string(amountRwf))
    return Result<UssdDisplay>(codeError("ussd.amount_mismatch", {ErrorParam::of("dialledAmount", *m->amount),
                                                                  ErrorParam::of("amountRwf", amountRwf)}));
  UssdDisplay display = shown;
  display.merchantCode = hasMerchant ? *m->merchantCode : "";
  return Result<UssdDisplay>(std::move(display));
}

void writeOptional(JsonWriter& w, const char* key, const std::optional<std::string>& v) {
  w.key(key);
  v ? w.value(*v) : w.null();
}

}  // namespace

Result<QrDisplay> checkQrPayload(std::string_view payload, std::int64_t amountRwf) {
  if (amountRwf <= 0)
    return codeError("qr.invalid_amount", {}, kAmountField);
  if (!payload.empty() && payload.substr(0, 6) != "000201")
    return codeError("qr.not_emv");
  Result<EmvPayload> parsed = parseEmvPayload(payload);
  if (!parsed) return parsed.error();
  const EmvPayload& emv = parsed.value();
  if (emv.currency.empty())
    return codeError("qr.missing_currency");
  if (emv.currency != kRwfNumericCode)
    return codeError("qr.currency_mismatch", {ErrorParam::of("currency", emv.currency)});
  if (emv.amount && !isSameFrancs(*emv.amount, amountRwf))
    return codeError("qr.amount_mismatch", {ErrorParam::of("payloadAmount", *emv.amount), ErrorParam::of("amountRwf", amountRwf)});
  for (const EmvField& field : emv.fields)
    if (field.id == "55")
      return codeError("qr.tip_or_fee");
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
    return codeError("ussd.invalid_amount", {}, kAmountField);
  const std::string_view dial = trimWhitespace(dialText);
  const FieldError unrecognised = codeError("ussd.unrecognised");
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
  if (!r) return failureReport(r.error());
  const EmvPayload& emv = r.value().emv;
  JsonWriter w = successWriter();
  w.beginObject().key("payerEntersAmount").value(r.value().payerEntersAmount);
  w.key("dynamic").value(emv.dynamic);
  writeOptional(w, "amount", emv.amount);
  w.key("currency").value(emv.currency).key("merchantName").value(emv.merchantName);
  w.key("merchantCity").value(emv.merchantCity);
  writeOptional(w, "referenceLabel", emv.referenceLabel);
  w.key("warnings");
  writeErrors(w, emv.warnings);
  w.endObject();
  return finishSuccess(w);
}

std::string checkUssdCodeReport(std::string_view dial, std::int64_t amountRwf, std::string_view configJson) {
  const Result<MerchantConfig> config = parseMerchantConfigJson(configJson);
  if (!config) return failureReport(config.error());
  const Result<UssdDisplay> r = checkUssdCode(dial, amountRwf, config.value());
  if (!r) return failureReport(r.error());
  const UssdDisplay& d = r.value();
  JsonWriter w = successWriter();
  w.beginObject().key("dial").value(d.code.dial).key("tel").value(d.code.telLink);
  w.key("scheme").value(ussdSchemeName(d.scheme)).key("merchantCode").value(d.merchantCode).endObject();
  return finishSuccess(w);
}

}  // namespace ltgs
