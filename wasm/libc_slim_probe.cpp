// Prints what snprintf makes of the formats libc_slim.cpp supports, one line each. Built twice:
// into build/wasm with libc_slim.cpp (wasm32: 32-bit size_t and long) and natively with the real
// libc; tests/wasm/libc_slim.test.mjs requires identical output.
#include <cstddef>
#include <cstdio>

namespace {

char buffer[256];

void line(int length) {
  std::printf("%d:%s\n", length, buffer);
}

}  // namespace

int main() {
  line(std::snprintf(buffer, sizeof buffer, "%zu|%d", static_cast<std::size_t>(4000000000u), 7));
  line(std::snprintf(buffer, sizeof buffer, "%zx|%u", static_cast<std::size_t>(0xdeadbeefu), 9u));
  line(std::snprintf(buffer, sizeof buffer, "%zd|%d", static_cast<std::ptrdiff_t>(-12), 3));
  line(std::snprintf(buffer, sizeof buffer, "%08zu|%s", static_cast<std::size_t>(42), "end"));
  line(std::snprintf(buffer, sizeof buffer, "%lu|%ld|%lld|%llu|%d", 4000000000ul, -5l,
                     -9000000000ll, 18000000000000000000ull, 1));
  line(std::snprintf(buffer, sizeof buffer, "\\u%04x|<U+%.4X>", 0x1fu, 0xabu));
  line(std::snprintf(buffer, sizeof buffer, "%c%s%%|%5d|%05d|%.3d", 'a', "bc", 42, -42, 7));
  line(std::snprintf(buffer, 5, "%d", 123456));  // truncated, returns the full length
  return 0;
}
