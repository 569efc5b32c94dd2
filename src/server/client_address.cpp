#include "smp/server/client_address.hpp"

#include <algorithm>

namespace smp::server {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.push_back(trim(text.substr(start, end - start)));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

// A forwarded node: "203.0.113.7", "203.0.113.7:4711", "[2001:db8::1]:4711", "2001:db8::1",
// possibly quoted (Forwarded). Anything else ("unknown", "_hidden") is returned as given.
std::string node_address(std::string node) {
  if (node.size() >= 2 && node.front() == '"' && node.back() == '"') {
    node = node.substr(1, node.size() - 2);
  }
  if (!node.empty() && node.front() == '[') {
    const auto close = node.find(']');
    if (close != std::string::npos) return node.substr(1, close - 1);
  }
  if (std::count(node.begin(), node.end(), ':') == 1) return node.substr(0, node.find(':'));
  return node;
}

std::string lowercase(std::string text) {
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// The `for=` of each element of a Forwarded header, in order ("" for an element without one).
std::vector<std::string> forwarded_for(const std::string& header) {
  std::vector<std::string> nodes;
  for (const auto& element : split(header, ',')) {
    std::string node;
    for (const auto& pair : split(element, ';')) {
      const auto equals = pair.find('=');
      if (equals != std::string::npos && lowercase(trim(pair.substr(0, equals))) == "for") {
        node = node_address(trim(pair.substr(equals + 1)));
      }
    }
    nodes.push_back(node);
  }
  return nodes;
}

std::string canonical(const std::string& address) {
  const auto parsed = smp::parse_ip_address(address);
  return parsed ? smp::format_ip_address(*parsed) : address;
}

}  // namespace

TrustedProxies::TrustedProxies(const std::vector<std::string>& ranges) {
  for (const auto& text : ranges) {
    if (const auto range = smp::parse_ip_range(text)) ranges_.push_back(*range);
  }
}

bool TrustedProxies::trusts(const std::string& address) const {
  const auto parsed = smp::parse_ip_address(address);
  if (!parsed) return false;
  return std::any_of(ranges_.begin(), ranges_.end(),
                     [&](const smp::IpRange& range) { return range.contains(*parsed); });
}

std::string TrustedProxies::client_address(const std::string& peer,
                                           const std::string& x_forwarded_for,
                                           const std::string& forwarded) const {
  if (!trusts(peer)) return canonical(peer);
  std::vector<std::string> chain;
  if (!trim(x_forwarded_for).empty()) {
    for (const auto& node : split(x_forwarded_for, ',')) chain.push_back(node_address(node));
  } else if (!trim(forwarded).empty()) {
    chain = forwarded_for(forwarded);
  }
  // Each proxy appends the address it saw: walking from the right, the first address that is
  // not one of ours was added by our own proxy, and everything left of it may be forged.
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (it->empty()) return canonical(peer);  // a hop that did not say: stop at what we know
    if (!trusts(*it)) return canonical(*it);
  }
  return chain.empty() ? canonical(peer) : canonical(chain.front());
}

}  // namespace smp::server
