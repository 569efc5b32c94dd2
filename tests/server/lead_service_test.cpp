#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "smp/config.hpp"
#include "smp/server/email_message.hpp"
#include "smp/server/lead_handler.hpp"
#include "smp/server/outbox.hpp"
#include "smp/server/timestamps.hpp"

using namespace smp::server;
using nlohmann::json;

namespace {

json valid_lead(std::int64_t now, const std::string& client_id) {
  json lead = {
      {"schema", "smp-consult/lead@1"},
      {"contact",
       {{"name", "José Müller"}, {"email", "jose@example.org"}, {"preferred_contact", "email"}}},
      {"consent",
       {{"contact", true},
        {"health_data", false},
        {"marketing", false},
        {"text", "You may contact me."},
        {"given_at", iso8601_utc(now - 1000)}}},
      {"answers",
       {{"age", 40},
        {"sex", "male"},
        {"pattern", {{"scale", "norwood"}, {"stage", "III"}}},
        {"desired_look", "shaved"}}},
      {"context", {{"locale", "en"}, {"started_at", iso8601_utc(now - 120'000)}}},
      {"summary",
       {{"verdict", "good_candidate"}, {"low", 100}, {"high", 200}, {"currency", "USD"}}},
      {"client_id", client_id},
      {"hp", ""}};
  return lead;
}

struct Fixture {
  Fixture() {
    std::random_device device;
    dir = std::filesystem::temp_directory_path() / ("smp-lead-service-" + std::to_string(device()));
    std::filesystem::create_directories(dir);
    std::string error;
    outbox = Outbox::open((dir / "leads.sqlite3").string(), error);
    config.clinic.name = "Test Clinic";
    config.lead.rate_limit_per_minute = 100;
  }
  ~Fixture() { std::filesystem::remove_all(dir); }
  ApiRequest request(const json& body) const {
    ApiRequest r;
    r.body = body.dump();
    r.content_type = "application/json";
    r.host = "127.0.0.1:8080";
    r.remote_addr = "127.0.0.1";
    r.now_ms = now;
    return r;
  }
  std::filesystem::path dir;
  std::unique_ptr<Outbox> outbox;
  smp::Config config = smp::default_config();
  std::int64_t now = now_ms();
};

}  // namespace

TEST_CASE("POST /api/leads stores a valid lead with its email before answering 202",
          "[server][lead]") {
  Fixture f;
  REQUIRE(f.outbox);
  int notified = 0;
  LeadService service(f.config, *f.outbox, {"relay@example.com", "clinic@example.com", nullptr},
                      [&] { ++notified; });

  const auto reply = service.post(f.request(valid_lead(f.now, "client-0001-abcdef")));
  REQUIRE(reply.status == 202);
  const json body = json::parse(reply.body, nullptr, false);
  const std::string lead_id = body.value("lead_id", "");
  CHECK(lead_id.rfind("L-", 0) == 0);
  CHECK(notified == 1);
  CHECK(f.outbox->counts().queued == 1);

  SECTION("a repeated client_id returns the same id and queues nothing") {
    const auto again = service.post(f.request(valid_lead(f.now, "client-0001-abcdef")));
    CHECK(again.status == 202);
    CHECK(json::parse(again.body, nullptr, false).value("lead_id", "") == lead_id);
    CHECK(f.outbox->counts().queued == 1);
    CHECK(notified == 1);
  }

  SECTION("the clinic email carries the server's figures and notes the mismatch") {
    auto delivery = f.outbox->claim_due(f.now);
    REQUIRE(delivery);
    const std::string& mime = delivery->message.mime;
    CHECK(delivery->message.recipients == std::vector<std::string>{"clinic@example.com"});
    CHECK(mime.find("Message-ID: <" + lead_id + ".clinic@example.com>") != std::string::npos);
    CHECK(mime.find("Reply-To: =?UTF-8?B?") != std::string::npos);
    CHECK(mime.find("filename=\"plan.ics\"") != std::string::npos);
  }
}

TEST_CASE("POST /api/leads refuses or silently drops bad submissions", "[server][lead]") {
  Fixture f;
  REQUIRE(f.outbox);
  LeadService service(f.config, *f.outbox, {"relay@example.com", "clinic@example.com", nullptr},
                      nullptr);

  SECTION("wrong content type") {
    auto request = f.request(valid_lead(f.now, "client-0002-abcdef"));
    request.content_type = "text/plain";
    CHECK(service.post(request).status == 415);
  }
  SECTION("oversize") {
    auto request = f.request(valid_lead(f.now, "client-0003-abcdef"));
    request.body.append(kMaxLeadBytes, ' ');
    CHECK(service.post(request).status == 413);
  }
  SECTION("malformed JSON") {
    auto request = f.request(json::object());
    request.body = "{";
    const auto reply = service.post(request);
    CHECK(reply.status == 400);
    CHECK(reply.body.find("malformed_json") != std::string::npos);
  }
  SECTION("validation errors carry pointers") {
    json lead = valid_lead(f.now, "client-0004-abcdef");
    lead["contact"]["name"] = "Eve\r\nBcc: victim@example.com";
    const auto reply = service.post(f.request(lead));
    CHECK(reply.status == 400);
    CHECK(reply.body.find("/contact/name") != std::string::npos);
  }
  SECTION("disallowed origin") {
    auto request = f.request(valid_lead(f.now, "client-0005-abcdef"));
    request.origin = "https://evil.example";
    CHECK(service.post(request).status == 403);
  }
  SECTION("regression: honeypot and too-fast fills are quarantined under the id they are told") {
    json bot = valid_lead(f.now, "client-0006-abcdef");
    bot["hp"] = "spam";
    const auto bot_reply = service.post(f.request(bot));
    CHECK(bot_reply.status == 202);
    json fast = valid_lead(f.now, "client-0007-abcdef");
    fast["context"]["started_at"] = iso8601_utc(f.now - 5'000);
    const auto fast_reply = service.post(f.request(fast));
    CHECK(fast_reply.status == 202);
    std::string error;
    CHECK(f.outbox->list_leads(error).empty());
    const auto quarantined = f.outbox->list_leads(error, /*quarantined=*/true);
    REQUIRE(quarantined.size() == 2);
    std::set<std::string> told, kept, reasons;
    for (const auto* reply : {&bot_reply, &fast_reply}) {
      told.insert(json::parse(reply->body)["lead_id"].get<std::string>());
    }
    for (const auto& row : quarantined) {
      kept.insert(row.lead.lead_id);
      reasons.insert(row.lead.quarantine);
    }
    CHECK(told == kept);
    CHECK(reasons == std::set<std::string>{"honeypot", "min_fill_seconds"});
    CHECK(f.outbox->counts().queued == 0);
    CHECK(f.outbox->counts().held >= 2);
    CHECK_FALSE(f.outbox->claim_due(f.now + 1'000'000));
  }
  SECTION("a missing started_at is not a reason to drop") {
    json lead = valid_lead(f.now, "client-0008-abcdef");
    lead["context"].erase("started_at");
    CHECK(service.post(f.request(lead)).status == 202);
    CHECK(f.outbox->counts().queued == 1);
  }
}

TEST_CASE("rate limit answers 429 with Retry-After", "[server][lead][rate_limit]") {
  Fixture f;
  REQUIRE(f.outbox);
  f.config.lead.rate_limit_per_minute = 2;
  LeadService service(f.config, *f.outbox, {"relay@example.com", "clinic@example.com", nullptr},
                      nullptr);
  CHECK(service.post(f.request(valid_lead(f.now, "client-0010-abcdef"))).status == 202);
  CHECK(service.post(f.request(valid_lead(f.now, "client-0011-abcdef"))).status == 202);
  const auto limited = service.post(f.request(valid_lead(f.now, "client-0012-abcdef")));
  CHECK(limited.status == 429);
  bool has_retry_after = false;
  for (const auto& [name, value] : limited.headers) has_retry_after |= name == "Retry-After";
  CHECK(has_retry_after);
}

TEST_CASE("message ids use the sender's domain", "[server][email]") {
  CHECK(address_domain("relay@clinic.example") == "clinic.example");
}
