#include "json_reader.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "ltgs/codes.hpp"

// A strict JSON (RFC 8259) scanner over the bytes as given, for the core's flat objects: no exceptions, no
// recursion (a depth counter and one bit per open level), no copy of the document. It answers exactly as the
// reader it replaced, nlohmann/json 3.11's strict SAX parser, down to the byte a json.malformed names: that
// byte is nlohmann's parse_error position, the count of bytes its lexer had read when it gave up, the end of
// input counting as one more byte. tests/core/json_reader_test.cpp and tests/fuzz/json_reader_fuzz.cpp compare
// the two on every input they make (nlohmann/json is a test dependency only).

namespace ltgs {

const JsonScalar& FlatObject::get(std::string_view key) const noexcept {
  static const JsonScalar kMissing;
  for (const auto& member : members)
    if (member.first == key) return member.second;
  return kMissing;
}

namespace {

FieldError malformedAt(std::size_t byte) {
  return codeError("json.malformed", {ErrorParam::of("byte", static_cast<std::int64_t>(byte))});
}

using Members = std::vector<std::pair<std::string, JsonScalar>>;

// The keys of one object, to refuse a duplicate: a linear search for the few members LTGS sends, an ordered
// set past that. A 64 KiB document of distinct keys then costs O(n log n) whatever its keys: a hash table with
// a fixed hash could be filled with keys that collide on purpose, and cost O(n^2).
class KeySet {
 public:
  // Whether `key` is new among `members` (which it is about to join).
  bool insert(const Members& members, std::string_view key) {
    if (members.size() < kLinear) {
      for (const auto& member : members)
        if (member.first == key) return false;
      return true;
    }
    if (sorted_.empty())
      for (const auto& member : members) sorted_.insert(member.first);
    return sorted_.insert(std::string(key)).second;
  }
  void clear() { sorted_.clear(); }

 private:
  static constexpr std::size_t kLinear = 16;
  std::set<std::string> sorted_;  // every key, once there are kLinear of them
};

enum class Token {
  BeginObject, EndObject, BeginArray, EndArray, NameSeparator, ValueSeparator,
  Value,   // a literal or a number, in value_
  String,  // in string_
  End,     // the end of input (or a NUL byte)
  Error,
};

// Reads one document: the scanner (scan()) and what the parser does with its tokens (read()), with the handler
// of the flat object: top-level members, nested values by kind only, and the objects of one named top-level
// array (arrayKey) as flat objects of their own. The first problem stops it: reading costs no more than the
// bytes up to it.
class Reader {
 public:
  FlatObject object;
  std::vector<FlatObject> items;  // the objects of the array named arrayKey
  FieldError error;

  explicit Reader(std::string_view arrayKey) : arrayKey_(arrayKey) {}

  // Reads `json`: the size limit, the byte-order-mark rule, then the document. false with `error` set on the
  // first problem.
  bool read(std::string_view json) {
    if (json.size() > kMaxJsonBytes)
      return fail(codeError("json.too_large", {ErrorParam::of("maxBytes", static_cast<std::int64_t>(kMaxJsonBytes))}));
    // One UTF-8 byte order mark as the very first bytes is tolerated (RFC 8259 §8.1 lets a parser ignore it);
    // anything else before the JSON text is malformed. The mark is removed here and a second one refused.
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    std::string_view text = json;
    if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(kByteOrderMark.size());
    if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark)
      return fail(malformedAt(kByteOrderMark.size()));  // a byte order mark may come only once, first
    s_ = reinterpret_cast<const unsigned char*>(text.data());
    n_ = text.size();
    offset_ = json.size() - text.size();
    // nlohmann skips a byte order mark at the start of what it is given and refuses a broken one at its second
    // or third byte; a whole second mark was refused above.
    if (n_ > 0 && s_[0] == 0xEF) return malformed(n_ > 1 && s_[1] == 0xBB ? 3 : 2);
    Token token = scan();
    bool closed = false;  // a value has just been closed: go on in its parent
    for (;;) {
      if (!closed) {
        switch (token) {
          case Token::BeginObject:
            if (!open(JsonScalar::Kind::Object)) return false;
            if ((token = scan()) == Token::EndObject) {
              close();
              break;
            }
            if (!readKey(token)) return false;
            token = scan();
            continue;
          case Token::BeginArray:
            if (!open(JsonScalar::Kind::Array)) return false;
            if ((token = scan()) == Token::EndArray) {
              close();
              break;
            }
            continue;
          case Token::Value:
            if (!scalar(std::move(value_))) return false;
            break;
          case Token::String:
            if (!scalar(JsonScalar::string(std::string(string_)))) return false;
            break;
          default:  // a value was expected
            return malformed();
        }
      }
      closed = false;
      if (depth_ == 0) break;
      token = scan();
      if (token == Token::ValueSeparator) {
        if (inArrayValue()) {
          token = scan();
          continue;
        }
        if (!readKey(scan())) return false;
        token = scan();
        continue;
      }
      if (token != (inArrayValue() ? Token::EndArray : Token::EndObject)) return malformed();
      close();
      closed = true;
    }
    if (scan() != Token::End) return malformed();  // nothing but white space after the object
    return true;
  }

