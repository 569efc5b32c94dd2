#pragma once
// The per-locale parts of the built-in catalogue, each defined in its own
// messages_<part>_<locale>.cpp so every area of the product owns its copy.
#include <array>
#include <cstddef>
#include <span>

#include "smp/messages.hpp"

// The widget never sends email, so its WebAssembly build keeps the email.* keys (clinic copy
// overrides then validate the same everywhere) but not their texts.
#ifdef SMP_WITHOUT_EMAIL_TEXTS
#define SMP_EMAIL_TEXT(text) ""
#else
#define SMP_EMAIL_TEXT(text) text
#endif

namespace smp {

/// A part as this build compiles it: the WebAssembly build (SMP_WITHOUT_LATER_TEXTS) keeps the
/// keys of is_later_text() but not their texts, which it loads from messages.en.json. Evaluated
/// at compile time, so those string literals never reach the binary.
template <std::size_t N>
constexpr std::array<MessageEntry, N> built_in(std::array<MessageEntry, N> part) {
#ifdef SMP_WITHOUT_LATER_TEXTS
  for (MessageEntry& entry : part) {
    if (is_later_text(entry.key)) entry.text = {};
  }
#endif
  return part;
}

/// verdict.*, reason.*, action.*, advisory.*, package.*, precare.*, aftercare.*, error.*, ics.*,
/// longevity.* in English.
std::span<const MessageEntry> core_messages_en();
/// The core part in Spanish.
std::span<const MessageEntry> core_messages_es();
/// section.*, question.*, option.* in English.
std::span<const MessageEntry> question_messages_en();
/// The questions part in Spanish.
std::span<const MessageEntry> question_messages_es();
/// ui.* in English.
std::span<const MessageEntry> ui_messages_en();
/// ui.* in Spanish.
std::span<const MessageEntry> ui_messages_es();
/// email.* in English.
std::span<const MessageEntry> email_messages_en();
/// email.* in Spanish.
std::span<const MessageEntry> email_messages_es();

}  // namespace smp
