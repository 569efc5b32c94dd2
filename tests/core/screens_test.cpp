// questions_json's screen grouping: which questions share a screen, the health checklists, the
// stable progress total, and that answering screen by screen still gives every rule its input.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "smp/questions.hpp"
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

json questions_for(const json& answers, smp::Date today = t::date("2025-06-01")) {
  return smp::questions_json(answers, smp::Config{}, "en", today);
}

json question(const json& output, const std::string& id) {
  for (const json& q : t::array_at(output, "questions")) {
    if (t::string_at(q, "id") == id) return q;
  }
  FAIL("question " << id << " not shown");
  return json();
}

std::vector<std::string> screen_ids(const json& output) {
  std::vector<std::string> ids;
  for (const json& screen : t::array_at(output, "screens"))
    ids.push_back(t::string_at(screen, "id"));
  return ids;
}

json screen(const json& output, const std::string& id) {
  for (const json& s : t::array_at(output, "screens")) {
    if (t::string_at(s, "id") == id) return s;
  }
  return json();
}

int total_of(const json& output) {
  const json* progress = t::member(output, "progress");
  REQUIRE(progress);
  return t::member(*progress, "total")->get<int>();
}

/// What a visitor who means `target` writes on one screen: the target's value for each question
/// (age instead of a date of birth when that is what they know); for a checklist item the
/// target leaves out, the "None of these apply" value (an item without one stays unanswered, as
/// its skip means).
void answer_screen(const json& output, const json& screen, const json& target, json& answers) {
  for (const json& id : t::array_at(screen, "questions")) {
    const json q = question(output, id.get<std::string>());
    const json::json_pointer pointer(t::string_at(q, "pointer"));
    if (target.contains(pointer)) {
      answers[pointer] = target[pointer];
    } else if (t::string_at(q, "id") == "dob" && target.contains("age")) {
      answers["age"] = target["age"];
    } else if (const json* none = t::member(q, "none_value")) {
      answers[pointer] = *none;
    }
  }
}

struct Walk {
  json answers = json::object();
  std::vector<std::string> screens;
  std::set<int> totals;
};

/// Answers screen after screen, as the widget does (each screen taken from the questions output
/// for the answers so far), until no screen is left. Bounded.
Walk walk(const json& target, smp::Date today) {
  Walk w;
  for (int step = 0; step < 20; ++step) {
    const json output = questions_for(w.answers, today);
    w.totals.insert(total_of(output));
    // The next screen is the first one not answered yet (answers only ever add later ones).
    std::string id;
    for (const std::string& candidate : screen_ids(output)) {
      if (std::find(w.screens.begin(), w.screens.end(), candidate) == w.screens.end()) {
        id = candidate;
        break;
      }
    }
    if (id.empty()) return w;
    w.screens.push_back(id);
    answer_screen(output, screen(output, id), target, w.answers);
    // A follow-up drawn on the same screen once its item is answered (chemotherapy's end date).
    for (int redraw = 0; redraw < 3; ++redraw) {
      const json again = questions_for(w.answers, today);
      answer_screen(again, screen(again, id), target, w.answers);
    }
  }
  FAIL("no end after 20 screens");
  return w;
}

std::vector<std::string> reason_codes(const json& result) {
  std::vector<std::string> codes;
  for (const json& reason : t::array_at(result, "reasons"))
    codes.push_back(t::string_at(reason, "code"));
  return codes;
}

// Persona (a) of issue 13: 34-year-old man, Norwood III, no health issues.
json persona_a() {
  return json{{"dob", "1991-03-14"},
              {"sex", "male"},
              {"pattern", {{"scale", "norwood"}, {"stage", "III"}}},
              {"desired_look", "shaved"}};
}

}  // namespace

