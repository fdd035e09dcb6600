// The rules a program runs with: practice thresholds, role groups, the words
// shown for every closed vocabulary, the activity catalog and the note
// language review's rules. Each comes from
// a data file (src/rules/data/*.json, compiled into the binary; a program may
// give its own copies in a directory, see docs/data-files.md), loaded through
// rules::DataFile and validated as a whole before anything uses it.
//
// A Rules is immutable once loaded and safe to read from any number of threads.
//
// The activity catalog: domain::ActivityCatalog::FromJson parses through the
// same loader (its errors carry file:line:column), but domain does not link
// rules: Install() hands the loaded catalog to
// domain::ActivityCatalog::InstallCurrent, so ActivityCatalog::Default()
// (the store's validation, the use cases) and rules::Current().activities()
// (the pages) are the same catalog. The language review is handed over the
// same way (domain::LanguageReview::InstallCurrent), so
// LanguageReview::Current() and rules::Current().language_review() agree;
// so are the boundary policy and the billable-note completeness rules
// (domain::NoteCompletenessRules::Current() and
// rules::Current().note_completeness()), and the templates of a person's
// plans (domain::PlanTemplates::Default() and rules::Current().plan_templates()).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/activity_catalog.h"
#include "domain/boundary_policy.h"
#include "domain/governance.h"
#include "domain/fidelity.h"
#include "domain/language_review.h"
#include "domain/note_completeness.h"
#include "domain/plan_templates.h"
#include "domain/vocabulary.h"

namespace alongside::rules {

// practice.json. Every field is validated on load (ranges in docs/data-files.md).
struct PracticeRules {
  // A contact's note should be final within this many hours of its start.
  int documentation_deadline_hours = 0;
  // On a peer worker's Today page a person is "to see" when their last
  // contact is older than this many days.
  int contact_due_after_days = 0;
  // The Today page lists at least this many people to see.
  int min_people_to_see = 0;
  // A contact's start may be at most now plus this many minutes (clock skew).
  int future_start_tolerance_minutes = 0;
  // A contact that starts before this year is implausible.
  int earliest_contact_year = 0;
  // On a supervisor's page a supervisee is "due supervision" when the
  // supervisor has held no session with them for this many days: peer
  // practice supervision (the senior peer supervisor) and clinical
  // supervision (the clinical supervisor). Optional in a program's file
  // (14 and 30 when absent).
  int peer_supervision_due_after_days = 0;
  int clinical_supervision_due_after_days = 0;
};

class Rules {
 public:
  // Loads every data file from `dir` when given (a program's own copies; a
  // file missing there falls back to the built-in one), else the built-in
  // ones; InvalidArgument "file:line:col: what" for the first problem
  // (field() = "practice.json:4:35" or the full path of a file from `dir`,
  // detail() = "documentation_deadline_hours must be ..."). A `dir` that is
  // not a directory, or a file there that cannot be read, is InvalidArgument
  // naming that path.
  static Result<Rules> Load(const std::optional<std::string>& dir);

  const PracticeRules& practice() const { return practice_; }
  const domain::ActivityCatalog& activities() const { return activities_; }
  // language.json: the note language review's rules (docs/language-review.md).
  const domain::LanguageReview& language_review() const { return language_review_; }
  // boundaries.json: the organisation's boundary policy (docs/boundaries.md).
  const domain::BoundaryPolicy& boundaries() const { return boundaries_; }
  // note_completeness.json: how the billable-note completeness check
  // recognises a narrative, and its messages (docs/billing-notes.md).
  const domain::NoteCompletenessRules& note_completeness() const { return note_completeness_; }
  // plan_templates.json: the sections of a person's wellness and safety
  // plans, and the crisis lines (docs/plans.md).
  const domain::PlanTemplates& plan_templates() const { return plan_templates_; }
  // governance.json: the governance audit's items, minimums and
  // co-production threshold (docs/governance.md); Install() hands it to
  // domain::GovernanceRules::InstallCurrent.
  const domain::GovernanceRules& governance() const { return governance_; }
  // fidelity.json: the weights and thresholds of F, R and P (docs/fidelity.md);
  // its self-disclosure activity is one of the catalog's peer activities.
  const domain::FidelityModel& fidelity() const { return fidelity_; }
  // roles.json: the roles that carry a caseload and record contacts.
  bool IsPeerWorker(domain::Role role) const;
  // roles.json: the roles that hold supervision sessions.
  bool IsSupervisor(domain::Role role) const;

  // labels.json: the words people read for a code ("peer specialist",
  // "Working on it", "By phone"). Never empty for an enumerator; an empty
  // text for an integer cast to the enum that names none.
  const std::string& Label(domain::Role value) const;
  const std::string& Label(domain::GoalStatus value) const;
  const std::string& Label(domain::AdmissionKind value) const;
  const std::string& Label(domain::TeamSetting value) const;
  const std::string& Label(domain::ContactSetting value) const;
  const std::string& Label(domain::Modality value) const;
  const std::string& Label(domain::NoteStatus value) const;
  const std::string& Label(domain::SupervisionKind value) const;
  const std::string& Label(domain::SupervisionFocus value) const;
  const std::string& Label(domain::BoundaryEventKind value) const;
  const std::string& Label(domain::BoundaryDecision value) const;
  const std::string& Label(domain::SafetyKind value) const;
  const std::string& Label(domain::SafetyStepCode value) const;
  const std::string& Label(domain::GrievanceStatus value) const;

 private:
  Rules() = default;

  PracticeRules practice_;
  domain::ActivityCatalog activities_;
  domain::LanguageReview language_review_;
  domain::BoundaryPolicy boundaries_;
  domain::NoteCompletenessRules note_completeness_;
  domain::PlanTemplates plan_templates_;
  domain::GovernanceRules governance_;
  domain::FidelityModel fidelity_;
  std::vector<bool> peer_worker_;  // indexed by domain::Role
  std::vector<bool> supervisor_;
  std::vector<std::string> role_labels_;  // each indexed by its enum
  std::vector<std::string> goal_status_labels_;
  std::vector<std::string> admission_kind_labels_;
  std::vector<std::string> team_setting_labels_;
  std::vector<std::string> contact_setting_labels_;
  std::vector<std::string> modality_labels_;
  std::vector<std::string> note_status_labels_;
  std::vector<std::string> supervision_kind_labels_;
  std::vector<std::string> boundary_kind_labels_;
  std::vector<std::string> boundary_decision_labels_;
  std::vector<std::string> supervision_focus_labels_;
  std::vector<std::string> safety_kind_labels_;
  std::vector<std::string> safety_step_labels_;
  std::vector<std::string> grievance_status_labels_;
};

// The process-wide rules: Install() once at start-up (serve, demo, tests);
// Current() returns the installed rules, or the built-in ones (loaded on
// first use, abort with the message if the built-in files are invalid: a
// build defect) when none were installed.
//
// Both are thread-safe. Installing again replaces the rules for later calls
// to Current(); references returned earlier stay valid (installed rules are
// kept until the process exits).
void Install(Rules rules);
const Rules& Current();

}  // namespace alongside::rules
