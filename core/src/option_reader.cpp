#include "option_reader.hpp"

#include "ltgs/codes.hpp"

#include <cmath>

#include "text_util.hpp"

namespace ltgs {
namespace {

using Kind = JsonScalar::Kind;

// How a number is written in a message: whole numbers as digits, 2^53 - 1 by name.
std::string numberText(double d) {
  if (d >= 9007199254740991.0) return "2^53 - 1";
  if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<std::int64_t>(d));
  std::string s = std::to_string(d);
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
