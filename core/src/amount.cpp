#include "ltgs/amount.hpp"

#include <string>
#include <utility>
#include <vector>

#include "ltgs/codes.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {


bool startsWithNoCase(std::string_view s, std::string_view p) noexcept {
  if (s.size() < p.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (asciiLower(s[i]) != asciiLower(p[i])) return false;
  return true;
}
bool endsWithNoCase(std::string_view s, std::string_view p) noexcept {
  return s.size() >= p.size() && startsWithNoCase(s.substr(s.size() - p.size()), p);
}

// Currency marks people write around an amount. Longest first, so "RWF" is not read as "RF" + "W".
constexpr std::string_view kCurrencyMarks[] = {"RWF", "FRW", "RF", "FR"};

std::string_view stripCurrency(std::string_view s) noexcept {
  s = trimWhitespace(s);
  for (const std::string_view mark : kCurrencyMarks) {
    if (startsWithNoCase(s, mark) && (s.size() == mark.size() || !isAsciiAlpha(s[mark.size()]))) {
      s = trimWhitespace(s.substr(mark.size()));
      break;
    }
  }
  for (const std::string_view mark : kCurrencyMarks) {
    if (endsWithNoCase(s, mark) && (s.size() == mark.size() || !isAsciiAlpha(s[s.size() - mark.size() - 1]))) {
      s = trimWhitespace(s.substr(0, s.size() - mark.size()));
      break;
    }
  }
  return s;
}

// Separator classes: 0 = not a separator, ',' '.' and ' ' (any space, including no-break ones).
char separatorAt(std::string_view s, std::size_t i, std::size_t& width) noexcept {
  width = 1;
  if (s[i] == ',' || s[i] == '.') return s[i];
  if (s[i] == ' ' || s[i] == '\'') return s[i] == ' ' ? ' ' : '\'';
  if (s.substr(i, 2) == "\xC2\xA0") return width = 2, ' ';
  if (s.substr(i, 3) == "\xE2\x80\xAF" || s.substr(i, 3) == "\xE2\x80\x89") return width = 3, ' ';
  return 0;
}

struct Token {
  std::string digits;  // a run of digits
  char separatorAfter;  // separator class that follows it, 0 at the end
};

}  // namespace

Result<std::int64_t> parseAmount(std::string_view text) {
  std::string_view s = trimWhitespace(text);
  if (s.empty()) return codeError("amount.required");
  if (s.front() == '-' || s.substr(0, 3) == "\xE2\x88\x92")  // '-' or U+2212 MINUS SIGN
    return codeError("amount.negative");
  if (s.front() == '+') s.remove_prefix(1);
  s = stripCurrency(s);
  if (s.empty()) return codeError("amount.required");
  if (s.front() == '-' || s.substr(0, 3) == "\xE2\x88\x92")  // "RWF -500"
    return codeError("amount.negative");

  // Split into digit runs and the separators between them.
  std::vector<Token> tokens;
  std::string run;
  bool sawExponent = false;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (isAsciiDigit(c)) {
      run.push_back(c);
      ++i;
      continue;
    }
    std::size_t width;
    const char sep = separatorAt(s, i, width);
    if (sep != 0 && !run.empty() && i + width < s.size()) {
      tokens.push_back({run, sep});
      run.clear();
      i += width;
      continue;
    }
    if ((c == 'e' || c == 'E') && !run.empty()) sawExponent = true;
    if (sawExponent) return codeError("amount.exponent_not_allowed");
    return codeError("amount.invalid_format");
  }
  if (run.empty())
    return codeError("amount.invalid_format");
  tokens.push_back({run, 0});

  // A last group after ',' or '.' that is not exactly three digits long, or that follows a different
  // grouping separator, is a decimal part ("15000.50", "15.000,00", "150,5").
  std::string decimals;  // owned: the token it comes from is popped below
  if (tokens.size() >= 2) {
    const char lastSep = tokens[tokens.size() - 2].separatorAfter;
    const bool decimalMark = lastSep == ',' || lastSep == '.';
    const bool otherGrouping = tokens.size() >= 3 && tokens[tokens.size() - 3].separatorAfter != lastSep;
    const bool leadingZeroGroup = tokens.size() == 2 && tokens[0].digits == "0";
    if (decimalMark && (tokens.back().digits.size() != 3 || otherGrouping || leadingZeroGroup)) {
      decimals = std::move(tokens.back().digits);
      tokens.pop_back();
      tokens.back().separatorAfter = 0;
    }
  }
  for (const char d : decimals) {
    if (d != '0')
      return codeError("amount.not_whole_francs");
  }

  // Integer part: one group, or groups of three after a first group of one to three, one separator kind.
  std::string digits = tokens.front().digits;
  if (tokens.size() > 1) {
    const char groupSep = tokens.front().separatorAfter;
    if (tokens.front().digits.size() > 3 || tokens.front().digits[0] == '0')
      return codeError("amount.invalid_format");
    for (std::size_t k = 1; k < tokens.size(); ++k) {
      if (tokens[k].digits.size() != 3 || tokens[k - 1].separatorAfter != groupSep)
        return codeError("amount.invalid_format");
      digits += tokens[k].digits;
    }
  }

  // Leading zeros are harmless ("015000"); overflow is checked digit by digit.
  std::int64_t value = 0;
  for (const char d : digits) {
    value = value * 10 + (d - '0');
    if (value > kMaxSafeInteger) return codeError("amount.too_large", {ErrorParam::of("max", kMaxSafeInteger)});
  }
  return value;
}

Result<std::int64_t> checkAmountLimits(std::int64_t francs, const ValidationSettings& settings) {
  if (francs < 0) return codeError("amount.negative");
  if (francs < settings.minAmountRwf)
    return codeError("amount.below_minimum", {ErrorParam::of("min", settings.minAmountRwf)});
  if (francs > settings.maxAmountRwf)
    return codeError("amount.above_maximum", {ErrorParam::of("max", settings.maxAmountRwf)});
  return francs;
}

}  // namespace ltgs
