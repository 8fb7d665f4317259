#include "ltgs/text.hpp"

#include <cstdint>

#include "ltgs/codes.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

constexpr std::size_t kMaxReferenceLength = 64;
constexpr std::size_t kMaxServicesNameLength = 100;  // code points, after trimming

bool isReferenceChar(char c) noexcept {
  return isAsciiAlnum(c) || c == '_' || c == '-' || c == '.';
}

// Characters that are not printable text: C0 controls, DEL, C1 controls, line and paragraph separators,
// and bidirectional embedding/override/isolate controls (they can make a name display as something else).
bool isRefusedCodePoint(char32_t cp) noexcept {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

bool decodeUtf8(std::string_view s, std::size_t& i, char32_t& cp) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    i += 1;
    return true;
  }
  std::size_t len;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, min = 0x80, cp = b0 & 0x1Fu;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, min = 0x800, cp = b0 & 0x0Fu;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, min = 0x10000, cp = b0 & 0x07u;
  } else {
    return false;
  }
  if (s.size() - i < len) return false;
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  i += len;
  return true;
}

bool isValidUtf8(std::string_view text) noexcept {
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    if (!decodeUtf8(text, i, cp)) return false;
  }
  return true;
}

std::size_t codePointCount(std::string_view utf8) noexcept {
  std::size_t n = 0;
  for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view trimWhitespace(std::string_view s) noexcept {
  // ASCII white space and the no-break spaces that copy-and-paste brings (U+00A0, U+202F, U+3000).
  const auto leading = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    if (isAsciiSpace(t.front())) return 1;
    if (t.substr(0, 2) == "\xC2\xA0") return 2;
    if (t.substr(0, 3) == "\xE2\x80\xAF" || t.substr(0, 3) == "\xE3\x80\x80") return 3;
    return 0;
  };
  const auto trailing = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    if (isAsciiSpace(t.back())) return 1;
    if (t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xA0") return 2;
    if (t.size() >= 3 && (t.substr(t.size() - 3) == "\xE2\x80\xAF" || t.substr(t.size() - 3) == "\xE3\x80\x80"))
      return 3;
    return 0;
  };
  for (std::size_t n; (n = leading(s)) != 0;) s.remove_prefix(n);
  for (std::size_t n; (n = trailing(s)) != 0;) s.remove_suffix(n);
  return s;
}

Result<std::string> parseSaleReference(std::string_view text, std::string_view field) {
  const std::string f(field);
  if (text.empty()) return codeError("reference.required", {}, f);
  for (const char c : text) {
    if (!isReferenceChar(c))
      return codeError("reference.invalid_characters", {}, f);
  }
  if (text.size() > kMaxReferenceLength)
    return codeError("reference.too_long", {ErrorParam::of("max", static_cast<std::int64_t>(kMaxReferenceLength))}, f);
  return std::string(text);
}

Result<std::string> parseServicesName(std::string_view text) {
  const char* f = "Services_Name";
  if (!isValidUtf8(text))
    return codeError("services_name.invalid_utf8", {}, f);
  const std::string_view trimmed = trimWhitespace(text);
  if (trimmed.empty()) return codeError("services_name.required", {}, f);
  char32_t cp;
  for (std::size_t i = 0; i < trimmed.size();) {
    decodeUtf8(trimmed, i, cp);
    if (isRefusedCodePoint(cp))
      return codeError("services_name.control_character", {}, f);
  }
  if (codePointCount(trimmed) > kMaxServicesNameLength)
    return codeError("services_name.too_long", {ErrorParam::of("max", static_cast<std::int64_t>(kMaxServicesNameLength))}, f);
  return std::string(trimmed);
}

}  // namespace ltgs
