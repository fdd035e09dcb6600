// A peer worker's day and a supervisor's overview, with the program's
// working rules (rules/practice.json): the documentation deadline, when a
// person is "to see", role drift (a clinical-only activity recorded by a
// peer worker, from the activity catalog).
#pragma once

#include <cstdint>
#include <vector>

#include "usecase/usecase.h"

namespace alongside::usecase {

struct DraftRow {
  store::ContactRow row;
  bool past_deadline = false;
};

struct WorkerDay {
  std::vector<store::PersonRow> to_see;  // oldest last contact first
  std::vector<DraftRow> drafts;          // the oldest few
  std::int64_t drafts_total = 0;
  std::int64_t drafts_past_deadline = 0;
  std::vector<store::GoalDue> goals_due;  // soonest first
  int deadline_hours = 0;
  int due_after_days = 0;
};
// The worker's Today page: people to see, drafts, goals due for review.
Result<WorkerDay> WorkerToday(Services& services, const Caller& caller, int drafts_shown);
// The worker's caseload, by name.
Result<std::vector<store::PersonRow>> WorkerCaseload(Services& services, const Caller& caller);

struct RecentContact {
  store::ContactRow row;
  std::string worker_name;
  bool role_drift = false;
};
struct SupervisorOverview {
  std::vector<store::CaseloadRow> supervisees;
  std::vector<RecentContact> past_deadline;  // drafts older than the deadline, oldest first
  std::vector<RecentContact> recent;         // the last `recent_days`, newest first
  int deadline_hours = 0;
};
Result<SupervisorOverview> OverseeSupervisees(Services& services, const Caller& caller,
                                              int recent_days, int recent_shown);

}  // namespace alongside::usecase
