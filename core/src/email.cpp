#include "ltgs/email.hpp"

#include "ltgs/codes.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr std::size_t kMaxLocalPart = 64;   // RFC 5321 §4.5.3.1.1
constexpr std::size_t kMaxAddress = 254;    // RFC 5321 path limit (256) less the angle brackets
constexpr std::size_t kMaxLabel = 63;       // RFC 1035 §2.3.4


// RFC 5322 atext.
bool isAtext(char c) noexcept {
  if (isAsciiAlnum(c)) return true;
  for (const char a : std::string_view("!#$%&'*+-/=?^_`{|}~"))
    if (c == a) return true;
  return false;
}

bool isDotAtom(std::string_view s) noexcept {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char prev = 0;
  for (const char c : s) {
    if (c == '.' ? prev == '.' : !isAtext(c)) return false;
    prev = c;
  }
  return true;
}

bool isLdhLabel(std::string_view label) noexcept {
  if (label.empty() || label.size() > kMaxLabel || label.front() == '-' || label.back() == '-') return false;
  for (const char c : label)
    if (!isAsciiAlnum(c) && c != '-') return false;
  return true;
}

}  // namespace

Result<std::string> parseEmail(std::string_view text) {
  const std::string_view s = trimWhitespace(text);
  if (s.empty()) return codeError("email.required");
  for (const char c : s) {
    if (isAsciiSpace(c) || c == '\0')
      return codeError("email.contains_space");
  }
  const std::size_t at = s.rfind('@');
  if (at == std::string_view::npos)
    return codeError("email.missing_at");
  if (s.size() > kMaxAddress) return codeError("email.too_long", {ErrorParam::of("max", static_cast<std::int64_t>(kMaxAddress))});
  const std::string_view local = s.substr(0, at);
  const std::string_view domain = s.substr(at + 1);
  if (local.size() > kMaxLocalPart)
    return codeError("email.local_part_too_long", {ErrorParam::of("max", static_cast<std::int64_t>(kMaxLocalPart))});
  if (!isDotAtom(local))
    return codeError("email.invalid_local_part");
  if (domain.empty() || domain.front() == '.' || domain.back() == '.')
    return codeError("email.invalid_domain");
  std::size_t labels = 0;
  std::string_view last;
  for (std::string_view rest = domain;;) {
    const std::size_t dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (!isLdhLabel(label)) return codeError("email.invalid_domain");
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  if (labels < 2)
    return codeError("email.domain_not_dotted");
  if (allDigits(last))  // an IP address or a numeric top-level domain is not a mail domain here
    return codeError("email.invalid_domain");
  return std::string(local) + "@" + asciiLower(domain);
}

}  // namespace ltgs
