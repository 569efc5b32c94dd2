// Strict parsing of a visitor's answers (SPEC §3). `null` and omitted keys both mean
// "not answered"; anything present must be valid, and every problem is reported with its pointer.
#include "smp/answers.hpp"

#include <array>
#include <span>
#include <string_view>

#include "json_walk.hpp"
#include "smp/stages.hpp"

namespace smp {
namespace {

constexpr std::string_view kSchema = "smp-consult/answers@1";

// Present and not null.
const json* answered(const json& object, std::string_view key) {
  const json* value = JsonWalk::find(object, key);
  return value == nullptr || value->is_null() ? nullptr : value;
}

class AnswersReader {
 public:
  AnswersReader(Diagnostics& errors, Date as_of, Completeness completeness)
      : walk_(errors), as_of_(as_of), complete_(completeness == Completeness::kComplete) {}

  Answers read(const json& document) {
    Answers answers;
    if (!walk_.expect_object(document, "")) return answers;
    walk_.unknown_keys(document, "",
                       {"schema", "as_of", "dob", "age", "sex", "pattern", "cause",
                        "alopecia_last_change", "desired_look", "scars", "last_hair_transplant",
                        "fitzpatrick", "medical", "requested_start"});
    if (const auto* schema = answered(document, "schema")) {
      if (!schema->is_string() || schema->get_ref<const std::string&>() != kSchema) {
        walk_.error("/schema", "schema_version",
                    "unsupported schema " + JsonWalk::short_dump(*schema) + " (expected " +
                        std::string(kSchema) + ")");
      }
    }
    if (const auto* v = answered(document, "as_of")) answers.as_of = walk_.date(*v, "/as_of");
    answers.dob = past_date(document, "", "dob");
    if (const auto* v = answered(document, "age")) {
      if (auto age = walk_.integer(*v, "/age", kMinAge, kMaxAge)) answers.age = int(*age);
    }
    if (complete_ && !answers.dob && !answers.age && answered(document, "dob") == nullptr &&
        answered(document, "age") == nullptr) {
      walk_.error("/age", "required", "required: give dob (date of birth) or age");
    }
    if (const auto* v = answered(document, "sex")) {
      answers.sex =
          walk_
              .one_of<Sex>(*v, "/sex",
                           {{"male", Sex::kMale}, {"female", Sex::kFemale}, {"other", Sex::kOther}})
              .value_or(Sex::kUnspecified);
    }
    if (const auto* v = answered(document, "pattern")) answers.pattern = read_pattern(*v);
    if (const auto* v = answered(document, "cause")) {
      answers.cause =
          walk_
              .one_of<Cause>(*v, "/cause",
                             {{"androgenetic", Cause::kAndrogenetic},
                              {"alopecia_areata", Cause::kAlopeciaAreata},
                              {"alopecia_totalis_universalis", Cause::kAlopeciaTotalisUniversalis},
                              {"chemotherapy", Cause::kChemotherapy},
                              {"trauma_or_surgery", Cause::kTraumaOrSurgery},
                              {"unknown", Cause::kUnknown}})
              .value_or(Cause::kAndrogenetic);
    }
    answers.alopecia_last_change = past_date(document, "", "alopecia_last_change");
    if (complete_ && answers.cause == Cause::kAlopeciaAreata &&
        answered(document, "alopecia_last_change") == nullptr) {
      walk_.error("/alopecia_last_change", "required", "required when cause is alopecia_areata");
    }
    if (const auto* v = answered(document, "desired_look")) {
      answers.desired_look =
          walk_
              .one_of<Look>(*v, "/desired_look",
                            {{"shaved", Look::kShaved}, {"keep_length", Look::kKeepLength}})
              .value_or(Look::kUnanswered);
    }
    if (const auto* v = answered(document, "scars")) answers.scars = read_scars(*v);
    answers.last_hair_transplant = past_date(document, "", "last_hair_transplant");
    if (const auto* v = answered(document, "fitzpatrick")) {
      if (auto type = walk_.integer(*v, "/fitzpatrick", 1, 6)) answers.fitzpatrick = int(*type);
    }
    if (const auto* v = answered(document, "medical")) answers.medical = read_medical(*v);
    if (const auto* v = answered(document, "requested_start")) {
      answers.requested_start = walk_.date(*v, "/requested_start");
      // Plans are made for the near future; a far wish would date sessions past any calendar.
      const Date latest = add_months(as_of_, kMaxRequestedStartMonths);
      if (answers.requested_start && *answers.requested_start > latest) {
        walk_.error("/requested_start", "out_of_range",
                    "must be at most " + std::to_string(kMaxRequestedStartMonths / 12) +
                        " years after the consultation date, " + format_date(latest) + " (" +
                        format_date(*answers.requested_start) + ")");
        answers.requested_start.reset();
      }
    }
    return answers;
  }

