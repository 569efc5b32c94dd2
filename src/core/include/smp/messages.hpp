#pragma once
// Every visitor-facing text in English and Spanish, with clinic `copy` overrides.
// Keys: verdict.*, reason.*, action.*, advisory.*, package.*, precare.*, aftercare.*, section.*,
// question.*, option.*, error.*, ui.*, ics.*, email.* (the tables in messages_<part>_<locale>.cpp).
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "smp/diagnostic.hpp"

namespace smp {

struct Config;

struct MessageEntry {
  std::string_view key;
  std::string_view text;
};

// The built-in catalogue comes in parts, each a pair of files messages_<part>_<locale>.cpp,
// so each area of the product owns its copy. An unknown locale gives an empty span.
/// verdict.*, reason.*, action.*, advisory.*, package.*, precare.*, aftercare.*, error.*, ics.*,
/// longevity.*
std::span<const MessageEntry> core_messages(std::string_view locale);
/// section.*, question.*, option.*
std::span<const MessageEntry> question_messages(std::string_view locale);
/// ui.*: the widget's own chrome (buttons, headings, lead form labels)
std::span<const MessageEntry> ui_messages(std::string_view locale);
/// email.*: lead emails to the clinic and the visitor's confirmation
std::span<const MessageEntry> email_messages(std::string_view locale);
/// photos.*: the photo step (views, quality check, photo errors)
std::span<const MessageEntry> photo_messages(std::string_view locale);
/// preview.*: the result's "what it could look like" picture (labels, caption, alt texts)
std::span<const MessageEntry> preview_messages(std::string_view locale);
/// Locales with a built-in catalogue.
std::span<const std::string_view> supported_locales();
/// True for a locale of supported_locales() (exact code: "es", not "es-MX").
bool is_supported_locale(std::string_view locale);
/// True when `key` exists in the English catalogue (config `copy` may only override known keys).
bool is_message_key(std::string_view key);

/// The texts the widget needs only from the result on: verdict, reasons, plan, estimate, dates,
/// calendar, lead form and done step. Its WebAssembly build compiles their keys (as hashes)
/// without the English texts (the first download stays small); scripts/build-web writes those
/// texts as messages.en.json (`smp-consult messages --widget --later`), loaded with
/// later-steps.js.
constexpr bool is_later_text(std::string_view key) {
  constexpr std::string_view kLater[] = {
      "verdict.", "reason.",    "action.",    "advisory.", "package.",   "precare.", "aftercare.",
      "ics.",     "longevity.", "money.",     "date.",     "ui.result.", "ui.lead.", "ui.done.",
      "ui.mail.", "ui.action.", "ui.clinic.", "photos.",   "preview."};
  for (std::string_view prefix : kLater) {
    if (key.starts_with(prefix)) return true;
  }
  // The health checklists' titles: a checklist screen waits for later-steps.js anyway.
  return key.starts_with("screen.");
}

/// The longest text a clinic's `copy` (or a loaded catalogue) may give one key.
inline constexpr std::size_t kMaxCopyTextLength = 4000;

using MessageParams = std::vector<std::pair<std::string, std::string>>;

/// Resolves texts for one locale: clinic copy[locale] -> built-in[locale] -> loaded[locale]
/// (Config::loaded_catalogues) -> built-in en -> loaded en (the wasm's later texts) -> key.
class Messages {
 public:
  Messages(const Config& config, std::string_view locale);
  /// The text for `key` with `{name}` placeholders replaced from `params`.
  std::string text(std::string_view key, const MessageParams& params = {}) const;
  /// True when the key has a text in any layer.
  bool has(std::string_view key) const;
  const std::string& locale() const { return locale_; }
  /// Every key starting with `prefix`, resolved (for the widget's ui.* strings).
  std::vector<std::pair<std::string, std::string>> with_prefix(std::string_view prefix) const;

 private:
  const Config& config_;
  std::string locale_;
};

/// Replaces each answer diagnostic's message with the catalogue's `error.<code>` text when there
/// is one: the one wording `questions` and `evaluate` both show for the same problem.
void localize_diagnostics(Diagnostics& diagnostics, const Messages& messages);

/// Picks a locale whose texts are at hand (built in or loaded): the requested one if the clinic
/// offers it, else the config default, else "en".
std::string resolve_locale(const Config& config, std::string_view requested);

}  // namespace smp
