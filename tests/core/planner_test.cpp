// Planner (DOMAIN 3.7, SPEC §5 sessions): first session, spacing, open weekdays and closed
// dates, "if needed" sessions, full days, pre-care, aftercare, touch-up reminder and the
// pending-clearance plan. Reference date 2025-06-01 (a Sunday); base answers give `frontal`.
#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

std::string plan_summary(const std::optional<smp::Plan>& plan) {
  if (!plan) return "plan: none";
  std::string text = std::string("plan ") +
                     (plan->status == smp::PlanStatus::kScheduled ? "scheduled" : "pending") +
                     " sessions:";
  for (const auto& session : plan->sessions) {
    text += " #" + std::to_string(session.number) + " " +
            (session.date ? t::str(*session.date) : std::string("undated")) +
            (session.if_needed ? " (if needed)" : "") + (session.full_day ? " [full day]" : "");
  }
  text += "\nprecare:";
  for (const auto& item : plan->precare) {
    text += " s" + std::to_string(item.session) + "/" + std::to_string(item.day) + ":" + item.code +
            "@" + (item.date ? t::str(*item.date) : std::string("-"));
  }
  text += "\naftercare:";
  for (const auto& item : plan->aftercare) {
    text += " s" + std::to_string(item.session) + "/" + std::to_string(item.day) + ":" + item.code +
            "@" + (item.date ? t::str(*item.date) : std::string("-"));
  }
  return text;
}

std::vector<std::string> dates_of(const smp::Consultation& consultation) {
  if (!consultation.plan) return {};
  return t::date_strings(t::planned_dates(*consultation.plan));
}

/// The aftercare item for `code` after the latest session it is given for.
const smp::CareItem* last_aftercare(const smp::Plan& plan, std::string_view code) {
  const smp::CareItem* found = nullptr;
  for (const auto& item : plan.aftercare) {
    if (item.code == code && (!found || item.session >= found->session)) found = &item;
  }
  return found;
}

using Dates = std::vector<std::string>;

}  // namespace

