#pragma once
// The per-locale parts of the built-in catalogue, each defined in its own
// messages_<part>_<locale>.cpp so every area of the product owns its copy.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "smp/messages.hpp"

// The widget never sends email, so its WebAssembly build keeps the email.* keys (clinic copy
// overrides then validate the same everywhere) but not their texts.
#ifdef SMP_WITHOUT_EMAIL_TEXTS
#define SMP_EMAIL_TEXT(text) ""
#else
#define SMP_EMAIL_TEXT(text) text
#endif

namespace smp {

// A part as this build compiles it. The WebAssembly build (SMP_WITHOUT_LATER_TEXTS) has no texts
// for the keys of is_later_text() (it loads them from messages.en.json) nor for email.*
// (SMP_WITHOUT_EMAIL_TEXTS): it keeps those keys as 32-bit hashes, all is_message_key() needs
// (clinic copy and loaded catalogues validate the same as natively), in 4 bytes instead of the
// key's ~25. Evaluated at compile time, so the dropped string literals never reach the binary.
constexpr std::uint32_t key_hash(std::string_view key) {
  std::uint32_t hash = 2166136261u;  // FNV-1a
  for (char c : key) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash;
}

constexpr bool compiled_with_text(const MessageEntry& entry) {
#ifdef SMP_WITHOUT_LATER_TEXTS
  return !entry.text.empty() && !is_later_text(entry.key);
#else
  (void)entry;  // natively every key keeps its text
  return true;
#endif
}

template <std::size_t N>
constexpr std::size_t count_with_text(const std::array<MessageEntry, N>& part) {
  std::size_t n = 0;
  for (const MessageEntry& entry : part) n += compiled_with_text(entry) ? 1 : 0;
  return n;
}

template <std::size_t M, std::size_t N>
constexpr std::array<MessageEntry, M> entries_with_text(const std::array<MessageEntry, N>& part) {
  std::array<MessageEntry, M> out{};
  std::size_t at = 0;
  for (const MessageEntry& entry : part) {
    if (compiled_with_text(entry)) out[at++] = entry;
  }
  return out;
}

template <std::size_t M, std::size_t N>
constexpr std::array<std::uint32_t, M> hashes_without_text(
    const std::array<MessageEntry, N>& part) {
  std::array<std::uint32_t, M> out{};
  std::size_t at = 0;
  for (const MessageEntry& entry : part) {
    if (!compiled_with_text(entry)) out[at++] = key_hash(entry.key);
  }
  return out;
}

// Defines the part's two accessors from its table: the entries with text, the other keys' hashes.
#define SMP_MESSAGE_PART(table, entries_fn, hashes_fn)                                \
  std::span<const MessageEntry> entries_fn() {                                        \
    static constexpr auto entries = entries_with_text<count_with_text(table)>(table); \
    return entries;                                                                   \
  }                                                                                   \
  std::span<const std::uint32_t> hashes_fn() {                                        \
    static constexpr auto hashes =                                                    \
        hashes_without_text<(table).size() - count_with_text(table)>(table);          \
    return hashes;                                                                    \
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
/// photos.* in English and Spanish.
std::span<const MessageEntry> photo_messages_en();
std::span<const MessageEntry> photo_messages_es();
/// preview.* in English and Spanish (the result's picture, SPEC §8).
std::span<const MessageEntry> preview_messages_en();
std::span<const MessageEntry> preview_messages_es();
/// key_hash() of the English keys this build has without text (none natively), by part.
std::span<const std::uint32_t> core_key_hashes_en();
std::span<const std::uint32_t> ui_key_hashes_en();
std::span<const std::uint32_t> email_key_hashes_en();
std::span<const std::uint32_t> photo_key_hashes_en();
std::span<const std::uint32_t> preview_key_hashes_en();
/// email.* in English.
std::span<const MessageEntry> email_messages_en();
/// email.* in Spanish.
std::span<const MessageEntry> email_messages_es();

}  // namespace smp
