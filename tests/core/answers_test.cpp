// Answers (`smp-consult/answers@1`, SPEC §3, DOMAIN 3.1): strict parsing into typed values.
// Invalid answers are data: tests/fixtures/answers/invalid/<case>.json with `pointer code` lines.
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

std::vector<std::string> pointer_codes(const smp::Diagnostics& errors) {
  std::vector<std::string> lines;
  for (const auto& error : errors) lines.push_back(error.pointer + " " + error.code);
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace

TEST_CASE("Invalid answers report each problem with a pointer and a stable code",
          "[answers][invalid]") {
  const auto file =
      GENERATE(from_range(t::files_in(t::fixtures_dir() / "answers" / "invalid", ".json")));
  auto expected_file = file;
  expected_file.replace_extension(".expected");
  INFO("case " << file.stem().string());
  const json document = t::load_json(file);
  auto expected = t::read_lines(expected_file);
  std::sort(expected.begin(), expected.end());
  REQUIRE_FALSE(expected.empty());

  const auto result = smp::parse_answers(document, t::as_of(), smp::Completeness::kComplete);
  INFO(t::diagnostics_text(result.errors));
  CHECK_FALSE(result.ok());
  // Order is not part of the answers contract; the set of (pointer, code) is.
  CHECK(pointer_codes(result.errors) == expected);
  for (const auto& error : result.errors) CHECK_FALSE(error.message.empty());
}

TEST_CASE("Answers parse into typed values", "[answers][parse]") {
  const json document = {
      {"schema", "smp-consult/answers@1"},
      {"as_of", "2025-06-01"},
      {"dob", "1991-03-14"},
      {"age", 30},
      {"sex", "male"},
      {"pattern", {{"scale", "norwood"}, {"stage", "III_VERTEX"}}},
      {"cause", "trauma_or_surgery"},
      {"desired_look", "keep_length"},
      {"scars",
       json::array(
           {{{"type", "fut_strip"}, {"healed_since", "2022-05-01"}, {"raised_or_red", true}}})},
      {"last_hair_transplant", "2022-05-01"},
      {"fitzpatrick", 3},
      {"medical",
       {{"pregnant_or_breastfeeding", false},
        {"active_scalp_condition", true},
        {"chronic_scalp_condition_controlled", true},
        {"keloid_prone", false},
        {"blood_thinners_or_bleeding_disorder", true},
        {"pigment_or_ink_reaction", true},
        {"immunocompromised", true},
        {"other_serious_condition", true},
        {"chemotherapy", "ended"},
        {"chemotherapy_end", "2024-01-01"},
        {"diabetes", "controlled"},
        {"skin_cancer", "history"},
        {"isotretinoin_last_dose", "2024-02-01"}}},
      {"requested_start", "2025-07-01"}};
  const smp::Answers answers = t::parse_ok(document);
  CHECK(answers.as_of == t::date("2025-06-01"));
  CHECK(answers.dob == t::date("1991-03-14"));
  CHECK(answers.age == 30);
  CHECK(answers.sex == smp::Sex::kMale);
  CHECK(answers.pattern.scale == smp::Scale::kNorwood);
  CHECK(answers.pattern.stage == "III_VERTEX");
  CHECK(answers.cause == smp::Cause::kTraumaOrSurgery);
  CHECK(answers.desired_look == smp::Look::kKeepLength);
  REQUIRE(answers.scars.size() == 1);
  CHECK(answers.scars[0].type == smp::ScarType::kFutStrip);
  CHECK(answers.scars[0].healed_since == t::date("2022-05-01"));
  CHECK(answers.scars[0].raised_or_red);
  CHECK(answers.last_hair_transplant == t::date("2022-05-01"));
  CHECK(answers.fitzpatrick == 3);
  CHECK_FALSE(answers.medical.pregnant_or_breastfeeding);
  CHECK(answers.medical.active_scalp_condition);
  CHECK(answers.medical.chronic_scalp_condition_controlled);
  CHECK_FALSE(answers.medical.keloid_prone);
  CHECK(answers.medical.blood_thinners_or_bleeding_disorder);
  CHECK(answers.medical.pigment_or_ink_reaction);
  CHECK(answers.medical.immunocompromised);
  CHECK(answers.medical.other_serious_condition);
  CHECK(answers.medical.chemotherapy == smp::Chemotherapy::kEnded);
  CHECK(answers.medical.chemotherapy_end == t::date("2024-01-01"));
  CHECK(answers.medical.diabetes == smp::Diabetes::kControlled);
  CHECK(answers.medical.skin_cancer == smp::SkinCancer::kHistory);
  CHECK(answers.medical.isotretinoin_last_dose == t::date("2024-02-01"));
  CHECK(answers.requested_start == t::date("2025-07-01"));
}

TEST_CASE("Other pattern scales parse with their stage or extent", "[answers][parse]") {
  SECTION("ludwig") {
    const auto answers = t::parse_ok(
        t::with(t::base_answers(), {{"pattern", {{"scale", "ludwig"}, {"stage", "II"}}}}));
    CHECK(answers.pattern.scale == smp::Scale::kLudwig);
    CHECK(answers.pattern.stage == "II");
  }
  SECTION("diffuse") {
    const auto answers = t::parse_ok(
        t::with(t::base_answers(), {{"pattern", {{"scale", "diffuse"}, {"extent", "extensive"}}}}));
    CHECK(answers.pattern.scale == smp::Scale::kDiffuse);
    CHECK(answers.pattern.extent == "extensive");
  }
  SECTION("crown_only, none, unsure") {
    CHECK(t::parse_ok(t::with(t::base_answers(), {{"pattern", {{"scale", "crown_only"}}}}))
              .pattern.scale == smp::Scale::kCrownOnly);
    CHECK(
        t::parse_ok(t::with(t::base_answers(), {{"pattern", {{"scale", "none"}}}})).pattern.scale ==
        smp::Scale::kNone);
    CHECK(t::parse_ok(t::with(t::base_answers(), {{"pattern", {{"scale", "unsure"}}}}))
              .pattern.scale == smp::Scale::kUnsure);
  }
  SECTION("every Norwood stage") {
    const std::string stage = GENERATE(as<std::string>{}, "I", "II", "IIA", "III", "IIIA",
                                       "III_VERTEX", "IV", "IVA", "V", "VA", "VI", "VII");
    const auto answers = t::parse_ok(
        t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", stage}}}}));
    CHECK(answers.pattern.stage == stage);
  }
}

TEST_CASE("Unanswered questions are not errors", "[answers][optional]") {
  SECTION("only an age, complete") {
    const auto answers = t::parse_ok({{"age", 30}});
    CHECK(answers.age == 30);
    CHECK_FALSE(answers.dob);
    CHECK(answers.sex == smp::Sex::kUnspecified);
    CHECK(answers.pattern.scale == smp::Scale::kUnanswered);
    CHECK(answers.cause == smp::Cause::kAndrogenetic);
    CHECK(answers.desired_look == smp::Look::kUnanswered);
    CHECK(answers.scars.empty());
    CHECK_FALSE(answers.fitzpatrick);
    CHECK_FALSE(answers.medical.keloid_prone);
    CHECK(answers.medical.chemotherapy == smp::Chemotherapy::kNone);
    CHECK_FALSE(answers.requested_start);
  }
  SECTION("nothing at all, partial") {
    const auto result = smp::parse_answers(json::object(), t::as_of(), smp::Completeness::kPartial);
    INFO(t::diagnostics_text(result.errors));
    CHECK(result.ok());
  }
  SECTION("a quiz in progress without an age, partial") {
    const auto result =
        smp::parse_answers({{"sex", "female"}, {"pattern", {{"scale", "ludwig"}, {"stage", "I"}}}},
                           t::as_of(), smp::Completeness::kPartial);
    INFO(t::diagnostics_text(result.errors));
    CHECK(result.ok());
  }
  SECTION("nothing at all, complete: the age is required") {
    const auto result =
        smp::parse_answers(json::object(), t::as_of(), smp::Completeness::kComplete);
    CHECK_FALSE(result.ok());
    CHECK(pointer_codes(result.errors) == std::vector<std::string>{"/age required"});
  }
  SECTION("a dob alone is enough") {
    const auto answers = t::parse_ok({{"dob", "1990-01-01"}});
    CHECK(answers.dob == t::date("1990-01-01"));
  }
  SECTION("null means not answered (scenarios.md writes `last_hair_transplant: null`)") {
    const auto answers = t::parse_ok(
        {{"age", 30},
         {"last_hair_transplant", nullptr},
         {"requested_start", nullptr},
         {"fitzpatrick", nullptr},
         {"alopecia_last_change", nullptr},
         {"medical", {{"chemotherapy_end", nullptr}, {"isotretinoin_last_dose", nullptr}}}});
    CHECK_FALSE(answers.last_hair_transplant);
    CHECK_FALSE(answers.requested_start);
    CHECK_FALSE(answers.fitzpatrick);
    CHECK_FALSE(answers.medical.isotretinoin_last_dose);
  }
  SECTION("a requested start in the past is not an error (the planner moves it)") {
    const auto answers = t::parse_ok({{"age", 30}, {"requested_start", "2025-05-01"}});
    CHECK(answers.requested_start == t::date("2025-05-01"));
  }
  SECTION("empty scars and an empty medical object") {
    const auto answers =
        t::parse_ok({{"age", 30}, {"scars", json::array()}, {"medical", json::object()}});
    CHECK(answers.scars.empty());
  }
}

TEST_CASE("age_of prefers the date of birth", "[answers][age]") {
  CHECK(smp::age_of(t::parse_ok({{"age", 40}, {"dob", "2007-06-02"}}), t::as_of()) == 17);
  CHECK(smp::age_of(t::parse_ok({{"dob", "2007-06-01"}}), t::as_of()) == 18);
  CHECK(smp::age_of(t::parse_ok({{"age", 52}}), t::as_of()) == 52);
  const auto partial = smp::parse_answers(json::object(), t::as_of(), smp::Completeness::kPartial);
  REQUIRE(partial.ok());
  CHECK_FALSE(smp::age_of(*partial.value, t::as_of()));
}

TEST_CASE("The answers schema tag is checked", "[answers][schema]") {
  CHECK(smp::parse_answers({{"schema", "smp-consult/answers@1"}, {"age", 30}}, t::as_of(),
                           smp::Completeness::kComplete)
            .ok());
  const auto other = smp::parse_answers({{"schema", "smp-consult/answers@2"}, {"age", 30}},
                                        t::as_of(), smp::Completeness::kComplete);
  CHECK_FALSE(other.ok());
  REQUIRE_FALSE(other.errors.empty());
  CHECK(other.errors[0].pointer == "/schema");
}

TEST_CASE("evaluate_json returns the answers' diagnostics instead of a result",
          "[answers][evaluate]") {
  const auto result = smp::evaluate_json({{"age", 30}, {"fitzpatrick", 7}}, smp::default_config(),
                                         t::as_of(), true, "en");
  CHECK_FALSE(result.ok());
  CHECK(pointer_codes(result.errors) == std::vector<std::string>{"/fitzpatrick out_of_range"});
}

TEST_CASE("Answer value names round-trip", "[answers][names]") {
  CHECK(std::string(smp::to_string(smp::Scale::kCrownOnly)) == "crown_only");
  CHECK(std::string(smp::to_string(smp::Cause::kAlopeciaTotalisUniversalis)) ==
        "alopecia_totalis_universalis");
  CHECK(std::string(smp::to_string(smp::ScarType::kFueDots)) == "fue_dots");
  CHECK(std::string(smp::to_string(smp::Look::kKeepLength)) == "keep_length");
  CHECK(std::string(smp::to_string(smp::Verdict::kMedicalClearance)) == "medical_clearance");
}

TEST_CASE("The answers' as_of is used unless the caller overrides it", "[answers][as_of]") {
  // V13's answers on two dates: deferred in June, clearance from 2025-10-01.
  const json answers =
      t::with(t::base_answers(),
              {{"as_of", "2025-10-01"},
               {"medical", {{"chemotherapy", "ended"}, {"chemotherapy_end", "2025-04-01"}}}});
  SECTION("no override: the answers' date") {
    const auto result = smp::evaluate_json(answers, smp::default_config(), t::as_of(), false, "en");
    REQUIRE(result.ok());
    CHECK(t::string_at(*result.value, "as_of") == "2025-10-01");
    CHECK(t::string_at(*result.value, "verdict") == "medical_clearance");
  }
  SECTION("override (CLI --today): today's date") {
    const auto result = smp::evaluate_json(answers, smp::default_config(), t::as_of(), true, "en");
    REQUIRE(result.ok());
    CHECK(t::string_at(*result.value, "as_of") == "2025-06-01");
    CHECK(t::string_at(*result.value, "verdict") == "defer");
  }
  SECTION("no as_of in the answers: today") {
    const auto result =
        smp::evaluate_json(t::with(answers, {{"as_of", nullptr}}), smp::default_config(),
                           t::date("2025-10-01"), false, "en");
    REQUIRE(result.ok());
    CHECK(t::string_at(*result.value, "as_of") == "2025-10-01");
  }
}
