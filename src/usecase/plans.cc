#include "usecase/plans.h"

#include <fmt/format.h>

#include "usecase/internal.h"

namespace alongside::usecase {

using access::Action;

Result<domain::PlannedContact> PlanContact(Services& services, const Caller& caller,
                                           const PlanRequest& request) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::Authorize(services, caller, Action::kRecordContact, request.person_id));
  if (!caller.who.staff_id) return internal::Unknown("person");
  if (request.day < caller.today()) {
    return Status::InvalidArgument("date", "must be today or later");
  }
  if (request.day > caller.today() + kMaxPlanDaysAhead) {
    return Status::InvalidArgument(
        "date", fmt::format("must be within {} days from today", kMaxPlanDaysAhead));
  }
  domain::PlannedContact plan;
  plan.person_id = request.person_id;
  plan.worker_id = *caller.who.staff_id;
  ALONGSIDE_ASSIGN_OR_RETURN(plan.at,
                             caller.zone.At(request.day, request.seconds_into_day, "time"));
  plan.setting = request.setting;
  plan.place = request.place;
  plan.purpose = request.purpose;
  plan.status = domain::PlanStatus::kPlanned;
  plan.created_at = caller.now;
  ALONGSIDE_ASSIGN_OR_RETURN(plan.id, services.store.AddPlannedContact(plan, caller.actor));
  return plan;
}

Result<domain::ContactAttempt> RecordAttempt(Services& services, const Caller& caller,
                                             Id person_id, domain::ContactSetting setting) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::Authorize(services, caller, Action::kRecordContact, person_id));
  if (!caller.who.staff_id) return internal::Unknown("person");
  if (setting == domain::ContactSetting::kGroup) {
    return Status::InvalidArgument("setting", "an attempt reaches one person: not a group");
  }
  domain::ContactAttempt attempt{0, person_id, *caller.who.staff_id, caller.now, setting};
  ALONGSIDE_ASSIGN_OR_RETURN(attempt.id, services.store.AddContactAttempt(attempt, caller.actor));
  return attempt;
}

Result<domain::PlannedContact> ClosePlan(Services& services, const Caller& caller, Id plan_id,
                                         domain::PlanStatus status) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kWorkCaseload));
  Result<domain::PlannedContact> plan = services.store.GetPlannedContact(plan_id);
  if (!plan.ok() && plan.status().code() != StatusCode::kNotFound) return plan.status();
  if (!plan.ok() || plan->worker_id != caller.who.staff_id) {
    return internal::Refuse(services, caller, "plan.status", std::nullopt, plan_id,
                            internal::Unknown("planned contact"));
  }
  if (plan->status != domain::PlanStatus::kPlanned) {
    return Status::Conflict(
        fmt::format("this planned contact is already {}", domain::Name(plan->status)));
  }
  if (status == domain::PlanStatus::kPlanned) {
    return Status::InvalidArgument("status", "must be done or cancelled");
  }
  ALONGSIDE_RETURN_IF_ERROR(services.store.SetPlanStatus(plan_id, status, caller.actor));
  plan->status = status;
  return plan;
}

Result<std::vector<store::PlannedContactRow>> MyPlans(Services& services, const Caller& caller,
                                                      Day from_day, int days) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kWorkCaseload));
  store::PlanQuery query;
  query.worker_ids = std::vector<Id>{*caller.who.staff_id};
  query.from = caller.zone.StartOfDay(from_day);
  query.until = caller.zone.StartOfDay(from_day + days);
  query.status = domain::PlanStatus::kPlanned;
  query.page.limit = 200;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PlannedContactRow> plans,
                             services.store.ListPlannedContacts(query));
  // Only plans with people still assigned to the worker: a plan outlives
  // neither the assignment nor the access it came with.
  std::vector<store::PlannedContactRow> mine;
  std::vector<Id> people;
  for (store::PlannedContactRow& row : plans) {
    if (!services.policy
             .CheckPerson(caller.who, Action::kRecordContact, row.plan.person_id, caller.today())
             .ok()) {
      continue;
    }
    people.push_back(row.plan.person_id);
    mine.push_back(std::move(row));
  }
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuditReadOfPeople(services, caller, "plan.read", "person", people, "plans"));
  return mine;
}

}  // namespace alongside::usecase
