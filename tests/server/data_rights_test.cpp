// The visitor's data rights on a real SQLite file: erase down to an anonymous row (the bytes
// gone, VACUUM when old copies remain), what a message in flight becomes, the retention sweep's
// choice of leads, and log lines without addresses.
#include "smp/server/data_rights.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "smp/server/log_text.hpp"
#include "smp/server/outbox.hpp"

using namespace smp::server;

namespace {

constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kNow = 1'800'000'000'000;

std::string temp_data_dir() {
  std::random_device device;
  const auto dir =
      std::filesystem::temp_directory_path() / ("smp-rights-test-" + std::to_string(device()));
  std::filesystem::create_directories(dir / "mail");
  return dir.string();
}

LeadRecord visitor_lead(const std::string& id, const std::string& email, std::int64_t received) {
  LeadRecord record;
  record.lead_id = id;
  record.client_id = "client-" + id;
  record.received_ms = received;
  record.name = "Visitor " + id;
  record.email = email;
  record.phone = "+1 555 0100";
  record.verdict = "good_candidate";
  record.document = R"({"contact":{"email":")" + email + R"("}})";
  return record;
}

OutgoingMessage visitor_message(const std::string& lead_id, const std::string& email) {
  return {lead_id + ".visitor@example.com",
          lead_id,
          "visitor",
          "relay@example.com",
          {email},
          "To: " + email + "\r\nSubject: your plan\r\n\r\n" + std::string(6000, 'x') + "\r\n"};
}

// Every file under `dir` whose bytes contain `needle`.
std::vector<std::string> files_containing(const std::string& dir, const std::string& needle) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (bytes.find(needle) != std::string::npos) out.push_back(entry.path().string());
  }
  return out;
}

void exec(sqlite3* db, const char* sql) {
  REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
}

}  // namespace

TEST_CASE("erase leaves an anonymous row and no byte of the address in any file",
          "[server][rights][erase]") {
  const std::string data = temp_data_dir();
  std::string error;
  auto outbox = Outbox::open(data + "/leads.sqlite3", error);
  REQUIRE(outbox);
  REQUIRE(outbox
              ->store(visitor_lead("L-ERASE", "erase.me@example.org", kNow),
                      {visitor_message("L-ERASE", "erase.me@example.org")})
              .status == StoreStatus::kStored);
  REQUIRE(outbox
              ->store(visitor_lead("L-KEEP", "keep.me@example.org", kNow),
                      {visitor_message("L-KEEP", "keep.me@example.org")})
              .status == StoreStatus::kStored);
  std::ofstream(data + "/mail/L-ERASE-visitor.eml") << "To: erase.me@example.org\r\n";
  std::ofstream(data + "/mail/.L-ERASE-clinic.tmp") << "Reply-To: erase.me@example.org\r\n";

  bool left_old_copies = false;
  SECTION("pages a writer freed without secure_delete are dropped by VACUUM") {
    // A build of SQLite without SECURE_DELETE leaves freed pages as they were: here a copy of
    // the rows, freed again.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((data + "/leads.sqlite3").c_str(), &db) == SQLITE_OK);
    exec(db, "PRAGMA secure_delete=OFF");
    exec(db, "CREATE TABLE scratch AS SELECT * FROM outbox");
    exec(db, "DROP TABLE scratch");
    exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    sqlite3_close(db);
    left_old_copies = true;
  }
  SECTION("with secure_delete throughout") {}

  EraseOptions options;
  options.server_running = false;
  const EraseReport report = erase_leads(data, {"", "ERASE.me@example.org"}, kNow + 1, options);
  REQUIRE(report.error.empty());
  CHECK(report.lead_ids == std::vector<std::string>{"L-ERASE"});
  CHECK(report.files_removed == 2);
  CHECK(report.vacuumed == left_old_copies);
  CHECK(report.still_holding.empty());
  CHECK(files_containing(data, "erase.me@example.org").empty());
  CHECK(files_containing(data, "Visitor L-ERASE").empty());
  CHECK_FALSE(files_containing(data, "keep.me@example.org").empty());

  const auto rows = outbox->list_leads(error);
  REQUIRE(rows.size() == 2);
  for (const auto& row : rows) {
    INFO(row.lead.lead_id);
    CHECK(row.lead.email.empty() == (row.lead.lead_id == "L-ERASE"));
    CHECK(row.lead.verdict == "good_candidate");
  }
  const auto exported = export_leads(data, {"L-ERASE", ""}, kNow, error);
  REQUIRE(exported);
  const auto& lead = (*exported)["leads"].at(0);
  CHECK(lead["erased_at"] == "2027-01-15T08:00:00.001Z");
  CHECK(lead["document"].is_null());
  CHECK(lead["client_id"].is_null());
  CHECK(lead["messages"].at(0)["mime"] == "");
  CHECK(lead["messages"].at(0)["recipients"].empty());
}

