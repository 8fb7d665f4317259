#pragma once
// The JSON shapes that the command line prints and the wasm module returns, made in one place so that
// the native and WebAssembly builds answer identically:
//   {"ok":true, …value…}  or  {"ok":false,"errors":[{"field":…,"code":…,"message":…}, …]}
//   single-field parsers: {"ok":true,"value":…} or {"ok":false,"error":{…}}

#include <cstdint>
#include <string>

#include "ltgs/callback_notification.hpp"
#include "ltgs/json_value.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/phone.hpp"
#include "ltgs/result.hpp"

namespace ltgs {

// {"ok":true,"request":{…wire payload…},"phone":{"e164":…,"operator":…}} or {"ok":false,"errors":[…]}
std::string reportJson(const Validation& v);
// {"ok":true,"notification":{…wire names, absent members null…}} or {"ok":false,"errors":[…]}
std::string reportJson(const CallbackParse& p);
// {"ok":true,"local":…,"e164":…,"operator":…,"hasWallet":…} or {"ok":false,"error":{…}}
std::string reportJson(const Result<PhoneNumber>& r);
// {"ok":true,"francs":…} or {"ok":false,"error":{…}}
std::string reportJson(const Result<std::int64_t>& r);
// {"ok":true,"value":"…"} or {"ok":false,"error":{…}}
std::string reportJson(const Result<std::string>& r);
// {"ok":true,"value":"…" or number} or {"ok":false,"error":{…}}
std::string reportJson(const Result<JsonScalar>& r);

}  // namespace ltgs
