// A peer worker's day: Today (what needs doing first), and the contacts the
// worker plans with people ahead (an appointment to go to together, a
// visit, a call), shown on Today on their day.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rules/rules.h"
#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/page_rules.h"
#include "server/pages/page_view.h"
#include "server/pages/plan_pages.h"
#include "server/pages/record_views.h"
#include "usecase/plans.h"
#include "usecase/practice.h"

namespace alongside::server::pages {
namespace {

std::string Count(std::int64_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

ViewValue CountOrFalse(std::int64_t count) {
  return count > 0 ? ViewValue(std::to_string(count)) : ViewValue(false);
}

Status Today(Context& context) {
  const usecase::Caller caller = context.Caller();
  usecase::TodayLimits limits;
  limits.drafts = kTodayDraftsShown;
  limits.people = kTodayPeopleShown;
  limits.goals = kGoalsDueShown;
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::WorkerDay day,
                             usecase::WorkerToday(context.UseCases(), caller, limits));
  const rules::Rules& rules = rules::Current();
  // The person's plans whose day to look at them again has come.
  ALONGSIDE_ASSIGN_OR_RETURN(View plans_due, PlansDueView(context));

  ViewList planned;
  for (const store::PlannedContactRow& row : day.planned_today) {
    const domain::PlannedContact& plan = row.plan;
    planned.push_back(View{{"id", std::to_string(plan.id)},
                           {"person_id", std::to_string(plan.person_id)},
                           {"person_name", row.person_name},
                           {"time", FormatClock(plan.at, caller.zone)},
                           {"setting", rules.Label(plan.setting)},
                           {"place", OptionalText(plan.place)},
                           {"purpose", plan.purpose}});
  }
  ViewList to_see;
  for (const store::PersonRow& row : day.to_see) to_see.push_back(PersonRowView(row, caller));

  ViewList draft_views;
  for (const usecase::DraftRow& draft : day.drafts) {
    draft_views.push_back(View{{"id", std::to_string(draft.row.id)},
                               {"person_name", draft.row.person_name},
                               {"when", FormatReadableDay(caller.zone.DayOf(draft.row.latest.start))},
                               {"overdue", draft.past_deadline}});
  }
  ViewList goal_views;
  for (const usecase::GoalDueRow& due : day.goals_due) {
    goal_views.push_back(View{{"person_id", std::to_string(due.goal.person_id)},
                              {"person_name", due.goal.person_name},
                              {"words", due.goal.words},
                              {"review_on", FormatReadableDay(due.goal.review_on)},
                              {"overdue", due.overdue}});
  }
  const std::int64_t drafts_more = day.drafts_total - static_cast<std::int64_t>(draft_views.size());
  const std::int64_t goals_more =
      day.goals_due_total - static_cast<std::int64_t>(goal_views.size());
  const std::int64_t people_more = day.to_see_total - static_cast<std::int64_t>(to_see.size());
  View data{
      {"today", FormatReadableDay(caller.today())},
      {"csrf_token", context.Who().csrf_token},
      {"saved", SavedMessage(context.request)},
      {"has_planned", !planned.empty()},
      {"planned_count", Count(static_cast<std::int64_t>(planned.size()), "contact", "contacts")},
      {"due_days", std::to_string(day.due_after_days)},
      {"deadline_hours", std::to_string(day.deadline_hours)},
      {"has_to_see", !to_see.empty()},
      {"to_see_count", Count(day.to_see_total, "person", "people")},
      {"more_people", CountOrFalse(people_more)},
      {"has_drafts", day.drafts_total > 0},
      {"draft_count", Count(day.drafts_total, "note", "notes")},
      {"drafts_today", CountOrFalse(day.drafts_today)},
      {"overdue_count", CountOrFalse(day.drafts_past_deadline)},
      {"more_drafts", CountOrFalse(drafts_more)},
      {"has_goals", day.goals_due_total > 0},
      {"goal_count", Count(day.goals_due_total, "goal", "goals")},
      {"goals_overdue", CountOrFalse(day.goals_overdue)},
      {"more_goals", CountOrFalse(goals_more)},
  };
  data.emplace("planned", std::move(planned));
  data.emplace("to_see", std::move(to_see));
  data.emplace("drafts", std::move(draft_views));
  data.emplace("goals", std::move(goal_views));
  data.merge(plans_due);
  RenderPage(context, "today", "Today", std::move(data));
  return Status::Ok();
}

// The plan form: for one person (`person_id`) or a choice of the caseload.
struct PlanForm {
  std::string person_id;
  std::string date;
  std::string time = "10:00";
  std::string setting = "community";
  std::string place;
  std::string purpose;
  std::map<std::string, std::string> errors;
};

View FieldOf(const PlanForm& form, const std::string& name, const std::string& value) {
  return FieldView(form.errors, name, value);
}

Status RenderPlanForm(Context& context, const PlanForm& form, int status) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PersonRow> people,
                             usecase::WorkerCaseload(context.UseCases(), caller, ""));
  const rules::Rules& rules = rules::Current();
  ViewList person_options;
  for (const store::PersonRow& row : people) {
    const std::string value = std::to_string(row.person.id);
    person_options.push_back(View{{"value", value},
                                  {"label", row.person.preferred_name +
                                                (row.person.pronouns.empty()
                                                     ? std::string()
                                                     : " (" + row.person.pronouns + ")")},
                                  {"selected", value == form.person_id}});
  }
  ViewList setting_options;
  for (domain::ContactSetting option : domain::kAllContactSettings) {
    const std::string value(domain::Name(option));
    setting_options.push_back(View{
        {"value", value}, {"label", rules.Label(option)}, {"selected", value == form.setting}});
  }
  View person = FieldOf(form, "person_id", form.person_id);
  person.emplace("options", std::move(person_options));
  View setting = FieldOf(form, "setting", form.setting);
  setting.emplace("options", std::move(setting_options));
  View data{{"csrf_token", context.Who().csrf_token},
            {"has_errors", !form.errors.empty()},
            {"zone_name", caller.zone.name()},
            {"cancel_href", form.person_id.empty() ? std::string("/today")
                                                   : "/people/" + form.person_id}};
  data.emplace("person_id", ToValue(std::move(person)));
  data.emplace("setting", ToValue(std::move(setting)));
  data.emplace("date", FieldOf(form, "date", form.date));
  data.emplace("time", FieldOf(form, "time", form.time));
  data.emplace("place", FieldOf(form, "place", form.place));
  data.emplace("purpose", FieldOf(form, "purpose", form.purpose));
  RenderPage(context, "plan_form", "Plan a contact", std::move(data), status);
  return Status::Ok();
}

