// The views the core asks a visitor to photograph, the `photos` config section, and the rules for
// the photos a lead carries (SPEC §8).
#include "smp/lead.hpp"
#include "smp/photos.hpp"
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

std::vector<std::string> view_ids(const json& answers) {
  std::vector<std::string> ids;
  for (const auto& view : smp::photo_views(t::parse_ok(answers))) ids.push_back(view.id);
  return ids;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("the photo views follow the hair-loss pattern and each scar", "[photos][views]") {
  SECTION("early Norwood: hairline and both temples") {
    CHECK(view_ids(t::base_answers()) == Ids{"front", "left", "right"});
  }
  SECTION("Norwood III vertex adds top and crown") {
    CHECK(view_ids(t::with(t::base_answers(), {{"pattern", {{"stage", "III_VERTEX"}}}})) ==
          Ids{"front", "left", "right", "top", "crown"});
  }
  SECTION("advanced Norwood, diffuse and not sure: the whole head") {
    const Ids whole{"front", "top", "crown", "left", "right", "back"};
    CHECK(view_ids(t::with(t::base_answers(), {{"pattern", {{"stage", "VI"}}}})) == whole);
    CHECK(view_ids(t::with(
              t::base_answers(),
              {{"pattern", {{"scale", "diffuse"}, {"stage", nullptr}, {"extent", "moderate"}}}})) ==
          whole);
    CHECK(view_ids(t::with(t::base_answers(),
                           {{"pattern", {{"scale", "unsure"}, {"stage", nullptr}}}})) == whole);
  }
  SECTION("crown only") {
    CHECK(view_ids(t::with(t::base_answers(),
                           {{"pattern", {{"scale", "crown_only"}, {"stage", nullptr}}}})) ==
          Ids{"crown", "top"});
  }
  SECTION("one view per scar, never more than eight views") {
    json scars = json::array();
    for (int i = 0; i < 7; ++i)
      scars.push_back({{"type", "fue_dots"}, {"healed_since", "2024-01-01"}});
    const Ids ids =
        view_ids(t::with(t::base_answers(), {{"pattern", {{"stage", "VI"}}}, {"scars", scars}}));
    CHECK(ids == Ids{"front", "top", "scar_1", "scar_2", "scar_3", "scar_4", "scar_5", "scar_6"});
    CHECK(
        view_ids(t::with(t::base_answers(),
                         {{"scars", {{{"type", "fut_strip"}, {"healed_since", "2024-01-01"}}}}})) ==
        Ids{"front", "left", "right", "scar_1"});
  }
}

TEST_CASE("the photos section is validated with pointers", "[photos][config]") {
  const auto config = t::config_ok({{"photos", {{"retention_days", 7}, {"max_email_mb", 10}}}});
  CHECK(config.photos.retention_days == 7);
  CHECK(config.photos.max_email_mb == 10);
  CHECK(smp::default_config().photos.retention_days == 30);
  CHECK(smp::default_config().photos.max_email_mb == 15);

  const auto broken = smp::parse_config({{"photos",
                                          {{"retention_days", 0},
                                           {"dark_mean_below", 200},
                                           {"bright_mean_above", 150},
                                           {"flash", true}}}});
  std::set<std::string> pointers;
  for (const auto& error : broken.errors) pointers.insert(error.pointer);
  CHECK(pointers == std::set<std::string>{"/photos/retention_days", "/photos/bright_mean_above",
                                          "/photos/flash"});
}

TEST_CASE("a lead's photos need their consent and a view the core asked for", "[photos][lead]") {
  const auto config = smp::default_config();
  const auto answers = t::parse_ok(t::base_answers());
  const auto codes = [&](const Ids& views, bool consent, const smp::Config& c) {
    std::vector<std::string> out;
    for (const auto& error : smp::check_lead_photos(views, consent, answers, c, "en")) {
      out.push_back(error.pointer + " " + error.code);
    }
    return out;
  };
  CHECK(codes({}, false, config).empty());
  CHECK(codes({"front", "left"}, true, config).empty());
  CHECK(codes({"front"}, false, config) == Ids{"/photos/0 photos_consent_missing"});
  CHECK(codes({"front", "crown", "front"}, true, config) ==
        Ids{"/photos/1 photo_view_unknown", "/photos/2 photo_view_repeated"});
  auto disabled = config;
  disabled.photos.enabled = false;
  CHECK(codes({"front"}, true, disabled) == Ids{"/photos/0 photos_disabled"});
  const auto messages = smp::check_lead_photos({"front"}, false, answers, config, "es");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].message.find("fotos") != std::string::npos);

  SECTION("consent.photos is read from the lead") {
    const json lead = {{"schema", "smp-consult/lead@1"},
                       {"contact", {{"name", "Sam"}, {"email", "sam@example.com"}}},
                       {"consent", {{"contact", true}, {"photos", true}}},
                       {"answers", t::base_answers()},
                       {"client_id", "client-12345678"}};
    const auto parsed = smp::parse_lead(lead, config, t::as_of(), "en");
    INFO(t::diagnostics_text(parsed.errors));
    REQUIRE(parsed.ok());
    CHECK(parsed.value->consent.photos);
  }
}
