#include "ltgs/payment_request.hpp"

#include <cmath>

#include "json_reader.hpp"
#include "ltgs/amount.hpp"
#include "ltgs/callback_url.hpp"
#include "ltgs/codes.hpp"
#include "ltgs/email.hpp"
#include "ltgs/national_id.hpp"
#include "ltgs/text.hpp"
#include "text_util.hpp"
#include "wire_json.hpp"

namespace ltgs {

const char* const kPaymentRequestFields[7] = {"Sale_Reference_ID", "Customer_KYC_ID", "Phone_Number",   "Email_Address",
                                              "Services_Name",     "Total_Amount_to_Pay", "Callback_URL"};

namespace {

// Stable code prefixes, one per wire field, in LTGS's order.
// Each field's codes are "<prefix>.required" and "<prefix>.wrong_type" besides its parser's (ltgs/codes.hpp).
struct FieldInfo {
  std::string_view wire;
  const char* codePrefix;
};
constexpr FieldInfo kFields[] = {
    {"Sale_Reference_ID", "reference"}, {"Customer_KYC_ID", "national_id"}, {"Phone_Number", "phone"},
    {"Email_Address", "email"},         {"Services_Name", "services_name"}, {"Total_Amount_to_Pay", "amount"},
    {"Callback_URL", "callback_url"},
};

const FieldInfo* findField(std::string_view wire) noexcept {
  for (const FieldInfo& f : kFields)
    if (f.wire == wire) return &f;
  return nullptr;
}

FieldError requiredError(const FieldInfo& f) {
  return codeError(std::string(f.codePrefix) + ".required", {}, std::string(f.wire));
}
FieldError wrongTypeError(const FieldInfo& f, const JsonScalar& v) {
  return codeError(std::string(f.codePrefix) + ".wrong_type", {ErrorParam::of("given", v.describe())}, std::string(f.wire));
}

// Whole francs from a JSON number.
Result<std::int64_t> amountFromNumber(const JsonScalar& v) {
  if (v.kind == JsonScalar::Kind::Integer) {
    if (v.integer > kMaxSafeInteger)  // would not survive a JavaScript number
      return codeError("amount.too_large", {ErrorParam::of("max", kMaxSafeInteger)});
    return v.integer;
  }
  const double d = v.number;
  if (!std::isfinite(d) || std::floor(d) != d)
    return codeError("amount.not_whole_francs");
  if (d < 0) return codeError("amount.negative");
  if (d > static_cast<double>(kMaxSafeInteger))
    return codeError("amount.too_large", {ErrorParam::of("max", kMaxSafeInteger)});
  return static_cast<std::int64_t>(d);
}

// Validates one field's value. `fromForm`: a string amount is what a person typed (parsed), not a wire error.
Result<JsonScalar> checkField(const FieldInfo& f, const JsonScalar& v, const ValidationSettings& settings,
                              bool fromForm) {
  using Kind = JsonScalar::Kind;
  const bool absent = v.kind == Kind::Missing || v.kind == Kind::Null;
  if (f.wire == "Total_Amount_to_Pay") {
    if (absent || (v.kind == Kind::String && fromForm && trimWhitespace(v.text).empty())) return requiredError(f);
    Result<std::int64_t> francs = FieldError{};
    if (v.kind == Kind::Integer || v.kind == Kind::Float) {
      francs = amountFromNumber(v);
    } else if (v.kind == Kind::String && fromForm) {
      francs = parseAmount(v.text);
    } else {
      return wrongTypeError(f, v);
    }
    if (!francs) return francs.error();
    const Result<std::int64_t> limited = checkAmountLimits(francs.value(), settings);
    if (!limited) return limited.error();
    return JsonScalar::integral(limited.value());
  }

  if (f.wire == "Callback_URL" && !settings.callbackUrlRequired &&
      (absent || (v.kind == Kind::String && trimWhitespace(v.text).empty())))
    return JsonScalar::string("");
  if (f.wire == "Email_Address" && !settings.emailRequired &&
      (absent || (v.kind == Kind::String && trimWhitespace(v.text).empty())))
    return JsonScalar::string("");
  if (absent) return requiredError(f);
  if (v.kind != Kind::String) return wrongTypeError(f, v);

  Result<std::string> r = FieldError{};
  if (f.wire == "Sale_Reference_ID") r = parseSaleReference(v.text);
  else if (f.wire == "Customer_KYC_ID") r = parseNationalId(v.text, settings.currentYear);
  else if (f.wire == "Phone_Number") {
    const Result<PhoneNumber> phone = parsePhone(v.text);
    if (!phone) return phone.error();
    return JsonScalar::string(phone.value().local);
  } else if (f.wire == "Email_Address") r = parseEmail(v.text);
  else if (f.wire == "Services_Name") r = parseServicesName(v.text);
  else r = parseCallbackUrl(v.text, settings.sandbox);
  if (!r) return r.error();
  return JsonScalar::string(r.value());
}

}  // namespace

Validation validate(const RawPaymentRequest& raw, const ValidationSettings& settings) {
  const JsonScalar* values[] = {&raw.saleReferenceId, &raw.customerKycId, &raw.phoneNumber, &raw.emailAddress,
                                &raw.servicesName,    &raw.totalAmountToPay, &raw.callbackUrl};
  Validation out;
  JsonScalar normalised[7];
  for (std::size_t i = 0; i < 7; ++i) {
    Result<JsonScalar> r = checkField(kFields[i], *values[i], settings, /*fromForm=*/false);
    if (r) normalised[i] = r.value();
    else out.errors.push_back(r.error());
  }
  if (!out.errors.empty()) return out;
  // The phone was valid above, so parsing it again cannot fail; it yields the E.164 form and operator.
  const Result<PhoneNumber> phone = parsePhone(normalised[2].text);
  out.request = PaymentRequest{normalised[0].text, normalised[1].text, phone.value(), normalised[3].text,
                               normalised[4].text, normalised[5].integer, normalised[6].text};
  return out;
}

Validation validateJson(std::string_view json, const ValidationSettings& settings) {
  const Result<FlatObject> object = readFlatObject(json);
  if (!object) {
    Validation out;
    out.errors.push_back(object.error());
    return out;
  }
  const FlatObject& o = object.value();
  RawPaymentRequest raw{o.get("Sale_Reference_ID"), o.get("Customer_KYC_ID"),     o.get("Phone_Number"),
                        o.get("Email_Address"),     o.get("Services_Name"),       o.get("Total_Amount_to_Pay"),
                        o.get("Callback_URL")};
  return validate(raw, settings);
}

Result<JsonScalar> validateField(std::string_view field, const JsonScalar& value, const ValidationSettings& settings) {
  const FieldInfo* f = findField(field);
  if (f == nullptr)
    return codeError("field.unknown", {}, std::string(field));
  return checkField(*f, value, settings, /*fromForm=*/true);
}

void writeWire(JsonWriter& w, const PaymentRequest& r) {
  w.beginObject();
  w.key("Sale_Reference_ID").value(r.saleReferenceId);
  w.key("Customer_KYC_ID").value(r.customerKycId);
  w.key("Phone_Number").value(r.phone.local);
  w.key("Email_Address").value(r.emailAddress);
  w.key("Services_Name").value(r.servicesName);
  w.key("Total_Amount_to_Pay").value(r.totalAmountToPay);
  w.key("Callback_URL").value(r.callbackUrl);
  w.endObject();
}

std::string toJson(const PaymentRequest& r) {
  JsonWriter w;
  writeWire(w, r);
  return w.take();
}

}  // namespace ltgs
