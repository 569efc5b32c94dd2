// Screening rules R01–R18 and advisories (DOMAIN 3.3, 3.3b) as a table. Each rule reads the
// answers and the clinic's policies; the strictest verdict of all fired rules wins.
#include <algorithm>
#include <array>

#include "smp/consultation.hpp"

namespace smp {
namespace {

struct RuleInput {
  const Answers& answers;
  const ScreeningConfig& policy;
  Date as_of;
  std::optional<int> age;
  bool nothing_to_treat;
};

// What a rule found: nothing, or a reason with its verdict and (for defer) its end date.
struct Firing {
  bool fired = false;
  Verdict verdict = Verdict::kGoodCandidate;
  std::optional<Date> eligible_on;
  bool undated = false;
  std::string variant;
  std::string action;                 ///< replaces the rule's action when a policy changes it
  std::vector<std::string> subjects;  ///< one reason per subject (per-answer rules)
};

Firing fire(Verdict verdict) {
  return {true, verdict, std::nullopt, false, "", "", {}};
}
Firing no_fire() {
  return {};
}
Firing defer_undated() {
  return {true, Verdict::kDefer, std::nullopt, true, "", "", {}};
}

// A waiting period counted in calendar months from `start`: fires until its end date.
Firing wait_months(std::optional<Date> start, int months, Date as_of) {
  if (!start) return no_fire();
  const Date until = add_months(*start, months);
  if (as_of >= until) return no_fire();
  return {true, Verdict::kDefer, until, false, "", "", {}};
}

bool chemo_wait_over(const RuleInput& in) {
  const auto& m = in.answers.medical;
  return m.chemotherapy == Chemotherapy::kEnded && m.chemotherapy_end &&
         in.as_of >= add_months(*m.chemotherapy_end, in.policy.chemo_wait_months);
}

struct Rule {
  const char* id;
  const char* code;
  const char* action;
  Firing (*check)(const RuleInput&);
};

// DOMAIN 3.3 (R18: SPEC §8), in rule-id order. Verdicts a clinic policy can soften come from
// the policy.
constexpr std::array<Rule, 18> kRules{{
    {"R01", "under_minimum_age", "",
     [](const RuleInput& in) {
       if (!in.age || *in.age >= in.policy.min_age) return no_fire();
       if (in.policy.allow_minor_with_guardian_consent) {
         Firing f = fire(Verdict::kMedicalClearance);
         f.variant = ".guardian";
         f.action = "guardian_consent";
         return f;
       }
       Firing f = fire(Verdict::kNotSuitable);
       // Tell the visitor when they may come back; never used to pre-book (DOMAIN N5).
       if (in.answers.dob) f.eligible_on = add_months(*in.answers.dob, 12 * in.policy.min_age);
       return f;
     }},
    {"R02", "keloid_prone", "",
     [](const RuleInput& in) {
       if (!in.answers.medical.keloid_prone) return no_fire();
       if (in.policy.keloid_policy == Policy::kMedicalClearance) {
         Firing f = fire(Verdict::kMedicalClearance);
         f.variant = ".clearance";
         f.action = "dermatologist_review";
         return f;
       }
       return fire(Verdict::kNotSuitable);
     }},
    {"R03", "no_treatable_area", "",
     [](const RuleInput& in) {
       return in.nothing_to_treat ? fire(Verdict::kNotSuitable) : no_fire();
     }},
    {"R04", "pregnancy_or_breastfeeding", "",
     [](const RuleInput& in) {
       return in.answers.medical.pregnant_or_breastfeeding ? defer_undated() : no_fire();
     }},
    {"R05", "active_scalp_condition", "",
     [](const RuleInput& in) {
       return in.answers.medical.active_scalp_condition ? defer_undated() : no_fire();
     }},
    {"R06", "skin_cancer_active", "dermatologist_signoff",
     [](const RuleInput& in) {
       return in.answers.medical.skin_cancer == SkinCancer::kCurrentOrSuspicious ? defer_undated()
                                                                                 : no_fire();
     }},
    {"R07", "chemotherapy_active_or_recent", "oncologist_clearance",
     [](const RuleInput& in) {
       const auto& m = in.answers.medical;
       if (m.chemotherapy == Chemotherapy::kCurrent) return defer_undated();
       if (m.chemotherapy != Chemotherapy::kEnded) return no_fire();
       if (!m.chemotherapy_end) return defer_undated();
       return wait_months(m.chemotherapy_end, in.policy.chemo_wait_months, in.as_of);
     }},
    {"R08", "recent_hair_transplant_or_immature_scar", "",
     [](const RuleInput& in) {
       const int months = in.policy.scar_maturity_months;
       Firing result = wait_months(in.answers.last_hair_transplant, months, in.as_of);
       for (const auto& scar : in.answers.scars) {
         const Firing f = wait_months(scar.healed_since, months, in.as_of);
         if (f.fired && (!result.eligible_on || *f.eligible_on > *result.eligible_on)) result = f;
         // A raised or red scar has no end date: it needs a fresh look before booking.
         if (scar.raised_or_red) {
           result.fired = true;
           result.verdict = Verdict::kDefer;
           result.undated = true;
         }
       }
       return result;
     }},
    {"R09", "alopecia_not_stable", "",
     [](const RuleInput& in) {
       if (in.answers.cause != Cause::kAlopeciaAreata) return no_fire();
       return wait_months(in.answers.alopecia_last_change, in.policy.alopecia_stable_months,
                          in.as_of);
     }},
    {"R10", "recent_isotretinoin", "",
     [](const RuleInput& in) {
       return wait_months(in.answers.medical.isotretinoin_last_dose,
                          in.policy.isotretinoin_wait_months, in.as_of);
     }},
    {"R11", "blood_thinners_or_clotting_disorder", "doctor_note_keep_medication",
     [](const RuleInput& in) {
       return in.answers.medical.blood_thinners_or_bleeding_disorder
                  ? fire(Verdict::kMedicalClearance)
                  : no_fire();
     }},
    {"R12", "pigment_allergy_history", "patch_test",
     [](const RuleInput& in) {
       return in.answers.medical.pigment_or_ink_reaction ? fire(Verdict::kMedicalClearance)
                                                         : no_fire();
     }},
    {"R13", "immunocompromised_or_chemotherapy", "doctor_or_oncologist_clearance",
     [](const RuleInput& in) {
       return in.answers.medical.immunocompromised || chemo_wait_over(in)
                  ? fire(Verdict::kMedicalClearance)
                  : no_fire();
     }},
    {"R14", "uncontrolled_diabetes", "doctor_note",
     [](const RuleInput& in) {
       const auto diabetes = in.answers.medical.diabetes;
       if (diabetes == Diabetes::kUncontrolled) return fire(Verdict::kMedicalClearance);
       if (diabetes == Diabetes::kControlled && in.policy.diabetes_any) {
         Firing f = fire(Verdict::kMedicalClearance);
         f.variant = ".any";
         return f;
       }
       return no_fire();
     }},
    {"R15", "skin_cancer_history", "dermatologist_clearance",
     [](const RuleInput& in) {
       return in.answers.medical.skin_cancer == SkinCancer::kHistory
                  ? fire(Verdict::kMedicalClearance)
                  : no_fire();
     }},
    {"R16", "chronic_scalp_condition_controlled", "doctor_note_reschedule_if_flare",
     [](const RuleInput& in) {
       return in.answers.medical.chronic_scalp_condition_controlled &&
                      in.policy.chronic_controlled_policy == Policy::kMedicalClearance
                  ? fire(Verdict::kMedicalClearance)
                  : no_fire();
     }},
    {"R17", "other_medical_condition", "doctor_note",
     [](const RuleInput& in) {
       return in.answers.medical.other_serious_condition ? fire(Verdict::kMedicalClearance)
                                                         : no_fire();
     }},
    // SPEC §8: a health answer the visitor was not sure of (or skipped) is discussed before
    // anything is booked, so an unknown answer can never read as a "no".
    {"R18", "health_answer_unsure", "discuss_at_consultation",
     [](const RuleInput& in) {
       if (in.answers.medical.unsure.empty()) return no_fire();
       Firing f = fire(Verdict::kMedicalClearance);
       for (const auto& key : in.answers.medical.unsure) f.subjects.push_back("medical." + key);
       return f;
     }},
}};

bool is_early_norwood(const Pattern& pattern) {
  static constexpr std::array<std::string_view, 7> kEarly{"II",         "IIA", "III", "IIIA",
                                                          "III_VERTEX", "IV",  "IVA"};
  return pattern.scale == Scale::kNorwood &&
         std::find(kEarly.begin(), kEarly.end(), pattern.stage) != kEarly.end();
}

std::vector<Advisory> advisories_for(const Answers& answers, const Screening& screening,
                                     std::optional<int> age) {
  std::vector<Advisory> out;
  const auto fired = [&](std::string_view code) {
    return std::any_of(screening.reasons.begin(), screening.reasons.end(),
                       [&](const Reason& r) { return r.code == code; });
  };
  if (age && *age >= 18 && *age <= 25 && is_early_norwood(answers.pattern)) {
    out.push_back({"young_progressive_loss"});
  }
  if (answers.desired_look == Look::kKeepLength && answers.pattern.scale == Scale::kNorwood &&
      (answers.pattern.stage == "VI" || answers.pattern.stage == "VII")) {
    out.push_back({"keep_length_not_feasible"});
  }
  if (fired("blood_thinners_or_clotting_disorder")) out.push_back({"no_prescribed_med_changes"});
  if (std::any_of(answers.scars.begin(), answers.scars.end(),
                  [](const Scar& s) { return s.type == ScarType::kOtherLarge; })) {
    out.push_back({"scar_needs_in_person_quote"});
  }
  const bool unsure =
      answers.pattern.scale == Scale::kUnsure || answers.pattern.scale == Scale::kUnanswered;
  if (unsure && screening.verdict != Verdict::kNotSuitable) {
    out.push_back({"photos_for_exact_quote"});
  }
  return out;
}

}  // namespace

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kGoodCandidate: return "good_candidate";
    case Verdict::kMedicalClearance: return "medical_clearance";
    case Verdict::kDefer: return "defer";
    case Verdict::kNotSuitable: return "not_suitable";
  }
  return "";
}

