// A supervisor's pages: what needs attention first, per supervisee (drafts
// past the documentation deadline, role drift, supervision due), each
// supervisee's work paged and counted, and the form that records a
// supervision session. Everything is decided by the use cases
// (usecase::OverseeSupervisees, OverseeSupervisee, SuperviseeToSupervise,
// RecordSupervision); one template, supervision.mustache, has a section for
// each page.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/rules.h"
#include "rules/rules.h"
#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/page_rules.h"
#include "server/pages/page_view.h"
#include "server/pages/record_views.h"
#include "usecase/fidelity.h"
#include "usecase/practice.h"
#include "usecase/safety.h"
#include "usecase/staff.h"

namespace alongside::server::pages {
namespace {

using domain::SupervisionFocus;
using domain::SupervisionKind;

// Each list of a supervisee's page (drafts past the deadline, recent
// contacts, role drift) shows this many at a time.
constexpr int kSupervisionListPage = 10;
// The session form offers the supervisee's records of the last kDiscussDays
// days to tick as discussed, at most kDiscussShown of each kind.
constexpr int kDiscussDays = 28;
constexpr int kDiscussShown = 5;
// Fidelity scores: the last 12 months (the use case's default period) and
// this shorter period beside them; the trend charts cover the last
// kTrendMonths complete months (the current month, counted only so far,
// would plunge or leap on a few days' practice: it is in the table only).
constexpr int kFidelityRecentDays = 90;
constexpr int kTrendMonths = 12;

constexpr SupervisionKind kKinds[] = {SupervisionKind::kPeerPractice, SupervisionKind::kClinical};
constexpr SupervisionFocus kFoci[] = {
    SupervisionFocus::kRoleFidelity,       SupervisionFocus::kSelfDisclosure,
    SupervisionFocus::kReflectivePractice, SupervisionFocus::kSafetyProtocols,
    SupervisionFocus::kDocumentation,      SupervisionFocus::kTeamIntegration,
    SupervisionFocus::kWellbeing};

// "1 draft", "3 drafts".
std::string Count(std::int64_t count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string WorkerPath(store::Id worker_id) {
  return "/supervision/workers/" + std::to_string(worker_id);
}

// A page offset from the query (`name`), 0 when absent.
Result<int> OffsetParam(const httplib::Request& request, const std::string& name) {
  if (Field(request, name).empty()) return 0;
  return CountField(request, name);
}

// What needs attention about one supervisee, in words; empty when nothing.
ViewList AttentionItems(const usecase::SuperviseeAttention& entry, const usecase::Caller& caller) {
  const rules::Rules& rules = rules::Current();
  ViewList items;
  if (entry.drafts_past_deadline > 0) {
    items.push_back(View{{"text", Count(entry.drafts_past_deadline, "draft", "drafts") +
                                      " past the deadline"}});
  }
  if (entry.role_drift > 0) {
    items.push_back(View{{"text", Count(entry.role_drift, "contact", "contacts") +
                                      " outside peer scope"}});
  }
  if (entry.guardrails.open_drift_flags > 0) {
    items.push_back(View{{"text", Count(entry.guardrails.open_drift_flags, "open role-drift flag",
                                        "open role-drift flags")}});
  }
  if (entry.drift_flags_open_long > 0) {
    items.push_back(View{{"text", Count(entry.drift_flags_open_long, "role-drift flag",
                                        "role-drift flags") +
                                      " open more than " +
                                      std::to_string(entry.drift_alert_days) + " days"}});
  }
  if (entry.supervision_due) {
    std::string text = rules.Label(entry.kind) + " due: ";
    text += entry.last_supervision ? "last held with you " + DaysAgo(*entry.last_supervision, caller)
                                   : "none recorded with you";
    items.push_back(View{{"text", text}});
  }
  return items;
}

std::string LastSupervision(const usecase::SuperviseeAttention& entry,
                            const usecase::Caller& caller) {
  if (!entry.last_supervision) return "none recorded with you";
  return DaysAgo(*entry.last_supervision, caller);
}

// A supervisee's scores for the last 12 months and the last 90 days (rows
// of usecase::Fidelity by worker), when the caller may see them.
struct SuperviseeScores {
  const usecase::FidelityRow* year = nullptr;
  const usecase::FidelityRow* recent = nullptr;
};

// The scores that stand out for this supervisor: F and P for the senior
// peer supervisor, R for the clinical supervisor, below their threshold in
// either period.
void AddScoreAlerts(const usecase::SuperviseeAttention& entry, const SuperviseeScores& scores,
                    ViewList& items) {
  std::vector<domain::FidelityMeasure> measures =
      entry.kind == SupervisionKind::kClinical
          ? std::vector<domain::FidelityMeasure>{domain::FidelityMeasure::kR}
          : std::vector<domain::FidelityMeasure>{domain::FidelityMeasure::kF,
                                                 domain::FidelityMeasure::kP};
  for (domain::FidelityMeasure measure : measures) {
    for (const auto& [row, period] : {std::pair{scores.year, "last 12 months"},
                                      std::pair{scores.recent, "last 90 days"}}) {
      if (row == nullptr) continue;
      const domain::MeasureScore& score = row->scores[measure];
      if (!score.value || score.met) continue;
      items.push_back(
          View{{"text", FidelityScoreText(score) + " (" + std::string(period) + ")"}});
    }
  }
}

View SuperviseeView(const usecase::SuperviseeAttention& entry, const usecase::Caller& caller,
                    const SuperviseeScores& scores = {}) {
  const rules::Rules& rules = rules::Current();
  const domain::Staff& worker = entry.caseload.worker;
  ViewList items = AttentionItems(entry, caller);
  AddScoreAlerts(entry, scores, items);
  // Each score folds out to its components' counts (FidelityScoresView's
  // measures: text and components).
  ViewList score_items =
      scores.year == nullptr
          ? ViewList()
          : ViewList(FidelityScoresView(scores.year->counts, scores.year->scores)
                         .at("measures")
                         .list_value());
  View view{{"id", std::to_string(worker.id)},
            {"href", WorkerPath(worker.id)},
            {"name", worker.display_name},
            {"role", rules.Label(worker.role)},
            {"people", std::to_string(entry.caseload.people)},
            {"contacts", std::to_string(entry.caseload.contacts_last_28_days)},
            {"drafts", std::to_string(entry.caseload.drafts)},
            {"kind", rules.Label(entry.kind)},
            {"due_after_days", std::to_string(entry.due_after_days)},
            {"last_supervision", LastSupervision(entry, caller)},
            {"open_drift_flags", std::to_string(entry.guardrails.open_drift_flags)},
            {"kept_flagged_notes", std::to_string(entry.guardrails.kept_flagged_notes)},
            {"advice_requests", std::to_string(entry.guardrails.advice_requests)},
            {"boundary_events", std::to_string(entry.guardrails.boundary_events)},
            {"needs_attention", !items.empty()},
            {"fidelity_href", FidelityHref(usecase::FidelityUnit::kWorker, worker.id)},
            {"has_scores", !score_items.empty()}};
  view.emplace("attention", std::move(items));
  view.emplace("scores", std::move(score_items));
  return view;
}

Status Supervision(Context& context) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::SupervisorOverview overview,
      usecase::OverseeSupervisees(context.UseCases(), caller, kRecentContactDays));
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::SafetyQueue safety,
                             usecase::OversightQueue(context.UseCases(), caller));
  // Two reads of the scores for all of the caller's supervisees at once.
  usecase::FidelityRequest year_request;
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::FidelityReport year,
                             usecase::Fidelity(context.UseCases(), caller, year_request));
  usecase::FidelityRequest recent_request;
  recent_request.from = caller.today() - (kFidelityRecentDays - 1);
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::FidelityReport recent,
                             usecase::Fidelity(context.UseCases(), caller, recent_request));
  std::map<store::Id, SuperviseeScores> scores;
  for (const usecase::FidelityRow& row : year.rows) scores[row.id].year = &row;
  for (const usecase::FidelityRow& row : recent.rows) scores[row.id].recent = &row;
  ViewList attention, settled;
  for (const usecase::SuperviseeAttention& entry : overview.supervisees) {
    View view = SuperviseeView(entry, caller, scores[entry.caseload.worker.id]);
    const bool needs = view.find("needs_attention")->second.is_true();
    (needs ? attention : settled).push_back(std::move(view));
  }
  View page{{"deadline_hours", std::to_string(overview.deadline_hours)},
            {"recent_days", std::to_string(overview.recent_days)},
            {"supervisee_count", Count(static_cast<std::int64_t>(overview.supervisees.size()),
                                       "supervisee", "supervisees")},
            {"drafts_past_deadline",
             Count(overview.drafts_past_deadline, "draft", "drafts") + " past the deadline"},
            {"role_drift", Count(overview.role_drift, "contact", "contacts") +
                               " outside peer scope"},
            {"supervision_due", Count(overview.supervision_due, "supervisee", "supervisees") +
                                    " due supervision"},
            {"open_drift_flags", Count(overview.open_drift_flags, "open role-drift flag",
                                       "open role-drift flags")},
            {"kept_flagged_notes",
             Count(overview.kept_flagged_notes, "final note keeps", "final notes keep") +
                 " words the review marked"},
            {"safety_line", "Safety events to review: " + std::to_string(safety.events.size()) +
                                ", " + std::to_string(safety.overdue) +
                                " past the review time"},
            {"has_supervisees", !overview.supervisees.empty()},
            {"has_attention", !attention.empty()},
            {"has_settled", !settled.empty()}};
  page.emplace("attention_list", std::move(attention));
  page.emplace("settled_list", std::move(settled));
  RenderPage(context, "supervision", "Supervision", View{{"overview", ToValue(std::move(page))}});
  return Status::Ok();
}

