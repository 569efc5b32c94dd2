// JSON-string adapters: parse defensively (nlohmann runs without exceptions here, so any throwing
// path would abort the module), call the core, and answer every problem as diagnostics.
#include "adapters.hpp"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "smp/answers.hpp"
#include "smp/catalogue.hpp"
#include "smp/config.hpp"
#include "smp/consultation.hpp"
#include "smp/date.hpp"
#include "smp/diagnostic.hpp"
#include "smp/json_text.hpp"
#include "smp/lead.hpp"
#include "smp/messages.hpp"
#include "smp/photos.hpp"
#include "smp/preview.hpp"
#include "smp/questions.hpp"

#ifndef SMP_VERSION
#define SMP_VERSION "0.0.0"
#endif

namespace smp::wasm {
namespace {

using nlohmann::json;

// Limits well above any real clinic config or quiz, so hostile input is refused before parsing.
constexpr std::size_t kMaxDocumentBytes = 1 << 20;

std::string dump(const json& value) {
  return dump_json(value);
}

json diagnostic_json(const Diagnostic& diagnostic) {
  return json{
      {"pointer", diagnostic.pointer}, {"code", diagnostic.code}, {"message", diagnostic.message}};
}

json errors_json(const Diagnostics& diagnostics) {
  json errors = json::array();
  for (const Diagnostic& diagnostic : diagnostics) errors.push_back(diagnostic_json(diagnostic));
  return errors;
}

std::string failure(const Diagnostics& diagnostics) {
  return dump(json{{"ok", false}, {"errors", errors_json(diagnostics)}});
}

std::string failure(std::string pointer, std::string code, std::string message) {
  return failure(Diagnostics{Diagnostic{std::move(pointer), std::move(code), std::move(message)}});
}

// A parsed document or the diagnostic that explains why it is unusable.
struct Parsed {
  json value;
  std::optional<Diagnostic> problem;
};

Parsed parse_document(const std::string& text, std::string_view what, bool empty_is_object) {
  Parsed parsed;
  if (text.empty() && empty_is_object) {
    parsed.value = json::object();
    return parsed;
  }
  if (text.size() > kMaxDocumentBytes) {
    parsed.problem = Diagnostic{"", "too_large", std::string(what) + " is larger than 1 MB"};
    return parsed;
  }
  auto result = parse_json_text(text);  // bounded nesting, the parser's own error text
  if (!result.ok()) {
    parsed.problem = result.errors.front();
    parsed.problem->message = std::string(what) + ": " + parsed.problem->message;
    return parsed;
  }
  parsed.value = std::move(*result.value);
  if (!parsed.value.is_object()) {
    parsed.problem = Diagnostic{"", "wrong_type", std::string(what) + " must be a JSON object"};
  }
  return parsed;
}

// The catalogues loadMessages received (module state, with the config cache below), so a page
// loads its visitor's language once instead of passing it with every call.
LoadedCatalogues& loaded_catalogues() {
  static LoadedCatalogues catalogues;
  return catalogues;
}

// A validated config, or the failure text to hand back to JS.
struct LoadedConfig {
  std::optional<Config> config;
  std::string failure_json;
};

LoadedConfig parse_config_text(const std::string& config_json) {
  LoadedConfig loaded;
  Parsed parsed = parse_document(config_json, "config", true);
  if (parsed.problem) {
    Diagnostic problem = *parsed.problem;
    problem.pointer = "/config" + problem.pointer;
    loaded.failure_json = failure(Diagnostics{problem});
    return loaded;
  }
  Result<Config> result = parse_config(parsed.value);
  if (!result.ok()) {
    loaded.failure_json = failure(result.errors);
    return loaded;
  }
  loaded.config = std::move(result.value);
  loaded.config->loaded_catalogues = loaded_catalogues();
  return loaded;
}

// The widget passes the same config text to every call. Until V8 optimizes them, the core's
// functions run in its baseline compiler, where reading and validating the config is most of a
// call (pub 6-15 ms cold, 1-3 ms again); one parse per distinct text keeps each later call to its
// own work. Module state like the catalogues; loadMessages clears it (configs carry them).
struct ConfigCache {
  bool filled = false;
  std::string text;
  LoadedConfig loaded;
};

ConfigCache& config_cache() {
  static ConfigCache cache;
  return cache;
}

const LoadedConfig& load_config(const std::string& config_json) {
  ConfigCache& cache = config_cache();
  if (!cache.filled || cache.text != config_json) {
    cache.loaded = parse_config_text(config_json);
    cache.text = config_json;
    cache.filled = true;
  }
  return cache.loaded;
}

// The pixels of the photo being checked: filled by JS through photo_buffer's address (one
// HEAPU8.set, no per-byte call), read by check_photo, then released.
std::vector<std::uint8_t>& photo_bytes() {
  static std::vector<std::uint8_t> bytes;
  return bytes;
}

// 1600 x 1600 RGBA is what the widget sends at most; a little room for any other caller.
constexpr double kMaxPhotoBufferBytes = 4096.0 * 4096.0 * 4;

std::optional<Date> parse_today(const std::string& today) {
  if (today.size() != 10) return std::nullopt;
  return parse_date(today);
}

std::string bad_today() {
  return failure("/today", "invalid_date", "today must be a YYYY-MM-DD date");
}

}  // namespace

std::string version() {
  return SMP_VERSION;
}

std::string validate_config(const std::string& config_json) {
  const LoadedConfig& loaded = load_config(config_json);
  if (!loaded.config) return loaded.failure_json;
  return dump(json{{"ok", true}, {"errors", json::array()}});
}

std::string questions(const std::string& config_json, const std::string& answers_json,
                      const std::string& locale, const std::string& today) {
  const LoadedConfig& loaded = load_config(config_json);
  if (!loaded.config) return loaded.failure_json;
  std::optional<Date> today_date = parse_today(today);
  if (!today_date) return bad_today();
  Parsed answers = parse_document(answers_json, "answers", true);
  if (answers.problem) return failure(Diagnostics{*answers.problem});
  return dump(questions_json(answers.value, *loaded.config, resolve_locale(*loaded.config, locale),
                             *today_date));
}

std::string evaluate(const std::string& config_json, const std::string& answers_json,
                     const std::string& today, const std::string& locale) {
  const LoadedConfig& loaded = load_config(config_json);
  if (!loaded.config) return loaded.failure_json;
  std::optional<Date> today_date = parse_today(today);
  if (!today_date) return bad_today();
  Parsed answers = parse_document(answers_json, "answers", false);
  if (answers.problem) return failure(Diagnostics{*answers.problem});
  Result<json> result =
      evaluate_json(answers.value, *loaded.config, *today_date, /*override_as_of=*/true,
                    resolve_locale(*loaded.config, locale));
  if (!result.ok()) return failure(result.errors);
  return dump(json{{"ok", true}, {"result", std::move(*result.value)}});
}

std::string plan_ics(const std::string& config_json, const std::string& answers_json,
                     const std::string& today, const std::string& locale,
                     double created_unix_seconds, const std::string& plan_id) {
  const LoadedConfig& loaded = load_config(config_json);
  if (!loaded.config) return "";
  std::optional<Date> today_date = parse_today(today);
  if (!today_date) return "";
  Parsed answers = parse_document(answers_json, "answers", false);
  if (answers.problem) return "";
  // Same date the evaluate binding uses: the widget's today wins over any as_of in the answers.
  IcsStamp stamp;
  if (created_unix_seconds > 0)
    stamp.created_unix_seconds = static_cast<std::int64_t>(created_unix_seconds);
  stamp.plan_id = plan_id;
  return evaluate_ics(answers.value, *loaded.config, *today_date, locale, stamp);
}

std::string validate_lead(const std::string& config_json, const std::string& lead_json,
                          const std::string& today, const std::string& locale) {
  const LoadedConfig& loaded = load_config(config_json);
  if (!loaded.config) return loaded.failure_json;
  std::optional<Date> today_date = parse_today(today);
  if (!today_date) return bad_today();
  Parsed lead = parse_document(lead_json, "lead", false);
  if (lead.problem) return failure(Diagnostics{*lead.problem});
  Result<Lead> result =
      parse_lead(lead.value, *loaded.config, *today_date, resolve_locale(*loaded.config, locale));
  if (!result.ok()) return failure(result.errors);
  return dump(json{{"ok", true}, {"errors", json::array()}});
}

namespace {

// The clinic's texts under `prefixes` in the resolved locale (its `copy` applied), and that
// locale. A broken config still gets the built-in texts, so the widget can explain the problem.
std::string texts_with_prefixes(const std::string& config_json, const std::string& locale,
                                std::initializer_list<std::string_view> prefixes) {
  const LoadedConfig& loaded = load_config(config_json);
  Config config = loaded.config ? *loaded.config : default_config();
  config.loaded_catalogues = loaded_catalogues();
  const std::string resolved = resolve_locale(config, locale);
  const Messages texts(config, resolved);
  json out = json::object();
  for (std::string_view prefix : prefixes) {
    for (auto& [key, text] : texts.with_prefix(prefix)) out[key] = text;
  }
  out["locale"] = resolved;
  return dump(out);
}

}  // namespace

std::string messages(const std::string& config_json, const std::string& locale) {
  return texts_with_prefixes(config_json, locale, {"ui.", "verdict.", "section."});
}

std::string load_messages(const std::string& catalogue_json) {
  Parsed parsed = parse_document(catalogue_json, "catalogue", false);
  if (parsed.problem) return failure(Diagnostics{*parsed.problem});
  Result<LocaleCatalogue> result = parse_catalogue(parsed.value);
  if (!result.ok()) return failure(result.errors);
  auto next = loaded_catalogues() ? std::make_shared<Catalogues>(*loaded_catalogues())
                                  : std::make_shared<Catalogues>();
  const std::string locale = result.value->locale;
  (*next)[locale] = std::move(result.value->texts);
  loaded_catalogues() = std::move(next);
  config_cache().filled = false;  // the cached config points at the previous catalogues
  return dump(json{{"ok", true}, {"locale", locale}});
}

std::string public_config(const std::string& config_json) {
  const LoadedConfig& loaded = load_config(config_json);
  if (!loaded.config) return loaded.failure_json;
  return dump(public_config_json(*loaded.config));
}

std::string photo_views(const std::string& config_json, const std::string& answers_json,
                        const std::string& today, const std::string& locale) {
  const LoadedConfig& loaded = load_config(config_json);
  if (!loaded.config) return loaded.failure_json;
  std::optional<Date> today_date = parse_today(today);
  if (!today_date) return bad_today();
  Parsed document = parse_document(answers_json, "answers", true);
  if (document.problem) return failure(Diagnostics{*document.problem});
  Result<Answers> answers = parse_answers(document.value, *today_date, Completeness::kPartial);
  if (!answers.ok()) return failure(answers.errors);
  const Config& config = *loaded.config;
  const Messages texts(config, resolve_locale(config, locale));
  json views = json::array();
  if (config.photos.enabled) {
    for (const PhotoView& view : smp::photo_views(*answers.value)) {
      const MessageParams params{{"n", std::to_string(view.scar_number)}};
      views.push_back(json{{"id", view.id},
                           {"title", texts.text(view.message_key, params)},
                           {"help", texts.text(view.message_key + ".help", params)}});
    }
  }
  // The step's own texts (buttons, consent, announcements) come with it: this module is the
  // photo step's only source of photos.* texts.
  json step_texts = json::object();
  for (auto& [key, text] : texts.with_prefix("photos.")) step_texts[key] = text;
  return dump(json{{"ok", true},
                   {"enabled", config.photos.enabled},
                   {"max", kMaxPhotosPerLead},
                   {"max_long_side", kPhotoMaxLongSidePx},
                   {"views", std::move(views)},
                   {"texts", std::move(step_texts)}});
}

unsigned photo_buffer(double size) {
  std::vector<std::uint8_t>& bytes = photo_bytes();
  if (!(size >= 1 && size <= kMaxPhotoBufferBytes)) {
    std::vector<std::uint8_t>().swap(bytes);
    return 0;
  }
  bytes.resize(static_cast<std::size_t>(size));
  return static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(bytes.data()));
}

