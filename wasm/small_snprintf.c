/* snprintf for the wasm builds, in place of musl's: whole numbers, characters and strings only.
 *
 * The core formats no text with printf. nlohmann/json's lexer did, once, when the core still read JSON with it:
 * the text of an unexpected control character in its parse error ("<U+%.4X>"). This one stays linked so that a
 * future call cannot bring back musl's snprintf, with printf's whole float formatting and the soft-float long
 * double arithmetic of wasm32: about 8 KB of the .wasm (4.4 KB gzip).
 * Linked before libc, this definition is the one used; a float conversion (%f, %e, %g, %a), %p or %n aborts, loudly,
 * rather than writing something else (the shared case tables run through the Node build, which has this too).
 *
 * Supported: flags - 0 + space #, width and precision (digits or *), lengths hh h l ll j z t, and
 * d i u o x X c s %.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

struct sink {
  char* out;
  size_t size;   /* room in out, the terminating NUL included */
  size_t count;  /* what the whole text takes, written or not */
};

static void put(struct sink* s, char c) {
  if (s->count + 1 < s->size) s->out[s->count] = c;
  ++s->count;
}

static void repeat(struct sink* s, char c, int n) {
  for (; n > 0; --n) put(s, c);
}

int snprintf(char* restrict out, size_t size, const char* restrict format, ...) {
  struct sink s = {out, size, 0};
  va_list args;
  va_start(args, format);
  for (const char* f = format; *f != '\0'; ++f) {
    if (*f != '%') {
      put(&s, *f);
      continue;
    }
    int left = 0, zero = 0, plus = 0, space = 0, alt = 0;
    for (;; ++f) {
      if (f[1] == '-') left = 1;
      else if (f[1] == '0') zero = 1;
      else if (f[1] == '+') plus = 1;
      else if (f[1] == ' ') space = 1;
      else if (f[1] == '#') alt = 1;
      else break;
    }
    ++f;
    int width = 0;
    if (*f == '*') {
      width = va_arg(args, int);
      if (width < 0) {
        left = 1;
        width = -width;
      }
      ++f;
    } else {
      while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
    }
    int precision = -1;
    if (*f == '.') {
      ++f;
      precision = 0;
      if (*f == '*') {
        precision = va_arg(args, int);
        if (precision < 0) precision = -1;
        ++f;
      } else {
        while (*f >= '0' && *f <= '9') precision = precision * 10 + (*f++ - '0');
      }
    }
    int length = 0; /* 0 int, 1 long, 2 long long, 3 intmax_t, 4 size_t / ptrdiff_t */
    int shorter = 0; /* h: 1, hh: 2 (an int read, then cut to a short or a char) */
    for (;; ++f) {
      if (*f == 'h') ++shorter;
      else if (*f == 'l') length = length == 1 ? 2 : 1;
      else if (*f == 'j') length = 3;
      else if (*f == 'z' || *f == 't') length = 4;
      else break;
    }
    const char conversion = *f;
    if (conversion == '\0') break;
    if (conversion == '%') {
      put(&s, '%');
      continue;
    }
    if (conversion == 'c' || conversion == 's') {
      char one = 0;
      const char* text = &one;
      int n = 1;
      if (conversion == 'c') {
        one = (char)va_arg(args, int);
      } else {
        text = va_arg(args, const char*);
        if (text == NULL) text = "(null)";
        for (n = 0; text[n] != '\0' && (precision < 0 || n < precision);) ++n;
      }
      if (!left) repeat(&s, ' ', width - n);
      for (int i = 0; i < n; ++i) put(&s, text[i]);
      if (left) repeat(&s, ' ', width - n);
      continue;
    }
    uintmax_t magnitude;
    int negative = 0;
    unsigned base = 10;
    const char* digitChars = "0123456789abcdef";
    const char* prefix = "";
    if (conversion == 'd' || conversion == 'i') {
      intmax_t v = length == 0 ? va_arg(args, int)
                   : length == 1 ? va_arg(args, long)
                   : length == 2 ? va_arg(args, long long)
                   : length == 3 ? va_arg(args, intmax_t)
                                 : va_arg(args, ptrdiff_t);
      if (shorter == 1) v = (short)v;
      if (shorter >= 2) v = (signed char)v;
      negative = v < 0;
      magnitude = negative ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
      prefix = negative ? "-" : plus ? "+" : space ? " " : "";
    } else if (conversion == 'u' || conversion == 'o' || conversion == 'x' || conversion == 'X') {
      magnitude = length == 0 ? va_arg(args, unsigned)
                  : length == 1 ? va_arg(args, unsigned long)
                  : length == 2 ? va_arg(args, unsigned long long)
                  : length == 3 ? va_arg(args, uintmax_t)
                                : va_arg(args, size_t);
      if (shorter == 1) magnitude = (unsigned short)magnitude;
      if (shorter >= 2) magnitude = (unsigned char)magnitude;
      if (conversion == 'o') base = 8;
      if (conversion == 'x' || conversion == 'X') base = 16;
      if (conversion == 'X') digitChars = "0123456789ABCDEF";
      if (alt && base == 16 && magnitude != 0) prefix = conversion == 'X' ? "0X" : "0x";
    } else {
      abort(); /* %f %e %g %a (no float formatting here), %p, %n, or not a conversion */
    }
    char digits[24];
    int n = 0;
    for (uintmax_t v = magnitude; v != 0; v /= base) digits[n++] = digitChars[v % base];
    if (alt && base == 8 && precision <= n) digits[n++] = '0'; /* %#o starts with a 0 */
    const int minimum = precision >= 0 ? precision : (n == 0 ? 1 : 0);
    const int zeros = minimum > n ? minimum - n : 0;
    int prefixLength = 0;
    while (prefix[prefixLength] != '\0') ++prefixLength;
    const int total = prefixLength + zeros + n;
    const int pad = width > total ? width - total : 0;
    if (!left && !(zero && precision < 0)) repeat(&s, ' ', pad);
    for (int i = 0; i < prefixLength; ++i) put(&s, prefix[i]);
    if (!left && zero && precision < 0) repeat(&s, '0', pad);
    repeat(&s, '0', zeros);
    while (n > 0) put(&s, digits[--n]);
    if (left) repeat(&s, ' ', pad);
  }
  va_end(args);
  if (size > 0) s.out[s.count < size ? s.count : size - 1] = '\0';
  return (int)s.count;
}
