// The widget's wasm exports: the core's report functions (ltgs/report.hpp) behind a plain C ABI, for the
// browser build, whose JavaScript side is web/widget/wasm-glue.js. The same conversions as bindings.cpp
// (Embind, the Node build), done without Embind's runtime: a string arrives as (pointer, length) of UTF-8 in
// the buffer ltgs_input hands out, a number as a double (NaN when the JS value was not a number), a flag as
// 0/1, and every function answers the report's JSON text, whose length ltgs_size gives. No decisions here.

#include <cstdint>
#include <string>
#include <string_view>

#include "convert.hpp"
#include "ltgs/json_value.hpp"
#include "ltgs/report.hpp"

#define LTGS_EXPORT extern "C" __attribute__((used, visibility("default")))

namespace {

std::string input;   // where the caller writes the strings of one call
std::string answer;  // the last call's report

const char* give(std::string report) {
  answer = std::move(report);
  return answer.c_str();
}

using Text = std::string_view;
std::int64_t whole(double d) { return ltgs_wasm::whole(d); }

// A JS value as a JsonScalar: kind is JsonScalar::Kind's number, number the value of a Bool (0/1) or a Float,
// text a String's.
ltgs::JsonScalar scalar(int kind, double number, Text text) {
  using Kind = ltgs::JsonScalar::Kind;
  if (kind < 0 || kind > static_cast<int>(Kind::Array)) kind = static_cast<int>(Kind::Object);
  ltgs::JsonScalar v = ltgs::JsonScalar::make(static_cast<Kind>(kind));
  if (v.kind == Kind::Bool) v.boolean = number != 0;
  if (v.kind == Kind::Float) v.number = number;
  if (v.kind == Kind::String) v.text.assign(text.data(), text.size());
  return v;
}

}  // namespace

// A string argument: its bytes and their count.
#define T(name) const char *name##Bytes, std::uint32_t name##Size
#define V(name) Text(name##Bytes, name##Size)

// At least `size` bytes for the next call's strings (valid until then).
LTGS_EXPORT char* ltgs_input(std::uint32_t size) {
  if (input.size() < size) input.resize(size);
  return input.data();
}
// The length in bytes of the last report.
LTGS_EXPORT std::uint32_t ltgs_size() { return static_cast<std::uint32_t>(answer.size()); }

LTGS_EXPORT const char* ltgs_validateRequestJson(T(body), T(settings)) {
  return give(ltgs::validateRequestJsonReport(V(body), V(settings)));
}
LTGS_EXPORT const char* ltgs_validateField(T(field), int kind, double number, T(value), T(settings)) {
  return give(ltgs::validateFieldReport(V(field), scalar(kind, number, V(value)), V(settings)));
}
LTGS_EXPORT const char* ltgs_paymentOptions(T(body), T(config), T(settings)) {
  return give(ltgs::paymentOptionsReport(V(body), V(config), V(settings)));
}
LTGS_EXPORT const char* ltgs_unavailableMethods(T(config), T(methods)) {
  return give(ltgs::unavailableMethodsReport(V(config), V(methods)));
}
LTGS_EXPORT const char* ltgs_parsePhone(T(s)) { return give(ltgs::parsePhoneReport(V(s))); }
LTGS_EXPORT const char* ltgs_parseAmount(T(s)) { return give(ltgs::parseAmountReport(V(s))); }
LTGS_EXPORT const char* ltgs_parseNationalId(T(s), double year) {
  return give(ltgs::parseNationalIdReport(V(s), whole(year)));
}
LTGS_EXPORT const char* ltgs_parseEmail(T(s)) { return give(ltgs::parseEmailReport(V(s))); }
LTGS_EXPORT const char* ltgs_parseCallbackUrl(T(s), int sandbox) {
  return give(ltgs::parseCallbackUrlReport(V(s), sandbox != 0));
}
LTGS_EXPORT const char* ltgs_parseServicesName(T(s)) { return give(ltgs::parseServicesNameReport(V(s))); }
LTGS_EXPORT const char* ltgs_parseSaleReference(T(s)) { return give(ltgs::parseSaleReferenceReport(V(s))); }

