// `smp-consult leads list [--quarantined]|export|release ID|retry ID|erase [--data DIR]`: what
// was captured, how delivery went, releasing a quarantined lead, resending a dead letter, and
// the visitor's data rights (export, erase).
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "smp/json_text.hpp"
#include "smp/server/commands.hpp"
#include "smp/server/csv.hpp"
#include "smp/server/data_rights.hpp"
#include "smp/server/mime.hpp"
#include "smp/server/outbox.hpp"
#include "smp/server/timestamps.hpp"
#include "smp/server/webhook_payload.hpp"

namespace smp::server {
namespace {

// How many photos a lead came with, and whether their retention removed them ("2", "2 (purged)",
// "2 (1 purged)"); "" without photos. `leads list` and the CSV say the same.
std::string photos_note(Outbox& outbox, const std::string& lead_id) {
  const auto photos = outbox.photo_counts(lead_id);
  if (photos.stored == 0) return "";
  std::string note = std::to_string(photos.stored);
  if (photos.purged == photos.stored) return note + " (purged)";
  if (photos.purged > 0) return note + " (" + std::to_string(photos.purged) + " purged)";
  return note;
}

constexpr const char* kLeadsUsage =
    "usage: smp-consult leads list [--quarantined] | export | release ID | retry ID\n"
    "                         | export --lead ID|--email ADDR | erase --lead ID|--email ADDR\n"
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
    "                 server or a webhook refused, or a delivery to a webhook disabled by 410\n"
    "                 Gone, which it enables again), once the cause is fixed; the running\n"
    "                 server sends them\n"
    "  backup, restore  a consistent copy while the server runs, and putting one back\n"
    "                 (smp-consult leads backup --help)\n"
    "  export --lead ID | --email ADDR\n"
    "                 everything stored about that visitor (every lead of the address, any\n"
    "                 letter case) as JSON on stdout: contact, consent, answers, figures,\n"
    "                 messages with their state and body, files\n"
    "  erase --lead ID | --email ADDR\n"
    "                 removes the visitor's contact, answers, emails and files, keeping an\n"
    "                 anonymous row (id, dates, verdict, delivery states); cancels what is not\n"
    "                 sent yet. Safe while `smp-consult serve` runs. Exit 1: nothing matched\n"
    "DIR is the data folder of `smp-consult serve` (default ./smp-data).\n";

std::string optional_number(const std::optional<long long>& value) {
  return value ? std::to_string(*value) : "";
}

// Whether a `serve` holds the data folder (its .lock): then erase waits for a message in flight.
bool server_running(const std::string& data_dir) {
  const int fd = ::open((data_dir + "/.lock").c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);  // releases the lock at once: a server may start right after
  return !free;
}

int export_visitor(const std::string& data_dir, const LeadSelector& selector) {
  std::string error;
  const auto out = export_leads(data_dir, selector, now_ms(), error);
  if (!out) {
    std::cerr << data_dir << "/leads.sqlite3: " << error << "\n";
    return 1;
  }
  if ((*out)["leads"].empty()) {
    std::cerr << (selector.lead_id.empty() ? "no lead with that email address"
                                           : selector.lead_id + ": no such lead")
              << " in " << data_dir << "/leads.sqlite3\n";
    return 1;
  }
  std::cout << smp::dump_json(*out, 2) << "\n";
  return 0;
}

int erase_visitor(const std::string& data_dir, const LeadSelector& selector) {
  EraseOptions options;
  options.server_running = server_running(data_dir);
  const EraseReport report = erase_leads(data_dir, selector, now_ms(), options);
  if (!report.error.empty()) {
    std::cerr << data_dir << "/leads.sqlite3: " << report.error << "\n";
    return 1;
  }
  if (report.lead_ids.empty()) {
    std::cerr << (selector.lead_id.empty() ? "no lead with that email address"
                                           : selector.lead_id + ": no such lead")
              << " in " << data_dir << "/leads.sqlite3; nothing erased\n";
    return 1;
  }
  const auto n = report.lead_ids.size();
  std::cout << n << (n == 1 ? " lead" : " leads") << " erased:";
  for (const auto& id : report.lead_ids) std::cout << " " << id;
  std::cout << "\n"
            << report.cancelled << " undelivered message" << (report.cancelled == 1 ? "" : "s")
            << " cancelled, " << report.files_removed << " file"
            << (report.files_removed == 1 ? "" : "s") << " removed"
            << (report.vacuumed ? ", database rebuilt (VACUUM)" : "")
            << "; kept anonymously: id, dates, verdict, delivery states\n";
  int rc = 0;
  if (report.still_sending) {
    std::cerr << "warning: a message of these leads was still being sent; once it is done, run "
                 "the same erase again\n";
    rc = 1;
  }
  for (const auto& file : report.still_holding) {
    std::cerr << "warning: " << data_dir << "/" << file << " still holds an erased address\n";
    rc = 1;
  }
  return rc;
}

}  // namespace

int leads_command(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "backup" || args[0] == "restore")) {
    return leads_backup_command(args);
  }
  std::string action;
  std::string data_dir = "smp-data";
  std::string release_id;  // the ID of `release` or `retry`
  bool quarantined = false;
  LeadSelector selector;  // export / erase --lead ID | --email ADDR
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
    } else if ((args[i] == "--lead" || args[i] == "--email") &&
               (action == "export" || action == "erase")) {
      if (i + 1 >= args.size() || !selector.lead_id.empty() || !selector.email.empty()) {
        std::cerr << (i + 1 >= args.size() ? "missing value for " + args[i]
                                           : std::string("give one of --lead and --email"))
                  << "\n"
                  << kLeadsUsage;
        return 2;
      }
      std::string& target = args[i] == "--lead" ? selector.lead_id : selector.email;
      target = args[++i];
      if (selector.lead_id.empty() && selector.email.empty()) {
        std::cerr << "empty value for " << args[i - 1] << "\n" << kLeadsUsage;
        return 2;
      }
    } else if (action.empty() &&
               (args[i] == "list" || args[i] == "export" || args[i] == "release" ||
                args[i] == "retry" || args[i] == "erase")) {
      action = args[i];
    } else if ((action == "release" || action == "retry") && release_id.empty() &&
               args[i].rfind("-", 0) != 0) {
      release_id = args[i];
    } else {
      std::cerr << "unknown argument: " << args[i] << "\n" << kLeadsUsage;
      return 2;
    }
  }
  const bool has_selector = !selector.lead_id.empty() || !selector.email.empty();
  if (action.empty() || ((action == "release" || action == "retry") && release_id.empty()) ||
      (action == "erase" && !has_selector)) {
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
  if (action == "export" && has_selector) return export_visitor(data_dir, selector);
  if (action == "erase") return erase_visitor(data_dir, selector);
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
    // An erased lead's messages are cancelled for good: there is nothing left to deliver.
    if (const auto lead = export_leads(data_dir, {release_id, ""}, now_ms(), error);
        lead && !(*lead)["leads"].empty() && !(*lead)["leads"][0]["erased_at"].is_null()) {
      std::cerr << release_id << ": erased (" << (*lead)["leads"][0]["erased_at"].get<std::string>()
                << "); nothing to release\n";
      return 1;
    }
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
                          "delivery",       "last_error",
                          "photos"});
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
                            row.last_error,
                            photos_note(*outbox, lead.lead_id)});
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
    std::cout << lead.lead_id << "  " << iso8601_utc(lead.received_ms).substr(0, 19) << "Z  ";
    // An erased lead (`leads erase`) has no contact left; a captured one always has both.
    if (lead.name.empty() && lead.email.empty()) {
      std::cout << "(erased)";
    } else {
      std::cout << header_safe_text(lead.name) << " <" << header_safe_text(lead.email) << ">";
    }
    std::cout << "  " << lead.verdict;
    if (!lead.packages.empty()) std::cout << "  " << lead.packages;
    if (lead.low && lead.high) {
      std::cout << "  " << *lead.low << "-" << *lead.high << " " << lead.currency;
    }
    if (quarantined) std::cout << "  quarantined: " << lead.quarantine;
    if (const std::string photos = photos_note(*outbox, lead.lead_id); !photos.empty()) {
      std::cout << "  photos: " << photos;
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
  // A webhook that answered 410 takes nothing until the clinic acts: say so every time.
  for (const auto& disabled : outbox->disabled_webhooks()) {
    std::cout << "webhook " << header_safe_text(webhook_label(disabled.kind.substr(8)))
              << " DISABLED since " << iso8601_utc(disabled.since_ms).substr(0, 19) << "Z ("
              << header_safe_text(disabled.reason)
              << "); its deliveries are kept as \"disabled\": `smp-consult leads retry ID` "
                 "enables it again\n";
  }
  return 0;
}

}  // namespace smp::server
