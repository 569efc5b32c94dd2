// One stage list (smp/stages.hpp) behind answer parsing, config pricing keys, the quiz's stage
// options and the package table; and the age bounds the quiz shows are the parser's.
#include "smp/stages.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "smp/answers.hpp"
#include "smp/config.hpp"
#include "smp/consultation.hpp"
#include "smp/questions.hpp"
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

std::vector<std::string> stage_options(const std::string& scale) {
  const json doc = smp::questions_json(json{{"pattern", {{"scale", scale}}}}, smp::Config{}, "en",
                                       t::date("2025-06-01"));
  std::vector<std::string> out;
  for (const json& q : t::array_at(doc, "questions")) {
    if (t::string_at(q, "id") != scale + "_stage") continue;
    for (const json& option : t::array_at(q, "options"))
      out.push_back(t::string_at(option, "value"));
  }
  return out;
}

}  // namespace

TEST_CASE("the Norwood and Ludwig stages are one list everywhere", "[answers][stages]") {
  const std::vector<std::string> norwood(smp::kNorwoodStages.begin(), smp::kNorwoodStages.end());
  const std::vector<std::string> ludwig(smp::kLudwigStages.begin(), smp::kLudwigStages.end());
  CHECK(stage_options("norwood") == norwood);
  CHECK(stage_options("ludwig") == ludwig);
  for (const std::string& stage : norwood) {
    INFO(stage);
    const auto answers = t::parse_ok(t::with(t::base_answers(), {{"pattern", {{"stage", stage}}}}));
    // Every stage but I (nothing to treat) maps to a package.
    CHECK(smp::select_packages(answers, smp::default_config()).empty() == (stage == "I"));
    const auto config = smp::parse_config(
        json{{"pricing",
              {{"model", "per_stage"},
               {"per_stage", {{"norwood:" + stage, {{"low", 1000}, {"high", 2000}}}}}}}});
    CHECK(config.errors.empty());
  }
  SECTION("an unknown stage is refused with the list itself") {
    auto parsed = smp::parse_answers(t::with(t::base_answers(), {{"pattern", {{"stage", "VIII"}}}}),
                                     t::as_of(), smp::Completeness::kComplete);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.errors.front().message ==
          "must be one of: " + smp::stage_list(smp::kNorwoodStages) + " (got \"VIII\")");
  }
}

TEST_CASE("the quiz's age field shows the bounds the parser applies", "[answers][questions]") {
  const json doc = smp::questions_json(json::object(), smp::Config{}, "en", t::date("2025-06-01"));
  const std::vector<json> questions = t::array_at(doc, "questions");
  REQUIRE_FALSE(questions.empty());
  const json& dob = questions.front();
  REQUIRE(t::string_at(dob, "id") == "dob");
  const int min = dob.at("age").at("min").get<int>();
  const int max = dob.at("age").at("max").get<int>();
  const auto errors_for = [](int age) {
    return smp::parse_answers(json{{"age", age}}, t::as_of(), smp::Completeness::kPartial)
        .errors.size();
  };
  CHECK(errors_for(min) == 0);
  CHECK(errors_for(max) == 0);
  CHECK(errors_for(min - 1) == 1);
  CHECK(errors_for(max + 1) == 1);
}
