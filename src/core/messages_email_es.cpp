// email.* texts, locale es.
#include <array>

#include "smp/messages.hpp"

namespace smp {
namespace {
constexpr std::array<MessageEntry, 1> kEmailMessagesEs{{
    {"email.placeholder", "email"},
}};
}  // namespace

std::span<const MessageEntry> email_messages_es() { return kEmailMessagesEs; }

}  // namespace smp
