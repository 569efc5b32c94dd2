// Catalogue documents (smp-consult/messages@1): what `smp-consult messages` prints and the
// widget's English-only wasm loads for other locales, and how loaded texts layer under built-ins.
#include "smp/catalogue.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "smp/config.hpp"
#include "smp/messages.hpp"

namespace {

using nlohmann::json;

bool has_pointer(const smp::Diagnostics& errors, const std::string& pointer) {
  for (const auto& e : errors) {
    if (e.pointer == pointer) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("catalogue_json round-trips through parse_catalogue", "[catalogue]") {
  for (const char* locale : {"en", "es"}) {
    const json doc = smp::catalogue_json(locale);
    CHECK(doc["format"] == "smp-consult/messages@1");
    CHECK(doc["locale"] == locale);
    auto parsed = smp::parse_catalogue(doc);
    REQUIRE(parsed.ok());
    CHECK(parsed.value->locale == locale);
    CHECK(parsed.value->texts.size() == doc["messages"].size());
    CHECK(parsed.value->texts.at("ui.next") == doc["messages"]["ui.next"]);
  }
  CHECK(smp::catalogue_json("es")["messages"]["ui.next"] == "Siguiente");
  CHECK(smp::has_built_in_catalogue("en"));
  CHECK(smp::has_built_in_catalogue("es"));  // native builds compile every locale in
  CHECK_FALSE(smp::has_built_in_catalogue("fr"));
}

TEST_CASE("the widget's catalogue is every text but the email and photo texts", "[catalogue]") {
  const json all = smp::catalogue_json("es")["messages"];
  const json widget = smp::catalogue_json("es", smp::CatalogueScope::kWidget)["messages"];
  const json photos = smp::catalogue_json("es", smp::CatalogueScope::kWidgetPhotos)["messages"];
  std::size_t email = 0;
  for (auto it = all.begin(); it != all.end(); ++it) {
    const bool is_email = it.key().rfind("email.", 0) == 0;
    const bool is_photo = it.key().rfind("photos.", 0) == 0;
    email += is_email ? 1 : 0;
    CHECK(widget.contains(it.key()) == (!is_email && !is_photo));
    CHECK(photos.contains(it.key()) == is_photo);
  }
  CHECK(email > 0);
  CHECK(photos.contains("photos.quality.too_dark"));
  CHECK(widget.size() + email + photos.size() == all.size());
  REQUIRE(smp::parse_catalogue(smp::catalogue_json("es", smp::CatalogueScope::kWidgetPhotos)).ok());
}

TEST_CASE("parse_catalogue points at every problem", "[catalogue]") {
  CHECK(has_pointer(smp::parse_catalogue(json::array()).errors, ""));
  const auto errors = smp::parse_catalogue(
      json{{"format", "smp-consult/messages@2"},
           {"locale", "fr"},
           {"messages", {{"ui.next", 7}, {"ui.nope", "x"}, {"ui.back", std::string(4001, 'a')}}},
           {"extra", true}});
  CHECK_FALSE(errors.ok());
  for (const char* pointer : {"/format", "/locale", "/messages/ui.next", "/messages/ui.nope",
                              "/messages/ui.back", "/extra"}) {
    CHECK(has_pointer(errors.errors, pointer));
  }
  CHECK(has_pointer(smp::parse_catalogue(json{{"format", "smp-consult/messages@1"}}).errors,
                    "/locale"));
}

TEST_CASE("loaded catalogues sit under clinic copy and built-in texts", "[catalogue][messages]") {
  smp::Config config = smp::default_config();
  auto catalogues = std::make_shared<smp::Catalogues>();
  (*catalogues)["es"]["ui.next"] = "Adelante (cargado)";
  config.loaded_catalogues = catalogues;
  // Native builds have Spanish built in, so the built-in text wins over a loaded one.
  CHECK(smp::Messages(config, "es").text("ui.next") == "Siguiente");
  config.copy["es"]["ui.next"] = "Continuar";
  CHECK(smp::Messages(config, "es").text("ui.next") == "Continuar");
  CHECK(smp::Messages(config, "en").text("ui.next") == "Next");
  CHECK(smp::resolve_locale(config, "es") == "es");
}

TEST_CASE("with_prefix resolves every key as text() does", "[messages]") {
  smp::Config config = smp::default_config();
  config.copy["es"]["ui.next"] = "Continuar";
  config.copy["en"]["verdict.defer"] = "Not yet";
  auto catalogues = std::make_shared<smp::Catalogues>();
  (*catalogues)["es"]["ui.back"] = "Volver (cargado)";
  config.loaded_catalogues = catalogues;
  for (const char* locale : {"en", "es"}) {
    const smp::Messages messages(config, locale);
    for (const char* prefix : {"ui.", "verdict.", "section.", "longevity."}) {
      const auto all = messages.with_prefix(prefix);
      CHECK_FALSE(all.empty());
      for (const auto& [key, text] : all) {
        INFO(locale << " " << key);
        CHECK(text == messages.text(key));
      }
    }
  }
}

TEST_CASE("the widget's later catalogue is its texts of the steps after the questions",
          "[catalogue]") {
  const json widget = smp::catalogue_json("en", smp::CatalogueScope::kWidget)["messages"];
  const json later = smp::catalogue_json("en", smp::CatalogueScope::kWidgetLater)["messages"];
  for (auto it = widget.begin(); it != widget.end(); ++it) {
    CHECK(later.contains(it.key()) == smp::is_later_text(it.key()));
  }
  CHECK(later.size() < widget.size());
  // The result's texts leave the wasm; what the boot, intro, questions and their errors show stays.
  for (const char* key : {"verdict.good_candidate", "reason.health_answer_unsure", "money.format",
                          "date.long", "ui.result.title", "ui.lead.submit", "ui.done.title"}) {
    CHECK(later.contains(key));
  }
  for (const char* key :
       {"ui.intro.title", "ui.next", "ui.error.required", "ui.fallback.network", "question.dob",
        "option.yes_no.true", "section.health", "error.required", "ui.stage.not_sure"}) {
    CHECK_FALSE(smp::is_later_text(key));
  }
  REQUIRE(smp::parse_catalogue(smp::catalogue_json("en", smp::CatalogueScope::kWidgetLater)).ok());
}

TEST_CASE("a loaded English catalogue fills texts a build has only as keys",
          "[catalogue][messages]") {
  smp::Config config = smp::default_config();
  auto catalogues = std::make_shared<smp::Catalogues>();
  (*catalogues)["en"]["ui.next"] = "Next (loaded)";
  config.loaded_catalogues = catalogues;
  // A built-in text wins over the loaded one, in text() and in with_prefix() alike.
  CHECK(smp::Messages(config, "en").text("ui.next") == "Next");
  bool found = false;
  for (const auto& [key, text] : smp::Messages(config, "en").with_prefix("ui.next")) {
    if (key == "ui.next") {
      found = true;
      CHECK(text == "Next");
    }
  }
  CHECK(found);
}
