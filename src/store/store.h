// The storage contract. A Store keeps the program's records durably: when a
// write returns ok, the change and its audit row are committed together and
// survive a crash (kill -9). Clinical content is append-only: notes and goals
// gain versions, never lose them. Each write validates the record's own
// invariants (domain/rules.h Validate*) inside its transaction; the rules of
// who may do what and which step is allowed live in the use cases
// (usecase/), which hand the store the version to append.
//
// The interface names no backend type; sqlite/ implements it, a PostgreSQL
// backend will implement it too, and tests/store/store_contract_test.cc runs
// against every backend. Implementations are safe to call from many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "domain/fidelity.h"
#include "domain/governance.h"
#include "domain/model.h"

namespace alongside::store {

using domain::Id;

// Who is acting, for the audit log: "staff:12", "person:40", "cli:synth".
struct Actor {
  std::string who;
  std::string address;  // remote address, or "local" for the command line
};

// One row of the hash-chained audit log.
struct AuditEntry {
  std::int64_t seq = 0;  // assigned by the store, 1, 2, 3, ...
  Instant at = 0;
  std::string actor;
  std::string address;
  std::string action;  // e.g. "contact.record", "person.read"
  std::string entity;  // e.g. "contact"
  Id entity_id = 0;
  std::optional<Id> person_id;  // whose record it touches, if any
  std::string outcome;          // "ok", "denied", "invalid", ...
  std::string detail;
  std::string prev_hash;
  std::string hash;
};

struct AuditVerification {
  bool intact = true;
  std::int64_t rows_checked = 0;
  std::optional<std::int64_t> first_bad_seq;  // the first row altered, missing or out of place
  std::string problem;                        // what was found there, in words
};

struct ProgramSummary {
  std::int64_t programs = 0;
  std::int64_t teams = 0;
  std::int64_t peer_workers = 0;
  std::int64_t supervisors = 0;
  std::int64_t people_served = 0;
  std::int64_t active_assignments = 0;
  std::int64_t contacts = 0;
  std::int64_t contacts_final = 0;
  std::int64_t goals = 0;
  std::int64_t supervision_sessions = 0;
  std::int64_t admissions = 0;
};

// A sign-in. Staff accounts carry a staff id and the staff member's role;
// a person served's account carries their person id and kind kPerson.
enum class AccountKind { kStaff, kPerson };

struct Account {
  Id id = 0;
  std::string username;
  std::string password_hash;  // argon2id, libsodium's encoded form
  AccountKind kind = AccountKind::kStaff;
  std::optional<domain::Role> role;  // staff only
  std::optional<Id> staff_id;
  std::optional<Id> person_id;
  int failed_logins = 0;
  Instant locked_until = 0;
  Instant created_at = 0;
};

// A signed-in session. Only the SHA-256 of the token is stored, so a copy
// of the database does not let anyone sign in.
struct Session {
  std::string token_hash;
  Id account_id = 0;
  std::string csrf_token;
  Instant created_at = 0;
  Instant last_seen_at = 0;
  Instant expires_at = 0;  // absolute expiry
};

// A session with its account and the name to greet them by: everything a
// request needs to know who is asking, in one read.
struct SignedInRecord {
  Session session;
  Account account;
  std::string display_name;  // the staff member's or the person's preferred name
  std::string time_zone;     // the program's (ProgramSettings::time_zone)
};

// The person's annotation on a contact note: kept beside the worker's text,
// never merged into it.
struct Annotation {
  Id id = 0;
  Id contact_id = 0;
  Id person_id = 0;
  std::string words;
  Instant at = 0;
};

// A page of a list: `limit` rows from `offset`, in the list's fixed order.
struct Page {
  int limit = 50;
  int offset = 0;
};

struct PeopleQuery {
  std::optional<std::vector<Id>> worker_ids;  // only people assigned to these workers on active_on
  Day active_on = 0;  // the day whose assignments count (worker_ids and each row's worker_ids)
  std::optional<Id> team_id;
  Page page;
};

// A person with their current peer worker(s) and last contact, for lists.
struct PersonRow {
  domain::Person person;
  std::vector<Id> worker_ids;  // active assignments
  std::optional<Instant> last_contact_at;
};

struct ContactQuery {
  std::optional<Id> person_id;
  std::optional<std::vector<Id>> worker_ids;         // recorded by one of these workers
  std::optional<std::vector<Id>> people_of_workers;  // about people assigned to these on active_on
  Day active_on = 0;
  std::optional<Instant> from;   // start >= from
  std::optional<Instant> until;  // start < until
  std::optional<domain::NoteStatus> status;
  bool oldest_first = false;  // by start, then id; newest first otherwise
  Page page;
  // Only contacts whose latest version records one of these activity codes
  // (role drift: the catalog's clinical-only codes).
  std::optional<std::vector<std::string>> any_activity;
};

// A contact's latest version, for lists.
struct ContactRow {
  Id id = 0;
  Id person_id = 0;
  Id worker_id = 0;
  std::string person_name;
  domain::ContactVersion latest;
  int annotations = 0;
};

struct StaffQuery {
  std::optional<Id> team_id;
  std::optional<Id> supervisor_id;  // peer or clinical supervisor of
  std::optional<domain::Role> role;
  Page page;
};

struct SupervisionQuery {
  std::optional<std::vector<Id>> supervisee_ids;
  std::optional<Id> supervisor_id;
  std::optional<Instant> from;
  std::optional<Instant> until;
  Page page;  // newest first
};

struct AssignmentQuery {
  std::optional<Id> person_id;
  std::optional<Id> worker_id;
  bool active_only = true;  // only those in force on active_on
  Day active_on = 0;
  Page page;
};

// A goal due for review on or before a day, with whose it is.
struct GoalDue {
  Id goal_id = 0;
  Id person_id = 0;
  std::string person_name;
  std::string words;
  Day review_on = 0;
};

struct CaseloadRow {
  domain::Staff worker;
  std::int64_t people = 0;           // active assignments
  std::int64_t contacts_last_28_days = 0;
  std::int64_t drafts = 0;
};

// A count for one worker (CountContactsByWorker) or the latest supervision
// session held with one supervisee (LatestSupervision: `count` is unused).
struct WorkerCount {
  Id worker_id = 0;
  std::int64_t count = 0;
};
struct SupervisionHeld {
  Id supervisee_id = 0;
  Instant held_at = 0;
};

// Display names for ids (the administrator's audit view): staff display
// names and people's preferred names, nothing else of their records.
struct DisplayNames {
  std::vector<std::pair<Id, std::string>> staff;
  std::vector<std::pair<Id, std::string>> people;
};

struct WeeklyCount {
  Day week_start = 0;
  std::int64_t contacts = 0;
};

// The program's settings: one record per database.
struct ProgramSettings {
  // The IANA time zone people enter and read times in ("America/New_York");
  // empty when it was never set (the machine's own zone is used then).
  std::string time_zone;
  // How long a safety event may wait for a supervisor's review before it
  // stands out on the oversight queue (docs/safety.md); 1 to 168.
  int safety_review_hours = 24;
};

// A plan due for review on or before a day, with whose it is.
struct PlanDue {
  Id plan_id = 0;
  Id person_id = 0;
  domain::PlanKind kind = domain::PlanKind::kSafety;
  Day review_on = 0;
  std::string person_name;
};

// Safety events to list: of a person, of some workers, or all; open only
// (not yet closed) or unreviewed only (no review yet), newest disclosure
// first, at most `limit`.
struct SafetyQuery {
  std::optional<Id> person_id;
  std::optional<std::vector<Id>> worker_ids;  // nullopt: every worker
  bool open_only = false;
  bool unreviewed_only = false;
  int limit = 200;
};

// A step to append, and the notifications written with it (the outbox).
struct SafetyStepWrite {
  domain::SafetyStep step;
  std::vector<domain::Notification> notify;
};

// A planned contact with the person's name, for lists.
struct PlannedContactRow {
  domain::PlannedContact plan;
  std::string person_name;
};

struct PlanQuery {
  std::optional<std::vector<Id>> worker_ids;  // planned by one of these workers
  std::optional<Id> person_id;
  std::optional<Instant> from;  // at >= from
  std::optional<Instant> until;  // at < until
  std::optional<domain::PlanStatus> status;
  Page page;  // soonest first
};

// Role-drift flags (docs/scope.md), newest first.
struct DriftQuery {
  std::optional<std::vector<Id>> worker_ids;
  std::optional<Id> contact_id;
  bool open_only = false;
  Page page;
};

// Advice requests and boundary events, on one contact or by these workers,
// newest first.
struct GuardrailQuery {
  std::optional<Id> contact_id;
  std::optional<std::vector<Id>> worker_ids;
  Page page;
};

// What the senior peer supervisor counts per worker (docs/scope.md): open
// drift flags, final notes whose current version keeps words the review
// marked, advice requests and boundary events recorded.
struct GuardrailCounts {
  Id worker_id = 0;
  std::int64_t open_drift_flags = 0;
  std::int64_t kept_flagged_notes = 0;
  std::int64_t advice_requests = 0;
  std::int64_t boundary_events = 0;
};

// What fidelity counts (docs/fidelity.md) for these workers over a period:
// contacts started, sessions held, events disclosed in [from, until), as
// things stand at `now`.
struct FidelityQuery {
  std::vector<Id> worker_ids;
  Instant from = 0;
  Instant until = 0;
  Instant now = 0;
  Day from_day = 0;   // the period's days (assignments in force in them)
  Day until_day = 0;  // exclusive
  std::int64_t deadline_seconds = 0;  // a note is due final this long after its start
  std::int64_t review_seconds = 0;    // a safety event is due review this long after opening
  std::string self_disclosure_activity;
  // Sessions are read until this long after `until` (a reflection after
  // the period's last disclosures).
  std::int64_t reflection_window_seconds = 0;
};

// A chunk of records with ids already assigned, loaded in one transaction by
// the synthetic generator and importers. Each record is validated; the audit
// log gains one row per kind of record loaded.
struct LoadBatch {
  std::vector<domain::Program> programs;
  std::vector<domain::Team> teams;
  std::vector<domain::Staff> staff;
  std::vector<domain::Certification> certifications;
  std::vector<domain::Person> people;
  std::vector<domain::Assignment> assignments;
  std::vector<domain::Contact> contacts;
  std::vector<domain::Goal> goals;
  std::vector<domain::GoalProgress> goal_progress;
  std::vector<domain::SupervisionSession> supervision_sessions;
  std::vector<domain::Admission> admissions;
  // Plans and safety events get their ids from the store (given ids are
  // ignored); their rules are checked as the use cases check them (each
  // plan version against its template, each step by domain::CheckSafetyStep
  // at the time it was recorded).
  std::vector<domain::PersonPlan> plans;
  std::vector<domain::SafetyEvent> safety_events;

