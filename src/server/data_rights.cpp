// `leads export|erase` and the retention sweep. They work on a connection of their own, so they
// run the same from the command line while `serve` is running (WAL, busy timeout) and from the
// sweep inside `serve`.
#include "smp/server/data_rights.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <thread>

#include "smp/json_text.hpp"
#include "smp/server/mime.hpp"
#include "smp/server/outbox.hpp"
#include "smp/server/timestamps.hpp"
#include "sqlite_statement.hpp"

namespace smp::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// THE list of every table that holds a lead's personal data, and how its rows become anonymous.
// A table that gains lead data (photos, webhook deliveries) adds its statement here; erase, the
// retention sweep and their tests then cover it. Each statement sees the leads to erase in
// temp.erase_ids, ?1 = now (ms) and ?2 = 1 when no server is delivering (so a "sending" row is
// a stale one from a crash). They run twice: before and after a message in flight finished.
constexpr const char* kEraseStatements[] = {
    // Pending deliveries (email and webhook rows alike; `disabled` waits for a webhook that
    // answered 410) are cancelled, never sent (the worker claims only queued and retry).
    "UPDATE outbox SET state = 'cancelled' WHERE lead_id IN (SELECT lead_id FROM temp.erase_ids) "
    "AND (state IN ('queued', 'retry', 'held', 'disabled') OR (state = 'sending' AND ?2))",
    // Message bodies, recipients and the server's replies (a reply can quote an address).
    "UPDATE outbox SET mime = x'', recipients = '', last_error = '' "
    "WHERE lead_id IN (SELECT lead_id FROM temp.erase_ids)",
    // Photo bytes (the row stays: how many photos the lead had, and when they went).
    "UPDATE photos SET bytes = NULL, purged_ms = COALESCE(purged_ms, ?1) "
    "WHERE lead_id IN (SELECT lead_id FROM temp.erase_ids)",
    // The lead itself: kept are its id, dates, locale, verdict and quarantine reason.
    "UPDATE leads SET client_id = NULL, name = '', email = '', phone = '', "
    "preferred_contact = '', packages = '', low = NULL, high = NULL, currency = '', "
    "health_consent = 0, marketing_consent = 0, page_url = '', utm_source = '', "
    "utm_medium = '', utm_campaign = '', document = '', erased_ms = COALESCE(erased_ms, ?1) "
    "WHERE lead_id IN (SELECT lead_id FROM temp.erase_ids)",
};

// Files named for a lead anywhere under the data folder: the file mailer's
// `<lead>-<kind>.eml` and its `.<lead>-<kind>.tmp`.
bool is_lead_file(const std::string& file_name, const std::string& lead_id) {
  return file_name.rfind(lead_id + "-", 0) == 0 || file_name.rfind("." + lead_id + "-", 0) == 0;
}

bool is_database_file(const std::string& file_name) {
  return file_name.rfind("leads.sqlite3", 0) == 0;
}

class Database {
 public:
  Database(const std::string& path, bool read_only, std::string& error) {
    const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      error = db_ ? sqlite3_errmsg(db_) : "cannot open database";
      sqlite3_close(db_);
      db_ = nullptr;
      return;
    }
    // `serve` may be writing at the same moment: wait for its short transactions.
    sqlite3_busy_timeout(db_, 10'000);
  }
  ~Database() { sqlite3_close(db_); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  sqlite3* get() const { return db_; }
  bool exec(const char* sql, std::string& error) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      error = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      return false;
    }
    return true;
  }

 private:
  sqlite3* db_ = nullptr;
};

bool has_column(sqlite3* db, const char* table, const char* column) {
  Statement columns(db, std::string("PRAGMA table_info(") + table + ")");
  while (columns.step() == SQLITE_ROW) {
    if (columns.text(1) == column) return true;
  }
  return false;
}

