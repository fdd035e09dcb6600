#include "store/sql/fidelity.h"

#include <fmt/format.h>

#include <unordered_map>

#include "store/sql/dialect.h"
#include "store/sql/reads.h"

namespace alongside::store::sql {
namespace {

// A LIKE pattern matching `code` as one of a comma-joined list wrapped in
// commas, with LIKE's wildcards in the code escaped.
std::string CodePattern(const std::string& code) {
  std::string pattern = "%,";
  for (char c : code) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + ",%";
}

}  // namespace

Result<std::vector<domain::WorkerPractice>> PracticeForFidelity(const Connection& db,
                                                                const FidelityQuery& query) {
  std::vector<domain::WorkerPractice> rows(query.worker_ids.size());
  std::unordered_map<Id, size_t> row_of;
  for (size_t idx = 0; idx < query.worker_ids.size(); ++idx) {
    rows[idx].worker_id = query.worker_ids[idx];
    row_of.emplace(query.worker_ids[idx], idx);
  }
  if (rows.empty()) return rows;
  const std::string workers = JsonIds(query.worker_ids);
  const std::string in_workers = IdsIn(db.dialect(), 1);
  auto row = [&](Id worker_id) -> domain::WorkerPractice* {
    auto found = row_of.find(worker_id);
    return found == row_of.end() ? nullptr : &rows[found->second];
  };

  // Documented time, final notes, notes due and final in time: one scan of
  // contacts_for_fidelity.
  {
    Statement statement(
        db, fmt::format(
                "SELECT worker_id,"
                " sum(CASE WHEN finalised_at IS NOT NULL THEN (end_at - start_at) / 60 ELSE 0 END),"
                " sum(CASE WHEN finalised_at IS NOT NULL THEN 1 ELSE 0 END),"
                " sum(CASE WHEN start_at + ?5 <= ?4 THEN 1 ELSE 0 END),"
                " sum(CASE WHEN start_at + ?5 <= ?4 AND finalised_at <= start_at + ?5"
                " THEN 1 ELSE 0 END)"
                " FROM contacts{} WHERE worker_id IN ({}) AND start_at >= ?2 AND start_at < ?3"
                " GROUP BY worker_id",
                IndexedBy(db.dialect(), "contacts_for_fidelity"), in_workers));
    statement.Bind(1, workers).Bind(2, query.from).Bind(3, query.until).Bind(4, query.now)
        .Bind(5, query.deadline_seconds);
    while (statement.Step()) {
      if (domain::WorkerPractice* practice = row(statement.Int(0))) {
        practice->documented_minutes = statement.Int(1);
        practice->final_notes = statement.Int(2);
        practice->notes_due = statement.Int(3);
        practice->notes_final_in_time = statement.Int(4);
      }
    }
    ALONGSIDE_RETURN_IF_ERROR(statement.status());
  }

  // Purposeful self-disclosures in final notes, by day.
  {
    Statement statement(
        db, fmt::format("SELECT worker_id, start_at / 86400, count(*) FROM contacts{}"
                        " WHERE worker_id IN ({}) AND start_at >= ?2 AND start_at < ?3"
                        " AND finalised_at IS NOT NULL AND {}"
                        " AND (',' || activities || ',') LIKE ?4 ESCAPE '\\'"
                        " GROUP BY worker_id, start_at / 86400 ORDER BY 1, 2",
                        IndexedBy(db.dialect(), "contacts_for_fidelity"), in_workers,
                        Contains(db.dialect(), "activities", "?5")));
    // The cheap test first; the pattern then matches the whole code only.
    statement.Bind(1, workers).Bind(2, query.from).Bind(3, query.until)
        .Bind(4, CodePattern(query.self_disclosure_activity))
        .Bind(5, query.self_disclosure_activity);
    while (statement.Step()) {
      if (domain::WorkerPractice* practice = row(statement.Int(0))) {
        practice->disclosure_days.emplace_back(static_cast<Day>(statement.Int(1)),
                                               statement.Int(2));
      }
    }
    ALONGSIDE_RETURN_IF_ERROR(statement.status());
  }

  // Final notes with an unresolved flag, and the minutes of those with a
  // clinical-only activity not reclassified: per contact first, so that two
  // flags on one note count it once.
  {
    Statement statement(
        db, fmt::format(
                "SELECT worker_id, sum(open_flag), sum(CASE WHEN clinical = 1 THEN minutes"
                " ELSE 0 END) FROM ("
                " SELECT c.worker_id AS worker_id, (c.end_at - c.start_at) / 60 AS minutes,"
                " max(CASE WHEN f.resolution IS NULL THEN 1 ELSE 0 END) AS open_flag,"
                " max(CASE WHEN f.source = 'activity' AND (f.resolution IS NULL OR"
                " f.resolution <> 'reclassified') THEN 1 ELSE 0 END) AS clinical"
                " FROM drift_flags f JOIN contacts c ON c.id = f.contact_id"
                " WHERE f.worker_id IN ({}) AND f.raised_at >= ?2"
                " AND c.start_at >= ?2 AND c.start_at < ?3 AND c.finalised_at IS NOT NULL"
                " GROUP BY c.id, c.worker_id, c.end_at, c.start_at) per_contact"
                " GROUP BY worker_id",
                in_workers));
    statement.Bind(1, workers).Bind(2, query.from).Bind(3, query.until);
    while (statement.Step()) {
      if (domain::WorkerPractice* practice = row(statement.Int(0))) {
        practice->final_notes_with_open_flag = statement.Int(1);
        practice->clinical_scope_minutes = statement.Int(2);
      }
    }
    ALONGSIDE_RETURN_IF_ERROR(statement.status());
  }

  // Goals and plans of the people each worker walked with in the period, as
  // they stand: the latest version written or co-signed by the person. Two
  // joins from the assignments (goals, then plans), each read by index.
  struct Owned {
    const char* tables;  // the record and its latest version, as g and v
    const char* by_person;
  };
  for (const Owned& owned :
       {Owned{"goals g ON g.person_id = w.person_id JOIN goal_versions v"
              " ON v.goal_id = g.id AND v.version = g.current_version",
              "v.authored_by_person"},
        Owned{"person_plans g ON g.person_id = w.person_id JOIN plan_versions v"
              " ON v.plan_id = g.id AND v.version = g.current_version",
              "v.by_person"}}) {
    Statement statement(
        db, fmt::format(
                "SELECT w.worker_id, count(*), sum(CASE WHEN {} = 1 OR v.cosigned_at IS NOT NULL"
                " THEN 1 ELSE 0 END) FROM (SELECT DISTINCT worker_id, person_id FROM assignments"
                " WHERE worker_id IN ({}) AND start_on < ?3 AND (end_on IS NULL OR end_on > ?2)) w"
                " JOIN {} GROUP BY w.worker_id",
                owned.by_person, in_workers, owned.tables));
    statement.Bind(1, workers).Bind(2, query.from_day).Bind(3, query.until_day);
    while (statement.Step()) {
      if (domain::WorkerPractice* practice = row(statement.Int(0))) {
        practice->goals_and_plans += statement.Int(1);
        practice->goals_and_plans_by_person += statement.Int(2);
      }
    }
    ALONGSIDE_RETURN_IF_ERROR(statement.status());
  }

  // Safety events due review, and those closed with a clinical
  // supervisor's review in time.
  {
    Statement statement(
        db, fmt::format(
                "SELECT e.worker_id, count(*), sum(CASE WHEN e.closed_at IS NOT NULL AND EXISTS ("
                " SELECT 1 FROM safety_reviews r WHERE r.event_id = e.id"
                " AND r.reviewer_role = 'clinical_supervisor' AND r.at <= e.opened_at + ?5)"
                " THEN 1 ELSE 0 END)"
                " FROM safety_events e WHERE e.worker_id IN ({}) AND e.disclosed_at >= ?2"
                " AND e.disclosed_at < ?3 AND e.opened_at + ?5 <= ?4 GROUP BY e.worker_id",
                in_workers));
    statement.Bind(1, workers).Bind(2, query.from).Bind(3, query.until).Bind(4, query.now)
        .Bind(5, query.review_seconds);
    while (statement.Step()) {
      if (domain::WorkerPractice* practice = row(statement.Int(0))) {
        practice->safety_events_due = statement.Int(1);
        practice->safety_events_complete_reviewed = statement.Int(2);
      }
    }
    ALONGSIDE_RETURN_IF_ERROR(statement.status());
  }

  // Supervision held with each worker.
  {
    Statement statement(
        db, fmt::format(
                "SELECT supervisee_id, kind, held_at, CASE WHEN what_happened <> ''"
                " AND what_i_felt <> '' AND what_i_learned <> '' AND what_i_will_do <> ''"
                " THEN 1 ELSE 0 END FROM supervision_sessions"
                " WHERE supervisee_id IN ({}) AND held_at >= ?2 AND held_at < ?3"
                " ORDER BY supervisee_id, held_at, id",
                in_workers));
    statement.Bind(1, workers).Bind(2, query.from)
        .Bind(3, query.until + query.reflection_window_seconds);
    while (statement.Step()) {
      if (domain::WorkerPractice* practice = row(statement.Int(0))) {
        Result<domain::SupervisionKind> kind =
            domain::ParseSupervisionKind(statement.Text(1), "kind");
        if (!kind.ok()) return Status::Internal("corrupt supervision kind");
        practice->sessions.push_back({*kind, statement.Int(2), statement.Int(3) == 1});
      }
    }
    ALONGSIDE_RETURN_IF_ERROR(statement.status());
  }
  return rows;
}

}  // namespace alongside::store::sql
