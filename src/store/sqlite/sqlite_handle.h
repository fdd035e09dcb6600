// RAII wrappers over the SQLite C API, private to the SQLite backend:
// a connection, a prepared statement with bound parameters, a transaction.
// Not thread-safe; the store serialises access.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace alongside::store::sqlite {

class Connection {
 public:
  static Result<Connection> Open(const std::string& path, bool create);
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  sqlite3* get() const { return db_; }
  // Runs SQL text with no parameters (schema, pragmas).
  Status Exec(const std::string& sql);
  Status Error(std::string_view what) const;

 private:
  friend class Statement;
  class StatementCache;

  explicit Connection(sqlite3* db);
  // Finalises the cached statements and closes the connection.
  void Close();
  // A prepared statement for `sql`: one kept from an earlier use when there
  // is one, otherwise newly prepared (nullptr and an SQLite code on error).
  sqlite3_stmt* Take(std::string_view sql, int& rc) const;
  // Resets `stmt` and keeps it for the next use of the same SQL text.
  void Give(sqlite3_stmt* stmt) const;

  sqlite3* db_ = nullptr;
  // Parsing SQL costs more than running a short query on an index, and the
  // backend's queries are a fixed set of texts: each connection keeps the
  // statements it prepared. Not observable state, hence mutable.
  mutable std::unique_ptr<StatementCache> cache_;
};

class Statement {
 public:
  Statement(const Connection& connection, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& BindNull(int index);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Steps once: true when a row is ready, false when done; an error Status
  // is kept in status().
  bool Step();
  // Steps to completion, for statements that return no rows.
  Status Run();
  void Reset();
  const Status& status() const { return status_; }
  sqlite3_stmt* handle() const { return stmt_; }

  std::int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;

 private:
  const Connection& connection_;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  const Status& status() const { return status_; }
  Status Commit();

 private:
  Connection& connection_;
  Status status_;
  bool open_ = false;
};

}  // namespace alongside::store::sqlite
