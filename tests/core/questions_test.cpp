// questions_json: which questions show for the answers so far, their texts, options and errors.
#include "smp/questions.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "smp/config.hpp"
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

smp::Date today() {
  return t::date("2025-06-01");
}

json questions_for(const json& answers, const std::string& locale = "en",
                   const smp::Config& config = smp::Config{}) {
  return smp::questions_json(answers, config, locale, today());
}

std::vector<std::string> ids(const json& output) {
  std::vector<std::string> out;
  for (const json& question : t::array_at(output, "questions")) {
    out.push_back(t::string_at(question, "id"));
  }
  return out;
}

bool shows(const json& output, const std::string& id) {
  const auto all = ids(output);
  return std::find(all.begin(), all.end(), id) != all.end();
}

json question(const json& output, const std::string& id) {
  for (const json& q : t::array_at(output, "questions")) {
    if (t::string_at(q, "id") == id) return q;
  }
  FAIL("question " << id << " not shown");
  return json();
}

std::vector<json> option_values(const json& q) {
  std::vector<json> values;
  for (const json& option : t::array_at(q, "options")) {
    const json* value = t::member(option, "value");
    values.push_back(value ? *value : json());
  }
  return values;
}

// Every visible text of a questions document: section titles and intros, question texts, help,
// skip labels and option labels.
std::vector<std::string> all_texts(const json& output) {
  std::vector<std::string> texts;
  for (const json& section : t::array_at(output, "sections")) {
    texts.push_back(t::string_at(section, "title"));
    texts.push_back(t::string_at(section, "intro"));
  }
  for (const json& q : t::array_at(output, "questions")) {
    for (const char* key : {"text", "help", "skip_label"}) {
      if (t::member(q, key)) texts.push_back(t::string_at(q, key));
    }
    for (const json& option : t::array_at(q, "options")) {
      texts.push_back(t::string_at(option, "label"));
      if (t::member(option, "help")) texts.push_back(t::string_at(option, "help"));
    }
  }
  return texts;
}

// Answers under which every conditional question shows (pregnancy needs sex != male).
json everything_visible() {
  return json{{"sex", "female"},
              {"pattern", {{"scale", "norwood"}}},
              {"cause", "alopecia_areata"},
              {"medical", {{"chemotherapy", "ended"}}}};
}

}  // namespace

TEST_CASE("questions_json has the documented shape", "[questions]") {
  const json output = questions_for(json::object());
  CHECK(t::string_at(output, "schema") == "smp-consult/questions@1");
  CHECK(t::string_at(output, "locale") == "en");
  const auto sections = t::array_at(output, "sections");
  REQUIRE(sections.size() == 6);
  std::vector<std::string> section_ids;
  for (const json& section : sections) {
    section_ids.push_back(t::string_at(section, "id"));
    CHECK_FALSE(t::string_at(section, "title").empty());
    CHECK(t::string_at(section, "intro").rfind("section.", 0) != 0);
  }
  CHECK(section_ids ==
        std::vector<std::string>{"about_you", "hair_loss", "goals", "scars", "health", "timing"});
  CHECK(t::array_at(output, "errors").empty());

  const std::set<std::string> kinds{"single", "yes_no", "date", "number", "stage", "scar_list"};
  for (const json& q : t::array_at(output, "questions")) {
    const std::string id = t::string_at(q, "id");
    INFO(id);
    CHECK(kinds.count(t::string_at(q, "kind")) == 1);
    CHECK(std::set<std::string>(section_ids.begin(), section_ids.end())
              .count(t::string_at(q, "section")) == 1);
    CHECK(t::string_at(q, "pointer").rfind("/", 0) == 0);
    CHECK(t::bool_at(q, "required").has_value());
    CHECK(t::bool_at(q, "answered") == false);
    // A missing message would show its key instead of a text.
    CHECK(t::string_at(q, "text").rfind("question.", 0) != 0);
    for (const json& option : t::array_at(q, "options")) {
      CHECK(t::string_at(option, "label").rfind("option.", 0) != 0);
    }
  }
}

