#pragma once
// The durable store of the relay: captured leads and their outgoing messages in one SQLite file
// (WAL, synchronous=FULL). A lead and its emails are committed in one transaction before the
// API answers 202; each message then moves queued -> sending -> sent | retry -> ... | dead.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "smp/server/lead_photo.hpp"

struct sqlite3;

namespace smp::server {

/// Delivery states as stored (and shown by `smp-consult leads`).
/// kHeld: a quarantined lead's message, never sent until `smp-consult leads release`.
enum class MessageState { kQueued, kSending, kSent, kRetry, kDead, kHeld };
const char* to_string(MessageState state);

/// How long to wait after the `attempts`-th failed attempt (1-based): minutes growing to an
/// hour (1, 2, 5, 10, 20, 40, 60, 60, …), in units of `minute_ms` (60000 in production).
std::int64_t retry_delay_ms(int attempts, std::int64_t minute_ms = 60000);
/// A message still undelivered this long after it was queued is marked dead: 5 days.
std::int64_t give_up_after_ms(std::int64_t minute_ms = 60000);

struct LeadRecord {
  std::string lead_id;
  std::string client_id;  ///< "" = no idempotency key
  std::int64_t received_ms = 0;
  std::string name, email, phone, preferred_contact, locale;
  std::string verdict;   ///< the server's verdict
  std::string packages;  ///< comma-separated package ids
  std::optional<long long> low, high;
  std::string currency;
  bool health_consent = false, marketing_consent = false;
  std::string page_url, utm_source, utm_medium, utm_campaign;
  std::string document;  ///< the lead JSON as received
  /// Why the lead is quarantined ("honeypot", "min_fill_seconds"); "" = a normal lead. A
  /// quarantined lead is kept with its messages held, not emailed, until released.
  std::string quarantine;
  /// Verified scalp photos (SPEC §8), stored in table `photos` in the lead's transaction.
  std::vector<LeadPhoto> photos;
};

struct OutgoingMessage {
  std::string message_id;  ///< stable RFC 5322 Message-ID without angle brackets
  std::string lead_id;
  std::string kind;  ///< "clinic" | "visitor"
  std::string sender;
  std::vector<std::string> recipients;
  std::string mime;  ///< the complete message, CRLF line ends
};

enum class StoreStatus { kStored, kDuplicate, kError };
struct StoreResult {
  StoreStatus status = StoreStatus::kError;
  std::string lead_id;  ///< the stored one, or the earlier lead with the same client_id
  std::string error;
};

/// A message claimed for delivery.
struct Delivery {
  OutgoingMessage message;
  int attempts = 0;  ///< failed attempts so far
  std::int64_t created_ms = 0;
};

struct LeadSummaryRow {
  LeadRecord lead;
  std::string delivery;  ///< e.g. "sent", "retry (3 attempts)", "dead"; worst of its messages
  std::string last_error;
};

struct OutboxCounts {
  long long queued = 0, sending = 0, retry = 0, sent = 0, dead = 0, held = 0;
};

class Outbox {
 public:
  /// Opens (creating if needed) the database; nullptr with `error` set when it cannot.
  static std::unique_ptr<Outbox> open(const std::string& path, std::string& error,
                                      bool read_only = false);
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  /// The lead id stored for `client_id`, if any; `error` is set on database errors.
  std::optional<std::string> find_by_client_id(const std::string& client_id, std::string& error);
  /// Stores a lead and its messages atomically and durably (the commit is fsynced); concurrent
  /// calls share one commit (group commit).
  StoreResult store(const LeadRecord& lead, const std::vector<OutgoingMessage>& messages);
  /// After a restart: a message left in `sending` that the delivered journal names was
  /// accepted by the server and is marked sent; any other is ambiguous and goes back to the
  /// queue, to be resent with the same Message-ID (at-least-once). Returns how many went back.
  int requeue_interrupted();
  /// The first thing done after the server's final "250": one append of the Message-ID to
  /// `<database>-delivered`, a single write() that outlives a kill -9 at once and never waits
  /// for a lead's commit. mark_sent then records it in the database.
  void note_delivered(const std::string& message_id);
  /// Claims the next due message (queued, or retry whose time has come) and marks it sending.
  std::optional<Delivery> claim_due(std::int64_t now_ms);
  /// When the next retry falls due (nullopt when nothing is waiting).
  std::optional<std::int64_t> next_due_ms();
  void mark_sent(const std::string& message_id, std::int64_t now_ms);
  /// Records a failed attempt: retry later, or dead past the give-up age or when `permanent`
  /// (the server refused it for good). Returns the new state.
  MessageState mark_failed(const std::string& message_id, const std::string& error,
                           std::int64_t now_ms, std::int64_t minute_ms, bool permanent = false);
  /// Every lead, newest first, with the delivery state of its messages: the normal ones, or
  /// with `quarantined` only the quarantined ones.
  std::vector<LeadSummaryRow> list_leads(std::string& error, bool quarantined = false);
  enum class ReleaseStatus { kReleased, kNotFound, kNotQuarantined, kError };
  /// Takes a lead out of quarantine: its held messages are queued as of `now_ms` (the 5-day
  /// give-up counts from the release) and delivered like any lead's.
  ReleaseStatus release(const std::string& lead_id, std::int64_t now_ms, std::string& error);
  enum class RetryStatus { kQueued, kNotFound, kNothingToRetry, kError };
  /// `leads retry ID`: the lead's dead (or waiting) messages are queued again as of `now_ms`,
  /// with a fresh 5-day give-up; the running server sends them within seconds.
  RetryStatus retry(const std::string& lead_id, std::int64_t now_ms, std::string& error);
  OutboxCounts counts();
  /// Message states of one lead's messages (kind -> state), for tests and `leads`.
  std::vector<std::pair<std::string, MessageState>> message_states(const std::string& lead_id);

