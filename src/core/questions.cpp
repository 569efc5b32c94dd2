// The quiz catalogue as a data table, filtered by the answers so far and rendered with the
// clinic's texts.
#include "smp/questions.hpp"

#include <array>
#include <span>
#include <string_view>

#include "smp/answers.hpp"
#include "smp/messages.hpp"
#include "smp/stages.hpp"

namespace smp {
namespace {

using nlohmann::json;

enum class Kind { kSingle, kYesNo, kDate, kNumber, kStage, kScarList };
enum class ValueType { kString, kBool, kInt };
enum class Op { kEquals, kNotEquals };
// Which bound a date question's picker gets: past events end today, a start date begins today.
enum class DateBound { kNone, kMaxToday, kMinToday };

struct OptionSpec {
  std::string_view value;  ///< the SPEC §3 value; also the message key suffix
  ValueType type = ValueType::kString;
  int int_value = 0;  ///< for kInt
};

/// Shown only while the answer at `pointer` equals (or does not equal) `value`.
struct Condition {
  std::string_view pointer;
  Op op;
  std::string_view value;
};

/// Pre-selects `option` when the answer at `pointer` equals `equals`; that option comes first.
struct Suggestion {
  std::string_view pointer;
  std::string_view equals;
  std::string_view option;
};

struct QuestionSpec {
  std::string_view id;
  std::string_view section;
  Kind kind;
  std::string_view pointer;
  bool required;
  std::string_view option_group;  ///< option.<group>.<value>; shared by every yes/no question
  std::span<const OptionSpec> options;
  std::span<const Condition> shown_when;  ///< all must hold
  std::span<const Suggestion> suggestions;
  DateBound date_bound = DateBound::kNone;
  int number_min = 0;  ///< kNumber only
  int number_max = 0;
  bool may_be_unsure = false;         ///< a health answer that takes "unsure" (SPEC §8)
  std::string_view screen = {};       ///< the kScreens entry the question is asked on
  std::string_view none_option = {};  ///< checklist items: what "None of these apply" answers
  bool prefill = false;  ///< a page may answer it ahead (prefill-*, smp_*): never a medical one
};

// How a screen lays out its questions: one after the other, or as a health checklist (one row
// per question, each with its own Yes/No/Not sure, plus one "None of these apply to me").
enum class Layout { kForm, kChecklist };

/// One screen of the quiz: the questions of kQuestions that name it, in their order. Screens
/// follow each other in this order; one without a visible question is not shown.
struct ScreenSpec {
  std::string_view id;
  std::string_view section;  ///< what the progress bar names while it is shown
  Layout layout;
};

// Questions that belong together share a screen; a follow-up (a date for a ticked item, the
// stage for a scale) is on its question's screen when it can appear as the visitor answers,
// otherwise on the next one. The stage picker has a screen of its own: its pictures are large.
constexpr std::array<ScreenSpec, 8> kScreens{{
    {"about_you", "about_you", Layout::kForm},
    {"pattern", "hair_loss", Layout::kForm},
    {"stage", "hair_loss", Layout::kForm},
    {"cause_and_look", "hair_loss", Layout::kForm},
    {"scars", "scars", Layout::kForm},
    {"health_conditions", "health", Layout::kChecklist},
    {"health_treatments", "health", Layout::kChecklist},
    {"timing", "timing", Layout::kForm},
}};

constexpr std::array<std::string_view, 6> kSections{"about_you", "hair_loss", "goals",
                                                    "scars",     "health",    "timing"};

constexpr OptionSpec str(std::string_view value) {
  return {value, ValueType::kString, 0};
}

constexpr std::array<OptionSpec, 3> kSexOptions{str("male"), str("female"), str("other")};
constexpr std::array<OptionSpec, 6> kFitzpatrickOptions{{{"1", ValueType::kInt, 1},
                                                         {"2", ValueType::kInt, 2},
                                                         {"3", ValueType::kInt, 3},
                                                         {"4", ValueType::kInt, 4},
                                                         {"5", ValueType::kInt, 5},
                                                         {"6", ValueType::kInt, 6}}};
constexpr std::array<OptionSpec, 6> kScaleOptions{str("norwood"), str("ludwig"), str("crown_only"),
                                                  str("diffuse"), str("none"),   str("unsure")};
// The stage pickers offer the scales' stages (smp/stages.hpp), in order.
template <std::size_t N>
constexpr std::array<OptionSpec, N> string_options(const std::array<std::string_view, N>& values) {
  std::array<OptionSpec, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = str(values[i]);
  return out;
}
constexpr std::array<OptionSpec, 12> kNorwoodOptions = string_options(kNorwoodStages);
constexpr std::array<OptionSpec, 3> kLudwigOptions = string_options(kLudwigStages);
constexpr std::array<OptionSpec, 3> kExtentOptions{str("mild"), str("moderate"), str("extensive")};
constexpr std::array<OptionSpec, 6> kCauseOptions{
    str("androgenetic"), str("alopecia_areata"),   str("alopecia_totalis_universalis"),
    str("chemotherapy"), str("trauma_or_surgery"), str("unknown")};
constexpr std::array<OptionSpec, 2> kLookOptions{str("shaved"), str("keep_length")};
constexpr std::array<OptionSpec, 4> kScarOptions{str("fut_strip"), str("fue_dots"),
                                                 str("other_small"), str("other_large")};
// Health answers end with "unsure" (SPEC §8): not knowing is an answer, never a "no".
constexpr std::array<OptionSpec, 3> kYesNoOptions{
    {{"true", ValueType::kBool, 1}, {"false", ValueType::kBool, 0}, str("unsure")}};
constexpr std::array<OptionSpec, 4> kChemotherapyOptions{str("none"), str("current"), str("ended"),
                                                         str("unsure")};
constexpr std::array<OptionSpec, 4> kDiabetesOptions{str("none"), str("controlled"),
                                                     str("uncontrolled"), str("unsure")};
constexpr std::array<OptionSpec, 4> kSkinCancerOptions{str("none"), str("history"),
                                                       str("current_or_suspicious"), str("unsure")};

constexpr std::array<Condition, 1> kWhenNorwood{{{"/pattern/scale", Op::kEquals, "norwood"}}};
constexpr std::array<Condition, 1> kWhenLudwig{{{"/pattern/scale", Op::kEquals, "ludwig"}}};
constexpr std::array<Condition, 1> kWhenDiffuse{{{"/pattern/scale", Op::kEquals, "diffuse"}}};
constexpr std::array<Condition, 1> kWhenAlopeciaAreata{
    {{"/cause", Op::kEquals, "alopecia_areata"}}};
constexpr std::array<Condition, 1> kUnlessMale{{{"/sex", Op::kNotEquals, "male"}}};
constexpr std::array<Condition, 1> kWhenChemotherapyEnded{
    {{"/medical/chemotherapy", Op::kEquals, "ended"}}};

// Either scale is open to everyone (DOMAIN.md 2.2); sex only decides which one is offered first.
constexpr std::array<Suggestion, 2> kScaleBySex{
    {{"/sex", "male", "norwood"}, {"/sex", "female", "ludwig"}}};

constexpr QuestionSpec yes_no(std::string_view id, std::string_view pointer,
                              std::span<const Condition> shown_when = {}) {
  return {id,         "health", Kind::kYesNo,     pointer, false, "yes_no", kYesNoOptions,
          shown_when, {},       DateBound::kNone, 0,       0,     true};
}

// A health question whose answer may be "unsure"; moving on without an answer means that too.
constexpr QuestionSpec unsure_allowed(QuestionSpec question) {
  question.may_be_unsure = true;
  return question;
}

// The screen a question is asked on; `none_option` for a checklist item.
constexpr QuestionSpec on(std::string_view screen, QuestionSpec question,
                          std::string_view none_option = {}) {
  question.screen = screen;
  question.none_option = none_option;
  return question;
}

// A question a clinic's page may answer ahead (prefill-<id> attributes, smp_<id> URL parameters):
// about the visitor's look and plans, never their health or history.
constexpr QuestionSpec prefillable(QuestionSpec question) {
  question.prefill = true;
  return question;
}

constexpr QuestionSpec date(std::string_view id, std::string_view section, std::string_view pointer,
                            bool required, DateBound bound,
                            std::span<const Condition> shown_when = {}) {
  return {id, section, Kind::kDate, pointer, required, id, {}, shown_when, {}, bound};
}

constexpr QuestionSpec choice(std::string_view id, std::string_view section, Kind kind,
                              std::string_view pointer, bool required,
                              std::span<const OptionSpec> options,
                              std::span<const Condition> shown_when = {},
                              std::span<const Suggestion> suggestions = {}) {
  return {id, section, kind, pointer, required, id, options, shown_when, suggestions};
}

// The catalogue, in the order the widget asks it (screen by screen, kScreens' order).
// Skin type (Fitzpatrick) never changes a verdict or a price (SPEC §3): it is asked last, as an
// optional detail for the clinic, not before the questions that decide.
constexpr auto kQuestions = std::to_array<QuestionSpec>({
    on("about_you", prefillable(date("dob", "about_you", "/dob", true, DateBound::kMaxToday))),
    on("about_you",
       prefillable(choice("sex", "about_you", Kind::kSingle, "/sex", false, kSexOptions))),

    on("pattern", prefillable(choice("pattern_scale", "hair_loss", Kind::kSingle, "/pattern/scale",
                                     true, kScaleOptions, {}, kScaleBySex))),
    on("stage", prefillable(choice("norwood_stage", "hair_loss", Kind::kStage, "/pattern/stage",
                                   true, kNorwoodOptions, kWhenNorwood))),
    on("stage", prefillable(choice("ludwig_stage", "hair_loss", Kind::kStage, "/pattern/stage",
                                   true, kLudwigOptions, kWhenLudwig))),
    on("stage", prefillable(choice("diffuse_extent", "hair_loss", Kind::kSingle, "/pattern/extent",
                                   true, kExtentOptions, kWhenDiffuse))),
    // The cause is asked for every scale, "none" too: alopecia areata changes the package and
    // fires its own rule whatever the pattern (V14 has no pattern and patches).
    on("cause_and_look",
       choice("cause", "hair_loss", Kind::kSingle, "/cause", false, kCauseOptions)),
    on("cause_and_look", date("alopecia_last_change", "hair_loss", "/alopecia_last_change", true,
                              DateBound::kMaxToday, kWhenAlopeciaAreata)),
    on("cause_and_look", prefillable(choice("desired_look", "goals", Kind::kSingle, "/desired_look",
                                            true, kLookOptions))),

    on("scars",
       date("last_hair_transplant", "scars", "/last_hair_transplant", false, DateBound::kMaxToday)),
    on("scars", choice("scars", "scars", Kind::kScarList, "/scars", false, kScarOptions)),

    on("health_conditions",
       yes_no("pregnant_or_breastfeeding", "/medical/pregnant_or_breastfeeding", kUnlessMale),
       "false"),
    on("health_conditions", yes_no("active_scalp_condition", "/medical/active_scalp_condition"),
       "false"),
    on("health_conditions",
       yes_no("chronic_scalp_condition_controlled", "/medical/chronic_scalp_condition_controlled"),
       "false"),
    on("health_conditions", yes_no("keloid_prone", "/medical/keloid_prone"), "false"),
    on("health_conditions",
       yes_no("blood_thinners_or_bleeding_disorder",
              "/medical/blood_thinners_or_bleeding_disorder"),
       "false"),
    on("health_conditions", yes_no("pigment_or_ink_reaction", "/medical/pigment_or_ink_reaction"),
       "false"),
    on("health_conditions", yes_no("immunocompromised", "/medical/immunocompromised"), "false"),
    on("health_conditions", yes_no("other_serious_condition", "/medical/other_serious_condition"),
       "false"),

    on("health_treatments",
       unsure_allowed(choice("chemotherapy", "health", Kind::kSingle, "/medical/chemotherapy",
                             false, kChemotherapyOptions)),
       "none"),
    on("health_treatments", date("chemotherapy_end", "health", "/medical/chemotherapy_end", true,
                                 DateBound::kMaxToday, kWhenChemotherapyEnded)),
    on("health_treatments",
       unsure_allowed(choice("diabetes", "health", Kind::kSingle, "/medical/diabetes", false,
                             kDiabetesOptions)),
       "none"),
    on("health_treatments",
       unsure_allowed(choice("skin_cancer", "health", Kind::kSingle, "/medical/skin_cancer", false,
                             kSkinCancerOptions)),
       "none"),
    // No none_option: "never" is the omitted date (its skip), not a value.
    on("health_treatments",
       unsure_allowed(date("isotretinoin_last_dose", "health", "/medical/isotretinoin_last_dose",
                           false, DateBound::kMaxToday))),

    on("timing", prefillable(date("requested_start", "timing", "/requested_start", false,
                                  DateBound::kMinToday))),
    on("timing", prefillable(choice("fitzpatrick", "about_you", Kind::kSingle, "/fitzpatrick",
                                    false, kFitzpatrickOptions))),
});

// Every question is on a listed screen, and the catalogue runs through the screens in order.
constexpr bool questions_follow_screens() {
  std::size_t screen = 0;
  for (const QuestionSpec& question : kQuestions) {
    while (screen < kScreens.size() && kScreens[screen].id != question.screen) ++screen;
    if (screen == kScreens.size()) return false;
  }
  return true;
}
static_assert(questions_follow_screens(), "kQuestions must name kScreens, in their order");

// The answer at an (unescaped, object-only) JSON pointer, or nullptr. Walks with `find` so a
// document of any shape is safe under JSON_NOEXCEPTION; JSON null counts as not answered.
const json* answer_at(const json& answers, std::string_view pointer) {
  const json* node = &answers;
  std::size_t start = 1;  // skip the leading '/'
  while (start <= pointer.size()) {
    std::size_t end = pointer.find('/', start);
    if (end == std::string_view::npos) end = pointer.size();
    if (!node->is_object()) return nullptr;
    const auto child = node->find(std::string(pointer.substr(start, end - start)));
    if (child == node->end()) return nullptr;
    node = &*child;
    start = end + 1;
  }
  return node->is_null() ? nullptr : node;
}

bool answer_equals(const json& answers, std::string_view pointer, std::string_view value) {
  const json* answer = answer_at(answers, pointer);
  return answer != nullptr && answer->is_string() && answer->get_ref<const std::string&>() == value;
}

bool is_visible(const QuestionSpec& question, const json& answers) {
  for (const Condition& condition : question.shown_when) {
    const bool equal = answer_equals(answers, condition.pointer, condition.value);
    if ((condition.op == Op::kEquals) != equal) return false;
  }
  return true;
}

// Visible now, or once the answers its conditions read are given: what the progress total
// counts, so the total does not grow as the visitor answers (it can only shrink, when an answer
// rules a screen out).
bool may_be_visible(const QuestionSpec& question, const json& answers) {
  for (const Condition& condition : question.shown_when) {
    if (answer_at(answers, condition.pointer) == nullptr) continue;
    const bool equal = answer_equals(answers, condition.pointer, condition.value);
    if ((condition.op == Op::kEquals) != equal) return false;
  }
  return true;
}

std::string_view suggested_option(const QuestionSpec& question, const json& answers) {
  for (const Suggestion& suggestion : question.suggestions) {
    if (answer_equals(answers, suggestion.pointer, suggestion.equals)) return suggestion.option;
  }
  return {};
}

json option_value(const OptionSpec& option) {
  switch (option.type) {
    case ValueType::kBool: return option.int_value != 0;
    case ValueType::kInt: return option.int_value;
    case ValueType::kString: break;
  }
  return std::string(option.value);
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::kSingle: return "single";
    case Kind::kYesNo: return "yes_no";
    case Kind::kDate: return "date";
    case Kind::kNumber: return "number";
    case Kind::kStage: return "stage";
    case Kind::kScarList: return "scar_list";
  }
  return "single";
}

std::string join(std::string_view a, std::string_view b) {
  std::string key(a);
  key += b;
  return key;
}

json option_json(const QuestionSpec& question, const OptionSpec& option, const Messages& messages) {
  const std::string key = join(join(join("option.", question.option_group), "."), option.value);
  json out = json::object();
  out["value"] = option_value(option);
  out["label"] = messages.text(key);
  const std::string help_key = join(key, ".help");
  if (messages.has(help_key)) out["help"] = messages.text(help_key);
  return out;
}

json question_json(const QuestionSpec& question, const json& answers, const Messages& messages,
                   Date today) {
  const std::string key = join("question.", question.id);
  json out = json::object();
  out["id"] = std::string(question.id);
  out["section"] = std::string(question.section);
  out["kind"] = std::string(kind_name(question.kind));
  out["pointer"] = std::string(question.pointer);
  out["required"] = question.required;
  out["text"] = messages.text(key);
  if (messages.has(join(key, ".help"))) out["help"] = messages.text(join(key, ".help"));

  const std::string_view suggested = suggested_option(question, answers);
  if (!question.options.empty()) {
    json options = json::array();
    // The suggested option leads, so the likelier scale is the first one a visitor reads.
    for (const OptionSpec& option : question.options) {
      if (option.value == suggested) options.push_back(option_json(question, option, messages));
    }
    for (const OptionSpec& option : question.options) {
      if (option.value != suggested) options.push_back(option_json(question, option, messages));
    }
    out["options"] = std::move(options);
  }

  if (question.kind == Kind::kNumber) {
    out["min"] = question.number_min;
    out["max"] = question.number_max;
  }
  // Additive: the date of birth's "enter your age instead" field and its bounds.
  if (question.pointer == std::string_view("/dob"))
    out["age"] = {{"min", kMinAge}, {"max", kMaxAge}};
  if (question.date_bound == DateBound::kMaxToday) out["max"] = format_date(today);
  if (question.date_bound == DateBound::kMinToday) out["min"] = format_date(today);
  if (question.kind == Kind::kScarList) {
    // Each listed scar asks two more things; their labels come from the catalogue too.
    json fields = json::array();
    fields.push_back({{"id", "healed_since"},
                      {"kind", "date"},
                      {"label", messages.text(join(key, ".healed_since"))},
                      {"help", messages.text(join(key, ".healed_since.help"))},
                      {"max", format_date(today)},
                      {"required", true}});
    fields.push_back({{"id", "raised_or_red"},
                      {"kind", "yes_no"},
                      {"label", messages.text(join(key, ".raised_or_red"))},
                      {"required", false}});
    out["fields"] = std::move(fields);
  }
  if (messages.has(join(key, ".skip"))) out["skip_label"] = messages.text(join(key, ".skip"));
  if (question.may_be_unsure) {
    // What the widget writes when the visitor moves on without answering (SPEC §8); a question
    // without options (a date) gets its own "not sure" button label.
    out["unanswered_value"] = "unsure";
    if (question.options.empty()) out["unsure_label"] = messages.text("question.unsure");
  }
  if (!suggested.empty()) out["suggested"] = std::string(suggested);
  out["screen"] = std::string(question.screen);
  if (question.prefill) out["prefill"] = true;
  for (const OptionSpec& option : question.options) {
    if (!question.none_option.empty() && option.value == question.none_option)
      out["none_value"] = option_value(option);
  }
  out["answered"] = answer_at(answers, question.pointer) != nullptr;
  return out;
}

std::string_view layout_name(Layout layout) {
  return layout == Layout::kChecklist ? "checklist" : "form";
}

// The screens with a visible question, each listing them, and the stable total.
void add_screens(json& out, const json& answers, const Messages& messages) {
  json screens = json::array();
  int total = 0;
  for (const ScreenSpec& screen : kScreens) {
    json ids = json::array();
    bool possible = false;
    for (const QuestionSpec& question : kQuestions) {
      if (question.screen != screen.id) continue;
      if (is_visible(question, answers)) ids.push_back(std::string(question.id));
      possible = possible || may_be_visible(question, answers);
    }
    if (possible) ++total;
    if (ids.empty()) continue;
    json entry = json::object();
    entry["id"] = std::string(screen.id);
    entry["section"] = std::string(screen.section);
    entry["layout"] = std::string(layout_name(screen.layout));
    const std::string key = join("screen.", screen.id);
    if (messages.has(key)) entry["title"] = messages.text(key);
    if (messages.has(join(key, ".help"))) entry["help"] = messages.text(join(key, ".help"));
    if (screen.layout == Layout::kChecklist)
      entry["none_label"] = messages.text(join(key, ".none"));
    entry["questions"] = std::move(ids);
    screens.push_back(std::move(entry));
  }
  out["screens"] = std::move(screens);
  out["progress"] = {{"total", total}};
}

json errors_json(const json& answers, const Messages& messages, Date today) {
  json errors = json::array();
  Result<Answers> parsed = parse_answers(answers, today, Completeness::kPartial);
  localize_diagnostics(parsed.errors, messages);
  for (const Diagnostic& diagnostic : parsed.errors) {
    json error = json::object();
    error["pointer"] = diagnostic.pointer;
    error["code"] = diagnostic.code;
    error["message"] = diagnostic.message;
    errors.push_back(std::move(error));
  }
  return errors;
}

}  // namespace

nlohmann::json questions_json(const nlohmann::json& answers, const Config& config,
                              const std::string& locale, Date today) {
  const Messages messages(config, locale);
  json out = json::object();
  out["schema"] = "smp-consult/questions@1";
  out["locale"] = locale;

  json sections = json::array();
  for (std::string_view id : kSections) {
    const std::string key = join("section.", id);
    sections.push_back({{"id", std::string(id)},
                        {"title", messages.text(key)},
                        {"intro", messages.text(join(key, ".intro"))}});
  }
  out["sections"] = std::move(sections);

  json questions = json::array();
  for (const QuestionSpec& question : kQuestions) {
    if (is_visible(question, answers)) {
      questions.push_back(question_json(question, answers, messages, today));
    }
  }
  out["questions"] = std::move(questions);
  add_screens(out, answers, messages);
  out["errors"] = errors_json(answers, messages, today);
  return out;
}

}  // namespace smp
