// Goals in the person's words, their progress and the person's co-signature.
// The rules, decided once here:
// - A version's author is whoever wrote it. A goal the person writes (or
//   rewrites) is theirs and signed by writing it; a goal or a change a
//   worker writes with them is "written together" and waits for the
//   person's co-signature.
// - The person co-signs the current version of a goal written together and
//   not yet co-signed; anything else is Conflict.
// - A change of status (achieved, set aside, working on it again; the words
//   of labels.json "goal_statuses") is a change like any other: made by the
//   person it is theirs; made by a worker with them it is written together
//   and waits for their co-signature. Until they co-sign, /me/goals shows
//   the new status as "written together, not yet co-signed" with the
//   co-sign button, and the status stands (an achieved goal is no longer
//   due for review).
// - Each revision adds a version, even one that repeats the words: the
//   person who repeats the words of a version written together makes them
//   their own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "usecase/usecase.h"

namespace alongside::usecase {

struct GoalView {
  domain::Goal goal;
  std::vector<domain::GoalProgress> progress;  // newest first
};

// `person_id` may be omitted by a person served (their own).
Result<GoalView> AddGoal(Services& services, const Caller& caller, std::optional<Id> person_id,
                         const std::string& words, std::optional<Day> review_on);

struct GoalChange {
  std::optional<std::string> words;
  std::optional<domain::GoalStatus> status;
  std::optional<Day> review_on;
};
Result<GoalView> ReviseGoal(Services& services, const Caller& caller, Id goal_id,
                            const GoalChange& change);
Result<GoalView> CosignGoal(Services& services, const Caller& caller, Id goal_id);
Result<GoalView> RecordProgress(Services& services, const Caller& caller, Id goal_id,
                                const std::string& words);

// A person's goals with their progress; the read is audited.
Result<std::vector<GoalView>> ListGoals(Services& services, const Caller& caller,
                                        std::optional<Id> person_id);

}  // namespace alongside::usecase
