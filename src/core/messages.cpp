// Message lookup: clinic copy over the built-in catalogue, with `{name}` placeholders.
#include "smp/messages.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "messages_parts.hpp"
#include "smp/catalogue.hpp"
#include "smp/config.hpp"

namespace smp {
namespace {

constexpr std::array<std::string_view, 2> kSupportedLocales{"en", "es"};

using PartFn = std::span<const MessageEntry> (*)(std::string_view);
constexpr std::array<PartFn, 6> kParts{core_messages,  question_messages, ui_messages,
                                       email_messages, photo_messages,    preview_messages};

const MessageEntry* find_in(std::span<const MessageEntry> part, std::string_view key) {
  for (const MessageEntry& entry : part) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

const MessageEntry* find_built_in(std::string_view locale, std::string_view key) {
  for (PartFn part : kParts) {
    if (const MessageEntry* entry = find_in(part(locale), key)) return entry;
  }
  return nullptr;
}

// The English keys this build has without their texts (the wasm's later and email texts).
bool is_key_without_text(std::string_view key) {
  const std::uint32_t hash = key_hash(key);
  for (auto hashes : {core_key_hashes_en(), ui_key_hashes_en(), email_key_hashes_en(),
                      photo_key_hashes_en(), preview_key_hashes_en()}) {
    if (std::find(hashes.begin(), hashes.end(), hash) != hashes.end()) return true;
  }
  return false;
}

// The texts of `locale` the host loaded at run time, if any.
const Catalogue* loaded_catalogue(const Config& config, std::string_view locale) {
  if (!config.loaded_catalogues) return nullptr;
  const auto it = config.loaded_catalogues->find(locale);
  return it == config.loaded_catalogues->end() ? nullptr : &it->second;
}

// A locale is usable when its texts are at hand: compiled in or loaded.
bool has_texts(const Config& config, std::string_view locale) {
  return is_supported_locale(locale) &&
         (has_built_in_catalogue(locale) || loaded_catalogue(config, locale) != nullptr);
}

// "es-MX", "es_mx" and "ES" all mean the Spanish catalogue.
std::string language_part(std::string_view requested) {
  std::string language;
  for (char c : requested) {
    if (c == '-' || c == '_') break;
    language += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return language;
}

// One left-to-right pass, so a parameter value that itself contains `{x}` is never expanded.
// Unknown placeholders stay visible rather than vanishing, which makes a missing param obvious.
std::string substitute(std::string_view text, const MessageParams& params) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      const std::size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        const std::string_view name = text.substr(i + 1, close - i - 1);
        const auto param = std::find_if(params.begin(), params.end(),
                                        [&](const auto& p) { return p.first == name; });
        if (param != params.end()) {
          out += param->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i];
    ++i;
  }
  return out;
}

}  // namespace

std::span<const MessageEntry> core_messages(std::string_view locale) {
  if (locale == "en") return core_messages_en();
#ifndef SMP_BUILT_IN_ENGLISH_ONLY
  if (locale == "es") return core_messages_es();
#endif
  return {};
}

std::span<const MessageEntry> photo_messages(std::string_view locale) {
  if (locale == "en") return photo_messages_en();
#ifndef SMP_BUILT_IN_ENGLISH_ONLY
  if (locale == "es") return photo_messages_es();
#endif
  return {};
}

std::span<const MessageEntry> preview_messages(std::string_view locale) {
  if (locale == "en") return preview_messages_en();
#ifndef SMP_BUILT_IN_ENGLISH_ONLY
  if (locale == "es") return preview_messages_es();
#endif
  return {};
}

std::span<const MessageEntry> question_messages(std::string_view locale) {
  if (locale == "en") return question_messages_en();
#ifndef SMP_BUILT_IN_ENGLISH_ONLY
  if (locale == "es") return question_messages_es();
#endif
  return {};
}

std::span<const MessageEntry> ui_messages(std::string_view locale) {
  if (locale == "en") return ui_messages_en();
#ifndef SMP_BUILT_IN_ENGLISH_ONLY
  if (locale == "es") return ui_messages_es();
#endif
  return {};
}

std::span<const MessageEntry> email_messages(std::string_view locale) {
  if (locale == "en") return email_messages_en();
#ifndef SMP_BUILT_IN_ENGLISH_ONLY
  if (locale == "es") return email_messages_es();
#endif
  return {};
}

std::span<const std::string_view> supported_locales() {
  return kSupportedLocales;
}

bool is_supported_locale(std::string_view locale) {
  return std::find(kSupportedLocales.begin(), kSupportedLocales.end(), locale) !=
         kSupportedLocales.end();
}

bool is_message_key(std::string_view key) {
  return find_built_in("en", key) != nullptr || is_key_without_text(key);
}

Messages::Messages(const Config& config, std::string_view locale)
    : config_(config), locale_(locale) {}

std::string Messages::text(std::string_view key, const MessageParams& params) const {
  const auto clinic = config_.copy.find(locale_);
  if (clinic != config_.copy.end()) {
    const auto override_text = clinic->second.find(std::string(key));
    if (override_text != clinic->second.end()) return substitute(override_text->second, params);
  }
  // The clinic's longevity wording has its own config key (longevity.copy) besides `copy`.
  if (key == "longevity.copy") {
    const auto longevity = config_.longevity_copy.find(locale_);
    if (longevity != config_.longevity_copy.end()) return substitute(longevity->second, params);
  }
  if (const MessageEntry* entry = find_built_in(locale_, key)) {
    return substitute(entry->text, params);
  }
  if (const Catalogue* loaded = loaded_catalogue(config_, locale_)) {
    const auto text = loaded->find(key);
    if (text != loaded->end()) return substitute(text->second, params);
  }
  if (const MessageEntry* entry = find_built_in("en", key)) {
    return substitute(entry->text, params);
  }
  if (const Catalogue* english = loaded_catalogue(config_, "en")) {
    const auto text = english->find(key);
    if (text != english->end()) return substitute(text->second, params);
  }
  return std::string(key);
}

bool Messages::has(std::string_view key) const {
  const auto clinic = config_.copy.find(locale_);
  if (clinic != config_.copy.end() && clinic->second.count(std::string(key)) != 0) return true;
  const Catalogue* loaded = loaded_catalogue(config_, locale_);
  const Catalogue* english = loaded_catalogue(config_, "en");
  return find_built_in(locale_, key) != nullptr || find_built_in("en", key) != nullptr ||
         (loaded != nullptr && loaded->count(key) != 0) ||
         (english != nullptr && english->count(key) != 0);
}

std::vector<std::pair<std::string, std::string>> Messages::with_prefix(
    std::string_view prefix) const {
  // The layers of text(), applied in one pass each (weakest first) instead of one catalogue search
  // per key: the widget asks for ~130 texts at boot, and a search per key made that its slowest
  // call.
  std::map<std::string, std::string, std::less<>> resolved;
  const auto matches = [&](std::string_view key) { return key.substr(0, prefix.size()) == prefix; };
  const auto layer = [&](std::string_view key, std::string_view text) {
    if (matches(key)) resolved[std::string(key)] = std::string(text);
  };
  const auto built_in_layer = [&](std::string_view locale) {
    for (PartFn part : kParts) {
      for (const MessageEntry& entry : part(locale)) layer(entry.key, entry.text);
    }
  };
  const auto loaded_layer = [&](std::string_view locale) {
    if (const Catalogue* loaded = loaded_catalogue(config_, locale)) {
      for (const auto& [key, text] : *loaded) layer(key, text);
    }
  };
  loaded_layer("en");
  built_in_layer("en");
  if (locale_ != "en") {
    loaded_layer(locale_);
    built_in_layer(locale_);
  }
  const auto clinic = config_.copy.find(locale_);
  if (clinic != config_.copy.end()) {
    for (const auto& [key, text] : clinic->second) layer(key, text);
  }
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(resolved.size());
  for (auto& [key, text] : resolved) {
    // text() fills no placeholders without params; the one key with its own config layer
    // (longevity.copy) goes through text() itself.
    out.emplace_back(key, key == "longevity.copy" ? this->text(key) : std::move(text));
  }
  return out;
}

void localize_diagnostics(Diagnostics& diagnostics, const Messages& messages) {
  for (Diagnostic& d : diagnostics) {
    const std::string key = "error." + d.code;
    if (messages.has(key)) d.message = messages.text(key);
  }
}

std::string resolve_locale(const Config& config, std::string_view requested) {
  const std::string language = language_part(requested);
  const auto& available = config.available_locales;
  if (has_texts(config, language) &&
      std::find(available.begin(), available.end(), language) != available.end()) {
    return language;
  }
  const std::string fallback = language_part(config.default_locale);
  if (has_texts(config, fallback)) return fallback;
  return "en";
}

}  // namespace smp
