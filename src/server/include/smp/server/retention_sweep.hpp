#pragma once
// `lead.retention_days`: a thread of `serve` that erases, at startup and then once a day, the
// leads that are older than that and whose deliveries are over (the same erase as `leads erase`).
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace smp::server {

class RetentionSweep {
 public:
  /// `now` is the clock (now_ms in `serve`; tests shift it with SMP_CLOCK_OFFSET_MS).
  RetentionSweep(std::string data_dir, int retention_days, std::function<std::int64_t()> now,
                 std::int64_t interval_ms = 24LL * 60 * 60 * 1000)
      : data_dir_(std::move(data_dir)),
        retention_days_(retention_days),
        now_(std::move(now)),
        interval_ms_(interval_ms) {}
  ~RetentionSweep() { stop(); }
  RetentionSweep(const RetentionSweep&) = delete;
  RetentionSweep& operator=(const RetentionSweep&) = delete;
  /// Sweeps at once on its own thread, then every `interval_ms`.
  void start();
  void stop();
  /// One sweep on the calling thread; returns how many leads it erased (-1 on an error).
  int run_once();

 private:
  std::string data_dir_;
  int retention_days_;
  std::function<std::int64_t()> now_;
  std::int64_t interval_ms_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace smp::server
