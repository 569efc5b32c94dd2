#pragma once
// What the relay's fuzz targets share: the clinic they test against, a lead body read the way
// the relay reads one, and the input of the lead's emails.
#include <optional>

#include "fuzz_support.hpp"
#include "smp/config.hpp"
#include "smp/consultation.hpp"
#include "smp/json_text.hpp"
#include "smp/lead.hpp"
#include "smp/server/email_message.hpp"

namespace smp::fuzz {

/// The default config with the clinic's name and address every email needs.
inline Config relay_clinic() {
  Config c = default_config();
  c.clinic.name = "Fuzz Clinic";
  c.clinic.email = "clinic@example.org";
  return c;
}

/// The lead in `text` if it is valid JSON and a valid lead for `config` on the reference date.
inline std::optional<Lead> valid_lead(std::string_view text, const Config& config) {
  const auto document = parse_json_text(text);
  if (!document.ok()) return std::nullopt;
  auto lead = parse_lead(*document.value, config, reference_date(), "en");
  if (!lead.ok()) return std::nullopt;
  return std::move(*lead.value);
}

/// The input of the lead's emails, as the relay fills it (fixed id, time and addresses).
inline server::LeadEmailInput email_input(const Lead& lead, const Consultation& consultation,
                                          const Config& config) {
  server::LeadEmailInput input;
  input.lead_id = "L-FUZZ";
  input.received_ms = 1748736000000;
  input.lead = &lead;
  input.consultation = &consultation;
  input.config = &config;
  input.sender = "relay@example.org";
  input.clinic_to = "clinic@example.org";
  return input;
}

}  // namespace smp::fuzz
