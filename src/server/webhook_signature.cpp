#include "smp/server/webhook_signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <vector>

namespace smp::server {

std::optional<std::string> decode_webhook_secret(const std::string& secret) {
  constexpr std::string_view kPrefix = "whsec_";
  if (secret.rfind(kPrefix, 0) != 0) return std::nullopt;
  const std::string encoded = secret.substr(kPrefix.size());
  // EVP_DecodeBlock wants whole 4-character groups of the standard alphabet.
  if (encoded.empty() || encoded.size() % 4 != 0 ||
      encoded.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                                "=") != std::string::npos) {
    return std::nullopt;
  }
  const auto first_pad = encoded.find('=');
  const std::size_t padding = first_pad == std::string::npos ? 0 : encoded.size() - first_pad;
  if (padding > 2 || (first_pad != std::string::npos &&
                      encoded.find_first_not_of('=', first_pad) != std::string::npos)) {
    return std::nullopt;
  }
  std::vector<unsigned char> out(encoded.size() / 4 * 3);
  const int length =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(encoded.data()),
                      static_cast<int>(encoded.size()));
  if (length < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  const std::size_t size = static_cast<std::size_t>(length) - padding;
  if (size < 24 || size > 64) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(out.data()), size);
}

std::string webhook_signature(const std::string& key, const std::string& message_id,
                              std::int64_t timestamp_seconds, const std::string& body) {
  const std::string signed_content =
      message_id + "." + std::to_string(timestamp_seconds) + "." + body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(signed_content.data()), signed_content.size(), digest,
       &digest_length);
  std::vector<unsigned char> encoded(4 * ((digest_length + 2) / 3) + 1);
  const int length = EVP_EncodeBlock(encoded.data(), digest, static_cast<int>(digest_length));
  return "v1," + std::string(reinterpret_cast<const char*>(encoded.data()),
                             static_cast<std::size_t>(length));
}

}  // namespace smp::server
