// `smp-consult leads list [--quarantined]|export|release ID|retry ID [--data DIR]`: what was
// captured, how delivery went, releasing a quarantined lead, resending a dead letter.
#include <filesystem>
#include <iostream>

#include "smp/server/commands.hpp"
#include "smp/server/csv.hpp"
#include "smp/server/mime.hpp"
#include "smp/server/outbox.hpp"
#include "smp/server/timestamps.hpp"

namespace smp::server {
namespace {

constexpr const char* kLeadsUsage =
    "usage: smp-consult leads list [--quarantined] | export | release ID | retry ID\n"
    "                         [--data DIR]\n"
    "\n"
    "  list           one line per captured lead, newest first, with its delivery state\n"
    "                 and its photos (\"photos: 2\", \"(purged)\" after their retention)\n"
    "  list --quarantined\n"
    "                 the quarantined submissions (honeypot filled, or the quiz filled faster\n"
    "                 than lead.min_fill_seconds): kept, not emailed\n"
    "  export         every lead (not the quarantined) as CSV (UTF-8, CRLF) for the clinic's\n"
    "                 CRM, on stdout\n"
    "  release ID     takes a quarantined lead out of quarantine; the running server emails it\n"
    "                 like any lead (within seconds)\n"
    "  retry ID       queues a lead's undelivered messages again (a dead letter the SMTP\n"
    "                 server refused, once the cause is fixed); the running server sends them\n"
    "DIR is the data folder of `smp-consult serve` (default ./smp-data).\n";

std::string optional_number(const std::optional<long long>& value) {
  return value ? std::to_string(*value) : "";
}

}  // namespace

int leads_command(const std::vector<std::string>& args) {
  std::string action;
  std::string data_dir = "smp-data";
  std::string release_id;  // the ID of `release` or `retry`
  bool quarantined = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::cout << kLeadsUsage;
      return 0;
    }
    if (args[i] == "--data") {
      if (i + 1 >= args.size()) {
        std::cerr << "missing value for --data\n" << kLeadsUsage;
        return 2;
      }
      data_dir = args[++i];
    } else if (args[i] == "--quarantined" && action == "list") {
      quarantined = true;
    } else if (action.empty() && (args[i] == "list" || args[i] == "export" ||
                                  args[i] == "release" || args[i] == "retry")) {
      action = args[i];
    } else if ((action == "release" || action == "retry") && release_id.empty() &&
               args[i].rfind("-", 0) != 0) {
      release_id = args[i];
    } else {
      std::cerr << "unknown argument: " << args[i] << "\n" << kLeadsUsage;
      return 2;
    }
  }
  if (action.empty() || ((action == "release" || action == "retry") && release_id.empty())) {
    std::cerr << kLeadsUsage;
    return 2;
  }
  const std::string path = data_dir + "/leads.sqlite3";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::cerr << path << ": no leads database (has `smp-consult serve --data " << data_dir
              << "` run?)\n";
    return 1;
  }
  std::string error;
  auto outbox = Outbox::open(path, error, /*read_only=*/action != "release" && action != "retry");
  if (!outbox) {
    std::cerr << path << ": " << error << "\n";
    return 1;
  }
  if (action == "retry") {
    switch (outbox->retry(release_id, now_ms(), error)) {
      case Outbox::RetryStatus::kQueued:
        std::cout << release_id << ": queued again; the server sends it within seconds\n";
        return 0;
      case Outbox::RetryStatus::kNotFound:
        std::cerr << release_id << ": no such lead in " << path << "\n";
        return 1;
      case Outbox::RetryStatus::kNothingToRetry:
        std::cerr << release_id << ": nothing to retry (sent, queued or quarantined; see "
                  << "`smp-consult leads list`)\n";
        return 1;
      case Outbox::RetryStatus::kError: std::cerr << path << ": " << error << "\n"; return 1;
    }
  }
  if (action == "release") {
    switch (outbox->release(release_id, now_ms(), error)) {
      case Outbox::ReleaseStatus::kReleased:
        std::cout << release_id << ": released; the server delivers it like any lead\n";
        return 0;
      case Outbox::ReleaseStatus::kNotFound:
        std::cerr << release_id << ": no such lead in " << path << "\n";
        return 1;
      case Outbox::ReleaseStatus::kNotQuarantined:
        std::cerr << release_id << ": not quarantined (see `smp-consult leads list`)\n";
        return 1;
      case Outbox::ReleaseStatus::kError: std::cerr << path << ": " << error << "\n"; return 1;
    }
  }
  const auto rows = outbox->list_leads(error, quarantined);
  if (!error.empty()) {
    std::cerr << path << ": " << error << "\n";
    return 1;
  }

  if (action == "export") {
    std::cout << csv_row({"lead_id",        "received_at",
                          "name",           "email",
                          "phone",          "preferred_contact",
                          "locale",         "verdict",
                          "packages",       "low",
                          "high",           "currency",
                          "health_consent", "marketing_consent",
                          "page_url",       "utm_source",
                          "utm_medium",     "utm_campaign",
                          "delivery",       "last_error"});
    for (const auto& row : rows) {
      const auto& lead = row.lead;
      std::cout << csv_row({lead.lead_id,
                            iso8601_utc(lead.received_ms),
                            lead.name,
                            lead.email,
                            lead.phone,
                            lead.preferred_contact,
                            lead.locale,
                            lead.verdict,
                            lead.packages,
                            optional_number(lead.low),
                            optional_number(lead.high),
                            lead.currency,
                            lead.health_consent ? "yes" : "no",
                            lead.marketing_consent ? "yes" : "no",
                            lead.page_url,
                            lead.utm_source,
                            lead.utm_medium,
                            lead.utm_campaign,
                            row.delivery,
                            row.last_error});
    }
    return 0;
  }

  // Quarantined submissions are kept, not hidden: the normal list says how many wait.
  const auto note_quarantined = [&] {
    if (quarantined) return;
    std::string ignored;
    const auto held = outbox->list_leads(ignored, /*quarantined=*/true).size();
    if (held > 0) {
      std::cout << held << " quarantined (suspected bots, not emailed): smp-consult leads list "
                << "--quarantined --data " << data_dir << "\n";
    }
  };
  if (rows.empty()) {
    std::cout << (quarantined ? "no quarantined leads\n" : "no leads yet\n");
    note_quarantined();
    return 0;
  }
  for (const auto& row : rows) {
    const auto& lead = row.lead;
    std::cout << lead.lead_id << "  " << iso8601_utc(lead.received_ms).substr(0, 19) << "Z  "
              << header_safe_text(lead.name) << " <" << header_safe_text(lead.email) << ">  "
              << lead.verdict;
    if (!lead.packages.empty()) std::cout << "  " << lead.packages;
    if (lead.low && lead.high) {
      std::cout << "  " << *lead.low << "-" << *lead.high << " " << lead.currency;
    }
    if (quarantined) std::cout << "  quarantined: " << lead.quarantine;
    if (const auto photos = outbox->photo_counts(lead.lead_id); photos.stored > 0) {
      std::cout << "  photos: " << photos.stored;
      if (photos.purged == photos.stored)
        std::cout << " (purged)";
      else if (photos.purged > 0)
        std::cout << " (" << photos.purged << " purged)";
    }
    std::cout << "  [" << row.delivery << "]";
    if (!row.last_error.empty()) {
      std::cout << "  last error: " << header_safe_text(row.last_error);
    }
    std::cout << "\n";
  }
  std::cout << rows.size() << (quarantined ? " quarantined lead" : " lead")
            << (rows.size() == 1 ? "" : "s") << "\n";
  note_quarantined();
  return 0;
}

}  // namespace smp::server
