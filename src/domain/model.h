// The value types of the domain. Plain data: invariants are checked by the
// Validate* functions in rules.h, never by the store or the server alone.
// Ids are assigned by the store; 0 means "not yet stored".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "domain/boundary_policy.h"
#include "domain/vocabulary.h"

namespace alongside::domain {

using Id = std::int64_t;

struct Program {
  Id id = 0;
  std::string name;
};

struct Team {
  Id id = 0;
  Id program_id = 0;
  std::string name;
  TeamSetting setting = TeamSetting::kCommunityAgency;
};

// A member of staff. Peer workers carry two supervisors (the hybrid model):
// a senior peer supervisor and a clinical supervisor.
struct Staff {
  Id id = 0;
  Id team_id = 0;
  std::string display_name;
  Role role = Role::kPeerSpecialist;
  std::optional<Id> peer_supervisor_id;
  std::optional<Id> clinical_supervisor_id;
  bool active = true;
};

struct Certification {
  Id id = 0;
  Id staff_id = 0;
  std::string name;  // e.g. "Certified Peer Specialist"
  Day issued_on = 0;
  Day expires_on = 0;
};

// A person served. No diagnosis field: people describe themselves.
struct Person {
  Id id = 0;
  Id team_id = 0;
  std::string preferred_name;
  std::string pronouns;
  std::string self_description;  // in their own words
  std::optional<int> birth_year;
  Day enrolled_on = 0;
};

struct Assignment {
  Id id = 0;
  Id person_id = 0;
  Id worker_id = 0;
  Day start_on = 0;
  std::optional<Day> end_on;
};

// One version of a contact's record. Versions are append-only: a draft is
// revised by adding a version; a final version is never changed, only
// superseded by an amendment (a new version naming the one it amends).
struct ContactVersion {
  int version = 1;
  Instant start = 0;
  Instant end = 0;
  ContactSetting setting = ContactSetting::kCommunity;
  ModalitySet modalities = 0;
  std::vector<std::string> activities;  // codes from the activity catalog
  std::string note;
  std::string person_words;  // the person's own account, verbatim
  NoteStatus status = NoteStatus::kDraft;
  Id written_by = 0;  // staff id
  Instant written_at = 0;
  std::optional<Id> signed_by;
  std::optional<Instant> signed_at;
  std::optional<int> amends_version;
  std::string amend_reason;
  // Why the writer kept words the language review marked (empty when they
  // changed them, or gave no reason). Never required: finalising is never
  // blocked by the review.
  std::string wording_reason;
};

struct Contact {
  Id id = 0;
  Id person_id = 0;
  Id worker_id = 0;
  std::vector<ContactVersion> versions;  // oldest first; never empty once stored

  const ContactVersion& latest() const { return versions.back(); }
};

// A goal in the person's own words. Each change of wording or status is a new
// version; co-signing by the person is recorded on the version they signed.
struct GoalVersion {
  int version = 1;
  std::string words;
  GoalStatus status = GoalStatus::kActive;
  bool authored_by_person = true;
  std::optional<Day> review_on;
  std::optional<Instant> cosigned_at;
  Instant written_at = 0;
};

struct Goal {
  Id id = 0;
  Id person_id = 0;
  std::vector<GoalVersion> versions;

  const GoalVersion& latest() const { return versions.back(); }
};

struct GoalProgress {
  Id id = 0;
  Id goal_id = 0;
  Instant at = 0;
  std::string words;
  bool by_person = true;
};

// A record of the supervisee's practice a session discussed.
struct SupervisionLink {
  SupervisionSubject subject = SupervisionSubject::kContact;
  Id id = 0;

  bool operator==(const SupervisionLink&) const = default;
};

struct SupervisionSession {
  Id id = 0;
  Id supervisor_id = 0;
  Id supervisee_id = 0;
  SupervisionKind kind = SupervisionKind::kPeerPractice;
  Instant held_at = 0;
  int duration_minutes = 60;
  std::vector<SupervisionFocus> focus;
  std::string reflection;  // free-text notes; empty when none were written
  // The structured reflection, in the supervisee's words (docs/fidelity.md:
  // P counts sessions where all four are written).
  std::string what_happened;
  std::string what_i_felt;
  std::string what_i_learned;
  std::string what_i_will_do;
  // The contacts, drift flags, boundary events, advice requests and safety
  // events of the supervisee that the session discussed.
  std::vector<SupervisionLink> discussed;

