// `smp-consult webhooks test --config C`: one signed sample lead to each configured webhook, so a
// clinic can map the fields in its CRM (Zapier, Make, HubSpot …) and check the secret.
#include <iostream>

#include "smp/consultation.hpp"
#include "smp/json_text.hpp"
#include "smp/lead.hpp"
#include "smp/messages.hpp"
#include "smp/server/commands.hpp"
#include "smp/server/lead_id.hpp"
#include "smp/server/static_files.hpp"
#include "smp/server/time_zone.hpp"
#include "smp/server/timestamps.hpp"
#include "smp/server/webhook_payload.hpp"
#include "smp/server/webhook_sender.hpp"

namespace smp::server {
namespace {

constexpr const char* kWebhooksUsage =
    "usage: smp-consult webhooks test --config C\n"
    "\n"
    "Sends one signed sample lead.created (a made-up visitor, lead id L-…, webhook-id\n"
    "msg_test_…) to each webhook of lead.webhooks, with the secret from its secret_env, and\n"
    "prints how each answered. Exit 0 when every one answered 2xx, else 1.\n";

// A made-up visitor with every field filled, health answers included (sent only where
// include_health is true, as for a real lead).
constexpr const char* kSampleLead = R"json({
  "schema": "smp-consult/lead@1",
  "contact": {"name": "Sample Visitor", "email": "sample.visitor@example.com",
              "phone": "+1 555 0100", "preferred_contact": "email"},
  "consent": {"contact": true, "health_data": true, "marketing": false,
              "text": "I agree that the clinic may contact me about my enquiry."},
  "answers": {"age": 40, "sex": "male", "pattern": {"scale": "norwood", "stage": "III"},
              "desired_look": "shaved", "medical": {"keloid_prone": false}},
  "context": {"page_url": "https://clinic.example/smp?utm_source=test",
              "utm": {"source": "test", "medium": "webhook", "campaign": "setup"},
              "locale": "en"},
  "client_id": "c_webhook-test"
})json";

}  // namespace

int webhooks_command(const std::vector<std::string>& args) {
  std::string config_path;
  std::string action;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::cout << kWebhooksUsage;
      return 0;
    }
    if (args[i] == "--config" && i + 1 < args.size()) {
      config_path = args[++i];
    } else if (action.empty() && args[i] == "test") {
      action = args[i];
    } else {
      std::cerr << "unknown argument: " << args[i] << "\n" << kWebhooksUsage;
      return 2;
    }
  }
  if (action.empty() || config_path.empty()) {
    std::cerr << kWebhooksUsage;
    return 2;
  }
  const auto text = read_file(config_path);
  if (!text) {
    std::cerr << config_path << ": cannot read file\n";
    return 1;
  }
  const auto parsed = smp::parse_config_text(*text);
  if (!parsed.ok()) {
    for (const auto& d : parsed.errors) std::cerr << smp::format_diagnostic(d) << "\n";
    return 1;
  }
  const smp::Config& config = *parsed.value;
  if (config.lead.webhooks.empty()) {
    std::cerr << config_path << ": no lead.webhooks to test\n";
    return 1;
  }
  std::string error;
  const auto endpoints = load_webhook_endpoints(config.lead.webhooks, error);
  if (!endpoints) {
    std::cerr << error << "\n";
    return 1;
  }

  const std::int64_t now = now_ms();
  const auto zone = TimeZone::load(config.clinic.timezone);
  const smp::Date today = zone ? zone->local_date(now) : utc_date(now);
  nlohmann::json document = *smp::parse_json_text(kSampleLead).value;
  document["consent"]["given_at"] = iso8601_utc(now);
  const auto lead = smp::parse_lead(document, config, today, "en");
  if (!lead.ok()) {
    // Only a config that makes the sample itself invalid (e.g. phone hidden) gets here.
    for (const auto& d : lead.errors)
      std::cerr << "sample lead: " << smp::format_diagnostic(d) << "\n";
    return 1;
  }
  const smp::Consultation consultation = smp::evaluate(lead.value->parsed_answers, config, today);
  const nlohmann::json result =
      smp::to_json(consultation, config,
                   smp::Messages(config, smp::resolve_locale(config, config.default_locale)));
  const std::string lead_id = new_lead_id();

  int failed = 0;
  for (const auto& endpoint : *endpoints) {
    OutgoingMessage message;
    message.lead_id = lead_id;
    message.message_id = "msg_test_" + lead_id + "_" + std::to_string(endpoint.index + 1);
    message.kind = endpoint.kind;
    message.recipients = {endpoint.url};
    message.mime = webhook_payload({lead_id, now, &*lead.value, &result, endpoint.include_health});
    const SendResult sent = make_webhook_sender(endpoint)->send(message);
    std::cout << endpoint.url << ": " << (sent.ok ? "ok (2xx)" : "FAILED: " + sent.error)
              << (sent.gone ? " (a live server would disable this webhook)" : "") << "\n";
    if (!sent.ok) ++failed;
  }
  return failed == 0 ? 0 : 1;
}

}  // namespace smp::server
