#pragma once
// A minimal JSON text writer for the core's outputs (flat objects, arrays of them, strings, integers,
// booleans, null). Smaller than a DOM + serializer in the wasm build, and it cannot throw. Internal.

#include <cstdint>
#include <string>
#include <string_view>

namespace ltgs {

class JsonWriter {
 public:
  JsonWriter& beginObject() { return open('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return open('['); }
  JsonWriter& endArray() { return close(']'); }
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(std::int64_t i);
  JsonWriter& value(bool b);
  JsonWriter& null();
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  std::string first_;  // per open container: 1 while no member is written yet (a string: cheaper than vector<bool>)
  bool afterKey_ = false;

  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void separate();
  void quoted(std::string_view s);
};

}  // namespace ltgs
