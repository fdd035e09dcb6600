#include "store/sql/governance.h"

#include <map>
#include <string>
#include <utility>

#include "store/sql/dialect.h"
#include "store/sql/reads.h"

namespace alongside::store::sql {
namespace {

constexpr const char* kDeclarationColumns = "id, code, met, evidence, recorded_by, recorded_at";

domain::GovernanceDeclaration ReadDeclaration(const Statement& row) {
  domain::GovernanceDeclaration declaration;
  declaration.id = row.Int(0);
  declaration.code = row.Text(1);
  declaration.met = row.Int(2) != 0;
  declaration.evidence = row.Text(3);
  declaration.recorded_by = row.Int(4);
  declaration.recorded_at = row.Int(5);
  return declaration;
}

constexpr const char* kGrievanceColumns =
    "id, filed_by_person_id, filed_by_staff_id, about_worker_id, filed_at, summary, status,"
    " outcome, updated_at";

Result<domain::Grievance> ReadGrievanceRow(const Statement& row) {
  domain::Grievance grievance;
  grievance.id = row.Int(0);
  grievance.filed_by_person_id = row.OptionalInt(1);
  grievance.filed_by_staff_id = row.OptionalInt(2);
  grievance.about_worker_id = row.OptionalInt(3);
  grievance.filed_at = row.Int(4);
  grievance.summary = row.Text(5);
  ALONGSIDE_ASSIGN_OR_RETURN(grievance.status, domain::ParseGrievanceStatus(row.Text(6), "status"));
  grievance.outcome = row.Text(7);
  grievance.updated_at = row.Int(8);
  return grievance;
}

// Fills each grievance's panel and updates, two queries for all.
Status LoadPanelsAndUpdates(const Connection& db, std::vector<domain::Grievance>& grievances) {
  if (grievances.empty()) return Status::Ok();
  std::vector<Id> ids;
  std::map<Id, domain::Grievance*> by_id;
  for (domain::Grievance& grievance : grievances) {
    ids.push_back(grievance.id);
    by_id[grievance.id] = &grievance;
  }
  const std::string json = JsonIds(ids);
  Statement panel(db, "SELECT grievance_id, staff_id, peer_representative, independent"
                      " FROM grievance_panel WHERE grievance_id IN (" +
                          IdsIn(db.dialect(), 1) + ") ORDER BY grievance_id, staff_id");
  panel.Bind(1, json);
  while (panel.Step()) {
    by_id[panel.Int(0)]->panel.push_back(
        domain::GrievancePanelMember{panel.Int(1), panel.Int(2) != 0, panel.Int(3) != 0});
  }
  ALONGSIDE_RETURN_IF_ERROR(panel.status());
  Statement updates(db, "SELECT grievance_id, id, at, by_staff_id, status, note"
                        " FROM grievance_updates WHERE grievance_id IN (" +
                            IdsIn(db.dialect(), 1) + ") ORDER BY grievance_id, at, id");
  updates.Bind(1, json);
  while (updates.Step()) {
    domain::GrievanceUpdate update;
    update.id = updates.Int(1);
    update.at = updates.Int(2);
    update.by_staff_id = updates.OptionalInt(3);
    ALONGSIDE_ASSIGN_OR_RETURN(update.status,
                               domain::ParseGrievanceStatus(updates.Text(4), "status"));
    update.note = updates.Text(5);
    by_id[updates.Int(0)]->updates.push_back(std::move(update));
  }
  return updates.status();
}

Result<Id> RunReturningId(Statement& insert, const char* what) {
  if (!insert.Step()) {
    ALONGSIDE_RETURN_IF_ERROR(insert.status());
    return Status::Internal(std::string(what) + " insert returned no id");
  }
  const Id id = insert.Int(0);
  ALONGSIDE_RETURN_IF_ERROR(insert.Run());
  return id;
}

Result<Id> InsertUpdateRow(const Connection& db, Id grievance_id,
                           const domain::GrievanceUpdate& update) {
  Statement insert(db, "INSERT INTO grievance_updates(grievance_id, at, by_staff_id, status, note)"
                       " VALUES (?1,?2,?3,?4,?5) RETURNING id");
  insert.Bind(1, grievance_id)
      .Bind(2, update.at)
      .Bind(3, update.by_staff_id)
      .Bind(4, domain::Name(update.status))
      .Bind(5, update.note);
  return RunReturningId(insert, "grievance update");
}

}  // namespace

Result<Id> InsertGovernanceDeclaration(const Connection& db,
                                       const domain::GovernanceDeclaration& declaration) {
  Statement insert(db, "INSERT INTO governance_declarations(code, met, evidence, recorded_by,"
                       " recorded_at) VALUES (?1,?2,?3,?4,?5) RETURNING id");
  insert.Bind(1, declaration.code)
      .Bind(2, declaration.met ? 1 : 0)
      .Bind(3, declaration.evidence)
      .Bind(4, declaration.recorded_by)
      .Bind(5, declaration.recorded_at);
  return RunReturningId(insert, "governance declaration");
}

Result<std::vector<domain::GovernanceDeclaration>> LatestGovernanceDeclarations(
    const Connection& db) {
  Statement query(db, std::string("SELECT ") + kDeclarationColumns +
                          " FROM governance_declarations d WHERE d.id = (SELECT max(d2.id)"
                          " FROM governance_declarations d2 WHERE d2.code = d.code) ORDER BY code");
  return Collect<domain::GovernanceDeclaration>(
      query, [](Statement& row) -> Result<domain::GovernanceDeclaration> {
        return ReadDeclaration(row);
      });
}

Result<domain::GovernanceFacts> ReadGovernanceFacts(const Connection& db,
                                                    const GovernanceFactsQuery& query) {
  std::string roles = ",";
  for (domain::Role role : query.peer_roles) {
    roles += domain::Name(role);
    roles += ',';
  }
  Statement counts(
      db,
      "SELECT count(*),"
      " coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM staff c WHERE c.id = s.clinical_supervisor_id"
      "   AND c.active = 1) THEN 1 ELSE 0 END), 0),"
      " coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM staff p WHERE p.id = s.peer_supervisor_id"
      "   AND p.active = 1) THEN 1 ELSE 0 END), 0),"
      " coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM certifications cert"
      "   WHERE cert.staff_id = s.id AND cert.issued_on <= ?2 AND cert.expires_on >= ?2)"
      "   THEN 1 ELSE 0 END), 0),"
      " coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM supervision_sessions ss"
      "   WHERE ss.supervisee_id = s.id AND ss.kind = 'peer_practice' AND ss.held_at >= ?3)"
      "   THEN 1 ELSE 0 END), 0)"
      " FROM staff s WHERE s.active = 1 AND ?1 LIKE '%,' || s.role || ',%'");
  counts.Bind(1, roles).Bind(2, static_cast<std::int64_t>(query.today)).Bind(3, query.peer_supervision_since);
  domain::GovernanceFacts facts;
  if (!counts.Step()) {
    ALONGSIDE_RETURN_IF_ERROR(counts.status());
    return Status::Internal("the governance counts returned no row");
  }
  facts.active_peer_workers = counts.Int(0);
  facts.with_clinical_supervisor = counts.Int(1);
  facts.with_senior_peer_supervisor = counts.Int(2);
  facts.with_current_certification = counts.Int(3);
  facts.with_recent_peer_supervision = counts.Int(4);
  return facts;
}

Result<domain::Grievance> LoadGrievance(const Connection& db, Id grievance_id) {
  Statement query(db, std::string("SELECT ") + kGrievanceColumns + " FROM grievances WHERE id = ?1");
  query.Bind(1, grievance_id);
  if (!query.Step()) {
    ALONGSIDE_RETURN_IF_ERROR(query.status());
    return Status::NotFound("no such grievance");
  }
  std::vector<domain::Grievance> one;
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Grievance grievance, ReadGrievanceRow(query));
  one.push_back(std::move(grievance));
  ALONGSIDE_RETURN_IF_ERROR(LoadPanelsAndUpdates(db, one));
  return std::move(one.front());
}

