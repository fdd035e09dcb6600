// A person served's own pages: my record, my goals (add one, add progress,
// co-sign one written with me) and the notes about me with my annotations.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/rules.h"
#include "rules/rules.h"
#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/page_rules.h"
#include "server/pages/page_view.h"
#include "server/pages/plan_pages.h"
#include "server/pages/record_views.h"
#include "usecase/contacts.h"
#include "usecase/goals.h"
#include "usecase/people.h"

namespace alongside::server::pages {
namespace {

// An error shown beside one item of a list (a goal's progress form, a
// note's annotation form), with what was typed.
struct ItemError {
  store::Id id = 0;
  std::string message;
  std::string typed;
  bool words_form = false;  // a goal's new words, not its progress
};

// My record, with the form for my words about myself: fresh (the words as
// stored), or again with what I typed and its errors (status 400).
struct ProfileForm {
  bool shown_again = false;
  std::string pronouns;
  std::string self_description;
  std::map<std::string, std::string> errors;
};

Status RenderMe(Context& context, const ProfileForm& form, int status) {
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::OwnRecord record,
                             usecase::ReadOwnRecord(context.UseCases(), context.Caller()));
  const rules::Rules& rules = rules::Current();
  ViewList worker_views;
  for (const domain::Staff& worker : record.workers) {
    worker_views.push_back(
        View{{"name", worker.display_name}, {"role", rules.Label(worker.role)}});
  }
  const domain::Person& person = record.person;
  auto error_of = [&form](const std::string& name) -> ViewValue {
    auto found = form.errors.find(name);
    return found == form.errors.end() ? ViewValue(false) : OptionalText(found->second);
  };
  const ViewValue saved = SavedMessage(context.request);
  const std::string saved_text = saved.is_string() ? saved.string_value() : std::string();
  const bool saved_here = SavedAt(context.request) == "about-me";
  View data{{"name", person.preferred_name},
            {"pronouns", OptionalText(person.pronouns)},
            {"self_description", OptionalText(person.self_description)},
            {"enrolled_on", FormatReadableDay(person.enrolled_on)},
            {"has_workers", !worker_views.empty()},
            {"saved", OptionalText(saved_here ? std::string() : saved_text)},
            {"about_notice", OptionalText(saved_here ? saved_text : std::string())},
            {"csrf_token", context.Who().csrf_token},
            {"form_open", form.shown_again},
            {"pronouns_field",
             View{{"id", std::string("my-pronouns")},
                  {"value", form.shown_again ? form.pronouns : person.pronouns},
                  {"error", error_of("pronouns")}}},
            {"description_field",
             View{{"id", std::string("my-description")},
                  {"value", form.shown_again ? form.self_description : person.self_description},
                  {"error", error_of("self_description")}}},
            {"max_pronouns", std::to_string(domain::kMaxPronounsLength)}};
  data.emplace("workers", std::move(worker_views));
  // My plans come first on my page (plan_pages.cc).
  ALONGSIDE_ASSIGN_OR_RETURN(ViewList plan_links, OwnPlanLinks(context));
  data.emplace("plan_links", std::move(plan_links));
  RenderPage(context, "me", "My record", std::move(data), status);
  return Status::Ok();
}

Status Me(Context& context) { return RenderMe(context, ProfileForm{}, 200); }

// My pronouns and how I describe myself, in my words: only I change them.
Status UpdateMyWords(Context& context) {
  usecase::ProfileChange change;
  change.pronouns = TrimmedField(context.request, "pronouns");
  change.self_description = TrimmedField(context.request, "self_description");
  Result<domain::Person> updated =
      usecase::UpdateOwnProfile(context.UseCases(), context.Caller(), change);
  if (updated.ok()) {
    Redirect(context, "/me?saved=profile&at=about-me#about-me");
    return Status::Ok();
  }
  ProfileForm form;
  form.shown_again = true;
  form.pronouns = Field(context.request, "pronouns");
  form.self_description = Field(context.request, "self_description");
  if (!AddFieldError(updated.status(), {"pronouns", "self_description"}, form.errors)) {
    return updated.status();
  }
  return RenderMe(context, form, InvalidStatusCode());
}

// My goals, with a form's error beside a goal (its progress) or beside the
// new-goal form.
Status RenderMyGoals(Context& context, View goal_form, const std::optional<ItemError>& error,
                     int status) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<usecase::GoalView> goals,
      usecase::ListGoals(context.UseCases(), context.Caller(), std::nullopt));
  ViewList views = GoalViews(goals, context.Caller().zone);
  for (ViewValue& goal : views) {
    goal["words_error"] = false;
    goal["words_open"] = false;
    goal["words_value"] = goal.get("words")->string_value();
  }
  if (error) {
    const std::string wanted = std::to_string(error->id);
    for (ViewValue& goal : views) {
      if (goal.get("id")->string_value() != wanted) continue;
      if (error->words_form) {
        goal["words_error"] = OptionalText(error->message);
        goal["words_value"] = error->typed;
        goal["words_open"] = true;
      } else {
        goal["progress_error"] = OptionalText(error->message);
        goal["progress_value"] = error->typed;
      }
    }
  }
  // The notice after a redirect stands on the goal it was about.
  const ViewValue saved = SavedMessage(context.request);
  const bool placed = PlaceNotice(views, SavedAt(context.request), saved);
  View data{{"saved", placed ? ViewValue(false) : ViewValue(saved)},
            {"csrf_token", context.Who().csrf_token},
            {"has_goals", !views.empty()}};
  data.emplace("goals", std::move(views));
  data.merge(goal_form);
  RenderPage(context, "my_goals", "My goals", std::move(data), status);
  return Status::Ok();
}