 private:
  const unsigned char* s_ = nullptr;  // the document after its byte order mark
  std::size_t n_ = 0;
  std::size_t p_ = 0;       // the next byte to scan
  std::size_t end_ = 0;     // nlohmann's position after the last token: where an error is reported
  std::size_t offset_ = 0;  // bytes of the document before s_ (a byte order mark)
  std::string_view arrayKey_;  // "" for none
  std::string_view string_;  // the last String token, decoded: the bytes between its quotes, or buffer_
  std::string buffer_;       // a string with escapes, decoded
  JsonScalar value_;        // the last Value token

  int depth_ = 0;
  std::uint64_t arrays_ = 0;  // bit d-1: the value open at depth d is an array
  KeySet keys_;               // of the top-level object
  KeySet itemKeys_;           // of the current item
  bool inArray_ = false;      // inside the array named arrayKey
  bool nextIsArray_ = false;  // the member being read is arrayKey's

  // ---- the handler

  bool fail(FieldError e) {
    error = std::move(e);
    return false;
  }
  bool malformed() { return malformed(end_); }
  bool malformed(std::size_t position) { return fail(malformedAt(offset_ + position)); }
  bool duplicate(std::string_view key) {
    return fail(codeError("json.duplicate_key", {ErrorParam::of("key", std::string(key.substr(0, 64)))}));
  }
  bool inArrayValue() const { return (arrays_ >> (depth_ - 1)) & 1u; }

  // A key token, its key, and the name separator after it.
  bool readKey(Token token) {
    if (token != Token::String) return malformed();
    if (!key(string_)) return false;
    return scan() == Token::NameSeparator || malformed();
  }
  bool key(std::string_view k) {
    if (inArray_ && depth_ == 3) {  // a member of one of the array's objects
      Members& members = items.back().members;
      if (!itemKeys_.insert(members, k)) return duplicate(k);
      members.emplace_back(std::string(k), JsonScalar::missing());
      return true;
    }
    if (depth_ != 1) return true;  // inside a nested value: ignored
    nextIsArray_ = !arrayKey_.empty() && k == arrayKey_;
    if (!keys_.insert(object.members, k)) return duplicate(k);
    object.members.emplace_back(std::string(k), JsonScalar::missing());
    return true;
  }
  bool scalar(JsonScalar v) {
    if (depth_ == 0) return fail(codeError("json.not_object"));
    if (depth_ == 1) object.members.back().second = std::move(v);
    if (inArray_ && depth_ == 2) return fail(codeError("json.not_object"));
    if (inArray_ && depth_ == 3) items.back().members.back().second = std::move(v);
    return true;
  }
  bool open(JsonScalar::Kind kind) {
    if (depth_ == 0) {
      if (kind != JsonScalar::Kind::Object) return fail(codeError("json.not_object"));
      object.members.reserve(8);  // an LTGS document's members, without growing
    }
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
    const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
    arrays_ = kind == JsonScalar::Kind::Array ? arrays_ | bit : arrays_ & ~bit;
    return true;
  }
  void close() {
    if (--depth_ == 1) inArray_ = false;
  }

  // ---- the scanner. Positions as nlohmann counts them: a token ends after its last byte; a problem is
  // reported after the byte that shows it (end of input: n_ + 1).

  int at(std::size_t i) const { return i < n_ ? s_[i] : -1; }
  static bool digit(int c) { return c >= '0' && c <= '9'; }
  Token errorAt(std::size_t i) {
    end_ = i + 1;
    return Token::Error;
  }
  Token ends(std::size_t i, Token token) {  // the token ends before byte i
    p_ = end_ = i;
    return token;
  }

