// The outbox's webhook channel (private to notify/): one notification is
// one HTTP POST of a JSON object
//   {"id","topic","subject","body","safety_event_id","created_at"}
// (safety_event_id null when the row has none; created_at ISO 8601 UTC),
// Content-Type application/json, and, when a secret is set,
// "X-Alongside-Signature: sha256=<hex HMAC-SHA256 of the body>".
#pragma once

#include <atomic>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/model.h"
#include "notify/outbox.h"

namespace alongside::notify::internal {

// The exact bytes posted.
std::string WebhookBody(const domain::Notification& notification);

// "sha256=" and the lower-case hex HMAC-SHA256 of `body` keyed by `secret`.
std::string WebhookSignature(std::string_view secret, std::string_view body);

// Posts the row to options.webhook_url (no redirect is followed). Ok on a
// 2xx answer; Unavailable naming the status or the transport's error.
Status PostWebhook(const OutboxOptions& options, const domain::Notification& notification,
                   const std::atomic<bool>& cancel);

}  // namespace alongside::notify::internal
