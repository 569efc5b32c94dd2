// Quiz texts (sections, questions, options), es. Same keys as messages_questions_en.cpp.
// Neutral Spanish for Latin America and Spain, addressing the visitor as "tú" throughout.
// Never asks about HIV or hepatitis (DOMAIN.md 3.3 N4).
#include <array>

#include "messages_parts.hpp"

namespace smp {
namespace {

// to_array deduces N, so an entry can never be silently dropped or padded.
constexpr auto kQuestionMessagesEs = std::to_array<MessageEntry>({
    // Sections.
    {"section.about_you", "Sobre ti"},
    {"section.about_you.intro",
     "Unos datos básicos para empezar. Tus respuestas se quedan en tu navegador, a menos que "
     "decidas enviarlas a la clínica."},
    {"section.hair_loss", "Tu caída de pelo"},
    {"section.hair_loss.intro",
     "Cuéntanos dónde pierdes densidad. Casi nadie encaja exactamente en una descripción, así que "
     "elige la más parecida, o \"No lo sé\"."},
    {"section.goals", "Tu objetivo"},
    {"section.goals.intro", "¿Qué aspecto te gustaría que tuviera tu pelo después?"},
    {"section.scars", "Cicatrices y trasplantes"},
    {"section.scars.intro",
     "La SMP también puede disimular cicatrices del cuero cabelludo, incluidas las de trasplantes "
     "capilares."},
    {"section.health", "Tu salud"},
    {"section.health.intro",
     "Unas preguntas de salud nos ayudan a comprobar que la SMP es segura para ti. Esto no es un "
     "diagnóstico. Si tienes dudas sobre algo, coméntalo en tu consulta."},
    {"section.timing", "Fechas"},
    {"section.timing.intro",
     "¿Cuándo te gustaría empezar? Te propondremos fechas para las sesiones a partir de entonces."},

    // About you.
    {"question.dob", "¿Cuál es tu fecha de nacimiento?"},
    {"question.dob.help",
     "Solo la usamos para comprobar tu edad. Si lo prefieres, puedes indicar tu edad."},
    {"question.sex", "¿Cuál es tu sexo?"},
    {"question.sex.help",
     "Solo nos ayuda a sugerirte las descripciones de caída más adecuadas. Nunca cambia el "
     "resultado."},
    {"option.sex.male", "Hombre"},
    {"option.sex.female", "Mujer"},
    {"option.sex.other", "Otro"},
    {"question.fitzpatrick", "¿Qué describe mejor tu piel?"},
    {"question.fitzpatrick.help",
     "Solo ayuda al artista a elegir el tono de pigmento adecuado. Nunca cambia el resultado."},
    {"option.fitzpatrick.1", "Muy clara"},
    {"option.fitzpatrick.1.help", "Siempre te quemas al sol y nunca te bronceas."},
    {"option.fitzpatrick.2", "Clara"},
    {"option.fitzpatrick.2.help", "Te quemas con facilidad y te bronceas poco."},
    {"option.fitzpatrick.3", "Intermedia"},
    {"option.fitzpatrick.3.help", "A veces te quemas y te bronceas poco a poco."},
    {"option.fitzpatrick.4", "Oliva o morena clara"},
    {"option.fitzpatrick.4.help", "Rara vez te quemas y te bronceas con facilidad."},
    {"option.fitzpatrick.5", "Morena"},
    {"option.fitzpatrick.5.help", "Muy rara vez te quemas."},
    {"option.fitzpatrick.6", "Morena oscura o negra"},
    {"option.fitzpatrick.6.help", "Nunca te quemas."},

    // Hair loss.
    {"question.pattern_scale", "¿Qué describe mejor tu caída de pelo?"},
    {"question.pattern_scale.help",
     "Elige la opción más parecida: cualquier persona puede elegir cualquier opción. Si tienes "
     "dudas, podemos saberlo con unas fotos."},
    {"option.pattern_scale.norwood", "Entradas y/o menos pelo en la parte superior"},
    {"option.pattern_scale.norwood.help",
     "Las entradas retroceden, y la parte superior o la coronilla también pueden despoblarse."},
    {"option.pattern_scale.ludwig", "Menos pelo arriba, con la línea frontal intacta"},
    {"option.pattern_scale.ludwig.help",
     "La raya se ensancha y se ve el cuero cabelludo arriba, pero la línea frontal se mantiene."},
    {"option.pattern_scale.crown_only", "Menos pelo o una calva solo en la coronilla"},
    {"option.pattern_scale.crown_only.help", "Tu línea frontal y la parte delantera están bien."},
    {"option.pattern_scale.diffuse", "Menos pelo en toda la cabeza"},
    {"option.pattern_scale.diffuse.help",
     "Tu pelo es más fino en todas partes, no en una sola zona."},
    {"option.pattern_scale.none", "No tengo caída de pelo"},
    {"option.pattern_scale.none.help", "Por ejemplo, si solo quieres disimular una cicatriz."},
    {"option.pattern_scale.unsure", "No lo sé"},
    {"option.pattern_scale.unsure.help", "Envíanos fotos y te lo diremos."},
    {"question.norwood_stage", "¿Qué etapa se parece más a tu caída de pelo?"},
    {"question.norwood_stage.help",
     "Son las etapas de la escala de Norwood. Poca gente encaja exactamente en una, así que elige "
     "la más parecida."},
    {"option.norwood_stage.I", "Etapa 1"},
    {"option.norwood_stage.I.help",
     "Pocas o ninguna entrada: la línea frontal es parecida a la de tu adolescencia."},
    {"option.norwood_stage.II", "Etapa 2"},
    {"option.norwood_stage.II.help", "Entradas pequeñas y simétricas en las sienes."},
    {"option.norwood_stage.IIA", "Etapa 2A"},
    {"option.norwood_stage.IIA.help",
     "Toda la línea frontal ha retrocedido un poco, por igual de lado a lado."},
    {"option.norwood_stage.III", "Etapa 3"},
    {"option.norwood_stage.III.help", "Entradas más profundas en las sienes, sin pelo o con poco."},
    {"option.norwood_stage.IIIA", "Etapa 3A"},
    {"option.norwood_stage.IIIA.help",
     "Toda la línea frontal ha retrocedido hacia la mitad de la cabeza."},
    {"option.norwood_stage.III_VERTEX", "Etapa 3 con coronilla"},
    {"option.norwood_stage.III_VERTEX.help",
     "Pérdida sobre todo en la coronilla, con algo de entradas en las sienes."},
    {"option.norwood_stage.IV", "Etapa 4"},
    {"option.norwood_stage.IV.help",
     "Más pérdida delante y una coronilla despoblada o calva, con una franja de pelo todavía "
     "entre ambas zonas."},
    {"option.norwood_stage.IVA", "Etapa 4A"},
    {"option.norwood_stage.IVA.help",
     "Toda la parte delantera ha retrocedido más allá de la mitad de la cabeza, sin una calva "
     "aparte en la coronilla."},
    {"option.norwood_stage.V", "Etapa 5"},
    {"option.norwood_stage.V.help",
     "Zonas calvas más grandes delante y en la coronilla; la franja de pelo entre ambas es "
     "estrecha y escasa."},
    {"option.norwood_stage.VA", "Etapa 5A"},
    {"option.norwood_stage.VA.help",
     "La pérdida delantera llega hacia la coronilla formando una sola zona."},
    {"option.norwood_stage.VI", "Etapa 6"},
    {"option.norwood_stage.VI.help",
     "La franja ha desaparecido: la parte delantera, la superior y la coronilla forman una sola "
     "zona calva."},
    {"option.norwood_stage.VII", "Etapa 7"},
    {"option.norwood_stage.VII.help",
     "Solo queda una franja estrecha de pelo en los laterales y la nuca."},
    {"question.ludwig_stage", "¿Cuánto pelo has perdido en la parte superior?"},
    {"question.ludwig_stage.help",
     "Son las etapas de la escala de Ludwig. La línea frontal suele mantenerse."},
    {"option.ludwig_stage.I", "Etapa 1"},
    {"option.ludwig_stage.I.help", "Menos pelo arriba, que notas al hacerte la raya."},
    {"option.ludwig_stage.II", "Etapa 2"},
    {"option.ludwig_stage.II.help",
     "Pérdida evidente: se ve el cuero cabelludo y la raya es más ancha."},
    {"option.ludwig_stage.III", "Etapa 3"},
    {"option.ludwig_stage.III.help",
     "Queda muy poco pelo arriba, aunque suele mantenerse algo de pelo delante."},
    {"question.diffuse_extent", "¿Cuánto pelo has perdido en general?"},
    {"option.diffuse_extent.mild", "Poco"},
    {"option.diffuse_extent.mild.help", "Solo se nota con luz intensa o con el pelo mojado."},
    {"option.diffuse_extent.moderate", "Bastante"},
    {"option.diffuse_extent.moderate.help", "Se ve el cuero cabelludo con luz normal."},
    {"option.diffuse_extent.extensive", "Mucho"},
    {"option.diffuse_extent.extensive.help",
     "Se ve claramente el cuero cabelludo en una zona grande."},
    {"question.cause", "¿Cuál es la causa de tu caída de pelo?"},
    {"question.cause.help", "Si tienes dudas, elige \"No lo sé\" y lo hablaremos en tu consulta."},
    {"option.cause.androgenetic", "Caída hereditaria (patrón masculino o femenino)"},
    {"option.cause.alopecia_areata", "Alopecia areata"},
    {"option.cause.alopecia_areata.help", "Placas sin pelo que pueden aparecer y desaparecer."},
    {"option.cause.alopecia_totalis_universalis", "Alopecia total o universal"},
    {"option.cause.alopecia_totalis_universalis.help",
     "Has perdido todo el pelo de la cabeza, o de todo el cuerpo."},
    {"option.cause.chemotherapy", "Quimioterapia"},
    {"option.cause.trauma_or_surgery", "Una lesión, una quemadura o una cirugía"},
    {"option.cause.unknown", "No lo sé"},
    {"question.alopecia_last_change", "¿Cuándo cambiaron tus placas por última vez?"},
    {"question.alopecia_last_change.help",
     "La última vez que apareció una placa nueva o que volvió a crecer pelo, lo que sea más "
     "reciente. Basta con una fecha aproximada."},

    // Goals.
    {"question.desired_look", "¿Qué aspecto te gustaría?"},
    {"option.desired_look.shaved", "Aspecto rapado"},
    {"option.desired_look.shaved.help",
     "Pelo muy corto en toda la cabeza, con una línea frontal bien definida."},
    {"option.desired_look.keep_length", "Mantener el pelo más largo"},
    {"option.desired_look.keep_length.help",
     "Sombreamos el cuero cabelludo entre tu pelo para que parezca más abundante."},

    // Scars and transplants.
    {"question.last_hair_transplant", "¿Cuándo fue tu último trasplante capilar?"},
    {"question.last_hair_transplant.help", "Basta con una fecha aproximada."},
    {"question.last_hair_transplant.skip", "Nunca me he hecho un trasplante capilar"},
    {"question.scars", "¿Tienes cicatrices en el cuero cabelludo que quieras disimular?"},
    {"question.scars.help",
     "Añade cada cicatriz, cuándo se produjo y si todavía está abultada o roja."},
    {"question.scars.skip", "No tengo cicatrices en el cuero cabelludo"},
    {"question.scars.healed_since", "¿Cuándo se produjo esta cicatriz?"},
    {"question.scars.healed_since.help",
     "La fecha de la cirugía o de la lesión. Basta con una fecha aproximada."},
    {"question.scars.raised_or_red", "¿Todavía está abultada o roja?"},
    {"option.scars.fut_strip", "Una cicatriz en forma de línea de un trasplante de tira"},
    {"option.scars.fut_strip.help",
     "Suele estar en la parte de atrás de la cabeza, a veces de oreja a oreja."},
    {"option.scars.fue_dots", "Pequeñas cicatrices en forma de punto de un trasplante FUE"},
    {"option.scars.fue_dots.help",
     "Muchas marcas redondas diminutas donde se extrajo el pelo, normalmente en la nuca y los "
     "laterales."},
    {"option.scars.other_small", "Una cicatriz pequeña de una cirugía o una lesión"},
    {"option.scars.other_small.help", "De hasta unos 5 cm de largo."},
    {"option.scars.other_large", "Una cicatriz grande, varias cicatrices o una quemadura"},
    {"option.scars.other_large.help",
     "Tendremos que verla en persona para darte un presupuesto exacto."},

    // Health: yes/no answers.
    // Health screens (questions output "screens"): the checklists' titles and "none" control.
    {"screen.health_conditions", "¿Te ocurre algo de lo siguiente?"},
    {"screen.health_conditions.none", "No me ocurre nada de esto"},
    {"screen.health_treatments", "Algunos tratamientos y enfermedades"},
    {"screen.health_treatments.none", "No me ocurre nada de esto"},
    {"option.yes_no.true", "Sí"},
    {"option.yes_no.false", "No"},
    // SPEC §8: every health question can be answered "unsure" (also what skipping it means).
    {"option.yes_no.unsure", "No lo sé / prefiero no decirlo"},
    {"option.chemotherapy.unsure", "No lo sé / prefiero no decirlo"},
    {"option.diabetes.unsure", "No lo sé / prefiero no decirlo"},
    {"option.skin_cancer.unsure", "No lo sé / prefiero no decirlo"},
    {"question.unsure", "No lo sé / prefiero no decirlo"},
    {"question.pregnant_or_breastfeeding", "¿Estás embarazada o en período de lactancia?"},
    {"question.pregnant_or_breastfeeding.help",
     "Si tienes previsto un embarazo pronto, puedes comentarlo en tu consulta."},
    {"question.active_scalp_condition",
     "¿Tienes ahora mismo la piel del cuero cabelludo irritada?"},
    {"question.active_scalp_condition.help",
     "Por ejemplo, un brote de psoriasis, eccema o dermatitis, granos o acné, una infección, una "
     "herida abierta, un sarpullido o una quemadura solar en el cuero cabelludo."},
    {"question.chronic_scalp_condition_controlled",
     "¿Tienes una afección crónica del cuero cabelludo que ahora esté en calma?"},
    {"question.chronic_scalp_condition_controlled.help",
     "Por ejemplo, psoriasis, eccema o dermatitis seborreica diagnosticada por un médico, pero "
     "sin brote en este momento."},
    {"question.keloid_prone", "¿Has tenido alguna vez cicatrices queloides?"},
    {"question.keloid_prone.help",
     "Los queloides son cicatrices gruesas y abultadas que crecen más allá de la herida original, "
     "por ejemplo después de un piercing o una operación."},
    {"question.blood_thinners_or_bleeding_disorder",
     "¿Tomas anticoagulantes o tienes un trastorno de la coagulación o del sangrado?"},
    {"question.blood_thinners_or_bleeding_disorder.help",
     "Por ejemplo, warfarina, acenocumarol, apixabán, rivaroxabán, clopidogrel o aspirina diaria "
     "como tratamiento, o hemofilia, enfermedad de von Willebrand o plaquetas bajas. No dejes ni "
     "cambies ningún medicamento recetado para hacerte la SMP."},
    {"question.pigment_or_ink_reaction",
     "¿Has tenido alguna vez una reacción a la tinta de un tatuaje, a un tatuaje cosmético o a un "
     "tinte de pelo?"},
    {"question.pigment_or_ink_reaction.help",
     "Por ejemplo, picor, hinchazón, un sarpullido o una zona abultada en un tatuaje o un "
     "microblading, o una reacción a un tinte de pelo oscuro."},
    {"question.immunocompromised",
     "¿Tienes el sistema inmunitario debilitado por una enfermedad o un medicamento?"},
    {"question.immunocompromised.help",
     "Por ejemplo, medicamentos que reducen las defensas (como después de un trasplante de "
     "órgano), o una enfermedad autoinmune tratada con medicamentos que modifican el sistema "
     "inmunitario."},
    {"question.chemotherapy", "¿Has recibido quimioterapia?"},
    {"option.chemotherapy.none", "No"},
    {"option.chemotherapy.current", "Sí, la estoy recibiendo ahora"},
    {"option.chemotherapy.ended", "Sí, y ya terminó"},
    {"question.chemotherapy_end", "¿Cuándo terminó tu quimioterapia?"},
    {"question.chemotherapy_end.help", "Basta con una fecha aproximada."},
    {"question.diabetes", "¿Tienes diabetes?"},
    {"question.diabetes.help",
     "Si tu médico te ha dicho hace poco que tienes el azúcar demasiado alto, elige \"Sí, no está "
     "bien controlada\"."},
    {"option.diabetes.none", "No"},
    {"option.diabetes.controlled", "Sí, bien controlada"},
    {"option.diabetes.uncontrolled", "Sí, no está bien controlada"},
    {"question.skin_cancer", "¿Has tenido alguna vez cáncer de piel?"},
    {"question.skin_cancer.help",
     "Cáncer de piel en cualquier parte del cuerpo, como un melanoma o un carcinoma basocelular."},
    {"option.skin_cancer.none", "No"},
    {"option.skin_cancer.history", "Sí, en el pasado, y se trató"},
    {"option.skin_cancer.current_or_suspicious",
     "Lo tengo ahora, o tengo una mancha en la piel que todavía no me han revisado"},
    {"question.isotretinoin_last_dose", "¿Cuándo tomaste isotretinoína por última vez?"},
    {"question.isotretinoin_last_dose.help",
     "Un medicamento para el acné que se vende como Accutane, Roaccutane y otros nombres. Indica "
     "la fecha de tu última dosis; basta con una fecha aproximada."},
    {"question.isotretinoin_last_dose.skip", "Nunca, o no en el último año"},
    {"question.other_serious_condition", "¿Tienes alguna otra enfermedad importante?"},
    {"question.other_serious_condition.help",
     "Por ejemplo, una enfermedad del corazón, epilepsia o presión arterial alta que no esté "
     "controlada."},

    // Timing.
    {"question.requested_start", "¿Cuándo te gustaría empezar?"},
    {"question.requested_start.help",
     "Planificaremos tus sesiones a partir de esta fecha. La clínica confirma cada fecha contigo."},
    {"question.requested_start.skip", "Lo antes posible"},
});

}  // namespace

std::span<const MessageEntry> question_messages_es() {
  return kQuestionMessagesEs;
}

}  // namespace smp