std::string ascii_lower(std::string text) {
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

json time_or_null(const Statement& query, int column) {
  return query.is_null(column) ? json(nullptr) : json(iso8601_utc(query.integer(column)));
}

// The lead's photos as stored (each one's JPEG in base64, or null once photos.retention_days
// purged it): what the relay holds of the visitor's scalp, for an Art. 15 export.
json photos_export(sqlite3* db, const std::string& lead_id) {
  json photos = json::array();
  if (!has_column(db, "photos", "bytes")) return photos;  // a database from before photos
  Statement select(db,
                   "SELECT position, view, content_type, width, height, stored_ms, purged_ms, "
                   "bytes FROM photos WHERE lead_id = ?1 ORDER BY position");
  select.bind(1, lead_id);
  while (select.step() == SQLITE_ROW) {
    photos.push_back(
        {{"position", select.integer(0)},
         {"view", select.text(1)},
         {"content_type", select.text(2)},
         {"width", select.integer(3)},
         {"height", select.integer(4)},
         {"stored_at", time_or_null(select, 5)},
         {"purged_at", time_or_null(select, 6)},
         {"base64", select.is_null(7) ? json(nullptr) : json(base64_encode(select.blob(7)))}});
  }
  return photos;
}

// Fills temp.erase_ids (or, for export, just names the leads) from a selector.
std::string selector_sql(const LeadSelector& selector) {
  return selector.lead_id.empty()
             ? "SELECT lead_id FROM leads WHERE email <> '' AND lower(email) = lower(?1)"
             : "SELECT lead_id FROM leads WHERE lead_id = ?1";
}

std::string selector_value(const LeadSelector& selector) {
  return selector.lead_id.empty() ? selector.email : selector.lead_id;
}

std::vector<std::string> lead_files(const std::string& data_dir, const std::string& lead_id) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(data_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string name = it->path().filename().string();
    if (is_lead_file(name, lead_id)) {
      out.push_back(fs::relative(it->path(), data_dir, ec).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The files under the data folder (relative paths) in which any of `needles` occurs, ASCII
// letters compared case-insensitively; read in chunks, so a large database costs no memory.
std::set<std::string> files_holding(const std::string& data_dir,
                                    const std::set<std::string>& needles) {
  std::set<std::string> found;
  if (needles.empty()) return found;
  size_t longest = 0;
  for (const auto& n : needles) longest = std::max(longest, n.size());
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(data_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::string window;
    std::vector<char> chunk(1 << 20);
    bool hit = false;
    while (!hit && in) {
      in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      const auto got = static_cast<size_t>(in.gcount());
      if (got == 0) break;
      window += ascii_lower(std::string(chunk.data(), got));
      for (const auto& n : needles) hit = hit || window.find(n) != std::string::npos;
      // Keep the tail: a needle may straddle two chunks.
      if (window.size() > longest) window.erase(0, window.size() - longest);
    }
    if (hit) found.insert(fs::relative(it->path(), data_dir, ec).generic_string());
  }
  return found;
}

bool checkpoint_truncate(sqlite3* db) {
  // `serve`'s own checkpointer may hold the checkpoint lock for a moment: try again, bounded.
  for (int attempt = 0; attempt < 200; ++attempt) {
    const int rc =
        sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    if (rc == SQLITE_OK) return true;
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

bool run_erase_statements(Database& db, std::int64_t now_ms, bool stale_sending,
                          std::string& error) {
  for (const char* sql : kEraseStatements) {
    Statement statement(db.get(), sql);
    if (!statement.ok()) {
      error = sqlite3_errmsg(db.get());
      return false;
    }
    statement.bind(1, now_ms).bind(2, std::int64_t{stale_sending});
    if (statement.step() != SQLITE_DONE) {
      error = sqlite3_errmsg(db.get());
      return false;
    }
  }
  return true;
}

long long count_in_erase_ids(Database& db, const char* state) {
  Statement count(db.get(), std::string("SELECT COUNT(*) FROM outbox WHERE state = '") + state +
                                "' AND lead_id IN (SELECT lead_id FROM temp.erase_ids)");
  return count.step() == SQLITE_ROW ? count.integer(0) : 0;
}

// The erase itself, for the leads `select_ids` (SQL yielding lead ids, its ?1 = `value`).
EraseReport erase_selected(const std::string& data_dir, const std::string& select_ids,
                           const std::string& value, std::int64_t now_ms,
                           const EraseOptions& options) {
  EraseReport report;
  Database db(data_dir + "/leads.sqlite3", /*read_only=*/false, report.error);
  if (!db.get()) return report;
  std::string& error = report.error;
  // secure_delete: freed cells and pages are overwritten with zeros rather than left behind;
  // the temp table of ids stays in memory.
  if (!db.exec("PRAGMA secure_delete=ON", error) || !db.exec("PRAGMA temp_store=MEMORY", error) ||
      !add_erase_columns(db.get(), error) || !db.exec(photo_table_schema(), error) ||
      !db.exec("CREATE TEMP TABLE IF NOT EXISTS erase_ids (lead_id TEXT PRIMARY KEY)", error) ||
      !db.exec("BEGIN IMMEDIATE", error)) {
    return report;
  }
  auto rollback = [&] {
    std::string ignored;
    db.exec("ROLLBACK", ignored);
    return report;
  };
  // What the visitor is known by, to check afterwards that it is gone from every file.
  std::set<std::string> addresses, names;
  {
    Statement insert(db.get(), "INSERT OR IGNORE INTO temp.erase_ids " + select_ids);
    insert.bind(1, value);
    if (!insert.ok() || insert.step() != SQLITE_DONE) {
      error = sqlite3_errmsg(db.get());
      return rollback();
    }
    Statement select(db.get(),
                     "SELECT lead_id, name, email FROM leads WHERE lead_id IN "
                     "(SELECT lead_id FROM temp.erase_ids) ORDER BY received_ms, lead_id");
    while (select.step() == SQLITE_ROW) {
      report.lead_ids.push_back(select.text(0));
      if (!select.text(2).empty()) addresses.insert(ascii_lower(select.text(2)));
      // A short name would match unrelated bytes.
      if (select.text(1).size() >= 5) names.insert(ascii_lower(select.text(1)));
    }
  }
  if (report.lead_ids.empty()) return rollback();
  if (!run_erase_statements(db, now_ms, !options.server_running, error)) return rollback();
  if (!db.exec("COMMIT", error)) return rollback();

  // A message of these leads that the running server is sending now: its .eml may still be
  // written, and a failed attempt becomes cancelled (its body is gone). Wait for it, bounded.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(options.sending_wait_ms);
  while (count_in_erase_ids(db, "sending") > 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      report.still_sending = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  for (const auto& lead_id : report.lead_ids) {
    for (const auto& file : lead_files(data_dir, lead_id)) {
      std::error_code ec;
      if (fs::remove(fs::path(data_dir) / file, ec)) ++report.files_removed;
    }
  }
  // Again, for what a finished attempt wrote meanwhile (its reply, a 'retry' turned 'cancelled').
  if (!db.exec("BEGIN IMMEDIATE", error)) return report;
  if (!run_erase_statements(db, now_ms, !options.server_running, error)) return rollback();
  if (!db.exec("COMMIT", error)) return rollback();
  report.cancelled = count_in_erase_ids(db, "cancelled");

  // The old page images live on in the WAL until it is checkpointed and truncated.
  checkpoint_truncate(db.get());
  // An address or name still used by a lead that is kept is no sign of anything left over.
  auto still_used = [&](const std::string& text) {
    Statement used(db.get(),
                   "SELECT 1 FROM leads WHERE erased_ms IS NULL AND (lower(email) = ?1 OR "
                   "lower(name) = ?1) LIMIT 1");
    used.bind(1, text);
    return used.step() == SQLITE_ROW;
  };
  std::erase_if(addresses, still_used);
  std::erase_if(names, still_used);
  auto scan = [&] {
    std::set<std::string> all = addresses;
    all.insert(names.begin(), names.end());
    return files_holding(data_dir, all);
  };
  auto found = scan();
  const bool in_database = std::any_of(found.begin(), found.end(), [](const std::string& f) {
    return is_database_file(fs::path(f).filename().string());
  });
  if (in_database) {
    // Bytes SQLite no longer uses but has not overwritten (e.g. a page freed before
    // secure_delete was on): rebuilding the file drops them.
    std::string ignored;
    report.vacuumed = db.exec("VACUUM", ignored);
    checkpoint_truncate(db.get());
    found = scan();
  }
  // Only an erased address counts as left over: a name can occur in another visitor's text.
  if (!found.empty()) {
    const auto holding = files_holding(data_dir, addresses);
    report.still_holding.assign(holding.begin(), holding.end());
  }
  return report;
}

}  // namespace

bool add_erase_columns(sqlite3* db, std::string& error) {
  if (has_column(db, "leads", "erased_ms")) return true;
  char* message = nullptr;
  if (sqlite3_exec(db, "ALTER TABLE leads ADD COLUMN erased_ms INTEGER", nullptr, nullptr,
                   &message) != SQLITE_OK) {
    error = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return false;
  }
  return true;
}

std::optional<json> export_leads(const std::string& data_dir, const LeadSelector& selector,
                                 std::int64_t now_ms, std::string& error) {
  Database db(data_dir + "/leads.sqlite3", /*read_only=*/true, error);
  if (!db.get()) return std::nullopt;
  // A database no newer server has opened has no erased_ms column (and no erased lead).
  const std::string erased =
      has_column(db.get(), "leads", "erased_ms") ? "erased_ms" : "NULL AS erased_ms";
  const std::string quarantine =
      has_column(db.get(), "leads", "quarantine") ? "quarantine" : "'' AS quarantine";
  Statement select(db.get(),
                   "SELECT lead_id, client_id, received_ms, " + erased +
                       ", name, email, phone, preferred_contact, locale, verdict, packages, low, "
                       "high, currency, health_consent, marketing_consent, page_url, utm_source, "
                       "utm_medium, utm_campaign, document, " +
                       quarantine + " FROM leads WHERE lead_id IN (" + selector_sql(selector) +
                       ") ORDER BY received_ms, lead_id");
  if (!select.ok()) {
    error = sqlite3_errmsg(db.get());
    return std::nullopt;
  }
  select.bind(1, selector_value(selector));
  json leads = json::array();
  int rc;
  while ((rc = select.step()) == SQLITE_ROW) {
    json lead = json::object();
    const std::string lead_id = select.text(0);
    lead["lead_id"] = lead_id;
    lead["client_id"] = select.is_null(1) ? json(nullptr) : json(select.text(1));
    lead["received_at"] = time_or_null(select, 2);
    lead["erased_at"] = time_or_null(select, 3);
    lead["contact"] = {{"name", select.text(4)},
                       {"email", select.text(5)},
                       {"phone", select.text(6)},
                       {"preferred_contact", select.text(7)}};
    lead["locale"] = select.text(8);
    // The lead document as received: consent text and time, answers, context.
    const auto parsed = smp::parse_json_text(select.text(20));
    const json document = parsed.ok() ? *parsed.value : json(nullptr);
    auto section = [&](const char* key) {
      if (!document.is_object()) return json(nullptr);
      const auto it = document.find(key);
      return it == document.end() ? json(nullptr) : *it;
    };
    json consent = section("consent");
    if (!consent.is_object()) consent = json::object();
    consent["health_data"] = select.integer(14) != 0;
    consent["marketing"] = select.integer(15) != 0;
    lead["consent"] = consent;
    lead["answers"] = section("answers");
    lead["context"] = {{"page_url", select.text(16)},
                       {"utm",
                        {{"source", select.text(17)},
                         {"medium", select.text(18)},
                         {"campaign", select.text(19)}}}};
    json packages = json::array();
    for (size_t start = 0, end; start < select.text(10).size(); start = end + 1) {
      const std::string list = select.text(10);
      end = std::min(list.find(',', start), list.size());
      packages.push_back(list.substr(start, end - start));
    }
    json estimate = nullptr;
    if (!select.is_null(11) && !select.is_null(12)) {
      estimate = {
          {"low", select.integer(11)}, {"high", select.integer(12)}, {"currency", select.text(13)}};
    }
    lead["result"] = {{"verdict", select.text(9)}, {"packages", packages}, {"estimate", estimate}};
    lead["quarantine"] = select.text(21);
    lead["document"] = document;
    json messages = json::array();
    Statement outbox(
        db.get(),
        "SELECT message_id, kind, state, attempts, created_ms, next_attempt_ms, sent_ms, "
        "last_error, sender, recipients, mime FROM outbox WHERE lead_id = ?1 "
        "ORDER BY kind, message_id");
    outbox.bind(1, lead_id);
    while (outbox.step() == SQLITE_ROW) {
      json recipients = json::array();
      const std::string list = outbox.text(9);
      for (size_t start = 0, end; start < list.size(); start = end + 1) {
        end = std::min(list.find('\n', start), list.size());
        if (end > start) recipients.push_back(list.substr(start, end - start));
      }
      messages.push_back({{"message_id", outbox.text(0)},
                          {"kind", outbox.text(1)},
                          {"state", outbox.text(2)},
                          {"attempts", outbox.integer(3)},
                          {"created_at", time_or_null(outbox, 4)},
                          {"next_attempt_at", time_or_null(outbox, 5)},
                          {"sent_at", time_or_null(outbox, 6)},
                          {"last_error", outbox.text(7)},
                          {"sender", outbox.text(8)},
                          {"recipients", recipients},
                          {"mime", outbox.text(10)}});
    }
    lead["messages"] = messages;
    lead["photos"] = photos_export(db.get(), lead_id);
    lead["files"] = lead_files(data_dir, lead_id);
    leads.push_back(std::move(lead));
  }
  if (rc != SQLITE_DONE) {
    error = sqlite3_errmsg(db.get());
    return std::nullopt;
  }
  json out = json::object();
  out["schema"] = "smp-consult/visitor-export@1";
  out["exported_at"] = iso8601_utc(now_ms);
  out["selector"] = selector.lead_id.empty() ? json{{"email", selector.email}}
                                             : json{{"lead_id", selector.lead_id}};
  out["leads"] = std::move(leads);
  return out;
}

EraseReport erase_leads(const std::string& data_dir, const LeadSelector& selector,
                        std::int64_t now_ms, const EraseOptions& options) {
  return erase_selected(data_dir, selector_sql(selector), selector_value(selector), now_ms,
                        options);
}

EraseReport erase_expired_leads(const std::string& data_dir, std::int64_t now_ms,
                                int retention_days) {
  const std::int64_t cutoff = now_ms - std::int64_t{retention_days} * 24 * 60 * 60 * 1000;
  // Held (quarantined) messages are over too: nobody released them within the period.
  const std::string select =
      "SELECT lead_id FROM leads WHERE erased_ms IS NULL AND received_ms < CAST(?1 AS INTEGER) "
      "AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.lead_id = leads.lead_id AND "
      "state IN ('queued', 'sending', 'retry'))";
  return erase_selected(data_dir, select, std::to_string(cutoff), now_ms, {});
}

}  // namespace smp::server
