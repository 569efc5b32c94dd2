// Acceptance scenarios V01–V15 (+ V13b, the V13 follow-on) from scenarios.md, as data in
// tests/fixtures/scenarios/*.json. Each `expect` key is checked field by field; the same
// answers are also run through the `smp-consult evaluate` command and must give the same JSON.
#include <cmath>
#include <cstdio>
#include <map>

#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

std::vector<std::filesystem::path> scenario_files() {
  return t::files_in(t::fixtures_dir() / "scenarios", ".json");
}

const json* primary_of(const json& result) {
  const json* packages = t::member(result, "packages");
  if (!packages || !packages->is_array()) return nullptr;
  for (const auto& pick : *packages) {
    if (t::string_at(pick, "role") == "primary") return &pick;
  }
  return nullptr;
}

// Sessions of the plan that are not "if needed".
std::vector<json> core_sessions(const json& plan) {
  std::vector<json> sessions;
  for (const auto& session : t::array_at(plan, "sessions")) {
    if (t::bool_at(session, "if_needed") != true) sessions.push_back(session);
  }
  return sessions;
}

std::optional<smp::Date> json_date(const json& object, const std::string& key) {
  const json* value = t::member(object, key);
  if (!value || !value->is_string()) return std::nullopt;
  return smp::parse_date(value->get<std::string>());
}

void check_estimate(const json& expect, const json& result) {
  const json* estimate = t::member(result, "estimate");
  const bool shown = estimate && estimate->is_object();
  const bool wants_estimate = t::member(expect, "sessions_range") || t::member(expect, "planned") ||
                              t::member(expect, "hours") || t::member(expect, "cost_band") ||
                              t::member(expect, "provisional");
  if (!wants_estimate) return;
  const bool optional =
      t::string_at(expect, "verdict") == "defer" && !t::member(expect, "provisional");
  if (!shown && optional) return;
  INFO("estimate " << (estimate ? t::dump(*estimate) : "<missing>"));
  REQUIRE(shown);

  if (const json* provisional = t::member(expect, "provisional")) {
    CHECK(t::bool_at(*estimate, "provisional") == provisional->get<bool>());
  }
  const json* sessions = t::member(*estimate, "sessions");
  REQUIRE(sessions);
  const auto min = t::number_at(*sessions, "min");
  const auto max = t::number_at(*sessions, "max");
  const auto planned = t::number_at(*sessions, "planned");
  REQUIRE(min);
  REQUIRE(max);
  REQUIRE(planned);
  if (const json* range = t::member(expect, "sessions_range")) {
    const double lo = (*range)[0].get<double>();
    const double hi = (*range)[1].get<double>();
    INFO("expected sessions within [" << lo << ", " << hi << "]");
    CHECK(*min >= lo);
    CHECK(*max <= hi);
    CHECK(*min <= *max);
    CHECK(*planned >= lo);
    CHECK(*planned <= hi);
  }
  if (const json* expected_planned = t::member(expect, "planned")) {
    CHECK(*planned == expected_planned->get<double>());
  }
  if (const json* hours = t::member(expect, "hours")) {
    const json* actual = t::member(*estimate, "hours_per_session");
    REQUIRE(actual);
    CHECK(t::number_at(*actual, "min") == (*hours)[0].get<double>());
    CHECK(t::number_at(*actual, "max") == (*hours)[1].get<double>());
  }
  if (const json* band = t::member(expect, "cost_band")) {
    const auto low = t::number_at(*estimate, "low");
    const auto high = t::number_at(*estimate, "high");
    REQUIRE(low);
    REQUIRE(high);
    const double band_low = (*band)[0].get<double>();
    const double band_high = (*band)[1].get<double>();
    const double midpoint = (*low + *high) / 2;
    INFO("estimate " << *low << "–" << *high << ", midpoint " << midpoint << ", band " << band_low
                     << "–" << band_high);
    CHECK(*low <= *high);
    CHECK(midpoint >= band_low);
    CHECK(midpoint <= band_high);
    CHECK(*low <= band_high);  // ranges overlap
    CHECK(*high >= band_low);
  }
}

