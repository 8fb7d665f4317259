#include "ltgs/qr.hpp"

#include <charconv>

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "ltgs/codes.hpp"
#include "qr_internal.hpp"
#include "qrcodegen.h"  // Nayuki's C port: no exceptions, no iostreams, no heap
#include "text_util.hpp"

namespace ltgs {
namespace {

qrcodegen_Ecc toQrcodegen(QrEcc ecc) noexcept {
  switch (ecc) {
    case QrEcc::Low: return qrcodegen_Ecc_LOW;
    case QrEcc::Medium: return qrcodegen_Ecc_MEDIUM;
    case QrEcc::Quartile: return qrcodegen_Ecc_QUARTILE;
    case QrEcc::High: return qrcodegen_Ecc_HIGH;
  }
  return qrcodegen_Ecc_MEDIUM;
}

// Version from size: size = 4 * version + 17.
int versionOf(int size) noexcept { return (size - 17) / 4; }

// Optimal segmentation (numeric / alphanumeric / byte), after Nayuki's QrSegmentAdvanced: EMVCo payloads
// are long runs of digits and capitals with a few lower-case words, and numeric mode packs a digit in
// 3.33 bits instead of 8, so the symbol is often several versions smaller than in byte mode alone.
enum Mode { kByte = 0, kAlnum = 1, kNumeric = 2, kModes = 3 };

bool isAlnumChar(char c) noexcept {
  return isAsciiDigit(c) || (c >= 'A' && c <= 'Z') || std::string_view(" $%*+-./:").find(c) != std::string_view::npos;
}

// Character-count bits per mode for versions 1-9, 10-26, 27-40 (ISO/IEC 18004 table 3).
int countBits(Mode mode, int versionClass) noexcept {
  constexpr int kBits[kModes][3] = {{8, 16, 16}, {9, 11, 13}, {10, 12, 14}};
  return kBits[mode][versionClass];
}

std::vector<Mode> optimalModes(std::string_view text, int versionClass) {
  constexpr std::int64_t kInf = std::int64_t{1} << 40;
  constexpr int kCharCost[kModes] = {48, 33, 20};  // sixths of a bit per character
  std::int64_t head[kModes], prev[kModes];
  for (int m = 0; m < kModes; ++m) head[m] = prev[m] = (4 + countBits(static_cast<Mode>(m), versionClass)) * 6;
  std::vector<std::array<int, kModes>> from(text.size());  // per char and mode: the mode of the previous char
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool allowed[kModes] = {true, isAlnumChar(c), isAsciiDigit(c)};
    std::int64_t cur[kModes];
    for (int m = 0; m < kModes; ++m) {
      cur[m] = allowed[m] ? prev[m] + kCharCost[m] : kInf;
      from[i][static_cast<std::size_t>(m)] = allowed[m] ? m : -1;
    }
    // Switching modes after this character: finish the segment (whole bits), start another.
    std::int64_t switched[kModes];
    int switchedFrom[kModes];
    for (int to = 0; to < kModes; ++to) {
      switched[to] = cur[to];
      switchedFrom[to] = from[i][static_cast<std::size_t>(to)];
      for (int f = 0; f < kModes; ++f) {
        if (cur[f] >= kInf) continue;
        const std::int64_t cost = (cur[f] + 5) / 6 * 6 + head[to];
        if (cost < switched[to]) switched[to] = cost, switchedFrom[to] = from[i][static_cast<std::size_t>(f)] == -1 ? -1 : f;
      }
    }
    for (int m = 0; m < kModes; ++m) prev[m] = switched[m], from[i][static_cast<std::size_t>(m)] = switchedFrom[m];
  }
  // Back-track from the cheapest mode of the last character.
  std::vector<Mode> modes(text.size());
  int mode = 0;
  for (int m = 1; m < kModes; ++m)
    if (from.back()[static_cast<std::size_t>(m)] != -1 && prev[m] < prev[mode]) mode = m;
  for (std::size_t i = text.size(); i-- > 0;) {
    mode = from[i][static_cast<std::size_t>(mode)];
    modes[i] = static_cast<Mode>(mode);
  }
  return modes;
}

// qrcodegen writes into caller buffers: no heap, no throw. They need no initial value, so none is given (value-
// initialising them costs a call per byte in the wasm build).
struct QrBuffers {
  std::uint8_t temp[qrcodegen_BUFFER_LEN_MAX];
  std::uint8_t qr[qrcodegen_BUFFER_LEN_MAX];
};

// Encodes with the smallest version: per version class, segment optimally and try that class's range.
bool encodeSegmented(std::string_view text, QrEcc ecc, qrcodegen_Mask mask, QrBuffers& buf) {
  constexpr int kClassMin[3] = {1, 10, 27}, kClassMax[3] = {9, 26, 40};
  for (int versionClass = 0; versionClass < 3; ++versionClass) {
    const std::vector<Mode> modes = optimalModes(text, versionClass);
    std::vector<qrcodegen_Segment> segments;
    std::vector<std::vector<std::uint8_t>> buffers;
    for (std::size_t start = 0; start < text.size();) {
      std::size_t end = start;
      while (end < text.size() && modes[end] == modes[start]) ++end;
      const std::string chars(text.substr(start, end - start));
      const qrcodegen_Mode qm = modes[start] == kNumeric ? qrcodegen_Mode_NUMERIC
                                : modes[start] == kAlnum ? qrcodegen_Mode_ALPHANUMERIC
                                                         : qrcodegen_Mode_BYTE;
      const std::size_t size = qrcodegen_calcSegmentBufferSize(qm, chars.size());
      if (size == SIZE_MAX) return false;  // longer than any QR code holds
      buffers.emplace_back(size == 0 ? 1 : size);
      std::uint8_t* bits = buffers.back().data();
      if (qm == qrcodegen_Mode_NUMERIC) segments.push_back(qrcodegen_makeNumeric(chars.c_str(), bits));
      else if (qm == qrcodegen_Mode_ALPHANUMERIC) segments.push_back(qrcodegen_makeAlphanumeric(chars.c_str(), bits));
      else segments.push_back(qrcodegen_makeBytes(reinterpret_cast<const std::uint8_t*>(chars.data()), chars.size(), bits));
      start = end;
    }
    if (qrcodegen_encodeSegmentsAdvanced(segments.data(), segments.size(), toQrcodegen(ecc), kClassMin[versionClass],
                                         kClassMax[versionClass], mask, /*boostEcl=*/false,
                                         buf.temp, buf.qr))
      return true;
  }
  return false;
}

bool isSafeColour(std::string_view c) noexcept {
  if (c.empty() || c.size() > 32) return false;
  if (c.front() == '#') {
    const std::string_view hex = c.substr(1);
    if (hex.size() != 3 && hex.size() != 4 && hex.size() != 6 && hex.size() != 8) return false;
    for (const char h : hex)
      if (!isAsciiDigit(h) && !(asciiLower(h) >= 'a' && asciiLower(h) <= 'f')) return false;
    return true;
  }
  for (const char ch : c)  // colour keywords: letters only, so nothing can leave the attribute
    if (!isAsciiAlpha(ch)) return false;
  return true;
}

void appendXmlEscaped(std::string& out, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

// Writes v in decimal at p (room for 11 characters, "-2147483648"); returns the end. Always inlined: see
// qr_mask.cpp on the wasm build's calls.
[[gnu::always_inline]] inline char* writeInt(char* p, int v) noexcept { return std::to_chars(p, p + 11, v).ptr; }

void appendInt(std::string& out, int v) {
  char text[12];
  out.append(text, static_cast<std::size_t>(writeInt(text, v) - text));
}

FieldError emptyError() { return codeError("qr.empty"); }

FieldError tooLongError(std::string_view text, QrEcc ecc) {
  return codeError("qr.too_long", {ErrorParam::of("ecc", qrEccName(ecc)),
                                   ErrorParam::of("bytes", static_cast<std::int64_t>(text.size()))});
}

QrMatrix emptyMatrix(int size, QrEcc ecc) {
  QrMatrix m;
  m.size = size;
  m.version = versionOf(size);
  m.ecc = ecc;
  return m;
}

}  // namespace

Result<QrEcc> parseQrEcc(std::string_view text) {
  const std::string t = asciiLower(trimWhitespace(text));
  if (t == "l" || t == "low") return QrEcc::Low;
  if (t == "m" || t == "medium") return QrEcc::Medium;
  if (t == "q" || t == "quartile") return QrEcc::Quartile;
  if (t == "h" || t == "high") return QrEcc::High;
  return codeError("qr.invalid_ecc");
}

const char* qrEccName(QrEcc ecc) noexcept {
  switch (ecc) {
    case QrEcc::Low: return "L";
    case QrEcc::Medium: return "M";
    case QrEcc::Quartile: return "Q";
    case QrEcc::High: return "H";
  }
  return "M";
}

Result<QrMatrix> encodeQr(std::string_view text, QrEcc ecc) {
  if (text.empty()) return emptyError();
  // qrcodegen draws the symbol once, with mask 0; applyBestMask (qr_mask.cpp) then finds the mask that
  // qrcodegen_Mask_AUTO would choose, on bit rows, where qrcodegen re-masks and scores module by module 8 times.
  QrBuffers buf;
  if (!encodeSegmented(text, ecc, qrcodegen_Mask_0, buf)) return tooLongError(text, ecc);
  QrMatrix m = emptyMatrix(qrcodegen_getSize(buf.qr), ecc);
  applyBestMask(buf.qr, ecc, m.modules);
  return Result<QrMatrix>(std::move(m));
}

Result<QrMatrix> encodeQrWithQrcodegenMaskChoice(std::string_view text, QrEcc ecc) {
  if (text.empty()) return emptyError();
  QrBuffers buf;
  if (!encodeSegmented(text, ecc, qrcodegen_Mask_AUTO, buf)) return tooLongError(text, ecc);
  QrMatrix m = emptyMatrix(qrcodegen_getSize(buf.qr), ecc);
  m.modules.resize(static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size));
  for (int y = 0; y < m.size; ++y)
    for (int x = 0; x < m.size; ++x) m.modules[static_cast<std::size_t>(y * m.size + x)] = qrcodegen_getModule(buf.qr, x, y);
  return Result<QrMatrix>(std::move(m));
}

