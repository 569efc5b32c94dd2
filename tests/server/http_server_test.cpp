#include "smp/server/http_server.hpp"

#include <httplib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <thread>

#include "smp/config.hpp"
#include "smp/server/lead_handler.hpp"
#include "smp/server/outbox.hpp"

using namespace smp::server;

TEST_CASE("a handler that throws gets the relay's 500 JSON, and the server lives on",
          "[server][http][exception]") {
  std::random_device device;
  const auto dir =
      std::filesystem::temp_directory_path() / ("smp-http-" + std::to_string(device()));
  std::filesystem::create_directories(dir);
  std::string error;
  auto outbox = Outbox::open((dir / "leads.sqlite3").string(), error);
  REQUIRE(outbox);
  const smp::Config config = smp::default_config();
  LeadService leads(config, *outbox, {"relay@example.com", "clinic@example.com", nullptr}, nullptr);
  auto server = make_http_server(HttpOptions{}, leads, *outbox);
  // An unchecked nlohmann access: natively it throws (JSON_NOEXCEPTION, which made it abort
  // the whole process, is for the wasm build only).
  server->Post("/test/unchecked-json", [](const httplib::Request&, httplib::Response& res) {
    const nlohmann::json document = nlohmann::json::object();
    res.set_content(document.at("missing").get<std::string>(), "text/plain");
  });
  server->Post("/test/throw-int", [](const httplib::Request&, httplib::Response&) { throw 42; });
  const int port = server->bind_to_any_port("127.0.0.1");
  REQUIRE(port > 0);
  std::thread thread([&] { server->listen_after_bind(); });

  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  for (const char* path : {"/test/unchecked-json", "/test/throw-int"}) {
    INFO(path);
    const auto reply = client.Post(path, "{}", "application/json");
    REQUIRE(reply);
    CHECK(reply->status == 500);
    CHECK(reply->get_header_value("Content-Type").find("application/json") == 0);
    const auto body = nlohmann::json::parse(reply->body, nullptr, false);
    REQUIRE(body.is_object());
    CHECK(body["errors"][0]["code"] == "internal_error");
  }
  const auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);

  server->stop();
  thread.join();
  outbox.reset();
  std::filesystem::remove_all(dir);
}
