#pragma once
// How a message leaves the relay: SMTP (libcurl) when configured, else .eml files in a folder;
// a webhook delivery is POSTed by a WebhookSender (webhook_sender.hpp), the same interface.
// The outbox decides when to send; a Mailer (a channel) only tries once and says how it went.
#include <cstdint>
#include <memory>
#include <string>

#include "smp/server/outbox.hpp"

namespace smp::server {

struct SendResult {
  bool ok = false;
  std::string error;  ///< why it failed (logged and stored with the message)
  /// The server refused the message for good (an SMTP 5xx reply): retrying cannot help, so the
  /// message becomes a dead letter at once (kept, shown by `leads list`, `leads retry ID`).
  bool permanent = false;
  /// Webhooks: the receiver's Retry-After, as a delay from now (0 = none given).
  std::int64_t retry_after_ms = 0;
  /// Webhooks: 410 Gone — the receiver asks for no more deliveries; the endpoint is disabled.
  bool gone = false;
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  /// One delivery attempt of a complete message.
  virtual SendResult send(const OutgoingMessage& message) = 0;
  /// For the startup log, e.g. "SMTP smtp://127.0.0.1:2525" (never the credentials).
  virtual std::string describe() const = 0;
  /// Called from another thread at shutdown: cut an attempt in progress short (it is retried).
  virtual void interrupt() {}
};

struct SmtpSettings {
  std::string url;  ///< smtp://host[:port] or smtps://host[:port]
  std::string user;
  std::string password;
  /// SMTP_ALLOW_PLAINTEXT: the clinic's explicit opt-out from TLS to a non-loopback server.
  bool allow_plaintext = false;
  /// Test hook (SMP_SMTP_CONNECT_TO): libcurl CONNECT_TO "HOST:PORT:ADDR:PORT"; the TLS rule
  /// still follows the URL's host.
  std::string connect_to = "";
  /// SMTP_CA_FILE: a PEM file of certificates to trust for the SMTP server's TLS (a private
  /// CA, or the tests' self-signed one); "" = the system's store. Names are still verified.
  std::string ca_file = "";
};

/// How a message is protected on its way to the SMTP server.
enum class SmtpTls {
  kImplicit,          ///< smtps://
  kStartTlsRequired,  ///< smtp://: the server must offer STARTTLS, else delivery fails
  kStartTlsIfOffered  ///< smtp:// to a loopback server, or with the opt-out: clear if need be
};

/// The TLS rule: these emails can carry health data, so TLS is required except to a loopback
/// server (127.0.0.0/8, ::1, localhost) or with `allow_plaintext`; with credentials TLS is
/// required always (they are never sent in clear).
SmtpTls smtp_tls_rule(const SmtpSettings& settings);
/// True for "localhost", 127.0.0.0/8 and ::1 (the host of an SMTP URL, port stripped).
bool is_loopback_host(const std::string& host);

/// Writes each message atomically as `<dir>/<lead id>-<kind>.eml` (a retry overwrites the same
/// file, so a message exists once however often it is attempted).
std::unique_ptr<Mailer> make_file_mailer(const std::string& directory);
/// SMTP through libcurl; nullptr with `error` for a bad URL.
std::unique_ptr<Mailer> make_smtp_mailer(const SmtpSettings& settings, std::string& error);
/// Checks an SMTP URL and credentials policy without connecting; "" when fine.
std::string check_smtp_settings(const SmtpSettings& settings);

}  // namespace smp::server
