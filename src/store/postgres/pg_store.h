// The PostgreSQL backend: for a program past one machine, with several
// `alongside serve` processes on one database. Opens the connections (one
// writer, a pool of readers) and brings the schema to the current version
// from migrations/ (PostgreSQL twins of the SQLite files, applied under an
// advisory lock so that servers starting together migrate once), then hands
// the connections to the one SQL store (store/sql/sql_store.h).
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "store/open.h"
#include "store/store.h"

namespace alongside::store {

// `conninfo`: a postgresql:// URL or a libpq keyword string.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& conninfo, OpenMode mode,
                                                 const WriterWrapper& wrap_writer = nullptr);

// The URL or string with any password replaced by "***", for messages.
std::string RedactConninfo(const std::string& conninfo);

}  // namespace alongside::store