TEST_CASE("every visible question is on one listed screen, in catalogue order",
          "[questions][screens]") {
  const json output = questions_for(json{{"sex", "female"},
                                         {"pattern", {{"scale", "norwood"}}},
                                         {"cause", "alopecia_areata"},
                                         {"medical", {{"chemotherapy", "ended"}}}});
  std::vector<std::string> in_screens;
  for (const json& s : t::array_at(output, "screens")) {
    const std::string layout = t::string_at(s, "layout");
    CHECK((layout == "form" || layout == "checklist"));
    CHECK_FALSE(t::string_at(s, "section").empty());
    for (const json& id : t::array_at(s, "questions")) {
      in_screens.push_back(id.get<std::string>());
      CHECK(t::string_at(question(output, id.get<std::string>()), "screen") ==
            t::string_at(s, "id"));
    }
  }
  std::vector<std::string> in_questions;
  for (const json& q : t::array_at(output, "questions"))
    in_questions.push_back(t::string_at(q, "id"));
  CHECK(in_screens == in_questions);
  CHECK(screen_ids(output) ==
        std::vector<std::string>{"about_you", "pattern", "stage", "cause_and_look", "scars",
                                 "health_conditions", "health_treatments", "timing"});
}

TEST_CASE("health screening is two checklist screens with a none value per item",
          "[questions][screens][health]") {
  const json output = questions_for(json{{"sex", "female"}});
  for (const char* id : {"health_conditions", "health_treatments"}) {
    INFO(id);
    const json s = screen(output, id);
    REQUIRE(s.is_object());
    CHECK(t::string_at(s, "layout") == "checklist");
    CHECK(t::string_at(s, "title") == (std::string(id) == "health_conditions"
                                           ? "Does any of this apply to you?"
                                           : "A few treatments and conditions"));
    CHECK(t::string_at(s, "none_label") == "None of these apply to me");
    for (const json& qid : t::array_at(s, "questions")) {
      const json q = question(output, qid.get<std::string>());
      INFO(t::string_at(q, "id"));
      CHECK(t::string_at(q, "section") == "health");
      // Every item can still be answered "unsure" (SPEC §8), and moving on unanswered means that.
      CHECK(t::string_at(q, "unanswered_value") == "unsure");
    }
  }
  const std::vector<json> conditions =
      t::array_at(screen(output, "health_conditions"), "questions");
  CHECK(conditions.size() == 8);  // the seven flags and pregnancy (not asked of men)
  for (const json& qid : conditions) {
    const json q = question(output, qid.get<std::string>());
    CHECK(t::string_at(q, "kind") == "yes_no");
    CHECK(*t::member(q, "none_value") == json(false));
  }
  CHECK(*t::member(question(output, "chemotherapy"), "none_value") == "none");
  CHECK(*t::member(question(output, "diabetes"), "none_value") == "none");
  CHECK(*t::member(question(output, "skin_cancer"), "none_value") == "none");
  // "Never" is an omitted date: the skip, not a value.
  CHECK(t::member(question(output, "isotretinoin_last_dose"), "none_value") == nullptr);
  CHECK(t::member(question(output, "isotretinoin_last_dose"), "skip_label"));

  SECTION("a follow-up shows only for its ticked item, on the same screen") {
    CHECK(t::array_at(screen(output, "health_treatments"), "questions").size() == 4);
    const json ended = questions_for(json{{"medical", {{"chemotherapy", "ended"}}}});
    const auto ids = t::array_at(screen(ended, "health_treatments"), "questions");
    CHECK(std::find(ids.begin(), ids.end(), json("chemotherapy_end")) != ids.end());
    CHECK(t::array_at(screen(questions_for(json{{"medical", {{"chemotherapy", "none"}}}}),
                             "health_treatments"),
                      "questions")
              .size() == 4);
  }
  SECTION("men are not asked about pregnancy") {
    const json men = questions_for(json{{"sex", "male"}});
    CHECK(t::array_at(screen(men, "health_conditions"), "questions").size() == 7);
  }
}

TEST_CASE("persona (a) reaches the result in at most 9 screens with a stable total",
          "[questions][screens]") {
  const Walk w = walk(persona_a(), t::date("2025-06-01"));
  INFO("screens: " << w.screens.size());
  CHECK(w.screens.size() <= 9);
  CHECK(w.screens.size() == 8);
  // The total shown never changes on the way (it used to jump 21 -> 20 -> 21).
  CHECK(w.totals == std::set<int>{8});
  const json result = t::evaluate_ok(w.answers, smp::default_config(), t::date("2025-06-01"));
  CHECK(t::string_at(result, "verdict") == "good_candidate");
}

