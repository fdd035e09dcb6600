// The HTML pages: one route table, read top to bottom in AddPageRoutes. Each
// handler parses, asks Policy, calls the store, and renders a template;
// reads of a person's record are audited here (AuditAccess), writes are
// audited by the store, denials are audited here before the 403 page.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/time.h"
#include "domain/activity_catalog.h"
#include "domain/rules.h"
#include "domain/vocabulary.h"
#include "server/http_status.h"
#include "server/pages/contact_form.h"
#include "server/pages/form.h"
#include "server/pages/page_rules.h"
#include "server/pages/page_view.h"
#include "server/router.h"

namespace alongside::server {
namespace {

using pages::ContactForm;
using pages::ContactFormMode;
using pages::Field;
using pages::FormatReadable;
using pages::FormatReadableDay;
using pages::OptionalText;
using pages::Redirect;
using pages::RenderPage;
using pages::ToValue;
using pages::View;
using pages::ViewList;
using pages::ViewValue;

constexpr Instant kSecondsPerDay = 24 * 60 * 60;
// Lists on pages are short; nothing here pages through thousands of rows.
constexpr int kListLimit = 500;

// ---- helpers shared by the handlers ----

// Refuses with the 403 page, writing the denial to the audit log first.
Status Deny(Context& context, const std::string& action, std::optional<store::Id> person_id,
            const Status& refusal) {
  context.AuditAccess(action, "person", person_id.value_or(0), person_id, "denied",
                      refusal.detail());
  return refusal;
}

// Policy::CheckPerson, audited when it refuses.
Status CheckPerson(Context& context, Action action, store::Id person_id) {
  Status allowed = context.services.policy.CheckPerson(context.Who(), action, person_id);
  if (!allowed.ok()) return Deny(context, ActionCode(action), person_id, allowed);
  return allowed;
}

bool IsPeerWorker(const Principal& who) {
  return !who.IsPerson() && who.role && domain::IsPeerWorkerRole(*who.role) && who.staff_id;
}

Result<store::Id> WorkerOf(Context& context) {
  if (!IsPeerWorker(context.Who())) {
    return Deny(context, "caseload.read", std::nullopt,
                Status::Forbidden("only peer workers have a caseload"));
  }
  return *context.Who().staff_id;
}

Result<store::Id> PersonOf(Context& context) {
  const Principal& who = context.Who();
  if (!who.IsPerson() || !who.person_id) {
    return Deny(context, "self.read", std::nullopt,
                Status::Forbidden("these pages are for people served"));
  }
  return *who.person_id;
}

// A contact by id; an unknown id is refused like someone else's, so the
// answer never tells whether it exists.
Result<domain::Contact> ContactFor(Context& context, Action action, store::Id contact_id) {
  Result<domain::Contact> contact = context.services.store.GetContact(contact_id);
  if (!contact.ok()) {
    if (contact.status().code() != StatusCode::kNotFound) return contact.status();
    return Deny(context, ActionCode(action), std::nullopt, Status::Forbidden("not your record"));
  }
  Status allowed = CheckPerson(context, action, contact->person_id);
  if (!allowed.ok()) return allowed;
  return contact;
}

Result<domain::Goal> GoalFor(Context& context, Action action, store::Id goal_id) {
  Result<domain::Goal> goal = context.services.store.GetGoal(goal_id);
  if (!goal.ok()) {
    if (goal.status().code() != StatusCode::kNotFound) return goal.status();
    return Deny(context, ActionCode(action), std::nullopt, Status::Forbidden("not your record"));
  }
  Status allowed = CheckPerson(context, action, goal->person_id);
  if (!allowed.ok()) return allowed;
  return goal;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const std::string& part : parts) joined += (joined.empty() ? "" : ", ") + part;
  return joined;
}

std::string DaysAgo(Instant then, Instant now) {
  const Day days = DayOf(now) - DayOf(then);
  if (days <= 0) return "today";
  if (days == 1) return "yesterday";
  return std::to_string(days) + " days ago";
}

std::string LastContactText(const std::optional<Instant>& last, Instant now) {
  if (!last) return "No contact recorded yet";
  return "Last contact " + FormatReadableDay(DayOf(*last)) + " (" + DaysAgo(*last, now) + ")";
}

std::string RoleLabel(domain::Role role) {
  switch (role) {
    case domain::Role::kPeerSpecialist:
      return "peer specialist";
    case domain::Role::kPeerBridger:
      return "peer bridger";
    case domain::Role::kRecoveryCoach:
      return "recovery coach";
    case domain::Role::kSeniorPeerSupervisor:
      return "senior peer supervisor";
    case domain::Role::kClinicalSupervisor:
      return "clinical supervisor";
    case domain::Role::kClinician:
      return "clinician";
    case domain::Role::kProgramManager:
      return "program manager";
    case domain::Role::kEvaluator:
      return "evaluator";
    case domain::Role::kAdministrator:
      return "administrator";
  }
  return "";
}

std::string GoalStatusLabel(domain::GoalStatus status) {
  switch (status) {
    case domain::GoalStatus::kActive:
      return "Working on it";
    case domain::GoalStatus::kAchieved:
      return "Achieved";
    case domain::GoalStatus::kSetAside:
      return "Set aside for now";
  }
  return "";
}

std::string AdmissionLabel(domain::AdmissionKind kind) {
  switch (kind) {
    case domain::AdmissionKind::kPsychiatricInpatient:
      return "Hospital stay";
    case domain::AdmissionKind::kCrisisStabilisation:
      return "Crisis stay";
    case domain::AdmissionKind::kWithdrawalManagement:
      return "Withdrawal support stay";
  }
  return "";
}

std::string TeamSettingLabel(domain::TeamSetting setting) {
  switch (setting) {
    case domain::TeamSetting::kCommunityAgency:
      return "Community agency";
    case domain::TeamSetting::kActTeam:
      return "ACT team";
    case domain::TeamSetting::kInpatientBridging:
      return "Bridging from hospital";
    case domain::TeamSetting::kRecoveryCommunityOrganization:
      return "Recovery community";
    case domain::TeamSetting::kForensicReentry:
      return "Re-entry";
    case domain::TeamSetting::kYouth:
      return "Youth";
  }
  return "";
}

// The words shown after a redirect (?saved=...); unknown values show nothing.
ViewValue SavedMessage(const httplib::Request& request) {
  static const std::map<std::string, std::string> kMessages = {
      {"draft", "The contact is saved as a draft."},
      {"final", "The note is final."},
      {"amended", "The amendment is saved as a new version of the note."},
      {"goal", "The goal is saved."},
      {"progress", "Your progress is saved."},
      {"cosigned", "You co-signed the goal."},
      {"annotation", "Your annotation is saved beside the note."},
  };
  auto found = kMessages.find(Field(request, "saved"));
  if (found == kMessages.end()) return false;
  return found->second;
}

Result<std::string> StaffName(Context& context, store::Id staff_id,
                              std::map<store::Id, std::string>& cache) {
  auto found = cache.find(staff_id);
  if (found != cache.end()) return found->second;
  Result<domain::Staff> staff = context.services.store.GetStaff(staff_id);
  if (!staff.ok()) return staff.status();
  cache[staff_id] = staff->display_name;
  return staff->display_name;
}

// A contact as the person page and "notes about me" show it.
Result<View> ContactView(Context& context, const store::ContactRow& row,
                         const std::string& person_name,
                         std::map<store::Id, std::string>& staff_names) {
  const domain::ContactVersion& latest = row.latest;
  Result<std::string> worker_name = StaffName(context, row.worker_id, staff_names);
  if (!worker_name.ok()) return worker_name.status();
  // The list row counts the annotations: most notes have none to read.
  Result<std::vector<store::Annotation>> annotations =
      row.annotations > 0
          ? context.services.store.ListAnnotations(row.id)
          : Result<std::vector<store::Annotation>>(std::vector<store::Annotation>());
  if (!annotations.ok()) return annotations.status();

  std::vector<std::string> modality_labels;
  for (const std::string& name : domain::ModalityNames(latest.modalities)) {
    Result<domain::Modality> modality = domain::ParseModality(name, "modalities");
    if (modality.ok()) modality_labels.push_back(pages::ModalityLabel(*modality));
  }
  std::vector<std::string> activity_labels;
  const domain::ActivityCatalog& catalog = domain::ActivityCatalog::Default();
  for (const std::string& code : latest.activities) {
    const domain::Activity* activity = catalog.Find(code);
    if (activity == nullptr) {
      activity_labels.push_back(code);
    } else if (activity->scope == domain::ActivityScope::kClinicalOnly) {
      activity_labels.push_back(activity->label + " (outside peer scope)");
    } else {
      activity_labels.push_back(activity->label);
    }
  }
  ViewList annotation_views;
  for (const store::Annotation& annotation : *annotations) {
    annotation_views.push_back(
        View{{"words", annotation.words}, {"when", FormatReadable(annotation.at)}});
  }
  const bool is_draft = latest.status == domain::NoteStatus::kDraft;
  return View{
      {"id", std::to_string(row.id)},
      {"when", FormatReadable(latest.start)},
      {"minutes", std::to_string((latest.end - latest.start) / 60)},
      {"setting", pages::SettingLabel(latest.setting)},
      {"modalities", OptionalText(Join(modality_labels))},
      {"activities", OptionalText(Join(activity_labels))},
      {"note", OptionalText(latest.note)},
      {"person_words", OptionalText(latest.person_words)},
      {"person_name", person_name},
      {"worker_name", *worker_name},
      {"status", std::string(is_draft ? "Draft" : "Final")},
      {"status_class", std::string(is_draft ? "tag-draft" : "tag-final")},
      {"is_draft", is_draft},
      {"amend_reason", OptionalText(latest.amend_reason)},
      {"has_annotations", !annotation_views.empty()},
      {"annotations", annotation_views},
      {"annotation_error", false},
      {"annotation_value", std::string()},
  };
}

Result<ViewList> GoalViews(Context& context, store::Id person_id) {
  Result<std::vector<domain::Goal>> goals = context.services.store.ListGoals(person_id);
  if (!goals.ok()) return goals.status();
  ViewList views;
  for (const domain::Goal& goal : *goals) {
    const domain::GoalVersion& latest = goal.latest();
    Result<std::vector<domain::GoalProgress>> progress =
        context.services.store.ListGoalProgress(goal.id);
    if (!progress.ok()) return progress.status();
    ViewList progress_views;
    for (const domain::GoalProgress& step : *progress) {
      progress_views.push_back(
          View{{"when", FormatReadableDay(DayOf(step.at))},
               {"who", std::string(step.by_person ? "in their words" : "noted by worker")},
               {"words", step.words}});
    }
    std::string authorship = latest.authored_by_person ? "written by the person"
                             : latest.cosigned_at      ? "written together, co-signed"
                                                       : "written together, not yet co-signed";
    ViewValue review = false;
    if (latest.review_on) review = FormatReadableDay(*latest.review_on);
    views.push_back(View{
        {"id", std::to_string(goal.id)},
        {"words", latest.words},
        {"status", GoalStatusLabel(latest.status)},
        {"authorship", authorship},
        {"review_on", review},
        {"needs_cosign", !latest.authored_by_person && !latest.cosigned_at},
        {"has_progress", !progress_views.empty()},
        {"progress", progress_views},
        {"progress_error", false},
    });
  }
  return views;
}

View GoalFormView(const std::string& words, const std::string& review_on,
                  const std::map<std::string, std::string>& errors) {
  auto error_of = [&errors](const std::string& name) -> ViewValue {
    auto found = errors.find(name);
    if (found == errors.end()) return false;
    return OptionalText(found->second);
  };
  return View{
      {"goal_words",
       View{{"id", std::string("goal-words")}, {"value", words}, {"error", error_of("words")}}},
      {"goal_review", View{{"id", std::string("goal-review")},
                           {"value", review_on},
                           {"error", error_of("review_on")}}},
  };
}

// The words of a new goal from the form, or the errors by field.
std::optional<domain::GoalVersion> ParseGoalForm(const httplib::Request& request,
                                                 bool authored_by_person, Instant now,
                                                 std::map<std::string, std::string>& errors) {
  domain::GoalVersion goal;
  Result<std::string> words = pages::RequiredText(request, "words", domain::kMaxTextLength);
  if (!words.ok()) errors["words"] = words.status().detail();
  const std::string review_text = Field(request, "review_on");
  if (!review_text.empty()) {
    Result<Day> review = ParseDay(review_text, "review_on");
    if (review.ok()) {
      goal.review_on = *review;
    } else {
      errors["review_on"] = "Enter the date as year-month-day, like 2026-03-14, or leave it empty.";
    }
  }
  if (!errors.empty()) return std::nullopt;
  goal.words = *words;
  goal.status = domain::GoalStatus::kActive;
  goal.authored_by_person = authored_by_person;
  goal.written_at = now;
  return goal;
}

int InvalidStatusCode() { return HttpStatusFor(StatusCode::kInvalidArgument); }

// ---- sign-in ----

std::string LoginCookie(Context& context, const std::string& value, bool expire) {
  std::string cookie = std::string(pages::kLoginCsrfCookie) + "=" + value +
                       "; Path=/login; HttpOnly; SameSite=Strict";
  if (expire) cookie += "; Max-Age=0";
  if (context.services.auth.options().secure_cookies) cookie += "; Secure";
  return cookie;
}

void RenderLogin(Context& context, const std::string& token, const std::string& username,
                 const std::string& error, int status) {
  RenderPage(context, "login", "Sign in",
             View{{"csrf_token", token}, {"username", username}, {"error", OptionalText(error)}},
             status);
}

Status ShowLogin(Context& context) {
  Result<Principal> who = context.services.auth.FromRequest(context.request);
  if (who.ok()) {
    Redirect(context, pages::HomeFor(*who));
    return Status::Ok();
  }
  const std::string token = RandomToken();
  context.response.set_header("Set-Cookie", LoginCookie(context, token, false));
  RenderLogin(context, token, "", "", 200);
  return Status::Ok();
}

Status SubmitLogin(Context& context) {
  std::optional<std::string> cookie = pages::Cookie(context.request, pages::kLoginCsrfCookie);
  Principal holder;
  holder.csrf_token = cookie.value_or("");
  if (!cookie || cookie->empty() ||
      !CsrfTokenMatches(holder, Field(context.request, "csrf_token"))) {
    context.AuditAccess("csrf.refused", "request", 0, std::nullopt, "denied", "POST /login");
    return Status::Forbidden("the sign-in form has expired; open the sign-in page again");
  }
  const std::string username = Field(context.request, "username");
  Result<SignedIn> signed_in =
      context.services.auth.SignIn(username, Field(context.request, "password"), context.actor);
  if (!signed_in.ok()) {
    if (signed_in.status().code() != StatusCode::kUnauthenticated) return signed_in.status();
    RenderLogin(context, *cookie, username,
                "The username and password did not match, or the account is paused for a few "
                "minutes after several tries. Please try again.",
                HttpStatusFor(StatusCode::kUnauthenticated));
    return Status::Ok();
  }
  context.response.set_header("Set-Cookie", context.services.auth.SessionCookie(signed_in->token));
  context.response.set_header("Set-Cookie", LoginCookie(context, "", true));
  Redirect(context, pages::HomeFor(signed_in->principal));
  return Status::Ok();
}

Status SignOut(Context& context) {
  Status signed_out = context.services.auth.SignOut(context.Who(), context.actor);
  if (!signed_out.ok()) return signed_out;
  context.response.set_header("Set-Cookie", context.services.auth.ExpiredCookie());
  Redirect(context, "/login");
  return Status::Ok();
}

Status Home(Context& context) {
  Result<Principal> who = context.services.auth.FromRequest(context.request);
  Redirect(context, who.ok() ? pages::HomeFor(*who) : std::string("/login"));
  return Status::Ok();
}

Status StyleSheet(Context& context) {
  context.response.set_header("Cache-Control", "public, max-age=3600");
  context.response.set_content(std::string(pages::StyleSheet()), "text/css; charset=utf-8");
  return Status::Ok();
}

// ---- peer workers ----

Result<std::vector<store::PersonRow>> CaseloadOf(Context& context, store::Id worker) {
  store::PeopleQuery query;
  query.worker_ids = std::vector<store::Id>{worker};
  query.page.limit = kListLimit;
  return context.services.store.ListPeople(query);
}

View PersonRowView(const store::PersonRow& row, Instant now) {
  return View{{"id", std::to_string(row.person.id)},
              {"name", row.person.preferred_name},
              {"pronouns", OptionalText(row.person.pronouns)},
              {"last_contact", LastContactText(row.last_contact_at, now)}};
}

Status Today(Context& context) {
  Result<store::Id> worker = WorkerOf(context);
  if (!worker.ok()) return worker.status();
  store::Store& store = context.services.store;
  const Instant now = NowUtc();

  Result<std::vector<store::PersonRow>> people = CaseloadOf(context, *worker);
  if (!people.ok()) return people.status();
  std::vector<store::PersonRow> by_last_contact = *people;
  std::stable_sort(by_last_contact.begin(), by_last_contact.end(),
                   [](const store::PersonRow& left, const store::PersonRow& right) {
                     return left.last_contact_at.value_or(0) < right.last_contact_at.value_or(0);
                   });
  ViewList to_see;
  const Instant due_before = now - pages::kDaysBeforeContactIsDue * kSecondsPerDay;
  for (const store::PersonRow& row : by_last_contact) {
    const bool due = !row.last_contact_at || *row.last_contact_at < due_before;
    if (!due && static_cast<int>(to_see.size()) >= pages::kMinPeopleToSee) break;
    to_see.push_back(PersonRowView(row, now));
  }

  // Drafts: the oldest first (the ones past the deadline lead), a few on a
  // phone, and how many there are in all.
  const Instant deadline = now - pages::kDocumentationDeadlineHours * 3600;
  store::ContactQuery draft_query;
  draft_query.worker_ids = std::vector<store::Id>{*worker};
  draft_query.status = domain::NoteStatus::kDraft;
  Result<std::int64_t> draft_total = store.CountContacts(draft_query);
  if (!draft_total.ok()) return draft_total.status();
  store::ContactQuery overdue_query = draft_query;
  overdue_query.until = deadline;
  Result<std::int64_t> overdue_total = store.CountContacts(overdue_query);
  if (!overdue_total.ok()) return overdue_total.status();
  draft_query.oldest_first = true;
  draft_query.page.limit = pages::kDraftsShown;
  Result<std::vector<store::ContactRow>> drafts = store.ListContacts(draft_query);
  if (!drafts.ok()) return drafts.status();
  ViewList draft_views;
  for (const store::ContactRow& row : *drafts) {
    draft_views.push_back(View{{"id", std::to_string(row.id)},
                               {"person_name", row.person_name},
                               {"when", FormatReadable(row.latest.start)},
                               {"overdue", row.latest.start < deadline}});
  }
  const std::int64_t drafts_not_shown =
      *draft_total - static_cast<std::int64_t>(draft_views.size());

  Result<std::vector<store::GoalDue>> goals = store.GoalsDueForReview({*worker}, DayOf(now));
  if (!goals.ok()) return goals.status();
  ViewList goal_views;
  // A phone screen, not an archive: the first few, and how many more wait.
  const size_t goals_shown = std::min(goals->size(), static_cast<size_t>(pages::kGoalsDueShown));
  for (size_t goal_idx = 0; goal_idx < goals_shown; ++goal_idx) {
    const store::GoalDue& goal = (*goals)[goal_idx];
    goal_views.push_back(View{{"person_id", std::to_string(goal.person_id)},
                              {"person_name", goal.person_name},
                              {"words", goal.words},
                              {"review_on", FormatReadableDay(goal.review_on)}});
  }
  context.AuditAccess("caseload.read", "staff", *worker, std::nullopt, "ok", "today");
  const std::string draft_count =
      std::to_string(*draft_total) + (*draft_total == 1 ? " note" : " notes");
  RenderPage(
      context, "today", "Today",
      View{{"today", FormatReadableDay(DayOf(now))},
           {"due_days", std::to_string(pages::kDaysBeforeContactIsDue)},
           {"deadline_hours", std::to_string(pages::kDocumentationDeadlineHours)},
           {"has_to_see", !to_see.empty()},
           {"to_see", to_see},
           {"has_drafts", !draft_views.empty()},
           {"draft_count", draft_count},
           {"overdue_count",
            OptionalText(*overdue_total > 0 ? std::to_string(*overdue_total) : std::string())},
           {"more_drafts",
            OptionalText(drafts_not_shown > 0 ? std::to_string(drafts_not_shown) : std::string())},
           {"drafts", draft_views},
           {"has_goals", !goal_views.empty()},
           {"more_goals",
            OptionalText(goals->size() > goals_shown ? std::to_string(goals->size() - goals_shown)
                                                     : std::string())},
           {"goals", goal_views}});
  return Status::Ok();
}

Status Caseload(Context& context) {
  Result<store::Id> worker = WorkerOf(context);
  if (!worker.ok()) return worker.status();
  Result<std::vector<store::PersonRow>> people = CaseloadOf(context, *worker);
  if (!people.ok()) return people.status();
  const Instant now = NowUtc();
  ViewList views;
  for (const store::PersonRow& row : *people) views.push_back(PersonRowView(row, now));
  context.AuditAccess("caseload.read", "staff", *worker, std::nullopt, "ok", "caseload");
  RenderPage(context, "caseload", "People I walk alongside",
             View{{"count", std::to_string(views.size())},
                  {"has_people", !views.empty()},
                  {"people", views}});
  return Status::Ok();
}

// The person page, with the goal form's state when it is re-shown after an
// error (status 400) or fresh (200).
Status RenderPerson(Context& context, store::Id person_id, View goal_form, int status) {
  Status allowed = CheckPerson(context, Action::kReadPerson, person_id);
  if (!allowed.ok()) return allowed;
  store::Store& store = context.services.store;
  Result<domain::Person> person = store.GetPerson(person_id);
  if (!person.ok()) return person.status();

  Result<ViewList> goals = GoalViews(context, person_id);
  if (!goals.ok()) return goals.status();

  store::ContactQuery contact_query;
  contact_query.person_id = person_id;
  contact_query.page.limit = pages::kNotesPerPage;
  Result<std::vector<store::ContactRow>> contacts = store.ListContacts(contact_query);
  if (!contacts.ok()) return contacts.status();
  const Principal& who = context.Who();
  const bool can_record =
      context.services.policy.CheckPerson(who, Action::kRecordContact, person_id).ok();
  const bool can_goals =
      context.services.policy.CheckPerson(who, Action::kWorkOnGoals, person_id).ok();
  std::map<store::Id, std::string> staff_names;
  ViewList contact_views;
  for (const store::ContactRow& row : *contacts) {
    Result<View> view = ContactView(context, row, person->preferred_name, staff_names);
    if (!view.ok()) return view.status();
    contact_views.push_back(ToValue(std::move(view).value()));
  }

  Result<std::vector<domain::Admission>> admissions = store.ListAdmissions(person_id);
  if (!admissions.ok()) return admissions.status();
  ViewList admission_views;
  for (const domain::Admission& admission : *admissions) {
    ViewValue discharged = false;
    if (admission.discharged_on) discharged = FormatReadableDay(*admission.discharged_on);
    admission_views.push_back(View{{"kind", AdmissionLabel(admission.kind)},
                                   {"admitted_on", FormatReadableDay(admission.admitted_on)},
                                   {"discharged_on", discharged}});
  }

  context.AuditAccess("person.read", "person", person_id, person_id, "ok", "person page");
  View data{{"id", std::to_string(person_id)},
            {"name", person->preferred_name},
            {"pronouns", OptionalText(person->pronouns)},
            {"self_description", OptionalText(person->self_description)},
            {"enrolled_on", FormatReadableDay(person->enrolled_on)},
            {"saved", SavedMessage(context.request)},
            {"csrf_token", who.csrf_token},
            {"can_record", can_record},
            {"can_goals", can_goals},
            {"has_goals", !goals->empty()},
            {"has_contacts", !contact_views.empty()},
            {"has_admissions", !admission_views.empty()},
            {"notes_per_page", std::to_string(pages::kNotesPerPage)}};
  // The lists are added apart: an initializer list would copy them twice.
  data.emplace("goals", std::move(goals).value());
  data.emplace("contacts", std::move(contact_views));
  data.emplace("admissions", std::move(admission_views));
  data.merge(goal_form);
  RenderPage(context, "person", person->preferred_name, std::move(data), status);
  return Status::Ok();
}

Status ShowPerson(Context& context) {
  return RenderPerson(context, context.PathId(0), GoalFormView("", "", {}), 200);
}

Status AddGoalWithPerson(Context& context) {
  const store::Id person_id = context.PathId(0);
  Status allowed = CheckPerson(context, Action::kWorkOnGoals, person_id);
  if (!allowed.ok()) return allowed;
  std::map<std::string, std::string> errors;
  std::optional<domain::GoalVersion> goal =
      ParseGoalForm(context.request, /*authored_by_person=*/false, NowUtc(), errors);
  if (!goal) {
    return RenderPerson(
        context, person_id,
        GoalFormView(Field(context.request, "words"), Field(context.request, "review_on"), errors),
        InvalidStatusCode());
  }
  Result<store::Id> added = context.services.store.AddGoal(person_id, *goal, context.actor);
  if (!added.ok()) return added.status();
  Redirect(context, "/people/" + std::to_string(person_id) + "?saved=goal#goals");
  return Status::Ok();
}

// The contact form, for a new contact or an existing one.
void RenderContactForm(Context& context, const ContactForm& form, ContactFormMode mode,
                       const std::vector<store::PersonRow>& people,
                       const std::optional<domain::Contact>& contact,
                       const std::string& person_name, int status) {
  View view = form.ToView(mode, domain::ActivityCatalog::Default(), people);
  view.emplace("csrf_token", context.Who().csrf_token);
  std::string title = "Record a contact";
  std::string submit = "Save contact";
  std::string action = "/contacts";
  std::string cancel = "/today";
  if (contact) {
    const std::string id = std::to_string(contact->id);
    cancel = "/people/" + std::to_string(contact->person_id) + "#contact-" + id;
    view.emplace("person_fixed", View{{"name", person_name}});
    if (mode == ContactFormMode::kAmend) {
      title = "Amend a final note";
      submit = "Save the amendment";
      action = "/contacts/" + id + "/amend";
      view.emplace("intro", std::string("The final note stays as it was; your amendment is "
                                        "added as a new version with its reason."));
    } else {
      title = "Edit a draft note";
      submit = "Save draft";
      action = "/contacts/" + id + "/edit";
    }
  } else if (!form.person_id.empty()) {
    cancel = "/people/" + form.person_id;
  }
  view.emplace("action", action);
  view.emplace("submit_label", submit);
  view.emplace("cancel_href", cancel);
  RenderPage(context, "contact_form", title, std::move(view), status);
}

Status NewContact(Context& context) {
  Result<store::Id> worker = WorkerOf(context);
  if (!worker.ok()) return worker.status();
  ContactForm form = ContactForm::Defaults(NowUtc());
  if (context.request.has_param("person_id")) {
    Result<store::Id> person_id = pages::IdField(context.request, "person_id");
    if (!person_id.ok()) return person_id.status();
    Status allowed = CheckPerson(context, Action::kRecordContact, *person_id);
    if (!allowed.ok()) return allowed;
    form.person_id = std::to_string(*person_id);
  }
  Result<std::vector<store::PersonRow>> people = CaseloadOf(context, *worker);
  if (!people.ok()) return people.status();
  RenderContactForm(context, form, ContactFormMode::kRecord, *people, std::nullopt, "", 200);
  return Status::Ok();
}

Status RecordContact(Context& context) {
  Result<store::Id> worker = WorkerOf(context);
  if (!worker.ok()) return worker.status();
  const Instant now = NowUtc();
  ContactForm form = ContactForm::FromRequest(context.request);
  Result<store::Id> person_id = pages::IdField(context.request, "person_id");
  if (person_id.ok()) {
    Status allowed = CheckPerson(context, Action::kRecordContact, *person_id);
    if (!allowed.ok()) return allowed;
  }
  std::optional<domain::ContactVersion> version =
      form.Validate(ContactFormMode::kRecord, domain::ActivityCatalog::Default(), *worker, now);
  if (!person_id.ok()) form.errors["person_id"] = "Choose the person this contact was with.";
  if (version && person_id.ok()) {
    if (form.finalise) {
      version->status = domain::NoteStatus::kFinal;
      version->signed_by = *worker;
      version->signed_at = now;
    }
    Result<store::Id> recorded =
        context.services.store.RecordContact(*person_id, *worker, *version, context.actor);
    if (recorded.ok()) {
      Redirect(context, "/people/" + std::to_string(*person_id) +
                            (form.finalise ? "?saved=final" : "?saved=draft") + "#contact-" +
                            std::to_string(*recorded));
      return Status::Ok();
    }
    if (recorded.status().code() != StatusCode::kInvalidArgument) return recorded.status();
    form.AddStoreError(recorded.status());
  }
  Result<std::vector<store::PersonRow>> people = CaseloadOf(context, *worker);
  if (!people.ok()) return people.status();
  RenderContactForm(context, form, ContactFormMode::kRecord, *people, std::nullopt, "",
                    InvalidStatusCode());
  return Status::Ok();
}

std::string PersonName(Context& context, store::Id person_id) {
  Result<domain::Person> person = context.services.store.GetPerson(person_id);
  return person.ok() ? person->preferred_name : std::string("this person");
}

Status EditContact(Context& context) {
  Result<store::Id> worker = WorkerOf(context);
  if (!worker.ok()) return worker.status();
  Result<domain::Contact> contact = ContactFor(context, Action::kRecordContact, context.PathId(0));
  if (!contact.ok()) return contact.status();
  const bool is_draft = contact->latest().status == domain::NoteStatus::kDraft;
  ContactForm form = ContactForm::FromVersion(contact->latest());
  RenderContactForm(context, form, is_draft ? ContactFormMode::kEditDraft : ContactFormMode::kAmend,
                    {}, *contact, PersonName(context, contact->person_id), 200);
  return Status::Ok();
}

// Saves a new version of a contact: a revised draft (finalised too when
// asked) or an amendment of a final note.
Status SaveContactVersion(Context& context, ContactFormMode mode) {
  Result<store::Id> worker = WorkerOf(context);
  if (!worker.ok()) return worker.status();
  Result<domain::Contact> contact = ContactFor(context, Action::kRecordContact, context.PathId(0));
  if (!contact.ok()) return contact.status();
  const Instant now = NowUtc();
  ContactForm form = ContactForm::FromRequest(context.request);
  std::optional<domain::ContactVersion> version =
      form.Validate(mode, domain::ActivityCatalog::Default(), *worker, now);
  if (version) {
    store::Store& store = context.services.store;
    Status saved;
    if (mode == ContactFormMode::kAmend) {
      version->status = domain::NoteStatus::kFinal;
      version->signed_by = *worker;
      version->signed_at = now;
      version->amends_version = contact->latest().version;
      version->amend_reason = form.amend_reason;
      saved = store.AmendContact(contact->id, *version, context.actor).status();
    } else {
      saved = store.ReviseContactDraft(contact->id, *version, context.actor).status();
      if (saved.ok() && form.finalise) {
        saved = store.FinaliseContact(contact->id, *worker, now, context.actor).status();
      }
    }
    if (saved.ok()) {
      const char* outcome = mode == ContactFormMode::kAmend ? "amended"
                            : form.finalise                 ? "final"
                                                            : "draft";
      Redirect(context, "/people/" + std::to_string(contact->person_id) + "?saved=" + outcome +
                            "#contact-" + std::to_string(contact->id));
      return Status::Ok();
    }
    if (saved.code() != StatusCode::kInvalidArgument) return saved;
    form.AddStoreError(saved);
  }
  RenderContactForm(context, form, mode, {}, *contact, PersonName(context, contact->person_id),
                    InvalidStatusCode());
  return Status::Ok();
}

Status ReviseDraft(Context& context) {
  return SaveContactVersion(context, ContactFormMode::kEditDraft);
}

Status AmendContact(Context& context) {
  return SaveContactVersion(context, ContactFormMode::kAmend);
}

Status FinaliseContact(Context& context) {
  Result<store::Id> worker = WorkerOf(context);
  if (!worker.ok()) return worker.status();
  Result<domain::Contact> contact = ContactFor(context, Action::kRecordContact, context.PathId(0));
  if (!contact.ok()) return contact.status();
  Result<int> finalised =
      context.services.store.FinaliseContact(contact->id, *worker, NowUtc(), context.actor);
  if (!finalised.ok()) return finalised.status();
  Redirect(context, "/people/" + std::to_string(contact->person_id) + "?saved=final#contact-" +
                        std::to_string(contact->id));
  return Status::Ok();
}

// ---- people served ----

Status Me(Context& context) {
  Result<store::Id> person_id = PersonOf(context);
  if (!person_id.ok()) return person_id.status();
  Status allowed = CheckPerson(context, Action::kReadPerson, *person_id);
  if (!allowed.ok()) return allowed;
  store::Store& store = context.services.store;
  Result<domain::Person> person = store.GetPerson(*person_id);
  if (!person.ok()) return person.status();
  Result<std::vector<store::Id>> workers = store.ActiveWorkersOf(*person_id);
  if (!workers.ok()) return workers.status();
  ViewList worker_views;
  for (store::Id worker_id : *workers) {
    Result<domain::Staff> worker = store.GetStaff(worker_id);
    if (!worker.ok()) return worker.status();
    worker_views.push_back(View{{"name", worker->display_name}, {"role", RoleLabel(worker->role)}});
  }
  context.AuditAccess("person.read", "person", *person_id, *person_id, "ok", "my record");
  RenderPage(context, "me", "My record",
             View{{"name", person->preferred_name},
                  {"pronouns", OptionalText(person->pronouns)},
                  {"self_description", OptionalText(person->self_description)},
                  {"enrolled_on", FormatReadableDay(person->enrolled_on)},
                  {"has_workers", !worker_views.empty()},
                  {"workers", worker_views}});
  return Status::Ok();
}

// My goals, with a form's error beside the goal (progress) or the new-goal form.
Status RenderMyGoals(Context& context, store::Id person_id, View goal_form,
                     std::optional<std::pair<store::Id, std::string>> progress_error, int status) {
  Status allowed = CheckPerson(context, Action::kReadPerson, person_id);
  if (!allowed.ok()) return allowed;
  Result<ViewList> goals = GoalViews(context, person_id);
  if (!goals.ok()) return goals.status();
  if (progress_error) {
    const std::string wanted = std::to_string(progress_error->first);
    for (ViewValue& goal : *goals) {
      if (goal.get("id")->string_value() == wanted) {
        goal["progress_error"] = OptionalText(progress_error->second);
      }
    }
  }
  context.AuditAccess("goals.read", "person", person_id, person_id, "ok", "my goals");
  View data{{"saved", SavedMessage(context.request)},
            {"csrf_token", context.Who().csrf_token},
            {"has_goals", !goals->empty()},
            {"goals", *goals}};
  data.merge(goal_form);
  RenderPage(context, "my_goals", "My goals", std::move(data), status);
  return Status::Ok();
}

Status MyGoals(Context& context) {
  Result<store::Id> person_id = PersonOf(context);
  if (!person_id.ok()) return person_id.status();
  return RenderMyGoals(context, *person_id, GoalFormView("", "", {}), std::nullopt, 200);
}

Status AddMyGoal(Context& context) {
  Result<store::Id> person_id = PersonOf(context);
  if (!person_id.ok()) return person_id.status();
  Status allowed = CheckPerson(context, Action::kSelfGoals, *person_id);
  if (!allowed.ok()) return allowed;
  std::map<std::string, std::string> errors;
  std::optional<domain::GoalVersion> goal =
      ParseGoalForm(context.request, /*authored_by_person=*/true, NowUtc(), errors);
  if (!goal) {
    return RenderMyGoals(
        context, *person_id,
        GoalFormView(Field(context.request, "words"), Field(context.request, "review_on"), errors),
        std::nullopt, InvalidStatusCode());
  }
  Result<store::Id> added = context.services.store.AddGoal(*person_id, *goal, context.actor);
  if (!added.ok()) return added.status();
  Redirect(context, "/me/goals?saved=goal#goal-" + std::to_string(*added));
  return Status::Ok();
}

Status AddMyProgress(Context& context) {
  Result<store::Id> person_id = PersonOf(context);
  if (!person_id.ok()) return person_id.status();
  Result<domain::Goal> goal = GoalFor(context, Action::kSelfGoals, context.PathId(0));
  if (!goal.ok()) return goal.status();
  Result<std::string> words = pages::RequiredText(context.request, "words", domain::kMaxTextLength);
  if (!words.ok()) {
    return RenderMyGoals(context, *person_id, GoalFormView("", "", {}),
                         std::make_pair(goal->id, words.status().detail()), InvalidStatusCode());
  }
  domain::GoalProgress progress;
  progress.goal_id = goal->id;
  progress.at = NowUtc();
  progress.words = *words;
  progress.by_person = true;
  Result<store::Id> added = context.services.store.AddGoalProgress(progress, context.actor);
  if (!added.ok()) return added.status();
  Redirect(context, "/me/goals?saved=progress#goal-" + std::to_string(goal->id));
  return Status::Ok();
}

Status CosignMyGoal(Context& context) {
  Result<store::Id> person_id = PersonOf(context);
  if (!person_id.ok()) return person_id.status();
  Result<domain::Goal> goal = GoalFor(context, Action::kSelfGoals, context.PathId(0));
  if (!goal.ok()) return goal.status();
  const domain::GoalVersion& latest = goal->latest();
  if (latest.authored_by_person || latest.cosigned_at) {
    return Status::Conflict("this goal is already yours or already co-signed");
  }
  domain::GoalVersion next = latest;
  next.version = latest.version + 1;
  next.cosigned_at = NowUtc();
  next.written_at = *next.cosigned_at;
  Result<int> revised = context.services.store.ReviseGoal(goal->id, next, context.actor);
  if (!revised.ok()) return revised.status();
  Redirect(context, "/me/goals?saved=cosigned#goal-" + std::to_string(goal->id));
  return Status::Ok();
}

// Notes about me: final notes only (a draft is still being written).
Status RenderMyContacts(Context& context, store::Id person_id,
                        std::optional<std::pair<store::Id, std::string>> annotation_error,
                        const std::string& typed, int status) {
  Status allowed = CheckPerson(context, Action::kReadPerson, person_id);
  if (!allowed.ok()) return allowed;
  store::ContactQuery query;
  query.person_id = person_id;
  query.status = domain::NoteStatus::kFinal;
  // Newest first, a page at a time; one extra row tells whether older ones exist.
  int offset = 0;
  if (context.request.has_param("offset")) {
    const std::string text = context.request.get_param_value("offset");
    if (text.empty() || text.size() > 6 ||
        text.find_first_not_of("0123456789") != std::string::npos) {
      return Status::InvalidArgument("offset", "must be a whole number");
    }
    offset = std::stoi(text);
  }
  query.page.limit = pages::kNotesPerPage + 1;
  query.page.offset = offset;
  Result<std::vector<store::ContactRow>> contacts = context.services.store.ListContacts(query);
  if (!contacts.ok()) return contacts.status();
  const bool has_older = contacts->size() > static_cast<size_t>(pages::kNotesPerPage);
  if (has_older) contacts->pop_back();
  std::map<store::Id, std::string> staff_names;
  ViewList views;
  for (const store::ContactRow& row : *contacts) {
    Result<View> view = ContactView(context, row, "you", staff_names);
    if (!view.ok()) return view.status();
    if (annotation_error && annotation_error->first == row.id) {
      view->at("annotation_error") = OptionalText(annotation_error->second);
      view->at("annotation_value") = typed;
    }
    views.push_back(ToValue(std::move(view).value()));
  }
  context.AuditAccess("contacts.read", "person", person_id, person_id, "ok", "notes about me");
  RenderPage(
      context, "my_contacts", "Notes about me",
      View{{"saved", SavedMessage(context.request)},
           {"csrf_token", context.Who().csrf_token},
           {"has_contacts", !views.empty()},
           {"contacts", views},
           {"older_offset", OptionalText(has_older ? std::to_string(offset + pages::kNotesPerPage)
                                                   : std::string())},
           {"newer_offset",
            OptionalText(offset > 0 ? std::to_string(std::max(0, offset - pages::kNotesPerPage))
                                    : std::string())}},
      status);
  return Status::Ok();
}

Status MyContacts(Context& context) {
  Result<store::Id> person_id = PersonOf(context);
  if (!person_id.ok()) return person_id.status();
  return RenderMyContacts(context, *person_id, std::nullopt, "", 200);
}

Status AnnotateMyContact(Context& context) {
  Result<store::Id> person_id = PersonOf(context);
  if (!person_id.ok()) return person_id.status();
  Result<domain::Contact> contact = ContactFor(context, Action::kAnnotate, context.PathId(0));
  if (!contact.ok()) return contact.status();
  if (contact->latest().status != domain::NoteStatus::kFinal) {
    return Status::Conflict("a note can be annotated once it is final");
  }
  Result<std::string> words = pages::RequiredText(context.request, "words", domain::kMaxTextLength);
  if (!words.ok()) {
    return RenderMyContacts(context, *person_id,
                            std::make_pair(contact->id, words.status().detail()),
                            Field(context.request, "words"), InvalidStatusCode());
  }
  store::Annotation annotation;
  annotation.contact_id = contact->id;
  annotation.person_id = *person_id;
  annotation.words = *words;
  annotation.at = NowUtc();
  Result<store::Id> added = context.services.store.AddAnnotation(annotation, context.actor);
  if (!added.ok()) return added.status();
  Redirect(context, "/me/contacts?saved=annotation#contact-" + std::to_string(contact->id));
  return Status::Ok();
}

// ---- supervisors ----

Status Supervision(Context& context) {
  const Principal& who = context.Who();
  const bool supervisor = who.HasRole(domain::Role::kSeniorPeerSupervisor) ||
                          who.HasRole(domain::Role::kClinicalSupervisor);
  if (!supervisor || !who.staff_id) {
    return Deny(context, "supervision.read", std::nullopt,
                Status::Forbidden("this page is for supervisors"));
  }
  store::Store& store = context.services.store;
  const Instant now = NowUtc();
  Result<std::vector<store::Id>> supervisees = store.SuperviseesOf(*who.staff_id);
  if (!supervisees.ok()) return supervisees.status();
  std::vector<store::Id> visible;
  for (store::Id supervisee : *supervisees) {
    if (context.services.policy.CheckSupervisee(who, Action::kReadSupervision, supervisee).ok()) {
      visible.push_back(supervisee);
    }
  }
  Result<std::vector<store::CaseloadRow>> caseloads = store.Caseloads(std::nullopt, now);
  if (!caseloads.ok()) return caseloads.status();
  std::map<store::Id, std::string> worker_names;
  ViewList supervisee_views;
  for (const store::CaseloadRow& row : *caseloads) {
    if (std::find(visible.begin(), visible.end(), row.worker.id) == visible.end()) continue;
    worker_names[row.worker.id] = row.worker.display_name;
    supervisee_views.push_back(View{{"name", row.worker.display_name},
                                    {"role", RoleLabel(row.worker.role)},
                                    {"people", std::to_string(row.people)},
                                    {"contacts", std::to_string(row.contacts_last_28_days)},
                                    {"drafts", std::to_string(row.drafts)}});
  }
  ViewList overdue_views, recent_views;
  if (!visible.empty()) {
    store::ContactQuery overdue_query;
    overdue_query.worker_ids = visible;
    overdue_query.status = domain::NoteStatus::kDraft;
    overdue_query.until = now - pages::kDocumentationDeadlineHours * 3600;
    overdue_query.oldest_first = true;
    overdue_query.page.limit = kListLimit;
    Result<std::vector<store::ContactRow>> overdue = store.ListContacts(overdue_query);
    if (!overdue.ok()) return overdue.status();
    for (const store::ContactRow& row : *overdue) {
      Result<std::string> worker_name = StaffName(context, row.worker_id, worker_names);
      if (!worker_name.ok()) return worker_name.status();
      overdue_views.push_back(View{{"worker_name", *worker_name},
                                   {"person_id", std::to_string(row.person_id)},
                                   {"person_name", row.person_name},
                                   {"when", FormatReadable(row.latest.start)},
                                   {"age", DaysAgo(row.latest.start, now)}});
    }
    store::ContactQuery recent_query;
    recent_query.worker_ids = visible;
    recent_query.from = now - pages::kRecentContactDays * kSecondsPerDay;
    recent_query.page.limit = 50;
    Result<std::vector<store::ContactRow>> recent = store.ListContacts(recent_query);
    if (!recent.ok()) return recent.status();
    const domain::ActivityCatalog& catalog = domain::ActivityCatalog::Default();
    for (const store::ContactRow& row : *recent) {
      Result<std::string> worker_name = StaffName(context, row.worker_id, worker_names);
      if (!worker_name.ok()) return worker_name.status();
      bool drift = false;
      for (const std::string& code : row.latest.activities) {
        const domain::Activity* activity = catalog.Find(code);
        drift = drift || (activity && activity->scope == domain::ActivityScope::kClinicalOnly);
      }
      recent_views.push_back(
          View{{"when", FormatReadable(row.latest.start)},
               {"worker_name", *worker_name},
               {"person_id", std::to_string(row.person_id)},
               {"person_name", row.person_name},
               {"minutes", std::to_string((row.latest.end - row.latest.start) / 60)},
               {"status",
                std::string(row.latest.status == domain::NoteStatus::kDraft ? "Draft" : "Final")},
               {"drift", drift}});
    }
  }
  context.AuditAccess("supervision.read", "staff", *who.staff_id, std::nullopt, "ok",
                      "supervision page");
  RenderPage(context, "supervision", "Supervision",
             View{{"deadline_hours", std::to_string(pages::kDocumentationDeadlineHours)},
                  {"recent_days", std::to_string(pages::kRecentContactDays)},
                  {"has_supervisees", !supervisee_views.empty()},
                  {"supervisees", supervisee_views},
                  {"has_overdue", !overdue_views.empty()},
                  {"overdue", overdue_views},
                  {"has_recent", !recent_views.empty()},
                  {"recent", recent_views}});
  return Status::Ok();
}

// ---- program ----

// A bar's length class, bar-0 .. bar-20 (5% steps): no inline styles.
std::string BarStep(std::int64_t value, std::int64_t max) {
  if (max <= 0 || value <= 0) return "0";
  return std::to_string(std::max<std::int64_t>(1, (value * 20 + max / 2) / max));
}

Status Program(Context& context) {
  const Principal& who = context.Who();
  Status allowed = context.services.policy.Check(who, Action::kReadProgramAggregates);
  if (!allowed.ok()) return Deny(context, "program.read", std::nullopt, allowed);
  const bool evaluator = who.HasRole(domain::Role::kEvaluator);
  store::Store& store = context.services.store;
  const Instant now = NowUtc();

  Result<store::ProgramSummary> summary = store.Summary();
  if (!summary.ok()) return summary.status();
  Result<std::vector<domain::Team>> teams = store.ListTeams();
  if (!teams.ok()) return teams.status();
  Result<std::vector<store::CaseloadRow>> caseloads = store.Caseloads(std::nullopt, now);
  if (!caseloads.ok()) return caseloads.status();
  const Day this_week = WeekStart(DayOf(now));
  Result<std::vector<store::WeeklyCount>> weeks =
      store.ContactsPerWeek(StartOfDay(this_week - 7 * (pages::kWeeksShown - 1)), now);
  if (!weeks.ok()) return weeks.status();

  struct TeamTotals {
    std::int64_t workers = 0, people = 0, contacts = 0, drafts = 0;
  };
  std::map<store::Id, TeamTotals> totals;
  std::map<store::Id, std::string> team_names;
  for (const domain::Team& team : *teams) team_names[team.id] = team.name;
  std::int64_t max_people = 0;
  for (const store::CaseloadRow& row : *caseloads) {
    TeamTotals& team = totals[row.worker.team_id];
    team.workers += 1;
    team.people += row.people;
    team.contacts += row.contacts_last_28_days;
    team.drafts += row.drafts;
    max_people = std::max(max_people, row.people);
  }
  ViewList team_views;
  for (const domain::Team& team : *teams) {
    const TeamTotals& team_totals = totals[team.id];
    team_views.push_back(View{{"name", team.name},
                              {"setting", TeamSettingLabel(team.setting)},
                              {"workers", std::to_string(team_totals.workers)},
                              {"people", std::to_string(team_totals.people)},
                              {"contacts", std::to_string(team_totals.contacts)},
                              {"drafts", std::to_string(team_totals.drafts)}});
  }
  ViewList worker_views;
  if (!evaluator) {
    for (const store::CaseloadRow& row : *caseloads) {
      worker_views.push_back(View{{"name", row.worker.display_name},
                                  {"role", RoleLabel(row.worker.role)},
                                  {"team", team_names[row.worker.team_id]},
                                  {"people", std::to_string(row.people)},
                                  {"bar", BarStep(row.people, max_people)},
                                  {"contacts", std::to_string(row.contacts_last_28_days)},
                                  {"drafts", std::to_string(row.drafts)}});
    }
  }
  std::int64_t max_week = 0;
  for (const store::WeeklyCount& week : *weeks) max_week = std::max(max_week, week.contacts);
  ViewList week_views;
  for (const store::WeeklyCount& week : *weeks) {
    week_views.push_back(View{{"week", FormatReadableDay(week.week_start)},
                              {"contacts", std::to_string(week.contacts)},
                              {"bar", BarStep(week.contacts, max_week)}});
  }
  context.AuditAccess("program.read", "program", 0, std::nullopt, "ok",
                      evaluator ? "aggregates, no names" : "aggregates");
  RenderPage(context, "program", "Program",
             View{{"evaluator", evaluator},
                  {"summary_teams", std::to_string(summary->teams)},
                  {"summary_workers", std::to_string(summary->peer_workers)},
                  {"summary_people", std::to_string(summary->people_served)},
                  {"summary_contacts", std::to_string(summary->contacts)},
                  {"teams", team_views},
                  {"workers", worker_views},
                  {"weeks_shown", std::to_string(pages::kWeeksShown)},
                  {"weeks", week_views}});
  return Status::Ok();
}

// ---- the administrator, and roles with no pages of their own yet ----

Status Admin(Context& context) {
  if (!context.Who().HasRole(domain::Role::kAdministrator)) {
    return Deny(context, "admin.read", std::nullopt,
                Status::Forbidden("this page is for administrators"));
  }
  // The administrator keeps the audit log honest: its chain is checked on
  // every visit, and the latest entries are shown (ids, never names).
  Result<store::AuditVerification> verified = context.services.store.VerifyAudit();
  if (!verified.ok()) return verified.status();
  Result<std::vector<store::AuditEntry>> tail =
      context.services.store.AuditTail(pages::kAuditEntriesShown);
  if (!tail.ok()) return tail.status();
  ViewList entries;
  for (const store::AuditEntry& entry : *tail) {
    entries.push_back(View{{"seq", std::to_string(entry.seq)},
                           {"when", FormatReadable(entry.at)},
                           {"who", entry.actor},
                           {"action", entry.action},
                           {"outcome", entry.outcome},
                           {"address", entry.address}});
  }
  RenderPage(context, "admin", "Administration",
             View{{"intact", verified->intact},
                  {"rows_checked", std::to_string(verified->rows_checked)},
                  {"first_bad_row", std::to_string(verified->first_bad_seq.value_or(0))},
                  {"problem", verified->problem},
                  {"shown", std::to_string(tail->size())},
                  {"entries", entries}});
  return Status::Ok();
}

Status Welcome(Context& context) {
  ViewList paragraphs{
      View{{"text", std::string("There are no pages for your role yet. Records are shared with "
                                "clinicians only where the person has consented; that part of "
                                "Alongside is still to come.")}}};
  RenderPage(context, "simple", "Welcome", View{{"paragraphs", paragraphs}});
  return Status::Ok();
}

Route Page(std::string method, std::string path, RouteAccess access, Handler handler,
           std::string summary) {
  Route route;
  route.method = std::move(method);
  route.path = std::move(path);
  route.kind = RouteKind::kPage;
  route.access = access;
  route.handler = std::move(handler);
  route.summary = std::move(summary);
  return route;
}

}  // namespace

