// Embind table of smp-later.wasm, the steps after the questions: the same core and adapters as
// smp-core.wasm, with only what the result, the plan's calendar file and the lead form call, so
// the module every visitor downloads before the first question carries none of their code.
// web/core-loader.js loads it with later-steps.js and gives it every catalogue smp-core.wasm got.
#include <emscripten/bind.h>

#include "adapters.hpp"

EMSCRIPTEN_BINDINGS(smp_later) {
  emscripten::function("version", &smp::wasm::version);
  emscripten::function("loadMessages", &smp::wasm::load_messages);
  emscripten::function("evaluate", &smp::wasm::evaluate);
  emscripten::function("planIcs", &smp::wasm::plan_ics);
  emscripten::function("validateLead", &smp::wasm::validate_lead);
}
