// The built-in catalogue (en, es), the copy guardrails of DOMAIN.md 3.9, and Messages lookup.
#include "smp/messages.hpp"

#include <catch2/catch.hpp>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "smp/config.hpp"
#include "smp/consultation.hpp"
#include "smp/date.hpp"

namespace {

using smp::MessageEntry;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::set<std::string> keys_of(std::span<const MessageEntry> part) {
  std::set<std::string> keys;
  for (const MessageEntry& entry : part) keys.emplace(entry.key);
  return keys;
}

const MessageEntry* find_entry(std::span<const MessageEntry> part, std::string_view key) {
  for (const MessageEntry& entry : part) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

// The `{name}` placeholders in a text.
std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> names;
  for (std::size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace(text.substr(open + 1, close - open - 1));
  }
  return names;
}

// Every entry of every built-in part in one locale.
std::vector<MessageEntry> all_entries(std::string_view locale) {
  std::vector<MessageEntry> entries;
  for (auto part : {smp::core_messages(locale), smp::question_messages(locale),
                    smp::ui_messages(locale), smp::email_messages(locale)}) {
    entries.insert(entries.end(), part.begin(), part.end());
  }
  return entries;
}

// Words a claim can be negated or qualified with ("semi-permanent", "not permanent",
// "no es permanente", "ni garantizado"); anything else is the forbidden claim itself.
bool is_qualified(const std::string& text, std::size_t at) {
  const std::string before = text.substr(0, at);
  if (before.size() >= 4 && before.compare(before.size() - 4, 4, "semi") == 0) return true;
  if (before.size() >= 5 && before.compare(before.size() - 5, 5, "semi-") == 0) return true;
  // The three words before the claim.
  std::vector<std::string> words;
  std::string word;
  for (auto it = before.rbegin(); it != before.rend() && words.size() < 3; ++it) {
    const char c = *it;
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '\'') {
      word.insert(word.begin(), c);
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty() && words.size() < 3) words.push_back(word);
  static const std::set<std::string> kNegations{"not", "no",  "isn't",  "never", "nunca",
                                                "ni",  "nor", "cannot", "can't", "aren't"};
  for (const std::string& w : words) {
    if (kNegations.count(w) != 0) return true;
  }
  return false;
}

// The first forbidden claim in a text, or "" (DOMAIN.md 3.9 / C1).
std::string forbidden_claim(std::string_view original) {
  const std::string text = lower(original);
  for (std::string_view stem : {"never fades", "nunca se borra", "nunca desaparece"}) {
    if (text.find(stem) != std::string::npos) return std::string(stem);
  }
  for (std::string_view stem : {"permanent", "guarantee", "garantiz", "garantía"}) {
    for (std::size_t at = text.find(stem); at != std::string::npos; at = text.find(stem, at + 1)) {
      if (!is_qualified(text, at)) return std::string(stem);
    }
  }
  return "";
}

// Words, lowercased, split on anything that is not a letter (ASCII letters only matter here).
std::set<std::string> words_of(std::string_view original) {
  std::set<std::string> words;
  std::string word;
  for (char c : lower(original)) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += c;
    } else if (!word.empty()) {
      words.insert(word);
      word.clear();
    }
  }
  if (!word.empty()) words.insert(word);
  return words;
}

