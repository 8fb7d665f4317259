#include "ltgs/email.hpp"

#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr std::size_t kMaxLocalPart = 64;   // RFC 5321 §4.5.3.1.1
constexpr std::size_t kMaxAddress = 254;    // RFC 5321 path limit (256) less the angle brackets
constexpr std::size_t kMaxLabel = 63;       // RFC 1035 §2.3.4

FieldError emailError(const char* code, const char* message) { return FieldError{"Email_Address", code, message}; }

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
  if (s.empty()) return emailError("email.required", "The email address is required.");
  for (const char c : s) {
    if (isAsciiSpace(c) || c == '\0')
      return emailError("email.contains_space", "An email address cannot contain spaces.");
  }
  const std::size_t at = s.rfind('@');
  if (at == std::string_view::npos)
    return emailError("email.missing_at", "An email address needs an '@', like name@example.com.");
  if (s.size() > kMaxAddress) return emailError("email.too_long", "The email address must be at most 254 characters.");
  const std::string_view local = s.substr(0, at);
  const std::string_view domain = s.substr(at + 1);
  if (local.size() > kMaxLocalPart)
    return emailError("email.local_part_too_long", "The part before '@' must be at most 64 characters.");
  if (!isDotAtom(local))
    return emailError("email.invalid_local_part",
                      "The part before '@' may use letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~ "
                      "with single dots between them.");
  if (domain.empty() || domain.front() == '.' || domain.back() == '.')
    return emailError("email.invalid_domain", "The part after '@' is not a valid domain name.");
  std::size_t labels = 0;
  std::string_view last;
  for (std::string_view rest = domain;;) {
    const std::size_t dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (!isLdhLabel(label)) return emailError("email.invalid_domain", "The part after '@' is not a valid domain name.");
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  if (labels < 2)
    return emailError("email.domain_not_dotted", "The domain after '@' needs a dot, like example.com.");
  if (allDigits(last))  // an IP address or a numeric top-level domain is not a mail domain here
    return emailError("email.invalid_domain", "The part after '@' is not a valid domain name.");
  return std::string(local) + "@" + asciiLower(domain);
}

}  // namespace ltgs
