#include "ltgs/settings.hpp"

#include <cmath>
#include <string>

#include "json_reader.hpp"
#include "text_util.hpp"

namespace ltgs {
namespace {

FieldError settingsError(const char* code, std::string message) { return FieldError{"settings", code, std::move(message)}; }

// A JSON number holding a whole number in [lo, hi].
bool wholeIn(const JsonScalar& v, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  if (v.kind == JsonScalar::Kind::Integer) {
    out = v.integer;
  } else if (v.kind == JsonScalar::Kind::Float && std::floor(v.number) == v.number &&
             std::fabs(v.number) <= static_cast<double>(kMaxSafeInteger)) {
    out = static_cast<std::int64_t>(v.number);
  } else {
    return false;
  }
  return out >= lo && out <= hi;
}

}  // namespace

Result<ValidationSettings> parseSettingsJson(std::string_view json) {
  ValidationSettings s;
  const std::string_view trimmed = trimWhitespace(json);
  if (trimmed.empty() || trimmed == "null") return s;
  const Result<FlatObject> object = readFlatObject(json);  // untrimmed: a byte order mark after white space is refused
  if (!object) return FieldError{"settings", object.error().code, "Settings: " + object.error().message};
  for (const auto& [key, v] : object.value().members) {
    if (v.kind == JsonScalar::Kind::Null) continue;  // same as absent: the default
    std::int64_t n = 0;
    if (key == "minAmountRwf" || key == "maxAmountRwf") {
      if (!wholeIn(v, 0, kMaxSafeInteger, n))
        return settingsError("settings.invalid", key + " must be a whole number of francs from 0 to 2^53 - 1.");
      (key == "minAmountRwf" ? s.minAmountRwf : s.maxAmountRwf) = n;
    } else if (key == "currentYear") {
      if (!wholeIn(v, 0, 9999, n)) return settingsError("settings.invalid", "currentYear must be a year (0 for unknown).");
      s.currentYear = static_cast<int>(n);
    } else if (key == "emailRequired" || key == "sandbox" || key == "callbackUrlRequired") {
      if (v.kind != JsonScalar::Kind::Bool) return settingsError("settings.invalid", key + " must be true or false.");
      (key == "sandbox" ? s.sandbox : key == "emailRequired" ? s.emailRequired : s.callbackUrlRequired) = v.boolean;
    } else {
      return settingsError("settings.unknown", "Unknown setting \"" + key.substr(0, 64) +
                                                   "\": expected minAmountRwf, maxAmountRwf, emailRequired, "
                                                   "sandbox, callbackUrlRequired or currentYear.");
    }
  }
  if (s.minAmountRwf > s.maxAmountRwf)
    return settingsError("settings.invalid", "minAmountRwf must not be greater than maxAmountRwf.");
  return s;
}

}  // namespace ltgs
