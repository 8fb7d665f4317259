#include "ltgs/callback_notification.hpp"

#include <cmath>

#include "json_reader.hpp"
#include "ltgs/codes.hpp"
#include "ltgs/failure_reason.hpp"
#include "ltgs/settings.hpp"
#include "ltgs/text.hpp"
#include "text_util.hpp"
#include "wire_json.hpp"

namespace ltgs {
namespace {

using Kind = JsonScalar::Kind;

constexpr std::size_t kMaxStatusLength = 32;
constexpr std::size_t kMaxChannelLength = 64;   // code points
constexpr std::size_t kMaxPaymentRefLength = 128;

bool isLeapYear(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int daysInMonth(int y, int m) noexcept {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeapYear(y) ? 29 : kDays[m - 1];
}
int digitsValue(std::string_view s) noexcept {
  int v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

bool absentOrEmpty(const JsonScalar& v) noexcept {
  return v.kind == Kind::Missing || v.kind == Kind::Null || (v.kind == Kind::String && trimWhitespace(v.text).empty());
}

// Printable text: valid UTF-8 without control characters (the JSON reader already checked UTF-8).
bool isPrintableText(std::string_view s) noexcept {
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) return false;
  }
  return true;
}

std::string toUpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace

Result<LocalDateTime> parsePaidOn(std::string_view text) {
  const char* f = "Paid_On";
  // Exactly "YYYY-MM-DD HH:MM:SS".
  constexpr std::string_view kShape = "dddd-dd-dd dd:dd:dd";
  bool shapeOk = text.size() == kShape.size();
  for (std::size_t i = 0; shapeOk && i < kShape.size(); ++i)
    shapeOk = kShape[i] == 'd' ? isAsciiDigit(text[i]) : text[i] == kShape[i];
  if (!shapeOk)
    return codeError("paid_on.invalid_format", {}, f);
  const LocalDateTime t{digitsValue(text.substr(0, 4)),  digitsValue(text.substr(5, 2)),
                        digitsValue(text.substr(8, 2)),  digitsValue(text.substr(11, 2)),
                        digitsValue(text.substr(14, 2)), digitsValue(text.substr(17, 2))};
  if (t.year < 1970 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > daysInMonth(t.year, t.month) ||
      t.hour > 23 || t.minute > 59 || t.second > 59)
    return codeError("paid_on.invalid_date", {}, f);
  return t;
}

std::string formatPaidOn(const LocalDateTime& t) {
  std::string out = "0000-00-00 00:00:00";
  const auto put = [&out](std::size_t at, int value, std::size_t width) {
    for (std::size_t k = width; k-- > 0; value /= 10) out[at + k] = static_cast<char>('0' + value % 10);
  };
  put(0, t.year, 4), put(5, t.month, 2), put(8, t.day, 2), put(11, t.hour, 2), put(14, t.minute, 2), put(17, t.second, 2);
  return out;
}

std::optional<std::int64_t> parseExpiresAt(std::string_view text) noexcept {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (text.size() < kShape.size()) return std::nullopt;
  for (std::size_t i = 0; i < kShape.size(); ++i)
    if (kShape[i] == 'd' ? !isAsciiDigit(text[i]) : text[i] != kShape[i]) return std::nullopt;
  std::string_view rest = text.substr(kShape.size());
  std::int64_t millis = 0;
  if (!rest.empty() && rest.front() == '.') {
    std::size_t n = 1;
    while (n < rest.size() && isAsciiDigit(rest[n])) ++n;
    if (n == 1 || n > 10) return std::nullopt;  // one to nine digits
    for (std::size_t k = 1; k <= 3; ++k) millis = millis * 10 + (k < n ? rest[k] - '0' : 0);
    rest.remove_prefix(n);
  }
  if (rest != "Z" && rest != "+00:00") return std::nullopt;
  const int y = digitsValue(text.substr(0, 4)), mo = digitsValue(text.substr(5, 2)), d = digitsValue(text.substr(8, 2));
  const int h = digitsValue(text.substr(11, 2)), mi = digitsValue(text.substr(14, 2)), s = digitsValue(text.substr(17, 2));
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return std::nullopt;
  // Days since 1970-01-01 (proleptic Gregorian).
  constexpr int kBeforeMonth[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const auto leapsThrough = [](std::int64_t year) { return year / 4 - year / 100 + year / 400; };
  const std::int64_t days = 365 * (static_cast<std::int64_t>(y) - 1970) + (leapsThrough(y - 1) - leapsThrough(1969)) +
                            kBeforeMonth[mo - 1] + (isLeapYear(y) && mo > 2 ? 1 : 0) + (d - 1);
  return ((days * 24 + h) * 60 + mi) * 60'000 + static_cast<std::int64_t>(s) * 1000 + millis;
}

CallbackParse parseCallbackNotification(std::string_view json) {
  CallbackParse out;
  const Result<FlatObject> object = readFlatObject(json);
  if (!object) {
    out.errors.push_back(object.error());
    return out;
  }
  const FlatObject& o = object.value();
  CallbackNotification n;
  auto& errors = out.errors;

  // Sale_Reference_ID
  const JsonScalar& ref = o.get("Sale_Reference_ID");
  if (ref.kind == Kind::Missing || ref.kind == Kind::Null) {
    errors.push_back(codeError("reference.required"));
  } else if (ref.kind != Kind::String) {
    errors.push_back(codeError("reference.wrong_type", {ErrorParam::of("given", ref.describe())}));
  } else if (const Result<std::string> r = parseSaleReference(ref.text); !r) {
    errors.push_back(r.error());
  } else {
    n.saleReferenceId = r.value();
  }

  // Payment_Status: kept as sent (trimmed); its meaning is the lifecycle's decision.
  const JsonScalar& status = o.get("Payment_Status");
  if (status.kind != Kind::String && status.kind != Kind::Missing && status.kind != Kind::Null) {
    errors.push_back(codeError("status.wrong_type", {ErrorParam::of("given", status.describe())}));
  } else if (absentOrEmpty(status)) {
    errors.push_back(codeError("status.required"));
  } else {
    const std::string_view s = trimWhitespace(status.text);
    bool ok = s.size() <= kMaxStatusLength;
    for (const char c : s) ok = ok && (isAsciiAlnum(c) || c == '_' || c == '-' || c == ' ');
    if (ok) n.paymentStatus = std::string(s);
    else errors.push_back(codeError("status.invalid"));
  }
  const bool paid = toUpperAscii(n.paymentStatus) == "PAID";

  // Payment_Channel
  const JsonScalar& channel = o.get("Payment_Channel");
  if (!absentOrEmpty(channel)) {
    if (channel.kind != Kind::String) {
      errors.push_back(codeError("channel.wrong_type", {ErrorParam::of("given", channel.describe())}));
    } else {
      const std::string_view s = trimWhitespace(channel.text);
      if (!isPrintableText(s) || codePointCount(s) > kMaxChannelLength)
        errors.push_back(codeError("channel.invalid"));
      else n.paymentChannel = std::string(s);
    }
  }

  // Payment_Ref_ID
  const JsonScalar& paymentRef = o.get("Payment_Ref_ID");
  if (!absentOrEmpty(paymentRef)) {
    if (paymentRef.kind != Kind::String) {
      errors.push_back(codeError("payment_ref.wrong_type", {ErrorParam::of("given", paymentRef.describe())}));
    } else {
      const std::string_view s = trimWhitespace(paymentRef.text);
      bool ok = s.size() <= kMaxPaymentRefLength;
      for (const char c : s) ok = ok && static_cast<unsigned char>(c) > 0x20 && c != 0x7F;
      if (ok) n.paymentRefId = std::string(s);
      else errors.push_back(codeError("payment_ref.invalid"));
    }
  }

  // Total_Amount_Paid: whole francs, a JSON number.
  const JsonScalar& amount = o.get("Total_Amount_Paid");
  if (amount.kind == Kind::Missing || amount.kind == Kind::Null) {
    if (paid) errors.push_back(codeError("amount_paid.required"));
  } else if (amount.kind != Kind::Integer && amount.kind != Kind::Float) {
    errors.push_back(codeError("amount_paid.wrong_type", {ErrorParam::of("given", amount.describe())}));
  } else if (amount.kind == Kind::Float && (!std::isfinite(amount.number) || std::floor(amount.number) != amount.number)) {
    errors.push_back(codeError("amount_paid.not_whole_francs"));
  } else if (amount.number < 0) {
    errors.push_back(codeError("amount_paid.negative"));
  } else if (amount.kind == Kind::Integer ? amount.integer > kMaxSafeInteger
                                           : amount.number > static_cast<double>(kMaxSafeInteger)) {
    errors.push_back(codeError("amount_paid.too_large", {ErrorParam::of("max", kMaxSafeInteger)}));
  } else {
    n.totalAmountPaid = amount.kind == Kind::Integer ? amount.integer : static_cast<std::int64_t>(amount.number);
  }

  // Paid_On
  const JsonScalar& paidOn = o.get("Paid_On");
  if (absentOrEmpty(paidOn)) {
    if (paid) errors.push_back(codeError("paid_on.required"));
  } else if (paidOn.kind != Kind::String) {
    errors.push_back(codeError("paid_on.wrong_type", {ErrorParam::of("given", paidOn.describe())}));
  } else if (const Result<LocalDateTime> t = parsePaidOn(trimWhitespace(paidOn.text)); !t) {
    errors.push_back(t.error());
  } else {
    n.paidOn = t.value();
  }

  // Failure_Reason and Expires_At: an explanation, never a reason to refuse the document.
  const JsonScalar& reason = o.get("Failure_Reason");
  if (reason.kind == Kind::String && isFailureReasonWord(trimWhitespace(reason.text)))
    n.failureReason = std::string(trimWhitespace(reason.text));
  const JsonScalar& expires = o.get("Expires_At");
  if (expires.kind == Kind::String) n.expiresAtMs = parseExpiresAt(trimWhitespace(expires.text));

  if (errors.empty()) out.notification = std::move(n);
  return out;
}

void writeWire(JsonWriter& w, const CallbackNotification& n) {
  w.beginObject();
  w.key("Sale_Reference_ID").value(n.saleReferenceId);
  w.key("Payment_Status").value(n.paymentStatus);
  w.key("Payment_Channel");
  n.paymentChannel ? w.value(*n.paymentChannel) : w.null();
  w.key("Payment_Ref_ID");
  n.paymentRefId ? w.value(*n.paymentRefId) : w.null();
  w.key("Total_Amount_Paid");
  n.totalAmountPaid ? w.value(*n.totalAmountPaid) : w.null();
  w.key("Paid_On");
  n.paidOn ? w.value(formatPaidOn(*n.paidOn)) : w.null();
  w.endObject();
}

std::string toJson(const CallbackNotification& n) {
  JsonWriter w;
  writeWire(w, n);
  return w.take();
}

}  // namespace ltgs
