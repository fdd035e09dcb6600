// The SQL store's read queries and account/session statements, as free
// functions over a connection. Private to the backend: SqliteStore calls them
// under its mutex. Every filter value is bound, never spliced.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "store/sql/dialect.h"
#include "store/sql/statement.h"
#include "store/store.h"

namespace alongside::store::sql {

// The rows of a query, each read by `read`; the first error stops it.
template <typename T>
Result<std::vector<T>> Collect(Statement& statement,
                               const std::function<Result<T>(Statement&)>& read) {
  std::vector<T> rows;
  while (statement.Step()) {
    Result<T> row = read(statement);
    if (!row.ok()) return row.status();
    rows.push_back(std::move(row).value());
  }
  if (!statement.status().ok()) return statement.status();
  return rows;
}

// Ids as the JSON array text IdsIn binds ("[3,7]").
std::string JsonIds(const std::vector<Id>& ids);

// A contact version's columns, from alias `v` of contact_versions, and the
// reader of a row holding them from column `first` on.
extern const char* const kVersionColumns;
Result<domain::ContactVersion> ReadVersion(const Statement& row, int first);

Result<domain::Person> GetPerson(const Connection& db, Id person_id);
Result<std::vector<PersonRow>> ListPeople(const Connection& db, const PeopleQuery& query);
Result<std::vector<ContactRow>> ListContacts(const Connection& db, const ContactQuery& query);
Result<std::int64_t> CountContacts(const Connection& db, const ContactQuery& query);
Result<std::vector<domain::GoalProgress>> ListGoalProgress(const Connection& db, Id goal_id);
Result<std::vector<Id>> GoalIdsOf(const Connection& db, Id person_id);
Result<std::vector<GoalDue>> GoalsDueForReview(const Connection& db,
                                               const std::vector<Id>& worker_ids, Day day);
Result<domain::Staff> GetStaff(const Connection& db, Id staff_id);
Result<std::vector<domain::Staff>> ListStaff(const Connection& db, const StaffQuery& query);
Result<std::vector<domain::Team>> ListTeams(const Connection& db);
Result<std::vector<domain::Assignment>> ListAssignments(const Connection& db,
                                                        const AssignmentQuery& query);
Result<std::vector<domain::SupervisionSession>> ListSupervision(const Connection& db,
                                                                const SupervisionQuery& query);
Result<std::vector<domain::Admission>> ListAdmissions(const Connection& db, Id person_id);
Result<std::vector<domain::Certification>> ListCertifications(const Connection& db,
                                                              Id staff_id);
Result<std::vector<CaseloadRow>> Caseloads(const Connection& db, std::optional<Id> team_id,
                                           Instant now);
Result<std::vector<WeeklyCount>> ContactsPerWeek(const Connection& db, Instant from,
                                                 Instant until);
Result<std::vector<CaseloadRow>> CaseloadsOf(const Connection& db,
                                             const std::vector<Id>& worker_ids, Instant now);
Result<std::vector<WorkerCount>> CountContactsByWorker(const Connection& db,
                                                       const ContactQuery& query);
Result<std::vector<SupervisionHeld>> LatestSupervision(const Connection& db, Id supervisor_id,
                                                       const std::vector<Id>& supervisee_ids);
Result<DisplayNames> NamesOf(const Connection& db, const std::vector<Id>& staff_ids,
                             const std::vector<Id>& person_ids);
Result<std::vector<Id>> ActiveWorkersOf(const Connection& db, Id person_id, Day today);
Result<std::vector<Id>> SuperviseesOf(const Connection& db, Id supervisor_id);
Result<std::vector<Annotation>> ListAnnotations(const Connection& db, Id contact_id);

Result<ProgramSettings> GetProgramSettings(const Connection& db);
Result<std::vector<domain::ContactAttempt>> ListContactAttempts(const Connection& db, Id person_id,
                                                                int limit);
Result<domain::PlannedContact> GetPlannedContact(const Connection& db, Id plan_id);
Result<std::vector<PlannedContactRow>> ListPlannedContacts(const Connection& db,
                                                           const PlanQuery& query);

Result<domain::SupervisionSession> GetSupervisionSession(const Connection& db, Id session_id);
Result<std::vector<domain::DriftFlag>> ListDriftFlags(const Connection& db, const DriftQuery& query);
Result<domain::DriftFlag> GetDriftFlag(const Connection& db, Id flag_id);
Result<std::vector<GuardrailCounts>> GuardrailCountsOf(const Connection& db,
                                                       const std::vector<Id>& worker_ids);
Result<std::vector<domain::AdviceRequest>> ListAdviceRequests(const Connection& db,
                                                              const GuardrailQuery& query);
Result<std::vector<domain::BoundaryRecord>> ListBoundaryRecords(const Connection& db,
                                                                const GuardrailQuery& query);

Result<Account> FindAccount(const Connection& db, const std::string& username);
Result<Account> GetAccount(const Connection& db, Id account_id);
Result<Session> FindSession(const Connection& db, const std::string& token_hash);
Result<SignedInRecord> FindSignedIn(const Connection& db, const std::string& token_hash);

}  // namespace alongside::store::sql
