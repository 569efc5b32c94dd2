// Properties that hold for every consultation, checked over a generated grid of thousands of
// answer combinations with the default clinic and with a clinic that has closed days.
#include <cstdint>
#include <map>

#include "test_support.hpp"

namespace {

using smp::test::json;
namespace t = smp::test;

const std::vector<json>& patterns() {
  static const std::vector<json> all = [] {
    std::vector<json> out;
    for (const char* stage :
         {"I", "II", "IIA", "III", "IIIA", "III_VERTEX", "IV", "IVA", "V", "VA", "VI", "VII"}) {
      out.push_back({{"scale", "norwood"}, {"stage", stage}});
    }
    for (const char* stage : {"I", "II", "III"})
      out.push_back({{"scale", "ludwig"}, {"stage", stage}});
    for (const char* extent : {"mild", "moderate", "extensive"}) {
      out.push_back({{"scale", "diffuse"}, {"extent", extent}});
    }
    for (const char* scale : {"crown_only", "none", "unsure"}) out.push_back({{"scale", scale}});
    return out;
  }();
  return all;
}

// Cause plus the answers it needs; dates relative to as_of 2025-06-01.
const std::vector<json>& causes() {
  static const std::vector<json> all = {
      {{"cause", "androgenetic"}},
      {{"cause", "alopecia_areata"}, {"alopecia_last_change", "2023-03-01"}},
      {{"cause", "alopecia_areata"}, {"alopecia_last_change", "2025-01-31"}},
      {{"cause", "alopecia_totalis_universalis"}},
      {{"cause", "chemotherapy"}},
      {{"cause", "trauma_or_surgery"}},
      {{"cause", "unknown"}},
  };
  return all;
}

const std::vector<json>& scar_sets() {
  static const std::vector<json> all = {
      json::array(),
      json::array({t::old_scar("fut_strip")}),
      json::array({t::old_scar("fue_dots"), t::old_scar("other_large")}),
      json::array(
          {{{"type", "other_small"}, {"healed_since", "2025-03-01"}, {"raised_or_red", false}}}),
      json::array({{{"type", "fue_dots"}, {"healed_since", "2018-03-01"}, {"raised_or_red", true}},
                   t::old_scar("other_small")}),
  };
  return all;
}

/// Medical variants; `contraindicated` marks those that must never give good_candidate.
struct MedicalVariant {
  json medical;
  json extra;  ///< other answers that go with it (e.g. a transplant date)
  bool contraindicated;
};

const std::vector<MedicalVariant>& medical_variants() {
  static const std::vector<MedicalVariant> all = {
      {json::object(), json::object(), false},
      {{{"keloid_prone", true}}, json::object(), true},
      {{{"pregnant_or_breastfeeding", true}}, json::object(), true},
      {{{"active_scalp_condition", true}}, json::object(), true},
      {{{"blood_thinners_or_bleeding_disorder", true}}, json::object(), true},
      {{{"pigment_or_ink_reaction", true}}, json::object(), true},
      {{{"immunocompromised", true}}, json::object(), true},
      {{{"diabetes", "uncontrolled"}}, json::object(), true},
      {{{"diabetes", "controlled"}}, json::object(), false},
      {{{"skin_cancer", "current_or_suspicious"}}, json::object(), true},
      {{{"skin_cancer", "history"}}, json::object(), true},
      {{{"other_serious_condition", true}}, json::object(), true},
      {{{"chronic_scalp_condition_controlled", true}}, json::object(), true},
      {{{"chemotherapy", "current"}}, json::object(), true},
      {{{"chemotherapy", "ended"}, {"chemotherapy_end", "2025-02-15"}}, json::object(), true},
      {{{"chemotherapy", "ended"}, {"chemotherapy_end", "2024-12-01"}}, json::object(), true},
      {{{"isotretinoin_last_dose", "2025-04-30"}}, json::object(), true},
      {{{"isotretinoin_last_dose", "2024-01-01"}}, json::object(), false},
      {json::object(), {{"last_hair_transplant", "2025-01-10"}}, true},
      {json::object(), {{"last_hair_transplant", "2020-01-10"}}, false},
      {{{"pregnant_or_breastfeeding", true}, {"isotretinoin_last_dose", "2025-04-30"}},
       json::object(),
       true},
      {{{"blood_thinners_or_bleeding_disorder", true}, {"pigment_or_ink_reaction", true}},
       {{"requested_start", "2025-09-03"}},
       true},
  };
  return all;
}

const std::vector<int>& ages() {
  static const std::vector<int> all = {16, 17, 18, 22, 25, 26, 40, 55, 70};
  return all;
}

struct Grid {
  std::vector<json> answers;
};

/// The full pattern × look × scars × medical grid, with age, cause and requested start cycling,
/// plus a pseudo-random sample over every dimension.
Grid make_grid() {
  Grid grid;
  const std::vector<json> requested = {nullptr, "2025-06-03", "2025-06-14", "2025-08-20"};
  std::size_t n = 0;
  for (const auto& pattern : patterns()) {
    for (const char* look : {"shaved", "keep_length"}) {
      for (const auto& scars : scar_sets()) {
        for (const auto& variant : medical_variants()) {
          json answers = {{"age", ages()[n % ages().size()]},
                          {"sex", n % 3 == 0 ? "female" : "male"},
                          {"pattern", pattern},
                          {"desired_look", look},
                          {"scars", scars},
                          {"medical", variant.medical}};
          answers.merge_patch(causes()[(n / 3) % causes().size()]);
          answers.merge_patch(variant.extra);
          if (!answers.contains("requested_start") && !requested[n % requested.size()].is_null()) {
            answers["requested_start"] = requested[n % requested.size()];
          }
          grid.answers.push_back(std::move(answers));
          ++n;
        }
      }
    }
  }
  std::uint32_t state = 12345;
  auto next = [&state](std::size_t bound) {
    state = state * 1664525u + 1013904223u;
    return static_cast<std::size_t>((state >> 8) % bound);
  };
  for (int i = 0; i < 3000; ++i) {
    const auto& variant = medical_variants()[next(medical_variants().size())];
    json answers = {{"pattern", patterns()[next(patterns().size())]},
                    {"desired_look", next(2) ? "shaved" : "keep_length"},
                    {"scars", scar_sets()[next(scar_sets().size())]},
                    {"medical", variant.medical}};
    if (next(4) == 0) {
      answers["dob"] =
          t::str(t::plus_days(t::as_of(), -static_cast<int>(365 * 16 + next(365 * 40))));
    } else {
      answers["age"] = static_cast<int>(16 + next(55));
    }
    answers.merge_patch(causes()[next(causes().size())]);
    answers.merge_patch(variant.extra);
    if (next(3) == 0)
      answers["requested_start"] = t::str(t::plus_days(t::as_of(), static_cast<int>(next(120))));
    if (next(5) == 0)
      answers["last_hair_transplant"] =
          t::str(t::plus_days(t::as_of(), -static_cast<int>(next(900))));
    grid.answers.push_back(std::move(answers));
  }
  return grid;
}

bool contraindicated(const smp::Answers& answers) {
  const smp::Medical& m = answers.medical;
  return m.keloid_prone || m.pregnant_or_breastfeeding || m.active_scalp_condition ||
         m.blood_thinners_or_bleeding_disorder || m.pigment_or_ink_reaction ||
         m.immunocompromised || m.diabetes == smp::Diabetes::kUncontrolled ||
         m.skin_cancer != smp::SkinCancer::kNone || m.other_serious_condition ||
         m.chronic_scalp_condition_controlled || m.chemotherapy != smp::Chemotherapy::kNone;
}

bool closed_on(const smp::Config& config, smp::Date day) {
  if (!config.sessions.open_weekdays[static_cast<std::size_t>(smp::weekday_index(day))])
    return true;
  for (const auto& range : config.sessions.closed_dates) {
    if (day >= range.from && day <= range.to) return true;
  }
  return false;
}

/// Every violated property of one consultation, as text.
std::vector<std::string> violations(const smp::Consultation& c, const smp::Config& config) {
  std::vector<std::string> problems;
  auto fail = [&problems](const std::string& what) { problems.push_back(what); };
  const smp::Screening& s = c.screening;

  // Verdict is the strictest reason; reasons exist unless good.
  smp::Verdict strictest = smp::Verdict::kGoodCandidate;
  for (const auto& reason : s.reasons) strictest = std::max(strictest, reason.verdict);
  if (strictest != s.verdict) fail("verdict is not the strictest reason's verdict");
  if ((s.verdict == smp::Verdict::kGoodCandidate) != s.reasons.empty()) {
    fail("reasons present iff verdict is not good_candidate");
  }
  if (contraindicated(c.answers) && s.verdict == smp::Verdict::kGoodCandidate) {
    fail("a contraindication flag gave good_candidate");
  }
  bool any_undated = false;
  std::optional<smp::Date> latest;
  for (const auto& reason : s.reasons) {
    if (reason.verdict != smp::Verdict::kDefer) continue;
    if (reason.undated) any_undated = true;
    if (reason.eligible_on && (!latest || *reason.eligible_on > *latest))
      latest = reason.eligible_on;
  }
  // Eligibility is a defer concept: for not_suitable nothing becomes eligible by waiting.
  if (s.verdict == smp::Verdict::kDefer) {
    if (any_undated != s.recheck_required) fail("recheck_required != any undated defer");
    if (latest != s.earliest_eligible_date) fail("earliest_eligible_date != latest dated defer");
  }

  if (s.verdict == smp::Verdict::kNotSuitable) {
    if (c.estimate) fail("not_suitable with an estimate");
    if (c.plan) fail("not_suitable with a plan");
  }
  if (s.verdict == smp::Verdict::kGoodCandidate || s.verdict == smp::Verdict::kMedicalClearance) {
    if (!c.estimate) fail("good_candidate/medical_clearance without an estimate");
    if (!c.plan) fail("good_candidate/medical_clearance without a plan");
  }
  if (c.estimate) {
    const smp::Estimate& e = *c.estimate;
    if (!(1 <= e.sessions.min && e.sessions.min <= e.planned_sessions &&
          e.planned_sessions <= e.sessions.max && e.sessions.max <= config.sessions.max)) {
      fail("sessions not min <= planned <= max <= sessions.max | (" +
           std::to_string(config.sessions.max) + ") (" + std::to_string(e.sessions.min) + "/" +
           std::to_string(e.planned_sessions) + "/" + std::to_string(e.sessions.max) + ")");
    }
    if (e.low > e.high) fail("estimate low > high");
    if (e.low <= 0) fail("estimate low <= 0");
    if (e.hours.min_tenths > e.hours.max_tenths) fail("hours min > max");
    long long lines_low = 0, lines_high = 0;
    for (const auto& line : e.lines) {
      lines_low += line.low;
      lines_high += line.high;
      if (line.low > line.high) fail("line low > high | " + line.package);
    }
    if (!e.lines.empty() && (lines_low != e.low || lines_high != e.high)) {
      fail("lines do not add up to the estimate");
    }
    if (s.verdict != smp::Verdict::kGoodCandidate && !e.provisional) {
      fail("estimate for a defer/clearance verdict is not provisional");
    }
    // A firm estimate needs a known area; "unsure" (package unknown) is provisional too.
    if (s.verdict == smp::Verdict::kGoodCandidate && e.provisional &&
        t::primary_id(c.packages) != "unknown") {
      fail("good_candidate estimate marked provisional");
    }
    if (e.touch_up.low > e.touch_up.high) fail("touch-up low > high");
  }
  if (c.plan) {
    const smp::Plan& p = *c.plan;
    if (!c.estimate) {
      fail("plan without an estimate");
      return problems;
    }
    if (static_cast<int>(p.sessions.size()) != c.estimate->sessions.max) {
      fail("plan session count != estimate max | " + std::to_string(p.sessions.size()) + " vs " +
           std::to_string(c.estimate->sessions.max));
    }
    int planned = 0;
    for (std::size_t i = 0; i < p.sessions.size(); ++i) {
      if (p.sessions[i].number != static_cast<int>(i) + 1) fail("session numbers not 1..n");
      if (!p.sessions[i].if_needed) ++planned;
      if (p.sessions[i].full_day != (p.sessions[i].hours.max_tenths >= 40)) {
        fail("full_day != (hours max >= 4) | session " + std::to_string(i + 1));
      }
    }
    if (planned != c.estimate->planned_sessions) fail("non-if-needed sessions != planned");
    if (s.verdict == smp::Verdict::kDefer && s.recheck_required) fail("undated defer with a plan");
    // Sessions are held for clearance when clearance is needed now, or will be needed once a
    // dated defer is over (V13 -> V13b: after chemotherapy comes the oncologist's OK).
    bool needs_clearance = s.verdict == smp::Verdict::kMedicalClearance;
    if (s.verdict == smp::Verdict::kDefer && s.earliest_eligible_date) {
      needs_clearance = smp::screen(c.answers, config, *s.earliest_eligible_date).verdict ==
                        smp::Verdict::kMedicalClearance;
    }
    if (needs_clearance) {
      if (p.status != smp::PlanStatus::kPendingClearance) fail("clearance plan not pending");
      for (const auto& session : p.sessions) {
        if (session.date) fail("pending-clearance session has a date");
      }
      if (c.answers.medical.pigment_or_ink_reaction && !p.patch_test_by) {
        fail("pigment reaction without patch_test_by");
      }
    } else {
      if (p.status != smp::PlanStatus::kScheduled) fail("non-clearance plan not scheduled");
      std::optional<smp::Date> previous;
      for (const auto& session : p.sessions) {
        if (!session.date) {
          fail("scheduled session without a date");
          continue;
        }
        const smp::Date day = *session.date;
        if (closed_on(config, day)) fail("session on a closed day | " + t::str(day));
        if (previous && t::days_from(*previous, day) < config.sessions.interval_days) {
          fail("sessions closer than interval_days | " + t::str(*previous) + " -> " + t::str(day));
        }
        previous = day;
      }
      if (!p.sessions.empty() && p.sessions[0].date) {
        const smp::Date first = *p.sessions[0].date;
        if (t::days_from(c.as_of, first) < config.sessions.booking_lead_days) {
          fail("first session inside the booking lead | " + t::str(first));
        }
        if (s.earliest_eligible_date && first < *s.earliest_eligible_date) {
          fail("first session before earliest_eligible_date");
        }
        if (c.answers.requested_start && first < *c.answers.requested_start) {
          fail("first session before the requested start");
        }
      }
    }
  }
  return problems;
}

/// Violations grouped by kind (the text before " | "): count and first example of each.
std::string by_kind(const std::vector<std::string>& failures) {
  std::map<std::string, std::pair<std::size_t, std::string>> kinds;
  for (const auto& failure : failures) {
    const std::string kind = failure.substr(0, failure.find(" | "));
    auto& entry = kinds[kind];
    if (entry.first++ == 0) entry.second = failure;
  }
  std::string text;
  for (const auto& [kind, entry] : kinds) {
    text += std::to_string(entry.first) + " x " + kind + "\n    e.g. " + entry.second + "\n";
  }
  return text;
}

void check_grid(const smp::Config& config, const std::string& name) {
  const Grid grid = make_grid();
  std::vector<std::string> failures;
  std::size_t evaluated = 0;
  std::size_t with_plan = 0;
  for (std::size_t i = 0; i < grid.answers.size(); ++i) {
    const json& document = grid.answers[i];
    const auto parsed = smp::parse_answers(document, t::as_of(), smp::Completeness::kComplete);
    if (!parsed.ok()) {
      failures.push_back("answers rejected: " + t::dump(document) + "\n" +
                         t::diagnostics_text(parsed.errors));
      continue;
    }
    const smp::Consultation consultation = smp::evaluate(*parsed.value, config, t::as_of());
    ++evaluated;
    if (consultation.plan) ++with_plan;
    for (const auto& problem : violations(consultation, config)) {
      failures.push_back(problem + " | verdict " + t::verdict_name(consultation.screening.verdict) +
                         " | " + t::dump(document));
    }
    // The JSON rendering agrees (on a sample, to keep the run short).
    if (i % 7 == 0) {
      const auto result = smp::evaluate_json(document, config, t::as_of(), true, "en");
      if (!result.ok()) {
        failures.push_back("evaluate_json rejected " + t::dump(document));
      } else {
        const json* estimate = t::member(*result.value, "estimate");
        const json* plan = t::member(*result.value, "plan");
        if (!estimate || estimate->is_object() != consultation.estimate.has_value()) {
          failures.push_back("JSON estimate disagrees | " + t::dump(document));
        }
        const bool json_plan = plan && plan->is_object();
        if (json_plan != consultation.plan.has_value()) {
          failures.push_back("JSON plan disagrees | " + t::dump(document));
        }
        if (t::string_at(*result.value, "verdict") !=
            t::verdict_name(consultation.screening.verdict)) {
          failures.push_back("JSON verdict disagrees | " + t::dump(document));
        }
      }
    }
  }
  INFO(name << ": " << evaluated << " consultations, " << with_plan << " with a plan, "
            << failures.size() << " violations:\n"
            << by_kind(failures));
  CHECK(evaluated >= 5000);
  CHECK(with_plan > 0);
  CHECK(failures.empty());
}

}  // namespace

