#include "fuzz_support.hpp"

#include <nlohmann/json.hpp>

namespace fuzz {

using Json = nlohmann::json;

struct Report::Impl {
  Json json;
  std::string text;
};

namespace {

// The member at `path` of the report's value ("emv" → value.emv); "" is the whole report.
const Json& at(const Json& root, std::string_view path, const std::string& text) {
  if (path.empty()) return root;
  FUZZ_CHECK(root.contains("value"), "a value in " + text);
  const Json* j = &root["value"];
  if (path == ".") return *j;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    const std::string key(path.substr(0, slash));
    FUZZ_CHECK(j->is_object() && j->contains(key), key + " in " + text);
    j = &(*j)[key];
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return *j;
}

}  // namespace

Report::Report(const std::string& text) {
  auto impl = std::make_shared<Impl>();
  impl->text = text;
  impl->json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  const Json& j = impl->json;
  FUZZ_CHECK(!j.is_discarded(), text);
  FUZZ_CHECK(j.is_object() && j.size() == 2 && j.contains("ok") && j["ok"].is_boolean(), text);
  if (j["ok"].get<bool>()) {
    FUZZ_CHECK(j.contains("value"), text);
  } else {
    FUZZ_CHECK(j.contains("errors") && j["errors"].is_array() && !j["errors"].empty(), text);
    for (const Json& e : j["errors"]) {
      FUZZ_CHECK(e.is_object() && e.size() == 4 && e.contains("field") && e["field"].is_string(), text);
      FUZZ_CHECK(e.contains("code") && e["code"].is_string() && !e["code"].get<std::string>().empty(), text);
      FUZZ_CHECK(e.contains("message") && e["message"].is_string() && !e["message"].get<std::string>().empty(), text);
      FUZZ_CHECK(e.contains("params") && e["params"].is_object(), text);
    }
  }
  impl_ = std::move(impl);
}

bool Report::ok() const { return impl_->json["ok"].get<bool>(); }

std::string Report::code() const {
  const Json& j = impl_->json;
  if (ok()) return "";
  return j["errors"][0]["code"].get<std::string>();
}

std::size_t Report::errorCount() const {
  const Json& j = impl_->json;
  if (ok()) return 0;
  return j["errors"].size();
}

std::string Report::text(std::string_view path) const {
  const Json& j = at(impl_->json, path, impl_->text);
  FUZZ_CHECK(j.is_string(), std::string(path) + " in " + impl_->text);
  return j.get<std::string>();
}

std::int64_t Report::integer(std::string_view path) const {
  const Json& j = at(impl_->json, path, impl_->text);
  FUZZ_CHECK(j.is_number_integer(), std::string(path) + " in " + impl_->text);
  return j.get<std::int64_t>();
}

bool Report::flag(std::string_view path) const {
  const Json& j = at(impl_->json, path, impl_->text);
  FUZZ_CHECK(j.is_boolean(), std::string(path) + " in " + impl_->text);
  return j.get<bool>();
}

std::string Report::json(std::string_view path) const { return at(impl_->json, path, impl_->text).dump(); }

bool Report::same(std::string_view path, std::string_view jsonText) const {
  const Json other = Json::parse(jsonText, nullptr, false);
  return !other.is_discarded() && at(impl_->json, path, impl_->text) == other;
}

bool sameJson(std::string_view a, std::string_view b) {
  const Json ja = Json::parse(a, nullptr, false), jb = Json::parse(b, nullptr, false);
  return !ja.is_discarded() && !jb.is_discarded() && ja == jb;
}

}  // namespace fuzz
