// The one implementation of the Store contract (store/store.h), written
// once in portable SQL over the driver interface (driver.h): every record,
// rule call, version transition and audit append, for every backend. Writes
// go through one writer connection that group-commits what queued during
// the last durable commit (group_commit.h; each write acknowledged only
// after its commit); reads through a small pool of reader connections, each
// read one snapshot. A backend (sqlite/, postgres/) opens and configures the
// connections, brings the schema to the current version with its own
// migration files, and hands them here.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/sql/driver.h"
#include "store/store.h"

namespace alongside::store::sql {

// A store over open connections whose schema is current. `readers` must
// not be empty; on SQLite they are read-only connections to the same file.
Result<std::unique_ptr<Store>> OpenSqlStore(std::unique_ptr<Connection> writer,
                                            std::vector<std::unique_ptr<Connection>> readers);

// Applies `migrations[from_version..]` in order, each in its own
// transaction with `record_version(connection, version)`, so that a failed
// migration leaves the schema at the last version that succeeded.
Status ApplyMigrations(Connection& connection, const std::vector<std::string_view>& migrations,
                       int from_version,
                       const std::function<Status(Connection&, int)>& record_version);

}  // namespace alongside::store::sql
