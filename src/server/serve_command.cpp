// `smp-consult serve`: wires flags, config, storage, mailer, delivery worker, HTTP and signals.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "smp/config.hpp"
#include "smp/ip_range.hpp"
#include "smp/json_text.hpp"
#include "smp/server/commands.hpp"
#include "smp/server/delivery_worker.hpp"
#include "smp/server/http_server.hpp"
#include "smp/server/lead_handler.hpp"
#include "smp/server/mailer.hpp"
#include "smp/server/mime.hpp"
#include "smp/server/outbox.hpp"
#include "smp/server/photo_retention.hpp"
#include "smp/server/retention_sweep.hpp"
#include "smp/server/static_files.hpp"
#include "smp/server/time_zone.hpp"
#include "smp/server/timestamps.hpp"
#include "smp/server/webhook_payload.hpp"
#include "smp/server/webhook_sender.hpp"

namespace smp::server {
namespace {

constexpr const char* kServeUsage =
    "usage: smp-consult serve [--config C] [--listen 127.0.0.1:8080] [--data DIR]\n"
    "                         [--site DIR] [--widget DIR] [--setup DIR]\n"
    "\n"
    "Serves the demo site (--site, default web/demo) at /, the built widget (--widget,\n"
    "default dist/smp) at /smp/, the setup studio (--setup, default dist/setup) at\n"
    "/setup/, the clinic config at /smp/clinic.json, the lead API\n"
    "POST /api/leads, GET /healthz and the iframe page /embed.\n"
    "Leads are stored in DIR/leads.sqlite3 (default ./smp-data) and emailed by SMTP when\n"
    "SMTP_URL (or lead.smtp_url) is set, else written as .eml files to DIR/mail/.\n"
    "Environment: SMTP_URL, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMTP_CA_FILE (PEM\n"
    "certificates to trust for the SMTP server instead of the system's). Mail goes over TLS\n"
    "(smtps://, or smtp:// with STARTTLS required) except to a loopback server\n"
    "(127.0.0.1, ::1, localhost) or with SMTP_ALLOW_PLAINTEXT=1; credentials only ever\n"
    "over TLS. SMP_TRUSTED_PROXIES=10.0.0.1,10.1.0.0/16 (overrides lead.trusted_proxies):\n"
    "reverse proxies whose X-Forwarded-For / Forwarded name the visitor for the rate limit.\n"
    "A variable that is set but does not parse stops the server (exit 1).\n"
    "Photos sent with a lead are deleted photos.retention_days after the clinic's emails\n"
    "were delivered (checked at startup and hourly).\n"
    "Test hooks: SMP_RETRY_MINUTE_MS (length of a backoff \"minute\"),\n"
    "SMP_PHOTO_RETENTION_DAY_MS (length of a photo retention \"day\"),\n"
    "SMP_RATE_LIMIT_PER_MINUTE (overrides lead.rate_limit_per_minute; 0 = off),\n"
    "SMP_SMTP_CONNECT_TO=HOST:PORT:ADDR:PORT (connect elsewhere than the URL's host),\n"
    "SMP_CLOCK_OFFSET_MS (shifts the relay's clock, e.g. for the retention sweep).\n"
    "Leads older than lead.retention_days (default 90) whose deliveries are over are\n"
    "erased at startup and then daily, as `smp-consult leads erase` does.\n"
    "Webhooks (lead.webhooks): each secret comes from the variable its secret_env names\n"
    "(whsec_<base64>); an unset or malformed one stops the server (exit 1).\n";

volatile std::sig_atomic_t g_stop_requested = 0;

extern "C" void on_stop_signal(int) {
  g_stop_requested = 1;
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// Settings from the environment: unset or empty leaves the default; anything set that does not
// parse is a startup error naming the variable (never a silently different behaviour).
bool env_integer(const char* name, long long min, long long max, std::optional<long long>& out) {
  const std::string text = env(name);
  if (text.empty()) return true;
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    std::cerr << name << ": expected a whole number from " << min << " to " << max << ", got \""
              << header_safe_text(text) << "\"\n";
    return false;
  }
  out = value;
  return true;
}

bool env_flag(const char* name, bool& out) {
  const std::string text = env(name);
  if (text.empty()) return true;
  if (text == "1" || text == "true" || text == "yes") {
    out = true;
  } else if (text == "0" || text == "false" || text == "no") {
    out = false;
  } else {
    std::cerr << name << ": expected 1/true/yes or 0/false/no, got \"" << header_safe_text(text)
              << "\"\n";
    return false;
  }
  return true;
}

// Comma-separated IPs / CIDR ranges.
bool env_ip_ranges(const char* name, std::optional<std::vector<std::string>>& out) {
  const std::string text = env(name);
  if (text.empty()) return true;
  std::vector<std::string> ranges;
  std::stringstream items(text);
  for (std::string item; std::getline(items, item, ',');) {
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    item = first == std::string::npos ? "" : item.substr(first, last - first + 1);
    if (!smp::parse_ip_range(item)) {
      std::cerr << name << ": \"" << header_safe_text(item)
                << "\" is not an IP address or CIDR range like 10.0.0.0/8\n";
      return false;
    }
    ranges.push_back(item);
  }
  out = ranges;
  return true;
}

struct ServeFlags {
  std::string config_path;
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "smp-data";
  std::string site_dir = "web/demo";
  std::string widget_dir = "dist/smp";
  std::string setup_dir = "dist/setup";
};

// 0 = parsed, 2 = usage error, -1 = help printed.
int parse_flags(const std::vector<std::string>& args, ServeFlags& flags) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kServeUsage;
      return -1;
    }
    std::string* target = nullptr;
    if (arg == "--config")
      target = &flags.config_path;
    else if (arg == "--listen")
      target = &flags.listen;
    else if (arg == "--data")
      target = &flags.data_dir;
    else if (arg == "--site")
      target = &flags.site_dir;
    else if (arg == "--widget")
      target = &flags.widget_dir;
    else if (arg == "--setup")
      target = &flags.setup_dir;
    if (!target || i + 1 >= args.size()) {
      std::cerr << (target ? "missing value for " : "unknown argument: ") << arg << "\n"
                << kServeUsage;
      return 2;
    }
    *target = args[++i];
  }
  return 0;
}

