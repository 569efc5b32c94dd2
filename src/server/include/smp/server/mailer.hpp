#pragma once
// How a message leaves the relay: SMTP (libcurl) when configured, else .eml files in a folder.
// The outbox decides when to send; a Mailer only tries once and says how it went.
#include <memory>
#include <string>

#include "smp/server/outbox.hpp"

namespace smp::server {

struct SendResult {
  bool ok = false;
  std::string error;  ///< why it failed (logged and stored with the message)
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  /// One delivery attempt of a complete message.
  virtual SendResult send(const OutgoingMessage& message) = 0;
  /// For the startup log, e.g. "SMTP smtp://127.0.0.1:2525" (never the credentials).
  virtual std::string describe() const = 0;
};

struct SmtpSettings {
  std::string url;  ///< smtp://host[:port] or smtps://host[:port]
  std::string user;
  std::string password;
  /// STARTTLS: required whenever credentials go over smtp:// (never sent in clear);
  /// otherwise tried when offered.
};

/// Writes each message atomically as `<dir>/<lead id>-<kind>.eml` (a retry overwrites the same
/// file, so a message exists once however often it is attempted).
std::unique_ptr<Mailer> make_file_mailer(const std::string& directory);
/// SMTP through libcurl; nullptr with `error` for a bad URL.
std::unique_ptr<Mailer> make_smtp_mailer(const SmtpSettings& settings, std::string& error);
/// Checks an SMTP URL and credentials policy without connecting; "" when fine.
std::string check_smtp_settings(const SmtpSettings& settings);

}  // namespace smp::server
