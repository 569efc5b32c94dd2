#pragma once
// The photos' retention (SPEC §8): `serve` deletes the stored photos photos.retention_days after
// the clinic's emails were delivered, at startup and then every hour, on a thread of its own.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "smp/server/outbox.hpp"

namespace smp::server {

class PhotoRetention {
 public:
  /// `day_ms`: the length of a day (86400000; tests shorten it with
  /// SMP_PHOTO_RETENTION_DAY_MS): the retention is `retention_days` of them, and the sweep runs
  /// every 1/24 of one.
  PhotoRetention(Outbox& outbox, int retention_days, std::int64_t day_ms)
      : outbox_(outbox), retention_days_(retention_days), day_ms_(day_ms) {}
  ~PhotoRetention() { stop(); }
  PhotoRetention(const PhotoRetention&) = delete;
  PhotoRetention& operator=(const PhotoRetention&) = delete;
  void start();
  void stop();
  /// One sweep now, on the calling thread; how many photos were purged (-1 on an error).
  int sweep_once();

 private:
  Outbox& outbox_;
  int retention_days_;
  std::int64_t day_ms_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace smp::server
