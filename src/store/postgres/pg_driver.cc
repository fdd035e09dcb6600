#include "store/postgres/pg_driver.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

namespace alongside::store::postgres {
namespace {

// Distinct statement texts kept prepared per connection; past this, a text
// is run unnamed (parsed each time) rather than growing without bound.
constexpr size_t kMaxPrepared = 512;

// The first word of `sql`, upper case.
std::string FirstWord(std::string_view sql) {
  size_t start = sql.find_first_not_of(" \t\r\n");
  std::string word;
  if (start == std::string_view::npos) return word;
  for (size_t idx = start; idx < sql.size() && std::isalpha(static_cast<unsigned char>(sql[idx]));
       ++idx) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[idx])));
  }
  return word;
}

bool IsControl(std::string_view sql) {
  if (sql.find_first_not_of(" \t\r\n") == std::string_view::npos) return true;
  const std::string word = FirstWord(sql);
  return word == "BEGIN" || word == "COMMIT" || word == "ROLLBACK" || word == "SAVEPOINT" ||
         word == "RELEASE" || word == "END" || word == "SET";
}

// A control statement that may wait and travel with the next statement
// (see PgConnection::Defer): its failure can only come from a transaction
// already failed or a connection already lost, which the next statement
// reports as well.
bool IsDeferrable(std::string_view sql) {
  const std::string word = FirstWord(sql);
  return word == "BEGIN" || word == "SAVEPOINT" || word == "RELEASE";
}

class PgCursor final : public sql::Cursor {
 public:
  PgCursor(const PgConnection& connection, std::string_view sql, const std::string& name,
           const std::string& text, int parameters, bool control, int generation)
      : connection_(connection), sql_(sql), name_(name), text_(text), control_(control),
        generation_(generation), values_(static_cast<size_t>(parameters)) {}
  ~PgCursor() override { PQclear(result_); }
  PgCursor(const PgCursor&) = delete;
  PgCursor& operator=(const PgCursor&) = delete;

  void BindInt(int index, std::int64_t value) override { Set(index, std::to_string(value)); }
  void BindReal(int index, double value) override { Set(index, fmt::format("{:.17g}", value)); }
  void BindText(int index, std::string_view value) override { Set(index, std::string(value)); }
  void BindNull(int index) override {
    if (index >= 1 && static_cast<size_t>(index) <= values_.size()) values_[index - 1].reset();
  }

  bool Step(Status& error) override {
    if (!result_) {
      if (!Execute(error)) return false;
    } else {
      ++row_;
    }
    return row_ < rows_;
  }

  void Reset() override {
    PQclear(result_);
    result_ = nullptr;
    row_ = rows_ = 0;
    changes_ = 0;
    for (std::optional<std::string>& value : values_) value.reset();
  }

  int Columns() const override { return result_ ? PQnfields(result_) : 0; }
  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  std::int64_t Int(int column) const override {
    const char* text = PQgetvalue(result_, row_, column);
    // A boolean expression (EXISTS, a comparison) reads as 1 or 0, as in SQLite.
    if (text[0] == 't' && text[1] == '\0') return 1;
    if (text[0] == 'f' && text[1] == '\0') return 0;
    return std::strtoll(text, nullptr, 10);
  }
  double Real(int column) const override {
    return std::strtod(PQgetvalue(result_, row_, column), nullptr);
  }
  std::string Text(int column) const override {
    return std::string(PQgetvalue(result_, row_, column),
                       static_cast<size_t>(PQgetlength(result_, row_, column)));
  }
  std::int64_t Changes() const override { return changes_; }

 private:
  void Set(int index, std::string value) {
    if (index >= 1 && static_cast<size_t>(index) <= values_.size()) {
      values_[index - 1] = std::move(value);
    }
  }

  bool Execute(Status& error) {
    Status refreshed = connection_.Refresh(sql_, control_ || name_.empty(), name_, generation_);
    if (!refreshed.ok()) {
      error = refreshed;
      return false;
    }
    if (control_ && IsDeferrable(text_)) {
      connection_.Defer(text_);
      result_ = PQmakeEmptyPGresult(connection_.get(), PGRES_COMMAND_OK);
    } else if (control_) {
      result_ = connection_.RunSimple(text_);
    } else {
      std::vector<const char*> values(values_.size());
      for (size_t idx = 0; idx < values_.size(); ++idx) {
        values[idx] = values_[idx] ? values_[idx]->c_str() : nullptr;
      }
      result_ = connection_.RunExtended(name_, text_, values);
    }
    if (!result_) {
      error = connection_.Error("step", nullptr);
      return false;
    }
    ExecStatusType status = PQresultStatus(result_);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      error = connection_.Error("step", result_);
      return false;
    }
    rows_ = status == PGRES_TUPLES_OK ? PQntuples(result_) : 0;
    row_ = 0;
    const char* changed = PQcmdTuples(result_);
    changes_ = changed && *changed ? std::strtoll(changed, nullptr, 10) : 0;
    return true;
  }

  const PgConnection& connection_;
  std::string sql_;  // as the store wrote it: the key of the prepared statement
  std::string name_;
  std::string text_;
  bool control_;
  int generation_;
  std::vector<std::optional<std::string>> values_;
  PGresult* result_ = nullptr;
  int row_ = 0;
  int rows_ = 0;
  std::int64_t changes_ = 0;
};

}  // namespace