  size_t size() const;
};

// The governance audit, grievances and the program's metrics
// (docs/governance.md).
struct GovernanceFactsQuery {
  std::vector<domain::Role> peer_roles;  // the roles counted as peer workers
  Day today = 0;                         // a certification is current when it expires after
  Instant peer_supervision_since = 0;    // a peer practice session at or after this is on time
};
// Grievances to list: filed by this person, by this staff member, or all
// (neither given); newest first.
struct GrievanceQuery {
  std::optional<Id> filed_by_person_id;
  std::optional<Id> filed_by_staff_id;
};
// What a grievance update writes: a status row with its note, the panel
// when it is formed (kept once written), and the outcome when resolved.
struct GrievanceChange {
  domain::GrievanceUpdate update;
  std::vector<domain::GrievancePanelMember> panel;
  std::optional<std::string> outcome;
};
struct MetricRow {
  domain::ProgramMetric metric;
  bool endorsed_by_person = false;  // by ListMetrics' `person_id`
};

class Store {
 public:
  virtual ~Store() = default;

  // Reference data and people. Return the new id.
  virtual Result<Id> AddProgram(const domain::Program& program, const Actor& actor) = 0;
  virtual Result<Id> AddTeam(const domain::Team& team, const Actor& actor) = 0;
  virtual Result<Id> AddStaff(const domain::Staff& staff, const Actor& actor) = 0;
  virtual Result<Id> AddCertification(const domain::Certification& certification,
                                      const Actor& actor) = 0;
  virtual Result<Id> AddPerson(const domain::Person& person, const Actor& actor) = 0;
  // Conflict when the same person is already assigned to the same worker on
  // or after the new assignment's start (no duplicate, no overlap).
  virtual Result<Id> AddAssignment(const domain::Assignment& assignment, const Actor& actor) = 0;
  // Replaces the person's pronouns and self-description (their own words
  // about themselves), validated as ValidatePerson does, with an audit row
  // ("person.profile", naming the fields changed, never their words), in
  // one transaction. NotFound for an unknown person; InvalidArgument naming
  // the field.
  virtual Status UpdatePersonProfile(Id person_id, const std::string& pronouns,
                                     const std::string& self_description,
                                     const Actor& actor) = 0;

