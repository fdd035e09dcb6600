// The use cases: one function per thing a user does. Every front (the JSON
// API, the pages, the command line, later importers and FHIR) calls these,
// so they cannot disagree. Each one
//   1. asks the access policy (access/policy.h) whether the caller may act,
//      and audits a refusal;
//   2. loads what it needs;
//   3. applies the domain rules (domain/rules.h) and the program's rules
//      (rules/, loaded from data files);
//   4. writes one unit of work with its audit row (the store commits both
//      in one transaction), or, for a read of a person's record, commits the
//      audit row of the read before returning anything (fail closed: no
//      audit row, no record);
//   5. returns a Result: InvalidArgument naming the field, NotFound for a
//      record that does not exist or is not the caller's to see (the same
//      answer, so ids reveal nothing), Forbidden for an action the caller's
//      role or relationship does not allow, Conflict for a step the record's
//      state does not allow.
// Thread-safe: use cases keep no state of their own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "access/principal.h"
#include "common/local_time.h"
#include "store/store.h"

namespace alongside::usecase {

using store::Id;

// The notification channels the operator configured beside the in-app
// list (`alongside serve --smtp-url/--webhook-url`): a safety event writes
// one outbox row per channel (docs/safety.md).
struct OutboxChannels {
  bool smtp = false;
  bool webhook = false;
};

// What a use case works with.
struct Services {
  store::Store& store;
  access::Policy& policy;
  OutboxChannels outbox{};
};

// Who is asking, from where (for the audit log) and when: the clock is
// given, so that tests and the command line can fix it.
struct Caller {
  const access::Principal& who;
  store::Actor actor;
  Instant now = 0;
  // The program's time zone: what "today" is, and the zone of the days and
  // times the caller enters and reads (usecase/settings.h).
  TimeZone zone = TimeZone::Utc();

  Day today() const { return zone.DayOf(now); }
};

}  // namespace alongside::usecase
