#pragma once
// JSON-string adapters between JavaScript and the core. Every function takes and returns JSON
// text (or .ics text), never throws, and answers malformed input with diagnostics.
#include <string>

namespace smp::wasm {

/// The widget/core version string, e.g. "0.1.0".
std::string version();
/// {"ok":bool,"errors":[{pointer,code,message}]} for a clinic config document.
std::string validate_config(const std::string& config_json);
/// The visible questions for the answers so far (questions_json output), or {"ok":false,...}.
std::string questions(const std::string& config_json, const std::string& answers_json,
                      const std::string& locale, const std::string& today);
/// {"ok":true,"result":{...}} or {"ok":false,"errors":[...]}.
std::string evaluate(const std::string& config_json, const std::string& answers_json,
                     const std::string& today, const std::string& locale);
/// The plan as iCalendar text; "" when there is nothing to put in a calendar or input is bad.
std::string plan_ics(const std::string& config_json, const std::string& answers_json,
                     const std::string& today, const std::string& locale,
                     double created_unix_seconds, const std::string& plan_id);
/// {"ok":bool,"errors":[...]} for a lead document (SPEC §7).
std::string validate_lead(const std::string& config_json, const std::string& lead_json,
                          const std::string& today, const std::string& locale);
/// Every ui.*, verdict.* and section.* text for the locale (with clinic copy) plus
/// "locale".
std::string messages(const std::string& config_json, const std::string& locale);
/// Loads a `smp-consult/messages@1` catalogue (a locale this build does not compile in) for every
/// later call: {"ok":true,"locale":"es"} or {"ok":false,"errors":[...]}.
std::string load_messages(const std::string& catalogue_json);
/// public_config_json (clinic contact, lead form, locales, theme), or {"ok":false,"errors":[...]}.
std::string public_config(const std::string& config_json);

/// The photo views the core asks for (SPEC §8): {"ok":true,"enabled":bool,"max":n,
/// "max_long_side":px,"views":[{id,title,help}],"texts":{photos.*}} in `locale`, or
/// {"ok":false,"errors":[...]}.
std::string photo_views(const std::string& config_json, const std::string& answers_json,
                        const std::string& today, const std::string& locale);
/// The address of a module-owned buffer of `size` bytes that JS fills (HEAPU8.set, one copy)
/// before checkPhoto; 0 when `size` is out of range. Valid until the next call that allocates.
unsigned photo_buffer(double size);
/// The quality check of the pixels in the photo buffer (channels 1, 3 or 4):
/// {"ok":true,"issues":[{code,message}],"measures":{...}} or {"ok":false,"errors":[...]}.
std::string check_photo(const std::string& config_json, int width, int height, int channels,
                        const std::string& locale);

/// The result's picture (SPEC §8, smp/preview.hpp): {"ok":true,"svg","view","state","style",
/// "styles","areas","alt","change","caption"} or {"ok":false,"errors":[...]}; `options_json` is
/// {"view","state","style"} (each optional, "" = defaults). Its texts are later texts: load
/// messages.en.json (and the visitor's messages.<locale>.json) with loadMessages first.
std::string preview(const std::string& config_json, const std::string& answers_json,
                    const std::string& options_json, const std::string& locale);
/// The preview's labels (every preview.* text, clinic copy applied) for the widget's controls,
/// plus "locale": smp-preview.wasm only, so smp-core.wasm's messages() stays as it was.
std::string preview_texts(const std::string& config_json, const std::string& locale);

}  // namespace smp::wasm