  // Contacts. RecordContact stores version 1 (draft or final);
  // InvalidArgument when the person or worker does not exist.
  // Every contact version written (here, by AppendContactVersion and by
  // Load) stores how many phrases the language review marks in its note,
  // and a final one raises its role-drift flags (domain::RoleDriftReasons:
  // contacts are recorded by peer workers only) in the same transaction,
  // one per contact and code.
  virtual Result<Id> RecordContact(Id person_id, Id worker_id, const domain::ContactVersion& first,
                                   const Actor& actor) = 0;
  // The one way a stored contact changes. In one transaction: loads the
  // contact, asks `next` for the version to add (the use case's rule:
  // revise a draft, finalise it, amend a final note), validates it, appends
  // it as the next version with an audit row named `action`, and returns the
  // new version number. NotFound for an unknown contact; whatever `next`
  // returns when it refuses (nothing is written then).
  using ContactTransition = std::function<Result<domain::ContactVersion>(const domain::Contact&)>;
  virtual Result<int> AppendContactVersion(Id contact_id, const ContactTransition& next,
                                           const Actor& actor, const std::string& action) = 0;
  // NotFound for an unknown contact.
  virtual Result<domain::Contact> GetContact(Id contact_id) = 0;

  // Goals in the person's words; each change is a new version, added the
  // same way as a contact's (the transition sees the goal as committed).
  virtual Result<Id> AddGoal(Id person_id, const domain::GoalVersion& first,
                             const Actor& actor) = 0;
  using GoalTransition = std::function<Result<domain::GoalVersion>(const domain::Goal&)>;
  virtual Result<int> AppendGoalVersion(Id goal_id, const GoalTransition& next,
                                        const Actor& actor, const std::string& action) = 0;
  // NotFound for an unknown goal.
  virtual Result<domain::Goal> GetGoal(Id goal_id) = 0;
  virtual Result<Id> AddGoalProgress(const domain::GoalProgress& progress,
                                     const Actor& actor) = 0;

