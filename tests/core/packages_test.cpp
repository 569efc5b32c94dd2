// Treatment area by pattern (DOMAIN 3.4), the default price/session table (3.5), scar add-ons
// and modifiers (3.6), pricing models, touch-ups, fees and provisional estimates.
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

struct AreaRow {
  json pattern;
  const char* look;
  const char* primary;  ///< "" = no primary package
};

std::string packages_summary(const std::vector<smp::PackagePick>& picks) {
  std::string text = "packages:";
  for (const auto& pick : picks) {
    text += " " + pick.id + (pick.role == smp::PackageRole::kPrimary ? "(primary," : "(addon,") +
            std::to_string(pick.price_factor_bp) + "bp)";
  }
  return text;
}

std::string estimate_summary(const std::optional<smp::Estimate>& estimate) {
  if (!estimate) return "estimate: none";
  std::string text = "estimate " + std::to_string(estimate->low) + "-" +
                     std::to_string(estimate->high) + " sessions " +
                     std::to_string(estimate->sessions.min) + "-" +
                     std::to_string(estimate->sessions.max) + " planned " +
                     std::to_string(estimate->planned_sessions) + " hours(tenths) " +
                     std::to_string(estimate->hours.min_tenths) + "-" +
                     std::to_string(estimate->hours.max_tenths) + " lines:";
  for (const auto& line : estimate->lines) {
    text += " " + line.package + " " + std::to_string(line.low) + "-" + std::to_string(line.high);
  }
  return text;
}

json pattern(const char* scale, const char* stage = nullptr) {
  json value{{"scale", scale}};
  if (stage) value["stage"] = stage;
  return value;
}

json diffuse(const char* extent) {
  return json{{"scale", "diffuse"}, {"extent", extent}};
}

}  // namespace

TEST_CASE("The primary package follows the pattern and the desired look (A3–A9)",
          "[packages][area]") {
  const auto row = GENERATE(values<AreaRow>({
      // A6: Norwood, shaved look
      {pattern("norwood", "I"), "shaved", ""},
      {pattern("norwood", "II"), "shaved", "hairline"},
      {pattern("norwood", "IIA"), "shaved", "hairline"},
      {pattern("norwood", "III"), "shaved", "frontal"},
      {pattern("norwood", "IIIA"), "shaved", "frontal"},
      {pattern("norwood", "III_VERTEX"), "shaved", "front_and_crown"},
      {pattern("norwood", "IV"), "shaved", "front_and_crown"},
      {pattern("norwood", "IVA"), "shaved", "front_and_crown"},
      {pattern("norwood", "V"), "shaved", "full_top"},
      {pattern("norwood", "VA"), "shaved", "full_top"},
      {pattern("norwood", "VI"), "shaved", "full_top"},
      {pattern("norwood", "VII"), "shaved", "full_scalp"},
      // A7: Norwood, keep length
      {pattern("norwood", "I"), "keep_length", ""},
      {pattern("norwood", "II"), "keep_length", "density_light"},
      {pattern("norwood", "IIA"), "keep_length", "density_light"},
      {pattern("norwood", "III"), "keep_length", "density_light"},
      {pattern("norwood", "IIIA"), "keep_length", "density_light"},
      {pattern("norwood", "III_VERTEX"), "keep_length", "density_moderate"},
      {pattern("norwood", "IV"), "keep_length", "density_moderate"},
      {pattern("norwood", "IVA"), "keep_length", "density_moderate"},
      {pattern("norwood", "V"), "keep_length", "density_extensive"},
      {pattern("norwood", "VA"), "keep_length", "density_extensive"},
      {pattern("norwood", "VI"), "keep_length", "full_top"},
      {pattern("norwood", "VII"), "keep_length", "full_scalp"},
      // A3: Ludwig, either look
      {pattern("ludwig", "I"), "keep_length", "density_light"},
      {pattern("ludwig", "II"), "keep_length", "density_moderate"},
      {pattern("ludwig", "III"), "keep_length", "density_extensive"},
      {pattern("ludwig", "I"), "shaved", "density_light"},
      {pattern("ludwig", "II"), "shaved", "density_moderate"},
      {pattern("ludwig", "III"), "shaved", "density_extensive"},
      // A4: diffuse
      {diffuse("mild"), "shaved", "density_light"},
      {diffuse("moderate"), "shaved", "density_moderate"},
      {diffuse("extensive"), "keep_length", "density_extensive"},
      // A5, A8, A9
      {pattern("crown_only"), "shaved", "crown"},
      {pattern("crown_only"), "keep_length", "crown"},
      {pattern("none"), "shaved", ""},
      {pattern("unsure"), "shaved", "unknown"},
      {pattern("unsure"), "keep_length", "unknown"},
  }));
  const json answers =
      t::with(t::base_answers(), {{"pattern", row.pattern}, {"desired_look", row.look}});
  const auto picks = smp::select_packages(t::parse_ok(answers), smp::default_config());
  INFO(t::dump(answers) << "\n" << packages_summary(picks));
  CHECK(t::primary_id(picks) == row.primary);
  if (*row.primary) {
    REQUIRE(picks.size() == 1);
    CHECK(picks[0].price_factor_bp == 10000);
  } else {
    CHECK(picks.empty());
  }
}

