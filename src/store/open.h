// Opening a store by the one `--db` argument every command takes: a SQLite
// file path, or a PostgreSQL connection URL (postgresql://...) or libpq
// keyword string starting "host=", "dbname=" or "service=".
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
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

Result<std::unique_ptr<Store>> OpenStore(const std::string& db, OpenMode mode);

// Latest schema version this build knows (the same on both backends: each
// migration has a SQLite and a PostgreSQL file).
int SchemaVersion();

}  // namespace alongside::store
