#include "smp/server/time_zone.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "../dependency.hpp"
#include "smp/server/timestamps.hpp"

using smp::server::TimeZone;

namespace {
bool have_tzdata() {
  return std::filesystem::exists("/usr/share/zoneinfo/America/Chicago");
}
}  // namespace

TEST_CASE("the clinic's today comes from its time zone", "[server][time_zone]") {
  SMP_REQUIRE_DEPENDENCY(have_tzdata(), "tzdata (/usr/share/zoneinfo)");
  const auto chicago = TimeZone::load("America/Chicago");
  REQUIRE(chicago);
  // 2026-11-21T03:00Z is still the 20th in Chicago (CST, UTC-6); 2026-07-01T12:00Z is CDT.
  CHECK(chicago->offset_seconds(1795230000) == -6 * 3600);
  CHECK(chicago->offset_seconds(1782907200) == -5 * 3600);
  CHECK(smp::format_date(chicago->local_date(1795230000LL * 1000)) == "2026-11-20");
  CHECK(smp::format_date(smp::server::utc_date(1795230000LL * 1000)) == "2026-11-21");
  const auto madrid = TimeZone::load("Europe/Madrid");
  REQUIRE(madrid);
  CHECK(madrid->offset_seconds(1782907200) == 2 * 3600);
  CHECK_FALSE(TimeZone::load("../../etc/passwd"));
  CHECK_FALSE(TimeZone::load("No/Such_Zone"));
  CHECK_FALSE(TimeZone::load(""));

  SECTION("regression: past the last listed transition the footer rule applies (DST in 2040)") {
    // 2040-07-01T12:00Z: CDT, UTC-5 (the TZif reader gave the last listed offset, UTC-6).
    CHECK(chicago->offset_seconds(2224756800) == -5 * 3600);
    // 2040-07-01T05:30Z is 00:30 on July 1st in Chicago (23:30 on June 30th at UTC-6).
    CHECK(smp::format_date(chicago->local_date(2224733400LL * 1000)) == "2040-07-01");
    CHECK(smp::format_date(chicago->local_date(2224729800LL * 1000)) == "2040-06-30");
  }
  SECTION("a DST transition day: the offset changes at 2:00 local time") {
    // 2026-03-08: 07:59:59Z is 01:59:59 CST, 08:00:00Z is 03:00 CDT; the same in 2040-03-11.
    CHECK(chicago->offset_seconds(1772956799) == -6 * 3600);
    CHECK(chicago->offset_seconds(1772956800) == -5 * 3600);
    CHECK(smp::format_date(chicago->local_date(1772956799LL * 1000)) == "2026-03-08");
    CHECK(smp::format_date(chicago->local_date(1772956800LL * 1000)) == "2026-03-08");
    CHECK(chicago->offset_seconds(2215065599) == -6 * 3600);
    CHECK(chicago->offset_seconds(2215065600) == -5 * 3600);
  }
}

TEST_CASE("an unknown clinic time zone is a config error with its pointer", "[server][time_zone]") {
  SMP_REQUIRE_DEPENDENCY(have_tzdata(), "tzdata (/usr/share/zoneinfo)");
  CHECK_FALSE(smp::server::check_time_zone("America/Chicago"));
  CHECK_FALSE(smp::server::check_time_zone("UTC"));
  const auto error = smp::server::check_time_zone("Mars/Olympus_Mons");
  REQUIRE(error);
  CHECK(error->pointer == "/clinic/timezone");
  CHECK(error->code == "unknown_time_zone");
  CHECK(error->message.find("Mars/Olympus_Mons") != std::string::npos);
}

TEST_CASE("UTC needs no tz database", "[server][time_zone]") {
  const auto utc = TimeZone::load("UTC");
  REQUIRE(utc);
  CHECK(utc->offset_seconds(2224756800) == 0);
  CHECK(smp::format_date(utc->local_date(2224729800LL * 1000)) == "2040-07-01");
}
