// SMTP delivery through libcurl: smtps:// (implicit TLS) and smtp:// with STARTTLS required,
// except to a loopback server or with SMTP_ALLOW_PLAINTEXT (then STARTTLS when offered).
// Credentials never travel in clear.
#include <curl/curl.h>

#include <cstring>
#include <mutex>

#include "curl_connection.hpp"
#include "smp/ip_range.hpp"
#include "smp/server/mailer.hpp"
#include "smp/server/mime.hpp"

namespace smp::server {
namespace {

struct ReadState {
  const std::string* data;
  size_t offset = 0;
};

size_t read_callback(char* buffer, size_t size, size_t count, void* user) {
  auto* state = static_cast<ReadState*>(user);
  const size_t room = size * count;
  const size_t left = state->data->size() - state->offset;
  const size_t n = left < room ? left : room;
  std::memcpy(buffer, state->data->data() + state->offset, n);
  state->offset += n;
  return n;
}

// The server's last reply (all lines of a multi-line one), for the error a clinic reads in
// `leads list`: libcurl's own message names only the code.
struct ReplyLog {
  std::string last;  ///< the reply being read
  bool complete = true;
  std::string refusal;  ///< the last complete 4xx/5xx reply (not QUIT's "221" that follows it)
};

int debug_callback(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* log = static_cast<ReplyLog*>(user);
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (log->complete) log->last.clear();
  if (!log->last.empty()) log->last += " ";
  if (log->last.size() < 400) log->last += line.substr(0, 400 - log->last.size());
  // "250-..." continues a reply; "250 ..." ends it.
  log->complete = line.size() < 4 || line[3] != '-';
  if (log->complete && (log->last[0] == '4' || log->last[0] == '5')) log->refusal = log->last;
  return 0;
}

bool starts_with(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}

// "smtp://host:25/path" -> "host"; "smtp://[::1]:25" -> "::1".
std::string url_host(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  const auto start = scheme + 3;
  const auto end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  if (const auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    return close == std::string::npos ? authority : authority.substr(1, close - 1);
  }
  return authority.substr(0, authority.find(':'));
}

std::string tls_note(SmtpTls rule, bool allow_plaintext) {
  switch (rule) {
    case SmtpTls::kImplicit: return "TLS";
    case SmtpTls::kStartTlsRequired: return "STARTTLS required";
    case SmtpTls::kStartTlsIfOffered:
      return allow_plaintext ? "STARTTLS if offered: SMTP_ALLOW_PLAINTEXT"
                             : "STARTTLS if offered: loopback server";
  }
  return "";
}

class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {}

