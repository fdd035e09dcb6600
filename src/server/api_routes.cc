// The JSON API under /api/v1. Each handler: parse -> authorize (Policy) ->
// store -> respond. Errors are returned as Status; the router turns them into
// HTTP through RespondError. The examples feed docs/api.md.
#include <algorithm>
#include <charconv>
#include <limits>

#include "common/time.h"
#include "domain/rules.h"
#include "server/api_json.h"
#include "server/json_input.h"
#include "server/router.h"

namespace alongside::server {
namespace {

using store::Id;

// Checks a decision; a denial is audited with whose record it concerned.
Status Require(Context& context, Status decision, const std::string& action,
               std::optional<Id> person_id, Id entity_id = 0) {
  if (!decision.ok() && decision.code() == StatusCode::kForbidden) {
    context.AuditAccess(action, person_id ? "person" : "resource", entity_id, person_id, "denied",
                        context.request.method + " " + context.request.path);
  }
  return decision;
}

Result<std::optional<std::int64_t>> QueryInteger(const httplib::Request& request,
                                                 const std::string& name, std::int64_t min,
                                                 std::int64_t max) {
  if (!request.has_param(name)) return std::optional<std::int64_t>();
  std::string text = request.get_param_value(name);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Status::InvalidArgument(
        name, "must be an integer " + std::to_string(min) + ".." + std::to_string(max));
  }
  return std::optional<std::int64_t>(value);
}

Result<std::optional<Id>> QueryId(const httplib::Request& request, const std::string& name) {
  return QueryInteger(request, name, 1, std::numeric_limits<std::int64_t>::max());
}

Result<store::Page> ReadPage(const httplib::Request& request) {
  store::Page page;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> limit,
                             QueryInteger(request, "limit", 1, 200));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> offset,
                             QueryInteger(request, "offset", 0, 10'000'000));
  if (limit) page.limit = static_cast<int>(*limit);
  if (offset) page.offset = static_cast<int>(*offset);
  return page;
}

Result<std::optional<Instant>> QueryDay(const httplib::Request& request, const std::string& name) {
  if (!request.has_param(name)) return std::optional<Instant>();
  ALONGSIDE_ASSIGN_OR_RETURN(Day day, ParseDay(request.get_param_value(name), name));
  return std::optional<Instant>(StartOfDay(day));
}

// Rejects query parameters the endpoint does not know.
Status OnlyParams(const httplib::Request& request, std::initializer_list<const char*> known) {
  for (const auto& [name, value] : request.params) {
    if (std::none_of(known.begin(), known.end(), [&](const char* item) { return name == item; })) {
      return Status::InvalidArgument(name, "is not a known query parameter");
    }
  }
  return Status::Ok();
}

nlohmann::json Items(const nlohmann::json& items, const store::Page& page) {
  return {{"items", items}, {"limit", page.limit}, {"offset", page.offset}};
}

// Records as a JSON array, each through its ToJson (api_json.h).
template <typename Row>
nlohmann::json JsonArray(const std::vector<Row>& rows) {
  nlohmann::json items = nlohmann::json::array();
  for (const Row& row : rows) items.push_back(ToJson(row));
  return items;
}

Status RequireStaff(const Context& context) {
  if (!context.Who().staff_id) return Status::Forbidden("for staff only");
  return Status::Ok();
}

// The body of a contact: every field of a version except who signed it.
Result<domain::ContactVersion> ReadContactFields(JsonInput& input, Id worker_id) {
  domain::ContactVersion version;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> start, input.Time("start", true));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> minutes,
                             input.Integer("duration_minutes", true, -1'000'000, 1'000'000));
  version.start = *start;
  version.end = version.start + *minutes * 60;
  if (*minutes < domain::kMinContactMinutes || *minutes > domain::kMaxContactMinutes) {
    return Status::InvalidArgument("duration_minutes", "must be 1..720");
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::string setting_text, input.String("setting", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(version.setting, domain::ParseContactSetting(setting_text, "setting"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> modalities,
                             input.Strings("modalities", true));
  ALONGSIDE_ASSIGN_OR_RETURN(version.modalities,
                             domain::ParseModalities(*modalities, "modalities"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> activities,
                             input.Strings("activities", false));
  if (activities) version.activities = std::move(*activities);
  ALONGSIDE_ASSIGN_OR_RETURN(version.note, input.String("note", false));
  ALONGSIDE_ASSIGN_OR_RETURN(version.person_words, input.String("person_words", false));
  version.written_by = worker_id;
  version.written_at = NowUtc();
  return version;
}

// A contact or goal the caller may act on, from its lookup: one that does
// not exist and one that is not theirs get the same 404, so ids reveal
// nothing.
template <typename Record>
Result<Record> PersonRecordFor(Context& context, Result<Record> record, Action action,
                               const std::string& audit, const char* not_found) {
  if (!record.ok()) {
    return record.status().code() == StatusCode::kNotFound ? Status::NotFound(not_found)
                                                           : record.status();
  }
  Status decision = context.services.policy.CheckPerson(context.Who(), action, record->person_id);
  if (!decision.ok()) {
    Require(context, decision, audit, record->person_id, record->id);
    return Status::NotFound(not_found);
  }
  return record;
}

Result<domain::Contact> ContactFor(Context& context, Action action, const std::string& audit) {
  return PersonRecordFor(context, context.services.store.GetContact(context.PathId()), action,
                         audit, "no such contact");
}

Result<domain::Goal> GoalFor(Context& context, Action action, const std::string& audit) {
  return PersonRecordFor(context, context.services.store.GetGoal(context.PathId()), action, audit,
                         "no such goal");
}

Status RespondContact(Context& context, Id contact_id, int status) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             context.services.store.GetContact(contact_id));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::Annotation> notes,
                             context.services.store.ListAnnotations(contact_id));
  context.Json(ToJson(contact, notes), status);
  return Status::Ok();
}