View ContactView(const usecase::RecentContact& contact, const usecase::Caller& caller) {
  const rules::Rules& rules = rules::Current();
  const domain::ContactVersion& latest = contact.row.latest;
  ViewList drift_activities;
  for (const std::string& code :
       domain::ClinicalOnlyActivities(latest, domain::ActivityCatalog::Default())) {
    const domain::Activity* activity = rules.activities().Find(code);
    drift_activities.push_back(View{{"label", activity ? activity->label : code}});
  }
  View view{{"when", FormatReadable(latest.start, caller.zone)},
            {"age", DaysAgo(latest.start, caller)},
            {"person_id", std::to_string(contact.row.person_id)},
            {"person_name", contact.row.person_name},
            {"minutes", std::to_string((latest.end - latest.start) / 60)},
            {"status", rules.Label(latest.status)},
            {"drift", contact.role_drift}};
  view.emplace("drift_activities", std::move(drift_activities));
  return view;
}

// "12 drafts past the deadline, 1 to 20 shown" and the links to the pages
// before and after, which keep the other list's place.
View PagedList(std::int64_t total, int offset, size_t shown, int page_size,
               const std::string& one, const std::string& many, const std::string& param,
               const std::string& other_param, int other_offset, const std::string& anchor,
               const std::string& previous_label, const std::string& next_label) {
  View view{{"count", Count(total, one, many)},
            {"previous_label", previous_label},
            {"next_label", next_label}};
  if (shown > 0 && static_cast<std::int64_t>(shown) < total) {
    view.emplace("range", std::to_string(offset + 1) + " to " +
                              std::to_string(offset + static_cast<int>(shown)) + " shown");
  }
  auto link = [&](int to) {
    std::string href = "?" + param + "=" + std::to_string(to);
    if (other_offset > 0) href += "&" + other_param + "=" + std::to_string(other_offset);
    return href + "#" + anchor;
  };
  if (offset > 0) view.emplace("previous_href", link(std::max(0, offset - page_size)));
  if (offset + static_cast<std::int64_t>(shown) < total) {
    view.emplace("next_href", link(offset + page_size));
  }
  return view;
}

