// `smp-consult leads backup --data DIR --to FILE` and `leads restore --from FILE --data DIR
// [--force]`: a consistent copy of the leads database while the relay runs, and putting one back.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <thread>

#include "smp/server/commands.hpp"

namespace smp::server {
namespace {

constexpr const char* kBackupUsage =
    "usage: smp-consult leads backup --to FILE [--data DIR]\n"
    "       smp-consult leads restore --from FILE [--data DIR] [--force]\n"
    "\n"
    "  backup    copies DIR/leads.sqlite3 to FILE (one self-contained SQLite file), consistent\n"
    "            as of one instant, while `smp-consult serve` keeps taking leads\n"
    "  restore   makes FILE the leads database of DIR; the next `smp-consult serve --data DIR`\n"
    "            delivers what the copy had not yet delivered. DIR must be empty or new;\n"
    "            --force replaces the leads database of a used DIR (stop the server first;\n"
    "            other files in DIR are kept)\n"
    "DIR is the data folder of `smp-consult serve` (default ./smp-data).\n";

// Owns a connection.
struct Db {
  sqlite3* handle = nullptr;
  ~Db() { sqlite3_close(handle); }
  bool open(const std::string& path, int flags, std::string& error) {
    if (sqlite3_open_v2(path.c_str(), &handle, flags, nullptr) == SQLITE_OK) {
      sqlite3_busy_timeout(handle, 5000);
      return true;
    }
    error = handle ? sqlite3_errmsg(handle) : "cannot open database";
    return false;
  }
  bool exec(const char* sql, std::string& error) {
    char* message = nullptr;
    if (sqlite3_exec(handle, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
    error = message ? message : sqlite3_errmsg(handle);
    sqlite3_free(message);
    return false;
  }
  // The first column of the first row as text ("" when there is none or on error).
  std::string scalar(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(handle, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      if (text) out = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(stmt);
    return out;
  }
};

// Copies every page of `from` into `to` in one step: the whole copy reads one snapshot (one read
// transaction on the source), so it is consistent however many leads arrive meanwhile; with WAL
// the relay's writers never wait for it. A busy destination is tried again, a bounded number of
// times.
bool copy_database(Db& from, Db& to, std::string& error) {
  sqlite3_backup* backup = sqlite3_backup_init(to.handle, "main", from.handle, "main");
  if (!backup) {
    error = sqlite3_errmsg(to.handle);
    return false;
  }
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 100; ++attempt) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    error = sqlite3_errstr(rc);
    return false;
  }
  return true;
}

// A copy taken while a message was being sent has it "sending"; when the server's 250 came
// before this read (the relay's delivered journal, see Outbox::note_delivered) it is sent, so a
// restore does not send it again. One that finishes after the read is sent again on restore, with
// the same Message-ID: delivery stays at-least-once.
void apply_delivered_journal(Db& copy, const std::string& journal) {
  std::ifstream in(journal, std::ios::binary);
  if (!in) return;
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(copy.handle,
                         "UPDATE outbox SET state = 'sent', last_error = '', sent_ms = CAST("
                         "(julianday('now') - 2440587.5) * 86400000 AS INTEGER) "
                         "WHERE message_id = ?1 AND state = 'sending'",
                         -1, &stmt, nullptr) != SQLITE_OK) {
    return;
  }
  for (size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos;
       start = end + 1) {
    const std::string id = text.substr(start, end - start);  // whole lines only
    sqlite3_bind_text(stmt, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    sqlite3_step(stmt);
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
}

bool fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// "ok" and the leads table: a database this program wrote, undamaged.
bool check_leads_database(Db& db, std::string& error) {
  const std::string check = db.scalar("PRAGMA quick_check");
  if (check != "ok") {
    error = "damaged database (quick_check: " + (check.empty() ? "no answer" : check) + ")";
    return false;
  }
  if (db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                "('leads', 'outbox')") != "2") {
    error = "not an smp-consult leads database (no leads and outbox tables)";
    return false;
  }
  return true;
}

std::string summary(Db& db) {
  return db.scalar("SELECT count(*) FROM leads") + " leads, " +
         db.scalar("SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending', 'retry')") +
         " messages not yet delivered";
}

int backup(const std::string& data_dir, const std::string& to) {
  namespace fs = std::filesystem;
  const std::string source_path = data_dir + "/leads.sqlite3";
  std::error_code ec;
  if (!fs::exists(source_path, ec)) {
    std::cerr << source_path << ": no leads database (has `smp-consult serve --data " << data_dir
              << "` run?)\n";
    return 1;
  }
  std::string error;
  Db source;
  if (!source.open(source_path, SQLITE_OPEN_READONLY, error)) {
    std::cerr << source_path << ": " << error << "\n";
    return 1;
  }
  // Written beside FILE and renamed over it at the end: FILE is always a whole backup.
  const std::string partial = to + ".partial";
  fs::remove(partial, ec);
  {
    Db copy;
    if (!copy.open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error) ||
        !copy_database(source, copy, error)) {
      std::cerr << to << ": " << error << "\n";
      fs::remove(partial, ec);
      return 1;
    }
    apply_delivered_journal(copy, source_path + "-delivered");
    // One self-contained file (no -wal beside it), checked before it replaces the last one.
    if (!copy.exec("PRAGMA journal_mode=DELETE", error) || !check_leads_database(copy, error)) {
      std::cerr << to << ": " << error << "\n";
      fs::remove(partial, ec);
      return 1;
    }
    std::cout << to << ": " << summary(copy) << "\n";
  }
  if (!fsync_path(partial, O_RDONLY)) {
    std::cerr << to << ": cannot sync " << partial << "\n";
    return 1;
  }
  fs::rename(partial, to, ec);
  if (ec) {
    std::cerr << to << ": " << ec.message() << "\n";
    return 1;
  }
  const fs::path parent = fs::absolute(to, ec).parent_path();
  fsync_path(parent.string(), O_RDONLY | O_DIRECTORY);
  return 0;
}

int restore(const std::string& from, const std::string& data_dir, bool force) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string error;
  Db source;
  if (!fs::is_regular_file(from, ec) || !source.open(from, SQLITE_OPEN_READONLY, error) ||
      !check_leads_database(source, error)) {
    std::cerr << from << ": " << (error.empty() ? "no such file" : error) << "\n";
    return 1;
  }
  if (fs::exists(data_dir, ec)) {
    if (!fs::is_directory(data_dir, ec)) {
      std::cerr << data_dir << ": not a folder\n";
      return 1;
    }
    if (!fs::is_empty(data_dir, ec) && !force) {
      std::cerr << data_dir << ": not empty; restore into a new folder, or stop the server and "
                << "pass --force to replace its leads database\n";
      return 1;
    }
  } else {
    fs::create_directories(data_dir, ec);
    fs::permissions(data_dir, fs::perms::owner_all, ec);
    if (ec) {
      std::cerr << data_dir << ": " << ec.message() << "\n";
      return 1;
    }
  }
  // A running server holds DIR/.lock (serve_command.cpp): never replace its database under it.
  // The lock is held until the restore is done, so no server starts on a half-copied file.
  const int lock_fd = ::open((data_dir + "/.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0 || ::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    std::cerr << data_dir << ": in use by a running `smp-consult serve`; stop it first\n";
    if (lock_fd >= 0) ::close(lock_fd);
    return 1;
  }
  struct Unlock {
    int fd;
    ~Unlock() { ::close(fd); }
  } unlock{lock_fd};
  const std::string target_path = data_dir + "/leads.sqlite3";
  // The notes of deliveries from the replaced database's last run name its messages, not the
  // copy's state: the copy's own "sending" messages are sent again (at-least-once).
  fs::remove(target_path + "-delivered", ec);
  Db target;
  // Pages are copied into the existing file (its owner and mode stay), in WAL as the relay uses.
  if (!target.open(target_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error) ||
      !copy_database(source, target, error) || !target.exec("PRAGMA journal_mode=WAL", error)) {
    std::cerr << target_path << ": " << error << "\n";
    return 1;
  }
  std::cout << target_path << ": restored " << summary(target)
            << " (the next `smp-consult serve --data " << data_dir << "` delivers them)\n";
  return 0;
}

}  // namespace

int leads_backup_command(const std::vector<std::string>& args) {
  const std::string action = args.empty() ? "" : args[0];
  std::string data_dir = "smp-data";
  std::string file;  // --to (backup) or --from (restore)
  bool force = false;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kBackupUsage;
      return 0;
    }
    const bool takes_value = arg == "--data" || (action == "backup" && arg == "--to") ||
                             (action == "restore" && arg == "--from");
    if (takes_value) {
      if (i + 1 >= args.size()) {
        std::cerr << "missing value for " << arg << "\n" << kBackupUsage;
        return 2;
      }
      (arg == "--data" ? data_dir : file) = args[++i];
    } else if (action == "restore" && arg == "--force") {
      force = true;
    } else {
      std::cerr << "unknown argument: " << arg << "\n" << kBackupUsage;
      return 2;
    }
  }
  if (file.empty() || data_dir.empty()) {
    std::cerr << kBackupUsage;
    return 2;
  }
  return action == "backup" ? backup(data_dir, file) : restore(file, data_dir, force);
}

}  // namespace smp::server
