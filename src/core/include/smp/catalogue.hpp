#pragma once
// Message catalogues as data (`smp-consult/messages@1`): the built-in texts of one locale as a
// JSON document, and the reader for such a document. The widget's WebAssembly build compiles in
// English only and loads other locales this way (scripts/build-web writes messages.<locale>.json
// with `smp-consult messages`), so a visitor downloads one language, not all of them.
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "smp/diagnostic.hpp"

namespace smp {

/// One locale's texts, key -> text.
using Catalogue = std::map<std::string, std::string, std::less<>>;
/// Catalogues by locale.
using Catalogues = std::map<std::string, Catalogue, std::less<>>;
/// Catalogues loaded at run time; shared, since every call's Config points at them.
using LoadedCatalogues = std::shared_ptr<const Catalogues>;

struct LocaleCatalogue {
  std::string locale;
  Catalogue texts;
};

/// True when this build has `locale`'s texts compiled in (native builds: every supported locale).
bool has_built_in_catalogue(std::string_view locale);
/// Which texts a catalogue document carries: all, the widget's (no email.*: only the relay
/// sends email, and the wasm build leaves those texts out too), or the widget's later texts
/// (is_later_text(): what the wasm compiles without its English texts).
/// kWidget: the widget's messages.<locale>.json (no email.* and no photos.* texts); kWidgetLater:
/// only its later texts (is_later_text); kWidgetPhotos: only photos.*, the photo step's own
/// photos.<locale>.json, loaded into smp-photos.wasm when a visitor reaches the photos.
enum class CatalogueScope { kAll, kWidget, kWidgetLater, kWidgetPhotos };
/// The built-in texts of `locale`: {"format": "smp-consult/messages@1", "locale", "messages"}.
nlohmann::json catalogue_json(std::string_view locale, CatalogueScope scope = CatalogueScope::kAll);
/// Reads a catalogue document: a supported locale, known message keys, string texts.
Result<LocaleCatalogue> parse_catalogue(const nlohmann::json& document);

}  // namespace smp
