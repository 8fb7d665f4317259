// The shared case table (tests/cases/*.json) run through the native core. tests/js/cases.test.js runs the
// same rows through the wasm module. Both call the same report functions (ltgs/report.hpp), with the
// arguments converted as wasm/bindings.cpp converts them, and compare only the members a row's "expect"
// names (format: tests/cases/README.md), so native and wasm cannot drift.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ltgs/codes.hpp"
#include "ltgs/json_value.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/report.hpp"
#include "ltgs/settings.hpp"

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

// ---- the arguments, converted as wasm/bindings.cpp converts JavaScript values ----

// text(v): a string as is, anything else "". A row's object or array given where text is expected (the status
// document of applyAttemptStatus) is passed as its JSON text, as the JS runner does.
std::string argText(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() || v.is_array()) return v.dump(-1, ' ', false, Json::error_handler_t::replace);
  return "";
}
// json(v): undefined and null are "", a string is passed as is, anything else as JSON.stringify writes it.
std::string argJson(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}
// whole(v): a whole number within ±(2^53 - 1), else -1.
std::int64_t argWhole(const Json& v) {
  if (!v.is_number()) return -1;
  const double d = v.get<double>();
  if (!(d >= -9007199254740991.0 && d <= 9007199254740991.0)) return -1;
  const auto i = static_cast<std::int64_t>(d);
  return static_cast<double>(i) == d ? i : -1;
}
// scalar(v): a JS number carries no integer/float distinction, so every number arrives as Kind::Float.
ltgs::JsonScalar argScalar(const Json& v, bool missing) {
  using Kind = ltgs::JsonScalar::Kind;
  if (missing) return ltgs::JsonScalar::missing();
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

// {"$payment": {"draft": [reference, amount], "events": [event, …]}}: the payment those events make of a draft,
// each applied with applyEventReport (a refused event is not an error; an event the core cannot read is).
Json paymentAfter(const Json& spec) {
  const Json& draft = spec.at("draft");
  Json answer = Json::parse(ltgs::draftPaymentReport(draft.at(0).get<std::string>(), draft.at(1).get<std::int64_t>()));
  EXPECT_TRUE(answer["ok"].get<bool>()) << "$payment: draftPayment refused " << draft.dump();
  Json payment = answer["value"];
  for (const Json& event : spec.value("events", Json::array())) {
    answer = Json::parse(ltgs::applyEventReport(payment.dump(), event.dump()));
    EXPECT_TRUE(answer["ok"].get<bool>()) << "$payment: applyEvent refused " << event.dump() << ": " << answer.dump();
    if (!answer["ok"].get<bool>()) break;
    payment = answer["value"]["payment"];
  }
  return payment;
}

// A row's arguments: "args" as given ($payment replaced), or built from input / inputText / inputParts and
// settings (tests/cases/README.md). Json(nullptr) stands for undefined.
Json argsOf(const Json& row) {
  if (row.contains("args")) {
    Json args = row["args"];
    for (Json& a : args)
      if (a.is_object() && a.contains("$payment")) a = paymentAfter(a["$payment"]);
    return args;
  }
  const auto fn = row["fn"].get<std::string>();
  const Json settings = row.value("settings", Json::object());
  const bool given = row.contains("input") || row.contains("inputText") || row.contains("inputParts");
  if (fn == "validateField")
    return Json::array({row["field"], row.contains("input") ? row["input"] : given ? Json(textOf(row)) : Json(nullptr), settings});
  const Json text = given ? Json(textOf(row)) : Json(nullptr);
  if (fn == "validateRequestJson") return Json::array({text, settings});
  if (fn == "parseNationalId") return Json::array({text, settings.value("currentYear", 0)});
  if (fn == "parseCallbackUrl") return Json::array({text, settings.value("sandbox", false)});
  return Json::array({text});
}

// The report of the function a row names: the same report functions the wasm bindings call.
Json run(const Json& row) {
  const auto fn = row["fn"].get<std::string>();
  const Json a = argsOf(row);
  const auto arg = [&](std::size_t i) { return i < a.size() ? a[i] : Json(nullptr); };
  const auto t = [&](std::size_t i) { return argText(arg(i)); };
  const auto j = [&](std::size_t i) { return argJson(arg(i)); };
  const auto n = [&](std::size_t i) { return argWhole(arg(i)); };
  std::string r;
  if (fn == "validateRequestJson") r = ltgs::validateRequestJsonReport(t(0), j(1));
  else if (fn == "validateField")
    r = ltgs::validateFieldReport(t(0), argScalar(arg(1), !row.contains("input") && !row.contains("inputText") &&
                                                           !row.contains("inputParts") && !row.contains("args")), j(2));
  else if (fn == "paymentOptions") r = ltgs::paymentOptionsReport(t(0), j(1), j(2));
  else if (fn == "unavailableMethods") {
    std::string csv;
    if (arg(1).is_array())
      for (const Json& m : arg(1)) csv += (csv.empty() ? "" : ",") + argText(m);
    r = ltgs::unavailableMethodsReport(j(0), arg(1).is_array() ? csv : t(1));
  } else if (fn == "parsePhone") r = ltgs::parsePhoneReport(t(0));
  else if (fn == "parseAmount") r = ltgs::parseAmountReport(t(0));
  else if (fn == "parseNationalId") r = ltgs::parseNationalIdReport(t(0), n(1));
  else if (fn == "parseEmail") r = ltgs::parseEmailReport(t(0));
  else if (fn == "parseCallbackUrl") r = ltgs::parseCallbackUrlReport(t(0), arg(1) == Json(true));
  else if (fn == "parseServicesName") r = ltgs::parseServicesNameReport(t(0));
  else if (fn == "parseSaleReference") r = ltgs::parseSaleReferenceReport(t(0));
  else if (fn == "parseCallbackJson") r = ltgs::parseCallbackJsonReport(t(0));
  else if (fn == "failureReasonCode") r = ltgs::failureReasonCodeReport(t(0));
  else if (fn == "paymentStatusWord") r = ltgs::paymentStatusWordReport(t(0));
  else if (fn == "retryAfterMs") r = ltgs::retryAfterMsReport(t(0), n(1));
  else if (fn == "qrSvg") r = ltgs::qrSvgReport(t(0), j(1));
  else if (fn == "qrMatrix") r = ltgs::qrMatrixReport(t(0), t(1));
  else if (fn == "emvParse") r = ltgs::emvParseReport(t(0));
  else if (fn == "emvBuild") r = ltgs::emvBuildReport(j(0));
  else if (fn == "ussdCode") r = ltgs::ussdCodeReport(t(0), t(1), n(2));
  else if (fn == "mtnMomoPayUssd") r = ltgs::mtnMomoPayUssdReport(t(0), n(1));
  else if (fn == "ussdTelLink") r = ltgs::ussdTelLinkReport(t(0));
  else if (fn == "checkQrPayload") r = ltgs::checkQrPayloadReport(t(0), n(1));
  else if (fn == "checkUssdCode") r = ltgs::checkUssdCodeReport(t(0), n(1), j(2));
  else if (fn == "draftPayment") r = ltgs::draftPaymentReport(t(0), n(1));
  else if (fn == "applyEvent") r = ltgs::applyEventReport(j(0), j(1));
  else if (fn == "nextPoll") r = ltgs::nextPollReport(j(0), j(1), j(2));
  else if (fn == "attemptReference") r = ltgs::attemptReferenceReport(t(0), n(1));
  else if (fn == "parseAttemptReference") r = ltgs::parseAttemptReferenceReport(t(0));
  else if (fn == "parsePaymentMethod") r = ltgs::parsePaymentMethodReport(argScalar(arg(0), a.empty()));
  else if (fn == "decideInitiation") r = ltgs::decideInitiationReport(j(0), n(1), n(2));
  else if (fn == "startAttempt") r = ltgs::startAttemptReport(n(0), n(1), n(2));
  else if (fn == "applyAttemptStatus") r = ltgs::applyAttemptStatusReport(j(0), n(1), t(2));
  else if (fn == "rejectAttempt") r = ltgs::rejectAttemptReport(j(0));
  else if (fn == "orderStatus") r = ltgs::orderStatusReport(j(0));
  else if (fn == "checkoutRules") r = ltgs::checkoutRulesReport();
  else {
    ADD_FAILURE() << "unknown fn \"" << fn << "\"";
    return Json{{"ok", nullptr}};
  }
  const Json report = Json::parse(r, nullptr, false);
  EXPECT_FALSE(report.is_discarded()) << "not JSON: " << r;
  if (fn == "validateRequestJson" && report.value("ok", false)) {
    // Native only: the serialised payload is exactly the report's request, members in LTGS's order.
    const ltgs::Validation v = ltgs::validateJson(t(0), ltgs::parseSettingsJson(j(1)).value());
    EXPECT_EQ(Json::parse(ltgs::toJson(*v.request), nullptr, false), report["value"]["request"]) << "ltgs::toJson(PaymentRequest)";
  }
  return report;
}

// [{field, code}] of a list of errors or warnings: messages and params are not compared.
Json fieldsAndCodes(const Json& list) {
  Json out = Json::array();
  for (const auto& e : list) out.push_back({{"field", e.value("field", Json())}, {"code", e.value("code", Json())}});
  return out;
}

// FNV-1a, 64 bits, of the UTF-8 text, as 16 hex digits: a QR matrix's rows (joined by "\n") in one short string.
std::string fnv1a64(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char byte : text) h = (h ^ byte) * 0x100000001b3ULL;
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

// An array of the actual items, each reduced to the members its expected item names (when both are objects).
Json itemsLike(const Json& actual, const Json& expected) {
  Json out = Json::array();
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const Json& item = actual[i];
    if (!item.is_object() || i >= expected.size() || !expected[i].is_object()) {
      out.push_back(item);
      continue;
    }
    Json reduced = Json::object();
    for (const auto& [k, _] : expected[i].items())
      if (item.contains(k)) reduced[k] = item[k];
    out.push_back(reduced);
  }
  return out;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// One member of a value: "<member>Fnv1a64" the hash of a string or of lines, "<member>Contains" the expected
// texts that the member holds, an object only with the members the row names, an array of objects item by
// item, anything else as it is. Nothing when absent.
std::optional<Json> projectMember(const Json& value, const std::string& name, const Json& want) {
  const auto base = [&](const std::string& suffix) { return name.substr(0, name.size() - suffix.size()); };
  if (endsWith(name, "Fnv1a64") && value.contains(base("Fnv1a64"))) {
    const Json& v = value[base("Fnv1a64")];
    std::string text;
    if (v.is_array()) {
      for (std::size_t i = 0; i < v.size(); ++i) text += (i ? "\n" : "") + v[i].get<std::string>();
    } else {
      text = v.is_string() ? v.get<std::string>() : v.dump();
    }
    return Json(fnv1a64(text));
  }
  if (endsWith(name, "Contains") && value.contains(base("Contains"))) {
    const std::string text = value[base("Contains")].get<std::string>();
    Json held = Json::array();
    for (const Json& t : want)
      if (text.find(t.get<std::string>()) != std::string::npos) held.push_back(t);
    return held;
  }
  if (!value.contains(name)) return std::nullopt;
  if (value[name].is_array() && want.is_array()) return itemsLike(value[name], want);
  if (value[name].is_object() && want.is_object()) return itemsLike(Json::array({value[name]}), Json::array({want}))[0];
  return value[name];
}

// The members of `actual` that `expect` names: "errors" as [{field, code}], "code" as the single error's code,
// "value" whole, or (an object) only the members the row names (projectMember), an array item by item.
Json project(const Json& actual, const Json& expect) {
  const Json errors = actual.value("errors", Json::array());
  Json got = Json::object();
  for (const auto& [key, want] : expect.items()) {
    if (key == "errors") {
      got[key] = fieldsAndCodes(errors);
    } else if (key == "code") {
      Json codes = Json::array();
      for (const auto& e : errors) codes.push_back(e.value("code", Json()));
      got[key] = codes.size() == 1 ? codes[0] : codes;
    } else if (key == "value" && want.is_object() && actual.contains("value") && actual["value"].is_object()) {
      got[key] = Json::object();
      for (const auto& [member, wanted] : want.items())
        if (const std::optional<Json> v = projectMember(actual["value"], member, wanted)) got[key][member] = *v;
    } else if (key == "value" && want.is_array() && actual.contains("value") && actual["value"].is_array()) {
      got[key] = itemsLike(actual["value"], want);
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
  // The convention (wasm/README.md): {ok: true, value} or {ok: false, errors: [{field, code, message, params}]}.
  ASSERT_TRUE(actual.is_object() && actual["ok"].is_boolean()) << actual.dump();
  EXPECT_EQ(actual.size(), 2u) << actual.dump();
  EXPECT_TRUE(actual["ok"].get<bool>() ? actual.contains("value") : actual.contains("errors") && !actual["errors"].empty());
  Json errors = actual.value("errors", Json::array());
  if (actual.contains("value") && actual["value"].is_object())
    for (const auto& w : actual["value"].value("warnings", Json::array())) errors.push_back(w);
  for (const auto& e : errors) {
    EXPECT_TRUE(e["message"].is_string() && !e["message"].get<std::string>().empty()) << "empty message for " << e["code"];
    ASSERT_TRUE(e["params"].is_object()) << "no params for " << e["code"];
    // Every error is one of the catalogue's, with exactly the params its message names.
    const ltgs::CodeInfo* info = ltgs::findCode(e["code"].get<std::string>());
    ASSERT_NE(info, nullptr) << e["code"] << " is not in the catalogue";
    std::vector<std::string> given;
    for (const auto& [name, _] : e["params"].items()) given.push_back(name);
    std::vector<std::string> named = ltgs::paramNames(info->message);
    std::sort(given.begin(), given.end());
    std::sort(named.begin(), named.end());
    EXPECT_EQ(given, named) << e["code"];
    EXPECT_EQ(e["message"].get<std::string>().find('{'), std::string::npos) << e["message"];
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseRow, testing::ValuesIn(allRows()),
                         [](const testing::TestParamInfo<Row>& param) { return param.param.testName; });

TEST(CasesTable, HasAtLeast150Rows) { EXPECT_GE(allRows().size(), 150u); }

TEST(CasesTable, HasAtLeast100HostileRows) {
  EXPECT_GE(std::count_if(allRows().begin(), allRows().end(), [](const Row& r) { return r.file == "hostile.json"; }), 100);
}

}  // namespace
