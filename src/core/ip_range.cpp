#include "smp/ip_range.hpp"

#include <cstring>

namespace smp {
namespace {

// Hand-written rather than inet_pton: musl's would add ~4 KB gzip to the widget's wasm, which
// validates the same config. tests/server/client_address_test.cpp checks it against inet_pton.

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Dotted quad, each part 0-255 without leading zeros (as inet_pton).
bool parse_v4(const std::string& text, std::uint8_t* out) {
  size_t at = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (at >= text.size() || text[at] != '.') return false;
      ++at;
    }
    const size_t start = at;
    unsigned value = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9' && at - start < 3) {
      value = value * 10 + static_cast<unsigned>(text[at++] - '0');
    }
    const size_t digits = at - start;
    if (digits == 0 || value > 255 || (digits > 1 && text[start] == '0')) return false;
    out[part] = static_cast<std::uint8_t>(value);
  }
  return at == text.size();
}

// RFC 4291 text: up to eight 16-bit hex groups, one "::" for a run of zeros, optionally ending
// in a dotted quad.
bool parse_v6(const std::string& text, std::uint8_t* out) {
  std::uint8_t bytes[16] = {0};
  int filled = 0;   // bytes written
  int gap_at = -1;  // byte index of "::"
  size_t at = 0;
  if (text.compare(0, 2, "::") == 0) {
    gap_at = 0;
    at = 2;
  } else if (!text.empty() && text[0] == ':') {
    return false;
  }
  while (at < text.size()) {
    if (filled >= 16) return false;
    // A dotted quad may end the address.
    const size_t next_colon = text.find(':', at);
    if (next_colon == std::string::npos && text.find('.', at) != std::string::npos) {
      if (filled > 12 || !parse_v4(text.substr(at), bytes + filled)) return false;
      filled += 4;
      at = text.size();
      break;
    }
    unsigned value = 0;
    size_t digits = 0;
    while (at < text.size() && hex_value(text[at]) >= 0 && digits < 4) {
      value = value * 16 + static_cast<unsigned>(hex_value(text[at++]));
      ++digits;
    }
    if (digits == 0) return false;
    bytes[filled++] = static_cast<std::uint8_t>(value >> 8);
    bytes[filled++] = static_cast<std::uint8_t>(value & 0xff);
    if (at == text.size()) break;
    if (text[at] != ':') return false;
    ++at;
    if (at < text.size() && text[at] == ':') {
      if (gap_at >= 0) return false;
      gap_at = filled;
      ++at;
    } else if (at == text.size()) {
      return false;  // a single trailing ':'
    }
  }
  if (gap_at < 0 ? filled != 16 : filled > 14) return false;
  std::memset(out, 0, 16);
  if (gap_at < 0) {
    std::memcpy(out, bytes, 16);
  } else {
    std::memcpy(out, bytes, static_cast<size_t>(gap_at));
    const int tail = filled - gap_at;
    std::memcpy(out + 16 - tail, bytes + gap_at, static_cast<size_t>(tail));
  }
  return true;
}

}  // namespace

std::optional<IpAddress> parse_ip_address(const std::string& input) {
  std::string text = input;
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() > 45) return std::nullopt;
  IpAddress address;
  std::uint8_t v4[4];
  if (parse_v4(text, v4)) {
    address.bytes[10] = 0xff;
    address.bytes[11] = 0xff;
    std::memcpy(address.bytes.data() + 12, v4, 4);
    address.is_v4 = true;
    return address;
  }
  if (!parse_v6(text, address.bytes.data())) return std::nullopt;
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
  int bits = 0;  // (no std::stoi: it would pull libc++'s string conversions into the wasm)
  for (char c : digits) bits = bits * 10 + (c - '0');
  const int max_bits = address->is_v4 ? 32 : 128;
  if (bits > max_bits) return std::nullopt;
  range.prefix_bits = address->is_v4 ? bits + 96 : bits;
  return range;
}

bool IpRange::contains(const IpAddress& address) const {
  int bits = prefix_bits;
  for (size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((address.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
  }
  return true;
}

std::string format_ip_address(const IpAddress& address) {
  std::string text;
  if (address.is_v4) {
    for (int i = 12; i < 16; ++i) {
      if (i > 12) text += '.';
      text += std::to_string(address.bytes[static_cast<size_t>(i)]);
    }
    return text;
  }
  // RFC 5952: lower-case hex, no leading zeros, the longest run (>= 2) of zero groups as "::".
  unsigned groups[8];
  for (int i = 0; i < 8; ++i) {
    groups[i] = static_cast<unsigned>(address.bytes[static_cast<size_t>(2 * i)]) << 8 |
                address.bytes[static_cast<size_t>(2 * i + 1)];
  }
  int best = -1, best_length = 1;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_length) best = i, best_length = j - i;
    i = j > i ? j : i + 1;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      text += "::";
      i += best_length - 1;
      continue;
    }
    if (!text.empty() && text.back() != ':') text += ':';
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      const unsigned digit = (groups[i] >> shift) & 0xf;
      if (digit != 0 || started || shift == 0) {
        text += kHex[digit];
        started = true;
      }
    }
  }
  return text;
}

}  // namespace smp
