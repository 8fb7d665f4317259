// The core's JSON scanner (core/src/json_reader.cpp) against nlohmann/json's strict SAX parser driving the
// handler the core used before (json_reader_reference.cpp): the same members, kinds, values and literal texts,
// the same error, code and params (json.malformed's byte included) for a table of tricky inputs and for 200,000
// documents made from a grammar and then mutated byte by byte (seeded: every run makes the same ones).
// tests/fuzz/json_reader_fuzz.cpp makes the same comparison on what libFuzzer finds.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "json_reader.hpp"
#include "json_reader_reference.hpp"

namespace ltgs {
namespace {

using namespace std::string_literals;

// Both readers on `json`: as a flat object, and with items under `arrayKey` (and under "a", which the
// generated documents use most).
void expectSameAnswers(std::string_view json, std::string_view arrayKey = "attempts") {
  ASSERT_EQ(reference::describe(readFlatObject(json)), reference::describe(reference::readFlatObject(json)))
      << "input: " << ::testing::PrintToString(std::string(json));
  for (const std::string_view key : {arrayKey, std::string_view("a")})
    ASSERT_EQ(reference::describe(readFlatObjectWithItems(json, key)),
              reference::describe(reference::readFlatObjectWithItems(json, key)))
        << "input: " << ::testing::PrintToString(std::string(json)) << ", items under " << key;
}

std::int64_t malformedByte(std::string_view json) {
  const Result<FlatObject> r = readFlatObject(json);
  if (r.ok() || r.error().code != "json.malformed" || r.error().params.size() != 1) return -1;
  return r.error().params[0].number;
}

// The inputs each rule of the scanner was written for. The byte is nlohmann's position: the bytes its lexer had
// read when it stopped, the end of input counting as one.
const std::vector<std::string> kTricky = {
    // empty, white space, not an object
    "", " ", "\t\n\r ", "\f{}", "\v{}", "{}\f", "\xC2\xA0{}", "{}", " {} ", "{ }", "\n{\n}\n", "[]", "[{}]", "1", "-1",
    "\"a\"", "null", "true", "false", "nul", "tru", "fals", "nulll", "truex", "{}x", "{}{}", "{} {}", "{}[]", "{}1",
    "{}\"", "{}\"abc\"", "{}\"abc", "{}-", "{}1e999", "{}null", "{}nul", "{},", "{}]", "{}}", "{}:", "{}/", "{}//",
    "{}/**/", "//\n{}", "/*x*/{}", "{}#", "x", "{", "}", "{\"", "{\"a", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,",
    "{\"a\":1,}", "{,}", "{\"a\"1}", "{\"a\":1 \"b\":2}", "{\"a\":1,,\"b\":2}", "{1:2}", "{null:1}", "{'a':1}",
    "{a:1}", "{\"a\"::1}", "{\"a\":}", "{\"a\":]", "{\"a\":[}", "{\"a\":[1,]}", "{\"a\":[,1]}", "{\"a\":[1 2]}",
    "{\"a\":{\"b\"}}", "{\"a\":{\"b\":1,}}", "{\"a\":{,}}", "{\"a\":[[]]]}", "{\"a\":[[]}", "{\"a\":{]}",
    // the NUL byte: the end of input for nlohmann's lexer outside strings, a control character inside
    "\0"s, "{}\0"s, "{}\0garbage"s, "{}\0{"s, "{\"a\":1}\0\"x"s, "{\"a\":1\0}"s, "{\"a\":\0}"s, "{\0}"s, "{\"a\0\":1}"s,
    "{\"a\":nul\0}"s, "{\"a\":1.\0}"s, "{\"a\":-\0}"s, "\0{}"s,
    // byte order marks (readWith removes one; nlohmann's own rule for a broken one after it)
    "\xEF\xBB\xBF{}", "\xEF\xBB\xBF\xEF\xBB\xBF{}", " \xEF\xBB\xBF{}", "{}\xEF\xBB\xBF", "\xEF\xBB{}", "\xEF{}",
    "\xEF", "\xEF\xBB", "\xEF\xBB\xBF", "\xEF\xBB\xBF\xEF", "\xEF\xBB\xBF\xEF\xBB", "\xEF\xBB\xBF\xEF\xBB{}",
    "\xEF\xBB\xBF\xEF{}", "\xEF\xBB\xBF ", "\xEF\xBB\xBF[]", "\xEF\xBB\xBF\xBB\xBF{}", "\xBB\xBF{}", "\xFE\xFF{}",
    "{\"\xEF\xBB\xBF\":1}",
    // numbers
    "{\"a\":0}", "{\"a\":-0}", "{\"a\":-0.0}", "{\"a\":01}", "{\"a\":-01}", "{\"a\":00}", "{\"a\":1.}", "{\"a\":1.e5}",
    "{\"a\":.5}", "{\"a\":-.5}", "{\"a\":-}", "{\"a\":--1}", "{\"a\":-a}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":1e+}",
    "{\"a\":1e-}", "{\"a\":1e+-1}", "{\"a\":1E5}", "{\"a\":1e05}", "{\"a\":1.5e-3}", "{\"a\":0e0}", "{\"a\":0E-0}",
    "{\"a\":0.0e+0}", "{\"a\":1e1.5}", "{\"a\":1.5.5}", "{\"a\":0x10}", "{\"a\":1_000}", "{\"a\":NaN}",
    "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":1e400}", "{\"a\":-1e400}", "{\"a\":1e-400}", "{\"a\":-1e-400}",
    "{\"a\":1e308}", "{\"a\":1.7976931348623157e308}", "{\"a\":1.7976931348623158e308}",
    "{\"a\":1.7976931348623159e308}", "{\"a\":4.9e-324}", "{\"a\":2.4703282292062327e-324}",
    "{\"a\":2.4703282292062328e-324}", "{\"a\":0.1}", "{\"a\":0.30000000000000004}", "{\"a\":15000}", "{\"a\":15000.0}",
    "{\"a\":15000.5}", "{\"a\":1.5e4}", "{\"a\":9007199254740993}", "{\"a\":9223372036854775806}",
    "{\"a\":9223372036854775807}", "{\"a\":9223372036854775808}", "{\"a\":9223372036854775809}",
    "{\"a\":18446744073709551615}", "{\"a\":18446744073709551616}", "{\"a\":99999999999999999999}",
    "{\"a\":-9223372036854775807}", "{\"a\":-9223372036854775808}", "{\"a\":-9223372036854775809}",
    "{\"a\":-18446744073709551615}", "{\"a\":-18446744073709551616}", "{\"a\":-99999999999999999999}",
    "{\"a\":00000000000000000000001}", "{\"a\":123456789012345678901234567890e-10}",
    "{\"a\":" + std::string(309, '9') + "}", "{\"a\":" + std::string(310, '9') + "}", "{\"a\":-" + std::string(400, '9') + "}",
    "{\"a\":0." + std::string(400, '0') + "1}", "{\"a\":1" + std::string(400, '0') + "e-400}", "{\"a\":1 }", "{\"a\":1\t}",
    "{\"a\":1,\"b\":-2.5e3}", "{\"a\":[1,-0,1e2,18446744073709551616]}", "{\"a\":1}1", "{\"a\":1} 1.5e400", "1e400",
    // literals
    "{\"a\":true}", "{\"a\":false}", "{\"a\":null}", "{\"a\":True}", "{\"a\":nulL}", "{\"a\":t}", "{\"a\":fa}",
    "{\"a\":nu", "{\"a\":truefalse}", "{\"a\":true1}", "{\"a\":nullnull}", "{\"a\":undefined}",
    // strings: escapes, \u, surrogates
    "{\"a\":\"\"}", "{\"a\":\"x\"}", "{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", "{\"a\":\"\\a\"}", "{\"a\":\"\\x41\"}",
    "{\"a\":\"\\'\"}", "{\"a\":\"\\0\"}", "{\"a\":\"\\U0041\"}", "{\"a\":\"\\", "{\"a\":\"\\\"", "{\"a\":\"\\u",
    "{\"a\":\"\\u0", "{\"a\":\"\\u00", "{\"a\":\"\\u004", "{\"a\":\"\\u0041", "{\"a\":\"\\u0041\"}", "{\"a\":\"\\u00e9\"}",
    "{\"a\":\"\\u00E9\"}", "{\"a\":\"\\u20AC\"}", "{\"a\":\"\\uFFFF\"}", "{\"a\":\"\\u0000\"}", "{\"a\":\"\\u001f\"}",
    "{\"a\":\"\\u004G\"}", "{\"a\":\"\\u-041\"}", "{\"a\":\"\\u 041\"}", "{\"a\":\"\\uD83D\\uDE00\"}",
    "{\"a\":\"\\ud83d\\ude00\"}", "{\"a\":\"\\uDBFF\\uDFFF\"}", "{\"a\":\"\\uD800\\uDC00\"}", "{\"a\":\"\\uD800\"}",
    "{\"a\":\"\\uD800\"", "{\"a\":\"\\uD800", "{\"a\":\"\\uD800\\", "{\"a\":\"\\uD800\\u", "{\"a\":\"\\uD800\\uDC",
    "{\"a\":\"\\uD800x\"}", "{\"a\":\"\\uD800\\n\"}", "{\"a\":\"\\uD800\\uD800\"}", "{\"a\":\"\\uD800\\u0041\"}",
    "{\"a\":\"\\uD800\\uE000\"}", "{\"a\":\"\\uD800\\uDBFF\"}", "{\"a\":\"\\uD800\\uDCxx\"}", "{\"a\":\"\\uDC00\"}",
    "{\"a\":\"\\uDFFF\\uD800\"}", "{\"a\":\"\\uDC00\\uDC00\"}", "{\"\\u0061\":1}", "{\"a\":1,\"\\u0061\":2}",
    "{\"a\\u0000\":1,\"a\":2}", "{\"a\\u0000\":1,\"a\\u0000\":2}",
    // control characters and raw bytes in strings
    "{\"a\":\"\x01\"}", "{\"a\":\"\x1F\"}", "{\"a\":\"\t\"}", "{\"a\":\"\n\"}", "{\"a\":\"\r\"}", "{\"a\":\"\x7F\"}",
    "{\"a\":\"\xC3\xA9\"}", "{\"a\":\"\xE2\x82\xAC\"}", "{\"a\":\"\xF0\x9F\x98\x80\"}", "{\"a\":\"\xF4\x8F\xBF\xBF\"}",
    "{\"a\":\"\x80\"}", "{\"a\":\"\xBF\"}", "{\"a\":\"\xC0\x80\"}", "{\"a\":\"\xC1\xBF\"}", "{\"a\":\"\xC2\"}",
    "{\"a\":\"\xC2", "{\"a\":\"\xC2\x7F\"}", "{\"a\":\"\xC2\xC0\"}", "{\"a\":\"\xE0\x80\x80\"}", "{\"a\":\"\xE0\x9F\xBF\"}",
    "{\"a\":\"\xE0\xA0\x80\"}", "{\"a\":\"\xED\x9F\xBF\"}", "{\"a\":\"\xED\xA0\x80\"}", "{\"a\":\"\xED\xBF\xBF\"}",
    "{\"a\":\"\xEE\x80\x80\"}", "{\"a\":\"\xEF\xBF\xBF\"}", "{\"a\":\"\xE1\x80\"}", "{\"a\":\"\xE1\x80", "{\"a\":\"\xE1",
    "{\"a\":\"\xE1\x80\x7F\"}", "{\"a\":\"\xF0\x80\x80\x80\"}", "{\"a\":\"\xF0\x8F\xBF\xBF\"}", "{\"a\":\"\xF0\x90\x80\x80\"}",
    "{\"a\":\"\xF4\x90\x80\x80\"}", "{\"a\":\"\xF5\x80\x80\x80\"}", "{\"a\":\"\xF8\x88\x80\x80\x80\"}", "{\"a\":\"\xFF\"}",
    "{\"a\":\"\xFE\"}", "{\"a\":\"\xF1\x80\x80\"}", "{\"a\":\"\xF1\x80\x80", "{\"a\":\"\xF3\xBF\xBF\xBF\"}",
    "{\"\xC3\xA9\":1}", "{\"\xFF\":1}", "{\"a\":1}\xFF", "\xC3\xA9{}", "{\"a\":\"unterminated}", "{\"a\":\"x\"\"y\"}",
    // keys: duplicates (first problem wins), long keys truncated to 64 bytes, duplicates of nested keys
    "{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2,}", "{\"a\":1,\"a\"}", "{\"a\":1,\"a\" 2}", "{\"a\":1,\"a\":", "{\"\":1,\"\":2}",
    "{\"a\":1,\"b\":2,\"a\":x}", "{\"a\":x,\"a\":1}", "{\"a\":{\"b\":1,\"b\":2}}", "{\"a\":[{\"b\":1,\"b\":2}]}",
    "{\"x\":[{\"b\":1,\"b\":2}]}", "{\"a\":[{\"b\":1},{\"b\":2}]}", "{\"a\":[{\"b\":{\"c\":1,\"c\":2}}]}",
    "{\"" + std::string(100, 'k') + "\":1,\"" + std::string(100, 'k') + "\":2}",
    "{\"" + std::string(63, 'k') + "\xC3\xA9\":1,\"" + std::string(63, 'k') + "\xC3\xA9\":2}",
    // items: the named array's objects, anything else in it not an object
    "{\"a\":[]}", "{\"a\":[{}]}", "{\"a\":[{\"x\":1,\"y\":\"z\",\"n\":null,\"o\":{},\"l\":[1]}]}", "{\"a\":[1]}",
    "{\"a\":[[]]}", "{\"a\":[null]}", "{\"a\":[{},1]}", "{\"a\":[{},{\"b\":1}],\"a\":[]}", "{\"a\":{\"b\":[1]}}",
    "{\"b\":[1],\"a\":[{\"c\":[{\"d\":1}]}]}", "{\"a\":[{\"c\":[1,{}]}],\"b\":[2]}", "{\"a\":[{}],\"b\":[1]}",
    "{\"a\":[{\"x\":1}]x}", "{\"a\":[{\"x\":1},]}", "{\"a\":[{\"x\":1}", "{\"a\":[{\"x\":\"\\uD800\"}]}",
    "{\"attempts\":[{\"n\":1},{\"n\":2}]}", "{\"attempts\":[{\"n\":1,\"n\":2}]}", "{\"attempts\":[1]}",
    "{\"attempts\":{}}", "{\"attempts\":\"x\",\"attempts\":[]}",
    // LTGS's own documents
    "{\"Sale_Reference_ID\":\"LTGSINV_230624_001\",\"Payment_Status\":\"PAID\",\"Payment_Channel\":\"MTN MoMo\","
    "\"Payment_Ref_ID\":\"MTN_456789123\",\"Total_Amount_Paid\":15000,\"Paid_On\":\"2025-06-16 13:20:45\"}",
    "{\"Sale_Reference_ID\":\"LTGSINV_230624_001\",\"Customer_KYC_ID\":\"1199999999999999\",\"Phone_Number\":"
    "\"0788123456\",\"Email_Address\":\"customer@example.com\",\"Services_Name\":\"School fees\","
    "\"Total_Amount_to_Pay\":15000,\"Callback_URL\":\"https://partner.com/callback\"}",
};

TEST(JsonReader, AnswersTheTrickyInputsAsNlohmannDoes) {
  for (const std::string& json : kTricky) expectSameAnswers(json);
}

TEST(JsonReader, ReportsNlohmannsPositions) {
  EXPECT_EQ(malformedByte(""), 1);           // the end of input counts as a byte
  EXPECT_EQ(malformedByte("   "), 4);
  EXPECT_EQ(malformedByte("{\"a\":1"), 7);
  EXPECT_EQ(malformedByte("{\"a\":01}"), 7);  // after the second number, 1
  EXPECT_EQ(malformedByte("{\"a\":1.}"), 8);  // after the byte that is not a digit
  EXPECT_EQ(malformedByte("{\"a\":-}"), 7);
  EXPECT_EQ(malformedByte("{\"a\":1e400}"), 10);  // after the literal
  EXPECT_EQ(malformedByte("{\"a\":\"\\uD800x\"}"), 13);
  EXPECT_EQ(malformedByte("{\"a\":\"\\uDC00\"}"), 12);
  EXPECT_EQ(malformedByte("{\"a\":\"\xE0\x80\x80\"}"), 8);
  EXPECT_EQ(malformedByte("{} x"), 4);
  EXPECT_EQ(malformedByte("\xEF\xBB\xBF\xEF{}"), 5);  // the mark's 3 bytes, then nlohmann's 2
  EXPECT_EQ(malformedByte("\xEF\xBB\xBF\xEF\xBB\xBF{}"), 3);
  EXPECT_TRUE(readFlatObject("{}\0trailing"s).ok());  // nlohmann's lexer: NUL is the end of input
}

TEST(JsonReader, AnswersDeepDocumentsAsNlohmannDoes) {
  for (const int depth : {30, 31, 32, 33, 34, 40, 200}) {
    for (const char* open : {"[", "{\"k\":"}) {
      std::string body;
      for (int i = 1; i < depth; ++i) body += open;
      const std::string json = "{\"a\":" + body;
      expectSameAnswers(json);
      std::string closed = json + "1";
      for (int i = depth - 1; i >= 1; --i) closed += open[0] == '[' ? "]" : "}";
      expectSameAnswers(closed + "}");
      expectSameAnswers(closed + "x");                               // malformed after the depth
      expectSameAnswers("{\"a\":1,\"a\":" + body);                  // duplicate before the depth
      expectSameAnswers("{\"a\":[{\"b\":" + body + "1}]}");          // inside an item
    }
  }
}

TEST(JsonReader, AnswersManyMembersAsNlohmannDoes) {
  // Past the linear search for duplicate keys: the ordered set past 16 keys, a duplicate early and late.
  for (const int count : {15, 16, 17, 40, 100, 3000}) {
    std::string json = "{", items = "{\"a\":[{";
    for (int i = 0; i < count; ++i) {
      const std::string member = (i ? ",\"k" : "\"k") + std::to_string(i * 7919 % 100003) + "\":" + std::to_string(i);
      json += member;
      items += member;
    }
    expectSameAnswers(json + "}");
    expectSameAnswers(items + "}]}");
    expectSameAnswers(json + ",\"k0\":1}");
    expectSameAnswers(items + ",\"k" + std::to_string((count - 1) * 7919 % 100003) + "\":1}]}");
    expectSameAnswers(json + ",\"k" + std::to_string(count / 2 * 7919 % 100003) + "\" 1}");
  }
  expectSameAnswers("{\"a\":\"" + std::string(kMaxJsonBytes - 8, 'x') + "\"}");
  expectSameAnswers("{\"a\":\"" + std::string(kMaxJsonBytes - 7, 'x') + "\"}");  // one byte too many
}

// Documents from a JSON grammar biased to the edges above, then mutated: bytes deleted, inserted, replaced,
// duplicated, swapped, or the text cut short.
class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  std::string document() {
    std::string out;
    if (chance(5)) out += pick({"\xEF\xBB\xBF", "\xEF\xBB\xBF\xEF\xBB\xBF", "\xEF\xBB", " \xEF\xBB\xBF"});
    out += space();
    out += chance(90) ? object(0) : value(0);
    out += space();
    if (chance(5)) out += pick({"x", "{}", "1", "\"a\"", ",", "\0"s, "\0x"s, "]", "/", "1e999", "nul"});
    if (chance(30)) mutate(out);
    return out;
  }

