// parseEmvPayload: an EMVCo merchant-presented QR payload, as scanned or pasted. Invariants: the report is valid
// JSON; an accepted payload is valid UTF-8 of at most 512 characters, its objects written out again
// (ID + two-digit length in characters + value, also inside templates) give back exactly the payload, its
// CRC is right, and each mandatory object is read in its format or is missing with its warning.
#include "fuzz_support.hpp"
#include "ltgs/emv.hpp"
#include "ltgs/report.hpp"
#include "ltgs/text.hpp"

namespace {

std::string serialise(const std::vector<ltgs::EmvField>& fields) {
  std::string out;
  for (const ltgs::EmvField& f : fields) {
    const std::size_t n = ltgs::codePointCount(f.value);
    FUZZ_CHECK(f.id.size() == 2 && n <= 99, f.id);
    out += f.id;
    out += static_cast<char>('0' + n / 10);
    out += static_cast<char>('0' + n % 10);
    out += f.value;
    if (!f.fields.empty()) FUZZ_CHECK(serialise(f.fields) == f.value, f.value);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text(data, size);
  const ltgs::Result<ltgs::EmvPayload> r = ltgs::parseEmvPayload(input);
  const fuzz::Report report(ltgs::emvParseReport(input));
  FUZZ_CHECK(report.ok() == r.ok(), input);
  if (!r) {
    fuzz::checkError(r.error(), "emv.");
    FUZZ_CHECK(r.error().field == "QR_Payload", r.error().field);
    return 0;
  }
  const ltgs::EmvPayload& p = r.value();
  FUZZ_CHECK(ltgs::isValidUtf8(input) && ltgs::codePointCount(input) <= 512, input);
  FUZZ_CHECK(serialise(p.fields) == input, input);
  FUZZ_CHECK(p.fields.front().id == "00" && p.fields.back().id == "63", input);
  FUZZ_CHECK(p.crc == ltgs::crcHex(ltgs::crc16CcittFalse(input.substr(0, input.size() - 4))), input);
  // Each mandatory object is read in its format, or is empty with its warning: missing is never refused.
  const auto warned = [&p](std::string_view code) {
    for (const ltgs::FieldError& w : p.warnings)
      if (w.code == code) return true;
    return false;
  };
  for (const ltgs::FieldError& w : p.warnings) {
    fuzz::checkError(w, "emv.missing_");
    FUZZ_CHECK(w.field == "QR_Payload", w.field);
  }
  FUZZ_CHECK(p.mcc.size() == 4 || (p.mcc.empty() && warned("emv.missing_mcc")), input);
  FUZZ_CHECK(p.currency.size() == 3 || (p.currency.empty() && warned("emv.missing_currency")), input);
  FUZZ_CHECK(p.country.size() == 2 || (p.country.empty() && warned("emv.missing_country")), input);
  FUZZ_CHECK(!p.merchantName.empty() || warned("emv.missing_merchant_name"), input);
  FUZZ_CHECK(!p.merchantCity.empty() || warned("emv.missing_merchant_city"), input);
  FUZZ_CHECK(p.warnings.empty() == (report.json("warnings") == "[]"), input);
  for (const ltgs::FieldError& w : p.warnings) FUZZ_CHECK(report.json("warnings").find(w.code) != std::string::npos, w.code);
  FUZZ_CHECK(report.text("crc") == p.crc && report.text("merchantName") == p.merchantName, input);
  for (const ltgs::EmvMerchantAccount& a : p.accounts) FUZZ_CHECK(!a.guid.empty() && a.tag.size() == 2, a.tag);
  return 0;
}
