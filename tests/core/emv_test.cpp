#include "ltgs/emv.hpp"

#include <gtest/gtest.h>

namespace ltgs {
namespace {

// Published payloads with their CRCs.
// EMVCo MPM specification example (tags 64 and 91 templates, Chinese alternate-language name).
const char* const kEmvcoSpecExample =
    "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST "
    "TRANSPORT6007BEIJING64200002ZH0104\xE6\x9C\x80\xE4\xBD\xB3\xE8\xBF\x90\xE8\xBE\x93"
    "0202\xE5\x8C\x97\xE4\xBA\xAC"
    "540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708"
    "123456786304A13A";
// Banco Central do Brasil, Manual de Padrões para Iniciação do Pix: static example.
const char* const kPixManualExample =
    "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de "
    "Tal6008BRASILIA62070503***63041D3D";
// Indonesian QRIS example (DANA), dynamic, amount 10000 IDR.
const char* const kQrisExample =
    "00020101021226570011ID.DANA.WWW011893600915015706056102091570605610303UME51440014ID.CO.QRIS.WWW0215ID2021080732"
    "9890303UME5204893153033605405100005802ID5906XENDIT6015Kota Jakarta Se61051219062720115SzW8BPHhw35i1vT60490011ID."
    "DANA.WWW0425MER2021071400774509608641050116304B00A";
// Thai PromptPay (dtinth/promptpay-qr test vectors): no merchant category, name or city, which the
// specification calls mandatory; wallets pay them all the same.
const char* const kPromptPayPhone =
    "00020101021129370016A000000677010111011300668012345675802TH530376463046197";
const char* const kPromptPayAmount =
    "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469";

std::string codeOf(std::string_view payload) {
  const Result<EmvPayload> r = parseEmvPayload(payload);
  return r ? "ok" : r.error().code;
}

// The warnings' codes, in order, or the error's code.
std::vector<std::string> warningsOf(std::string_view payload) {
  const Result<EmvPayload> r = parseEmvPayload(payload);
  if (!r) return {"error: " + r.error().code};
  std::vector<std::string> codes;
  for (const FieldError& w : r.value().warnings) {
    EXPECT_EQ(w.field, "QR_Payload");
    EXPECT_FALSE(w.message.empty());
    codes.push_back(w.code);
  }
  return codes;
}

std::string withCrc(const std::string& body) { return body + "6304" + crcHex(crc16CcittFalse(body + "6304")); }

TEST(Crc16, MatchesTheCatalogueCheckValueAndPublishedPayloads) {
  EXPECT_EQ(crc16CcittFalse("123456789"), 0x29B1);
  EXPECT_EQ(crcHex(0x0A1B), "0A1B");
  for (const char* payload : {kEmvcoSpecExample, kPixManualExample, kQrisExample, kPromptPayPhone, kPromptPayAmount}) {
    const std::string_view p(payload);
    EXPECT_EQ(crcHex(crc16CcittFalse(p.substr(0, p.size() - 4))), p.substr(p.size() - 4)) << payload;
  }
}

TEST(ParseEmv, ReadsTheEmvcoSpecificationExample) {
  const Result<EmvPayload> r = parseEmvPayload(kEmvcoSpecExample);
  ASSERT_TRUE(r.ok()) << r.error().code << ": " << r.error().message;
  const EmvPayload& p = r.value();
  EXPECT_TRUE(p.dynamic);
  ASSERT_EQ(p.accounts.size(), 2u);
  EXPECT_EQ(p.accounts[0].tag, "29");
  EXPECT_EQ(p.accounts[0].guid, "D15600000000");
  EXPECT_EQ(p.accounts[1].merchantId, "");
  EXPECT_EQ(p.mcc, "4111");
  EXPECT_EQ(p.currency, "156");
  EXPECT_EQ(p.amount, "23.72");
  EXPECT_EQ(p.country, "CN");
  EXPECT_EQ(p.merchantName, "BEST TRANSPORT");
  EXPECT_EQ(p.merchantCity, "BEIJING");
  EXPECT_EQ(p.billNumber, std::nullopt);
  EXPECT_EQ(p.crc, "A13A");
  // Tag 64's length counts characters: "最佳运输" is 4 characters, 12 bytes.
  const auto alt = std::find_if(p.fields.begin(), p.fields.end(), [](const EmvField& f) { return f.id == "64"; });
  ASSERT_NE(alt, p.fields.end());
  ASSERT_EQ(alt->fields.size(), 3u);
  EXPECT_EQ(alt->fields[1].value, "\xE6\x9C\x80\xE4\xBD\xB3\xE8\xBF\x90\xE8\xBE\x93");
}

TEST(ParseEmv, ReadsPixAndQrisExamples) {
  const Result<EmvPayload> pix = parseEmvPayload(kPixManualExample);
  ASSERT_TRUE(pix.ok()) << pix.error().message;
  EXPECT_FALSE(pix.value().dynamic);
  EXPECT_EQ(pix.value().accounts.at(0).guid, "br.gov.bcb.pix");
  EXPECT_EQ(pix.value().merchantName, "Fulano de Tal");
  EXPECT_EQ(pix.value().referenceLabel, "***");
  const Result<EmvPayload> qris = parseEmvPayload(kQrisExample);
  ASSERT_TRUE(qris.ok()) << qris.error().message;
  EXPECT_EQ(qris.value().amount, "10000");
  EXPECT_EQ(qris.value().merchantCity, "Kota Jakarta Se");
  EXPECT_EQ(qris.value().postalCode, "12190");
  EXPECT_EQ(qris.value().accounts.size(), 2u);
}

TEST(ParseEmv, PublishedExamplesWithEveryMandatoryObjectHaveNoWarnings) {
  for (const char* payload : {kEmvcoSpecExample, kPixManualExample, kQrisExample})
    EXPECT_EQ(warningsOf(payload), std::vector<std::string>{}) << payload;
}

TEST(ParseEmv, PromptPayVectorsAreReadWithWarningsForTheMerchantDataTheyLeaveOut) {
  const std::vector<std::string> missing = {"emv.missing_mcc", "emv.missing_merchant_name", "emv.missing_merchant_city"};
  EXPECT_EQ(warningsOf(kPromptPayPhone), missing);
  EXPECT_EQ(warningsOf(kPromptPayAmount), missing);
  const Result<EmvPayload> r = parseEmvPayload(kPromptPayAmount);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().accounts.at(0).tag, "29");
  EXPECT_EQ(r.value().amount, "4.22");
  EXPECT_EQ(r.value().country, "TH");
  EXPECT_EQ(r.value().mcc, "");  // absent, not invented
  EXPECT_EQ(r.value().merchantName, "");
}

TEST(ParseEmv, EachMissingMandatoryObjectIsOneWarningInTagOrder) {
  // 000201 + account, then 52 53 58 59 60: each left out in turn.
  const std::string account = "26180014rw.example.pay";
  EXPECT_EQ(warningsOf(withCrc("000201" + account + "5204541153036465802RW5904Shop6006Kigali")), std::vector<std::string>{});
  EXPECT_EQ(warningsOf(withCrc("0002015204541153036465802RW5904Shop6006Kigali")),
            std::vector<std::string>{"emv.missing_merchant_account"});
  EXPECT_EQ(warningsOf(withCrc("000201" + account + "53036465802RW5904Shop6006Kigali")),
            std::vector<std::string>{"emv.missing_mcc"});
  EXPECT_EQ(warningsOf(withCrc("000201" + account + "52045411" "5802RW5904Shop6006Kigali")),
            std::vector<std::string>{"emv.missing_currency"});
  EXPECT_EQ(warningsOf(withCrc("000201" + account + "52045411" "5303646" "5904Shop6006Kigali")),
            std::vector<std::string>{"emv.missing_country"});
  EXPECT_EQ(warningsOf(withCrc("000201" + account + "5204541153036465802RW" "6006Kigali")),
            std::vector<std::string>{"emv.missing_merchant_name"});
  EXPECT_EQ(warningsOf(withCrc("000201" + account + "5204541153036465802RW5904Shop")),
            std::vector<std::string>{"emv.missing_merchant_city"});
  // The smallest readable payload: format indicator and CRC, every mandatory object missing.
  EXPECT_EQ(warningsOf(withCrc("000201")),
            (std::vector<std::string>{"emv.missing_merchant_account", "emv.missing_mcc", "emv.missing_currency",
                                      "emv.missing_country", "emv.missing_merchant_name", "emv.missing_merchant_city"}));
  // A missing object is not a licence for damage: what is present is still checked.
  EXPECT_EQ(warningsOf(withCrc("000201" + account + "5203541")), std::vector<std::string>{"error: emv.invalid_value"});
  EXPECT_EQ(warningsOf(withCrc("000201" "5900")), std::vector<std::string>{"error: emv.invalid_value"});
}

TEST(ParseEmv, RejectsEachDamageWithItsCode) {
  const std::string pix = kPixManualExample;
  EXPECT_EQ(codeOf(""), "emv.empty");
  EXPECT_EQ(codeOf(pix.substr(0, pix.size() - 1) + "E"), "emv.bad_crc");
  std::string altered = pix;
  altered.replace(altered.find("5802BR"), 6, "5802BX");
  EXPECT_EQ(codeOf(altered), "emv.bad_crc");
  EXPECT_EQ(codeOf(pix.substr(0, pix.size() - 6)), "emv.truncated");
  EXPECT_EQ(codeOf(pix.substr(0, pix.size() - 8)), "emv.missing_crc");
  EXPECT_EQ(codeOf(pix.substr(0, 40)), "emv.truncated");
  EXPECT_EQ(codeOf("000201010"), "emv.truncated");
  EXPECT_EQ(codeOf("000201AB0211"), "emv.bad_tag");
  EXPECT_EQ(codeOf("0002010111"), "emv.truncated");
  EXPECT_EQ(codeOf("00020101X211"), "emv.bad_length");
  EXPECT_EQ(codeOf("hello world!"), "emv.bad_tag");
  EXPECT_EQ(codeOf("0002020102126304"), "emv.truncated");
  EXPECT_EQ(codeOf("\xFF\xFE"), "emv.invalid_utf8");
  EXPECT_EQ(codeOf(std::string(513, '0')), "emv.too_long");
  // Wrong first object, no CRC at the end: each with a correct CRC where there is one.
  EXPECT_EQ(codeOf(withCrc("000202")), "emv.bad_format_indicator");
  EXPECT_EQ(codeOf(withCrc("0102110002015802RW")), "emv.bad_format_indicator");
  EXPECT_EQ(codeOf("0002015802RW"), "emv.missing_crc");
  EXPECT_EQ(codeOf("0002015802RW6303ABC"), "emv.missing_crc");
  EXPECT_EQ(codeOf("0002015802RW6304ZZZZ"), "emv.missing_crc");
  EXPECT_EQ(codeOf(withCrc("0002015802RW5802RW")), "emv.duplicate_tag");
  EXPECT_EQ(codeOf(withCrc("0002017002XY")), "emv.unknown_tag");
  const std::string body = "00020126180014rw.example.pay5204541153036465802RW5904Shop6006Kigali";
  EXPECT_EQ(codeOf(withCrc(body)), "ok");
  EXPECT_EQ(codeOf(withCrc(body + "010213")), "emv.invalid_value");
  EXPECT_EQ(codeOf(withCrc("00020126180014rw.example.pay52035415303646" "5802RW5904Shop6006Kigali")),
            "emv.invalid_value");
  EXPECT_EQ(codeOf(withCrc(body + "54031,5")), "emv.invalid_value");
  EXPECT_EQ(codeOf(withCrc("00020126180014rw.example.pay5204541153036465802RW5926" + std::string(26, 'N') +
                           "6006Kigali")),
            "emv.invalid_value");
  EXPECT_EQ(codeOf(withCrc("00020126100106123456" "5204541153036465802RW5904Shop6006Kigali")), "emv.invalid_value");
}

EmvBuildInput kigaliWater() {
  EmvBuildInput in;
  in.account = {"26", "rw.example.ltgs", "LTGS000123"};
  in.mcc = "4900";  // utilities
  in.merchantName = "WASAC Ltd";
  in.merchantCity = "Kigali";
  return in;
}

TEST(BuildEmv, DynamicPayloadCarriesAmountAndReferenceAndParsesBack) {
  EmvBuildInput in = kigaliWater();
  in.amountRwf = 15000;
  in.referenceLabel = "LTGSINV_230624_001";
  const Result<std::string> built = buildEmvPayload(in);
  ASSERT_TRUE(built.ok()) << built.error().message;
  const std::string& payload = built.value();
  EXPECT_EQ(payload.substr(0, 12), "000201010212");
  EXPECT_NE(payload.find("5303646"), std::string::npos);
  EXPECT_NE(payload.find("540515000"), std::string::npos);
  EXPECT_NE(payload.find("5802RW"), std::string::npos);
  const Result<EmvPayload> back = parseEmvPayload(payload);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(back.value().warnings.empty());  // what we build is complete
  EXPECT_TRUE(back.value().dynamic);
  EXPECT_EQ(back.value().accounts.at(0).guid, "rw.example.ltgs");
  EXPECT_EQ(back.value().accounts.at(0).merchantId, "LTGS000123");
  EXPECT_EQ(back.value().amount, "15000");
  EXPECT_EQ(back.value().referenceLabel, "LTGSINV_230624_001");
  EXPECT_EQ(back.value().merchantName, "WASAC Ltd");
}

TEST(BuildEmv, StaticPayloadHasNoAmount) {
  const Result<std::string> built = buildEmvPayload(kigaliWater());
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built.value().substr(0, 12), "000201010211");
  const Result<EmvPayload> back = parseEmvPayload(built.value());
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back.value().dynamic);
  EXPECT_FALSE(back.value().amount.has_value());
}

