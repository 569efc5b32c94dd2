#pragma once
// Calendar dates for the consultation: parsing, formatting and calendar-month arithmetic.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace smp {

using Date = std::chrono::year_month_day;

/// The years a date may have (kFirstYear … kLastYear): every date the core accepts, so every
/// date it computes from them (plans run at most a few years on) stays a real four-digit date.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2199;

/// Parses a strict `YYYY-MM-DD` calendar date in kFirstYear … kLastYear; nullopt for anything
/// else (e.g. 2025-02-30, 9999-12-20).
std::optional<Date> parse_date(std::string_view text);
/// Formats as `YYYY-MM-DD`.
std::string format_date(Date date);
/// The date `days` days later (or earlier when negative).
Date add_days(Date date, int days);
/// Calendar-month arithmetic: the day is clamped to the month's end (Aug 31 + 6 months = Feb
/// 28/29).
Date add_months(Date date, int months);
/// Whole years between `dob` and `on`; a birthday falling on `on` counts.
int age_on(Date dob, Date on);
/// 0 = Monday … 6 = Sunday.
int weekday_index(Date date);
/// Days from `from` to `to` (negative when `to` is earlier).
int days_between(Date from, Date to);

}  // namespace smp
