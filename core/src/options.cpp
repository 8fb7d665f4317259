#include "ltgs/options.hpp"

#include "ltgs/codes.hpp"
#include "option_reader.hpp"

namespace ltgs {

const char* paymentMethodName(PaymentMethod method) noexcept {
  switch (method) {
    case PaymentMethod::MtnMomo: return "MTN_MOMO";
    case PaymentMethod::AirtelMoney: return "AIRTEL_MONEY";
    case PaymentMethod::Qr: return "QR";
    case PaymentMethod::Ussd: return "USSD";
  }
  return "";
}

Result<PaymentOptions> paymentOptions(const PaymentRequest& request, const MerchantConfig& config) {
  const Operator op = request.phone.op;
  std::vector<PaymentOption> options;
  if (config.mtnMomo && op == Operator::Mtn) options.push_back({PaymentMethod::MtnMomo, false, request.phone.local, {}});
  if (config.airtelMoney && op == Operator::Airtel)
    options.push_back({PaymentMethod::AirtelMoney, false, request.phone.local, {}});
  if (config.qr) options.push_back({PaymentMethod::Qr, false, {}, {}});
  if (config.ussd) {
    std::string_view tmpl, code;
    if (op == Operator::Mtn && !config.mtnMerchantCode.empty()) tmpl = kMtnMomoPayTemplate, code = config.mtnMerchantCode;
    if (op == Operator::Airtel && !config.airtelUssdTemplate.empty())
      tmpl = config.airtelUssdTemplate, code = config.airtelMerchantCode;
    if (!tmpl.empty()) {
      const Result<UssdCode> ussd = ussdFromTemplate(tmpl, code, request.totalAmountToPay);
      if (!ussd) return ussd.error();
      options.push_back({PaymentMethod::Ussd, false, {}, ussd.value()});
    }
  }
  if (options.empty())
    return codeError("options.none_available");
  options.front().recommended = true;  // the order above is the order of preference
  return PaymentOptions{options.front().method, std::move(options)};
}

std::vector<FieldError> unavailableMethods(const MerchantConfig& config, const std::vector<PaymentMethod>& requested) {
  std::vector<FieldError> out;
  bool ussdReported = false;
  for (const PaymentMethod m : requested) {
    if (m != PaymentMethod::Ussd || ussdReported) continue;
    if (config.ussd && (!config.mtnMerchantCode.empty() || !config.airtelUssdTemplate.empty())) continue;
    ussdReported = true;
    out.push_back(codeError("options.method_unavailable", {ErrorParam::of("method", paymentMethodName(PaymentMethod::Ussd))}));
  }
  return out;
}

Result<MerchantConfig> parseMerchantConfigJson(std::string_view json) {
  static const OptionSpec kSpecs[] = {
      {"mtnMomo", OptionType::Bool},          {"airtelMoney", OptionType::Bool},
      {"qr", OptionType::Bool},               {"ussd", OptionType::Bool},
      {"mtnMerchantCode", OptionType::Text},  {"airtelMerchantCode", OptionType::Text},
      {"airtelUssdTemplate", OptionType::Text},
  };
  const Result<FlatObject> object = readOptions(json, "config", kSpecs);
  if (!object) return object.error();
  MerchantConfig c;
  for (const auto& [key, value] : object.value().members) {
    bool* flag = key == "mtnMomo" ? &c.mtnMomo : key == "airtelMoney" ? &c.airtelMoney : key == "qr" ? &c.qr
                 : key == "ussd" ? &c.ussd : nullptr;
    if (flag != nullptr) *flag = value.boolean;
    else (key == "mtnMerchantCode" ? c.mtnMerchantCode : key == "airtelMerchantCode" ? c.airtelMerchantCode
                                                         : c.airtelUssdTemplate) = value.text;
  }
  return c;
}

}  // namespace ltgs