TEST_CASE("Alopecia causes pick their package before the pattern (A1, A2)", "[packages][area]") {
  SECTION("totalis/universalis: full_scalp whatever the pattern") {
    const json scale = GENERATE(pattern("none"), pattern("norwood", "III"), pattern("unsure"));
    const auto picks = smp::select_packages(
        t::parse_ok(t::with(t::base_answers(),
                            {{"cause", "alopecia_totalis_universalis"}, {"pattern", scale}})),
        smp::default_config());
    INFO(t::dump(scale) << "\n" << packages_summary(picks));
    CHECK(t::primary_id(picks) == "full_scalp");
  }
  SECTION("areata: alopecia_patches whatever the pattern") {
    const json scale = GENERATE(pattern("none"), pattern("norwood", "VI"), pattern("crown_only"));
    const auto picks = smp::select_packages(
        t::parse_ok(t::with(t::base_answers(), {{"cause", "alopecia_areata"},
                                                {"alopecia_last_change", "2023-01-01"},
                                                {"pattern", scale}})),
        smp::default_config());
    INFO(t::dump(scale) << "\n" << packages_summary(picks));
    CHECK(t::primary_id(picks) == "alopecia_patches");
  }
  SECTION("other causes map by the pattern") {
    const std::string cause =
        GENERATE(as<std::string>{}, "chemotherapy", "trauma_or_surgery", "unknown", "androgenetic");
    const auto picks = smp::select_packages(
        t::parse_ok(t::with(t::base_answers(), {{"cause", cause}})), smp::default_config());
    INFO(cause << "\n" << packages_summary(picks));
    CHECK(t::primary_id(picks) == "frontal");
  }
}

