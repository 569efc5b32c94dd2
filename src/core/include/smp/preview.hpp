#pragma once
// "What it could look like" (SPEC §8): an SVG of a head from the top or the front, today (the
// answers' stage and scars) or with SMP (the treated areas of the packages the core selects,
// stippled at the density of the desired look), in the pigment tones of the Fitzpatrick answer.
// Pure and deterministic: the only randomness is a PRNG seeded from a hash of the answers.
//
// Texts (alt, change, caption) are preview.* catalogue keys, later texts: the wasm modules
// compile their keys only, so a page loads messages.en.json (and messages.<locale>.json) into
// smp-preview.wasm with loadMessages before asking for a picture.
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "smp/config.hpp"
#include "smp/diagnostic.hpp"

namespace smp {

enum class PreviewView { kTop, kFront };
enum class PreviewState { kToday, kSmp };
enum class HairlineStyle { kSoft, kDefined };

struct PreviewOptions {
  PreviewView view = PreviewView::kTop;
  PreviewState state = PreviewState::kSmp;
  HairlineStyle style = HairlineStyle::kSoft;
};

struct Preview {
  std::string svg;
  PreviewOptions options;  ///< as drawn (the style is soft when the package has no hairline)
  /// The hairline styles a visitor may choose: soft and defined when the packages include a
  /// hairline, none otherwise.
  std::vector<std::string> styles;
  /// The treated areas of the primary package and add-ons, in drawing order: hairline, front,
  /// top, crown, sides, patches, scars. The SVG marks each drawn one `data-area="<id>"`.
  std::vector<std::string> areas;
  std::string alt;      ///< the text alternative of this picture
  std::string change;   ///< one sentence: what changes between today and with SMP
  std::string caption;  ///< "An illustration, not a simulation of your result"
};

/// {"view":"top|front","state":"today|smp","style":"soft|defined"}, each optional (defaults
/// top, smp, soft); problems at /options/<key> (unknown_option, invalid_value, wrong_type).
Result<PreviewOptions> parse_preview_options(const nlohmann::json& options);

/// The picture for answers (`smp-consult/answers@1`, partial answers allowed; dates are not
/// checked against a consultation date: the preview draws, it does not screen). Problems have
/// pointers under /answers (answer errors as `questions` reports them; not_drawable for a
/// pattern with no picture, e.g. "unsure" or a scale without its stage).
Result<Preview> render_preview(const nlohmann::json& answers, const Config& config,
                               const PreviewOptions& options, const std::string& locale);

/// What the wasm binding and the CLI hand out: {"ok":true,"svg","view","state","style",
/// "styles","areas","alt","change","caption"} or {"ok":false,"errors":[{pointer,code,message}]}.
nlohmann::json preview_json(const nlohmann::json& answers, const nlohmann::json& options,
                            const Config& config, const std::string& locale);

/// The areas a package treats (DOMAIN 3.5), e.g. front_and_crown: hairline, front, crown.
std::span<const std::string_view> package_areas(std::string_view package);

const char* to_string(PreviewView view);
const char* to_string(PreviewState state);
const char* to_string(HairlineStyle style);

}  // namespace smp