// Keys the core code reads (brief for the catalogue; DOMAIN.md 3.3–3.7).
std::vector<std::string> required_core_keys() {
  std::vector<std::string> keys;
  auto add = [&](const std::string& prefix, std::initializer_list<const char*> codes,
                 std::initializer_list<const char*> suffixes = {""}) {
    for (const char* code : codes) {
      for (const char* suffix : suffixes) keys.push_back(prefix + code + suffix);
    }
  };
  add("verdict.", {"good_candidate", "medical_clearance", "defer", "not_suitable"},
      {"", ".summary"});
  add("reason.", {"under_minimum_age",
                  "keloid_prone",
                  "no_treatable_area",
                  "pregnancy_or_breastfeeding",
                  "active_scalp_condition",
                  "skin_cancer_active",
                  "chemotherapy_active_or_recent",
                  "recent_hair_transplant_or_immature_scar",
                  "alopecia_not_stable",
                  "recent_isotretinoin",
                  "blood_thinners_or_clotting_disorder",
                  "pigment_allergy_history",
                  "immunocompromised_or_chemotherapy",
                  "uncontrolled_diabetes",
                  "skin_cancer_history",
                  "chronic_scalp_condition_controlled",
                  "other_medical_condition",
                  "keloid_prone.clearance",
                  "under_minimum_age.guardian",
                  "uncontrolled_diabetes.any",
                  "health_answer_unsure"});
  add("action.", {"patch_test", "doctor_note", "doctor_note_keep_medication",
                  "doctor_note_reschedule_if_flare", "dermatologist_review",
                  "dermatologist_signoff", "dermatologist_clearance", "oncologist_clearance",
                  "doctor_or_oncologist_clearance", "guardian_consent", "discuss_at_consultation"});
  add("advisory.",
      {"young_progressive_loss", "keep_length_not_feasible", "no_prescribed_med_changes",
       "scar_needs_in_person_quote", "photos_for_exact_quote"});
  add("package.",
      {"hairline", "frontal", "crown", "front_and_crown", "full_top", "full_scalp", "density_light",
       "density_moderate", "density_extensive", "alopecia_patches", "scar_fue", "scar_fut",
       "scar_other_small", "scar_other_large", "unknown"},
      {"", ".description"});
  add("package.", {"touch_up"});
  add("precare.", {"avoid_sun_chemicals", "avoid_alcohol_caffeine_thinners", "clip_or_shave",
                   "wash_evening_before", "wash_day_of", "do_not_wash", "day_of_session"});
  add("aftercare.",
      {"shaving", "washing_shampoo", "creams_moisturiser", "vigorous_exercise", "hot_showers",
       "picking", "pools_sauna_tanning", "direct_sun", "sunscreen", "unrestricted"});
  add("longevity.", {"copy", "no_regrowth"});
  add("error.", {"wrong_type", "unknown_key", "invalid_date", "future_date", "out_of_range",
                 "invalid_value", "required", "too_long", "invalid_email", "consent_required",
                 "health_consent_missing", "invalid_json", "schema_version", "control_characters",
                 "age_required", "health_data_minor", "encoded_word"});
  add("ics.", {"calendar_name", "session", "session_if_needed", "patch_test", "touch_up",
               "unrestricted", "pending_clearance", "description_footer"});
  return keys;
}

// Placeholders the core code passes for each key; any other `{...}` would reach the visitor.
const std::map<std::string, std::set<std::string>>& expected_placeholders() {
  static const std::map<std::string, std::set<std::string>> kExpected{
      {"reason.under_minimum_age", {"min_age"}},
      {"reason.under_minimum_age.guardian", {"min_age"}},
      {"reason.chemotherapy_active_or_recent", {"months"}},
      {"reason.recent_hair_transplant_or_immature_scar", {"months"}},
      {"reason.alopecia_not_stable", {"months"}},
      {"reason.recent_isotretinoin", {"months"}},
      {"action.patch_test", {"days"}},
      {"precare.avoid_sun_chemicals", {"days"}},
      {"precare.avoid_alcohol_caffeine_thinners", {"days"}},
      {"ics.calendar_name", {"clinic"}},
      {"ics.session", {"number"}},
      {"ics.session_if_needed", {"number"}},
      {"ics.hours", {"min", "max"}},
      {"ics.aftercare", {"items"}},
      {"money.format", {"symbol", "amount"}},
      {"money.format_code", {"code", "amount"}},
      {"money.range", {"low", "high"}},
      {"date.weekday_long", {"weekday", "day", "month", "year"}},
      {"date.time", {"date", "hour", "minute", "zone"}},
      {"ics.aftercare_after_session", {"number", "items"}},
      {"reason.health_answer_unsure", {"question"}},
      {"verdict.not_suitable.not_yet.summary", {"min_age"}},
      {"verdict.not_suitable.not_yet.dated", {"date"}},
      {"verdict.not_suitable.not_yet.dated.summary", {"date", "min_age"}},
      {"error.health_data_minor", {"min_age"}},
      {"date.long", {"day", "month", "year"}},
  };
  return kExpected;
}

}  // namespace

