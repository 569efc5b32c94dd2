// A clinic policy that softens a rule to medical clearance also says what clearance means
// (DOMAIN 3.3: dermatologist review for keloids, guardian consent for minors).
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

const json* reason_with_code(const json& result, const std::string& code) {
  for (const auto& reason : result["reasons"]) {
    if (reason["code"] == code) return &reason;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("softened policies carry their clearance action", "[screening][config][actions]") {
  SECTION("regression: keloid_policy medical_clearance asks for a dermatologist's review") {
    const auto config = t::config_ok({{"screening", {{"keloid_policy", "medical_clearance"}}}});
    const json result =
        t::evaluate_ok(t::with(t::base_answers(), {{"medical", {{"keloid_prone", true}}}}), config);
    const json* reason = reason_with_code(result, "keloid_prone");
    REQUIRE(reason);
    CHECK((*reason)["verdict"] == "medical_clearance");
    CHECK((*reason)["action"] == "dermatologist_review");
    CHECK(t::string_at(*reason, "action_message").find("dermatologist") != std::string::npos);
  }
  SECTION("regression: a minor allowed with guardian consent is asked for that consent") {
    const auto config =
        t::config_ok({{"screening", {{"allow_minor_with_guardian_consent", true}}}});
    const json result = t::evaluate_ok(t::with(t::base_answers(), {{"age", 17}}), config);
    const json* reason = reason_with_code(result, "under_minimum_age");
    REQUIRE(reason);
    CHECK((*reason)["verdict"] == "medical_clearance");
    CHECK((*reason)["action"] == "guardian_consent");
    CHECK(t::string_at(*reason, "action_message").find("guardian") != std::string::npos);
  }
  SECTION("the default policies keep their rules' actions (none for these two)") {
    const json keloid =
        t::evaluate_ok(t::with(t::base_answers(), {{"medical", {{"keloid_prone", true}}}}));
    CHECK_FALSE(reason_with_code(keloid, "keloid_prone")->contains("action"));
    const json minor = t::evaluate_ok(t::with(t::base_answers(), {{"age", 17}}));
    CHECK_FALSE(reason_with_code(minor, "under_minimum_age")->contains("action"));
  }
}
