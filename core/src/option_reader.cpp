#include "option_reader.hpp"

#include "ltgs/codes.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "text_util.hpp"

namespace ltgs {
namespace {

using Kind = JsonScalar::Kind;
__extension__ typedef unsigned __int128 Wide;  // GCC and Clang, on x86-64 and wasm32 alike

// d as printf's "%f" writes it (what std::to_string(double) answers): every digit of the whole part and six
// decimals, rounded half to even, computed exactly. Not std::to_string: that is snprintf, whose float code
// (with its soft-float long double) the wasm builds leave out (wasm/small_snprintf.c).
std::string fixedText(double d) {
  if (std::isnan(d)) return std::signbit(d) ? "-nan" : "nan";
  std::string out = std::signbit(d) ? "-" : "";
  if (std::isinf(d)) return out + "inf";
  int exponent = 0;
  const double fraction = std::frexp(std::fabs(d), &exponent);                  // |d| = fraction · 2^exponent
  const auto mantissa = static_cast<std::uint64_t>(std::ldexp(fraction, 53));  // exact: |d| = mantissa · 2^shift
  const int shift = exponent - 53;
  std::string whole;
  std::uint64_t decimals = 0;  // the six decimals, rounded
  if (shift >= 0) {
    // A whole number, of up to 309 digits: the mantissa doubled `shift` times, in base 10^9 (least significant first).
    std::vector<std::uint32_t> limbs{static_cast<std::uint32_t>(mantissa % 1000000000u),
                                     static_cast<std::uint32_t>(mantissa / 1000000000u % 1000000000u),
                                     static_cast<std::uint32_t>(mantissa / 1000000000000000000u)};
    for (int i = 0; i < shift; ++i) {
      std::uint32_t carry = 0;
      for (std::uint32_t& limb : limbs) {
        const std::uint32_t doubled = limb * 2 + carry;
        carry = doubled >= 1000000000u ? 1 : 0;
        limb = doubled - carry * 1000000000u;
      }
      if (carry != 0) limbs.push_back(carry);
    }
    while (limbs.size() > 1 && limbs.back() == 0) limbs.pop_back();
    whole = std::to_string(limbs.back());
    for (std::size_t i = limbs.size() - 1; i-- > 0;) {
      const std::string part = std::to_string(limbs[i]);
      whole.append(9 - part.size(), '0').append(part);
    }
  } else {
    const int bits = -shift;  // |d| = mantissa / 2^bits
    std::uint64_t integer = bits < 64 ? mantissa >> bits : 0;
    const std::uint64_t rest = bits < 64 ? mantissa & ((std::uint64_t{1} << bits) - 1) : mantissa;
    if (bits < 128) {
      const Wide scaled = static_cast<Wide>(rest) * 1000000u;  // below 2^84
      decimals = static_cast<std::uint64_t>(scaled >> bits);
      const Wide remainder = scaled & ((static_cast<Wide>(1) << bits) - 1);
      const Wide half = static_cast<Wide>(1) << (bits - 1);
      if (remainder > half || (remainder == half && (decimals & 1) != 0)) ++decimals;
      if (decimals == 1000000) {
        decimals = 0;
        ++integer;
      }
    }  // else below 2^-74: the six decimals are 0
    whole = std::to_string(integer);
  }
  const std::string six = std::to_string(decimals);
  return out.append(whole).append(".").append(6 - six.size(), '0').append(six);
}

// How a number is written in a message: whole numbers as digits, 2^53 - 1 by name.
std::string numberText(double d) {
  if (d >= 9007199254740991.0) return "2^53 - 1";
  if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<std::int64_t>(d));
  std::string s = fixedText(d);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

std::string expectedOf(const OptionSpec& spec) {
  switch (spec.type) {
    case OptionType::Bool: return "true or false";
    case OptionType::Text: return "a string";
    case OptionType::Whole: return "a whole number from " + numberText(spec.min) + " to " + numberText(spec.max);
    case OptionType::Number: return "a number from " + numberText(spec.min) + " to " + numberText(spec.max);
  }
  return "";
}

bool fits(const JsonScalar& v, const OptionSpec& spec) {
  switch (spec.type) {
    case OptionType::Bool: return v.kind == Kind::Bool;
    case OptionType::Text: return v.kind == Kind::String;
    case OptionType::Whole:
      if (v.kind == Kind::Integer) return static_cast<double>(v.integer) >= spec.min && static_cast<double>(v.integer) <= spec.max;
      return v.kind == Kind::Float && std::floor(v.number) == v.number && v.number >= spec.min && v.number <= spec.max;
    case OptionType::Number:
      return (v.kind == Kind::Integer || v.kind == Kind::Float) && v.number >= spec.min && v.number <= spec.max;  // NaN: false
  }
  return false;
}

}  // namespace

FieldError optionInvalid(const char* object, std::string_view member, std::string expected) {
  return codeError("settings.invalid", {ErrorParam::of("object", object), ErrorParam::of("member", std::string(member.substr(0, 64))),
                                        ErrorParam::of("expected", std::move(expected))}, object);
}

Result<FlatObject> readOptions(std::string_view json, const char* object, const OptionSpec* specs, std::size_t count) {
  const std::string_view trimmed = trimWhitespace(json);
  if (trimmed.empty() || trimmed == "null") return FlatObject{};
  Result<FlatObject> read = readFlatObject(json);  // untrimmed: a byte order mark after white space is refused
  if (!read) {
    FieldError e = read.error();
    e.field = object;
    return e;
  }
  FlatObject out;
  for (auto& [key, v] : read.value().members) {
    const OptionSpec* spec = nullptr;
    for (std::size_t i = 0; i < count && spec == nullptr; ++i)
      if (key == specs[i].name) spec = &specs[i];
    if (spec == nullptr) {
      std::string expected;
      for (std::size_t i = 0; i < count; ++i) expected += (i == 0 ? "" : i + 1 == count ? " or " : ", ") + std::string(specs[i].name);
      return codeError("settings.unknown", {ErrorParam::of("object", object), ErrorParam::of("member", key.substr(0, 64)),
                                            ErrorParam::of("expected", expected)}, object);
    }
    if (v.kind == Kind::Null) continue;
    if (!fits(v, *spec)) return optionInvalid(object, key, expectedOf(*spec));
    out.members.emplace_back(key, v);
  }
  return out;
}

std::int64_t wholeValue(const JsonScalar& v) {
  return v.kind == Kind::Integer ? v.integer : static_cast<std::int64_t>(v.number);
}

}  // namespace ltgs
