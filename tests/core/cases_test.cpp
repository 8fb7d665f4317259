// The shared case table (tests/cases/*.json) run through the native core. tests/js/cases.test.js runs the
// same rows through the wasm module. Both build the result object the wasm module returns and compare only
// the members a row's "expect" names (format: tests/cases/README.md), so native and wasm cannot drift.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ltgs/amount.hpp"
#include "ltgs/callback_notification.hpp"
#include "ltgs/callback_url.hpp"
#include "ltgs/email.hpp"
#include "ltgs/emv.hpp"
#include "ltgs/json_value.hpp"
#include "ltgs/national_id.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/phone.hpp"
#include "ltgs/order_json.hpp"
#include "ltgs/report.hpp"
#include "ltgs/settings.hpp"
#include "ltgs/text.hpp"

namespace {

using Json = nlohmann::ordered_json;  // keeps each row's member order when an "input" object is serialised

struct Row {
  std::string file;  // "phone.json"
  std::size_t index;
  Json data;
  std::string testName;  // unique, [A-Za-z0-9] only
};

void PrintTo(const Row& row, std::ostream* os) {
  *os << row.file << " #" << row.index << " " << row.data.value("name", std::string());
}

// "phone.json" row 19 "prefix 72 is Airtel (ex-Tigo)" -> "Phone019Prefix72IsAirtelExTigo" (no underscores: GoogleTest reserves them).
std::string testNameOf(const std::string& stem, std::size_t index, const std::string& name) {
  std::string out;
  bool wordStart = true;
  auto add = [&](const std::string& words) {
    for (unsigned char c : words) {
      const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (alnum) out += static_cast<char>(wordStart && c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      wordStart = !alnum;
    }
  };
  add(stem);
  out += std::string(index < 10 ? "00" : index < 100 ? "0" : "") + std::to_string(index);
  wordStart = true;
  add(name.substr(0, 60));
  return out;
}

std::vector<Row> loadRows() {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(LTGS_CASES_DIR, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<Row> rows;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string file = path.filename().string(), stem = path.stem().string();
    const Json doc = Json::parse(text.str(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("cases") || !doc["cases"].is_array()) {
      // A file that does not parse (e.g. a lone surrogate escape, which nlohmann refuses) is a failing row.
      rows.push_back({file, 0, Json{{"name", "unreadable case file"}, {"fn", "unreadable"}}, testNameOf(stem, 0, "unreadable")});
      continue;
    }
    for (std::size_t i = 0; i < doc["cases"].size(); ++i) {
      const Json& row = doc["cases"][i];
      rows.push_back({file, i, row, testNameOf(stem, i, row.is_object() ? row.value("name", std::string()) : "")});
    }
  }
  return rows;
}

const std::vector<Row>& allRows() {
  static const std::vector<Row> rows = loadRows();
  return rows;
}

bool isJsonFn(const std::string& fn) { return fn == "validateRequestJson" || fn == "parseCallbackJson"; }

// {"hex": "c328"}: the raw bytes, which may be invalid UTF-8 (the JS runner can only approximate them).
std::string bytesOfHex(const std::string& hex) {
  const auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  return out;
}

// The text a row feeds in: inputParts (concatenated, {"repeat","count"} expanded, {"hex"} decoded), inputText,
// or input (a string; for the JSON functions any JSON value, serialised compactly as JSON.stringify does).
std::string textOf(const Json& row) {
  if (row.contains("inputParts")) {
    std::string out;
    for (const Json& part : row["inputParts"]) {
      if (part.is_string()) {
        out += part.get<std::string>();
      } else if (part.contains("hex")) {
        out += bytesOfHex(part["hex"].get<std::string>());
      } else {
        const auto piece = part["repeat"].get<std::string>();
        for (std::size_t i = 0, n = part["count"].get<std::size_t>(); i < n; ++i) out += piece;
      }
    }
    return out;
  }
  if (row.contains("inputText")) return row["inputText"].get<std::string>();
  if (!row.contains("input")) return "";
  const Json& input = row["input"];
  if (isJsonFn(row["fn"].get<std::string>())) return input.dump(-1, ' ', false, Json::error_handler_t::replace);
  return input.get<std::string>();
}

// What wasm/bindings.cpp builds from the JS value handed to validateField (absent input = undefined).
// A JS number carries no integer/float distinction, so every number arrives as Kind::Float.
ltgs::JsonScalar scalarOf(const Json& row) {
  using Kind = ltgs::JsonScalar::Kind;
  const auto it = row.find("input");
  if (it == row.end())
    return row.contains("inputParts") || row.contains("inputText") ? ltgs::JsonScalar::string(textOf(row))
                                                                    : ltgs::JsonScalar::missing();
  const Json& v = *it;
  if (v.is_null()) return ltgs::JsonScalar::null();
  if (v.is_string()) return ltgs::JsonScalar::string(v.get<std::string>());
  if (v.is_number()) return ltgs::JsonScalar::floating(v.get<double>());
  if (v.is_boolean()) {
    auto b = ltgs::JsonScalar::make(Kind::Bool);
    b.boolean = v.get<bool>();
    return b;
  }
  return ltgs::JsonScalar::make(v.is_array() ? Kind::Array : Kind::Object);
}

ltgs::ValidationSettings settingsOf(const Json& row) {
  ltgs::ValidationSettings s;
  const Json set = row.value("settings", Json::object());
  s.minAmountRwf = set.value("minAmountRwf", s.minAmountRwf);
  s.maxAmountRwf = set.value("maxAmountRwf", s.maxAmountRwf);
  s.emailRequired = set.value("emailRequired", s.emailRequired);
  s.sandbox = set.value("sandbox", s.sandbox);
  s.currentYear = set.value("currentYear", s.currentYear);
  return s;
}

// ---- the core's C++ results, shaped as the objects the wasm module returns ----

Json errorJson(const ltgs::FieldError& e) { return Json{{"field", e.field}, {"code", e.code}, {"message", e.message}}; }

Json errorsJson(const std::vector<ltgs::FieldError>& errors) {
  Json list = Json::array();
  for (const auto& e : errors) list.push_back(errorJson(e));
  return Json{{"ok", false}, {"errors", list}};
}

template <typename T>
std::optional<Json> failure(const ltgs::Result<T>& r) {
  if (r.ok()) return std::nullopt;
  return Json{{"ok", false}, {"error", errorJson(r.error())}};
}

template <typename T>
Json valueResult(const ltgs::Result<T>& r) {
  if (auto f = failure(r)) return *f;
  return Json{{"ok", true}, {"value", r.value()}};
}

template <typename T>
Json orNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json scalarJson(const ltgs::JsonScalar& v) {
  using Kind = ltgs::JsonScalar::Kind;
  switch (v.kind) {
    case Kind::String: return v.text;
    case Kind::Integer: return v.integer;
    case Kind::Float: return v.number;
    case Kind::Bool: return v.boolean;
    default: return nullptr;
  }
}

Json run(const Json& row) {
  const auto fn = row["fn"].get<std::string>();
  const auto settings = settingsOf(row);
  const std::string text = fn == "validateField" ? std::string() : textOf(row);
  if (fn == "parsePhone") {
    const auto r = ltgs::parsePhone(text);
    if (auto f = failure(r)) return *f;
    const auto& p = r.value();
    return Json{{"ok", true}, {"local", p.local}, {"e164", p.e164}, {"operator", ltgs::operatorName(p.op)},
                {"hasWallet", ltgs::operatorHasWallet(p.op)}};
  }
  if (fn == "parseAmount") {
    const auto r = ltgs::parseAmount(text);
    if (auto f = failure(r)) return *f;
    return Json{{"ok", true}, {"francs", r.value()}};
  }
  if (fn == "parseNationalId") return valueResult(ltgs::parseNationalId(text, settings.currentYear));
  if (fn == "parseEmail") return valueResult(ltgs::parseEmail(text));
  if (fn == "parseCallbackUrl") return valueResult(ltgs::parseCallbackUrl(text, settings.sandbox));
  if (fn == "parseServicesName") return valueResult(ltgs::parseServicesName(text));
  if (fn == "parseSaleReference") return valueResult(ltgs::parseSaleReference(text));
  if (fn == "validateField") {
    const auto r = ltgs::validateField(row["field"].get<std::string>(), scalarOf(row), settings);
    if (auto f = failure(r)) return *f;
    return Json{{"ok", true}, {"value", scalarJson(r.value())}};
  }
  if (fn == "validateRequestJson") {
    const auto v = ltgs::validateJson(text, settings);
    if (!v.request) return errorsJson(v.errors);
    const auto& q = *v.request;
    const Json request{{"Sale_Reference_ID", q.saleReferenceId}, {"Customer_KYC_ID", q.customerKycId},
                       {"Phone_Number", q.phone.local},       {"Email_Address", q.emailAddress},
                       {"Services_Name", q.servicesName},     {"Total_Amount_to_Pay", q.totalAmountToPay},
                       {"Callback_URL", q.callbackUrl}};
    // Native only: the serialised payload is exactly these members, in LTGS's order.
    EXPECT_EQ(Json::parse(ltgs::toJson(q), nullptr, false), request) << "ltgs::toJson(PaymentRequest)";
    EXPECT_TRUE(v.errors.empty());
    return Json{{"ok", true}, {"request", request},
                {"phone", {{"e164", q.phone.e164}, {"operator", ltgs::operatorName(q.phone.op)}}}};
  }
  if (fn == "parseCallbackJson") {
    const auto c = ltgs::parseCallbackNotification(text);
    if (!c.notification) return errorsJson(c.errors);
    const auto& n = *c.notification;
    EXPECT_TRUE(c.errors.empty());
    return Json{{"ok", true},
                {"notification",
                 {{"Sale_Reference_ID", n.saleReferenceId},
                  {"Payment_Status", n.paymentStatus},
                  {"Payment_Channel", orNull(n.paymentChannel)},
                  {"Payment_Ref_ID", orNull(n.paymentRefId)},
                  {"Total_Amount_Paid", orNull(n.totalAmountPaid)},
                  {"Paid_On", n.paidOn ? Json(ltgs::formatPaidOn(*n.paidOn)) : Json(nullptr)}}}};
  }
  if (fn == "emvParse") return Json::parse(ltgs::reportJson(ltgs::parseEmvPayload(text)));  // the wasm report as is
  // The order model: the report functions the bindings call, with objects as JSON documents.
  if (fn == "parseAttemptReference") return Json::parse(ltgs::parseAttemptReferenceReport(text));
  if (fn == "checkoutRules") return Json::parse(ltgs::checkoutRulesReport());
  if (row.contains("args")) {
    const Json& a = row["args"];
    if (fn == "attemptReference")
      return Json::parse(ltgs::attemptReferenceReport(a[0].get<std::string>(), a[1].get<std::int64_t>()));
    if (fn == "decideInitiation")
      return Json::parse(ltgs::decideInitiationReport(a[0].dump(), a[1].get<std::int64_t>(), a[2].get<std::int64_t>()));
    if (fn == "orderStatus") return Json::parse(ltgs::orderStatusReport(a[0].dump()));
    if (fn == "applyAttemptStatus")
      return Json::parse(ltgs::applyAttemptStatusReport(a[0].dump(), a[1].get<std::int64_t>(), a[2].dump()));
  }
  ADD_FAILURE() << "unknown fn \"" << fn << "\"";
  return Json{{"ok", nullptr}};
}

// The members of `actual` that `expect` names; "errors" and "warnings" as [{field, code}], "code" as the single
// error's code.
Json project(const Json& actual, const Json& expect) {
  Json errors = actual.contains("errors") ? actual["errors"] : Json::array();
  if (actual.contains("error")) errors.push_back(actual["error"]);
  Json got = Json::object();
  for (const auto& [key, want] : expect.items()) {
    if (key == "errors" || (key == "warnings" && actual.contains(key))) {  // [{field, code}], messages not compared
      got[key] = Json::array();
      for (const auto& e : key == "errors" ? errors : actual[key])
        got[key].push_back({{"field", e.value("field", Json())}, {"code", e.value("code", Json())}});
    } else if (key == "code" && !(actual.value("ok", false) && actual.contains("code"))) {  // else a report's own code
      Json codes = Json::array();
      for (const auto& e : errors) codes.push_back(e.value("code", Json()));
      got[key] = codes.size() == 1 ? codes[0] : codes;
    } else if (actual.contains(key)) {
      got[key] = actual[key];
    }
  }
  return got;
}

// Member order is not compared (as in Jest's toEqual).
nlohmann::json unordered(const Json& j) {
  return nlohmann::json::parse(j.dump(-1, ' ', false, Json::error_handler_t::replace));
}

class CaseRow : public testing::TestWithParam<Row> {};

TEST_P(CaseRow, Matches) {
  const Json& row = GetParam().data;
  ASSERT_TRUE(row.is_object() && row.contains("fn") && row.contains("expect") && row.contains("name"))
      << "a row needs name, fn and expect: " << row.dump();
  const Json actual = run(row);
  const Json& expect = row["expect"];
  EXPECT_EQ(unordered(project(actual, expect)), unordered(expect)) << "whole result: " << actual.dump(-1, ' ', false,
                                                                                                      Json::error_handler_t::replace);
  Json errors = actual.contains("errors") ? actual["errors"] : Json::array();
  if (actual.contains("error")) errors.push_back(actual["error"]);
  for (const auto& w : actual.value("warnings", Json::array())) errors.push_back(w);
  for (const auto& e : errors)
    EXPECT_TRUE(e["message"].is_string() && !e["message"].get<std::string>().empty()) << "empty message for " << e["code"];
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseRow, testing::ValuesIn(allRows()),
                         [](const testing::TestParamInfo<Row>& param) { return param.param.testName; });

TEST(CasesTable, HasAtLeast150Rows) { EXPECT_GE(allRows().size(), 150u); }

TEST(CasesTable, HasAtLeast100HostileRows) {
  EXPECT_GE(std::count_if(allRows().begin(), allRows().end(), [](const Row& r) { return r.file == "hostile.json"; }), 100);
}

}  // namespace
