#include "usecase/person_plans.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/plan_templates.h"
#include "usecase/internal.h"

namespace alongside::usecase {
namespace {

using access::Action;

// How far ahead a review day may be set.
constexpr int kMaxReviewDaysAhead = 366;

Result<PlanView> ViewOf(Services& services, const Caller& caller, domain::PersonPlan plan) {
  PlanView view;
  const domain::PlanVersion& latest = plan.latest();
  view.awaiting_cosign = !latest.by_person && !latest.cosigned_at;
  ALONGSIDE_ASSIGN_OR_RETURN(
      view.may_write,
      internal::Allowed(
          services.policy.CheckPlan(caller.who, Action::kWritePlan, plan, caller.today())));
  ALONGSIDE_ASSIGN_OR_RETURN(
      view.may_own, internal::Allowed(services.policy.CheckPlan(caller.who, Action::kOwnPlan,
                                                                plan, caller.today())));
  view.plan = std::move(plan);
  return view;
}

// The plan, when the caller may do `action` with it; refused like a plan
// that does not exist otherwise (audited).
Result<domain::PersonPlan> PlanFor(Services& services, const Caller& caller, PlanRef ref,
                                   Action action) {
  Result<domain::PersonPlan> plan = services.store.GetPersonPlan(ref.plan_id);
  if (!plan.ok()) {
    if (plan.status().code() != StatusCode::kNotFound) return plan.status();
    return internal::Unknown("plan");
  }
  if (ref.person_id && *ref.person_id != plan->person_id) return internal::Unknown("plan");
  const Id plan_id = ref.plan_id;
  Status decision = services.policy.CheckPlan(caller.who, action, *plan, caller.today());
  if (decision.code() == StatusCode::kForbidden) {
    // Someone who may read the plan but not do this learns why; anyone else
    // is told there is no such plan.
    ALONGSIDE_ASSIGN_OR_RETURN(
        const bool reads, internal::Allowed(services.policy.CheckPlan(
                              caller.who, Action::kReadPlan, *plan, caller.today())));
    Status refused = internal::Refuse(services, caller, access::ActionCode(action),
                                      plan->person_id, plan_id, decision);
    return reads ? refused : internal::Unknown("plan");
  }
  ALONGSIDE_RETURN_IF_ERROR(decision);
  return plan;
}

// The version the caller writes now: the person's own words are theirs
// (signed by writing them); a worker's wait for the person's co-signature.
Result<domain::PlanVersion> Written(const Caller& caller, domain::PlanKind kind,
                                    const PlanWrite& write,
                                    std::optional<Day> previous_review) {
  domain::PlanVersion version;
  const domain::PlanTemplates& templates = domain::PlanTemplates::Default();
  version.sections = templates.Normalise(kind, write.sections);
  version.written_at = caller.now;
  version.by_person = caller.who.IsPerson();
  if (!version.by_person) version.author_staff_id = caller.who.staff_id;
  version.review_on = write.clear_review ? std::nullopt : write.review_on ? write.review_on
                                                                          : previous_review;
  if (write.review_on) {
    if (*write.review_on < caller.today()) {
      return Status::InvalidArgument("review_on", "must be today or later");
    }
    if (*write.review_on > caller.today() + kMaxReviewDaysAhead) {
      return Status::InvalidArgument("review_on", "must be within a year");
    }
  }
  ALONGSIDE_RETURN_IF_ERROR(templates.ValidatePlanVersion(kind, version));
  return version;
}

Result<PlanView> Reread(Services& services, const Caller& caller, Id plan_id) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::PersonPlan plan, services.store.GetPersonPlan(plan_id));
  return ViewOf(services, caller, std::move(plan));
}

}  // namespace

Result<std::vector<PlanView>> ListPlans(Services& services, const Caller& caller, Id person_id) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::Authorize(services, caller, Action::kReadPerson, person_id));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::PersonPlan> plans,
                             services.store.ListPersonPlans(person_id));
  std::vector<PlanView> views;
  std::string shown;
  for (domain::PersonPlan& plan : plans) {
    ALONGSIDE_ASSIGN_OR_RETURN(
        const bool reads, internal::Allowed(services.policy.CheckPlan(
                              caller.who, Action::kReadPlan, plan, caller.today())));
    if (!reads) continue;
    if (!shown.empty()) shown += ',';
    shown += fmt::format("{}", plan.id);
    ALONGSIDE_ASSIGN_OR_RETURN(PlanView view, ViewOf(services, caller, std::move(plan)));
    views.push_back(std::move(view));
  }
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(services, caller, "plan.list", "person",
                                                person_id, person_id,
                                                shown.empty() ? "none" : "plans " + shown));
  return views;
}

