// The SQLite driver (store/sql/driver.h) over SQLite's C API: a connection
// that keeps the statements it prepared, and their cursors. Private to the
// SQLite backend; the store above it is store/sql/.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "store/sql/driver.h"

namespace alongside::store::sqlite {

class SqliteConnection final : public sql::Connection {
 public:
  // Opens (or with `create`, creates, mode 0600) the database file.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, bool create);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  Status Exec(const std::string& sql) override;
  sql::Cursor* Take(std::string_view sql, Status& error) const override;
  void Give(sql::Cursor* cursor) const override;
  bool InTransaction() const override;

  sqlite3* get() const { return db_; }
  // The connection's last error as a Status: Conflict for a constraint,
  // Unavailable for a busy or locked database, Internal otherwise.
  Status Error(std::string_view what) const;

 private:
  class StatementCache;
  explicit SqliteConnection(sqlite3* db);

  sqlite3* db_ = nullptr;
  // The backend's queries are a fixed set of texts: each connection keeps
  // the statements it prepared. Not observable state, hence mutable.
  mutable std::unique_ptr<StatementCache> cache_;
};

}  // namespace alongside::store::sqlite