 private:
  // A date that must not lie after the consultation date (a birth, surgery, last dose…).
  std::optional<Date> past_date(const json& object, const std::string& parent,
                                std::string_view key) {
    const auto* v = answered(object, key);
    if (v == nullptr) return std::nullopt;
    const auto pointer = JsonWalk::child(parent, key);
    auto date = walk_.date(*v, pointer);
    if (date && *date > as_of_) {
      walk_.error(pointer, "future_date",
                  "must not be after the consultation date " + format_date(as_of_) + " (" +
                      format_date(*date) + ")");
      return std::nullopt;
    }
    return date;
  }

  Pattern read_pattern(const json& v) {
    Pattern pattern;
    if (!walk_.expect_object(v, "/pattern")) return pattern;
    walk_.unknown_keys(v, "/pattern", {"scale", "stage", "extent"});
    const auto* scale = answered(v, "scale");
    if (scale == nullptr) {
      walk_.error("/pattern/scale", "required", "required");
      return pattern;
    }
    const auto parsed = walk_.one_of<Scale>(*scale, "/pattern/scale",
                                            {{"norwood", Scale::kNorwood},
                                             {"ludwig", Scale::kLudwig},
                                             {"crown_only", Scale::kCrownOnly},
                                             {"diffuse", Scale::kDiffuse},
                                             {"none", Scale::kNone},
                                             {"unsure", Scale::kUnsure}});
    if (!parsed) return pattern;
    pattern.scale = *parsed;
    if (pattern.scale == Scale::kNorwood || pattern.scale == Scale::kLudwig) {
      const auto* stage = answered(v, "stage");
      if (stage == nullptr) {
        // A scale chosen but no stage yet is normal mid-quiz.
        if (complete_) walk_.error("/pattern/stage", "required", "required");
        return pattern;
      }
      const bool norwood = pattern.scale == Scale::kNorwood;
      bool known = false;
      if (stage->is_string()) {
        const auto& text = stage->get_ref<const std::string&>();
        for (auto s : norwood ? std::span<const std::string_view>(kNorwoodStages)
                              : std::span<const std::string_view>(kLudwigStages)) {
          known = known || text == s;
        }
        if (known) pattern.stage = text;
      }
      if (!known) {
        walk_.error("/pattern/stage", stage->is_string() ? "invalid_value" : "wrong_type",
                    "must be one of: " +
                        (norwood ? stage_list(kNorwoodStages) : stage_list(kLudwigStages)) +
                        " (got " + JsonWalk::short_dump(*stage) + ")");
      }
    } else if (pattern.scale == Scale::kDiffuse) {
      const auto* extent = answered(v, "extent");
      if (extent == nullptr) {
        if (complete_) walk_.error("/pattern/extent", "required", "required");
        return pattern;
      }
      if (auto e = walk_.one_of<std::string_view>(
              *extent, "/pattern/extent",
              {{"mild", "mild"}, {"moderate", "moderate"}, {"extensive", "extensive"}})) {
        pattern.extent = std::string(*e);
      }
    }
    return pattern;
  }

