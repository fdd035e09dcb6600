// The outbox's email channel (private to notify/). One notification is one
// plain-text message to every configured recipient, with the headers
// RFC 5322 asks for (Date, From, To, Subject, Message-ID) and
// "Auto-Submitted: auto-generated" (RFC 3834) so that no auto-reply answers
// it. The subject and body are the row's own, which carry no name of a
// person served (usecase/safety.cc writes ids and a link only).
#pragma once

#include <atomic>
#include <string>

#include "common/status.h"
#include "common/time.h"
#include "domain/model.h"
#include "notify/outbox.h"

namespace alongside::notify::internal {

// The message as sent, lines ended by CRLF. `date` goes in the Date header.
// The Message-ID is the same on every attempt of one row
// (<alongside.ID.CREATED@domain of smtp_from>), so a mail client shows a
// row sent twice as one message.
std::string ComposeMail(const OutboxOptions& options, const domain::Notification& notification,
                        Instant date);

// "Fri, 20 Nov 2026 12:00:00 +0000".
std::string MailDate(Instant instant);

// Sends the row through options.smtp_url (smtps:// is TLS from the start;
// smtp:// upgrades with STARTTLS when the server offers it). Ok once the
// server accepted the message; Unavailable naming what failed otherwise.
Status SendMail(const OutboxOptions& options, const domain::Notification& notification,
                Instant now, const std::atomic<bool>& cancel);

}  // namespace alongside::notify::internal
