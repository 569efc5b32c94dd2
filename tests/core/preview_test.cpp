// The result's preview (smp/preview.hpp): well-formed SVG (parsed with Debian's Expat, a real XML
// parser, not a helper of the code under test), deterministic, drawing the packages' areas.
#include "smp/preview.hpp"

#include <expat.h>

#include <map>

#include "smp/stage_geometry.hpp"
#include "smp/stages.hpp"
#include "test_support.hpp"

namespace {

using smp::test::json;

// What Expat saw: the root element's name and attributes, every data-area value, the title.
struct ParsedSvg {
  bool well_formed = false;
  std::string error;
  std::string root;
  std::map<std::string, std::string> root_attributes;
  std::string attribute(const std::string& name) const {
    const auto it = root_attributes.find(name);
    return it == root_attributes.end() ? "" : it->second;
  }
  std::set<std::string> areas;
  std::string first_child;
  std::string title;
};

struct ParseState {
  ParsedSvg* out;
  int depth = 0;
  bool in_title = false;
};

ParsedSvg parse_svg(const std::string& svg) {
  ParsedSvg parsed;
  ParseState state{&parsed};
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char** attributes) {
        auto* s = static_cast<ParseState*>(data);
        if (s->depth == 0) {
          s->out->root = name;
          for (int i = 0; attributes[i] != nullptr; i += 2) {
            s->out->root_attributes[attributes[i]] = attributes[i + 1];
          }
        }
        if (s->depth == 1 && s->out->first_child.empty()) s->out->first_child = name;
        for (int i = 0; attributes[i] != nullptr; i += 2) {
          if (std::string_view(attributes[i]) == "data-area")
            s->out->areas.insert(attributes[i + 1]);
        }
        s->in_title = std::string_view(name) == "title";
        ++s->depth;
      },
      [](void* data, const XML_Char*) {
        auto* s = static_cast<ParseState*>(data);
        s->in_title = false;
        --s->depth;
      });
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* text, int length) {
    auto* s = static_cast<ParseState*>(data);
    if (s->in_title) s->out->title.append(text, static_cast<std::size_t>(length));
  });
  parsed.well_formed =
      XML_Parse(parser, svg.data(), static_cast<int>(svg.size()), 1) == XML_STATUS_OK;
  if (!parsed.well_formed) parsed.error = XML_ErrorString(XML_GetErrorCode(parser));
  XML_ParserFree(parser);
  return parsed;
}

json answers_for(const std::string& scale, const std::string& stage, const std::string& look) {
  json pattern{{"scale", scale}};
  if (scale == "diffuse") {
    pattern["extent"] = stage;
  } else if (!stage.empty()) {
    pattern["stage"] = stage;
  }
  return json{{"pattern", pattern}, {"desired_look", look}, {"fitzpatrick", 3}};
}

smp::Preview render(const json& answers, smp::PreviewView view, smp::PreviewState state,
                    smp::HairlineStyle style = smp::HairlineStyle::kSoft,
                    const smp::Config& config = smp::default_config(),
                    const std::string& locale = "en") {
  smp::PreviewOptions options;
  options.view = view;
  options.state = state;
  options.style = style;
  auto result = smp::render_preview(answers, config, options, locale);
  INFO(smp::test::diagnostics_text(result.errors));
  REQUIRE(result.ok());
  return *result.value;
}

// Every drawable pattern: each row of the stage table with a scale the answers have.
std::vector<json> every_stage() {
  std::vector<json> out;
  for (const smp::StageGeometry& row : smp::stage_geometry()) {
    const std::string scale(row.scale);
    if (scale == "alopecia_areata") {
      out.push_back(json{{"pattern", {{"scale", "none"}}},
                         {"cause", "alopecia_areata"},
                         {"alopecia_last_change", "2024-01-01"}});
    } else if (scale == "alopecia_totalis_universalis") {
      out.push_back(json{{"pattern", {{"scale", "none"}}}, {"cause", scale}});
    } else {
      out.push_back(answers_for(scale, std::string(row.stage), "shaved"));
    }
  }
  return out;
}