TEST_CASE("Each package alone is priced and sized from the default table (3.5)",
          "[packages][estimate]") {
  struct Case {
    const char* package;
    json patch;
  };
  const auto row = GENERATE(values<Case>({
      {"hairline", {{"pattern", {{"scale", "norwood"}, {"stage", "II"}}}}},
      {"frontal", {{"pattern", {{"scale", "norwood"}, {"stage", "III"}}}}},
      {"crown", {{"pattern", {{"scale", "crown_only"}}}}},
      {"front_and_crown", {{"pattern", {{"scale", "norwood"}, {"stage", "IV"}}}}},
      {"full_top", {{"pattern", {{"scale", "norwood"}, {"stage", "V"}}}}},
      {"full_scalp", {{"pattern", {{"scale", "norwood"}, {"stage", "VII"}}}}},
      {"density_light", {{"pattern", {{"scale", "ludwig"}, {"stage", "I"}}}}},
      {"density_moderate", {{"pattern", {{"scale", "ludwig"}, {"stage", "II"}}}}},
      {"density_extensive", {{"pattern", {{"scale", "ludwig"}, {"stage", "III"}}}}},
      {"alopecia_patches",
       {{"cause", "alopecia_areata"},
        {"alopecia_last_change", "2023-01-01"},
        {"pattern", {{"scale", "none"}}}}},
      {"scar_fue",
       {{"pattern", {{"scale", "none"}}}, {"scars", json::array({t::old_scar("fue_dots")})}}},
      {"scar_fut",
       {{"pattern", {{"scale", "none"}}}, {"scars", json::array({t::old_scar("fut_strip")})}}},
      {"scar_other_small",
       {{"pattern", {{"scale", "none"}}}, {"scars", json::array({t::old_scar("other_small")})}}},
      {"scar_other_large",
       {{"pattern", {{"scale", "none"}}}, {"scars", json::array({t::old_scar("other_large")})}}},
  }));
  const t::PackageRow* spec = nullptr;
  for (const auto& entry : t::default_package_table()) {
    if (std::string(entry.id) == row.package) spec = &entry;
  }
  REQUIRE(spec);
  const auto consultation = t::consult(t::with(t::base_answers(), row.patch));
  INFO(row.package << "\n"
                   << packages_summary(consultation.packages) << "\n"
                   << estimate_summary(consultation.estimate));
  CHECK(consultation.screening.verdict == smp::Verdict::kGoodCandidate);
  CHECK(t::primary_id(consultation.packages) == row.package);
  REQUIRE(consultation.estimate);
  const smp::Estimate& estimate = *consultation.estimate;
  CHECK(estimate.low == spec->low);
  CHECK(estimate.high == spec->high);
  CHECK(estimate.sessions.min == spec->sessions_min);
  CHECK(estimate.sessions.max == spec->sessions_max);
  CHECK(estimate.planned_sessions == std::clamp(3, spec->sessions_min, spec->sessions_max));
  CHECK(estimate.hours.min_tenths == spec->hours_min_tenths);
  CHECK(estimate.hours.max_tenths == spec->hours_max_tenths);
  REQUIRE(estimate.lines.size() == 1);
  CHECK(estimate.lines[0].package == row.package);
  CHECK(estimate.lines[0].low == spec->low);
  CHECK(estimate.lines[0].high == spec->high);
  CHECK(estimate.currency == "USD");
  CHECK_FALSE(estimate.provisional);
  CHECK(estimate.consultation_fee == 0);
  CHECK_FALSE(estimate.deposit);
}

TEST_CASE("An unsure pattern shows the widest band", "[packages][estimate]") {
  const auto consultation =
      t::consult(t::with(t::base_answers(), {{"pattern", {{"scale", "unsure"}}}}));
  INFO(estimate_summary(consultation.estimate));
  CHECK(t::primary_id(consultation.packages) == "unknown");
  CHECK(consultation.screening.reasons.empty());
  REQUIRE(consultation.estimate);
  CHECK(consultation.estimate->low == 1000);
  CHECK(consultation.estimate->high == 5000);
  CHECK(consultation.estimate->sessions.min == 2);
  CHECK(consultation.estimate->sessions.max == 4);
}