Status RespondGoal(Context& context, Id goal_id, int status) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Goal goal, context.services.store.GetGoal(goal_id));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::GoalProgress> progress,
                             context.services.store.ListGoalProgress(goal_id));
  context.Json(ToJson(goal, progress), status);
  return Status::Ok();
}

// --- session -------------------------------------------------------------

Status SignIn(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string username, input.String("username", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string password, input.String("password", true, 1024));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(SignedIn signed_in,
                             context.services.auth.SignIn(username, password, context.actor));
  context.response.set_header("Set-Cookie", context.services.auth.SessionCookie(signed_in.token));
  const Principal& who = signed_in.principal;
  context.Json({{"username", who.username},
                {"display_name", who.display_name},
                {"role", who.role ? std::string(domain::Name(*who.role)) : "person_served"},
                {"staff_id", who.staff_id ? nlohmann::json(*who.staff_id) : nlohmann::json()},
                {"person_id", who.person_id ? nlohmann::json(*who.person_id) : nlohmann::json()},
                {"csrf_token", who.csrf_token}},
               201);
  return Status::Ok();
}

Status WhoAmI(Context& context) {
  const Principal& who = context.Who();
  context.Json({{"username", who.username},
                {"display_name", who.display_name},
                {"role", who.role ? std::string(domain::Name(*who.role)) : "person_served"},
                {"staff_id", who.staff_id ? nlohmann::json(*who.staff_id) : nlohmann::json()},
                {"person_id", who.person_id ? nlohmann::json(*who.person_id) : nlohmann::json()},
                {"csrf_token", who.csrf_token}});
  return Status::Ok();
}

Status SignOut(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(context.services.auth.SignOut(context.Who(), context.actor));
  context.response.set_header("Set-Cookie", context.services.auth.ExpiredCookie());
  context.response.status = 204;
  return Status::Ok();
}

// --- program -------------------------------------------------------------

Status ProgramSummary(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(store::ProgramSummary summary, context.services.store.Summary());
  context.Json(ToJson(summary));
  return Status::Ok();
}

Status ProgramCaseloads(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"team_id"}));
  ALONGSIDE_RETURN_IF_ERROR(
      Require(context, context.services.policy.Check(context.Who(), Action::kReadProgramAggregates),
              "program.caseloads", std::nullopt));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> team, QueryId(context.request, "team_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::CaseloadRow> rows,
                             context.services.store.Caseloads(team, NowUtc()));
  // An evaluator sees the distribution, not who carries which caseload.
  bool identify = !context.Who().HasRole(domain::Role::kEvaluator);
  nlohmann::json items = nlohmann::json::array();
  for (const store::CaseloadRow& row : rows) {
    nlohmann::json item = {{"team_id", row.worker.team_id},
                           {"role", domain::Name(row.worker.role)},
                           {"people", row.people},
                           {"contacts_last_28_days", row.contacts_last_28_days},
                           {"drafts", row.drafts}};
    if (identify) {
      item["worker_id"] = row.worker.id;
      item["display_name"] = row.worker.display_name;
    }
    items.push_back(item);
  }
  context.Json({{"items", items}});
  return Status::Ok();
}

Status ProgramContactsPerWeek(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"from", "to"}));
  ALONGSIDE_RETURN_IF_ERROR(
      Require(context, context.services.policy.Check(context.Who(), Action::kReadProgramAggregates),
              "program.contacts_per_week", std::nullopt));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> from, QueryDay(context.request, "from"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> to, QueryDay(context.request, "to"));
  Instant until = to.value_or(StartOfDay(DayOf(NowUtc()) + 1));
  Instant since = from.value_or(until - 12 * 7 * 86400);
  if (since >= until) return Status::InvalidArgument("from", "must be before to");
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::WeeklyCount> weeks,
                             context.services.store.ContactsPerWeek(since, until));
  nlohmann::json items = nlohmann::json::array();
  for (const store::WeeklyCount& week : weeks) {
    items.push_back({{"week_start", FormatDay(week.week_start)}, {"contacts", week.contacts}});
  }
  context.Json({{"items", items}});
  return Status::Ok();
}

// --- people --------------------------------------------------------------

