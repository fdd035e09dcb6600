// Opening a store by the one `--db` argument every command takes: a SQLite
// file path, or a PostgreSQL connection URL (postgresql://...) or libpq
// keyword string starting "host=", "dbname=" or "service=".
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "store/sql/driver.h"
#include "store/store.h"

namespace alongside::store {

enum class OpenMode {
  kCreate,         // SQLite: the file must not exist; PostgreSQL: the database
                   // must exist and be empty of Alongside's tables. Then migrated.
  kOpenExisting,   // the database must exist and its schema must be current
  kMigrate,        // the database must exist; pending migrations are applied
};

// True when `db` names a PostgreSQL database rather than a SQLite file.
bool IsPostgres(std::string_view db);

// A seam for tests: wraps the write connection before the store uses it
// (tests/support/faulty_driver.h fails the N-th driver call).
using WriterWrapper =
    std::function<std::unique_ptr<sql::Connection>(std::unique_ptr<sql::Connection>)>;

Result<std::unique_ptr<Store>> OpenStore(const std::string& db, OpenMode mode,
                                         const WriterWrapper& wrap_writer = nullptr);

// Latest schema version this build knows (the same on both backends: each
// migration has a SQLite and a PostgreSQL file).
int SchemaVersion();

}  // namespace alongside::store