LTGS_EXPORT const char* ltgs_parseCallbackJson(T(body)) { return give(ltgs::parseCallbackJsonReport(V(body))); }
LTGS_EXPORT const char* ltgs_failureReasonCode(T(word)) { return give(ltgs::failureReasonCodeReport(V(word))); }
LTGS_EXPORT const char* ltgs_paymentStatusWord(T(s)) { return give(ltgs::paymentStatusWordReport(V(s))); }
LTGS_EXPORT const char* ltgs_retryAfterMs(T(header), double nowMs) {
  return give(ltgs::retryAfterMsReport(V(header), whole(nowMs)));
}

LTGS_EXPORT const char* ltgs_qrSvg(T(s), T(options)) { return give(ltgs::qrSvgReport(V(s), V(options))); }
LTGS_EXPORT const char* ltgs_qrMatrix(T(s), T(ecc)) { return give(ltgs::qrMatrixReport(V(s), V(ecc))); }
LTGS_EXPORT const char* ltgs_emvParse(T(payload)) { return give(ltgs::emvParseReport(V(payload))); }
LTGS_EXPORT const char* ltgs_emvBuild(T(in)) { return give(ltgs::emvBuildReport(V(in))); }
LTGS_EXPORT const char* ltgs_ussdCode(T(tmpl), T(merchantCode), double amount) {
  return give(ltgs::ussdCodeReport(V(tmpl), V(merchantCode), whole(amount)));
}
LTGS_EXPORT const char* ltgs_mtnMomoPayUssd(T(merchantCode), double amount) {
  return give(ltgs::mtnMomoPayUssdReport(V(merchantCode), whole(amount)));
}
LTGS_EXPORT const char* ltgs_ussdTelLink(T(dial)) { return give(ltgs::ussdTelLinkReport(V(dial))); }
LTGS_EXPORT const char* ltgs_checkQrPayload(T(payload), double amount) {
  return give(ltgs::checkQrPayloadReport(V(payload), whole(amount)));
}
LTGS_EXPORT const char* ltgs_checkUssdCode(T(dial), double amount, T(config)) {
  return give(ltgs::checkUssdCodeReport(V(dial), whole(amount), V(config)));
}

LTGS_EXPORT const char* ltgs_draftPayment(T(ref), double amount) {
  return give(ltgs::draftPaymentReport(V(ref), whole(amount)));
}
LTGS_EXPORT const char* ltgs_applyEvent(T(payment), T(event)) {
  return give(ltgs::applyEventReport(V(payment), V(event)));
}
LTGS_EXPORT const char* ltgs_nextPoll(T(payment), T(in), T(settings)) {
  return give(ltgs::nextPollReport(V(payment), V(in), V(settings)));
}

LTGS_EXPORT const char* ltgs_attemptReference(T(order), double n) {
  return give(ltgs::attemptReferenceReport(V(order), whole(n)));
}
LTGS_EXPORT const char* ltgs_parseAttemptReference(T(s)) { return give(ltgs::parseAttemptReferenceReport(V(s))); }
LTGS_EXPORT const char* ltgs_parsePaymentMethod(int kind, double number, T(value)) {
  return give(ltgs::parsePaymentMethodReport(scalar(kind, number, V(value))));
}
LTGS_EXPORT const char* ltgs_decideInitiation(T(order), double n, double nowMs) {
  return give(ltgs::decideInitiationReport(V(order), whole(n), whole(nowMs)));
}
LTGS_EXPORT const char* ltgs_startAttempt(double n, double nowMs, double lifetimeMs) {
  return give(ltgs::startAttemptReport(whole(n), whole(nowMs), whole(lifetimeMs)));
}
LTGS_EXPORT const char* ltgs_applyAttemptStatus(T(attempt), double amount, T(body)) {
  return give(ltgs::applyAttemptStatusReport(V(attempt), whole(amount), V(body)));
}
LTGS_EXPORT const char* ltgs_rejectAttempt(T(attempt)) { return give(ltgs::rejectAttemptReport(V(attempt))); }
LTGS_EXPORT const char* ltgs_orderStatus(T(order)) { return give(ltgs::orderStatusReport(V(order))); }
LTGS_EXPORT const char* ltgs_checkoutRules() { return give(ltgs::checkoutRulesReport()); }
LTGS_EXPORT const char* ltgs_codes() { return give(ltgs::codesReport()); }
