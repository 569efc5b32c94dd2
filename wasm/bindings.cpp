// Embind registration table: the only file that knows Emscripten exists. Conversions live in
// adapters.cpp; every function takes and returns strings, so JS never holds C++ handles.
#include <emscripten/bind.h>

#include "adapters.hpp"

EMSCRIPTEN_BINDINGS(smp_core) {
  emscripten::function("version", &smp::wasm::version);
  emscripten::function("validateConfig", &smp::wasm::validate_config);
  emscripten::function("questions", &smp::wasm::questions);
  emscripten::function("evaluate", &smp::wasm::evaluate);
  emscripten::function("planIcs", &smp::wasm::plan_ics);
  emscripten::function("validateLead", &smp::wasm::validate_lead);
  emscripten::function("messages", &smp::wasm::messages);
  emscripten::function("loadMessages", &smp::wasm::load_messages);
  emscripten::function("publicConfig", &smp::wasm::public_config);
}
