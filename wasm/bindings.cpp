// Embind registration table: the only file that knows Emscripten exists. Conversions live in
// adapters.cpp; every function takes and returns strings, so JS never holds C++ handles.
// smp-core.wasm holds what the widget calls up to the first question; evaluate, planIcs and
// validateLead are smp-later.wasm's (bindings_later.cpp), loaded once the visitor answers.
#include <emscripten/bind.h>

#include "adapters.hpp"

EMSCRIPTEN_BINDINGS(smp_core) {
  emscripten::function("version", &smp::wasm::version);
  emscripten::function("validateConfig", &smp::wasm::validate_config);
  emscripten::function("questions", &smp::wasm::questions);
  emscripten::function("messages", &smp::wasm::messages);
  emscripten::function("loadMessages", &smp::wasm::load_messages);
  emscripten::function("publicConfig", &smp::wasm::public_config);
}