TEST(BuildEmv, CountsCharactersNotBytesInLengths) {
  EmvBuildInput in = kigaliWater();
  in.merchantName = "Caf\xC3\xA9 Ny\xC3\xA1rugenge";  // 15 characters, 17 bytes
  const Result<std::string> built = buildEmvPayload(in);
  ASSERT_TRUE(built.ok());
  EXPECT_NE(built.value().find("5915Caf\xC3\xA9"), std::string::npos);
  ASSERT_TRUE(parseEmvPayload(built.value()).ok());
}

TEST(BuildEmv, RejectsBadConfiguration) {
  const auto codeWith = [](auto change) {
    EmvBuildInput in = kigaliWater();
    change(in);
    const Result<std::string> r = buildEmvPayload(in);
    return r ? std::string("ok") : r.error().field + ":" + r.error().code;
  };
  EXPECT_EQ(codeWith([](EmvBuildInput& in) { in.account.guid.clear(); }), "guid:emv.missing_value");
  EXPECT_EQ(codeWith([](EmvBuildInput& in) { in.account.guid = std::string(33, 'g'); }), "guid:emv.value_too_long");
  EXPECT_EQ(codeWith([](EmvBuildInput& in) { in.account.tag = "25"; }), "accountTag:emv.invalid_value");
  EXPECT_EQ(codeWith([](EmvBuildInput& in) { in.mcc = "49"; }), "mcc:emv.invalid_value");
  EXPECT_EQ(codeWith([](EmvBuildInput& in) { in.merchantName = std::string(26, 'n'); }), "merchantName:emv.value_too_long");
  EXPECT_EQ(codeWith([](EmvBuildInput& in) { in.merchantName = std::string(25, 'n'); }), "ok");
  EXPECT_EQ(codeWith([](EmvBuildInput& in) { in.merchantCity = "Kigali City Centre"; }), "merchantCity:emv.value_too_long");
  EXPECT_EQ(codeWith([](EmvBuildInput& in) { in.merchantCity = ""; }), "merchantCity:emv.missing_value");
  EXPECT_EQ(codeWith([](EmvBuildInput& in) { in.merchantName = "Shop\nName"; }), "merchantName:emv.invalid_value");
  EXPECT_EQ(codeWith([](EmvBuildInput& in) { in.amountRwf = 0; }), "amount:emv.invalid_value");
  EXPECT_EQ(codeWith([](EmvBuildInput& in) { in.referenceLabel = std::string(26, 'R'); }), "reference:emv.value_too_long");
}

