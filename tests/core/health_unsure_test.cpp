// "unsure" health answers (SPEC §8): parsed beside the old booleans, one `health_answer_unsure`
// reason per unknown answer, never a good candidate, and a quiz that offers "not sure".
#include "smp/questions.hpp"
#include "test_support.hpp"

namespace {

using smp::Verdict;
using smp::test::json;
namespace t = smp::test;

const std::vector<std::string> kYesNoKeys{"pregnant_or_breastfeeding",
                                          "active_scalp_condition",
                                          "chronic_scalp_condition_controlled",
                                          "keloid_prone",
                                          "blood_thinners_or_bleeding_disorder",
                                          "pigment_or_ink_reaction",
                                          "immunocompromised",
                                          "other_serious_condition"};
const std::vector<std::string> kOtherKeys{"chemotherapy", "diabetes", "skin_cancer",
                                          "isotretinoin_last_dose"};

json all_unsure() {
  json medical = json::object();
  for (const auto& key : kYesNoKeys) medical[key] = "unsure";
  for (const auto& key : kOtherKeys) medical[key] = "unsure";
  return medical;
}

}  // namespace

TEST_CASE("every health answer accepts \"unsure\" beside its old values", "[answers][unsure]") {
  SECTION("each key alone is recorded as unsure and as no condition") {
    std::vector<std::string> keys = kYesNoKeys;
    keys.insert(keys.end(), kOtherKeys.begin(), kOtherKeys.end());
    for (const auto& key : keys) {
      INFO(key);
      const auto answers =
          t::parse_ok(t::with(t::base_answers(), {{"medical", {{key, "unsure"}}}}));
      CHECK(answers.medical.unsure == std::vector<std::string>{key});
      CHECK_FALSE(answers.medical.keloid_prone);
      CHECK(answers.medical.chemotherapy == smp::Chemotherapy::kNone);
      CHECK_FALSE(answers.medical.isotretinoin_last_dose);
    }
  }
  SECTION("booleans, enum values and dates keep working; omitted keys mean no") {
    const auto answers =
        t::parse_ok(t::with(t::base_answers(), {{"medical",
                                                 {{"keloid_prone", false},
                                                  {"immunocompromised", true},
                                                  {"diabetes", "controlled"},
                                                  {"isotretinoin_last_dose", "2024-01-01"}}}}));
    CHECK(answers.medical.unsure.empty());
    CHECK(answers.medical.immunocompromised);
    CHECK(answers.medical.diabetes == smp::Diabetes::kControlled);
    CHECK(answers.medical.isotretinoin_last_dose);
  }
  SECTION("other strings are still errors that name \"unsure\"") {
    const auto parsed = smp::parse_answers(
        t::with(t::base_answers(), {{"medical", {{"keloid_prone", "maybe"}, {"diabetes", "?"}}}}),
        t::as_of(), smp::Completeness::kComplete);
    REQUIRE(parsed.errors.size() == 2);
    for (const auto& error : parsed.errors) {
      INFO(error.pointer << ": " << error.message);
      CHECK(error.message.find("unsure") != std::string::npos);
    }
  }
}

TEST_CASE("each unsure health answer fires health_answer_unsure", "[screening][unsure]") {
  SECTION("one reason per unsure answer, naming it, with the consultation as its action") {
    const json answers = t::with(
        t::base_answers(), {{"medical", {{"keloid_prone", "unsure"}, {"diabetes", "unsure"}}}});
    const auto screening = smp::screen(t::parse_ok(answers), smp::default_config(), t::as_of());
    CHECK(screening.verdict == Verdict::kMedicalClearance);
    REQUIRE(screening.reasons.size() == 2);
    CHECK(screening.reasons[0].code == "health_answer_unsure");
    CHECK(screening.reasons[0].subject == "medical.keloid_prone");
    CHECK(screening.reasons[1].subject == "medical.diabetes");
    for (const auto& reason : screening.reasons) CHECK(reason.action == "discuss_at_consultation");
  }
  SECTION("regression: a visitor who skipped every health question is not a good candidate") {
    const json result = t::evaluate_ok(t::with(t::base_answers(), {{"medical", all_unsure()}}));
    CHECK(t::string_at(result, "verdict") == "medical_clearance");
    const auto reasons = t::array_at(result, "reasons");
    CHECK(reasons.size() == kYesNoKeys.size() + kOtherKeys.size());
    const json& plan = result["plan"];
    CHECK(t::string_at(plan, "status") == "pending_clearance");
    for (const auto& session : t::array_at(plan, "sessions")) CHECK_FALSE(session.contains("date"));
    for (const auto& reason : reasons) {
      CHECK(t::string_at(reason, "code") == "health_answer_unsure");
      CHECK(t::string_at(reason, "verdict") == "medical_clearance");
      CHECK(t::string_at(reason, "action") == "discuss_at_consultation");
      CHECK_FALSE(t::string_at(reason, "action_message").empty());
    }
    // The message quotes the question in the visitor's words.
    const auto keloid = std::find_if(reasons.begin(), reasons.end(), [](const json& r) {
      return t::string_at(r, "subject") == "medical.keloid_prone";
    });
    REQUIRE(keloid != reasons.end());
    CHECK(t::string_at(*keloid, "message").find("keloid scars?") != std::string::npos);
  }
  SECTION("the reason comes in Spanish too") {
    auto result =
        smp::evaluate_json(t::with(t::base_answers(), {{"medical", {{"keloid_prone", "unsure"}}}}),
                           smp::default_config(), t::as_of(), true, "es");
    REQUIRE(result.ok());
    const auto reasons = t::array_at(*result.value, "reasons");
    REQUIRE(reasons.size() == 1);
    CHECK(t::string_at(reasons[0], "message").find("queloide") != std::string::npos);
  }
  SECTION("a stricter rule still wins, and all answers known give no such reason") {
    const json answers =
        t::with(t::base_answers(),
                {{"medical", {{"pregnant_or_breastfeeding", true}, {"keloid_prone", "unsure"}}}});
    CHECK(smp::screen(t::parse_ok(answers), smp::default_config(), t::as_of()).verdict ==
          Verdict::kDefer);
    const json known = t::with(t::base_answers(), {{"medical", {{"keloid_prone", false}}}});
    CHECK(t::evaluate_ok(known)["verdict"] == "good_candidate");
  }
}

TEST_CASE("the quiz offers \"not sure\" on every health question", "[questions][unsure]") {
  const json doc = smp::questions_json(json::object(), smp::default_config(), "en", t::as_of());
  int health = 0;
  for (const auto& q : doc["questions"]) {
    if (q["section"] != "health") {
      CHECK_FALSE(q.contains("unanswered_value"));
      continue;
    }
    INFO(q["id"]);
    if (q["id"] == "chemotherapy_end") continue;  // only after "ended": an approximate date
    ++health;
    CHECK(q["unanswered_value"] == "unsure");
    if (q.contains("options")) {
      const auto& last = q["options"].back();
      CHECK(last["value"] == "unsure");
      CHECK(last["label"] == "Not sure / prefer not to say");
    } else {
      CHECK(q["unsure_label"] == "Not sure / prefer not to say");
    }
  }
  CHECK(health == 12);
}
