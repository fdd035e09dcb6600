#include "usecase/guardrails.h"

#include <algorithm>

#include "domain/rules.h"
#include "usecase/contacts.h"
#include "usecase/internal.h"

namespace alongside::usecase {
namespace {

using access::Action;

std::vector<Id> PeopleOf(const std::vector<domain::DriftFlag>& flags) {
  std::vector<Id> people;
  for (const domain::DriftFlag& flag : flags) people.push_back(flag.person_id);
  return people;
}

}  // namespace

Result<std::vector<domain::DriftFlag>> ListDriftFlags(Services& services, const Caller& caller,
                                                      const DriftListInput& input) {
  store::DriftQuery query;
  query.open_only = input.open_only;
  query.page = input.page;
  if (input.worker_id) {
    Status decision =
        services.policy.CheckSupervisee(caller.who, Action::kReadSupervision, *input.worker_id);
    if (!decision.ok()) {
      return internal::Refuse(services, caller, "drift.list", std::nullopt, *input.worker_id,
                              decision);
    }
    query.worker_ids = std::vector<Id>{*input.worker_id};
  } else {
    ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<Id>> scope,
                               services.policy.VisibleWorkers(caller.who));
    if (!scope) {
      return internal::Refuse(services, caller, "drift.list", std::nullopt, 0,
                              Status::Forbidden("no worker's practice is visible to this role"));
    }
    if (scope->empty()) return std::vector<domain::DriftFlag>{};
    query.worker_ids = std::move(*scope);
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::DriftFlag> flags,
                             services.store.ListDriftFlags(query));
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditReadOfPeople(
      services, caller, "drift.list", "drift_flag", PeopleOf(flags),
      std::to_string(flags.size()) + " drift flags listed"));
  return flags;
}

Result<domain::DriftFlag> ResolveDriftFlag(Services& services, const Caller& caller, Id flag_id,
                                           const DriftResolutionInput& input) {
  Result<domain::DriftFlag> flag = services.store.GetDriftFlag(flag_id);
  if (!flag.ok()) {
    if (flag.status().code() != StatusCode::kNotFound) return flag.status();
    return internal::Unknown("drift flag");
  }
  Status decision =
      services.policy.CheckSupervisee(caller.who, Action::kWriteSupervision, flag->worker_id);
  if (decision.code() == StatusCode::kForbidden) {
    (void)internal::Refuse(services, caller, "drift.resolve", flag->person_id, flag_id, decision);
    return internal::Unknown("drift flag");
  }
  ALONGSIDE_RETURN_IF_ERROR(decision);
  if (input.supervision_session_id) {
    // A session that exists and was held with this worker: sessions are
    // never changed, so reading it before the write is enough.
    Result<domain::SupervisionSession> session =
        services.store.GetSupervisionSession(*input.supervision_session_id);
    if (!session.ok() && session.status().code() != StatusCode::kNotFound) return session.status();
    if (!session.ok() || session->supervisee_id != flag->worker_id) {
      return Status::InvalidArgument("supervision_session_id",
                                     "is not a supervision session held with this worker");
    }
  }
  domain::DriftFlag resolved;
  ALONGSIDE_RETURN_IF_ERROR(services.store.ResolveDriftFlag(
      flag_id,
      [&](const domain::DriftFlag& current) -> Result<domain::DriftFlag> {
        ALONGSIDE_RETURN_IF_ERROR(domain::CheckDriftResolution(
            current, input.resolution, input.note, input.supervision_session_id));
        resolved = current;
        resolved.resolution = input.resolution;
        resolved.resolution_note = input.note;
        resolved.resolved_by = caller.who.staff_id;
        resolved.resolved_at = caller.now;
        resolved.supervision_session_id = input.supervision_session_id;
        return resolved;
      },
      caller.actor));
  return resolved;
}

Result<domain::AdviceRequest> RecordAdviceRequest(Services& services, const Caller& caller,
                                                  Id contact_id, const AdviceInput& input) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             ContactToEdit(services, caller, contact_id));
  domain::AdviceRequest request;
  request.contact_id = contact.id;
  request.person_id = contact.person_id;
  request.worker_id = caller.who.staff_id.value_or(0);
  request.recorded_at = caller.now;
  request.asked = input.asked;
  request.steps = input.steps;
  request.note = input.note;
  ALONGSIDE_ASSIGN_OR_RETURN(request.id, services.store.AddAdviceRequest(request, caller.actor));
  return request;
}

Result<domain::BoundaryGuidance> GuideBoundary(const domain::BoundaryEvent& event) {
  return domain::GuideBoundaryEvent(event, domain::BoundaryPolicy::Default());
}

Result<BoundaryRecorded> RecordBoundaryEvent(Services& services, const Caller& caller,
                                             Id contact_id, const BoundaryInput& input) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             ContactToEdit(services, caller, contact_id));
  BoundaryRecorded recorded;
  ALONGSIDE_ASSIGN_OR_RETURN(recorded.guidance, GuideBoundary(input.event));
  domain::BoundaryRecord& record = recorded.record;
  record.contact_id = contact.id;
  record.person_id = contact.person_id;
  record.worker_id = caller.who.staff_id.value_or(0);
  record.recorded_at = caller.now;
  record.event = input.event;
  record.guidance = recorded.guidance.decision;
  for (const domain::BoundaryReason& reason : recorded.guidance.reasons) {
    record.guidance_rules.push_back(reason.rule);
  }
  record.decision = input.decision;
  record.conversation = input.conversation;
  record.supervisor_consulted = input.supervisor_consulted;
  record.consultation = input.consultation;
  ALONGSIDE_ASSIGN_OR_RETURN(record.id, services.store.AddBoundaryRecord(record, caller.actor));
  return recorded;
}

Result<ContactGuardrails> GuardrailsOfContact(Services& services, const Caller& caller,
                                              const domain::Contact& contact) {
  const Id contact_id = contact.id;
  ContactGuardrails guardrails;
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Staff worker,
                             services.store.GetStaff(contact.latest().written_by));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Certification> certifications,
                             services.store.ListCertifications(worker.id));
  guardrails.completeness = domain::CheckBillableNote(
      contact.latest(), worker, certifications, caller.zone, domain::ActivityCatalog::Default(),
      domain::NoteCompletenessRules::Current());
  store::DriftQuery drift;
  drift.contact_id = contact_id;
  ALONGSIDE_ASSIGN_OR_RETURN(guardrails.drift, services.store.ListDriftFlags(drift));
  store::GuardrailQuery on_contact;
  on_contact.contact_id = contact_id;
  ALONGSIDE_ASSIGN_OR_RETURN(guardrails.advice, services.store.ListAdviceRequests(on_contact));
  ALONGSIDE_ASSIGN_OR_RETURN(guardrails.boundary, services.store.ListBoundaryRecords(on_contact));
  return guardrails;
}

}  // namespace alongside::usecase
