// The role's guardrails around a contact (docs/scope.md, docs/boundaries.md):
// role-drift flags and their resolution, requests for advice walked through
// the five steps, and boundary moments with the program's guidance and the
// worker's decision. The rules, decided once here:
// - Drift flags are raised by the store with each final note
//   (domain::RoleDriftReasons); a flag is resolved once, by one of the
//   worker's supervisors (senior peer or clinical), as reclassified,
//   explained (with a note) or discussed in supervision (naming a session
//   held with that worker); it is never deleted.
// - The worker, their supervisors and the program manager read a worker's
//   flags; the person served does not (they are records of the worker's
//   practice, for supervision).
// - Advice requests and boundary events are recorded on a contact by a
//   worker who may record contacts for the person (the same decision as
//   recording the contact); nothing about them blocks saving.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "domain/boundary_policy.h"
#include "domain/model.h"
#include "domain/note_completeness.h"
#include "usecase/usecase.h"

namespace alongside::usecase {

struct DriftListInput {
  std::optional<Id> worker_id;  // none: every worker the caller may oversee (or themselves)
  bool open_only = true;
  store::Page page;
};
// Newest first. Audited as a read of the people whose contacts are named.
Result<std::vector<domain::DriftFlag>> ListDriftFlags(Services& services, const Caller& caller,
                                                      const DriftListInput& input);

struct DriftResolutionInput {
  domain::DriftResolution resolution = domain::DriftResolution::kExplained;
  std::string note;
  std::optional<Id> supervision_session_id;
};
// Resolves an open flag; NotFound (audited) for a flag the caller may not
// resolve, alike an unknown one; Conflict when it is already resolved.
Result<domain::DriftFlag> ResolveDriftFlag(Services& services, const Caller& caller, Id flag_id,
                                           const DriftResolutionInput& input);

struct AdviceInput {
  std::string asked;
  std::array<domain::AdviceStepOutcome, 5> steps{};  // by domain::kAllAdviceSteps
  std::string note;
};
Result<domain::AdviceRequest> RecordAdviceRequest(Services& services, const Caller& caller,
                                                  Id contact_id, const AdviceInput& input);

// The guidance of the program's boundary policy in force for `event`
// (domain::GuideBoundaryEvent); pure, no record is read.
Result<domain::BoundaryGuidance> GuideBoundary(const domain::BoundaryEvent& event);

struct BoundaryInput {
  domain::BoundaryEvent event;
  domain::BoundaryDecision decision = domain::BoundaryDecision::kConsultSupervisor;
  std::string conversation;
  bool supervisor_consulted = false;
  std::string consultation;
};
struct BoundaryRecorded {
  domain::BoundaryRecord record;
  domain::BoundaryGuidance guidance;
};
// Records the event with the guidance the policy gives now, and the
// worker's decision (which may differ from the guidance: the worker
// decides, the supervisor sees both).
Result<BoundaryRecorded> RecordBoundaryEvent(Services& services, const Caller& caller,
                                             Id contact_id, const BoundaryInput& input);

// What staff see of a contact's guardrails: its drift flags, advice
// requests and boundary events, and the billable-note completeness check
// of its current version (docs/billing-notes.md). Not audited: the
// contact's read is.
struct ContactGuardrails {
  std::vector<domain::DriftFlag> drift;
  std::vector<domain::AdviceRequest> advice;
  std::vector<domain::BoundaryRecord> boundary;
  domain::NoteCompleteness completeness;
};
Result<ContactGuardrails> GuardrailsOfContact(Services& services, const Caller& caller,
                                              const domain::Contact& contact);

}  // namespace alongside::usecase
