// Safety events (docs/safety.md): a disclosure of risk opens an event; the
// person's peer worker records the protocol's steps, least restrictive
// first (the rules are domain/safety.h's, asked here before the store
// appends a step, in the writer's transaction); the worker's supervisors
// see the events on their oversight queue and review them. Opening an
// event and an escalation write their notifications to the outbox in the
// same transaction. Every read is audited before it is answered.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "usecase/usecase.h"

namespace alongside::usecase {

struct OpenSafetyRequest {
  Id person_id = 0;
  domain::SafetyKind kind = domain::SafetyKind::kOther;
  std::optional<Instant> disclosed_at;  // nullopt: now
  std::string description;
};

struct SafetyStepRequest {
  domain::SafetyStepCode step = domain::SafetyStepCode::kConfidentialityExplained;
  std::optional<Instant> at;  // nullopt: now
  std::string note;
  std::optional<bool> imminent;
  std::string reason;
  std::string to;
  std::string justification;
  bool emergency = false;
  std::optional<Id> plan_id;
};

// An event as its readers see it, with the names the pages show and what
// the protocol offers next.
struct SafetyEventView {
  domain::SafetyEvent event;
  std::string person_name;
  std::string worker_name;
  std::optional<domain::SafetyStepCode> next;      // domain::NextSafetyStep
  std::vector<domain::SafetyStepCode> allowed;     // domain::AllowedSafetySteps
  bool complete = false;                           // domain::SafetyProtocolComplete
  bool overdue = false;    // not reviewed within the program's review hours
  Instant review_due_at = 0;
  std::optional<Id> safety_plan_id;  // the person's safety plan, when the caller may read it
  bool may_record = false;
  bool may_review = false;
};

// InvalidArgument naming the field ("disclosed_at", "description");
// NotFound when the person is not the caller's.
Result<SafetyEventView> OpenSafetyEvent(Services& services, const Caller& caller,
                                        const OpenSafetyRequest& request);
// A refused step is a Conflict whose detail names the rule
// ("[safety.order] ..."); InvalidArgument naming the field ("plan_id",
// "note", ...).
Result<SafetyEventView> RecordSafetyStep(Services& services, const Caller& caller, Id event_id,
                                         const SafetyStepRequest& request);
Result<SafetyEventView> GetSafetyEvent(Services& services, const Caller& caller, Id event_id);
// A supervisor of the event's worker reviews it with a note (required).
Result<SafetyEventView> ReviewSafetyEvent(Services& services, const Caller& caller, Id event_id,
                                          const std::string& note);
// A person's events the caller may read, newest first (audited).
Result<std::vector<SafetyEventView>> SafetyEventsOf(Services& services, const Caller& caller,
                                                    Id person_id);

// The oversight queue of a supervisor: their supervisees' events that are
// open or not yet reviewed, the overdue first, then the oldest.
struct SafetyQueue {
  std::vector<SafetyEventView> events;
  int review_hours = 24;
  int overdue = 0;
};
Result<SafetyQueue> OversightQueue(Services& services, const Caller& caller);

// The caller's own in-app notifications, newest first (staff only; an
// empty list for anyone with none).
Result<std::vector<domain::Notification>> MyNotifications(Services& services,
                                                          const Caller& caller, int limit);

}  // namespace alongside::usecase