 private:
  std::mt19937_64 rng_;

  std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  std::string pick(std::initializer_list<std::string> options) { return *(options.begin() + below(options.size())); }

  std::string space() {
    if (chance(70)) return "";
    std::string out;
    for (std::size_t n = 1 + below(3); n > 0; --n) out += " \t\n\r\f\v"[below(chance(95) ? 4 : 6)];
    return out;
  }

  std::string key() {
    if (chance(10)) return string();
    return "\"" + pick({"a", "a", "b", "c", "attempts", "n", "", "Payment_Status", "\\u0061", "a\\u0000", "\\u00e9",
                        "\xC3\xA9", std::string(70, 'k'), std::string(64, 'k') + "x", std::string(64, 'k') + "y"}) +
           "\"";
  }

  std::string number() {
    if (chance(25))
      return pick({"0", "-0", "1", "-1", "01", "1.", "-", "1e", "1e+", ".5", "1e400", "-1e400", "1e-400",
                   "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                   "18446744073709551615", "18446744073709551616", "15000", "1.5", "4.9e-324",
                   "1.7976931348623157e308", "1.7976931348623159e308", "0.1", "1E5", "-0.0e-0"});
    std::string out = chance(30) ? "-" : "";
    const std::size_t digits = 1 + below(chance(10) ? 30 : 6);
    out += static_cast<char>(chance(90) ? '1' + below(9) : '0');  // a leading zero, then more digits: malformed
    for (std::size_t i = 1; i < digits; ++i) out += static_cast<char>('0' + below(10));
    if (chance(30)) {
      out += '.';
      for (std::size_t i = below(8) + (chance(95) ? 1 : 0); i > 0; --i) out += static_cast<char>('0' + below(10));
    }
    if (chance(20)) {
      out += chance(50) ? 'e' : 'E';
      if (chance(50)) out += chance(50) ? '+' : '-';
      for (std::size_t i = below(4) + (chance(95) ? 1 : 0); i > 0; --i) out += static_cast<char>('0' + below(10));
    }
    return out;
  }