Result<std::vector<domain::Grievance>> ListGrievances(const Connection& db,
                                                      const GrievanceQuery& query) {
  // Only the filters given, each bound (PostgreSQL cannot type "?1 IS NULL").
  std::vector<Id> values;
  std::string where;
  auto filter = [&](const char* column, std::optional<Id> value) {
    if (!value) return;
    values.push_back(*value);
    where += (where.empty() ? " WHERE " : " AND ") + std::string(column) + " = ?" +
             std::to_string(values.size());
  };
  filter("filed_by_person_id", query.filed_by_person_id);
  filter("filed_by_staff_id", query.filed_by_staff_id);
  Statement list(db, std::string("SELECT ") + kGrievanceColumns + " FROM grievances" + where +
                         " ORDER BY filed_at DESC, id DESC");
  for (size_t value_idx = 0; value_idx < values.size(); ++value_idx) {
    list.Bind(static_cast<int>(value_idx) + 1, values[value_idx]);
  }
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<domain::Grievance> grievances,
      Collect<domain::Grievance>(list, [](Statement& row) { return ReadGrievanceRow(row); }));
  ALONGSIDE_RETURN_IF_ERROR(LoadPanelsAndUpdates(db, grievances));
  return grievances;
}

Result<Id> InsertGrievance(const Connection& db, const domain::Grievance& grievance) {
  Statement insert(db, "INSERT INTO grievances(filed_by_person_id, filed_by_staff_id,"
                       " about_worker_id, filed_at, summary, status, outcome, updated_at)"
                       " VALUES (?1,?2,?3,?4,?5,?6,'',?4) RETURNING id");
  insert.Bind(1, grievance.filed_by_person_id)
      .Bind(2, grievance.filed_by_staff_id)
      .Bind(3, grievance.about_worker_id)
      .Bind(4, grievance.filed_at)
      .Bind(5, grievance.summary)
      .Bind(6, domain::Name(domain::GrievanceStatus::kReceived));
  ALONGSIDE_ASSIGN_OR_RETURN(const Id id, RunReturningId(insert, "grievance"));
  domain::GrievanceUpdate first;
  first.at = grievance.filed_at;
  first.by_staff_id = grievance.filed_by_staff_id;
  first.status = domain::GrievanceStatus::kReceived;
  first.note = "";
  ALONGSIDE_RETURN_IF_ERROR(InsertUpdateRow(db, id, first).status());
  return id;
}

