// Crash rounds: `alongside serve` is killed with SIGKILL, round after round
// on one database file, while API writers record contacts, goals and
// annotations. After every restart each write the server acknowledged with
// 201 must be there with the words it was sent, the file must pass
// `PRAGMA integrity_check` and the audit chain must verify (`alongside audit
// verify`). The ctest test runs a few rounds (crash_rounds_test.cc),
// bench/crash/run.sh a hundred (crash_rounds_main.cc).
//
// Loopback only; every request has a timeout and every wait a bound. The
// servers started here are killed when the run ends, when the calling thread
// exits, or when the process that started them dies (PR_SET_PDEATHSIG).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace alongside::crash {

struct CrashRoundsOptions {
  std::string binary;        // the alongside program
  std::string db;            // made by `alongside synth` with sign-ins; the rounds write into it
  std::string accounts_csv;  // the sign-ins synth wrote beside it (<db>.accounts.csv)
  std::string server_log;    // every server's stdout and stderr, appended
  int rounds = 100;
  int writers = 8;  // each a peer specialist and one person on their caseload
  int server_threads = 32;
  int min_kill_ms = 200;   // the kill comes this long after the writers start, at the
  int max_kill_ms = 2000;  // earliest, and this long at the latest (uniform)
  std::uint64_t seed = 1;  // the kill times; the same seed gives the same times
  std::function<void(const std::string&)> progress;  // one line per round; may be empty
};

// One write the server acknowledged with 201, and what it wrote.
struct Acknowledged {
  enum class Kind { kContact, kGoal, kAnnotation };
  Kind kind = Kind::kContact;
  std::int64_t id = 0;
  std::int64_t contact_id = 0;  // an annotation's contact
  std::string words;            // a contact's note, a goal's or an annotation's words
  int round = 0;
  int writer = 0;
};

struct CrashRoundsReport {
  int rounds = 0;  // rounds whose server was killed and then checked
  std::int64_t acknowledged = 0;
  std::int64_t contacts = 0, goals = 0, annotations = 0;
  std::int64_t sessions = 0;  // sign-ins acknowledged (checked after every restart too)
  std::int64_t lost = 0;      // acknowledged, then missing or with other words
  int integrity_failures = 0;
  int chain_failures = 0;
  std::int64_t refused = 0;      // valid writes a live server answered with something else than 201
  bool incomplete = false;       // a server did not start or died unkilled, reads got no answer
  bool stopped_cleanly = false;  // the last server stopped on SIGTERM with exit code 0
  std::vector<std::string> problems;  // the first few, one line each
  double seconds = 0;
  std::int64_t audit_rows = 0;  // in the chain at the last check

  bool ok() const {
    return !incomplete && stopped_cleanly && lost == 0 && integrity_failures == 0 &&
           chain_failures == 0 && refused == 0;
  }
};

// Runs the rounds, then starts the server once more to check the last one and
// stops it with SIGTERM.
CrashRoundsReport RunCrashRounds(const CrashRoundsOptions& options);

// The writes in `writes` that the file at `db` lacks or holds with other
// words, one line each, read through a read-only connection (safe beside a
// running server). Every write is listed when the file cannot be read.
std::vector<std::string> MissingFromStore(const std::string& db,
                                          const std::vector<Acknowledged>& writes);

// "ok", or what `PRAGMA integrity_check` (read-only) found instead.
std::string IntegrityCheck(const std::string& db);

}  // namespace alongside::crash
