#pragma once
// Standard Webhooks signatures (https://www.standardwebhooks.com/): a `whsec_<base64>` secret,
// and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` (OpenSSL).
#include <cstdint>
#include <optional>
#include <string>

namespace smp::server {

/// The key bytes of a `whsec_<base64>` secret (the base64 part decoded, 24 to 64 bytes as the
/// specification asks); nullopt when the text is not such a secret.
std::optional<std::string> decode_webhook_secret(const std::string& secret);

/// `v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>`.
std::string webhook_signature(const std::string& key, const std::string& message_id,
                              std::int64_t timestamp_seconds, const std::string& body);

}  // namespace smp::server