TEST_CASE("Scars add their package at 50 % to a primary package (3.6 rule 1)",
          "[packages][scars]") {
  SECTION("frontal + FUE dots") {
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"scars", json::array({t::old_scar("fue_dots")})}}));
    INFO(packages_summary(consultation.packages) << "\n"
                                                 << estimate_summary(consultation.estimate));
    REQUIRE(consultation.packages.size() == 2);
    CHECK(consultation.packages[0].id == "frontal");
    CHECK(consultation.packages[0].role == smp::PackageRole::kPrimary);
    CHECK(consultation.packages[0].price_factor_bp == 10000);
    CHECK(consultation.packages[1].id == "scar_fue");
    CHECK(consultation.packages[1].role == smp::PackageRole::kAddon);
    CHECK(consultation.packages[1].price_factor_bp == 5000);
    REQUIRE(consultation.estimate);
    const auto& estimate = *consultation.estimate;
    const auto* frontal = t::find_line(estimate, "frontal");
    const auto* scar = t::find_line(estimate, "scar_fue");
    REQUIRE(frontal);
    REQUIRE(scar);
    CHECK(frontal->low == 1500);
    CHECK(frontal->high == 2500);
    CHECK(scar->low == 400);
    CHECK(scar->high == 900);
    CHECK(estimate.low == 1900);
    CHECK(estimate.high == 3400);
    CHECK(estimate.sessions.min == 2);
    CHECK(estimate.sessions.max == 4);  // primary max 3 + 1
    CHECK(estimate.planned_sessions == 3);
    CHECK(estimate.hours.min_tenths == 25);
    CHECK(estimate.hours.max_tenths == 45);  // +1 h
  }
  SECTION("session max + 1 is capped at 4") {
    const auto consultation = t::consult(
        t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "V"}}},
                                    {"scars", json::array({t::old_scar("fut_strip")})}}));
    INFO(estimate_summary(consultation.estimate));
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->sessions.min == 3);
    CHECK(consultation.estimate->sessions.max == 4);
    CHECK(consultation.estimate->low == 2500 + 500);
    CHECK(consultation.estimate->high == 4000 + 1000);
  }
  SECTION("hairline + a large scar") {
    const auto consultation = t::consult(
        t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "II"}}},
                                    {"scars", json::array({t::old_scar("other_large")})}}));
    INFO(estimate_summary(consultation.estimate));
    REQUIRE(consultation.estimate);
    const auto* scar = t::find_line(*consultation.estimate, "scar_other_large");
    REQUIRE(scar);
    CHECK(scar->low == 750);
    CHECK(scar->high == 1500);
    CHECK(consultation.estimate->low == 1750);
    CHECK(consultation.estimate->high == 3300);
  }
}

TEST_CASE("Without a primary package the costliest scar is primary at full price",
          "[packages][scars]") {
  SECTION("FUT strip + FUE dots") {
    const auto consultation = t::consult(
        t::with(t::base_answers(),
                {{"pattern", {{"scale", "norwood"}, {"stage", "I"}}},
                 {"scars", json::array({t::old_scar("fue_dots"), t::old_scar("fut_strip")})}}));
    INFO(packages_summary(consultation.packages) << "\n"
                                                 << estimate_summary(consultation.estimate));
    CHECK(consultation.screening.verdict == smp::Verdict::kGoodCandidate);
    const auto* primary = t::primary_package(consultation.packages);
    REQUIRE(primary);
    CHECK(primary->id == "scar_fut");
    CHECK(primary->price_factor_bp == 10000);
    REQUIRE(consultation.packages.size() == 2);
    REQUIRE(consultation.estimate);
    const auto* fut = t::find_line(*consultation.estimate, "scar_fut");
    const auto* fue = t::find_line(*consultation.estimate, "scar_fue");
    REQUIRE(fut);
    REQUIRE(fue);
    CHECK(fut->low == 1000);
    CHECK(fut->high == 2000);
    CHECK(fue->low == 400);
    CHECK(fue->high == 900);
    CHECK(consultation.estimate->low == 1400);
    CHECK(consultation.estimate->high == 2900);
    CHECK(consultation.estimate->sessions.max == 4);
    CHECK(consultation.estimate->hours.max_tenths == 40);  // 3 h + 1 h
  }
  SECTION("FUE dots + small scar") {
    const auto consultation = t::consult(
        t::with(t::base_answers(),
                {{"pattern", {{"scale", "none"}}},
                 {"scars", json::array({t::old_scar("other_small"), t::old_scar("fue_dots")})}}));
    INFO(packages_summary(consultation.packages) << "\n"
                                                 << estimate_summary(consultation.estimate));
    CHECK(t::primary_id(consultation.packages) == "scar_fue");
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->low == 800 + 300);
    CHECK(consultation.estimate->high == 1800 + 600);
    CHECK(consultation.estimate->sessions.min == 2);
    CHECK(consultation.estimate->sessions.max == 4);  // 3 + 1
  }
  SECTION("no pattern and no scars: no treatable area, no estimate") {
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"pattern", {{"scale", "none"}}}}));
    CHECK(consultation.packages.empty());
    CHECK_FALSE(consultation.estimate);
    CHECK(t::reason_codes(consultation.screening) == std::set<std::string>{"no_treatable_area"});
  }
}