TEST_CASE("the progress total only shrinks, when an answer rules a screen out",
          "[questions][screens]") {
  CHECK(total_of(questions_for(json::object())) == 8);
  // No scale yet: the stage screen may still come.
  CHECK(total_of(questions_for(json{{"sex", "female"}})) == 8);
  CHECK(total_of(questions_for(json{{"pattern", {{"scale", "ludwig"}}}})) == 8);
  CHECK(total_of(questions_for(json{{"pattern", {{"scale", "crown_only"}}}})) == 7);
  CHECK(total_of(questions_for(json{{"pattern", {{"scale", "unsure"}}}})) == 7);
  // A follow-up on its item's screen adds no screen.
  CHECK(total_of(questions_for(
            json{{"cause", "alopecia_areata"}, {"medical", {{"chemotherapy", "ended"}}}})) == 8);
}

TEST_CASE("answered screen by screen, every scenario gives its verdict and reasons",
          "[questions][screens][scenarios]") {
  for (const auto& file : t::files_in(t::fixtures_dir() / "scenarios", ".json")) {
    const json fixture = t::load_json(file);
    const smp::Date today = t::date(t::string_at(fixture, "today"));
    const json& target = fixture["answers"];
    INFO(file.filename().string());
    const Walk w = walk(target, today);
    CHECK(w.screens.size() <= 9);
    // Every answer the scenario gives was asked on some screen (none is lost).
    for (const auto& [key, value] : target.items()) {
      if (key == "as_of") continue;
      INFO(key);
      CHECK(w.answers.contains(key));
    }
    json direct = target;
    const json expected = t::evaluate_ok(direct, smp::default_config(), today);
    const json shown = t::evaluate_ok(w.answers, smp::default_config(), today);
    CHECK(t::string_at(shown, "verdict") == t::string_at(expected, "verdict"));
    CHECK(t::string_at(shown, "verdict") == t::string_at(fixture["expect"], "verdict"));
    CHECK(reason_codes(shown) == reason_codes(expected));
  }
}

TEST_CASE("skin type, asked last, never changes a verdict or a price", "[questions][screens]") {
  const json output = questions_for(json::object());
  CHECK(t::string_at(question(output, "fitzpatrick"), "screen") == "timing");
  for (const auto& file : t::files_in(t::fixtures_dir() / "scenarios", ".json")) {
    const json fixture = t::load_json(file);
    const smp::Date today = t::date(t::string_at(fixture, "today"));
    INFO(file.filename().string());
    json without = fixture["answers"];
    without.erase("fitzpatrick");
    const json base = t::evaluate_ok(without, smp::default_config(), today);
    for (int type = 1; type <= 6; ++type) {
      const json result =
          t::evaluate_ok(t::with(without, {{"fitzpatrick", type}}), smp::default_config(), today);
      CHECK(t::string_at(result, "verdict") == t::string_at(base, "verdict"));
      CHECK(result["estimate"] == base["estimate"]);
      CHECK(result["reasons"] == base["reasons"]);
    }
  }
}

TEST_CASE("only non-medical questions may be prefilled by the page", "[questions][prefill]") {
  const json output = questions_for(json{{"sex", "female"},
                                         {"pattern", {{"scale", "norwood"}}},
                                         {"cause", "alopecia_areata"},
                                         {"medical", {{"chemotherapy", "ended"}}}});
  std::set<std::string> prefillable;
  for (const json& q : t::array_at(output, "questions")) {
    if (t::bool_at(q, "prefill") == true) prefillable.insert(t::string_at(q, "id"));
    // Never a health answer, nor one that reveals a condition or a history (cause, scars).
    if (t::string_at(q, "section") == "health") CHECK(t::member(q, "prefill") == nullptr);
  }
  CHECK(prefillable == std::set<std::string>{"dob", "sex", "pattern_scale", "norwood_stage",
                                             "desired_look", "requested_start", "fitzpatrick"});
}