// A person's name from the use case's names, "someone" if not given.
std::string PersonName(const store::DisplayNames& names, store::Id person_id) {
  for (const auto& [id, name] : names.people) {
    if (id == person_id) return name;
  }
  return "someone";
}

// What raised a flag, in words: the activity's label, or the kind of
// phrase the review found.
std::string DriftReasonWords(const domain::DriftFlag& flag) {
  if (flag.source == domain::DriftSource::kActivity) {
    const domain::Activity* activity = rules::Current().activities().Find(flag.code);
    return "Recorded: " + (activity ? activity->label : flag.code);
  }
  return "Scope language kept in the note (review rule " + flag.code + ")";
}

// Why a resolution was not saved, from the code ResolveDrift sends back.
std::string DriftProblem(const std::string& code) {
  if (code == "note") return "Write a short note to explain it.";
  if (code == "session") return "Choose the supervision session where you discussed it.";
  if (code == "resolved") return "It was already resolved.";
  return "Choose how it was resolved.";
}

// The open role-drift flags with a form to resolve each; the supervision
// sessions held with the worker are the ones a flag may be discussed in.
ViewValue DriftFlagsView(Context& context, const usecase::SuperviseeWork& work,
                         const usecase::Caller& caller) {
  const domain::Staff& worker = work.attention.caseload.worker;
  const std::string unresolved = Field(context.request, "unresolved");
  ViewList sessions;
  for (const domain::SupervisionSession& session : work.sessions) {
    sessions.push_back(View{{"id", std::to_string(session.id)},
                            {"label", FormatReadable(session.held_at, caller.zone) + ", " +
                                          rules::Current().Label(session.kind)}});
  }
  ViewList flags;
  for (const domain::DriftFlag& flag : work.open_drift) {
    const std::string id = std::to_string(flag.id);
    View item{{"id", id},
              {"action", WorkerPath(worker.id) + "/drift/" + id},
              {"person_id", std::to_string(flag.person_id)},
              {"person_name", PersonName(work.names, flag.person_id)},
              {"reason", DriftReasonWords(flag)},
              {"raised", DaysAgo(flag.raised_at, caller)},
              {"has_sessions", !sessions.empty()},
              {"sessions", sessions},
              {"csrf_token", context.Who().csrf_token}};
    if (unresolved == id) {
      item.emplace("problem", DriftProblem(Field(context.request, "problem")));
    }
    flags.push_back(std::move(item));
  }
  return ToValue(View{{"count", Count(work.attention.guardrails.open_drift_flags,
                                      "open flag", "open flags")},
                      {"has_flags", !flags.empty()},
                      {"flags", flags},
                      {"kept_flagged_notes", std::to_string(
                                                 work.attention.guardrails.kept_flagged_notes)}});
}

// The latest boundary moments: what happened, the guidance, the decision.
ViewValue BoundaryView(const usecase::SuperviseeWork& work, const usecase::Caller& caller) {
  const rules::Rules& rules = rules::Current();
  ViewList events;
  for (const domain::BoundaryRecord& record : work.boundary) {
    events.push_back(View{{"person_id", std::to_string(record.person_id)},
                          {"person_name", PersonName(work.names, record.person_id)},
                          {"when", DaysAgo(record.recorded_at, caller)},
                          {"kind", rules.Label(record.event.kind)},
                          {"guidance", rules.Label(record.guidance)},
                          {"decision", rules.Label(record.decision)},
                          {"differs", record.guidance != record.decision},
                          {"conversation", OptionalText(record.conversation)},
                          {"consulted", record.supervisor_consulted},
                          {"consultation", OptionalText(record.consultation)}});
  }
  return ToValue(View{{"count", Count(work.attention.guardrails.boundary_events, "moment",
                                      "moments")},
                      {"advice", Count(work.attention.guardrails.advice_requests,
                                       "request for advice", "requests for advice")},
                      {"has_events", !events.empty()},
                      {"events", events}});
}

