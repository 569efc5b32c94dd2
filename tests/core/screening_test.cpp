// Screening rules R01–R17, their date boundaries, strictest-wins combinations, advisories and
// the clinic policy switches (DOMAIN 3.2, 3.3, 3.3b, 3.8). Reference date 2025-06-01.
#include "test_support.hpp"

namespace {

using smp::Verdict;
using smp::test::json;
namespace t = smp::test;

smp::Screening screen_answers(const json& answers,
                              const smp::Config& config = smp::default_config(),
                              smp::Date on = t::as_of()) {
  return smp::screen(t::parse_ok(answers, on), config, on);
}

std::string screening_summary(const smp::Screening& screening) {
  std::string text = "verdict " + t::verdict_name(screening.verdict) + "; reasons:";
  for (const auto& reason : screening.reasons) {
    text += " " + reason.rule + ":" + reason.code + "(" + t::verdict_name(reason.verdict);
    if (reason.eligible_on) text += ", eligible " + t::str(*reason.eligible_on);
    if (reason.undated) text += ", undated";
    text += ")";
  }
  text += "; advisories:";
  for (const auto& advisory : screening.advisories) text += " " + advisory.code;
  return text;
}

struct RuleRow {
  const char* rule;
  json patch;
  const char* code;
  Verdict verdict;
};

}  // namespace

TEST_CASE("Each screening rule fires alone with its code and verdict", "[screening][rules]") {
  const auto row = GENERATE(values<RuleRow>({
      {"R01", {{"age", 17}}, "under_minimum_age", Verdict::kNotSuitable},
      {"R02", {{"medical", {{"keloid_prone", true}}}}, "keloid_prone", Verdict::kNotSuitable},
      {"R03", {{"pattern", {{"scale", "none"}}}}, "no_treatable_area", Verdict::kNotSuitable},
      {"R04",
       {{"medical", {{"pregnant_or_breastfeeding", true}}}},
       "pregnancy_or_breastfeeding",
       Verdict::kDefer},
      {"R05",
       {{"medical", {{"active_scalp_condition", true}}}},
       "active_scalp_condition",
       Verdict::kDefer},
      {"R06",
       {{"medical", {{"skin_cancer", "current_or_suspicious"}}}},
       "skin_cancer_active",
       Verdict::kDefer},
      {"R07",
       {{"medical", {{"chemotherapy", "current"}}}},
       "chemotherapy_active_or_recent",
       Verdict::kDefer},
      {"R08",
       {{"last_hair_transplant", "2025-01-01"}},
       "recent_hair_transplant_or_immature_scar",
       Verdict::kDefer},
      {"R09",
       {{"cause", "alopecia_areata"},
        {"alopecia_last_change", "2025-01-01"},
        {"pattern", {{"scale", "none"}}}},
       "alopecia_not_stable",
       Verdict::kDefer},
      {"R10",
       {{"medical", {{"isotretinoin_last_dose", "2025-03-01"}}}},
       "recent_isotretinoin",
       Verdict::kDefer},
      {"R11",
       {{"medical", {{"blood_thinners_or_bleeding_disorder", true}}}},
       "blood_thinners_or_clotting_disorder",
       Verdict::kMedicalClearance},
      {"R12",
       {{"medical", {{"pigment_or_ink_reaction", true}}}},
       "pigment_allergy_history",
       Verdict::kMedicalClearance},
      {"R13",
       {{"medical", {{"immunocompromised", true}}}},
       "immunocompromised_or_chemotherapy",
       Verdict::kMedicalClearance},
      {"R14",
       {{"medical", {{"diabetes", "uncontrolled"}}}},
       "uncontrolled_diabetes",
       Verdict::kMedicalClearance},
      {"R15",
       {{"medical", {{"skin_cancer", "history"}}}},
       "skin_cancer_history",
       Verdict::kMedicalClearance},
      {"R16",
       {{"medical", {{"chronic_scalp_condition_controlled", true}}}},
       "chronic_scalp_condition_controlled",
       Verdict::kMedicalClearance},
      {"R17",
       {{"medical", {{"other_serious_condition", true}}}},
       "other_medical_condition",
       Verdict::kMedicalClearance},
  }));
  const json answers = t::with(t::base_answers(), row.patch);
  const auto screening = screen_answers(answers);
  INFO(row.rule << " answers " << t::dump(answers) << "\n" << screening_summary(screening));

  CHECK(screening.verdict == row.verdict);
  CHECK(t::reason_codes(screening) == std::set<std::string>{row.code});
  const smp::Reason* reason = t::find_reason(screening, row.code);
  REQUIRE(reason);
  CHECK(reason->rule == row.rule);
  CHECK(reason->verdict == row.verdict);
}

