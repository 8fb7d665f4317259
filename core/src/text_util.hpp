#pragma once
// Internal helpers shared by the core's parsers. ASCII-only classification: no locale is ever consulted.

#include <cstddef>
#include <string>
#include <string_view>

namespace ltgs {

inline bool isAsciiDigit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool isAsciiAlpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool isAsciiAlnum(char c) noexcept { return isAsciiDigit(c) || isAsciiAlpha(c); }
inline bool isAsciiSpace(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline char asciiLower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
inline std::string asciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = asciiLower(c);
  return out;
}
inline bool allDigits(std::string_view s) noexcept {
  for (const char c : s)
    if (!isAsciiDigit(c)) return false;
  return !s.empty();
}

// Decodes one code point at s[i] and advances i; false on ill-formed UTF-8 (i unchanged).
bool decodeUtf8(std::string_view s, std::size_t& i, char32_t& cp) noexcept;
// Trims ASCII white space and U+00A0, U+202F, U+3000 from both ends.
std::string_view trimWhitespace(std::string_view s) noexcept;

}  // namespace ltgs