  Token scan() {
    while (p_ < n_ && (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\n' || s_[p_] == '\r')) ++p_;
    const std::size_t t = p_;
    switch (at(t)) {
      case '{': return ends(t + 1, Token::BeginObject);
      case '}': return ends(t + 1, Token::EndObject);
      case '[': return ends(t + 1, Token::BeginArray);
      case ']': return ends(t + 1, Token::EndArray);
      case ':': return ends(t + 1, Token::NameSeparator);
      case ',': return ends(t + 1, Token::ValueSeparator);
      case 't': return literal(t, "true", JsonScalar::Kind::Bool);
      case 'f': return literal(t, "false", JsonScalar::Kind::Bool);
      case 'n': return literal(t, "null", JsonScalar::Kind::Null);
      case '"': return string(t + 1);
      case '-':
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        return number(t);
      case -1:
      case '\0':  // nlohmann's lexer takes a NUL byte outside a string for the end of input
        end_ = t + 1;
        return Token::End;
      default: return errorAt(t);
    }
  }

  Token literal(std::size_t t, std::string_view word, JsonScalar::Kind kind) {
    for (std::size_t i = 1; i < word.size(); ++i)
      if (at(t + i) != word[i]) return errorAt(t + i);
    value_ = JsonScalar::make(kind);
    value_.boolean = word[0] == 't';
    return ends(t + word.size(), Token::Value);
  }

  // -1 unless the 4 bytes at i are hex digits; `bad` is then the first that is not.
  long hex4(std::size_t i, std::size_t& bad) const {
    long code = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int c = at(i + k);
      int d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else {
        bad = i + k;
        return -1;
      }
      code = code * 16 + d;
    }
    return code;
  }

  void appendUtf8(long code) {
    const auto byte = [this](long b) { buffer_.push_back(static_cast<char>(b)); };
    if (code < 0x80) {
      byte(code);
    } else if (code < 0x800) {
      byte(0xC0 | (code >> 6));
      byte(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      byte(0xE0 | (code >> 12));
      byte(0x80 | ((code >> 6) & 0x3F));
      byte(0x80 | (code & 0x3F));
    } else {
      byte(0xF0 | (code >> 18));
      byte(0x80 | ((code >> 12) & 0x3F));
      byte(0x80 | ((code >> 6) & 0x3F));
      byte(0x80 | (code & 0x3F));
    }
  }

  // The string whose first byte after the quote is at i, decoded into string_: a view of the input when it has
  // no escapes, else buffer_. Well-formed UTF-8 only (no overlong forms, surrogates or code points past
  // U+10FFFF), no control characters, escapes as RFC 8259 has them with \u surrogates in pairs.
  Token string(std::size_t i) {
    const std::size_t first = i;
    bool copied = false;  // the string is in buffer_
    for (;;) {
      std::size_t j = i;
      while (j < n_ && s_[j] >= 0x20 && s_[j] < 0x80 && s_[j] != '"' && s_[j] != '\\') ++j;
      if (copied) buffer_.append(reinterpret_cast<const char*>(s_ + i), j - i);
      i = j;
      const int c = at(i);
      if (c == '"') {
        string_ = copied ? std::string_view(buffer_)
                         : std::string_view(reinterpret_cast<const char*>(s_ + first), i - first);
        return ends(i + 1, Token::String);
      }
      if (c < 0x20) return errorAt(i);  // a control character, or the end of input: no closing quote
      if (c == '\\') {
        if (!copied) buffer_.assign(reinterpret_cast<const char*>(s_ + first), i - first);
        copied = true;
        const int e = at(i + 1);
        char plain = 0;
        switch (e) {
          case '"': plain = '"'; break;
          case '\\': plain = '\\'; break;
          case '/': plain = '/'; break;
          case 'b': plain = '\b'; break;
          case 'f': plain = '\f'; break;
          case 'n': plain = '\n'; break;
          case 'r': plain = '\r'; break;
          case 't': plain = '\t'; break;
          case 'u': break;
          default: return errorAt(i + 1);
        }
        if (plain != 0) {
          buffer_.push_back(plain);
          i += 2;
          continue;
        }
        std::size_t bad = 0;
        long code = hex4(i + 2, bad);
        if (code < 0) return errorAt(bad);
        if (code >= 0xDC00 && code <= 0xDFFF) return errorAt(i + 5);  // a low surrogate first
        if (code >= 0xD800 && code <= 0xDBFF) {                       // a high one: its low one must follow
          if (at(i + 6) != '\\') return errorAt(i + 6);
          if (at(i + 7) != 'u') return errorAt(i + 7);
          const long low = hex4(i + 8, bad);
          if (low < 0) return errorAt(bad);
          if (low < 0xDC00 || low > 0xDFFF) return errorAt(i + 11);
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        appendUtf8(code);
        i += 6;
        continue;
      }
      // A multi-byte UTF-8 sequence: the range of its second byte depends on the first (RFC 3629's table).
      int length = 0, low = 0x80, high = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) length = 2;
      else if (c == 0xE0) length = 3, low = 0xA0;
      else if (c == 0xED) length = 3, high = 0x9F;
      else if (c >= 0xE1 && c <= 0xEF) length = 3;
      else if (c == 0xF0) length = 4, low = 0x90;
      else if (c == 0xF4) length = 4, high = 0x8F;
      else if (c >= 0xF1 && c <= 0xF3) length = 4;
      else return errorAt(i);  // a continuation byte, an overlong lead (C0, C1) or past U+10FFFF (F5-FF)
      for (int k = 1; k < length; ++k) {
        const int b = at(i + static_cast<std::size_t>(k));
        if (b < low || b > high) return errorAt(i + static_cast<std::size_t>(k));
        low = 0x80, high = 0xBF;
      }
      if (copied) buffer_.append(reinterpret_cast<const char*>(s_ + i), static_cast<std::size_t>(length));
      i += static_cast<std::size_t>(length);
    }
  }

  // A number at t: the grammar of RFC 8259 §6. An integer that fits in int64 is an Integer; a larger one, up to
  // 2^64 - 1, a Float of its value with no text; a float, or an integer beyond that, a Float of its literal read
  // by strtod, with the literal as text (an infinite one, like 1e400, is malformed).
  Token number(std::size_t t) {
    std::size_t i = t;
    const bool negative = at(i) == '-';
    if (negative) ++i;
    bool integral = true;
    if (at(i) == '0') {
      ++i;
    } else if (digit(at(i))) {
      while (digit(at(i))) ++i;
    } else {
      return errorAt(i);
    }
    const std::size_t digitsEnd = i;
    if (at(i) == '.') {
      integral = false;
      if (!digit(at(++i))) return errorAt(i);
      while (digit(at(i))) ++i;
    }
    if (at(i) == 'e' || at(i) == 'E') {
      integral = false;
      if (at(i + 1) == '+' || at(i + 1) == '-') ++i;
      if (!digit(at(++i))) return errorAt(i);
      while (digit(at(i))) ++i;
    }
    if (integral) {  // exactly, as strtoull / strtoll do it, or ERANGE
      std::uint64_t u = 0;
      bool fits = true;
      for (std::size_t k = negative ? t + 1 : t; k < digitsEnd && fits; ++k) {
        const auto d = static_cast<std::uint64_t>(s_[k] - '0');
        fits = u <= (UINT64_MAX - d) / 10;
        u = u * 10 + d;
      }
      constexpr std::uint64_t kInt64Magnitude = std::uint64_t{1} << 63;  // of INT64_MIN
      if (fits && !negative) {
        value_ = u <= static_cast<std::uint64_t>(INT64_MAX) ? JsonScalar::integral(static_cast<std::int64_t>(u))
                                                            : JsonScalar::floating(static_cast<double>(u));
        return ends(i, Token::Value);
      }
      if (fits && u <= kInt64Magnitude) {
        value_ = JsonScalar::integral(u == kInt64Magnitude ? INT64_MIN : -static_cast<std::int64_t>(u));
        return ends(i, Token::Value);
      }
    }
    value_ = JsonScalar::make(JsonScalar::Kind::Float);
    value_.text.assign(reinterpret_cast<const char*>(s_ + t), i - t);
    value_.number = std::strtod(value_.text.c_str(), nullptr);
    if (!std::isfinite(value_.number)) return errorAt(i - 1);  // nlohmann: "number overflow", after the literal
    return ends(i, Token::Value);
  }
};

}  // namespace

Result<FlatObject> readFlatObject(std::string_view json) {
  Reader reader({});
  if (!reader.read(json)) return std::move(reader.error);
  return std::move(reader.object);
}

Result<FlatObjectWithItems> readFlatObjectWithItems(std::string_view json, std::string_view arrayKey) {
  Reader reader(arrayKey);
  if (!reader.read(json)) return std::move(reader.error);
  return FlatObjectWithItems{std::move(reader.object), std::move(reader.items)};
}

}  // namespace ltgs
