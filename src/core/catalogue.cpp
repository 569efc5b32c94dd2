// Catalogue documents: what `smp-consult messages` prints and the widget loads for its locale.
#include "smp/catalogue.hpp"

#include <span>

#include "json_walk.hpp"
#include "smp/messages.hpp"

namespace smp {
namespace {

constexpr std::string_view kFormat = "smp-consult/messages@1";

}  // namespace

bool has_built_in_catalogue(std::string_view locale) {
  return !ui_messages(locale).empty();
}

nlohmann::json catalogue_json(std::string_view locale, CatalogueScope scope) {
  nlohmann::json texts = nlohmann::json::object();
  const auto add = [&](std::span<const MessageEntry> part) {
    for (const MessageEntry& entry : part) {
      if (scope != CatalogueScope::kWidgetLater || is_later_text(entry.key)) {
        texts[std::string(entry.key)] = entry.text;
      }
    }
  };
  // The photo step's texts are a file of their own: visitors who never reach the photos (and
  // a Spanish visitor's download before the first question) do not carry them.
  if (scope == CatalogueScope::kWidgetPhotos) {
    add(photo_messages(locale));
    return nlohmann::json{{"format", kFormat}, {"locale", locale}, {"messages", std::move(texts)}};
  }
  add(core_messages(locale));
  add(question_messages(locale));
  add(ui_messages(locale));
  add(preview_messages(locale));
  if (scope == CatalogueScope::kAll) add(photo_messages(locale));
  if (scope == CatalogueScope::kAll) add(email_messages(locale));
  return nlohmann::json{{"format", kFormat}, {"locale", locale}, {"messages", std::move(texts)}};
}

Result<LocaleCatalogue> parse_catalogue(const nlohmann::json& document) {
  Result<LocaleCatalogue> result;
  JsonWalk walk(result.errors);
  if (!walk.expect_object(document, "")) return result;
  walk.unknown_keys(document, "", {"format", "locale", "messages"});
  const json* format = JsonWalk::find(document, "format");
  if (format == nullptr || !format->is_string() ||
      format->get_ref<const std::string&>() != kFormat) {
    walk.error("/format", format == nullptr ? "required" : "invalid_value",
               "must be \"smp-consult/messages@1\"");
  }
  LocaleCatalogue catalogue;
  const json* locale = JsonWalk::find(document, "locale");
  if (locale == nullptr) {
    walk.error("/locale", "required", "required");
  } else if (auto text = walk.string(*locale, "/locale", 10)) {
    if (is_supported_locale(*text)) {
      catalogue.locale = *text;
    } else {
      walk.error("/locale", "invalid_value", "unsupported locale " + JsonWalk::short_dump(*locale));
    }
  }
  const json* messages = JsonWalk::find(document, "messages");
  if (messages == nullptr) {
    walk.error("/messages", "required", "required");
  } else if (walk.expect_object(*messages, "/messages")) {
    for (auto entry = messages->begin(); entry != messages->end(); ++entry) {
      const std::string pointer = JsonWalk::child("/messages", entry.key());
      if (!is_message_key(entry.key())) {
        walk.error(pointer, "unknown_key", "unknown message key");
      } else if (auto text = walk.string(entry.value(), pointer, kMaxCopyTextLength)) {
        catalogue.texts.emplace(entry.key(), std::move(*text));
      }
    }
  }
  if (result.errors.empty()) result.value = std::move(catalogue);
  return result;
}

}  // namespace smp