TEST_CASE("The first session honours the booking lead and the requested start",
          "[planner][scheduling]") {
  SECTION("no request: as_of + 7 days") {
    const auto consultation = t::consult(t::base_answers());
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    CHECK(consultation.plan->status == smp::PlanStatus::kScheduled);
    CHECK(dates_of(consultation) == Dates{"2025-06-08", "2025-06-22", "2025-07-06"});
  }
  SECTION("a request before the booking lead moves to as_of + 7") {
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"requested_start", "2025-06-03"}}));
    INFO(plan_summary(consultation.plan));
    CHECK(dates_of(consultation) == Dates{"2025-06-08", "2025-06-22", "2025-07-06"});
  }
  SECTION("a request on the first bookable day is kept") {
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"requested_start", "2025-06-08"}}));
    INFO(plan_summary(consultation.plan));
    CHECK(dates_of(consultation) == Dates{"2025-06-08", "2025-06-22", "2025-07-06"});
  }
  SECTION("a later request is kept") {
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"requested_start", "2025-07-01"}}));
    INFO(plan_summary(consultation.plan));
    CHECK(dates_of(consultation) == Dates{"2025-07-01", "2025-07-15", "2025-07-29"});
  }
  SECTION("the clinic's booking lead") {
    const auto config = t::config_ok({{"sessions", {{"booking_lead_days", 10}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    INFO(plan_summary(consultation.plan));
    CHECK(dates_of(consultation) == Dates{"2025-06-11", "2025-06-25", "2025-07-09"});
  }
}

TEST_CASE("Sessions are spaced by interval_days", "[planner][scheduling]") {
  const auto config = t::config_ok({{"sessions", {{"interval_days", 21}}}});
  const auto consultation =
      t::consult(t::with(t::base_answers(), {{"requested_start", "2025-06-10"}}), config);
  INFO(plan_summary(consultation.plan));
  CHECK(dates_of(consultation) == Dates{"2025-06-10", "2025-07-01", "2025-07-22"});
}

TEST_CASE("Closed weekdays and dates move a session to the next open day; spacing never shrinks",
          "[planner][closed]") {
  SECTION("open Monday to Thursday: a Friday request moves to Monday") {
    const auto config =
        t::config_ok({{"sessions", {{"open_weekdays", {"mon", "tue", "wed", "thu"}}}}});
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"requested_start", "2025-06-13"}}), config);
    INFO(plan_summary(consultation.plan));
    CHECK(dates_of(consultation) == Dates{"2025-06-16", "2025-06-30", "2025-07-14"});
  }
  SECTION("open Monday to Friday: the Sunday after the lead moves to Monday") {
    const auto config =
        t::config_ok({{"sessions", {{"open_weekdays", {"mon", "tue", "wed", "thu", "fri"}}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    INFO(plan_summary(consultation.plan));
    CHECK(dates_of(consultation) == Dates{"2025-06-09", "2025-06-23", "2025-07-07"});
  }
  SECTION("a closed date moves one session; the next keeps the full interval from it") {
    const auto config = t::config_ok({{"sessions", {{"closed_dates", {"2025-06-24"}}}}});
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"requested_start", "2025-06-10"}}), config);
    INFO(plan_summary(consultation.plan));
    CHECK(dates_of(consultation) == Dates{"2025-06-10", "2025-06-25", "2025-07-09"});
  }
  SECTION("a closed range (holiday)") {
    const auto config = t::config_ok(
        {{"sessions",
          {{"closed_dates", json::array({{{"from", "2025-06-20"}, {"to", "2025-06-30"}}})}}}});
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"requested_start", "2025-06-10"}}), config);
    INFO(plan_summary(consultation.plan));
    CHECK(dates_of(consultation) == Dates{"2025-06-10", "2025-07-01", "2025-07-15"});
  }
  SECTION("a closed first day and a closed weekday together") {
    const auto config = t::config_ok(
        {{"sessions",
          {{"open_weekdays", {"mon", "tue", "wed", "thu", "fri"}},
           {"closed_dates",
            json::array({"2025-06-09", {{"from", "2025-06-23"}, {"to", "2025-06-24"}}})}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    INFO(plan_summary(consultation.plan));
    // 06-08 Sun -> 06-09 closed -> 06-10; +14 = 06-24 closed -> 06-25; +14 = 07-09.
    CHECK(dates_of(consultation) == Dates{"2025-06-10", "2025-06-25", "2025-07-09"});
  }
}

TEST_CASE("Sessions beyond the planned number are 'if needed'", "[planner][sessions]") {
  SECTION("full scalp: 3 planned of max 4") {
    const auto consultation = t::consult(
        t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "VII"}}}}));
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    REQUIRE(consultation.plan->sessions.size() == 4);
    for (int i = 0; i < 4; ++i) {
      INFO("session " << i + 1);
      CHECK(consultation.plan->sessions[i].number == i + 1);
      CHECK(consultation.plan->sessions[i].if_needed == (i == 3));
    }
    CHECK(dates_of(consultation) == Dates{"2025-06-08", "2025-06-22", "2025-07-06"});
  }
  SECTION("frontal: 3 planned of max 3, none if needed") {
    const auto consultation = t::consult(t::base_answers());
    REQUIRE(consultation.plan);
    CHECK(consultation.plan->sessions.size() == 3);
    for (const auto& session : consultation.plan->sessions) CHECK_FALSE(session.if_needed);
  }
  SECTION("the clinic's planned default") {
    const auto config = t::config_ok({{"sessions", {{"planned_default", 2}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.estimate);
    CHECK(consultation.estimate->planned_sessions == 2);
    REQUIRE(consultation.plan);
    CHECK(consultation.plan->sessions.size() == 3);
    CHECK(dates_of(consultation) == Dates{"2025-06-08", "2025-06-22"});
  }
}

TEST_CASE("Sessions of 4 hours or more block the whole day", "[planner][sessions]") {
  SECTION("full scalp 4–5 h, first session up to 6 h") {
    const auto consultation = t::consult(
        t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "VII"}}}}));
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    for (const auto& session : consultation.plan->sessions) CHECK(session.full_day);
    CHECK(consultation.plan->sessions[0].hours.max_tenths == 60);
    CHECK(consultation.plan->sessions[1].hours.min_tenths == 40);
    CHECK(consultation.plan->sessions[1].hours.max_tenths == 50);
  }
  SECTION("front and crown, up to 4 h") {
    const auto consultation = t::consult(
        t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "IV"}}}}));
    REQUIRE(consultation.plan);
    for (const auto& session : consultation.plan->sessions) CHECK(session.full_day);
  }
  SECTION("frontal, 2.5–3.5 h: not a full day") {
    const auto consultation = t::consult(t::base_answers());
    REQUIRE(consultation.plan);
    for (const auto& session : consultation.plan->sessions) {
      CHECK_FALSE(session.full_day);
      CHECK(session.hours.min_tenths == 25);
      CHECK(session.hours.max_tenths == 35);
    }
  }
}

