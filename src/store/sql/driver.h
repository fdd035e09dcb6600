// The driver interface under the one SQL store (sql_store.cc): what the store
// needs of a database connection, and nothing of any one database's API.
// sqlite/sqlite_driver.cc implements it over SQLite's C API and
// postgres/pg_driver.cc over libpq; everything above it is written once.
//
// The store's SQL is written in one portable text: numbered placeholders
// `?1`, `?2`, ... (a driver rewrites them to its own form, e.g. `$1`), and
// the few constructs the two databases spell differently come from
// dialect.h, never from a query of its own. A cursor reads every value as
// text, integer or real whatever the column's declared type, so one reading
// of a row serves both.
//
// Neither interface is thread-safe: a connection and its cursors are used by
// one thread at a time (the store's writer thread, or a leased reader).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace alongside::store::sql {

enum class Dialect { kSqlite, kPostgres };

// One prepared statement of a connection with its bound parameters and,
// once stepped, its current row. Parameters are numbered from 1, columns
// from 0.
class Cursor {
 public:
  virtual ~Cursor() = default;

  virtual void BindInt(int index, std::int64_t value) = 0;
  virtual void BindReal(int index, double value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  virtual void BindNull(int index) = 0;

  // Moves to the next row: true when one is ready, false when the statement
  // is done or failed (then `error` holds why, as a StatusCode the store
  // understands: Conflict for a constraint, Unavailable for a lock or a lost
  // connection, Internal otherwise).
  virtual bool Step(Status& error) = 0;
  // Forgets the current run and the bound parameters; the statement stays
  // prepared for the next use.
  virtual void Reset() = 0;

  virtual int Columns() const = 0;
  virtual bool IsNull(int column) const = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  // Rows inserted, updated or deleted by the statement's last completed run.
  virtual std::int64_t Changes() const = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;
  // Runs SQL text with no parameters, one or several statements (schema,
  // settings, transaction control).
  virtual Status Exec(const std::string& sql) = 0;
  // A cursor for `sql`, one this connection prepared before when it has one
  // (parsing costs more than running a short query on an index), or nullptr
  // and `error` set. Every cursor taken is given back with Give().
  virtual Cursor* Take(std::string_view sql, Status& error) const = 0;
  virtual void Give(Cursor* cursor) const = 0;
  // True inside BEGIN ... COMMIT; false when the database ended (or never
  // began) the transaction, e.g. after an error that rolls everything back.
  virtual bool InTransaction() const = 0;
};

}  // namespace alongside::store::sql
