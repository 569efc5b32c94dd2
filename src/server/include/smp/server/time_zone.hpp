#pragma once
// The clinic's time zone, from the system's tz database through Howard Hinnant's date/tz:
// its listed transitions, and past the last of them the zone file's footer rule (POSIX TZ,
// parsed by the same library's date/ptz.h; date/tz alone would keep the last listed offset
// forever, so Chicago in July 2040 came out at UTC-6). The one
// time-zone path of the relay and the CLI: "today" for a lead or an `evaluate` is the date in
// the clinic's zone, as the widget computes it.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "smp/date.hpp"
#include "smp/diagnostic.hpp"

namespace smp::server {

class TimeZone {
 public:
  /// Loads e.g. "America/Chicago"; nullopt for a name the tz database does not know (or when
  /// there is no tz database). "UTC" always loads.
  static std::optional<TimeZone> load(const std::string& name);
  /// UTC offset in seconds at a Unix time (DST included).
  int offset_seconds(std::int64_t unix_seconds) const;
  /// The local calendar date at a Unix time in milliseconds.
  smp::Date local_date(std::int64_t unix_ms) const;
  /// The zone's name as loaded.
  const std::string& name() const { return name_; }

 private:
  struct Rules;
  std::string name_;
  std::shared_ptr<const Rules> rules_;  ///< nullptr = UTC
};

/// `/clinic/timezone: unknown time zone …` when the tz database does not know `name`.
std::optional<smp::Diagnostic> check_time_zone(const std::string& name);

/// Today in the zone `name` at `unix_ms` (UTC when the zone is unknown; check it first).
smp::Date today_in(const std::string& name, std::int64_t unix_ms);

}  // namespace smp::server
