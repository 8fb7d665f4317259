#pragma once
// Reads one flat JSON object off the wire without exceptions. Internal to the core.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ltgs/json_value.hpp"
#include "ltgs/result.hpp"

namespace ltgs {

constexpr std::size_t kMaxJsonBytes = 64 * 1024;  // an LTGS payload is well under 4 KiB
constexpr int kMaxJsonDepth = 32;

struct FlatObject {
  std::vector<std::pair<std::string, JsonScalar>> members;  // in document order, keys unique
  // The member's value, or a JsonScalar of Kind::Missing.
  const JsonScalar& get(std::string_view key) const noexcept;
};

// Document-level errors on field "$": json.too_large, json.malformed, json.not_object, json.duplicate_key,
// json.too_deep. One UTF-8 byte order mark is ignored as the very first bytes; anywhere else (a second one,
// one after white space) it is json.malformed. Give the document as received: a caller that trims white
// space first would move a mark to the front.
Result<FlatObject> readFlatObject(std::string_view json);

// The same, for an object one of whose members (arrayKey) is an array of flat objects, read as items: the
// member itself reads as Kind::Array. Also json.not_object for an item that is not an object.
struct FlatObjectWithItems {
  FlatObject object;
  std::vector<FlatObject> items;
};
Result<FlatObjectWithItems> readFlatObjectWithItems(std::string_view json, std::string_view arrayKey);

}  // namespace ltgs