  bool HasStructuredReflection() const {
    return !what_happened.empty() && !what_i_felt.empty() && !what_i_learned.empty() &&
           !what_i_will_do.empty();
  }
};

struct Admission {
  Id id = 0;
  Id person_id = 0;
  AdmissionKind kind = AdmissionKind::kPsychiatricInpatient;
  Day admitted_on = 0;
  std::optional<Day> discharged_on;  // none: still there
  std::string place;                 // where, in words ("St. Anne's, ward 4"); may be empty
};

// A contact a worker plans with a person ahead of time: an appointment to
// go to together, a visit, a call. What happened is recorded afterwards as a
// contact; the plan itself is planned, done or cancelled.

struct PlannedContact {
  Id id = 0;
  Id person_id = 0;
  Id worker_id = 0;
  Instant at = 0;
  ContactSetting setting = ContactSetting::kCommunity;
  std::string place;    // where, in words: "the pharmacy on Main Street"
  std::string purpose;  // what for, in words: "pick up the new prescription together"
  PlanStatus status = PlanStatus::kPlanned;
  Instant created_at = 0;
};

// An attempt to reach a person that did not become a contact: a call with
// no answer, a knock on a door nobody opened. Never counted as a contact.
struct ContactAttempt {
  Id id = 0;
  Id person_id = 0;
  Id worker_id = 0;
  Instant at = 0;
  ContactSetting setting = ContactSetting::kPhone;  // how: by phone, at home, ...
};

// Role drift (docs/scope.md): raised when a final note records a
// clinical-only activity or keeps scope language; one per contact and code;
// resolved once, never deleted.
struct DriftFlag {
  Id id = 0;
  Id contact_id = 0;
  Id person_id = 0;
  Id worker_id = 0;
  Instant raised_at = 0;
  DriftSource source = DriftSource::kActivity;
  std::string code;  // the activity code, or the language rule id
  std::optional<DriftResolution> resolution;  // none while open
  std::string resolution_note;
  std::optional<Id> resolved_by;
  std::optional<Instant> resolved_at;
  std::optional<Id> supervision_session_id;  // when discussed in supervision
};

// A request for advice ("what should I do?") and how the worker walked the
// five steps with the person (docs/scope.md). Recorded on a contact; never
// changed afterwards (a later request is a new record).
struct AdviceRequest {
  Id id = 0;
  Id contact_id = 0;
  Id person_id = 0;
  Id worker_id = 0;
  Instant recorded_at = 0;
  std::string asked;  // what the person asked about, in brief
  std::array<AdviceStepOutcome, 5> steps{};  // by AdviceStep, in kAllAdviceSteps order
  std::string note;
};

// A boundary moment on a contact (docs/boundaries.md): the facts, the
// guidance the program's policy gave at the time, and what the worker
// decided, the conversation and any consultation. Never changed afterwards.
struct BoundaryRecord {
  Id id = 0;
  Id contact_id = 0;
  Id person_id = 0;
  Id worker_id = 0;
  Instant recorded_at = 0;
  BoundaryEvent event;
  BoundaryDecision guidance = BoundaryDecision::kConsultSupervisor;
  std::vector<std::string> guidance_rules;  // rule ids, as GuideBoundaryEvent gave them
  BoundaryDecision decision = BoundaryDecision::kConsultSupervisor;  // what the worker did
  std::string conversation;  // how it was talked through with the person
  bool supervisor_consulted = false;
  std::string consultation;  // with whom and what was agreed; may be empty
};

// A plan the person owns (docs/plans.md): their wellness and recovery
// action plan or their safety plan, in their own words, one section per
// heading of the kind's template (plan_templates.json). Every change is a
// new version by its author; a version written by a worker stands as the
// person's once the person co-signs it (a person's own version is theirs
// already). Versions are never changed or removed.
struct PlanSection {
  std::string code;   // the template's section code ("warning_signs")
  std::string words;  // the person's words, as written
};

struct PlanVersion {
  int version = 1;
  std::vector<PlanSection> sections;  // in the template's order; empty sections left out
  bool by_person = true;              // written by the person (else by `author_staff_id`)
  std::optional<Id> author_staff_id;  // the worker who wrote it with the person
  std::optional<Day> review_on;       // when the person wants to look at it again
  std::optional<Instant> cosigned_at; // the person's co-signature of a worker's version
  Instant written_at = 0;
};

struct PersonPlan {
  Id id = 0;
  Id person_id = 0;
  PlanKind kind = PlanKind::kSafety;
  std::vector<PlanAudience> shared_with;  // beyond the peer worker, who always sees it
  std::vector<PlanVersion> versions;

