#include "smp/server/outbox.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

using namespace smp::server;

namespace {

std::string temp_database() {
  std::random_device device;
  const auto dir =
      std::filesystem::temp_directory_path() / ("smp-outbox-test-" + std::to_string(device()));
  std::filesystem::create_directories(dir);
  return (dir / "leads.sqlite3").string();
}

LeadRecord lead(const std::string& id, const std::string& client_id, std::int64_t now) {
  LeadRecord record;
  record.lead_id = id;
  record.client_id = client_id;
  record.received_ms = now;
  record.name = "Ana";
  record.email = "ana@example.org";
  record.verdict = "good_candidate";
  record.document = "{}";
  return record;
}

OutgoingMessage message(const std::string& lead_id, const std::string& kind) {
  return {lead_id + "." + kind + "@example.com",
          lead_id,
          kind,
          "relay@example.com",
          {"clinic@example.com"},
          "Subject: x\r\n\r\nbody\r\n"};
}

constexpr std::int64_t kMinute = 60'000;

}  // namespace

TEST_CASE("backoff grows from a minute to an hour and gives up after 5 days",
          "[server][outbox][backoff]") {
  CHECK(retry_delay_ms(1) == 1 * kMinute);
  CHECK(retry_delay_ms(2) == 2 * kMinute);
  CHECK(retry_delay_ms(3) == 5 * kMinute);
  CHECK(retry_delay_ms(6) == 40 * kMinute);
  CHECK(retry_delay_ms(7) == 60 * kMinute);
  CHECK(retry_delay_ms(100) == 60 * kMinute);
  for (int attempt = 2; attempt < 20; ++attempt)
    CHECK(retry_delay_ms(attempt) >= retry_delay_ms(attempt - 1));
  CHECK(give_up_after_ms() == 5LL * 24 * 60 * kMinute);
  CHECK(retry_delay_ms(3, 100) == 500);  // the test hook scales the whole schedule
}

TEST_CASE("the outbox stores leads durably and moves messages through their states",
          "[server][outbox]") {
  std::string error;
  const std::string path = temp_database();
  auto outbox = Outbox::open(path, error);
  REQUIRE(outbox);
  const std::int64_t t0 = 1'800'000'000'000;

  const auto stored = outbox->store(lead("L-A", "client-a", t0), {message("L-A", "clinic")});
  REQUIRE(stored.status == StoreStatus::kStored);
  CHECK(stored.lead_id == "L-A");

  SECTION("the same client_id returns the first lead and queues nothing more") {
    const auto again = outbox->store(lead("L-B", "client-a", t0), {message("L-B", "clinic")});
    CHECK(again.status == StoreStatus::kDuplicate);
    CHECK(again.lead_id == "L-A");
    CHECK(outbox->find_by_client_id("client-a", error) == std::optional<std::string>("L-A"));
    CHECK(outbox->counts().queued == 1);
  }

  SECTION("queued -> sending -> sent") {
    auto delivery = outbox->claim_due(t0);
    REQUIRE(delivery);
    CHECK(delivery->message.message_id == "L-A.clinic@example.com");
    CHECK(delivery->message.recipients == std::vector<std::string>{"clinic@example.com"});
    CHECK(outbox->counts().sending == 1);
    CHECK_FALSE(outbox->claim_due(t0));  // not handed out twice
    outbox->mark_sent(delivery->message.message_id, t0 + 10);
    CHECK(outbox->counts().sent == 1);
    CHECK_FALSE(outbox->claim_due(t0 + kMinute * 1000));
  }

  SECTION("a failure schedules a retry with backoff") {
    auto delivery = outbox->claim_due(t0);
    REQUIRE(delivery);
    CHECK(outbox->mark_failed(delivery->message.message_id, "connection refused", t0, kMinute) ==
          MessageState::kRetry);
    CHECK_FALSE(outbox->claim_due(t0 + kMinute - 1));
    CHECK(outbox->next_due_ms() == std::optional<std::int64_t>(t0 + kMinute));
    auto retry = outbox->claim_due(t0 + kMinute);
    REQUIRE(retry);
    CHECK(retry->attempts == 1);
    CHECK(outbox->mark_failed(retry->message.message_id, "again", t0 + kMinute, kMinute) ==
          MessageState::kRetry);
    CHECK(outbox->next_due_ms() == std::optional<std::int64_t>(t0 + 3 * kMinute));
  }

  SECTION("after 5 days of failures the message is dead, and the lead is kept") {
    std::int64_t now = t0;
    MessageState state = MessageState::kRetry;
    int attempts = 0;
    for (; attempts < 1000 && state == MessageState::kRetry; ++attempts) {
      auto delivery = outbox->claim_due(now);
      REQUIRE(delivery);
      state = outbox->mark_failed(delivery->message.message_id, "down", now, kMinute);
      if (const auto due = outbox->next_due_ms()) now = *due;
    }
    CHECK(state == MessageState::kDead);
    CHECK(attempts > 100);  // hourly retries for days
    CHECK(now - t0 <= give_up_after_ms());
    CHECK(outbox->counts().dead == 1);
    auto rows = outbox->list_leads(error);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].delivery.find("dead") != std::string::npos);
    CHECK(rows[0].last_error == "down");
  }

  SECTION("a restart puts interrupted sends back in the queue with the same Message-ID") {
    REQUIRE(outbox->claim_due(t0));
    outbox.reset();  // as if killed while sending
    auto reopened = Outbox::open(path, error);
    REQUIRE(reopened);
    CHECK(reopened->requeue_interrupted() == 1);
    auto delivery = reopened->claim_due(t0);
    REQUIRE(delivery);
    CHECK(delivery->message.message_id == "L-A.clinic@example.com");
  }

  SECTION("regression: a send the server accepted before a kill -9 is not sent again") {
    auto delivery = outbox->claim_due(t0);
    REQUIRE(delivery);
    outbox->note_delivered(delivery->message.message_id);  // the server's "250" arrived
    outbox.reset();                                        // killed before mark_sent
    auto reopened = Outbox::open(path, error);
    REQUIRE(reopened);
    CHECK(reopened->requeue_interrupted() == 0);
    CHECK(reopened->counts().sent == 1);
    CHECK_FALSE(reopened->claim_due(t0 + 1'000'000));
    // The journal is emptied once the database holds it.
    CHECK(std::filesystem::file_size(path + "-delivered") == 0);
  }
}

TEST_CASE("a database that cannot be opened is reported, not crashed on", "[server][outbox]") {
  std::string error;
  CHECK_FALSE(Outbox::open("/nonexistent-dir/for/sure/leads.sqlite3", error));
  CHECK_FALSE(error.empty());
}
