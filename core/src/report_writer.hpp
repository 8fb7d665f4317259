#pragma once
// The one writer of the boundary convention (wasm/README.md): every report is
//   {"ok":true,"value":…}  or  {"ok":false,"errors":[{"field","code","message","params":{…}},…]}
// Internal to the core.

#include <string>
#include <vector>

#include "json_writer.hpp"
#include "ltgs/result.hpp"

namespace ltgs {

// {"field":…,"code":…,"message":…,"params":{…}}: params always present, {} when the error has none.
void writeError(JsonWriter& w, const FieldError& e);
// [error, …]
void writeErrors(JsonWriter& w, const std::vector<FieldError>& errors);

std::string failureReport(const FieldError& error);
std::string failureReport(const std::vector<FieldError>& errors);  // errors must not be empty

// {"ok":true,"value":…}: successWriter() is a writer at the value; write it, then finishSuccess(w) is the
// report. Two plain functions rather than a template over the value's writer: one copy in the wasm build.
JsonWriter successWriter();
std::string finishSuccess(JsonWriter& w);

}  // namespace ltgs
