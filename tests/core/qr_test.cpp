#include "ltgs/qr.hpp"

#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "qr_internal.hpp"

namespace ltgs {
namespace {

// Finder pattern at (x, y): 7x7 dark ring, light ring, 3x3 dark centre.
bool hasFinderAt(const QrMatrix& m, int x0, int y0) {
  for (int y = 0; y < 7; ++y)
    for (int x = 0; x < 7; ++x) {
      const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
      const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      if (m.dark(x0 + x, y0 + y) != (ring || centre)) return false;
    }
  return true;
}

TEST(EncodeQr, PicksTheSmallestVersionThatFits) {
  EXPECT_EQ(encodeQr("HELLO", QrEcc::Medium).value().version, 1);
  EXPECT_EQ(encodeQr("HELLO", QrEcc::Medium).value().size, 21);
  // 120 bytes in byte mode: version 7 at M (capacity 122), version 6 at L (capacity 134).
  const std::string text(120, 'a');
  EXPECT_EQ(encodeQr(text, QrEcc::Medium).value().version, 7);
  EXPECT_EQ(encodeQr(text, QrEcc::Low).value().version, 6);
  EXPECT_EQ(encodeQr(text, QrEcc::High).value().version, 11);
}

TEST(EncodeQr, DrawsFinderPatternsInThreeCorners) {
  const QrMatrix m = encodeQr("https://partner.example/pay?ref=INV1", QrEcc::Quartile).value();
  EXPECT_TRUE(hasFinderAt(m, 0, 0));
  EXPECT_TRUE(hasFinderAt(m, m.size - 7, 0));
  EXPECT_TRUE(hasFinderAt(m, 0, m.size - 7));
  EXPECT_FALSE(hasFinderAt(m, m.size - 7, m.size - 7));
  EXPECT_EQ(m.modules.size(), static_cast<std::size_t>(m.size * m.size));
}

TEST(EncodeQr, ReportsTextTooLongAndEmpty) {
  EXPECT_TRUE(encodeQr(std::string(2953, 'x'), QrEcc::Low).ok());  // version 40-L byte capacity
  EXPECT_EQ(encodeQr(std::string(2954, 'x'), QrEcc::Low).error().code, "qr.too_long");
  EXPECT_EQ(encodeQr(std::string(1274, 'x'), QrEcc::High).error().code, "qr.too_long");
  EXPECT_EQ(encodeQr("", QrEcc::Medium).error().code, "qr.empty");
  EXPECT_TRUE(encodeQr(std::string("a\0b", 3), QrEcc::Medium).ok());
}

// Deterministic text of `length` symbols from one of four alphabets: digits; capitals with digits and the
// alphanumeric punctuation (alphanumeric and numeric segments); lower case (byte mode); UTF-8 of 1 to 4 bytes mixed
// with ASCII. std::mt19937's output is fixed by the standard.
std::string testText(int alphabet, int length, unsigned seed) {
  static const std::vector<std::vector<std::string>> kAlphabets = {
      {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
      {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W",
       "X", "Y", "Z", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", " ", "$", "%", "*", "+", "-", ".", "/", ":"},
      {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w",
       "x", "y", "z"},
      {"\xC3\xA9", "\xE2\x80\x94", "\xC5\x8B", "\xE2\x82\xAC", "\xF0\x9F\x87\xB7", "a", "B", "7", " ", "'"},
  };
  const std::vector<std::string>& symbols = kAlphabets[static_cast<std::size_t>(alphabet)];
  std::mt19937 random(seed);
  std::string text;
  for (int i = 0; i < length; ++i) text += symbols[random() % symbols.size()];
  return text;
}

const QrEcc kLevels[] = {QrEcc::Low, QrEcc::Medium, QrEcc::Quartile, QrEcc::High};

// encodeQr picks the mask itself (qr_mask.cpp); qrcodegen's own automatic choice is the reference, symbol for symbol.
void expectSameAsQrcodegenMaskChoice(const std::string& text, QrEcc ecc) {
  const Result<QrMatrix> fast = encodeQr(text, ecc);
  const Result<QrMatrix> reference = encodeQrWithQrcodegenMaskChoice(text, ecc);
  ASSERT_TRUE(fast.ok() && reference.ok()) << text.size() << " bytes at " << qrEccName(ecc);
  EXPECT_EQ(fast.value().size, reference.value().size);
  EXPECT_EQ(fast.value().version, reference.value().version);
  EXPECT_EQ(fast.value().modules, reference.value().modules)
      << "version " << fast.value().version << ", " << qrEccName(ecc) << ", " << text.size() << " bytes: " << text;
}

TEST(EncodeQr, ChoosesQrcodegensMaskForEveryVersionAndLevel) {
  // Per level (L, M, Q, H) and version: the most symbols of testText(alphabet (version - 1) % 4, seed
  // 4 * version + level) that fit that version, so every symbol is full of data. Versions 7 and up carry version
  // information; 2 and up alignment patterns.
  constexpr int kFullLength[4][40] = {
      {41, 47, 53, 37, 255, 195, 154, 106, 552, 395, 321, 185, 1022, 667, 520, 314, 1548, 1046, 792, 448,
       2232, 1460, 1091, 622, 3057, 1990, 1465, 786, 3909, 2520, 1840, 1030, 4965, 3183, 2303, 1258, 6153, 3927, 2809, 1514},
      {34, 38, 42, 32, 202, 154, 122, 85, 432, 311, 251, 154, 796, 528, 412, 253, 1212, 816, 624, 355,
       1708, 1134, 857, 482, 2395, 1542, 1125, 630, 3035, 1994, 1452, 810, 3909, 2506, 1809, 1013, 4775, 3054, 2213, 1220},
      {27, 29, 32, 24, 144, 108, 86, 55, 312, 221, 177, 102, 580, 376, 292, 170, 876, 574, 442, 226,
       1224, 823, 611, 355, 1718, 1094, 805, 463, 2181, 1429, 1030, 581, 2805, 1787, 1283, 714, 3417, 2181, 1579, 855},
      {17, 20, 24, 19, 106, 84, 64, 47, 235, 174, 137, 83, 427, 283, 220, 125, 674, 452, 338, 208,
       969, 640, 461, 272, 1286, 864, 625, 350, 1677, 1080, 790, 451, 2157, 1394, 983, 557, 2625, 1658, 1219, 661},
  };
  for (int level = 0; level < 4; ++level)
    for (int version = 1; version <= 40; ++version) {
      const QrEcc ecc = kLevels[level];
      const std::string text = testText((version - 1) % 4, kFullLength[level][version - 1],
                                        static_cast<unsigned>(4 * version + level));
      ASSERT_EQ(encodeQr(text, ecc).value().version, version) << qrEccName(ecc);
      expectSameAsQrcodegenMaskChoice(text, ecc);
    }
}

TEST(EncodeQr, ChoosesQrcodegensMaskForShortTexts) {
  // Small symbols are where masks most often tie on penalty (the first wins).
  for (int level = 0; level < 4; ++level)
    for (int alphabet = 0; alphabet < 4; ++alphabet)
      for (int length = 1; length <= 60; length += 1 + length / 8)
        expectSameAsQrcodegenMaskChoice(testText(alphabet, length, static_cast<unsigned>(100 * level + length)),
                                        kLevels[level]);
}

TEST(EncodeQr, ChoosesQrcodegensMaskForEmvcoPayloads) {
  const std::string payload =
      "00020101021226330015rw.example.ltgs0110LTGS0001235204490053036465405150005802RW5909WASAC Ltd6006Kigali6222"
      "0518LTGSINV_230624_0016304";
  for (const QrEcc ecc : kLevels)
    for (std::size_t length = 60; length <= payload.size(); length += 3) expectSameAsQrcodegenMaskChoice(payload.substr(0, length), ecc);
}

// The penalty rules as qrcodegen applies them, module by module: N1 3 + (L - 5) per run of L >= 5 of one colour
// in a row or column; N2 3 per 2x2 block of one colour; N3 40 per finder-like pattern, dark-light-dark-light-dark
// runs of m, m, 3m, m, m between light runs of which one is at least 4m and the other at least m long, the line
// having a light border of `size` modules at each end (counted once per qualifying side); N4 10 per full 5 % step
// by which the dark share lies outside 45-55 %.
int linePenaltyReference(const std::vector<bool>& line) {
  const int size = static_cast<int>(line.size());
  int result = 0;
  std::vector<int> runs = {size};  // light, dark, light, ...: the border is part of the first and last light runs
  bool dark = false;
  for (const bool module : line) {
    if (module != dark) runs.push_back(0), dark = module;
    ++runs.back();
  }
  if (dark) runs.push_back(0);
  runs.back() += size;
  int run = 0;
  for (int i = 0; i < size; ++i) {
    run = i > 0 && line[static_cast<std::size_t>(i)] == line[static_cast<std::size_t>(i - 1)] ? run + 1 : 1;
    if (run == 5) result += 3;
    if (run > 5) result += 1;
  }
  for (std::size_t j = 3; j + 3 < runs.size(); j += 2) {  // odd j: dark runs
    const int m = runs[j] / 3;
    if (runs[j] % 3 != 0 || runs[j - 2] != m || runs[j - 1] != m || runs[j + 1] != m || runs[j + 2] != m) continue;
    result += 40 * ((runs[j + 3] >= 4 * m && runs[j - 3] >= m ? 1 : 0) + (runs[j - 3] >= 4 * m && runs[j + 3] >= m ? 1 : 0));
  }
  return result;
}

int penaltyReference(const std::vector<bool>& m, int size) {
  const auto at = [&](int x, int y) { return m[static_cast<std::size_t>(y * size + x)]; };
  int result = 0, dark = 0;
  for (int i = 0; i < size; ++i) {
    std::vector<bool> row, column;
    for (int j = 0; j < size; ++j) row.push_back(at(j, i)), column.push_back(at(i, j)), dark += at(j, i) ? 1 : 0;
    result += linePenaltyReference(row) + linePenaltyReference(column);
  }
  for (int y = 0; y + 1 < size; ++y)
    for (int x = 0; x + 1 < size; ++x)
      if (at(x, y) == at(x + 1, y) && at(x, y) == at(x, y + 1) && at(x, y) == at(x + 1, y + 1)) result += 3;
  const int total = size * size;
  for (int k = 0;; ++k)  // the smallest k with (45 - 5k) % <= dark share <= (55 + 5k) %
    if (20 * dark >= (9 - k) * total && 20 * dark <= (11 + k) * total) return result + 10 * k;
}

TEST(QrPenalty, MatchesTheRulesModuleByModule) {
  // Random symbols of one, two and three 64-bit words per line, with finder-like patterns of scales 1 to 5 planted
  // across rows and columns, touching the edges, with light runs on either side around 1 and 4 times the scale.
  std::mt19937 random(18004);
  const auto below = [&random](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  for (const int size : {21, 45, 61, 65, 101, 125, 129, 177})
    for (int trial = 0; trial < 12; ++trial) {
      std::vector<bool> m(static_cast<std::size_t>(size * size));
      const int darkPercent = trial % 3 == 0 ? 50 : trial % 3 == 1 ? 20 : 80;
      for (std::size_t i = 0; i < m.size(); ++i) m[i] = below(100) < darkPercent;
      for (int planted = 0; planted < 3 * size; ++planted) {
        const int scale = 1 + below(planted % 4 == 0 ? 5 : 2);
        const int flank[2] = {scale * below(6) - below(2), scale * below(6) - below(2)};  // light runs around it
        std::vector<int> runs = {flank[0], scale, scale, 3 * scale, scale, scale, flank[1]};
        int length = 2;  // plus a dark module closing each light flank
        for (const int r : runs) length += r < 0 ? 0 : r;
        if (length > size) continue;
        const bool across = below(2) == 0;
        const int line = below(size), start = below(4) == 0 ? (below(2) == 0 ? -1 : size - length + 1) : below(size - length + 1);
        int p = start;
        const auto put = [&](bool dark) {
          if (p >= 0 && p < size) m[static_cast<std::size_t>(across ? line * size + p : p * size + line)] = dark;
          ++p;
        };
        put(true);
        for (std::size_t r = 0; r < runs.size(); ++r)
          for (int k = 0; k < runs[r]; ++k) put(r % 2 == 1);
        put(true);
      }
      EXPECT_EQ(qrPenalty(m, size), penaltyReference(m, size)) << "size " << size << ", trial " << trial;
    }
}

TEST(QrPenalty, ScoresUniformSymbols) {
  for (const int size : {21, 177}) {
    // All light: every row and column one run of `size` (size - 2 each), every 2x2 block, 50 % off balance.
    const int lines = 2 * size * (size - 2), blocks = 3 * (size - 1) * (size - 1);
    EXPECT_EQ(qrPenalty(std::vector<bool>(static_cast<std::size_t>(size * size), false), size), lines + blocks + 90);
    EXPECT_EQ(qrPenalty(std::vector<bool>(static_cast<std::size_t>(size * size), true), size), lines + blocks + 90);
  }
}

TEST(ParseQrEcc, ReadsLevelNames) {
  EXPECT_EQ(parseQrEcc("l").value(), QrEcc::Low);
  EXPECT_EQ(parseQrEcc("M").value(), QrEcc::Medium);
  EXPECT_EQ(parseQrEcc("quartile").value(), QrEcc::Quartile);
  EXPECT_EQ(parseQrEcc(" H ").value(), QrEcc::High);
  EXPECT_EQ(parseQrEcc("X").error().code, "qr.invalid_ecc");
}

TEST(QrSvg, IsOneCompactPathWithViewBoxQuietZoneAndTitle) {
  const std::string payload =
      "00020101021226330015rw.example.ltgs0110LTGS0001235204490053036465405150005802RW5909WASAC Ltd6006Kigali6222"
      "0518LTGSINV_230624_0016304";
  ASSERT_GE(payload.size(), 110u);
  const QrMatrix m = encodeQr(payload, QrEcc::Medium).value();
  const std::string svg = qrSvg(m, QrSvgOptions{}).value();
  const std::string side = std::to_string(m.size + 8);
  EXPECT_NE(svg.find("viewBox=\"0 0 " + side + " " + side + "\""), std::string::npos);
  EXPECT_NE(svg.find("shape-rendering=\"crispEdges\""), std::string::npos);
  EXPECT_NE(svg.find("<title>QR code</title>"), std::string::npos);
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '<'), 6);  // svg, title, /title, rect, path, /svg
  EXPECT_EQ(svg.find("<path"), svg.rfind("<path"));
  EXPECT_LT(svg.size(), 4000u) << svg.size();
  // The first stroke starts at the quiet zone's corner: the top-left finder pattern's first row.
  EXPECT_NE(svg.find("d=\"M4 4.5h7"), std::string::npos);
}

TEST(QrSvg, PathCoversExactlyTheDarkModules) {
  const QrMatrix m = encodeQr("LTGS", QrEcc::Low).value();
  const std::string svg = qrSvg(m, QrSvgOptions{}).value();
  const std::string d = svg.substr(svg.find(" d=\"") + 4);
  std::vector<bool> painted(m.modules.size(), false);
  // Replay the path: M x y.5, then m dx dy, h len.
  std::regex token("([Mmh])(-?\\d+)(?: (-?\\d+)(?:\\.5)?)?");
  double x = 0, y = 0;
  for (auto it = std::sregex_iterator(d.begin(), d.begin() + static_cast<long>(d.find('"')), token);
       it != std::sregex_iterator(); ++it) {
    const char op = (*it)[1].str()[0];
    const int a = std::stoi((*it)[2]);
    if (op == 'M') x = a, y = std::stoi((*it)[3]);
    if (op == 'm') x += a, y += std::stoi((*it)[3]);
    if (op == 'h') {
      for (int k = 0; k < a; ++k) painted[static_cast<std::size_t>((y - 4) * m.size + (x - 4 + k))] = true;
      x += a;
    }
  }
  EXPECT_EQ(painted, m.modules);
}

TEST(QrSvg, ColoursAndTitleAreSettableAndSafe) {
  QrSvgOptions o;
  o.dark = "#1a2b3c";
  o.light = "transparent";
  o.title = "Pay <WASAC> & \"co\"";
  const std::string svg = qrSvg("LTGS", QrEcc::Medium, o).value();
  EXPECT_NE(svg.find("stroke=\"#1a2b3c\""), std::string::npos);
  EXPECT_EQ(svg.find("<rect"), std::string::npos);
  EXPECT_NE(svg.find("<title>Pay &lt;WASAC&gt; &amp; &quot;co&quot;</title>"), std::string::npos);
  o.dark = "red\" onload=\"alert(1)";
  EXPECT_EQ(qrSvg("LTGS", QrEcc::Medium, o).error().code, "qr.invalid_colour");
  o.dark = "#12345";
  EXPECT_EQ(qrSvg("LTGS", QrEcc::Medium, o).error().code, "qr.invalid_colour");
  o.dark = "navy";
  o.quietZone = -1;
  EXPECT_EQ(qrSvg("LTGS", QrEcc::Medium, o).error().code, "qr.invalid_quiet_zone");
  o.quietZone = 0;
  EXPECT_NE(qrSvg("LTGS", QrEcc::Medium, o).value().find("viewBox=\"0 0 21 21\""), std::string::npos);
}

}  // namespace
}  // namespace ltgs
