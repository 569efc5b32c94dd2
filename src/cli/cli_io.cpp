#include "cli_io.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "smp/json_text.hpp"
#include "smp/server/time_zone.hpp"

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
  // The core cannot read the tz database; the zone is checked here, as `serve` checks it.
  if (const auto zone_error = server::check_time_zone(config.value->clinic.timezone)) {
    std::cerr << format_diagnostic(*zone_error) << "\n";
    return std::nullopt;
  }
  return std::move(*config.value);
}

Date today_in(const std::string& timezone) {
  using namespace std::chrono;
  const auto now = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  return server::today_in(timezone, now);
}

}  // namespace smp::cli
