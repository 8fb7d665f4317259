#include "json_writer.hpp"

#include <charconv>

#include "text_util.hpp"

namespace ltgs {

void JsonWriter::separate() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::open(char c) {
  separate();
  out_ += c;
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  first_.pop_back();
  out_ += c;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  quoted(k);
  out_ += ':';
  afterKey_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  quoted(s);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t i) {
  separate();
  char text[20];  // "-9223372036854775808"
  out_.append(text, static_cast<std::size_t>(std::to_chars(text, text + sizeof text, i).ptr - text));
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

void JsonWriter::quoted(std::string_view s) {
  constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out_ += '\\';
      out_ += static_cast<char>(c);
      ++i;
    } else if (c < 0x20) {
      out_ += "\\u00";
      out_ += kHex[c >> 4];
      out_ += kHex[c & 0xF];
      ++i;
    } else if (c < 0x80) {
      out_ += static_cast<char>(c);
      ++i;
    } else {
      const std::size_t start = i;
      char32_t cp;
      if (decodeUtf8(s, i, cp)) {
        out_.append(s.substr(start, i - start));
      } else {
        out_ += "\xEF\xBF\xBD";  // U+FFFD: the parsers never pass invalid UTF-8 here, but output stays valid JSON
        ++i;
      }
    }
  }
  out_ += '"';
}

}  // namespace ltgs
