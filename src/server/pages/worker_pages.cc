// A peer worker's pages: the caseload, and a person's record as the
// worker (or their supervisor) sees it, with the goal written there.
#include <algorithm>
#include <array>
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
#include "usecase/goals.h"
#include "usecase/people.h"
#include "usecase/practice.h"
#include "usecase/safety.h"

namespace alongside::server::pages {
namespace {

Status Caseload(Context& context) {
  const usecase::Caller caller = context.Caller();
  const std::string query = TrimmedField(context.request, "q");
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PersonRow> people,
                             usecase::WorkerCaseload(context.UseCases(), caller, query));
  std::map<std::string, int> named;
  for (const store::PersonRow& row : people) ++named[row.person.preferred_name];
  ViewList views;
  for (const store::PersonRow& row : people) {
    View view = PersonRowView(row, caller);
    // Someone else here goes by the same name: tell them apart.
    view.emplace("shared_name", named[row.person.preferred_name] > 1);
    views.push_back(std::move(view));
  }
  const size_t count = views.size();
  View data{{"count", std::to_string(count) + (count == 1 ? " person" : " people")},
            {"query", query},
            {"searched", !query.empty()},
            {"has_people", !views.empty()}};
  data.emplace("people", std::move(views));
  RenderPage(context, "caseload", "People I walk alongside", std::move(data));
  return Status::Ok();
}

// An error shown beside one goal's progress form, with what was typed.
struct ItemError {
  store::Id id = 0;
  std::string message;
  std::string typed;
};

// The person page's forms as they are shown: fresh, or one of them again
// with what was typed and its errors (the page's status is then 400).
struct PersonForms {
  View goal_form;
  View admission_form;
  std::optional<ItemError> progress;
  int status = 200;
};

constexpr std::array<domain::AdmissionKind, 3> kAdmissionKinds = {
    domain::AdmissionKind::kPsychiatricInpatient, domain::AdmissionKind::kCrisisStabilisation,
    domain::AdmissionKind::kWithdrawalManagement};

// The stay form's fields with what was typed (nothing, on a fresh page) and
// the errors by field.
View AdmissionFormView(const httplib::Request& request,
                       const std::map<std::string, std::string>& errors) {
  auto field = [&](const std::string& id, const std::string& name) {
    auto found = errors.find(name);
    return View{{"id", id},
                {"value", Field(request, name)},
                {"error", found == errors.end() ? ViewValue(false) : OptionalText(found->second)}};
  };
  const rules::Rules& rules = rules::Current();
  const std::string chosen = Field(request, "kind");
  ViewList kinds;
  for (domain::AdmissionKind kind : kAdmissionKinds) {
    const std::string value(domain::Name(kind));
    kinds.push_back(
        View{{"value", value}, {"label", rules.Label(kind)}, {"selected", value == chosen}});
  }
  View view{{"stay_kind", field("stay-kind", "kind")},
            {"stay_admitted", field("stay-admitted", "admitted_on")},
            {"stay_discharged", field("stay-discharged", "discharged_on")},
            {"stay_place", field("stay-place", "place")}};
  view.emplace("stay_kinds", std::move(kinds));
  return view;
}

PersonForms FreshForms() {
  return PersonForms{GoalFormView("", "", {}), AdmissionFormView(httplib::Request(), {}),
                     std::nullopt, 200};
}

// "/people/12?saved=goal&at=goal-4#goal-4": the page, with the notice shown
// on the item the change was about, where the browser lands.
std::string PersonAddress(store::Id person_id, const std::string& saved, const std::string& at) {
  return "/people/" + std::to_string(person_id) + "?saved=" + saved + "&at=" + at + "#" + at;
}

// The person page: one page of notes (?offset=N, newest first, with how
// many there are in all) and the forms as `forms` says.
Status RenderPerson(Context& context, store::Id person_id, PersonForms forms) {
  store::Page notes_page;
  notes_page.limit = kNotesPerPage;
  if (context.request.has_param("offset") && context.request.method == "GET") {
    ALONGSIDE_ASSIGN_OR_RETURN(notes_page.offset, CountField(context.request, "offset"));
  }
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
    note_views.push_back(
        ToValue(NoteView(note, person.preferred_name, worker_name, context.Caller().zone)));
  }
  ViewList attempt_views;
  for (const domain::ContactAttempt& attempt : record.attempts) {
    attempt_views.push_back(View{{"when", FormatReadable(attempt.at, context.Caller().zone)},
                                 {"how", rules.Label(attempt.setting)}});
  }
  ViewList admission_views;
  for (const domain::Admission& admission : record.admissions) {
    ViewValue discharged = false;
    if (admission.discharged_on) discharged = FormatReadableDay(*admission.discharged_on);
    admission_views.push_back(View{{"kind", rules.Label(admission.kind)},
                                   {"place", OptionalText(admission.place)},
                                   {"admitted_on", FormatReadableDay(admission.admitted_on)},
                                   {"discharged_on", discharged}});
  }
  // The person's safety events still open, each a link to its steps.
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<usecase::SafetyEventView> safety_events,
      usecase::SafetyEventsOf(context.UseCases(), context.Caller(), person_id));
  ViewList open_safety;
  for (const usecase::SafetyEventView& view : safety_events) {
    const domain::SafetyEvent& event = view.event;
    if (!event.steps.empty() && event.steps.back().step == domain::SafetyStepCode::kClosed) {
      continue;
    }
    open_safety.push_back(View{
        {"safety_href", "/safety/" + std::to_string(event.id)},
        {"safety_label", "Open safety event: " + rules.Label(event.kind) + ", " +
                             FormatReadableDay(context.Caller().zone.DayOf(event.opened_at))}});
  }
  // The person's plans the caller may read (plan_pages.cc).
  ALONGSIDE_ASSIGN_OR_RETURN(
      View plans, PersonPlansView(context, person_id, person.preferred_name, record.can_record));
  ViewList goal_views = GoalViews(record.goals, context.Caller().zone);
  if (forms.progress) {
    const std::string wanted = std::to_string(forms.progress->id);
    for (ViewValue& goal : goal_views) {
      if (goal.get("id")->string_value() == wanted) {
        goal["progress_error"] = OptionalText(forms.progress->message);
        goal["progress_value"] = forms.progress->typed;
      }
    }
  }

  // The notice after a redirect stands on the item the change was about
  // (where the browser lands), or at the top of the page.
  const ViewValue saved = SavedMessage(context.request);
  const std::string saved_text = saved.is_string() ? saved.string_value() : std::string();
  const std::string saved_at = SavedAt(context.request);
  bool placed = PlaceNotice(goal_views, saved_at, saved);
  const bool on_admissions = !placed && saved_at == "admissions";
  placed = placed || on_admissions;

  // Which notes this page shows, of how many.
  const std::int64_t first_note = static_cast<std::int64_t>(notes_page.offset) + 1;
  const std::int64_t last_note =
      static_cast<std::int64_t>(notes_page.offset) + static_cast<std::int64_t>(note_views.size());
  std::string notes_range;
  if (record.notes_total > 0) {
    notes_range = note_views.empty()
                      ? "No notes on this page: there are " +
                            std::to_string(record.notes_total) + " in all."
                      : "Notes " + std::to_string(first_note) + " to " +
                            std::to_string(last_note) + " of " +
                            std::to_string(record.notes_total) + ", newest first.";
  }
  const bool has_older = last_note < record.notes_total && !note_views.empty();
  const bool has_newer = notes_page.offset > 0;

  View data{{"id", std::to_string(person.id)},
            {"person_id", std::to_string(person.id)},  // inside the goals' cards
            {"name", person.preferred_name},
            {"pronouns", OptionalText(person.pronouns)},
            {"self_description", OptionalText(person.self_description)},
            {"enrolled_on", FormatReadableDay(person.enrolled_on)},
            {"saved", OptionalText(placed ? std::string() : saved_text)},
            {"admissions_notice", OptionalText(on_admissions ? saved_text : std::string())},
            {"csrf_token", context.Who().csrf_token},
            // The use case says whether the caller records contacts and
            // works on goals with this person (a supervisor reads only).
            {"can_record", record.can_record},
            {"can_goals", record.can_record},
            {"has_goals", !record.goals.empty()},
            {"has_contacts", !note_views.empty()},
            {"has_admissions", !admission_views.empty()},
            {"notes_range", OptionalText(notes_range)},
            {"has_note_pages", has_older || has_newer},
            {"older_offset", OptionalText(has_older ? std::to_string(last_note) : std::string())},
            {"newer_offset",
             OptionalText(has_newer ? std::to_string(std::max(0, notes_page.offset - kNotesPerPage))
                                    : std::string())}};
  // The lists are added apart: an initializer list would copy them twice.
  data.emplace("goals", std::move(goal_views));
  data.emplace("contacts", std::move(note_views));
  data.emplace("admissions", std::move(admission_views));
  data.emplace("open_safety", std::move(open_safety));
  data.emplace("has_attempts", !attempt_views.empty());
  data.emplace("attempts", std::move(attempt_views));
  data.merge(forms.goal_form);
  data.merge(forms.admission_form);
  data.merge(plans);
  RenderPage(context, "person", person.preferred_name, std::move(data), forms.status);
  return Status::Ok();
}