void AddPageRoutes(Router& router) {
  constexpr RouteAccess kPublic = RouteAccess::kPublic;
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  pages::CheckPageTemplates();
  router.SetPageErrorRenderer(pages::RenderErrorPage);

  router.Add(Page("GET", "/", kPublic, Home, "Redirects to the signed-in user's home, or /login"));
  router.Add(Page("GET", "/static/app.css", kPublic, StyleSheet, "The stylesheet"));
  router.Add(Page("GET", "/login", kPublic, ShowLogin, "The sign-in form"));
  router.Add(Page("POST", "/login", kPublic, SubmitLogin, "Signs in; redirects by role"));
  router.Add(Page("POST", "/logout", kSignedIn, SignOut, "Signs out"));

  // Peer workers.
  router.Add(Page("GET", "/today", kSignedIn, Today, "People to see, drafts, goals due"));
  router.Add(Page("GET", "/caseload", kSignedIn, Caseload, "The people I walk alongside"));
  router.Add(Page("GET", "/people/{id}", kSignedIn, ShowPerson, "One person's record"));
  router.Add(Page("POST", "/people/{id}/goals", kSignedIn, AddGoalWithPerson,
                  "A goal written with the person, in their words"));
  router.Add(Page("GET", "/contacts/new", kSignedIn, NewContact, "The contact form"));
  router.Add(Page("POST", "/contacts", kSignedIn, RecordContact, "Records a contact"));
  router.Add(Page("GET", "/contacts/{id}/edit", kSignedIn, EditContact,
                  "Edit a draft, or the amendment form of a final note"));
  router.Add(
      Page("POST", "/contacts/{id}/edit", kSignedIn, ReviseDraft, "Saves a new draft version"));
  router.Add(Page("POST", "/contacts/{id}/finalise", kSignedIn, FinaliseContact,
                  "Signs a draft as final"));
  router.Add(Page("POST", "/contacts/{id}/amend", kSignedIn, AmendContact,
                  "Amends a final note with a reason"));

  // People served.
  router.Add(Page("GET", "/me", kSignedIn, Me, "My record"));
  router.Add(Page("GET", "/me/goals", kSignedIn, MyGoals, "My goals"));
  router.Add(Page("POST", "/me/goals", kSignedIn, AddMyGoal, "Adds my goal"));
  router.Add(Page("POST", "/me/goals/{id}/progress", kSignedIn, AddMyProgress,
                  "Adds progress on my goal"));
  router.Add(Page("POST", "/me/goals/{id}/cosign", kSignedIn, CosignMyGoal,
                  "Co-signs a goal written with me"));
  router.Add(Page("GET", "/me/contacts", kSignedIn, MyContacts, "Notes about me"));
  router.Add(Page("POST", "/me/contacts/{id}/annotations", kSignedIn, AnnotateMyContact,
                  "Adds my annotation beside a note"));

  // Supervisors, program, other roles.
  router.Add(Page("GET", "/supervision", kSignedIn, Supervision,
                  "Supervisees, recent contacts, drafts past the deadline"));
  router.Add(Page("GET", "/program", kSignedIn, Program, "Program aggregates"));
  router.Add(Page("GET", "/admin", kSignedIn, Admin, "Administrator's page"));
  router.Add(Page("GET", "/welcome", kSignedIn, Welcome, "Home of roles with no pages yet"));
}

}  // namespace alongside::server
