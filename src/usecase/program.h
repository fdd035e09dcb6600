// The program's aggregate views and the administrator's overview. An
// evaluator's views are de-identified: no worker names or ids, rows in an
// order that follows the figures (never names), and counts under the
// program's minimum cell size suppressed (rules/practice.json).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "usecase/usecase.h"

namespace alongside::usecase {

// Counts across the program: no identifying data, open to anyone.
Result<store::ProgramSummary> ProgramSummary(Services& services);

struct CaseloadFigures {
  store::CaseloadRow row;  // worker.id and display_name are empty when de-identified
  // A figure under the minimum cell size is hidden (nullopt) when de-identified.
  std::optional<std::int64_t> people, contacts_last_28_days, drafts;
};
struct Caseloads {
  bool de_identified = false;
  int min_cell_size = 0;
  std::vector<CaseloadFigures> rows;
};
Result<Caseloads> ProgramCaseloads(Services& services, const Caller& caller,
                                   std::optional<Id> team_id);
Result<std::vector<store::WeeklyCount>> ContactsPerWeek(Services& services, const Caller& caller,
                                                        Instant from, Instant until);
Result<std::vector<domain::Team>> ListTeams(Services& services, const Caller& caller);

struct AdminOverview {
  store::AuditVerification verification;
  std::vector<store::AuditEntry> latest;
  // The names of those the latest entries name, read in one query: who
  // acted ("staff:12" and "person:40" actors) and whose record each entry
  // touched (its person_id). Only a staff member's display name and a
  // person's preferred name are read; the ids stay in the entries. An id
  // with no record (a refused probe of an unknown id) has no name here.
  std::map<std::string, std::string> actor_names;  // by actor text
  std::map<Id, std::string> person_names;          // by person id
};
// The audit chain checked, the latest `entries` rows, and the names they
// name. Audited as one admin.read row that lists the people whose names were
// shown (one row, not one per person: the page shows the latest rows, and
// would otherwise fill itself with its own reads).
Result<AdminOverview> Administer(Services& services, const Caller& caller, size_t entries);

}  // namespace alongside::usecase
