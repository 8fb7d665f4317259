/* strtod for the wasm builds, in place of musl's: decimal numbers, correctly rounded (to nearest, ties to even).
 *
 * The core's JSON scanner (core/src/json_reader.cpp) reads every number with a fraction or an exponent, and
 * every integer that fits neither int64 nor uint64, with strtod, as nlohmann/json's lexer, its reference, does.
 * musl's strtod computes in long double, which wasm32 has only as 128-bit soft float: with it come __multf3,
 * __divtf3, __addtf3, fmodl, scalbnl... about 14 KB of the .wasm. This one computes with doubles and exact
 * integers: an estimate, then the exact comparison of the decimal number with the halfway points between doubles
 * (big integers of 32-bit limbs), moving one double at a time until it lies between them.
 *
 * It reads what the scanner hands it, a JSON number: optional white space, a sign, digits with an optional
 * fraction and an optional exponent. Anything else (inf, nan, hexadecimal floats, no digits) is not converted:
 * 0 is answered and *end set to the start, as for text that is not a number.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* The largest numbers compared: 801 digits · 10^309 · 2^1076 (about 4,770 bits), or a 55-bit mantissa ·
 * 10^1125 · 2^971 (about 4,770 bits too): 192 limbs are 6,144 bits. */
#define LIMBS 192
#define MAX_DIGITS 800

struct big {
  int size; /* limbs in use, least significant first */
  uint32_t limb[LIMBS];
};

static void bigSmall(struct big* b, uint64_t v) {
  b->size = 0;
  for (; v != 0; v >>= 32) b->limb[b->size++] = (uint32_t)v;
}

static void bigMulAdd(struct big* b, uint32_t factor, uint32_t add) {
  uint64_t carry = add;
  for (int i = 0; i < b->size; ++i) {
    const uint64_t v = (uint64_t)b->limb[i] * factor + carry;
    b->limb[i] = (uint32_t)v;
    carry = v >> 32;
  }
  if (carry != 0 && b->size < LIMBS) b->limb[b->size++] = (uint32_t)carry;
}

