#include "json_walk.hpp"

#include <cmath>

namespace smp {

void JsonWalk::unknown_keys(const json& object, const std::string& pointer,
                            std::initializer_list<std::string_view> allowed) {
  if (!object.is_object()) return;
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool known = false;
    for (auto name : allowed) known = known || it.key() == name;
    if (!known) error(child(pointer, it.key()), "unknown_key", "unknown key");
  }
}

bool JsonWalk::expect_object(const json& value, const std::string& pointer) {
  if (value.is_object()) return true;
  error(pointer, "wrong_type", "must be an object");
  return false;
}

bool JsonWalk::expect_array(const json& value, const std::string& pointer) {
  if (value.is_array()) return true;
  error(pointer, "wrong_type", "must be an array");
  return false;
}

std::optional<long long> JsonWalk::integer(const json& value, const std::string& pointer,
                                           long long min, long long max) {
  long long number = 0;
  if (value.is_number_unsigned()) {
    const auto u = value.get<unsigned long long>();
    number = u > 9'000'000'000'000'000'000ULL ? 9'000'000'000'000'000'000LL : (long long)u;
  } else if (value.is_number_integer()) {
    number = value.get<long long>();
  } else if (value.is_number_float() && std::isfinite(value.get<double>()) &&
             std::floor(value.get<double>()) == value.get<double>() &&
             std::fabs(value.get<double>()) < 1e15) {
    number = (long long)value.get<double>();  // 14.0 is an integer to a person
  } else {
    error(pointer, "wrong_type", "must be an integer");
    return std::nullopt;
  }
  if (number < min || number > max) {
    error(pointer, "out_of_range",
          "must be between " + std::to_string(min) + " and " + std::to_string(max) + " (got " +
              std::to_string(number) + ")");
    return std::nullopt;
  }
  return number;
}

std::optional<double> JsonWalk::number(const json& value, const std::string& pointer, double min,
                                       double max) {
  if (!value.is_number() || !std::isfinite(value.get<double>())) {
    error(pointer, "wrong_type", "must be a number");
    return std::nullopt;
  }
  const double number = value.get<double>();
  if (number < min || number > max) {
    error(pointer, "out_of_range",
          "must be between " + short_dump(json(min)) + " and " + short_dump(json(max)) + " (got " +
              short_dump(value) + ")");
    return std::nullopt;
  }
  return number;
}

std::optional<bool> JsonWalk::boolean(const json& value, const std::string& pointer) {
  if (value.is_boolean()) return value.get<bool>();
  error(pointer, "wrong_type", "must be true or false");
  return std::nullopt;
}

std::optional<std::string> JsonWalk::string(const json& value, const std::string& pointer,
                                            size_t max_length) {
  if (!value.is_string()) {
    error(pointer, "wrong_type", "must be a string");
    return std::nullopt;
  }
  const auto& text = value.get_ref<const std::string&>();
  if (text.size() > max_length) {
    error(pointer, "too_long", "must be at most " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  return text;
}

std::optional<Date> JsonWalk::date(const json& value, const std::string& pointer) {
  if (value.is_string()) {
    if (auto parsed = parse_date(value.get_ref<const std::string&>())) return parsed;
  }
  error(pointer, value.is_string() ? "invalid_date" : "wrong_type",
        "not a valid date YYYY-MM-DD in " + std::to_string(kFirstYear) + "-" +
            std::to_string(kLastYear) + " (" + short_dump(value) + ")");
  return std::nullopt;
}

std::string JsonWalk::short_dump(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

}  // namespace smp
