#include "ltgs/settings.hpp"

#include "option_reader.hpp"

namespace ltgs {

Result<ValidationSettings> parseSettingsJson(std::string_view json) {
  static const OptionSpec kSpecs[] = {
      {"minAmountRwf", OptionType::Whole, 0, static_cast<double>(kMaxSafeInteger)},
      {"maxAmountRwf", OptionType::Whole, 0, static_cast<double>(kMaxSafeInteger)},
      {"emailRequired", OptionType::Bool},
      {"sandbox", OptionType::Bool},
      {"callbackUrlRequired", OptionType::Bool},
      {"currentYear", OptionType::Whole, 0, 9999},
  };
  const Result<FlatObject> object = readOptions(json, "settings", kSpecs);
  if (!object) return object.error();
  ValidationSettings s;
  for (const auto& [key, v] : object.value().members) {
    if (key == "minAmountRwf") s.minAmountRwf = wholeValue(v);
    else if (key == "maxAmountRwf") s.maxAmountRwf = wholeValue(v);
    else if (key == "currentYear") s.currentYear = static_cast<int>(wholeValue(v));
    else (key == "sandbox" ? s.sandbox : key == "emailRequired" ? s.emailRequired : s.callbackUrlRequired) = v.boolean;
  }
  if (s.minAmountRwf > s.maxAmountRwf) return optionInvalid("settings", "minAmountRwf", "at most maxAmountRwf");
  return s;
}

}  // namespace ltgs