TEST_CASE("A plain candidate triggers no rule", "[screening][rules]") {
  const auto screening = screen_answers(t::base_answers());
  INFO(screening_summary(screening));
  CHECK(screening.verdict == Verdict::kGoodCandidate);
  CHECK(screening.reasons.empty());
  CHECK_FALSE(screening.earliest_eligible_date);
  CHECK_FALSE(screening.recheck_required);
}

TEST_CASE("Controlled diabetes, Fitzpatrick type and sex never trigger a reason",
          "[screening][rules]") {
  const json patch = GENERATE(json{{"medical", {{"diabetes", "controlled"}}}},
                              json{{"fitzpatrick", 6}}, json{{"sex", "female"}},
                              json{{"sex", "other"}}, json{{"medical", {{"chemotherapy", "none"}}}},
                              json{{"medical", {{"skin_cancer", "none"}}}});
  const auto screening = screen_answers(t::with(t::base_answers(), patch));
  INFO(t::dump(patch) << "\n" << screening_summary(screening));
  CHECK(screening.verdict == Verdict::kGoodCandidate);
  CHECK(screening.reasons.empty());
}

TEST_CASE("The minimum age counts from the birthday", "[screening][boundary]") {
  SECTION("18th birthday today: no under_minimum_age") {
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"age", nullptr}, {"dob", "2007-06-01"}}));
    INFO(screening_summary(screening));
    CHECK_FALSE(t::find_reason(screening, "under_minimum_age"));
  }
  SECTION("18th birthday tomorrow: under_minimum_age") {
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"age", nullptr}, {"dob", "2007-06-02"}}));
    INFO(screening_summary(screening));
    CHECK(t::find_reason(screening, "under_minimum_age"));
    CHECK(screening.verdict == Verdict::kNotSuitable);
  }
  SECTION("dob wins over age") {
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"age", 40}, {"dob", "2010-01-01"}}));
    INFO(screening_summary(screening));
    CHECK(t::find_reason(screening, "under_minimum_age"));
  }
  SECTION("age 18 given as a number is old enough") {
    CHECK_FALSE(t::find_reason(screen_answers(t::with(t::base_answers(), {{"age", 18}})),
                               "under_minimum_age"));
  }
}

TEST_CASE("Chemotherapy waits 6 calendar months after the end", "[screening][boundary]") {
  SECTION("ended exactly 6 months ago: clearance (R13), not defer (R07)") {
    const auto screening = screen_answers(
        t::with(t::base_answers(),
                {{"medical", {{"chemotherapy", "ended"}, {"chemotherapy_end", "2024-12-01"}}}}));
    INFO(screening_summary(screening));
    CHECK(t::reason_codes(screening) == std::set<std::string>{"immunocompromised_or_chemotherapy"});
    CHECK(screening.verdict == Verdict::kMedicalClearance);
  }
  SECTION("one day short: defer (R07) until end + 6 months") {
    const auto screening = screen_answers(
        t::with(t::base_answers(),
                {{"medical", {{"chemotherapy", "ended"}, {"chemotherapy_end", "2024-12-02"}}}}));
    INFO(screening_summary(screening));
    CHECK(t::reason_codes(screening) == std::set<std::string>{"chemotherapy_active_or_recent"});
    CHECK(screening.verdict == Verdict::kDefer);
    const smp::Reason* reason = t::find_reason(screening, "chemotherapy_active_or_recent");
    REQUIRE(reason);
    CHECK(reason->eligible_on == t::date("2025-06-02"));
    CHECK_FALSE(reason->undated);
    CHECK(screening.earliest_eligible_date == t::date("2025-06-02"));
    CHECK_FALSE(screening.recheck_required);
  }
  SECTION("current chemotherapy: undated defer") {
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"medical", {{"chemotherapy", "current"}}}}));
    INFO(screening_summary(screening));
    const smp::Reason* reason = t::find_reason(screening, "chemotherapy_active_or_recent");
    REQUIRE(reason);
    CHECK(reason->undated);
    CHECK_FALSE(reason->eligible_on);
    CHECK(screening.recheck_required);
    CHECK_FALSE(screening.earliest_eligible_date);
  }
  SECTION("hair loss caused by chemotherapy goes by the chemo dates, not the cause") {
    const auto screening = screen_answers(
        t::with(t::base_answers(),
                {{"cause", "chemotherapy"},
                 {"medical", {{"chemotherapy", "ended"}, {"chemotherapy_end", "2023-01-01"}}}}));
    INFO(screening_summary(screening));
    CHECK(t::reason_codes(screening) == std::set<std::string>{"immunocompromised_or_chemotherapy"});
  }
}

