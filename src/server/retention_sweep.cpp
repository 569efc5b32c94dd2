#include "smp/server/retention_sweep.hpp"

#include <chrono>
#include <cstdio>

#include "smp/server/data_rights.hpp"

namespace smp::server {

int RetentionSweep::run_once() {
  const EraseReport report = erase_expired_leads(data_dir_, now_(), retention_days_);
  if (!report.error.empty()) {
    std::fprintf(stderr, "smp-consult: retention sweep failed (tried again in a day): %s\n",
                 report.error.c_str());
    return -1;
  }
  // Counts only: the log never names a visitor.
  std::fprintf(stderr,
               "smp-consult: retention sweep: %zu lead(s) older than %d days erased "
               "(lead.retention_days)\n",
               report.lead_ids.size(), retention_days_);
  for (const auto& file : report.still_holding) {
    std::fprintf(stderr, "smp-consult: warning: %s/%s still holds an erased address\n",
                 data_dir_.c_str(), file.c_str());
  }
  return static_cast<int>(report.lead_ids.size());
}

void RetentionSweep::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      run_once();
      lock.lock();
      wake_.wait_for(lock, std::chrono::milliseconds(interval_ms_), [this] { return stopping_; });
    }
  });
}

void RetentionSweep::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace smp::server