// A record a session discussed, in words, with a link where it has a page.
View LinkView(const domain::SupervisionLink& link) {
  const std::string id = std::to_string(link.id);
  switch (link.subject) {
    case domain::SupervisionSubject::kContact:
      return View{{"label", "Contact " + id}, {"href", "/contacts/" + id}};
    case domain::SupervisionSubject::kDriftFlag:
      return View{{"label", "Role-drift flag " + id}, {"href", false}};
    case domain::SupervisionSubject::kBoundaryEvent:
      return View{{"label", "Boundary moment " + id}, {"href", false}};
    case domain::SupervisionSubject::kAdviceRequest:
      return View{{"label", "Request for advice " + id}, {"href", false}};
    case domain::SupervisionSubject::kSafetyEvent:
      return View{{"label", "Safety event " + id}, {"href", "/safety/" + id}};
  }
  return View{{"label", id}, {"href", false}};
}

Status Supervisee(Context& context) {
  const usecase::Caller caller = context.Caller();
  usecase::SuperviseeWorkInput input;
  input.worker_id = context.PathId();
  input.recent_days = kRecentContactDays;
  input.page_size = kSupervisionListPage;
  ALONGSIDE_ASSIGN_OR_RETURN(input.past_deadline_offset,
                             OffsetParam(context.request, "late_from"));
  ALONGSIDE_ASSIGN_OR_RETURN(input.recent_offset, OffsetParam(context.request, "recent_from"));
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::SuperviseeWork work,
                             usecase::OverseeSupervisee(context.UseCases(), caller, input));
  const rules::Rules& rules = rules::Current();
  const usecase::SuperviseeAttention& attention = work.attention;
  const domain::Staff& worker = attention.caseload.worker;

  ViewList late, drifted, recent, sessions;
  for (const auto& contact : work.past_deadline) {
    late.push_back(ContactView(contact, caller));
  }
  for (const auto& contact : work.drifted) {
    drifted.push_back(ContactView(contact, caller));
  }
  for (const auto& contact : work.recent) {
    recent.push_back(ContactView(contact, caller));
  }
  for (const domain::SupervisionSession& session : work.sessions) {
    std::string focus;
    for (SupervisionFocus item : session.focus) {
      focus += (focus.empty() ? "" : ", ") + rules.Label(item);
    }
    ViewList discussed;
    for (const domain::SupervisionLink& link : session.discussed) discussed.push_back(LinkView(link));
    View item{{"id", std::to_string(session.id)},
              {"when", FormatReadable(session.held_at, caller.zone)},
              {"kind", rules.Label(session.kind)},
              {"minutes", std::to_string(session.duration_minutes)},
              {"focus", OptionalText(focus)},
              {"structured", session.HasStructuredReflection()},
              {"reflected", !session.reflection.empty()},
              {"has_discussed", !discussed.empty()}};
    item.emplace("discussed", std::move(discussed));
    sessions.push_back(std::move(item));
  }
  View page = SuperviseeView(attention, caller);
  page.emplace("deadline_hours", std::to_string(work.deadline_hours));
  page.emplace("recent_days", std::to_string(work.recent_days));
  page.emplace("new_session_href", WorkerPath(worker.id) + "/sessions/new");
  page.emplace("late_list",
               ToValue(PagedList(attention.drafts_past_deadline, input.past_deadline_offset,
                                 late.size(), input.page_size, "draft", "drafts", "late_from",
                                 "recent_from", input.recent_offset, "late", "Older drafts",
                                 "Newer drafts")));
  page.emplace("recent_list",
               ToValue(PagedList(work.recent_total, input.recent_offset, recent.size(),
                                 input.page_size, "contact", "contacts", "recent_from",
                                 "late_from", input.past_deadline_offset, "recent",
                                 "Newer contacts", "Older contacts")));
  page.emplace("drift_count", Count(attention.role_drift, "contact", "contacts"));
  page.emplace("drift_shown",
               OptionalText(static_cast<std::int64_t>(drifted.size()) < attention.role_drift
                                ? std::to_string(drifted.size()) + " most recent shown"
                                : std::string()));
  page.emplace("has_late", !late.empty());
  page.emplace("has_drifted", !drifted.empty());
  page.emplace("has_recent", !recent.empty());
  page.emplace("has_sessions", !sessions.empty());
  page.emplace("late", std::move(late));
  page.emplace("drifted", std::move(drifted));
  page.emplace("recent", std::move(recent));
  page.emplace("sessions", std::move(sessions));
  page.emplace("drift_flags", DriftFlagsView(context, work, caller));
  page.emplace("boundary", BoundaryView(work, caller));
  View data{{"worker", ToValue(std::move(page))}};
  if (!Field(context.request, "resolved").empty()) {
    data.emplace("saved", std::string("The role-drift flag is resolved."));
  }
  if (Field(context.request, "saved") == "supervision") {
    data.emplace("saved", std::string("The supervision session is saved."));
  }
  RenderPage(context, "supervision", "Supervision: " + worker.display_name, std::move(data));
  return Status::Ok();
}

// The session form's fields as typed, and the mistakes found.
// The structured reflection's four parts: the field (the API's name too)
// and its label.
struct ReflectionPart {
  const char* name;
  const char* label;
  std::string domain::SupervisionSession::*text;
};
constexpr ReflectionPart kReflectionParts[] = {
    {"what_happened", "What happened", &domain::SupervisionSession::what_happened},
    {"what_i_felt", "What I felt", &domain::SupervisionSession::what_i_felt},
    {"what_i_learned", "What I learned", &domain::SupervisionSession::what_i_learned},
    {"what_i_will_do", "What I will do", &domain::SupervisionSession::what_i_will_do}};