static void bigPow10(struct big* b, int n) {
  for (; n >= 9; n -= 9) bigMulAdd(b, 1000000000u, 0);
  static const uint32_t small[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
  if (n > 0) bigMulAdd(b, small[n], 0);
}

static void bigShift(struct big* b, int bits) {
  if (b->size == 0) return;
  const int words = bits / 32, rest = bits % 32;
  if (rest != 0) {
    uint32_t carry = 0;
    for (int i = 0; i < b->size; ++i) {
      const uint32_t v = b->limb[i];
      b->limb[i] = (v << rest) | carry;
      carry = v >> (32 - rest);
    }
    if (carry != 0 && b->size < LIMBS) b->limb[b->size++] = carry;
  }
  if (words > 0 && b->size + words <= LIMBS) {
    for (int i = b->size - 1; i >= 0; --i) b->limb[i + words] = b->limb[i];
    for (int i = 0; i < words; ++i) b->limb[i] = 0;
    b->size += words;
  }
}

static int bigCompare(const struct big* a, const struct big* b) {
  if (a->size != b->size) return a->size < b->size ? -1 : 1;
  for (int i = a->size - 1; i >= 0; --i)
    if (a->limb[i] != b->limb[i]) return a->limb[i] < b->limb[i] ? -1 : 1;
  return 0;
}

/* The sign of digits · 10^exp10 − m · 2^exp2 (digits: the significant digits, without leading zeros). */
static int compareExact(const char* digits, int count, int exp10, uint64_t m, int exp2) {
  static struct big left, right; /* 772 bytes each: not on the 64 KiB stack */
  left.size = 0;
  for (int i = 0; i < count; ++i) {
    if (left.size == 0) bigSmall(&left, (uint64_t)(digits[i] - '0'));
    else bigMulAdd(&left, 10, (uint32_t)(digits[i] - '0'));
  }
  bigSmall(&right, m);
  if (exp10 >= 0) bigPow10(&left, exp10);
  else bigPow10(&right, -exp10);
  if (exp2 >= 0) bigShift(&right, exp2);
  else bigShift(&left, -exp2);
  return bigCompare(&left, &right);
}

static const double kPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#define HIDDEN ((uint64_t)1 << 52)

double strtod(const char* restrict text, char** restrict end) {
  const char* p = text;
  while (*p == ' ' || (*p >= '\t' && *p <= '\r')) ++p;
  const int negative = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  char digits[MAX_DIGITS + 1];
  int count = 0;      /* significant digits kept */
  int exp10 = 0;      /* value = digits · 10^exp10 */
  int any = 0;        /* a digit was read */
  int dropped = 0;    /* a nonzero digit beyond MAX_DIGITS */
  for (int fraction = 0;; ++p) {
    if (*p == '.' && !fraction) {
      fraction = 1;
      continue;
    }
    if (*p < '0' || *p > '9') break;
    any = 1;
    if (count == 0 && *p == '0') {
      if (fraction) --exp10;
      continue;
    }
    if (count < MAX_DIGITS) {
      digits[count++] = *p;
      if (fraction) --exp10;
    } else {
      if (*p != '0') dropped = 1;
      if (!fraction) ++exp10;
    }
  }
  if (!any) {
    if (end) *end = (char*)text;
    return 0;
  }
  if ((*p == 'e' || *p == 'E')) {
    const char* q = p + 1;
    const int minus = *q == '-';
    if (*q == '-' || *q == '+') ++q;
    if (*q >= '0' && *q <= '9') {
      int e = 0;
      for (; *q >= '0' && *q <= '9'; ++q)
        if (e < 100000) e = e * 10 + (*q - '0');
      exp10 += minus ? -e : e;
      p = q;
    }
  }
  if (end) *end = (char*)p;
  if (dropped) digits[count++] = '1'; /* a digit below the kept ones: strictly between, never a tie */
  if (count == 0) return negative ? -0.0 : 0.0;
  if (count + exp10 > 310) {
    errno = ERANGE;
    return negative ? -HUGE_VAL : HUGE_VAL;
  }
  if (count + exp10 < -324) {
    errno = ERANGE;
    return negative ? -0.0 : 0.0;
  }

  /* The estimate: the first 19 digits, scaled by exact powers of ten. */
  const int first = count < 19 ? count : 19;
  uint64_t w = 0;
  for (int i = 0; i < first; ++i) w = w * 10 + (uint64_t)(digits[i] - '0');
  int scale = exp10 + (count - first);
  double x = (double)w;
  if (count <= 15 && scale >= -22 && scale <= 22) {
    /* Exact operands, one rounding: already the nearest double. */
    x = scale >= 0 ? x * kPow10[scale] : x / kPow10[-scale];
    return negative ? -x : x;
  }
  for (; scale > 22; scale -= 22) x *= 1e22;
  for (; scale < -22 && x != 0; scale += 22) x /= 1e22;
  if (x != 0) x = scale >= 0 ? x * kPow10[scale] : x / kPow10[-scale];

  /* x = m · 2^k: 2^52 <= m < 2^53 for normal numbers, k = -1074 and m < 2^52 for subnormal ones. */
  uint64_t m;
  int k;
  if (x == 0) {
    m = 0;
    k = -1074;
  } else if (isinf(x)) {
    m = 2 * HIDDEN - 1;
    k = 971;
  } else {
    int e;
    const double f = frexp(x, &e);
    k = e - 53;
    m = (uint64_t)ldexp(f, 53);
    if (k < -1074) {
      m >>= -1074 - k; /* exact: x is a subnormal double */
      k = -1074;
    }
  }
  for (;;) {
    /* Above the halfway point to the next double (or on it, from an odd m): up. */
    const int up = compareExact(digits, count, exp10, 2 * m + 1, k - 1);
    if (up > 0 || (up == 0 && (m & 1))) {
      if (++m == 2 * HIDDEN) {
        m = HIDDEN;
        if (++k > 971) {
          errno = ERANGE;
          return negative ? -HUGE_VAL : HUGE_VAL;
        }
      }
      continue;
    }
    if (m == 0) break;
    /* Below the halfway point to the previous double (or on it, from an odd m): down. */
    const int boundary = m == HIDDEN && k > -1074; /* the previous double has half this ulp */
    const int down = boundary ? compareExact(digits, count, exp10, 4 * HIDDEN - 1, k - 2)
                              : compareExact(digits, count, exp10, 2 * m - 1, k - 1);
    if (down < 0 || (down == 0 && (m & 1))) {
      if (boundary) {
        m = 2 * HIDDEN - 1;
        --k;
      } else {
        --m;
      }
      continue;
    }
    break;
  }
  if (m == 0) errno = ERANGE;
  x = ldexp((double)m, k);
  return negative ? -x : x;
}

/* Only so that musl's strtod.o (which defines strtof and strtold beside strtod) is not linked for libc++'s
 * std::stof and std::stold, which refer to them and which nothing calls. A float read through a double can round
 * differently from a direct reading, and a long double is what this file leaves out: rather than answer, they
 * stop. */
float strtof(const char* restrict text, char** restrict end) {
  (void)text;
  (void)end;
  abort();
}

long double strtold(const char* restrict text, char** restrict end) {
  (void)text;
  (void)end;
  abort();
}