TEST_CASE("Pre-care is dated relative to each session", "[planner][precare]") {
  const auto consultation = t::consult(t::base_answers());
  INFO(plan_summary(consultation.plan));
  REQUIRE(consultation.plan);
  const auto& plan = *consultation.plan;
  struct Row {
    const char* code;
    int day;
    const char* date;
  };
  SECTION("session 1 on 2025-06-08") {
    for (const Row& row :
         {Row{"avoid_sun_chemicals", -7, "2025-06-01"},
          Row{"avoid_alcohol_caffeine_thinners", -3, "2025-06-05"},
          Row{"clip_or_shave", -1, "2025-06-07"}, Row{"wash_evening_before", -1, "2025-06-07"},
          Row{"day_of_session", 0, "2025-06-08"}}) {
      INFO(row.code);
      const smp::CareItem* item = t::find_care(plan.precare, row.code, 1);
      REQUIRE(item);
      CHECK(item->day == row.day);
      CHECK(item->date == t::date(row.date));
    }
  }
  SECTION("every session gets its own pre-care") {
    const smp::CareItem* sun2 = t::find_care(plan.precare, "avoid_sun_chemicals", 2);
    REQUIRE(sun2);
    CHECK(sun2->date == t::date("2025-06-15"));
    const smp::CareItem* clip3 = t::find_care(plan.precare, "clip_or_shave", 3);
    REQUIRE(clip3);
    CHECK(clip3->date == t::date("2025-07-05"));
  }
  SECTION("no pre-care falls before the consultation date") {
    for (const auto& item : plan.precare) {
      if (item.date) {
        INFO(item.code << " for session " << item.session);
        CHECK(*item.date >= consultation.as_of);
      }
    }
  }
}

