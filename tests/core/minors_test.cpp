// Visitors under the clinic's minimum age: "not yet" copy (verdict still not_suitable, DOMAIN
// N5), no health-data sharing offered, and the relay's lead check refusing their health answers.
#include "smp/lead.hpp"
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

json lead_with(const json& answers, bool health_consent) {
  return {{"schema", "smp-consult/lead@1"},
          {"contact", {{"name", "Sam"}, {"email", "sam@example.com"}}},
          {"consent", {{"contact", true}, {"health_data", health_consent}}},
          {"answers", answers},
          {"client_id", "client-12345678"}};
}

}  // namespace

TEST_CASE("a minor is told 'not yet', with the date when it is known", "[screening][minors]") {
  SECTION("regression: a 17-year-old's headline is not a bare 'Not suitable'") {
    const json result = t::evaluate_ok(t::with(t::base_answers(), {{"age", 17}}));
    CHECK(result["verdict"] == "not_suitable");
    CHECK(result["verdict_variant"] == "not_yet");
    CHECK(result["headline"] == "Not yet");
    CHECK(t::string_at(result, "summary").find("once you turn 18") != std::string::npos);
  }
  SECTION("with a date of birth the headline and summary name the 18th birthday") {
    const json result =
        t::evaluate_ok(t::with(t::base_answers(), {{"age", nullptr}, {"dob", "2008-03-12"}}));
    CHECK(result["verdict"] == "not_suitable");
    CHECK(result["headline"] == "Not yet: you can come back from March 12, 2026");
    CHECK(t::string_at(result, "summary").find("from March 12, 2026") != std::string::npos);
    auto es =
        smp::evaluate_json(t::with(t::base_answers(), {{"age", nullptr}, {"dob", "2008-03-12"}}),
                           smp::default_config(), t::as_of(), true, "es");
    REQUIRE(es.ok());
    CHECK((*es.value)["headline"] == "Todavía no: puedes volver a partir del 12 de marzo de 2026");
  }
  SECTION("another permanent reason keeps the plain 'Not suitable'") {
    const json result = t::evaluate_ok(
        t::with(t::base_answers(), {{"age", 17}, {"medical", {{"keloid_prone", true}}}}));
    CHECK(result["headline"] == "Not suitable");
    CHECK_FALSE(result.contains("verdict_variant"));
  }
  SECTION("adults keep their verdict's copy") {
    CHECK(t::evaluate_ok(t::base_answers())["headline"] == "Good candidate");
  }
}

TEST_CASE("health answers are not shared below the minimum age", "[lead][minors]") {
  const json minor = t::with(t::base_answers(), {{"age", 17}});
  SECTION("the result tells the widget not to offer the health-data consent") {
    CHECK(t::evaluate_ok(minor)["health_data_consent"] == false);
    CHECK(t::evaluate_ok(t::base_answers())["health_data_consent"] == true);
    const auto guardian =
        t::config_ok({{"screening", {{"allow_minor_with_guardian_consent", true}}}});
    CHECK(t::evaluate_ok(minor, guardian)["health_data_consent"] == false);
  }
  SECTION("regression: a minor's lead with health answers is refused at /answers/medical") {
    const json answers = t::with(minor, {{"medical", {{"keloid_prone", false}}}});
    const auto parsed =
        smp::parse_lead(lead_with(answers, true), smp::default_config(), t::as_of(), "en");
    REQUIRE_FALSE(parsed.ok());
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.errors[0].pointer == "/answers/medical");
    CHECK(parsed.errors[0].code == "health_data_minor");
    CHECK(parsed.errors[0].message.find("under 18") != std::string::npos);
  }
  SECTION("the same minor without health answers, and an adult with them, are accepted") {
    CHECK(smp::parse_lead(lead_with(minor, false), smp::default_config(), t::as_of(), "en").ok());
    const json adult = t::with(t::base_answers(), {{"medical", {{"keloid_prone", false}}}});
    CHECK(smp::parse_lead(lead_with(adult, true), smp::default_config(), t::as_of(), "en").ok());
  }
}
