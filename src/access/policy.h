// The one access policy: every decision about who may do what is made here,
// by role and by relationship (and, in a later issue, by consent), and asked
// by the use cases (usecase/), never by the HTTP handlers. A peer worker
// reaches the people assigned to them today; a senior peer supervisor and a
// clinical supervisor read their supervisees' work; a person served reaches
// only their own record; a program manager sees aggregates and staff and
// manages assignments; an evaluator sees aggregates only, no identifying
// data; an administrator manages accounts and keeps the audit log; a
// clinician sees nothing yet (consent-based access comes later).
//
// Decisions return Ok or Forbidden (the use case audits the denial) or the
// store's error. A person id that does not exist is refused exactly like one
// that is not the caller's, so the answer never tells whether a record
// exists. "Today" is the caller's clock, given to each call: an assignment
// gives access from its start day until the day it ends (exclusive).
// Thread-safe (holds only a reference to the store).
#pragma once

#include <optional>
#include <vector>

#include "access/principal.h"
#include "common/time.h"
#include "store/store.h"

namespace alongside::access {

enum class Action {
  kReadPerson,         // a person's record: profile, notes, goals, admissions, annotations
  kReadCaseloadRecord, // the worker's view of a person's record (drafts, scope notes)
  kRecordContact,      // record, revise, finalise, amend a contact; add admissions
  kWorkOnGoals,        // a worker adds or revises a goal in the person's words, or progress
  kSelfGoals,          // the person adds, revises, co-signs their own goals, adds progress
  kAnnotate,           // the person annotates a note about themselves
  kWorkCaseload,       // a peer worker's own caseload, today and drafts
  kOpenOwnRecord,      // a person served's own pages
  kOverseeSupervisees, // a supervisor's overview of their supervisees' work
  kReadStaff,          // staff list and a staff member
  kReadTeams,
  kReadProgramAggregates,  // summary, caseload sizes, contacts per week
  kReadSupervision,    // sessions of a supervisee
  kWriteSupervision,
  kManageAssignments,
  kManageProgram,      // the program's settings (its time zone): the program manager
  kAdminister,         // the administrator's page: audit chain and latest entries
  kReadPlan,           // a person's wellness or safety plan (as they shared it)
  kWritePlan,          // start or revise a plan: the person, or their worker with them
  kOwnPlan,            // co-sign a plan, choose whom it is shared with: the person only
  kRecordSafety,       // open a safety event and record its steps: the person's peer worker
  kReadSafety,         // a safety event with its steps and reviews
  kReviewSafety,       // review a safety event: the worker's supervisors
  kReadFidelity,       // fidelity scores F, R, P (docs/fidelity.md)
  // Governance (docs/governance.md).
  kFileGrievance,      // file a grievance: a person served for themself, any staff member
  kReadGrievance,      // one grievance with its panel and updates
  kManageGrievances,   // list every grievance, form a panel, record an update: the manager
  kWithdrawGrievance,  // withdraw a grievance: whoever filed it
  kReadGovernance,     // the governance audit: the manager; the evaluator reads it
  kDeclareGovernance,  // declare a governance item met or not: the manager
  kProposeMetric,      // propose a program metric: people served and staff
  kEndorseMetric,      // endorse a metric: people served
  kAdoptMetric,        // adopt a metric as the program's: the manager
};

// The action in words, for messages ("read this person's record").
const char* ActionName(Action action);
// The action as the audit log names it ("person.read").
const char* ActionCode(Action action);

class Policy {
 public:
  explicit Policy(store::Store& store) : store_(store) {}

  // Actions on one person's record.
  Status CheckPerson(const Principal& principal, Action action, store::Id person_id, Day today);
  // Actions on a staff member's supervision (target = supervisee).
  Status CheckSupervisee(const Principal& principal, Action action, store::Id supervisee_id);
  // Actions with no single target (lists, aggregates, one's own pages).
  Status Check(const Principal& principal, Action action);
  // Actions on one of a person's plans (kReadPlan, kWritePlan, kOwnPlan):
  // the person always; a peer worker assigned to them today reads and
  // writes; beyond that only whom the person shared it with reads it (their
  // worker's supervisors; the peer workers of the person's team).
  Status CheckPlan(const Principal& principal, Action action, const domain::PersonPlan& plan,
                   Day today);
  // Actions on a safety event (kRecordSafety, kReadSafety, kReviewSafety):
  // a peer worker assigned to the person today records steps and reads; the
  // supervisors of the event's worker read and review (also after the
  // assignment ended); the person reads their own.
  Status CheckSafetyEvent(const Principal& principal, Action action,
                          const domain::SafetyEvent& event, Day today);

  // Whose fidelity scores (kReadFidelity) the principal may see worker by
  // worker: nullopt for every worker (the program manager, the evaluator);
  // a senior peer or clinical supervisor their supervisees; a peer worker
  // themself. Forbidden for anyone else (people served, clinicians, the
  // administrator). Whoever may see some workers also sees the teams those
  // workers are in and the program as a whole (aggregates of many workers).
  Result<std::optional<std::vector<store::Id>>> FidelityWorkers(const Principal& principal);

  // Governance actions with no single grievance (kFileGrievance,
  // kManageGrievances, kReadGovernance, kDeclareGovernance, kProposeMetric,
  // kEndorseMetric, kAdoptMetric), as listed with the Action.
  Status CheckGovernance(const Principal& principal, Action action);
  // Actions on one grievance: kReadGrievance for whoever filed it, the
  // program manager and the members of its panel; kManageGrievances for the
  // program manager; kWithdrawGrievance for whoever filed it.
  Status CheckGrievance(const Principal& principal, Action action,
                        const domain::Grievance& grievance);

  // Which peer workers' caseloads this principal may list people and
  // contacts from (the people assigned to them today): nullopt when no
  // caseload is visible (lists must then be refused or narrowed to the
  // person themself).
  Result<std::optional<std::vector<store::Id>>> VisibleWorkers(const Principal& principal);

  // Whether the principal sees drafts (a worker's unfinished text) and the
  // draft versions of a note. Staff who may read the record do; the person
  // served sees what has been written about them once it is final.
  static bool SeesDrafts(const Principal& principal) { return !principal.IsPerson(); }
  // Whether aggregate views must hide who is who (order, names, ids): the
  // evaluator's.
  static bool DeIdentified(const Principal& principal);
  // A peer worker role (the roles that carry a caseload).
  static bool IsPeerWorker(const Principal& principal);

 private:
  store::Store& store_;
};

}  // namespace alongside::access