Status MyGoals(Context& context) {
  return RenderMyGoals(context, GoalFormView("", "", {}), std::nullopt, 200);
}

// A goal the person writes is theirs, signed by writing it.
Status AddMyGoal(Context& context) {
  std::map<std::string, std::string> errors;
  Result<std::optional<Day>> review_on = OptionalDayField(context.request, "review_on");
  if (review_on.ok()) {
    Result<usecase::GoalView> added =
        usecase::AddGoal(context.UseCases(), context.Caller(), std::nullopt,
                         TrimmedField(context.request, "words"), *review_on);
    if (added.ok()) {
      const std::string at = "goal-" + std::to_string(added->goal.id);
      Redirect(context, "/me/goals?saved=goal&at=" + at + "#" + at);
      return Status::Ok();
    }
    if (!AddFieldError(added.status(), {"words", "review_on"}, errors)) return added.status();
  } else {
    errors["review_on"] = review_on.status().detail();
  }
  return RenderMyGoals(
      context,
      GoalFormView(Field(context.request, "words"), Field(context.request, "review_on"), errors),
      std::nullopt, InvalidStatusCode());
}

Status AddMyProgress(Context& context) {
  const store::Id goal_id = context.PathId(0);
  Result<usecase::GoalView> added = usecase::RecordProgress(
      context.UseCases(), context.Caller(), goal_id, TrimmedField(context.request, "words"));
  if (added.ok()) {
    const std::string at = "goal-" + std::to_string(goal_id);
    Redirect(context, "/me/goals?saved=progress&at=" + at + "#" + at);
    return Status::Ok();
  }
  std::map<std::string, std::string> errors;
  if (!AddFieldError(added.status(), {"words"}, errors)) return added.status();
  return RenderMyGoals(context, GoalFormView("", "", {}),
                       ItemError{goal_id, errors["words"], Field(context.request, "words")},
                       InvalidStatusCode());
}

// New words for my goal: mine, signed by writing them (usecase/goals.h).
Status ReviseMyGoalWords(Context& context) {
  const store::Id goal_id = context.PathId(0);
  usecase::GoalChange change;
  change.words = TrimmedField(context.request, "words");
  Result<usecase::GoalView> revised =
      usecase::ReviseGoal(context.UseCases(), context.Caller(), goal_id, change);
  if (revised.ok()) {
    const std::string at = "goal-" + std::to_string(goal_id);
    Redirect(context, "/me/goals?saved=goal_words&at=" + at + "#" + at);
    return Status::Ok();
  }
  std::map<std::string, std::string> errors;
  if (!AddFieldError(revised.status(), {"words"}, errors)) return revised.status();
  return RenderMyGoals(context, GoalFormView("", "", {}),
                       ItemError{goal_id, errors["words"], Field(context.request, "words"), true},
                       InvalidStatusCode());
}

Status CosignMyGoal(Context& context) {
  const store::Id goal_id = context.PathId(0);
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::GoalView cosigned,
                             usecase::CosignGoal(context.UseCases(), context.Caller(), goal_id));
  const std::string at = "goal-" + std::to_string(cosigned.goal.id);
  Redirect(context, "/me/goals?saved=cosigned&at=" + at + "#" + at);
  return Status::Ok();
}

