// DOMAIN 1.10 / 3.9: "SMP doesn't grow hair" comes with every result, whatever the verdict, so
// every channel (widget, printout, CLI) shows the same guardrail text.
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

}  // namespace

TEST_CASE("every result carries the no-regrowth guardrail", "[result][guardrails]") {
  const auto patch = GENERATE(values<json>({
      json::object(),                                     // good candidate
      {{"medical", {{"immunocompromised", true}}}},       // medical clearance
      {{"medical", {{"active_scalp_condition", true}}}},  // defer
      {{"medical", {{"keloid_prone", true}}}},            // not suitable
  }));
  const json result = t::evaluate_ok(t::with(t::base_answers(), patch));
  INFO(result["verdict"]);
  REQUIRE(result["guardrails"].is_array());
  REQUIRE(result["guardrails"].size() == 1);
  CHECK(result["guardrails"][0]["code"] == "no_regrowth");
  CHECK(t::string_at(result["guardrails"][0], "message").find("doesn't grow hair") !=
        std::string::npos);
  SECTION("in Spanish too") {
    auto es = smp::evaluate_json(t::with(t::base_answers(), patch), smp::default_config(),
                                 t::as_of(), true, "es");
    REQUIRE(es.ok());
    CHECK(t::string_at((*es.value)["guardrails"][0], "message").find("no hace crecer") !=
          std::string::npos);
  }
}