TEST_CASE("the en and es catalogues have the same keys", "[messages][catalogue]") {
  SECTION("core part") {
    CHECK(keys_of(smp::core_messages("en")) == keys_of(smp::core_messages("es")));
  }
  SECTION("questions part") {
    CHECK(keys_of(smp::question_messages("en")) == keys_of(smp::question_messages("es")));
  }
  SECTION("no key appears twice in a locale") {
    for (std::string_view locale : smp::supported_locales()) {
      std::set<std::string> seen;
      for (const MessageEntry& entry : all_entries(locale)) {
        INFO(locale << " " << entry.key);
        CHECK(seen.emplace(entry.key).second);
      }
    }
  }
  SECTION("every text is non-empty and uses the same placeholders in both locales") {
    for (auto part_of : {smp::core_messages, smp::question_messages}) {
      for (const MessageEntry& en : part_of("en")) {
        const MessageEntry* es = find_entry(part_of("es"), en.key);
        INFO(en.key);
        REQUIRE(es != nullptr);
        CHECK_FALSE(en.text.empty());
        CHECK_FALSE(es->text.empty());
        CHECK(placeholders(en.text) == placeholders(es->text));
      }
    }
  }
  SECTION("an unknown locale has no catalogue") {
    CHECK(smp::core_messages("fr").empty());
    CHECK(smp::question_messages("").empty());
  }
}

TEST_CASE("every code the core uses has an en and es text", "[messages][catalogue]") {
  for (const std::string& key : required_core_keys()) {
    INFO(key);
    CHECK(find_entry(smp::core_messages("en"), key) != nullptr);
    CHECK(find_entry(smp::core_messages("es"), key) != nullptr);
    CHECK(smp::is_message_key(key));
  }
  SECTION("placeholders are only the ones the core passes") {
    for (std::string_view locale : smp::supported_locales()) {
      for (const MessageEntry& entry : smp::core_messages(locale)) {
        const auto expected = expected_placeholders().find(std::string(entry.key));
        const std::set<std::string> want =
            expected == expected_placeholders().end() ? std::set<std::string>{} : expected->second;
        INFO(locale << " " << entry.key << ": " << entry.text);
        CHECK(placeholders(entry.text) == want);
      }
    }
  }
}

TEST_CASE("copy follows the DOMAIN.md 3.9 guardrails", "[messages][guardrails]") {
  SECTION("the claim check itself") {
    CHECK(forbidden_claim("Results are guaranteed.") == "guarantee");
    CHECK(forbidden_claim("SMP is PERMANENT.") == "permanent");
    CHECK(forbidden_claim("Resultado garantizado") == "garantiz");
    CHECK(forbidden_claim("Es permanente") == "permanent");
    CHECK(forbidden_claim("It never fades") == "never fades");
    CHECK(forbidden_claim("Long-lasting but semi-permanent") == "");
    CHECK(forbidden_claim("Duradera pero semipermanente") == "");
    CHECK(forbidden_claim("It is not permanent") == "");
    CHECK(forbidden_claim("No es permanente") == "");
  }
  SECTION("no built-in text claims permanence or a guarantee") {
    for (std::string_view locale : smp::supported_locales()) {
      for (const MessageEntry& entry : all_entries(locale)) {
        INFO(locale << " " << entry.key << ": " << entry.text);
        CHECK(forbidden_claim(entry.text) == "");
      }
    }
  }
  SECTION("every verdict summary says it is information, not a diagnosis") {
    smp::Config config;
    for (const char* verdict : {"good_candidate", "medical_clearance", "defer", "not_suitable"}) {
      const std::string key = std::string("verdict.") + verdict + ".summary";
      const std::string en = lower(smp::Messages(config, "en").text(key));
      const std::string es = lower(smp::Messages(config, "es").text(key));
      INFO(key);
      CHECK(en.find("not a diagnosis") != std::string::npos);
      CHECK(en.find("consultation") != std::string::npos);
      CHECK(es.find("no un diagnóstico") != std::string::npos);
      CHECK(es.find("consulta") != std::string::npos);
    }
  }
  SECTION("blood-thinner texts never tell anyone to stop prescribed medicine") {
    smp::Config config;
    const smp::Messages en(config, "en");
    CHECK(lower(en.text("action.doctor_note_keep_medication")).find("never stop") !=
          std::string::npos);
    CHECK(lower(en.text("precare.avoid_alcohol_caffeine_thinners")).find("non-prescribed") !=
          std::string::npos);
    CHECK(lower(en.text("precare.avoid_alcohol_caffeine_thinners")).find("keep taking") !=
          std::string::npos);
    const smp::Messages es(config, "es");
    CHECK(lower(es.text("action.doctor_note_keep_medication")).find("nunca dejes") !=
          std::string::npos);
    CHECK(lower(es.text("precare.avoid_alcohol_caffeine_thinners")).find("sin receta") !=
          std::string::npos);
  }
  SECTION("the copy says SMP does not grow hair") {
    // The text itself; that every result shows it: guardrails_test.cpp, tests/e2e/safety.test.mjs.
    smp::Config config;
    CHECK(lower(smp::Messages(config, "en").text("longevity.no_regrowth")).find("doesn't grow") !=
          std::string::npos);
    CHECK(lower(smp::Messages(config, "es").text("longevity.no_regrowth")).find("no hace crecer") !=
          std::string::npos);
  }
  SECTION("no question or option asks about HIV or hepatitis") {
    for (std::string_view locale : smp::supported_locales()) {
      for (const MessageEntry& entry : smp::question_messages(locale)) {
        const std::set<std::string> words = words_of(entry.text);
        INFO(locale << " " << entry.key << ": " << entry.text);
        for (const char* banned : {"hiv", "vih", "aids", "sida", "hepatitis"}) {
          CHECK(words.count(banned) == 0);
        }
      }
    }
  }
}