Screening screen(const Answers& answers, const Config& config, Date as_of) {
  const RuleInput input{answers, config.screening, as_of, age_of(answers, as_of),
                        select_packages(answers, config).empty()};
  Screening screening;
  std::vector<Reason> fired;
  for (const auto& rule : kRules) {
    const Firing f = rule.check(input);
    if (!f.fired) continue;
    const std::string action = f.action.empty() ? rule.action : f.action;
    if (f.subjects.empty()) {
      fired.push_back(
          {rule.id, rule.code, f.verdict, f.eligible_on, f.undated, action, f.variant, ""});
    }
    for (const auto& subject : f.subjects) {
      fired.push_back(
          {rule.id, rule.code, f.verdict, f.eligible_on, f.undated, action, f.variant, subject});
    }
    screening.verdict = std::max(screening.verdict, f.verdict);
  }
  // Severity first, then rule id (DOMAIN 3.2): one pass per severity keeps the table's order.
  for (int severity = int(Verdict::kNotSuitable); severity >= 0; --severity) {
    for (const auto& reason : fired) {
      if (int(reason.verdict) == severity) screening.reasons.push_back(reason);
    }
  }
  if (screening.verdict == Verdict::kDefer) {
    for (const auto& reason : screening.reasons) {
      if (reason.verdict != Verdict::kDefer) continue;
      if (reason.undated) screening.recheck_required = true;
      if (reason.eligible_on && (!screening.earliest_eligible_date ||
                                 *reason.eligible_on > *screening.earliest_eligible_date)) {
        screening.earliest_eligible_date = reason.eligible_on;
      }
    }
  }
  // Under the minimum age and nothing else against it, "not suitable" means "not yet" (N5).
  if (screening.verdict == Verdict::kNotSuitable &&
      std::all_of(screening.reasons.begin(), screening.reasons.end(), [](const Reason& r) {
        return r.verdict != Verdict::kNotSuitable || r.code == "under_minimum_age";
      })) {
    screening.verdict_variant = "not_yet";
  }
  screening.advisories = advisories_for(answers, screening, input.age);
  return screening;
}

bool may_share_health_data(const Answers& answers, const Config& config, Date as_of) {
  const auto age = age_of(answers, as_of);
  return !age || *age >= config.screening.min_age;
}

}  // namespace smp
