// Size-only replacements for two libc functions in the widget's WebAssembly build.
// nlohmann/json calls snprintf only to print a code point in hex ("\\u%04x" when escaping control
// characters, "<U+%.4X>" in parse errors) and strtod only on number tokens its lexer has already
// validated (std::to_string of integers uses neither). musl's versions bring long-double float
// formatting and parsing (~6 KB gzip) the widget never needs; these defer to the JS engine's
// correctly rounded parseFloat and print integers only. Native builds use the real libc.
#include <emscripten.h>

#include <cstdarg>
#include <cstddef>
#include <cstdlib>

namespace {

// Parses the longest decimal number at `text` with the JS engine; *consumed gets its length.
// (No backslashes in here: EM_JS bodies pass through a C string literal.)
// The body is JavaScript: clang-format would break its regular expression.
// clang-format off
EM_JS(double, smp_parse_decimal, (const char* text, int* consumed), {
  const all = UTF8ToString(text);
  const rest = all.trimStart();
  const match = /^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?/.exec(rest);
  HEAP32[consumed >> 2] = match ? lengthBytesUTF8(all.slice(0, all.length - rest.length)) + match[0].length : 0;
  return match ? parseFloat(match[0]) : 0;
});
// clang-format on

// Appends one character if there is room (always counting it, as snprintf does).
struct Out {
  char* buffer;
  std::size_t size;
  std::size_t length = 0;
  void put(char c) {
    if (length + 1 < size) buffer[length] = c;
    ++length;
  }
};

void put_unsigned(Out& out, unsigned long long value, unsigned base, bool upper, int min_digits,
                  bool negative, int width, bool zero_pad) {
  char digits[24];
  int count = 0;
  const char* alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  do {
    digits[count++] = alphabet[value % base];
    value /= base;
  } while (value != 0);
  while (count < min_digits && count < 23) digits[count++] = '0';
  const int total = count + (negative ? 1 : 0);
  if (negative && zero_pad) out.put('-');
  for (int pad = total; pad < width; ++pad) out.put(zero_pad ? '0' : ' ');
  if (negative && !zero_pad) out.put('-');
  while (count > 0) out.put(digits[--count]);
}

}  // namespace

extern "C" double strtod(const char* __restrict text, char** __restrict end) {
  int consumed = 0;
  const double value = smp_parse_decimal(text, &consumed);
  if (end != nullptr) *end = const_cast<char*>(text) + consumed;
  return value;
}

// libc++'s string.o (std::stof/stod/stold, unused here) refers to all three, so all three live
// here or the linker pulls musl's strtod.o beside this one.
extern "C" float strtof(const char* __restrict text, char** __restrict end) {
  return static_cast<float>(strtod(text, end));
}

extern "C" long double strtold(const char* __restrict text, char** __restrict end) {
  return strtod(text, end);
}

// %%, %c, %s and the integer conversions d/i/u/x/X with the flag 0, a width, a precision and
// the length modifiers l/ll/z; anything else (floating point) is an error (-1).
extern "C" int vsnprintf(char* __restrict buffer, std::size_t size, const char* __restrict format,
                         va_list args) {
  Out out{buffer, size};
  for (const char* p = format; *p != '\0'; ++p) {
    if (*p != '%') {
      out.put(*p);
      continue;
    }
    ++p;
    bool zero_pad = false;
    while (*p == '0') zero_pad = true, ++p;
    int width = 0;
    while (*p >= '0' && *p <= '9') width = width * 10 + (*p++ - '0');
    int precision = -1;
    if (*p == '.') {
      precision = 0;
      ++p;
      while (*p >= '0' && *p <= '9') precision = precision * 10 + (*p++ - '0');
    }
    // The length modifier picks the argument's real type: on wasm32 size_t and long are 32-bit
    // (reading %z as 64-bit took the next argument's bytes too).
    enum class Length { kInt, kLong, kLongLong, kSize } length = Length::kInt;
    if (*p == 'z') {
      length = Length::kSize;
      ++p;
    } else if (*p == 'l') {
      length = *++p == 'l' ? (++p, Length::kLongLong) : Length::kLong;
    }
    const auto next_unsigned = [&]() -> unsigned long long {
      switch (length) {
        case Length::kSize: return va_arg(args, std::size_t);
        case Length::kLongLong: return va_arg(args, unsigned long long);
        case Length::kLong: return va_arg(args, unsigned long);
        case Length::kInt: break;
      }
      return va_arg(args, unsigned);
    };
    switch (*p) {
      case '%': out.put('%'); break;
      case 'c': out.put(static_cast<char>(va_arg(args, int))); break;
      case 's':
        for (const char* s = va_arg(args, const char*); s != nullptr && *s != '\0'; ++s)
          out.put(*s);
        break;
      case 'd':
      case 'i': {
        const long long value = length == Length::kSize       ? va_arg(args, std::ptrdiff_t)
                                : length == Length::kLongLong ? va_arg(args, long long)
                                : length == Length::kLong     ? va_arg(args, long)
                                                              : va_arg(args, int);
        const unsigned long long magnitude =
            value < 0 ? 0ULL - static_cast<unsigned long long>(value) : value;
        put_unsigned(out, magnitude, 10, false, precision, value < 0, width, zero_pad);
        break;
      }
      case 'u':
        put_unsigned(out, next_unsigned(), 10, false, precision, false, width, zero_pad);
        break;
      case 'x':
        put_unsigned(out, next_unsigned(), 16, false, precision, false, width, zero_pad);
        break;
      case 'X':
        put_unsigned(out, next_unsigned(), 16, true, precision, false, width, zero_pad);
        break;
      default: return -1;
    }
  }
  if (size != 0) buffer[out.length < size ? out.length : size - 1] = '\0';
  return static_cast<int>(out.length);
}

extern "C" int snprintf(char* __restrict buffer, std::size_t size, const char* __restrict format,
                        ...) {
  va_list args;
  va_start(args, format);
  const int length = vsnprintf(buffer, size, format, args);
  va_end(args);
  return length;
}
