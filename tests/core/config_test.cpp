// Clinic config (`smp-consult/config@1`, SPEC §5, DOMAIN 3.8): `{}` is the default clinic,
// valid overrides become typed settings, and invalid documents are data:
// tests/fixtures/config/invalid/<case>.json beside the exact `pointer: problem` lines expected.
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

std::vector<std::string> diagnostic_lines(const smp::Diagnostics& errors) {
  std::vector<std::string> lines;
  for (const auto& error : errors) lines.push_back(smp::format_diagnostic(error));
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

void check_defaults(const smp::Config& config) {
  CHECK(config.screening.min_age == 18);
  CHECK_FALSE(config.screening.allow_minor_with_guardian_consent);
  CHECK(config.screening.keloid_policy == smp::Policy::kNotSuitable);
  CHECK(config.screening.chronic_controlled_policy == smp::Policy::kMedicalClearance);
  CHECK_FALSE(config.screening.diabetes_any);
  CHECK(config.screening.chemo_wait_months == 6);
  CHECK(config.screening.scar_maturity_months == 12);
  CHECK(config.screening.alopecia_stable_months == 12);
  CHECK(config.screening.isotretinoin_wait_months == 6);

  CHECK(config.sessions.interval_days == 14);
  CHECK(config.sessions.max == 4);
  CHECK(config.sessions.booking_lead_days == 7);
  CHECK(config.sessions.planned_default == 3);
  for (bool open : config.sessions.open_weekdays) CHECK(open);
  CHECK(config.sessions.closed_dates.empty());

  CHECK(config.pricing.model == smp::PricingModel::kPackageByArea);
  CHECK(config.pricing.currency == "USD");
  CHECK(config.pricing.round_to == 50);
  CHECK(config.pricing.per_session_rate.low == 500);
  CHECK(config.pricing.per_session_rate.high == 900);
  CHECK(config.pricing.scar_addon_factor_bp == 5000);
  CHECK(config.pricing.consultation_fee == 0);
  CHECK_FALSE(config.pricing.deposit.amount);
  CHECK_FALSE(config.pricing.deposit.percent);
  CHECK(config.pricing.touch_up_price.low == 300);
  CHECK(config.pricing.touch_up_price.high == 600);

  CHECK(config.precare.wash == smp::WashRule::kEveningBefore);
  CHECK(config.precare.substances_days_before == 3);
  CHECK(config.precare.sun_chemicals_days_before == 7);
  CHECK(config.precare.shave_days_before == 1);
  CHECK(config.precare.patch_test_days_before == 7);

  CHECK(config.aftercare.shaving == 4);
  CHECK(config.aftercare.washing_shampoo == 5);
  CHECK(config.aftercare.creams_moisturiser == 5);
  CHECK(config.aftercare.vigorous_exercise == 5);
  CHECK(config.aftercare.hot_showers == 14);
  CHECK(config.aftercare.picking == 14);
  CHECK(config.aftercare.pools_sauna_tanning == 28);
  CHECK(config.aftercare.direct_sun == 28);
  CHECK(config.touch_up_interval_years == 4);
}

void check_package_table(const smp::Config& config) {
  for (const auto& row : t::default_package_table()) {
    INFO("package " << row.id);
    auto it = config.pricing.packages.find(row.id);
    REQUIRE(it != config.pricing.packages.end());
    const smp::PackageSpec& spec = it->second;
    CHECK(spec.id == row.id);
    CHECK(spec.price.low == row.low);
    CHECK(spec.price.high == row.high);
    CHECK(spec.sessions.min == row.sessions_min);
    CHECK(spec.sessions.max == row.sessions_max);
    CHECK(spec.hours.min_tenths == row.hours_min_tenths);
    CHECK(spec.hours.max_tenths == row.hours_max_tenths);
    const std::string id = row.id;
    CHECK(spec.touch_up_sessions.min == 1);
    CHECK(spec.touch_up_sessions.max == (id == "full_scalp" ? 2 : 1));
    if (id == "full_scalp") {
      CHECK(spec.first_session_max_tenths == 60);
    }
  }
}

}  // namespace

TEST_CASE("The default clinic matches DOMAIN 3.5 and 3.8", "[config][defaults]") {
  SECTION("default_config()") {
    const smp::Config config = smp::default_config();
    check_defaults(config);
    check_package_table(config);
  }
  SECTION("an empty document is the default clinic") {
    const smp::Config config = t::config_ok(json::object());
    check_defaults(config);
    check_package_table(config);
  }
  SECTION("the schema tag of this major version is accepted") {
    const smp::Config config = t::config_ok({{"schema", "smp-consult/config@1"}});
    check_defaults(config);
  }
}

