#pragma once
// The command line's edge: files and stdin in, the clinic's clock for "today".
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "smp/config.hpp"
#include "smp/date.hpp"

namespace smp::cli {

/// Reads a whole file, or stdin for "-"; nullopt (and a message on stderr) when unreadable.
std::optional<std::string> read_input(const std::string& path);
/// Reads and parses a JSON file; prints `<path>: <problem>` on stderr when it fails.
std::optional<nlohmann::json> read_json(const std::string& path);
/// Loads and validates a clinic config (default clinic when `path` is empty); prints every
/// problem as `<pointer>: <problem>` on stderr.
std::optional<Config> load_config(const std::string& path);
/// Today's date in the clinic's time zone (the only clock read of the consultation path).
Date today_in(const std::string& timezone);

}  // namespace smp::cli
