// The person's own plans (docs/plans.md): their wellness and recovery
// action plan and their safety plan, in their words. The person, or their
// peer worker with them, starts and revises a plan (every change a new
// version by its author); a version the worker wrote stands as the
// person's once the person co-signs it; the person alone chooses who beyond
// their peer worker may read it. Every read is audited before it is
// answered; a plan the caller may not read is answered like one that does
// not exist.
#pragma once

#include <optional>
#include <vector>

#include "domain/model.h"
#include "usecase/usecase.h"

namespace alongside::usecase {

// A plan's words as the form or the API gives them: sections by code, in
// any order; empty or blank sections are left out.
struct PlanWrite {
  std::vector<domain::PlanSection> sections;
  std::optional<Day> review_on;  // nullopt: keep the plan's (none for a new plan)
  bool clear_review = false;     // remove the review day
};

// A plan and what the caller may do with it.
struct PlanView {
  domain::PersonPlan plan;
  bool awaiting_cosign = false;  // the latest version is a worker's, not yet co-signed
  bool may_write = false;
  bool may_own = false;          // co-sign and choose sharing: the person
};

// A plan, and the person it must belong to when the caller names one (a
// path /people/{person}/plans/{plan}): a plan of someone else is answered
// like one that does not exist.
struct PlanRef {
  Id plan_id = 0;
  std::optional<Id> person_id;
};

// The person's plans the caller may read (one audited read). NotFound when
// the caller may not read the person's record at all.
Result<std::vector<PlanView>> ListPlans(Services& services, const Caller& caller, Id person_id);
// One plan, audited. NotFound when unknown or not the caller's to read.
Result<PlanView> GetPlan(Services& services, const Caller& caller, PlanRef ref);
// Starts the person's plan of `kind`: InvalidArgument naming the field
// ("sections", "sections.<code>", "review_on" before today); Conflict when
// the person has one of that kind already (revise it).
Result<PlanView> CreatePlan(Services& services, const Caller& caller, Id person_id,
                            domain::PlanKind kind, const PlanWrite& write);
// A new version of the whole plan, as written now.
Result<PlanView> RevisePlan(Services& services, const Caller& caller, PlanRef ref,
                            const PlanWrite& write);
// The person co-signs the latest version; Conflict when it is theirs or
// already co-signed.
Result<PlanView> CosignPlan(Services& services, const Caller& caller, PlanRef ref);
// The person chooses who beyond their peer worker may read the plan.
Result<PlanView> SharePlan(Services& services, const Caller& caller, PlanRef ref,
                           const std::vector<domain::PlanAudience>& shared_with);
// Plans due for review of the people assigned to the calling worker today.
Result<std::vector<store::PlanDue>> MyPlansDue(Services& services, const Caller& caller);

}  // namespace alongside::usecase
