// The program's settings: the time zone people enter and read times in.
// The program manager sets it (`SetProgramTimeZone`, or `--time-zone` on the
// command line); the server reads it with each request's session
// (store::SignedInRecord::time_zone) and gives it to the use cases as
// Caller::zone.
#pragma once

#include <string>

#include "common/local_time.h"
#include "usecase/usecase.h"

namespace alongside::usecase {

// The zone a stored setting names: the machine's own zone when the setting
// is empty (never set) or names a zone the system's tz database no longer
// has (logged). Thread-safe.
TimeZone ZoneOfSetting(const std::string& time_zone);

// The program's time zone, for whoever may see the program's settings (any
// signed-in staff member).
struct ZoneSetting {
  TimeZone zone;
  bool set = false;  // false: never set, the machine's zone is used
};
Result<ZoneSetting> ReadProgramTimeZone(Services& services, const Caller& caller);
// Sets the program's time zone (the program manager): an IANA name such as
// America/New_York; InvalidArgument naming "time_zone" otherwise. Audited.
Result<TimeZone> SetProgramTimeZone(Services& services, const Caller& caller,
                                    const std::string& name);

// How many hours a safety event may wait for a supervisor's review before
// it stands out on the oversight queue (docs/safety.md), for staff.
Result<int> ReadSafetyReviewHours(Services& services, const Caller& caller);
// Sets it (the program manager): 1 to kMaxSafetyReviewHours; InvalidArgument
// naming "safety_review_hours" otherwise. Audited; the time zone is kept.
inline constexpr int kMaxSafetyReviewHours = 168;
Result<int> SetSafetyReviewHours(Services& services, const Caller& caller, int hours);

}  // namespace alongside::usecase