  virtual Result<Id> AddSupervisionSession(const domain::SupervisionSession& session,
                                           const Actor& actor) = 0;
  virtual Result<Id> AddAdmission(const domain::Admission& admission, const Actor& actor) = 0;

  virtual Status Load(const LoadBatch& batch, const Actor& actor) = 0;

  // Role drift. Flags are raised by the contact writes above; resolved once
  // through `resolve` (the use case's rule), which sees the flag as
  // committed and returns it with its resolution; the store writes the
  // resolution with an audit row in the same transaction, and refuses
  // (Conflict) a flag resolved meanwhile. NotFound for an unknown flag.
  virtual Result<std::vector<domain::DriftFlag>> ListDriftFlags(const DriftQuery& query) = 0;
  virtual Result<domain::DriftFlag> GetDriftFlag(Id flag_id) = 0;
  using DriftTransition = std::function<Result<domain::DriftFlag>(const domain::DriftFlag&)>;
  virtual Status ResolveDriftFlag(Id flag_id, const DriftTransition& resolve,
                                  const Actor& actor) = 0;
  // A row for each of `worker_ids` (by worker id), zeros included.
  virtual Result<std::vector<GuardrailCounts>> GuardrailCountsOf(
      const std::vector<Id>& worker_ids) = 0;
  // Requests for advice and boundary events on contacts: validated
  // (ValidateAdviceRequest, ValidateBoundaryRecord), appended with an audit
  // row; InvalidArgument naming contact_id when the contact is not the
  // person's. Never changed afterwards.
  virtual Result<Id> AddAdviceRequest(const domain::AdviceRequest& request,
                                      const Actor& actor) = 0;
  virtual Result<std::vector<domain::AdviceRequest>> ListAdviceRequests(
      const GuardrailQuery& query) = 0;
  virtual Result<Id> AddBoundaryRecord(const domain::BoundaryRecord& record,
                                       const Actor& actor) = 0;
  virtual Result<std::vector<domain::BoundaryRecord>> ListBoundaryRecords(
      const GuardrailQuery& query) = 0;
  // NotFound for an unknown session.
  virtual Result<domain::SupervisionSession> GetSupervisionSession(Id session_id) = 0;