TEST_CASE("Messages resolves clinic copy, then the locale, then English", "[messages][lookup]") {
  smp::Config config;
  SECTION("built-in texts per locale") {
    CHECK(smp::Messages(config, "en").text("verdict.good_candidate") == "Good candidate");
    CHECK(smp::Messages(config, "es").text("verdict.good_candidate") !=
          smp::Messages(config, "en").text("verdict.good_candidate"));
  }
  SECTION("clinic copy override wins, in its own locale only") {
    config.copy["en"]["verdict.good_candidate"] = "You're a great fit";
    CHECK(smp::Messages(config, "en").text("verdict.good_candidate") == "You're a great fit");
    CHECK(smp::Messages(config, "es").text("verdict.good_candidate") != "You're a great fit");
  }
  SECTION("clinic copy gets placeholders too") {
    config.copy["es"]["reason.recent_isotretinoin"] = "Espera {months} meses.";
    CHECK(smp::Messages(config, "es").text("reason.recent_isotretinoin", {{"months", "9"}}) ==
          "Espera 9 meses.");
  }
  SECTION("the clinic's longevity copy replaces the built-in one") {
    config.longevity_copy["en"] = "Lasts for years; touch-ups keep it fresh.";
    CHECK(smp::Messages(config, "en").text("longevity.copy") ==
          "Lasts for years; touch-ups keep it fresh.");
  }
  SECTION("an unsupported locale falls back to English") {
    CHECK(smp::Messages(config, "fr").text("verdict.not_suitable") == "Not suitable");
  }
  SECTION("an unknown key is returned as is") {
    const smp::Messages messages(config, "en");
    CHECK(messages.text("no.such.key") == "no.such.key");
    CHECK_FALSE(messages.has("no.such.key"));
    CHECK(messages.has("verdict.defer"));
  }
  SECTION("has() sees clinic-only keys") {
    config.copy["en"]["question.dob.skip"] = "I'd rather give my age";
    CHECK(smp::Messages(config, "en").has("question.dob.skip"));
    CHECK_FALSE(smp::Messages(config, "es").has("question.dob.skip"));
  }
}

