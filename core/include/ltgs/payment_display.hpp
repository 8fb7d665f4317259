#pragma once
// What a widget may show the payer for a QR or USSD payment. The QR_Payload and USSD_Code that the partner's
// backend passes on from LTGS are checked against the payment first: a payload or dial string that would let
// the payer pay another amount, in another currency or to another merchant code, or that is not what it
// claims to be, is refused with a stable code and never drawn or offered as a link.

#include <cstdint>
#include <string>
#include <string_view>

#include "ltgs/emv.hpp"
#include "ltgs/options.hpp"
#include "ltgs/result.hpp"
#include "ltgs/ussd.hpp"

namespace ltgs {

// ISO 4217 numeric code of the Rwandan franc: EMVCo tag 53.
constexpr std::string_view kRwfNumericCode = "646";
// The longest USSD string a handset sends (3GPP TS 23.038: 182 characters).
constexpr std::size_t kMaxUssdLength = 182;

struct QrDisplay {
  EmvPayload emv;  // the parsed payload; its warnings (missing recommended objects) included
  // A static payload (no amount, tag 54): the payer's app asks for the amount, so the widget shows it beside
  // the code and tells the payer to enter it. False for a payload that carries the payment's own amount.
  bool payerEntersAmount = false;
};

// Checks a QR payload against the payment of amountRwf whole francs. Only an EMVCo payload is drawn:
// codes (field "QR_Payload") qr.not_emv (text that does not start with the payload format indicator
// 000201), the emv.* codes of parseEmvPayload (a damaged payload), qr.missing_currency (no tag 53: the
// payer's app could not tell francs from another currency), qr.currency_mismatch (53 is not 646, RWF),
// qr.amount_mismatch (54 is another amount: "15000" and "15000.00" match 15000, "1500000" and "15000.50"
// do not), qr.tip_or_fee (tag 55: the payer's app would ask for a tip or add a convenience fee, so the
// payer would pay more than the bill). Code qr.invalid_amount (field "Total_Amount_to_Pay") when amountRwf
// is not a positive number of francs.
Result<QrDisplay> checkQrPayload(std::string_view payload, std::int64_t amountRwf);

enum class UssdScheme { MtnMomoPay, AirtelTemplate };
// "MTN_MOMO_PAY", "AIRTEL_TEMPLATE".
const char* ussdSchemeName(UssdScheme scheme) noexcept;

struct UssdDisplay {
  UssdCode code;             // the dial string (white space around it removed) and its tel: link
  UssdScheme scheme = UssdScheme::MtnMomoPay;
  std::string merchantCode;  // as written in the dial string; empty when the template has no {merchantCode}
};

// Recognises a dial string for the payment of amountRwf whole francs: MTN MoMo Pay
// (*182*8*1*<merchant code>*<amount>#) or the merchant's configured Airtel template (MerchantConfig::
// airtelUssdTemplate). A configured merchant code (mtnMerchantCode, airtelMerchantCode) must be the one
// dialled; without one, any merchant code of 1 to 20 digits is read. The amount must be written as the
// payment's, in whole francs without leading zeros. Codes (field "USSD_Code"): ussd.unrecognised (neither
// form, longer than 182 characters, or empty), ussd.merchant_mismatch, ussd.amount_mismatch,
// ussd.no_amount (the configured template carries no {amount}, so the payer would type any amount),
// ussd.invalid_template (a configured Airtel template that is not one, see ussdFromTemplate). Code
// ussd.invalid_amount when amountRwf is not a positive number of francs.
Result<UssdDisplay> checkUssdCode(std::string_view dial, std::int64_t amountRwf, const MerchantConfig& config);

}  // namespace ltgs
