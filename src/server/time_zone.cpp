#include "smp/server/time_zone.hpp"

#include <date/tz.h>
// ptz.h (2021's date 3.0) names `hh_mm_ss` under both `using namespace date` and
// `using namespace std::chrono`, ambiguous in C++20 where std::chrono has one too; a name in
// namespace Posix is found first and settles it.
namespace Posix {
template <class Duration>
using hh_mm_ss = date::hh_mm_ss<Duration>;
}  // namespace Posix
#include <date/ptz.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <fstream>
#include <iterator>

namespace smp::server {
namespace {

// date/tz looks names up in the zone list it reads from /usr/share/zoneinfo; refuse anything
// that could not be a zone name before asking it.
bool plausible_zone_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || name.front() == '/') return false;
  if (name.find("..") != std::string::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

// The POSIX TZ rule at the end of a version 2+ zone file ("\nCST6CDT,M3.2.0,M11.1.0\n"):
// what applies after the last listed transition. "" when there is none.
std::string footer_rule(const std::string& name) {
  std::ifstream file("/usr/share/zoneinfo/" + name, std::ios::binary);
  const std::string data(std::istreambuf_iterator<char>(file), {});
  if (data.size() < 2 || data.back() != '\n') return "";
  const auto start = data.rfind('\n', data.size() - 2);
  if (start == std::string::npos) return "";
  const std::string rule = data.substr(start + 1, data.size() - start - 2);
  const bool printable = std::all_of(rule.begin(), rule.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
  return printable ? rule : "";
}

}  // namespace

struct TimeZone::Rules {
  const date::time_zone* zone = nullptr;
  std::optional<Posix::time_zone> footer;
};

std::optional<TimeZone> TimeZone::load(const std::string& name) {
  TimeZone zone;
  zone.name_ = name;
  if (name == "UTC") return zone;  // the default zone works even without tzdata
  if (!plausible_zone_name(name)) return std::nullopt;
  auto rules = std::make_shared<Rules>();
  try {
    // Throws for an unknown name, and when the tz database cannot be read at all.
    rules->zone = date::locate_zone(name);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (rules->zone == nullptr) return std::nullopt;
  if (const std::string footer = footer_rule(name); !footer.empty()) {
    try {
      rules->footer.emplace(footer);
    } catch (const std::exception&) {
      // A rule the parser does not know: the last listed offset is the best left.
    }
  }
  zone.rules_ = std::move(rules);
  return zone;
}

int TimeZone::offset_seconds(std::int64_t unix_seconds) const {
  if (!rules_) return 0;
  const date::sys_seconds at{std::chrono::seconds{unix_seconds}};
  const date::sys_info listed = rules_->zone->get_info(at);
  // date/tz ends the last listed period at the end of time (year 32767): from its start on,
  // the footer rule decides.
  static const date::sys_seconds kEndOfTime{date::sys_days{date::year::max() / 1 / 1}};
  if (listed.end >= kEndOfTime && rules_->footer) {
    return static_cast<int>(rules_->footer->get_info(at).offset.count());
  }
  return static_cast<int>(listed.offset.count());
}

smp::Date TimeZone::local_date(std::int64_t unix_ms) const {
  using namespace std::chrono;
  const std::int64_t seconds_since_epoch =
      unix_ms >= 0 ? unix_ms / 1000 : -((-unix_ms + 999) / 1000);
  const std::int64_t local_seconds = seconds_since_epoch + offset_seconds(seconds_since_epoch);
  return year_month_day{floor<days>(sys_seconds{std::chrono::seconds{local_seconds}})};
}

std::optional<smp::Diagnostic> check_time_zone(const std::string& name) {
  if (TimeZone::load(name)) return std::nullopt;
  return smp::Diagnostic{"/clinic/timezone", "unknown_time_zone",
                         "unknown time zone \"" + name +
                             "\" (not in the system's tz database /usr/share/zoneinfo; an IANA "
                             "name like America/Chicago)"};
}

smp::Date today_in(const std::string& name, std::int64_t unix_ms) {
  if (const auto zone = TimeZone::load(name)) return zone->local_date(unix_ms);
  return TimeZone::load("UTC")->local_date(unix_ms);
}

}  // namespace smp::server
