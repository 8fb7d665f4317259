#include "ltgs/json_value.hpp"

namespace ltgs {

const char* JsonScalar::describe() const noexcept {
  switch (kind) {
    case Kind::Missing: return "missing";
    case Kind::Null: return "null";
    case Kind::Bool: return "a boolean";
    case Kind::Integer:
    case Kind::Float: return "a number";
    case Kind::String: return "a string";
    case Kind::Object: return "an object";
    case Kind::Array: return "an array";
  }
  return "a value";
}

}  // namespace ltgs