TEST_CASE("Transplants and scars need 12 months to mature", "[screening][boundary]") {
  SECTION("transplant exactly 12 months ago: no R08") {
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"last_hair_transplant", "2024-06-01"}}));
    INFO(screening_summary(screening));
    CHECK(screening.reasons.empty());
  }
  SECTION("transplant one day less than 12 months ago: R08 eligible on date + 12 months") {
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"last_hair_transplant", "2024-06-02"}}));
    INFO(screening_summary(screening));
    const smp::Reason* reason =
        t::find_reason(screening, "recent_hair_transplant_or_immature_scar");
    REQUIRE(reason);
    CHECK(reason->eligible_on == t::date("2025-06-02"));
    CHECK(screening.earliest_eligible_date == t::date("2025-06-02"));
  }
  SECTION("a recent scar defers to its healed_since + 12 months") {
    const auto screening = screen_answers(
        t::with(t::base_answers(), {{"scars", json::array({{{"type", "fue_dots"},
                                                            {"healed_since", "2025-01-15"},
                                                            {"raised_or_red", false}}})}}));
    INFO(screening_summary(screening));
    const smp::Reason* reason =
        t::find_reason(screening, "recent_hair_transplant_or_immature_scar");
    REQUIRE(reason);
    CHECK(reason->eligible_on == t::date("2026-01-15"));
  }
  SECTION("the latest of transplant and scars counts") {
    const auto screening = screen_answers(
        t::with(t::base_answers(), {{"last_hair_transplant", "2025-02-01"},
                                    {"scars", json::array({{{"type", "fue_dots"},
                                                            {"healed_since", "2025-01-15"},
                                                            {"raised_or_red", false}},
                                                           {{"type", "other_small"},
                                                            {"healed_since", "2024-12-01"},
                                                            {"raised_or_red", false}}})}}));
    INFO(screening_summary(screening));
    CHECK(t::reason_codes(screening) ==
          std::set<std::string>{"recent_hair_transplant_or_immature_scar"});
    CHECK(screening.earliest_eligible_date == t::date("2026-02-01"));
  }
  SECTION("an old scar that is raised or red: undated defer, recheck required") {
    const auto screening = screen_answers(
        t::with(t::base_answers(), {{"scars", json::array({{{"type", "fut_strip"},
                                                            {"healed_since", "2020-01-01"},
                                                            {"raised_or_red", true}}})}}));
    INFO(screening_summary(screening));
    const smp::Reason* reason =
        t::find_reason(screening, "recent_hair_transplant_or_immature_scar");
    REQUIRE(reason);
    CHECK(reason->verdict == Verdict::kDefer);
    CHECK(reason->undated);
    CHECK_FALSE(reason->eligible_on);
    CHECK(screening.recheck_required);
    CHECK_FALSE(screening.earliest_eligible_date);
  }
  SECTION("an old flat scar is fine") {
    const auto screening = screen_answers(
        t::with(t::base_answers(), {{"scars", json::array({{{"type", "fut_strip"},
                                                            {"healed_since", "2020-01-01"},
                                                            {"raised_or_red", false}}})}}));
    INFO(screening_summary(screening));
    CHECK(screening.reasons.empty());
  }
}