constexpr smp::PreviewView kViews[] = {smp::PreviewView::kTop, smp::PreviewView::kFront};
constexpr smp::PreviewState kStates[] = {smp::PreviewState::kToday, smp::PreviewState::kSmp};
constexpr smp::HairlineStyle kStyles[] = {smp::HairlineStyle::kSoft, smp::HairlineStyle::kDefined};

}  // namespace

TEST_CASE("every preview is well-formed SVG with a viewBox, a title and at most 12 KB",
          "[preview]") {
  int pictures = 0;
  for (const json& stage : every_stage()) {
    for (const std::string look : {"shaved", "keep_length"}) {
      json answers = stage;
      answers["desired_look"] = look;
      answers["scars"] = json::array({json{{"type", "fut_strip"}}, json{{"type", "other_large"}}});
      for (auto view : kViews) {
        for (auto state : kStates) {
          for (auto style : kStyles) {
            const smp::Preview preview = render(answers, view, state, style);
            INFO(smp::test::dump(answers) << " " << smp::to_string(view) << " "
                                          << smp::to_string(state) << " " << smp::to_string(style));
            const ParsedSvg svg = parse_svg(preview.svg);
            INFO(svg.error);
            REQUIRE(svg.well_formed);
            CHECK(svg.root == "svg");
            CHECK(svg.attribute("viewBox") == "0 0 100 112");
            CHECK(svg.attribute("role") == "img");
            CHECK(svg.attribute("xmlns") == "http://www.w3.org/2000/svg");
            CHECK(svg.first_child == "title");
            CHECK(svg.title == preview.alt);
            CHECK(preview.svg.size() <= 12 * 1024);
            ++pictures;
          }
        }
      }
    }
  }
  CHECK(pictures == static_cast<int>(smp::stage_geometry().size()) * 2 * 2 * 2 * 2);
}

TEST_CASE("the same answers give a byte-identical preview", "[preview]") {
  const json answers = json::parse(
      R"({"pattern":{"scale":"norwood","stage":"V"},"desired_look":"shaved","fitzpatrick":4,
          "cause":"alopecia_areata","alopecia_last_change":"2024-02-01",
          "scars":[{"type":"fue_dots"},{"type":"other_small"}]})");
  // The same document written in another key order and spacing is the same answers.
  const json reordered = json::parse(
      R"({ "scars": [{"type": "fue_dots"}, {"type": "other_small"}], "fitzpatrick": 4,
           "alopecia_last_change": "2024-02-01", "cause": "alopecia_areata",
           "desired_look": "shaved", "pattern": {"stage": "V", "scale": "norwood"} })");
  for (auto view : kViews) {
    for (auto state : kStates) {
      const smp::Preview first = render(answers, view, state);
      CHECK(render(answers, view, state).svg == first.svg);
      CHECK(render(reordered, view, state).svg == first.svg);
    }
  }
  SECTION("other answers seed other stipple and patches") {
    json other = answers;
    other["scars"][1]["type"] = "other_large";
    CHECK(render(other, smp::PreviewView::kTop, smp::PreviewState::kSmp).svg !=
          render(answers, smp::PreviewView::kTop, smp::PreviewState::kSmp).svg);
  }
}

TEST_CASE("the preview differs between stages and between today and with SMP", "[preview]") {
  std::set<std::string> top_today, top_smp;
  const auto stages = every_stage();
  for (const json& answers : stages) {
    const std::string today =
        render(answers, smp::PreviewView::kTop, smp::PreviewState::kToday).svg;
    const std::string smp = render(answers, smp::PreviewView::kTop, smp::PreviewState::kSmp).svg;
    top_today.insert(today);
    top_smp.insert(smp);
    const smp::Preview with = render(answers, smp::PreviewView::kTop, smp::PreviewState::kSmp);
    INFO(smp::test::dump(answers));
    // Only a head with nothing to treat looks the same with SMP (but for its ids and title).
    if (!with.areas.empty()) CHECK(today != smp);
  }
  CHECK(top_today.size() == stages.size());
  CHECK(top_smp.size() == stages.size());
  // From the front too, the hairline stages differ from each other.
  std::set<std::string> front_today;
  for (const std::string stage : {"I", "II", "III", "IIIA", "V", "VII"}) {
    front_today.insert(render(answers_for("norwood", stage, "shaved"), smp::PreviewView::kFront,
                              smp::PreviewState::kToday)
                           .svg);
  }
  CHECK(front_today.size() == 6);
}

