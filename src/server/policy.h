// The one access policy: every request's decision is made here, by role and
// by relationship. A peer worker reaches the people actively assigned to
// them; a senior peer supervisor and a clinical supervisor read their
// supervisees' work; a person served reaches only their own record; a program
// manager sees aggregates and staff; an evaluator sees aggregates only, no
// identifying data; an administrator manages accounts and staff; a clinician
// sees nothing yet (consent-based access comes later).
//
// Decisions return Ok or Forbidden (the caller audits the denial). A person
// id that does not exist is refused exactly like one that is not the
// caller's, so the answer never tells whether a record exists.
#pragma once

#include <optional>
#include <vector>

#include "server/auth.h"
#include "store/store.h"

namespace alongside::server {

enum class Action {
  kReadPerson,         // profile, contacts, goals, admissions, annotations
  kRecordContact,      // record, revise, finalise, amend a contact; add admissions
  kWorkOnGoals,        // a worker adds or revises a goal in the person's words, or progress
  kSelfGoals,          // the person adds, revises, co-signs their own goals, adds progress
  kAnnotate,           // the person annotates a note about themselves
  kReadStaff,          // staff list and a staff member
  kReadTeams,
  kReadProgramAggregates,  // summary, caseload sizes, contacts per week
  kReadSupervision,    // sessions of a supervisee
  kWriteSupervision,
  kManageAssignments,
};

// The action in words, for messages ("read this person's record").
const char* ActionName(Action action);
// The action as the audit log names it ("person.read"), the same vocabulary
// as the API's audit actions.
const char* ActionCode(Action action);

class Policy {
 public:
  explicit Policy(store::Store& store) : store_(store) {}

  // Actions on one person's record.
  Status CheckPerson(const Principal& principal, Action action, store::Id person_id);
  // Actions on a staff member's supervision (target = supervisee).
  Status CheckSupervisee(const Principal& principal, Action action, store::Id supervisee_id);
  // Actions with no single target (lists, aggregates).
  Status Check(const Principal& principal, Action action);

  // Which peer workers' caseloads this principal may list people from:
  // nullopt when no caseload is visible (lists must then be refused or
  // narrowed to the person themself).
  Result<std::optional<std::vector<store::Id>>> VisibleWorkers(const Principal& principal);

 private:
  store::Store& store_;
};

}  // namespace alongside::server
