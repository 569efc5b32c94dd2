// email.* texts, locale es: the clinic's lead notification and the visitor's confirmation
// (src/server/email_message.cpp). Verdict, reason, package and care texts come from the core keys.
#include <array>

#include "messages_parts.hpp"

namespace smp {
namespace {
constexpr std::array<MessageEntry, 106> kEmailMessagesEs{{
    {"email.clinic.subject", SMP_EMAIL_TEXT("Nuevo contacto SMP: {name} – {verdict} – {package}")},
    {"email.clinic.subject_no_package", SMP_EMAIL_TEXT("Nuevo contacto SMP: {name} – {verdict}")},
    {"email.clinic.intro",
     SMP_EMAIL_TEXT(
         "Un visitante completó la consulta en línea de {clinic} y pidió que le contacten. El "
         "veredicto, el presupuesto y el plan siguientes los ha recalculado el servidor a partir "
         "de las respuestas del visitante y la configuración de la clínica.")},
    {"email.clinic.ics_attached", SMP_EMAIL_TEXT("El plan propuesto va adjunto como plan.ics.")},
    {"email.lead_id", SMP_EMAIL_TEXT("Contacto")},
    {"email.received_at", SMP_EMAIL_TEXT("Recibido")},
    {"email.section.contact", SMP_EMAIL_TEXT("Datos de contacto")},
    {"email.contact.name", SMP_EMAIL_TEXT("Nombre")},
    {"email.contact.email", SMP_EMAIL_TEXT("Correo electrónico")},
    {"email.contact.phone", SMP_EMAIL_TEXT("Teléfono")},
    {"email.contact.preferred", SMP_EMAIL_TEXT("Contacto preferido")},
    {"email.preferred.email", SMP_EMAIL_TEXT("Correo electrónico")},
    {"email.preferred.phone", SMP_EMAIL_TEXT("Llamada")},
    {"email.preferred.sms", SMP_EMAIL_TEXT("SMS")},
    {"email.preferred.whatsapp", SMP_EMAIL_TEXT("WhatsApp")},
    {"email.section.check", SMP_EMAIL_TEXT("Importante")},
    {"email.health_not_shared",
     SMP_EMAIL_TEXT("El visitante no compartió sus respuestas de salud (sin consentimiento para "
                    "datos de salud): el veredicto del servidor no incluye la evaluación médica. "
                    "Pregunte por la salud en la consulta.")},
    {"email.visitor_verdict_unverified",
     SMP_EMAIL_TEXT("Veredicto que vio el visitante en pantalla (sin verificar): {verdict}")},
    {"email.mismatch",
     SMP_EMAIL_TEXT("La pantalla del visitante mostró {shown}, distinto del resultado del "
                    "servidor. Las cifras de este correo son las del servidor.")},
    {"email.verdict_without_health", SMP_EMAIL_TEXT("{verdict} (sin datos de salud)")},
    {"email.section.verdict", SMP_EMAIL_TEXT("Veredicto")},
    {"email.eligible_on", SMP_EMAIL_TEXT("apto a partir del {date}")},
    {"email.section.estimate", SMP_EMAIL_TEXT("Presupuesto")},
    {"email.estimate.total", SMP_EMAIL_TEXT("Total")},
    {"email.estimate.none",
     SMP_EMAIL_TEXT("Sin presupuesto: ahora no se puede proponer el tratamiento.")},
    {"email.estimate.provisional", SMP_EMAIL_TEXT("Provisional: se confirma en la consulta.")},
    {"email.estimate.sessions", SMP_EMAIL_TEXT("Sesiones")},
    {"email.estimate.sessions_value", SMP_EMAIL_TEXT("{min}–{max} (plan: {planned})")},
    {"email.estimate.hours", SMP_EMAIL_TEXT("Horas por sesión")},
    {"email.estimate.touch_up", SMP_EMAIL_TEXT("Retoque")},
    {"email.estimate.consultation_fee", SMP_EMAIL_TEXT("Precio de la consulta")},
    {"email.estimate.deposit", SMP_EMAIL_TEXT("Depósito")},
    {"email.section.plan", SMP_EMAIL_TEXT("Plan propuesto")},
    {"email.plan.none", SMP_EMAIL_TEXT("Todavía no se puede proponer un plan con fechas.")},
    {"email.plan.pending_clearance",
     SMP_EMAIL_TEXT(
         "Pendiente de autorización médica: la primera sesión se reserva al recibirla.")},
    {"email.plan.patch_test_by", SMP_EMAIL_TEXT("Prueba de parche antes del")},
    {"email.plan.session", SMP_EMAIL_TEXT("Sesión {number}: {date} ({hours} h)")},
    {"email.plan.date_to_agree", SMP_EMAIL_TEXT("fecha por acordar")},
    {"email.plan.if_needed", SMP_EMAIL_TEXT("solo si hace falta")},
    {"email.plan.unrestricted_from", SMP_EMAIL_TEXT("Sin restricciones de cuidado a partir del")},
    {"email.plan.unrestricted_from_if_needed",
     SMP_EMAIL_TEXT("Si hacen falta las sesiones extra: sin restricciones desde")},
    {"email.plan.touch_up_reminder", SMP_EMAIL_TEXT("Recordatorio de retoque")},
    {"email.section.precare", SMP_EMAIL_TEXT("Antes de cada sesión")},
    {"email.section.aftercare", SMP_EMAIL_TEXT("Cuidados posteriores")},
    {"email.aftercare.resume_on", SMP_EMAIL_TEXT("desde el {date}")},
    {"email.aftercare.after_session", SMP_EMAIL_TEXT("Tras la sesión {number}")},
    {"email.aftercare.restarted_by",
     SMP_EMAIL_TEXT("la sesión {number} lo reinicia antes de que termine")},
    {"email.section.answers", SMP_EMAIL_TEXT("Respuestas")},
    {"email.answer.as_of", SMP_EMAIL_TEXT("Fecha de la consulta")},
    {"email.answer.dob", SMP_EMAIL_TEXT("Fecha de nacimiento")},
    {"email.answer.age", SMP_EMAIL_TEXT("Edad")},
    {"email.answer.sex", SMP_EMAIL_TEXT("Sexo")},
    {"email.answer.pattern", SMP_EMAIL_TEXT("Patrón de pérdida")},
    {"email.answer.cause", SMP_EMAIL_TEXT("Causa")},
    {"email.answer.alopecia_last_change", SMP_EMAIL_TEXT("Último cambio de la alopecia")},
    {"email.answer.desired_look", SMP_EMAIL_TEXT("Aspecto deseado")},
    {"email.answer.scars", SMP_EMAIL_TEXT("Cicatrices")},
    {"email.answer.last_hair_transplant", SMP_EMAIL_TEXT("Último trasplante capilar")},
    {"email.answer.fitzpatrick", SMP_EMAIL_TEXT("Fototipo (Fitzpatrick)")},
    {"email.answer.requested_start", SMP_EMAIL_TEXT("Inicio deseado")},
    {"email.section.medical",
     SMP_EMAIL_TEXT("Respuestas de salud (compartidas con consentimiento)")},
    {"email.medical.none", SMP_EMAIL_TEXT("No declara ninguna condición de salud.")},
    {"email.medical.unsure", SMP_EMAIL_TEXT("Sin responder o sin saber")},
    {"email.medical.pregnant_or_breastfeeding", SMP_EMAIL_TEXT("Embarazo o lactancia")},
    {"email.medical.active_scalp_condition", SMP_EMAIL_TEXT("Afección activa del cuero cabelludo")},
    {"email.medical.chronic_scalp_condition_controlled",
     SMP_EMAIL_TEXT("Afección crónica del cuero cabelludo (controlada)")},
    {"email.medical.keloid_prone", SMP_EMAIL_TEXT("Tendencia a queloides")},
    {"email.medical.blood_thinners_or_bleeding_disorder",
     SMP_EMAIL_TEXT("Anticoagulantes o trastorno de la coagulación")},
    {"email.medical.pigment_or_ink_reaction",
     SMP_EMAIL_TEXT("Reacción previa a pigmentos o tintas")},
    {"email.medical.immunocompromised", SMP_EMAIL_TEXT("Inmunodepresión")},
    {"email.medical.other_serious_condition", SMP_EMAIL_TEXT("Otra enfermedad grave")},
    {"email.medical.chemotherapy", SMP_EMAIL_TEXT("Quimioterapia")},
    {"email.medical.chemotherapy_end", SMP_EMAIL_TEXT("Fin de la quimioterapia")},
    {"email.medical.diabetes", SMP_EMAIL_TEXT("Diabetes")},
    {"email.medical.skin_cancer", SMP_EMAIL_TEXT("Cáncer de piel")},
    {"email.medical.isotretinoin_last_dose", SMP_EMAIL_TEXT("Última dosis de isotretinoína")},
    {"email.section.consent", SMP_EMAIL_TEXT("Consentimiento")},
    {"email.consent.contact", SMP_EMAIL_TEXT("Acepta ser contactado")},
    {"email.consent.health_data", SMP_EMAIL_TEXT("Datos de salud")},
    {"email.consent.marketing", SMP_EMAIL_TEXT("Comunicaciones comerciales")},
    {"email.consent.given_at", SMP_EMAIL_TEXT("Fecha")},
    {"email.consent.text", SMP_EMAIL_TEXT("Texto mostrado")},
    {"email.consent.photos", SMP_EMAIL_TEXT("Fotos")},
    // Fotos del cuero cabelludo (SPEC §8): en el correo a la clínica, adjuntas o en correos aparte.
    {"email.section.photos", SMP_EMAIL_TEXT("Fotos")},
    {"email.photos.attached", SMP_EMAIL_TEXT("{file}, {width} × {height} px, adjunta")},
    {"email.photos.follows",
     SMP_EMAIL_TEXT("{file}, {width} × {height} px, en el correo de fotos {part} de {parts}")},
    {"email.photos.follow_ups",
     SMP_EMAIL_TEXT("Las fotos no cabían todas en un correo (photos.max_email_mb): el resto llega "
                    "en {parts} correo(s) aparte con la misma referencia, {lead_id}.")},
    {"email.photos.retention",
     SMP_EMAIL_TEXT("El servidor de contactos borra su copia de estas fotos {days} días después "
                    "de la entrega: guárdelas en la ficha del cliente si las necesita.")},
    {"email.photos.follow_up_subject",
     SMP_EMAIL_TEXT("Fotos {part} de {parts} del contacto {lead_id}: {name}")},
    {"email.photos.follow_up_intro",
     SMP_EMAIL_TEXT("Fotos enviadas con el contacto {lead_id} ({name}), correo {part} de {parts}. "
                    "Las respuestas, el presupuesto y el plan están en el correo del contacto.")},
    {"email.yes", SMP_EMAIL_TEXT("sí")},
    {"email.no", SMP_EMAIL_TEXT("no")},
    {"email.section.context", SMP_EMAIL_TEXT("Origen del contacto")},
    {"email.context.page_url", SMP_EMAIL_TEXT("Página")},
    {"email.context.referrer", SMP_EMAIL_TEXT("Referente")},
    {"email.context.locale", SMP_EMAIL_TEXT("Idioma")},
    {"email.context.started_at", SMP_EMAIL_TEXT("Inicio del cuestionario")},
    {"email.context.widget_version", SMP_EMAIL_TEXT("Versión del widget")},
    {"email.footer",
     SMP_EMAIL_TEXT(
         "Enviado por smp-consult. Responda a este correo para contestar al visitante.")},
    {"email.visitor.subject", SMP_EMAIL_TEXT("Su consulta de micropigmentación con {clinic}")},
    {"email.visitor.intro", SMP_EMAIL_TEXT("Gracias, {name}. {clinic} ha recibido su consulta y se "
                                           "pondrá en contacto con usted pronto.")},
    {"email.visitor.reference", SMP_EMAIL_TEXT("Su referencia: {lead_id}")},
    {"email.visitor.health_not_shared",
     SMP_EMAIL_TEXT("Ha elegido no compartir sus respuestas de salud, así que este resumen no "
                    "incluye la evaluación médica; la clínica le preguntará en la consulta.")},
    {"email.visitor.disclaimer",
     SMP_EMAIL_TEXT("Es una valoración provisional basada en sus respuestas, no un consejo médico; "
                    "la clínica la confirma en la consulta.")},
    {"email.visitor.contact",
     SMP_EMAIL_TEXT("¿Preguntas? Responda a este correo o contacte con {clinic}: {contact}")},
    {"email.visitor.ics_attached",
     SMP_EMAIL_TEXT("Su plan propuesto va adjunto como plan.ics: ábralo para añadir las fechas a "
                    "su calendario.")},
}};
}  // namespace

std::span<const MessageEntry> email_messages_es() {
  return kEmailMessagesEs;
}

}  // namespace smp
