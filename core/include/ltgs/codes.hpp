#pragma once
// The catalogue of every code the core writes, in one table (core/src/codes.cpp): the errors and warnings it
// reports, and the outcome codes that name what happened (a lifecycle reason, a poll decision, an attempt's
// update, an initiation decision, a failure reason). Every error is made from its entry here, so the English
// message and the params a translation needs cannot drift apart; the catalogue is shipped as dist/codes.json
// and printed by `ltgs-checkout codes`.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ltgs/result.hpp"

namespace ltgs {

// Plain pointers to literals, not string_views: the table is in every wasm build, and half its size this way.
struct CodeInfo {
  const char* code;     // "amount.below_minimum"
  const char* kind;     // "error", "warning" (reported beside a value) or "outcome"
  const char* field;    // where it is reported: a wire name, "$", "<object>" (an option object's name),
                        // "<member>" (the EMVCo build input's member); "" for outcomes
  const char* message;  // English; "{min}" stands for the param "min", and each param appears once. Empty in
                        // the widget's wasm (built with LTGS_CORE_NO_MESSAGES), whose messages are the codes
};

struct CodeCatalogue {
  const CodeInfo* first;
  const CodeInfo* last;
  const CodeInfo* begin() const noexcept { return first; }
  const CodeInfo* end() const noexcept { return last; }
};

// Every entry, sorted by code.
CodeCatalogue codeCatalogue() noexcept;
// The entry for a code, or nullptr.
const CodeInfo* findCode(std::string_view code) noexcept;
// The names of a message's params, in order of appearance: "{min} to {max}" → min, max.
std::vector<std::string> paramNames(std::string_view message);

// The error or warning for `code`: the catalogue's field and message, with each "{name}" replaced by the param
// of that name (whole numbers of five digits or more grouped: 15,000). A code that is not in the catalogue is a
// bug; it gets its code as message (tests/core/cases_test.cpp checks every code the case tables meet), as every
// code does in a build without messages.
FieldError codeError(std::string_view code, std::vector<ErrorParam> params = {});
// The same on another field than the catalogue's (the option object's name, the input's member, a caller's ""),
// as given.
FieldError codeError(std::string_view code, std::vector<ErrorParam> params, std::string field);
// The message alone, for codes reported beside a decision rather than as an error.
std::string codeMessage(std::string_view code, const std::vector<ErrorParam>& params = {});

}  // namespace ltgs
