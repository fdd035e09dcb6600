// crash_rounds: runs crash rounds (crash_rounds.h) against an `alongside
// serve` on a database made by `alongside synth`, prints one line per round
// and a summary, and exits 1 when an acknowledged write was lost, the file or
// the audit chain failed its check, or the run could not finish.
// bench/crash/run.sh prepares the database and calls it.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <random>

#include "integration/crash_rounds.h"

int main(int argc, char** argv) {
  alongside::crash::CrashRoundsOptions options;
  CLI::App app{
      "Crash rounds: SIGKILL alongside serve under API writers, check every acknowledged write"};
  app.add_option("--alongside", options.binary, "The alongside program")->required();
  app.add_option("--db", options.db, "Database made by alongside synth (written into)")->required();
  app.add_option("--accounts", options.accounts_csv, "Its sign-ins (default: <db>.accounts.csv)");
  app.add_option("--server-log", options.server_log, "Append the servers' output here");
  app.add_option("--rounds", options.rounds, "Rounds")->capture_default_str();
  app.add_option("--writers", options.writers, "Concurrent API writers")->capture_default_str();
  app.add_option("--threads", options.server_threads, "Server worker threads")
      ->capture_default_str();
  app.add_option("--min-kill-ms", options.min_kill_ms, "Earliest kill after the writers start")
      ->capture_default_str();
  app.add_option("--max-kill-ms", options.max_kill_ms, "Latest kill after the writers start")
      ->capture_default_str();
  std::uint64_t seed = std::random_device{}();
  app.add_option("--seed", seed, "Seed of the kill times (default: random, printed)");
  CLI11_PARSE(app, argc, argv);
  if (options.accounts_csv.empty()) options.accounts_csv = options.db + ".accounts.csv";
  if (options.rounds < 1 || options.writers < 1 || options.min_kill_ms < 1 ||
      options.max_kill_ms < options.min_kill_ms) {
    std::fprintf(stderr,
                 "crash_rounds: need --rounds >= 1, --writers >= 1, "
                 "1 <= --min-kill-ms <= --max-kill-ms\n");
    return 2;
  }
  options.seed = seed;
  options.progress = [](const std::string& line) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  };
  std::printf(
      "crash rounds: %d rounds, %d writers, kill %d-%d ms after the writers start, seed %llu\n",
      options.rounds, options.writers, options.min_kill_ms, options.max_kill_ms,
      static_cast<unsigned long long>(seed));
  std::fflush(stdout);

  alongside::crash::CrashRoundsReport report = alongside::crash::RunCrashRounds(options);
  for (const std::string& problem : report.problems) std::printf("problem: %s\n", problem.c_str());
  std::printf("rounds checked: %d in %.1f s\n", report.rounds, report.seconds);
  std::printf(
      "writes acknowledged: %lld (contacts %lld, goals %lld, annotations %lld, sign-ins %lld)\n",
      static_cast<long long>(report.acknowledged), static_cast<long long>(report.contacts),
      static_cast<long long>(report.goals), static_cast<long long>(report.annotations),
      static_cast<long long>(report.sessions));
  std::printf("writes lost: %lld\n", static_cast<long long>(report.lost));
  std::printf("integrity failures: %d\n", report.integrity_failures);
  std::printf("audit chain failures: %d (%lld rows at the end)\n", report.chain_failures,
              static_cast<long long>(report.audit_rows));
  std::printf("valid writes refused by a live server: %lld\n",
              static_cast<long long>(report.refused));
  std::printf("last server stopped cleanly: %s\n", report.stopped_cleanly ? "yes" : "no");
  std::printf("result: %s\n", report.ok() ? "PASS" : "FAIL");
  return report.ok() ? 0 : 1;
}
