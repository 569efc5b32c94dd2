#pragma once
// The quiz catalogue as data: which questions exist, in which section, what they write into the
// answers document, and when each is shown (SPEC §3 answer values; DOMAIN 3.1).
#include <nlohmann/json.hpp>
#include <string>

#include "smp/config.hpp"
#include "smp/date.hpp"

namespace smp {

/// The visible questions for the answers so far, with texts in `locale` and any diagnostics for
/// the answers given so far. Shape (schema "smp-consult/questions@1"):
/// {schema, locale, sections:[{id,title}], questions:[{id, section, kind, pointer, required,
///  text, help?, options?:[{value,label,help?}], min?, max?, skip_label?, suggested?, answered,
///  unanswered_value? (health: "unsure", written when moved on unanswered), unsure_label?,
///  fields? (scar_list: [{id, kind, label, help?, max?, required}]),
///  screen (the id of the screen it is asked on),
///  prefill? (true: a page may answer it ahead with prefill-<id> / smp_<id>; never medical),
///  none_value? (checklist items: what "None of these apply to me" writes; an item without one,
///  a date, is left unanswered as its skip means: "never")}],
///  screens:[{id, section, layout: "form"|"checklist", title?, help?, none_label? (checklist),
///  questions:[id]}]  the screens with a visible question, in order; the widget shows one at a
///  time, each question of it as its own fieldset,
///  progress:{total}  screens shown or still possible for these answers: the total the widget
///  shows, which never grows as the visitor answers,
///  errors:[{pointer, code, message}]}
nlohmann::json questions_json(const nlohmann::json& answers, const Config& config,
                              const std::string& locale, Date today);

}  // namespace smp
