// Reaching people, and the program's settings: contacts planned ahead,
// attempts that did not reach the person, the program's time zone. The
// same use cases as the pages (usecase/plans.h, usecase/settings.h); a plan's
// date and time are the program's local time, as on the pages, and every
// instant answered is UTC.
#include "server/api/api_common.h"
#include "usecase/plans.h"
#include "usecase/settings.h"

namespace alongside::server::api {
namespace {

nlohmann::json PlanJson(const domain::PlannedContact& plan) {
  return {{"id", plan.id},
          {"person_id", plan.person_id},
          {"worker_id", plan.worker_id},
          {"at", FormatInstant(plan.at)},
          {"setting", domain::Name(plan.setting)},
          {"place", plan.place},
          {"purpose", plan.purpose},
          {"status", domain::Name(plan.status)}};
}

Status ListPlans(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"from", "days"}));
  const usecase::Caller caller = context.Caller();
  Day from = caller.today();
  if (context.request.has_param("from")) {
    ALONGSIDE_ASSIGN_OR_RETURN(from, ParseDay(context.request.get_param_value("from"), "from"));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> days,
                             QueryInteger(context.request, "days", 1, 31));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<store::PlannedContactRow> plans,
      usecase::MyPlans(context.UseCases(), caller, from, static_cast<int>(days.value_or(7))));
  nlohmann::json items = nlohmann::json::array();
  for (const store::PlannedContactRow& row : plans) {
    nlohmann::json item = PlanJson(row.plan);
    item["person_name"] = row.person_name;
    items.push_back(item);
  }
  context.Json({{"items", items}, {"time_zone", caller.zone.name()}});
  return Status::Ok();
}

Status AddPlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  usecase::PlanRequest request;
  ALONGSIDE_ASSIGN_OR_RETURN(request.person_id, BodyId(input, "person_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Day> day, input.Date("date", true));
  request.day = *day;
  ALONGSIDE_ASSIGN_OR_RETURN(std::string time, input.String("time", true, 8));
  ALONGSIDE_ASSIGN_OR_RETURN(request.seconds_into_day, ParseClockTime(time, "time"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string setting, input.String("setting", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(request.setting, domain::ParseContactSetting(setting, "setting"));
  ALONGSIDE_ASSIGN_OR_RETURN(request.place, input.String("place", false, 200));
  ALONGSIDE_ASSIGN_OR_RETURN(request.purpose, input.String("purpose", true, 200));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(domain::PlannedContact plan,
                             usecase::PlanContact(context.UseCases(), context.Caller(), request));
  context.response.set_header("Location", "/api/v1/plans/" + std::to_string(plan.id));
  context.Json(PlanJson(plan), 201);
  return Status::Ok();
}

Status ClosePlan(Context& context, domain::PlanStatus status) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::PlannedContact plan,
      usecase::ClosePlan(context.UseCases(), context.Caller(), context.PathId(), status));
  context.Json(PlanJson(plan));
  return Status::Ok();
}

Status RecordAttempt(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string setting, input.String("setting", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(domain::ContactSetting how,
                             domain::ParseContactSetting(setting, "setting"));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::ContactAttempt attempt,
      usecase::RecordAttempt(context.UseCases(), context.Caller(), context.PathId(), how));
  context.Json({{"id", attempt.id},
                {"person_id", attempt.person_id},
                {"worker_id", attempt.worker_id},
                {"at", FormatInstant(attempt.at)},
                {"setting", domain::Name(attempt.setting)}},
               201);
  return Status::Ok();
}

Status GetSettings(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::ZoneSetting setting,
                             usecase::ReadProgramTimeZone(context.UseCases(), context.Caller()));
  ALONGSIDE_ASSIGN_OR_RETURN(int hours,
                             usecase::ReadSafetyReviewHours(context.UseCases(), context.Caller()));
  context.Json({{"time_zone", setting.zone.name()},
                {"time_zone_set", setting.set},
                {"safety_review_hours", hours}});
  return Status::Ok();
}

Status PutSettings(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string name, input.String("time_zone", false, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> hours,
                             input.Integer("safety_review_hours", false, 1,
                                           usecase::kMaxSafetyReviewHours));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  if (name.empty() && !hours) {
    return Status::InvalidArgument("time_zone", "give time_zone, safety_review_hours or both");
  }
  if (!name.empty()) {
    ALONGSIDE_RETURN_IF_ERROR(
        usecase::SetProgramTimeZone(context.UseCases(), context.Caller(), name).status());
  }
  if (hours) {
    ALONGSIDE_RETURN_IF_ERROR(usecase::SetSafetyReviewHours(context.UseCases(), context.Caller(),
                                                            static_cast<int>(*hours))
                                  .status());
  }
  return GetSettings(context);
}

}  // namespace