  std::string string() {  // mostly valid: a string's mistakes are in pieces of their own
    std::string out = "\"";
    for (std::size_t n = below(8); n > 0; --n) {
      if (chance(3)) {
        out += pick({"\\x", "\\'", "\\", "\\u004", "\\u00G0", "\\uD800", "\\uDC00", "\\uD800\\u0041",
                     "\\uD800\\uD800", "\\uD800x", "\\uD800\\n", "\\uD800\\uDC0", "\x80", "\xC0\x80", "\xC2",
                     "\xE0\x80\x80", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5", "\xFF",
                     "\xE1\x80", "\x01", "\t", "\0"s});
        continue;
      }
      switch (below(6)) {
        case 0: out += pick({"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"}); break;
        case 1:
          out += pick({"\\u0041", "\\u00e9", "\\u20AC", "\\uFFFF", "\\u0000", "\\uD83D\\uDE00", "\\uDBFF\\uDFFF"});
          break;
        case 2:
          out += pick({"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF", "\x7F"});
          break;
        default:
          out += static_cast<char>(' ' + below(95));
          if (out.back() == '"' || out.back() == '\\') out.pop_back();
      }
    }
    return out + (chance(99) ? "\"" : "");
  }

  std::string value(int depth) {
    if (depth > 40) return "1";
    switch (below(depth > 3 ? 10 : 12)) {
      case 0: return chance(90) ? pick({"null", "true", "false"}) : pick({"nul", "True", "fals", "nulll"});
      case 1: case 2: return number();
      case 3: case 4: case 5: return string();
      case 6: return "[" + space() + "]";
      case 7: return "{" + space() + "}";
      case 8: case 9:
        if (chance(5)) return deep(depth);
        return below(2) ? array(depth) : object(depth + 1);
      default: return items(depth);
    }
  }

