#include "store/sql/statement.h"

namespace alongside::store::sql {

Statement::Statement(const Connection& connection, std::string_view sql)
    : connection_(connection) {
  cursor_ = connection.Take(sql, status_);
  if (!cursor_ && status_.ok()) status_ = Status::Internal("prepare: no statement");
}

Statement::~Statement() {
  if (cursor_) connection_.Give(cursor_);
}

Statement& Statement::Bind(int index, std::int64_t value) {
  if (cursor_) cursor_->BindInt(index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  if (cursor_) cursor_->BindReal(index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  if (cursor_) cursor_->BindText(index, value);
  return *this;
}

Statement& Statement::BindNull(int index) {
  if (cursor_) cursor_->BindNull(index);
  return *this;
}

bool Statement::Step() {
  if (!cursor_ || !status_.ok()) return false;
  return cursor_->Step(status_);
}

Status Statement::Run() {
  while (Step()) {
  }
  return status_;
}

void Statement::Reset() {
  if (!cursor_) return;
  cursor_->Reset();
  status_ = Status::Ok();
}

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::string_view BeginWrite(Dialect dialect) {
  return dialect == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN";
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  status_ = connection_.Exec(std::string(BeginWrite(connection_.dialect())));
  open_ = status_.ok();
}

Transaction::~Transaction() {
  if (open_) LogIfFailed(connection_.Exec("ROLLBACK"), "rollback");
}

Status Transaction::Commit() {
  if (!open_) return status_.ok() ? Status::Internal("transaction is not open") : status_;
  Status committed = connection_.Exec("COMMIT");
  if (committed.ok()) open_ = false;
  return committed;
}

}  // namespace alongside::store::sql
