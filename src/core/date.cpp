#include "smp/date.hpp"

namespace smp {
namespace {

bool all_digits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::string_view y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  const Date date{std::chrono::year{to_int(y)}, std::chrono::month{unsigned(to_int(m))},
                  std::chrono::day{unsigned(to_int(d))}};
  if (!date.ok() || to_int(y) < kFirstYear || to_int(y) > kLastYear) return std::nullopt;
  return date;
}

std::string format_date(Date date) {
  // Hand-formatted: printf would pull its float machinery into the WebAssembly build.
  std::string text = "0000-00-00";
  const auto put = [&text](size_t end, unsigned value, size_t width) {
    for (size_t i = 0; i < width; ++i, value /= 10) text[end - i] = char('0' + value % 10);
  };
  put(3, unsigned(int(date.year())), 4);
  put(6, unsigned(date.month()), 2);
  put(9, unsigned(date.day()), 2);
  return text;
}

Date add_days(Date date, int days) {
  return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

Date add_months(Date date, int months) {
  const auto shifted = date.year() / date.month() + std::chrono::months{months};
  const auto last = (shifted / std::chrono::last).day();
  return Date{shifted / (date.day() > last ? last : date.day())};
}

int age_on(Date dob, Date on) {
  int years = int(on.year()) - int(dob.year());
  // Birthday not reached yet this year (a Feb 29 birthday counts from Mar 1 in common years).
  if (on.month() < dob.month() || (on.month() == dob.month() && on.day() < dob.day())) --years;
  return years;
}

int weekday_index(Date date) {
  // iso_encoding: Monday = 1 … Sunday = 7.
  return int(std::chrono::weekday{std::chrono::sys_days{date}}.iso_encoding()) - 1;
}

int days_between(Date from, Date to) {
  return int((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

}  // namespace smp
