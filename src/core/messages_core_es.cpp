// Core texts (verdicts, reasons, actions, packages, pre-care, aftercare, errors, calendar), es.
// Neutral Spanish for Latin America and Spain, addressing the visitor as "tú" throughout.
// Guardrails (DOMAIN.md 3.9): information, not a diagnosis; never "permanente" or "garantizado";
// never advise stopping prescribed medicine; SMP does not grow hair.
#include <array>

#include "messages_parts.hpp"

namespace smp {
namespace {

// to_array deduces N, so an entry can never be silently dropped or padded.
constexpr auto kCoreMessagesEs = std::to_array<MessageEntry>({
    // Verdicts (DOMAIN.md 3.2).
    {"verdict.good_candidate", "Buena opción para ti"},
    {"verdict.good_candidate.summary",
     "Según tus respuestas, la SMP parece una buena opción para ti. Esto es información, no un "
     "diagnóstico: la decisión final se toma en tu consulta."},
    {"verdict.medical_clearance", "Posible tras la autorización médica"},
    {"verdict.medical_clearance.summary",
     "La SMP puede ser adecuada para ti cuando un médico confirme que es segura en tu caso. Esto "
     "es información, no un diagnóstico: la decisión final se toma en tu consulta."},
    {"verdict.defer", "Espera a que la situación se resuelva"},
    {"verdict.defer.summary",
     "La SMP puede ser adecuada para ti más adelante, pero antes algo tiene que estabilizarse. "
     "Esto es información, no un diagnóstico: la decisión final se toma en tu consulta."},
    {"verdict.not_suitable", "No recomendada en tu caso"},
    {"verdict.not_suitable.summary",
     "Según tus respuestas, no te recomendamos la SMP. Esto es información, no un diagnóstico: "
     "la decisión final se toma en una consulta, y puedes reservar una cuando quieras."},
    // Under the minimum age the answer is "not yet", not "never" (the core picks the variant).
    {"verdict.not_suitable.not_yet", "Todavía no"},
    {"verdict.not_suitable.not_yet.summary",
     "La SMP es para clientes de {min_age} años o más, así que todavía no es para ti. Puedes "
     "volver cuando cumplas {min_age}. Esto es información, no un diagnóstico."},
    {"verdict.not_suitable.not_yet.dated", "Todavía no: puedes volver a partir del {date}"},
    {"verdict.not_suitable.not_yet.dated.summary",
     "La SMP es para clientes de {min_age} años o más, así que todavía no es para ti. Puedes "
     "volver a partir del {date}, cuando cumplas {min_age}. Esto es información, no un "
     "diagnóstico."},

    // Reasons (DOMAIN.md 3.3).
    {"reason.under_minimum_age",
     "Solo podemos tratar a clientes de {min_age} años o más. Además, es posible que tu patrón de "
     "caída todavía esté cambiando. Puedes volver cuando cumplas {min_age}."},
    {"reason.under_minimum_age.guardian",
     "Como tienes menos de {min_age} años, solo podemos tratarte con el consentimiento por "
     "escrito de tu madre, padre o tutor legal. Además, es posible que tu patrón de caída todavía "
     "esté cambiando, y lo tendremos en cuenta."},
    {"reason.keloid_prone",
     "La SMP hace miles de pequeñas punciones, y quienes forman cicatrices queloides corren el "
     "riesgo de que aparezcan cicatrices abultadas. No te recomendamos la SMP."},
    {"reason.keloid_prone.clearance",
     "La SMP hace miles de pequeñas punciones, y quienes forman cicatrices queloides corren el "
     "riesgo de que aparezcan cicatrices abultadas. Primero, un dermatólogo tiene que revisar tu "
     "piel y confirmar que la SMP es adecuada para ti."},
    {"reason.no_treatable_area",
     "Según tus respuestas, no hay zonas despobladas, calvas ni cicatrices que la SMP pueda "
     "tratar. Reserva una consulta gratuita si quieres una opinión en persona."},
    {"reason.pregnancy_or_breastfeeding",
     "Esperamos a que terminen el embarazo y la lactancia. No hay pruebas directas de que haga "
     "daño, pero preferimos ser prudentes."},
    {"reason.active_scalp_condition",
     "Tu cuero cabelludo tiene que estar en calma antes del tratamiento. Tratar piel inflamada, "
     "dañada o quemada por el sol puede empeorarla y perjudicar la cicatrización. Vuelve cuando "
     "se haya calmado."},
    {"reason.skin_cancer_active",
     "Primero, un dermatólogo tiene que revisar y tratar esa lesión. Necesitaremos su visto bueno "
     "antes del tratamiento."},
    {"reason.chemotherapy_active_or_recent",
     "Esperamos al menos {months} meses después de la quimioterapia. Tu sistema inmunitario "
     "necesita recuperarse y es posible que tu pelo vuelva a crecer."},
    {"reason.recent_hair_transplant_or_immature_scar",
     "Las zonas trasplantadas y las cicatrices necesitan unos {months} meses para asentarse y "
     "aplanarse antes de que el pigmento se pueda aplicar de forma predecible. Las cicatrices que "
     "siguen abultadas o rojas también necesitan más tiempo."},
    {"reason.alopecia_not_stable",
     "La alopecia areata puede aparecer y desaparecer. Si el pelo vuelve a crecer bajo el "
     "pigmento, la zona puede verse desigual, así que esperamos a que tus placas lleven {months} "
     "meses estables."},
    {"reason.recent_isotretinoin",
     "La isotretinoína deja la piel frágil durante meses, así que esperamos {months} meses desde "
     "tu última dosis."},
    {"reason.blood_thinners_or_clotting_disorder",
     "Los anticoagulantes y los trastornos de la coagulación aumentan el sangrado, lo que puede "
     "afectar al resultado y a la cicatrización. Tu médico tiene que confirmar que la SMP es "
     "adecuada para ti."},
    {"reason.pigment_allergy_history",
     "Como ya has tenido una reacción a un pigmento o una tinta, primero haremos una pequeña "
     "prueba de parche."},
    {"reason.immunocompromised_or_chemotherapy",
     "Un sistema inmunitario debilitado puede aumentar el riesgo de infección, así que primero "
     "necesitas el visto bueno de tu médico."},
    {"reason.uncontrolled_diabetes",
     "Un azúcar en sangre mal controlado retrasa la cicatrización. Consulta con tu médico antes "
     "de reservar."},
    {"reason.uncontrolled_diabetes.any",
     "La diabetes puede retrasar la cicatrización, así que pedimos a todas las personas con "
     "diabetes una nota de su médico antes de reservar."},
    {"reason.skin_cancer_history",
     "Como has tenido cáncer de piel, un dermatólogo debería revisar tu cuero cabelludo y "
     "confirmar que la SMP es adecuada."},
    {"reason.chronic_scalp_condition_controlled",
     "Afecciones como la psoriasis pueden empeorar después de una agresión a la piel. Pide el "
     "visto bueno de tu médico; si tienes un brote antes de una sesión, la cambiaremos de fecha."},
    {"reason.other_medical_condition",
     "Pide a tu médico que confirme que la SMP es segura con tu afección."},
    {"reason.health_answer_unsure",
     "No sabías la respuesta a esta pregunta de salud, o la saltaste: «{question}» La "
     "revisaremos contigo antes de reservar nada."},

    // What the visitor does next for a clearance or defer reason.
    {"action.patch_test",
     "Una pequeña prueba de parche al menos {days} días antes de tu primera sesión."},
    {"action.doctor_note", "Una nota de tu médico que confirme que la SMP es adecuada para ti."},
    {"action.doctor_note_keep_medication",
     "Una nota de tu médico que confirme que la SMP es adecuada para ti. Nunca dejes ni cambies "
     "un medicamento recetado sin hablar con quien te lo recetó."},
    {"action.doctor_note_reschedule_if_flare",
     "Una nota de tu médico que confirme que la SMP es adecuada para ti. Si tienes un brote antes "
     "de una sesión, la cambiaremos de fecha."},
    {"action.dermatologist_review",
     "Una revisión de tu piel por un dermatólogo que confirme que la SMP es adecuada para ti."},
    {"action.dermatologist_signoff",
     "Un dermatólogo revisa y trata la lesión, y da su visto bueno antes de reservar."},
    {"action.dermatologist_clearance",
     "El visto bueno de un dermatólogo para la SMP en tu cuero cabelludo. Sigue también con tus "
     "revisiones periódicas de la piel."},
    {"action.oncologist_clearance", "El visto bueno de tu oncólogo cuando termine tu tratamiento."},
    {"action.doctor_or_oncologist_clearance",
     "El visto bueno de tu médico o de tu oncólogo para la SMP."},
    {"action.guardian_consent", "El consentimiento por escrito de tu madre, padre o tutor legal."},
    {"action.discuss_at_consultation",
     "Hablaremos de esta pregunta en tu consulta y, si hace falta, consultaremos a tu médico."},

    // Advisories (DOMAIN.md 3.3b): never change the verdict.
    {"advisory.young_progressive_loss",
     "Tu caída de pelo todavía puede avanzar. Diseñaremos una línea frontal adecuada a tu edad, y "
     "es posible que más adelante haya que ampliar la zona tratada."},
    {"advisory.keep_length_not_feasible",
     "No queda suficiente pelo para disimular el pigmento bajo un pelo más largo, así que "
     "planificaríamos un tratamiento con aspecto rapado."},
    {"advisory.no_prescribed_med_changes",
     "No dejes ni cambies medicamentos recetados a causa de la SMP sin hablar con quien te los "
     "recetó."},
    {"advisory.scar_needs_in_person_quote",
     "Las cicatrices grandes o de quemaduras necesitan una valoración en persona para darte un "
     "presupuesto exacto."},
    {"advisory.photos_for_exact_quote",
     "¿No sabes bien qué patrón es el tuyo? Envíanos unas fotos de tu cuero cabelludo y te "
     "daremos un presupuesto exacto."},

    // Packages (DOMAIN.md 3.4 and 3.5).
    {"package.hairline", "Línea frontal"},
    {"package.hairline.description",
     "Reconstruye una línea frontal de aspecto natural y rellena las entradas."},
    {"package.frontal", "Línea frontal y zona delantera"},
    {"package.frontal.description",
     "Una nueva línea frontal y la zona despoblada justo detrás, en la parte delantera de la "
     "cabeza."},
    {"package.crown", "Coronilla"},
    {"package.crown.description",
     "Rellena la zona despoblada o calva de la coronilla, en la parte de atrás de la cabeza."},
    {"package.front_and_crown", "Zona delantera y coronilla"},
    {"package.front_and_crown.description",
     "Tu línea frontal, la zona delantera y la coronilla, integradas con el pelo que hay entre "
     "ellas."},
    {"package.full_top", "Parte superior completa"},
    {"package.full_top.description",
     "Toda la parte superior de la cabeza, desde la línea frontal hasta la coronilla, integrada "
     "con los laterales."},
    {"package.full_scalp", "Cuero cabelludo completo"},
    {"package.full_scalp.description",
     "Todo el cuero cabelludo, incluidos los laterales y la nuca, con una línea frontal diseñada "
     "para tu rostro."},
    {"package.density_light", "Densidad ligera"},
    {"package.density_light.description",
     "Sombreado entre tu pelo donde la pérdida de densidad es leve, para que se vea menos el "
     "cuero cabelludo."},
    {"package.density_moderate", "Densidad moderada"},
    {"package.density_moderate.description",
     "Sombreado en una zona claramente despoblada para que tu pelo parezca más abundante."},
    {"package.density_extensive", "Densidad amplia"},
    {"package.density_extensive.description",
     "Sombreado en una zona despoblada grande de la parte superior, integrado con el pelo que "
     "conservas."},
    {"package.alopecia_patches", "Placas de alopecia"},
    {"package.alopecia_patches.description",
     "Disimula las placas sin pelo para que se integren con el pelo, largo o rapado, que las "
     "rodea."},
    {"package.scar_fue", "Camuflaje de cicatrices FUE"},
    {"package.scar_fue.description",
     "Disimula los pequeños puntos que deja un trasplante FUE en la zona de donde se extrajo el "
     "pelo."},
    {"package.scar_fut", "Camuflaje de cicatriz de tira"},
    {"package.scar_fut.description",
     "Disimula la cicatriz en forma de línea que deja un trasplante de tira (FUT)."},
    {"package.scar_other_small", "Camuflaje de cicatriz pequeña"},
    {"package.scar_other_small.description",
     "Disimula una cicatriz pequeña de una cirugía o una lesión."},
    {"package.scar_other_large", "Camuflaje de cicatriz grande"},
    {"package.scar_other_large.description",
     "Disimula una cicatriz grande, varias cicatrices o una cicatriz de quemadura. El precio "
     "exacto se fija tras una valoración en persona."},
    {"package.unknown", "Por confirmar"},
    {"package.unknown.description",
     "Necesitamos ver tu cuero cabelludo para recomendarte un tratamiento, así que mostramos "
     "nuestro rango más amplio. Envíanos fotos para un presupuesto exacto."},
    {"package.touch_up", "Retoque"},
    {"package.touch_up.description",
     "Una sesión más corta que renueva el pigmento a medida que se va aclarando con el tiempo."},

    // Pre-care before each session (DOMAIN.md 3.7). Only non-prescribed items are ever paused.
    {"precare.avoid_sun_chemicals",
     "Desde {days} días antes: evita quemarte con el sol, los tintes, los tratamientos químicos y "
     "los productos irritantes en el cuero cabelludo."},
    {"precare.avoid_alcohol_caffeine_thinners",
     "Desde {days} días antes: evita el alcohol, la cafeína y los analgésicos o suplementos sin "
     "receta que hacen la sangre más fluida (como el ibuprofeno, el aceite de pescado o la "
     "vitamina E). Sigue tomando como siempre cualquier medicamento que te haya recetado tu "
     "médico. Hidrata tu cuero cabelludo cada día."},
    {"precare.clip_or_shave",
     "Córtate el pelo a máquina o rápate al largo que acordamos, como muy tarde la noche "
     "anterior. No uses cuchilla el mismo día."},
    {"precare.wash_evening_before",
     "La noche anterior: lávate el pelo y el cuero cabelludo con un champú suave. El día de la "
     "sesión no te pongas ningún producto en el cuero cabelludo."},
    {"precare.wash_day_of",
     "El mismo día: lávate el pelo y el cuero cabelludo con un champú suave y después no te "
     "pongas ningún producto."},
    {"precare.do_not_wash",
     "No te laves el pelo ni el cuero cabelludo justo antes de la sesión, para que no queden "
     "restos de champú ni sequedad. Tampoco te pongas productos ese día."},
    {"precare.day_of_session",
     "El día de la sesión: come bien y bebe mucha agua. Trae algo de comer, una bebida y algo "
     "para entretenerte, como música o tu teléfono, y deja libre todo el día."},

    // Aftercare milestones: what resumes on the milestone's date, and how.
    {"aftercare.shaving",
     "Afeitado: usa solo una recortadora o una afeitadora de láminas y evita las costras."},
    {"aftercare.washing_shampoo",
     "Lavado: agua y un champú suave sin perfume. Sécate a toques y no frotes."},
    {"aftercare.creams_moisturiser",
     "Cremas: puedes usar una crema hidratante sin perfume y sin alcohol."},
    {"aftercare.vigorous_exercise",
     "Ejercicio y sudor intenso: puedes volver a tus entrenamientos habituales."},
    {"aftercare.hot_showers",
     "Duchas calientes: vuelven a estar permitidas. Hasta entonces, usa agua templada."},
    {"aftercare.picking",
     "Descamación: ya debería haber terminado. Hasta que termine, no te rasques ni te arranques "
     "nada del cuero cabelludo."},
    {"aftercare.pools_sauna_tanning",
     "Piscinas, natación, saunas, baños de vapor, jacuzzis y camas de bronceado: ya puedes "
     "volver a usarlos."},
    {"aftercare.direct_sun",
     "Sol directo en el cuero cabelludo: ya está permitido. Hasta entonces, cúbrete con un gorro "
     "holgado."},
    {"aftercare.sunscreen",
     "Protector solar: a partir de ahora, ponte protector solar en el cuero cabelludo siempre "
     "que te dé el sol. Ayuda a que el pigmento dure más."},
    {"aftercare.unrestricted", "Ya no hay más restricciones de los cuidados de esta sesión."},

    // Longevity (DOMAIN.md C1) and what SMP is not.
    {"longevity.copy",
     "Duradera pero semipermanente: el pigmento se aclara poco a poco a lo largo de varios "
     "años."},
    {"longevity.no_regrowth",
     "La SMP no hace crecer el pelo: coloca diminutos puntos de pigmento que parecen pelo muy "
     "corto o recién rapado."},

    // Dates in running text (date_text.cpp).
    {"date.long", "{day} de {month} de {year}"},
    {"date.month.1", "enero"},
    {"date.month.2", "febrero"},
    {"date.month.3", "marzo"},
    {"date.month.4", "abril"},
    {"date.month.5", "mayo"},
    {"date.month.6", "junio"},
    {"date.month.7", "julio"},
    {"date.month.8", "agosto"},
    {"date.month.9", "septiembre"},
    {"date.month.10", "octubre"},
    {"date.month.11", "noviembre"},
    {"date.month.12", "diciembre"},

    // Validation messages shown next to an answer or form field.
    {"error.wrong_type", "Esta respuesta no tiene el formato esperado."},
    {"error.unknown_key", "No reconocemos esta respuesta."},
    {"error.invalid_date", "Introduce una fecha real (año, mes y día)."},
    {"error.future_date", "Esta fecha no puede ser futura."},
    {"error.out_of_range", "Este valor está fuera del rango permitido."},
    {"error.invalid_value", "Elige una de las opciones."},
    {"error.required", "Responde a esta pregunta."},
    {"error.too_long", "Esta respuesta es demasiado larga. Acórtala, por favor."},
    {"error.invalid_email", "Introduce una dirección de correo electrónico válida."},
    {"error.consent_required", "Acepta que la clínica se ponga en contacto contigo."},
    {"error.health_consent_missing",
     "Tus respuestas de salud solo se pueden enviar si aceptas compartirlas con la clínica."},
    {"error.health_data_minor",
     "No se pueden enviar respuestas de salud de menores de {min_age} años. La clínica "
     "revisará tu salud en la consulta."},
    {"error.invalid_json", "No hemos podido leer estas respuestas. Inténtalo de nuevo."},
    {"error.schema_version",
     "Estas respuestas vienen de otra versión del formulario. Empieza de nuevo, por favor."},
    {"error.control_characters", "Quita los caracteres especiales o invisibles."},
    {"error.encoded_word", "Quita «=?»: en el correo electrónico tiene un significado especial."},
    {"error.age_required", "Indica tu fecha de nacimiento o tu edad."},

    // Money as every channel shows it (widget, print, email): display figures from the core.
    {"money.format", "{amount}\u00a0{symbol}"},
    {"money.format_code", "{amount}\u00a0{code}"},
    {"money.group", "."},
    {"money.range", "{low} – {high}"},
    {"money.symbol.USD", "US$"},
    {"money.symbol.EUR", "€"},
    {"money.symbol.GBP", "GBP"},
    {"money.symbol.CAD", "CA$"},
    {"money.symbol.AUD", "AUD"},
    {"money.symbol.MXN", "MXN"},

    // Dates with their weekday and times, as the clinic's email shows them (date_text.cpp; the
    // widget uses Intl to the same effect, so its build leaves these texts out).
    {"date.weekday_long", SMP_EMAIL_TEXT("{weekday}, {day} de {month} de {year}")},
    {"date.time", SMP_EMAIL_TEXT("{date}, {hour}:{minute} ({zone})")},
    {"date.weekday.1", SMP_EMAIL_TEXT("lun")},
    {"date.weekday.2", SMP_EMAIL_TEXT("mar")},
    {"date.weekday.3", SMP_EMAIL_TEXT("mié")},
    {"date.weekday.4", SMP_EMAIL_TEXT("jue")},
    {"date.weekday.5", SMP_EMAIL_TEXT("vie")},
    {"date.weekday.6", SMP_EMAIL_TEXT("sáb")},
    {"date.weekday.7", SMP_EMAIL_TEXT("dom")},

    // Calendar file (.ics) texts.
    {"ics.calendar_name", "{clinic}: plan de SMP"},
    {"ics.session", "Sesión de SMP {number}"},
    {"ics.session_if_needed", "Sesión de SMP {number} (solo si hace falta)"},
    {"ics.patch_test", "Prueba de parche de SMP"},
    {"ics.touch_up", "Es momento de pensar en un retoque de SMP"},
    {"ics.unrestricted", "Cuidados de SMP: sin más restricciones"},
    {"ics.pending_clearance", "Sesión 1 de SMP: se reservará tras la autorización médica"},
    {"ics.description_footer",
     "Este plan es información, no un diagnóstico. La clínica confirma cada fecha y la decisión "
     "final en tu consulta."},
    {"ics.hours", "Duración de la sesión: unas {min}–{max} horas"},
    {"ics.full_day", "Sesión larga: deja libre todo el día."},
    {"ics.aftercare", "Cuidados de SMP: {items}"},
    {"ics.aftercare_after_session", "Cuidados tras la sesión {number} de SMP: {items}"},
});

}  // namespace

std::span<const MessageEntry> core_messages_es() {
  return kCoreMessagesEs;
}

}  // namespace smp
