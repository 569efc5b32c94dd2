// Core texts (verdicts, reasons, actions, packages, pre-care, aftercare, errors, calendar), en.
// Guardrails (DOMAIN.md 3.9): information, not a diagnosis; never "permanent" or "guaranteed";
// never advise stopping prescribed medicine; SMP does not grow hair.
#include <array>

#include "messages_parts.hpp"

namespace smp {
namespace {

// to_array deduces N, so an entry can never be silently dropped or padded.
constexpr auto kCoreMessagesEn = std::to_array<MessageEntry>({
    // Verdicts (DOMAIN.md 3.2).
    {"verdict.good_candidate", "Good candidate"},
    {"verdict.good_candidate.summary",
     "From your answers, SMP looks like a good fit for you. This is information, not a "
     "diagnosis: the final decision is made at your consultation."},
    {"verdict.medical_clearance", "Candidate after medical clearance"},
    {"verdict.medical_clearance.summary",
     "SMP may suit you once a doctor confirms it's safe for you. This is information, not a "
     "diagnosis: the final decision is made at your consultation."},
    {"verdict.defer", "Wait until the condition resolves"},
    {"verdict.defer.summary",
     "SMP may suit you later, but something needs to settle first. This is information, not a "
     "diagnosis: the final decision is made at your consultation."},
    {"verdict.not_suitable", "Not suitable"},
    {"verdict.not_suitable.summary",
     "From your answers, we don't recommend SMP for you. This is information, not a diagnosis: "
     "the final decision is made at a consultation, and you're welcome to book one."},
    // Under the minimum age the answer is "not yet", not "never" (the core picks the variant).
    {"verdict.not_suitable.not_yet", "Not yet"},
    {"verdict.not_suitable.not_yet.summary",
     "SMP is for clients aged {min_age} or over, so it isn't for you yet. You're welcome to "
     "come back once you turn {min_age}. This is information, not a diagnosis."},
    {"verdict.not_suitable.not_yet.dated", "Not yet: you can come back from {date}"},
    {"verdict.not_suitable.not_yet.dated.summary",
     "SMP is for clients aged {min_age} or over, so it isn't for you yet. You're welcome to "
     "come back from {date}, when you turn {min_age}. This is information, not a diagnosis."},

    // Reasons (DOMAIN.md 3.3).
    {"reason.under_minimum_age",
     "We can only treat clients aged {min_age} or over. Your hair-loss pattern may also still be "
     "changing. You're welcome to come back once you turn {min_age}."},
    {"reason.under_minimum_age.guardian",
     "Because you're under {min_age}, we can only treat you with the written consent of a parent "
     "or guardian. Your hair-loss pattern may also still be changing, and we'll take that into "
     "account."},
    {"reason.keloid_prone",
     "SMP makes thousands of tiny punctures, and people who form keloid scars risk raised "
     "scarring. We don't recommend SMP for you."},
    {"reason.keloid_prone.clearance",
     "SMP makes thousands of tiny punctures, and people who form keloid scars risk raised "
     "scarring. A dermatologist needs to review your skin and confirm SMP is OK for you first."},
    {"reason.no_treatable_area",
     "From your answers there's no thinning, balding or scarring for SMP to address. Book a free "
     "consultation if you'd like an in-person opinion."},
    {"reason.pregnancy_or_breastfeeding",
     "We wait until after pregnancy and breastfeeding. There's no direct evidence of harm, but we "
     "take the cautious route."},
    {"reason.active_scalp_condition",
     "Your scalp needs to be calm before treatment. Treating inflamed, broken or sunburnt skin can "
     "worsen it and spoil healing. Please come back once it has settled."},
    {"reason.skin_cancer_active",
     "Please have the spot checked and treated by a dermatologist first. We'll need their OK "
     "before treatment."},
    {"reason.chemotherapy_active_or_recent",
     "We wait at least {months} months after chemotherapy. Your immune system needs to recover "
     "and your hair may regrow."},
    {"reason.recent_hair_transplant_or_immature_scar",
     "Transplanted areas and scars need about {months} months to settle and flatten before "
     "pigment can be placed predictably. Scars that are still raised or red need more time too."},
    {"reason.alopecia_not_stable",
     "Alopecia areata can come and go. If hair regrows under pigment, the area can look uneven, "
     "so we wait until your patches have been stable for {months} months."},
    {"reason.recent_isotretinoin",
     "Isotretinoin leaves skin fragile for months, so we wait {months} months after your last "
     "dose."},
    {"reason.blood_thinners_or_clotting_disorder",
     "Blood thinners and clotting disorders increase bleeding, which can affect the result and "
     "healing. Your doctor needs to confirm SMP is OK for you."},
    {"reason.pigment_allergy_history",
     "Because you've reacted to pigment or ink before, we'll do a small patch test first."},
    {"reason.immunocompromised_or_chemotherapy",
     "A weakened immune system can raise infection risk, so please get your doctor's OK first."},
    {"reason.uncontrolled_diabetes",
     "Poorly controlled blood sugar slows healing. Please check with your doctor before booking."},
    {"reason.uncontrolled_diabetes.any",
     "Diabetes can slow healing, so we ask every client with diabetes for a note from their "
     "doctor before booking."},
    {"reason.skin_cancer_history",
     "Because you've had skin cancer, a dermatologist should check your scalp and confirm SMP is "
     "OK."},
    {"reason.chronic_scalp_condition_controlled",
     "Conditions like psoriasis can flare after skin trauma. Please get your doctor's OK, and "
     "we'll reschedule if it flares before a session."},
    {"reason.other_medical_condition",
     "Please ask your doctor to confirm SMP is safe with your condition."},
    {"reason.health_answer_unsure",
     "You weren't sure about, or skipped, this health question: \"{question}\" We'll go through "
     "it with you before anything is booked."},

    // What the visitor does next for a clearance or defer reason.
    {"action.patch_test", "A small patch test at least {days} days before your first session."},
    {"action.doctor_note", "A note from your doctor confirming SMP is OK for you."},
    {"action.doctor_note_keep_medication",
     "A note from your doctor confirming SMP is OK for you. Never stop or change a prescribed "
     "medicine without talking to the person who prescribed it."},
    {"action.doctor_note_reschedule_if_flare",
     "A note from your doctor confirming SMP is OK for you. If your condition flares before a "
     "session, we'll reschedule it."},
    {"action.dermatologist_review",
     "A dermatologist's review of your skin, confirming SMP is OK for you."},
    {"action.dermatologist_signoff",
     "A dermatologist checks and treats the spot, then gives their OK before we book."},
    {"action.dermatologist_clearance",
     "A dermatologist's OK for SMP on your scalp. Keep up your regular skin checks too."},
    {"action.oncologist_clearance", "Your oncologist's OK once your treatment has finished."},
    {"action.doctor_or_oncologist_clearance", "Your doctor's or oncologist's OK for SMP."},
    {"action.guardian_consent", "Written consent from a parent or guardian."},
    {"action.discuss_at_consultation",
     "We'll talk this question through at your consultation, and ask your doctor if needed."},

    // Advisories (DOMAIN.md 3.3b): never change the verdict.
    {"advisory.young_progressive_loss",
     "Your hair loss may still progress. We'll design an age-appropriate hairline, and you may "
     "need to extend the treated area later."},
    {"advisory.keep_length_not_feasible",
     "There isn't enough hair left to hide pigment under longer hair, so we'd plan a shaved-look "
     "treatment."},
    {"advisory.no_prescribed_med_changes",
     "Don't stop or change prescribed medicines for SMP without your prescriber."},
    {"advisory.scar_needs_in_person_quote",
     "Large or burn scars need an in-person assessment for an exact quote."},
    {"advisory.photos_for_exact_quote",
     "Not sure which pattern matches yours? Send us a few photos of your scalp and we'll give you "
     "an exact quote."},

    // Packages (DOMAIN.md 3.4 and 3.5).
    {"package.hairline", "Hairline"},
    {"package.hairline.description",
     "Rebuilds a natural-looking hairline and fills in the temples."},
    {"package.frontal", "Hairline and front"},
    {"package.frontal.description",
     "A new hairline plus the thinning area just behind it at the front of your head."},
    {"package.crown", "Crown"},
    {"package.crown.description",
     "Fills in thinning or a bald spot at the crown, the back of the top of your head."},
    {"package.front_and_crown", "Front and crown"},
    {"package.front_and_crown.description",
     "Your hairline, the front and the crown, blended into the hair between them."},
    {"package.full_top", "Full top"},
    {"package.full_top.description",
     "The whole top of your head, from the hairline back to the crown, blended into the sides."},
    {"package.full_scalp", "Full scalp"},
    {"package.full_scalp.description",
     "Your whole scalp, including the sides and back, with a hairline designed to suit your "
     "face."},
    {"package.density_light", "Light density"},
    {"package.density_light.description",
     "Shading between your hairs where thinning is mild, so less scalp shows through."},
    {"package.density_moderate", "Moderate density"},
    {"package.density_moderate.description",
     "Shading across a noticeably thin area so your hair looks fuller."},
    {"package.density_extensive", "Extensive density"},
    {"package.density_extensive.description",
     "Shading across a large thin area on top, blended into the hair you keep."},
    {"package.alopecia_patches", "Alopecia patches"},
    {"package.alopecia_patches.description",
     "Camouflages bald patches so they blend in with the hair or stubble around them."},
    {"package.scar_fue", "FUE scar camouflage"},
    {"package.scar_fue.description",
     "Hides the small dot-shaped scars an FUE transplant leaves where hair was taken from."},
    {"package.scar_fut", "Strip scar camouflage"},
    {"package.scar_fut.description",
     "Hides the line-shaped scar left by a strip (FUT) transplant."},
    {"package.scar_other_small", "Small scar camouflage"},
    {"package.scar_other_small.description", "Hides one small scar from surgery or an injury."},
    {"package.scar_other_large", "Large scar camouflage"},
    {"package.scar_other_large.description",
     "Hides a large scar, several scars or a burn scar. The exact price is set at an in-person "
     "assessment."},
    {"package.unknown", "To be confirmed"},
    {"package.unknown.description",
     "We need to see your scalp to recommend a treatment, so this shows our widest range. Send "
     "us photos for an exact quote."},
    {"package.touch_up", "Touch-up"},
    {"package.touch_up.description",
     "A shorter session that refreshes the pigment as it gradually fades."},

    // Pre-care before each session (DOMAIN.md 3.7). Only non-prescribed items are ever paused.
    {"precare.avoid_sun_chemicals",
     "From {days} days before: avoid sunburn, hair dye, chemical treatments and irritating "
     "products on your scalp."},
    {"precare.avoid_alcohol_caffeine_thinners",
     "From {days} days before: avoid alcohol, caffeine, and non-prescribed painkillers or "
     "supplements that thin the blood (such as ibuprofen, fish oil or vitamin E). Keep taking any "
     "medicine your doctor prescribed, as usual. Moisturise your scalp daily."},
    {"precare.clip_or_shave",
     "Clip or shave your head to the length we agreed, no later than the evening before. Don't use "
     "a razor on the day itself."},
    {"precare.wash_evening_before",
     "The evening before: wash your hair and scalp with a mild shampoo. Don't put any products on "
     "your scalp on the day."},
    {"precare.wash_day_of",
     "On the day: wash your hair and scalp with a mild shampoo, and don't put any products on "
     "your scalp afterwards."},
    {"precare.do_not_wash",
     "Don't wash your hair or scalp just before your session, so there's no shampoo residue or "
     "dryness. No products on the day either."},
    {"precare.day_of_session",
     "On the day: eat a proper meal and drink plenty of water. Bring snacks, a drink and "
     "something to pass the time, like music or your phone, and keep the whole day free."},

    // Aftercare milestones: what resumes on the milestone's date, and how.
    {"aftercare.shaving", "Shaving: use a trimmer or foil shaver only, and go around any scabs."},
    {"aftercare.washing_shampoo",
     "Washing: water and a mild, unscented shampoo. Pat dry and don't scrub."},
    {"aftercare.creams_moisturiser", "Creams: an unscented, alcohol-free moisturiser is fine."},
    {"aftercare.vigorous_exercise", "Exercise and heavy sweating: back to your usual workouts."},
    {"aftercare.hot_showers", "Hot showers: back to normal. Until then, keep showers lukewarm."},
    {"aftercare.picking",
     "Flaking: it should be over by now. Until it ends, don't pick or scratch your scalp."},
    {"aftercare.pools_sauna_tanning",
     "Pools, swimming, saunas, steam rooms, hot tubs and tanning beds: OK again."},
    {"aftercare.direct_sun",
     "Direct sun on your scalp: OK again. Until then, cover up with a loose hat."},
    {"aftercare.sunscreen",
     "Sunscreen: from now on, put sunscreen on your scalp whenever it's in the sun. It helps the "
     "pigment last longer."},
    {"aftercare.unrestricted", "No more restrictions from this session's aftercare."},

    // Longevity (DOMAIN.md C1) and what SMP is not.
    {"longevity.copy",
     "Long-lasting but semi-permanent: pigment fades gradually over several years."},
    {"longevity.no_regrowth",
     "SMP doesn't grow hair: it places tiny dots of pigment that look like short hairs or "
     "stubble."},

    // Dates in running text (date_text.cpp).
    {"date.long", "{month} {day}, {year}"},  // as Intl writes "en" dates in the widget
    {"date.month.1", "January"},
    {"date.month.2", "February"},
    {"date.month.3", "March"},
    {"date.month.4", "April"},
    {"date.month.5", "May"},
    {"date.month.6", "June"},
    {"date.month.7", "July"},
    {"date.month.8", "August"},
    {"date.month.9", "September"},
    {"date.month.10", "October"},
    {"date.month.11", "November"},
    {"date.month.12", "December"},

    // Validation messages shown next to an answer or form field.
    {"error.wrong_type", "This answer isn't in the expected format."},
    {"error.unknown_key", "This answer isn't one we recognise."},
    {"error.invalid_date", "Please enter a real date (year, month and day)."},
    {"error.future_date", "This date can't be in the future."},
    {"error.out_of_range", "This value is outside the allowed range."},
    {"error.invalid_value", "Please choose one of the options."},
    {"error.required", "Please answer this question."},
    {"error.too_long", "This answer is too long. Please shorten it."},
    {"error.invalid_email", "Please enter a valid email address."},
    {"error.consent_required", "Please agree that the clinic may contact you."},
    {"error.health_consent_missing",
     "Your health answers can only be sent if you agree to share them with the clinic."},
    {"error.health_data_minor",
     "Health answers can't be sent for anyone under {min_age}. The clinic will go through "
     "your health at your consultation."},
    {"error.invalid_json", "We couldn't read these answers. Please try again."},
    {"error.schema_version",
     "These answers come from a different version of the form. Please start again."},
    {"error.control_characters", "Please remove any special or invisible characters."},
    {"error.encoded_word", "Please remove “=?”: it has a special meaning in email."},
    {"error.age_required", "Please give your date of birth or your age."},

    // Money as every channel shows it (widget, print, email): display figures from the core.
    {"money.format", "{symbol}{amount}"},
    {"money.format_code", "{code}\u00a0{amount}"},
    {"money.group", ","},
    {"money.range", "{low} – {high}"},
    {"money.symbol.USD", "$"},
    {"money.symbol.EUR", "€"},
    {"money.symbol.GBP", "£"},
    {"money.symbol.CAD", "CA$"},
    {"money.symbol.AUD", "A$"},
    {"money.symbol.MXN", "MX$"},

    // Dates with their weekday and times, as the clinic's email shows them (date_text.cpp; the
    // widget uses Intl to the same effect, so its build leaves these texts out).
    {"date.weekday_long", SMP_EMAIL_TEXT("{weekday}, {month} {day}, {year}")},
    {"date.time", SMP_EMAIL_TEXT("{date}, {hour}:{minute} ({zone})")},
    {"date.weekday.1", SMP_EMAIL_TEXT("Mon")},
    {"date.weekday.2", SMP_EMAIL_TEXT("Tue")},
    {"date.weekday.3", SMP_EMAIL_TEXT("Wed")},
    {"date.weekday.4", SMP_EMAIL_TEXT("Thu")},
    {"date.weekday.5", SMP_EMAIL_TEXT("Fri")},
    {"date.weekday.6", SMP_EMAIL_TEXT("Sat")},
    {"date.weekday.7", SMP_EMAIL_TEXT("Sun")},

    // Calendar file (.ics) texts.
    {"ics.calendar_name", "{clinic}: SMP plan"},
    {"ics.session", "SMP session {number}"},
    {"ics.session_if_needed", "SMP session {number} (only if needed)"},
    {"ics.patch_test", "SMP patch test"},
    {"ics.touch_up", "Time to think about an SMP touch-up"},
    {"ics.unrestricted", "SMP aftercare: no more restrictions"},
    {"ics.pending_clearance", "SMP session 1: to be booked after medical clearance"},
    {"ics.description_footer",
     "This plan is information, not a diagnosis. The clinic confirms every date and the final "
     "decision at your consultation."},
    {"ics.hours", "Session length: about {min}–{max} hours"},
    {"ics.full_day", "Long session: keep the whole day free."},
    {"ics.aftercare", "SMP aftercare: {items}"},
    {"ics.aftercare_after_session", "SMP aftercare after session {number}: {items}"},
});

}  // namespace

SMP_MESSAGE_PART(kCoreMessagesEn, core_messages_en, core_key_hashes_en)

}  // namespace smp
