// Helpers for tests: a temporary directory removed at the end of the test,
// running the alongside binary and capturing what it printed, and a small
// program fixture (one team, a worker, a person) in a store.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace alongside::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The backend the suites run against: SQLite unless ALONGSIDE_TEST_BACKEND
// is "postgres" (ctest's "pg." copies of a suite set it; see
// cmake/Alongside.cmake BOTH_BACKENDS).
bool TestingPostgres();

// Why a PostgreSQL test cannot run here ("" when it can): the suites need
// ALONGSIDE_TEST_PG_URL, an admin URL that scripts/with-postgres.sh sets.
std::string PostgresUnavailable();

// A new, empty database for one test, named for a store: a file `name` in
// `dir` on SQLite; on PostgreSQL a fresh database (dropped, with any
// connections left, when the test process ends). Returns the --db string.
std::string FreshDatabase(const TempDir& dir, const std::string& name);

// A store created on FreshDatabase(dir, name) for the backend in use; fails
// the test (nullptr) if it cannot be opened.
std::unique_ptr<store::Store> OpenTestStore(const TempDir& dir, const std::string& name);

// A fresh database on `backend` ("sqlite" or "postgres"), whatever the
// environment says: for suites that run both in one process.
std::string FreshDatabaseOn(const std::string& backend, const TempDir& dir,
                            const std::string& name);

// In a fixture's SetUp: skips the test when it is the PostgreSQL copy and
// no PostgreSQL is reachable (a developer without it still runs SQLite's).
#define ALONGSIDE_SKIP_WITHOUT_BACKEND()                                             \
  if (::alongside::testing::TestingPostgres() &&                                     \
      !::alongside::testing::PostgresUnavailable().empty())                          \
  GTEST_SKIP() << ::alongside::testing::PostgresUnavailable()

// A loopback port no one listens on: bound to port 0, read back and closed.
int FreePort();

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the alongside binary with `args` (no shell), stdin from `input`.
CommandResult RunAlongside(const std::vector<std::string>& args, const std::string& input = "");

struct SmallProgram {
  domain::Id program = 0, team = 0, worker = 0, other_worker = 0, person = 0, other_person = 0;
};

// One program, one team, two peer workers each with one person assigned.
SmallProgram MakeSmallProgram(store::Store& store);

// A valid draft contact version written by `worker` starting at `start`.
domain::ContactVersion DraftVersion(domain::Id worker, Instant start, int minutes = 45);

inline const store::Actor kTestActor{"test", "local"};

}  // namespace alongside::testing