void check_plan(const json& expect, const json& result) {
  const json* plan = t::member(result, "plan");
  const bool has_plan = plan && plan->is_object();
  const bool wants_plan =
      t::member(expect, "plan_status") || t::member(expect, "session_dates") ||
      t::member(expect, "full_day") || t::member(expect, "precare_session1") ||
      t::member(expect, "aftercare") || t::member(expect, "touch_up_reminder") ||
      t::member(expect, "unrestricted_from") || t::member(expect, "patch_test_days_before");
  if (!wants_plan) return;
  INFO("plan " << (plan ? t::dump(*plan) : "<missing>"));
  REQUIRE(has_plan);

  if (const json* status = t::member(expect, "plan_status")) {
    CHECK(t::string_at(*plan, "status") == status->get<std::string>());
    if (status->get<std::string>() == "pending_clearance") {
      // No fixed date until a clearance date is entered.
      for (const auto& session : t::array_at(*plan, "sessions")) {
        CHECK_FALSE(t::member(session, "date"));
      }
      CHECK_FALSE(t::array_at(*plan, "sessions").empty());
    }
  }
  if (const json* expected = t::member(expect, "session_dates")) {
    std::vector<std::string> actual;
    for (const auto& session : core_sessions(*plan))
      actual.push_back(t::string_at(session, "date"));
    std::vector<std::string> wanted;
    for (const auto& item : *expected) wanted.push_back(item.get<std::string>());
    CHECK(actual == wanted);
  }
  if (t::member(expect, "full_day")) {
    for (const auto& session : core_sessions(*plan)) {
      INFO("session " << t::dump(session));
      CHECK(t::bool_at(session, "full_day") == true);
    }
  }
  if (const json* precare = t::member(expect, "precare_session1")) {
    for (const auto& [code, wanted] : precare->items()) {
      INFO("pre-care " << code << " for session 1");
      std::string actual = "<missing>";
      for (const auto& item : t::array_at(*plan, "precare")) {
        if (t::string_at(item, "code") == code && t::number_at(item, "session") == 1.0) {
          actual = t::string_at(item, "date");
        }
      }
      CHECK(actual == wanted.get<std::string>());
    }
  }
  if (const json* aftercare = t::member(expect, "aftercare")) {
    for (const auto& [code, wanted] : aftercare->items()) {
      INFO("aftercare " << code << " after the last planned session");
      // The milestone after the latest session it is given for.
      std::string actual = "<missing>";
      double latest = -1;
      for (const auto& item : t::array_at(*plan, "aftercare")) {
        if (t::string_at(item, "code") != code) continue;
        const double after = t::number_at(item, "after_session").value_or(0);
        if (after >= latest) {
          latest = after;
          actual = t::string_at(item, "resume_on");
        }
      }
      CHECK(actual == wanted.get<std::string>());
    }
  }
  for (const char* key : {"touch_up_reminder", "unrestricted_from"}) {
    if (const json* wanted = t::member(expect, key)) {
      INFO(key);
      CHECK(t::string_at(*plan, key) == wanted->get<std::string>());
    }
  }
  if (const json* days = t::member(expect, "patch_test_days_before")) {
    const auto patch_test_by = json_date(*plan, "patch_test_by");
    REQUIRE(patch_test_by);
    const auto sessions = core_sessions(*plan);
    if (!sessions.empty()) {
      if (const auto first = json_date(sessions.front(), "date")) {
        CHECK(t::days_from(*patch_test_by, *first) >= days->get<int>());
      }
    }
  }
}