Result<Id> InsertGrievanceChange(const Connection& db, Id grievance_id,
                                 const GrievanceChange& change) {
  for (const domain::GrievancePanelMember& member : change.panel) {
    Statement insert(db, "INSERT INTO grievance_panel(grievance_id, staff_id,"
                         " peer_representative, independent) VALUES (?1,?2,?3,?4)");
    insert.Bind(1, grievance_id)
        .Bind(2, member.staff_id)
        .Bind(3, member.peer_representative ? 1 : 0)
        .Bind(4, member.independent ? 1 : 0);
    ALONGSIDE_RETURN_IF_ERROR(insert.Run());
  }
  ALONGSIDE_ASSIGN_OR_RETURN(const Id id, InsertUpdateRow(db, grievance_id, change.update));
  Statement update(db, "UPDATE grievances SET status = ?1, updated_at = ?2,"
                       " outcome = coalesce(?3, outcome) WHERE id = ?4");
  update.Bind(1, domain::Name(change.update.status))
      .Bind(2, change.update.at)
      .Bind(3, change.outcome)
      .Bind(4, grievance_id);
  ALONGSIDE_RETURN_IF_ERROR(update.Run());
  return id;
}

Result<Id> InsertMetric(const Connection& db, const domain::ProgramMetric& metric) {
  Statement insert(db, "INSERT INTO program_metrics(words, proposed_by_person_id,"
                       " proposed_by_staff_id, proposed_at) VALUES (?1,?2,?3,?4) RETURNING id");
  insert.Bind(1, metric.words)
      .Bind(2, metric.proposed_by_person_id)
      .Bind(3, metric.proposed_by_staff_id)
      .Bind(4, metric.proposed_at);
  return RunReturningId(insert, "metric");
}

namespace {

constexpr const char* kMetricSelect =
    "SELECT m.id, m.words, m.proposed_by_person_id, m.proposed_by_staff_id, m.proposed_at,"
    " m.adopted_at, (SELECT count(*) FROM metric_endorsements e WHERE e.metric_id = m.id),"
    " (SELECT count(*) FROM metric_endorsements e WHERE e.metric_id = m.id AND e.person_id = ?1)"
    " FROM program_metrics m";

MetricRow ReadMetricRow(const Statement& row) {
  MetricRow read;
  read.metric.id = row.Int(0);
  read.metric.words = row.Text(1);
  read.metric.proposed_by_person_id = row.OptionalInt(2);
  read.metric.proposed_by_staff_id = row.OptionalInt(3);
  read.metric.proposed_at = row.Int(4);
  read.metric.adopted_at = row.OptionalInt(5);
  read.metric.endorsements = row.Int(6);
  read.endorsed_by_person = row.Int(7) > 0;
  return read;
}

}  // namespace

Result<domain::ProgramMetric> LoadMetric(const Connection& db, Id metric_id) {
  Statement query(db, std::string(kMetricSelect) + " WHERE m.id = ?2");
  query.BindNull(1).Bind(2, metric_id);
  if (!query.Step()) {
    ALONGSIDE_RETURN_IF_ERROR(query.status());
    return Status::NotFound("no such metric");
  }
  return ReadMetricRow(query).metric;
}

Result<std::vector<MetricRow>> ListMetrics(const Connection& db, std::optional<Id> person_id) {
  Statement query(db, std::string(kMetricSelect) + " ORDER BY m.id");
  query.Bind(1, person_id);
  return Collect<MetricRow>(query,
                            [](Statement& row) -> Result<MetricRow> { return ReadMetricRow(row); });
}

Status InsertEndorsement(const Connection& db, Id metric_id, Id person_id, Instant at) {
  Statement insert(db, "INSERT INTO metric_endorsements(metric_id, person_id, at) VALUES (?1,?2,?3)");
  insert.Bind(1, metric_id).Bind(2, person_id).Bind(3, at);
  Status ran = insert.Run();
  if (ran.code() == StatusCode::kConflict) {
    return Status::Conflict("this person has already endorsed this metric");
  }
  return ran;
}

Status UpdateMetricAdopted(const Connection& db, Id metric_id, Instant at) {
  Statement update(db, "UPDATE program_metrics SET adopted_at = ?1 WHERE id = ?2"
                       " AND adopted_at IS NULL");
  update.Bind(1, at).Bind(2, metric_id);
  ALONGSIDE_RETURN_IF_ERROR(update.Run());
  if (update.Changes() == 0) return Status::Conflict("this metric is already adopted");
  return Status::Ok();
}

}  // namespace alongside::store::sql
