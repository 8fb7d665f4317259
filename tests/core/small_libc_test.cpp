// wasm/small_strtod.c and wasm/small_snprintf.c, which the wasm builds use in place of musl's strtod and
// snprintf, compiled here under other names and compared with the C library's: the same doubles to the last bit
// (round to nearest, ties to even) and the same text.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

extern "C" {
double ltgs_small_strtod(const char* text, char** end);
int ltgs_small_snprintf(char* out, std::size_t size, const char* format, ...);
}

namespace {

// Both readings of `text`: the same bits and the same end.
void expectSameDouble(const std::string& text) {
  char* endSmall = nullptr;
  char* endLibc = nullptr;
  const double small = ltgs_small_strtod(text.c_str(), &endSmall);
  const double libc = std::strtod(text.c_str(), &endLibc);
  ASSERT_EQ(std::memcmp(&small, &libc, sizeof small), 0) << text << ": " << small << " against " << libc;
  ASSERT_EQ(endSmall - text.c_str(), endLibc - text.c_str()) << text;
}

TEST(SmallStrtod, ReadsHardCasesAsTheCLibraryDoes) {
  for (const char* text :
       {"0", "-0", "0.0", "1", "1.5", "15000.5", "0.1", "0.2", "0.30000000000000004", "1e3", "1E-3", "-1.5e+2",
        "9007199254740993", "9007199254740993.0", "9007199254740992.5", "4503599627370496.5", "1e22", "1e23",
        "1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e309",
        "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1e-400", "0.7345629087654321", "123456789012345678901234567890", "  12",
        "-", "", ".", "e5", "1e", "1e+", "12abc", "1.2.3", "00012.50", "0.0000000000000000000000000000000000001e37"}) {
    expectSameDouble(text);
  }
  expectSameDouble("1" + std::string(900, '0') + "e-900");
  expectSameDouble("0." + std::string(400, '0') + "1e401");
}

TEST(SmallStrtod, ReadsHalfwayPointsAndTheirNeighboursAsTheCLibraryDoes) {
  std::mt19937_64 random(2026);
  for (int i = 0; i < 2000; ++i) {
    std::uint64_t bits = random() & 0x7fffffffffffffffu;
    double d = 0;
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) continue;
    char text[1200];
    std::snprintf(text, sizeof text, "%.17e", d);
    expectSameDouble(text);
    const double up = std::nextafter(d, INFINITY);
    if (!std::isfinite(up)) continue;
    // Exactly halfway between two doubles (long double has the room on x86-64 and aarch64), in full.
    std::snprintf(text, sizeof text, "%.800Le", (static_cast<long double>(d) + static_cast<long double>(up)) / 2);
    expectSameDouble(text);
    char* last = std::strchr(text, 'e') - 1;
    while (*last == '0') --last;
    if (*last == '.') continue;
    const char digit = *last;
    if (digit < '9') {
      *last = static_cast<char>(digit + 1);
      expectSameDouble(text);
    }
    if (digit > '0') {
      *last = static_cast<char>(digit - 1);
      expectSameDouble(text);
    }
  }
}

TEST(SmallStrtod, ReadsRandomDecimalTextsAsTheCLibraryDoes) {
  std::mt19937_64 random(7);
  for (int i = 0; i < 50000; ++i) {
    std::string text = random() % 2 ? "-" : "";
    const int length = 1 + static_cast<int>(random() % 40);
    const int point = static_cast<int>(random() % (length + 1));
    for (int j = 0; j < length; ++j) {
      if (j == point && j > 0) text += '.';
      text += static_cast<char>('0' + random() % 10);
    }
    if (random() % 3 != 0) text += "e" + std::to_string(static_cast<int>(random() % 700) - 350);
    expectSameDouble(text);
  }
}

// Both writings, at several buffer sizes: the same count and the same bytes (what was not written included).
#define EXPECT_SAME_TEXT(...)                                                                         \
  for (std::size_t size = 0; size < 40; size += 3) {                                                  \
    char small[64];                                                                                   \
    char libc[64];                                                                                    \
    std::memset(small, 'Z', sizeof small);                                                            \
    std::memset(libc, 'Z', sizeof libc);                                                              \
    const int countSmall = ltgs_small_snprintf(small, size, __VA_ARGS__);                            \
    const int countLibc = std::snprintf(libc, size, __VA_ARGS__);                                     \
    EXPECT_EQ(countSmall, countLibc) << #__VA_ARGS__;                                                 \
    EXPECT_EQ(std::memcmp(small, libc, sizeof small), 0) << #__VA_ARGS__ << " at size " << size;      \
  }

TEST(SmallSnprintf, WritesWholeNumbersCharactersAndTextAsTheCLibraryDoes) {
  for (int c = 0; c < 256; ++c) EXPECT_SAME_TEXT("<U+%.4X>", static_cast<unsigned>(c));  // nlohmann's lexer's
  for (int n : {0, 1, -1, 42, -42, 2147483647, -2147483647 - 1, 65535}) {
    EXPECT_SAME_TEXT("%d|%i|%5d|%-5d|%05d|%+d|% d", n, n, n, n, n, n, n);
    EXPECT_SAME_TEXT("%.3d|%8.3d|%-8.3d|%.0d|%hd|%hhd", n, n, n, n, n, n);
    const auto u = static_cast<unsigned>(n);
    EXPECT_SAME_TEXT("%u|%x|%X|%#x|%08x|%#08x|%o|%#o|%#.5o|%.0u|%hu|%hhx", u, u, u, u, u, u, u, u, u, u, u, u);
  }
  for (long long n : {0LL, -9223372036854775807LL - 1, 9223372036854775807LL, 123456789012345LL}) {
    EXPECT_SAME_TEXT("%lld|%llx|%20lld|", n, static_cast<unsigned long long>(n), n);
    EXPECT_SAME_TEXT("%jd|%zu|%ld", static_cast<std::intmax_t>(n), static_cast<std::size_t>(n), static_cast<long>(n));
  }
  EXPECT_SAME_TEXT("%s|%10s|%-10s|%.2s|%s", "hello", "hi", "hi", "hello", "");
  EXPECT_SAME_TEXT("%*d|%-*d|%*d|%.*d|%.*d", 6, 42, 6, 42, -6, 42, 4, 42, -4, 42);
  EXPECT_SAME_TEXT("%c%c|%3c|%-3c|%%|plain text longer than the buffer", 'a', 'b', 'x', 'y');
}

}  // namespace
