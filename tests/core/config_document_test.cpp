// The config written back as a document (`smp-consult defaults`, the setup studio's starting
// point): every key, in the shape the reader takes, so reading it gives the same clinic.
#include "smp/config_document.hpp"

#include "test_support.hpp"

namespace {

using nlohmann::json;

std::string problems(const smp::Diagnostics& errors) {
  std::string text;
  for (const auto& error : errors) text += smp::format_diagnostic(error) + "\n";
  return text;
}

}  // namespace

TEST_CASE("the default clinic's document reads back as the default clinic", "[config][document]") {
  const json document = smp::config_document_json(smp::default_config());
  auto parsed = smp::parse_config(document);
  INFO(problems(parsed.errors));
  REQUIRE(parsed.ok());
  CHECK(smp::config_document_json(*parsed.value) == document);
  CHECK(document["sessions"]["interval_days"] == 14);
  CHECK(document["pricing"]["currency"] == "USD");
  CHECK(document["pricing"]["packages"]["frontal"]["low"] == 1500);
  CHECK(document["pricing"]["packages"]["frontal"]["hours"]["min"] == 2.5);
  CHECK(document["pricing"]["packages"]["full_scalp"]["first_session_hours_max"] == 6);
  CHECK(document["sessions"]["open_weekdays"].size() == 7);
}

TEST_CASE("a clinic's document keeps every setting it read", "[config][document]") {
  const json clinic = json::parse(R"({
    "clinic": {"name": "Harbor", "timezone": "Europe/Madrid"},
    "sessions": {"interval_days": 21, "open_weekdays": ["mon", "fri"],
                 "closed_dates": ["2026-07-04", {"from": "2026-08-01", "to": "2026-08-15"}]},
    "pricing": {"currency": "EUR", "deposit": {"percent": 10}, "model": "per_stage",
                "per_stage": {"norwood:III": [1000, 2000]},
                "packages": {"frontal": {"low": 1700}}},
    "screening": {"keloid_policy": "medical_clearance", "diabetes_policy": "any"},
    "precare": {"wash": "day_of"},
    "lead": {"phone": "hidden", "allowed_origins": ["https://clinic.example"]},
    "copy": {"es": {"ui.intro.title": "Hola"}},
    "theme": {"accent": "#0f5c6e"}
  })");
  auto original = smp::parse_config(clinic);
  REQUIRE(original.ok());
  const json document = smp::config_document_json(*original.value);
  auto again = smp::parse_config(document);
  INFO(problems(again.errors));
  REQUIRE(again.ok());
  CHECK(smp::config_document_json(*again.value) == document);
  CHECK(document["sessions"]["closed_dates"] == clinic["sessions"]["closed_dates"]);
  CHECK(document["sessions"]["open_weekdays"] == json::array({"mon", "fri"}));
  CHECK(document["pricing"]["deposit"] == json{{"percent", 10}});
  CHECK(document["pricing"]["per_stage"]["norwood"]["III"] == json::array({1000, 2000}));
  CHECK(document["pricing"]["packages"]["frontal"]["low"] == 1700);
  CHECK(document["screening"]["keloid_policy"] == "medical_clearance");
  CHECK(document["screening"]["diabetes_policy"] == "any");
  CHECK(document["precare"]["wash"] == "day_of");
  CHECK(document["lead"]["phone"] == "hidden");
  CHECK(document["copy"]["es"]["ui.intro.title"] == "Hola");
}

TEST_CASE("every listed choice is accepted and the reader offers exactly those",
          "[config][document]") {
  const json choices = smp::config_choices_json();
  for (const auto& [pointer, names] : choices.items()) {
    CAPTURE(pointer);
    REQUIRE(names.is_array());
    REQUIRE_FALSE(names.empty());
    const json::json_pointer at(pointer);
    for (const auto& name : names) {
      json document = json::object();
      const bool list = pointer == "/sessions/open_weekdays" || pointer == "/locales/available";
      const bool stage = pointer.starts_with("/pricing/per_stage/");
      if (stage) {
        document[at][name.get<std::string>()] = json::array({1000, 2000});
      } else {
        document[at] = list ? json::array({name}) : name;
      }
      if (pointer == "/locales/default") document["locales"]["available"] = json::array({name});
      if (name == "per_stage") document["pricing"]["per_stage"]["norwood:III"] = {1000, 2000};
      auto parsed = smp::parse_config(document);
      CAPTURE(name);
      INFO(problems(parsed.errors));
      CHECK(parsed.ok());
    }
    if (pointer == "/pricing/currency" || pointer.starts_with("/locales") ||
        pointer.starts_with("/pricing/per_stage/") || pointer == "/sessions/open_weekdays") {
      continue;
    }
    // The reader's own error lists the names it takes: the same list, in the same order.
    json document = json::object();
    document[at] = "no_such_choice";
    auto parsed = smp::parse_config(document);
    REQUIRE(parsed.errors.size() == 1);
    std::string expected;
    for (const auto& name : names)
      expected += (expected.empty() ? "" : ", ") + name.get<std::string>();
    CHECK(parsed.errors[0].message == "must be one of: " + expected + " (got \"no_such_choice\")");
  }
}
