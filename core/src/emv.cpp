#include "ltgs/emv.hpp"

#include <cmath>

#include "option_reader.hpp"
#include "ltgs/codes.hpp"
#include "ltgs/text.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr std::size_t kMaxPayloadChars = 512;  // EMVCo MPM: a payload is at most 512 characters
constexpr const char* kField = "QR_Payload";


int idNumber(std::string_view id) noexcept { return (id[0] - '0') * 10 + (id[1] - '0'); }
bool isTemplate(int id) noexcept { return (id >= 26 && id <= 51) || id == 62 || id == 64 || id >= 80; }

// Splits TLV text into objects; lengths count characters (code points), not bytes.
// `in`: "the payload", or "data object NN" for a template's content, as the errors name it.
Result<std::vector<EmvField>> splitTlv(std::string_view s, const std::string& in) {
  const ErrorParam where = ErrorParam::of("in", in);
  std::vector<EmvField> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.size() - i < 4)
      return codeError("emv.truncated", {where});
    const std::string_view id = s.substr(i, 2), len = s.substr(i + 2, 2);
    if (!allDigits(id)) return codeError("emv.bad_tag", {where});
    if (!allDigits(len))
      return codeError("emv.bad_length", {ErrorParam::of("id", std::string(id)), where});
    std::size_t end = i + 4;
    char32_t cp;
    for (int n = idNumber(len); n > 0; --n) {
      if (end >= s.size())
        return codeError("emv.truncated", {where});
      decodeUtf8(s, end, cp);  // the whole text was checked to be UTF-8 before
    }
    out.push_back({std::string(id), std::string(s.substr(i + 4, end - i - 4)), {}});
    i = end;
  }
  return out;
}

const EmvField* find(const std::vector<EmvField>& fields, std::string_view id) noexcept {
  for (const EmvField& f : fields)
    if (f.id == id) return &f;
  return nullptr;
}

FieldError invalidValue(const std::string& id, const char* what) {
  return codeError("emv.invalid_value", {ErrorParam::of("member", "data object " + id), ErrorParam::of("problem", what)});
}

bool isEmvAmount(std::string_view a) noexcept {  // digits with at most one '.', at most 13 characters
  if (a.empty() || a.size() > 13) return false;
  int dots = 0;
  for (const char c : a) {
    if (c == '.') ++dots;
    else if (!isAsciiDigit(c)) return false;
  }
  return dots <= 1 && a != ".";
}

void appendTlv(std::string& out, std::string_view id, std::string_view value) {
  const std::size_t n = codePointCount(value);
  out += id;
  out += static_cast<char>('0' + n / 10);
  out += static_cast<char>('0' + n % 10);
  out += value;
}

}  // namespace

