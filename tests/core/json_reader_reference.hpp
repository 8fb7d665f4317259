#pragma once
// The JSON reader the core had before its own scanner (core/src/json_reader.cpp): nlohmann/json's strict SAX
// parser driving the same handler. Test-only: json_reader_test.cpp and tests/fuzz/json_reader_fuzz.cpp compare
// the core's reader with it, result for result.

#include <string>
#include <string_view>

#include "json_reader.hpp"

namespace ltgs::reference {

Result<FlatObject> readFlatObject(std::string_view json);
Result<FlatObjectWithItems> readFlatObjectWithItems(std::string_view json, std::string_view arrayKey);

// A result written out in full, for comparing two readers' answers and showing the difference: every member's
// key, kind and value (a double by its bits and in %.17g), every item, or the error's code, field, message and
// params.
std::string describe(const Result<FlatObject>& result);
std::string describe(const Result<FlatObjectWithItems>& result);

}  // namespace ltgs::reference
