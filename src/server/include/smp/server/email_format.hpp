#pragma once
// How the lead emails show what the core returns: calendar dates with their weekday, times in the
// clinic's time zone, and answers by the catalogue's labels instead of their codes.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "smp/messages.hpp"
#include "smp/server/time_zone.hpp"

namespace smp::server {

/// "Tue, June 10, 2025" for "2025-06-10" (smp::weekday_date); smp::long_date without the weekday.
/// Anything that is not a YYYY-MM-DD date is returned as it is.
std::string email_date(const std::string& iso_date, const smp::Messages& messages,
                       bool weekday = true);

/// "Tue, June 10, 2025, 14:05 (America/Chicago)": a moment in the clinic's time zone (UTC
/// when the zone cannot be loaded).
std::string email_time(std::int64_t unix_ms, const std::optional<TimeZone>& zone,
                       const std::string& zone_name, const smp::Messages& messages);

/// An ISO 8601 time from the lead (consent given, quiz started) in the clinic's zone; the text
/// as it is when it does not parse.
std::string email_time(const std::string& iso_time, const std::optional<TimeZone>& zone,
                       const std::string& zone_name, const smp::Messages& messages);

/// One answer (SPEC §3) by the catalogue's labels: "Male", "Receding hairline … – Stage 3
/// (Norwood III)", "A line-shaped scar … (healed since …)".
std::string answer_label(const std::string& key, const nlohmann::json& value,
                         const smp::Messages& messages);

}  // namespace smp::server