Status ListPeople(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"limit", "offset"}));
  ALONGSIDE_ASSIGN_OR_RETURN(store::Page page, ReadPage(context.request));
  const Principal& who = context.Who();
  std::vector<store::PersonRow> rows;
  if (who.IsPerson()) {
    ALONGSIDE_ASSIGN_OR_RETURN(domain::Person self,
                               context.services.store.GetPerson(*who.person_id));
    store::PersonRow row;
    row.person = self;
    Result<std::vector<Id>> workers = context.services.store.ActiveWorkersOf(self.id);
    if (workers.ok()) row.worker_ids = *workers;
    if (page.offset == 0) rows.push_back(row);
  } else {
    ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<Id>> scope,
                               context.services.policy.VisibleWorkers(who));
    if (!scope) {
      return Require(context, Status::Forbidden("no caseload is visible to this role"),
                     "people.list", std::nullopt);
    }
    store::PeopleQuery query;
    query.worker_ids = *scope;
    query.page = page;
    ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PersonRow> listed,
                               context.services.store.ListPeople(query));
    rows = std::move(listed);
  }
  nlohmann::json items = JsonArray(rows);
  context.AuditAccess("people.list", "person", 0, std::nullopt, "ok",
                      std::to_string(rows.size()) + " people listed");
  context.Json(Items(items, page));
  return Status::Ok();
}

Status GetPerson(Context& context) {
  Id person_id = context.PathId();
  ALONGSIDE_RETURN_IF_ERROR(Require(
      context, context.services.policy.CheckPerson(context.Who(), Action::kReadPerson, person_id),
      "person.read", person_id, person_id));
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Person person, context.services.store.GetPerson(person_id));
  store::PersonRow row;
  row.person = person;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<Id> workers,
                             context.services.store.ActiveWorkersOf(person_id));
  row.worker_ids = workers;
  context.AuditAccess("person.read", "person", person_id, person_id, "ok");
  context.Json(ToJson(row));
  return Status::Ok();
}

// --- contacts ------------------------------------------------------------

Status ListContacts(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(
      context.request, {"person_id", "worker_id", "from", "to", "status", "limit", "offset"}));
  ALONGSIDE_ASSIGN_OR_RETURN(store::Page page, ReadPage(context.request));
  store::ContactQuery query;
  query.page = page;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> person_id, QueryId(context.request, "person_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> worker_id, QueryId(context.request, "worker_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> from, QueryDay(context.request, "from"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> to, QueryDay(context.request, "to"));
  query.from = from;
  if (to) query.until = *to + 86400;  // "to" is inclusive
  if (context.request.has_param("status")) {
    ALONGSIDE_ASSIGN_OR_RETURN(
        domain::NoteStatus status,
        domain::ParseNoteStatus(context.request.get_param_value("status"), "status"));
    query.status = status;
  }
  const Principal& who = context.Who();
  if (who.IsPerson()) {
    if (person_id && *person_id != *who.person_id) {
      return Require(context, Status::Forbidden("a person sees only their own record"),
                     "contacts.list", *person_id);
    }
    query.person_id = *who.person_id;
  } else if (person_id) {
    ALONGSIDE_RETURN_IF_ERROR(
        Require(context, context.services.policy.CheckPerson(who, Action::kReadPerson, *person_id),
                "contacts.list", *person_id));
    query.person_id = *person_id;
    if (worker_id) query.worker_ids = std::vector<Id>{*worker_id};
  } else {
    ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<Id>> scope,
                               context.services.policy.VisibleWorkers(who));
    if (!scope) {
      return Require(context, Status::Forbidden("no caseload is visible to this role"),
                     "contacts.list", std::nullopt);
    }
    std::vector<Id> workers = *scope;
    if (worker_id) {
      if (std::find(workers.begin(), workers.end(), *worker_id) == workers.end()) {
        return Require(context, Status::Forbidden("that worker's contacts are not visible"),
                       "contacts.list", std::nullopt);
      }
      workers = {*worker_id};
    }
    query.worker_ids = workers;
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::ContactRow> rows,
                             context.services.store.ListContacts(query));
  nlohmann::json items = JsonArray(rows);
  context.AuditAccess("contacts.list", "contact", 0, query.person_id, "ok",
                      std::to_string(rows.size()) + " contacts listed");
  context.Json(Items(items, page));
  return Status::Ok();
}

Status RecordContact(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(RequireStaff(context));
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::optional<std::int64_t> person_id,
      input.Integer("person_id", true, 1, std::numeric_limits<std::int64_t>::max()));
  Id worker = *context.Who().staff_id;
  ALONGSIDE_ASSIGN_OR_RETURN(domain::ContactVersion version, ReadContactFields(input, worker));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<bool> finalise, input.Boolean("finalise"));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_RETURN_IF_ERROR(Require(
      context,
      context.services.policy.CheckPerson(context.Who(), Action::kRecordContact, *person_id),
      "contact.record", *person_id));
  if (finalise.value_or(false)) {
    version.status = domain::NoteStatus::kFinal;
    version.signed_by = worker;
    version.signed_at = version.written_at;
  }
  ALONGSIDE_ASSIGN_OR_RETURN(
      Id id, context.services.store.RecordContact(*person_id, worker, version, context.actor));
  context.response.set_header("Location", "/api/v1/contacts/" + std::to_string(id));
  // Answered from what was just written: a new contact is exactly version 1
  // with no annotations, so reading it back would only cost time.
  domain::Contact written;
  written.id = id;
  written.person_id = *person_id;
  written.worker_id = worker;
  version.version = 1;
  written.versions.push_back(std::move(version));
  context.Json(ToJson(written, {}), 201);
  return Status::Ok();
}