  SendResult send(const OutgoingMessage& message) override {
    std::lock_guard lock(mutex_);
    // One connection for the life of the mailer: libcurl keeps the SMTP connection open between
    // messages, and no QUIT round trip delays noting a message as sent.
    CURL* curl = connection_.handle();
    if (!curl) return {false, "curl_easy_init failed"};
    ReadState state{&message.mime};
    curl_slist* recipients = nullptr;
    for (const auto& r : message.recipients) {
      recipients = curl_slist_append(recipients, ("<" + r + ">").c_str());
    }
    const std::string mail_from = "<" + message.sender + ">";
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_callback);
    curl_easy_setopt(curl, CURLOPT_READDATA, &state);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    const bool has_credentials = !settings_.user.empty();
    if (has_credentials) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.user.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    const SmtpTls rule = smtp_tls_rule(settings_);
    if (rule != SmtpTls::kImplicit) {
      curl_easy_setopt(curl, CURLOPT_USE_SSL,
                       rule == SmtpTls::kStartTlsRequired ? static_cast<long>(CURLUSESSL_ALL)
                                                          : static_cast<long>(CURLUSESSL_TRY));
    }
    if (!settings_.ca_file.empty())
      curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.ca_file.c_str());
    ReplyLog replies;
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, debug_callback);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &replies);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
    curl_slist* connect_to = nullptr;
    if (!settings_.connect_to.empty()) {
      connect_to = curl_slist_append(connect_to, settings_.connect_to.c_str());
      curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect_to);
    }
    const CURLcode rc = curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_CONNECT_TO, nullptr);
    curl_slist_free_all(connect_to);
    long response = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
    curl_slist_free_all(recipients);
    // `replies` dies with this call; the kept connection's QUIT at cleanup must not reach it.
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 0L);
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, nullptr);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, nullptr);
    if (rc != CURLE_OK) {
      std::string error = error_buffer[0] ? error_buffer : curl_easy_strerror(rc);
      // 4xx: try again later (the outbox backs off). 5xx: the server refuses this message for
      // good (RFC 5321 §4.2.1), except a refused login, which is the relay's configuration and
      // is fixed once for every waiting message.
      const bool refused = response >= 400 && response < 600 && !replies.refusal.empty();
      bool permanent = false;
      if (refused) {
        error = "SMTP server replied \"" + header_safe_text(replies.refusal) + "\" (" + error + ")";
        permanent = response >= 500 && rc != CURLE_LOGIN_DENIED;
      } else if (response) {
        error += " (SMTP " + std::to_string(response) + ")";
      }
      if (rc == CURLE_USE_SSL_FAILED) {
        error = "TLS required: the SMTP server " + url_host(settings_.url) +
                " offers no STARTTLS and is not on this machine (leads can carry health data); "
                "use smtps://, enable STARTTLS on the server, or set SMTP_ALLOW_PLAINTEXT=1 to "
                "send in clear (" +
                error + ")";
      }
      // Start afresh next time rather than reuse a connection in an unknown state.
      connection_.drop();
      return {false, error, permanent};
    }
    return {true, ""};
  }

  std::string describe() const override {
    // Strip any user:password@ from the URL before logging it.
    std::string url = settings_.url;
    const auto scheme = url.find("://");
    const auto at = url.find('@');
    if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
      url.erase(scheme + 3, at - scheme - 2);
    }
    return "SMTP " + url + " (" + tls_note(smtp_tls_rule(settings_), settings_.allow_plaintext) +
           (settings_.user.empty() ? "" : ", authenticated") + ")";
  }

 private:
  SmtpSettings settings_;
  std::mutex mutex_;
  CurlConnection connection_;
};

}  // namespace

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "localhost.") return true;
  const auto address = smp::parse_ip_address(host);
  if (!address) return false;
  static const auto v4_loopback = smp::parse_ip_range("127.0.0.0/8");
  static const auto v6_loopback = smp::parse_ip_range("::1");
  return v4_loopback->contains(*address) || v6_loopback->contains(*address);
}

SmtpTls smtp_tls_rule(const SmtpSettings& settings) {
  if (starts_with(settings.url, "smtps://")) return SmtpTls::kImplicit;
  if (!settings.user.empty()) return SmtpTls::kStartTlsRequired;
  if (settings.allow_plaintext || is_loopback_host(url_host(settings.url))) {
    return SmtpTls::kStartTlsIfOffered;
  }
  return SmtpTls::kStartTlsRequired;
}

std::string check_smtp_settings(const SmtpSettings& settings) {
  if (!starts_with(settings.url, "smtp://") && !starts_with(settings.url, "smtps://")) {
    return "SMTP URL must start with smtp:// or smtps://";
  }
  const auto scheme_end = settings.url.find("://") + 3;
  const auto host_end = settings.url.find_first_of("/?#", scheme_end);
  const std::string authority = settings.url.substr(scheme_end, host_end - scheme_end);
  if (authority.find('@') != std::string::npos) {
    return "put SMTP credentials in SMTP_USER and SMTP_PASSWORD, not in the URL";
  }
  if (authority.empty()) return "SMTP URL has no host";
  for (char c : settings.url) {
    if (static_cast<unsigned char>(c) <= 0x20) return "SMTP URL contains spaces or controls";
  }
  if (settings.user.empty() != settings.password.empty()) {
    return "set both SMTP_USER and SMTP_PASSWORD, or neither";
  }
  return "";
}

std::unique_ptr<Mailer> make_smtp_mailer(const SmtpSettings& settings, std::string& error) {
  error = check_smtp_settings(settings);
  if (!error.empty()) return nullptr;
  return std::make_unique<SmtpMailer>(settings);
}

}  // namespace smp::server
