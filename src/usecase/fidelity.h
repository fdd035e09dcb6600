// Fidelity computed from practice (docs/fidelity.md): F, R and P per peer
// worker, team and the program, for any period, with every component's
// numerator and denominator. The formulas are domain/fidelity.h's; the
// weights and thresholds come from rules/data/fidelity.json; who sees
// which scores is the access policy's (Policy::FidelityWorkers).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/fidelity.h"
#include "usecase/usecase.h"

namespace alongside::usecase {

enum class FidelityUnit { kWorker, kTeam, kProgram };
std::string_view Name(FidelityUnit unit);  // "worker", "team", "program"
Result<FidelityUnit> ParseFidelityUnit(std::string_view text, std::string_view field);

struct FidelityRequest {
  std::optional<Day> from;  // first day; default: a year before `to`, plus a day
  std::optional<Day> to;    // last day, inclusive; default: today
  FidelityUnit by = FidelityUnit::kWorker;
  std::optional<Id> id;     // only this worker or team (of the kind `by` names)
};

struct FidelityRow {
  FidelityUnit unit = FidelityUnit::kWorker;
  Id id = 0;
  std::string name;       // the worker's display name, the team's or the program's name
  std::optional<Id> team_id;  // a worker's team
  std::int64_t workers = 0;   // how many peer workers the row adds up
  domain::FidelityCounts counts;
  domain::FidelityScores scores;
};

struct FidelityReport {
  Day from = 0;
  Day to = 0;  // inclusive
  std::vector<FidelityRow> rows;  // workers by team then name; teams by name
};

// The checks on a request (a period of at most 3 years, from on or before
// to); InvalidArgument naming "from", "to" or "id".
Status ValidateFidelityRequest(const FidelityRequest& request, Day today);

// The scores the caller may see, one row per unit. A supervisor asking by
// worker gets their supervisees; by team, the teams their supervisees are in;
// by program, the program. NotFound for an `id` that is not a unit the
// caller may see.
Result<FidelityReport> Fidelity(Services& services, const Caller& caller,
                                const FidelityRequest& request);

// One unit's scores month by month: the last `months` calendar months up to
// and including the current one (partial: up to today), oldest first.
// Reads the staffing once and the practice once per month.
struct FidelityMonth {
  Day from = 0;
  Day to = 0;            // inclusive
  bool partial = false;  // the current month: counted up to today, which is not over
  domain::FidelityCounts counts;
  domain::FidelityScores scores;
};
Result<std::vector<FidelityMonth>> FidelityTrend(Services& services, const Caller& caller,
                                                 FidelityUnit unit, std::optional<Id> id,
                                                 int months);

// For the command line (`alongside fidelity`), which runs with the
// operator's full access: every unit, no policy asked.
Result<FidelityReport> FidelityForOperator(store::Store& store, const FidelityRequest& request,
                                           Instant now, const TimeZone& zone);

// Scores kept for one period, updated worker by worker: after a write that
// changes one worker's practice, Refresh(worker) reads that worker again
// (a few indexed queries) and the team's and program's scores are sums of
// kept counts. Thread-safe.
class FidelityCache {
 public:
  // Reads every peer worker's practice in [from, to] (days, inclusive).
  static Result<std::unique_ptr<FidelityCache>> Build(store::Store& store, Day from, Day to,
                                                      Instant now, const TimeZone& zone);
  Status Refresh(Id worker_id, Instant now);
  // A worker's, a team's or the program's scores, from kept counts.
  Result<FidelityRow> Row(FidelityUnit unit, Id id) const;

 private:
  FidelityCache(store::Store& store, store::FidelityQuery query)
      : store_(store), query_(std::move(query)) {}

  store::Store& store_;
  store::FidelityQuery query_;
  mutable std::mutex mutex_;
  std::map<Id, domain::FidelityCounts> workers_;
  std::map<Id, Id> team_of_;
};

}  // namespace alongside::usecase
