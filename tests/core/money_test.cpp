// Display money (SPEC §8 "One display rounding"): the core's estimate.display figures, which the
// widget, the printout and the clinic's email all show as they are.
#include "smp/money.hpp"

#include "smp/messages.hpp"
#include "test_support.hpp"

using namespace smp;
using namespace smp::test;

namespace {

const json& at(const json& object, const char* key) {
  static const json kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

}  // namespace

TEST_CASE("display figures round price ranges to the nearest round_to", "[money][display]") {
  CHECK(round_for_display(1940, 50) == 1950);
  CHECK(round_for_display(1924, 50) == 1900);
  CHECK(round_for_display(1925, 50) == 1950);
  CHECK(round_for_display(3490, 50) == 3500);
  CHECK(round_for_display(1234, 1) == 1234);
  CHECK(round_for_display(1260, 100) == 1300);
}

TEST_CASE("money text follows the locale's catalogue", "[money][display]") {
  const Config config = default_config();
  const Messages en(config, "en");
  CHECK(format_money(1450, "USD", en) == "$1,450");
  CHECK(format_money(1234567, "EUR", en) == "€1,234,567");
  CHECK(format_money(1450, "CHF", en) == "CHF\u00a01,450");
  CHECK(format_money_range(1450, 2800, "USD", en) == "$1,450 – $2,800");
  const Messages es(config, "es");
  CHECK(format_money(1450, "USD", es) == "1.450\u00a0US$");
  CHECK(format_money(1450, "EUR", es) == "1.450\u00a0€");
}

TEST_CASE("estimate.display holds the figures every channel shows", "[money][display]") {
  const Config config =
      config_ok(json{{"pricing", {{"scar_addon_factor", 0.55}, {"deposit", {{"percent", 10}}}}}});
  const json answers = with(
      base_answers(),
      json{{"scars", json::array({json{{"type", "fue_dots"}, {"healed_since", "2020-01-01"}}})}});
  const json result = evaluate_ok(answers, config);
  const json& estimate = at(result, "estimate");
  REQUIRE(estimate.is_object());
  // frontal 1500–2500 + FUE dots 800–1800 at 55 %: exact 1940–3490 stays in the raw fields.
  CHECK(at(estimate, "low") == 1940);
  CHECK(at(estimate, "high") == 3490);
  CHECK(at(estimate, "deposit") == 194);
  const json& display = at(estimate, "display");
  REQUIRE(display.is_object());

  SECTION("regression: the email rounded outward (1,900 – 3,500), the widget to nearest") {
    CHECK(at(display, "low") == 1950);
    CHECK(at(display, "high") == 3500);
    CHECK(at(display, "text") == "$1,950 – $3,500");
    CHECK(at(display, "round_to") == 50);
  }
  SECTION("each line and the touch-up are rounded the same way") {
    const json& lines = at(display, "lines");
    REQUIRE(lines.is_array());
    REQUIRE(lines.size() == 2);
    CHECK(at(lines[0], "package") == "frontal");
    CHECK(at(lines[0], "text") == "$1,500 – $2,500");
    CHECK(at(lines[1], "package") == "scar_fue");
    CHECK(at(lines[1], "low") == 450);    // 440
    CHECK(at(lines[1], "high") == 1000);  // 990
    CHECK(at(at(display, "touch_up"), "text") == "$300 – $600");
  }
  SECTION("a percentage deposit is that share of the shown low figure, shown exactly") {
    CHECK(at(at(display, "deposit"), "amount") == 195);
    CHECK(at(at(display, "deposit"), "text") == "$195");
    CHECK(at(display, "consultation_fee").is_null());
  }
  SECTION("a fixed deposit and the consultation fee are shown exactly") {
    const Config fixed =
        config_ok(json{{"pricing", {{"deposit", {{"amount", 120}}}, {"consultation_fee", 35}}}});
    const json shown = at(at(evaluate_ok(answers, fixed), "estimate"), "display");
    CHECK(at(at(shown, "deposit"), "text") == "$120");
    CHECK(at(at(shown, "consultation_fee"), "text") == "$35");
  }
}