TEST_CASE("Isotretinoin waits 6 calendar months, clamped to the month's end",
          "[screening][boundary]") {
  const json answers =
      t::with(t::base_answers(), {{"medical", {{"isotretinoin_last_dose", "2024-08-31"}}}});
  SECTION("Aug 31 + 6 months = Feb 28 in a common year") {
    const auto screening = screen_answers(answers, smp::default_config(), t::date("2024-12-01"));
    INFO(screening_summary(screening));
    const smp::Reason* reason = t::find_reason(screening, "recent_isotretinoin");
    REQUIRE(reason);
    CHECK(reason->eligible_on == t::date("2025-02-28"));
  }
  SECTION("Aug 31 + 6 months = Feb 29 in a leap year") {
    const json leap =
        t::with(t::base_answers(), {{"medical", {{"isotretinoin_last_dose", "2023-08-31"}}}});
    const auto screening = screen_answers(leap, smp::default_config(), t::date("2023-12-01"));
    INFO(screening_summary(screening));
    const smp::Reason* reason = t::find_reason(screening, "recent_isotretinoin");
    REQUIRE(reason);
    CHECK(reason->eligible_on == t::date("2024-02-29"));
  }
  SECTION("on the eligible date the rule no longer fires") {
    const auto screening = screen_answers(answers, smp::default_config(), t::date("2025-02-28"));
    INFO(screening_summary(screening));
    CHECK_FALSE(t::find_reason(screening, "recent_isotretinoin"));
  }
  SECTION("the day before it still fires") {
    const auto screening = screen_answers(answers, smp::default_config(), t::date("2025-02-27"));
    INFO(screening_summary(screening));
    CHECK(t::find_reason(screening, "recent_isotretinoin"));
  }
}

TEST_CASE("Alopecia areata must be stable for 12 months", "[screening][boundary]") {
  auto areata = [](const char* last_change) {
    return t::with(t::base_answers(), {{"cause", "alopecia_areata"},
                                       {"alopecia_last_change", last_change},
                                       {"pattern", {{"scale", "none"}}}});
  };
  SECTION("last change exactly 12 months ago: stable, and areata alone is no reason (N1)") {
    const auto screening = screen_answers(areata("2024-06-01"));
    INFO(screening_summary(screening));
    CHECK(screening.reasons.empty());
    CHECK(screening.verdict == Verdict::kGoodCandidate);
  }
  SECTION("one day less: alopecia_not_stable until last change + 12 months") {
    const auto screening = screen_answers(areata("2024-06-02"));
    INFO(screening_summary(screening));
    const smp::Reason* reason = t::find_reason(screening, "alopecia_not_stable");
    REQUIRE(reason);
    CHECK(reason->eligible_on == t::date("2025-06-02"));
    CHECK(screening.verdict == Verdict::kDefer);
  }
  SECTION("totalis/universalis has no stability rule") {
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"cause", "alopecia_totalis_universalis"},
                                                   {"pattern", {{"scale", "none"}}}}));
    INFO(screening_summary(screening));
    CHECK(screening.reasons.empty());
  }
}

TEST_CASE("The strictest verdict wins and every fired reason is listed",
          "[screening][combination]") {
  SECTION("keloid + pregnancy: not_suitable with both reasons") {
    const auto screening = screen_answers(
        t::with(t::base_answers(),
                {{"medical", {{"keloid_prone", true}, {"pregnant_or_breastfeeding", true}}}}));
    INFO(screening_summary(screening));
    CHECK(screening.verdict == Verdict::kNotSuitable);
    CHECK(t::reason_codes(screening) ==
          std::set<std::string>{"keloid_prone", "pregnancy_or_breastfeeding"});
  }
  SECTION("pregnancy + blood thinners: defer listing both") {
    const auto screening = screen_answers(t::with(
        t::base_answers(),
        {{"medical",
          {{"pregnant_or_breastfeeding", true}, {"blood_thinners_or_bleeding_disorder", true}}}}));
    INFO(screening_summary(screening));
    CHECK(screening.verdict == Verdict::kDefer);
    CHECK(
        t::reason_codes(screening) ==
        std::set<std::string>{"pregnancy_or_breastfeeding", "blood_thinners_or_clotting_disorder"});
  }
  SECTION("two clearance reasons: medical_clearance with both") {
    const auto screening = screen_answers(t::with(
        t::base_answers(),
        {{"medical", {{"pigment_or_ink_reaction", true}, {"other_serious_condition", true}}}}));
    INFO(screening_summary(screening));
    CHECK(screening.verdict == Verdict::kMedicalClearance);
    CHECK(t::reason_codes(screening) ==
          std::set<std::string>{"pigment_allergy_history", "other_medical_condition"});
  }
  SECTION("under age + no treatable area + keloid: all three, not_suitable") {
    const auto screening = screen_answers(t::with(
        t::base_answers(),
        {{"age", 16}, {"pattern", {{"scale", "none"}}}, {"medical", {{"keloid_prone", true}}}}));
    INFO(screening_summary(screening));
    CHECK(screening.verdict == Verdict::kNotSuitable);
    CHECK(t::reason_codes(screening) ==
          std::set<std::string>{"under_minimum_age", "keloid_prone", "no_treatable_area"});
  }
  SECTION("reasons are ordered by severity, then rule ID") {
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"medical",
                                                    {{"blood_thinners_or_bleeding_disorder", true},
                                                     {"isotretinoin_last_dose", "2025-03-01"},
                                                     {"pregnant_or_breastfeeding", true},
                                                     {"keloid_prone", true},
                                                     {"diabetes", "uncontrolled"}}}}));
    INFO(screening_summary(screening));
    std::vector<std::string> rules;
    for (const auto& reason : screening.reasons) rules.push_back(reason.rule);
    CHECK(rules == std::vector<std::string>{"R02", "R04", "R10", "R11", "R14"});
  }
}