Result<std::string> qrSvg(const QrMatrix& m, const QrSvgOptions& o) {
  if (!isSafeColour(o.dark) || !isSafeColour(o.light))
    return codeError("qr.invalid_colour");
  if (o.quietZone < 0 || o.quietZone > 16)
    return codeError("qr.invalid_quiet_zone");
  const int q = o.quietZone;
  std::string svg;
  // About 1.5 bytes per module for version 7 data, less for larger symbols; one allocation in practice.
  svg.reserve(static_cast<std::size_t>(2 * m.size * m.size) + 256 + o.title.size() + o.dark.size() + o.light.size());
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ";
  appendInt(svg, m.size + 2 * q);
  svg += ' ';
  appendInt(svg, m.size + 2 * q);
  svg += "\" shape-rendering=\"crispEdges\" role=\"img\"><title>";
  appendXmlEscaped(svg, o.title);
  svg += "</title>";
  const bool background = o.light != "none" && o.light != "transparent";
  if (background) {
    svg += "<rect width=\"100%\" height=\"100%\" fill=\"";
    svg += o.light;
    svg += "\"/>";
  }
  // Each run of dark modules in a row is one horizontal stroke of width 1 through the row's middle,
  // written with relative moves from the end of the previous run: short, and exact with crispEdges.
  svg += "<path stroke=\"";
  svg += o.dark;
  svg += "\" d=\"";
  int penX = 0, penY = 0;  // in half-module units for y (strokes run along y + 0.5)
  bool first = true;
  // A row's strokes are written here, then appended at once: a run takes at most 14 characters ("M192 192.5h177",
  // "m-177 176h177"), and a row of 177 modules holds at most 89 runs.
  char rowText[16 * 89];
  const std::vector<bool>& dark = m.modules;
  for (int y = 0; y < m.size; ++y) {
    char* p = rowText;
    const std::size_t row = static_cast<std::size_t>(y) * static_cast<std::size_t>(m.size);
    for (int x = 0; x < m.size;) {
      if (!dark[row + static_cast<std::size_t>(x)]) {
        ++x;
        continue;
      }
      int end = x + 1;
      while (end < m.size && dark[row + static_cast<std::size_t>(end)]) ++end;
      const int runX = x + q, runY = y + q;
      if (first) {
        *p++ = 'M';
        p = writeInt(p, runX);
        *p++ = ' ';
        p = writeInt(p, runY);
        *p++ = '.';
        *p++ = '5';
        first = false;
      } else {
        *p++ = 'm';
        p = writeInt(p, runX - penX);
        *p++ = ' ';
        p = writeInt(p, runY - penY);
      }
      *p++ = 'h';
      p = writeInt(p, end - x);
      penX = end + q;
      penY = runY;
      x = end;
    }
    svg.append(rowText, static_cast<std::size_t>(p - rowText));
  }
  svg += "\"/></svg>";
  return Result<std::string>(std::move(svg));
}

Result<std::string> qrSvg(std::string_view text, QrEcc ecc, const QrSvgOptions& options) {
  const Result<QrMatrix> m = encodeQr(text, ecc);
  if (!m) return m.error();
  return qrSvg(m.value(), options);
}

}  // namespace ltgs