TEST_CASE("questions come in catalogue order", "[questions]") {
  CHECK(ids(questions_for(everything_visible())) ==
        std::vector<std::string>{"dob",
                                 "sex",
                                 "pattern_scale",
                                 "norwood_stage",
                                 "cause",
                                 "alopecia_last_change",
                                 "desired_look",
                                 "last_hair_transplant",
                                 "scars",
                                 "pregnant_or_breastfeeding",
                                 "active_scalp_condition",
                                 "chronic_scalp_condition_controlled",
                                 "keloid_prone",
                                 "blood_thinners_or_bleeding_disorder",
                                 "pigment_or_ink_reaction",
                                 "immunocompromised",
                                 "other_serious_condition",
                                 "chemotherapy",
                                 "chemotherapy_end",
                                 "diabetes",
                                 "skin_cancer",
                                 "isotretinoin_last_dose",
                                 "requested_start",
                                 "fitzpatrick"});
}

TEST_CASE("follow-up questions show only when their answer calls for them", "[questions]") {
  SECTION("nothing answered: no follow-ups") {
    const json output = questions_for(json::object());
    for (const char* id : {"norwood_stage", "ludwig_stage", "diffuse_extent",
                           "alopecia_last_change", "chemotherapy_end"}) {
      INFO(id);
      CHECK_FALSE(shows(output, id));
    }
    CHECK(shows(output, "pregnant_or_breastfeeding"));
    CHECK_FALSE(t::member(question(output, "pattern_scale"), "suggested"));
  }
  SECTION("Norwood scale shows the Norwood stages") {
    const json output = questions_for({{"pattern", {{"scale", "norwood"}}}});
    CHECK_FALSE(shows(output, "ludwig_stage"));
    const json stage = question(output, "norwood_stage");
    CHECK(t::string_at(stage, "kind") == "stage");
    CHECK(t::string_at(stage, "pointer") == "/pattern/stage");
    CHECK(option_values(stage) == std::vector<json>{"I", "II", "IIA", "III", "IIIA", "III_VERTEX",
                                                    "IV", "IVA", "V", "VA", "VI", "VII"});
    const auto options = t::array_at(stage, "options");
    CHECK(t::string_at(options[5], "label") == "Stage 3 vertex");
    for (const json& option : options) CHECK(t::member(option, "help"));
  }
  SECTION("Ludwig scale shows the Ludwig stages") {
    const json output = questions_for({{"pattern", {{"scale", "ludwig"}}}});
    CHECK_FALSE(shows(output, "norwood_stage"));
    CHECK(option_values(question(output, "ludwig_stage")) == std::vector<json>{"I", "II", "III"});
  }
  SECTION("diffuse thinning asks for its extent") {
    const json output = questions_for({{"pattern", {{"scale", "diffuse"}}}});
    CHECK(option_values(question(output, "diffuse_extent")) ==
          std::vector<json>{"mild", "moderate", "extensive"});
  }
  SECTION("men are not asked about pregnancy and are offered Norwood first") {
    const json output = questions_for({{"sex", "male"}});
    CHECK_FALSE(shows(output, "pregnant_or_breastfeeding"));
    const json scale = question(output, "pattern_scale");
    CHECK(t::string_at(scale, "suggested") == "norwood");
    CHECK(option_values(scale).front() == "norwood");
    CHECK(option_values(scale).size() == 6);
  }
  SECTION("women are offered Ludwig first, and can still pick Norwood") {
    const json output = questions_for({{"sex", "female"}});
    CHECK(shows(output, "pregnant_or_breastfeeding"));
    const json scale = question(output, "pattern_scale");
    CHECK(t::string_at(scale, "suggested") == "ludwig");
    CHECK(option_values(scale) ==
          std::vector<json>{"ludwig", "norwood", "crown_only", "diffuse", "none", "unsure"});
  }
  SECTION("alopecia areata asks when the patches last changed") {
    const json output = questions_for({{"cause", "alopecia_areata"}});
    const json last_change = question(output, "alopecia_last_change");
    CHECK(t::bool_at(last_change, "required") == true);
    CHECK(t::string_at(last_change, "kind") == "date");
    CHECK_FALSE(shows(questions_for({{"cause", "androgenetic"}}), "alopecia_last_change"));
  }
  SECTION("ended chemotherapy asks for its end date") {
    const json output = questions_for({{"medical", {{"chemotherapy", "ended"}}}});
    CHECK(t::string_at(question(output, "chemotherapy_end"), "pointer") ==
          "/medical/chemotherapy_end");
    CHECK_FALSE(
        shows(questions_for({{"medical", {{"chemotherapy", "current"}}}}), "chemotherapy_end"));
  }
}

