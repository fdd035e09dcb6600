// The program's settings: its time zone, which every page's days and times
// follow. Staff read it; the program manager changes it.
#include <string>
#include <utility>

#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/page_view.h"
#include "server/pages/record_views.h"
#include "usecase/settings.h"

namespace alongside::server::pages {
namespace {

// Offered in the field's list; any other IANA name may be typed.
constexpr const char* kSuggestedZones[] = {
    "America/New_York",  "America/Chicago",     "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
    "UTC"};

// What the manager typed into a form that was refused, and the error.
struct Typed {
  std::string zone, zone_error, hours, hours_error;
};

Status RenderSettings(Context& context, const Typed& typed, int status) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::ZoneSetting setting,
                             usecase::ReadProgramTimeZone(context.UseCases(), caller));
  ALONGSIDE_ASSIGN_OR_RETURN(int hours, usecase::ReadSafetyReviewHours(context.UseCases(), caller));
  ViewList suggestions;
  for (const char* zone : kSuggestedZones) suggestions.push_back(View{{"name", std::string(zone)}});
  const Instant now = caller.now;
  View data{{"csrf_token", context.Who().csrf_token},
            {"saved", SavedMessage(context.request)},
            {"zone_name", setting.zone.name()},
            {"zone_abbreviation", setting.zone.Abbreviation(now)},
            {"local_now", FormatReadable(now, setting.zone)},
            {"never_set", !setting.set},
            {"can_change", context.Who().HasRole(domain::Role::kProgramManager)},
            {"value", typed.zone.empty() ? setting.zone.name() : typed.zone},
            {"id", std::string("time_zone")},
            {"error", OptionalText(typed.zone_error)},
            {"review_hours", std::to_string(hours)},
            {"hours_field",
             View{{"id", std::string("safety_review_hours")},
                  {"value", typed.hours.empty() ? std::to_string(hours) : typed.hours},
                  {"error", OptionalText(typed.hours_error)}}}};
  data.emplace("suggestions", std::move(suggestions));
  RenderPage(context, "settings", "Program settings", std::move(data), status);
  return Status::Ok();
}

Status ShowSettings(Context& context) { return RenderSettings(context, Typed{}, 200); }

Status SaveTimeZone(Context& context) {
  const std::string typed = TrimmedField(context.request, "time_zone");
  Result<TimeZone> saved =
      usecase::SetProgramTimeZone(context.UseCases(), context.Caller(), typed);
  if (saved.ok()) {
    Redirect(context, "/settings?saved=time_zone#notice");
    return Status::Ok();
  }
  std::map<std::string, std::string> errors;
  if (!AddFieldError(saved.status(), {"time_zone"}, errors)) return saved.status();
  return RenderSettings(context, Typed{typed, errors["time_zone"], "", ""}, InvalidStatusCode());
}

Status SaveReviewHours(Context& context) {
  const std::string typed = TrimmedField(context.request, "safety_review_hours");
  // Not a whole number: 0, which the use case refuses naming the field
  // (after it asked who is asking).
  int hours = 0;
  if (!typed.empty() && typed.size() <= 3 &&
      typed.find_first_not_of("0123456789") == std::string::npos) {
    hours = std::stoi(typed);
  }
  Result<int> saved = usecase::SetSafetyReviewHours(context.UseCases(), context.Caller(), hours);
  if (saved.ok()) {
    Redirect(context, "/settings?saved=safety_review_hours#notice");
    return Status::Ok();
  }
  std::map<std::string, std::string> errors;
  if (!AddFieldError(saved.status(), {"safety_review_hours"}, errors)) return saved.status();
  return RenderSettings(context, Typed{"", "", typed, errors["safety_review_hours"]},
                        InvalidStatusCode());
}

}  // namespace

void AddSettingsPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/settings", kSignedIn, ShowSettings,
                       "The program's settings: its time zone"));
  router.Add(PageRoute("POST", "/settings/time-zone", kSignedIn, SaveTimeZone,
                       "Change the program's time zone (program manager)"));
  router.Add(PageRoute("POST", "/settings/safety-review", kSignedIn, SaveReviewHours,
                       "Change how long a safety event may wait for its review (program manager)"));
}

}  // namespace alongside::server::pages