  // The person's plans (docs/plans.md): one of each kind per person
  // (Conflict for a second). Each change is a new version through `next`,
  // which sees the plan as committed, as for goals; the plan's template
  // validation is the use case's. SetPlanSharing replaces who beyond the
  // peer worker may read it, with an audit row. NotFound for an unknown plan.
  virtual Result<Id> AddPersonPlan(const domain::PersonPlan& plan, const Actor& actor) = 0;
  using PlanTransition = std::function<Result<domain::PlanVersion>(const domain::PersonPlan&)>;
  virtual Result<int> AppendPlanVersion(Id plan_id, const PlanTransition& next,
                                        const Actor& actor, const std::string& action) = 0;
  virtual Status SetPlanSharing(Id plan_id, const std::vector<domain::PlanAudience>& shared_with,
                                const Actor& actor) = 0;
  virtual Result<domain::PersonPlan> GetPersonPlan(Id plan_id) = 0;
  virtual Result<std::vector<domain::PersonPlan>> ListPersonPlans(Id person_id) = 0;
  // Plans whose latest review day is on or before `today`, of people
  // assigned to `worker_ids` today; at most 200, soonest first.
  virtual Result<std::vector<PlanDue>> PlansDueForReview(const std::vector<Id>& worker_ids,
                                                         Day today) = 0;

  // Safety events (docs/safety.md). Open writes the event (no steps) and
  // its notifications in one transaction. AppendSafetyStep loads the event
  // in the writer's transaction, asks `next` for the step (the use case
  // checks domain::CheckSafetyStep there, so two steps written at once
  // cannot both pass the check on a stale event) and appends it with its
  // notifications and an audit row. AddSafetyReview appends a review and
  // marks the event reviewed. NotFound for an unknown event.
  virtual Result<Id> OpenSafetyEvent(const domain::SafetyEvent& event,
                                     const std::vector<domain::Notification>& notify,
                                     const Actor& actor) = 0;
  using SafetyTransition = std::function<Result<SafetyStepWrite>(const domain::SafetyEvent&)>;
  virtual Result<int> AppendSafetyStep(Id event_id, const SafetyTransition& next,
                                       const Actor& actor) = 0;
  virtual Result<Id> AddSafetyReview(const domain::SafetyReview& review, const Actor& actor) = 0;
  virtual Result<domain::SafetyEvent> GetSafetyEvent(Id event_id) = 0;
  virtual Result<std::vector<domain::SafetyEvent>> ListSafetyEvents(const SafetyQuery& query) = 0;

