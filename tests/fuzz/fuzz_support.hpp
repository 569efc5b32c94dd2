#pragma once
// What every fuzz target shares: the input as JSON text, the fixed consultation date, and the
// properties a result must keep beyond "no crash" (checked with abort(), so libFuzzer reports
// the input that broke them).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "smp/date.hpp"

namespace smp::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// The scenarios' reference date: fixture answers stay meaningful as seeds.
inline Date reference_date() {
  return *parse_date("2025-06-01");
}

[[noreturn]] inline void violated(const char* property, const std::string& detail) {
  std::fprintf(stderr, "property violated: %s (%s)\n", property, detail.c_str());
  std::abort();
}

inline void require(bool holds, const char* property, const std::string& detail = "") {
  if (!holds) violated(property, detail);
}

/// Every string under a key naming a date is a real calendar date in a plausible range.
inline void check_dates(const nlohmann::json& value, const std::string& key = "") {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) check_dates(it.value(), it.key());
  } else if (value.is_array()) {
    for (const auto& item : value) check_dates(item, key);
  } else if (value.is_string()) {
    const bool date_key = key == "date" || key == "as_of" || key.find("_on") != std::string::npos ||
                          key.find("_date") != std::string::npos ||
                          key.find("_by") != std::string::npos ||
                          key.find("_from") != std::string::npos || key == "touch_up_reminder";
    if (!date_key) return;
    const auto& text = value.get_ref<const std::string&>();
    const auto date = parse_date(text);
    require(date.has_value(), "dates are real dates", key + "=" + text);
    const int year = int(date->year());
    require(year >= 1900 && year <= 2300, "dates lie in a plausible range", key + "=" + text);
  }
}

}  // namespace smp::fuzz
