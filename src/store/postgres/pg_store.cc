#include "store/postgres/pg_store.h"

#include <fmt/format.h>

#include <regex>
#include <string_view>
#include <utility>
#include <vector>

#include "store/postgres/pg_driver.h"
#include "store/sql/sql_store.h"
#include "store/sql/statement.h"
#include "store/sqlite/sqlite_store.h"

namespace alongside::embedded {
extern const std::string_view postgres_migrations_0001_initial_sql;
extern const std::string_view postgres_migrations_0002_accounts_annotations_sql;
extern const std::string_view postgres_migrations_0003_lean_indexes_sql;
extern const std::string_view postgres_migrations_0004_local_time_and_plans_sql;
extern const std::string_view postgres_migrations_0005_supervision_indexes_sql;
extern const std::string_view postgres_migrations_0006_admission_place_sql;
extern const std::string_view postgres_migrations_0007_contact_attempts_sql;
extern const std::string_view postgres_migrations_0008_guardrails_sql;
extern const std::string_view postgres_migrations_0009_plans_and_safety_sql;
extern const std::string_view postgres_migrations_0010_fidelity_governance_sql;
}

namespace alongside::store {
namespace {

using postgres::PgConnection;

// Read connections per server process. Each is a backend process on the
// database server; several servers times this must stay under
// max_connections (docs/deploy.md).
constexpr int kReaderConnections = 4;

// Entry i brings the schema to version i + 1; each mirrors the SQLite file
// of the same name.
const std::vector<std::string_view>& Migrations() {
  static const std::vector<std::string_view> migrations = {
      embedded::postgres_migrations_0001_initial_sql,
      embedded::postgres_migrations_0002_accounts_annotations_sql,
      embedded::postgres_migrations_0003_lean_indexes_sql,
      embedded::postgres_migrations_0004_local_time_and_plans_sql,
      embedded::postgres_migrations_0005_supervision_indexes_sql,
      embedded::postgres_migrations_0006_admission_place_sql,
      embedded::postgres_migrations_0007_contact_attempts_sql,
      embedded::postgres_migrations_0008_guardrails_sql,
      embedded::postgres_migrations_0009_plans_and_safety_sql,
      embedded::postgres_migrations_0010_fidelity_governance_sql,
  };
  return migrations;
}

// An arbitrary constant naming Alongside's migration lock.
constexpr std::int64_t kMigrationLock = 0x416c6f6e67;  // "Along"

Result<int> ReadSchemaVersion(sql::Connection& connection) {
  ALONGSIDE_RETURN_IF_ERROR(connection.Exec(
      "CREATE TABLE IF NOT EXISTS alongside_schema (only_row BIGINT PRIMARY KEY CHECK "
      "(only_row = 1), version BIGINT NOT NULL)"));
  sql::Statement query(connection, "SELECT version FROM alongside_schema WHERE only_row = 1");
  if (query.Step()) return static_cast<int>(query.Int(0));
  ALONGSIDE_RETURN_IF_ERROR(query.status());
  return 0;
}

Status RecordSchemaVersion(sql::Connection& connection, int version) {
  sql::Statement record(connection,
                        "INSERT INTO alongside_schema(only_row, version) VALUES (1, ?1) "
                        "ON CONFLICT (only_row) DO UPDATE SET version = excluded.version");
  record.Bind(1, version);
  return record.Run();
}

// Takes the migration lock for the life of the check (and migration), so
// that servers started together do not migrate twice.
Status Prepare(PgConnection& connection, const std::string& shown, OpenMode mode) {
  const int current = static_cast<int>(Migrations().size());
  ALONGSIDE_RETURN_IF_ERROR(
      connection.Exec(fmt::format("SELECT pg_advisory_lock({})", kMigrationLock)));
  Result<int> version = ReadSchemaVersion(connection);
  Status outcome = Status::Ok();
  if (!version.ok()) {
    outcome = Status::Unavailable(shown + " cannot be read as an Alongside database: " +
                                  version.status().detail());
  } else if (mode == OpenMode::kCreate && *version != 0) {
    outcome = Status::Conflict("database " + shown + " already holds an Alongside program");
  } else if (*version > current) {
    outcome = Status::Conflict(fmt::format(
        "{} has schema version {}, newer than this program's {}", shown, *version, current));
  } else if (*version < current && mode == OpenMode::kOpenExisting) {
    outcome = Status::Conflict(
        *version == 0
            ? fmt::format("{} holds no Alongside program (create it with 'alongside init')", shown)
            : fmt::format("{} has schema version {}, this program needs {}: run 'alongside "
                          "migrate --db URL'",
                          shown, *version, current));
  } else if (*version < current) {
    outcome = sql::ApplyMigrations(connection, Migrations(), *version, RecordSchemaVersion);
  }
  LogIfFailed(connection.Exec(fmt::format("SELECT pg_advisory_unlock({})", kMigrationLock)),
              "release of the migration lock");
  return outcome;
}

}  // namespace

std::string RedactConninfo(const std::string& conninfo) {
  static const std::regex url_password(R"(^(postgres(?:ql)?://[^:/@]*):[^@]*@)");
  static const std::regex keyword_password(R"((password\s*=\s*)('[^']*'|\S+))");
  std::string shown = std::regex_replace(conninfo, url_password, "$1:***@");
  return std::regex_replace(shown, keyword_password, "$1***");
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& conninfo, OpenMode mode,
                                                 const WriterWrapper& wrap_writer) {
  const std::string shown = RedactConninfo(conninfo);
  if (static_cast<int>(Migrations().size()) != SqliteSchemaVersion()) {
    return Status::Internal("the SQLite and PostgreSQL migrations differ in number");
  }
  Result<std::unique_ptr<PgConnection>> writer = PgConnection::Open(conninfo);
  if (!writer.ok()) return writer.status();
  ALONGSIDE_RETURN_IF_ERROR(Prepare(**writer, shown, mode));
  std::vector<std::unique_ptr<sql::Connection>> readers;
  for (int reader_idx = 0; reader_idx < kReaderConnections; ++reader_idx) {
    Result<std::unique_ptr<PgConnection>> reader = PgConnection::Open(conninfo);
    if (!reader.ok()) return reader.status();
    ALONGSIDE_RETURN_IF_ERROR((*reader)->Setup(
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
    readers.push_back(std::move(reader).value());
  }
  std::unique_ptr<sql::Connection> write_connection = std::move(writer).value();
  if (wrap_writer) write_connection = wrap_writer(std::move(write_connection));
  return sql::OpenSqlStore(std::move(write_connection), std::move(readers));
}

}  // namespace alongside::store
