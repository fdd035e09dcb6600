// The PostgreSQL driver (store/sql/driver.h) over libpq: a connection that
// prepares each statement text once (server-side, by name) and runs it with
// text parameters, and its cursors. Private to the PostgreSQL backend.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "store/sql/driver.h"

namespace alongside::store::postgres {

// The store's portable SQL with `?N` (and bare `?`, numbered as SQLite
// does: one past the largest number so far) rewritten to PostgreSQL's
// `$N`, outside quoted text. Sets `parameters` to the largest number.
std::string NumberedPlaceholders(std::string_view sql, int& parameters);

class PgConnection final : public sql::Connection {
 public:
  // Connects with a libpq connection string or postgresql:// URL.
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& conninfo);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  Status Exec(const std::string& sql) override;
  sql::Cursor* Take(std::string_view sql, Status& error) const override;
  void Give(sql::Cursor* cursor) const override;
  bool InTransaction() const override;

  PGconn* get() const { return conn_; }
  // Runs a session setting now and again after every reconnection.
  Status Setup(const std::string& sql);
  // Before a cursor runs: a lost connection is re-opened when no
  // transaction is open (inside one, the error stands and the transaction
  // is answered as failed); returns the name `sql` is prepared under now
  // (statements prepared on an earlier connection are prepared again).
  Status Refresh(const std::string& sql, bool control, std::string& name, int& generation) const;
  // BEGIN, SAVEPOINT and RELEASE wait here and go with the next statement
  // in one round trip (a pipeline, or one simple query of several
  // statements): a read then costs BEGIN+SELECT and COMMIT, a request in a
  // write group saves its SAVEPOINT and RELEASE round trips.
  void Defer(const std::string& control) const;
  // Forgets the deferred controls: sent, or lost with the connection.
  void ForgetDeferred() const;
  // Runs `sql` as a simple query, after the deferred controls.
  PGresult* RunSimple(const std::string& sql) const;
  // Runs a prepared statement (`name`) or, unnamed, `text`, with its
  // parameter values, after the deferred controls. Null if nothing could be
  // sent (the connection is lost).
  PGresult* RunExtended(const std::string& name, const std::string& text,
                        const std::vector<const char*>& values) const;
  // A failed result (or a lost connection) as a Status.
  Status Error(std::string_view what, const PGresult* result) const;

 private:
  struct Prepared {
    std::string name;  // empty: run unnamed (the cache is full)
    std::string text;  // with $N placeholders
    int parameters = 0;
    bool control = false;  // BEGIN, COMMIT, SAVEPOINT...: run as simple queries
  };
  explicit PgConnection(PGconn* conn);
  // A lost connection is re-opened before the next statement outside a
  // transaction; statements prepared on the old one are forgotten.
  void ReconnectIfLost() const;
  // Finds or prepares `sql`; nullptr and `error` set if it cannot be prepared.
  const Prepared* Lookup(std::string_view sql, Status& error) const;

  PGconn* conn_ = nullptr;
  // Statement texts prepared on this connection. Not observable state.
  mutable std::unordered_map<std::string, Prepared> prepared_;
  mutable int next_name_ = 0;
  // Counts reconnections: a cursor made before the last one re-prepares.
  mutable int generation_ = 0;
  std::vector<std::string> setup_;
  // Control statements not yet sent (see Defer), and whether one of them is
  // a BEGIN (InTransaction asks on every statement).
  mutable std::vector<std::string> deferred_;
  mutable bool deferred_begin_ = false;
};

}  // namespace alongside::store::postgres
