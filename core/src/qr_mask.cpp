// Mask choice for QR symbols on bit rows: each row and each column is a bit string of up to 177 modules in three
// 64-bit words, so one mask's penalty is a few word operations per line instead of several per module.
//
// Emscripten 3.1 compiles -Os and -Oz (the wasm build) with -fno-inline-functions, which keeps every call, even
// std::array::operator[]. So the loops here index plain arrays through pointers, and their few helpers are
// [[gnu::always_inline]].

#include <climits>
#include <cstdint>
#include <memory>
#include <vector>

#include "qr_internal.hpp"
#include "qrcodegen.h"

namespace ltgs {
namespace {

using Word = std::uint64_t;
constexpr int kWordsMax = 3;  // words per line: up to 192 modules, and a symbol has at most 177 on a side
// Module p of a row (x) or column (y) is bit p % 64 of word p / 64. Bits past the symbol's edge are 0.
struct Line {
  Word w[kWordsMax];
};

[[gnu::always_inline]] inline int popcount(Word w) noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && !(defined(__x86_64__) && !defined(__POPCNT__))
  return __builtin_popcountll(w);  // one instruction: wasm i64.popcnt, x86-64 popcnt, AArch64 cnt
#else
  // Baseline x86-64 has no popcnt instruction, and the builtin would call libgcc: count in the register.
  w -= (w >> 1) & 0x5555555555555555u;
  w = (w & 0x3333333333333333u) + ((w >> 2) & 0x3333333333333333u);
  w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
  return static_cast<int>((w * 0x0101010101010101u) >> 56);
#endif
}

[[gnu::always_inline]] inline int lowestBit(Word w) noexcept {  // w != 0
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_ctzll(w);
#else
  int n = 0;
  for (; (w & 1) == 0; w >>= 1) ++n;
  return n;
#endif
}

[[gnu::always_inline]] inline bool bit(const Line& line, int p) noexcept { return (line.w[p >> 6] >> (p & 63) & 1) != 0; }
[[gnu::always_inline]] inline void setBit(Line& line, int p, bool dark) noexcept {
  Word& w = line.w[p >> 6];
  w = (w & ~(Word{1} << (p & 63))) | (Word{dark} << (p & 63));
}

// ISO/IEC 18004 table 10: mask k inverts the data module in column x, row y when this holds.
constexpr bool maskInverts(int k, int x, int y) noexcept {
  switch (k) {
    case 0: return (x + y) % 2 == 0;
    case 1: return y % 2 == 0;
    case 2: return x % 3 == 0;
    case 3: return (x + y) % 3 == 0;
    case 4: return (x / 3 + y / 2) % 2 == 0;
    case 5: return x * y % 2 + x * y % 3 == 0;
    case 6: return (x * y % 2 + x * y % 3) % 2 == 0;
    default: return ((x + y) % 2 + x * y % 3) % 2 == 0;
  }
}

// Every mask repeats after 12 modules along both axes (x / 3 and x * y % 3 need x mod 6, y / 2 needs y mod 4), so
// a line's pattern is 12 bits chosen by the line's index mod 12: rows[k][y % 12] bit p = mask k inverts (p, y),
// cols[k][x % 12] bit p = mask k inverts (x, p).
struct MaskTiles {
  std::uint16_t rows[8][12];
  std::uint16_t cols[8][12];
};
constexpr MaskTiles makeMaskTiles() {
  MaskTiles t{};
  for (int k = 0; k < 8; ++k)
    for (int line = 0; line < 12; ++line)
      for (int p = 0; p < 12; ++p) {
        if (maskInverts(k, p, line)) t.rows[k][line] = static_cast<std::uint16_t>(t.rows[k][line] | 1u << p);
        if (maskInverts(k, line, p)) t.cols[k][line] = static_cast<std::uint16_t>(t.cols[k][line] | 1u << p);
      }
  return t;
}
constexpr MaskTiles kMaskTiles = makeMaskTiles();

// Word w (modules 64w to 64w + 63) of a line whose 12-module pattern `tile` starts at module 0.
[[gnu::always_inline]] inline Word maskWord(unsigned tile, int w) noexcept {
  const int phase = 64 * w % 12;  // 0, 4, 8
  const unsigned rotated = ((tile >> phase) | (tile << (12 - phase))) & 0xFFFu;
  return Word{rotated} * 0x1001001001001001u;  // a copy every 12 bits; the last one is cut to 4
}

// Bit p of the result is module p + D of a line, for the word `cur` between `prev` and `next` (0 off the line:
// modules off the line read as light).
template <int D>
[[gnu::always_inline]] inline Word shifted(Word prev, Word cur, Word next) noexcept {
  static_assert(D > -64 && D < 64, "one word of reach");
  if constexpr (D == 0) return cur;
  else if constexpr (D > 0) return (cur >> D) | (next << (64 - D));
  else return (cur << -D) | (prev >> (64 + D));
}

// Per-size constants: word count, and masks of the positions where a window of 5 or 2 modules fits on a line.
struct LineMasks {
  int size = 0;
  int words = 0;
  Line fiveFit{};  // p <= size - 5
  Line pairFit{};  // p <= size - 2
};
Line bitsBelow(int limit) noexcept {  // bits 0 .. limit - 1
  Line l{};
  for (int w = 0; w < kWordsMax; ++w) {
    const int n = limit - 64 * w;
    l.w[w] = n >= 64 ? ~Word{0} : n <= 0 ? 0 : (Word{1} << n) - 1;
  }
  return l;
}
LineMasks lineMasks(int size) noexcept {
  LineMasks lm;
  lm.size = size;
  lm.words = (size + 63) / 64;
  lm.fiveFit = bitsBelow(size - 4);
  lm.pairFit = bitsBelow(size - 1);
  return lm;
}

// Finder-like patterns whose centre is the dark run of 6 or more modules starting at p (scale m of 2 or more,
// which data rarely produces). The rule is qrcodegen's: runs dark m, light m, dark 3m, light m, dark m, between
// light runs of which one is at least 4m and the other at least m long, on a line with a light border of `size`
// modules at each end. Returns 0, 1 or 2.
int largeFinderLikeCount(const Line& line, int size, int p) noexcept {
  const auto dark = [&line, size](int q) { return q >= 0 && q < size && bit(line, q); };
  int end = size;  // the first light module from p on (bits past the line are 0: light)
  for (int w = p >> 6, from = p & 63; w < kWordsMax; ++w, from = 0) {
    // Bits shifted in at the top read as light here; if the first light bit is one of them, the next word decides.
    const Word light = ~(line.w[w] >> from);
    if (light != 0 && from + lowestBit(light) < 64) {
      end = 64 * w + from + lowestBit(light);
      break;
    }
  }
  end = end < size ? end : size;
  if ((end - p) % 3 != 0) return 0;
  const int m = (end - p) / 3;
  for (int q = 0; q < m; ++q)
    if (dark(end + q) || !dark(end + m + q) || dark(p - 1 - q) || !dark(p - m - 1 - q)) return 0;
  if (dark(end + 2 * m) || dark(p - 2 * m - 1)) return 0;
  int after = end + 2 * m;  // first module of the light run after the pattern
  while (after < size && !bit(line, after)) ++after;
  const int lightAfter = after - (end + 2 * m) + (after == size ? size : 0);
  int before = p - 2 * m - 1;  // last module of the light run before it
  while (before >= 0 && !bit(line, before)) --before;
  const int lightBefore = p - 2 * m - 1 - before + (before < 0 ? size : 0);
  return (lightAfter >= 4 * m && lightBefore >= m ? 1 : 0) + (lightBefore >= 4 * m && lightAfter >= m ? 1 : 0);
}

// N1 (runs of 5 or more modules of one colour: 3, plus 1 per module past 5) and N3 (finder-like patterns) in word w
// of a line, added to runPoints and finderLike.
[[gnu::always_inline]] inline void scoreWord(const Line& line, int w, Word prev, Word cur, Word next,
                                             const LineMasks& lm, int& runPoints, int& finderLike) noexcept {
  const Word b4 = shifted<-4>(prev, cur, next), b3 = shifted<-3>(prev, cur, next);
  const Word b2 = shifted<-2>(prev, cur, next), b1 = shifted<-1>(prev, cur, next), s0 = cur;
  const Word s1 = shifted<1>(prev, cur, next), s2 = shifted<2>(prev, cur, next), s3 = shifted<3>(prev, cur, next);
  const Word s4 = shifted<4>(prev, cur, next), s5 = shifted<5>(prev, cur, next), s6 = shifted<6>(prev, cur, next);
  const Word s7 = shifted<7>(prev, cur, next), s8 = shifted<8>(prev, cur, next);
  // A run of L >= 5 holds L - 4 windows of five equal modules; its first window also scores 2: 3 + (L - 5).
  const Word five = (s0 & s1 & s2 & s3 & s4) | (~(s0 | s1 | s2 | s3 | s4) & lm.fiveFit.w[w]);
  const Word runStart = five & ((b1 ^ s0) | (w == 0 ? Word{1} : Word{0}));
  runPoints += popcount(five) + 2 * popcount(runStart);
  // Scale 1: light, dark 1, light 1, dark 3, light 1, dark 1, light, from p - 1 on; counted once if 4 light modules
  // follow and once if 4 precede (the border is light).
  const Word core = ~b1 & s0 & ~s1 & s2 & s3 & s4 & ~s5 & s6 & ~s7;
  if (core != 0) {
    const Word s9 = shifted<9>(prev, cur, next), s10 = shifted<10>(prev, cur, next);
    finderLike += popcount(core & ~(s7 | s8 | s9 | s10)) + popcount(core & ~(b4 | b3 | b2 | b1));
  }
  // Larger scales need a light run of 2 or more, then a dark run of exactly 6 or of 9 or more.
  for (Word big = ~b2 & ~b1 & s0 & s1 & s2 & s3 & s4 & s5 & (~s6 | (s7 & s8)); big != 0; big &= big - 1)
    finderLike += largeFinderLikeCount(line, lm.size, 64 * w + lowestBit(big));
}

// N1 + N3 (40 per finder-like pattern) of one row or column.
int linePenalty(const Line& line, const LineMasks& lm) noexcept {
  int runPoints = 0, finderLike = 0;
  if (lm.words == 1) {  // versions 1-11: the shifts across the missing neighbour words fold away
    scoreWord(line, 0, 0, line.w[0], 0, lm, runPoints, finderLike);
  } else {
    for (int w = 0; w < lm.words; ++w)
      scoreWord(line, w, w > 0 ? line.w[w - 1] : 0, line.w[w], w + 1 < kWordsMax ? line.w[w + 1] : 0, lm, runPoints,
                finderLike);
  }
  return runPoints + 40 * finderLike;
}

// The penalty of one masked symbol, from its rows and columns; once it reaches `bound` (the best so far), some value
// at least `bound` (the mask cannot win, as ties go to the earlier mask).
int penalty(const Line* rows, const Line* cols, const LineMasks& lm, int bound) noexcept {
  int result = 0, dark = 0, blocks = 0;
  for (int y = 0; y < lm.size; ++y) {
    result += linePenalty(rows[y], lm);
    const Word* a = rows[y].w;
    for (int w = 0; w < lm.words; ++w) dark += popcount(a[w]);
    if (y + 1 == lm.size) break;
    const Word* b = rows[y + 1].w;
    for (int w = 0; w < lm.words; ++w) {  // 2x2 blocks of one colour with their top-left module in row y
      const Word an = w + 1 < kWordsMax ? a[w + 1] : 0, bn = w + 1 < kWordsMax ? b[w + 1] : 0;
      const Word ar = (a[w] >> 1) | (an << 63), br = (b[w] >> 1) | (bn << 63);  // the modules to the right
      blocks += popcount(~(a[w] ^ b[w]) & ~(a[w] ^ ar) & ~(ar ^ br) & lm.pairFit.w[w]);
    }
  }
  // N4: 10 per full 5 % step by which the dark share strays from 45-55 % (size is odd: never exactly 50 %).
  const int total = lm.size * lm.size;
  const int off = dark * 20 - total * 10;
  const int steps = ((off < 0 ? -off : off) + total - 1) / total - 1;
  result += 3 * blocks + 10 * steps;
  for (int x = 0; x < lm.size && result < bound; ++x) result += linePenalty(cols[x], lm);
  return result;
}

// A symbol as rows and as columns, so that both directions scan along words.
struct Planes {
  Line* rows;
  Line* cols;
  [[gnu::always_inline]] void set(int x, int y, bool dark) noexcept {
    setBit(rows[y], x, dark);
    setBit(cols[x], y, dark);
  }
  void fill(int left, int top, int width, int height) noexcept {
    for (int y = top; y < top + height; ++y)
      for (int x = left; x < left + width; ++x) set(x, y, true);
  }
};

// Function modules (finders with separators and format areas, timing, alignment, version information): the ones no
// mask touches. ISO/IEC 18004 6.3 and annex E.
void markFunctionModules(Planes& f, int version) {
  const int size = 4 * version + 17;
  f.fill(6, 0, 1, size);
  f.fill(0, 6, size, 1);
  f.fill(0, 0, 9, 9);
  f.fill(size - 8, 0, 8, 9);
  f.fill(0, size - 8, 9, 8);  // includes the dark module at (8, size - 8)
  if (version >= 2) {
    // Centres from 6 to size - 7, as evenly spaced as an even step allows (rounded up; version 32 is the exception).
    const int count = version / 7 + 2;
    const int step = version == 32 ? 26 : (4 * version + 4 + 2 * (count - 1) - 1) / (2 * (count - 1)) * 2;
    int centres[7] = {6};
    for (int i = count - 1, c = size - 7; i >= 1; --i, c -= step) centres[i] = c;
    for (int i = 0; i < count; ++i)
      for (int j = 0; j < count; ++j) {
        const bool finderCorner = (i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0);
        if (!finderCorner) f.fill(centres[i] - 2, centres[j] - 2, 5, 5);
      }
  }
  if (version >= 7) {
    f.fill(size - 11, 0, 3, 6);
    f.fill(0, size - 11, 6, 3);
  }
}

// ISO/IEC 18004 7.9.1: 2 bits of level, 3 of mask, a BCH(15,5) remainder (generator 0x537), XOR 0x5412.
int formatBits(QrEcc ecc, int mask) noexcept {
  const int level = ecc == QrEcc::Low ? 1 : ecc == QrEcc::Medium ? 0 : ecc == QrEcc::Quartile ? 3 : 2;
  const int data = level << 3 | mask;
  int rem = data << 10;
  for (int b = 14; b >= 10; --b)
    if ((rem >> b & 1) != 0) rem ^= 0x537 << (b - 10);
  return (data << 10 | rem) ^ 0x5412;
}

// Both copies of the format information; bit 0 is the least significant.
void drawFormatBits(Planes& s, int size, int bits) noexcept {
  for (int i = 0; i < 15; ++i) {
    const bool on = (bits >> i & 1) != 0;
    // First copy: up column 8 from row 0 (skipping the timing row), then left along row 8 (skipping column 6).
    if (i < 8) s.set(8, i < 6 ? i : i + 1, on);
    else s.set(i < 9 ? 7 : 14 - i, 8, on);
    // Second copy: right to left along row 8 under the top-right finder, then down column 8 by the bottom-left one.
    if (i < 8) s.set(size - 1 - i, 8, on);
    else s.set(8, size - 15 + i, on);
  }
}

// out = unmasked with mask tiles applied to the data modules (format modules keep what unmasked has). out may be
// unmasked.
void applyMask(Line* out, const Line* unmasked, const Line* data, const std::uint16_t (&tiles)[12],
               const LineMasks& lm) noexcept {
  for (int i = 0; i < lm.size; ++i)
    for (int w = 0; w < lm.words; ++w) out[i].w[w] = unmasked[i].w[w] ^ (maskWord(tiles[i % 12], w) & data[i].w[w]);
}

}  // namespace

