#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>

#include "smp/server/csv.hpp"
#include "smp/server/http_server.hpp"
#include "smp/server/lead_handler.hpp"
#include "smp/server/lead_id.hpp"
#include "smp/server/rate_limiter.hpp"
#include "smp/server/static_files.hpp"
#include "smp/server/timestamps.hpp"

using namespace smp::server;

TEST_CASE("rate limiter allows N per minute per key", "[server][rate_limit]") {
  RateLimiter limiter(3);
  const std::int64_t t0 = 1'000'000;
  CHECK(limiter.check("1.2.3.4", t0) == 0);
  CHECK(limiter.check("1.2.3.4", t0 + 1) == 0);
  CHECK(limiter.check("1.2.3.4", t0 + 2) == 0);
  CHECK(limiter.check("1.2.3.4", t0 + 3) == 60);  // Retry-After in seconds
  CHECK(limiter.check("5.6.7.8", t0 + 3) == 0);   // per IP
  CHECK(limiter.check("1.2.3.4", t0 + 59'000) == 2);
  CHECK(limiter.check("1.2.3.4", t0 + 60'000) == 0);
  RateLimiter off(0);
  for (int i = 0; i < 100; ++i) CHECK(off.check("x", t0) == 0);
}

TEST_CASE("origins: none, same origin and the allowlist pass", "[server][cors]") {
  const std::vector<std::string> allowed{"https://clinic.example", "http://localhost:3000/"};
  CHECK(origin_allowed("", "127.0.0.1:8080", allowed));
  CHECK(origin_allowed("http://127.0.0.1:8080", "127.0.0.1:8080", allowed));
  CHECK(origin_allowed("https://clinic.example", "relay.example", allowed));
  CHECK(origin_allowed("HTTPS://Clinic.Example", "relay.example", allowed));
  CHECK(origin_allowed("http://localhost:3000", "relay.example", allowed));
  CHECK_FALSE(origin_allowed("https://evil.example", "relay.example", allowed));
  CHECK_FALSE(origin_allowed("https://clinic.example.evil.example", "relay.example", allowed));
  CHECK_FALSE(origin_allowed("null", "relay.example", allowed));
  CHECK(origin_allowed("https://any.example", "relay.example", {"*"}));
}

TEST_CASE("ISO 8601 timestamps parse with zones", "[server][time]") {
  CHECK(parse_iso8601("1970-01-01T00:00:00Z") == std::optional<std::int64_t>(0));
  CHECK(parse_iso8601("1970-01-01T00:00:01.5Z") == std::optional<std::int64_t>(1500));
  CHECK(parse_iso8601("1970-01-01T02:00:00+02:00") == std::optional<std::int64_t>(0));
  CHECK(parse_iso8601("1970-01-01T00:00Z") == std::optional<std::int64_t>(0));
  CHECK_FALSE(parse_iso8601("yesterday"));
  CHECK_FALSE(parse_iso8601("2025-02-30T00:00:00Z"));
  CHECK_FALSE(parse_iso8601("2025-01-01T00:00:00Zjunk"));
  CHECK(iso8601_utc(1500) == "1970-01-01T00:00:01.500Z");
}

TEST_CASE("lead ids are L- plus 12 base32 characters", "[server][lead_id]") {
  const std::string id = new_lead_id();
  CHECK(is_lead_id(id));
  CHECK(new_lead_id() != id);
  CHECK_FALSE(is_lead_id("L-short"));
  CHECK_FALSE(is_lead_id("L-ILOU00000000"));
}

TEST_CASE("CSV fields are quoted and formulas defused", "[server][csv]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("line\nbreak") == "\"line\nbreak\"");
  CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_field("+34 600") == "'+34 600");
  CHECK(csv_row({"a", "b"}) == "a,b\r\n");
}

TEST_CASE("static files: content types, no traversal, no listings", "[server][static]") {
  CHECK(content_type_for("a/smp-consult.js") == "text/javascript; charset=utf-8");
  CHECK(content_type_for("x.mjs") == "text/javascript; charset=utf-8");
  CHECK(content_type_for("core.wasm") == "application/wasm");
  CHECK(content_type_for("index.html") == "text/html; charset=utf-8");
  CHECK(content_type_for("blob") == "application/octet-stream");

  std::random_device device;
  const auto root =
      std::filesystem::temp_directory_path() / ("smp-static-" + std::to_string(device()));
  std::filesystem::create_directories(root / "site" / "sub");
  std::filesystem::create_directories(root / "site" / "listing");
  std::ofstream(root / "site" / "index.html") << "index";
  std::ofstream(root / "site" / "sub" / "index.html") << "sub";
  std::ofstream(root / "site" / ".env") << "secret";
  std::ofstream(root / "secret.txt") << "secret";
  std::filesystem::create_symlink(root / "secret.txt", root / "site" / "link.txt");
  const std::string site = (root / "site").string();

  CHECK(resolve_static_path(site, "").has_value());
  CHECK(resolve_static_path(site, "index.html").has_value());
  CHECK(resolve_static_path(site, "sub/").value().find("sub/index.html") != std::string::npos);
  CHECK_FALSE(resolve_static_path(site, "listing/"));
  CHECK_FALSE(resolve_static_path(site, "../secret.txt"));
  CHECK_FALSE(resolve_static_path(site, "sub/../../secret.txt"));
  CHECK_FALSE(resolve_static_path(site, ".env"));
  CHECK_FALSE(resolve_static_path(site, "link.txt"));  // symlink out of the root
  CHECK_FALSE(resolve_static_path(site, "missing.js"));
  CHECK_FALSE(resolve_static_path(site, "a\\..\\b"));
  std::filesystem::remove_all(root);
}

TEST_CASE("/embed: CSP with frame-ancestors from config, no inline code", "[server][embed]") {
  CHECK(embed_csp("") ==
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
        "object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; "
        "trusted-types 'none'; frame-ancestors 'self'");
  CHECK(frame_ancestors_value({"https://a.example", "https://b.example"}) ==
        "https://a.example https://b.example");
  CHECK(frame_ancestors_value({"https://a.example; script-src *", "'self'"}) == "'self'");
  const std::string page = embed_page("Clinic <b>", "es");
  CHECK(page.find("<smp-consultation config=\"/smp/clinic.json\" locale=\"es\">") !=
        std::string::npos);
  CHECK(page.find("<script type=\"module\" src=\"/smp/smp-consult.js\"></script>") !=
        std::string::npos);
  CHECK(page.find("Clinic &lt;b&gt;") != std::string::npos);
  CHECK(page.find("style=") == std::string::npos);
}

#include "smp/server/mailer.hpp"

TEST_CASE("SMTP settings: smtp/smtps only, credentials never in the URL", "[server][smtp]") {
  CHECK(check_smtp_settings({"smtp://127.0.0.1:2525", "", ""}).empty());
  CHECK(check_smtp_settings({"smtps://mail.example.com:465", "me", "secret"}).empty());
  CHECK(check_smtp_settings({"smtp://mail.example.com:587", "me", "secret"})
            .empty());  // STARTTLS required
  CHECK_FALSE(check_smtp_settings({"http://mail.example.com", "", ""}).empty());
  CHECK_FALSE(check_smtp_settings({"smtp://me:secret@mail.example.com", "", ""}).empty());
  CHECK_FALSE(check_smtp_settings({"smtp://", "", ""}).empty());
  CHECK_FALSE(check_smtp_settings({"smtp://mail.example.com", "me", ""}).empty());
  std::string error;
  CHECK_FALSE(make_smtp_mailer({"ftp://x", "", ""}, error));
  CHECK_FALSE(error.empty());
}
