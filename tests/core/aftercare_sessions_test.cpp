// Aftercare after every planned session (DOMAIN 3.7: each session restarts the clocks), and what
// an "if needed" session does to the unrestricted-from date. Base plan: sessions 2025-06-08,
// 06-22 and 07-06 (Norwood III, shaved look, 14-day spacing).
#include "smp/ics.hpp"
#include "smp/messages.hpp"
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

const json* aftercare_item(const json& plan, int session, const std::string& code) {
  for (const auto& item : plan["aftercare"]) {
    if (item["after_session"] == session && item["code"] == code) return &item;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("every planned session gets its aftercare dates", "[planner][aftercare][sessions]") {
  SECTION("regression: sessions 1 and 2 have their milestones, not only the last") {
    const json plan = t::evaluate_ok(t::base_answers())["plan"];
    for (int session : {1, 2, 3}) {
      INFO("session " << session);
      CHECK(aftercare_item(plan, session, "shaving"));
      CHECK(aftercare_item(plan, session, "direct_sun"));
    }
    const json* shaving = aftercare_item(plan, 1, "shaving");
    CHECK((*shaving)["resume_on"] == "2025-06-12");
    CHECK_FALSE(shaving->contains("restarted_by_session"));
    CHECK((*aftercare_item(plan, 2, "washing_shampoo"))["resume_on"] == "2025-06-27");
  }
  SECTION("a milestone the next session comes before is restarted by it") {
    const json plan = t::evaluate_ok(t::base_answers())["plan"];
    // Day 14 after session 1 is session 2's day; day 28 is long after it.
    CHECK((*aftercare_item(plan, 1, "hot_showers"))["restarted_by_session"] == 2);
    CHECK((*aftercare_item(plan, 1, "pools_sauna_tanning"))["restarted_by_session"] == 2);
    CHECK((*aftercare_item(plan, 2, "direct_sun"))["restarted_by_session"] == 3);
    CHECK_FALSE(aftercare_item(plan, 3, "direct_sun")->contains("restarted_by_session"));
    CHECK((*aftercare_item(plan, 3, "direct_sun"))["resume_on"] == "2025-08-03");
    CHECK(plan["unrestricted_from"] == "2025-08-03");
  }
  SECTION("an undated (pending clearance) plan marks them by the planned spacing") {
    const json plan = t::evaluate_ok(
        t::with(t::base_answers(), {{"medical", {{"other_serious_condition", true}}}}))["plan"];
    REQUIRE(plan["status"] == "pending_clearance");
    CHECK(aftercare_item(plan, 1, "shaving"));
    CHECK_FALSE(aftercare_item(plan, 1, "shaving")->contains("resume_on"));
    CHECK((*aftercare_item(plan, 1, "direct_sun"))["restarted_by_session"] == 2);
  }
  SECTION("regression: an 'if needed' session gives its own unrestricted-from date") {
    // Norwood VII: full scalp, 3 planned of 4; session 4 (2025-07-20) only if needed.
    const json plan = t::evaluate_ok(t::with(
        t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "VII"}}}}))["plan"];
    CHECK(plan["unrestricted_from"] == "2025-08-03");
    CHECK(plan["unrestricted_from_if_needed"] == "2025-08-17");
    CHECK_FALSE(aftercare_item(plan, 4, "shaving"));  // the planned course's milestones only
    const json plain = t::evaluate_ok(t::base_answers())["plan"];
    CHECK_FALSE(plain.contains("unrestricted_from_if_needed"));
  }
}

TEST_CASE("the calendar has aftercare events after every session", "[ics][aftercare][sessions]") {
  const auto consultation = t::consult(t::base_answers());
  const smp::Messages messages(smp::default_config(), "en");
  const std::string ics = smp::plan_to_ics(consultation, smp::default_config(), messages);
  for (const char* summary : {"SUMMARY:SMP aftercare after session 1: Shaving",
                              "SUMMARY:SMP aftercare after session 2: Shaving",
                              "SUMMARY:SMP aftercare after session 3: Shaving"}) {
    INFO(summary);
    CHECK(ics.find(summary) != std::string::npos);
  }
  // Session 1's pools milestone (2025-07-06) is restarted by session 2: no event claims it.
  CHECK(ics.find("DTSTART;VALUE=DATE:20250706\r\nDTEND;VALUE=DATE:20250707\r\nSUMMARY:SMP "
                 "aftercare") == std::string::npos);
}