int applyBestMask(const std::uint8_t qrcodegenSymbol[], QrEcc ecc, std::vector<bool>& modules) {
  const LineMasks lm = lineMasks(qrcodegen_getSize(qrcodegenSymbol));
  const int size = lm.size;
  const int version = (size - 17) / 4;

  // Rows and columns of the data modules, of the symbol without its mask, and of the symbol under mask k.
  const std::unique_ptr<Line[]> store(new Line[6 * static_cast<std::size_t>(size)]());  // all light
  Line* const lines = store.get();
  Planes data{lines, lines + size}, unmasked{lines + 2 * size, lines + 3 * size};
  Planes masked{lines + 4 * size, lines + 5 * size};

  markFunctionModules(data, version);
  const Line onSymbol = bitsBelow(size);
  for (int i = 0; i < size; ++i)
    for (int w = 0; w < kWordsMax; ++w) {
      data.rows[i].w[w] = ~data.rows[i].w[w] & onSymbol.w[w];
      data.cols[i].w[w] = ~data.cols[i].w[w] & onSymbol.w[w];
    }
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const Word dark = qrcodegen_getModule(qrcodegenSymbol, x, y) ? 1 : 0;
      unmasked.rows[y].w[x >> 6] |= dark << (x & 63);
      unmasked.cols[x].w[y >> 6] |= dark << (y & 63);
    }
  applyMask(unmasked.rows, unmasked.rows, data.rows, kMaskTiles.rows[0], lm);  // mask 0 undone
  applyMask(unmasked.cols, unmasked.cols, data.cols, kMaskTiles.cols[0], lm);

  int bestMask = 0, bestPenalty = 0;
  for (int k = 0; k < 8; ++k) {
    applyMask(masked.rows, unmasked.rows, data.rows, kMaskTiles.rows[k], lm);
    applyMask(masked.cols, unmasked.cols, data.cols, kMaskTiles.cols[k], lm);
    drawFormatBits(masked, size, formatBits(ecc, k));
    const int p = penalty(masked.rows, masked.cols, lm, k == 0 ? INT_MAX : bestPenalty);
    if (k == 0 || p < bestPenalty) bestMask = k, bestPenalty = p;  // the first of equals, as qrcodegen
  }

  applyMask(masked.rows, unmasked.rows, data.rows, kMaskTiles.rows[bestMask], lm);
  drawFormatBits(masked, size, formatBits(ecc, bestMask));
  // Light everywhere, then the dark modules one by one: where vector<bool> access is a call (the wasm build), this
  // is several times faster than assigning every module.
  modules.assign(static_cast<std::size_t>(size) * static_cast<std::size_t>(size), false);
  for (int y = 0; y < size; ++y)
    for (int w = 0; w < lm.words; ++w)
      for (Word dark = masked.rows[y].w[w]; dark != 0; dark &= dark - 1)
        modules[static_cast<std::size_t>(y * size + 64 * w + lowestBit(dark))] = true;
  return bestMask;
}

int qrPenalty(const std::vector<bool>& modules, int size) {
  const std::unique_ptr<Line[]> store(new Line[2 * static_cast<std::size_t>(size)]());
  Planes symbol{store.get(), store.get() + size};
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) symbol.set(x, y, modules[static_cast<std::size_t>(y * size + x)]);
  return penalty(symbol.rows, symbol.cols, lineMasks(size), INT_MAX);
}

}  // namespace ltgs