// A discussed record as the form sends it: "<subject>:<id>".
std::string LinkValue(domain::SupervisionSubject subject, store::Id id) {
  return std::string(domain::Name(subject)) + ":" + std::to_string(id);
}

struct SessionForm {
  std::string kind, date, time, minutes, reflection;
  std::map<std::string, std::string> parts;  // by ReflectionPart::name
  std::set<std::string> focus;
  std::set<std::string> discussed;  // LinkValue
  std::map<std::string, std::string> errors;

  static SessionForm Read(const httplib::Request& request) {
    SessionForm form;
    form.kind = Field(request, "kind");
    form.date = TrimmedField(request, "date");
    form.time = TrimmedField(request, "time");
    form.minutes = TrimmedField(request, "minutes");
    form.reflection = Field(request, "reflection");
    for (const ReflectionPart& part : kReflectionParts) {
      form.parts[part.name] = TrimmedField(request, part.name);
    }
    for (const std::string& value : Fields(request, "focus")) form.focus.insert(value);
    for (const std::string& value : Fields(request, "discussed")) form.discussed.insert(value);
    return form;
  }
};

// The one place where a typed date and time become an instant: in the
// program's time zone (Caller::zone).
std::optional<Instant> ParseHeldAt(SessionForm& form, const TimeZone& zone) {
  Result<Day> day = ParseDay(form.date, "date");
  if (!day.ok()) form.errors["date"] = "Enter the date as year-month-day, like 2026-03-14.";
  Result<int> time = ParseTimeOfDay(form.time, "time");
  if (!time.ok()) form.errors["time"] = time.status().detail();
  if (!day.ok() || !time.ok()) return std::nullopt;
  Result<Instant> at = zone.At(*day, *time, "time");
  if (!at.ok()) {
    form.errors["time"] = AsSentence(at.status().detail());
    return std::nullopt;
  }
  return *at;
}

// The session the form describes; nullopt with form.errors set otherwise.
std::optional<domain::SupervisionSession> ParseSession(SessionForm& form, store::Id worker_id,
                                                       const TimeZone& zone) {
  form.errors.clear();
  domain::SupervisionSession session;
  session.supervisee_id = worker_id;
  Result<SupervisionKind> kind = domain::ParseSupervisionKind(form.kind, "kind");
  if (!kind.ok()) form.errors["kind"] = "Choose the kind of supervision.";
  std::optional<Instant> held_at = ParseHeldAt(form, zone);
  int minutes = 0;
  auto [end, error] =
      std::from_chars(form.minutes.data(), form.minutes.data() + form.minutes.size(), minutes);
  if (form.minutes.empty() || error != std::errc() ||
      end != form.minutes.data() + form.minutes.size()) {
    form.errors["minutes"] = "Enter the length in whole minutes.";
  }
  for (const std::string& name : form.focus) {
    Result<SupervisionFocus> focus = domain::ParseSupervisionFocus(name, "focus");
    if (!focus.ok()) {
      form.errors["focus"] = "Choose from the focus areas listed.";
      break;
    }
    session.focus.push_back(*focus);
  }
  for (const std::string& value : form.discussed) {
    const size_t colon = value.find(':');
    Result<domain::SupervisionSubject> subject = domain::ParseSupervisionSubject(
        value.substr(0, colon == std::string::npos ? 0 : colon), "discussed");
    store::Id id = 0;
    const char* first = value.data() + (colon == std::string::npos ? value.size() : colon + 1);
    const char* last = value.data() + value.size();
    auto [end_id, id_error] = std::from_chars(first, last, id);
    if (!subject.ok() || id_error != std::errc() || end_id != last || id <= 0) {
      form.errors["discussed"] = "Choose from the records listed.";
      break;
    }
    session.discussed.push_back(domain::SupervisionLink{*subject, id});
  }
  for (const ReflectionPart& part : kReflectionParts) session.*part.text = form.parts[part.name];
  if (!form.errors.empty()) return std::nullopt;
  session.kind = *kind;
  session.held_at = *held_at;
  session.duration_minutes = minutes;
  session.reflection = form.reflection;
  return session;
}

View FieldOf(const SessionForm& form, const std::string& name, const std::string& value) {
  return FieldView(form.errors, name, value);
}

struct FieldInfo {
  const char* name;
  const char* label;
  const char* target;  // the control the error summary links to
};
constexpr FieldInfo kFields[] = {{"kind", "Kind", "kind"},
                                 {"date", "Date", "date"},
                                 {"time", "Time", "time"},
                                 {"minutes", "Minutes", "minutes"},
                                 {"focus", "Focus", "focus"},
                                 {"what_happened", "What happened", "what_happened"},
                                 {"what_i_felt", "What I felt", "what_i_felt"},
                                 {"what_i_learned", "What I learned", "what_i_learned"},
                                 {"what_i_will_do", "What I will do", "what_i_will_do"},
                                 {"discussed", "What you discussed", "discussed"},
                                 {"reflection", "Other notes", "reflection"}};