TEST_CASE("answer values are the SPEC §3 values", "[questions]") {
  const json output = questions_for(everything_visible());
  SECTION("yes/no questions write booleans under /medical") {
    const json keloid = question(output, "keloid_prone");
    CHECK(t::string_at(keloid, "kind") == "yes_no");
    CHECK(t::string_at(keloid, "pointer") == "/medical/keloid_prone");
    CHECK(t::bool_at(keloid, "required") == false);
    CHECK(option_values(keloid) == std::vector<json>{true, false, "unsure"});
  }
  SECTION("Fitzpatrick types are integers") {
    CHECK(option_values(question(output, "fitzpatrick")) == std::vector<json>{1, 2, 3, 4, 5, 6});
  }
  SECTION("single choices") {
    CHECK(option_values(question(output, "sex")) == std::vector<json>{"male", "female", "other"});
    CHECK(option_values(question(output, "cause")) ==
          std::vector<json>{"androgenetic", "alopecia_areata", "alopecia_totalis_universalis",
                            "chemotherapy", "trauma_or_surgery", "unknown"});
    CHECK(option_values(question(output, "desired_look")) ==
          std::vector<json>{"shaved", "keep_length"});
    CHECK(option_values(question(output, "chemotherapy")) ==
          std::vector<json>{"none", "current", "ended", "unsure"});
    CHECK(option_values(question(output, "diabetes")) ==
          std::vector<json>{"none", "controlled", "uncontrolled", "unsure"});
    CHECK(option_values(question(output, "skin_cancer")) ==
          std::vector<json>{"none", "history", "current_or_suspicious", "unsure"});
  }
  SECTION("scar list describes the scar types") {
    const json scars = question(output, "scars");
    CHECK(t::string_at(scars, "kind") == "scar_list");
    CHECK(option_values(scars) ==
          std::vector<json>{"fut_strip", "fue_dots", "other_small", "other_large"});
    CHECK(t::string_at(scars, "skip_label") == "No scars on my scalp");
  }
}

TEST_CASE("date questions carry bounds and skip labels", "[questions]") {
  const json output = questions_for(everything_visible());
  for (const char* id : {"dob", "last_hair_transplant", "alopecia_last_change", "chemotherapy_end",
                         "isotretinoin_last_dose"}) {
    INFO(id);
    CHECK(t::string_at(question(output, id), "max") == "2025-06-01");
    CHECK_FALSE(t::member(question(output, id), "min"));
  }
  CHECK(t::string_at(question(output, "requested_start"), "min") == "2025-06-01");
  CHECK(t::string_at(question(output, "requested_start"), "skip_label") == "As soon as possible");
  CHECK(t::string_at(question(output, "last_hair_transplant"), "skip_label") ==
        "I've never had a hair transplant");
  CHECK(t::member(question(output, "isotretinoin_last_dose"), "skip_label"));
  CHECK(t::string_at(question(output, "isotretinoin_last_dose"), "help").find("Accutane") !=
        std::string::npos);
  CHECK(t::bool_at(question(output, "dob"), "required") == true);
  CHECK_FALSE(t::member(question(output, "dob"), "skip_label"));
}