  // The outbox. Due: undelivered notifications whose next attempt is at or
  // before `now`, oldest first, at most `limit`. A delivery is marked done,
  // or failed with the error and when to try again (attempts counted); both
  // NotFound for an unknown id. Listed for a staff member (in-app), newest
  // first; or every undelivered one (what is still waiting).
  virtual Result<std::vector<domain::Notification>> DueNotifications(Instant now, int limit) = 0;
  virtual Status MarkNotificationDelivered(Id notification_id, Instant at) = 0;
  virtual Status MarkNotificationFailed(Id notification_id, const std::string& error,
                                        Instant next_attempt_at) = 0;
  virtual Result<std::vector<domain::Notification>> ListNotifications(
      std::optional<Id> recipient_staff_id, bool undelivered_only, int limit) = 0;

  // Fidelity: a row for each of `query.worker_ids`, in that order (zeros
  // for a worker with nothing recorded), as domain::WorkerPractice
  // describes; read in a handful of queries whatever the number of workers.
  virtual Result<std::vector<domain::WorkerPractice>> PracticeForFidelity(
      const FidelityQuery& query) = 0;

  // Settings. Save replaces them with an audit row, in one transaction.
  virtual Result<ProgramSettings> GetProgramSettings() = 0;
  virtual Status SaveProgramSettings(const ProgramSettings& settings, const Actor& actor) = 0;

  // Planned contacts. Add validates the plan (InvalidArgument naming the
  // field; a person or worker that does not exist names person_id or
  // worker_id). SetPlanStatus changes a plan's status with an audit row;
  // NotFound for an unknown plan.
  virtual Result<Id> AddPlannedContact(const domain::PlannedContact& plan, const Actor& actor) = 0;
  virtual Result<domain::PlannedContact> GetPlannedContact(Id plan_id) = 0;
  virtual Status SetPlanStatus(Id plan_id, domain::PlanStatus status, const Actor& actor) = 0;
  virtual Result<std::vector<PlannedContactRow>> ListPlannedContacts(const PlanQuery& query) = 0;

  // Attempts to reach a person that did not become a contact; listed
  // newest first, at most `limit`.
  virtual Result<Id> AddContactAttempt(const domain::ContactAttempt& attempt,
                                       const Actor& actor) = 0;
  virtual Result<std::vector<domain::ContactAttempt>> ListContactAttempts(Id person_id,
                                                                          int limit) = 0;

  // Reads. Get* answer NotFound for an unknown id; lists answer an empty
  // list when nothing matches (an unknown filter id included). Lists with a
  // Page are paged in their fixed order. Reads apply no access rule: the
  // use cases decide what a caller may see before reading.
  virtual Result<domain::Person> GetPerson(Id person_id) = 0;
  virtual Result<std::vector<PersonRow>> ListPeople(const PeopleQuery& query) = 0;
  virtual Result<std::vector<ContactRow>> ListContacts(const ContactQuery& query) = 0;
  // How many contacts match `query` (its page and order are ignored).
  virtual Result<std::int64_t> CountContacts(const ContactQuery& query) = 0;
  virtual Result<std::vector<domain::Goal>> ListGoals(Id person_id) = 0;
  virtual Result<std::vector<domain::GoalProgress>> ListGoalProgress(Id goal_id) = 0;
  // Active goals whose review day is on or before `today`, of people
  // assigned to `worker_ids` today; at most 200, soonest first.
  virtual Result<std::vector<GoalDue>> GoalsDueForReview(const std::vector<Id>& worker_ids,
                                                         Day today) = 0;
  virtual Result<domain::Staff> GetStaff(Id staff_id) = 0;
  virtual Result<std::vector<domain::Staff>> ListStaff(const StaffQuery& query) = 0;
  virtual Result<std::vector<domain::Team>> ListTeams() = 0;
  virtual Result<std::vector<domain::Assignment>> ListAssignments(const AssignmentQuery& query) = 0;
  virtual Result<std::vector<domain::SupervisionSession>> ListSupervision(
      const SupervisionQuery& query) = 0;
  virtual Result<std::vector<domain::Admission>> ListAdmissions(Id person_id) = 0;
  virtual Result<std::vector<domain::Certification>> ListCertifications(Id staff_id) = 0;
  virtual Result<std::vector<CaseloadRow>> Caseloads(std::optional<Id> team_id, Instant now) = 0;
  virtual Result<std::vector<WeeklyCount>> ContactsPerWeek(Instant from, Instant until) = 0;
  // Caseloads() for these workers only (any role, active or not), in the
  // same order; unknown ids are left out.
  virtual Result<std::vector<CaseloadRow>> CaseloadsOf(const std::vector<Id>& worker_ids,
                                                       Instant now) = 0;
  // CountContacts per worker, in one query: a row for each worker with at
  // least one matching contact, by worker id (page and order ignored).
  virtual Result<std::vector<WorkerCount>> CountContactsByWorker(const ContactQuery& query) = 0;
  // The latest session `supervisor_id` held with each of `supervisee_ids`:
  // a row for each supervisee with at least one, by supervisee id.
  virtual Result<std::vector<SupervisionHeld>> LatestSupervision(
      Id supervisor_id, const std::vector<Id>& supervisee_ids) = 0;
  // The names of these staff and people, in one query; unknown ids are left
  // out. By id.
  virtual Result<DisplayNames> NamesOf(const std::vector<Id>& staff_ids,
                                       const std::vector<Id>& person_ids) = 0;