// The supervisee's records of the last kDiscussDays days a session may
// discuss, as checkboxes: open drift flags, contacts with role drift,
// boundary moments, requests for advice and safety events (from
// usecase::OverseeSupervisee, which audits the read).
struct Discussable {
  std::string value, label;
};
Result<std::vector<Discussable>> DiscussableRecords(Context& context, store::Id worker_id) {
  const usecase::Caller caller = context.Caller();
  usecase::SuperviseeWorkInput input;
  input.worker_id = worker_id;
  input.recent_days = kDiscussDays;
  input.page_size = kDiscussShown;
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::SuperviseeWork work,
                             usecase::OverseeSupervisee(context.UseCases(), caller, input));
  const rules::Rules& rules = rules::Current();
  std::vector<Discussable> records;
  for (const domain::DriftFlag& flag : work.open_drift) {
    records.push_back({LinkValue(domain::SupervisionSubject::kDriftFlag, flag.id),
                       "Open role-drift flag: " + PersonName(work.names, flag.person_id) +
                           ", raised " + DaysAgo(flag.raised_at, caller) + " (" +
                           DriftReasonWords(flag) + ")"});
  }
  for (const usecase::RecentContact& contact : work.drifted) {
    records.push_back({LinkValue(domain::SupervisionSubject::kContact, contact.row.id),
                       "Contact with role drift: " + contact.row.person_name + ", " +
                           FormatReadable(contact.row.latest.start, caller.zone)});
  }
  for (const domain::BoundaryRecord& record : work.boundary) {
    if (record.recorded_at < caller.now - kDiscussDays * 86400) continue;
    records.push_back({LinkValue(domain::SupervisionSubject::kBoundaryEvent, record.id),
                       "Boundary moment: " + rules.Label(record.event.kind) + ", " +
                           PersonName(work.names, record.person_id) + ", " +
                           DaysAgo(record.recorded_at, caller)});
  }
  for (const domain::AdviceRequest& request : work.advice) {
    if (request.recorded_at < caller.now - kDiscussDays * 86400) continue;
    records.push_back({LinkValue(domain::SupervisionSubject::kAdviceRequest, request.id),
                       "Request for advice: " + PersonName(work.names, request.person_id) +
                           ", " + DaysAgo(request.recorded_at, caller)});
  }
  for (const domain::SafetyEvent& event : work.safety) {
    if (event.disclosed_at < caller.now - kDiscussDays * 86400) continue;
    records.push_back({LinkValue(domain::SupervisionSubject::kSafetyEvent, event.id),
                       "Safety event: " + rules.Label(event.kind) + ", " +
                           PersonName(work.names, event.person_id) + ", " +
                           DaysAgo(event.disclosed_at, caller)});
  }
  return records;
}

Status RenderSessionForm(Context& context, const usecase::Supervisee& supervisee,
                         const SessionForm& form, int status) {
  const rules::Rules& rules = rules::Current();
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<Discussable> records,
                             DiscussableRecords(context, supervisee.staff.id));
  ViewList kinds, foci, error_list, parts, discussable;
  for (const ReflectionPart& part : kReflectionParts) {
    auto typed = form.parts.find(part.name);
    View view = FieldOf(form, part.name, typed == form.parts.end() ? "" : typed->second);
    view.emplace("label", std::string(part.label));
    parts.push_back(std::move(view));
  }
  for (const Discussable& record : records) {
    std::string value_id = record.value;
    std::replace(value_id.begin(), value_id.end(), ':', '-');
    discussable.push_back(View{{"value", record.value},
                               {"value_id", value_id},
                               {"label", record.label},
                               {"checked", form.discussed.count(record.value) > 0}});
  }
  for (SupervisionKind kind : kKinds) {
    const std::string value(domain::Name(kind));
    kinds.push_back(
        View{{"value", value}, {"label", rules.Label(kind)}, {"checked", value == form.kind}});
  }
  for (SupervisionFocus focus : kFoci) {
    const std::string value(domain::Name(focus));
    foci.push_back(View{{"value", value},
                        {"label", rules.Label(focus)},
                        {"checked", form.focus.count(value) > 0}});
  }
  for (const FieldInfo& info : kFields) {
    auto found = form.errors.find(info.name);
    if (found == form.errors.end()) continue;
    error_list.push_back(View{{"target", std::string(info.target)},
                              {"label", std::string(info.label)},
                              {"message", found->second}});
  }
  View kind_view = FieldOf(form, "kind", form.kind);
  kind_view.emplace("options", std::move(kinds));
  View focus_view = FieldOf(form, "focus", "");
  focus_view.emplace("options", std::move(foci));
  const store::Id worker_id = supervisee.staff.id;
  View page{{"action", WorkerPath(worker_id) + "/sessions"},
            {"back_href", WorkerPath(worker_id)},
            {"worker_name", supervisee.staff.display_name},
            {"csrf_token", context.Who().csrf_token},
            {"zone", context.Caller().zone.name()},
            {"has_errors", !error_list.empty()},
            {"error_count_text", error_list.size() == 1
                                     ? std::string("1 thing")
                                     : std::to_string(error_list.size()) + " things"}};
  page.emplace("error_list", std::move(error_list));
  page.emplace("kind", ToValue(std::move(kind_view)));
  page.emplace("date", ToValue(FieldOf(form, "date", form.date)));
  page.emplace("time", ToValue(FieldOf(form, "time", form.time)));
  page.emplace("minutes", ToValue(FieldOf(form, "minutes", form.minutes)));
  page.emplace("focus", ToValue(std::move(focus_view)));
  page.emplace("reflection", ToValue(FieldOf(form, "reflection", form.reflection)));
  page.emplace("parts", std::move(parts));
  page.emplace("discussable", std::move(discussable));
  page.emplace("discuss_days", std::to_string(kDiscussDays));
  auto discussed_error = form.errors.find("discussed");
  page.emplace("discussed_error", OptionalText(discussed_error == form.errors.end()
                                                   ? std::string()
                                                   : discussed_error->second));
  RenderPage(context, "supervision",
             "Record supervision with " + supervisee.staff.display_name,
             View{{"session_form", ToValue(std::move(page))}}, status);
  return Status::Ok();
}

