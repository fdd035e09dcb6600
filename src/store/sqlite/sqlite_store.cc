// The SQLite backend: opens the file, configures its connections (WAL,
// synchronous=FULL, foreign keys, a read-only reader pool), brings the schema
// to the current version from migrations/, and hands the connections to the
// one SQL store (store/sql/sql_store.h).
#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <filesystem>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql/sql_store.h"
#include "store/sql/statement.h"
#include "store/sqlite/sqlite_driver.h"

namespace alongside::embedded {
extern const std::string_view sqlite_migrations_0001_initial_sql;
extern const std::string_view sqlite_migrations_0002_accounts_annotations_sql;
extern const std::string_view sqlite_migrations_0003_lean_indexes_sql;
extern const std::string_view sqlite_migrations_0004_local_time_and_plans_sql;
extern const std::string_view sqlite_migrations_0005_supervision_indexes_sql;
extern const std::string_view sqlite_migrations_0006_admission_place_sql;
extern const std::string_view sqlite_migrations_0007_contact_attempts_sql;
extern const std::string_view sqlite_migrations_0008_guardrails_sql;
extern const std::string_view sqlite_migrations_0009_plans_and_safety_sql;
extern const std::string_view sqlite_migrations_0010_fidelity_governance_sql;
}

namespace alongside::store {
namespace {

using sqlite::SqliteConnection;

// Read connections per store: enough for the server's two cores to read
// while others wait on a lease only briefly.
constexpr int kReaderConnections = 4;

// Migrations in order; entry i brings the schema to version i + 1. Each has
// its PostgreSQL twin in ../postgres/migrations/.
const std::vector<std::string_view>& Migrations() {
  static const std::vector<std::string_view> migrations = {
      embedded::sqlite_migrations_0001_initial_sql,
      embedded::sqlite_migrations_0002_accounts_annotations_sql,
      embedded::sqlite_migrations_0003_lean_indexes_sql,
      embedded::sqlite_migrations_0004_local_time_and_plans_sql,
      embedded::sqlite_migrations_0005_supervision_indexes_sql,
      embedded::sqlite_migrations_0006_admission_place_sql,
      embedded::sqlite_migrations_0007_contact_attempts_sql,
      embedded::sqlite_migrations_0008_guardrails_sql,
      embedded::sqlite_migrations_0009_plans_and_safety_sql,
      embedded::sqlite_migrations_0010_fidelity_governance_sql,
  };
  return migrations;
}

Result<int> ReadUserVersion(sql::Connection& connection) {
  sql::Statement query(connection, "PRAGMA user_version");
  if (!query.Step()) return query.status().ok() ? Status::Internal("no user_version") : query.status();
  return static_cast<int>(query.Int(0));
}

Status RecordUserVersion(sql::Connection& connection, int version) {
  // PRAGMA takes no bound parameters; the value is an integer we computed.
  return connection.Exec(fmt::format("PRAGMA user_version = {}", version));
}

}  // namespace

int SqliteSchemaVersion() { return static_cast<int>(Migrations().size()); }

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode,
                                               const WriterWrapper& wrap_writer) {
  // SQLite's memory statistics take one process-wide mutex on every
  // allocation, which the server's many threads contend for. Only possible
  // before SQLite initialises; later calls change nothing.
  static const int kMemoryStatisticsOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kMemoryStatisticsOff;
  std::error_code error;
  bool exists = std::filesystem::exists(path, error);
  if (mode == OpenMode::kCreate && exists) {
    return Status::Conflict("database " + path + " already exists");
  }
  if (mode != OpenMode::kCreate && !exists) {
    return Status::NotFound("database " + path + " does not exist (create it with 'alongside init')");
  }
  Result<std::unique_ptr<SqliteConnection>> opened =
      SqliteConnection::Open(path, mode == OpenMode::kCreate);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<SqliteConnection> connection = std::move(opened).value();
  ALONGSIDE_RETURN_IF_ERROR(connection->Exec("PRAGMA journal_mode = WAL"));
  ALONGSIDE_RETURN_IF_ERROR(connection->Exec("PRAGMA synchronous = FULL"));
  ALONGSIDE_RETURN_IF_ERROR(connection->Exec("PRAGMA foreign_keys = ON"));
  // Checkpoint when the WAL holds 8,000 pages (32 MiB) rather than SQLite's
  // 1,000: the pages every contact touches (the tails of the contacts,
  // versions and audit tables and their indexes, the audit head) are then
  // copied into the database once per 8,000 WAL pages, not eight times.
  // Recording contacts went from 6,300 to 7,800 a second (bench/RESULTS.md).
  ALONGSIDE_RETURN_IF_ERROR(connection->Exec("PRAGMA wal_autocheckpoint = 8000"));
  Result<int> version = ReadUserVersion(*connection);
  if (!version.ok()) {
    return Status::Unavailable(path + " is not an Alongside database: " + version.status().detail());
  }
  if (*version > SqliteSchemaVersion()) {
    return Status::Conflict(fmt::format("{} has schema version {}, newer than this program's {}",
                                        path, *version, SqliteSchemaVersion()));
  }
  if (*version < SqliteSchemaVersion()) {
    if (mode == OpenMode::kOpenExisting) {
      return Status::Conflict(fmt::format(
          "{} has schema version {}, this program needs {}: run 'alongside migrate --db {}'", path,
          *version, SqliteSchemaVersion(), path));
    }
    ALONGSIDE_RETURN_IF_ERROR(
        sql::ApplyMigrations(*connection, Migrations(), *version, RecordUserVersion));
  }
  // Readers only read: writes go through the one writer, which groups them
  // into shared durable commits (sql/group_commit.h). With WAL, readers see
  // the last commit and never wait for the writer's fsync.
  std::vector<std::unique_ptr<sql::Connection>> readers;
  for (int reader_idx = 0; reader_idx < kReaderConnections; ++reader_idx) {
    Result<std::unique_ptr<SqliteConnection>> reader = SqliteConnection::Open(path, false);
    if (!reader.ok()) return reader.status();
    ALONGSIDE_RETURN_IF_ERROR((*reader)->Exec("PRAGMA query_only = 1"));
    readers.push_back(std::move(reader).value());
  }
  std::unique_ptr<sql::Connection> writer = std::move(connection);
  if (wrap_writer) writer = wrap_writer(std::move(writer));
  return sql::OpenSqlStore(std::move(writer), std::move(readers));
}

Status BackupSqlite(const std::string& from, const std::string& to) {
  std::error_code error;
  if (!std::filesystem::exists(from, error)) {
    return Status::NotFound("database " + from + " does not exist");
  }
  if (std::filesystem::exists(to, error)) {
    return Status::Conflict("backup target " + to + " already exists");
  }
  Result<std::unique_ptr<SqliteConnection>> source = SqliteConnection::Open(from, false);
  if (!source.ok()) return source.status();
  Result<std::unique_ptr<SqliteConnection>> target = SqliteConnection::Open(to, true);
  if (!target.ok()) return target.status();
  sqlite3_backup* backup =
      sqlite3_backup_init((*target)->get(), "main", (*source)->get(), "main");
  if (!backup) return (*target)->Error("backup");
  int rc;
  do {
    rc = sqlite3_backup_step(backup, 1024);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    Status failed = (*target)->Error("backup");
    std::filesystem::remove(to, error);
    return failed;
  }
  return Status::Ok();
}

}  // namespace alongside::store
