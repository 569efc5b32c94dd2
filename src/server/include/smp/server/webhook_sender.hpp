#pragma once
// The webhook channel: POSTs a delivery's stored payload to its endpoint with libcurl, signed per
// Standard Webhooks, and says how it went (the outbox decides when to try again).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "smp/config.hpp"
#include "smp/server/mailer.hpp"

namespace smp::server {

/// A configured webhook with its secret, read from the environment at startup.
struct WebhookEndpoint {
  std::size_t index = 0;  ///< position in lead.webhooks
  std::string url;
  std::string kind;  ///< the outbox kind of its deliveries (webhook_kind)
  std::string key;   ///< the decoded secret
  bool include_health = false;
};

/// Reads each webhook's secret from the variable its secret_env names; nullopt with `error`
/// naming the variable (never its value) when one is unset or not a `whsec_` secret.
std::optional<std::vector<WebhookEndpoint>> load_webhook_endpoints(
    const std::vector<smp::WebhookConfig>& hooks, std::string& error);

/// How a receiver's answer counts (pure, for tests): 2xx done; 408, 425, 429, 5xx and
/// `transport_error` (no answer: timeout, refused, reset) retried, after `Retry-After` when the
/// receiver gave one; 410 gone (the endpoint is disabled); anything else refused for good.
SendResult classify_webhook_reply(long status, const std::string& transport_error,
                                  const std::string& retry_after, std::int64_t now_ms);
/// `Retry-After` as a delay in ms from `now_ms`: delta-seconds or an HTTP date; at most a day.
std::optional<std::int64_t> parse_retry_after(const std::string& value, std::int64_t now_ms);

/// The webhook-* headers of one attempt, as sent (name, value).
std::vector<std::pair<std::string, std::string>> webhook_headers(const std::string& key,
                                                                 const std::string& message_id,
                                                                 std::int64_t timestamp_seconds,
                                                                 const std::string& body);

/// One endpoint's sender (one worker thread uses it; it keeps its connection open).
/// `timeout_ms`: the whole attempt, 10 s.
std::unique_ptr<Mailer> make_webhook_sender(const WebhookEndpoint& endpoint,
                                            long timeout_ms = 10'000);

}  // namespace smp::server
