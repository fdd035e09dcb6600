// Fidelity at the design's scale (bench/RESULTS.md, "Fidelity (issue 15)"):
// on an existing database (SQLite file or postgresql:// URL),
//   reference: counting the period's contacts (Store::CountContacts), the
//              cheapest question a period's practice can be asked;
//   full:      F, R and P for every worker, every team and the program over
//              the period (one read of every worker's practice, then sums);
//   by worker: the same through usecase::FidelityForOperator (the CLI's path);
//   update:    after one new contact, the worker's practice read again and
//              the worker's, team's and program's scores from kept counts.
// Each is timed `--rounds` times; the median and the ratio to the reference
// are printed. The new contacts are written to the database: run on a copy.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "rules/rules.h"
#include "store/open.h"
#include "support/test_support.h"
#include "usecase/fidelity.h"

namespace {

using namespace alongside;
using Clock = std::chrono::steady_clock;

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

template <typename F>
double Time(F&& f) {
  const auto start = Clock::now();
  f();
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void Check(const Status& status, const char* what) {
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, status.ToString().c_str());
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("fidelity benchmark");
  std::string db, end = "2026-11-30";
  int rounds = 5;
  app.add_option("--db", db)->required();
  app.add_option("--end", end);
  app.add_option("--rounds", rounds);
  CLI11_PARSE(app, argc, argv);

  auto opened = store::OpenStore(db, store::OpenMode::kOpenExisting);
  Check(opened.status(), "open");
  store::Store& store = **opened;
  const Day to = ParseDay(end, "--end").value();
  const Day from = to - 364;
  const TimeZone zone = TimeZone::Utc();
  const Instant now = StartOfDay(to + 1) - 60;

  store::ContactQuery period;
  period.from = StartOfDay(from);
  period.until = StartOfDay(to + 1);
  std::int64_t contacts = 0;
  std::vector<double> reference, full, by_worker, update;
  std::size_t workers = 0, teams = 0;
  for (int round = 0; round < rounds; ++round) {
    reference.push_back(Time([&] { contacts = store.CountContacts(period).value(); }));
    std::unique_ptr<usecase::FidelityCache> cache;
    full.push_back(Time([&] {
      auto built = usecase::FidelityCache::Build(store, from, to, now, zone);
      Check(built.status(), "build");
      cache = std::move(built).value();
      std::vector<domain::Team> all_teams = store.ListTeams().value();
      teams = all_teams.size();
      for (const domain::Team& team : all_teams) {
        (void)cache->Row(usecase::FidelityUnit::kTeam, team.id);
      }
      (void)cache->Row(usecase::FidelityUnit::kProgram, 0);
    }));
    usecase::FidelityRequest request;
    request.from = from;
    request.to = to;
    by_worker.push_back(Time([&] {
      auto report = usecase::FidelityForOperator(store, request, now, zone);
      Check(report.status(), "report");
      workers = report->rows.size();
    }));
    // One new final contact by a worker with people today, then the update.
    store::StaffQuery staff;
    staff.page.limit = 1;
    staff.page.offset = round;
    staff.role = domain::Role::kPeerSpecialist;
    const domain::Staff worker = store.ListStaff(staff).value().front();
    store::PeopleQuery people;
    people.worker_ids = std::vector<domain::Id>{worker.id};
    people.active_on = to;
    people.page.limit = 1;
    const domain::Id person = store.ListPeople(people).value().front().person.id;
    domain::ContactVersion version = testing::DraftVersion(worker.id, now - 2 * 3600);
    version.status = domain::NoteStatus::kFinal;
    version.signed_by = worker.id;
    version.signed_at = now - 3600;
    version.written_at = now - 3600;
    store.RecordContact(person, worker.id, version, {"bench", "local"}).value();
    update.push_back(Time([&] {
      Check(cache->Refresh(worker.id, now), "refresh");
      (void)cache->Row(usecase::FidelityUnit::kWorker, worker.id).value();
      (void)cache->Row(usecase::FidelityUnit::kTeam, worker.team_id).value();
      (void)cache->Row(usecase::FidelityUnit::kProgram, 0).value();
    }));
  }
  const double ref = Median(reference);
  std::printf("database: %s\nperiod: %s to %s, %lld contacts, %zu workers, %zu teams, %d rounds\n",
              db.c_str(), FormatDay(from).c_str(), FormatDay(to).c_str(),
              static_cast<long long>(contacts), workers, teams, rounds);
  std::printf("%-58s %10s %8s\n", "", "median ms", "x ref");
  auto line = [&](const char* what, const std::vector<double>& values) {
    std::printf("%-58s %10.1f %8.2f\n", what, Median(values), Median(values) / ref);
  };
  line("reference: count the period's contacts", reference);
  line("F, R, P for every worker, team and the program", full);
  line("the same by worker, as `alongside fidelity` (CSV rows)", by_worker);
  line("after one new contact: worker, team, program updated", update);
  return 0;
}
