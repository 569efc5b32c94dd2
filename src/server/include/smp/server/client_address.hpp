#pragma once
// Who is on the other end of a request: the connecting peer, or, when the peer is one of the
// clinic's trusted reverse proxies (`lead.trusted_proxies`, env SMP_TRUSTED_PROXIES), the
// address that proxy forwarded. Behind a proxy every peer is the proxy, so the rate limit
// must key on the forwarded address; from anyone else the headers are ignored (forgeable).
#include <string>
#include <vector>

#include "smp/ip_range.hpp"

namespace smp::server {

class TrustedProxies {
 public:
  /// `ranges` are validated config values (IP or CIDR); invalid ones are ignored.
  explicit TrustedProxies(const std::vector<std::string>& ranges);
  bool trusts(const std::string& address) const;
  /// The visitor's address for a request from `peer`: the peer itself unless it is trusted;
  /// then the right-most address of X-Forwarded-For (all such headers, in order, joined by
  /// ","; or, when there is none, of the RFC 7239 `Forwarded` header's `for=`) that is not a
  /// trusted proxy. Addresses come back in canonical form ("::ffff:1.2.3.4" -> "1.2.3.4").
  std::string client_address(const std::string& peer, const std::string& x_forwarded_for,
                             const std::string& forwarded) const;

 private:
  std::vector<smp::IpRange> ranges_;
};

}  // namespace smp::server
