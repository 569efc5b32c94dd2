#include "smp/server/outbox.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>

#include "smp/server/data_rights.hpp"
#include "sqlite_statement.hpp"

namespace smp::server {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS leads (
  lead_id TEXT PRIMARY KEY,
  client_id TEXT UNIQUE,
  received_ms INTEGER NOT NULL,
  name TEXT NOT NULL, email TEXT NOT NULL, phone TEXT NOT NULL,
  preferred_contact TEXT NOT NULL, locale TEXT NOT NULL,
  verdict TEXT NOT NULL, packages TEXT NOT NULL,
  low INTEGER, high INTEGER, currency TEXT NOT NULL,
  health_consent INTEGER NOT NULL, marketing_consent INTEGER NOT NULL,
  page_url TEXT NOT NULL, utm_source TEXT NOT NULL, utm_medium TEXT NOT NULL,
  utm_campaign TEXT NOT NULL,
  document TEXT NOT NULL,
  quarantine TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS outbox (
  message_id TEXT PRIMARY KEY,
  lead_id TEXT NOT NULL REFERENCES leads(lead_id),
  kind TEXT NOT NULL,
  sender TEXT NOT NULL,
  recipients TEXT NOT NULL,
  mime BLOB NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_ms INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox(state, next_attempt_ms);
CREATE INDEX IF NOT EXISTS outbox_lead ON outbox(lead_id);
CREATE TABLE IF NOT EXISTS webhook_endpoints (
  kind TEXT PRIMARY KEY,
  disabled_ms INTEGER NOT NULL,
  reason TEXT NOT NULL
);
)sql";

// Which rows a worker takes: the emails, or one webhook's deliveries.
constexpr const char* kChannelFilter =
    "((?2 = '' AND kind NOT LIKE 'webhook:%') OR (?2 <> '' AND kind = ?2))";

// `leads list`: an email by its addressee ("clinic"), a webhook by its URL without the query.
std::string channel_label(const std::string& kind) {
  if (kind.rfind("webhook:", 0) != 0) return kind;
  const std::string url = kind.substr(8);
  const auto query = url.find_first_of("?#");
  return "webhook " + (query == std::string::npos ? url : url.substr(0, query) + "?…");
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

MessageState parse_state(const std::string& text) {
  if (text == "queued") return MessageState::kQueued;
  if (text == "sending") return MessageState::kSending;
  if (text == "sent") return MessageState::kSent;
  if (text == "retry") return MessageState::kRetry;
  if (text == "held") return MessageState::kHeld;
  if (text == "cancelled") return MessageState::kCancelled;
  if (text == "disabled") return MessageState::kDisabled;
  return MessageState::kDead;
}

}  // namespace

const char* to_string(MessageState state) {
  switch (state) {
    case MessageState::kQueued: return "queued";
    case MessageState::kSending: return "sending";
    case MessageState::kSent: return "sent";
    case MessageState::kRetry: return "retry";
    case MessageState::kDead: return "dead";
    case MessageState::kHeld: return "held";
    case MessageState::kCancelled: return "cancelled";
    case MessageState::kDisabled: return "disabled";
  }
  return "dead";
}

std::int64_t retry_delay_ms(int attempts, std::int64_t minute_ms) {
  static constexpr std::array<int, 7> kMinutes{1, 2, 5, 10, 20, 40, 60};
  const int index = std::clamp(attempts, 1, static_cast<int>(kMinutes.size())) - 1;
  return kMinutes[static_cast<size_t>(index)] * minute_ms;
}

std::int64_t give_up_after_ms(std::int64_t minute_ms) {
  return 5LL * 24 * 60 * minute_ms;
}

std::unique_ptr<Outbox> Outbox::open(const std::string& path, std::string& error, bool read_only) {
  sqlite3* db = nullptr;
  const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    error = db ? sqlite3_errmsg(db) : "cannot open database";
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_busy_timeout(db, 5000);
  std::unique_ptr<Outbox> outbox(new Outbox(db));
  if (read_only) return outbox;
  // WAL + synchronous=FULL: every commit is fsynced before store() returns.
  if (!outbox->exec("PRAGMA journal_mode=WAL;", error) ||
      !outbox->exec("PRAGMA synchronous=FULL;", error) ||
      !outbox->exec("PRAGMA cache_size=-65536;", error) ||
      !outbox->exec("PRAGMA wal_autocheckpoint=0;", error) ||
      !outbox->exec("PRAGMA foreign_keys=ON;", error) ||
      // Freed cells and pages are zeroed, so an old copy of a row (before an update) or a
      // deleted photo holds no personal data once erased or purged.
      !outbox->exec("PRAGMA secure_delete=ON;", error) || !outbox->exec(kSchema, error) ||
      !outbox->add_quarantine_column(error) || !add_erase_columns(outbox->db_, error) ||
      !outbox->create_photo_table(error)) {
    return nullptr;
  }
  outbox->start_checkpointer(path);
  outbox->delivered_path_ = path + "-delivered";
  outbox->delivered_fd_ =
      ::open(outbox->delivered_path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  return outbox;
}

// Checkpoints run on their own connection and thread: a lead's commit never waits for the WAL
// to be copied back into the database file (that stall used to set the p99 latency).
void Outbox::start_checkpointer(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &checkpoint_db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    sqlite3_close(checkpoint_db_);
    checkpoint_db_ = nullptr;
    sqlite3_wal_autocheckpoint(db_, 1000);  // fall back to SQLite's own checkpoints
    return;
  }
  sqlite3_busy_timeout(checkpoint_db_, 1000);
  sqlite3_exec(checkpoint_db_, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
  checkpointer_ = std::thread([this] {
    std::unique_lock lock(checkpoint_mutex_);
    while (!stop_checkpointer_) {
      checkpoint_wake_.wait_for(lock, std::chrono::milliseconds(200));
      if (stop_checkpointer_) break;
      lock.unlock();
      int wal_frames = 0, copied = 0;
      sqlite3_wal_checkpoint_v2(checkpoint_db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames,
                                &copied);
      lock.lock();
    }
  });
}

Outbox::~Outbox() {
  if (checkpointer_.joinable()) {
    {
      std::lock_guard lock(checkpoint_mutex_);
      stop_checkpointer_ = true;
    }
    checkpoint_wake_.notify_all();
    checkpointer_.join();
  }
  if (checkpoint_db_) sqlite3_close(checkpoint_db_);
  if (delivered_fd_ >= 0) ::close(delivered_fd_);
  sqlite3_close(db_);
}

bool Outbox::exec(const char* sql, std::string& error) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    error = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return false;
  }
  return true;
}

std::optional<std::string> Outbox::find_by_client_id(const std::string& client_id,
                                                     std::string& error) {
  std::lock_guard lock(mutex_);
  Statement select(db_, "SELECT lead_id FROM leads WHERE client_id = ?1");
  if (!select.ok()) {
    error = sqlite3_errmsg(db_);
    return std::nullopt;
  }
  select.bind(1, client_id);
  const int rc = select.step();
  if (rc == SQLITE_ROW) return select.text(0);
  if (rc != SQLITE_DONE) error = sqlite3_errmsg(db_);
  return std::nullopt;
}

// Group commit: concurrent store() calls that arrive while a commit is running are written
// together in the next transaction, so one fsync acknowledges many leads. Each caller still
// returns only after the transaction holding its lead has committed.
StoreResult Outbox::store(const LeadRecord& lead, const std::vector<OutgoingMessage>& messages) {
  PendingStore mine{&lead, &messages, {}, false};
  std::unique_lock lock(batch_mutex_);
  pending_.push_back(&mine);
  while (!mine.done) {
    if (committing_) {
      batch_done_.wait(lock);
      continue;
    }
    committing_ = true;
    std::vector<PendingStore*> batch;
    batch.swap(pending_);
    lock.unlock();
    commit_batch(batch);
    lock.lock();
    committing_ = false;
    for (auto* item : batch) item->done = true;
    batch_done_.notify_all();
  }
  return mine.result;
}

void Outbox::commit_batch(const std::vector<PendingStore*>& batch) {
  std::lock_guard lock(mutex_);
  std::string error;
  if (!exec("BEGIN IMMEDIATE", error)) {
    for (auto* item : batch) item->result = {StoreStatus::kError, "", error};
    return;
  }
  for (auto* item : batch) {
    exec("SAVEPOINT lead", error);
    item->result = insert_lead(*item->lead, *item->messages);
    if (item->result.status == StoreStatus::kError) {
      // Some errors (disk full, I/O) roll the whole transaction back: then nothing of this
      // batch is stored and every caller hears so.
      if (sqlite3_get_autocommit(db_)) {
        const std::string reason = item->result.error;
        for (auto* other : batch) other->result = {StoreStatus::kError, "", reason};
        return;
      }
      exec("ROLLBACK TO lead", error);
    }
    exec("RELEASE lead", error);
  }
  if (!exec("COMMIT", error)) {
    std::string ignored;
    exec("ROLLBACK", ignored);
    for (auto* item : batch) item->result = {StoreStatus::kError, "", error};
  }
}

StoreResult Outbox::insert_lead(const LeadRecord& lead,
                                const std::vector<OutgoingMessage>& messages) {
  StoreResult result;
  auto fail = [&](std::string message) {
    result.status = StoreStatus::kError;
    result.error = std::move(message);
    return result;
  };
  if (!lead.client_id.empty()) {
    Statement select(db_, "SELECT lead_id FROM leads WHERE client_id = ?1");
    select.bind(1, lead.client_id);
    const int rc = select.step();
    if (rc == SQLITE_ROW) {
      result.status = StoreStatus::kDuplicate;
      result.lead_id = select.text(0);
      return result;
    }
    if (rc != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
  }
  {
    Statement insert(db_,
                     "INSERT INTO leads (lead_id, client_id, received_ms, name, email, phone, "
                     "preferred_contact, locale, verdict, packages, low, high, currency, "
                     "health_consent, marketing_consent, page_url, utm_source, utm_medium, "
                     "utm_campaign, document, quarantine) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                     "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)");
    if (!insert.ok()) return fail(sqlite3_errmsg(db_));
    insert.bind(1, lead.lead_id);
    if (lead.client_id.empty())
      insert.bind_null(2);
    else
      insert.bind(2, lead.client_id);
    insert.bind(3, lead.received_ms)
        .bind(4, lead.name)
        .bind(5, lead.email)
        .bind(6, lead.phone)
        .bind(7, lead.preferred_contact)
        .bind(8, lead.locale)
        .bind(9, lead.verdict)
        .bind(10, lead.packages)
        .bind_optional(11, lead.low)
        .bind_optional(12, lead.high)
        .bind(13, lead.currency)
        .bind(14, std::int64_t{lead.health_consent})
        .bind(15, std::int64_t{lead.marketing_consent})
        .bind(16, lead.page_url)
        .bind(17, lead.utm_source)
        .bind(18, lead.utm_medium)
        .bind(19, lead.utm_campaign)
        .bind(20, lead.document)
        .bind(21, lead.quarantine);
    if (insert.step() != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
  }
  for (const auto& message : messages) {
    Statement insert(db_,
                     "INSERT INTO outbox (message_id, lead_id, kind, sender, recipients, mime, "
                     "state, created_ms, next_attempt_ms) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?7, ?7)");
    if (!insert.ok()) return fail(sqlite3_errmsg(db_));
    std::string recipients;
    for (const auto& r : message.recipients) recipients += r + "\n";
    insert.bind(1, message.message_id)
        .bind(2, lead.lead_id)
        .bind(3, message.kind)
        .bind(4, message.sender)
        .bind(5, recipients)
        .bind(6, message.mime)
        .bind(7, lead.received_ms)
        .bind(8, std::string(lead.quarantine.empty() ? "queued" : "held"));
    if (insert.step() != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
  }
  if (std::string error; !insert_photos(lead, error)) return fail(error);
  result.status = StoreStatus::kStored;
  result.lead_id = lead.lead_id;
  return result;
}

int Outbox::requeue_interrupted() {
  std::lock_guard lock(mutex_);
  std::string error;
  // Only whole lines: a kill -9 in the middle of an append leaves a partial one.
  std::set<std::string> delivered;
  if (std::ifstream in(delivered_path_, std::ios::binary); in) {
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    for (size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos;
         start = end + 1) {
      delivered.insert(text.substr(start, end - start));
    }
  }
  for (const auto& message_id : delivered) {
    Statement update(db_,
                     "UPDATE outbox SET state = 'sent', last_error = '', sent_ms = CAST("
                     "(julianday('now') - 2440587.5) * 86400000 AS INTEGER) "
                     "WHERE message_id = ?1 AND state = 'sending'");
    update.bind(1, message_id);
    update.step();
  }
  // A message whose lead was erased while it was being sent has no body left to resend.
  exec("UPDATE outbox SET state = 'cancelled' WHERE state = 'sending' AND length(mime) = 0", error);
  if (!exec("UPDATE outbox SET state = 'queued' WHERE state = 'sending'", error)) return 0;
  const int requeued = sqlite3_changes(db_);
  // Every noted delivery is now in the database (these commits are synchronous=FULL).
  if (delivered_fd_ >= 0 && ::ftruncate(delivered_fd_, 0) != 0) {
    std::fprintf(stderr, "smp-consult: warning: cannot empty %s\n", delivered_path_.c_str());
  }
  return requeued;
}

void Outbox::note_delivered(const std::string& message_id) {
  if (delivered_fd_ < 0) return;
  const std::string line = message_id + "\n";
  // One write() of a short line with O_APPEND: atomic, and in the kernel's hands (a process
  // crash cannot lose it) the moment it returns. A failure only widens the window again.
  if (::write(delivered_fd_, line.data(), line.size()) < 0) return;
}

std::optional<Delivery> Outbox::claim_due(std::int64_t now, const std::string& channel) {
  std::lock_guard lock(mutex_);
  const std::string sql =
      std::string(
          "SELECT message_id, lead_id, kind, sender, recipients, mime, attempts, "
          "created_ms FROM outbox WHERE state IN ('queued', 'retry') AND "
          "next_attempt_ms <= ?1 AND ") +
      kChannelFilter + " ORDER BY next_attempt_ms, created_ms LIMIT 1";
  Statement select(db_, sql.c_str());
  if (!select.ok()) return std::nullopt;
  select.bind(1, now).bind(2, channel);
  if (select.step() != SQLITE_ROW) return std::nullopt;
  Delivery delivery;
  delivery.message.message_id = select.text(0);
  delivery.message.lead_id = select.text(1);
  delivery.message.kind = select.text(2);
  delivery.message.sender = select.text(3);
  delivery.message.recipients = split_lines(select.text(4));
  delivery.message.mime = select.text(5);
  delivery.attempts = static_cast<int>(select.integer(6));
  delivery.created_ms = select.integer(7);
  // "sending" is informative (leads list, healthz): after any crash it becomes "queued" again,
  // so it needs no fsync of its own (synchronous=NORMAL survives a process crash anyway).
  std::string error;
  exec("PRAGMA synchronous=NORMAL", error);
  // Conditional, so a message is never handed out twice even if another process shares the file.
  Statement update(db_,
                   "UPDATE outbox SET state = 'sending' WHERE message_id = ?1 AND "
                   "state IN ('queued', 'retry')");
  update.bind(1, delivery.message.message_id);
  const bool claimed = update.step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
  exec("PRAGMA synchronous=FULL", error);
  if (!claimed) return std::nullopt;
  return delivery;
}

std::optional<std::int64_t> Outbox::next_due_ms(const std::string& channel) {
  std::lock_guard lock(mutex_);
  const std::string sql =
      std::string(
          "SELECT MIN(next_attempt_ms) FROM outbox WHERE state IN ('queued', 'retry') "
          "AND ") +
      kChannelFilter;
  Statement select(db_, sql.c_str());
  if (!select.ok()) return std::nullopt;
  select.bind(2, channel);
  if (select.step() != SQLITE_ROW || select.is_null(0)) return std::nullopt;
  return select.integer(0);
}

void Outbox::mark_sent(const std::string& message_id, std::int64_t now) {
  std::lock_guard lock(mutex_);
  // The gap between the SMTP server's "250" and this note is the only moment a crash makes a
  // delivery ambiguous, so keep it short: in WAL mode a synchronous=NORMAL commit survives a
  // process crash as soon as it is written (only a power cut could lose it, and then the
  // message is resent with the same Message-ID). Leads themselves are always FULL.
  std::string error;
  exec("PRAGMA synchronous=NORMAL", error);
  Statement update(db_,
                   "UPDATE outbox SET state = 'sent', sent_ms = ?2, last_error = '' "
                   "WHERE message_id = ?1");
  update.bind(1, message_id).bind(2, now);
  update.step();
  exec("PRAGMA synchronous=FULL", error);
}

MessageState Outbox::mark_failed(const std::string& message_id, const std::string& error,
                                 std::int64_t now, std::int64_t minute_ms, bool permanent,
                                 std::int64_t not_before_ms) {
  std::lock_guard lock(mutex_);
  Statement select(db_,
                   "SELECT attempts, created_ms, length(mime) FROM outbox WHERE message_id = ?1");
  select.bind(1, message_id);
  if (select.step() != SQLITE_ROW) return MessageState::kDead;
  const int attempts = static_cast<int>(select.integer(0)) + 1;
  const std::int64_t created = select.integer(1);
  const std::int64_t next = now + std::max(retry_delay_ms(attempts, minute_ms), not_before_ms);
  const bool give_up = permanent || next - created > give_up_after_ms(minute_ms);
  // Its lead was erased during this attempt (`leads erase`): nothing is left to retry.
  const bool erased = select.integer(2) == 0;
  const MessageState state = erased    ? MessageState::kCancelled
                             : give_up ? MessageState::kDead
                                       : MessageState::kRetry;
  Statement update(db_,
                   "UPDATE outbox SET state = ?2, attempts = ?3, next_attempt_ms = ?4, "
                   "last_error = ?5 WHERE message_id = ?1");
  update.bind(1, message_id)
      .bind(2, std::string(to_string(state)))
      .bind(3, std::int64_t{attempts})
      .bind(4, next)
      .bind(5, erased ? std::string() : error);  // a reply can quote the erased address
  update.step();
  return state;
}

void Outbox::disable_webhook(const std::string& kind, const std::string& message_id,
                             const std::string& reason, std::int64_t now) {
  std::lock_guard lock(mutex_);
  std::string error;
  exec("BEGIN IMMEDIATE", error);
  Statement endpoint(db_,
                     "INSERT OR REPLACE INTO webhook_endpoints (kind, disabled_ms, reason) "
                     "VALUES (?1, ?2, ?3)");
  endpoint.bind(1, kind).bind(2, now).bind(3, reason);
  endpoint.step();
  Statement answered(db_,
                     "UPDATE outbox SET state = 'disabled', attempts = attempts + 1, "
                     "last_error = ?2 WHERE message_id = ?1");
  answered.bind(1, message_id).bind(2, reason);
  answered.step();
  Statement waiting(db_,
                    "UPDATE outbox SET state = 'disabled', last_error = ?2 WHERE kind = ?1 AND "
                    "state IN ('queued', 'retry')");
  waiting.bind(1, kind).bind(2, "not attempted: the endpoint is disabled (" + reason + ")");
  waiting.step();
  exec("COMMIT", error);
}

bool Outbox::webhook_disabled(const std::string& kind) {
  std::lock_guard lock(mutex_);
  Statement select(db_, "SELECT 1 FROM webhook_endpoints WHERE kind = ?1");
  select.bind(1, kind);
  return select.step() == SQLITE_ROW;
}

void Outbox::mark_disabled(const std::string& message_id) {
  std::lock_guard lock(mutex_);
  Statement update(db_,
                   "UPDATE outbox SET state = 'disabled', last_error = 'not attempted: the "
                   "endpoint is disabled (it answered 410 Gone)' WHERE message_id = ?1");
  update.bind(1, message_id);
  update.step();
}

std::vector<DisabledWebhook> Outbox::disabled_webhooks() {
  std::lock_guard lock(mutex_);
  std::vector<DisabledWebhook> out;
  // A database no newer server has opened has no such table: then none is disabled.
  Statement select(db_, "SELECT kind, disabled_ms, reason FROM webhook_endpoints ORDER BY kind");
  while (select.ok() && select.step() == SQLITE_ROW) {
    out.push_back({select.text(0), select.integer(1), select.text(2)});
  }
  return out;
}

std::vector<std::pair<std::string, long long>> Outbox::waiting_webhook_deliveries() {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, long long>> out;
  Statement select(db_,
                   "SELECT kind, COUNT(*) FROM outbox WHERE kind LIKE 'webhook:%' AND state IN "
                   "('queued', 'retry', 'sending') GROUP BY kind ORDER BY kind");
  while (select.ok() && select.step() == SQLITE_ROW) {
    out.emplace_back(select.text(0), select.integer(1));
  }
  return out;
}

std::vector<LeadSummaryRow> Outbox::list_leads(std::string& error, bool quarantined) {
  std::lock_guard lock(mutex_);
  std::vector<LeadSummaryRow> rows;
  // `leads list` opens read-only: a database no newer server has opened yet has no
  // quarantine column (and so no quarantined leads).
  bool has_quarantine = false;
  {
    Statement columns(db_, "PRAGMA table_info(leads)");
    while (columns.step() == SQLITE_ROW) has_quarantine |= columns.text(1) == "quarantine";
  }
  const std::string quarantine = has_quarantine ? "quarantine" : "''";
  const std::string sql =
      "SELECT lead_id, IFNULL(client_id, ''), received_ms, name, email, phone, "
      "preferred_contact, locale, verdict, packages, low, high, currency, health_consent, "
      "marketing_consent, page_url, utm_source, utm_medium, utm_campaign, " +
      quarantine + " FROM leads WHERE (" + quarantine +
      " <> '') = ?1 ORDER BY received_ms DESC, lead_id";
  Statement select(db_, sql.c_str());
  if (!select.ok()) {
    error = sqlite3_errmsg(db_);
    return rows;
  }
  select.bind(1, std::int64_t{quarantined});
  int rc;
  while ((rc = select.step()) == SQLITE_ROW) {
    LeadSummaryRow row;
    LeadRecord& lead = row.lead;
    lead.lead_id = select.text(0);
    lead.client_id = select.text(1);
    lead.received_ms = select.integer(2);
    lead.name = select.text(3);
    lead.email = select.text(4);
    lead.phone = select.text(5);
    lead.preferred_contact = select.text(6);
    lead.locale = select.text(7);
    lead.verdict = select.text(8);
    lead.packages = select.text(9);
    if (!select.is_null(10)) lead.low = select.integer(10);
    if (!select.is_null(11)) lead.high = select.integer(11);
    lead.currency = select.text(12);
    lead.health_consent = select.integer(13) != 0;
    lead.marketing_consent = select.integer(14) != 0;
    lead.page_url = select.text(15);
    lead.utm_source = select.text(16);
    lead.utm_medium = select.text(17);
    lead.utm_campaign = select.text(18);
    lead.quarantine = select.text(19);
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) error = sqlite3_errmsg(db_);
  for (auto& row : rows) {
    Statement messages(db_,
                       "SELECT kind, state, attempts, last_error FROM outbox WHERE lead_id = ?1 "
                       "ORDER BY kind");
    messages.bind(1, row.lead.lead_id);
    std::string delivery;
    while (messages.step() == SQLITE_ROW) {
      std::string state = messages.text(1);
      const auto attempts = messages.integer(2);
      if (attempts > 0 && state != "sent") state += " (" + std::to_string(attempts) + " attempts)";
      if (!delivery.empty()) delivery += "; ";
      delivery += channel_label(messages.text(0)) + ": " + state;
      // A dead letter's reason first: it is what the clinic must act on.
      if (!messages.text(3).empty() && (row.last_error.empty() || messages.text(1) == "dead" ||
                                        messages.text(1) == "disabled")) {
        row.last_error = messages.text(3);
      }
    }
    row.delivery = delivery.empty() ? "none" : delivery;
  }
  return rows;
}

// Databases written before quarantine existed lack the column (CREATE TABLE IF NOT EXISTS
// leaves an existing table alone).
bool Outbox::add_quarantine_column(std::string& error) {
  bool present = false;
  {
    Statement columns(db_, "PRAGMA table_info(leads)");
    while (columns.step() == SQLITE_ROW) present = present || columns.text(1) == "quarantine";
  }
  if (present) return true;
  return exec("ALTER TABLE leads ADD COLUMN quarantine TEXT NOT NULL DEFAULT ''", error);
}

Outbox::ReleaseStatus Outbox::release(const std::string& lead_id, std::int64_t now,
                                      std::string& error) {
  std::lock_guard lock(mutex_);
  if (!exec("BEGIN IMMEDIATE", error)) return ReleaseStatus::kError;
  auto finish = [&](ReleaseStatus status) {
    std::string ignored;
    exec(status == ReleaseStatus::kReleased ? "COMMIT" : "ROLLBACK",
         status == ReleaseStatus::kReleased ? error : ignored);
    return status == ReleaseStatus::kReleased && !error.empty() ? ReleaseStatus::kError : status;
  };
  {
    Statement select(db_, "SELECT quarantine FROM leads WHERE lead_id = ?1");
    select.bind(1, lead_id);
    const int rc = select.step();
    if (rc == SQLITE_DONE) return finish(ReleaseStatus::kNotFound);
    if (rc != SQLITE_ROW) {
      error = sqlite3_errmsg(db_);
      return finish(ReleaseStatus::kError);
    }
    if (select.text(0).empty()) return finish(ReleaseStatus::kNotQuarantined);
  }
  Statement lead(db_, "UPDATE leads SET quarantine = '' WHERE lead_id = ?1");
  lead.bind(1, lead_id);
  Statement messages(db_,
                     "UPDATE outbox SET state = 'queued', created_ms = ?2, next_attempt_ms = ?2 "
                     "WHERE lead_id = ?1 AND state = 'held'");
  messages.bind(1, lead_id).bind(2, now);
  if (lead.step() != SQLITE_DONE || messages.step() != SQLITE_DONE) {
    error = sqlite3_errmsg(db_);
    return finish(ReleaseStatus::kError);
  }
  return finish(ReleaseStatus::kReleased);
}

Outbox::RetryStatus Outbox::retry(const std::string& lead_id, std::int64_t now,
                                  std::string& error) {
  std::lock_guard lock(mutex_);
  {
    Statement select(db_, "SELECT 1 FROM leads WHERE lead_id = ?1");
    select.bind(1, lead_id);
    const int rc = select.step();
    if (rc == SQLITE_DONE) return RetryStatus::kNotFound;
    if (rc != SQLITE_ROW) {
      error = sqlite3_errmsg(db_);
      return RetryStatus::kError;
    }
  }
  // The clinic has fixed the endpoint that answered 410: it takes deliveries again.
  Statement enable(db_,
                   "DELETE FROM webhook_endpoints WHERE kind IN (SELECT kind FROM outbox WHERE "
                   "lead_id = ?1 AND state = 'disabled')");
  enable.bind(1, lead_id);
  enable.step();
  Statement update(db_,
                   "UPDATE outbox SET state = 'queued', created_ms = ?2, next_attempt_ms = ?2 "
                   "WHERE lead_id = ?1 AND state IN ('dead', 'retry', 'disabled') AND "
                   "length(mime) > 0");
  update.bind(1, lead_id).bind(2, now);
  if (update.step() != SQLITE_DONE) {
    error = sqlite3_errmsg(db_);
    return RetryStatus::kError;
  }
  return sqlite3_changes(db_) > 0 ? RetryStatus::kQueued : RetryStatus::kNothingToRetry;
}

OutboxCounts Outbox::counts() {
  std::lock_guard lock(mutex_);
  OutboxCounts counts;
  Statement select(db_, "SELECT state, COUNT(*) FROM outbox GROUP BY state");
  while (select.step() == SQLITE_ROW) {
    const auto n = select.integer(1);
    switch (parse_state(select.text(0))) {
      case MessageState::kQueued: counts.queued = n; break;
      case MessageState::kSending: counts.sending = n; break;
      case MessageState::kSent: counts.sent = n; break;
      case MessageState::kRetry: counts.retry = n; break;
      case MessageState::kDead: counts.dead = n; break;
      case MessageState::kHeld: counts.held = n; break;
      case MessageState::kCancelled: counts.cancelled = n; break;
      case MessageState::kDisabled: counts.disabled = n; break;
    }
  }
  return counts;
}

std::vector<std::pair<std::string, MessageState>> Outbox::message_states(
    const std::string& lead_id) {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, MessageState>> out;
  Statement select(db_, "SELECT kind, state FROM outbox WHERE lead_id = ?1 ORDER BY kind");
  select.bind(1, lead_id);
  while (select.step() == SQLITE_ROW) out.emplace_back(select.text(0), parse_state(select.text(1)));
  return out;
}

}  // namespace smp::server