void check_scenario(const json& scenario, const json& result) {
  const json& expect = *t::member(scenario, "expect");
  INFO("result " << t::dump(result));

  if (const json* verdict = t::member(expect, "verdict")) {
    CHECK(t::string_at(result, "verdict") == verdict->get<std::string>());
  }
  if (const json* reasons = t::member(expect, "reasons")) {
    CHECK(t::json_reason_codes(result) == t::json_strings(*reasons));
    for (const auto& reason : t::array_at(result, "reasons")) {
      INFO("reason " << t::dump(reason));
      CHECK(t::string_at(reason, "verdict") != "<missing>");
      CHECK_FALSE(t::string_at(reason, "message").empty());
    }
  }
  if (const json* advisories = t::member(expect, "advisories_include")) {
    std::set<std::string> actual;
    for (const auto& advisory : t::array_at(result, "advisories")) {
      actual.insert(t::string_at(advisory, "code"));
    }
    for (const auto& code : *advisories) {
      INFO("advisory " << code.get<std::string>());
      CHECK(actual.count(code.get<std::string>()) == 1);
    }
  }
  if (const json* date = t::member(expect, "earliest_eligible_date")) {
    const json* actual = t::member(result, "earliest_eligible_date");
    REQUIRE(actual);
    CHECK(t::dump(*actual) == t::dump(*date));
  }
  if (const json* recheck = t::member(expect, "recheck_required")) {
    CHECK(t::bool_at(result, "recheck_required") == recheck->get<bool>());
  }
  if (const json* eligible = t::member(expect, "reason_eligible_on")) {
    // Dated defer reasons carry eligible_on; undated ones carry none.
    for (const auto& [code, wanted] : eligible->items()) {
      INFO("eligible_on of " << code);
      const json* reason = nullptr;
      if (const json* reasons = t::member(result, "reasons"); reasons && reasons->is_array()) {
        for (const auto& item : *reasons) {
          if (t::string_at(item, "code") == code) reason = &item;
        }
      }
      REQUIRE(reason);
      const json* actual = t::member(*reason, "eligible_on");
      if (wanted.is_null()) {
        CHECK((actual == nullptr || actual->is_null()));
      } else {
        REQUIRE(actual);
        CHECK(*actual == wanted);
      }
    }
  }
  if (const json* actions = t::member(expect, "action")) {
    for (const auto& [code, action] : actions->items()) {
      INFO("action for " << code);
      std::string actual = "<no such reason>";
      for (const auto& reason : t::array_at(result, "reasons")) {
        if (t::string_at(reason, "code") == code) actual = t::string_at(reason, "action");
      }
      CHECK(actual == action.get<std::string>());
    }
  }
  if (const json* package = t::member(expect, "package")) {
    const json* primary = primary_of(result);
    INFO("packages " << t::dump(result.contains("packages") ? result["packages"] : json()));
    REQUIRE(primary);
    CHECK(t::string_at(*primary, "id") == package->get<std::string>());
    if (const json* factor = t::member(expect, "package_price_factor")) {
      CHECK(t::number_at(*primary, "price_factor") == factor->get<double>());
    }
  }
  if (const json* estimate = t::member(expect, "estimate"); estimate && estimate->is_null()) {
    const json* actual = t::member(result, "estimate");
    REQUIRE(actual);  // the key is always present
    CHECK(actual->is_null());
  }
  if (const json* plan = t::member(expect, "plan"); plan && plan->is_null()) {
    const json* actual = t::member(result, "plan");
    CHECK((actual == nullptr || actual->is_null()));
  }
  check_estimate(expect, result);
  check_plan(expect, result);
}

}  // namespace

TEST_CASE("The scenario fixtures cover V01–V15 and the V13 follow-on", "[scenarios]") {
  std::set<std::string> ids;
  for (const auto& file : scenario_files()) ids.insert(file.stem().string());
  for (int n = 1; n <= 15; ++n) {
    char id[8];
    std::snprintf(id, sizeof id, "V%02d", n);
    INFO(id);
    CHECK(ids.count(id) == 1);
  }
  CHECK(ids.count("V13b") == 1);
}

TEST_CASE("Acceptance scenarios give the expected verdict, estimate and plan", "[scenarios]") {
  const auto file = GENERATE(from_range(scenario_files()));
  const json scenario = t::load_json(file);
  const std::string id = t::string_at(scenario, "id");
  INFO("scenario " << id << " (" << file.filename().string() << ")");
  REQUIRE(t::member(scenario, "answers"));
  REQUIRE(t::member(scenario, "expect"));
  const smp::Date today = t::date(t::string_at(scenario, "today"));

  auto result = smp::evaluate_json(*t::member(scenario, "answers"), smp::default_config(), today,
                                   /*override_as_of=*/true, "en");
  INFO(t::diagnostics_text(result.errors));
  REQUIRE(result.ok());
  SECTION("every expected field") {
    check_scenario(scenario, *result.value);
  }

  SECTION("the result names its schema and date") {
    CHECK(t::string_at(*result.value, "schema") == "smp-consult/result@1");
    CHECK(t::string_at(*result.value, "as_of") == t::string_at(scenario, "today"));
  }
  SECTION("the typed API agrees with the JSON") {
    const smp::Consultation consultation =
        t::consult(*t::member(scenario, "answers"), smp::default_config(), today);
    CHECK(t::verdict_name(consultation.screening.verdict) ==
          t::string_at(*result.value, "verdict"));
    CHECK(t::reason_codes(consultation.screening) == t::json_reason_codes(*result.value));
    CHECK(consultation.estimate.has_value() == t::member(*result.value, "estimate")->is_object());
    CHECK(consultation.plan.has_value() ==
          (t::member(*result.value, "plan") && t::member(*result.value, "plan")->is_object()));
  }
}