TEST_CASE("the treated region holds the areas of the packages the core selects", "[preview]") {
  const auto areas_of = [](const json& answers, smp::PreviewView view = smp::PreviewView::kTop) {
    return parse_svg(render(answers, view, smp::PreviewState::kSmp).svg).areas;
  };
  SECTION("crown-only: the crown is filled, the hairline is not") {
    const auto drawn = areas_of(answers_for("crown_only", "", "shaved"));
    CHECK(drawn == std::set<std::string>{"crown"});
  }
  SECTION("Norwood II shaved (hairline package): the hairline, not the crown") {
    const auto drawn = areas_of(answers_for("norwood", "II", "shaved"));
    CHECK(drawn == std::set<std::string>{"hairline"});
    CHECK(drawn.count("crown") == 0);
  }
  SECTION("Norwood V shaved (full_top): hairline, front, top and crown") {
    const smp::Preview p = render(answers_for("norwood", "V", "shaved"), smp::PreviewView::kTop,
                                  smp::PreviewState::kSmp);
    CHECK(p.areas == std::vector<std::string>{"hairline", "front", "top", "crown"});
    CHECK(parse_svg(p.svg).areas == std::set<std::string>{"hairline", "front", "top", "crown"});
  }
  SECTION("scars add their area; today shows the scars, unfilled") {
    json answers = answers_for("norwood", "III", "shaved");
    answers["scars"] = json::array({json{{"type", "fut_strip"}}});
    CHECK(areas_of(answers) == std::set<std::string>{"hairline", "front", "scars"});
    const std::string today =
        render(answers, smp::PreviewView::kTop, smp::PreviewState::kToday).svg;
    CHECK(today.find("data-scar=\"fut_strip\"") != std::string::npos);
    CHECK(parse_svg(today).areas.empty());
  }
  SECTION("the areas are those of select_packages, for every drawable answer") {
    for (json answers : every_stage()) {
      for (const std::string look : {"shaved", "keep_length"}) {
        answers["desired_look"] = look;
        const smp::Config config = smp::default_config();
        auto parsed = smp::parse_answers(answers, smp::test::as_of(), smp::Completeness::kPartial);
        REQUIRE(parsed.ok());
        std::set<std::string> expected;
        for (const auto& pick : smp::select_packages(*parsed.value, config)) {
          for (auto area : smp::package_areas(pick.id)) expected.insert(std::string(area));
        }
        const smp::Preview p = render(answers, smp::PreviewView::kTop, smp::PreviewState::kSmp);
        INFO(smp::test::dump(answers));
        CHECK(std::set<std::string>(p.areas.begin(), p.areas.end()) == expected);
        CHECK(parse_svg(p.svg).areas == expected);
      }
    }
  }
}

TEST_CASE("the hairline style is offered only when the package has a hairline", "[preview]") {
  const json hairline = answers_for("norwood", "III", "shaved");  // frontal
  const json density = answers_for("ludwig", "II", "keep_length");
  for (auto view : kViews) {
    const smp::Preview soft =
        render(hairline, view, smp::PreviewState::kSmp, smp::HairlineStyle::kSoft);
    const smp::Preview defined =
        render(hairline, view, smp::PreviewState::kSmp, smp::HairlineStyle::kDefined);
    CHECK(soft.styles == std::vector<std::string>{"soft", "defined"});
    CHECK(defined.options.style == smp::HairlineStyle::kDefined);
    CHECK(soft.svg != defined.svg);
    const smp::Preview density_soft =
        render(density, view, smp::PreviewState::kSmp, smp::HairlineStyle::kSoft);
    const smp::Preview density_defined =
        render(density, view, smp::PreviewState::kSmp, smp::HairlineStyle::kDefined);
    CHECK(density_soft.styles.empty());
    CHECK(density_defined.options.style == smp::HairlineStyle::kSoft);
    CHECK(density_soft.svg == density_defined.svg);
  }
}

