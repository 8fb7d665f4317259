#pragma once
// The one reader of option objects: the validation settings, the merchant configuration, the QR options, the
// poll settings and the poll input, the lifecycle's events and the EMVCo build input. Each object is read
// against a table of its members, and every object refuses the same mistakes with the same codes (field: the
// object's name):
//   settings.unknown  a member the table does not have     params {object, member, expected}
//   settings.invalid  a member of the wrong type or range  params {object, member, expected}
//                     (also a member the caller requires, or two members that disagree: see optionInvalid)
//   json.*            the text is not one flat JSON object (the reader's own codes, on field `object`)
// A member set to null counts as absent. Internal to the core.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "json_reader.hpp"
#include "ltgs/result.hpp"

namespace ltgs {

enum class OptionType {
  Bool,    // true or false
  Text,    // a string
  Whole,   // a whole number (an integer, or a float without fraction) in [min, max]
  Number,  // any finite number in [min, max]
};

struct OptionSpec {
  const char* name;
  OptionType type;
  double min = 0;  // Whole and Number only; whole numbers up to 2^53 - 1 are exact in a double
  double max = 0;
};

// "" (or white space) and "null" read as an object with no members. Returns the object with its null
// members removed, every other member checked against specs.
Result<FlatObject> readOptions(std::string_view json, const char* object, const OptionSpec* specs, std::size_t count);

template <std::size_t N>
Result<FlatObject> readOptions(std::string_view json, const char* object, const OptionSpec (&specs)[N]) {
  return readOptions(json, object, specs, N);
}

// A member the reader checked: the value as a whole number (Whole) or as a number (Number).
std::int64_t wholeValue(const JsonScalar& v);

// settings.invalid for a member that is missing or disagrees with another: "{object}: {member} must be {expected}."
FieldError optionInvalid(const char* object, std::string_view member, std::string expected);

}  // namespace ltgs
