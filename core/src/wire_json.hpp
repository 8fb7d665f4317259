#pragma once
// LTGS wire objects written as JSON, fields in LTGS's order. Internal to the core.

#include "json_writer.hpp"
#include "ltgs/callback_notification.hpp"
#include "ltgs/payment_request.hpp"

namespace ltgs {

void writeWire(JsonWriter& w, const PaymentRequest& request);
void writeWire(JsonWriter& w, const CallbackNotification& notification);

}  // namespace ltgs
