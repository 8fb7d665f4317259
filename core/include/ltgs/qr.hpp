#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ltgs/result.hpp"

namespace ltgs {

enum class QrEcc { Low, Medium, Quartile, High };  // recovers about 7, 15, 25, 30 % of damaged modules

// "L", "M", "Q", "H" (case-insensitive) → level. Code qr.invalid_ecc.
Result<QrEcc> parseQrEcc(std::string_view text);
const char* qrEccName(QrEcc ecc) noexcept;

// A QR symbol's modules, row-major, true = dark. No quiet zone.
struct QrMatrix {
  int size = 0;         // modules per side: 21 (version 1) to 177 (version 40)
  int version = 0;      // 1..40: the smallest that holds the text at the requested level
  QrEcc ecc = QrEcc::Medium;
  std::vector<bool> modules;
  bool dark(int x, int y) const noexcept { return modules[static_cast<std::size_t>(y * size + x)]; }
};

// Text (UTF-8 bytes, numeric/alphanumeric mode chosen when it is shorter) → matrix, with Nayuki's qrcodegen. The mask
// is the one qrcodegen's automatic choice (qrcodegen_Mask_AUTO) picks, module for module, found about 10 times faster.
// Codes: qr.empty, qr.too_long (does not fit version 40 at this level).
Result<QrMatrix> encodeQr(std::string_view text, QrEcc ecc);

struct QrSvgOptions {
  std::string dark = "#000000";   // a CSS colour: #rgb, #rrggbb, #rrggbbaa or a colour keyword
  std::string light = "#ffffff";  // "none" or "transparent" leaves the background empty
  std::string title = "QR code";  // read by screen readers; XML-escaped
  int quietZone = 4;              // modules of light margin on each side (the standard asks for 4)
};

// One compact <path> of horizontal runs of dark modules (not one square per module), viewBox in module
// units, shape-rendering="crispEdges", <title>, role="img". Codes: qr.invalid_colour, qr.invalid_quiet_zone.
Result<std::string> qrSvg(const QrMatrix& matrix, const QrSvgOptions& options);
// encodeQr + qrSvg.
Result<std::string> qrSvg(std::string_view text, QrEcc ecc, const QrSvgOptions& options);

}  // namespace ltgs