Status NewSession(Context& context) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::Supervisee supervisee,
      usecase::SuperviseeToSupervise(context.UseCases(), caller, context.PathId()));
  SessionForm form;
  form.kind = std::string(domain::Name(supervisee.kind));
  form.date = FormatDay(caller.today());
  form.time = FormatTimeOfDay(caller.now, caller.zone);
  form.minutes = supervisee.kind == SupervisionKind::kPeerPractice ? "60" : "45";
  return RenderSessionForm(context, supervisee, form, 200);
}

Status AddSession(Context& context) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::Supervisee supervisee,
      usecase::SuperviseeToSupervise(context.UseCases(), caller, context.PathId()));
  SessionForm form = SessionForm::Read(context.request);
  std::optional<domain::SupervisionSession> session =
      ParseSession(form, supervisee.staff.id, caller.zone);
  if (session) {
    Result<domain::SupervisionSession> recorded =
        usecase::RecordSupervision(context.UseCases(), caller, *session);
    if (recorded.ok()) {
      Redirect(context, WorkerPath(supervisee.staff.id) + "?saved=supervision#sessions");
      return Status::Ok();
    }
    // The use case's rules, beside their fields (held_at is the date).
    const Status& status = recorded.status();
    if (status.code() != StatusCode::kInvalidArgument) return status;
    std::string field = status.field() == "held_at"            ? "date"
                        : status.field() == "duration_minutes" ? "minutes"
                                                               : status.field();
    bool known = false;
    for (const FieldInfo& info : kFields) known = known || field == info.name;
    if (!known) return status;
    form.errors[field] = AsSentence(status.detail());
  }
  return RenderSessionForm(context, supervisee, form, InvalidStatusCode());
}


// ---- Fidelity (docs/fidelity.md): scores beside their components, and one
// unit's 12-month trend as inline SVG with its numbers in a table.

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// A point marker's path, a distinct shape per measure: F a circle, R a
// square, P a triangle (readable without colour).
std::string MarkerPath(domain::FidelityMeasure measure, double x, double y) {
  switch (measure) {
    case domain::FidelityMeasure::kF:
      return "M" + Number(x - 4) + " " + Number(y) + "a4 4 0 1 0 8 0a4 4 0 1 0 -8 0Z";
    case domain::FidelityMeasure::kR:
      return "M" + Number(x - 4) + " " + Number(y - 4) + "h8v8h-8Z";
    case domain::FidelityMeasure::kP:
      return "M" + Number(x) + " " + Number(y - 5) + "L" + Number(x + 5) + " " + Number(y + 4) +
             "L" + Number(x - 5) + " " + Number(y + 4) + "Z";
  }
  return "";
}

// One measure's chart: a line with markers over the months, the threshold
// dashed, the months and the last value labelled directly.
View TrendChart(domain::FidelityMeasure measure, const std::vector<usecase::FidelityMonth>& trend,
                const std::string& unit_name) {
  constexpr double kLeft = 34, kRight = 290, kTop = 14, kBottom = 150;
  const size_t count = trend.size();
  auto x_of = [&](size_t idx) {
    return count <= 1 ? kLeft : kLeft + (kRight - kLeft) * static_cast<double>(idx) /
                                            static_cast<double>(count - 1);
  };
  auto y_of = [&](double value) { return kBottom - (kBottom - kTop) * value; };
  std::string line;
  bool pen_down = false;
  ViewList markers;
  std::optional<double> last_value;
  double last_x = kLeft, last_y = kBottom;
  double threshold = 0;
  for (size_t idx = 0; idx < count; ++idx) {
    const domain::MeasureScore& score = trend[idx].scores[measure];
    threshold = score.threshold;
    if (!score.value) {
      pen_down = false;
      continue;
    }
    const double x = x_of(idx), y = y_of(*score.value);
    line += (pen_down ? "L" : "M") + Number(x) + " " + Number(y);
    pen_down = true;
    markers.push_back(View{{"d", MarkerPath(measure, x, y)}});
    last_value = score.value;
    last_x = x;
    last_y = y;
  }
  const std::string letter(domain::Name(measure));
  const std::string name = FidelityMeasureName(measure);
  char threshold_text[16];
  std::snprintf(threshold_text, sizeof threshold_text, "%.2f", threshold);
  char last_text[16] = "";
  if (last_value) std::snprintf(last_text, sizeof last_text, "%.2f", *last_value);
  View view{{"id", "trend-" + letter},
            {"title", name + " (" + letter + ") of " + unit_name + " by month, last " +
                          std::to_string(count) + " months, against the threshold " +
                          threshold_text + (last_value ? std::string(", latest ") + last_text
                                                       : std::string(", no score yet"))},
            {"name", name},
            {"letter", letter},
            {"line", OptionalText(line)},
            {"threshold_y", Number(y_of(threshold))},
            {"threshold_label_y", Number(y_of(threshold) - 4)},
            {"threshold_text", std::string("threshold ") + threshold_text},
            {"left", Number(kLeft)},
            {"right", Number(kRight)},
            {"bottom", Number(kBottom)},
            {"top", Number(kTop)},
            {"mid_y", Number(y_of(0.5))},
            {"has_last", last_value.has_value()},
            {"last_x", Number(last_x + 8)},
            {"last_y", Number(last_y + 4)},
            {"last_text", letter + " " + last_text},
            {"first_month", count ? ReadableMonth(trend.front().from) : std::string()},
            {"last_month", count ? ReadableMonth(trend.back().from) : std::string()}};
  view.emplace("markers", std::move(markers));
  return view;
}

