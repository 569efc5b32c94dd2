// ui.* texts, locale es.
#include <array>

#include "smp/messages.hpp"

namespace smp {
namespace {
constexpr std::array<MessageEntry, 1> kUiMessagesEs{{
    {"ui.placeholder", "ui"},
}};
}  // namespace

std::span<const MessageEntry> ui_messages_es() { return kUiMessagesEs; }

}  // namespace smp
