#pragma once
// The clinic's time zone, read from the system's tz database (TZif files), so the relay
// evaluates a lead for the same "today" as the widget did (today in the clinic's time zone).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "smp/date.hpp"

namespace smp::server {

class TimeZone {
 public:
  /// Loads e.g. "America/Chicago" from `directory`; nullopt for an unknown or unsafe name.
  static std::optional<TimeZone> load(const std::string& name,
                                      const std::string& directory = "/usr/share/zoneinfo");
  /// Parses TZif data (RFC 8536, versions 1–4); nullopt when malformed.
  static std::optional<TimeZone> parse(const std::string& tzif);
  /// UTC offset in seconds at a Unix time (after the last listed transition: its offset).
  int offset_seconds(std::int64_t unix_seconds) const;
  /// The local calendar date at a Unix time in milliseconds.
  smp::Date local_date(std::int64_t unix_ms) const;

 private:
  std::vector<std::int64_t> transitions_;
  std::vector<int> offsets_;  ///< offset in force from transitions_[i]
  int initial_offset_ = 0;
};

}  // namespace smp::server
