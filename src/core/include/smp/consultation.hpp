#pragma once
// The consultation result (`smp-consult/result@1`, SPEC §4): verdict, reasons, estimate, plan.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "smp/answers.hpp"
#include "smp/config.hpp"
#include "smp/date.hpp"

namespace smp {

class Messages;

/// Ordered by severity, so `std::max` gives the strictest verdict.
enum class Verdict { kGoodCandidate = 0, kMedicalClearance = 1, kDefer = 2, kNotSuitable = 3 };
const char* to_string(Verdict verdict);

struct Reason {
  std::string rule;  ///< R01 … R18 (ordering and tests)
  std::string code;  ///< SPEC reason code, e.g. "keloid_prone"
  Verdict verdict = Verdict::kGoodCandidate;
  std::optional<Date> eligible_on;
  bool undated = false;  ///< a defer reason with no end date (recheck needed)
  std::string action;    ///< e.g. "patch_test", "doctor_note"; "" = none
  std::string variant;   ///< message variant suffix, e.g. ".clearance" when a policy softens a rule
  std::string subject;   ///< the answer a per-answer reason is about, e.g. "medical.keloid_prone"
};

struct Advisory {
  std::string code;
};

struct Screening {
  Verdict verdict = Verdict::kGoodCandidate;
  std::vector<Reason> reasons;
  std::vector<Advisory> advisories;
  std::optional<Date> earliest_eligible_date;
  bool recheck_required = false;
  /// Headline/summary variant of the verdict's copy, e.g. "not_yet" when only the minimum age
  /// stands in the way ("" = the verdict's own copy).
  std::string verdict_variant;
};

enum class PackageRole { kPrimary, kAddon };

struct PackagePick {
  std::string id;
  PackageRole role = PackageRole::kPrimary;
  int price_factor_bp = 10000;  ///< 10000 = full price, 5000 = 50 %
};

struct EstimateLine {
  std::string package;
  long long low = 0;
  long long high = 0;
};

struct Estimate {
  bool provisional = false;
  std::string currency;
  long long low = 0;
  long long high = 0;
  std::vector<EstimateLine> lines;
  IntRange sessions;
  int planned_sessions = 0;
  HoursRange hours;
  std::optional<int> first_session_max_tenths;  ///< the first session may run longer (full scalp)
  MoneyRange touch_up;
  long long consultation_fee = 0;
  std::optional<long long> deposit;
};

enum class PlanStatus { kScheduled, kPendingClearance };

struct PlannedSession {
  int number = 0;
  std::optional<Date> date;
  HoursRange hours;
  bool full_day = false;
  bool if_needed = false;
};

struct CareItem {
  int session = 0;  ///< precare: the session it prepares; aftercare: the session it follows
  int day = 0;      ///< offset from that session (negative before it)
  std::optional<Date> date;
  std::string code;
  /// Aftercare only: the next session, when it comes before this milestone and restarts its
  /// clock (the milestone is then not reached after this session); 0 = none.
  int restarted_by = 0;
};

struct Plan {
  PlanStatus status = PlanStatus::kScheduled;
  std::vector<PlannedSession> sessions;
  std::vector<CareItem> precare;
  std::vector<CareItem> aftercare;
  std::optional<Date> patch_test_by;
  std::optional<Date> unrestricted_from;
  /// When the "if needed" sessions do happen: no restrictions from this date instead.
  std::optional<Date> unrestricted_from_if_needed;
  std::optional<Date> touch_up_reminder;
};

struct Consultation {
  Date as_of;
  Answers answers;
  Screening screening;
  std::vector<PackagePick> packages;
  std::optional<Estimate> estimate;
  std::optional<Plan> plan;
};

/// What makes one calendar file this plan's own (the core reads no clock): when it was created
/// and an id of the plan (the relay's lead id, the widget's visit id).
struct IcsStamp {
  std::optional<std::int64_t> created_unix_seconds;  ///< DTSTAMP; unset: the consultation date
  std::string plan_id;  ///< hashed into every UID, so two visitors' plans never collide
};

/// Screening rules R01–R18 and advisories (DOMAIN 3.3/3.3b, SPEC §8) with the clinic policies.
Screening screen(const Answers& answers, const Config& config, Date as_of);
/// False below the clinic's minimum age: a minor's health answers are not asked to be shared
/// (the lead form offers no health-data consent and the relay refuses them).
bool may_share_health_data(const Answers& answers, const Config& config, Date as_of);
/// Primary package by pattern/cause/look plus scar add-ons (DOMAIN 3.4, 3.6).
std::vector<PackagePick> select_packages(const Answers& answers, const Config& config);
/// Course estimate (DOMAIN 3.5–3.6); nullopt for not_suitable or when nothing is treatable.
std::optional<Estimate> estimate_course(const Answers& answers, const Screening& screening,
                                        const std::vector<PackagePick>& packages,
                                        const Config& config);
/// Dated session plan (DOMAIN 3.7); nullopt unless sessions can be proposed.
std::optional<Plan> plan_course(const Answers& answers, const Screening& screening,
                                const std::optional<Estimate>& estimate, const Config& config,
                                Date as_of);
/// The whole consultation for validated answers on `as_of`.
Consultation evaluate(const Answers& answers, const Config& config, Date as_of);

/// Result JSON (SPEC §4) with messages in the requested locale.
nlohmann::json to_json(const Consultation& consultation, const Config& config,
                       const Messages& messages);

/// Parses + evaluates in one step: result JSON, or diagnostics (answers messages localized).
/// `today` is used when the answers carry no `as_of`; `override_as_of` (CLI --today) wins.
Result<nlohmann::json> evaluate_json(const nlohmann::json& answers, const Config& config,
                                     Date today, bool override_as_of, const std::string& locale);

/// The plan of valid answers on `as_of` as an iCalendar file; "" when the answers are invalid
/// or the plan has no dated event.
std::string evaluate_ics(const nlohmann::json& answers, const Config& config, Date as_of,
                         const std::string& locale, const IcsStamp& stamp = {});

}  // namespace smp
