#pragma once
// What the relay may write to its log: lead ids, message ids and counts, never personal data.
#include <string>
#include <string_view>

namespace smp::server {

/// `text` (e.g. an SMTP server's reply, which can quote the recipient) with every email
/// address replaced by "[address]", for the log.
std::string without_addresses(std::string_view text);

}  // namespace smp::server
