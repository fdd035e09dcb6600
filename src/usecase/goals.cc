#include "usecase/goals.h"

#include "domain/rules.h"
#include "usecase/internal.h"

namespace alongside::usecase {
namespace {

using access::Action;

Action GoalAction(const Caller& caller) {
  return caller.who.IsPerson() ? Action::kSelfGoals : Action::kWorkOnGoals;
}

// Who wrote a version decides whose words it is: the person's own (signed
// by writing it) or written together (waiting for their co-signature).
void Author(domain::GoalVersion& version, const Caller& caller) {
  version.written_at = caller.now;
  version.authored_by_person = caller.who.IsPerson();
  version.cosigned_at =
      caller.who.IsPerson() ? std::optional<Instant>(caller.now) : std::optional<Instant>();
}

Result<domain::Goal> GoalFor(Services& services, const Caller& caller, Id goal_id,
                             Action action) {
  Result<domain::Goal> goal = services.store.GetGoal(goal_id);
  if (!goal.ok()) {
    if (goal.status().code() != StatusCode::kNotFound) return goal.status();
    return internal::Unknown("goal");
  }
  Status decision = services.policy.CheckPerson(caller.who, action, goal->person_id,
                                                caller.today());
  if (decision.code() == StatusCode::kForbidden) {
    // Refused like a goal that does not exist (see ContactFor).
    Status refused = internal::Refuse(services, caller, access::ActionCode(action),
                                      goal->person_id, goal_id, decision);
    (void)refused;
    return internal::Unknown("goal");
  }
  ALONGSIDE_RETURN_IF_ERROR(decision);
  return goal;
}

Result<GoalView> Reread(Services& services, Id goal_id) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Goal goal, services.store.GetGoal(goal_id));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::GoalProgress> progress,
                             services.store.ListGoalProgress(goal_id));
  return GoalView{std::move(goal), std::move(progress)};
}

}  // namespace

Result<GoalView> AddGoal(Services& services, const Caller& caller, std::optional<Id> person_id,
                         const std::string& words, std::optional<Day> review_on) {
  Id person = person_id.value_or(caller.who.IsPerson() ? caller.who.person_id.value_or(0) : 0);
  if (person == 0) return Status::InvalidArgument("person_id", "is required");
  ALONGSIDE_RETURN_IF_ERROR(internal::Authorize(services, caller, GoalAction(caller), person));
  domain::GoalVersion version;
  version.words = words;
  version.status = domain::GoalStatus::kActive;
  version.review_on = review_on;
  Author(version, caller);
  ALONGSIDE_ASSIGN_OR_RETURN(Id id, services.store.AddGoal(person, version, caller.actor));
  return Reread(services, id);
}

Result<GoalView> ReviseGoal(Services& services, const Caller& caller, Id goal_id,
                            const GoalChange& change) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Goal goal,
                             GoalFor(services, caller, goal_id, GoalAction(caller)));
  if (change.words && change.words->find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("words", "must not be empty");
  }
  ALONGSIDE_ASSIGN_OR_RETURN(
      int version, services.store.AppendGoalVersion(
                       goal.id,
                       [&](const domain::Goal& current) -> Result<domain::GoalVersion> {
                         domain::GoalVersion next = current.latest();
                         if (change.words) next.words = *change.words;
                         if (change.status) next.status = *change.status;
                         if (change.review_on) next.review_on = change.review_on;
                         Author(next, caller);
                         return next;
                       },
                       caller.actor, "goal.revise"));
  (void)version;
  return Reread(services, goal.id);
}

Result<GoalView> CosignGoal(Services& services, const Caller& caller, Id goal_id) {
  if (!caller.who.IsPerson()) {
    return internal::Refuse(services, caller, "goal.cosign", std::nullopt, goal_id,
                            Status::Forbidden("only the person co-signs their goal"));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Goal goal,
                             GoalFor(services, caller, goal_id, Action::kSelfGoals));
  ALONGSIDE_ASSIGN_OR_RETURN(
      int version,
      services.store.AppendGoalVersion(
          goal.id,
          [&](const domain::Goal& current) -> Result<domain::GoalVersion> {
            const domain::GoalVersion& latest = current.latest();
            if (latest.authored_by_person) {
              return Status::Conflict("these are already your own words: nothing to co-sign");
            }
            if (latest.cosigned_at) return Status::Conflict("this goal is already co-signed");
            domain::GoalVersion next = latest;
            next.written_at = caller.now;
            next.cosigned_at = caller.now;
            return next;
          },
          caller.actor, "goal.cosign"));
  (void)version;
  return Reread(services, goal.id);
}

Result<GoalView> RecordProgress(Services& services, const Caller& caller, Id goal_id,
                                const std::string& words) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Goal goal,
                             GoalFor(services, caller, goal_id, GoalAction(caller)));
  domain::GoalProgress progress{0, goal.id, caller.now, words, caller.who.IsPerson()};
  ALONGSIDE_ASSIGN_OR_RETURN(Id id, services.store.AddGoalProgress(progress, caller.actor));
  (void)id;
  return Reread(services, goal.id);
}

Result<std::vector<GoalView>> ListGoals(Services& services, const Caller& caller,
                                        std::optional<Id> person_id) {
  Id person = person_id.value_or(caller.who.IsPerson() ? caller.who.person_id.value_or(0) : 0);
  if (person == 0) return Status::InvalidArgument("person_id", "is required");
  ALONGSIDE_RETURN_IF_ERROR(internal::Authorize(services, caller, Action::kReadPerson, person));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<GoalView> views, internal::GoalViews(services, person));
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuditRead(services, caller, "goals.list", "goal", 0, person));
  return views;
}

}  // namespace alongside::usecase
