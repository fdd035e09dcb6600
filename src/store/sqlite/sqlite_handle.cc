#include "store/sqlite/sqlite_handle.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <vector>

namespace alongside::store::sqlite {

namespace {

// The database holds people's health records: only its owner may read it.
// SQLite gives the -wal, -shm and -journal files the database file's mode,
// so creating the file 0600 (whatever the umask) covers them too; a file
// made by an older version is tightened on open.
Status KeepPrivate(const std::string& path, bool create) {
  if (create) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
      return Status::Unavailable("cannot create database " + path + ": " + std::strerror(errno));
    }
    if (fd >= 0) ::close(fd);
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::string file = path + suffix;
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0 || (info.st_mode & 077) == 0) continue;
    if (::chmod(file.c_str(), info.st_mode & 0700) != 0) {
      return Status::Unavailable("cannot make " + file + " private (mode 0600): " +
                                 std::strerror(errno));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Connection> Connection::Open(const std::string& path, bool create) {
  ALONGSIDE_RETURN_IF_ERROR(KeepPrivate(path, create));
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    if (!create && (rc == SQLITE_CANTOPEN)) {
      return Status::NotFound("cannot open database " + path + ": " + message);
    }
    return Status::Unavailable("cannot open database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  return Connection(db);
}

// Statements kept after use, by SQL text. Bounded: past kMaxTexts distinct
// texts, or kMaxPerText idle copies of one text, a statement is finalised.
class Connection::StatementCache {
 public:
  static constexpr size_t kMaxTexts = 256;
  static constexpr size_t kMaxPerText = 4;

  sqlite3_stmt* Take(std::string_view sql) {
    auto found = idle_.find(sql);
    if (found == idle_.end() || found->second.empty()) return nullptr;
    sqlite3_stmt* stmt = found->second.back();
    found->second.pop_back();
    return stmt;
  }

  void Give(sqlite3_stmt* stmt) {
    std::string_view sql = sqlite3_sql(stmt);
    auto found = idle_.find(sql);
    if (found == idle_.end()) {
      if (idle_.size() >= kMaxTexts) {
        sqlite3_finalize(stmt);
        return;
      }
      found = idle_.emplace(std::string(sql), std::vector<sqlite3_stmt*>()).first;
    }
    if (found->second.size() >= kMaxPerText) {
      sqlite3_finalize(stmt);
      return;
    }
    found->second.push_back(stmt);
  }

  void FinaliseAll() {
    for (auto& [sql, statements] : idle_) {
      for (sqlite3_stmt* stmt : statements) sqlite3_finalize(stmt);
    }
    idle_.clear();
  }

 private:
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>, TextHash, std::equal_to<>> idle_;
};

Connection::Connection(sqlite3* db) : db_(db), cache_(std::make_unique<StatementCache>()) {}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    Close();
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Connection::~Connection() { Close(); }

void Connection::Close() {
  if (cache_) cache_->FinaliseAll();
  sqlite3_close(db_);
  db_ = nullptr;
}

sqlite3_stmt* Connection::Take(std::string_view sql, int& rc) const {
  if (sqlite3_stmt* kept = cache_ ? cache_->Take(sql) : nullptr) {
    rc = SQLITE_OK;
    return kept;
  }
  sqlite3_stmt* stmt = nullptr;
  rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                          SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  return rc == SQLITE_OK ? stmt : nullptr;
}

void Connection::Give(sqlite3_stmt* stmt) const {
  if (!stmt) return;
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (cache_) {
    cache_->Give(stmt);
  } else {
    sqlite3_finalize(stmt);
  }
}

Status Connection::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return Status::Internal("sqlite: " + message);
  }
  return Status::Ok();
}

Status Connection::Error(std::string_view what) const {
  int code = sqlite3_extended_errcode(db_);
  std::string message = std::string(what) + ": " + sqlite3_errmsg(db_);
  if ((code & 0xff) == SQLITE_CONSTRAINT) return Status::Conflict(message);
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
    return Status::Unavailable(message);
  }
  return Status::Internal(message);
}

Statement::Statement(const Connection& connection, std::string_view sql)
    : connection_(connection) {
  int rc = SQLITE_OK;
  stmt_ = connection.Take(sql, rc);
  if (rc != SQLITE_OK) status_ = connection.Error("prepare");
}

Statement::~Statement() { connection_.Give(stmt_); }

Statement& Statement::Bind(int index, std::int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  if (stmt_) sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  if (stmt_) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
  }
  return *this;
}

Statement& Statement::BindNull(int index) {
  if (stmt_) sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::Step() {
  if (!stmt_ || !status_.ok()) return false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = connection_.Error("step");
  return false;
}

Status Statement::Run() {
  while (Step()) {
  }
  return status_;
}

void Statement::Reset() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  status_ = Status::Ok();
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::Real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size))
              : std::string();
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  status_ = connection_.Exec("BEGIN IMMEDIATE");
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

}  // namespace alongside::store::sqlite