Result<PlanView> GetPlan(Services& services, const Caller& caller, PlanRef ref) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::PersonPlan plan,
                             PlanFor(services, caller, ref, Action::kReadPlan));
  const Id plan_id = ref.plan_id;
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(services, caller, "plan.read", "plan", plan_id,
                                                plan.person_id,
                                                fmt::format("version {}", plan.latest().version)));
  return ViewOf(services, caller, std::move(plan));
}

Result<PlanView> CreatePlan(Services& services, const Caller& caller, Id person_id,
                            domain::PlanKind kind, const PlanWrite& write) {
  ALONGSIDE_RETURN_IF_ERROR(internal::Authorize(services, caller, Action::kWritePlan, person_id));
  ALONGSIDE_ASSIGN_OR_RETURN(domain::PlanVersion version,
                             Written(caller, kind, write, std::nullopt));
  domain::PersonPlan plan;
  plan.person_id = person_id;
  plan.kind = kind;
  plan.versions.push_back(std::move(version));
  ALONGSIDE_ASSIGN_OR_RETURN(Id id, services.store.AddPersonPlan(plan, caller.actor));
  return Reread(services, caller, id);
}

Result<PlanView> RevisePlan(Services& services, const Caller& caller, PlanRef ref,
                            const PlanWrite& write) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::PersonPlan plan,
                             PlanFor(services, caller, ref, Action::kWritePlan));
  const Id plan_id = ref.plan_id;
  ALONGSIDE_ASSIGN_OR_RETURN(domain::PlanVersion version,
                             Written(caller, plan.kind, write, plan.latest().review_on));
  ALONGSIDE_RETURN_IF_ERROR(
      services.store
          .AppendPlanVersion(plan_id,
                             [&](const domain::PersonPlan&) -> Result<domain::PlanVersion> {
                               return version;
                             },
                             caller.actor, "plan.revise")
          .status());
  return Reread(services, caller, plan_id);
}

Result<PlanView> CosignPlan(Services& services, const Caller& caller, PlanRef ref) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::PersonPlan plan,
                             PlanFor(services, caller, ref, Action::kOwnPlan));
  const Id plan_id = ref.plan_id;
  ALONGSIDE_RETURN_IF_ERROR(
      services.store
          .AppendPlanVersion(
              plan.id,
              [&](const domain::PersonPlan& current) -> Result<domain::PlanVersion> {
                const domain::PlanVersion& latest = current.latest();
                if (latest.by_person) {
                  return Status::Conflict("this version is your own: there is nothing to co-sign");
                }
                if (latest.cosigned_at) return Status::Conflict("this plan is already co-signed");
                domain::PlanVersion next = latest;
                next.cosigned_at = caller.now;
                next.written_at = caller.now;
                return next;
              },
              caller.actor, "plan.cosign")
          .status());
  return Reread(services, caller, plan_id);
}

Result<PlanView> SharePlan(Services& services, const Caller& caller, PlanRef ref,
                           const std::vector<domain::PlanAudience>& shared_with) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::PersonPlan plan,
                             PlanFor(services, caller, ref, Action::kOwnPlan));
  const Id plan_id = ref.plan_id;
  std::vector<domain::PlanAudience> audiences;
  for (domain::PlanAudience audience : domain::kAllPlanAudiences) {
    if (std::find(shared_with.begin(), shared_with.end(), audience) != shared_with.end()) {
      audiences.push_back(audience);
    }
  }
  ALONGSIDE_RETURN_IF_ERROR(services.store.SetPlanSharing(plan.id, audiences, caller.actor));
  return Reread(services, caller, plan_id);
}

Result<std::vector<store::PlanDue>> MyPlansDue(Services& services, const Caller& caller) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kWorkCaseload));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<store::PlanDue> due,
      services.store.PlansDueForReview({*caller.who.staff_id}, caller.today()));
  std::vector<Id> people;
  for (const store::PlanDue& row : due) people.push_back(row.person_id);
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditReadOfPeople(services, caller, "plan.due", "plan",
                                                        people, "plans due for review"));
  return due;
}

}  // namespace alongside::usecase
