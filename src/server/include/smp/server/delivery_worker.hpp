#pragma once
// The delivery loop of one channel: takes its due messages from the outbox, hands each to the
// channel once per attempt, records the outcome (sent, retry with backoff, dead after 5 days —
// logged loudly; a webhook's 410 disables its endpoint). The relay runs one worker for the
// emails and one per webhook, each on its own thread.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "smp/server/mailer.hpp"
#include "smp/server/outbox.hpp"

namespace smp::server {

class DeliveryWorker {
 public:
  /// `minute_ms`: the backoff unit (60000; tests shorten it with SMP_RETRY_MINUTE_MS).
  /// `channel`: "" = the emails; a webhook's outbox kind = that webhook's deliveries.
  DeliveryWorker(Outbox& outbox, Mailer& mailer, std::int64_t minute_ms, std::string channel = "")
      : outbox_(outbox), mailer_(mailer), minute_ms_(minute_ms), channel_(std::move(channel)) {}
  ~DeliveryWorker() { stop(); }
  void start();
  /// Finishes the attempt in progress, then returns.
  void stop();
  /// A new message was queued: look now.
  void notify();
  /// Delivers everything due now on the calling thread (tests); returns how many attempts.
  int run_once();

 private:
  void run();
  Outbox& outbox_;
  Mailer& mailer_;
  std::int64_t minute_ms_;
  std::string channel_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stopping_ = false;
};

}  // namespace smp::server
