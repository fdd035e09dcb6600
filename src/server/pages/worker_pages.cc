// A peer worker's pages: Today, the caseload, and a person's record as the
// worker (or their supervisor) sees it, with the goal written there.
#include <algorithm>
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
#include "server/pages/record_views.h"
#include "usecase/goals.h"
#include "usecase/people.h"
#include "usecase/practice.h"

namespace alongside::server::pages {
namespace {

Status Today(Context& context) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::WorkerDay day,
                             usecase::WorkerToday(context.UseCases(), caller, kDraftsShown));
  ViewList to_see;
  for (const store::PersonRow& row : day.to_see) to_see.push_back(PersonRowView(row, caller.now));

  ViewList draft_views;
  for (const usecase::DraftRow& draft : day.drafts) {
    draft_views.push_back(View{{"id", std::to_string(draft.row.id)},
                               {"person_name", draft.row.person_name},
                               {"when", FormatReadable(draft.row.latest.start)},
                               {"overdue", draft.past_deadline}});
  }
  const std::int64_t drafts_not_shown =
      day.drafts_total - static_cast<std::int64_t>(draft_views.size());

  // A phone screen, not an archive: the first few goals, and how many more wait.
  ViewList goal_views;
  const size_t goals_shown = std::min(day.goals_due.size(), static_cast<size_t>(kGoalsDueShown));
  for (size_t goal_idx = 0; goal_idx < goals_shown; ++goal_idx) {
    const store::GoalDue& goal = day.goals_due[goal_idx];
    goal_views.push_back(View{{"person_id", std::to_string(goal.person_id)},
                              {"person_name", goal.person_name},
                              {"words", goal.words},
                              {"review_on", FormatReadableDay(goal.review_on)}});
  }
  const size_t goals_not_shown = day.goals_due.size() - goals_shown;
  const std::string draft_count =
      std::to_string(day.drafts_total) + (day.drafts_total == 1 ? " note" : " notes");
  View data{
      {"today", FormatReadableDay(caller.today())},
      {"due_days", std::to_string(day.due_after_days)},
      {"deadline_hours", std::to_string(day.deadline_hours)},
      {"has_to_see", !to_see.empty()},
      {"has_drafts", !draft_views.empty()},
      {"draft_count", draft_count},
      {"overdue_count", OptionalText(day.drafts_past_deadline > 0
                                         ? std::to_string(day.drafts_past_deadline)
                                         : std::string())},
      {"more_drafts",
       OptionalText(drafts_not_shown > 0 ? std::to_string(drafts_not_shown) : std::string())},
      {"has_goals", !goal_views.empty()},
      {"more_goals",
       OptionalText(goals_not_shown > 0 ? std::to_string(goals_not_shown) : std::string())},
  };
  data.emplace("to_see", std::move(to_see));
  data.emplace("drafts", std::move(draft_views));
  data.emplace("goals", std::move(goal_views));
  RenderPage(context, "today", "Today", std::move(data));
  return Status::Ok();
}

Status Caseload(Context& context) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PersonRow> people,
                             usecase::WorkerCaseload(context.UseCases(), caller));
  ViewList views;
  for (const store::PersonRow& row : people) views.push_back(PersonRowView(row, caller.now));
  View data{{"count", std::to_string(views.size())}, {"has_people", !views.empty()}};
  data.emplace("people", std::move(views));
  RenderPage(context, "caseload", "People I walk alongside", std::move(data));
  return Status::Ok();
}

// The person page, with the goal form's state when it is shown again after
// an error (status 400) or fresh (200).
Status RenderPerson(Context& context, store::Id person_id, View goal_form, int status) {
  store::Page notes_page;
  notes_page.limit = kNotesPerPage;
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::CaseloadRecord record,
      usecase::ReadCaseloadRecord(context.UseCases(), context.Caller(), person_id, notes_page));
  const domain::Person& person = record.person;
  const rules::Rules& rules = rules::Current();

  WorkerNames worker_names = WorkerNames::LookedUp(context);
  ViewList note_views;
  for (const usecase::ContactView& note : record.notes) {
    ALONGSIDE_ASSIGN_OR_RETURN(std::string worker_name,
                               worker_names.Of(note.contact.worker_id));
    note_views.push_back(ToValue(NoteView(note, person.preferred_name, worker_name)));
  }
  ViewList admission_views;
  for (const domain::Admission& admission : record.admissions) {
    ViewValue discharged = false;
    if (admission.discharged_on) discharged = FormatReadableDay(*admission.discharged_on);
    admission_views.push_back(View{{"kind", rules.Label(admission.kind)},
                                   {"admitted_on", FormatReadableDay(admission.admitted_on)},
                                   {"discharged_on", discharged}});
  }
  View data{{"id", std::to_string(person.id)},
            {"name", person.preferred_name},
            {"pronouns", OptionalText(person.pronouns)},
            {"self_description", OptionalText(person.self_description)},
            {"enrolled_on", FormatReadableDay(person.enrolled_on)},
            {"saved", SavedMessage(context.request)},
            {"csrf_token", context.Who().csrf_token},
            // The use case says whether the caller records contacts and
            // works on goals with this person (a supervisor reads only).
            {"can_record", record.can_record},
            {"can_goals", record.can_record},
            {"has_goals", !record.goals.empty()},
            {"has_contacts", !note_views.empty()},
            {"has_admissions", !admission_views.empty()},
            {"notes_per_page", std::to_string(kNotesPerPage)}};
  // The lists are added apart: an initializer list would copy them twice.
  data.emplace("goals", GoalViews(record.goals));
  data.emplace("contacts", std::move(note_views));
  data.emplace("admissions", std::move(admission_views));
  data.merge(goal_form);
  RenderPage(context, "person", person.preferred_name, std::move(data), status);
  return Status::Ok();
}

Status ShowPerson(Context& context) {
  return RenderPerson(context, context.PathId(0), GoalFormView("", "", {}), 200);
}

// A goal written with the person: in their words, waiting for their
// co-signature (the use case records whose words they are).
Status AddGoalWithPerson(Context& context) {
  const store::Id person_id = context.PathId(0);
  std::map<std::string, std::string> errors;
  Result<std::optional<Day>> review_on = OptionalDayField(context.request, "review_on");
  if (review_on.ok()) {
    Result<usecase::GoalView> added =
        usecase::AddGoal(context.UseCases(), context.Caller(), person_id,
                         TrimmedField(context.request, "words"), *review_on);
    if (added.ok()) {
      Redirect(context, "/people/" + std::to_string(person_id) + "?saved=goal#goals");
      return Status::Ok();
    }
    if (!AddFieldError(added.status(), {"words", "review_on"}, errors)) return added.status();
  } else {
    errors["review_on"] = review_on.status().detail();
  }
  return RenderPerson(
      context, person_id,
      GoalFormView(Field(context.request, "words"), Field(context.request, "review_on"), errors),
      InvalidStatusCode());
}

}  // namespace

void AddWorkerPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/today", kSignedIn, Today, "People to see, drafts, goals due"));
  router.Add(PageRoute("GET", "/caseload", kSignedIn, Caseload, "The people I walk alongside"));
  router.Add(PageRoute("GET", "/people/{id}", kSignedIn, ShowPerson, "One person's record"));
  router.Add(PageRoute("POST", "/people/{id}/goals", kSignedIn, AddGoalWithPerson,
                       "A goal written with the person, in their words"));
}

}  // namespace alongside::server::pages
