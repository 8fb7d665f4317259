#pragma once

#include <cstdint>
#include <string>

namespace ltgs {

// One member value of a flat JSON object, as read off the wire, before validation. Nested objects and
// arrays are only recorded as such: no LTGS field holds one, so their content is never needed.
struct JsonScalar {
  enum class Kind { Missing, Null, Bool, Integer, Float, String, Object, Array };
  Kind kind = Kind::Missing;
  std::string text;       // Kind::String: the decoded string (valid UTF-8); Kind::Float: the literal
  std::int64_t integer = 0;  // Kind::Integer
  double number = 0;      // Kind::Float (also set for integers too large for int64)
  bool boolean = false;   // Kind::Bool

  static JsonScalar missing() { return {}; }
  static JsonScalar null() { return make(Kind::Null); }
  static JsonScalar string(std::string s) {
    JsonScalar v = make(Kind::String);
    v.text = std::move(s);
    return v;
  }
  static JsonScalar integral(std::int64_t i) {
    JsonScalar v = make(Kind::Integer);
    v.integer = i;
    v.number = static_cast<double>(i);
    return v;
  }
  static JsonScalar floating(double d) {
    JsonScalar v = make(Kind::Float);
    v.number = d;
    return v;
  }
  static JsonScalar make(Kind k) {
    JsonScalar v;
    v.kind = k;
    return v;
  }
  // "a string", "a number", "an object", … for error messages.
  const char* describe() const noexcept;
};

}  // namespace ltgs
