#pragma once
// The lead emails: the clinic's notification and the visitor's optional confirmation, built
// from the server's own evaluation (never the browser's figures) into complete MIME messages.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "smp/config.hpp"
#include "smp/consultation.hpp"
#include "smp/lead.hpp"
#include "smp/server/outbox.hpp"

namespace smp::server {

struct LeadEmailInput {
  std::string lead_id;
  std::int64_t received_ms = 0;
  const smp::Lead* lead = nullptr;
  const smp::Consultation* consultation = nullptr;
  const smp::Config* config = nullptr;
  std::string sender;     ///< envelope and From address
  std::string clinic_to;  ///< the clinic's inbox
  /// The lead's verified photos (SPEC §8); nullptr or empty = none.
  const std::vector<LeadPhoto>* photos = nullptr;
};

/// The visitor's on-screen summary compared with the server's result; "" when they agree
/// (or no summary was sent), else a description of what the visitor saw.
std::string summary_mismatch(const smp::Lead& lead, const nlohmann::json& result);

/// The clinic's notification (subject with name, verdict and package; text + HTML; Reply-To
/// the visitor; the plan as plan.ics); nullopt when the clinic address is unusable.
std::optional<OutgoingMessage> build_clinic_email(const LeadEmailInput& input);
/// The photos that do not fit in the clinic's email (photos.max_email_mb), in emails of their
/// own to the clinic: kind "clinic-photos-<n>", the lead id in the subject and X-SMP-Lead-ID, a
/// reply to the clinic's email. Empty when every photo rides with the lead.
std::vector<OutgoingMessage> build_clinic_photo_emails(const LeadEmailInput& input);
/// The visitor's confirmation in their locale (lead.confirm_to_visitor); nullopt when off or
/// the visitor's address cannot be used in a header.
std::optional<OutgoingMessage> build_visitor_email(const LeadEmailInput& input);

/// The domain part of an address ("localhost" when there is none), for Message-IDs.
std::string address_domain(const std::string& address);

}  // namespace smp::server
