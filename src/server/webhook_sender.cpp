#include "smp/server/webhook_sender.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdlib>
#include <mutex>

#include "curl_connection.hpp"
#include "smp/server/timestamps.hpp"
#include "smp/server/webhook_payload.hpp"
#include "smp/server/webhook_signature.hpp"

namespace smp::server {
namespace {

constexpr std::int64_t kMaxRetryAfterMs = 24LL * 60 * 60 * 1000;

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

struct Exchange {
  std::string retry_after;
  const std::atomic<bool>* interrupted = nullptr;
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "retry-after") exchange->retry_after = trimmed(line.substr(colon + 1));
  }
  return size * count;
}

// The receiver's body is not kept: it could echo the lead back into the relay's log.
size_t on_body(char*, size_t size, size_t count, void*) {
  return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* exchange = static_cast<const Exchange*>(user);
  return exchange->interrupted->load() ? 1 : 0;
}

class WebhookSender final : public Mailer {
 public:
  WebhookSender(WebhookEndpoint endpoint, long timeout_ms)
      : endpoint_(std::move(endpoint)), timeout_ms_(timeout_ms) {}
  SendResult send(const OutgoingMessage& message) override {
    std::lock_guard lock(mutex_);
    // One connection per endpoint: libcurl keeps the connection (and TLS session) between posts.
    CURL* curl = connection_.handle();
    if (!curl) return {false, "curl_easy_init failed"};
    // The timestamp of this attempt; the id is the delivery's own, the same on every retry.
    const auto headers =
        webhook_headers(endpoint_.key, message.message_id, now_ms() / 1000, message.mime);
    curl_slist* list = curl_slist_append(nullptr, "Content-Type: application/json");
    list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
    for (const auto& [name, value] : headers) {
      list = curl_slist_append(list, (name + ": " + value).c_str());
    }
    Exchange exchange{"", &interrupted_};
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, endpoint_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, message.mime.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(message.mime.size()));
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "smp-consult-webhooks/1");
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &exchange);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms_);
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(list);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    std::string transport;
    if (rc != CURLE_OK) {
      transport = rc == CURLE_ABORTED_BY_CALLBACK ? std::string("interrupted by shutdown")
                  : error_buffer[0]               ? std::string(error_buffer)
                                                  : std::string(curl_easy_strerror(rc));
      if (rc == CURLE_OPERATION_TIMEDOUT) transport = "no answer within 10 s (" + transport + ")";
    }
    return classify_webhook_reply(status, transport, exchange.retry_after, now_ms());
  }

  std::string describe() const override { return "webhook " + webhook_label(endpoint_.url); }

  void interrupt() override { interrupted_ = true; }

 private:
  WebhookEndpoint endpoint_;
  long timeout_ms_;
  std::mutex mutex_;
  CurlConnection connection_;
  std::atomic<bool> interrupted_{false};
};

}  // namespace

std::optional<std::vector<WebhookEndpoint>> load_webhook_endpoints(
    const std::vector<smp::WebhookConfig>& hooks, std::string& error) {
  std::vector<WebhookEndpoint> endpoints;
  for (std::size_t i = 0; i < hooks.size(); ++i) {
    const auto& hook = hooks[i];
    const std::string where = "/lead/webhooks/" + std::to_string(i) + "/secret_env";
    const char* value = std::getenv(hook.secret_env.c_str());
    if (value == nullptr || *value == '\0') {
      error = where + ": the environment variable " + hook.secret_env +
              " is not set (it must hold the webhook's whsec_… secret)";
      return std::nullopt;
    }
    auto key = decode_webhook_secret(value);
    if (!key) {
      error = where + ": the environment variable " + hook.secret_env +
              " is not a Standard Webhooks secret (whsec_ followed by the base64 of 24 to 64 "
              "bytes)";
      return std::nullopt;
    }
    endpoints.push_back(
        {i, hook.url, webhook_kind(hook.url), std::move(*key), hook.include_health});
  }
  return endpoints;
}

std::optional<std::int64_t> parse_retry_after(const std::string& value, std::int64_t now_ms) {
  const std::string text = trimmed(value);
  if (text.empty()) return std::nullopt;
  if (text.find_first_not_of("0123456789") == std::string::npos) {
    long long seconds = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec == std::errc::result_out_of_range) return kMaxRetryAfterMs;
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return std::min<std::int64_t>(seconds * 1000, kMaxRetryAfterMs);
  }
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  return std::clamp<std::int64_t>(static_cast<std::int64_t>(when) * 1000 - now_ms, 0,
                                  kMaxRetryAfterMs);
}

SendResult classify_webhook_reply(long status, const std::string& transport_error,
                                  const std::string& retry_after, std::int64_t now_ms) {
  SendResult result;
  if (!transport_error.empty()) {
    result.error = transport_error;
    return result;
  }
  const std::string code = "HTTP " + std::to_string(status);
  if (status >= 200 && status <= 299) {
    result.ok = true;
    return result;
  }
  if (status == 408 || status == 425 || status == 429 || (status >= 500 && status <= 599)) {
    result.error = code;
    if (const auto delay = parse_retry_after(retry_after, now_ms)) {
      result.retry_after_ms = *delay;
      result.error += " (Retry-After: " + std::to_string((*delay + 999) / 1000) + " s)";
    }
    return result;
  }
  result.permanent = true;
  if (status == 410) {
    result.gone = true;
    result.error = code + " Gone: the receiver asked for no more deliveries";
  } else if (status >= 300 && status <= 399) {
    result.error = code + ": redirects are not followed; configure the final URL";
  } else {
    result.error = code + ": refused, not retried";
  }
  return result;
}

std::vector<std::pair<std::string, std::string>> webhook_headers(const std::string& key,
                                                                 const std::string& message_id,
                                                                 std::int64_t timestamp_seconds,
                                                                 const std::string& body) {
  return {{"webhook-id", message_id},
          {"webhook-timestamp", std::to_string(timestamp_seconds)},
          {"webhook-signature", webhook_signature(key, message_id, timestamp_seconds, body)}};
}

std::unique_ptr<Mailer> make_webhook_sender(const WebhookEndpoint& endpoint, long timeout_ms) {
  return std::make_unique<WebhookSender>(endpoint, timeout_ms);
}

}  // namespace smp::server
