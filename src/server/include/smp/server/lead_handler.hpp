#pragma once
// POST /api/leads (SPEC §7), independent of the HTTP library so it can be tested directly:
// origin, rate limit, content type, size, JSON, honeypot / fill time, validation with the core,
// re-evaluation, durable storage with its emails, then 202 {lead_id}.
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "smp/config.hpp"
#include "smp/server/client_address.hpp"
#include "smp/server/outbox.hpp"
#include "smp/server/rate_limiter.hpp"

namespace smp::server {

constexpr std::size_t kMaxLeadBytes = 32 * 1024;

struct ApiRequest {
  std::string body;
  bool body_too_large = false;  ///< more than the HTTP layer's limit arrived (the body is cut)
  std::string content_type;
  std::string origin;       ///< "" when the browser sent none (same-origin GET-like or non-browser)
  std::string host;         ///< the Host header
  std::string remote_addr;  ///< the connecting peer
  std::string x_forwarded_for;  ///< every X-Forwarded-For header, in order, joined by ","
  std::string forwarded;        ///< every Forwarded header, in order, joined by ","
  std::int64_t now_ms = 0;
};

struct ApiResponse {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// `{"errors":[{pointer, code, message}]}` with one error.
std::string json_error(const std::string& code, const std::string& message,
                       const std::string& pointer = "");

/// True when `origin` may call the API: no Origin, the server's own origin (Origin's host:port
/// equals Host), or an entry of lead.allowed_origins ("*" allows any).
bool origin_allowed(const std::string& origin, const std::string& host,
                    const std::vector<std::string>& allowed_origins);

struct LeadServiceOptions {
  std::string sender;     ///< From / envelope sender
  std::string clinic_to;  ///< the clinic inbox
  /// "Today" for a Unix time in ms: the clinic's local date (as the widget computes it);
  /// UTC when unset.
  std::function<smp::Date(std::int64_t)> today;
};

class LeadService {
 public:
  LeadService(const smp::Config& config, Outbox& outbox, LeadServiceOptions options,
              std::function<void()> on_stored);
  /// POST /api/leads.
  ApiResponse post(const ApiRequest& request);
  /// OPTIONS /api/leads (CORS preflight).
  ApiResponse preflight(const ApiRequest& request);

 private:
  void add_cors(const ApiRequest& request, ApiResponse& response) const;
  const smp::Config& config_;
  Outbox& outbox_;
  RateLimiter limiter_;
  TrustedProxies proxies_;
  LeadServiceOptions options_;
  std::function<void()> on_stored_;
};

}  // namespace smp::server
