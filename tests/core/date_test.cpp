// Calendar dates: strict parsing, formatting, day and calendar-month arithmetic, ages, weekdays.
#include "test_support.hpp"

namespace t = smp::test;

TEST_CASE("parse_date accepts strict YYYY-MM-DD calendar dates", "[date][parse]") {
  const std::string text = GENERATE(as<std::string>{}, "2025-06-01", "2024-02-29", "2000-02-29",
                                    "1999-12-31", "2025-01-31", "1900-01-01");
  INFO(text);
  const auto parsed = smp::parse_date(text);
  REQUIRE(parsed);
  CHECK(*parsed == t::date(text));
  CHECK(smp::format_date(*parsed) == text);
}

TEST_CASE("parse_date rejects anything else", "[date][parse]") {
  const std::string text =
      GENERATE(as<std::string>{}, "2025-02-30", "2025-02-29", "1900-02-29", "2025-04-31",
               "2025-13-01", "2025-00-10", "2025-06-00", "2025-6-1", "2025-06-1", "25-06-01",
               "20250601", "2025/06/01", "2025-06-01x", "2025-06-01T00:00", " 2025-06-01",
               "2025-06-01 ", "", "2025-06", "abcd-ef-gh", "+025-06-01", "2025-+6-01");
  INFO("'" << text << "'");
  CHECK_FALSE(smp::parse_date(text));
}

TEST_CASE("format_date zero-pads", "[date][format]") {
  CHECK(smp::format_date(t::date("2025-01-05")) == "2025-01-05");
  CHECK(smp::format_date(t::date("2029-07-08")) == "2029-07-08");
}

TEST_CASE("add_days crosses months, years and leap days", "[date][arithmetic]") {
  CHECK(smp::add_days(t::date("2025-06-01"), 7) == t::date("2025-06-08"));
  CHECK(smp::add_days(t::date("2025-06-24"), 14) == t::date("2025-07-08"));
  CHECK(smp::add_days(t::date("2025-12-25"), 14) == t::date("2026-01-08"));
  CHECK(smp::add_days(t::date("2024-02-28"), 1) == t::date("2024-02-29"));
  CHECK(smp::add_days(t::date("2025-02-28"), 1) == t::date("2025-03-01"));
  CHECK(smp::add_days(t::date("2025-06-10"), -7) == t::date("2025-06-03"));
  CHECK(smp::add_days(t::date("2025-06-10"), 0) == t::date("2025-06-10"));
}

TEST_CASE("add_months is calendar-month arithmetic clamped to the month's end",
          "[date][arithmetic]") {
  CHECK(smp::add_months(t::date("2024-08-31"), 6) == t::date("2025-02-28"));
  CHECK(smp::add_months(t::date("2023-08-31"), 6) == t::date("2024-02-29"));
  CHECK(smp::add_months(t::date("2025-01-31"), 1) == t::date("2025-02-28"));
  CHECK(smp::add_months(t::date("2025-03-31"), 1) == t::date("2025-04-30"));
  CHECK(smp::add_months(t::date("2025-04-01"), 6) == t::date("2025-10-01"));
  CHECK(smp::add_months(t::date("2025-01-10"), 12) == t::date("2026-01-10"));
  CHECK(smp::add_months(t::date("2024-02-29"), 12) == t::date("2025-02-28"));
  CHECK(smp::add_months(t::date("2025-11-15"), 3) == t::date("2026-02-15"));
  CHECK(smp::add_months(t::date("2025-07-08"), 48) == t::date("2029-07-08"));
  CHECK(smp::add_months(t::date("2025-03-31"), -1) == t::date("2025-02-28"));
  CHECK(smp::add_months(t::date("2025-01-15"), -2) == t::date("2024-11-15"));
}

TEST_CASE("age_on counts whole years; the birthday itself counts", "[date][age]") {
  CHECK(smp::age_on(t::date("2007-06-01"), t::date("2025-06-01")) == 18);
  CHECK(smp::age_on(t::date("2007-06-02"), t::date("2025-06-01")) == 17);
  CHECK(smp::age_on(t::date("2007-05-31"), t::date("2025-06-01")) == 18);
  CHECK(smp::age_on(t::date("1991-03-14"), t::date("2025-06-01")) == 34);
  CHECK(smp::age_on(t::date("1991-12-31"), t::date("2025-06-01")) == 33);
  CHECK(smp::age_on(t::date("2025-06-01"), t::date("2025-06-01")) == 0);
}

TEST_CASE("weekday_index counts Monday as 0", "[date][weekday]") {
  CHECK(smp::weekday_index(t::date("2025-06-01")) == 6);  // Sunday
  CHECK(smp::weekday_index(t::date("2025-06-02")) == 0);  // Monday
  CHECK(smp::weekday_index(t::date("2025-06-13")) == 4);  // Friday
  CHECK(smp::weekday_index(t::date("2025-06-07")) == 5);  // Saturday
  CHECK(smp::weekday_index(t::date("2024-02-29")) == 3);  // Thursday
}

TEST_CASE("days_between is signed", "[date][arithmetic]") {
  CHECK(smp::days_between(t::date("2025-06-01"), t::date("2025-06-08")) == 7);
  CHECK(smp::days_between(t::date("2025-06-08"), t::date("2025-06-01")) == -7);
  CHECK(smp::days_between(t::date("2024-01-01"), t::date("2025-01-01")) == 366);
  CHECK(smp::days_between(t::date("2025-06-01"), t::date("2025-06-01")) == 0);
}

TEST_CASE("dates stay four-digit calendar dates", "[date][bounds]") {
  SECTION("regression: year 9999 made plans in year 0000") {
    CHECK_FALSE(smp::parse_date("9999-12-20"));
    CHECK_FALSE(smp::parse_date("2200-01-01"));
    CHECK(smp::parse_date("2199-12-31"));
    CHECK_FALSE(smp::parse_date("1899-12-31"));
    CHECK(smp::parse_date("1900-01-01"));
  }
  SECTION("the latest consultation date still plans a touch-up in range") {
    const nlohmann::json answers = {
        {"as_of", "2199-12-31"}, {"age", 40}, {"pattern", {{"scale", "norwood"}, {"stage", "V"}}}};
    const auto result = smp::evaluate_json(answers, smp::default_config(),
                                           *smp::parse_date("2199-12-31"), false, "en");
    REQUIRE(result.ok());
    const auto& plan = result.value->at("plan");
    CHECK(plan.at("sessions").at(0).at("date") == "2200-01-07");
    CHECK(plan.at("touch_up_reminder").get<std::string>().substr(0, 2) == "22");
  }
}
