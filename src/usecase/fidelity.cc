#include "usecase/fidelity.h"

#include <algorithm>
#include <future>
#include <unordered_map>
#include <unordered_set>

#include "rules/rules.h"
#include "usecase/internal.h"

namespace alongside::usecase {
namespace {

constexpr Day kMaxPeriodDays = 3 * 366;

struct Staffing {
  std::vector<domain::Staff> workers;  // peer workers, by team then name
  std::vector<domain::Team> teams;     // by name
  Id program_id = 1;
};

Result<Staffing> ReadStaffing(store::Store& store) {
  Staffing staffing;
  store::StaffQuery query;
  query.page.limit = 1000;
  for (query.page.offset = 0;; query.page.offset += query.page.limit) {
    ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Staff> page, store.ListStaff(query));
    for (domain::Staff& member : page) {
      if (rules::Current().IsPeerWorker(member.role)) staffing.workers.push_back(std::move(member));
    }
    if (static_cast<int>(page.size()) < query.page.limit) break;
  }
  ALONGSIDE_ASSIGN_OR_RETURN(staffing.teams, store.ListTeams());
  std::sort(staffing.teams.begin(), staffing.teams.end(),
            [](const domain::Team& a, const domain::Team& b) {
              return std::tie(a.name, a.id) < std::tie(b.name, b.id);
            });
  if (!staffing.teams.empty()) staffing.program_id = staffing.teams.front().program_id;
  std::unordered_map<Id, size_t> team_rank;
  for (size_t idx = 0; idx < staffing.teams.size(); ++idx) team_rank[staffing.teams[idx].id] = idx;
  std::sort(staffing.workers.begin(), staffing.workers.end(),
            [&](const domain::Staff& a, const domain::Staff& b) {
              return std::tie(team_rank[a.team_id], a.display_name, a.id) <
                     std::tie(team_rank[b.team_id], b.display_name, b.id);
            });
  return staffing;
}

// The store's query with the program's rules, for no period yet (ForPeriod
// sets it).
Result<store::FidelityQuery> BaseQuery(store::Store& store, Instant now) {
  const rules::Rules& rules = rules::Current();
  ALONGSIDE_ASSIGN_OR_RETURN(store::ProgramSettings settings, store.GetProgramSettings());
  store::FidelityQuery query;
  query.now = now;
  query.deadline_seconds =
      static_cast<std::int64_t>(rules.practice().documentation_deadline_hours) * 3600;
  query.review_seconds = static_cast<std::int64_t>(settings.safety_review_hours) * 3600;
  query.self_disclosure_activity = rules.fidelity().self_disclosure_activity();
  query.reflection_window_seconds =
      static_cast<std::int64_t>(rules.fidelity().reflection_within_days()) * 86400;
  return query;
}

// `query` for the days [from, to].
store::FidelityQuery ForPeriod(store::FidelityQuery query, Day from, Day to,
                               const TimeZone& zone) {
  query.from = zone.StartOfDay(from);
  query.until = zone.StartOfDay(to + 1);
  query.from_day = from;
  query.until_day = to + 1;
  return query;
}

domain::FidelityCounts CountsOf(const domain::WorkerPractice& practice,
                                const store::FidelityQuery& query) {
  const rules::Rules& rules = rules::Current();
  return domain::CountFidelity(practice, {query.from, query.until, query.now}, rules.fidelity(),
                               rules.practice().peer_supervision_due_after_days,
                               rules.practice().clinical_supervision_due_after_days);
}

// Counts per worker for `workers` over the query's period.
Result<std::unordered_map<Id, domain::FidelityCounts>> CountWorkers(
    store::Store& store, store::FidelityQuery query, const std::vector<Id>& workers) {
  // Many workers: read in two halves at once, on two of the store's
  // readers (the reads are scans of index ranges, one per worker).
  constexpr size_t kSplitFrom = 64;
  std::vector<std::vector<Id>> parts;
  if (workers.size() < kSplitFrom) {
    parts.push_back(workers);
  } else {
    const size_t half = workers.size() / 2;
    parts.emplace_back(workers.begin(), workers.begin() + static_cast<std::ptrdiff_t>(half));
    parts.emplace_back(workers.begin() + static_cast<std::ptrdiff_t>(half), workers.end());
  }
  std::vector<std::future<Result<std::vector<domain::WorkerPractice>>>> reads;
  for (size_t part = 1; part < parts.size(); ++part) {
    store::FidelityQuery one = query;
    one.worker_ids = parts[part];
    reads.push_back(std::async(std::launch::async, [&store, one] {
      return store.PracticeForFidelity(one);
    }));
  }
  query.worker_ids = parts.front();
  std::vector<Result<std::vector<domain::WorkerPractice>>> results;
  results.push_back(store.PracticeForFidelity(query));
  for (auto& read : reads) results.push_back(read.get());
  std::unordered_map<Id, domain::FidelityCounts> counts;
  for (const Result<std::vector<domain::WorkerPractice>>& result : results) {
    if (!result.ok()) return result.status();
    for (const domain::WorkerPractice& one : *result) counts[one.worker_id] = CountsOf(one, query);
  }
  return counts;
}

FidelityRow MakeRow(FidelityUnit unit, Id id, std::string name, std::int64_t workers,
                    const domain::FidelityCounts& counts) {
  FidelityRow row;
  row.unit = unit;
  row.id = id;
  row.name = std::move(name);
  row.workers = workers;
  row.counts = counts;
  row.scores = domain::ScoreFidelity(counts, rules::Current().fidelity());
  return row;
}

// Who a request's rows add up: the staffing read once, the teams shown and
// the workers counted (indices into staffing.workers).
struct Scope {
  FidelityUnit by = FidelityUnit::kWorker;
  std::optional<Id> id;
  Staffing staffing;
  std::unordered_set<Id> shown_teams;
  std::vector<size_t> counted;

