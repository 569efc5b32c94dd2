#include "smp/server/rate_limiter.hpp"

namespace smp::server {

int RateLimiter::check(const std::string& key, std::int64_t now_ms) {
  if (per_minute_ <= 0) return 0;
  constexpr std::int64_t kWindowMs = 60'000;
  std::lock_guard lock(mutex_);
  // Forget idle clients now and then so the map cannot grow without bound.
  if (now_ms - last_sweep_ms_ > kWindowMs) {
    for (auto it = hits_.begin(); it != hits_.end();) {
      if (it->second.empty() || now_ms - it->second.back() >= kWindowMs)
        it = hits_.erase(it);
      else
        ++it;
    }
    last_sweep_ms_ = now_ms;
  }
  auto& hits = hits_[key];
  while (!hits.empty() && now_ms - hits.front() >= kWindowMs) hits.pop_front();
  if (static_cast<int>(hits.size()) >= per_minute_) {
    const std::int64_t wait_ms = hits.front() + kWindowMs - now_ms;
    return static_cast<int>(wait_ms / 1000 + 1);
  }
  hits.push_back(now_ms);
  return 0;
}

}  // namespace smp::server