TEST(BuildEmv, ReadsItsInputFromJson) {
  const Result<EmvBuildInput> in = parseEmvBuildJson(
      R"({"guid":"rw.example.ltgs","merchantId":"M1","mcc":"4900","merchantName":"WASAC","merchantCity":"Kigali",)"
      R"("amount":15000,"reference":"INV1","postalCode":null})");
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in.value().amountRwf, 15000);
  EXPECT_EQ(in.value().referenceLabel, "INV1");
  EXPECT_FALSE(in.value().postalCode.has_value());  // null is absent
  EXPECT_EQ(parseEmvBuildJson(R"({"amount":"15000"})").error().code, "settings.invalid");
  EXPECT_EQ(parseEmvBuildJson(R"({"amount":1.5})").error().code, "settings.invalid");
  EXPECT_EQ(parseEmvBuildJson(R"({"mcc":4900})").error().params.at(1), ErrorParam::of("member", "mcc"));
  // A misspelt member is refused, not ignored: the payload would silently lack it.
  const Result<EmvBuildInput> typo = parseEmvBuildJson(R"({"merchantNmae":"WASAC"})");
  EXPECT_EQ(typo.error().code, "settings.unknown");
  EXPECT_EQ(typo.error().field, "emvInput");
  EXPECT_EQ(parseEmvBuildJson("{").error().code, "json.malformed");
}

}  // namespace
}  // namespace ltgs