TEST_CASE("The CLI evaluates each scenario to the same JSON as the core", "[scenarios][cli]") {
  const auto file = GENERATE(from_range(scenario_files()));
  const json scenario = t::load_json(file);
  const std::string id = t::string_at(scenario, "id");
  const std::string today = t::string_at(scenario, "today");
  INFO("scenario " << id);

  const auto answers_path =
      std::filesystem::temp_directory_path() / ("smp_scenario_" + id + "_answers.json");
  {
    std::ofstream out(answers_path, std::ios::binary);
    out << t::dump(*t::member(scenario, "answers"));
  }
  const std::string command = std::string("\"") + SMP_CONSULT_BIN + "\" evaluate --answers \"" +
                              answers_path.string() + "\" --today " + today;
  INFO("command: " << command);
  const auto output = t::run_command(command);
  std::filesystem::remove(answers_path);
  INFO("stdout: " << output.out);
  CHECK(output.status == 0);
  const json from_cli = json::parse(output.out, nullptr, false);
  REQUIRE_FALSE(from_cli.is_discarded());

  auto from_core = smp::evaluate_json(*t::member(scenario, "answers"), smp::default_config(),
                                      t::date(today), /*override_as_of=*/true, "en");
  REQUIRE(from_core.ok());
  INFO("core: " << t::dump(*from_core.value));
  CHECK(from_cli == *from_core.value);
}

TEST_CASE("The CLI reads answers from stdin and reports bad input with exit codes",
          "[scenarios][cli]") {
  const json answers = t::base_answers();
  const auto path = t::write_temp("cli_answers.json", t::dump(answers));
  SECTION("`--answers -` reads stdin") {
    const auto from_file =
        t::run_command(t::cli() + " evaluate --answers " + t::quoted(path) + " --today 2025-06-01");
    const auto from_stdin =
        t::run_command(t::cli() + " evaluate --answers - --today 2025-06-01 < " + t::quoted(path));
    CHECK(from_file.status == 0);
    CHECK(from_stdin.status == 0);
    const json a = json::parse(from_file.out, nullptr, false);
    const json b = json::parse(from_stdin.out, nullptr, false);
    REQUIRE_FALSE(a.is_discarded());
    CHECK(a == b);
  }
  SECTION("invalid answers: exit 1, diagnostics on stderr, nothing on stdout") {
    const auto bad = t::fixtures_dir() / "answers" / "invalid" / "fitzpatrick_seven.json";
    const auto output = t::run_command(t::cli() + " evaluate --answers " + t::quoted(bad) +
                                       " --today 2025-06-01 2>/dev/null");
    CHECK(output.status == 1);
    CHECK(output.out.empty());
    const auto with_stderr = t::run_command(t::cli() + " evaluate --answers " + t::quoted(bad) +
                                            " --today 2025-06-01 2>&1");
    CHECK(with_stderr.out.find("/fitzpatrick") != std::string::npos);
  }
  SECTION("a malformed --today is a usage error (exit 2)") {
    const auto output = t::run_command(t::cli() + " evaluate --answers " + t::quoted(path) +
                                       " --today 2025-6-1 2>/dev/null");
    CHECK(output.status == 2);
  }
  SECTION("an unknown option is a usage error (exit 2)") {
    const auto output = t::run_command(t::cli() + " evaluate --no-such-option 2>/dev/null");
    CHECK(output.status == 2);
  }
  std::filesystem::remove(path);
}

namespace {

// The result without its localized texts: what must not depend on the locale.
json without_texts(const json& value) {
  static const std::set<std::string> texts = {
      "message",     "action_message", "headline", "summary",  "longevity", "name",
      "description", "locale",         "text",     "low_text", "high_text"};
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items()) {
      if (texts.count(key) == 0) out[key] = without_texts(item);
    }
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(without_texts(item));
    return out;
  }
  return value;
}

}  // namespace

TEST_CASE("The locale changes the words, never the verdict, figures or dates",
          "[scenarios][locale]") {
  const auto file = GENERATE(from_range(scenario_files()));
  const json scenario = t::load_json(file);
  INFO("scenario " << t::string_at(scenario, "id"));
  const smp::Date today = t::date(t::string_at(scenario, "today"));
  const json& answers = *t::member(scenario, "answers");
  auto en = smp::evaluate_json(answers, smp::default_config(), today, true, "en");
  auto es = smp::evaluate_json(answers, smp::default_config(), today, true, "es");
  REQUIRE(en.ok());
  REQUIRE(es.ok());
  CHECK(t::string_at(*es.value, "locale") == "es");
  CHECK(without_texts(*en.value) == without_texts(*es.value));
  // Spanish messages are really Spanish (differ from English) for every reason.
  const auto en_reasons = t::array_at(*en.value, "reasons");
  const auto es_reasons = t::array_at(*es.value, "reasons");
  REQUIRE(en_reasons.size() == es_reasons.size());
  for (std::size_t i = 0; i < en_reasons.size(); ++i) {
    INFO("reason " << t::string_at(en_reasons[i], "code"));
    CHECK(t::string_at(en_reasons[i], "message") != t::string_at(es_reasons[i], "message"));
  }
}
