#include "ltgs/qr.hpp"

#include <gtest/gtest.h>

#include <regex>

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