  std::string deep(int depth) {  // around the limit of 32 levels
    const std::size_t levels = 28 + below(8);
    std::string open, close;
    for (std::size_t i = 0; i < levels; ++i) {
      const bool array = below(2);
      open += array ? "[" : "{\"k\":";
      close.insert(close.begin(), array ? ']' : '}');
    }
    return open + value(depth + 40) + close;
  }

  std::string array(int depth) {
    std::string out = "[";
    for (std::size_t n = below(4); n > 0; --n) out += value(depth + 1) + (n > 1 || chance(5) ? "," : "") + space();
    return out + "]";
  }

  std::string items(int depth) {  // an array of objects, to be read as items under "a" or "attempts"
    std::string out = "[";
    for (std::size_t n = below(4); n > 0; --n)
      out += (chance(90) ? object(depth + 2) : value(depth + 1)) + (n > 1 ? "," : "");
    return out + "]";
  }

  std::string object(int depth) {
    std::string out = "{" + space();
    for (std::size_t n = below(6); n > 0; --n) {
      if (depth == 0 && chance(15)) {
        out += "\"a\":" + space() + items(depth);
      } else {
        out += key() + space() + ":" + space() + value(depth + 1) + space();
      }
      if (n > 1 || chance(5)) out += "," + space();
    }
    return out + "}";
  }