TEST_CASE("The alopecia modifier adds a session, capped at 4 (3.6 rule 2)",
          "[packages][modifiers]") {
  SECTION("totalis: full_scalp stays at 3–4") {
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"cause", "alopecia_totalis_universalis"},
                                               {"pattern", {{"scale", "none"}}}}));
    INFO(estimate_summary(consultation.estimate));
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->sessions.min == 3);
    CHECK(consultation.estimate->sessions.max == 4);
    CHECK(consultation.estimate->low == 3000);
    CHECK(consultation.estimate->high == 5000);
  }
  SECTION("areata patches: no modifier") {
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"cause", "alopecia_areata"},
                                               {"alopecia_last_change", "2023-01-01"},
                                               {"pattern", {{"scale", "none"}}}}));
    INFO(estimate_summary(consultation.estimate));
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->sessions.min == 2);
    CHECK(consultation.estimate->sessions.max == 4);
    CHECK(consultation.estimate->low == 800);
    CHECK(consultation.estimate->high == 2000);
  }
}

TEST_CASE("Pricing models: per session and per stage", "[packages][pricing]") {
  SECTION("per_session: default rate × planned sessions") {
    const auto config = t::config_ok({{"pricing", {{"model", "per_session"}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    INFO(estimate_summary(consultation.estimate));
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->low == 500 * 3);
    CHECK(consultation.estimate->high == 900 * 3);
  }
  SECTION("per_session with the clinic's own rate") {
    const auto config =
        t::config_ok({{"pricing", {{"model", "per_session"}, {"per_session_rate", {600, 1000}}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    INFO(estimate_summary(consultation.estimate));
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->low == 1800);
    CHECK(consultation.estimate->high == 3000);
  }
  SECTION("per_stage: the clinic's table by Norwood stage") {
    const auto config = t::config_ok(
        {{"pricing",
          {{"model", "per_stage"},
           {"per_stage", {{"norwood", {{"III", {{"low", 1400}, {"high", 2400}}}}}}}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    INFO(estimate_summary(consultation.estimate));
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->low == 1400);
    CHECK(consultation.estimate->high == 2400);
  }
  SECTION("per_stage: by Ludwig stage") {
    const auto config =
        t::config_ok({{"pricing",
                       {{"model", "per_stage"},
                        {"per_stage", {{"ludwig", {{"II", {{"low", 1700}, {"high", 2600}}}}}}}}}});
    const auto consultation = t::consult(
        t::with(t::base_answers(), {{"pattern", {{"scale", "ludwig"}, {"stage", "II"}}}}), config);
    INFO(estimate_summary(consultation.estimate));
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->low == 1700);
    CHECK(consultation.estimate->high == 2600);
  }
}

TEST_CASE("Touch-ups are priced per session", "[packages][touch_up]") {
  SECTION("default: one session, full scalp 1–2") {
    const auto frontal = t::consult(t::base_answers());
    REQUIRE(frontal.estimate);
    CHECK(frontal.estimate->touch_up.low == 300);
    CHECK(frontal.estimate->touch_up.high == 600);
    const auto full_scalp = t::consult(
        t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "VII"}}}}));
    REQUIRE(full_scalp.estimate);
    CHECK(full_scalp.estimate->touch_up.low == 300);
    CHECK(full_scalp.estimate->touch_up.high == 1200);
  }
  SECTION("clinic touch-up price") {
    const auto config = t::config_ok({{"pricing", {{"touch_up_price", {400, 700}}}}});
    const auto frontal = t::consult(t::base_answers(), config);
    REQUIRE(frontal.estimate);
    CHECK(frontal.estimate->touch_up.low == 400);
    CHECK(frontal.estimate->touch_up.high == 700);
    const auto full_scalp = t::consult(
        t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "VII"}}}}),
        config);
    REQUIRE(full_scalp.estimate);
    CHECK(full_scalp.estimate->touch_up.low == 400);
    CHECK(full_scalp.estimate->touch_up.high == 1400);
  }
}

