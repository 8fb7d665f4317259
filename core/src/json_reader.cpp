#include "json_reader.hpp"

#include <set>

#include <nlohmann/json.hpp>

namespace ltgs {
namespace {

using Json = nlohmann::json;

// SAX handler: collects the top-level members; nested values are recorded by kind only. Returning false
// stops the parser at once, so hostile input costs no more than reading up to the first problem.
class FlatObjectReader {
 public:
  FlatObject object;
  const char* errorCode = nullptr;
  std::string errorMessage;
  std::size_t offset = 0;  // bytes of the document before what the parser is given (a byte order mark)

  bool null() { return scalar(JsonScalar::null()); }
  bool boolean(bool b) {
    JsonScalar v = JsonScalar::make(JsonScalar::Kind::Bool);
    v.boolean = b;
    return scalar(std::move(v));
  }
  bool number_integer(Json::number_integer_t i) { return scalar(JsonScalar::integral(i)); }
  bool number_unsigned(Json::number_unsigned_t u) {
    if (u <= static_cast<Json::number_unsigned_t>(INT64_MAX)) return scalar(JsonScalar::integral(static_cast<std::int64_t>(u)));
    return scalar(JsonScalar::floating(static_cast<double>(u)));
  }
  bool number_float(Json::number_float_t d, const std::string& literal) {
    JsonScalar v = JsonScalar::floating(d);
    v.text = literal;
    return scalar(std::move(v));
  }
  bool string(std::string& s) { return scalar(JsonScalar::string(std::move(s))); }
  bool binary(Json::binary_t&) { return fail("json.malformed", "The body is not valid JSON."); }

  bool start_object(std::size_t) { return open(JsonScalar::Kind::Object); }
  bool start_array(std::size_t) { return open(JsonScalar::Kind::Array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    if (depth_ != 1) return true;  // inside a nested value: ignored
    if (!keys_.insert(k).second)
      return fail("json.duplicate_key", "A key appears more than once" + (k.size() <= 64 ? " (\"" + k + "\")" : "") +
                                            "; parsers disagree on which one wins.");
    object.members.emplace_back(std::move(k), JsonScalar::missing());
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
    if (errorCode == nullptr)
      fail("json.malformed", "The body is not valid JSON (error at byte " + std::to_string(offset + position) + ").");
    return false;
  }

 private:
  int depth_ = 0;
  std::set<std::string> keys_;     // top-level keys seen so far

  bool fail(const char* code, std::string message) {
    errorCode = code;
    errorMessage = std::move(message);
    return false;
  }
  bool scalar(JsonScalar v) {
    if (depth_ == 0) return fail("json.not_object", "The body must be a JSON object.");
    if (depth_ == 1) object.members.back().second = std::move(v);
    return true;
  }
  bool open(JsonScalar::Kind kind) {
    if (depth_ == 0 && kind != JsonScalar::Kind::Object) return fail("json.not_object", "The body must be a JSON object.");
    if (depth_ == 1) object.members.back().second = JsonScalar::make(kind);
    if (++depth_ > kMaxJsonDepth) return fail("json.too_deep", "The body is nested too deeply.");
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
};

}  // namespace

const JsonScalar& FlatObject::get(std::string_view key) const noexcept {
  static const JsonScalar kMissing;
  for (const auto& member : members)
    if (member.first == key) return member.second;
  return kMissing;
}

Result<FlatObject> readFlatObject(std::string_view json) {
  if (json.size() > kMaxJsonBytes)
    return FieldError{"$", "json.too_large", "The body is larger than 64 KiB."};
  // One UTF-8 byte order mark as the very first bytes is tolerated (RFC 8259 §8.1 lets a parser ignore it);
  // anything else before the JSON text is malformed. The mark is removed here and a second one refused, so the
  // rule does not depend on which parser runs or on how it treats a mark at the start of what it is given.
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  std::string_view text = json;
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(kByteOrderMark.size());
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark)
    return FieldError{"$", "json.malformed", "The body is not valid JSON: a byte order mark may come only once, first."};
  FlatObjectReader reader;
  reader.offset = json.size() - text.size();
  const bool ok = Json::sax_parse(text.data(), text.data() + text.size(), &reader, Json::input_format_t::json,
                                  /*strict=*/true, /*ignore_comments=*/false);
  if (!ok || reader.errorCode != nullptr) {
    if (reader.errorCode == nullptr) return FieldError{"$", "json.malformed", "The body is not valid JSON."};
    return FieldError{"$", reader.errorCode, reader.errorMessage};
  }
  return std::move(reader.object);
}

}  // namespace ltgs
