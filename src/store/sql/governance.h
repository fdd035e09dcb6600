// The SQL of the governance audit, grievances and the program's metrics
// (migration 0010, docs/governance.md), as free functions over a
// connection. Reads run on a reader's snapshot; the Insert*/Update* run
// inside the writer's transaction, and the SqlStore (sql_store.cc) adds the
// audit row beside them. Private to the store.
#pragma once

#include <optional>
#include <vector>

#include "store/sql/statement.h"
#include "store/store.h"

namespace alongside::store::sql {

Result<Id> InsertGovernanceDeclaration(const Connection& db,
                                       const domain::GovernanceDeclaration& declaration);
Result<std::vector<domain::GovernanceDeclaration>> LatestGovernanceDeclarations(
    const Connection& db);
Result<domain::GovernanceFacts> ReadGovernanceFacts(const Connection& db,
                                                    const GovernanceFactsQuery& query);

Result<domain::Grievance> LoadGrievance(const Connection& db, Id grievance_id);
Result<std::vector<domain::Grievance>> ListGrievances(const Connection& db,
                                                      const GrievanceQuery& query);
// The grievance row and its first update (status received).
Result<Id> InsertGrievance(const Connection& db, const domain::Grievance& grievance);
// The update row, the panel's rows, and the grievance's status, outcome and
// updated_at.
Result<Id> InsertGrievanceChange(const Connection& db, Id grievance_id,
                                 const GrievanceChange& change);

Result<Id> InsertMetric(const Connection& db, const domain::ProgramMetric& metric);
Result<domain::ProgramMetric> LoadMetric(const Connection& db, Id metric_id);
Result<std::vector<MetricRow>> ListMetrics(const Connection& db, std::optional<Id> person_id);
Status InsertEndorsement(const Connection& db, Id metric_id, Id person_id, Instant at);
Status UpdateMetricAdopted(const Connection& db, Id metric_id, Instant at);

}  // namespace alongside::store::sql