Status GetContact(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             ContactFor(context, Action::kReadPerson, "contact.read"));
  context.AuditAccess("contact.read", "contact", contact.id, contact.person_id, "ok");
  return RespondContact(context, contact.id, 200);
}

Status ReviseContact(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             ContactFor(context, Action::kRecordContact, "contact.revise"));
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(domain::ContactVersion version,
                             ReadContactFields(input, *context.Who().staff_id));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      int revised, context.services.store.ReviseContactDraft(contact.id, version, context.actor));
  return RespondContact(context, contact.id, 200);
}

Status FinaliseContact(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             ContactFor(context, Action::kRecordContact, "contact.finalise"));
  if (!context.request.body.empty()) {
    ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
    ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  }
  ALONGSIDE_ASSIGN_OR_RETURN(
      int finalised, context.services.store.FinaliseContact(contact.id, *context.Who().staff_id,
                                                            NowUtc(), context.actor));
  return RespondContact(context, contact.id, 200);
}

Status AmendContact(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             ContactFor(context, Action::kRecordContact, "contact.amend"));
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  Id worker = *context.Who().staff_id;
  ALONGSIDE_ASSIGN_OR_RETURN(domain::ContactVersion version, ReadContactFields(input, worker));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string reason, input.String("amend_reason", true, 2000));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  version.amend_reason = reason;
  version.status = domain::NoteStatus::kFinal;
  version.signed_by = worker;
  version.signed_at = version.written_at;
  ALONGSIDE_ASSIGN_OR_RETURN(
      int amended, context.services.store.AmendContact(contact.id, version, context.actor));
  return RespondContact(context, contact.id, 201);
}

Status AnnotateContact(Context& context) {
  if (!context.Who().IsPerson()) {
    return Require(context, Status::Forbidden("only the person the note is about annotates it"),
                   "contact.annotate", std::nullopt, context.PathId());
  }
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             ContactFor(context, Action::kAnnotate, "contact.annotate"));
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string words, input.String("words", true));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  store::Annotation annotation{0, contact.id, contact.person_id, words, NowUtc()};
  ALONGSIDE_ASSIGN_OR_RETURN(Id id,
                             context.services.store.AddAnnotation(annotation, context.actor));
  return RespondContact(context, contact.id, 201);
}

// --- goals ---------------------------------------------------------------

Status ListGoals(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"person_id"}));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> person_id, QueryId(context.request, "person_id"));
  Id person = person_id.value_or(context.Who().person_id.value_or(0));
  if (person == 0) return Status::InvalidArgument("person_id", "is required");
  ALONGSIDE_RETURN_IF_ERROR(Require(
      context, context.services.policy.CheckPerson(context.Who(), Action::kReadPerson, person),
      "goals.list", person));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Goal> goals,
                             context.services.store.ListGoals(person));
  nlohmann::json items = nlohmann::json::array();
  for (const domain::Goal& goal : goals) {
    ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::GoalProgress> progress,
                               context.services.store.ListGoalProgress(goal.id));
    items.push_back(ToJson(goal, progress));
  }
  context.AuditAccess("goals.list", "goal", 0, person, "ok");
  context.Json({{"items", items}});
  return Status::Ok();
}

Status AddGoal(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  const Principal& who = context.Who();
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::optional<std::int64_t> person_id,
      input.Integer("person_id", !who.IsPerson(), 1, std::numeric_limits<std::int64_t>::max()));
  Id person = person_id.value_or(who.person_id.value_or(0));
  domain::GoalVersion version;
  ALONGSIDE_ASSIGN_OR_RETURN(std::string words, input.String("words", true));
  version.words = words;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Day> review, input.Date("review_on", false));
  version.review_on = review;
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  Action action = who.IsPerson() ? Action::kSelfGoals : Action::kWorkOnGoals;
  ALONGSIDE_RETURN_IF_ERROR(Require(
      context, context.services.policy.CheckPerson(who, action, person), "goal.add", person));
  version.written_at = NowUtc();
  // A goal the person writes is theirs and signed by writing it; one a worker
  // records with them waits for the person's co-signature.
  version.authored_by_person = who.IsPerson();
  if (who.IsPerson()) version.cosigned_at = version.written_at;
  ALONGSIDE_ASSIGN_OR_RETURN(Id id, context.services.store.AddGoal(person, version, context.actor));
  return RespondGoal(context, id, 201);
}