TEST_CASE("earliest_eligible_date is the latest dated defer; undated ones need a recheck",
          "[screening][eligibility]") {
  const json dated =
      t::with(t::base_answers(), {{"last_hair_transplant", "2025-01-10"},
                                  {"medical", {{"isotretinoin_last_dose", "2025-03-01"}}}});
  SECTION("two dated defers") {
    const auto screening = screen_answers(dated);
    INFO(screening_summary(screening));
    CHECK(screening.verdict == Verdict::kDefer);
    CHECK(screening.earliest_eligible_date == t::date("2026-01-10"));
    CHECK_FALSE(screening.recheck_required);
    const smp::Reason* isotretinoin = t::find_reason(screening, "recent_isotretinoin");
    REQUIRE(isotretinoin);
    CHECK(isotretinoin->eligible_on == t::date("2025-09-01"));
  }
  SECTION("plus an undated defer: same date, recheck required") {
    const auto screening =
        screen_answers(t::with(dated, {{"medical", {{"active_scalp_condition", true}}}}));
    INFO(screening_summary(screening));
    CHECK(screening.earliest_eligible_date == t::date("2026-01-10"));
    CHECK(screening.recheck_required);
  }
  SECTION("only undated defers: no date, recheck required") {
    const auto screening = screen_answers(
        t::with(t::base_answers(), {{"medical", {{"skin_cancer", "current_or_suspicious"}}}}));
    INFO(screening_summary(screening));
    CHECK_FALSE(screening.earliest_eligible_date);
    CHECK(screening.recheck_required);
  }
  SECTION("clearance and not-suitable reasons carry no eligibility date") {
    const auto screening = screen_answers(t::with(
        t::base_answers(), {{"medical", {{"immunocompromised", true}, {"keloid_prone", true}}}}));
    INFO(screening_summary(screening));
    CHECK_FALSE(screening.earliest_eligible_date);
    CHECK_FALSE(screening.recheck_required);
  }
}

TEST_CASE("young_progressive_loss is advised for ages 18–25 with Norwood II–IV",
          "[screening][advisories]") {
  const std::string stage =
      GENERATE(as<std::string>{}, "II", "IIA", "III", "IIIA", "III_VERTEX", "IV", "IVA");
  const int age = GENERATE(18, 22, 25);
  const auto screening = screen_answers(t::with(
      t::base_answers(), {{"age", age}, {"pattern", {{"scale", "norwood"}, {"stage", stage}}}}));
  INFO("age " << age << " stage " << stage << "\n" << screening_summary(screening));
  CHECK(t::advisory_codes(screening).count("young_progressive_loss") == 1);
  CHECK(screening.verdict == Verdict::kGoodCandidate);
}

TEST_CASE("young_progressive_loss does not depend on the look or on how the age is given",
          "[screening][advisories]") {
  SECTION("keep length") {
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"age", 20}, {"desired_look", "keep_length"}}));
    CHECK(t::advisory_codes(screening).count("young_progressive_loss") == 1);
  }
  SECTION("25 by date of birth (26th birthday tomorrow)") {
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"age", nullptr}, {"dob", "1999-06-02"}}));
    CHECK(t::advisory_codes(screening).count("young_progressive_loss") == 1);
  }
  SECTION("26 by date of birth (birthday today)") {
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"age", nullptr}, {"dob", "1999-06-01"}}));
    CHECK(t::advisory_codes(screening).count("young_progressive_loss") == 0);
  }
}

