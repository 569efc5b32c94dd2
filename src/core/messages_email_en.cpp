// email.* texts, locale en.
#include <array>

#include "smp/messages.hpp"

namespace smp {
namespace {
constexpr std::array<MessageEntry, 1> kEmailMessagesEn{{
    {"email.placeholder", "email"},
}};
}  // namespace

std::span<const MessageEntry> email_messages_en() { return kEmailMessagesEn; }

}  // namespace smp
