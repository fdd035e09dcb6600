#include "access/policy.h"

#include <algorithm>

namespace alongside::access {
namespace {

using domain::Role;

bool IsSupervisor(const Principal& principal) {
  return principal.HasRole(Role::kSeniorPeerSupervisor) ||
         principal.HasRole(Role::kClinicalSupervisor);
}

Status Refuse(Action action) {
  return Status::Forbidden(std::string("not permitted: ") + ActionName(action));
}

bool Contains(const std::vector<store::Id>& ids, store::Id id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

const char* ActionName(Action action) {
  switch (action) {
    case Action::kReadPerson: return "read this person's record";
    case Action::kReadCaseloadRecord: return "open the worker's view of this record";
    case Action::kRecordContact: return "record contacts for this person";
    case Action::kWorkOnGoals: return "work on this person's goals";
    case Action::kSelfGoals: return "change these goals";
    case Action::kAnnotate: return "annotate this note";
    case Action::kWorkCaseload: return "see a caseload (peer workers only)";
    case Action::kOpenOwnRecord: return "open these pages (people served only)";
    case Action::kOverseeSupervisees: return "see supervisees' work (supervisors only)";
    case Action::kReadStaff: return "see staff";
    case Action::kReadTeams: return "see teams";
    case Action::kReadProgramAggregates: return "see program figures";
    case Action::kReadSupervision: return "see this supervision";
    case Action::kWriteSupervision: return "record this supervision";
    case Action::kManageAssignments: return "change assignments";
    case Action::kManageProgram: return "change the program's settings";
    case Action::kAdminister: return "administer Alongside (administrators only)";
    case Action::kReadPlan: return "read this plan";
    case Action::kWritePlan: return "write this plan";
    case Action::kOwnPlan: return "co-sign or share this plan (the person only)";
    case Action::kRecordSafety: return "record this safety event";
    case Action::kReadSafety: return "read this safety event";
    case Action::kReviewSafety: return "review this safety event";
    case Action::kReadFidelity: return "see these fidelity scores";
    case Action::kFileGrievance: return "raise a concern";
    case Action::kReadGrievance: return "read this concern";
    case Action::kManageGrievances: return "manage concerns (the program manager only)";
    case Action::kWithdrawGrievance: return "withdraw this concern (only whoever raised it)";
    case Action::kReadGovernance: return "see the governance audit";
    case Action::kDeclareGovernance: return "declare governance items (the program manager only)";
    case Action::kProposeMetric: return "propose a metric";
    case Action::kEndorseMetric: return "endorse a metric (people served only)";
    case Action::kAdoptMetric: return "adopt a metric (the program manager only)";
  }
  return "do that";
}

const char* ActionCode(Action action) {
  switch (action) {
    case Action::kReadPerson: return "person.read";
    case Action::kReadCaseloadRecord: return "person.read";
    case Action::kRecordContact: return "contact.record";
    case Action::kWorkOnGoals: return "goal.work";
    case Action::kSelfGoals: return "goal.self";
    case Action::kAnnotate: return "contact.annotate";
    case Action::kWorkCaseload: return "caseload.read";
    case Action::kOpenOwnRecord: return "self.read";
    case Action::kOverseeSupervisees: return "supervision.read";
    case Action::kReadStaff: return "staff.read";
    case Action::kReadTeams: return "teams.read";
    case Action::kReadProgramAggregates: return "program.read";
    case Action::kReadSupervision: return "supervision.read";
    case Action::kWriteSupervision: return "supervision.write";
    case Action::kManageAssignments: return "assignment.manage";
    case Action::kManageProgram: return "settings.manage";
    case Action::kAdminister: return "admin.read";
    case Action::kReadPlan: return "plan.read";
    case Action::kWritePlan: return "plan.write";
    case Action::kOwnPlan: return "plan.own";
    case Action::kRecordSafety: return "safety.record";
    case Action::kReadSafety: return "safety.read";
    case Action::kReviewSafety: return "safety.review";
    case Action::kReadFidelity: return "fidelity.read";
    case Action::kFileGrievance: return "grievance.file";
    case Action::kReadGrievance: return "grievance.read";
    case Action::kManageGrievances: return "grievance.manage";
    case Action::kWithdrawGrievance: return "grievance.withdraw";
    case Action::kReadGovernance: return "governance.read";
    case Action::kDeclareGovernance: return "governance.declare";
    case Action::kProposeMetric: return "metric.propose";
    case Action::kEndorseMetric: return "metric.endorse";
    case Action::kAdoptMetric: return "metric.adopt";
  }
  return "unknown";
}

bool Policy::IsPeerWorker(const Principal& principal) {
  return !principal.IsPerson() && principal.role && domain::IsPeerWorkerRole(*principal.role) &&
         principal.staff_id;
}

bool Policy::DeIdentified(const Principal& principal) {
  return principal.HasRole(Role::kEvaluator);
}

Status Policy::CheckPerson(const Principal& principal, Action action, store::Id person_id,
                           Day today) {
  if (principal.IsPerson()) {
    bool own = principal.person_id && *principal.person_id == person_id;
    bool allowed = action == Action::kReadPerson || action == Action::kSelfGoals ||
                   action == Action::kAnnotate || action == Action::kWritePlan;
    return own && allowed ? Status::Ok() : Refuse(action);
  }
  if (IsPeerWorker(principal)) {
    if (action != Action::kReadPerson && action != Action::kReadCaseloadRecord &&
        action != Action::kRecordContact && action != Action::kWorkOnGoals &&
        action != Action::kWritePlan && action != Action::kRecordSafety) {
      return Refuse(action);
    }
    Result<std::vector<store::Id>> workers = store_.ActiveWorkersOf(person_id, today);
    if (!workers.ok()) return workers.status();
    return Contains(*workers, *principal.staff_id) ? Status::Ok() : Refuse(action);
  }
  if (IsSupervisor(principal) && principal.staff_id) {
    if (action != Action::kReadPerson && action != Action::kReadCaseloadRecord) {
      return Refuse(action);
    }
    Result<std::vector<store::Id>> workers = store_.ActiveWorkersOf(person_id, today);
    if (!workers.ok()) return workers.status();
    Result<std::vector<store::Id>> supervisees = store_.SuperviseesOf(*principal.staff_id);
    if (!supervisees.ok()) return supervisees.status();
    for (store::Id worker : *workers) {
      if (Contains(*supervisees, worker)) return Status::Ok();
    }
    return Refuse(action);
  }
  // Program managers, evaluators, administrators and clinicians reach no
  // individual person's record (clinicians will through consent).
  return Refuse(action);
}

Status Policy::CheckSupervisee(const Principal& principal, Action action,
                               store::Id supervisee_id) {
  if (action != Action::kReadSupervision && action != Action::kWriteSupervision) {
    return Refuse(action);
  }
  if (principal.IsPerson()) return Refuse(action);
  if (action == Action::kReadSupervision && principal.staff_id &&
      *principal.staff_id == supervisee_id) {
    return Status::Ok();  // a worker reads their own supervision record
  }
  if (action == Action::kReadSupervision && principal.HasRole(Role::kProgramManager)) {
    return Status::Ok();
  }
  if (IsSupervisor(principal) && principal.staff_id) {
    Result<std::vector<store::Id>> supervisees = store_.SuperviseesOf(*principal.staff_id);
    if (!supervisees.ok()) return supervisees.status();
    if (Contains(*supervisees, supervisee_id)) return Status::Ok();
  }
  return Refuse(action);
}

Result<std::optional<std::vector<store::Id>>> Policy::FidelityWorkers(
    const Principal& principal) {
  if (principal.IsPerson() || !principal.staff_id) return Refuse(Action::kReadFidelity);
  if (principal.HasRole(Role::kProgramManager) || principal.HasRole(Role::kEvaluator)) {
    return std::optional<std::vector<store::Id>>();
  }
  if (IsSupervisor(principal)) {
    Result<std::vector<store::Id>> supervisees = store_.SuperviseesOf(*principal.staff_id);
    if (!supervisees.ok()) return supervisees.status();
    return std::optional<std::vector<store::Id>>(std::move(supervisees).value());
  }
  if (IsPeerWorker(principal)) {
    return std::optional<std::vector<store::Id>>(std::vector<store::Id>{*principal.staff_id});
  }
  return Refuse(Action::kReadFidelity);
}

Status Policy::Check(const Principal& principal, Action action) {
  if (action == Action::kOpenOwnRecord) {
    return principal.IsPerson() && principal.person_id ? Status::Ok() : Refuse(action);
  }
  if (principal.IsPerson()) return Refuse(action);
  bool manager = principal.HasRole(Role::kProgramManager);
  bool admin = principal.HasRole(Role::kAdministrator);
  switch (action) {
    case Action::kReadProgramAggregates:
      return manager || admin || principal.HasRole(Role::kEvaluator) ? Status::Ok()
                                                                     : Refuse(action);
    case Action::kReadStaff:
    case Action::kReadTeams:
      return manager || admin || IsSupervisor(principal) || IsPeerWorker(principal)
                 ? Status::Ok()
                 : Refuse(action);
    case Action::kManageAssignments:
    case Action::kManageProgram:
      return manager ? Status::Ok() : Refuse(action);
    case Action::kWorkCaseload:
      return IsPeerWorker(principal) ? Status::Ok() : Refuse(action);
    case Action::kOverseeSupervisees:
      return IsSupervisor(principal) && principal.staff_id ? Status::Ok() : Refuse(action);
    case Action::kAdminister:
      return admin ? Status::Ok() : Refuse(action);
    default:
      return Refuse(action);
  }
}

Status Policy::CheckPlan(const Principal& principal, Action action,
                         const domain::PersonPlan& plan, Day today) {
  if (action != Action::kReadPlan && action != Action::kWritePlan && action != Action::kOwnPlan) {
    return Refuse(action);
  }
  if (principal.IsPerson()) {
    return principal.person_id && *principal.person_id == plan.person_id ? Status::Ok()
                                                                         : Refuse(action);
  }
  if (action == Action::kOwnPlan) return Refuse(action);
  const auto shared = [&](domain::PlanAudience audience) {
    return std::find(plan.shared_with.begin(), plan.shared_with.end(), audience) !=
           plan.shared_with.end();
  };
  if (IsPeerWorker(principal)) {
    Result<std::vector<store::Id>> workers = store_.ActiveWorkersOf(plan.person_id, today);
    if (!workers.ok()) return workers.status();
    if (Contains(*workers, *principal.staff_id)) return Status::Ok();
    if (action != Action::kReadPlan || !shared(domain::PlanAudience::kTeam)) return Refuse(action);
    Result<domain::Person> person = store_.GetPerson(plan.person_id);
    if (!person.ok()) return person.status();
    Result<domain::Staff> self = store_.GetStaff(*principal.staff_id);
    if (!self.ok()) return self.status();
    return self->team_id == person->team_id ? Status::Ok() : Refuse(action);
  }
  if (IsSupervisor(principal) && principal.staff_id && action == Action::kReadPlan &&
      shared(domain::PlanAudience::kSupervisors)) {
    Status reads = CheckPerson(principal, Action::kReadPerson, plan.person_id, today);
    return reads.code() == StatusCode::kForbidden ? Refuse(action) : reads;
  }
  return Refuse(action);
}

Status Policy::CheckSafetyEvent(const Principal& principal, Action action,
                                const domain::SafetyEvent& event, Day today) {
  if (action != Action::kRecordSafety && action != Action::kReadSafety &&
      action != Action::kReviewSafety) {
    return Refuse(action);
  }
  if (principal.IsPerson()) {
    bool own = principal.person_id && *principal.person_id == event.person_id;
    return own && action == Action::kReadSafety ? Status::Ok() : Refuse(action);
  }
  if (IsPeerWorker(principal)) {
    if (action == Action::kReviewSafety) return Refuse(action);
    Result<std::vector<store::Id>> workers = store_.ActiveWorkersOf(event.person_id, today);
    if (!workers.ok()) return workers.status();
    return Contains(*workers, *principal.staff_id) ? Status::Ok() : Refuse(action);
  }
  if (IsSupervisor(principal) && principal.staff_id &&
      (action == Action::kReadSafety || action == Action::kReviewSafety)) {
    Result<std::vector<store::Id>> supervisees = store_.SuperviseesOf(*principal.staff_id);
    if (!supervisees.ok()) return supervisees.status();
    return Contains(*supervisees, event.worker_id) ? Status::Ok() : Refuse(action);
  }
  return Refuse(action);
}

Status Policy::CheckGovernance(const Principal& principal, Action action) {
  const bool person = principal.IsPerson() && principal.person_id.has_value();
  const bool staff = !principal.IsPerson() && principal.staff_id.has_value();
  const bool manager = staff && principal.HasRole(Role::kProgramManager);
  switch (action) {
    case Action::kFileGrievance:
    case Action::kProposeMetric:
      return person || staff ? Status::Ok() : Refuse(action);
    case Action::kEndorseMetric:
      return person ? Status::Ok() : Refuse(action);
    case Action::kReadGovernance:
      return manager || (staff && principal.HasRole(Role::kEvaluator)) ? Status::Ok()
                                                                         : Refuse(action);
    case Action::kManageGrievances:
    case Action::kDeclareGovernance:
    case Action::kAdoptMetric:
      return manager ? Status::Ok() : Refuse(action);
    default:
      return Refuse(action);
  }
}

Status Policy::CheckGrievance(const Principal& principal, Action action,
                              const domain::Grievance& grievance) {
  if (action == Action::kManageGrievances) return CheckGovernance(principal, action);
  const bool filer =
      principal.IsPerson()
          ? principal.person_id && grievance.filed_by_person_id == principal.person_id
          : principal.staff_id && grievance.filed_by_staff_id == principal.staff_id;
  if (action == Action::kWithdrawGrievance) return filer ? Status::Ok() : Refuse(action);
  if (action != Action::kReadGrievance) return Refuse(action);
  if (principal.IsPerson()) {
    return principal.person_id && grievance.filed_by_person_id == principal.person_id
               ? Status::Ok()
               : Refuse(action);
  }
  if (!principal.staff_id) return Refuse(action);
  if (principal.HasRole(Role::kProgramManager)) return Status::Ok();
  if (grievance.filed_by_staff_id == principal.staff_id) return Status::Ok();
  for (const domain::GrievancePanelMember& member : grievance.panel) {
    if (member.staff_id == *principal.staff_id) return Status::Ok();
  }
  return Refuse(action);
}

Result<std::optional<std::vector<store::Id>>> Policy::VisibleWorkers(const Principal& principal) {
  using Scope = std::optional<std::vector<store::Id>>;
  if (IsPeerWorker(principal)) return Scope(std::vector<store::Id>{*principal.staff_id});
  if (IsSupervisor(principal) && principal.staff_id) {
    Result<std::vector<store::Id>> supervisees = store_.SuperviseesOf(*principal.staff_id);
    if (!supervisees.ok()) return supervisees.status();
    return Scope(std::move(supervisees).value());
  }
  return Scope(std::nullopt);
}

}  // namespace alongside::access