  std::vector<Scar> read_scars(const json& v) {
    std::vector<Scar> scars;
    if (!walk_.expect_array(v, "/scars")) return scars;
    if (v.size() > 20) {
      walk_.error("/scars", "out_of_range", "must list at most 20 scars");
      return scars;
    }
    for (size_t i = 0; i < v.size(); ++i) {
      const auto pointer = JsonWalk::child("/scars", i);
      const json& entry = v[i];
      if (!walk_.expect_object(entry, pointer)) continue;
      walk_.unknown_keys(entry, pointer, {"type", "healed_since", "raised_or_red"});
      Scar scar;
      const auto* type = answered(entry, "type");
      if (type == nullptr) {
        walk_.error(pointer + "/type", "required", "required");
        continue;
      }
      auto parsed = walk_.one_of<ScarType>(*type, pointer + "/type",
                                           {{"fut_strip", ScarType::kFutStrip},
                                            {"fue_dots", ScarType::kFueDots},
                                            {"other_small", ScarType::kOtherSmall},
                                            {"other_large", ScarType::kOtherLarge}});
      if (!parsed) continue;
      scar.type = *parsed;
      scar.healed_since = past_date(entry, pointer, "healed_since");
      if (complete_ && answered(entry, "healed_since") == nullptr) {
        walk_.error(pointer + "/healed_since", "required", "required");
      }
      if (const auto* raised = answered(entry, "raised_or_red")) {
        scar.raised_or_red = walk_.boolean(*raised, pointer + "/raised_or_red").value_or(false);
      }
      scars.push_back(scar);
    }
    return scars;
  }

  Medical read_medical(const json& v) {
    Medical m;
    const std::string p = "/medical";
    if (!walk_.expect_object(v, p)) return m;
    walk_.unknown_keys(v, p,
                       {"pregnant_or_breastfeeding", "active_scalp_condition",
                        "chronic_scalp_condition_controlled", "keloid_prone",
                        "blood_thinners_or_bleeding_disorder", "pigment_or_ink_reaction",
                        "immunocompromised", "other_serious_condition", "chemotherapy",
                        "chemotherapy_end", "diabetes", "skin_cancer", "isotretinoin_last_dose"});
    const std::pair<std::string_view, bool*> flags[] = {
        {"pregnant_or_breastfeeding", &m.pregnant_or_breastfeeding},
        {"active_scalp_condition", &m.active_scalp_condition},
        {"chronic_scalp_condition_controlled", &m.chronic_scalp_condition_controlled},
        {"keloid_prone", &m.keloid_prone},
        {"blood_thinners_or_bleeding_disorder", &m.blood_thinners_or_bleeding_disorder},
        {"pigment_or_ink_reaction", &m.pigment_or_ink_reaction},
        {"immunocompromised", &m.immunocompromised},
        {"other_serious_condition", &m.other_serious_condition},
    };
    for (const auto& [key, out] : flags) {
      if (const auto* flag = answered(v, key)) {
        if (unsure(*flag, key, m)) continue;
        if (flag->is_boolean()) {
          *out = flag->get<bool>();
        } else {
          walk_.error(
              JsonWalk::child(p, key), "wrong_type",
              "must be true, false or \"unsure\" (got " + JsonWalk::short_dump(*flag) + ")");
        }
      }
    }
    const auto* chemo = answered(v, "chemotherapy");
    if (chemo != nullptr && unsure(*chemo, "chemotherapy", m)) chemo = nullptr;
    if (chemo != nullptr) {
      m.chemotherapy = walk_
                           .one_of<Chemotherapy>(*chemo, p + "/chemotherapy",
                                                 {{"none", Chemotherapy::kNone},
                                                  {"current", Chemotherapy::kCurrent},
                                                  {"ended", Chemotherapy::kEnded},
                                                  {"unsure", Chemotherapy::kNone}})
                           .value_or(Chemotherapy::kNone);
    }
    m.chemotherapy_end = past_date(v, p, "chemotherapy_end");
    if (complete_ && m.chemotherapy == Chemotherapy::kEnded &&
        answered(v, "chemotherapy_end") == nullptr) {
      walk_.error(p + "/chemotherapy_end", "required", "required when chemotherapy is ended");
    }
    const auto* d = answered(v, "diabetes");
    if (d != nullptr && !unsure(*d, "diabetes", m)) {
      m.diabetes = walk_
                       .one_of<Diabetes>(*d, p + "/diabetes",
                                         {{"none", Diabetes::kNone},
                                          {"controlled", Diabetes::kControlled},
                                          {"uncontrolled", Diabetes::kUncontrolled},
                                          {"unsure", Diabetes::kNone}})
                       .value_or(Diabetes::kNone);
    }
    const auto* s = answered(v, "skin_cancer");
    if (s != nullptr && !unsure(*s, "skin_cancer", m)) {
      m.skin_cancer =
          walk_
              .one_of<SkinCancer>(*s, p + "/skin_cancer",
                                  {{"none", SkinCancer::kNone},
                                   {"history", SkinCancer::kHistory},
                                   {"current_or_suspicious", SkinCancer::kCurrentOrSuspicious},
                                   {"unsure", SkinCancer::kNone}})
              .value_or(SkinCancer::kNone);
    }
    const auto* dose = answered(v, "isotretinoin_last_dose");
    if (dose == nullptr || !unsure(*dose, "isotretinoin_last_dose", m)) {
      m.isotretinoin_last_dose = past_date(v, p, "isotretinoin_last_dose");
    }
    return m;
  }

