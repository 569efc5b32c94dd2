#include "smp/server/http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "smp/config.hpp"
#include "smp/server/lead_handler.hpp"
#include "smp/server/outbox.hpp"

using namespace smp::server;

namespace {

// One HTTP/1.1 exchange over a plain socket (Connection: close, so the reply ends at EOF).
std::string http_exchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  std::string reply;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) reply.append(buffer, n);
  }
  ::close(fd);
  return reply;
}

std::string request(const std::string& method, const std::string& path, const std::string& body) {
  return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
         "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

}  // namespace

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
  // the whole process, is for the wasm build only). Routes added later than the catch-all GET
  // "/" still match their POSTs.
  server->route("POST", "/test/unchecked-json", [](const HttpRequest&) {
    const nlohmann::json document = nlohmann::json::object();
    return HttpReply{200, "text/plain", document.at("missing").get<std::string>(), {}};
  });
  server->route("POST", "/test/throw-int", [](const HttpRequest&) -> HttpReply { throw 42; });
  const int port = bind_http_server(*server, "127.0.0.1", 0);
  REQUIRE(port > 0);

  for (const char* path : {"/test/unchecked-json", "/test/throw-int"}) {
    INFO(path);
    const std::string reply = http_exchange(port, request("POST", path, "{}"));
    CHECK(reply.rfind("HTTP/1.1 500", 0) == 0);
    const auto head_end = reply.find("\r\n\r\n");
    REQUIRE(head_end != std::string::npos);
    CHECK(reply.substr(0, head_end).find("Content-Type: application/json") != std::string::npos);
    const auto body = nlohmann::json::parse(reply.substr(head_end + 4), nullptr, false);
    REQUIRE(body.is_object());
    CHECK(body["errors"][0]["code"] == "internal_error");
  }
  const std::string health = http_exchange(port, request("GET", "/healthz", ""));
  CHECK(health.rfind("HTTP/1.1 200", 0) == 0);

  server->stop();
  outbox.reset();
  std::filesystem::remove_all(dir);
}
