// Sign-ins for synthetic programs: every staff member and up to `max_people`
// people served get an account with a random password, written to
// `<db>.accounts.csv` (username,password,role,display_name) so a new user
// can sign in to the demo. Only the synthetic commands call this: a real
// database never gets such a file.
#pragma once

#include <string>

#include "common/status.h"
#include "server/auth.h"
#include "store/store.h"

namespace alongside::cli {

struct AccountsReport {
  std::string csv_path;
  int staff = 0;
  int people = 0;
};

Result<AccountsReport> CreateSyntheticAccounts(store::Store& store, const std::string& db_path,
                                               int max_people,
                                               const server::AuthOptions& options);

// "peer12", "clinsup2", "person40": the username scheme of synthetic accounts.
std::string SyntheticUsername(const store::Account& account);

}  // namespace alongside::cli