  void mutate(std::string& s) {
    static const std::string kBytes =
        "{}[]:,\"\\01-+.eEutnf \t\n\r\x01\x1F\x7F\x80\xBF\xC0\xC2\xE0\xED\xEF\xBB\xF0\xF4\xF5\xFF/xa"s + '\0';
    for (std::size_t n = 1 + below(4); n > 0; --n) {
      const char byte = chance(80) ? kBytes[below(kBytes.size())] : static_cast<char>(below(256));
      const std::size_t at = s.empty() ? 0 : below(s.size() + 1);
      switch (below(6)) {
        case 0: if (at < s.size()) s.erase(at, 1); break;
        case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), byte); break;
        case 2: if (at < s.size()) s[at] = byte; break;
        case 3: s.resize(at); break;
        case 4: if (at < s.size()) s.insert(at, s.substr(at, 1 + below(8))); break;
        default: if (at < s.size()) std::swap(s[at], s[below(s.size())]);
      }
    }
  }
};

// Also checks that the documents reach every answer, so that the grammar keeps testing what it was made for.
void expectSameAnswersOnGenerated(std::uint64_t seed, int count) {
  Generator generator(seed);
  std::map<std::string, int> answers;  // "ok", "ok with items", or the error code
  for (int i = 0; i < count; ++i) {
    const std::string json = generator.document();
    expectSameAnswers(json);
    if (::testing::Test::HasFatalFailure()) {
      ADD_FAILURE() << "generated document " << i << " of seed " << seed;
      return;
    }
    const Result<FlatObjectWithItems> r = readFlatObjectWithItems(json, "a");
    ++answers[r.ok() ? (r.value().items.empty() ? "ok" : "ok with items") : r.error().code];
  }
  for (const char* answer : {"ok", "ok with items", "json.malformed", "json.not_object", "json.duplicate_key",
                             "json.too_deep"})
    EXPECT_GE(answers[answer], count / 200) << answer;
}

// 4 × 50,000 documents (separate tests: ctest runs them in parallel).
TEST(JsonReader, AnswersGeneratedDocumentsAsNlohmannDoes1) { expectSameAnswersOnGenerated(1, 50000); }
TEST(JsonReader, AnswersGeneratedDocumentsAsNlohmannDoes2) { expectSameAnswersOnGenerated(2, 50000); }
TEST(JsonReader, AnswersGeneratedDocumentsAsNlohmannDoes3) { expectSameAnswersOnGenerated(3, 50000); }
TEST(JsonReader, AnswersGeneratedDocumentsAsNlohmannDoes4) { expectSameAnswersOnGenerated(4, 50000); }

}  // namespace
}  // namespace ltgs