  const PlanVersion& latest() const { return versions.back(); }
};

// One step of a safety event's protocol, as recorded: when it happened
// (`at`, never before the step before it), when it was written down
// (`recorded_at`, the clock's), by whom, and the step's own facts.
struct SafetyStep {
  SafetyStepCode step = SafetyStepCode::kConfidentialityExplained;
  Instant at = 0;
  Instant recorded_at = 0;
  Id by_staff_id = 0;
  std::string note;
  std::optional<bool> imminent;  // imminent_risk_judged: the judgement
  std::string reason;            // imminent_risk_judged: why
  std::string to;                // connected_with_consent: to whom
  std::string justification;     // escalated_without_consent: why, in writing
  bool emergency = false;        // escalated_without_consent before the earlier steps
  std::optional<Id> plan_id;     // safety_planning: the safety plan made or updated
};

// A clinical supervisor's (or senior peer supervisor's) review of an event.
struct SafetyReview {
  Id id = 0;
  Id event_id = 0;
  Id reviewer_id = 0;
  domain::Role reviewer_role = domain::Role::kClinicalSupervisor;
  Instant at = 0;
  std::string note;
};

// A disclosure of risk and the least-restrictive protocol that followed it
// (domain/safety.h holds the rules of which step may come next).
struct SafetyEvent {
  Id id = 0;
  Id person_id = 0;
  Id worker_id = 0;
  SafetyKind kind = SafetyKind::kOther;
  Instant disclosed_at = 0;
  Instant opened_at = 0;
  std::string description;
  std::vector<SafetyStep> steps;  // in the order recorded
  std::vector<SafetyReview> reviews;
};

// A notification in the outbox: written in the same transaction as what
// it tells of, delivered by a background worker to its channel, retried
// with back-off until delivered; never removed.
struct Notification {
  Id id = 0;
  Instant created_at = 0;
  NotificationChannel channel = NotificationChannel::kInApp;
  std::optional<Id> recipient_staff_id;  // in-app: whose list it shows on
  std::string subject;                   // no name of a person served: only ids and links
  std::string body;
  std::string topic;                     // "safety_event.opened"
  std::optional<Id> safety_event_id;
  int attempts = 0;
  Instant next_attempt_at = 0;
  std::optional<Instant> delivered_at;
  std::string last_error;
};

// A grievance (docs/governance.md): filed by a person served or a worker,
// heard by a panel with a peer representative and someone independent of
// the worker's line management; each change of status is an update kept in
// order.
struct GrievancePanelMember {
  Id staff_id = 0;
  bool peer_representative = false;  // as the rule judged when the panel was formed
  bool independent = false;
};

struct GrievanceUpdate {
  Id id = 0;
  Instant at = 0;
  std::optional<Id> by_staff_id;
  GrievanceStatus status = GrievanceStatus::kReceived;
  std::string note;
};

struct Grievance {
  Id id = 0;
  std::optional<Id> filed_by_person_id;
  std::optional<Id> filed_by_staff_id;
  std::optional<Id> about_worker_id;
  Instant filed_at = 0;
  std::string summary;  // in the filer's words
  GrievanceStatus status = GrievanceStatus::kReceived;
  std::string outcome;
  Instant updated_at = 0;
  std::vector<GrievancePanelMember> panel;
  std::vector<GrievanceUpdate> updates;  // oldest first
};

// A performance metric of the program, proposed by a person served or by
// staff, endorsed by people served (docs/governance.md).
struct ProgramMetric {
  Id id = 0;
  std::string words;
  std::optional<Id> proposed_by_person_id;
  std::optional<Id> proposed_by_staff_id;
  Instant proposed_at = 0;
  std::optional<Instant> adopted_at;
  std::int64_t endorsements = 0;  // people served who endorsed it (read only)
};

// A declared item of the governance audit ("parity_pay"): met or not, with
// the evidence, by whom and when. The latest declaration of a code stands.
struct GovernanceDeclaration {
  Id id = 0;
  std::string code;
  bool met = false;
  std::string evidence;
  Id recorded_by = 0;
  Instant recorded_at = 0;
};

}  // namespace alongside::domain
