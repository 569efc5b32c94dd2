// The outbox's photos: table `photos` (one row per photo, keyed by lead_id and position),
// written in the lead's own transaction, and their retention purge.
#include <sqlite3.h>

#include "smp/server/outbox.hpp"
#include "smp/server/photo_email.hpp"
#include "smp/server/timestamps.hpp"
#include "sqlite_statement.hpp"

namespace smp::server {
namespace {

// bytes is NULL once purged; the row stays (how many photos the lead had, and when they went).
constexpr const char* kPhotoSchema = R"sql(
CREATE TABLE IF NOT EXISTS photos (
  lead_id TEXT NOT NULL REFERENCES leads(lead_id),
  position INTEGER NOT NULL,
  view TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BLOB,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  stored_ms INTEGER NOT NULL,
  purged_ms INTEGER,
  PRIMARY KEY (lead_id, position)
);
)sql";

// The messages that carry photos: the clinic's email and its photo follow-ups.
constexpr const char* kPhotoKinds = "(o.kind = 'clinic' OR o.kind LIKE 'clinic-photos-%')";

bool has_photo_table(sqlite3* db) {
  Statement select(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'photos'");
  return select.step() == SQLITE_ROW;
}

}  // namespace

const char* photo_table_schema() {
  return kPhotoSchema;
}

bool Outbox::create_photo_table(std::string& error) {
  return exec(kPhotoSchema, error);
}

bool Outbox::insert_photos(const LeadRecord& lead, std::string& error) {
  for (size_t i = 0; i < lead.photos.size(); ++i) {
    const LeadPhoto& photo = lead.photos[i];
    Statement insert(
        db_,
        "INSERT INTO photos (lead_id, position, view, content_type, bytes, width, height, "
        "stored_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    insert.bind(1, lead.lead_id)
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, photo.view)
        .bind(4, photo.content_type)
        .bind_blob(5, photo.bytes)
        .bind(6, std::int64_t{photo.width})
        .bind(7, std::int64_t{photo.height})
        .bind(8, lead.received_ms);
    if (insert.step() != SQLITE_DONE) {
      error = sqlite3_errmsg(db_);
      return false;
    }
  }
  return true;
}

Outbox::PhotoCounts Outbox::photo_counts(const std::string& lead_id) {
  std::lock_guard lock(mutex_);
  PhotoCounts counts;
  if (!has_photo_table(db_)) return counts;  // `leads list` on a database from before photos
  Statement select(db_, "SELECT COUNT(*), COUNT(purged_ms) FROM photos WHERE lead_id = ?1");
  select.bind(1, lead_id);
  if (select.step() == SQLITE_ROW) {
    counts.stored = static_cast<int>(select.integer(0));
    counts.purged = static_cast<int>(select.integer(1));
  }
  return counts;
}

std::vector<LeadPhoto> Outbox::photos_of(const std::string& lead_id) {
  std::lock_guard lock(mutex_);
  std::vector<LeadPhoto> photos;
  if (!has_photo_table(db_)) return photos;
  Statement select(db_,
                   "SELECT view, content_type, bytes, width, height FROM photos WHERE lead_id = ?1 "
                   "ORDER BY position");
  select.bind(1, lead_id);
  while (select.step() == SQLITE_ROW) {
    LeadPhoto photo;
    photo.view = select.text(0);
    photo.content_type = select.text(1);
    photo.bytes = select.blob(2);
    photo.width = static_cast<int>(select.integer(3));
    photo.height = static_cast<int>(select.integer(4));
    photos.push_back(std::move(photo));
  }
  return photos;
}

int Outbox::purge_photos(std::int64_t now_ms, std::int64_t retention_ms, std::string& error) {
  std::lock_guard lock(mutex_);
  if (!exec("BEGIN IMMEDIATE", error)) return -1;
  auto rollback = [&] {
    std::string ignored;
    exec("ROLLBACK", ignored);
    return -1;
  };
  // Due: every photo-carrying message of the lead delivered, the last one retention_ms ago. A
  // lead whose clinic email is still waiting, dead or held keeps its photos (they are its only
  // copy until delivery).
  std::vector<std::string> leads;
  {
    Statement select(
        db_, std::string("SELECT DISTINCT p.lead_id FROM photos p JOIN leads l ON l.lead_id = "
                         "p.lead_id WHERE p.purged_ms IS NULL AND NOT EXISTS (SELECT 1 FROM "
                         "outbox o WHERE o.lead_id = p.lead_id AND ") +
                 kPhotoKinds +
                 " AND o.state <> 'sent') AND COALESCE((SELECT MAX(o.sent_ms) FROM outbox o "
                 "WHERE o.lead_id = p.lead_id AND " +
                 kPhotoKinds + "), l.received_ms) <= ?1");
    if (!select.ok()) {
      error = sqlite3_errmsg(db_);
      return rollback();
    }
    select.bind(1, now_ms - retention_ms);
    int rc;
    while ((rc = select.step()) == SQLITE_ROW) leads.push_back(select.text(0));
    if (rc != SQLITE_DONE) {
      error = sqlite3_errmsg(db_);
      return rollback();
    }
  }
  int purged = 0;
  const std::string note = "deleted by smp-consult on " + iso8601_utc(now_ms).substr(0, 10) +
                           " (photos.retention_days after delivery)";
  for (const auto& lead_id : leads) {
    Statement update(db_,
                     "UPDATE photos SET bytes = NULL, purged_ms = ?2 WHERE lead_id = ?1 AND "
                     "purged_ms IS NULL");
    update.bind(1, lead_id).bind(2, now_ms);
    if (update.step() != SQLITE_DONE) {
      error = sqlite3_errmsg(db_);
      return rollback();
    }
    purged += sqlite3_changes(db_);
    // The delivered emails keep their text; their photo parts become a line saying so.
    std::vector<std::pair<std::string, std::string>> rewritten;
    {
      Statement select(
          db_, std::string("SELECT message_id, mime FROM outbox o WHERE lead_id = ?1 AND ") +
                   kPhotoKinds);
      select.bind(1, lead_id);
      while (select.step() == SQLITE_ROW) {
        const std::string mime = select.text(1);
        std::string stripped = remove_photo_parts(mime, note);
        if (stripped != mime) rewritten.emplace_back(select.text(0), std::move(stripped));
      }
    }
    for (const auto& [message_id, mime] : rewritten) {
      Statement rewrite(db_, "UPDATE outbox SET mime = ?2 WHERE message_id = ?1");
      rewrite.bind(1, message_id).bind(2, mime);
      if (rewrite.step() != SQLITE_DONE) {
        error = sqlite3_errmsg(db_);
        return rollback();
      }
    }
  }
  if (!exec("COMMIT", error)) return rollback();
  if (purged > 0) wal_truncate_pending_ = true;
  // The freed (zeroed) pages are written to the WAL; the photo's old pages may still be in
  // earlier WAL frames until the WAL is copied back and cut to zero bytes. Readers (the
  // checkpointer, `leads list`) can delay that: then it is tried again at the next sweep.
  if (wal_truncate_pending_) {
    const int rc =
        sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    if (rc == SQLITE_OK) wal_truncate_pending_ = false;
  }
  return purged;
}

}  // namespace smp::server
