#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "ltgs/result.hpp"

namespace ltgs {

// Sale_Reference_ID: 1-64 characters of ASCII letters, digits, '_', '-', '.'. Not trimmed: it is
// an identifier, and changing it would break matching with the partner's records.
// Codes: reference.required, reference.too_long, reference.invalid_characters.
Result<std::string> parseSaleReference(std::string_view text, std::string_view field = "Sale_Reference_ID");

// Services_Name: 1-100 characters (Unicode code points) after trimming white space; C0/C1 control
// characters, DEL, line/paragraph separators and bidirectional overrides are refused; any other
// printable Unicode (Kinyarwanda, French accents, '<', '>', quotes) is kept unchanged.
// Codes: services_name.required, services_name.too_long, services_name.control_character,
// services_name.invalid_utf8.
Result<std::string> parseServicesName(std::string_view text);

// Well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view text) noexcept;
// Number of code points in valid UTF-8.
std::size_t codePointCount(std::string_view utf8) noexcept;

}  // namespace ltgs