Status NewPlan(Context& context) {
  const usecase::Caller caller = context.Caller();
  PlanForm form;
  form.date = FormatDay(caller.today());
  if (context.request.has_param("person_id")) {
    ALONGSIDE_ASSIGN_OR_RETURN(store::Id person_id, IdField(context.request, "person_id"));
    form.person_id = std::to_string(person_id);
  }
  return RenderPlanForm(context, form, 200);
}

Status AddPlan(Context& context) {
  const usecase::Caller caller = context.Caller();
  PlanForm form;
  form.person_id = Field(context.request, "person_id");
  form.date = Field(context.request, "date");
  form.time = Field(context.request, "time");
  form.setting = Field(context.request, "setting");
  form.place = TrimmedField(context.request, "place");
  form.purpose = TrimmedField(context.request, "purpose");

  usecase::PlanRequest request;
  Result<store::Id> person_id = IdField(context.request, "person_id");
  if (!person_id.ok()) form.errors["person_id"] = "Choose the person you plan this with.";
  Result<Day> day = ParseDay(form.date, "date");
  if (!day.ok()) form.errors["date"] = "Enter the date as year-month-day, like 2026-03-14.";
  Result<int> time = ParseTimeOfDay(form.time, "time");
  if (!time.ok()) form.errors["time"] = AsSentence(time.status().detail());
  Result<domain::ContactSetting> setting = domain::ParseContactSetting(form.setting, "setting");
  if (!setting.ok()) form.errors["setting"] = "Choose where.";
  if (form.errors.empty()) {
    request.person_id = *person_id;
    request.day = *day;
    request.seconds_into_day = *time;
    request.setting = *setting;
    request.place = form.place;
    request.purpose = form.purpose;
    Result<domain::PlannedContact> planned =
        usecase::PlanContact(context.UseCases(), caller, request);
    if (planned.ok()) {
      Redirect(context, "/today?saved=plan#notice");
      return Status::Ok();
    }
    if (!AddFieldError(planned.status(), {"date", "time", "place", "purpose"}, form.errors)) {
      return planned.status();
    }
  }
  return RenderPlanForm(context, form, InvalidStatusCode());
}

// "No answer": an attempt to reach the person, in one tap from Today, the
// caseload or their page; back to where it was made, with its notice.
Status RecordAttempt(Context& context) {
  const store::Id person_id = context.PathId(0);
  ALONGSIDE_ASSIGN_OR_RETURN(domain::ContactSetting setting,
                             domain::ParseContactSetting(Field(context.request, "setting"),
                                                         "setting"));
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::ContactAttempt attempt,
      usecase::RecordAttempt(context.UseCases(), context.Caller(), person_id, setting));
  const std::string back = Field(context.request, "back");
  const std::string page = back == "today"      ? "/today"
                           : back == "caseload" ? "/caseload"
                                                : "/people/" + std::to_string(attempt.person_id);
  Redirect(context, page + "?saved=attempt#notice");
  return Status::Ok();
}

Status ClosePlan(Context& context, domain::PlanStatus status, const char* saved) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::PlannedContact plan,
      usecase::ClosePlan(context.UseCases(), context.Caller(), context.PathId(0), status));
  if (status == domain::PlanStatus::kDone) {
    // Done: on to recording what happened, with the person chosen.
    Redirect(context, "/contacts/new?person_id=" + std::to_string(plan.person_id));
    return Status::Ok();
  }
  Redirect(context, std::string("/today?saved=") + saved + "#notice");
  return Status::Ok();
}

}  // namespace

void AddTodayPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/today", kSignedIn, Today,
                       "What needs doing today: planned contacts, drafts, goals, people to see"));
  router.Add(PageRoute("GET", "/plans/new", kSignedIn, NewPlan, "Plan a contact with a person"));
  router.Add(PageRoute("POST", "/people/{id}/attempts", kSignedIn, RecordAttempt,
                       "An attempt to reach the person that did not become a contact"));
  router.Add(PageRoute("POST", "/plans", kSignedIn, AddPlan, "Save a planned contact"));
  router.Add(PageRoute(
      "POST", "/plans/{id}/done", kSignedIn,
      [](Context& context) { return ClosePlan(context, domain::PlanStatus::kDone, "plan_done"); },
      "Mark a planned contact done, then record it"));
  router.Add(PageRoute("POST", "/plans/{id}/cancel", kSignedIn,
                       [](Context& context) {
                         return ClosePlan(context, domain::PlanStatus::kCancelled,
                                          "plan_cancelled");
                       },
                       "Cancel a planned contact"));
}

}  // namespace alongside::server::pages