Status ReviseGoal(Context& context) {
  bool person = context.Who().IsPerson();
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::Goal goal,
      GoalFor(context, person ? Action::kSelfGoals : Action::kWorkOnGoals, "goal.revise"));
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  domain::GoalVersion version = goal.latest();
  ALONGSIDE_ASSIGN_OR_RETURN(std::string words, input.String("words", false));
  if (!words.empty()) version.words = words;
  ALONGSIDE_ASSIGN_OR_RETURN(std::string status_text, input.String("status", false, 32));
  if (!status_text.empty()) {
    ALONGSIDE_ASSIGN_OR_RETURN(domain::GoalStatus status,
                               domain::ParseGoalStatus(status_text, "status"));
    version.status = status;
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Day> review, input.Date("review_on", false));
  if (review) version.review_on = review;
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  version.written_at = NowUtc();
  // A change by the worker needs the person's signature again.
  version.cosigned_at = person ? std::optional<Instant>(version.written_at) : std::nullopt;
  ALONGSIDE_ASSIGN_OR_RETURN(int revised,
                             context.services.store.ReviseGoal(goal.id, version, context.actor));
  return RespondGoal(context, goal.id, 200);
}

Status CosignGoal(Context& context) {
  if (!context.Who().IsPerson()) {
    return Require(context, Status::Forbidden("only the person co-signs their goal"), "goal.cosign",
                   std::nullopt, context.PathId());
  }
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Goal goal,
                             GoalFor(context, Action::kSelfGoals, "goal.cosign"));
  if (goal.latest().cosigned_at) return Status::Conflict("this goal is already co-signed");
  domain::GoalVersion version = goal.latest();
  version.written_at = NowUtc();
  version.cosigned_at = version.written_at;
  ALONGSIDE_ASSIGN_OR_RETURN(int revised,
                             context.services.store.ReviseGoal(goal.id, version, context.actor));
  return RespondGoal(context, goal.id, 200);
}

Status AddGoalProgress(Context& context) {
  bool person = context.Who().IsPerson();
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::Goal goal,
      GoalFor(context, person ? Action::kSelfGoals : Action::kWorkOnGoals, "goal.progress"));
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string words, input.String("words", true));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(Id id, context.services.store.AddGoalProgress(
                                        {0, goal.id, NowUtc(), words, person}, context.actor));
  return RespondGoal(context, goal.id, 201);
}

// --- staff, teams, assignments, supervision, admissions ------------------

Status ListStaff(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"team_id", "role", "limit", "offset"}));
  ALONGSIDE_RETURN_IF_ERROR(
      Require(context, context.services.policy.Check(context.Who(), Action::kReadStaff),
              "staff.list", std::nullopt));
  ALONGSIDE_ASSIGN_OR_RETURN(store::Page page, ReadPage(context.request));
  store::StaffQuery query;
  query.page = page;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> team, QueryId(context.request, "team_id"));
  query.team_id = team;
  if (context.request.has_param("role")) {
    ALONGSIDE_ASSIGN_OR_RETURN(domain::Role role,
                               domain::ParseRole(context.request.get_param_value("role"), "role"));
    query.role = role;
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Staff> staff,
                             context.services.store.ListStaff(query));
  nlohmann::json items = JsonArray(staff);
  context.Json(Items(items, page));
  return Status::Ok();
}

Status GetStaffMember(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(
      Require(context, context.services.policy.Check(context.Who(), Action::kReadStaff),
              "staff.read", std::nullopt));
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Staff staff,
                             context.services.store.GetStaff(context.PathId()));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Certification> certifications,
                             context.services.store.ListCertifications(staff.id));
  nlohmann::json json = ToJson(staff);
  json["certifications"] = JsonArray(certifications);
  context.Json(json);
  return Status::Ok();
}

Status ListTeams(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(
      Require(context, context.services.policy.Check(context.Who(), Action::kReadTeams),
              "teams.list", std::nullopt));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Team> teams, context.services.store.ListTeams());
  nlohmann::json items = JsonArray(teams);
  context.Json({{"items", items}});
  return Status::Ok();
}

Status ListAssignments(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(
      OnlyParams(context.request, {"person_id", "worker_id", "limit", "offset"}));
  ALONGSIDE_ASSIGN_OR_RETURN(store::Page page, ReadPage(context.request));
  store::AssignmentQuery query;
  query.page = page;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> person_id, QueryId(context.request, "person_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> worker_id, QueryId(context.request, "worker_id"));
  const Principal& who = context.Who();
  bool manager = context.services.policy.Check(who, Action::kManageAssignments).ok();
  if (person_id && !manager) {
    ALONGSIDE_RETURN_IF_ERROR(
        Require(context, context.services.policy.CheckPerson(who, Action::kReadPerson, *person_id),
                "assignments.list", *person_id));
    query.person_id = *person_id;
  } else if (!manager) {
    Id worker = worker_id.value_or(who.staff_id.value_or(0));
    ALONGSIDE_RETURN_IF_ERROR(
        Require(context,
                worker != 0 && who.staff_id && worker == *who.staff_id
                    ? Status::Ok()
                    : Status::Forbidden("only your own assignments, or a person's you may read"),
                "assignments.list", std::nullopt));
    query.worker_id = worker;
  } else {
    query.person_id = person_id;
    query.worker_id = worker_id;
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Assignment> rows,
                             context.services.store.ListAssignments(query));
  nlohmann::json items = JsonArray(rows);
  context.Json(Items(items, page));
  return Status::Ok();
}

Status AddAssignment(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(
      Require(context, context.services.policy.Check(context.Who(), Action::kManageAssignments),
              "assignment.add", std::nullopt));
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> person_id,
                             input.Integer("person_id", true, 1, kMaxId));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> worker_id,
                             input.Integer("worker_id", true, 1, kMaxId));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Day> start, input.Date("start_on", true));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  Result<domain::Staff> worker = context.services.store.GetStaff(*worker_id);
  if (!worker.ok() || !domain::IsPeerWorkerRole(worker->role)) {
    return Status::InvalidArgument("worker_id", "must be a peer worker");
  }
  domain::Assignment assignment{0, *person_id, *worker_id, *start, std::nullopt};
  ALONGSIDE_ASSIGN_OR_RETURN(Id id,
                             context.services.store.AddAssignment(assignment, context.actor));
  assignment.id = id;
  context.Json(ToJson(assignment), 201);
  return Status::Ok();
}

