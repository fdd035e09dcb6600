#include "usecase/settings.h"

#include <spdlog/spdlog.h>

#include "usecase/internal.h"

namespace alongside::usecase {

using access::Action;

TimeZone ZoneOfSetting(const std::string& time_zone) {
  // The machine's zone is looked up once (it reads /etc/localtime).
  static const TimeZone machine = TimeZone::Machine();
  if (time_zone.empty()) return machine;
  Result<TimeZone> zone = TimeZone::Named(time_zone, "time_zone");
  if (zone.ok()) return *zone;
  spdlog::warn("the program's time zone '{}' is not in this system's tz database; using {}",
               time_zone, machine.name());
  return machine;
}

Result<ZoneSetting> ReadProgramTimeZone(Services& services, const Caller& caller) {
  if (caller.who.IsPerson()) {
    return internal::Refuse(services, caller, "settings.read", std::nullopt, 1,
                            Status::Forbidden("the program's settings are for staff"));
  }
  Result<store::ProgramSettings> settings = services.store.GetProgramSettings();
  if (!settings.ok()) return settings.status();
  return ZoneSetting{ZoneOfSetting(settings->time_zone), !settings->time_zone.empty()};
}

Result<TimeZone> SetProgramTimeZone(Services& services, const Caller& caller,
                                    const std::string& name) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kManageProgram));
  Result<TimeZone> named = TimeZone::Named(name, "time_zone");
  if (!named.ok()) return named.status();
  ALONGSIDE_ASSIGN_OR_RETURN(store::ProgramSettings settings,
                             services.store.GetProgramSettings());
  settings.time_zone = named->name();
  ALONGSIDE_RETURN_IF_ERROR(services.store.SaveProgramSettings(settings, caller.actor));
  return named;
}

Result<int> ReadSafetyReviewHours(Services& services, const Caller& caller) {
  if (caller.who.IsPerson()) {
    return internal::Refuse(services, caller, "settings.read", std::nullopt, 1,
                            Status::Forbidden("the program's settings are for staff"));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(store::ProgramSettings settings,
                             services.store.GetProgramSettings());
  return settings.safety_review_hours;
}

Result<int> SetSafetyReviewHours(Services& services, const Caller& caller, int hours) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kManageProgram));
  if (hours < 1 || hours > kMaxSafetyReviewHours) {
    return Status::InvalidArgument("safety_review_hours",
                                   "must be a whole number of hours from 1 to 168 (a week)");
  }
  ALONGSIDE_ASSIGN_OR_RETURN(store::ProgramSettings settings,
                             services.store.GetProgramSettings());
  settings.safety_review_hours = hours;
  ALONGSIDE_RETURN_IF_ERROR(services.store.SaveProgramSettings(settings, caller.actor));
  return hours;
}

}  // namespace alongside::usecase