std::uint16_t crc16CcittFalse(std::string_view bytes) noexcept {
  std::uint16_t crc = 0xFFFF;
  for (const char c : bytes) {
    crc = static_cast<std::uint16_t>(crc ^ (static_cast<unsigned char>(c) << 8));
    for (int bit = 0; bit < 8; ++bit)
      crc = static_cast<std::uint16_t>((crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1);
  }
  return crc;
}

std::string crcHex(std::uint16_t crc) {
  constexpr char kHex[] = "0123456789ABCDEF";
  return {kHex[(crc >> 12) & 0xF], kHex[(crc >> 8) & 0xF], kHex[(crc >> 4) & 0xF], kHex[crc & 0xF]};
}

Result<EmvPayload> parseEmvPayload(std::string_view s) {
  if (s.empty()) return codeError("emv.empty");
  if (!isValidUtf8(s)) return codeError("emv.invalid_utf8");
  if (codePointCount(s) > kMaxPayloadChars)
    return codeError("emv.too_long", {ErrorParam::of("max", static_cast<std::int64_t>(kMaxPayloadChars))});
  const Result<std::vector<EmvField>> split = splitTlv(s, "the payload");
  if (!split) return split.error();
  EmvPayload p;
  p.fields = split.value();
  const std::vector<EmvField>& f = p.fields;

  if (f.front().id != "00" || f.front().value != "01")
    return codeError("emv.bad_format_indicator");
  const EmvField& last = f.back();
  bool crcShape = last.id == "63" && last.value.size() == 4;
  for (const char c : last.value) crcShape = crcShape && (isAsciiDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'));
  if (!crcShape) return codeError("emv.missing_crc");
  const std::string expected = crcHex(crc16CcittFalse(s.substr(0, s.size() - 4)));
  if (asciiLower(last.value) != asciiLower(expected))
    return codeError("emv.bad_crc", {ErrorParam::of("crc", last.value), ErrorParam::of("expected", expected)});
  p.crc = expected;

  for (std::size_t k = 0; k < f.size(); ++k) {
    const int id = idNumber(f[k].id);
    for (std::size_t j = 0; j < k; ++j)
      if (f[j].id == f[k].id) return codeError("emv.duplicate_tag", {ErrorParam::of("id", f[k].id)});
    if (id >= 65 && id <= 79)
      return codeError("emv.unknown_tag", {ErrorParam::of("id", f[k].id)});
    if (id == 63 && k + 1 != f.size()) return codeError("emv.missing_crc");
  }

  // Templates: nested TLV, each with its own rules.
  for (EmvField& field : p.fields) {
    const int id = idNumber(field.id);
    if (!isTemplate(id)) continue;
    const Result<std::vector<EmvField>> nested = splitTlv(field.value, "data object " + field.id);
    if (!nested) return nested.error();
    field.fields = nested.value();
    if (id >= 26 && id <= 51) {
      const EmvField* guid = find(field.fields, "00");
      if (guid == nullptr || guid->value.empty() || codePointCount(guid->value) > 32)
        return invalidValue(field.id, "needs a globally unique identifier (sub-tag 00, at most 32 characters)");
      const EmvField* merchantId = find(field.fields, "01");
      p.accounts.push_back({field.id, guid->value, merchantId ? merchantId->value : ""});
    } else if (id == 62) {
      for (const EmvField& sub : field.fields)
        if (codePointCount(sub.value) > 25 && idNumber(sub.id) <= 9)
          return invalidValue("62/" + sub.id, "is longer than 25 characters");
      if (const EmvField* bill = find(field.fields, "01")) p.billNumber = bill->value;
      if (const EmvField* label = find(field.fields, "05")) p.referenceLabel = label->value;
    }
  }

  // Objects the specification calls mandatory but that wallets do without: national schemes leave some out
  // (PromptPay carries no 52, 59 or 60) and every payer's app still pays. Missing ones are reported as
  // warnings, in tag order; only damage is refused.
  const auto warn = [&p](const char* code) { p.warnings.push_back(codeError(code)); };
  bool hasAccount = false;
  for (const EmvField& field : f) hasAccount = hasAccount || (idNumber(field.id) >= 2 && idNumber(field.id) <= 51);
  if (!hasAccount)
    warn("emv.missing_merchant_account");
  struct Recommended {
    const char* id;
    const char* code;
  };
  for (const Recommended& r : {Recommended{"52", "emv.missing_mcc"}, Recommended{"53", "emv.missing_currency"},
                               Recommended{"58", "emv.missing_country"}, Recommended{"59", "emv.missing_merchant_name"},
                               Recommended{"60", "emv.missing_merchant_city"}})
    if (find(f, r.id) == nullptr)
      warn(r.code);

  if (const EmvField* poi = find(f, "01")) {
    if (poi->value != "11" && poi->value != "12") return invalidValue("01", "must be 11 (static) or 12 (dynamic)");
    p.dynamic = poi->value == "12";
  }
  // Values that are present are checked: a wrong one is damage, not an omission.
  if (const EmvField* mcc = find(f, "52")) {
    if (mcc->value.size() != 4 || !allDigits(mcc->value)) return invalidValue("52", "(merchant category code) must be 4 digits");
    p.mcc = mcc->value;
  }
  if (const EmvField* currency = find(f, "53")) {
    if (currency->value.size() != 3 || !allDigits(currency->value)) return invalidValue("53", "(currency) must be 3 digits");
    p.currency = currency->value;
  }
  if (const EmvField* amount = find(f, "54")) {
    if (!isEmvAmount(amount->value)) return invalidValue("54", "(amount) must be digits with at most one '.'");
    p.amount = amount->value;
  }
  if (const EmvField* country = find(f, "58")) {
    const std::string& c = country->value;
    if (c.size() != 2 || !isAsciiAlpha(c[0]) || !isAsciiAlpha(c[1])) return invalidValue("58", "(country) must be two letters");
    p.country = c;
  }
  if (const EmvField* name = find(f, "59")) {
    if (name->value.empty() || codePointCount(name->value) > 25)
      return invalidValue("59", "(merchant name) must be 1 to 25 characters");
    p.merchantName = name->value;
  }
  if (const EmvField* city = find(f, "60")) {
    if (city->value.empty() || codePointCount(city->value) > 15)
      return invalidValue("60", "(merchant city) must be 1 to 15 characters");
    p.merchantCity = city->value;
  }
  if (const EmvField* postal = find(f, "61")) {
    if (postal->value.empty() || codePointCount(postal->value) > 10) return invalidValue("61", "(postal code) must be 1 to 10 characters");
    p.postalCode = postal->value;
  }
  return p;
}

Result<std::string> buildEmvPayload(const EmvBuildInput& in) {
  // Errors on the input's member (field and params.member): "mcc", "merchantName", …
  const auto missing = [](const char* field) {
    return codeError("emv.missing_value", {ErrorParam::of("member", field)}, field);
  };
  const auto tooLong = [](const char* field, int max) {
    return codeError("emv.value_too_long", {ErrorParam::of("member", field), ErrorParam::of("max", std::int64_t{max})}, field);
  };
  const auto invalid = [](const char* field, std::string problem) {
    return codeError("emv.invalid_value", {ErrorParam::of("member", field), ErrorParam::of("problem", std::move(problem))}, field);
  };
  const auto printable = [](std::string_view v) {  // ASCII or other printable UTF-8, no control characters
    if (!isValidUtf8(v)) return false;
    for (const char c : v)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    return true;
  };

  const std::string tag = in.account.tag.empty() ? "26" : in.account.tag;
  if (tag.size() != 2 || !allDigits(tag) || idNumber(tag) < 26 || idNumber(tag) > 51)
    return invalid("accountTag", "the merchant account tag must be 26 to 51");
  if (in.account.guid.empty()) return missing("guid");
  if (codePointCount(in.account.guid) > 32) return tooLong("guid", 32);
  if (!printable(in.account.guid) || !printable(in.account.merchantId))
    return invalid("merchantId", "the merchant account must be printable text");
  if (in.mcc.empty()) return missing("mcc");
  if (in.mcc.size() != 4 || !allDigits(in.mcc)) return invalid("mcc", "the merchant category code must be 4 digits");
  if (in.merchantName.empty()) return missing("merchantName");
  if (!printable(in.merchantName)) return invalid("merchantName", "the merchant name must be printable text");
  if (codePointCount(in.merchantName) > 25) return tooLong("merchantName", 25);
  if (in.merchantCity.empty()) return missing("merchantCity");
  if (!printable(in.merchantCity)) return invalid("merchantCity", "the merchant city must be printable text");
  if (codePointCount(in.merchantCity) > 15) return tooLong("merchantCity", 15);
  if (in.postalCode && (in.postalCode->empty() || !printable(*in.postalCode) || codePointCount(*in.postalCode) > 10))
    return invalid("postalCode", "the postal code must be 1 to 10 printable characters");
  if (in.amountRwf && (*in.amountRwf <= 0 || *in.amountRwf > 9'999'999'999'999))
    return invalid("amount", "the amount must be 1 to 9,999,999,999,999 whole francs");
  for (const auto& [name, value] : {std::pair<const char*, const std::optional<std::string>&>{"reference", in.referenceLabel},
                                    {"billNumber", in.billNumber}}) {
    if (!value) continue;
    if (value->empty() || !printable(*value)) return invalid(name, "must be printable text");
    if (codePointCount(*value) > 25) return tooLong(name, 25);
  }

  std::string account;
  appendTlv(account, "00", in.account.guid);
  if (!in.account.merchantId.empty()) appendTlv(account, "01", in.account.merchantId);
  if (codePointCount(account) > 99) return tooLong("merchantId", 99);
  std::string additional;
  if (in.billNumber) appendTlv(additional, "01", *in.billNumber);
  if (in.referenceLabel) appendTlv(additional, "05", *in.referenceLabel);

  std::string out;
  appendTlv(out, "00", "01");
  appendTlv(out, "01", in.amountRwf ? "12" : "11");
  appendTlv(out, tag, account);
  appendTlv(out, "52", in.mcc);
  appendTlv(out, "53", "646");  // ISO 4217 numeric code of the Rwandan franc
  if (in.amountRwf) appendTlv(out, "54", std::to_string(*in.amountRwf));  // RWF: no decimals
  appendTlv(out, "58", "RW");
  appendTlv(out, "59", in.merchantName);
  appendTlv(out, "60", in.merchantCity);
  if (in.postalCode) appendTlv(out, "61", *in.postalCode);
  if (!additional.empty()) appendTlv(out, "62", additional);
  out += "6304";
  out += crcHex(crc16CcittFalse(out));
  if (codePointCount(out) > kMaxPayloadChars) return tooLong("payload", 512);
  return out;
}

Result<EmvBuildInput> parseEmvBuildJson(std::string_view json) {
  static const OptionSpec kSpecs[] = {
      {"accountTag", OptionType::Text},   {"guid", OptionType::Text},         {"merchantId", OptionType::Text},
      {"mcc", OptionType::Text},          {"merchantName", OptionType::Text}, {"merchantCity", OptionType::Text},
      {"postalCode", OptionType::Text},   {"reference", OptionType::Text},    {"billNumber", OptionType::Text},
      {"amount", OptionType::Whole, 0, 9'999'999'999'999.0},
  };
  const Result<FlatObject> object = readOptions(json, "emvInput", kSpecs);
  if (!object) return object.error();
  EmvBuildInput in;
  for (const auto& [key, v] : object.value().members) {
    if (key == "amount") {
      in.amountRwf = wholeValue(v);
      continue;
    }
    std::string* text = key == "accountTag" ? &in.account.tag : key == "guid" ? &in.account.guid
                        : key == "merchantId" ? &in.account.merchantId : key == "mcc" ? &in.mcc
                        : key == "merchantName" ? &in.merchantName : key == "merchantCity" ? &in.merchantCity : nullptr;
    if (text != nullptr) *text = v.text;
    else (key == "postalCode" ? in.postalCode : key == "reference" ? in.referenceLabel : in.billNumber) = v.text;
  }
  return in;
}

}  // namespace ltgs
