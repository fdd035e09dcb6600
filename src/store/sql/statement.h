// The store's handle on a query: a cursor taken from a connection, with the
// bind and read calls the store's code uses, the first error kept, and the
// cursor given back (still prepared) when the statement goes out of scope.
// Written over driver.h, so the same code runs on every backend.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "store/sql/driver.h"

namespace alongside::store::sql {

class Statement {
 public:
  Statement(const Connection& connection, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based.
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
  // False when the statement could not be prepared (status() says why).
  bool prepared() const { return cursor_ != nullptr; }

  int Columns() const { return cursor_->Columns(); }
  std::int64_t Int(int column) const { return cursor_->Int(column); }
  double Real(int column) const { return cursor_->Real(column); }
  std::string Text(int column) const { return cursor_->Text(column); }
  bool IsNull(int column) const { return cursor_->IsNull(column); }
  std::optional<std::int64_t> OptionalInt(int column) const;
  // Rows changed by the last completed run.
  std::int64_t Changes() const { return cursor_ ? cursor_->Changes() : 0; }

 private:
  const Connection& connection_;
  Cursor* cursor_ = nullptr;
  Status status_;
};

// Opens a write transaction on construction (SQLite: BEGIN IMMEDIATE, so
// that the write lock is taken up front); rolls back on destruction unless
// committed.
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

// The statement that opens a write transaction in `dialect`.
std::string_view BeginWrite(Dialect dialect);

}  // namespace alongside::store::sql
