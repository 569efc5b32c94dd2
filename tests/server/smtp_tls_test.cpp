#include <catch2/catch.hpp>

#include "smp/server/mailer.hpp"

using namespace smp::server;

TEST_CASE("SMTP requires TLS except to a loopback server or with the opt-out",
          "[server][smtp][tls]") {
  auto rule = [](const std::string& url, const std::string& user = "", bool opt_out = false) {
    SmtpSettings settings{url, user, user.empty() ? "" : "secret"};
    settings.allow_plaintext = opt_out;
    return smtp_tls_rule(settings);
  };
  SECTION("regression: a remote smtp:// server without STARTTLS no longer gets plaintext") {
    CHECK(rule("smtp://mail.example.com:587") == SmtpTls::kStartTlsRequired);
    CHECK(rule("smtp://203.0.113.5:25") == SmtpTls::kStartTlsRequired);
    CHECK(rule("smtp://[2001:db8::25]:25") == SmtpTls::kStartTlsRequired);
    // Hosts that only look local.
    CHECK(rule("smtp://localhost.example.com:25") == SmtpTls::kStartTlsRequired);
    CHECK(rule("smtp://127.0.0.1.example.com:25") == SmtpTls::kStartTlsRequired);
  }
  SECTION("a loopback server may be plaintext") {
    CHECK(rule("smtp://127.0.0.1:2525") == SmtpTls::kStartTlsIfOffered);
    CHECK(rule("smtp://127.1.2.3") == SmtpTls::kStartTlsIfOffered);
    CHECK(rule("smtp://localhost:25") == SmtpTls::kStartTlsIfOffered);
    CHECK(rule("smtp://[::1]:25/relay") == SmtpTls::kStartTlsIfOffered);
  }
  SECTION("the explicit opt-out allows plaintext to a remote server") {
    CHECK(rule("smtp://mail.example.com:25", "", true) == SmtpTls::kStartTlsIfOffered);
  }
  SECTION("credentials are never sent in clear, loopback or opt-out") {
    CHECK(rule("smtp://127.0.0.1:2525", "me") == SmtpTls::kStartTlsRequired);
    CHECK(rule("smtp://mail.example.com:25", "me", true) == SmtpTls::kStartTlsRequired);
  }
  SECTION("smtps:// is TLS from the first byte") {
    CHECK(rule("smtps://mail.example.com:465") == SmtpTls::kImplicit);
    CHECK(rule("smtps://127.0.0.1:465", "", true) == SmtpTls::kImplicit);
  }
  CHECK(is_loopback_host("127.0.0.1"));
  CHECK(is_loopback_host("::1"));
  CHECK_FALSE(is_loopback_host("10.0.0.1"));
  CHECK_FALSE(is_loopback_host(""));
}
