#pragma once
// Shared helpers for the core tests: fixture files, dates, answer/config builders and
// non-throwing JSON accessors. smp_core builds nlohmann with JSON_NOEXCEPTION (a throw aborts),
// so tests never call `at()` or `get<T>()` on a value whose type they have not checked.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "smp/answers.hpp"
#include "smp/config.hpp"
#include "smp/consultation.hpp"
#include "smp/date.hpp"
#include "smp/diagnostic.hpp"

namespace Catch {
// Dates print as YYYY-MM-DD in failure messages (formatted here, not by the code under test).
template <>
struct StringMaker<smp::Date> {
  static std::string convert(const smp::Date& date) {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
  }
};
}  // namespace Catch

namespace smp::test {

using json = nlohmann::json;

inline std::filesystem::path fixtures_dir() {
  return SMP_FIXTURES_DIR;
}

/// `smp-consult` quoted for the shell.
inline std::string cli() {
  return std::string("\"") + SMP_CONSULT_BIN + "\"";
}
inline std::string quoted(const std::filesystem::path& path) {
  // Appending (not `"\"" + path.string()`) sidesteps GCC 12's bogus -Wrestrict at -O3.
  std::string text = "\"";
  text += path.string();
  text += '"';
  return text;
}

/// Writes `text` to a fresh file in the temp directory and returns its path.
inline std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("smp_core_tests_" + name);
  std::ofstream out(path, std::ios::binary);
  out << text;
  return path;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  INFO("reading " << path.string());
  REQUIRE(in.good());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// A JSON fixture; fails the test when it does not parse.
inline json load_json(const std::filesystem::path& path) {
  json document = json::parse(read_text(path), nullptr, false);
  INFO("parsing " << path.string());
  REQUIRE_FALSE(document.is_discarded());
  return document;
}

/// Non-empty lines of a text file, without trailing CR.
inline std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::istringstream in(read_text(path));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

/// Files in `dir` whose name ends with `suffix`, sorted by name.
inline std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir,
                                                   std::string_view suffix) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// A date literal for tests, parsed here so date bugs in the core do not hide other failures.
inline Date date(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  const std::string s(text);
  const bool scanned = std::sscanf(s.c_str(), "%d-%u-%u", &y, &m, &d) == 3;
  const Date value{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  INFO("test date literal " << s);
  REQUIRE((scanned && value.ok()));
  return value;
}

inline std::string str(Date value) {
  return Catch::StringMaker<Date>::convert(value);
}

inline Date plus_days(Date value, int days) {
  return Date{std::chrono::sys_days{value} + std::chrono::days{days}};
}

inline int days_from(Date from, Date to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

/// The reference date of the acceptance scenarios.
inline Date as_of() {
  return date("2025-06-01");
}

inline std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// A plain good candidate: 40-year-old man, Norwood III, shaved look (package `frontal`).
inline json base_answers() {
  return json{{"age", 40},
              {"sex", "male"},
              {"pattern", {{"scale", "norwood"}, {"stage", "III"}}},
              {"desired_look", "shaved"}};
}

/// `base` with `patch` merged in (RFC 7386: a null removes the key).
inline json with(json base, const json& patch) {
  base.merge_patch(patch);
  return base;
}

inline std::string diagnostics_text(const Diagnostics& errors) {
  std::string text;
  for (const auto& error : errors) {
    text += error.pointer + " [" + error.code + "] " + error.message + "\n";
  }
  return text;
}

/// Answers that must parse (complete) on `on`.
inline Answers parse_ok(const json& document, Date on = as_of()) {
  auto parsed = parse_answers(document, on, Completeness::kComplete);
  INFO("answers " << dump(document) << "\n" << diagnostics_text(parsed.errors));
  REQUIRE(parsed.ok());
  return *parsed.value;
}

/// A config that must validate.
inline Config config_ok(const json& document) {
  auto parsed = parse_config(document);
  std::string lines;
  for (const auto& error : parsed.errors) lines += format_diagnostic(error) + "\n";
  INFO("config " << dump(document) << "\n" << lines);
  REQUIRE(parsed.ok());
  return *parsed.value;
}

/// Full consultation through the typed API.
inline Consultation consult(const json& answers, const Config& config = default_config(),
                            Date on = as_of()) {
  return evaluate(parse_ok(answers, on), config, on);
}

/// Result JSON through evaluate_json (as the CLI and wasm do), `today` overriding as_of.
inline json evaluate_ok(const json& answers, const Config& config = default_config(),
                        Date today = as_of()) {
  auto result = evaluate_json(answers, config, today, /*override_as_of=*/true, "en");
  INFO("answers " << dump(answers) << "\n" << diagnostics_text(result.errors));
  REQUIRE(result.ok());
  return *result.value;
}

inline std::set<std::string> reason_codes(const Screening& screening) {
  std::set<std::string> codes;
  for (const auto& reason : screening.reasons) codes.insert(reason.code);
  return codes;
}

inline std::set<std::string> advisory_codes(const Screening& screening) {
  std::set<std::string> codes;
  for (const auto& advisory : screening.advisories) codes.insert(advisory.code);
  return codes;
}

inline const Reason* find_reason(const Screening& screening, std::string_view code) {
  for (const auto& reason : screening.reasons) {
    if (reason.code == code) return &reason;
  }
  return nullptr;
}

inline const PackagePick* primary_package(const std::vector<PackagePick>& packages) {
  for (const auto& pick : packages) {
    if (pick.role == PackageRole::kPrimary) return &pick;
  }
  return nullptr;
}

inline std::string primary_id(const std::vector<PackagePick>& packages) {
  const PackagePick* pick = primary_package(packages);
  return pick ? pick->id : std::string();
}

inline const EstimateLine* find_line(const Estimate& estimate, std::string_view package) {
  for (const auto& line : estimate.lines) {
    if (line.package == package) return &line;
  }
  return nullptr;
}

inline const CareItem* find_care(const std::vector<CareItem>& items, std::string_view code,
                                 int session) {
  for (const auto& item : items) {
    if (item.code == code && item.session == session) return &item;
  }
  return nullptr;
}

/// Dates of the sessions that are not "if needed".
inline std::vector<Date> planned_dates(const Plan& plan) {
  std::vector<Date> dates;
  for (const auto& session : plan.sessions) {
    if (!session.if_needed && session.date) dates.push_back(*session.date);
  }
  return dates;
}

inline std::vector<std::string> date_strings(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  for (Date value : dates) out.push_back(str(value));
  return out;
}

inline std::string verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kGoodCandidate: return "good_candidate";
    case Verdict::kMedicalClearance: return "medical_clearance";
    case Verdict::kDefer: return "defer";
    case Verdict::kNotSuitable: return "not_suitable";
  }
  return "?";
}