TEST_CASE("Invariants hold over a grid of answers with the default clinic", "[invariants]") {
  check_grid(smp::default_config(), "default clinic");
}

TEST_CASE("Invariants hold with closed weekdays and closed dates", "[invariants][closed]") {
  const smp::Config config =
      t::config_ok({{"sessions",
                     {{"open_weekdays", {"mon", "tue", "wed", "thu", "fri"}},
                      {"interval_days", 21},
                      {"closed_dates", json::array({"2025-06-09",
                                                    "2025-06-30",
                                                    {{"from", "2025-07-14"}, {"to", "2025-07-25"}},
                                                    {{"from", "2025-12-22"}, {"to", "2026-01-02"}},
                                                    "2025-09-01"})}}}});
  check_grid(config, "mon–fri clinic with closures");
}

TEST_CASE("Invariants hold with lenient policies and a different pricing model",
          "[invariants][policies]") {
  const smp::Config config = t::config_ok(
      {{"screening",
        {{"keloid_policy", "medical_clearance"}, {"chronic_controlled_policy", "good_candidate"}}},
       {"pricing", {{"model", "per_session"}}},
       {"sessions", {{"interval_days", 7}, {"booking_lead_days", 1}}}});
  const Grid grid = make_grid();
  std::vector<std::string> failures;
  for (const auto& document : grid.answers) {
    const auto parsed = smp::parse_answers(document, t::as_of(), smp::Completeness::kComplete);
    if (!parsed.ok()) continue;
    const auto consultation = smp::evaluate(*parsed.value, config, t::as_of());
    for (auto problem : violations(consultation, config)) {
      // Under these policies keloid and controlled chronic conditions are allowed through.
      if (problem == "a contraindication flag gave good_candidate") continue;
      if (problem == "lines do not add up to the estimate") continue;  // per-session pricing
      failures.push_back(problem + " | " + t::dump(document));
    }
  }
  INFO(failures.size() << " violations:\n" << by_kind(failures));
  CHECK(failures.empty());
}

TEST_CASE("Invariants hold for a small Saturday-only clinic with a lower session cap",
          "[invariants][closed]") {
  const smp::Config config = t::config_ok(
      {{"sessions",
        {{"open_weekdays", {"sat"}},
         {"max", 3},
         {"planned_default", 2},
         {"interval_days", 42},
         {"booking_lead_days", 14},
         {"closed_dates",
          json::array({"2025-06-14", {{"from", "2025-08-01"}, {"to", "2025-08-31"}}})}}}});
  check_grid(config, "Saturday-only clinic, max 3 sessions");
}
