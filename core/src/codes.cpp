#include "ltgs/codes.hpp"

#include <algorithm>
#include <cstdint>

namespace ltgs {
namespace {

// The browser build (the widget's wasm, compiled with LTGS_CORE_NO_MESSAGES) keeps every code, kind and field
// but none of the English text: the widget shows its own words for each code (web/widget/i18n.js), and a
// message is then the code itself (codeMessage below). The Node build, the CLI and dist/codes.json keep it.
#ifdef LTGS_CORE_NO_MESSAGES
#define CODE(code, kind, field, message) CodeInfo{code, kind, field, ""}
#else
#define CODE(code, kind, field, message) CodeInfo{code, kind, field, message}
#endif

// Sorted by code (tests/core/codes_test.cpp checks it): findCode searches it by halves.
constexpr CodeInfo kCodes[] = {
    CODE("amount.above_maximum", "error", "Total_Amount_to_Pay", "The amount must be at most RWF {max}."),
    CODE("amount.below_minimum", "error", "Total_Amount_to_Pay", "The amount must be at least RWF {min}."),
    CODE("amount.exponent_not_allowed", "error", "Total_Amount_to_Pay", "Write the amount in full, without an exponent."),
    CODE("amount.invalid_format", "error", "Total_Amount_to_Pay",
         "Enter the amount in francs using digits only, like 15000 or 15,000 (digit groups in thousands)."),
    CODE("amount.negative", "error", "Total_Amount_to_Pay", "The amount must be a positive number of francs."),
    CODE("amount.not_whole_francs", "error", "Total_Amount_to_Pay",
         "Rwandan francs have no cents: the amount must be a whole number of francs."),
    CODE("amount.required", "error", "Total_Amount_to_Pay", "The amount is required."),
    CODE("amount.too_large", "error", "Total_Amount_to_Pay", "The amount is too large: at most {max} francs."),
    CODE("amount.wrong_type", "error", "Total_Amount_to_Pay", "The amount must be a number of whole francs, not {given}."),
    CODE("amount_paid.negative", "error", "Total_Amount_Paid", "Total_Amount_Paid must not be negative."),
    CODE("amount_paid.not_whole_francs", "error", "Total_Amount_Paid", "Total_Amount_Paid must be whole francs."),
    CODE("amount_paid.required", "error", "Total_Amount_Paid", "A PAID notification must carry Total_Amount_Paid."),
    CODE("amount_paid.too_large", "error", "Total_Amount_Paid", "Total_Amount_Paid is too large: at most {max} francs."),
    CODE("amount_paid.wrong_type", "error", "Total_Amount_Paid", "Total_Amount_Paid must be a number, not {given}."),
    CODE("attempt.amount_mismatch", "outcome", "", "LTGS reports a payment of another amount than the order's."),
    CODE("attempt.cancelled", "outcome", "", "The payer cancelled this attempt."),
    CODE("attempt.duplicate", "outcome", "", "LTGS repeats what is known of this attempt: nothing changes."),
    CODE("attempt.expired", "outcome", "", "This attempt expired unpaid."),
    CODE("attempt.failed", "outcome", "", "This attempt failed."),
    CODE("attempt.ignored", "outcome", "", "The attempt has ended: this status does not change it."),
    CODE("attempt.invalid", "error", "attempt", "The attempt is not usable: {problem}."),
    CODE("attempt.late_payment", "outcome", "", "An attempt that had ended unpaid was paid after all."),
    CODE("attempt.paid", "outcome", "", "This attempt is paid."),
    CODE("attempt.pending", "outcome", "", "This attempt is still waiting for the payer."),
    CODE("attempt.unknown_status", "outcome", "", "LTGS reports a status word this version does not know."),
    CODE("callback_url.has_credentials", "error", "Callback_URL", "The callback URL must not contain a user name or password."),
    CODE("callback_url.invalid", "error", "Callback_URL",
         "The callback URL must be absolute, like https://partner.example/callback, with any space, quote, control or "
         "non-ASCII character percent-encoded."),
    CODE("callback_url.invalid_host", "error", "Callback_URL", "The callback URL's host is not valid."),
    CODE("callback_url.invalid_port", "error", "Callback_URL", "The callback URL's port must be a number from 1 to 65535."),
    CODE("callback_url.missing_host", "error", "Callback_URL", "The callback URL needs a host name."),
    CODE("callback_url.not_https", "error", "Callback_URL",
         "The callback URL must use https (plain http only for localhost, and only in sandbox mode)."),
    CODE("callback_url.required", "error", "Callback_URL", "The callback URL is required."),
    CODE("callback_url.too_long", "error", "Callback_URL", "The callback URL must be at most {max} characters."),
    CODE("callback_url.wrong_type", "error", "Callback_URL", "The callback URL must be a string, not {given}."),
    CODE("channel.invalid", "error", "Payment_Channel", "Payment_Channel is not a channel name."),
    CODE("channel.wrong_type", "error", "Payment_Channel", "Payment_Channel must be a string, not {given}."),
    CODE("email.contains_space", "error", "Email_Address", "An email address cannot contain spaces."),
    CODE("email.domain_not_dotted", "error", "Email_Address", "The domain after '@' needs a dot, like example.com."),
    CODE("email.invalid_domain", "error", "Email_Address", "The part after '@' is not a valid domain name."),
    CODE("email.invalid_local_part", "error", "Email_Address",
         "The part before '@' may use letters, digits and ! # $ % & ' * + - / = ? ^ _ ` | ~ with single dots between "
         "them."),
    CODE("email.local_part_too_long", "error", "Email_Address", "The part before '@' must be at most {max} characters."),
    CODE("email.missing_at", "error", "Email_Address", "An email address needs an '@', like name@example.com."),
    CODE("email.required", "error", "Email_Address", "The email address is required."),
    CODE("email.too_long", "error", "Email_Address", "The email address must be at most {max} characters."),
    CODE("email.wrong_type", "error", "Email_Address", "The email address must be a string, not {given}."),
    CODE("emv.bad_crc", "error", "QR_Payload", "The payload's CRC is {crc} but its content gives {expected}: it was changed or mistyped."),
    CODE("emv.bad_format_indicator", "error", "QR_Payload", "An EMVCo payload starts with 000201 (payload format indicator 01)."),
    CODE("emv.bad_length", "error", "QR_Payload", "The length of data object {id} is not two digits, in {in}."),
    CODE("emv.bad_tag", "error", "QR_Payload", "A data object ID is not two digits, in {in}."),
    CODE("emv.duplicate_tag", "error", "QR_Payload", "Data object {id} appears twice."),
    CODE("emv.empty", "error", "QR_Payload", "The QR payload is empty."),
    CODE("emv.invalid_utf8", "error", "QR_Payload", "The QR payload is not valid UTF-8 text."),
    CODE("emv.invalid_value", "error", "QR_Payload", "{member}: {problem}."),
    CODE("emv.missing_country", "warning", "QR_Payload", "The payload has no country code (data object 58)."),
    CODE("emv.missing_crc", "error", "QR_Payload", "An EMVCo payload ends with its CRC, data object 63: 6304 and four hex digits."),
    CODE("emv.missing_currency", "warning", "QR_Payload", "The payload has no transaction currency (data object 53)."),
    CODE("emv.missing_mcc", "warning", "QR_Payload", "The payload has no merchant category code (data object 52)."),
    CODE("emv.missing_merchant_account", "warning", "QR_Payload",
         "The payload has no merchant account information (data objects 02-51)."),
    CODE("emv.missing_merchant_city", "warning", "QR_Payload", "The payload has no merchant city (data object 60)."),
    CODE("emv.missing_merchant_name", "warning", "QR_Payload", "The payload has no merchant name (data object 59)."),
    CODE("emv.missing_value", "error", "<member>", "{member} is required for an EMVCo QR payload."),
    CODE("emv.too_long", "error", "QR_Payload", "An EMVCo QR payload is at most {max} characters."),
    CODE("emv.truncated", "error", "QR_Payload", "The payload ends inside a data object, in {in}."),
    CODE("emv.unknown_tag", "error", "QR_Payload", "Data object {id} is reserved by EMVCo and not defined."),
    CODE("emv.value_too_long", "error", "<member>", "{member} must be at most {max} characters."),
    CODE("event.invalid", "error", "event", "The event's {member} \"{kind}\" is not one of {expected}."),
    CODE("failure.declined_by_payer", "outcome", "", "The payer declined the payment request."),
    CODE("failure.expired", "outcome", "", "The payer did not approve the payment request in time."),
    CODE("failure.insufficient_funds", "outcome", "", "The payer's wallet did not hold enough money."),
    CODE("failure.unknown", "outcome", "", "LTGS gave a failure reason this version does not know."),
    CODE("fetch.http_status", "outcome", "", "The request was answered with an HTTP status outside 2xx."),
    CODE("fetch.malformed_json", "outcome", "", "The response was not the JSON document expected."),
    CODE("fetch.network_error", "outcome", "", "The request did not reach the server (offline, DNS, connection, CORS)."),
    CODE("fetch.timeout", "outcome", "", "The request took too long and was given up."),
    CODE("field.unknown", "error", "<field>", "This is not a field of an LTGS payment request."),
    CODE("initiate.accepted", "outcome", "", "The partner's backend accepted the payment request."),
    CODE("initiate.already_in_flight", "outcome", "", "A payment request is already on its way."),
    CODE("initiate.deadline_passed", "outcome", "", "The payment's time ran out before it could be sent again."),
    CODE("initiate.rejected", "outcome", "", "The payment request was refused for good."),
    CODE("initiate.retry", "outcome", "", "The payment request failed for now and may be sent again."),
    CODE("initiate.sent", "outcome", "", "The payment request was sent."),
    CODE("initiate.stopped_waiting", "outcome", "", "The payer stopped waiting: nothing is sent."),
    CODE("json.duplicate_key", "error", "$", "A key appears more than once (\"{key}\"); parsers disagree on which one wins."),
    CODE("json.malformed", "error", "$", "The body is not valid JSON (at byte {byte})."),
    CODE("json.not_object", "error", "$", "The body must be a JSON object."),
    CODE("json.too_deep", "error", "$", "The body is nested more than {maxDepth} levels deep."),
    CODE("json.too_large", "error", "$", "The body is larger than 64 KiB ({maxBytes} bytes)."),
    CODE("lifecycle.cancelled", "outcome", "", "The payment was cancelled."),
    CODE("lifecycle.expired", "outcome", "", "The payment's time ran out: it is expired."),
    CODE("lifecycle.ignored_after_terminal", "outcome", "", "The payment has ended: the event changes nothing."),
    CODE("lifecycle.invalid_event", "outcome", "", "The event does not fit what happened: it changes nothing."),
    CODE("lifecycle.invalid_payment", "error", "payment",
         "A payment needs a valid Sale_Reference_ID and a whole amount of at least 1 franc."),
    CODE("lifecycle.not_expired", "outcome", "", "The payment's time has not run out yet."),
    CODE("lifecycle.out_of_order", "outcome", "", "The event comes in the wrong state: it changes nothing."),
    CODE("lifecycle.stopped_waiting", "outcome", "", "The payer stopped waiting; the payment is still watched."),
    CODE("lifecycle.validated", "outcome", "", "The payment's details are complete."),
    CODE("lifecycle.waiting_again", "outcome", "", "The payer is waiting again."),
    CODE("method.invalid", "error", "Payment_Method", "Payment_Method must be one of {methods}."),
    CODE("method.required", "error", "Payment_Method", "Payment_Method is required: one of {methods}."),
    CODE("method.wrong_type", "error", "Payment_Method", "Payment_Method must be a string."),
    CODE("national_id.bad_category", "error", "Customer_KYC_ID", "A national ID number starts with 1, 2 or 3."),
    CODE("national_id.implausible_birth_year", "error", "Customer_KYC_ID",
         "Digits 2 to 5 of the national ID are the year of birth, and {year} is not plausible."),
    CODE("national_id.invalid_characters", "error", "Customer_KYC_ID",
         "The national ID may contain only digits (spaces, and hyphens between digits, are removed)."),
    CODE("national_id.required", "error", "Customer_KYC_ID", "The national ID number is required."),
    CODE("national_id.wrong_length", "error", "Customer_KYC_ID", "The national ID number has exactly {length} digits."),
    CODE("national_id.wrong_type", "error", "Customer_KYC_ID", "The national ID number must be a string, not {given}."),
    CODE("options.method_unavailable", "warning", "methods",
         "{method} is never offered without a merchant code: set mtnMerchantCode (MTN MoMo Pay) or airtelUssdTemplate."),
    CODE("options.none_available", "error", "options",
         "No way to pay applies to this phone number with this merchant's settings."),
    CODE("order.attempt_ended", "outcome", "", "This payment attempt has ended; start a new one."),
    CODE("order.attempt_open", "outcome", "", "An earlier payment request for this order is still open at LTGS."),
    CODE("order.attempt_out_of_sequence", "outcome", "", "A later attempt of this order exists; attempts are numbered upwards."),
    CODE("order.invalid", "error", "order", "The order is not usable: {problem}."),
    CODE("order.new_attempt", "outcome", "", "A new payment attempt may start."),
    CODE("order.paid", "outcome", "", "This order is paid."),
    CODE("order.payment_under_review", "outcome", "",
         "A payment of another amount was made for this order: the merchant must settle it first."),
    CODE("order.reference_reserved_suffix", "error", "Sale_Reference_ID",
         "An order reference may not end in \"-R\" and digits: that ending numbers its attempts."),
    CODE("order.reference_too_long", "error", "Sale_Reference_ID",
         "An order reference must be at most {max} characters, so that its attempts fit LTGS's 64."),
    CODE("order.resend", "outcome", "", "The same payment again: LTGS treats it as one."),
    CODE("order.too_many_attempts", "error", "Sale_Reference_ID", "An order has at most {max} payment attempts."),
    CODE("paid_on.invalid_date", "error", "Paid_On", "Paid_On is not a real date and time."),
    CODE("paid_on.invalid_format", "error", "Paid_On", "Paid_On must be written as YYYY-MM-DD HH:MM:SS."),
    CODE("paid_on.required", "error", "Paid_On", "A PAID notification must carry Paid_On."),
    CODE("paid_on.wrong_type", "error", "Paid_On", "Paid_On must be a string, not {given}."),
    CODE("payment.invalid", "error", "payment", "The payment state is not one this widget wrote: {problem}."),
    CODE("payment_ref.invalid", "error", "Payment_Ref_ID", "Payment_Ref_ID is not a payment reference."),
    CODE("payment_ref.wrong_type", "error", "Payment_Ref_ID", "Payment_Ref_ID must be a string, not {given}."),
    CODE("phone.foreign_number", "error", "Phone_Number", "Only Rwandan (+250) mobile numbers can pay here."),
    CODE("phone.invalid_characters", "error", "Phone_Number",
         "The phone number may contain only digits, spaces, '-', '.', brackets and a leading '+'."),
    CODE("phone.landline", "error", "Phone_Number", "This is a landline number; enter a mobile-money number (07…)."),
    CODE("phone.not_mobile", "error", "Phone_Number", "This is a service number, not a mobile number."),
    CODE("phone.required", "error", "Phone_Number", "The phone number is required."),
    CODE("phone.too_long", "error", "Phone_Number", "The phone number is too long: {length} digits, like 0788 123 456."),
    CODE("phone.too_short", "error", "Phone_Number", "The phone number is too short: {length} digits, like 0788 123 456."),
    CODE("phone.unknown_operator", "error", "Phone_Number",
         "No operator uses this prefix; Rwandan mobile numbers start with 072, 073, 077, 078 or 079."),
    CODE("phone.wrong_type", "error", "Phone_Number", "The phone number must be a string, not {given}."),
    CODE("poll.client_error", "outcome", "", "The status endpoint refuses the request (HTTP 4xx): polling stops."),
    CODE("poll.done", "outcome", "", "The payment has ended: nothing is polled."),
    CODE("poll.expired", "outcome", "", "The final check was made: the payment expires."),
    CODE("poll.final_check", "outcome", "", "One last status request, at the deadline."),
    CODE("poll.forbidden", "outcome", "", "The status endpoint forbids the request (HTTP 403): polling stops."),
    CODE("poll.next", "outcome", "", "The next status request, on schedule."),
    CODE("poll.not_found", "outcome", "", "The status endpoint does not know the payment (HTTP 404): polling stops."),
    CODE("poll.not_started", "outcome", "", "The payment has not been sent: nothing is polled."),
    CODE("poll.retry", "outcome", "", "The status request failed for now and is made again."),
    CODE("poll.unauthorized", "outcome", "", "The status endpoint refuses the credentials (HTTP 401): polling stops."),
    CODE("poll.unexpected_status", "outcome", "", "The status endpoint answered an unexpected HTTP status: polling stops."),
    CODE("qr.amount_mismatch", "error", "QR_Payload", "The QR payload asks for {payloadAmount}, not this payment's {amountRwf} RWF."),
    CODE("qr.currency_mismatch", "error", "QR_Payload", "The QR payload is in currency {currency}, not RWF (646)."),
    CODE("qr.empty", "error", "qr", "There is no text to put in the QR code."),
    CODE("qr.invalid_amount", "error", "Total_Amount_to_Pay", "The amount must be a positive number of whole francs."),
    CODE("qr.invalid_colour", "error", "qr", "Colours must be #rgb, #rrggbb, #rrggbbaa or a colour keyword."),
    CODE("qr.invalid_ecc", "error", "qr", "The error-correction level must be L, M, Q or H."),
    CODE("qr.invalid_quiet_zone", "error", "qr", "The quiet zone must be 0 to 16 modules."),
    CODE("qr.missing_currency", "error", "QR_Payload", "The QR payload names no currency (data object 53); this payment is in RWF (646)."),
    CODE("qr.not_emv", "error", "QR_Payload", "The QR payload is not an EMVCo payment payload (it does not start with 000201)."),
    CODE("qr.tip_or_fee", "error", "QR_Payload",
         "The QR payload asks the payer's app for a tip or adds a convenience fee (data object 55)."),
    CODE("qr.too_long", "error", "qr", "The text is too long for a QR code at error-correction level {ecc} ({bytes} bytes)."),
    CODE("reference.invalid_characters", "error", "Sale_Reference_ID",
         "The sale reference may contain only letters, digits, '_', '-' and '.', without spaces."),
    CODE("reference.required", "error", "Sale_Reference_ID", "The sale reference is required."),
    CODE("reference.too_long", "error", "Sale_Reference_ID", "The sale reference must be at most {max} characters."),
    CODE("reference.wrong_type", "error", "Sale_Reference_ID", "The sale reference must be a string, not {given}."),
    CODE("services_name.control_character", "error", "Services_Name",
         "The service name must not contain control characters such as line breaks or tabs."),
    CODE("services_name.invalid_utf8", "error", "Services_Name", "The service name is not valid UTF-8 text."),
    CODE("services_name.required", "error", "Services_Name", "The service name is required."),
    CODE("services_name.too_long", "error", "Services_Name", "The service name must be at most {max} characters."),
    CODE("services_name.wrong_type", "error", "Services_Name", "The service name must be a string, not {given}."),
    CODE("settings.invalid", "error", "<object>", "{object}: {member} must be {expected}."),
    CODE("settings.unknown", "error", "<object>", "{object}: unknown member \"{member}\"; expected {expected}."),
    CODE("status.amount_mismatch", "outcome", "", "LTGS reports a payment of another amount than this payment's."),
    CODE("status.amount_missing", "outcome", "", "LTGS reports PAID without the amount paid: the status is not used."),
    CODE("status.cancelled", "outcome", "", "LTGS reports the payment cancelled."),
    CODE("status.expired", "outcome", "", "LTGS reports the payment expired."),
    CODE("status.failed", "outcome", "", "LTGS reports the payment failed."),
    CODE("status.invalid", "error", "Payment_Status", "Payment_Status is not a status word."),
    CODE("status.missing", "outcome", "", "The answer carries no status."),
    CODE("status.paid", "outcome", "", "LTGS reports the payment paid."),
    CODE("status.pending", "outcome", "", "LTGS reports the payment still waiting for the payer."),
    CODE("status.reference_mismatch", "outcome", "", "The status is another payment's: it is not used."),
    CODE("status.required", "error", "Payment_Status", "Payment_Status is required."),
    CODE("status.unknown", "outcome", "", "LTGS reports a status word this version does not know."),
    CODE("status.wrong_type", "error", "Payment_Status", "Payment_Status must be a string, not {given}."),
    CODE("ussd.amount_mismatch", "error", "USSD_Code", "The dial string pays {dialledAmount} francs, not this payment's {amountRwf}."),
    CODE("ussd.invalid_amount", "error", "ussd", "The amount must be a positive number of whole francs."),
    CODE("ussd.invalid_merchant_code", "error", "ussd", "The merchant code must be 1 to {max} digits."),
    CODE("ussd.invalid_template", "error", "ussd",
         "A USSD template starts with '*', ends with its only '#', and holds only digits, '*' and the placeholders "
         "merchantCode and amount in braces."),
    CODE("ussd.merchant_mismatch", "error", "USSD_Code", "The dial string pays merchant code {dialled}, not this merchant's {configured}."),
    CODE("ussd.no_amount", "error", "USSD_Code",
         "The dial string carries no amount: the payer would type one, and could pay any amount."),
    CODE("ussd.unrecognised", "error", "USSD_Code",
         "The dial string is neither MTN MoMo Pay (*182*8*1*merchant code*amount#) nor this merchant's Airtel template."),
};
#undef CODE

// A whole number as the messages write it: digits, grouped by thousands from 10,000 on (years stay 2026).
std::string numberText(std::int64_t n) {
  const std::uint64_t magnitude = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  std::string digits = std::to_string(magnitude);
  if (digits.size() >= 5)
    for (std::size_t at = digits.size() - 3; at > 0; at = at > 3 ? at - 3 : 0) digits.insert(at, ",");
  return n < 0 ? "-" + digits : digits;
}

}  // namespace

// Out of line: built at many call sites, and the wasm build is smaller for one copy of each.
ErrorParam ErrorParam::of(const char* name, std::int64_t n) { return {name, {}, n, true}; }
ErrorParam ErrorParam::of(const char* name, std::string text) { return {name, std::move(text), 0, false}; }

CodeCatalogue codeCatalogue() noexcept { return {std::begin(kCodes), std::end(kCodes)}; }

const CodeInfo* findCode(std::string_view code) noexcept {
  const CodeInfo* it = std::lower_bound(std::begin(kCodes), std::end(kCodes), code,
                                        [](const CodeInfo& info, std::string_view c) { return std::string_view(info.code) < c; });
  return it != std::end(kCodes) && std::string_view(it->code) == code ? it : nullptr;
}

std::vector<std::string> paramNames(std::string_view message) {
  std::vector<std::string> names;
  for (std::size_t open = message.find('{'); open != std::string_view::npos; open = message.find('{', open + 1)) {
    const std::size_t close = message.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace_back(message.substr(open + 1, close - open - 1));
  }
  return names;
}

std::string codeMessage(std::string_view code, const std::vector<ErrorParam>& params) {
  const CodeInfo* info = findCode(code);
  if (info == nullptr || *info->message == '\0') return std::string(code);  // unknown, or built without messages
  std::string out;
  const std::string_view m(info->message);
  std::size_t at = 0;
  for (std::size_t open = m.find('{'); open != std::string_view::npos; open = m.find('{', at)) {
    const std::size_t close = m.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(m.substr(at, open - at));
    const std::string_view name = m.substr(open + 1, close - open - 1);
    const auto p = std::find_if(params.begin(), params.end(), [&](const ErrorParam& e) { return e.name == name; });
    if (p != params.end()) out += p->isNumber ? numberText(p->number) : p->text;
    at = close + 1;
  }
  out.append(m.substr(at));
  return out;
}

FieldError codeError(std::string_view code, std::vector<ErrorParam> params) {
  const CodeInfo* info = findCode(code);
  return codeError(code, std::move(params), info != nullptr ? std::string(info->field) : std::string());
}

FieldError codeError(std::string_view code, std::vector<ErrorParam> params, std::string field) {
  std::string message = codeMessage(code, params);
  return FieldError{std::move(field), std::string(code), std::move(message), std::move(params)};
}

}  // namespace ltgs
