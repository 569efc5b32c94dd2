#pragma once
// The body of a `lead.created` webhook (SPEC §8): built once, when the lead is committed, from
// the server's own evaluation, so every retry posts the same bytes. Pure: no clock, no I/O.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "smp/config.hpp"
#include "smp/lead.hpp"
#include "smp/server/outbox.hpp"

namespace smp::server {

struct WebhookPayloadInput {
  std::string lead_id;
  std::int64_t received_ms = 0;
  const smp::Lead* lead = nullptr;
  /// The result JSON the clinic's email shows (smp::to_json in the clinic's locale).
  const nlohmann::json* result = nullptr;
  /// The webhook's include_health; answers.medical is sent only with this AND the visitor's
  /// health-data consent.
  bool include_health = false;
};

/// `{"type":"lead.created","timestamp":…,"data":{lead_id, received_at, locale, contact, consent,
/// verdict, reasons, estimate, plan, utm, page_url, answers}}` as compact JSON.
std::string webhook_payload(const WebhookPayloadInput& input);

/// The outbox kind of a webhook's deliveries: "webhook:" + its URL (one worker per kind).
std::string webhook_kind(const std::string& url);
/// True for the kind of a webhook delivery (not an email).
bool is_webhook_kind(const std::string& kind);
/// The URL as logs and `leads list` show it: without its query (tokens often live there).
std::string webhook_label(const std::string& url);
/// The Standard Webhooks `webhook-id` of one lead's delivery to the `index`-th webhook: the same
/// on every retry (receivers de-duplicate by it).
std::string webhook_message_id(const std::string& lead_id, std::size_t index);

/// One delivery row per configured webhook that subscribes to lead.created, to be committed in
/// the lead's own transaction.
std::vector<OutgoingMessage> build_webhook_deliveries(const WebhookPayloadInput& base,
                                                      const std::vector<smp::WebhookConfig>& hooks);

}  // namespace smp::server
