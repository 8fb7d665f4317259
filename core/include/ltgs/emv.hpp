#pragma once
// EMVCo Merchant-Presented Mode (MPM) QR payloads: ID (2 digits) + length (2 digits, in characters) + value,
// CRC-16/CCITT-FALSE in tag 63. No national GUID is assumed: the merchant account comes from configuration.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ltgs/result.hpp"

namespace ltgs {

// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) over the bytes.
std::uint16_t crc16CcittFalse(std::string_view bytes) noexcept;
// Four uppercase hex digits, zero-padded: the value of tag 63.
std::string crcHex(std::uint16_t crc);

struct EmvField {
  std::string id;                // "00".."99"
  std::string value;             // as written (for templates, the raw nested TLV text)
  std::vector<EmvField> fields;  // templates (26-51, 62, 64, 80-99): the nested objects
};

struct EmvMerchantAccount {
  std::string tag;         // "26".."51": a template with a globally unique identifier in sub-tag 00
  std::string guid;        // sub-tag 00, at most 32 characters
  std::string merchantId;  // sub-tag 01 (may be empty)
};

struct EmvPayload {
  bool dynamic = false;  // tag 01: "12" dynamic (one payment, carries its amount), "11" static
  std::vector<EmvMerchantAccount> accounts;  // tags 26-51 (templates); tags 02-25 are kept in `fields` only
  // 52, 53, 58, 59, 60: as written, or empty when the payload leaves them out (a warning says so).
  std::string mcc;                 // 52: ISO 18245 merchant category code, 4 digits
  std::string currency;            // 53: ISO 4217 numeric, "646" for RWF
  std::optional<std::string> amount;  // 54: as written, e.g. "15000" or "23.72"
  std::string country;             // 58: ISO 3166-1 alpha-2, "RW"
  std::string merchantName;        // 59: at most 25 characters
  std::string merchantCity;        // 60: at most 15 characters
  std::optional<std::string> postalCode;      // 61
  std::optional<std::string> billNumber;      // 62 / 01
  std::optional<std::string> referenceLabel;  // 62 / 05: carries the Sale_Reference_ID in a dynamic QR
  std::string crc;                 // 63: four uppercase hex digits
  std::vector<EmvField> fields;    // every top-level object, in order
  // Data objects the specification calls mandatory that the payload leaves out, in tag order (field
  // "QR_Payload"): emv.missing_merchant_account (no 02-51), emv.missing_mcc (52), emv.missing_currency (53),
  // emv.missing_country (58), emv.missing_merchant_name (59), emv.missing_merchant_city (60). Wallets pay
  // such payloads (national schemes omit some of these), so they are read, not refused.
  std::vector<FieldError> warnings;
};

// Parses and checks a payload. Refuses only what makes it unreadable or damaged; codes (field "QR_Payload"):
// emv.empty, emv.too_long (over 512 characters), emv.invalid_utf8, emv.bad_tag (an ID that is not two
// digits), emv.bad_length (a length that is not two digits), emv.truncated (a length running past the end),
// emv.bad_format_indicator (00 not first or not "01"), emv.missing_crc (no 63 with four hex digits at the
// very end), emv.bad_crc, emv.duplicate_tag, emv.unknown_tag (IDs 65-79, reserved by EMVCo),
// emv.invalid_value (a value present but outside its format, e.g. a 26-char merchant name, MCC not 4
// digits, a merchant account template without its GUID). Missing objects are EmvPayload::warnings.
Result<EmvPayload> parseEmvPayload(std::string_view payload);

// What a merchant configures, plus what one payment adds.
struct EmvBuildInput {
  EmvMerchantAccount account;  // tag 26-51 (default "26"), GUID and merchant id from configuration
  std::string mcc;             // 4 digits
  std::string merchantName;    // at most 25 characters
  std::string merchantCity;    // at most 15 characters
  std::optional<std::string> postalCode;
  std::optional<std::int64_t> amountRwf;      // set → dynamic QR (point of initiation 12), whole francs
  std::optional<std::string> referenceLabel;  // the Sale_Reference_ID, at most 25 characters
  std::optional<std::string> billNumber;      // at most 25 characters
};

// Builds "000201" + "0102" 11|12 + account + 52 + 5303646 + 54 + 5802RW + 59 + 60 + 61 + 62 + "6304" + CRC.
// Strict: what we build carries every mandatory object, so parsing it back gives no warnings. Codes (field = the input's name, e.g. "merchantName"): emv.missing_value, emv.value_too_long,
// emv.invalid_value.
Result<std::string> buildEmvPayload(const EmvBuildInput& input);

// EmvBuildInput from a flat JSON object: {"accountTag":"26","guid":…,"merchantId":…,"mcc":…,"merchantName":…,
// "merchantCity":…,"postalCode":…,"amount":15000,"reference":…,"billNumber":…}, read as option_reader.hpp reads
// every option object (field "emvInput"): settings.unknown, settings.invalid, json.*.
Result<EmvBuildInput> parseEmvBuildJson(std::string_view json);

}  // namespace ltgs
