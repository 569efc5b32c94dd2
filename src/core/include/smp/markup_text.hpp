#pragma once
// Text placed in markup: the preview's SVG (core) and the clinic email's HTML (relay) escape it
// the same way.
#include <string>
#include <string_view>

namespace smp {

/// Appends `text` with & < > " ' escaped, for element content and quoted attribute values in
/// XML and HTML alike (' as &#39;, which every HTML mail client and XML parser reads).
void append_markup_escaped(std::string& out, std::string_view text);

/// `text` escaped as append_markup_escaped does.
std::string markup_escaped(std::string_view text);

}  // namespace smp
