#pragma once
// Internal to the QR encoder (qr.cpp, qr_mask.cpp) and its native tests.

#include <cstdint>
#include <string_view>
#include <vector>

#include "ltgs/qr.hpp"

namespace ltgs {

// Reads the symbol qrcodegen drew into `qrcodegenSymbol` with mask 0 (qrcodegen_Mask_0) and writes it with the mask
// of least penalty, the first on ties, to `modules` (size * size, row-major, true = dark). The choice and the penalty
// (ISO/IEC 18004 7.8.3 with N1..N4 = 3, 3, 40, 10, finder-like patterns counted on runs with a light border as
// wide as the symbol) are those of qrcodegen_Mask_AUTO, found on bit rows at a fraction of its cost. Returns the mask.
int applyBestMask(const std::uint8_t qrcodegenSymbol[], QrEcc ecc, std::vector<bool>& modules);

// For tests: the penalty that applyBestMask minimises, of `modules` as they are (size * size, row-major, true = dark,
// size 21 to 177).
int qrPenalty(const std::vector<bool>& modules, int size);

// For tests: encodeQr's segments and version, masked by qrcodegen's own automatic choice (about 10 times slower).
Result<QrMatrix> encodeQrWithQrcodegenMaskChoice(std::string_view text, QrEcc ecc);

}  // namespace ltgs