  std::vector<Id> WorkerIds() const {
    std::vector<Id> ids;
    ids.reserve(counted.size());
    for (size_t idx : counted) ids.push_back(staffing.workers[idx].id);
    return ids;
  }
};

// The scope of `request` among the workers, teams and program the caller
// may see (`visible` nullopt: all); NotFound for an id the caller may not
// see.
Result<Scope> ScopeOf(store::Store& store, const FidelityRequest& request,
                      const std::optional<std::vector<Id>>& visible) {
  Scope scope;
  scope.by = request.by;
  scope.id = request.id;
  ALONGSIDE_ASSIGN_OR_RETURN(scope.staffing, ReadStaffing(store));
  const std::vector<domain::Staff>& workers = scope.staffing.workers;
  auto is_visible = [&](Id worker) {
    return !visible || std::find(visible->begin(), visible->end(), worker) != visible->end();
  };
  for (const domain::Staff& worker : workers) {
    if (is_visible(worker.id)) scope.shown_teams.insert(worker.team_id);
  }
  for (size_t idx = 0; idx < workers.size(); ++idx) {
    const domain::Staff& worker = workers[idx];
    bool wanted = false;
    switch (request.by) {
      case FidelityUnit::kWorker:
        wanted = is_visible(worker.id) && (!request.id || *request.id == worker.id);
        break;
      case FidelityUnit::kTeam:
        wanted = scope.shown_teams.count(worker.team_id) > 0 &&
                 (!request.id || *request.id == worker.team_id);
        break;
      case FidelityUnit::kProgram:
        wanted = !request.id || *request.id == scope.staffing.program_id;
        break;
    }
    if (wanted) scope.counted.push_back(idx);
  }
  if (request.id && scope.counted.empty() && request.by != FidelityUnit::kProgram) {
    return Status::NotFound("no such " + std::string(Name(request.by)) + " to show");
  }
  if (request.id && request.by == FidelityUnit::kProgram &&
      *request.id != scope.staffing.program_id) {
    return Status::NotFound("no such program");
  }
  return scope;
}

// The scope's rows, from each counted worker's counts.
std::vector<FidelityRow> RowsOf(const Scope& scope,
                                std::unordered_map<Id, domain::FidelityCounts>& counts) {
  std::vector<FidelityRow> rows;
  const std::vector<domain::Staff>& workers = scope.staffing.workers;
  switch (scope.by) {
    case FidelityUnit::kWorker:
      for (size_t idx : scope.counted) {
        const domain::Staff& worker = workers[idx];
        FidelityRow row =
            MakeRow(FidelityUnit::kWorker, worker.id, worker.display_name, 1, counts[worker.id]);
        row.team_id = worker.team_id;
        rows.push_back(std::move(row));
      }
      break;
    case FidelityUnit::kTeam:
      for (const domain::Team& team : scope.staffing.teams) {
        if (scope.shown_teams.count(team.id) == 0 || (scope.id && *scope.id != team.id)) continue;
        domain::FidelityCounts sum;
        std::int64_t team_workers = 0;
        for (size_t idx : scope.counted) {
          if (workers[idx].team_id != team.id) continue;
          sum += counts[workers[idx].id];
          ++team_workers;
        }
        rows.push_back(MakeRow(FidelityUnit::kTeam, team.id, team.name, team_workers, sum));
      }
      break;
    case FidelityUnit::kProgram: {
      domain::FidelityCounts sum;
      for (size_t idx : scope.counted) sum += counts[workers[idx].id];
      rows.push_back(MakeRow(FidelityUnit::kProgram, scope.staffing.program_id, "Whole program",
                             static_cast<std::int64_t>(scope.counted.size()), sum));
      break;
    }
  }
  return rows;
}

// The report for the workers, teams and program the caller may see;
// `visible` nullopt: all.
Result<FidelityReport> Report(store::Store& store, const FidelityRequest& request, Instant now,
                              const TimeZone& zone,
                              const std::optional<std::vector<Id>>& visible) {
  const Day today = zone.DayOf(now);
  ALONGSIDE_RETURN_IF_ERROR(ValidateFidelityRequest(request, today));
  FidelityReport report;
  report.to = request.to.value_or(today);
  report.from = request.from.value_or(report.to - 364);
  ALONGSIDE_ASSIGN_OR_RETURN(Scope scope, ScopeOf(store, request, visible));
  ALONGSIDE_ASSIGN_OR_RETURN(store::FidelityQuery query, BaseQuery(store, now));
  ALONGSIDE_ASSIGN_OR_RETURN(
      auto counts,
      CountWorkers(store, ForPeriod(query, report.from, report.to, zone), scope.WorkerIds()));
  report.rows = RowsOf(scope, counts);
  return report;
}

}  // namespace

