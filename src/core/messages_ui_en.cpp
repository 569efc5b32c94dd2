// ui.* texts, locale en.
#include <array>

#include "smp/messages.hpp"

namespace smp {
namespace {
constexpr std::array<MessageEntry, 1> kUiMessagesEn{{
    {"ui.placeholder", "ui"},
}};
}  // namespace

std::span<const MessageEntry> ui_messages_en() { return kUiMessagesEn; }

}  // namespace smp
