#include "smp/ip_range.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace smp {

std::optional<IpAddress> parse_ip_address(const std::string& input) {
  std::string text = input;
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() > 45) return std::nullopt;
  IpAddress address;
  unsigned char v4[4];
  if (inet_pton(AF_INET, text.c_str(), v4) == 1) {
    address.bytes[10] = 0xff;
    address.bytes[11] = 0xff;
    std::memcpy(address.bytes.data() + 12, v4, 4);
    address.is_v4 = true;
    return address;
  }
  if (inet_pton(AF_INET6, text.c_str(), address.bytes.data()) != 1) return std::nullopt;
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  address.is_v4 = std::memcmp(address.bytes.data(), kMapped, 12) == 0;
  return address;
}

std::optional<IpRange> parse_ip_range(const std::string& text) {
  const auto slash = text.find('/');
  const auto address = parse_ip_address(text.substr(0, slash));
  if (!address) return std::nullopt;
  IpRange range{*address, 128};
  if (slash == std::string::npos) return range;
  const std::string digits = text.substr(slash + 1);
  if (digits.empty() || digits.size() > 3 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int bits = std::stoi(digits);
  const int max_bits = address->is_v4 ? 32 : 128;
  if (bits > max_bits) return std::nullopt;
  range.prefix_bits = address->is_v4 ? bits + 96 : bits;
  return range;
}

bool IpRange::contains(const IpAddress& address) const {
  int bits = prefix_bits;
  for (size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask =
        bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((address.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
  }
  return true;
}

std::string format_ip_address(const IpAddress& address) {
  char text[INET6_ADDRSTRLEN] = {0};
  if (address.is_v4) inet_ntop(AF_INET, address.bytes.data() + 12, text, sizeof text);
  else inet_ntop(AF_INET6, address.bytes.data(), text, sizeof text);
  return text;
}

}  // namespace smp