  // "unsure" (SPEC §8) is recorded by key; the caller then treats the answer as not given.
  static bool unsure(const json& value, std::string_view key, Medical& m) {
    if (!value.is_string() || value.get_ref<const std::string&>() != "unsure") return false;
    m.unsure.emplace_back(key);
    return true;
  }

  JsonWalk walk_;
  Date as_of_;
  bool complete_;
};

}  // namespace

Result<Answers> parse_answers(const nlohmann::json& document, Date as_of,
                              Completeness completeness) {
  Result<Answers> result;
  AnswersReader reader(result.errors, as_of, completeness);
  Answers answers = reader.read(document);
  if (result.errors.empty()) result.value = std::move(answers);
  return result;
}

std::optional<int> age_of(const Answers& answers, Date as_of) {
  if (answers.dob) return age_on(*answers.dob, as_of);
  return answers.age;
}

const char* to_string(Scale scale) {
  switch (scale) {
    case Scale::kNorwood: return "norwood";
    case Scale::kLudwig: return "ludwig";
    case Scale::kCrownOnly: return "crown_only";
    case Scale::kDiffuse: return "diffuse";
    case Scale::kNone: return "none";
    case Scale::kUnsure: return "unsure";
    case Scale::kUnanswered: break;
  }
  return "";
}

const char* to_string(Cause cause) {
  switch (cause) {
    case Cause::kAndrogenetic: return "androgenetic";
    case Cause::kAlopeciaAreata: return "alopecia_areata";
    case Cause::kAlopeciaTotalisUniversalis: return "alopecia_totalis_universalis";
    case Cause::kChemotherapy: return "chemotherapy";
    case Cause::kTraumaOrSurgery: return "trauma_or_surgery";
    case Cause::kUnknown: return "unknown";
  }
  return "";
}

const char* to_string(ScarType type) {
  switch (type) {
    case ScarType::kFutStrip: return "fut_strip";
    case ScarType::kFueDots: return "fue_dots";
    case ScarType::kOtherSmall: return "other_small";
    case ScarType::kOtherLarge: return "other_large";
  }
  return "";
}

const char* to_string(Look look) {
  switch (look) {
    case Look::kShaved: return "shaved";
    case Look::kKeepLength: return "keep_length";
    case Look::kUnanswered: break;
  }
  return "";
}

}  // namespace smp