void AddPlanRoutes(Router& router) {
  AddRoute(router, "GET", "/api/v1/plans", RouteAccess::kSignedIn, ListPlans,
           "Your planned contacts still to come (peer workers), soonest first: from a day "
           "(YYYY-MM-DD, the program's local day; default today) for days (1..31, default 7).",
           "",
           R"({"items": [{"id": 3, "person_id": 40, "at": "2026-12-03T15:00:00Z", "setting": "community", "place": "the library", "purpose": "Library card together", "status": "planned", "person_name": "Avery R."}], "time_zone": "America/New_York"})");
  AddRoute(router, "POST", "/api/v1/plans", RouteAccess::kSignedIn, AddPlan,
           "Plan a contact with a person assigned to you: date and time in the program's local "
           "time (today or later, at most a year ahead; a time the clocks skipped is refused).",
           R"({"person_id": 40, "date": "2026-12-03", "time": "10:00", "setting": "community", "place": "the library", "purpose": "Library card together"})",
           R"({"id": 3, "status": "planned", "at": "2026-12-03T15:00:00Z", ...})");
  AddRoute(
      router, "POST", "/api/v1/plans/{id}/done", RouteAccess::kSignedIn,
      [](Context& context) { return ClosePlan(context, domain::PlanStatus::kDone); },
      "Mark your planned contact done (record what happened as a contact). 409 once closed.",
      "", R"({"id": 3, "status": "done", ...})");
  AddRoute(
      router, "POST", "/api/v1/plans/{id}/cancel", RouteAccess::kSignedIn,
      [](Context& context) { return ClosePlan(context, domain::PlanStatus::kCancelled); },
      "Cancel your planned contact. 409 once closed.", "",
      R"({"id": 3, "status": "cancelled", ...})");
  AddRoute(router, "POST", "/api/v1/people/{id}/attempts", RouteAccess::kSignedIn,
           RecordAttempt,
           "An attempt to reach a person assigned to you that did not become a contact (a call "
           "with no answer), now. Never counted as a contact.",
           R"({"setting": "phone"})",
           R"({"id": 9, "person_id": 40, "at": "2026-12-02T20:15:00Z", "setting": "phone"})");
  AddRoute(router, "GET", "/api/v1/settings", RouteAccess::kSignedIn, GetSettings,
           "The program's settings (staff): its time zone (every local day and time is in "
           "it) and how many hours a safety event may wait for its review "
           "(safety_review_hours, default 24).",
           "",
           R"({"time_zone": "America/New_York", "time_zone_set": true, "safety_review_hours": 24})");
  AddRoute(router, "PUT", "/api/v1/settings", RouteAccess::kSignedIn, PutSettings,
           "Set the program's time zone (an IANA name) and/or the safety review time in hours "
           "(1 to 168) (program manager).",
           R"({"time_zone": "America/Chicago", "safety_review_hours": 12})",
           R"({"time_zone": "America/Chicago", "time_zone_set": true, "safety_review_hours": 12})");
}

}  // namespace alongside::server::api
