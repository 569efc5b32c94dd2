#pragma once
// Per-IP rate limiting for the lead API: a fixed budget per sliding minute.
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace smp::server {

class RateLimiter {
 public:
  /// `per_minute` <= 0 disables the limit.
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
  /// Counts a request from `key` at `now_ms`; 0 when allowed, else seconds until the next one
  /// would be (for Retry-After, at least 1).
  int check(const std::string& key, std::int64_t now_ms);

 private:
  int per_minute_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<std::int64_t>> hits_;
  std::int64_t last_sweep_ms_ = 0;
};

}  // namespace smp::server
