// preview.* texts, locale en: the "what it could look like" picture on the result screen (its
// labels, caption, text alternatives), SPEC §8.
#include <array>

#include "messages_parts.hpp"

namespace smp {
namespace {
constexpr std::array<MessageEntry, 35> kPreviewMessagesEn{{
    {"preview.heading", "What it could look like"},
    {"preview.caption", "An illustration, not a simulation of your result"},
    {"preview.state.today", "Today"},
    {"preview.state.smp", "With SMP"},
    {"preview.view.top", "From the top"},
    {"preview.view.front", "From the front"},
    {"preview.style.label", "Hairline style"},
    {"preview.style.soft", "Soft, natural"},
    {"preview.style.defined", "Defined, with temple points"},
    {"preview.toggle.label", "Show the head with SMP"},
    {"preview.alt.today", "{view}: a head with {pattern}, today.{scars}"},
    {"preview.alt.smp", "{view}: the same head with SMP. {change}"},
    {"preview.alt.scars", " The scars are marked."},
    {"preview.alt.hairline", " Hairline: {style}."},
    {"preview.change.shaved",
     "A dense, short stubble shade fills the {areas}, matching the shaved hair around it."},
    {"preview.change.keep_length",
     "A soft shadow of pigment under the hair makes the {areas} look fuller."},
    {"preview.change.none", "Nothing changes: these answers show no area for SMP."},
    {"preview.area.hairline", "hairline"},
    {"preview.area.front", "front"},
    {"preview.area.top", "top"},
    {"preview.area.crown", "crown"},
    {"preview.area.sides", "sides and back"},
    {"preview.area.patches", "bald patches"},
    {"preview.area.scars", "scars"},
    {"preview.list.and", "and"},
    {"preview.pattern.norwood", "male-pattern hair loss ({stage})"},
    {"preview.pattern.ludwig", "thinning on top ({stage})"},
    {"preview.pattern.crown_only", "thinning at the crown"},
    {"preview.pattern.diffuse", "thinning all over ({extent})"},
    {"preview.pattern.none", "no hair loss"},
    {"preview.pattern.alopecia_areata", "patches of alopecia areata"},
    {"preview.pattern.alopecia_totalis_universalis", "no hair on the scalp"},
    {"preview.error.not_drawable",
     "There is no picture for this answer: choose the pattern that looks most like yours."},
    {"preview.error.invalid_option", "Unknown preview option value."},
    {"preview.error.unknown_option", "Unknown preview option."},
}};
}  // namespace

SMP_MESSAGE_PART(kPreviewMessagesEn, preview_messages_en, preview_key_hashes_en)

}  // namespace smp