  // Relationships, for access decisions: the workers assigned to the person
  // on `today` (started on or before it, not ended on or before it).
  virtual Result<std::vector<Id>> ActiveWorkersOf(Id person_id, Day today) = 0;
  // Workers whose peer or clinical supervisor is `supervisor_id`.
  virtual Result<std::vector<Id>> SuperviseesOf(Id supervisor_id) = 0;

  // The person's annotations on notes. NotFound for an unknown contact;
  // InvalidArgument when the words are empty or too long, or the annotation
  // names another person than the note is about.
  virtual Result<Id> AddAnnotation(const Annotation& annotation, const Actor& actor) = 0;
  virtual Result<std::vector<Annotation>> ListAnnotations(Id contact_id) = 0;

  // Accounts and sessions. Usernames are unique (Conflict otherwise).
  virtual Result<Id> AddAccount(const Account& account, const Actor& actor) = 0;
  virtual Result<Account> FindAccount(const std::string& username) = 0;
  virtual Result<Account> GetAccount(Id account_id) = 0;
  // Counts a sign-in attempt *before* its password is checked, in one write,
  // so that parallel guesses cannot check more passwords than the limit:
  // false (nothing changed) while the account is locked; otherwise the try is
  // counted as failed (RecordSuccessfulLogin clears the count) and, when it is
  // the `max_failed`-th since the last lock ended, the account is locked until
  // `now + lockout_seconds`. NotFound for an unknown account (after the same
  // work, so that the answer takes as long).
  virtual Result<bool> ClaimSignInAttempt(Id account_id, Instant now, int max_failed,
                                          int lockout_seconds) = 0;
  virtual Status RecordSuccessfulLogin(Id account_id) = 0;
  // Replaces the account's password hash and ends all of its sessions except
  // `keep_token_hash` (may be empty), with an audit row, in one transaction.
  // NotFound for an unknown account.
  virtual Status ChangePassword(Id account_id, const std::string& password_hash,
                                const std::string& keep_token_hash, const Actor& actor) = 0;
  // Ends one session (signing out), with its audit row, in one transaction.
  virtual Status EndSession(const std::string& token_hash, Id account_id, const Actor& actor) = 0;
  // Ends all of the account's sessions except `keep_token_hash`, with an
  // audit row, in one transaction; how many ended.
  virtual Result<int> EndOtherSessions(Id account_id, const std::string& keep_token_hash,
                                       const Actor& actor) = 0;
  virtual Status CreateSession(const Session& session) = 0;
  virtual Result<Session> FindSession(const std::string& token_hash) = 0;
  // The session, its account and display name in one read; NotFound when
  // there is no such session.
  virtual Result<SignedInRecord> FindSignedIn(const std::string& token_hash) = 0;
  virtual Status TouchSession(const std::string& token_hash, Instant seen_at) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;