std::string NumberedPlaceholders(std::string_view sql, int& parameters) {
  std::string out;
  out.reserve(sql.size() + 16);
  parameters = 0;
  char quote = 0;
  for (size_t idx = 0; idx < sql.size(); ++idx) {
    char ch = sql[idx];
    if (quote) {
      out += ch;
      if (ch == quote) quote = 0;  // a doubled quote reopens at once: same result
      continue;
    }
    if (ch == '\'' || ch == '"') {
      quote = ch;
      out += ch;
      continue;
    }
    if (ch != '?') {
      out += ch;
      continue;
    }
    size_t digits = idx + 1;
    while (digits < sql.size() && std::isdigit(static_cast<unsigned char>(sql[digits]))) ++digits;
    int number = 0;
    if (digits > idx + 1) {
      number = std::atoi(std::string(sql.substr(idx + 1, digits - idx - 1)).c_str());
      idx = digits - 1;
    } else {
      number = parameters + 1;
    }
    if (number > parameters) parameters = number;
    out += '$';
    out += std::to_string(number);
  }
  return out;
}

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (!conn) return Status::Unavailable("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    PQfinish(conn);
    return Status::Unavailable("cannot connect to PostgreSQL: " + message);
  }
  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  // Instants are integers; nothing here depends on the session's time zone,
  // but keep messages quiet and text comparisons byte-wise as in SQLite.
  ALONGSIDE_RETURN_IF_ERROR(connection->Setup("SET client_min_messages = warning"));
  return connection;
}

PgConnection::PgConnection(PGconn* conn) : conn_(conn) {}

PgConnection::~PgConnection() { PQfinish(conn_); }

void PgConnection::ReconnectIfLost() const {
  if (PQstatus(conn_) == CONNECTION_OK) return;
  PQreset(conn_);
  prepared_.clear();
  ForgetDeferred();
  ++generation_;
  if (PQstatus(conn_) != CONNECTION_OK) return;
  for (const std::string& sql : setup_) {
    PGresult* result = PQexec(conn_, sql.c_str());
    PQclear(result);
  }
}

Status PgConnection::Setup(const std::string& sql) {
  setup_.push_back(sql);
  return Exec(sql);
}

Status PgConnection::Exec(const std::string& sql) {
  if (!InTransaction()) ReconnectIfLost();
  PGresult* result = RunSimple(sql);
  ExecStatusType status = PQresultStatus(result);
  Status outcome = (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
                       ? Status::Ok()
                       : Error("exec", result);
  PQclear(result);
  return outcome;
}

const PgConnection::Prepared* PgConnection::Lookup(std::string_view sql, Status& error) const {
  auto found = prepared_.find(std::string(sql));
  if (found != prepared_.end()) return &found->second;
  Prepared prepared;
  prepared.control = IsControl(sql);
  prepared.text =
      prepared.control ? std::string(sql) : NumberedPlaceholders(sql, prepared.parameters);
  if (!prepared.control && prepared_.size() < kMaxPrepared) {
    prepared.name = fmt::format("s{}", next_name_++);
    PGresult* result = PQprepare(conn_, prepared.name.c_str(), prepared.text.c_str(), 0, nullptr);
    bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    if (!ok) error = Error("prepare", result);
    PQclear(result);
    if (!ok) return nullptr;
  }
  if (prepared.name.empty() && !prepared.control) {
    // The cache is full: this text runs unnamed, parsed at each use.
    static thread_local Prepared unnamed;
    unnamed = std::move(prepared);
    return &unnamed;
  }
  return &prepared_.emplace(std::string(sql), std::move(prepared)).first->second;
}

sql::Cursor* PgConnection::Take(std::string_view sql, Status& error) const {
  if (!InTransaction()) ReconnectIfLost();
  const Prepared* prepared = Lookup(sql, error);
  if (!prepared) return nullptr;
  return new PgCursor(*this, sql, prepared->name, prepared->text, prepared->parameters,
                      prepared->control, generation_);
}

Status PgConnection::Refresh(const std::string& sql, bool control, std::string& name,
                             int& generation) const {
  if (!InTransaction()) ReconnectIfLost();
  if (generation == generation_ || control) return Status::Ok();
  Status error;
  const Prepared* prepared = Lookup(sql, error);
  if (!prepared) return error;
  name = prepared->name;
  generation = generation_;
  return Status::Ok();
}

void PgConnection::Give(sql::Cursor* cursor) const { delete cursor; }

bool PgConnection::InTransaction() const {
  PGTransactionStatusType status = PQtransactionStatus(conn_);
  if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE) {
    return true;
  }
  // A BEGIN waiting to be sent opens a transaction as far as the caller
  // can tell.
  return deferred_begin_;
}