std::string_view Name(FidelityUnit unit) {
  switch (unit) {
    case FidelityUnit::kWorker: return "worker";
    case FidelityUnit::kTeam: return "team";
    case FidelityUnit::kProgram: return "program";
  }
  return "worker";
}

Result<FidelityUnit> ParseFidelityUnit(std::string_view text, std::string_view field) {
  for (FidelityUnit unit : {FidelityUnit::kWorker, FidelityUnit::kTeam, FidelityUnit::kProgram}) {
    if (text == Name(unit)) return unit;
  }
  return Status::InvalidArgument(std::string(field), "must be worker, team or program");
}

Status ValidateFidelityRequest(const FidelityRequest& request, Day today) {
  const Day to = request.to.value_or(today);
  const Day from = request.from.value_or(to - 364);
  if (request.from && request.to && *request.from > *request.to) {
    return Status::InvalidArgument("from", "must be on or before to");
  }
  if (!request.from && request.to && *request.to > today + 366) {
    return Status::InvalidArgument("to", "must be within a year of today");
  }
  if (to - from + 1 > kMaxPeriodDays) {
    return Status::InvalidArgument("from", "must be at most three years before to");
  }
  if (request.id && *request.id <= 0) return Status::InvalidArgument("id", "must be positive");
  return Status::Ok();
}

Result<FidelityReport> Fidelity(Services& services, const Caller& caller,
                                const FidelityRequest& request) {
  Result<std::optional<std::vector<Id>>> visible = services.policy.FidelityWorkers(caller.who);
  if (!visible.ok()) {
    return internal::Refuse(services, caller, access::ActionCode(access::Action::kReadFidelity),
                            std::nullopt, 0, visible.status());
  }
  return Report(services.store, request, caller.now, caller.zone, *visible);
}

Result<FidelityReport> FidelityForOperator(store::Store& store, const FidelityRequest& request,
                                           Instant now, const TimeZone& zone) {
  return Report(store, request, now, zone, std::nullopt);
}

