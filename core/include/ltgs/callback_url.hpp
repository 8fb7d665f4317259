#pragma once

#include <string>
#include <string_view>

#include "ltgs/result.hpp"

namespace ltgs {

// Callback_URL: an absolute https URL of at most 2048 characters, with a host and no user-info.
// With sandbox on, plain http is also allowed for localhost and 127.0.0.1.
// Scheme and host are lower-cased; the rest is kept.
// Codes: callback_url.required, callback_url.too_long, callback_url.invalid, callback_url.not_https,
// callback_url.missing_host, callback_url.has_credentials, callback_url.invalid_host,
// callback_url.invalid_port.
Result<std::string> parseCallbackUrl(std::string_view text, bool sandbox);

}  // namespace ltgs
