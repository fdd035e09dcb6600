#include "store/sqlite/sqlite_driver.h"

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

namespace {

// One prepared statement and its current row.
class SqliteCursor final : public sql::Cursor {
 public:
  SqliteCursor(const SqliteConnection& connection, sqlite3_stmt* stmt)
      : connection_(connection), stmt_(stmt) {}
  ~SqliteCursor() override { sqlite3_finalize(stmt_); }
  SqliteCursor(const SqliteCursor&) = delete;
  SqliteCursor& operator=(const SqliteCursor&) = delete;

  void BindInt(int index, std::int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void BindReal(int index, double value) override { sqlite3_bind_double(stmt_, index, value); }
  void BindText(int index, std::string_view value) override {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
  }
  void BindNull(int index) override { sqlite3_bind_null(stmt_, index); }

  bool Step(Status& error) override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(connection_.get());
    } else {
      error = connection_.Error("step");
    }
    return false;
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  int Columns() const override { return sqlite3_data_count(stmt_); }
  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  std::int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double Real(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string Text(int column) const override {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    int size = sqlite3_column_bytes(stmt_, column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size))
                : std::string();
  }
  std::int64_t Changes() const override { return changes_; }

  sqlite3_stmt* stmt() const { return stmt_; }

 private:
  const SqliteConnection& connection_;
  sqlite3_stmt* stmt_;
  std::int64_t changes_ = 0;
};

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 bool create) {
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
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
}

// Cursors kept after use, by SQL text. Bounded: past kMaxTexts distinct
// texts, or kMaxPerText idle copies of one text, a cursor is finalised.
class SqliteConnection::StatementCache {
 public:
  static constexpr size_t kMaxTexts = 256;
  static constexpr size_t kMaxPerText = 4;

  std::unique_ptr<SqliteCursor> Take(std::string_view sql) {
    auto found = idle_.find(sql);
    if (found == idle_.end() || found->second.empty()) return nullptr;
    std::unique_ptr<SqliteCursor> cursor = std::move(found->second.back());
    found->second.pop_back();
    return cursor;
  }

  void Give(std::unique_ptr<SqliteCursor> cursor) {
    std::string_view sql = sqlite3_sql(cursor->stmt());
    auto found = idle_.find(sql);
    if (found == idle_.end()) {
      if (idle_.size() >= kMaxTexts) return;
      found = idle_.emplace(std::string(sql), std::vector<std::unique_ptr<SqliteCursor>>()).first;
    }
    if (found->second.size() >= kMaxPerText) return;
    found->second.push_back(std::move(cursor));
  }

  void FinaliseAll() { idle_.clear(); }

 private:
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };
  std::unordered_map<std::string, std::vector<std::unique_ptr<SqliteCursor>>, TextHash,
                     std::equal_to<>>
      idle_;
};

SqliteConnection::SqliteConnection(sqlite3* db)
    : db_(db), cache_(std::make_unique<StatementCache>()) {}

SqliteConnection::~SqliteConnection() {
  cache_->FinaliseAll();
  sqlite3_close(db_);
}

sql::Cursor* SqliteConnection::Take(std::string_view sql, Status& error) const {
  if (std::unique_ptr<SqliteCursor> kept = cache_->Take(sql)) return kept.release();
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    error = Error("prepare");
    return nullptr;
  }
  return new SqliteCursor(*this, stmt);
}

void SqliteConnection::Give(sql::Cursor* cursor) const {
  if (!cursor) return;
  std::unique_ptr<SqliteCursor> owned(static_cast<SqliteCursor*>(cursor));
  owned->Reset();
  cache_->Give(std::move(owned));
}

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Status SqliteConnection::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return Status::Internal("sqlite: " + message);
  }
  return Status::Ok();
}

Status SqliteConnection::Error(std::string_view what) const {
  int code = sqlite3_extended_errcode(db_);
  std::string message = std::string(what) + ": " + sqlite3_errmsg(db_);
  if ((code & 0xff) == SQLITE_CONSTRAINT) return Status::Conflict(message);
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
    return Status::Unavailable(message);
  }
  return Status::Internal(message);
}

}  // namespace alongside::store::sqlite
