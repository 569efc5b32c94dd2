// preview.* texts, locale es: the "what it could look like" picture on the result screen.
#include <array>

#include "messages_parts.hpp"

namespace smp {
namespace {
constexpr std::array<MessageEntry, 35> kPreviewMessagesEs{{
    {"preview.heading", "Cómo podría verse"},
    {"preview.caption", "Una ilustración, no una simulación de tu resultado"},
    {"preview.state.today", "Hoy"},
    {"preview.state.smp", "Con SMP"},
    {"preview.view.top", "Desde arriba"},
    {"preview.view.front", "De frente"},
    {"preview.style.label", "Estilo de línea frontal"},
    {"preview.style.soft", "Suave, natural"},
    {"preview.style.defined", "Definida, con entradas marcadas"},
    {"preview.toggle.label", "Mostrar la cabeza con SMP"},
    {"preview.alt.today", "{view}: una cabeza con {pattern}, hoy.{scars}"},
    {"preview.alt.smp", "{view}: la misma cabeza con SMP. {change}"},
    {"preview.alt.scars", " Las cicatrices están marcadas."},
    {"preview.alt.hairline", " Línea frontal: {style}."},
    {"preview.change.shaved",
     "Un sombreado denso y corto, como pelo rapado, cubre {areas}, a juego con el pelo de "
     "alrededor."},
    {"preview.change.keep_length",
     "Una sombra suave de pigmento bajo el pelo da más densidad a {areas}."},
    {"preview.change.none", "No cambia nada: según tus respuestas no hay zona para SMP."},
    {"preview.area.hairline", "la línea frontal"},
    {"preview.area.front", "la parte delantera"},
    {"preview.area.top", "la parte superior"},
    {"preview.area.crown", "la coronilla"},
    {"preview.area.sides", "los lados y la nuca"},
    {"preview.area.patches", "las calvas"},
    {"preview.area.scars", "las cicatrices"},
    {"preview.list.and", "y"},
    {"preview.pattern.norwood", "alopecia de patrón masculino ({stage})"},
    {"preview.pattern.ludwig", "pérdida de densidad en la parte superior ({stage})"},
    {"preview.pattern.crown_only", "pérdida de densidad en la coronilla"},
    {"preview.pattern.diffuse", "pérdida de densidad general ({extent})"},
    {"preview.pattern.none", "sin pérdida de pelo"},
    {"preview.pattern.alopecia_areata", "calvas de alopecia areata"},
    {"preview.pattern.alopecia_totalis_universalis", "sin pelo en el cuero cabelludo"},
    {"preview.error.not_drawable",
     "No hay imagen para esta respuesta: elige el patrón que más se parezca al tuyo."},
    {"preview.error.invalid_option", "Valor desconocido de una opción de la vista previa."},
    {"preview.error.unknown_option", "Opción desconocida de la vista previa."},
}};
}  // namespace

std::span<const MessageEntry> preview_messages_es() {
  return kPreviewMessagesEs;
}

}  // namespace smp