Result<std::vector<FidelityMonth>> FidelityTrend(Services& services, const Caller& caller,
                                                 FidelityUnit unit, std::optional<Id> id,
                                                 int months) {
  if (months < 1 || months > 36) return Status::InvalidArgument("months", "must be 1..36");
  Result<std::optional<std::vector<Id>>> visible = services.policy.FidelityWorkers(caller.who);
  if (!visible.ok()) {
    return internal::Refuse(services, caller, access::ActionCode(access::Action::kReadFidelity),
                            std::nullopt, 0, visible.status());
  }
  FidelityRequest request;
  request.by = unit;
  request.id = id;
  // The staffing and the settings are read once; each month is one read of
  // the practice.
  ALONGSIDE_ASSIGN_OR_RETURN(Scope scope, ScopeOf(services.store, request, *visible));
  ALONGSIDE_ASSIGN_OR_RETURN(store::FidelityQuery query, BaseQuery(services.store, caller.now));
  const std::vector<Id> workers = scope.WorkerIds();
  const Day today = caller.today();
  Day start = MonthStart(today);
  for (int back = 1; back < months; ++back) start = MonthStart(start - 1);
  std::vector<FidelityMonth> trend;
  for (int month = 0; month < months; ++month) {
    const Day next = NextMonthStart(start);
    FidelityMonth point;
    point.from = start;
    point.to = std::min<Day>(next - 1, today);
    point.partial = next > today;  // today is not over
    ALONGSIDE_ASSIGN_OR_RETURN(
        auto counts,
        CountWorkers(services.store, ForPeriod(query, point.from, point.to, caller.zone),
                     workers));
    for (const FidelityRow& row : RowsOf(scope, counts)) point.counts += row.counts;
    point.scores = domain::ScoreFidelity(point.counts, rules::Current().fidelity());
    trend.push_back(point);
    start = next;
  }
  return trend;
}

Result<std::unique_ptr<FidelityCache>> FidelityCache::Build(store::Store& store, Day from, Day to,
                                                            Instant now, const TimeZone& zone) {
  ALONGSIDE_ASSIGN_OR_RETURN(store::FidelityQuery base, BaseQuery(store, now));
  const store::FidelityQuery query = ForPeriod(base, from, to, zone);
  ALONGSIDE_ASSIGN_OR_RETURN(Staffing staffing, ReadStaffing(store));
  std::unique_ptr<FidelityCache> cache(new FidelityCache(store, query));
  std::vector<Id> ids;
  for (const domain::Staff& worker : staffing.workers) {
    ids.push_back(worker.id);
    cache->team_of_[worker.id] = worker.team_id;
  }
  ALONGSIDE_ASSIGN_OR_RETURN(auto counts, CountWorkers(store, query, ids));
  for (auto& [worker, worker_counts] : counts) cache->workers_[worker] = worker_counts;
  return cache;
}

Status FidelityCache::Refresh(Id worker_id, Instant now) {
  store::FidelityQuery query;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (team_of_.count(worker_id) == 0) return Status::NotFound("no peer worker " + std::to_string(worker_id));
    query_.now = now;
    query = query_;
  }
  ALONGSIDE_ASSIGN_OR_RETURN(auto counts, CountWorkers(store_, query, {worker_id}));
  std::lock_guard<std::mutex> lock(mutex_);
  workers_[worker_id] = counts[worker_id];
  return Status::Ok();
}

Result<FidelityRow> FidelityCache::Row(FidelityUnit unit, Id id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  domain::FidelityCounts sum;
  std::int64_t workers = 0;
  for (const auto& [worker, counts] : workers_) {
    const bool in = unit == FidelityUnit::kProgram ||
                    (unit == FidelityUnit::kWorker && worker == id) ||
                    (unit == FidelityUnit::kTeam && team_of_.at(worker) == id);
    if (!in) continue;
    sum += counts;
    ++workers;
  }
  if (workers == 0 && unit != FidelityUnit::kProgram) {
    return Status::NotFound("no such " + std::string(Name(unit)));
  }
  return MakeRow(unit, id, "", workers, sum);
}

}  // namespace alongside::usecase