// Notes about me: final notes only (a draft is still being written), newest
// first, a page at a time, with an error beside one note's annotation form.
Status RenderMyContacts(Context& context, const std::optional<ItemError>& error, int status) {
  store::Page page;
  if (context.request.has_param("offset")) {
    ALONGSIDE_ASSIGN_OR_RETURN(page.offset, CountField(context.request, "offset"));
  }
  // One extra row tells whether older notes exist.
  page.limit = kNotesPerPage + 1;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<usecase::ContactView> notes,
                             usecase::ReadOwnNotes(context.UseCases(), context.Caller(), page));
  const bool has_older = notes.size() > static_cast<size_t>(kNotesPerPage);
  if (has_older) notes.pop_back();

  // The names of the workers walking with the person today; a note by a
  // worker no longer assigned to them is signed as such.
  std::vector<domain::Staff> workers;
  if (!notes.empty()) {
    ALONGSIDE_ASSIGN_OR_RETURN(usecase::OwnRecord own,
                               usecase::ReadOwnRecord(context.UseCases(), context.Caller()));
    workers = std::move(own.workers);
  }
  WorkerNames worker_names = WorkerNames::Known(workers, "a former peer worker");
  ViewList views;
  for (const usecase::ContactView& note : notes) {
    ALONGSIDE_ASSIGN_OR_RETURN(std::string worker_name, worker_names.Of(note.contact.worker_id));
    View view = NoteView(note, "you", worker_name, context.Caller().zone);
    if (error && error->id == note.contact.id) {
      view.at("annotation_error") = OptionalText(error->message);
      view.at("annotation_value") = error->typed;
    }
    views.push_back(ToValue(std::move(view)));
  }
  View data{
      {"saved", SavedMessage(context.request)},
      {"csrf_token", context.Who().csrf_token},
      {"has_contacts", !views.empty()},
      {"older_offset", OptionalText(has_older ? std::to_string(page.offset + kNotesPerPage)
                                              : std::string())},
      {"newer_offset",
       OptionalText(page.offset > 0 ? std::to_string(std::max(0, page.offset - kNotesPerPage))
                                    : std::string())}};
  data.emplace("contacts", std::move(views));
  RenderPage(context, "my_contacts", "Notes about me", std::move(data), status);
  return Status::Ok();
}

Status MyContacts(Context& context) { return RenderMyContacts(context, std::nullopt, 200); }

Status AnnotateMyContact(Context& context) {
  const store::Id contact_id = context.PathId(0);
  Result<usecase::ContactView> annotated = usecase::AnnotateContact(
      context.UseCases(), context.Caller(), contact_id, TrimmedField(context.request, "words"));
  if (annotated.ok()) {
    Redirect(context, "/me/contacts?saved=annotation#contact-" + std::to_string(contact_id));
    return Status::Ok();
  }
  std::map<std::string, std::string> errors;
  if (!AddFieldError(annotated.status(), {"words"}, errors)) return annotated.status();
  return RenderMyContacts(
      context, ItemError{contact_id, errors["words"], Field(context.request, "words")},
      InvalidStatusCode());
}

}  // namespace

void AddOwnRecordPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/me", kSignedIn, Me, "My record"));
  router.Add(PageRoute("POST", "/me/profile", kSignedIn, UpdateMyWords,
                       "My pronouns and how I describe myself, in my words"));
  router.Add(PageRoute("GET", "/me/goals", kSignedIn, MyGoals, "My goals"));
  router.Add(PageRoute("POST", "/me/goals", kSignedIn, AddMyGoal,
                       "Adds my goal: my own words, signed by writing them"));
  router.Add(PageRoute("POST", "/me/goals/{id}/progress", kSignedIn, AddMyProgress,
                       "Adds progress on my goal"));
  router.Add(PageRoute("POST", "/me/goals/{id}/words", kSignedIn, ReviseMyGoalWords,
                       "New words for my goal, mine by writing them"));
  router.Add(PageRoute("POST", "/me/goals/{id}/cosign", kSignedIn, CosignMyGoal,
                       "Co-signs a goal written with me"));
  router.Add(PageRoute("GET", "/me/contacts", kSignedIn, MyContacts, "Notes about me"));
  router.Add(PageRoute("POST", "/me/contacts/{id}/annotations", kSignedIn, AnnotateMyContact,
                       "Adds my annotation beside a note"));
}

}  // namespace alongside::server::pages
