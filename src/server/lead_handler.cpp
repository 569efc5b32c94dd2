#include "smp/server/lead_handler.hpp"

#include <cstdio>

#include "smp/consultation.hpp"
#include "smp/json_text.hpp"
#include "smp/lead.hpp"
#include "smp/messages.hpp"
#include "smp/server/email_message.hpp"
#include "smp/server/lead_body.hpp"
#include "smp/server/lead_id.hpp"
#include "smp/server/timestamps.hpp"

namespace smp::server {
namespace {

using nlohmann::json;

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string lowercase(std::string text) {
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string strip_trailing_slash(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

ApiResponse accepted(const std::string& lead_id) {
  json body = json::object();
  body["lead_id"] = lead_id;
  return {202, dump(body), {}};
}

std::string string_at(const json& document, const char* object, const char* key) {
  if (!document.is_object()) return "";
  const auto outer = document.find(object);
  if (outer == document.end() || !outer->is_object()) return "";
  const auto inner = outer->find(key);
  if (inner == outer->end() || !inner->is_string()) return "";
  return inner->get<std::string>();
}

// A bot fills the hidden field; a person does not.
bool honeypot_filled(const json& document) {
  const auto it = document.find("hp");
  if (it == document.end() || it->is_null()) return false;
  if (it->is_string()) return !it->get<std::string>().empty();
  if (it->is_boolean()) return it->get<bool>();
  return true;
}

smp::Date evaluation_date(const smp::Lead& lead, smp::Date today) {
  // The visitor's as_of is accepted only within a day of the server's date (time zones);
  // anything else is not trusted and the server evaluates for its own today.
  if (lead.parsed_answers.as_of) {
    const int delta = smp::days_between(today, *lead.parsed_answers.as_of);
    if (delta >= -1 && delta <= 1) return *lead.parsed_answers.as_of;
  }
  return today;
}

// How long the visitor took, or nullopt when that is unknown (SPEC §7: never a bot signal then).
// Both ends from the browser's own clock when it sent them (its skew cancels out); else from
// the relay's clock, but a started_at in the future only says the visitor's clock runs fast.
std::optional<long long> fill_time_ms(const smp::Lead& lead, std::int64_t now_ms) {
  const auto started = parse_iso8601(lead.context.started_at);
  if (!started) return std::nullopt;
  if (const auto given = parse_iso8601(lead.consent.given_at); given && *given >= *started) {
    return *given - *started;
  }
  if (*started > now_ms) return std::nullopt;
  return now_ms - *started;
}

}  // namespace

std::string json_error(const std::string& code, const std::string& message,
                       const std::string& pointer) {
  json error = json::object();
  error["pointer"] = pointer;
  error["code"] = code;
  error["message"] = message;
  json body = json::object();
  body["errors"] = json::array({error});
  return dump(body);
}

bool origin_allowed(const std::string& origin, const std::string& host,
                    const std::vector<std::string>& allowed_origins) {
  if (origin.empty()) return true;
  const std::string normalized = strip_trailing_slash(lowercase(origin));
  const auto scheme = normalized.find("://");
  if (scheme != std::string::npos && !host.empty() &&
      normalized.substr(scheme + 3) == lowercase(host)) {
    return true;
  }
  for (const auto& allowed : allowed_origins) {
    if (allowed == "*" || strip_trailing_slash(lowercase(allowed)) == normalized) return true;
  }
  return false;
}

LeadService::LeadService(const smp::Config& config, Outbox& outbox, LeadServiceOptions options,
                         std::function<void()> on_stored)
    : config_(config),
      outbox_(outbox),
      limiter_(config.lead.rate_limit_per_minute),
      proxies_(config.lead.trusted_proxies),
      options_(std::move(options)),
      on_stored_(std::move(on_stored)) {}

void LeadService::add_cors(const ApiRequest& request, ApiResponse& response) const {
  response.headers.emplace_back("Cache-Control", "no-store");
  if (request.origin.empty()) return;
  response.headers.emplace_back("Vary", "Origin");
  if (origin_allowed(request.origin, request.host, config_.lead.allowed_origins)) {
    response.headers.emplace_back("Access-Control-Allow-Origin", request.origin);
  }
}

ApiResponse LeadService::preflight(const ApiRequest& request) {
  ApiResponse response;
  if (!origin_allowed(request.origin, request.host, config_.lead.allowed_origins)) {
    response = {403, json_error("origin_not_allowed", "this origin may not send leads"), {}};
  } else {
    response.status = 204;
    response.headers.emplace_back("Access-Control-Allow-Methods", "POST, OPTIONS");
    response.headers.emplace_back("Access-Control-Allow-Headers", "Content-Type");
    response.headers.emplace_back("Access-Control-Max-Age", "600");
  }
  add_cors(request, response);
  return response;
}

ApiResponse LeadService::post(const ApiRequest& request) {
  ApiResponse response = [&]() -> ApiResponse {
    if (!origin_allowed(request.origin, request.host, config_.lead.allowed_origins)) {
      return {403, json_error("origin_not_allowed", "this origin may not send leads"), {}};
    }
    const std::string client =
        proxies_.client_address(request.remote_addr, request.x_forwarded_for, request.forwarded);
    if (const int wait = limiter_.check(client, request.now_ms); wait > 0) {
      return {429,
              json_error("rate_limited", "too many submissions; try again later"),
              {{"Retry-After", std::to_string(wait)}}};
    }
    // JSON, or a form with the lead and its photos (SPEC §8); 4xx for anything else.
    LeadBody body = read_lead_body(request);
    if (body.refusal) return *body.refusal;
    const json document = std::move(body.document);
    // Suspected bots (honeypot filled: autofill can do that to a person too; or a quiz
    // filled faster than lead.min_fill_seconds) are answered like people, and their lead is
    // kept in quarantine rather than emailed: nothing is lost silently, and the reference
    // they are shown is the quarantined lead's (`smp-consult leads release ID` delivers it).
    std::string quarantine;
    std::string quarantine_why;
    if (honeypot_filled(document)) {
      quarantine = "honeypot";
      quarantine_why = "honeypot filled";
    }
    const smp::Date today =
        options_.today ? options_.today(request.now_ms) : utc_date(request.now_ms);
    std::string locale = string_at(document, "context", "locale");
    locale = smp::resolve_locale(config_, locale.empty() ? config_.default_locale : locale);
    auto parsed = smp::parse_lead(document, config_, today, locale);
    if (!parsed.ok()) return {400, json_errors(parsed.errors), {}};
    const smp::Lead& lead = *parsed.value;
    // Checked before anything is stored: a refused photo refuses the whole lead.
    LeadPhotos photos = check_lead_photo_uploads(body.photos, lead, config_, locale);
    if (photos.refusal) return *photos.refusal;
    if (lead.honeypot_filled && quarantine.empty()) {
      quarantine = "honeypot";
      quarantine_why = "honeypot filled";
    }
    if (const auto fill_ms = fill_time_ms(lead, request.now_ms);
        fill_ms && quarantine.empty() && *fill_ms < config_.lead.min_fill_seconds * 1000LL) {
      quarantine = "min_fill_seconds";
      quarantine_why = "quiz filled in " + std::to_string(*fill_ms / 1000) +
                       " s, less than lead.min_fill_seconds (" +
                       std::to_string(config_.lead.min_fill_seconds) + ")";
    }

    std::string error;
    if (!lead.client_id.empty()) {
      if (auto existing = outbox_.find_by_client_id(lead.client_id, error)) {
        return accepted(*existing);
      }
      if (!error.empty()) {
        std::fprintf(stderr, "smp-consult: storage error: %s\n", error.c_str());
        return {503,
                json_error("storage_unavailable", "the lead could not be stored; retry later"),
                {{"Retry-After", "30"}}};
      }
    }

    // The server's own figures: the browser's summary is only compared, never trusted.
    const smp::Consultation consultation =
        smp::evaluate(lead.parsed_answers, config_, evaluation_date(lead, today));
    LeadEmailInput input;
    input.lead_id = new_lead_id();
    input.received_ms = request.now_ms;
    input.lead = &lead;
    input.consultation = &consultation;
    input.config = &config_;
    input.sender = options_.sender;
    input.clinic_to = options_.clinic_to;
    input.photos = &photos.photos;

    std::vector<OutgoingMessage> messages;
    if (auto clinic = build_clinic_email(input)) messages.push_back(std::move(*clinic));
    // Photos the clinic email has no room for follow in emails of their own, same transaction.
    for (auto& follow_up : build_clinic_photo_emails(input))
      messages.push_back(std::move(follow_up));
    if (auto visitor = build_visitor_email(input)) messages.push_back(std::move(*visitor));

    LeadRecord record;
    record.lead_id = input.lead_id;
    record.client_id = lead.client_id;
    record.received_ms = request.now_ms;
    record.name = lead.contact.name;
    record.email = lead.contact.email;
    record.phone = lead.contact.phone;
    record.preferred_contact = lead.contact.preferred_contact;
    record.locale = lead.context.locale;
    record.verdict = smp::to_string(consultation.screening.verdict);
    for (const auto& pick : consultation.packages) {
      record.packages += (record.packages.empty() ? "" : ",") + pick.id;
    }
    if (consultation.estimate) {
      record.low = consultation.estimate->low;
      record.high = consultation.estimate->high;
      record.currency = consultation.estimate->currency;
    }
    record.health_consent = lead.consent.health_data;
    record.marketing_consent = lead.consent.marketing;
    record.page_url = lead.context.page_url;
    auto utm = [&](const char* key) {
      const auto it = lead.context.utm.find(key);
      return it == lead.context.utm.end() ? std::string() : it->second;
    };
    record.utm_source = utm("source");
    record.utm_medium = utm("medium");
    record.utm_campaign = utm("campaign");
    record.document = dump(document);
    record.quarantine = quarantine;
    record.photos = std::move(photos.photos);

    const StoreResult stored = outbox_.store(record, messages);
    if (stored.status == StoreStatus::kError) {
      std::fprintf(stderr, "smp-consult: storage error, lead not accepted: %s\n",
                   stored.error.c_str());
      return {503,
              json_error("storage_unavailable", "the lead could not be stored; retry later"),
              {{"Retry-After", "30"}}};
    }
    if (stored.status == StoreStatus::kStored && !quarantine.empty()) {
      // Logged without personal data, so an operator can tell why a test lead never arrived.
      std::fprintf(stderr,
                   "smp-consult: lead %s quarantined, not emailed (%s); see `smp-consult leads "
                   "list --quarantined`, deliver with `smp-consult leads release %s`\n",
                   stored.lead_id.c_str(), quarantine_why.c_str(), stored.lead_id.c_str());
    } else if (stored.status == StoreStatus::kStored) {
      std::fprintf(stderr, "smp-consult: lead %s stored (%zu message%s queued)\n",
                   stored.lead_id.c_str(), messages.size(), messages.size() == 1 ? "" : "s");
      if (on_stored_) on_stored_();
    }
    return accepted(stored.lead_id);
  }();
  add_cors(request, response);
  response.headers.emplace_back("Content-Type", "application/json");
  return response;
}

}  // namespace smp::server
