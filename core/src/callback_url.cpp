#include "ltgs/callback_url.hpp"

#include "ltgs/codes.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr std::size_t kMaxUrlLength = 2048;


// RFC 3986 characters allowed in a URL as written (unreserved, reserved, and '%' for escapes).
bool isUrlChar(char c) noexcept {
  if (isAsciiAlnum(c)) return true;
  for (const char a : std::string_view("-._~:/?#[]@!$&'()*+,;=%"))
    if (c == a) return true;
  return false;
}

// Value of at most 9 ASCII digits (callers check that they are digits).
long smallNumber(std::string_view digits) noexcept {
  long v = 0;
  for (const char c : digits.substr(0, 9)) v = v * 10 + (c - '0');
  return v;
}

bool isIpv4(std::string_view host) noexcept {
  int parts = 0;
  for (std::string_view rest = host;;) {
    const std::size_t dot = rest.find('.');
    const std::string_view part = rest.substr(0, dot);
    if (!allDigits(part) || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return false;
    if (smallNumber(part) > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return parts == 4;
}

bool isRegName(std::string_view host) noexcept {
  if (host.size() > 253) return false;
  for (std::string_view rest = host;;) {
    const std::size_t dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (const char c : label)
      if (!isAsciiAlnum(c) && c != '-') return false;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return true;
}

bool isIpv6Literal(std::string_view host) noexcept {  // "[…]": hex digits, ':' and '.' (embedded IPv4)
  if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
  int colons = 0;
  for (const char c : host.substr(1, host.size() - 2)) {
    const bool hex = isAsciiDigit(c) || (asciiLower(c) >= 'a' && asciiLower(c) <= 'f');
    if (!hex && c != ':' && c != '.') return false;
    colons += c == ':';
  }
  return colons >= 2;
}

bool allDigitsAndDots(std::string_view s) noexcept {
  for (const char c : s)
    if (!isAsciiDigit(c) && c != '.') return false;
  return true;
}

}  // namespace

Result<std::string> parseCallbackUrl(std::string_view text, bool sandbox) {
  const std::string_view s = trimWhitespace(text);
  if (s.empty()) return codeError("callback_url.required");
  if (s.size() > kMaxUrlLength) return codeError("callback_url.too_long", {ErrorParam::of("max", static_cast<std::int64_t>(kMaxUrlLength))});
  for (const char c : s) {
    if (!isUrlChar(c))
      return codeError("callback_url.invalid");
  }
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || !isAsciiAlpha(s[0]) || s.substr(colon + 1, 2) != "//")
    return codeError("callback_url.invalid");
  const std::string scheme = asciiLower(s.substr(0, colon));
  const std::string_view afterScheme = s.substr(colon + 3);
  const std::size_t authorityEnd = afterScheme.find_first_of("/?#");
  const std::string_view authority = afterScheme.substr(0, authorityEnd);
  const std::string_view rest = authorityEnd == std::string_view::npos ? "" : afterScheme.substr(authorityEnd);

  if (authority.find('@') != std::string_view::npos)
    return codeError("callback_url.has_credentials");
  std::string_view host = authority;
  std::string_view port;
  if (!host.empty() && host.front() == '[') {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos)
      return codeError("callback_url.invalid_host");
    if (close + 1 < host.size()) {
      if (host[close + 1] != ':') return codeError("callback_url.invalid_host");
      port = host.substr(close + 2);
    }
    host = host.substr(0, close + 1);
  } else if (const std::size_t c = host.rfind(':'); c != std::string_view::npos) {
    port = host.substr(c + 1);
    host = host.substr(0, c);
  }
  if (host.empty()) return codeError("callback_url.missing_host");
  const std::string lowerHost = asciiLower(host);
  const bool hostOk = host.front() == '[' ? isIpv6Literal(host)
                      : allDigitsAndDots(host) ? isIpv4(host)
                                               : isRegName(host);
  if (!hostOk) return codeError("callback_url.invalid_host");
  if (authority.back() == ':' || (!port.empty() && (!allDigits(port) || port.size() > 5 || smallNumber(port) == 0 ||
                                                    smallNumber(port) > 65535)))
    return codeError("callback_url.invalid_port");

  const bool localhost = lowerHost == "localhost" || lowerHost == "127.0.0.1";
  if (scheme != "https" && !(sandbox && scheme == "http" && localhost))
    return codeError("callback_url.not_https");

  std::string out = scheme + "://" + lowerHost;
  if (!port.empty()) out += ":" + std::string(port);
  out += rest;
  return out;
}

}  // namespace ltgs
