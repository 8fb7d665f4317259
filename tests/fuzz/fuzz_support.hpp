#pragma once
// Shared by the libFuzzer targets in tests/fuzz. A target feeds its input to the core and then checks the
// invariants that must hold for every input; a broken one aborts, and libFuzzer keeps the input as a crash.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ltgs/result.hpp"

namespace fuzz {


[[noreturn]] inline void fail(const char* check, const char* file, int line, std::string_view detail) {
  std::fprintf(stderr, "\n==fuzz== invariant broken at %s:%d: %s\n", file, line, check);
  if (!detail.empty())
    std::fprintf(stderr, "==fuzz== detail (%zu bytes): %.*s\n", detail.size(),
                 static_cast<int>(detail.size() < 2000 ? detail.size() : 2000), detail.data());
  std::abort();
}

// FUZZ_CHECK(condition, detail): detail is any string_view-convertible context printed on failure.
#define FUZZ_CHECK(cond, detail)                                                 \
  do {                                                                           \
    if (!(cond)) ::fuzz::fail(#cond, __FILE__, __LINE__, std::string_view(detail)); \
  } while (0)

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Inputs that hold several texts (a payment and an event, a request and its settings) separate them with a
// line "~~~": "text1\n~~~\ntext2". At most maxParts parts; the last one keeps any further separators.
inline std::vector<std::string_view> split(std::string_view data, std::size_t maxParts) {
  constexpr std::string_view kSeparator = "\n~~~\n";
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < maxParts) {
    const std::size_t at = data.find(kSeparator);
    if (at == std::string_view::npos) break;
    parts.push_back(data.substr(0, at));
    data.remove_prefix(at + kSeparator.size());
  }
  parts.push_back(data);
  return parts;
}

// A FieldError the widget can show: a field, a stable code with the expected prefix, an English message.
inline void checkError(const ltgs::FieldError& e, std::string_view codePrefix = {}) {
  FUZZ_CHECK(!e.field.empty(), e.code);
  FUZZ_CHECK(!e.code.empty() && !e.message.empty(), e.field);
  FUZZ_CHECK(std::string_view(e.code).substr(0, codePrefix.size()) == codePrefix, e.code);
}

// One of the core's JSON reports, read with nlohmann/json (in fuzz_support.cpp, compiled once, so that each
// target stays quick to build). The constructor checks what every report promises (wasm/README.md): valid
// JSON (nlohmann also checks the UTF-8), exactly {"ok":true,"value":…} or {"ok":false,"errors":[…]}, the
// errors non-empty, each exactly a string field, a non-empty code and message, and a params object.
// Accessors take a path into the value ("phone/e164"; "." the value itself, "" the whole report) and abort
// when the member is missing or of another type.
class Report {
 public:
  explicit Report(const std::string& text);
  bool ok() const;
  std::string code() const;  // the (first) error's code; "" when ok
  std::size_t errorCount() const;
  std::string text(std::string_view path) const;
  std::int64_t integer(std::string_view path) const;
  bool flag(std::string_view path) const;
  std::string json(std::string_view path) const;                       // the member as compact JSON
  bool same(std::string_view path, std::string_view jsonText) const;  // deep-equal to the JSON text

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// Both texts are valid JSON with equal values (member order ignored).
bool sameJson(std::string_view a, std::string_view b);

}  // namespace fuzz