Status ShowPerson(Context& context) {
  return RenderPerson(context, context.PathId(0), FreshForms());
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
      const std::string at = "goal-" + std::to_string(added->goal.id);
      Redirect(context, PersonAddress(person_id, "goal", at));
      return Status::Ok();
    }
    if (!AddFieldError(added.status(), {"words", "review_on"}, errors)) return added.status();
  } else {
    errors["review_on"] = review_on.status().detail();
  }
  PersonForms forms = FreshForms();
  forms.goal_form =
      GoalFormView(Field(context.request, "words"), Field(context.request, "review_on"), errors);
  forms.status = InvalidStatusCode();
  return RenderPerson(context, person_id, std::move(forms));
}

// Progress on a goal, noted by the worker with the person.
Status AddProgressWithPerson(Context& context) {
  const store::Id person_id = context.PathId(0);
  const store::Id goal_id = context.PathId(1);
  Result<usecase::GoalView> added = usecase::RecordProgress(
      context.UseCases(), context.Caller(), goal_id, TrimmedField(context.request, "words"));
  if (added.ok()) {
    Redirect(context, PersonAddress(added->goal.person_id, "goal_progress",
                                    "goal-" + std::to_string(goal_id)));
    return Status::Ok();
  }
  std::map<std::string, std::string> errors;
  if (!AddFieldError(added.status(), {"words"}, errors)) return added.status();
  PersonForms forms = FreshForms();
  forms.progress = ItemError{goal_id, errors["words"], Field(context.request, "words")};
  forms.status = InvalidStatusCode();
  return RenderPerson(context, person_id, std::move(forms));
}

