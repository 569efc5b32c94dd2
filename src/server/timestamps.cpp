#include "smp/server/timestamps.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>

namespace smp::server {
namespace {

bool read_digits(std::string_view text, size_t& i, size_t count, int& value) {
  if (i + count > text.size()) return false;
  value = 0;
  for (size_t k = 0; k < count; ++k) {
    const char c = text[i + k];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  i += count;
  return true;
}

bool expect(std::string_view text, size_t& i, char c) {
  if (i >= text.size() || text[i] != c) return false;
  ++i;
  return true;
}

// Test hook only (SMP_CLOCK_OFFSET_MS): lets a test stand a relay days in the past or future.
std::atomic<std::int64_t> g_clock_offset_ms{0};

}  // namespace

void set_clock_offset_ms(std::int64_t offset_ms) {
  g_clock_offset_ms.store(offset_ms, std::memory_order_relaxed);
}

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() +
         g_clock_offset_ms.load(std::memory_order_relaxed);
}

std::string iso8601_utc(std::int64_t unix_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> time{milliseconds{unix_ms}};
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{time - day};
  char buffer[40];
  std::snprintf(
      buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
      static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
      static_cast<int>(clock.seconds().count()), static_cast<int>(clock.subseconds().count()));
  return buffer;
}

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
  using namespace std::chrono;
  size_t i = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!read_digits(text, i, 4, y) || !expect(text, i, '-') || !read_digits(text, i, 2, mo) ||
      !expect(text, i, '-') || !read_digits(text, i, 2, d)) {
    return std::nullopt;
  }
  if (i >= text.size() || (text[i] != 'T' && text[i] != 't' && text[i] != ' ')) return std::nullopt;
  ++i;
  if (!read_digits(text, i, 2, h) || !expect(text, i, ':') || !read_digits(text, i, 2, mi)) {
    return std::nullopt;
  }
  long long millis = 0;
  if (i < text.size() && text[i] == ':') {
    ++i;
    if (!read_digits(text, i, 2, s)) return std::nullopt;
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
      ++i;
      int digits = 0;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        if (digits < 3) millis = millis * 10 + (text[i] - '0');
        ++digits;
        ++i;
      }
      if (digits == 0) return std::nullopt;
      for (int k = digits; k < 3; ++k) millis *= 10;
    }
  }
  long long offset_minutes = 0;
  if (i < text.size()) {
    if (text[i] == 'Z' || text[i] == 'z') {
      ++i;
    } else if (text[i] == '+' || text[i] == '-') {
      const int sign = text[i] == '-' ? -1 : 1;
      ++i;
      int oh = 0, om = 0;
      if (!read_digits(text, i, 2, oh)) return std::nullopt;
      if (i < text.size() && text[i] == ':') ++i;
      if (!read_digits(text, i, 2, om)) return std::nullopt;
      if (oh > 23 || om > 59) return std::nullopt;
      offset_minutes = sign * (oh * 60 + om);
    } else {
      return std::nullopt;
    }
  }
  if (i != text.size()) return std::nullopt;
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                            day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  const auto since_epoch = sys_days{date}.time_since_epoch();
  const long long total_ms = duration_cast<milliseconds>(since_epoch).count() +
                             ((h * 60LL + mi - offset_minutes) * 60 + s) * 1000 + millis;
  return total_ms;
}

smp::Date utc_date(std::int64_t unix_ms) {
  using namespace std::chrono;
  return year_month_day{floor<days>(sys_time<milliseconds>{milliseconds{unix_ms}})};
}

}  // namespace smp::server
