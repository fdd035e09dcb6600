#include "store/open.h"

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace alongside::store {

bool IsPostgres(std::string_view db) {
  for (std::string_view prefix :
       {"postgresql://", "postgres://", "host=", "dbname=", "service=", "user="}) {
    if (db.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& db, OpenMode mode,
                                         const WriterWrapper& wrap_writer) {
  if (db.empty()) return Status::InvalidArgument("db", "must name a database file or URL");
  if (IsPostgres(db)) return OpenPostgresStore(db, mode, wrap_writer);
  return OpenSqliteStore(db, mode, wrap_writer);
}

int SchemaVersion() { return SqliteSchemaVersion(); }

}  // namespace alongside::store