std::string check_photo(const std::string& config_json, int width, int height, int channels,
                        const std::string& locale) {
  const LoadedConfig& loaded = load_config(config_json);
  if (!loaded.config) return loaded.failure_json;
  std::vector<std::uint8_t> bytes;
  bytes.swap(photo_bytes());  // released when this call returns: no photo stays in the module
  Result<PhotoQuality> checked =
      check_photo_quality(PhotoPixels{bytes, width, height, channels}, *loaded.config, locale);
  if (!checked.ok()) return failure(checked.errors);
  json issues = json::array();
  for (const PhotoIssue& issue : checked.value->issues) {
    issues.push_back(json{{"code", issue.code}, {"message", issue.message}});
  }
  // Whole numbers (the thresholds are whole too): printing a double would link nlohmann's
  // float formatting into the module every visitor downloads (~3 KB gzip).
  const PhotoMeasures& m = checked.value->measures;
  return dump(json{{"ok", true},
                   {"issues", std::move(issues)},
                   {"measures",
                    {{"width", m.width},
                     {"height", m.height},
                     {"mean_luma", static_cast<long long>(m.mean_luma + 0.5)},
                     {"blur_variance", static_cast<long long>(m.blur_variance + 0.5)}}}});
}

std::string preview(const std::string& config_json, const std::string& answers_json,
                    const std::string& options_json, const std::string& locale) {
  const LoadedConfig& loaded = load_config(config_json);
  if (!loaded.config) return loaded.failure_json;
  Parsed answers = parse_document(answers_json, "answers", false);
  if (answers.problem) {
    Diagnostic problem = *answers.problem;
    problem.pointer = "/answers" + problem.pointer;
    return failure(Diagnostics{problem});
  }
  Parsed options = parse_document(options_json, "options", true);
  if (options.problem) {
    Diagnostic problem = *options.problem;
    problem.pointer = "/options" + problem.pointer;
    return failure(Diagnostics{problem});
  }
  return dump(smp::preview_json(answers.value, options.value, *loaded.config, locale));
}

std::string preview_texts(const std::string& config_json, const std::string& locale) {
  return texts_with_prefixes(config_json, locale, {"preview."});
}

}  // namespace smp::wasm