TEST_CASE("the look sets the stipple and the Fitzpatrick answer only the tones", "[preview]") {
  const json shaved = answers_for("norwood", "IV", "shaved");
  json keep = shaved;
  keep["desired_look"] = "keep_length";
  const smp::Preview a = render(shaved, smp::PreviewView::kTop, smp::PreviewState::kSmp);
  const smp::Preview b = render(keep, smp::PreviewView::kTop, smp::PreviewState::kSmp);
  // Dots per tile of the stipple: dense stubble for the shaved look, sparse under longer hair,
  // where a soft shadow lies beneath them.
  const auto dots = [](const std::string& svg) {
    std::size_t n = 0;
    for (std::size_t at = svg.find("<circle"); at != std::string::npos;
         at = svg.find("<circle", at + 1))
      ++n;
    return n;
  };
  CHECK(dots(a.svg) > 2 * dots(b.svg));
  CHECK(dots(b.svg) > 0);
  CHECK(a.svg.find("opacity=\".3\"") == std::string::npos);
  CHECK(b.svg.find("opacity=\".3\"") != std::string::npos);
  CHECK(dots(render(shaved, smp::PreviewView::kTop, smp::PreviewState::kToday).svg) == 0);
  json fair = shaved, dark = shaved;
  fair["fitzpatrick"] = 1;
  dark["fitzpatrick"] = 6;
  const smp::Preview f = render(fair, smp::PreviewView::kTop, smp::PreviewState::kSmp);
  const smp::Preview d = render(dark, smp::PreviewView::kTop, smp::PreviewState::kSmp);
  CHECK(f.svg != d.svg);
  CHECK(f.areas == d.areas);
  CHECK(f.alt == d.alt);  // nothing said about the skin
}

TEST_CASE("preview problems have pointers under /answers and /options", "[preview]") {
  const smp::Config config = smp::default_config();
  const auto errors_of = [&](const json& answers, const json& options) {
    const json out = smp::preview_json(answers, options, config, "en");
    REQUIRE(out["ok"] == false);
    std::vector<std::string> found;
    for (const auto& e : out["errors"]) {
      found.push_back(e["pointer"].get<std::string>() + " " + e["code"].get<std::string>());
      CHECK(!e["message"].get<std::string>().empty());
    }
    return found;
  };
  const json ok = answers_for("norwood", "V", "shaved");
  CHECK(errors_of(ok, {{"view", "side"}}) ==
        std::vector<std::string>{"/options/view invalid_value"});
  CHECK(errors_of(ok, {{"state", 1}}) == std::vector<std::string>{"/options/state invalid_value"});
  CHECK(errors_of(ok, {{"zoom", "x"}}) == std::vector<std::string>{"/options/zoom unknown_option"});
  CHECK(errors_of(answers_for("unsure", "", "shaved"), json::object()) ==
        std::vector<std::string>{"/answers/pattern/scale not_drawable"});
  CHECK(errors_of(answers_for("norwood", "", "shaved"), json::object()) ==
        std::vector<std::string>{"/answers/pattern/stage not_drawable"});
  CHECK(errors_of(answers_for("norwood", "VIII", "shaved"), json::object())
            .front()
            .rfind("/answers/pattern/stage", 0) == 0);
  const json good = smp::preview_json(ok, json::object(), config, "es");
  CHECK(good["ok"] == true);
  CHECK(good["view"] == "top");
  CHECK(good["state"] == "smp");
  CHECK(good["style"] == "soft");
  CHECK(good["caption"] == "Una ilustración, no una simulación de tu resultado");
}

TEST_CASE("every text in the preview is escaped for XML", "[preview]") {
  const smp::Config config = smp::test::config_ok(
      json{{"copy", {{"en", {{"preview.alt.today", "<b>Tom & \"Jerry's\"</b> {pattern}"}}}}}});
  const smp::Preview p = render(answers_for("norwood", "III", "shaved"), smp::PreviewView::kTop,
                                smp::PreviewState::kToday, smp::HairlineStyle::kSoft, config);
  const ParsedSvg svg = parse_svg(p.svg);
  REQUIRE(svg.well_formed);
  CHECK(svg.title == p.alt);
  CHECK(p.svg.find("<b>") == std::string::npos);
}
