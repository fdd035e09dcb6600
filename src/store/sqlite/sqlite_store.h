// The embedded SQLite backend of the Store contract (store/store.h). One
// file, WAL journal, foreign keys on, synchronous=FULL so that a commit that
// returned ok survives a crash or power loss. Every statement binds its
// parameters; none is built from strings. Safe from any thread: writes go
// through one writer thread that group-commits what queued during the last
// fsync (group_commit.h; each write acknowledged only after its commit),
// reads through a small pool of read-only connections.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "store/open.h"
#include "store/store.h"

namespace alongside::store {


// Latest schema version this build knows.
int SqliteSchemaVersion();

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode,
                                               const WriterWrapper& wrap_writer = nullptr);

// Copies a live database to `to` with SQLite's online backup API (a
// consistent snapshot, readers and writers may go on). `to` must not exist.
Status BackupSqlite(const std::string& from, const std::string& to);

}  // namespace alongside::store
