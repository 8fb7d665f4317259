#pragma once
// Expected failures are values: every parser returns a Result, and nothing in the core throws.

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ltgs {

// A number or a name that a translation of an error needs ("max": 2000000, "member": "sandbox"), so that no
// caller has to read it out of the English message.
struct ErrorParam {
  std::string name;
  std::string text;          // when !isNumber
  std::int64_t number = 0;   // when isNumber
  bool isNumber = false;

  static ErrorParam of(const char* name, std::int64_t n);
  static ErrorParam of(const char* name, std::string text);
};

inline bool operator==(const ErrorParam& a, const ErrorParam& b) {
  return a.name == b.name && a.isNumber == b.isNumber && (a.isNumber ? a.number == b.number : a.text == b.text);
}

struct FieldError {
  std::string field;    // LTGS wire name, e.g. "Phone_Number"; "$" for the document as a whole
  std::string code;     // stable identifier, translated by the widget: "phone.unknown_operator"
  std::string message;  // plain English, for logs and the command line
  std::vector<ErrorParam> params = {};  // what the message says in numbers and names, for translations
};

inline bool operator==(const FieldError& a, const FieldError& b) {
  return a.field == b.field && a.code == b.code && a.message == b.message && a.params == b.params;
}

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}          // NOLINT: implicit by design
  Result(FieldError error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  const T& value() const noexcept {
    assert(ok());
    return *std::get_if<0>(&v_);
  }
  const FieldError& error() const noexcept {
    assert(!ok());
    return *std::get_if<1>(&v_);
  }

 private:
  std::variant<T, FieldError> v_;
};

}  // namespace ltgs