TEST_CASE("Valid overrides become typed settings", "[config][parse]") {
  SECTION("lead.retention_days: 90 by default, 1 to 3650") {
    CHECK(t::config_ok(json::object()).lead.retention_days == 90);
    CHECK(t::config_ok({{"lead", {{"retention_days", 30}}}}).lead.retention_days == 30);
    CHECK(t::config_ok({{"lead", {{"retention_days", 3650}}}}).lead.retention_days == 3650);
  }
  SECTION("screening policies") {
    const auto config = t::config_ok({{"screening",
                                       {{"min_age", 21},
                                        {"keloid_policy", "medical_clearance"},
                                        {"chronic_controlled_policy", "good_candidate"},
                                        {"diabetes_policy", "any"},
                                        {"chemo_wait_months", 12},
                                        {"scar_maturity_months", 9}}}});
    CHECK(config.screening.min_age == 21);
    CHECK(config.screening.keloid_policy == smp::Policy::kMedicalClearance);
    CHECK(config.screening.chronic_controlled_policy == smp::Policy::kGoodCandidate);
    CHECK(config.screening.diabetes_any);
    CHECK(config.screening.chemo_wait_months == 12);
    CHECK(config.screening.scar_maturity_months == 9);
  }
  SECTION("sessions: open weekdays and closed dates") {
    const auto config = t::config_ok(
        {{"sessions",
          {{"interval_days", 21},
           {"open_weekdays", {"mon", "tue", "wed", "thu", "fri"}},
           {"closed_dates",
            json::array({"2025-12-25", {{"from", "2025-08-01"}, {"to", "2025-08-15"}}})}}}});
    CHECK(config.sessions.interval_days == 21);
    CHECK(config.sessions.open_weekdays ==
          std::array<bool, 7>{true, true, true, true, true, false, false});
    REQUIRE(config.sessions.closed_dates.size() == 2);
    CHECK(config.sessions.closed_dates[0].from == t::date("2025-12-25"));
    CHECK(config.sessions.closed_dates[0].to == t::date("2025-12-25"));
    CHECK(config.sessions.closed_dates[1].from == t::date("2025-08-01"));
    CHECK(config.sessions.closed_dates[1].to == t::date("2025-08-15"));
  }
  SECTION("pricing") {
    const auto config =
        t::config_ok({{"pricing",
                       {{"model", "per_stage"},
                        {"currency", "EUR"},
                        {"consultation_fee", 50},
                        {"deposit", {{"percent", 10}}},
                        {"per_stage", {{"norwood", {{"III", {{"low", 1400}, {"high", 2400}}}}}}},
                        {"packages", {{"crown", {{"low", 1300}, {"high", 2300}}}}}}}});
    CHECK(config.pricing.model == smp::PricingModel::kPerStage);
    CHECK(config.pricing.currency == "EUR");
    CHECK(config.pricing.consultation_fee == 50);
    CHECK(config.pricing.deposit.percent == 10);
    CHECK_FALSE(config.pricing.deposit.amount);
    REQUIRE(config.pricing.per_stage.count("norwood:III") == 1);
    CHECK(config.pricing.per_stage.at("norwood:III").low == 1400);
    CHECK(config.pricing.per_stage.at("norwood:III").high == 2400);
    REQUIRE(config.pricing.packages.count("crown") == 1);
    CHECK(config.pricing.packages.at("crown").price.low == 1300);
    CHECK(config.pricing.packages.at("crown").price.high == 2300);
    // A partial package override keeps the rest of the row.
    CHECK(config.pricing.packages.at("crown").sessions.max == 3);
    CHECK(config.pricing.packages.count("frontal") == 1);
  }
  SECTION("a fixed deposit") {
    const auto config = t::config_ok({{"pricing", {{"deposit", 250}}}});
    CHECK(config.pricing.deposit.amount == 250LL);
  }
  SECTION("care and touch-up") {
    const auto config =
        t::config_ok({{"precare", {{"wash", "day_of"}, {"patch_test_days_before", 10}}},
                      {"aftercare", {{"shaving", 7}, {"direct_sun", 30}}},
                      {"touch_up", {{"interval_years", 6}}}});
    CHECK(config.precare.wash == smp::WashRule::kDayOf);
    CHECK(config.precare.patch_test_days_before == 10);
    CHECK(config.aftercare.shaving == 7);
    CHECK(config.aftercare.direct_sun == 30);
    CHECK(config.aftercare.washing_shampoo == 5);
    CHECK(config.touch_up_interval_years == 6);
  }
}

