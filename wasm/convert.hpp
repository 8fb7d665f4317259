#pragma once
// Conversions both binding layers share (bindings.cpp for Embind, c_api.cpp for the widget's plain exports).

#include <cstdint>

namespace ltgs_wasm {

// Whole numbers within ±(2^53 - 1) pass unchanged; anything else (a fraction, NaN, a value that was not a
// number at all, which the callers pass as NaN) becomes -1, which the core rejects.
inline std::int64_t whole(double d) {
  if (!(d >= -9007199254740991.0 && d <= 9007199254740991.0)) return -1;  // also NaN
  const auto i = static_cast<std::int64_t>(d);
  return static_cast<double>(i) == d ? i : -1;
}

}  // namespace ltgs_wasm
