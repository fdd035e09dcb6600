// Sign-ins for synthetic programs: every staff member and up to `max_people`
// people served get an account with a random password, written to
// `<db>.accounts.csv` (username,password,role,display_name) so a new user
// can sign in to the demo. Only the synthetic commands call this: a real
// database never gets such a file.
//
// The file starts with a story a newcomer can walk end to end: a peer
// worker, a person on that worker's caseload and the worker's senior peer
// supervisor (the demo shows the first account of each role, so it shows
// these three).
#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "server/auth.h"
#include "store/store.h"

namespace alongside::cli {

// One sign-in of the file, as written there.
struct SyntheticSignIn {
  std::string username;
  std::string password;
  std::string role;  // domain::Name(role), or "person_served"
  std::string display_name;
};

// A peer worker, a person they walk alongside (an open assignment) and the
// senior peer supervisor of that worker: the first three rows of the file.
struct DemoStory {
  SyntheticSignIn worker;
  SyntheticSignIn person;
  SyntheticSignIn supervisor;
};

struct AccountsReport {
  std::string csv_path;
  int staff = 0;
  int people = 0;
  // Absent when no person served got a sign-in (max_people 0) or no peer
  // worker with a senior peer supervisor has one of them on their caseload.
  std::optional<DemoStory> story;
};

// Where the sign-ins of a synthetic database are written: `chosen` when
// given (--accounts-file), else beside a SQLite file (`<db>.accounts.csv`),
// else for a PostgreSQL database `alongside-accounts.csv` in the working
// directory.
std::string AccountsFileFor(const std::string& db, const std::string& chosen);

Result<AccountsReport> CreateSyntheticAccounts(store::Store& store, const std::string& csv_path,
                                               int max_people,
                                               const server::AuthOptions& options);

// "peer12", "clinsup2", "person40": the username scheme of synthetic accounts.
std::string SyntheticUsername(const store::Account& account);

}  // namespace alongside::cli