  virtual Result<ProgramSummary> Summary() = 0;

  // Appends a row that records an event with no other write (a read, a
  // denial). Returns the row's seq once it is committed.
  virtual Result<std::int64_t> AppendAudit(const AuditEntry& entry) = 0;
  // Appends several rows in one transaction (one per person a list showed);
  // Ok once all are committed, none written otherwise.
  virtual Status AppendAuditRows(const std::vector<AuditEntry>& entries) = 0;
  virtual Result<std::vector<AuditEntry>> AuditTail(size_t max_rows) = 0;
  // Walks the whole chain; intact=false names the first bad row.
  virtual Result<AuditVerification> VerifyAudit() = 0;

  // SHA-256 over every record except the audit log, sign-ins and sessions, in a fixed
  // order: equal for two stores holding the same records.
  virtual Result<std::string> ContentDigest() = 0;

  // Governance (docs/governance.md). Every write appends its audit row in
  // its transaction.
  // A declaration of a governance item; InvalidArgument "recorded_by" for an
  // unknown staff member.
  virtual Result<Id> AddGovernanceDeclaration(const domain::GovernanceDeclaration& declaration,
                                              const Actor& actor) = 0;
  // The latest declaration of each code, by code.
  virtual Result<std::vector<domain::GovernanceDeclaration>> LatestGovernanceDeclarations() = 0;
  // The counts of active peer workers the computed items need, in one
  // query (domain::GovernanceFacts; the metric counts and declarations are
  // left empty: ListMetrics and LatestGovernanceDeclarations give them).
  // A worker counts as supervised when the supervisor named is active; a
  // certification is current when issued on or before `today` and expiring
  // on or after it.
  virtual Result<domain::GovernanceFacts> ReadGovernanceFacts(const GovernanceFactsQuery& query) = 0;
  // Files a grievance (status received) with its first update row;
  // InvalidArgument naming a filer or worker id that does not exist.
  virtual Result<Id> FileGrievance(const domain::Grievance& grievance, const Actor& actor) = 0;
  // Loads the grievance in the writer's transaction, asks `next` for the
  // change (its error is returned, nothing written), and writes the update,
  // the panel (if given) and the new status and outcome. NotFound for an
  // unknown grievance.
  using GrievanceTransition = std::function<Result<GrievanceChange>(const domain::Grievance&)>;
  virtual Result<Id> UpdateGrievance(Id grievance_id, const GrievanceTransition& next,
                                     const Actor& actor) = 0;
  // With its panel and updates (oldest first); NotFound for an unknown id.
  virtual Result<domain::Grievance> GetGrievance(Id grievance_id) = 0;
  virtual Result<std::vector<domain::Grievance>> ListGrievances(const GrievanceQuery& query) = 0;
  // A proposed metric (not adopted); InvalidArgument naming an unknown
  // proposer.
  virtual Result<Id> ProposeMetric(const domain::ProgramMetric& metric, const Actor& actor) = 0;
  // NotFound for an unknown metric; Conflict when the person endorsed it
  // already; InvalidArgument "person_id" for an unknown person.
  virtual Status EndorseMetric(Id metric_id, Id person_id, Instant at, const Actor& actor) = 0;
  // NotFound for an unknown metric; Conflict when it is adopted already.
  virtual Status AdoptMetric(Id metric_id, Instant at, const Actor& actor) = 0;
  // Every metric with its endorsement count, oldest first; whether
  // `person_id` (when given) endorsed each.
  virtual Result<std::vector<MetricRow>> ListMetrics(std::optional<Id> person_id) = 0;
  virtual Result<domain::ProgramMetric> GetMetric(Id metric_id) = 0;
};

}  // namespace alongside::store
