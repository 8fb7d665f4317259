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
    if (first_.back() == 0) out_ += ',';
    first_.back() = 0;
  }
}

JsonWriter& JsonWriter::open(char c) {
  separate();
  out_ += c;
  first_.push_back(1);
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

// Runs of characters that need no escape are copied whole: the hot path of every report is names and values
// in plain ASCII (at -Oz in the wasm build a byte-by-byte append is a call per byte).
void JsonWriter::quoted(std::string_view s) {
  constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  std::size_t run = 0;  // where the current run of plain characters began
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out_.append(s.data() + run, i - run);
    if (c == '"' || c == '\\') {
      const char escaped[2] = {'\\', static_cast<char>(c)};
      out_.append(escaped, 2);
      ++i;
    } else if (c < 0x20) {
      const char escaped[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out_.append(escaped, 6);
      ++i;
    } else {
      const std::size_t start = i;
      char32_t cp;
      if (decodeUtf8(s, i, cp)) {
        out_.append(s.data() + start, i - start);
      } else {
        out_.append("\xEF\xBF\xBD", 3);  // U+FFFD: the parsers never pass invalid UTF-8 here, but output stays valid JSON
        ++i;
      }
    }
    run = i;
  }
  out_.append(s.data() + run, s.size() - run);
  out_ += '"';
}

}  // namespace ltgs
