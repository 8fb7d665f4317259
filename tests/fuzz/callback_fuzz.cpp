// parseCallbackNotification: LTGS's Callback Notification and status response bodies, from the network.
// Invariants: the report is valid JSON and agrees with the parse; a notification is set iff there are no
// errors; a PAID notification carries Total_Amount_Paid and Paid_On; amounts are whole francs in
// 0 … 2^53 - 1; a notification's own JSON (toJson) parses again to exactly itself.
#include "fuzz_support.hpp"
#include "ltgs/callback_notification.hpp"
#include "ltgs/report.hpp"
#include "ltgs/settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text(data, size);
  const ltgs::CallbackParse p = ltgs::parseCallbackNotification(input);
  const fuzz::Report report(ltgs::parseCallbackJsonReport(input));
  FUZZ_CHECK(p.notification.has_value() == p.errors.empty(), input);
  FUZZ_CHECK(report.ok() == p.notification.has_value(), input);
  for (const ltgs::FieldError& e : p.errors) {
    fuzz::checkError(e);
    if (e.field == "$") FUZZ_CHECK(p.errors.size() == 1, e.code);
  }
  if (!p.notification) return 0;
  const ltgs::CallbackNotification& n = *p.notification;
  FUZZ_CHECK(!n.saleReferenceId.empty() && !n.paymentStatus.empty(), input);
  std::string upper = n.paymentStatus;
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  if (upper == "PAID") FUZZ_CHECK(n.totalAmountPaid && n.paidOn, input);
  if (n.totalAmountPaid) FUZZ_CHECK(*n.totalAmountPaid >= 0 && *n.totalAmountPaid <= ltgs::kMaxSafeInteger, input);
  const std::string wire = ltgs::toJson(n);
  FUZZ_CHECK(report.same(".", wire), wire);
  const ltgs::CallbackParse again = ltgs::parseCallbackNotification(wire);
  FUZZ_CHECK(again.notification && ltgs::toJson(*again.notification) == wire, wire);
  return 0;
}
