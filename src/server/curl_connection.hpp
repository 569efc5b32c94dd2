#pragma once
// One libcurl easy handle kept for the life of a sender (SMTP mailer, webhook endpoint): libcurl
// keeps its connection (and TLS session) open between messages. Not thread-safe: its owner
// sends one message at a time under its own lock.
#include <curl/curl.h>

#include <mutex>

namespace smp::server {

class CurlConnection {
 public:
  CurlConnection() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }
  ~CurlConnection() { drop(); }
  CurlConnection(const CurlConnection&) = delete;
  CurlConnection& operator=(const CurlConnection&) = delete;

  /// The handle with its options reset (the connection stays), or nullptr if curl cannot make
  /// one.
  CURL* handle() {
    if (!curl_) curl_ = curl_easy_init();
    if (curl_) curl_easy_reset(curl_);
    return curl_;
  }
  /// Closes the connection: the next message starts afresh rather than reuse one in an unknown
  /// state.
  void drop() {
    if (curl_) curl_easy_cleanup(curl_);
    curl_ = nullptr;
  }

 private:
  CURL* curl_ = nullptr;
};

}  // namespace smp::server
