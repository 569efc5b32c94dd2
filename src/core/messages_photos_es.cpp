// photos.* texts, locale es: the photo step's views and the photo errors of a lead.
#include <array>

#include "messages_parts.hpp"

namespace smp {
namespace {
constexpr std::array<MessageEntry, 38> kPhotoMessagesEs{{
    {"photos.view.front", "Frente y línea del cabello"},
    {"photos.view.front.help",
     "Mira a la cámara con el pelo hacia atrás, para que se vean toda la línea del cabello y la "
     "frente."},
    {"photos.view.left", "Lado izquierdo y sien"},
    {"photos.view.left.help",
     "Gira la cabeza a la derecha para que se vean la sien y el lado "
     "izquierdos."},
    {"photos.view.right", "Lado derecho y sien"},
    {"photos.view.right.help",
     "Gira la cabeza a la izquierda para que se vean la sien y el lado derechos."},
    {"photos.view.top", "Parte superior de la cabeza"},
    {"photos.view.top.help",
     "Sostén la cámara por encima de la cabeza, mirando hacia abajo, de la frente a la coronilla."},
    {"photos.view.crown", "Coronilla"},
    {"photos.view.crown.help",
     "La parte de atrás de la zona superior: pide ayuda a alguien o usa un espejo detrás de ti."},
    {"photos.view.back", "Parte posterior de la cabeza"},
    {"photos.view.back.help", "La nuca y los lados bajos, donde tu pelo es más denso."},
    {"photos.view.scar", "Cicatriz {n}"},
    {"photos.view.scar.help",
     "Toda la cicatriz con buena luz, lo bastante cerca para ver sus bordes."},
    {"photos.quality.too_small",
     "Esta foto es pequeña: puede que la clínica no vea bastante detalle. Usa el tamaño completo "
     "de la cámara."},
    {"photos.quality.too_dark",
     "Esta foto está demasiado oscura. Ponte en una habitación luminosa o frente a una ventana y "
     "repítela."},
    {"photos.quality.overexposed",
     "Esta foto tiene demasiada luz. Evita el sol directo o el flash sobre el cuero cabelludo y "
     "repítela."},
    {"photos.quality.blurry",
     "Esta foto parece borrosa. Sujeta el móvil quieto, toca el cuero cabelludo para enfocar y "
     "repítela."},
    {"photos.step.title", "Fotos para un presupuesto exacto"},
    {"photos.step.intro",
     "{clinic} puede darte un presupuesto exacto con fotos de estas vistas. Cada foto se reduce y "
     "se comprueba en tu dispositivo, y solo se envía con tu solicitud si marcas la casilla de "
     "fotos."},
    {"photos.step.optional", "Opcional: puedes enviar tu solicitud sin fotos."},
    {"photos.add", "Añadir foto"},
    {"photos.retake", "Repetir"},
    {"photos.remove", "Quitar"},
    {"photos.keep", "Enviar igualmente"},
    {"photos.checking", "{view}: comprobando la foto…"},
    {"photos.ok", "{view}: la foto se ve bien."},
    {"photos.problem", "{view}: {problems}"},
    {"photos.kept", "{view}: esta foto se enviará tal como está."},
    {"photos.removed", "{view}: foto quitada."},
    {"photos.thumbnail", "Tu foto: {view}"},
    {"photos.unreadable", "{view}: este archivo no se ha podido abrir como foto. Prueba con otro."},
    {"photos.consent", "Acepto enviar estas fotos a {clinic} para mi consulta."},
    {"photos.error.photos_disabled", "Esta clínica no recibe fotos en línea."},
    {"photos.error.photos_consent_missing",
     "Las fotos solo pueden enviarse si aceptas compartirlas con la clínica."},
    {"photos.error.photo_view_unknown",
     "Esta foto no corresponde a ninguna de las vistas pedidas."},
    {"photos.error.photo_view_repeated", "Ya has añadido una foto para esta vista."},
    {"photos.error.too_many_photos", "Puedes enviar como máximo 8 fotos."},
}};
}  // namespace

std::span<const MessageEntry> photo_messages_es() {
  return kPhotoMessagesEs;
}

}  // namespace smp