Status ListSupervision(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(
      OnlyParams(context.request, {"supervisee_id", "from", "to", "limit", "offset"}));
  ALONGSIDE_ASSIGN_OR_RETURN(store::Page page, ReadPage(context.request));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> supervisee,
                             QueryId(context.request, "supervisee_id"));
  const Principal& who = context.Who();
  Id target = supervisee.value_or(who.staff_id.value_or(0));
  ALONGSIDE_RETURN_IF_ERROR(Require(
      context, context.services.policy.CheckSupervisee(who, Action::kReadSupervision, target),
      "supervision.list", std::nullopt));
  store::SupervisionQuery query;
  query.supervisee_ids = std::vector<Id>{target};
  query.page = page;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> from, QueryDay(context.request, "from"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> to, QueryDay(context.request, "to"));
  query.from = from;
  if (to) query.until = *to + 86400;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::SupervisionSession> sessions,
                             context.services.store.ListSupervision(query));
  nlohmann::json items = JsonArray(sessions);
  context.Json(Items(items, page));
  return Status::Ok();
}

Status AddSupervision(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(RequireStaff(context));
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  domain::SupervisionSession session;
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::optional<std::int64_t> supervisee,
      input.Integer("supervisee_id", true, 1, std::numeric_limits<std::int64_t>::max()));
  session.supervisee_id = *supervisee;
  session.supervisor_id = *context.Who().staff_id;
  ALONGSIDE_ASSIGN_OR_RETURN(std::string kind_text, input.String("kind", true, 32));
  ALONGSIDE_ASSIGN_OR_RETURN(domain::SupervisionKind kind,
                             domain::ParseSupervisionKind(kind_text, "kind"));
  session.kind = kind;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> held, input.Time("held_at", true));
  session.held_at = *held;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> minutes,
                             input.Integer("duration_minutes", true, -1'000'000, 1'000'000));
  session.duration_minutes = static_cast<int>(*minutes);
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> focus,
                             input.Strings("focus", false));
  for (const std::string& name : focus.value_or(std::vector<std::string>{})) {
    ALONGSIDE_ASSIGN_OR_RETURN(domain::SupervisionFocus item,
                               domain::ParseSupervisionFocus(name, "focus"));
    session.focus.push_back(item);
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::string reflection, input.String("reflection", false));
  session.reflection = reflection;
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_RETURN_IF_ERROR(
      Require(context,
              context.services.policy.CheckSupervisee(context.Who(), Action::kWriteSupervision,
                                                      session.supervisee_id),
              "supervision.add", std::nullopt));
  ALONGSIDE_ASSIGN_OR_RETURN(Id id,
                             context.services.store.AddSupervisionSession(session, context.actor));
  session.id = id;
  context.Json(ToJson(session), 201);
  return Status::Ok();
}

Status ListAdmissions(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"person_id"}));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> person_id, QueryId(context.request, "person_id"));
  Id person = person_id.value_or(context.Who().person_id.value_or(0));
  if (person == 0) return Status::InvalidArgument("person_id", "is required");
  ALONGSIDE_RETURN_IF_ERROR(Require(
      context, context.services.policy.CheckPerson(context.Who(), Action::kReadPerson, person),
      "admissions.list", person));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Admission> rows,
                             context.services.store.ListAdmissions(person));
  nlohmann::json items = JsonArray(rows);
  context.AuditAccess("admissions.list", "admission", 0, person, "ok");
  context.Json({{"items", items}});
  return Status::Ok();
}

Status AddAdmission(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::optional<std::int64_t> person_id,
      input.Integer("person_id", true, 1, std::numeric_limits<std::int64_t>::max()));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string kind_text, input.String("kind", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(domain::AdmissionKind kind,
                             domain::ParseAdmissionKind(kind_text, "kind"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Day> admitted, input.Date("admitted_on", true));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Day> discharged, input.Date("discharged_on", false));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_RETURN_IF_ERROR(Require(
      context,
      context.services.policy.CheckPerson(context.Who(), Action::kRecordContact, *person_id),
      "admission.add", *person_id));
  domain::Admission admission{0, *person_id, kind, *admitted, discharged};
  ALONGSIDE_ASSIGN_OR_RETURN(Id id, context.services.store.AddAdmission(admission, context.actor));
  admission.id = id;
  context.Json(ToJson(admission), 201);
  return Status::Ok();
}