// A goal marked achieved, set aside or worked on again, with the person: a
// change written together, waiting for their co-signature (usecase/goals.h).
Status ChangeGoalStatusWithPerson(Context& context) {
  const store::Id goal_id = context.PathId(1);
  usecase::GoalChange change;
  ALONGSIDE_ASSIGN_OR_RETURN(change.status,
                             domain::ParseGoalStatus(Field(context.request, "status"), "status"));
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::GoalView revised,
      usecase::ReviseGoal(context.UseCases(), context.Caller(), goal_id, change));
  Redirect(context, PersonAddress(revised.goal.person_id, "goal_status",
                                  "goal-" + std::to_string(goal_id)));
  return Status::Ok();
}

// A hospital or crisis stay: its kind, the days in and out (none while they
// are still there) and where.
Status RecordStay(Context& context) {
  const store::Id person_id = context.PathId(0);
  std::map<std::string, std::string> errors;
  domain::Admission admission;
  admission.person_id = person_id;
  admission.place = TrimmedField(context.request, "place");
  Result<domain::AdmissionKind> kind =
      domain::ParseAdmissionKind(Field(context.request, "kind"), "kind");
  if (kind.ok()) {
    admission.kind = *kind;
  } else {
    errors["kind"] = "Choose the kind of stay.";
  }
  Result<std::optional<Day>> admitted = OptionalDayField(context.request, "admitted_on");
  if (!admitted.ok()) {
    errors["admitted_on"] = AsSentence(admitted.status().detail());
  } else if (!*admitted) {
    errors["admitted_on"] = "Enter the day they went in.";
  } else {
    admission.admitted_on = **admitted;
  }
  Result<std::optional<Day>> discharged = OptionalDayField(context.request, "discharged_on");
  if (discharged.ok()) {
    admission.discharged_on = *discharged;
  } else {
    errors["discharged_on"] = AsSentence(discharged.status().detail());
  }
  if (errors.empty()) {
    Result<domain::Admission> recorded =
        usecase::RecordAdmission(context.UseCases(), context.Caller(), admission);
    if (recorded.ok()) {
      Redirect(context, PersonAddress(person_id, "admission", "admissions"));
      return Status::Ok();
    }
    if (!AddFieldError(recorded.status(), {"kind", "admitted_on", "discharged_on", "place"},
                       errors)) {
      return recorded.status();
    }
  }
  PersonForms forms = FreshForms();
  forms.admission_form = AdmissionFormView(context.request, errors);
  forms.status = InvalidStatusCode();
  return RenderPerson(context, person_id, std::move(forms));
}

}  // namespace

void AddWorkerPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/caseload", kSignedIn, Caseload, "The people I walk alongside"));
  router.Add(PageRoute("GET", "/people/{id}", kSignedIn, ShowPerson, "One person's record"));
  router.Add(PageRoute("POST", "/people/{id}/goals", kSignedIn, AddGoalWithPerson,
                       "A goal written with the person, in their words"));
  router.Add(PageRoute("POST", "/people/{id}/goals/{id}/progress", kSignedIn,
                       AddProgressWithPerson, "Progress on a goal, noted with the person"));
  router.Add(PageRoute("POST", "/people/{id}/goals/{id}/status", kSignedIn,
                       ChangeGoalStatusWithPerson,
                       "A goal marked achieved or set aside with the person"));
  router.Add(PageRoute("POST", "/people/{id}/admissions", kSignedIn, RecordStay,
                       "A hospital or crisis stay"));
}

}  // namespace alongside::server::pages
