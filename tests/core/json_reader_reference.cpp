// The core's JSON reader as it was with nlohmann/json (see json_reader_reference.hpp).
#include "json_reader_reference.hpp"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "ltgs/codes.hpp"

namespace ltgs::reference {
namespace {

using Json = nlohmann::json;

FieldError malformedAt(std::size_t byte) {
  return codeError("json.malformed", {ErrorParam::of("byte", static_cast<std::int64_t>(byte))});
}

// Kept as the core had it, apart from its namespace: the reference shares no code with the scanner it checks, so
// the handler's rules (depth, items, duplicates) are compared too, not only the parsing.
//
// SAX handler: collects the top-level members; nested values are recorded by kind only, except that the
// objects of one named top-level array (arrayKey) are collected as flat objects of their own. One handler
// type, so that the wasm build holds one instantiation of the parser. Returning false stops the parser at
// once, so hostile input costs no more than reading up to the first problem.
class FlatObjectReader {
 public:
  FlatObject object;
  std::vector<FlatObject> items;  // the objects of the array named arrayKey
  std::string_view arrayKey;      // "" for none
  std::optional<FieldError> error;  // the first problem; parsing stops there
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
  bool binary(Json::binary_t&) { return fail(malformedAt(0)); }

  bool start_object(std::size_t) { return open(JsonScalar::Kind::Object); }
  bool start_array(std::size_t) { return open(JsonScalar::Kind::Array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    if (inArray_ && depth_ == 3) {  // a member of one of the array's objects
      if (!itemKeys_.insert(k).second) return fail(duplicate(k));
      items.back().members.emplace_back(std::move(k), JsonScalar::missing());
      return true;
    }
    if (depth_ != 1) return true;  // inside a nested value: ignored
    nextIsArray_ = !arrayKey.empty() && k == arrayKey;
    if (!keys_.insert(k).second)
      return fail(duplicate(k));
    object.members.emplace_back(std::move(k), JsonScalar::missing());
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
    if (!error) fail(malformedAt(offset + position));
    return false;
  }

 private:
  int depth_ = 0;
  std::set<std::string> keys_;     // top-level keys seen so far

  bool fail(FieldError e) {
    error = std::move(e);
    return false;
  }
  static FieldError duplicate(const std::string& key) {
    return codeError("json.duplicate_key", {ErrorParam::of("key", key.substr(0, 64))});
  }
  bool inArray_ = false;      // inside the array named arrayKey
  bool nextIsArray_ = false;  // the member being read is arrayKey's
  std::set<std::string> itemKeys_;

  bool scalar(JsonScalar v) {
    if (depth_ == 0) return fail(codeError("json.not_object"));
    if (depth_ == 1) object.members.back().second = std::move(v);
    if (inArray_ && depth_ == 2) return fail(codeError("json.not_object"));
    if (inArray_ && depth_ == 3) items.back().members.back().second = std::move(v);
    return true;
  }
  bool open(JsonScalar::Kind kind) {
    if (depth_ == 0 && kind != JsonScalar::Kind::Object) return fail(codeError("json.not_object"));
    if (depth_ == 1) {
      object.members.back().second = JsonScalar::make(kind);
      inArray_ = nextIsArray_ && kind == JsonScalar::Kind::Array;
    }
    if (inArray_ && depth_ == 2) {
      if (kind != JsonScalar::Kind::Object) return fail(codeError("json.not_object"));
      items.emplace_back();
      itemKeys_.clear();
    }
    if (inArray_ && depth_ == 3) items.back().members.back().second = JsonScalar::make(kind);
    if (++depth_ > kMaxJsonDepth)
      return fail(codeError("json.too_deep", {ErrorParam::of("maxDepth", std::int64_t{kMaxJsonDepth})}));
    return true;
  }
  bool close() {
    if (--depth_ == 1) inArray_ = false;
    return true;
  }
};

}  // namespace

namespace {

// Reads `json` with `reader`: the size limit, the byte-order-mark rule, then the SAX parse.
const FieldError* readWith(std::string_view json, FlatObjectReader& reader, FieldError& error) {
  if (json.size() > kMaxJsonBytes) {
    error = codeError("json.too_large", {ErrorParam::of("maxBytes", static_cast<std::int64_t>(kMaxJsonBytes))});
    return &error;
  }
  // One UTF-8 byte order mark as the very first bytes is tolerated (RFC 8259 §8.1 lets a parser ignore it);
  // anything else before the JSON text is malformed. The mark is removed here and a second one refused, so the
  // rule does not depend on which parser runs or on how it treats a mark at the start of what it is given.
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  std::string_view text = json;
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(kByteOrderMark.size());
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    error = malformedAt(kByteOrderMark.size());  // a byte order mark may come only once, first
    return &error;
  }
  reader.offset = json.size() - text.size();
  const bool ok = Json::sax_parse(text.data(), text.data() + text.size(), &reader, Json::input_format_t::json,
                                  /*strict=*/true, /*ignore_comments=*/false);
  if (!ok || reader.error) {
    error = reader.error ? *reader.error : malformedAt(json.size());
    return &error;
  }
  return nullptr;
}

}  // namespace

Result<FlatObject> readFlatObject(std::string_view json) {
  FlatObjectReader reader;
  FieldError error;
  if (readWith(json, reader, error)) return error;
  return std::move(reader.object);
}

Result<FlatObjectWithItems> readFlatObjectWithItems(std::string_view json, std::string_view arrayKey) {
  FlatObjectReader reader;
  reader.arrayKey = arrayKey;
  FieldError error;
  if (readWith(json, reader, error)) return error;
  return FlatObjectWithItems{std::move(reader.object), std::move(reader.items)};
}

namespace {

void escaped(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b >= 0x7F || c == '"' || c == '\\') {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", b);
      out += hex;
    } else {
      out += c;
    }
  }
  out += '"';
}