TEST_CASE("Estimates are withheld for not_suitable and provisional for defer and clearance",
          "[packages][estimate]") {
  SECTION("not suitable: none") {
    const json patch = GENERATE(json{{"medical", {{"keloid_prone", true}}}}, json{{"age", 17}},
                                json{{"pattern", {{"scale", "none"}}}});
    const auto consultation = t::consult(t::with(t::base_answers(), patch));
    INFO(t::dump(patch));
    CHECK(consultation.screening.verdict == smp::Verdict::kNotSuitable);
    CHECK_FALSE(consultation.estimate);
    CHECK_FALSE(consultation.plan);
    const json result = t::evaluate_ok(t::with(t::base_answers(), patch));
    REQUIRE(t::member(result, "estimate"));
    CHECK(t::member(result, "estimate")->is_null());
  }
  SECTION("defer and clearance: provisional") {
    const json patch = GENERATE(json{{"medical", {{"pregnant_or_breastfeeding", true}}}},
                                json{{"last_hair_transplant", "2025-01-01"}},
                                json{{"medical", {{"immunocompromised", true}}}});
    const auto consultation = t::consult(t::with(t::base_answers(), patch));
    INFO(t::dump(patch));
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->provisional);
    CHECK(consultation.estimate->low == 1500);
    CHECK(consultation.estimate->high == 2500);
  }
  SECTION("good candidate: firm") {
    const auto consultation = t::consult(t::base_answers());
    REQUIRE(consultation.estimate);
    CHECK_FALSE(consultation.estimate->provisional);
  }
}