/// One row of the default package table (DOMAIN 3.5); hours in tenths.
struct PackageRow {
  const char* id;
  long long low;
  long long high;
  int sessions_min;
  int sessions_max;
  int hours_min_tenths;
  int hours_max_tenths;
};

inline const std::vector<PackageRow>& default_package_table() {
  static const std::vector<PackageRow> table = {
      {"hairline", 1000, 1800, 2, 3, 20, 30},
      {"frontal", 1500, 2500, 2, 3, 25, 35},
      {"crown", 1200, 2200, 2, 3, 20, 30},
      {"front_and_crown", 2000, 3000, 2, 4, 30, 40},
      {"full_top", 2500, 4000, 3, 4, 40, 50},
      {"full_scalp", 3000, 5000, 3, 4, 40, 50},
      {"density_light", 1200, 2000, 2, 3, 20, 30},
      {"density_moderate", 1800, 3000, 2, 4, 30, 40},
      {"density_extensive", 2500, 4000, 3, 4, 40, 50},
      {"alopecia_patches", 800, 2000, 2, 4, 20, 30},
      {"scar_fue", 800, 1800, 2, 3, 15, 30},
      {"scar_fut", 1000, 2000, 2, 4, 15, 30},
      {"scar_other_small", 600, 1200, 2, 3, 10, 20},
      {"scar_other_large", 1500, 3000, 2, 4, 20, 40},
  };
  return table;
}

/// An old, flat scar of `type` (no R08).
inline json old_scar(const char* type) {
  return json{{"type", type}, {"healed_since", "2019-01-01"}, {"raised_or_red", false}};
}

// ---- non-throwing JSON access ------------------------------------------------------------

/// The member `key` of an object, or nullptr.
inline const json* member(const json& object, const std::string& key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

/// A string member, or "<missing>" / "<not a string>".
inline std::string string_at(const json& object, const std::string& key) {
  const json* value = member(object, key);
  if (!value) return "<missing>";
  if (!value->is_string()) return "<not a string: " + dump(*value) + ">";
  return value->get<std::string>();
}

inline std::optional<double> number_at(const json& object, const std::string& key) {
  const json* value = member(object, key);
  if (!value || !value->is_number()) return std::nullopt;
  return value->get<double>();
}

inline std::optional<bool> bool_at(const json& object, const std::string& key) {
  const json* value = member(object, key);
  if (!value || !value->is_boolean()) return std::nullopt;
  return value->get<bool>();
}

/// Elements of an array member (empty when missing or not an array).
inline std::vector<json> array_at(const json& object, const std::string& key) {
  const json* value = member(object, key);
  if (!value || !value->is_array()) return {};
  return std::vector<json>(value->begin(), value->end());
}

inline std::set<std::string> json_reason_codes(const json& result) {
  std::set<std::string> codes;
  for (const auto& reason : array_at(result, "reasons")) codes.insert(string_at(reason, "code"));
  return codes;
}

inline std::set<std::string> json_strings(const json& array) {
  std::set<std::string> out;
  if (!array.is_array()) return out;
  for (const auto& item : array)
    out.insert(item.is_string() ? item.get<std::string>() : dump(item));
  return out;
}

/// Runs a command and returns its stdout and exit status.
struct CommandOutput {
  std::string out;
  int status = -1;
};
/// Runs `command` through the shell (stderr stays on the terminal unless redirected);
/// `status` is the exit code, or -1 when the command could not run or was killed.
inline CommandOutput run_command(const std::string& command) {
  CommandOutput result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int wait_status = ::pclose(pipe);
  result.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  return result;
}

}  // namespace smp::test