TEST_CASE("placeholders are substituted from params", "[messages][placeholders]") {
  smp::Config config;
  const smp::Messages en(config, "en");
  SECTION("named values replace {name}") {
    const std::string text = en.text("reason.chemotherapy_active_or_recent", {{"months", "9"}});
    CHECK(text.find("9 months") != std::string::npos);
    CHECK(text.find('{') == std::string::npos);
    CHECK(en.text("ics.session", {{"number", "2"}}) == "SMP session 2");
  }
  SECTION("a placeholder used twice is replaced twice") {
    const std::string text = en.text("reason.under_minimum_age", {{"min_age", "21"}});
    CHECK(text.find("21 or over") != std::string::npos);
    CHECK(text.find("turn 21") != std::string::npos);
  }
  SECTION("a value is never expanded again, and a missing param stays visible") {
    config.copy["en"]["ics.session"] = "{a} and {b}";
    const smp::Messages messages(config, "en");
    CHECK(messages.text("ics.session", {{"a", "{b}"}}) == "{b} and {b}");
    CHECK(messages.text("ics.session") == "{a} and {b}");
  }
  SECTION("every core text is free of braces once its params are given") {
    const smp::MessageParams params{
        {"min_age", "18"}, {"months", "6"},    {"days", "7"},   {"clinic", "Clinic"},
        {"number", "1"},   {"min", "2"},       {"max", "3"},    {"items", "Shaving"},
        {"symbol", "$"},   {"amount", "1"},    {"code", "USD"}, {"low", "$1"},
        {"high", "$2"},    {"weekday", "Mon"}, {"day", "1"},    {"month", "June"},
        {"year", "2025"},  {"date", "June 1"}, {"hour", "10"},  {"minute", "05"},
        {"zone", "UTC"},   {"question", "Q?"}};
    for (std::string_view locale : smp::supported_locales()) {
      const smp::Messages messages(config, locale);
      for (const MessageEntry& entry : smp::core_messages(locale)) {
        INFO(locale << " " << entry.key);
        CHECK(messages.text(entry.key, params).find('{') == std::string::npos);
      }
    }
  }
}

TEST_CASE("with_prefix lists resolved texts", "[messages][lookup]") {
  smp::Config config;
  config.copy["es"]["verdict.defer"] = "Todavía no";
  const auto verdicts = smp::Messages(config, "es").with_prefix("verdict.");
  std::map<std::string, std::string> by_key(verdicts.begin(), verdicts.end());
  CHECK(by_key.size() == 12);  // 4 verdicts with summaries, and "not yet" with its dated form
  CHECK(by_key["verdict.defer"] == "Todavía no");
  CHECK(by_key["verdict.not_suitable"] == smp::Messages(config, "es").text("verdict.not_suitable"));
}

TEST_CASE("resolve_locale picks a supported, available locale", "[messages][locale]") {
  smp::Config config;
  CHECK(smp::resolve_locale(config, "es") == "es");
  CHECK(smp::resolve_locale(config, "en") == "en");
  CHECK(smp::resolve_locale(config, "es-MX") == "es");
  CHECK(smp::resolve_locale(config, "ES_es") == "es");
  CHECK(smp::resolve_locale(config, "fr") == "en");
  CHECK(smp::resolve_locale(config, "") == "en");
  SECTION("a locale the clinic has not enabled gives its default") {
    config.available_locales = {"es"};
    config.default_locale = "es";
    CHECK(smp::resolve_locale(config, "en-GB") == "es");
  }
  SECTION("an unsupported default gives English") {
    config.available_locales = {"en"};
    config.default_locale = "de";
    CHECK(smp::resolve_locale(config, "es") == "en");
  }
  SECTION("supported_locales") {
    const auto locales = smp::supported_locales();
    CHECK(std::vector<std::string_view>(locales.begin(), locales.end()) ==
          std::vector<std::string_view>{"en", "es"});
  }
}

TEST_CASE("is_message_key knows every English key and nothing else", "[messages][catalogue]") {
  CHECK(smp::is_message_key("verdict.defer"));
  CHECK(smp::is_message_key("question.keloid_prone"));
  CHECK(smp::is_message_key("option.yes_no.true"));
  CHECK_FALSE(smp::is_message_key("verdict.maybe"));
  CHECK_FALSE(smp::is_message_key(""));
}

TEST_CASE("the result's longevity text is the catalogue's, whichever key the clinic set",
          "[messages][longevity]") {
  // regression: result_json gave `longevity.copy` precedence over `copy`, Messages the reverse,
  // so the result and the widget's ui texts disagreed for a clinic that set both.
  auto parsed = smp::parse_config({{"longevity", {{"copy", "From the longevity key."}}},
                                   {"copy", {{"en", {{"longevity.copy", "From copy."}}}}}});
  REQUIRE(parsed.ok());
  const smp::Config& config = *parsed.value;
  const nlohmann::json answers = {{"age", 40}, {"pattern", {{"scale", "norwood"}, {"stage", "V"}}}};
  for (const char* locale : {"en", "es"}) {
    const auto result =
        smp::evaluate_json(answers, config, *smp::parse_date("2025-06-01"), false, locale);
    REQUIRE(result.ok());
    CHECK(result.value->at("longevity") == smp::Messages(config, locale).text("longevity.copy"));
  }
  CHECK(smp::Messages(config, "en").text("longevity.copy") == "From copy.");
}
