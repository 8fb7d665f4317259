#pragma once
// Expected failures are values: every parser returns a Result, and nothing in the core throws.

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ltgs {

struct FieldError {
  std::string field;    // LTGS wire name, e.g. "Phone_Number"; "$" for the document as a whole
  std::string code;     // stable identifier, translated by the widget: "phone.unknown_operator"
  std::string message;  // plain English, for logs and the command line
};

inline bool operator==(const FieldError& a, const FieldError& b) {
  return a.field == b.field && a.code == b.code && a.message == b.message;
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