TEST_CASE("Invalid configs report every problem as `pointer: problem` lines", "[config][invalid]") {
  const auto file =
      GENERATE(from_range(t::files_in(t::fixtures_dir() / "config" / "invalid", ".json")));
  auto expected_file = file;
  expected_file.replace_extension(".expected");
  INFO("case " << file.stem().string());
  const json document = t::load_json(file);
  const auto expected = t::read_lines(expected_file);
  REQUIRE_FALSE(expected.empty());

  const auto result = smp::parse_config(document);
  CHECK_FALSE(result.ok());
  CHECK_FALSE(result.value.has_value());
  const auto actual = diagnostic_lines(result.errors);
  INFO("expected:\n" << joined(expected) << "actual:\n" << joined(actual));
  CHECK(actual == expected);
  for (const auto& error : result.errors) {
    INFO(smp::format_diagnostic(error));
    CHECK_FALSE(error.code.empty());
    CHECK_FALSE(error.message.empty());
  }
}

TEST_CASE("The invalid-config fixtures cover the required problems", "[config][invalid]") {
  const auto files = t::files_in(t::fixtures_dir() / "config" / "invalid", ".json");
  CHECK(files.size() >= 9);
  for (const auto& file : files) {
    auto expected_file = file;
    expected_file.replace_extension(".expected");
    INFO(file.string());
    CHECK(std::filesystem::exists(expected_file));
  }
}

TEST_CASE("format_diagnostic prints `<pointer>: <message>`", "[config][diagnostic]") {
  CHECK(smp::format_diagnostic(
            {"/sessions/interval_days", "out_of_range", "must be between 7 and 42 (got 3)"}) ==
        "/sessions/interval_days: must be between 7 and 42 (got 3)");
  CHECK(smp::format_diagnostic({"", "wrong_type", "must be an object"}) == "/: must be an object");
  CHECK(smp::escape_pointer_token("a/b~c") == "a~1b~0c");
}

TEST_CASE("A document that is not an object is rejected", "[config][invalid]") {
  const json document = GENERATE(json::array(), json(3), json("clinic"));
  INFO(t::dump(document));
  const auto result = smp::parse_config(document);
  CHECK_FALSE(result.ok());
  CHECK_FALSE(result.errors.empty());
}

TEST_CASE("`smp-consult validate` prints the same lines and exits 1", "[config][cli]") {
  const auto file =
      GENERATE(from_range(t::files_in(t::fixtures_dir() / "config" / "invalid", ".json")));
  auto expected_file = file;
  expected_file.replace_extension(".expected");
  INFO("case " << file.stem().string());
  // Diagnostics go to stderr; stdout stays empty.
  const auto output = t::run_command(t::cli() + " validate " + t::quoted(file) + " 2>&1");
  CHECK(output.status == 1);
  std::vector<std::string> lines;
  std::istringstream in(output.out);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  const auto expected = t::read_lines(expected_file);
  INFO("expected:\n" << joined(expected) << "actual:\n" << output.out);
  CHECK(lines == expected);
}

TEST_CASE("`smp-consult validate` accepts the default clinic", "[config][cli]") {
  const auto path = t::write_temp("empty_config.json", "{}");
  const auto output = t::run_command(t::cli() + " validate " + t::quoted(path));
  std::filesystem::remove(path);
  CHECK(output.status == 0);
  CHECK(output.out == "ok\n");
}

TEST_CASE("lead.webhooks become typed settings; http only to a loopback host",
          "[config][webhooks]") {
  const auto parsed = smp::parse_config(json::parse(R"({"lead": {"webhooks": [
      {"url": "https://crm.example/hooks/smp?token=1", "secret_env": "CRM_SECRET"},
      {"url": "http://127.0.0.1:9000/hook", "secret_env": "LOCAL_1", "events": ["lead.created"],
       "include_health": true},
      {"url": "http://[::1]:9000/", "secret_env": "_V6"},
      {"url": "http://localhost/h", "secret_env": "LOCALHOST"}]}})"));
  REQUIRE(parsed.ok());
  const auto& hooks = parsed.value->lead.webhooks;
  REQUIRE(hooks.size() == 4);
  CHECK(hooks[0].url == "https://crm.example/hooks/smp?token=1");
  CHECK(hooks[0].secret_env == "CRM_SECRET");
  CHECK(hooks[0].events == std::vector<std::string>{"lead.created"});
  CHECK_FALSE(hooks[0].include_health);
  CHECK(hooks[1].include_health);
  CHECK(smp::default_config().lead.webhooks.empty());

  SECTION("a look-alike of a loopback host is not one") {
    for (const char* url : {"http://127.0.0.1.evil.example/", "http://localhost.example/",
                            "http://[::2]/", "http://evil.example/127.0.0.1"}) {
      INFO(url);
      const auto result = smp::parse_config(
          json{{"lead", {{"webhooks", json::array({{{"url", url}, {"secret_env", "S"}}})}}}});
      REQUIRE_FALSE(result.ok());
      CHECK(result.errors.front().pointer == "/lead/webhooks/0/url");
    }
  }
}