std::string ScoreCell(const domain::MeasureScore& score) {
  if (!score.value) return "—";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", *score.value);
  return std::string(buffer) + (score.met ? "" : " (below)");
}

View FidelityRowView(const usecase::FidelityRow& row) {
  View view = FidelityScoresView(row.counts, row.scores);
  view.emplace("name", row.name);
  view.emplace("href", FidelityHref(row.unit, row.id));
  view.emplace("workers", std::to_string(row.workers));
  return view;
}

// /fidelity?by=worker|team|program&id=N: the scores of the last 12 months
// and the last 90 days with their components, and, for one unit, the
// monthly trend. Who sees which unit is the use case's (and the policy's).
Status FidelityPage(Context& context) {
  const usecase::Caller caller = context.Caller();
  usecase::FidelityRequest request;
  const std::string by = Field(context.request, "by");
  if (!by.empty()) {
    ALONGSIDE_ASSIGN_OR_RETURN(request.by, usecase::ParseFidelityUnit(by, "by"));
  }
  if (!Field(context.request, "id").empty()) {
    ALONGSIDE_ASSIGN_OR_RETURN(request.id, IdField(context.request, "id"));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::FidelityReport year,
                             usecase::Fidelity(context.UseCases(), caller, request));
  usecase::FidelityRequest recent_request = request;
  recent_request.from = caller.today() - (kFidelityRecentDays - 1);
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::FidelityReport recent,
                             usecase::Fidelity(context.UseCases(), caller, recent_request));
  View data{{"from", FormatReadableDay(year.from)},
            {"to", FormatReadableDay(year.to)},
            {"recent_days", std::to_string(kFidelityRecentDays)}};
  if (year.rows.size() == 1) {
    const usecase::FidelityRow& row = year.rows.front();
    ALONGSIDE_ASSIGN_OR_RETURN(
        std::vector<usecase::FidelityMonth> trend,
        usecase::FidelityTrend(context.UseCases(), caller, row.unit,
                               row.unit == usecase::FidelityUnit::kProgram
                                   ? std::optional<store::Id>()
                                   : std::optional<store::Id>(row.id),
                               kTrendMonths + 1));
    std::vector<usecase::FidelityMonth> complete;
    for (const usecase::FidelityMonth& month : trend) {
      if (!month.partial) complete.push_back(month);
    }
    View unit = FidelityRowView(row);
    if (!recent.rows.empty()) {
      unit.emplace("recent", ToValue(FidelityScoresView(recent.rows.front().counts,
                                                        recent.rows.front().scores)));
    }
    ViewList charts, months;
    for (domain::FidelityMeasure measure : domain::kAllFidelityMeasures) {
      charts.push_back(TrendChart(measure, complete, row.name));
    }
    for (const usecase::FidelityMonth& month : trend) {
      std::string label = ReadableMonth(month.from);
      if (month.partial) label += " (so far, to " + ReadableDay(month.to) + ")";
      if (month.partial) unit.emplace("has_partial", true);
      months.push_back(View{{"month", std::move(label)},
                            {"f", ScoreCell(month.scores[domain::FidelityMeasure::kF])},
                            {"r", ScoreCell(month.scores[domain::FidelityMeasure::kR])},
                            {"p", ScoreCell(month.scores[domain::FidelityMeasure::kP])}});
    }
    unit.emplace("charts", std::move(charts));
    unit.emplace("months", std::move(months));
    data.emplace("unit", ToValue(std::move(unit)));
    RenderPage(context, "supervision", "Fidelity: " + row.name,
               View{{"fidelity", ToValue(std::move(data))}});
    return Status::Ok();
  }
  ViewList rows;
  for (const usecase::FidelityRow& row : year.rows) rows.push_back(FidelityRowView(row));
  data.emplace("has_rows", !rows.empty());
  data.emplace("rows", std::move(rows));
  RenderPage(context, "supervision", "Fidelity", View{{"fidelity", ToValue(std::move(data))}});
  return Status::Ok();
}

}  // namespace

void AddSupervisionPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/supervision", kSignedIn, Supervision,
                       "Supervisees, what needs attention first"));
  router.Add(PageRoute("GET", "/supervision/workers/{id}", kSignedIn, Supervisee,
                       "One supervisee's work: drafts past the deadline, role drift, recent "
                       "contacts, supervision"));
  router.Add(PageRoute("GET", "/supervision/workers/{id}/sessions/new", kSignedIn, NewSession,
                       "The form to record a supervision session"));
  router.Add(PageRoute("POST", "/supervision/workers/{id}/sessions", kSignedIn, AddSession,
                       "Record a supervision session"));
  router.Add(PageRoute("GET", "/fidelity", kSignedIn, FidelityPage,
                       "Fidelity scores (F, R, P) with their components, and one unit's "
                       "12-month trend"));
}

}  // namespace alongside::server::pages
