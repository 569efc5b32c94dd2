#include "smp/server/time_zone.hpp"

#include <algorithm>
#include <chrono>

#include "smp/server/static_files.hpp"

namespace smp::server {
namespace {

std::int64_t read_be(const std::string& data, size_t at, size_t bytes) {
  std::uint64_t value = 0;
  for (size_t i = 0; i < bytes; ++i) value = (value << 8) | static_cast<unsigned char>(data[at + i]);
  if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
  return static_cast<std::int64_t>(value);
}

struct Counts {
  std::int64_t isut, isstd, leap, time, type, chars;
};

std::optional<Counts> read_header(const std::string& data, size_t at) {
  if (data.size() < at + 44 || data.compare(at, 4, "TZif") != 0) return std::nullopt;
  Counts c{read_be(data, at + 20, 4), read_be(data, at + 24, 4), read_be(data, at + 28, 4),
           read_be(data, at + 32, 4), read_be(data, at + 36, 4), read_be(data, at + 40, 4)};
  if (c.isut < 0 || c.isstd < 0 || c.leap < 0 || c.time < 0 || c.type <= 0 || c.chars < 0 ||
      c.time > 100000 || c.type > 256) {
    return std::nullopt;
  }
  return c;
}

size_t block_size(const Counts& c, size_t time_bytes) {
  return static_cast<size_t>(c.time) * time_bytes + static_cast<size_t>(c.time) +
         static_cast<size_t>(c.type) * 6 + static_cast<size_t>(c.chars) +
         static_cast<size_t>(c.leap) * (time_bytes + 4) + static_cast<size_t>(c.isstd) +
         static_cast<size_t>(c.isut);
}

bool safe_zone_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || name.front() == '/') return false;
  if (name.find("..") != std::string::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '/' || c == '_' || c == '-' || c == '+';
  });
}

}  // namespace

std::optional<TimeZone> TimeZone::parse(const std::string& tzif) {
  auto header = read_header(tzif, 0);
  if (!header) return std::nullopt;
  size_t at = 44;
  size_t time_bytes = 4;
  // Version 2+ repeats the data with 64-bit times after the version 1 block: use that one.
  if (tzif.size() > 4 && tzif[4] >= '2') {
    at += block_size(*header, 4);
    header = read_header(tzif, at);
    if (!header) return std::nullopt;
    at += 44;
    time_bytes = 8;
  }
  const Counts c = *header;
  if (tzif.size() < at + block_size(c, time_bytes)) return std::nullopt;
  const size_t indices_at = at + static_cast<size_t>(c.time) * time_bytes;
  const size_t types_at = indices_at + static_cast<size_t>(c.time);
  std::vector<int> type_offsets;
  std::vector<bool> type_dst;
  for (std::int64_t t = 0; t < c.type; ++t) {
    type_offsets.push_back(static_cast<int>(read_be(tzif, types_at + static_cast<size_t>(t) * 6, 4)));
    type_dst.push_back(tzif[types_at + static_cast<size_t>(t) * 6 + 4] != 0);
  }
  TimeZone zone;
  zone.initial_offset_ = type_offsets[0];
  for (size_t t = 0; t < type_offsets.size(); ++t) {
    if (!type_dst[t]) {
      zone.initial_offset_ = type_offsets[t];
      break;
    }
  }
  for (std::int64_t i = 0; i < c.time; ++i) {
    const auto index = static_cast<unsigned char>(tzif[indices_at + static_cast<size_t>(i)]);
    if (index >= type_offsets.size()) return std::nullopt;
    zone.transitions_.push_back(read_be(tzif, at + static_cast<size_t>(i) * time_bytes, time_bytes));
    zone.offsets_.push_back(type_offsets[index]);
  }
  return zone;
}

std::optional<TimeZone> TimeZone::load(const std::string& name, const std::string& directory) {
  if (!safe_zone_name(name)) return std::nullopt;
  const auto data = read_file(directory + "/" + name);
  if (!data) return std::nullopt;
  return parse(*data);
}

int TimeZone::offset_seconds(std::int64_t unix_seconds) const {
  const auto it = std::upper_bound(transitions_.begin(), transitions_.end(), unix_seconds);
  if (it == transitions_.begin()) return initial_offset_;
  return offsets_[static_cast<size_t>(it - transitions_.begin() - 1)];
}

smp::Date TimeZone::local_date(std::int64_t unix_ms) const {
  using namespace std::chrono;
  const std::int64_t local_ms = unix_ms + offset_seconds(unix_ms / 1000) * 1000LL;
  return year_month_day{floor<days>(sys_time<milliseconds>{milliseconds{local_ms}})};
}

}  // namespace smp::server
