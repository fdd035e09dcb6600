#include "store/sql/fidelity.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
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

// "20423,20420,20423" (days, in any order) as each day with how many times
// it occurs, by day.
Result<std::vector<std::pair<Day, std::int64_t>>> CountDays(std::string_view list) {
  std::vector<Day> days;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    const std::string_view item = list.substr(start, comma - start);
    Day day = 0;
    auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), day);
    if (error != std::errc() || end != item.data() + item.size() || item.empty()) {
      return Status::Internal("a list of days the store cannot read: " + std::string(item));
    }
    days.push_back(day);
    start = comma + 1;
  }
  std::sort(days.begin(), days.end());
  std::vector<std::pair<Day, std::int64_t>> counted;
  for (Day day : days) {
    if (counted.empty() || counted.back().first != day) counted.emplace_back(day, 0);
    ++counted.back().second;
  }
  return counted;
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
  // Parameter 1 is the workers: one worker (a refresh after a write) as a
  // plain id, so that PostgreSQL plans for one worker's index range; many
  // as a JSON array, which its planner sizes at 100 rows whatever it holds.
  const bool one_worker = query.worker_ids.size() == 1;
  const std::string workers = one_worker ? std::string() : JsonIds(query.worker_ids);
  const std::string in_workers = one_worker ? "?1" : IdsIn(db.dialect(), 1);
  auto bind_workers = [&](Statement& statement) -> Statement& {
    return one_worker ? statement.Bind(1, query.worker_ids.front()) : statement.Bind(1, workers);
  };
  auto row = [&](Id worker_id) -> domain::WorkerPractice* {
    auto found = row_of.find(worker_id);
    return found == row_of.end() ? nullptr : &rows[found->second];
  };

  // Documented time, final notes, notes due and final in time, and the
  // days of purposeful self-disclosures in final notes: one scan of
  // contacts_for_fidelity (it covers every column read), the disclosures as
  // a list of days per worker (a second scan of the period's contacts cost
  // as much as the first).
  {
    Statement statement(
        db, fmt::format(
                "SELECT worker_id,"
                " sum(CASE WHEN finalised_at IS NOT NULL THEN (end_at - start_at) / 60 ELSE 0 END),"
                " sum(CASE WHEN finalised_at IS NOT NULL THEN 1 ELSE 0 END),"
                " sum(CASE WHEN start_at + ?5 <= ?4 THEN 1 ELSE 0 END),"
                " sum(CASE WHEN start_at + ?5 <= ?4 AND finalised_at <= start_at + ?5"
                " THEN 1 ELSE 0 END),"
                " {}"
                " FROM contacts{} WHERE worker_id IN ({}) AND start_at >= ?2 AND start_at < ?3"
                " GROUP BY worker_id",
                // The cheap test first; the pattern then matches the whole code only.
                GroupConcat(db.dialect(),
                            fmt::format("CASE WHEN finalised_at IS NOT NULL AND {}"
                                        " AND (',' || activities || ',') LIKE ?6 ESCAPE '\\'"
                                        " THEN start_at / 86400 END",
                                        Contains(db.dialect(), "activities", "?7"))),
                IndexedBy(db.dialect(), "contacts_for_fidelity"), in_workers));
    bind_workers(statement).Bind(2, query.from).Bind(3, query.until).Bind(4, query.now)
        .Bind(5, query.deadline_seconds)
        .Bind(6, CodePattern(query.self_disclosure_activity))
        .Bind(7, query.self_disclosure_activity);
    while (statement.Step()) {
      if (domain::WorkerPractice* practice = row(statement.Int(0))) {
        practice->documented_minutes = statement.Int(1);
        practice->final_notes = statement.Int(2);
        practice->notes_due = statement.Int(3);
        practice->notes_final_in_time = statement.Int(4);
        if (!statement.IsNull(5)) {
          ALONGSIDE_ASSIGN_OR_RETURN(practice->disclosure_days,
                                     CountDays(statement.Text(5)));
        }
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
    bind_workers(statement).Bind(2, query.from).Bind(3, query.until);
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
    bind_workers(statement).Bind(2, query.from_day).Bind(3, query.until_day);
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
    bind_workers(statement).Bind(2, query.from).Bind(3, query.until).Bind(4, query.now)
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
    bind_workers(statement).Bind(2, query.from)
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