constexpr const char* kContactExample =
    R"({"person_id": 12, "start": "2026-11-20T14:00:00Z", "duration_minutes": 45, )"
    R"("setting": "community", "modalities": ["emotional", "companionship"], )"
    R"("activities": ["goal_review"], "note": "Walked to the park together.", )"
    R"("person_words": "It helped to get outside.", "finalise": false})";

constexpr const char* kContactResponse =
    R"({"id": 901, "person_id": 12, "worker_id": 7, "current": {"version": 1, "status": "draft", )"
    R"("start": "2026-11-20T14:00:00Z", "end": "2026-11-20T14:45:00Z", "duration_minutes": 45, ...}, )"
    R"("versions": [...], "annotations": []})";

}  // namespace

void AddApiRoutes(Router& router) {
  auto api = [&router](std::string method, std::string path, RouteAccess access, Handler handler,
                       std::string summary, std::string request, std::string response) {
    router.Add({std::move(method), std::move(path), RouteKind::kApi, access, std::move(handler),
                std::move(summary), std::move(request), std::move(response)});
  };
  constexpr RouteAccess kPublic = RouteAccess::kPublic;
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;

  api("POST", "/api/v1/session", kPublic, SignIn,
      "Sign in; sets the session cookie. Returns the CSRF token to send as X-CSRF-Token on "
      "every later POST, PUT or DELETE.",
      R"({"username": "peer12", "password": "..."})",
      R"({"username": "peer12", "display_name": "Alex B.", "role": "peer_specialist", )"
      R"("staff_id": 12, "person_id": null, "csrf_token": "9f2c..."})");
  api("GET", "/api/v1/session", kSignedIn, WhoAmI, "Who is signed in.", "",
      R"({"username": "peer12", "role": "peer_specialist", "csrf_token": "9f2c...", ...})");
  api("DELETE", "/api/v1/session", kSignedIn, SignOut, "Sign out; ends the session.", "",
      "(204, no body)");

  api("GET", "/api/v1/program/summary", kPublic, ProgramSummary,
      "Counts across the whole program (no identifying data, so no sign-in is needed).", "",
      R"({"teams": 5, "peer_workers": 40, "people_served": 2000, "contacts": 98211, ...})");
  api("GET", "/api/v1/program/caseloads", kSignedIn, ProgramCaseloads,
      "Caseload size, recent contacts and drafts per peer worker (program manager, evaluator "
      "without names, administrator). Filter: team_id.",
      "", R"({"items": [{"worker_id": 12, "display_name": "Alex B.", "people": 50, ...}]})");
  api("GET", "/api/v1/program/contacts-per-week", kSignedIn, ProgramContactsPerWeek,
      "Contacts per week (Monday start) between from and to (YYYY-MM-DD; default the last 12 "
      "weeks).",
      "", R"({"items": [{"week_start": "2026-11-16", "contacts": 1843}]})");

  api("GET", "/api/v1/people", kSignedIn, ListPeople,
      "The people the caller may see: a peer worker's caseload, a supervisor's supervisees' "
      "caseloads, a person's own record. Paged: limit (1..200), offset.",
      "",
      R"({"items": [{"id": 12, "preferred_name": "Sam T.", "pronouns": "they/them", ...}], )"
      R"("limit": 50, "offset": 0})");
  api("GET", "/api/v1/people/{id}", kSignedIn, GetPerson,
      "One person's profile, in their own words, with their active peer workers.", "",
      R"({"id": 12, "preferred_name": "Sam T.", "self_description": "...", "worker_ids": [7]})");

  api("GET", "/api/v1/contacts", kSignedIn, ListContacts,
      "Contacts, newest first, with their current version. Filters: person_id, worker_id, from, "
      "to (YYYY-MM-DD, inclusive), status (draft|final), limit, offset.",
      "", R"({"items": [{"id": 901, "person_id": 12, "current": {...}, "annotations": 1}], ...})");
  api("POST", "/api/v1/contacts", kSignedIn, RecordContact,
      "Record a contact with a person on the caller's caseload (draft, or final with "
      "\"finalise\": true).",
      kContactExample, kContactResponse);
  api("GET", "/api/v1/contacts/{id}", kSignedIn, GetContact,
      "A contact with every version of its note and the person's annotations.", "",
      kContactResponse);
  api("PUT", "/api/v1/contacts/{id}", kSignedIn, ReviseContact,
      "Revise a draft (adds a version). A final note answers 409: amend it instead.",
      R"({"start": "2026-11-20T14:00:00Z", "duration_minutes": 50, "setting": "community", )"
      R"("modalities": ["emotional"], "note": "..."})",
      kContactResponse);
  api("POST", "/api/v1/contacts/{id}/finalise", kSignedIn, FinaliseContact,
      "Finalise and sign a draft (adds a final version).", "", kContactResponse);
  api("POST", "/api/v1/contacts/{id}/amendments", kSignedIn, AmendContact,
      "Supersede a final note with a signed amendment that gives its reason.",
      R"({"start": "2026-11-20T14:00:00Z", "duration_minutes": 45, "setting": "community", )"
      R"("modalities": ["emotional"], "note": "...", "amend_reason": "wrong date"})",
      kContactResponse);
  api("POST", "/api/v1/contacts/{id}/annotations", kSignedIn, AnnotateContact,
      "The person adds their annotation beside a note about them.",
      R"({"words": "I'd add that the walk was my idea."})", kContactResponse);

  api("GET", "/api/v1/goals", kSignedIn, ListGoals,
      "A person's goals, every version in their words, with progress. Filter: person_id (a "
      "person served may omit it).",
      "",
      R"({"items": [{"id": 33, "current": {"words": "Walk to the park...", ...}, )"
      R"("versions": [...], "progress": [...]}]})");
  api("POST", "/api/v1/goals", kSignedIn, AddGoal,
      "Add a goal in the person's words (by the person, or by their worker with them; a "
      "worker's goal awaits the person's co-signature).",
      R"({"person_id": 12, "words": "Get my own place by the spring.", "review_on": "2027-01-15"})",
      R"({"id": 34, "person_id": 12, "current": {"version": 1, ...}, ...})");
  api("POST", "/api/v1/goals/{id}/versions", kSignedIn, ReviseGoal,
      "Revise a goal's words, status (active|achieved|set_aside) or review day (adds a "
      "version).",
      R"({"status": "achieved"})", R"({"id": 34, "current": {"version": 2, ...}, ...})");
  api("POST", "/api/v1/goals/{id}/cosign", kSignedIn, CosignGoal,
      "The person co-signs their goal's current version.", "",
      R"({"id": 34, "current": {"cosigned_at": "2026-11-20T15:00:00Z", ...}, ...})");
  api("POST", "/api/v1/goals/{id}/progress", kSignedIn, AddGoalProgress,
      "Add a progress entry to a goal.", R"({"words": "Went twice this week."})",
      R"({"id": 34, "progress": [{"words": "Went twice this week.", ...}], ...})");

  api("GET", "/api/v1/assignments", kSignedIn, ListAssignments,
      "Active assignments of people to peer workers. Filters: person_id, worker_id.", "",
      R"({"items": [{"id": 5, "person_id": 12, "worker_id": 7, "start_on": "2026-02-01", )"
      R"("end_on": null}], ...})");
  api("POST", "/api/v1/assignments", kSignedIn, AddAssignment,
      "Assign a person to a peer worker (program manager).",
      R"({"person_id": 12, "worker_id": 7, "start_on": "2026-11-23"})",
      R"({"id": 2101, "person_id": 12, "worker_id": 7, "start_on": "2026-11-23", "end_on": null})");
  api("GET", "/api/v1/supervision-sessions", kSignedIn, ListSupervision,
      "A supervisee's supervision sessions, newest first. Filters: supervisee_id (default: the "
      "caller), from, to.",
      "", R"({"items": [{"id": 3, "kind": "peer_practice", "focus": ["role_fidelity"], ...}]})");
  api("POST", "/api/v1/supervision-sessions", kSignedIn, AddSupervision,
      "Record a supervision session the caller held with one of their supervisees.",
      R"({"supervisee_id": 7, "kind": "peer_practice", "held_at": "2026-11-20T10:00:00Z", )"
      R"("duration_minutes": 60, "focus": ["role_fidelity", "self_disclosure"], )"
      R"("reflection": "..."})",
      R"({"id": 1201, "supervisor_id": 2, "supervisee_id": 7, ...})");
  api("GET", "/api/v1/staff", kSignedIn, ListStaff, "Staff. Filters: team_id, role.", "",
      R"({"items": [{"id": 7, "display_name": "Alex B.", "role": "peer_specialist", ...}]})");
  api("GET", "/api/v1/staff/{id}", kSignedIn, GetStaffMember,
      "A staff member with their certifications and expiry days.", "",
      R"({"id": 7, "role": "peer_specialist", "certifications": [{"name": "Certified Peer )"
      R"(Specialist", "expires_on": "2027-03-01", ...}]})");
  api("GET", "/api/v1/teams", kSignedIn, ListTeams, "Teams and their settings.", "",
      R"({"items": [{"id": 1, "name": "Harbor team 1", "setting": "community_agency"}]})");
  api("GET", "/api/v1/admissions", kSignedIn, ListAdmissions,
      "A person's hospital admissions. Filter: person_id.", "",
      R"({"items": [{"id": 8, "kind": "psychiatric_inpatient", "admitted_on": "2026-05-02", )"
      R"("discharged_on": "2026-05-12"}]})");
  api("POST", "/api/v1/admissions", kSignedIn, AddAdmission,
      "Record an admission for a person on the caller's caseload.",
      R"({"person_id": 12, "kind": "psychiatric_inpatient", "admitted_on": "2026-11-01", )"
      R"("discharged_on": "2026-11-09"})",
      R"({"id": 9, "person_id": 12, "kind": "psychiatric_inpatient", ...})");
}

}  // namespace alongside::server