TEST_CASE("a message of an erased lead is never sent again", "[server][rights][outbox]") {
  const std::string data = temp_data_dir();
  std::string error;
  auto outbox = Outbox::open(data + "/leads.sqlite3", error);
  REQUIRE(outbox);
  REQUIRE(outbox
              ->store(visitor_lead("L-FLY", "fly@example.org", kNow),
                      {visitor_message("L-FLY", "fly@example.org")})
              .status == StoreStatus::kStored);
  auto delivery = outbox->claim_due(kNow);  // being sent while the erase runs
  REQUIRE(delivery);
  EraseOptions options;
  options.sending_wait_ms = 0;
  const EraseReport report = erase_leads(data, {"L-FLY", ""}, kNow, options);
  CHECK(report.still_sending);

  SECTION("a failed attempt is cancelled, not retried") {
    CHECK(outbox->mark_failed(delivery->message.message_id, "451 <fly@example.org> busy", kNow,
                              1) == MessageState::kCancelled);
    CHECK(outbox->list_leads(error).at(0).last_error.empty());
    CHECK_FALSE(outbox->claim_due(kNow + kDay));
    CHECK(outbox->retry("L-FLY", kNow, error) == Outbox::RetryStatus::kNothingToRetry);
    CHECK(outbox->counts().cancelled == 1);
  }
  SECTION("a crash during the attempt cancels it at the restart") {
    CHECK(outbox->requeue_interrupted() == 0);
    CHECK_FALSE(outbox->claim_due(kNow + kDay));
    CHECK(outbox->counts().cancelled == 1);
  }
  SECTION("an accepted attempt stays sent (it did reach the server)") {
    outbox->mark_sent(delivery->message.message_id, kNow);
    CHECK(outbox->counts().sent == 1);
  }
}

TEST_CASE("the retention sweep erases old leads whose deliveries are over",
          "[server][rights][retention]") {
  const std::string data = temp_data_dir();
  std::string error;
  auto outbox = Outbox::open(data + "/leads.sqlite3", error);
  REQUIRE(outbox);
  auto add = [&](const std::string& id, std::int64_t received, const std::string& quarantine) {
    auto record = visitor_lead(id, id + "@example.org", received);
    record.quarantine = quarantine;
    REQUIRE(outbox->store(record, {visitor_message(id, id + "@example.org")}).status ==
            StoreStatus::kStored);
  };
  add("L-OLD-SENT", kNow - 31 * kDay, "");
  add("L-OLD-DEAD", kNow - 31 * kDay, "");
  add("L-OLD-QUEUED", kNow - 31 * kDay, "");
  add("L-OLD-HELD", kNow - 31 * kDay, "honeypot");
  add("L-NEW-SENT", kNow - 29 * kDay, "");
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((data + "/leads.sqlite3").c_str(), &db) == SQLITE_OK);
    exec(db, "UPDATE outbox SET state = 'sent' WHERE lead_id IN ('L-OLD-SENT', 'L-NEW-SENT')");
    exec(db, "UPDATE outbox SET state = 'dead' WHERE lead_id = 'L-OLD-DEAD'");
    sqlite3_close(db);
  }

  const EraseReport report = erase_expired_leads(data, kNow, 30);
  REQUIRE(report.error.empty());
  auto erased = report.lead_ids;
  std::sort(erased.begin(), erased.end());
  CHECK(erased == std::vector<std::string>{"L-OLD-DEAD", "L-OLD-HELD", "L-OLD-SENT"});
  CHECK(files_containing(data, "L-OLD-HELD@example.org").empty());
  CHECK_FALSE(files_containing(data, "L-NEW-SENT@example.org").empty());
  CHECK(erase_expired_leads(data, kNow, 30).lead_ids.empty());  // nothing twice
}

TEST_CASE("log lines carry no email address", "[server][rights][log]") {
  CHECK(without_addresses("550 5.1.1 <ana@example.org>: Recipient address rejected") ==
        "550 5.1.1 <[address]>: Recipient address rejected");
  CHECK(without_addresses("to=Ana.Garcia+smp@mail.example.org, status=bounced") ==
        "to=[address], status=bounced");
  CHECK(without_addresses("a@b c@d") == "[address] [address]");
  CHECK(without_addresses("no address here") == "no address here");
  CHECK(without_addresses("") == "");
}

TEST_CASE("with no server running, a message left sending by a crash is cancelled at once",
          "[server][rights][outbox]") {
  const std::string data = temp_data_dir();
  std::string error;
  auto outbox = Outbox::open(data + "/leads.sqlite3", error);
  REQUIRE(outbox);
  REQUIRE(outbox
              ->store(visitor_lead("L-STALE", "stale@example.org", kNow),
                      {visitor_message("L-STALE", "stale@example.org")})
              .status == StoreStatus::kStored);
  REQUIRE(outbox->claim_due(kNow));
  EraseOptions options;
  options.server_running = false;
  const EraseReport report = erase_leads(data, {"", "stale@example.org"}, kNow, options);
  CHECK_FALSE(report.still_sending);
  CHECK(report.cancelled == 1);
  CHECK(outbox->counts().cancelled == 1);
  CHECK(outbox->requeue_interrupted() == 0);
  CHECK_FALSE(outbox->claim_due(kNow + kDay));
}
