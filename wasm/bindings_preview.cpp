// Embind table of smp-preview.wasm, the result's "what it could look like" module (SPEC §8): the
// same core and adapters as smp-core.wasm with only the preview, so nothing of the renderer is
// downloaded before the first question. The widget loads it with the result.
#include <emscripten/bind.h>

#include "adapters.hpp"

EMSCRIPTEN_BINDINGS(smp_preview) {
  emscripten::function("version", &smp::wasm::version);
  emscripten::function("loadMessages", &smp::wasm::load_messages);
  emscripten::function("preview", &smp::wasm::preview);
  emscripten::function("previewTexts", &smp::wasm::preview_texts);
}