TEST_CASE("Consultation fee, deposit and currency come from the config", "[packages][pricing]") {
  SECTION("fixed fee and deposit") {
    const auto config = t::config_ok(
        {{"pricing", {{"consultation_fee", 75}, {"deposit", 200}, {"currency", "EUR"}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->consultation_fee == 75);
    CHECK(consultation.estimate->deposit == 200LL);
    CHECK(consultation.estimate->currency == "EUR");
    const json result = t::evaluate_ok(t::base_answers(), config);
    const json* estimate = t::member(result, "estimate");
    REQUIRE(estimate);
    CHECK(t::number_at(*estimate, "consultation_fee") == 75.0);
    CHECK(t::number_at(*estimate, "deposit") == 200.0);
    CHECK(t::string_at(*estimate, "currency") == "EUR");
  }
  SECTION("deposit as a percentage") {
    const auto config = t::config_ok({{"pricing", {{"deposit", {{"percent", 10}}}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    REQUIRE(consultation.estimate);
    REQUIRE(consultation.estimate->deposit);
    INFO("deposit " << *consultation.estimate->deposit);
    CHECK(*consultation.estimate->deposit >= 150);  // 10 % of 1,500–2,500
    CHECK(*consultation.estimate->deposit <= 250);
  }
}

TEST_CASE("The result JSON carries packages and estimate in SPEC §4 shape", "[packages][json]") {
  const json result = t::evaluate_ok(
      t::with(t::base_answers(), {{"scars", json::array({t::old_scar("fue_dots")})}}));
  INFO(t::dump(result));
  const auto packages = t::array_at(result, "packages");
  REQUIRE(packages.size() == 2);
  CHECK(t::string_at(packages[0], "id") == "frontal");
  CHECK(t::string_at(packages[0], "role") == "primary");
  CHECK(t::number_at(packages[0], "price_factor") == 1.0);
  CHECK(t::string_at(packages[1], "id") == "scar_fue");
  CHECK(t::string_at(packages[1], "role") == "addon");
  CHECK(t::number_at(packages[1], "price_factor") == 0.5);
  const json* estimate = t::member(result, "estimate");
  REQUIRE(estimate);
  REQUIRE(estimate->is_object());
  CHECK(t::bool_at(*estimate, "provisional") == false);
  CHECK(t::number_at(*estimate, "low") == 1900.0);
  CHECK(t::number_at(*estimate, "high") == 3400.0);
  CHECK(t::array_at(*estimate, "lines").size() == 2);
  const json* hours = t::member(*estimate, "hours_per_session");
  REQUIRE(hours);
  CHECK(t::number_at(*hours, "min") == 2.5);
  CHECK(t::number_at(*hours, "max") == 4.5);
  const json* sessions = t::member(*estimate, "sessions");
  REQUIRE(sessions);
  CHECK(t::number_at(*sessions, "min") == 2.0);
  CHECK(t::number_at(*sessions, "max") == 4.0);
  CHECK(t::number_at(*sessions, "planned") == 3.0);
  const json* touch_up = t::member(*estimate, "touch_up");
  REQUIRE(touch_up);
  CHECK(t::number_at(*touch_up, "low") == 300.0);
  CHECK(t::number_at(*touch_up, "high") == 600.0);
  CHECK(t::number_at(*estimate, "consultation_fee") == 0.0);
  REQUIRE(t::member(*estimate, "deposit"));
  CHECK(t::member(*estimate, "deposit")->is_null());
}

TEST_CASE("The clinic's session cap and planned default are respected", "[packages][sessions]") {
  SECTION("sessions.max 3 caps a 3–4 package") {
    const auto config = t::config_ok({{"sessions", {{"max", 3}}}});
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "V"}}},
                                               {"scars", json::array({t::old_scar("fut_strip")})}}),
                   config);
    INFO(estimate_summary(consultation.estimate));
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->sessions.max == 3);
    CHECK(consultation.estimate->sessions.min <= 3);
    CHECK(consultation.estimate->planned_sessions <= 3);
    REQUIRE(consultation.plan);
    CHECK(consultation.plan->sessions.size() == 3);
  }
  SECTION("planned = clamp(planned_default, min, max)") {
    const auto config = t::config_ok({{"sessions", {{"planned_default", 4}}}});
    const auto frontal = t::consult(t::base_answers(), config);  // 2–3
    REQUIRE(frontal.estimate);
    CHECK(frontal.estimate->planned_sessions == 3);
    const auto crown_front = t::consult(
        t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "IV"}}}}), config);
    REQUIRE(crown_front.estimate);
    CHECK(crown_front.estimate->planned_sessions == 4);  // 2–4
  }
}

TEST_CASE("Alopecia patches take scar add-ons like any primary", "[packages][scars]") {
  const auto consultation =
      t::consult(t::with(t::base_answers(), {{"cause", "alopecia_areata"},
                                             {"alopecia_last_change", "2020-01-01"},
                                             {"pattern", {{"scale", "none"}}},
                                             {"scars", json::array({t::old_scar("fut_strip")})}}));
  INFO(packages_summary(consultation.packages) << "\n" << estimate_summary(consultation.estimate));
  CHECK(t::primary_id(consultation.packages) == "alopecia_patches");
  REQUIRE(consultation.estimate);
  CHECK(consultation.estimate->low == 800 + 500);
  CHECK(consultation.estimate->high == 2000 + 1000);
  CHECK(consultation.estimate->sessions.max == 4);
  CHECK(consultation.estimate->hours.max_tenths == 40);
}
