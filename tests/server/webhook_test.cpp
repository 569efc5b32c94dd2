// The webhook channel's pieces: Standard Webhooks signatures (the specification's own test
// vector), secrets, how an answer counts, Retry-After, the payload's health rule, and the
// outbox keeping each webhook's deliveries to its own worker.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "smp/consultation.hpp"
#include "smp/json_text.hpp"
#include "smp/lead.hpp"
#include "smp/messages.hpp"
#include "smp/server/outbox.hpp"
#include "smp/server/webhook_payload.hpp"
#include "smp/server/webhook_sender.hpp"
#include "smp/server/webhook_signature.hpp"

using namespace smp::server;
using nlohmann::json;

TEST_CASE("webhook signatures follow Standard Webhooks", "[server][webhooks][signature]") {
  // The test vector of github.com/standard-webhooks/standard-webhooks (libraries' tests).
  const auto key = decode_webhook_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  REQUIRE(key);
  CHECK(key->size() == 24);
  CHECK(webhook_signature(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                          R"({"test": 2432232314})") ==
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  const auto headers = webhook_headers(*key, "msg_1", 1614265330, "{}");
  REQUIRE(headers.size() == 3);
  CHECK(headers[0] == std::pair<std::string, std::string>{"webhook-id", "msg_1"});
  CHECK(headers[1] == std::pair<std::string, std::string>{"webhook-timestamp", "1614265330"});
  CHECK(headers[2].first == "webhook-signature");
  CHECK(headers[2].second.rfind("v1,", 0) == 0);
}

TEST_CASE("a webhook secret is whsec_ and the base64 of 24 to 64 bytes",
          "[server][webhooks][signature]") {
  CHECK(decode_webhook_secret("whsec_" + std::string(32, 'A')));  // 24 bytes
  CHECK(
      decode_webhook_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqrTwjUPD8ILPZIo2LaL"
                            "aSw"));
  for (const char* bad : {"", "whsec_", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_c2hvcnQ=",
                          "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", "whsec_MfKQ9r8GKYqr=wjUPD8IL",
                          "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-w"}) {
    INFO(bad);
    CHECK_FALSE(decode_webhook_secret(bad));
  }
}

TEST_CASE("a receiver's answer: 2xx done, some retried, 410 gone, other 4xx refused",
          "[server][webhooks][delivery]") {
  const std::int64_t now = 1'700'000'000'000;
  CHECK(classify_webhook_reply(200, "", "", now).ok);
  CHECK(classify_webhook_reply(204, "", "", now).ok);
  for (long status : {408L, 425L, 429L, 500L, 502L, 503L, 599L}) {
    INFO(status);
    const auto result = classify_webhook_reply(status, "", "", now);
    CHECK_FALSE(result.ok);
    CHECK_FALSE(result.permanent);
    CHECK_FALSE(result.gone);
  }
  const auto timeout = classify_webhook_reply(0, "no answer within 10 s", "", now);
  CHECK_FALSE(timeout.ok);
  CHECK_FALSE(timeout.permanent);
  const auto gone = classify_webhook_reply(410, "", "", now);
  CHECK(gone.gone);
  CHECK(gone.permanent);
  for (long status : {301L, 400L, 401L, 403L, 404L, 422L}) {
    INFO(status);
    const auto result = classify_webhook_reply(status, "", "", now);
    CHECK(result.permanent);
    CHECK_FALSE(result.gone);
  }
  CHECK(classify_webhook_reply(503, "", "7", now).retry_after_ms == 7000);
  CHECK(classify_webhook_reply(429, "", "", now).retry_after_ms == 0);
}

TEST_CASE("Retry-After is delta-seconds or an HTTP date, at most a day",
          "[server][webhooks][delivery]") {
  const std::int64_t now = 1'445'412'480'000;  // Wed, 21 Oct 2015 07:28:00 GMT
  CHECK(parse_retry_after("120", now) == 120'000);
  CHECK(parse_retry_after(" 0 ", now) == 0);
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:29:00 GMT", now) == 60'000);
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now) == 0);  // past: now
  CHECK(parse_retry_after("999999999999999999999", now) == 24LL * 3600 * 1000);
  CHECK_FALSE(parse_retry_after("", now));
  CHECK_FALSE(parse_retry_after("soon", now));
  CHECK_FALSE(parse_retry_after("-5", now));
}

