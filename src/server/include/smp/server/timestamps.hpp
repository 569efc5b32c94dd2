#pragma once
// Wall-clock helpers for the relay (the core never reads the clock: the server passes `today`).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "smp/date.hpp"

namespace smp::server {

/// Milliseconds since the Unix epoch, now (plus the test hook's offset, if set).
std::int64_t now_ms();
/// Test hook (`serve`'s SMP_CLOCK_OFFSET_MS): shifts now_ms() by `offset_ms` for this process.
void set_clock_offset_ms(std::int64_t offset_ms);
/// `2026-11-21T05:49:55.123Z` for a Unix time in milliseconds.
std::string iso8601_utc(std::int64_t unix_ms);
/// Parses ISO 8601 / RFC 3339 date-times (`YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`; no zone =
/// UTC) into Unix milliseconds; nullopt for anything else.
std::optional<std::int64_t> parse_iso8601(std::string_view text);
/// The UTC calendar date of a Unix time in milliseconds.
smp::Date utc_date(std::int64_t unix_ms);

}  // namespace smp::server