TEST_CASE("young_progressive_loss is not advised outside its ages and stages",
          "[screening][advisories]") {
  struct Row {
    int age;
    const char* stage;
  };
  const auto row = GENERATE(values<Row>(
      {{26, "III"}, {40, "II"}, {22, "V"}, {22, "VA"}, {22, "VI"}, {22, "VII"}, {17, "III"}}));
  const auto screening = screen_answers(
      t::with(t::base_answers(),
              {{"age", row.age}, {"pattern", {{"scale", "norwood"}, {"stage", row.stage}}}}));
  INFO("age " << row.age << " stage " << row.stage << "\n" << screening_summary(screening));
  CHECK(t::advisory_codes(screening).count("young_progressive_loss") == 0);
}

TEST_CASE("Other advisories follow their triggers and never change the verdict",
          "[screening][advisories]") {
  SECTION("keep_length with Norwood VI or VII") {
    const std::string stage = GENERATE(as<std::string>{}, "VI", "VII");
    const auto screening = screen_answers(t::with(
        t::base_answers(),
        {{"desired_look", "keep_length"}, {"pattern", {{"scale", "norwood"}, {"stage", stage}}}}));
    INFO(stage << "\n" << screening_summary(screening));
    CHECK(t::advisory_codes(screening).count("keep_length_not_feasible") == 1);
    CHECK(screening.verdict == Verdict::kGoodCandidate);
  }
  SECTION("no keep_length advisory for Norwood V or for the shaved look") {
    const json patch = GENERATE(
        json{{"desired_look", "keep_length"}, {"pattern", {{"scale", "norwood"}, {"stage", "V"}}}},
        json{{"desired_look", "shaved"}, {"pattern", {{"scale", "norwood"}, {"stage", "VII"}}}});
    const auto screening = screen_answers(t::with(t::base_answers(), patch));
    INFO(t::dump(patch) << "\n" << screening_summary(screening));
    CHECK(t::advisory_codes(screening).count("keep_length_not_feasible") == 0);
  }
  SECTION("blood thinners: no_prescribed_med_changes") {
    const auto screening = screen_answers(
        t::with(t::base_answers(), {{"medical", {{"blood_thinners_or_bleeding_disorder", true}}}}));
    INFO(screening_summary(screening));
    CHECK(t::advisory_codes(screening).count("no_prescribed_med_changes") == 1);
    CHECK(t::advisory_codes(screen_answers(t::base_answers())).count("no_prescribed_med_changes") ==
          0);
  }
  SECTION("a large scar: scar_needs_in_person_quote") {
    const auto screening = screen_answers(
        t::with(t::base_answers(), {{"scars", json::array({{{"type", "other_large"},
                                                            {"healed_since", "2019-01-01"},
                                                            {"raised_or_red", false}}})}}));
    INFO(screening_summary(screening));
    CHECK(t::advisory_codes(screening).count("scar_needs_in_person_quote") == 1);
    CHECK(screening.verdict == Verdict::kGoodCandidate);
  }
  SECTION("a small scar needs no in-person quote") {
    const auto screening = screen_answers(
        t::with(t::base_answers(), {{"scars", json::array({{{"type", "other_small"},
                                                            {"healed_since", "2019-01-01"},
                                                            {"raised_or_red", false}}})}}));
    CHECK(t::advisory_codes(screening).count("scar_needs_in_person_quote") == 0);
  }
}

