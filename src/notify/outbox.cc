#include "notify/outbox.h"

#include <algorithm>
#include <utility>

#include <spdlog/spdlog.h>

#include "domain/vocabulary.h"
#include "notify/mail.h"
#include "notify/webhook.h"

namespace alongside::notify {

usecase::OutboxChannels ChannelsOf(const OutboxOptions& options) {
  usecase::OutboxChannels channels;
  channels.smtp = !options.smtp_url.empty();
  channels.webhook = !options.webhook_url.empty();
  return channels;
}

std::chrono::seconds Backoff(const OutboxOptions& options, int attempts) {
  const std::chrono::seconds cap = std::max(options.max_retry, std::chrono::seconds(1));
  std::chrono::seconds wait = std::max(options.first_retry, std::chrono::seconds(1));
  // Doubling stops at the cap, so no count of attempts can overflow it.
  for (int doubling = 0; doubling < attempts && wait < cap; ++doubling) wait *= 2;
  return std::min(wait, cap);
}

OutboxWorker::OutboxWorker(store::Store& store, OutboxOptions options)
    : store_(store), options_(std::move(options)) {}

OutboxWorker::~OutboxWorker() { Stop(); }

void OutboxWorker::Start() {
  std::lock_guard lock(state_mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void OutboxWorker::Stop() {
  std::thread running;
  {
    std::lock_guard lock(state_mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
    running = std::move(thread_);
  }
  wake_.notify_all();
  running.join();
  stopping_ = false;
}

void OutboxWorker::Loop() {
  while (!stopping_) {
    Result<OutboxPass> pass = RunOnce(NowUtc());
    if (!pass.ok()) {
      spdlog::warn("outbox: cannot read the due notifications: {}", pass.status().ToString());
    }
    // A full batch may have more behind it: go again at once, unless an
    // outcome could not be recorded (those rows are still due).
    bool more = pass.ok() && pass->due >= options_.batch && pass->unrecorded == 0;
    if (more) continue;
    std::unique_lock lock(state_mutex_);
    wake_.wait_for(lock, options_.poll, [this] { return stopping_.load(); });
  }
}

Status OutboxWorker::Deliver(const domain::Notification& notification, Instant now) {
  switch (notification.channel) {
    case domain::NotificationChannel::kInApp:
      return Status::Ok();  // the row is the recipient's list entry
    case domain::NotificationChannel::kSmtp:
      if (options_.smtp_url.empty()) {
        return Status::Unavailable(
            "smtp is not configured (alongside serve --smtp-url); kept to send when it is");
      }
      return internal::SendMail(options_, notification, now, stopping_);
    case domain::NotificationChannel::kWebhook:
      if (options_.webhook_url.empty()) {
        return Status::Unavailable(
            "webhook is not configured (alongside serve --webhook-url); kept to send when it is");
      }
      return internal::PostWebhook(options_, notification, stopping_);
  }
  return Status::Internal("unknown notification channel");
}

Result<OutboxPass> OutboxWorker::RunOnce(Instant now) {
  std::lock_guard pass_lock(pass_mutex_);
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Notification> due,
                             store_.DueNotifications(now, options_.batch));
  OutboxPass pass;
  pass.due = static_cast<int>(due.size());
  for (const domain::Notification& notification : due) {
    if (stopping_) break;
    Status sent = Deliver(notification, now);
    // A transfer cut short by Stop() is no failure of the channel: the row
    // stays as it was and is sent after the next start.
    if (!sent.ok() && stopping_) break;
    if (sent.ok()) {
      Status marked = store_.MarkNotificationDelivered(notification.id, now);
      if (marked.ok()) {
        ++pass.delivered;
      } else {
        ++pass.unrecorded;
        spdlog::warn("outbox: notification {} was delivered by {} but cannot be marked: {}",
                     notification.id, domain::Name(notification.channel), marked.ToString());
      }
      continue;
    }
    const Instant next = now + Backoff(options_, notification.attempts).count();
    spdlog::warn("outbox: notification {} by {} failed (attempt {}): {}; next attempt at {}",
                 notification.id, domain::Name(notification.channel), notification.attempts + 1,
                 sent.detail(), FormatInstant(next));
    Status marked = store_.MarkNotificationFailed(notification.id, sent.detail(), next);
    if (marked.ok()) {
      ++pass.failed;
    } else {
      ++pass.unrecorded;
      spdlog::warn("outbox: the failure of notification {} cannot be recorded: {}",
                   notification.id, marked.ToString());
    }
  }
  return pass;
}

}  // namespace alongside::notify
