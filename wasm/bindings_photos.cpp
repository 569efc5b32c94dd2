// Embind table of smp-photos.wasm, the photo step's module (SPEC §8): the same core and adapters
// as smp-core.wasm, with only what the photo step calls, so the module every visitor downloads
// before the first question stays as it was. The widget loads it with the photo step.
#include <emscripten/bind.h>

#include "adapters.hpp"

EMSCRIPTEN_BINDINGS(smp_photos) {
  emscripten::function("version", &smp::wasm::version);
  emscripten::function("loadMessages", &smp::wasm::load_messages);
  emscripten::function("photoViews", &smp::wasm::photo_views);
  emscripten::function("photoBuffer", &smp::wasm::photo_buffer);
  emscripten::function("checkPhoto", &smp::wasm::check_photo);
}
