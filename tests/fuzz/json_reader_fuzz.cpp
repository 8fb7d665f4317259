// The core's JSON scanner (core/src/json_reader.cpp) against nlohmann/json's strict SAX parser driving the
// handler the core used before (tests/core/json_reader_reference.cpp), as tests/core/json_reader_test.cpp
// compares them on its table and generated documents. Invariant: for every input, the same answer as a flat
// object and with items under "attempts" and under "a": the same members, kinds, values and texts, or the same
// error, code and params (json.malformed's byte included).
#include "fuzz_support.hpp"
#include "json_reader.hpp"
#include "json_reader_reference.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text(data, size);
  const std::string flat = ltgs::reference::describe(ltgs::readFlatObject(input));
  FUZZ_CHECK(flat == ltgs::reference::describe(ltgs::reference::readFlatObject(input)), flat);
  for (const std::string_view key : {std::string_view("attempts"), std::string_view("a")}) {
    const std::string items = ltgs::reference::describe(ltgs::readFlatObjectWithItems(input, key));
    FUZZ_CHECK(items == ltgs::reference::describe(ltgs::reference::readFlatObjectWithItems(input, key)), items);
  }
  return 0;
}
