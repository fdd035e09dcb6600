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

Status RenderSettings(Context& context, const std::string& typed, const std::string& error,
                      int status) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::ZoneSetting setting,
                             usecase::ReadProgramTimeZone(context.UseCases(), caller));
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
            {"value", typed.empty() ? setting.zone.name() : typed},
            {"id", std::string("time_zone")},
            {"error", OptionalText(error)}};
  data.emplace("suggestions", std::move(suggestions));
  RenderPage(context, "settings", "Program settings", std::move(data), status);
  return Status::Ok();
}

Status ShowSettings(Context& context) { return RenderSettings(context, "", "", 200); }

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
  return RenderSettings(context, typed, errors["time_zone"], InvalidStatusCode());
}

}  // namespace

void AddSettingsPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/settings", kSignedIn, ShowSettings,
                       "The program's settings: its time zone"));
  router.Add(PageRoute("POST", "/settings/time-zone", kSignedIn, SaveTimeZone,
                       "Change the program's time zone (program manager)"));
}

}  // namespace alongside::server::pages
