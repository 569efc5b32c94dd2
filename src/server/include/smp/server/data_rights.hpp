#pragma once
// The visitor's data rights (GDPR Art. 15/17-style; the clinic is the controller): everything
// stored about a visitor as JSON (`leads export`), erasing it down to an anonymous row (`leads
// erase`), and the retention sweep of `serve` (`lead.retention_days`), which erases the same way.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace smp::server {

/// Which leads: one by id, or every lead of an email address (ASCII letters case-insensitive).
struct LeadSelector {
  std::string lead_id;
  std::string email;
};

/// Adds the column erase needs (leads.erased_ms) to a database written before it existed.
bool add_erase_columns(sqlite3* db, std::string& error);

/// Everything stored about the selected leads (contact, consent, answers, the lead document,
/// figures, each message with its state, dates and MIME body, the .eml files under `data_dir`);
/// nullopt with `error` set on a database error. An empty "leads" list = nothing matched.
std::optional<nlohmann::json> export_leads(const std::string& data_dir,
                                           const LeadSelector& selector, std::int64_t now_ms,
                                           std::string& error);

struct EraseOptions {
  /// Whether a `serve` may be delivering from this data folder now: then a message in
  /// "sending" is awaited (its .eml may still be written); otherwise it is a stale one from a
  /// crash and is cancelled at once.
  bool server_running = true;
  /// How long to wait for such a message at most.
  int sending_wait_ms = 60'000;
};

struct EraseReport {
  std::vector<std::string> lead_ids;  ///< the leads erased (already erased ones included)
  long long cancelled = 0;            ///< their deliveries that will never be made
  int files_removed = 0;              ///< .eml and temporary files under the data folder
  bool vacuumed = false;              ///< the database had to be rebuilt to drop old bytes
  bool still_sending = false;         ///< a message was still being sent when the wait ended
  /// Files (relative to the data folder) that still hold an erased address or name; empty
  /// when the check found none (the address only counts when no kept lead shares it).
  std::vector<std::string> still_holding;
  std::string error;  ///< a database error; then nothing (or only the first pass) was done
};

/// Erases the selected leads: contact, answers, document, figures, message bodies and
/// recipients, and their files under `data_dir`, keeping an anonymous row (id, dates, verdict,
/// delivery states); cancels their pending deliveries; then makes the bytes go away
/// (secure_delete, WAL checkpoint(TRUNCATE), VACUUM when a scan still finds them).
EraseReport erase_leads(const std::string& data_dir, const LeadSelector& selector,
                        std::int64_t now_ms, const EraseOptions& options = {});

/// The retention sweep: erases every lead received more than `retention_days` before `now_ms`
/// whose deliveries are over (sent, dead, cancelled, or held in quarantine).
EraseReport erase_expired_leads(const std::string& data_dir, std::int64_t now_ms,
                                int retention_days);

}  // namespace smp::server