TEST_CASE("Clinic screening policies change the rules", "[screening][config]") {
  SECTION("keloid_policy medical_clearance") {
    const auto config = t::config_ok({{"screening", {{"keloid_policy", "medical_clearance"}}}});
    const auto screening =
        screen_answers(t::with(t::base_answers(), {{"medical", {{"keloid_prone", true}}}}), config);
    INFO(screening_summary(screening));
    CHECK(screening.verdict == Verdict::kMedicalClearance);
    const smp::Reason* reason = t::find_reason(screening, "keloid_prone");
    REQUIRE(reason);
    CHECK(reason->verdict == Verdict::kMedicalClearance);
  }
  SECTION("chronic_controlled_policy good_candidate") {
    const auto config =
        t::config_ok({{"screening", {{"chronic_controlled_policy", "good_candidate"}}}});
    const auto screening = screen_answers(
        t::with(t::base_answers(), {{"medical", {{"chronic_scalp_condition_controlled", true}}}}),
        config);
    INFO(screening_summary(screening));
    CHECK(screening.verdict == Verdict::kGoodCandidate);
    CHECK(screening.reasons.empty());
  }
  SECTION("diabetes_policy any: controlled diabetes needs clearance") {
    const auto config = t::config_ok({{"screening", {{"diabetes_policy", "any"}}}});
    const auto screening = screen_answers(
        t::with(t::base_answers(), {{"medical", {{"diabetes", "controlled"}}}}), config);
    INFO(screening_summary(screening));
    CHECK(t::reason_codes(screening) == std::set<std::string>{"uncontrolled_diabetes"});
    CHECK(screening.verdict == Verdict::kMedicalClearance);
    CHECK(screen_answers(t::with(t::base_answers(), {{"medical", {{"diabetes", "none"}}}}), config)
              .reasons.empty());
  }
  SECTION("min_age 21") {
    const auto config = t::config_ok({{"screening", {{"min_age", 21}}}});
    CHECK(t::find_reason(screen_answers(t::with(t::base_answers(), {{"age", 20}}), config),
                         "under_minimum_age"));
    CHECK_FALSE(t::find_reason(screen_answers(t::with(t::base_answers(), {{"age", 21}}), config),
                               "under_minimum_age"));
  }
  SECTION("chemo_wait_months 12") {
    const json answers =
        t::with(t::base_answers(),
                {{"medical", {{"chemotherapy", "ended"}, {"chemotherapy_end", "2024-09-01"}}}});
    const auto by_default = screen_answers(answers);
    CHECK(t::reason_codes(by_default) ==
          std::set<std::string>{"immunocompromised_or_chemotherapy"});
    const auto config = t::config_ok({{"screening", {{"chemo_wait_months", 12}}}});
    const auto screening = screen_answers(answers, config);
    INFO(screening_summary(screening));
    const smp::Reason* reason = t::find_reason(screening, "chemotherapy_active_or_recent");
    REQUIRE(reason);
    CHECK(reason->eligible_on == t::date("2025-09-01"));
  }
  SECTION("scar_maturity_months 9") {
    const auto config = t::config_ok({{"screening", {{"scar_maturity_months", 9}}}});
    const json nine_months = t::with(t::base_answers(), {{"last_hair_transplant", "2024-09-01"}});
    CHECK(t::find_reason(screen_answers(nine_months), "recent_hair_transplant_or_immature_scar"));
    CHECK(screen_answers(nine_months, config).reasons.empty());
    const auto screening = screen_answers(
        t::with(t::base_answers(), {{"last_hair_transplant", "2024-09-02"}}), config);
    INFO(screening_summary(screening));
    const smp::Reason* reason =
        t::find_reason(screening, "recent_hair_transplant_or_immature_scar");
    REQUIRE(reason);
    CHECK(reason->eligible_on == t::date("2025-06-02"));
  }
}

TEST_CASE("Fitzpatrick type never changes the verdict, packages, price or plan",
          "[screening][fitzpatrick]") {
  const json answers =
      GENERATE(t::base_answers(),
               t::with(t::base_answers(), {{"medical", {{"pigment_or_ink_reaction", true}}}}),
               t::with(t::base_answers(), {{"pattern", {{"scale", "ludwig"}, {"stage", "II"}}},
                                           {"desired_look", "keep_length"}}));
  const json reference = t::evaluate_ok(answers);
  for (int type = 1; type <= 6; ++type) {
    const json result = t::evaluate_ok(t::with(answers, {{"fitzpatrick", type}}));
    INFO("fitzpatrick " << type);
    for (const char* key : {"verdict", "reasons", "packages", "estimate", "plan",
                            "earliest_eligible_date", "recheck_required"}) {
      INFO(key);
      const json* a = t::member(result, key);
      const json* b = t::member(reference, key);
      REQUIRE(a);
      REQUIRE(b);
      CHECK(*a == *b);
    }
  }
}