  // Photos (photo_store.cpp). Table `photos`, keyed by lead_id: erasing a lead erases its rows.
  struct PhotoCounts {
    int stored = 0;  ///< photos the lead came with
    int purged = 0;  ///< of which the bytes are deleted (retention)
  };
  /// How many photos a lead has and how many were purged (0/0 for a database without photos).
  PhotoCounts photo_counts(const std::string& lead_id);
  /// The lead's photos with their bytes (empty for purged ones), in part order.
  std::vector<LeadPhoto> photos_of(const std::string& lead_id);
  /// Retention: deletes the bytes of every photo whose lead's clinic emails were all delivered
  /// at least `retention_ms` before `now_ms`, and the photo parts of those stored emails, then
  /// truncates the WAL so the bytes are gone from both files (secure_delete zeroes freed
  /// pages). Returns how many photos were purged, or -1 with `error` set.
  int purge_photos(std::int64_t now_ms, std::int64_t retention_ms, std::string& error);

 private:
  struct PendingStore {
    const LeadRecord* lead;
    const std::vector<OutgoingMessage>* messages;
    StoreResult result;
    bool done;
  };
  explicit Outbox(sqlite3* db) : db_(db) {}
  bool exec(const char* sql, std::string& error);
  bool add_quarantine_column(std::string& error);
  bool create_photo_table(std::string& error);
  /// The lead's photos inside the open transaction (caller holds mutex_).
  bool insert_photos(const LeadRecord& lead, std::string& error);
  bool wal_truncate_pending_ = false;  ///< a purge's WAL truncation is still to be done
  void commit_batch(const std::vector<PendingStore*>& batch);
  /// One lead's inserts inside the open transaction (caller holds mutex_).
  StoreResult insert_lead(const LeadRecord& lead, const std::vector<OutgoingMessage>& messages);
  sqlite3* db_;
  std::mutex mutex_;  ///< the connection
  std::mutex batch_mutex_;
  std::condition_variable batch_done_;
  std::vector<PendingStore*> pending_;
  bool committing_ = false;
  void start_checkpointer(const std::string& path);
  sqlite3* checkpoint_db_ = nullptr;
  std::thread checkpointer_;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  bool stop_checkpointer_ = false;
  std::string delivered_path_;
  int delivered_fd_ = -1;
};

}  // namespace smp::server
