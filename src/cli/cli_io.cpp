#include "cli_io.hpp"

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "smp/json_text.hpp"

namespace smp::cli {

std::optional<std::string> read_input(const std::string& path) {
  if (path == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::cerr << path << ": cannot read file\n";
    return std::nullopt;
  }
  return std::string(std::istreambuf_iterator<char>(file), {});
}

std::optional<nlohmann::json> read_json(const std::string& path) {
  auto text = read_input(path);
  if (!text) return std::nullopt;
  auto parsed = parse_json_text(*text);
  if (!parsed.ok()) {
    for (const auto& d : parsed.errors) std::cerr << format_diagnostic(d) << "\n";
    return std::nullopt;
  }
  return std::move(*parsed.value);
}

std::optional<Config> load_config(const std::string& path) {
  if (path.empty()) return default_config();
  auto text = read_input(path);
  if (!text) return std::nullopt;
  auto config = parse_config_text(*text);
  if (!config.ok()) {
    for (const auto& d : config.errors) std::cerr << format_diagnostic(d) << "\n";
    return std::nullopt;
  }
  return std::move(*config.value);
}

Date today_in(const std::string& timezone) {
  // POSIX TZ lookup: good enough for one date, and GCC 12 has no <chrono> tz database.
  setenv("TZ", timezone.c_str(), 1);
  tzset();
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{std::chrono::year{local.tm_year + 1900}, std::chrono::month{unsigned(local.tm_mon + 1)},
              std::chrono::day{unsigned(local.tm_mday)}};
}

}  // namespace smp::cli
