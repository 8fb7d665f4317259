#pragma once
// The JSON shapes that the command line prints and the wasm module returns, made in one place so that
// the native and WebAssembly builds answer identically:
//   {"ok":true, …value…}  or  {"ok":false,"errors":[{"field":…,"code":…,"message":…}, …]}
//   single-field parsers: {"ok":true,"value":…} or {"ok":false,"error":{…}}

#include <cstdint>
#include <string>
#include <string_view>

#include "ltgs/callback_notification.hpp"
#include "ltgs/emv.hpp"
#include "ltgs/options.hpp"
#include "ltgs/qr.hpp"
#include "ltgs/json_value.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/phone.hpp"
#include "ltgs/result.hpp"
#include "ltgs/settings.hpp"

namespace ltgs {

// {"ok":true,"request":{…wire payload…},"phone":{"e164":…,"operator":…}} or {"ok":false,"errors":[…]}
std::string reportJson(const Validation& v);
// {"ok":true,"notification":{…wire names, absent members null…}} or {"ok":false,"errors":[…]}
std::string reportJson(const CallbackParse& p);
// {"ok":true,"local":…,"e164":…,"operator":…,"hasWallet":…} or {"ok":false,"error":{…}}
std::string reportJson(const Result<PhoneNumber>& r);
// {"ok":true,"francs":…} or {"ok":false,"error":{…}}
std::string reportJson(const Result<std::int64_t>& r);
// {"ok":true,"<key>":"…"} or {"ok":false,"error":{…}}
std::string reportJson(const Result<std::string>& r, const char* key = "value");
// {"ok":true,"value":"…" or number} or {"ok":false,"error":{…}}
std::string reportJson(const Result<JsonScalar>& r);

// {"ok":true,"emv":{"dynamic":…,"accounts":[{"tag","guid","merchantId"}],"mcc","currency","amount","country",
//  "merchantName","merchantCity","postalCode","billNumber","referenceLabel","crc","fields":[{"id","value","fields"}]},
//  "warnings":[{"field":"QR_Payload","code":"emv.missing_mcc","message":…},…]} (warnings always present, [] when
//  the payload has every mandatory object), or {"ok":false,"error":{…}}
std::string reportJson(const Result<EmvPayload>& r);
// {"ok":true,"size":…,"version":…,"ecc":"M","rows":["1011…",…]}: the module matrix, one string per row
std::string reportJson(const Result<QrMatrix>& r);
// {"ok":true,"default":"MTN_MOMO","options":[{"method":"MTN_MOMO","recommended":true,"phone":"0788123456"},
//  {"method":"QR","recommended":false},{"method":"USSD","recommended":false,"dial":"*182*…#","tel":"tel:*182*…%23"}]}
//  or {"ok":false,"errors":[…]}
std::string reportJson(const Result<PaymentOptions>& r);

// Text in, JSON report out: the API the wasm bindings expose. Settings and merchant configuration come as
// JSON text ("" for defaults); a bad one is reported as the only error ({"ok":false,"errors":[…]} or
// {"ok":false,"error":…} for single-field calls), never ignored.
std::string validateRequestReport(std::string_view requestJson, std::string_view settingsJson);
std::string validateFieldReport(std::string_view field, const JsonScalar& value, std::string_view settingsJson);
// {"ok":true,"svg":"<svg…>","size":…,"version":…,"ecc":"M"}. optionsJson: {"ecc":"L|M|Q|H","dark":…,"light":…,
// "title":…,"quietZone":…}, every member optional. Codes: qr.*, json.*, qr.wrong_type.
std::string qrSvgReport(std::string_view text, std::string_view optionsJson);
// The module matrix report above, at level eccText ("" for M).
std::string qrMatrixReport(std::string_view text, std::string_view eccText);
// {"ok":true,"payload":"000201…"} from parseEmvBuildJson's input.
std::string emvBuildReport(std::string_view inputJson);
// {"ok":true,"dial":"*182*…#","tel":"tel:*182*…%23"}
std::string ussdReport(std::string_view tmpl, std::string_view merchantCode, std::int64_t amountRwf);
// The options for a payment request: its validation errors, or the options report above.
std::string paymentOptionsReport(std::string_view requestJson, std::string_view configJson,
                                 std::string_view settingsJson);
// The methods the partner asked for (names separated by commas, "USSD,QR"; names that are not methods are
// skipped: parsePaymentMethod reports them) that this merchant configuration can never offer:
// {"ok":true,"warnings":[{"field":"methods","code":"options.method_unavailable","message":…,"method":"USSD"}]}
// ([] when none), or {"ok":false,"errors":[…]} for a configuration that does not parse.
std::string unavailableMethodsReport(std::string_view configJson, std::string_view methodsCsv);

}  // namespace ltgs