namespace {

smp::Lead sample_lead(bool health_consent) {
  json document = json::parse(R"({
    "schema": "smp-consult/lead@1",
    "contact": {"name": "Ana", "email": "ana@example.org"},
    "consent": {"contact": true, "health_data": false},
    "answers": {"age": 40, "sex": "male", "pattern": {"scale": "norwood", "stage": "III"},
                "desired_look": "shaved"},
    "context": {"locale": "en"},
    "client_id": "c_7f3a9b2e-1d4c-4b1a"})");
  if (health_consent) {
    document["consent"]["health_data"] = true;
    document["answers"]["medical"] = {{"keloid_prone", false}};
  }
  const auto lead =
      smp::parse_lead(document, smp::default_config(), *smp::parse_date("2025-06-01"), "en");
  for (const auto& e : lead.errors) UNSCOPED_INFO(smp::format_diagnostic(e));
  REQUIRE(lead.ok());
  return *lead.value;
}

}  // namespace

TEST_CASE("answers.medical goes only where consent and include_health meet",
          "[server][webhooks][payload]") {
  const smp::Config config = smp::default_config();
  const auto run = [&](bool consent, bool include_health) {
    const smp::Lead lead = sample_lead(consent);
    const auto consultation =
        smp::evaluate(lead.parsed_answers, config, *smp::parse_date("2025-06-01"));
    const json result = smp::to_json(consultation, config, smp::Messages(config, "en"));
    return json::parse(webhook_payload({"L-1", 1748736000000, &lead, &result, include_health}));
  };
  CHECK(run(true, true)["data"]["answers"].contains("medical"));
  CHECK_FALSE(run(true, false)["data"]["answers"].contains("medical"));
  CHECK_FALSE(run(false, true)["data"]["answers"].contains("medical"));
  const json payload = run(false, false);
  CHECK(payload["type"] == "lead.created");
  CHECK(payload["timestamp"] == "2025-06-01T00:00:00.000Z");
  CHECK(payload["data"]["lead_id"] == "L-1");
  CHECK(payload["data"]["estimate"]["text"].is_string());
  CHECK(payload["data"]["answers"]["desired_look"] == "shaved");
}

TEST_CASE("each webhook's deliveries go to its own worker, the emails to theirs",
          "[server][webhooks][outbox]") {
  std::random_device device;
  const auto dir =
      std::filesystem::temp_directory_path() / ("smp-webhook-test-" + std::to_string(device()));
  std::filesystem::create_directories(dir);
  std::string error;
  auto outbox = Outbox::open((dir / "leads.sqlite3").string(), error);
  REQUIRE(outbox);
  LeadRecord record;
  record.lead_id = "L-1";
  record.received_ms = 1000;
  record.document = "{}";
  const std::string hook_a = webhook_kind("https://a.example/hook");
  const std::string hook_b = webhook_kind("https://b.example/hook");
  std::vector<OutgoingMessage> messages{
      {"L-1.clinic@x", "L-1", "clinic", "relay@x", {"clinic@x"}, "mime"},
      {webhook_message_id("L-1", 0), "L-1", hook_a, "", {"https://a.example/hook"}, "{}"},
      {webhook_message_id("L-1", 1), "L-1", hook_b, "", {"https://b.example/hook"}, "{}"}};
  REQUIRE(outbox->store(record, messages).status == StoreStatus::kStored);

  const auto email = outbox->claim_due(2000);
  REQUIRE(email);
  CHECK(email->message.kind == "clinic");
  CHECK_FALSE(outbox->claim_due(2000));  // the webhooks are not the email worker's
  const auto a = outbox->claim_due(2000, hook_a);
  REQUIRE(a);
  CHECK(a->message.message_id == "msg_L-1_1");
  CHECK_FALSE(outbox->claim_due(2000, hook_a));

  SECTION("Retry-After holds a delivery past the backoff") {
    outbox->mark_failed(a->message.message_id, "HTTP 503", 2000, 100, false, 5000);
    CHECK(outbox->next_due_ms(hook_a) == 7000);
  }
  SECTION("410 disables the endpoint and its waiting deliveries, kept; retry enables it") {
    outbox->disable_webhook(hook_b, webhook_message_id("L-1", 1), "HTTP 410 Gone", 2000);
    CHECK(outbox->webhook_disabled(hook_b));
    CHECK_FALSE(outbox->claim_due(3000, hook_b));
    CHECK(outbox->counts().disabled == 1);
    REQUIRE(outbox->disabled_webhooks().size() == 1);
    CHECK(outbox->retry("L-1", 4000, error) == Outbox::RetryStatus::kQueued);
    CHECK_FALSE(outbox->webhook_disabled(hook_b));
    CHECK(outbox->claim_due(4000, hook_b));
  }
  outbox.reset();
  std::filesystem::remove_all(dir);
}
