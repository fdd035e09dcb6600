// Delivering the outbox (docs/notifications.md). A safety event writes its
// notifications into the store's outbox in the event's own transaction
// (store.h, "The outbox"); the OutboxWorker reads the rows that are due and
// delivers each to its channel:
//   in_app  - delivered at once: the row is the recipient's list entry;
//   smtp    - one email to the configured recipients (libcurl);
//   webhook - an HTTP POST of the row as JSON, signed with HMAC-SHA256.
// A failed delivery is recorded on the row (attempts, last_error) with its
// next attempt after an exponential back-off; a row whose channel is not
// configured fails the same way and waits for it. Nothing is ever deleted.
// Delivery is at least once: a crash after a send and before the row is
// marked sends it again, so a receiver deduplicates on the row's id.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "store/store.h"
#include "usecase/usecase.h"

namespace alongside::notify {

// Where the outbox sends, and how often it looks. An empty smtp_url or
// webhook_url leaves that channel unconfigured.
struct OutboxOptions {
  std::string smtp_url;  // smtp://127.0.0.1:2525 or smtps://mail.example.org
  std::string smtp_from;  // an address, "alongside@example.org"
  std::vector<std::string> smtp_to;
  std::string webhook_url;  // http:// or https://
  // HMAC-SHA256 key: when set, each POST carries
  // "X-Alongside-Signature: sha256=<hex>" over the exact body sent.
  std::string webhook_secret;
  std::chrono::milliseconds poll{2000};
  std::chrono::seconds first_retry{30};
  std::chrono::seconds max_retry{3600};
  int batch = 50;  // rows read per pass
};

// The channels a safety event writes rows for (usecase::Services::outbox):
// those with a URL.
usecase::OutboxChannels ChannelsOf(const OutboxOptions& options);

// How long to wait after a failure when `attempts` failures came before
// it: first_retry * 2^attempts, capped at max_retry.
std::chrono::seconds Backoff(const OutboxOptions& options, int attempts);

// What one pass did: rows read, delivered, failed (and rescheduled), and
// rows whose outcome could not be recorded (the store refused the update;
// they are still due and are tried again on a later pass).
struct OutboxPass {
  int due = 0;
  int delivered = 0;
  int failed = 0;
  int unrecorded = 0;
};

// Thread-safe. Start() runs passes on one background thread every `poll`
// (at once again while a full batch came back); Stop() wakes it, cuts a
// transfer in progress short and joins; the destructor stops. RunOnce()
// runs one pass at `now` on the calling thread, for tests and tools;
// passes never overlap, so one process never sends a row twice at once.
// The store must outlive the worker.
class OutboxWorker {
 public:
  OutboxWorker(store::Store& store, OutboxOptions options);
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  void Start();  // no-op when already running
  void Stop();   // no-op when not running

  // Delivers the rows due at `now` (at most `batch`), recording each
  // outcome at `now`. Fails only when the due rows cannot be read.
  Result<OutboxPass> RunOnce(Instant now);

 private:
  void Loop();
  Status Deliver(const domain::Notification& notification, Instant now);

  store::Store& store_;
  const OutboxOptions options_;
  std::mutex pass_mutex_;  // one pass at a time
  std::mutex state_mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace alongside::notify