bool parse_listen(const std::string& listen, std::string& host, int& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string digits = listen.substr(colon + 1);
  if (digits.empty() || digits.size() > 5 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  port = std::stoi(digits);
  return port <= 65535;
}

}  // namespace

int serve_command(const std::vector<std::string>& args) {
  ServeFlags flags;
  if (const int rc = parse_flags(args, flags); rc != 0) return rc < 0 ? 0 : rc;
  std::string host;
  int port = 0;
  if (!parse_listen(flags.listen, host, port)) {
    std::cerr << "--listen: expected HOST:PORT, got \"" << flags.listen << "\"\n";
    return 2;
  }

  // The clinic config: every problem at once, then exit 1.
  // Read and checked exactly as `smp-consult validate` does (parse_config_text), so both report
  // a broken file with the same lines.
  std::string text = "{}";
  if (!flags.config_path.empty()) {
    std::optional<std::string> read;
    if (flags.config_path == "-") {
      std::ostringstream in;
      in << std::cin.rdbuf();
      read = in.str();
    } else {
      read = read_file(flags.config_path);
    }
    if (!read) {
      std::cerr << flags.config_path << ": cannot read file\n";
      return 1;
    }
    text = std::move(*read);
  }
  const auto parsed = smp::parse_config_text(text);
  if (!parsed.ok()) {
    for (const auto& d : parsed.errors) std::cerr << smp::format_diagnostic(d) << "\n";
    return 1;
  }
  smp::Config config = *parsed.value;
  // The core cannot read the tz database: an unknown zone is a config error here (as in
  // `validate`), never a silent UTC.
  if (const auto zone_error = check_time_zone(config.clinic.timezone)) {
    std::cerr << smp::format_diagnostic(*zone_error) << "\n";
    return 1;
  }
  std::optional<long long> rate_limit, retry_minute_ms, clock_offset_ms, photo_day_ms;
  std::optional<std::vector<std::string>> trusted_proxies;
  bool allow_plaintext = false;
  // Load-test hook: one load generator on 127.0.0.1 is a single IP; 0 disables the limit.
  if (!env_integer("SMP_RATE_LIMIT_PER_MINUTE", 0, 1'000'000, rate_limit) ||
      !env_integer("SMP_RETRY_MINUTE_MS", 1, 3'600'000, retry_minute_ms) ||
      !env_integer("SMP_CLOCK_OFFSET_MS", -315'360'000'000, 315'360'000'000, clock_offset_ms) ||
      !env_integer("SMP_PHOTO_RETENTION_DAY_MS", 240, 86'400'000, photo_day_ms) ||
      !env_ip_ranges("SMP_TRUSTED_PROXIES", trusted_proxies) ||
      !env_flag("SMTP_ALLOW_PLAINTEXT", allow_plaintext)) {
    return 1;
  }
  if (rate_limit) config.lead.rate_limit_per_minute = static_cast<int>(*rate_limit);
  if (clock_offset_ms) set_clock_offset_ms(*clock_offset_ms);
  if (trusted_proxies) config.lead.trusted_proxies = *trusted_proxies;

  // What the browser may see: the config file minus the relay's private settings.
  nlohmann::json public_document = *smp::parse_json_text(text).value;
  if (public_document.is_object() && public_document.contains("lead") &&
      public_document["lead"].is_object()) {
    for (const char* key : {"smtp_url", "to", "from", "trusted_proxies", "webhooks"}) {
      public_document["lead"].erase(key);
    }
  }

  // Each webhook's secret, from the variable its secret_env names (never from the file).
  std::string webhook_error;
  const auto endpoints = load_webhook_endpoints(config.lead.webhooks, webhook_error);
  if (!endpoints) {
    std::cerr << webhook_error << "\n";
    return 1;
  }

  std::string sender = config.lead.from;
  if (sender.empty()) sender = env("SMTP_FROM");
  if (sender.empty()) sender = "smp-consult@localhost";
  if (!is_header_safe_address(sender, true)) {
    std::cerr << "sender address \"" << header_safe_text(sender)
              << "\" (lead.from or SMTP_FROM) is not a valid email address\n";
    return 1;
  }
  std::string clinic_to = config.lead.to.empty() ? config.clinic.email : config.lead.to;
  if (clinic_to.empty()) {
    std::cerr << "smp-consult: warning: no lead.to or clinic.email in the config; leads go to "
                 "clinic@localhost\n";
    clinic_to = "clinic@localhost";
  }
  if (!is_header_safe_address(clinic_to, true)) {
    std::cerr << "clinic inbox \"" << header_safe_text(clinic_to)
              << "\" (lead.to or clinic.email) is not a valid email address\n";
    return 1;
  }

  std::error_code ec;
  std::filesystem::create_directories(flags.data_dir + "/mail", ec);
  if (ec) {
    std::cerr << flags.data_dir << ": cannot create data folder: " << ec.message() << "\n";
    return 1;
  }
  // One server per data folder: two delivery workers on one outbox would race.
  const int lock_fd =
      ::open((flags.data_dir + "/.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0 || ::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    std::cerr << flags.data_dir << ": in use by another `smp-consult serve`\n";
    if (lock_fd >= 0) ::close(lock_fd);
    return 1;
  }
  std::string error;
  auto outbox = Outbox::open(flags.data_dir + "/leads.sqlite3", error);
  if (!outbox) {
    std::cerr << flags.data_dir << "/leads.sqlite3: cannot open database: " << error << "\n";
    return 1;
  }
  if (const int requeued = outbox->requeue_interrupted(); requeued > 0) {
    std::cerr << "smp-consult: " << requeued
              << " message(s) were being sent when the server stopped; resending them with "
                 "the same Message-ID\n";
  }

  SmtpSettings smtp{env("SMTP_URL"), env("SMTP_USER"), env("SMTP_PASSWORD")};
  if (smtp.url.empty()) smtp.url = config.lead.smtp_url;
  smtp.allow_plaintext = allow_plaintext;
  smtp.connect_to = env("SMP_SMTP_CONNECT_TO");
  smtp.ca_file = env("SMTP_CA_FILE");
  if (!smtp.ca_file.empty() && ::access(smtp.ca_file.c_str(), R_OK) != 0) {
    std::cerr << "SMTP_CA_FILE: cannot read \"" << smtp.ca_file << "\"\n";
    return 1;
  }
  std::unique_ptr<Mailer> mailer;
  if (smtp.url.empty()) {
    mailer = make_file_mailer(flags.data_dir + "/mail");
  } else {
    mailer = make_smtp_mailer(smtp, error);
    if (!mailer) {
      std::cerr << "SMTP: " << error << "\n";
      return 1;
    }
    if (smtp.allow_plaintext && smtp_tls_rule(smtp) == SmtpTls::kStartTlsIfOffered) {
      std::cerr << "smp-consult: warning: SMTP_ALLOW_PLAINTEXT is set: leads (which can carry "
                   "health data) may go to the SMTP server unencrypted\n";
    }
  }

  // Test hook: SMP_RETRY_MINUTE_MS shortens the backoff schedule (and the 5-day give-up).
  const std::int64_t minute_ms = retry_minute_ms ? *retry_minute_ms : 60'000;

  // A full disk or file-size limit must surface as an error (503), not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);

  DeliveryWorker worker(*outbox, *mailer, minute_ms);
  // One worker (thread) per webhook: an endpoint that hangs for its 10 s only delays its own
  // deliveries, never the email or another webhook.
  std::vector<std::unique_ptr<Mailer>> webhook_senders;
  std::vector<std::unique_ptr<DeliveryWorker>> webhook_workers;
  for (const auto& endpoint : *endpoints) {
    webhook_senders.push_back(make_webhook_sender(endpoint));
    webhook_workers.push_back(std::make_unique<DeliveryWorker>(*outbox, *webhook_senders.back(),
                                                               minute_ms, endpoint.kind));
  }
  LeadServiceOptions lead_options{sender, clinic_to, nullptr};
  const auto zone = TimeZone::load(config.clinic.timezone);  // checked above
  if (zone) lead_options.today = [zone = *zone](std::int64_t now) { return zone.local_date(now); };
  LeadService leads(config, *outbox, lead_options, [&worker, &webhook_workers] {
    worker.notify();
    for (auto& w : webhook_workers) w->notify();
  });
  HttpOptions http;
  http.site_dir = flags.site_dir;
  http.widget_dir = flags.widget_dir;
  http.setup_dir = flags.setup_dir;
  http.public_config =
      public_document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  http.frame_ancestors = frame_ancestors_value(config.lead.frame_ancestors);
  http.clinic_name = config.clinic.name;
  http.locales = config.available_locales;
  auto server = make_http_server(http, leads, *outbox);

  const int bound_port = bind_http_server(*server, host, port);
  if (bound_port <= 0) {
    std::cerr << "cannot listen on " << flags.listen << "\n";
    return 1;
  }
  for (const auto& dir : {flags.site_dir, flags.widget_dir}) {
    if (!std::filesystem::is_directory(dir, ec)) {
      std::cerr << "smp-consult: warning: " << dir << " does not exist (nothing served there)\n";
    }
  }
  std::cerr << "smp-consult: clinic \"" << config.clinic.name << "\", leads to " << clinic_to
            << ", mail via " << mailer->describe() << "\n";
  for (const auto& sender_of_hook : webhook_senders) {
    std::cerr << "smp-consult: leads also go to " << sender_of_hook->describe() << "\n";
  }
  for (const auto& waiting_for : outbox->waiting_webhook_deliveries()) {
    const std::string& kind = waiting_for.first;
    const long long waiting = waiting_for.second;
    const bool configured = std::any_of(endpoints->begin(), endpoints->end(),
                                        [&](const auto& e) { return e.kind == kind; });
    if (!configured) {
      std::cerr << "smp-consult: warning: " << waiting << " delivery(ies) wait for webhook "
                << webhook_label(kind.substr(8))
                << ", which is no longer in lead.webhooks: they are kept, not sent\n";
    }
  }
  for (const auto& disabled : outbox->disabled_webhooks()) {
    std::cerr << "smp-consult: warning: " << disabled.kind.substr(0, 8) << " "
              << webhook_label(disabled.kind.substr(8))
              << " is DISABLED (it answered 410 Gone); its deliveries are kept, not sent, until "
                 "`smp-consult leads retry ID`\n";
  }
  std::cout << "smp-consult: listening on http://"
            << (host.find(':') != std::string::npos ? "[" + host + "]" : host) << ":" << bound_port
            << std::endl;

  worker.start();
  for (auto& w : webhook_workers) w->start();
  RetentionSweep retention(flags.data_dir, config.lead.retention_days, [] { return now_ms(); });
  PhotoRetention photo_retention(*outbox, config.photos.retention_days,
                                 photo_day_ms ? *photo_day_ms : 86'400'000);
  photo_retention.start();
  retention.start();
  // The server runs on its own threads; this one waits for SIGTERM/SIGINT.
  while (!g_stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::cerr << "smp-consult: stopping\n";
  server->stop();
  retention.stop();
  photo_retention.stop();
  for (auto& w : webhook_workers) w->stop();
  worker.stop();
  std::cerr << "smp-consult: stopped\n";
  return 0;
}

}  // namespace smp::server