void describeObject(std::string& out, const FlatObject& object) {
  out += '{';
  for (const auto& [key, v] : object.members) {
    escaped(out, key);
    out += ':';
    char number[64];
    switch (v.kind) {
      case JsonScalar::Kind::Missing: out += "missing"; break;
      case JsonScalar::Kind::Null: out += "null"; break;
      case JsonScalar::Kind::Bool: out += v.boolean ? "true" : "false"; break;
      case JsonScalar::Kind::Integer:
        std::snprintf(number, sizeof number, "int %" PRId64 " (%.17g)", v.integer, v.number);
        out += number;
        break;
      case JsonScalar::Kind::Float: {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &v.number, sizeof bits);
        std::snprintf(number, sizeof number, "float %.17g [%016" PRIx64 "] ", v.number, bits);
        out += number;
        escaped(out, v.text);
        break;
      }
      case JsonScalar::Kind::String: out += "string "; escaped(out, v.text); break;
      case JsonScalar::Kind::Object: out += "object"; break;
      case JsonScalar::Kind::Array: out += "array"; break;
    }
    if (v.kind != JsonScalar::Kind::Float && v.kind != JsonScalar::Kind::String && !v.text.empty()) out += " text?";
    out += ", ";
  }
  out += '}';
}

template <typename T, typename Describe>
std::string describeResult(const Result<T>& result, Describe describeValue) {
  std::string out;
  if (result.ok()) {
    describeValue(out, result.value());
    return out;
  }
  const FieldError& e = result.error();
  out = "error " + e.code + " on " + e.field + " (" + e.message + ")";
  for (const ErrorParam& p : e.params) {
    out += " " + p.name + "=";
    if (p.isNumber) out += std::to_string(p.number);
    else escaped(out, p.text);
  }
  return out;
}

}  // namespace

std::string describe(const Result<FlatObject>& result) { return describeResult(result, describeObject); }

std::string describe(const Result<FlatObjectWithItems>& result) {
  return describeResult(result, [](std::string& out, const FlatObjectWithItems& doc) {
    describeObject(out, doc.object);
    out += " items [";
    for (const FlatObject& item : doc.items) describeObject(out, item);
    out += ']';
  });
}

}  // namespace ltgs::reference