TEST_CASE("Pre-care variants follow the look and the clinic's settings", "[planner][precare]") {
  SECTION("keep-length plans have no clip or shave") {
    const auto consultation = t::consult(t::with(
        t::base_answers(),
        {{"desired_look", "keep_length"}, {"pattern", {{"scale", "ludwig"}, {"stage", "II"}}}}));
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    for (const auto& item : consultation.plan->precare) CHECK(item.code != "clip_or_shave");
    CHECK(t::find_care(consultation.plan->precare, "wash_evening_before", 1));
  }
  SECTION("keep length with Norwood VI is planned as a shaved look, so it clips") {
    const auto consultation = t::consult(t::with(
        t::base_answers(),
        {{"desired_look", "keep_length"}, {"pattern", {{"scale", "norwood"}, {"stage", "VI"}}}}));
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    CHECK(t::find_care(consultation.plan->precare, "clip_or_shave", 1));
  }
  SECTION("precare.wash do_not_wash") {
    const auto config = t::config_ok({{"precare", {{"wash", "do_not_wash"}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    CHECK_FALSE(t::find_care(consultation.plan->precare, "wash_evening_before", 1));
  }
  SECTION("precare.wash day_of: a wash instruction on day 0") {
    const auto config = t::config_ok({{"precare", {{"wash", "day_of"}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    CHECK_FALSE(t::find_care(consultation.plan->precare, "wash_evening_before", 1));
    bool wash_on_day = false;
    for (const auto& item : consultation.plan->precare) {
      if (item.session == 1 && item.day == 0 && item.code.find("wash") != std::string::npos) {
        wash_on_day = true;
      }
    }
    CHECK(wash_on_day);
  }
  SECTION("clinic offsets") {
    const auto config = t::config_ok(
        {{"precare", {{"sun_chemicals_days_before", 10}, {"substances_days_before", 2}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    const auto* sun = t::find_care(consultation.plan->precare, "avoid_sun_chemicals", 1);
    const auto* substances =
        t::find_care(consultation.plan->precare, "avoid_alcohol_caffeine_thinners", 1);
    REQUIRE(sun);
    REQUIRE(substances);
    CHECK(sun->day == -10);
    CHECK(sun->date == t::date("2025-05-29"));
    CHECK(substances->day == -2);
    CHECK(substances->date == t::date("2025-06-06"));
  }
}

TEST_CASE("Aftercare milestones follow the last planned session", "[planner][aftercare]") {
  struct Row {
    const char* code;
    int day;
    const char* resume_on;
  };
  SECTION("default offsets after 2025-07-06") {
    const auto consultation = t::consult(t::base_answers());
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    for (const Row& row :
         {Row{"shaving", 4, "2025-07-10"}, Row{"washing_shampoo", 5, "2025-07-11"},
          Row{"creams_moisturiser", 5, "2025-07-11"}, Row{"vigorous_exercise", 5, "2025-07-11"},
          Row{"hot_showers", 14, "2025-07-20"}, Row{"picking", 14, "2025-07-20"},
          Row{"pools_sauna_tanning", 28, "2025-08-03"}, Row{"direct_sun", 28, "2025-08-03"},
          Row{"sunscreen", 28, "2025-08-03"}}) {
      INFO(row.code);
      const smp::CareItem* item = last_aftercare(*consultation.plan, row.code);
      REQUIRE(item);
      CHECK(item->session == 3);
      CHECK(item->day == row.day);
      CHECK(item->date == t::date(row.resume_on));
    }
    CHECK(consultation.plan->unrestricted_from == t::date("2025-08-03"));
    CHECK(consultation.plan->touch_up_reminder == t::date("2029-07-06"));
  }
  SECTION("a clinic override of one milestone") {
    const auto config = t::config_ok({{"aftercare", {{"shaving", 7}, {"hot_showers", 10}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    const auto* shaving = last_aftercare(*consultation.plan, "shaving");
    const auto* showers = last_aftercare(*consultation.plan, "hot_showers");
    const auto* washing = last_aftercare(*consultation.plan, "washing_shampoo");
    REQUIRE(shaving);
    REQUIRE(showers);
    REQUIRE(washing);
    CHECK(shaving->day == 7);
    CHECK(shaving->date == t::date("2025-07-13"));
    CHECK(showers->date == t::date("2025-07-16"));
    CHECK(washing->date == t::date("2025-07-11"));
  }
  SECTION("touch_up.interval_years 6") {
    const auto config = t::config_ok({{"touch_up", {{"interval_years", 6}}}});
    const auto consultation = t::consult(t::base_answers(), config);
    REQUIRE(consultation.plan);
    CHECK(consultation.plan->touch_up_reminder == t::date("2031-07-06"));
  }
  SECTION("the 'if needed' session does not count as the last planned one") {
    const auto consultation = t::consult(
        t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "VII"}}}}));
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    const auto* shaving = last_aftercare(*consultation.plan, "shaving");
    REQUIRE(shaving);
    CHECK(shaving->date == t::date("2025-07-10"));
    CHECK(consultation.plan->touch_up_reminder == t::date("2029-07-06"));
  }
}

TEST_CASE("Clearance plans hold undated sessions; patch tests are dated", "[planner][clearance]") {
  SECTION("blood thinners: pending, no dates, no patch test") {
    const auto consultation = t::consult(
        t::with(t::base_answers(), {{"medical", {{"blood_thinners_or_bleeding_disorder", true}}}}));
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    CHECK(consultation.plan->status == smp::PlanStatus::kPendingClearance);
    REQUIRE(consultation.estimate);
    CHECK(static_cast<int>(consultation.plan->sessions.size()) ==
          consultation.estimate->sessions.max);
    for (const auto& session : consultation.plan->sessions) CHECK_FALSE(session.date);
    for (const auto& item : consultation.plan->precare) CHECK_FALSE(item.date);
    for (const auto& item : consultation.plan->aftercare) CHECK_FALSE(item.date);
    CHECK_FALSE(consultation.plan->patch_test_by);
    CHECK_FALSE(consultation.plan->touch_up_reminder);
  }
  SECTION("pigment reaction: patch test 7 days before the earliest possible first session") {
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"medical", {{"pigment_or_ink_reaction", true}}}}));
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    CHECK(consultation.plan->status == smp::PlanStatus::kPendingClearance);
    // The sessions are undated, so the test is due relative to the soonest possible first
    // session (as_of + booking lead = 2025-06-08): 7 days before it, but never in the past and
    // (a patch test being an appointment too) not sooner than the booking lead allows.
    REQUIRE(consultation.plan->patch_test_by);
    CHECK(*consultation.plan->patch_test_by >= t::date("2025-06-01"));
    CHECK(*consultation.plan->patch_test_by <= t::date("2025-06-08"));
  }
  SECTION("pigment reaction with a requested start") {
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"requested_start", "2025-07-01"},
                                               {"medical", {{"pigment_or_ink_reaction", true}}}}));
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    CHECK(consultation.plan->patch_test_by == t::date("2025-06-24"));
  }
  SECTION("the clinic's patch-test lead time") {
    const auto config = t::config_ok({{"precare", {{"patch_test_days_before", 10}}}});
    const auto consultation =
        t::consult(t::with(t::base_answers(), {{"requested_start", "2025-07-01"},
                                               {"medical", {{"pigment_or_ink_reaction", true}}}}),
                   config);
    REQUIRE(consultation.plan);
    CHECK(consultation.plan->patch_test_by == t::date("2025-06-21"));
  }
}

TEST_CASE("Deferred plans start on the eligible date, or not at all", "[planner][defer]") {
  const json isotretinoin =
      t::with(t::base_answers(), {{"medical", {{"isotretinoin_last_dose", "2025-03-01"}}}});
  SECTION("dated defer: from earliest_eligible_date") {
    const auto consultation = t::consult(isotretinoin);
    INFO(plan_summary(consultation.plan));
    REQUIRE(consultation.plan);
    CHECK(consultation.plan->status == smp::PlanStatus::kScheduled);
    CHECK(dates_of(consultation) == Dates{"2025-09-01", "2025-09-15", "2025-09-29"});
  }
  SECTION("a request before the eligible date waits for it") {
    const auto consultation =
        t::consult(t::with(isotretinoin, {{"requested_start", "2025-07-01"}}));
    INFO(plan_summary(consultation.plan));
    CHECK(dates_of(consultation) == Dates{"2025-09-01", "2025-09-15", "2025-09-29"});
  }
  SECTION("a request after the eligible date is kept") {
    const auto consultation =
        t::consult(t::with(isotretinoin, {{"requested_start", "2025-10-06"}}));
    INFO(plan_summary(consultation.plan));
    CHECK(dates_of(consultation) == Dates{"2025-10-06", "2025-10-20", "2025-11-03"});
  }
  SECTION("the eligible date on a closed weekday moves to the next open day") {
    // 2025-09-01 is a Monday.
    const auto config =
        t::config_ok({{"sessions", {{"open_weekdays", {"tue", "wed", "thu", "fri"}}}}});
    const auto consultation = t::consult(isotretinoin, config);
    INFO(plan_summary(consultation.plan));
    CHECK(dates_of(consultation) == Dates{"2025-09-02", "2025-09-16", "2025-09-30"});
  }
  SECTION("undated defer: no plan") {
    const auto consultation =
        t::consult(t::with(isotretinoin, {{"medical", {{"pregnant_or_breastfeeding", true}}}}));
    INFO(plan_summary(consultation.plan));
    CHECK(consultation.screening.recheck_required);
    CHECK_FALSE(consultation.plan);
  }
  SECTION("not suitable: no plan") {
    const auto consultation = t::consult(t::with(t::base_answers(), {{"age", 17}}));
    CHECK_FALSE(consultation.plan);
  }
}

TEST_CASE("The plan JSON has SPEC §4 shape", "[planner][json]") {
  const json result =
      t::evaluate_ok(t::with(t::base_answers(), {{"requested_start", "2025-06-10"}}));
  INFO(t::dump(result));
  const json* plan = t::member(result, "plan");
  REQUIRE(plan);
  REQUIRE(plan->is_object());
  CHECK(t::string_at(*plan, "status") == "scheduled");
  const auto sessions = t::array_at(*plan, "sessions");
  REQUIRE(sessions.size() == 3);
  CHECK(t::number_at(sessions[0], "number") == 1.0);
  CHECK(t::string_at(sessions[0], "date") == "2025-06-10");
  CHECK(t::bool_at(sessions[0], "full_day") == false);
  CHECK(t::bool_at(sessions[0], "if_needed") == false);
  const json* hours = t::member(sessions[0], "hours");
  REQUIRE(hours);
  CHECK(t::number_at(*hours, "min") == 2.5);
  CHECK(t::number_at(*hours, "max") == 3.5);
  bool found_precare = false;
  for (const auto& item : t::array_at(*plan, "precare")) {
    if (t::string_at(item, "code") == "clip_or_shave" && t::number_at(item, "session") == 1.0) {
      found_precare = true;
      CHECK(t::string_at(item, "date") == "2025-06-09");
      CHECK(t::number_at(item, "day") == -1.0);
      CHECK_FALSE(t::string_at(item, "message").empty());
    }
  }
  CHECK(found_precare);
  bool found_aftercare = false;
  for (const auto& item : t::array_at(*plan, "aftercare")) {
    // Each session has its milestones; the last planned one's end the restrictions.
    if (t::string_at(item, "code") == "direct_sun" && t::number_at(item, "after_session") == 3.0) {
      found_aftercare = true;
      CHECK(t::string_at(item, "resume_on") == "2025-08-05");
      CHECK_FALSE(t::string_at(item, "message").empty());
    }
  }
  CHECK(found_aftercare);
  CHECK(t::string_at(*plan, "unrestricted_from") == "2025-08-05");
  CHECK(t::string_at(*plan, "touch_up_reminder") == "2029-07-08");
}

TEST_CASE("A pending-clearance plan carries no dates in JSON", "[planner][json][clearance]") {
  const json result = t::evaluate_ok(
      t::with(t::base_answers(), {{"medical", {{"blood_thinners_or_bleeding_disorder", true}}}}));
  const json* plan = t::member(result, "plan");
  REQUIRE(plan);
  REQUIRE(plan->is_object());
  INFO(t::dump(*plan));
  CHECK(t::string_at(*plan, "status") == "pending_clearance");
  for (const auto& session : t::array_at(*plan, "sessions"))
    CHECK_FALSE(t::member(session, "date"));
  for (const auto& item : t::array_at(*plan, "precare")) CHECK_FALSE(t::member(item, "date"));
  for (const auto& item : t::array_at(*plan, "aftercare"))
    CHECK_FALSE(t::member(item, "resume_on"));
  CHECK_FALSE(t::member(*plan, "touch_up_reminder"));
  CHECK_FALSE(t::member(*plan, "unrestricted_from"));
  CHECK_FALSE(t::member(*plan, "patch_test_by"));
  CHECK_FALSE(t::array_at(*plan, "precare").empty());
  CHECK_FALSE(t::array_at(*plan, "aftercare").empty());
}
