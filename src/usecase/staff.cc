#include "usecase/staff.h"

#include "domain/rules.h"
#include "usecase/internal.h"

namespace alongside::usecase {

using access::Action;

Result<std::vector<domain::Staff>> ListStaff(Services& services, const Caller& caller,
                                             const store::StaffQuery& query) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kReadStaff));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Staff> staff, services.store.ListStaff(query));
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(services, caller, "staff.list", "staff", 0,
                                                std::nullopt,
                                                std::to_string(staff.size()) + " staff listed"));
  return staff;
}

Result<StaffMember> ReadStaffMember(Services& services, const Caller& caller, Id staff_id) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kReadStaff));
  StaffMember member;
  ALONGSIDE_ASSIGN_OR_RETURN(member.staff, services.store.GetStaff(staff_id));
  ALONGSIDE_ASSIGN_OR_RETURN(member.certifications, services.store.ListCertifications(staff_id));
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuditRead(services, caller, "staff.read", "staff", staff_id, std::nullopt));
  return member;
}

Result<domain::Assignment> Assign(Services& services, const Caller& caller, Id person_id,
                                  Id worker_id, Day start_on) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuthorizeGeneral(services, caller, Action::kManageAssignments));
  // An assignment's worker is a peer worker: the caseload belongs to the role.
  Result<domain::Staff> worker = services.store.GetStaff(worker_id);
  if (!worker.ok() || !domain::IsPeerWorkerRole(worker->role)) {
    if (!worker.ok() && worker.status().code() != StatusCode::kNotFound) return worker.status();
    return Status::InvalidArgument("worker_id", "must be a peer worker");
  }
  domain::Assignment assignment{0, person_id, worker_id, start_on, std::nullopt};
  ALONGSIDE_ASSIGN_OR_RETURN(assignment.id,
                             services.store.AddAssignment(assignment, caller.actor));
  return assignment;
}

Result<std::vector<domain::Assignment>> ListAssignments(Services& services, const Caller& caller,
                                                        const AssignmentListInput& input) {
  store::AssignmentQuery query;
  query.page = input.page;
  query.active_on = caller.today();
  const access::Principal& who = caller.who;
  const bool manager = services.policy.Check(who, Action::kManageAssignments).ok();
  if (manager) {
    query.person_id = input.person_id;
    query.worker_id = input.worker_id;
  } else if (input.person_id) {
    ALONGSIDE_RETURN_IF_ERROR(
        internal::Authorize(services, caller, Action::kReadPerson, *input.person_id));
    query.person_id = *input.person_id;
  } else {
    Id worker = input.worker_id.value_or(who.staff_id.value_or(0));
    if (worker == 0 || !who.staff_id || worker != *who.staff_id) {
      return internal::Refuse(
          services, caller, "assignments.list", std::nullopt, 0,
          Status::Forbidden("only your own assignments, or a person's you may read"));
    }
    query.worker_id = worker;
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Assignment> rows,
                             services.store.ListAssignments(query));
  std::vector<Id> people;
  for (const domain::Assignment& row : rows) people.push_back(row.person_id);
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditReadOfPeople(
      services, caller, "assignments.list", "assignment", people,
      std::to_string(rows.size()) + " assignments listed"));
  return rows;
}

Result<Supervisee> SuperviseeToSupervise(Services& services, const Caller& caller, Id worker_id) {
  Status decision =
      services.policy.CheckSupervisee(caller.who, Action::kWriteSupervision, worker_id);
  if (decision.code() == StatusCode::kForbidden || !caller.who.staff_id) {
    return internal::Refuse(services, caller, "supervision.add", std::nullopt, worker_id,
                            decision.ok() ? Status::Forbidden("for staff only") : decision);
  }
  ALONGSIDE_RETURN_IF_ERROR(decision);
  Supervisee supervisee;
  ALONGSIDE_ASSIGN_OR_RETURN(supervisee.staff, services.store.GetStaff(worker_id));
  supervisee.kind = SupervisionKindGiven(supervisee.staff, *caller.who.staff_id);
  return supervisee;
}

domain::SupervisionKind SupervisionKindGiven(const domain::Staff& supervisee, Id supervisor_id) {
  return supervisee.peer_supervisor_id == supervisor_id ? domain::SupervisionKind::kPeerPractice
                                                        : domain::SupervisionKind::kClinical;
}

Result<domain::SupervisionSession> RecordSupervision(Services& services, const Caller& caller,
                                                     domain::SupervisionSession session) {
  if (!caller.who.staff_id) {
    return internal::Refuse(services, caller, "supervision.add", std::nullopt, 0,
                            Status::Forbidden("for staff only"));
  }
  session.supervisor_id = *caller.who.staff_id;
  Status decision = services.policy.CheckSupervisee(caller.who, Action::kWriteSupervision,
                                                    session.supervisee_id);
  if (decision.code() == StatusCode::kForbidden) {
    return internal::Refuse(services, caller, "supervision.add", std::nullopt,
                            session.supervisee_id, decision);
  }
  ALONGSIDE_RETURN_IF_ERROR(decision);
  if (session.held_at > caller.now + 3600) {
    return Status::InvalidArgument("held_at", "must not be in the future");
  }
  ALONGSIDE_ASSIGN_OR_RETURN(session.id,
                             services.store.AddSupervisionSession(session, caller.actor));
  return session;
}

Result<std::vector<domain::SupervisionSession>> ListSupervision(
    Services& services, const Caller& caller, const SupervisionListInput& input) {
  const Id target = input.supervisee_id.value_or(caller.who.staff_id.value_or(0));
  Status decision =
      services.policy.CheckSupervisee(caller.who, Action::kReadSupervision, target);
  if (decision.code() == StatusCode::kForbidden) {
    return internal::Refuse(services, caller, "supervision.list", std::nullopt, target, decision);
  }
  ALONGSIDE_RETURN_IF_ERROR(decision);
  store::SupervisionQuery query;
  query.supervisee_ids = std::vector<Id>{target};
  query.from = input.from;
  query.until = input.until;
  query.page = input.page;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::SupervisionSession> sessions,
                             services.store.ListSupervision(query));
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuditRead(services, caller, "supervision.list", "staff", target, std::nullopt,
                          std::to_string(sessions.size()) + " sessions listed"));
  return sessions;
}

}  // namespace alongside::usecase
