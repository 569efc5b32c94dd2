// The exported C functions the widget calls: the only file that knows Emscripten exists.
// Conversions live in adapters.cpp. No Embind: its registration runtime costs ~10 KB of wasm and
// glue JS for eight string functions. Strings come in as UTF-8 (pointer, byte length) written by
// wasm/exports.js, and every answer is left in one buffer that stays valid until the next call
// (pointer returned, size from smp_result_size); JS never holds C++ objects.
#include <emscripten/emscripten.h>

#include <cstddef>
#include <string>

#include "adapters.hpp"

namespace {

std::string result;

const char* answer(std::string text) {
  result = std::move(text);
  return result.c_str();
}

std::string arg(const char* data, std::size_t size) { return std::string(data, size); }

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE std::size_t smp_result_size() { return result.size(); }

EMSCRIPTEN_KEEPALIVE const char* smp_version() { return answer(smp::wasm::version()); }

EMSCRIPTEN_KEEPALIVE const char* smp_validate_config(const char* c, std::size_t cn) {
  return answer(smp::wasm::validate_config(arg(c, cn)));
}

EMSCRIPTEN_KEEPALIVE const char* smp_questions(const char* c, std::size_t cn, const char* a,
                                               std::size_t an, const char* l, std::size_t ln,
                                               const char* t, std::size_t tn) {
  return answer(smp::wasm::questions(arg(c, cn), arg(a, an), arg(l, ln), arg(t, tn)));
}

EMSCRIPTEN_KEEPALIVE const char* smp_evaluate(const char* c, std::size_t cn, const char* a,
                                              std::size_t an, const char* t, std::size_t tn,
                                              const char* l, std::size_t ln) {
  return answer(smp::wasm::evaluate(arg(c, cn), arg(a, an), arg(t, tn), arg(l, ln)));
}

EMSCRIPTEN_KEEPALIVE const char* smp_plan_ics(const char* c, std::size_t cn, const char* a,
                                              std::size_t an, const char* t, std::size_t tn,
                                              const char* l, std::size_t ln) {
  return answer(smp::wasm::plan_ics(arg(c, cn), arg(a, an), arg(t, tn), arg(l, ln)));
}

EMSCRIPTEN_KEEPALIVE const char* smp_validate_lead(const char* c, std::size_t cn, const char* d,
                                                   std::size_t dn, const char* t, std::size_t tn,
                                                   const char* l, std::size_t ln) {
  return answer(smp::wasm::validate_lead(arg(c, cn), arg(d, dn), arg(t, tn), arg(l, ln)));
}

EMSCRIPTEN_KEEPALIVE const char* smp_messages(const char* c, std::size_t cn, const char* l,
                                              std::size_t ln) {
  return answer(smp::wasm::messages(arg(c, cn), arg(l, ln)));
}

EMSCRIPTEN_KEEPALIVE const char* smp_public_config(const char* c, std::size_t cn) {
  return answer(smp::wasm::public_config(arg(c, cn)));
}

}  // extern "C"
