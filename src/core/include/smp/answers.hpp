#pragma once
// A visitor's answers (`smp-consult/answers@1`, SPEC §3), parsed strictly into typed values.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "smp/date.hpp"
#include "smp/diagnostic.hpp"

namespace smp {

enum class Sex { kUnspecified, kMale, kFemale, kOther };
enum class Scale { kUnanswered, kNorwood, kLudwig, kCrownOnly, kDiffuse, kNone, kUnsure };
enum class Cause {
  kAndrogenetic,
  kAlopeciaAreata,
  kAlopeciaTotalisUniversalis,
  kChemotherapy,
  kTraumaOrSurgery,
  kUnknown
};
enum class Look { kUnanswered, kShaved, kKeepLength };
enum class ScarType { kFutStrip, kFueDots, kOtherSmall, kOtherLarge };
enum class Chemotherapy { kNone, kCurrent, kEnded };
enum class Diabetes { kNone, kControlled, kUncontrolled };
enum class SkinCancer { kNone, kHistory, kCurrentOrSuspicious };

struct Pattern {
  Scale scale = Scale::kUnanswered;
  std::string stage;  ///< norwood: I … VII (incl. IIA, IIIA, III_VERTEX, IVA, VA); ludwig: I … III
  std::string extent;  ///< diffuse: mild | moderate | extensive
};

struct Scar {
  ScarType type = ScarType::kOtherSmall;
  std::optional<Date> healed_since;
  bool raised_or_red = false;
};

struct Medical {
  bool pregnant_or_breastfeeding = false;
  bool active_scalp_condition = false;
  bool chronic_scalp_condition_controlled = false;
  bool keloid_prone = false;
  bool blood_thinners_or_bleeding_disorder = false;
  bool pigment_or_ink_reaction = false;
  bool immunocompromised = false;
  bool other_serious_condition = false;
  Chemotherapy chemotherapy = Chemotherapy::kNone;
  std::optional<Date> chemotherapy_end;
  Diabetes diabetes = Diabetes::kNone;
  SkinCancer skin_cancer = SkinCancer::kNone;
  std::optional<Date> isotretinoin_last_dose;
  /// Health answers given as "unsure" (SPEC §8: not sure, or skipped in the quiz), by their
  /// `medical` key in SPEC order. Such an answer is false / none / no date for every other rule.
  std::vector<std::string> unsure;
};

/// The ages an `age` answer may give (the quiz's age field shows the same bounds).
inline constexpr int kMinAge = 0;
inline constexpr int kMaxAge = 120;

struct Answers {
  std::optional<Date> as_of;
  std::optional<Date> dob;
  std::optional<int> age;
  Sex sex = Sex::kUnspecified;
  Pattern pattern;
  Cause cause = Cause::kAndrogenetic;
  std::optional<Date> alopecia_last_change;
  Look desired_look = Look::kUnanswered;
  std::vector<Scar> scars;
  std::optional<Date> last_hair_transplant;
  std::optional<int> fitzpatrick;
  Medical medical;
  std::optional<Date> requested_start;
};

/// The latest `requested_start`, in calendar months after the consultation date.
inline constexpr int kMaxRequestedStartMonths = 24;

/// How strictly to treat missing answers.
enum class Completeness {
  kPartial,   ///< answers so far (quiz in progress): nothing is required
  kComplete,  ///< ready to evaluate: an age (dob or age) is required
};

/// Parses answers; `as_of` is the consultation date used for "not in the future" checks.
/// Diagnostic messages are English; `code` is stable and localized by the caller via messages.
Result<Answers> parse_answers(const nlohmann::json& document, Date as_of,
                              Completeness completeness);

/// The visitor's age on `as_of` (dob wins over age); nullopt when neither was given.
std::optional<int> age_of(const Answers& answers, Date as_of);

/// Answer value names as in SPEC §3 (for JSON output and message keys).
const char* to_string(Scale scale);
const char* to_string(Cause cause);
const char* to_string(ScarType type);
const char* to_string(Look look);

}  // namespace smp
