#pragma once
// The functions the wasm module exports, as text in and a JSON report out: wasm/bindings.cpp only converts
// JavaScript values to these arguments, and the native tests call the same functions. One function per
// export, named after it (parsePhone → parsePhoneReport). Every report follows one convention
// (wasm/README.md documents each value and its codes):
//   {"ok":true,"value":…}
//   {"ok":false,"errors":[{"field":…,"code":…,"message":…,"params":{…}},…]}
// where params holds the numbers and names a translation of the message needs. Option objects (settings,
// merchant configuration, QR options, poll settings and input, events, the EMVCo build input) come as JSON
// text, "" for none, and are read by one reader: an unknown member is settings.unknown, a wrong one
// settings.invalid, on the object's name.

#include <cstdint>
#include <string>
#include <string_view>

#include "ltgs/json_value.hpp"

namespace ltgs {

// The payment request and its fields.
std::string validateRequestJsonReport(std::string_view requestJson, std::string_view settingsJson);
std::string validateFieldReport(std::string_view field, const JsonScalar& value, std::string_view settingsJson);
std::string paymentOptionsReport(std::string_view requestJson, std::string_view configJson, std::string_view settingsJson);
std::string unavailableMethodsReport(std::string_view configJson, std::string_view methodsCsv);
std::string parsePhoneReport(std::string_view text);
std::string parseAmountReport(std::string_view text);
std::string parseNationalIdReport(std::string_view text, std::int64_t currentYear);
std::string parseEmailReport(std::string_view text);
std::string parseCallbackUrlReport(std::string_view text, bool sandbox);
std::string parseServicesNameReport(std::string_view text);
std::string parseSaleReferenceReport(std::string_view text);

// LTGS's answers.
std::string parseCallbackJsonReport(std::string_view json);
std::string failureReasonCodeReport(std::string_view word);
std::string paymentStatusWordReport(std::string_view status);
std::string retryAfterMsReport(std::string_view header, std::int64_t nowMs);

// QR, EMVCo and USSD.
std::string qrSvgReport(std::string_view text, std::string_view optionsJson);
std::string qrMatrixReport(std::string_view text, std::string_view eccText);
std::string emvParseReport(std::string_view payload);
std::string emvBuildReport(std::string_view inputJson);
std::string ussdCodeReport(std::string_view tmpl, std::string_view merchantCode, std::int64_t amountRwf);
std::string mtnMomoPayUssdReport(std::string_view merchantCode, std::int64_t amountRwf);
std::string ussdTelLinkReport(std::string_view dial);
std::string checkQrPayloadReport(std::string_view payload, std::int64_t amountRwf);
std::string checkUssdCodeReport(std::string_view dial, std::int64_t amountRwf, std::string_view configJson);

// The payment's lifecycle and polling (lifecycle_json.cpp).
std::string draftPaymentReport(std::string_view saleReferenceId, std::int64_t amountRwf);
std::string applyEventReport(std::string_view paymentJson, std::string_view eventJson);
std::string nextPollReport(std::string_view paymentJson, std::string_view inputJson, std::string_view settingsJson);

// The order and its attempts (order_json.cpp).
std::string attemptReferenceReport(std::string_view orderReference, std::int64_t number);
std::string parseAttemptReferenceReport(std::string_view saleReferenceId);
std::string parsePaymentMethodReport(const JsonScalar& value);
std::string decideInitiationReport(std::string_view orderJson, std::int64_t requestedNumber, std::int64_t nowMs);
std::string startAttemptReport(std::int64_t number, std::int64_t nowMs, std::int64_t lifetimeMs);
std::string applyAttemptStatusReport(std::string_view attemptJson, std::int64_t orderAmountRwf, std::string_view statusJson);
std::string rejectAttemptReport(std::string_view attemptJson);
std::string orderStatusReport(std::string_view orderJson);
std::string checkoutRulesReport();

// The catalogue of codes (ltgs/codes.hpp): [{"code","kind","field","message","params":["min",…]},…], by code.
std::string codesReport();

}  // namespace ltgs
