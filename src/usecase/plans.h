// Reaching people: contacts planned ahead (an appointment a worker goes to
// with a person, a visit, a call) and attempts that did not reach them. A peer worker plans them with the people assigned to them
// (the same relationship as recording a contact), sees them on Today, and
// marks each done (once it is recorded) or cancelled. Times are the
// program's local time (Caller::zone).
#pragma once

#include <string>
#include <vector>

#include "usecase/usecase.h"

namespace alongside::usecase {

struct PlanRequest {
  Id person_id = 0;
  Day day = 0;               // the local day
  int seconds_into_day = 0;  // the local clock time
  domain::ContactSetting setting = domain::ContactSetting::kCommunity;
  std::string place;    // optional
  std::string purpose;  // required
};

// How far ahead a contact may be planned.
inline constexpr int kMaxPlanDaysAhead = 366;

// Plans a contact. InvalidArgument naming "date" (a day before today or
// more than kMaxPlanDaysAhead ahead), "time" (a time the clocks skipped),
// "place" or "purpose"; NotFound when the person is not the caller's to
// plan with.
Result<domain::PlannedContact> PlanContact(Services& services, const Caller& caller,
                                           const PlanRequest& request);
// Marks a planned contact done or cancelled: only the worker who planned it
// (NotFound otherwise, as for an unknown plan); Conflict when it is no
// longer planned.
Result<domain::PlannedContact> ClosePlan(Services& services, const Caller& caller, Id plan_id,
                                         domain::PlanStatus status);
// An attempt to reach a person assigned to the caller that did not become a
// contact (a call with no answer), now. NotFound when the person is not the
// caller's to reach; InvalidArgument naming "setting" for a group setting.
Result<domain::ContactAttempt> RecordAttempt(Services& services, const Caller& caller,
                                             Id person_id, domain::ContactSetting setting);

// The caller's own planned contacts from `from_day` for `days` local days,
// still planned, soonest first; the read is audited (one row per person).
Result<std::vector<store::PlannedContactRow>> MyPlans(Services& services, const Caller& caller,
                                                      Day from_day, int days);

}  // namespace alongside::usecase
