// The session plan (DOMAIN 3.7): dates on the clinic's open days, spacing that never shrinks,
// pre-care before each session, aftercare milestones, and the touch-up reminder.
#include <algorithm>
#include <array>

#include "smp/consultation.hpp"

namespace smp {
namespace {

bool is_closed(Date date, const SessionsConfig& sessions) {
  if (!sessions.open_weekdays[size_t(weekday_index(date))]) return true;
  return std::any_of(sessions.closed_dates.begin(), sessions.closed_dates.end(),
                     [&](const ClosedRange& r) { return date >= r.from && date <= r.to; });
}

// The first open day on or after `date` (bounded: config guarantees an open weekday and closed
// periods of at most a year each, so this always ends).
Date next_open_day(Date date, const SessionsConfig& sessions) {
  for (int guard = 0; guard < 5000 && is_closed(date, sessions); ++guard) date = add_days(date, 1);
  return date;
}

// Shaved-look work needs the head clipped before each session.
bool shaved_look(const Answers& answers) {
  if (answers.desired_look == Look::kShaved) return true;
  if (answers.pattern.scale != Scale::kNorwood) return false;
  if (answers.desired_look == Look::kUnanswered) return true;
  return answers.pattern.stage == "VI" || answers.pattern.stage == "VII";
}

struct AftercareRow {
  const char* code;
  int AftercareConfig::*days;
};

constexpr std::array<AftercareRow, 9> kAftercare{{
    {"shaving", &AftercareConfig::shaving},
    {"washing_shampoo", &AftercareConfig::washing_shampoo},
    {"creams_moisturiser", &AftercareConfig::creams_moisturiser},
    {"vigorous_exercise", &AftercareConfig::vigorous_exercise},
    {"hot_showers", &AftercareConfig::hot_showers},
    {"picking", &AftercareConfig::picking},
    {"pools_sauna_tanning", &AftercareConfig::pools_sauna_tanning},
    {"direct_sun", &AftercareConfig::direct_sun},
    {"sunscreen", &AftercareConfig::direct_sun},  // sunscreen for good once the sun ban ends
}};

std::vector<CareItem> precare_for(int session, std::optional<Date> date, const Answers& answers,
                                  const PrecareConfig& precare) {
  std::vector<CareItem> items;
  const auto add = [&](int day, const char* code) {
    items.push_back(
        {session, day, date ? std::optional(add_days(*date, day)) : std::nullopt, code});
  };
  add(-precare.sun_chemicals_days_before, "avoid_sun_chemicals");
  add(-precare.substances_days_before, "avoid_alcohol_caffeine_thinners");
  if (shaved_look(answers)) add(-precare.shave_days_before, "clip_or_shave");
  switch (precare.wash) {
    case WashRule::kEveningBefore: add(-1, "wash_evening_before"); break;
    case WashRule::kDoNotWash: add(-1, "do_not_wash"); break;
    case WashRule::kDayOf: add(0, "wash_day_of"); break;
  }
  add(0, "day_of_session");
  // Chronological order; offsets are configurable, so sort (insertion keeps ties in table order).
  for (size_t i = 1; i < items.size(); ++i) {
    for (size_t j = i; j > 0 && items[j].day < items[j - 1].day; --j) {
      std::swap(items[j], items[j - 1]);
    }
  }
  return items;
}

}  // namespace

std::optional<Plan> plan_course(const Answers& answers, const Screening& screening,
                                const std::optional<Estimate>& estimate, const Config& config,
                                Date as_of) {
  if (!estimate || screening.verdict == Verdict::kNotSuitable) return std::nullopt;
  Plan plan;
  const auto needs = [&](std::string_view action) {
    return std::any_of(screening.reasons.begin(), screening.reasons.end(),
                       [&](const Reason& r) { return r.action == action; });
  };

  // When may the first session be? Booking lead, the visitor's wish, and any waiting period.
  Date earliest = add_days(as_of, config.sessions.booking_lead_days);
  if (answers.requested_start && *answers.requested_start > earliest) {
    earliest = *answers.requested_start;
  }
  bool dated = true;
  if (screening.verdict == Verdict::kDefer) {
    if (screening.recheck_required || !screening.earliest_eligible_date) return std::nullopt;
    earliest = std::max(earliest, *screening.earliest_eligible_date);
    // What applies once the wait is over (e.g. after chemotherapy: clearance) decides the status.
    const Screening then = screen(answers, config, *screening.earliest_eligible_date);
    if (then.verdict == Verdict::kMedicalClearance) {
      plan.status = PlanStatus::kPendingClearance;
      dated = false;
    } else if (then.verdict != Verdict::kGoodCandidate) {
      return std::nullopt;
    }
  } else if (screening.verdict == Verdict::kMedicalClearance) {
    // No fixed dates until the clinic records the clearance (or the patch test result).
    plan.status = PlanStatus::kPendingClearance;
    dated = false;
  }
  if (needs("patch_test")) {
    // The patch test is an appointment too: no sooner than the booking lead allows, and the
    // first session then waits until it has had `patch_test_days_before` days to show.
    const Date soonest_test = add_days(as_of, config.sessions.booking_lead_days);
    const Date by = add_days(earliest, -config.precare.patch_test_days_before);
    plan.patch_test_by = std::max(by, soonest_test);
    earliest =
        std::max(earliest, add_days(*plan.patch_test_by, config.precare.patch_test_days_before));
  }

  std::optional<Date> previous;
  for (int number = 1; number <= estimate->sessions.max; ++number) {
    PlannedSession session;
    session.number = number;
    session.hours = estimate->hours;
    if (number == 1 && estimate->first_session_max_tenths) {
      session.hours.max_tenths = *estimate->first_session_max_tenths;
    }
    session.full_day = session.hours.max_tenths >= 40;  // 4 h or more: keep the whole day free
    session.if_needed = number > estimate->planned_sessions;
    if (dated) {
      // Moving to an open day only ever pushes later, so spacing never shrinks.
      const Date wanted = previous ? add_days(*previous, config.sessions.interval_days) : earliest;
      session.date = next_open_day(wanted, config.sessions);
      previous = session.date;
    }
    plan.sessions.push_back(session);
    auto care = precare_for(number, session.date, answers, config.precare);
    plan.precare.insert(plan.precare.end(), care.begin(), care.end());
  }

  // Aftercare after every planned session; each session restarts the same clocks, so a
  // milestone the next session comes before is marked as restarted by it. Without dates the
  // planned spacing decides (dates only ever move later).
  const size_t planned = size_t(estimate->planned_sessions);
  int longest = 0;
  for (size_t i = 0; i < planned; ++i) {
    const PlannedSession& session = plan.sessions[i];
    const PlannedSession* next = i + 1 < planned ? &plan.sessions[i + 1] : nullptr;
    for (const auto& row : kAftercare) {
      const int days = config.aftercare.*row.days;
      longest = std::max(longest, days);
      CareItem item{session.number, days,
                    session.date ? std::optional(add_days(*session.date, days)) : std::nullopt,
                    row.code};
      if (next != nullptr) {
        const bool restarted = item.date && next->date ? *item.date >= *next->date
                                                       : days >= config.sessions.interval_days;
        if (restarted) item.restarted_by = next->number;
      }
      plan.aftercare.push_back(std::move(item));
    }
  }
  const auto& last = plan.sessions[planned - 1];
  if (last.date) {
    plan.unrestricted_from = add_days(*last.date, longest);
    plan.touch_up_reminder = add_months(*last.date, 12 * config.touch_up_interval_years);
  }
  // An "if needed" session restarts the clocks once more (DOMAIN 3.7: last session + 28).
  const auto& last_possible = plan.sessions.back();
  if (last_possible.if_needed && last_possible.date) {
    plan.unrestricted_from_if_needed = add_days(*last_possible.date, longest);
  }
  return plan;
}

}  // namespace smp