TEST_CASE("answered reflects what the answers hold", "[questions]") {
  SECTION("a false medical flag is still an answer") {
    const json output = questions_for(
        {{"dob", "1990-01-01"}, {"medical", {{"keloid_prone", false}}}, {"scars", json::array()}});
    CHECK(t::bool_at(question(output, "keloid_prone"), "answered") == true);
    CHECK(t::bool_at(question(output, "dob"), "answered") == true);
    CHECK(t::bool_at(question(output, "scars"), "answered") == true);
    CHECK(t::bool_at(question(output, "immunocompromised"), "answered") == false);
  }
  SECTION("documents of any shape are safe and answer nothing") {
    for (const json& answers : {json(nullptr), json::array({1, 2}), json("dob"), json(42),
                                json{{"medical", "yes"}}, json{{"pattern", {1, 2}}}}) {
      INFO(t::dump(answers));
      const json output = questions_for(answers);
      CHECK(t::bool_at(question(output, "keloid_prone"), "answered") == false);
      CHECK(t::bool_at(question(output, "pattern_scale"), "answered") == false);
      CHECK_FALSE(shows(output, "norwood_stage"));
    }
  }
}

TEST_CASE("texts come in the requested locale with clinic overrides", "[questions][locale]") {
  const json en = questions_for(everything_visible(), "en");
  const json es = questions_for(everything_visible(), "es");
  CHECK(t::string_at(es, "locale") == "es");
  REQUIRE(ids(en) == ids(es));
  for (const json& q : t::array_at(en, "questions")) {
    const std::string id = t::string_at(q, "id");
    INFO(id);
    CHECK(t::string_at(q, "text") != t::string_at(question(es, id), "text"));
  }
  CHECK(t::string_at(t::array_at(en, "sections")[0], "title") !=
        t::string_at(t::array_at(es, "sections")[0], "title"));

  smp::Config config;
  config.copy["en"]["question.dob"] = "When were you born?";
  CHECK(t::string_at(question(questions_for(json::object(), "en", config), "dob"), "text") ==
        "When were you born?");
}

TEST_CASE("no question asks about HIV or hepatitis", "[questions][guardrails]") {
  for (const char* locale : {"en", "es"}) {
    for (const std::string& text : all_texts(questions_for(everything_visible(), locale))) {
      std::string lowered = text;
      for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      INFO(locale << ": " << text);
      CHECK(lowered.find("hepatitis") == std::string::npos);
      CHECK(lowered.find(" hiv") == std::string::npos);
      CHECK(lowered.find(" vih") == std::string::npos);
    }
  }
}

TEST_CASE("invalid answers come back as localized errors", "[questions][errors]") {
  const json output = questions_for({{"dob", "2025-02-30"}});
  const auto errors = t::array_at(output, "errors");
  REQUIRE_FALSE(errors.empty());
  CHECK(t::string_at(errors[0], "pointer") == "/dob");
  CHECK_FALSE(t::string_at(errors[0], "code").empty());
  CHECK_FALSE(t::string_at(errors[0], "message").empty());
  // The dob question is still shown so the visitor can fix it.
  CHECK(shows(output, "dob"));

  const auto es_errors = t::array_at(questions_for({{"dob", "2025-02-30"}}, "es"), "errors");
  REQUIRE_FALSE(es_errors.empty());
  CHECK(t::string_at(es_errors[0], "message") != t::string_at(errors[0], "message"));
}

TEST_CASE("questions and evaluate give one answer problem the same message",
          "[questions][errors]") {
  // regression: a future dob read "This date can't be in the future." in questions and
  // "must not be after the consultation date …" in evaluate.
  const json answers = {{"dob", "2031-01-01"},
                        {"pattern", {{"scale", "norwood"}, {"stage", "III"}}}};
  for (const char* locale : {"en", "es"}) {
    const auto questions = t::array_at(questions_for(answers, locale), "errors");
    REQUIRE(questions.size() == 1);
    const auto evaluated =
        smp::evaluate_json(answers, smp::default_config(), today(), false, locale);
    REQUIRE_FALSE(evaluated.ok());
    REQUIRE(evaluated.errors.size() == 1);
    CHECK(evaluated.errors[0].pointer == t::string_at(questions[0], "pointer"));
    CHECK(evaluated.errors[0].message == t::string_at(questions[0], "message"));
  }
}
