#pragma once
// Which ways to pay to offer for a validated request, in order, with a recommended default.

#include <string>
#include <string_view>
#include <vector>

#include "ltgs/payment_request.hpp"
#include "ltgs/result.hpp"
#include "ltgs/ussd.hpp"

namespace ltgs {

enum class PaymentMethod { MtnMomo, AirtelMoney, Qr, Ussd };
// "MTN_MOMO", "AIRTEL_MONEY", "QR", "USSD" (LTGS sandbox Payment_Method values).
const char* paymentMethodName(PaymentMethod method) noexcept;

struct MerchantConfig {
  // Options the merchant offers at all.
  bool mtnMomo = true;
  bool airtelMoney = true;
  bool qr = true;
  bool ussd = true;
  // USSD needs the merchant's code. MTN's MoMo Pay string is built in; no Airtel merchant-pay string is
  // published, so Airtel USSD is offered only with a configured template.
  std::string mtnMerchantCode;
  std::string airtelMerchantCode;
  std::string airtelUssdTemplate;  // e.g. "*182*…*{merchantCode}*{amount}#"
};

struct PaymentOption {
  PaymentMethod method;
  bool recommended = false;
  std::string phone;  // push options: the number that gets the prompt, 10-digit local form
  UssdCode ussd;      // USSD: the dial string and tel: link
};

struct PaymentOptions {
  PaymentMethod defaultMethod;
  std::vector<PaymentOption> options;  // MTN MoMo, Airtel Money, QR, USSD: those that apply, in this order
};

// A push goes to the request's phone, so MTN MoMo is offered for an MTN number and Airtel Money for an
// Airtel number (a KTRN number has no wallet: no push). QR is offered when enabled (any wallet app scans
// it). USSD when the phone's operator has a dial string for this merchant. The default is the push
// option when there is one, else QR, else USSD. Codes: options.none_available, and ussd.* for a bad
// merchant code or template.
Result<PaymentOptions> paymentOptions(const PaymentRequest& request, const MerchantConfig& config);

// The partner asked for these methods (the widget's `methods`), and this configuration can never offer some
// of them, whatever the payer's number: USSD needs mtnMerchantCode (MTN MoMo Pay) or airtelUssdTemplate. One
// error per such method, code options.method_unavailable, field "methods"; none when every method may be
// offered to some number. Saying so keeps a partner's "USSD,QR" from silently becoming "QR".
std::vector<FieldError> unavailableMethods(const MerchantConfig& config, const std::vector<PaymentMethod>& requested);

// {"mtnMomo":bool,"airtelMoney":bool,"qr":bool,"ussd":bool,"mtnMerchantCode":"…","airtelMerchantCode":"…",
//  "airtelUssdTemplate":"…"}; every member optional ("" or "null" for the defaults). Codes (field "config"):
// settings.unknown, settings.invalid, json.* (option_reader.hpp).
Result<MerchantConfig> parseMerchantConfigJson(std::string_view json);

}  // namespace ltgs