void PgConnection::Defer(const std::string& control) const {
  if (FirstWord(control) == "BEGIN") deferred_begin_ = true;
  deferred_.push_back(control);
}

void PgConnection::ForgetDeferred() const {
  deferred_.clear();
  deferred_begin_ = false;
}

PGresult* PgConnection::RunSimple(const std::string& sql) const {
  if (deferred_.empty()) return PQexec(conn_, sql.c_str());
  // One simple query of several statements: the server runs them in order
  // and stops at the first that fails, whose error PQexec returns.
  std::string batch;
  for (const std::string& control : deferred_) batch += control + "; ";
  batch += sql;
  ForgetDeferred();
  return PQexec(conn_, batch.c_str());
}

PGresult* PgConnection::RunExtended(const std::string& name, const std::string& text,
                                    const std::vector<const char*>& values) const {
  const int count = static_cast<int>(values.size());
  if (deferred_.empty()) {
    return name.empty() ? PQexecParams(conn_, text.c_str(), count, nullptr, values.data(), nullptr,
                                       nullptr, 0)
                        : PQexecPrepared(conn_, name.c_str(), count, values.data(), nullptr,
                                         nullptr, 0);
  }
  // The deferred controls and this statement in one pipeline: one round
  // trip. Results come back in order, each followed by a null, then the
  // sync; after a failure the rest come back as PGRES_PIPELINE_ABORTED.
  std::vector<std::string> controls = std::move(deferred_);
  ForgetDeferred();
  if (PQenterPipelineMode(conn_) != 1) return nullptr;
  bool sent = true;
  for (const std::string& control : controls) {
    sent = sent && PQsendQueryParams(conn_, control.c_str(), 0, nullptr, nullptr, nullptr,
                                     nullptr, 0) == 1;
  }
  sent = sent && (name.empty() ? PQsendQueryParams(conn_, text.c_str(), count, nullptr,
                                                   values.data(), nullptr, nullptr, 0)
                               : PQsendQueryPrepared(conn_, name.c_str(), count, values.data(),
                                                     nullptr, nullptr, 0)) == 1;
  sent = sent && PQpipelineSync(conn_) == 1;
  PGresult* failed = nullptr;  // the first control that failed
  PGresult* answer = nullptr;  // the statement's own result
  if (sent) {
    for (size_t idx = 0; idx <= controls.size(); ++idx) {
      PGresult* result = PQgetResult(conn_);
      if (!result) break;  // the connection failed
      if (idx < controls.size()) {
        if (!failed && PQresultStatus(result) != PGRES_COMMAND_OK) {
          failed = result;
        } else {
          PQclear(result);
        }
      } else {
        answer = result;
      }
      PQclear(PQgetResult(conn_));  // the null after each statement's result
    }
    // Up to the sync, so that the connection leaves pipeline mode idle.
    while (PGresult* rest = PQgetResult(conn_)) {
      const bool sync = PQresultStatus(rest) == PGRES_PIPELINE_SYNC;
      PQclear(rest);
      if (sync || PQstatus(conn_) != CONNECTION_OK) break;
    }
  }
  PQexitPipelineMode(conn_);
  if (failed) {
    PQclear(answer);
    return failed;
  }
  return answer;
}

Status PgConnection::Error(std::string_view what, const PGresult* result) const {
  if (PQstatus(conn_) != CONNECTION_OK) {
    return Status::Unavailable(fmt::format("{}: the connection to PostgreSQL was lost: {}", what,
                                           PQerrorMessage(conn_)));
  }
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  std::string code = state ? state : "";
  // The store recognises a missing referenced record by SQLite's words.
  if (code == "23503") return Status::Conflict(fmt::format("{}: FOREIGN KEY constraint failed: {}", what, message));
  // Class 23: integrity constraints; P0001: an append-only trigger refused.
  if (code.rfind("23", 0) == 0 || code == "P0001") {
    return Status::Conflict(fmt::format("{}: {}", what, message));
  }
  // Serialization failure, deadlock, lock not available, too many connections,
  // shutting down: try again later.
  if (code == "40001" || code == "40P01" || code == "55P03" || code == "53300" ||
      code.rfind("57P", 0) == 0 || code.rfind("08", 0) == 0) {
    return Status::Unavailable(fmt::format("{}: {}", what, message));
  }
  return Status::Internal(fmt::format("{}: {}", what, message));
}

}  // namespace alongside::store::postgres
