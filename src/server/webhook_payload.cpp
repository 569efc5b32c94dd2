#include "smp/server/webhook_payload.hpp"

#include <algorithm>

#include "smp/server/timestamps.hpp"

namespace smp::server {
namespace {

using nlohmann::json;

const json& member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

// The figures the clinic's email shows (estimate.display, SPEC §8 "one display rounding"),
// with what a CRM needs to read them.
json estimate_of(const json& result) {
  const json& estimate = member(result, "estimate");
  if (!estimate.is_object()) return nullptr;
  json out = member(estimate, "display");
  if (!out.is_object()) out = json::object();
  out["currency"] = member(estimate, "currency");
  out["provisional"] = member(estimate, "provisional");
  out["sessions"] = member(estimate, "sessions");
  return out;
}

// The dated course; the care advice texts stay in the email.
json plan_of(const json& result) {
  const json& plan = member(result, "plan");
  if (!plan.is_object()) return nullptr;
  json out = json::object();
  for (const char* key : {"status", "sessions", "patch_test_by", "unrestricted_from",
                          "unrestricted_from_if_needed", "touch_up_reminder"}) {
    if (plan.contains(key)) out[key] = plan[key];
  }
  return out;
}

}  // namespace

std::string webhook_payload(const WebhookPayloadInput& input) {
  const smp::Lead& lead = *input.lead;
  const json& result = *input.result;
  const std::string received_at = iso8601_utc(input.received_ms);
  json data = json::object();
  data["lead_id"] = input.lead_id;
  data["received_at"] = received_at;
  data["locale"] = lead.context.locale;
  data["contact"] = {{"name", lead.contact.name},
                     {"email", lead.contact.email},
                     {"phone", lead.contact.phone},
                     {"preferred_contact", lead.contact.preferred_contact}};
  data["consent"] = {{"contact", lead.consent.contact},
                     {"health_data", lead.consent.health_data},
                     {"marketing", lead.consent.marketing},
                     {"text", lead.consent.text},
                     {"given_at", lead.consent.given_at}};
  data["verdict"] = member(result, "verdict");
  json reasons = json::array();
  if (member(result, "reasons").is_array()) {
    for (const auto& reason : result["reasons"]) {
      json item = json::object();
      for (const char* key : {"code", "verdict", "message", "eligible_on", "action"}) {
        if (reason.contains(key)) item[key] = reason[key];
      }
      reasons.push_back(std::move(item));
    }
  }
  data["reasons"] = std::move(reasons);
  data["estimate"] = estimate_of(result);
  data["plan"] = plan_of(result);
  json utm = json::object();
  for (const auto& [key, value] : lead.context.utm) utm[key] = value;
  data["utm"] = std::move(utm);
  data["page_url"] = lead.context.page_url;
  if (lead.answers.is_object() && !lead.answers.empty()) {
    json answers = lead.answers;
    // Health answers only when the visitor consented AND the clinic asked for them here
    // (a CRM is often not the place for them).
    if (!(lead.consent.health_data && input.include_health)) answers.erase("medical");
    data["answers"] = std::move(answers);
  }
  json body = json::object();
  body["type"] = "lead.created";
  body["timestamp"] = received_at;
  body["data"] = std::move(data);
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string webhook_kind(const std::string& url) {
  return "webhook:" + url;
}

bool is_webhook_kind(const std::string& kind) {
  return kind.rfind("webhook:", 0) == 0;
}

std::string webhook_label(const std::string& url) {
  const auto query = url.find_first_of("?#");
  return query == std::string::npos ? url : url.substr(0, query) + "?…";
}

std::string webhook_message_id(const std::string& lead_id, std::size_t index) {
  return "msg_" + lead_id + "_" + std::to_string(index + 1);
}

std::vector<OutgoingMessage> build_webhook_deliveries(
    const WebhookPayloadInput& base, const std::vector<smp::WebhookConfig>& hooks) {
  std::vector<OutgoingMessage> out;
  std::string with_health, without_health;  // built at most once each
  for (std::size_t i = 0; i < hooks.size(); ++i) {
    const auto& hook = hooks[i];
    if (std::find(hook.events.begin(), hook.events.end(), "lead.created") == hook.events.end()) {
      continue;
    }
    std::string& body = hook.include_health ? with_health : without_health;
    if (body.empty()) {
      WebhookPayloadInput input = base;
      input.include_health = hook.include_health;
      body = webhook_payload(input);
    }
    OutgoingMessage message;
    message.message_id = webhook_message_id(base.lead_id, i);
    message.lead_id = base.lead_id;
    message.kind = webhook_kind(hook.url);
    message.recipients = {hook.url};
    message.mime = body;
    out.push_back(std::move(message));
  }
  return out;
}

}  // namespace smp::server
