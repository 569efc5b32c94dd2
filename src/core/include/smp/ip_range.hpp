#pragma once
// IP addresses and CIDR ranges, for `lead.trusted_proxies` (validated with the config, matched
// by the relay against the connecting peer). IPv4 is held as IPv4-mapped IPv6, so "10.0.0.0/8"
// also matches a dual-stack socket's "::ffff:10.1.2.3".
#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace smp {

struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool is_v4 = false;
};

struct IpRange {
  IpAddress base;
  int prefix_bits = 128;  ///< of the 128-bit (mapped) form
  /// True when `address` lies in the range.
  bool contains(const IpAddress& address) const;
};

/// "203.0.113.7", "2001:db8::1", "::ffff:203.0.113.7", "[2001:db8::1]"; nullopt otherwise.
std::optional<IpAddress> parse_ip_address(const std::string& text);
/// An address or CIDR range: "10.0.0.0/8", "fd00::/8", "127.0.0.1"; nullopt otherwise.
std::optional<IpRange> parse_ip_range(const std::string& text);
/// The canonical text of an address ("203.0.113.7", "2001:db8::1").
std::string format_ip_address(const IpAddress& address);

}  // namespace smp
