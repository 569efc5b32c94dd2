#include "smp/server/photo_retention.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "smp/server/timestamps.hpp"

namespace smp::server {

int PhotoRetention::sweep_once() {
  std::string error;
  const int purged = outbox_.purge_photos(now_ms(), retention_days_ * day_ms_, error);
  if (purged < 0) {
    std::fprintf(stderr, "smp-consult: photo retention sweep failed (tried again later): %s\n",
                 error.c_str());
  } else if (purged > 0) {
    std::fprintf(stderr,
                 "smp-consult: deleted %d stored photo(s) %d day(s) after delivery "
                 "(photos.retention_days)\n",
                 purged, retention_days_);
  }
  return purged;
}

void PhotoRetention::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    const auto period = std::chrono::milliseconds(std::max<std::int64_t>(day_ms_ / 24, 10));
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      sweep_once();
      lock.lock();
      wake_.wait_for(lock, period, [this] { return stopping_; });
    }
  });
}

void PhotoRetention::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace smp::server
