#pragma once

#include <string>
#include <string_view>

#include "ltgs/result.hpp"

namespace ltgs {

// A practical RFC 5321/5322 address: dot-atom local part (at most 64 octets), '@', a dotted domain of
// LDH labels (each 1-63, top label not all digits), at most 254 octets in all. Quoted local parts,
// IP literals and non-ASCII addresses are refused. Surrounding white space is trimmed; the domain is
// lower-cased and the local part kept as typed.
// Codes: email.required (only from the request validator), email.contains_space, email.missing_at,
// email.too_long, email.local_part_too_long, email.invalid_local_part, email.invalid_domain,
// email.domain_not_dotted.
Result<std::string> parseEmail(std::string_view text);

}  // namespace ltgs
