// A lead body through the webhook path: lead validation, the server's evaluation and the
// lead.created payload, with and without include_health. The payload is always one JSON object
// of the documented shape, and answers.medical appears only with the visitor's health consent
// AND include_health (nowhere else does a `medical` key appear).
#include "fuzz_relay_support.hpp"
#include "smp/messages.hpp"
#include "smp/server/webhook_payload.hpp"

namespace {

const smp::Config& clinic() {
  static const smp::Config config = smp::fuzz::relay_clinic();
  return config;
}

bool has_key(const nlohmann::json& value, const std::string& key) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it.key() == key || has_key(it.value(), key)) return true;
    }
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (has_key(item, key)) return true;
    }
  }
  return false;
}

void check_payload(const std::string& text, const smp::Lead& lead, bool include_health) {
  using smp::fuzz::require;
  const auto parsed = smp::parse_json_text(text);
  require(parsed.ok() && parsed.value->is_object(), "the payload is a JSON object", text);
  const auto& payload = *parsed.value;
  require(payload["type"] == "lead.created", "type is lead.created");
  require(payload["timestamp"].is_string(), "timestamp is a string");
  const auto& data = payload["data"];
  require(data.is_object(), "data is an object");
  require(data["lead_id"] == "L-FUZZ", "data.lead_id is the lead's");
  for (const char* key : {"contact", "consent", "utm"}) {
    require(data[key].is_object(), "contact, consent and utm are objects", key);
  }
  require(data["reasons"].is_array(), "reasons is an array");
  require(data["estimate"].is_null() || data["estimate"].is_object(), "estimate object or null");
  const bool medical_allowed = lead.consent.health_data && include_health;
  if (!medical_allowed) {
    require(!has_key(data, "medical"), "no medical key without consent and include_health", text);
  }
  if (medical_allowed && lead.answers.is_object() && lead.answers.contains("medical")) {
    require(data["answers"]["medical"] == lead.answers["medical"],
            "answers.medical is sent as given");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto lead = smp::fuzz::valid_lead(smp::fuzz::as_text(data, size), clinic());
  if (!lead) return 0;
  const smp::Consultation consultation =
      smp::evaluate(lead->parsed_answers, clinic(), smp::fuzz::reference_date());
  const nlohmann::json result = smp::to_json(consultation, clinic(), smp::Messages(clinic(), "en"));
  for (const bool include_health : {false, true}) {
    const std::string payload =
        smp::server::webhook_payload({"L-FUZZ", 1748736000000, &*lead, &result, include_health});
    check_payload(payload, *lead, include_health);
  }
  return 0;
}
