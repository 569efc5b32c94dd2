#include "smp/server/delivery_worker.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "smp/server/log_text.hpp"
#include "smp/server/timestamps.hpp"

namespace smp::server {

void DeliveryWorker::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void DeliveryWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  if (thread_.joinable()) mailer_.interrupt();  // a webhook may be waiting out its 10 s
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeliveryWorker::notify() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  wake_.notify_all();
}

int DeliveryWorker::run_once() {
  int attempts = 0;
  // Bounded: each claimed message leaves the due set (sent, retry later, or dead).
  for (int i = 0; i < 10000; ++i) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_ && thread_.joinable()) break;
    }
    auto delivery = outbox_.claim_due(now_ms(), channel_);
    if (!delivery) break;
    const auto& message = delivery->message;
    const bool webhook = !channel_.empty();
    if (webhook && outbox_.webhook_disabled(channel_)) {
      outbox_.mark_disabled(message.message_id);
      continue;
    }
    ++attempts;
    const SendResult result = mailer_.send(message);
    if (result.ok) {
      // Nothing between the server's "250" and this note (at-least-once delivery: see README).
      outbox_.note_delivered(message.message_id);
      outbox_.mark_sent(message.message_id, now_ms());
      std::fprintf(stderr, "smp-consult: delivered %s (%s)\n", message.message_id.c_str(),
                   mailer_.describe().c_str());
      continue;
    }
    if (webhook && result.gone) {
      outbox_.disable_webhook(channel_, message.message_id, result.error, now_ms());
      std::fprintf(stderr,
                   "smp-consult: ERROR: %s answered 410 Gone to %s for lead %s: that webhook is "
                   "now DISABLED. Later leads are kept with their delivery to it \"disabled\" "
                   "(see `smp-consult leads list`); once the endpoint is fixed, `smp-consult "
                   "leads retry ID` enables it again.\n",
                   mailer_.describe().c_str(), message.message_id.c_str(), message.lead_id.c_str());
      continue;
    }
    const MessageState state =
        outbox_.mark_failed(message.message_id, result.error, now_ms(), minute_ms_,
                            result.permanent, result.retry_after_ms);
    // The server's reply can quote the recipient: the log gets it without addresses (the
    // full reply stays in the outbox for `leads list`).
    const std::string reply = without_addresses(result.error);
    if (state == MessageState::kCancelled) {
      std::fprintf(stderr, "smp-consult: %s not delivered and cancelled: its lead was erased\n",
                   message.message_id.c_str());
    } else if (state == MessageState::kDead && result.permanent && webhook) {
      std::fprintf(stderr,
                   "smp-consult: ERROR: %s REFUSED %s for lead %s: %s. Not retried; the lead is "
                   "kept, see `smp-consult leads list`, then `smp-consult leads retry %s`.\n",
                   mailer_.describe().c_str(), message.message_id.c_str(), message.lead_id.c_str(),
                   reply.c_str(), message.lead_id.c_str());
    } else if (state == MessageState::kDead && result.permanent) {
      std::fprintf(stderr,
                   "smp-consult: ERROR: the SMTP server REFUSED %s for lead %s: %s. The lead is "
                   "kept as a dead letter; see `smp-consult leads list`, then `smp-consult leads "
                   "retry %s`.\n",
                   message.message_id.c_str(), message.lead_id.c_str(), reply.c_str(),
                   message.lead_id.c_str());
    } else if (state == MessageState::kDead) {
      std::fprintf(stderr,
                   "smp-consult: ERROR: GAVE UP on %s for lead %s after %d attempts over 5 "
                   "days: %s. The lead is kept; see `smp-consult leads list`.\n",
                   message.message_id.c_str(), message.lead_id.c_str(), delivery->attempts + 1,
                   reply.c_str());
    } else {
      std::fprintf(stderr, "smp-consult: delivery of %s failed (attempt %d), will retry: %s%s%s\n",
                   message.message_id.c_str(), delivery->attempts + 1, reply.c_str(),
                   webhook ? " from " : "", webhook ? mailer_.describe().c_str() : "");
    }
  }
  return attempts;
}

void DeliveryWorker::run() {
  while (true) {
    const int attempts = run_once();
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    // Sleep until the next retry is due, a new lead arrives, or at most 5 s: the safety net
    // that also picks up a lead released by `smp-consult leads release` (another process).
    std::int64_t wait_ms = 5'000;
    lock.unlock();
    if (const auto due = outbox_.next_due_ms(channel_)) {
      wait_ms = std::clamp<std::int64_t>(*due - now_ms(), 0, wait_ms);
    }
    // Nothing could be claimed although something looks due: the database is failing; do
    // not spin.
    if (attempts == 0) wait_ms = std::max<std::int64_t>(wait_ms, 250);
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(wait_ms),
                   [this] { return pending_ || stopping_; });
    pending_ = false;
    if (stopping_) return;
  }
}

}  // namespace smp::server
