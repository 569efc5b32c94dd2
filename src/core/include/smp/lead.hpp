#pragma once
// A lead (`smp-consult/lead@1`, SPEC §7): the visitor's contact details, consents, answers and
// page context, validated the same way in the widget and in the relay.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "smp/answers.hpp"
#include "smp/config.hpp"
#include "smp/diagnostic.hpp"

namespace smp {

struct LeadContact {
  std::string name;
  std::string email;
  std::string phone;
  std::string preferred_contact = "email";  ///< email | phone | sms | whatsapp
};

struct LeadConsent {
  bool contact = false;
  bool health_data = false;
  bool marketing = false;
  bool photos = false;  ///< SPEC §8: scalp photos may be sent with the lead (own, unticked box)
  std::string text;
  std::string given_at;  ///< ISO 8601 timestamp from the browser
};

struct LeadContext {
  std::string page_url;
  std::string referrer;
  std::map<std::string, std::string> utm;        ///< source, medium, campaign, term, content
  std::map<std::string, std::string> click_ids;  ///< gclid, fbclid (ad click ids)
  std::string locale = "en";
  std::string widget_version;
  std::string started_at;  ///< ISO 8601; "" when missing (never a reason to drop)
};

/// What the visitor saw on screen (never trusted; compared with the server's own result).
struct LeadSummary {
  std::string verdict;
  std::optional<long long> low;
  std::optional<long long> high;
  std::string currency;
};

struct Lead {
  LeadContact contact;
  LeadConsent consent;
  nlohmann::json answers;  ///< as sent (no `medical` part unless consent.health_data)
  Answers parsed_answers;
  LeadContext context;
  std::optional<LeadSummary> summary;
  std::string client_id;
  bool honeypot_filled = false;
  /// Pointers of context keys the core does not know (/context/x, /context/utm/x): dropped, not
  /// refused, so a lead is never lost over an analytics field; the relay logs them.
  std::vector<std::string> dropped;
};

/// Validates a lead document with the clinic config; every problem with its pointer.
/// Messages are in `locale` (the widget shows them next to the fields).
Result<Lead> parse_lead(const nlohmann::json& document, const Config& config, Date today,
                        const std::string& locale);

/// The limits parse_lead applies that the lead form mirrors, so the widget holds none of its own:
/// {"max_length": {name, email, phone, utm, url}, "contact_methods": [...], "utm_keys": [...],
///  "click_id_keys": [...], "context_keys": [...] (every key /context accepts)}.
nlohmann::json lead_form_json();

/// True for a syntactically valid, header-safe email address (no CR/LF, one @, dotted domain).
bool is_valid_email(const std::string& address);

}  // namespace smp
