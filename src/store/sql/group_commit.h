// Group commit: the one writer of a store process (any backend).
//
// A durable commit costs an fsync (SQLite: WAL with synchronous=FULL;
// PostgreSQL: the WAL flush of synchronous_commit=on). GroupCommitWriter
// owns the write connection and a thread that takes every write request that
// queued while the previous commit's fsync ran, runs each inside its own
// SAVEPOINT of one transaction, and commits them with one fsync. Each caller
// of Run() is answered only after the transaction holding its changes has
// committed, so an acknowledged write is as durable as with one commit per
// write.
//
// Per request: its work runs atomically (all its statements, e.g. a record
// and its audit row, or none); a request whose work returns an error has its
// changes rolled back to its savepoint and fails alone, the others in its
// group go on. Should a failure end the whole transaction (SQLite does that
// for some errors, e.g. a full disk; PostgreSQL when the connection is lost), the failing request is answered with
// its error and the rest of the group is run again in a new transaction.
// When the commit itself fails, every request of the group gets that error
// and none of their changes is kept.
//
// Requests run in the order they were queued; the writer reads its own
// uncommitted changes, so a request sees the ones before it in its group
// (the audit chain's head moves from one to the next).
//
// Thread-safety: Run() may be called from any number of threads, but not
// from inside a work function (that would wait for itself).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "common/status.h"
#include "store/sql/driver.h"
#include "store/sql/statement.h"

namespace alongside::store::sql {

// What a store keeps for the length of the writer's open transaction, told
// where that transaction is (called on the writer thread). The SQL store
// keeps the audit chain's head here: read and locked at the group's first
// append, moved in the table once, just before COMMIT, so a group of N
// requests costs two statements for the head rather than 2N.
class TransactionListener {
 public:
  virtual ~TransactionListener() = default;
  // A transaction began (again after a lost one, when the group is rerun).
  virtual void Began() = 0;
  // A request's savepoint was taken.
  virtual void RequestStarted() = 0;
  // The request's changes were undone back to its savepoint.
  virtual void RequestUndone() = 0;
  // Last statements of the transaction, before COMMIT; an error fails the
  // whole group as a failed COMMIT does.
  virtual Status BeforeCommit(Connection& connection) = 0;
};

class GroupCommitWriter {
 public:
  // The work of one request: statements on the write connection, inside a
  // transaction the writer opened. It must not begin or commit transactions.
  using Work = std::function<Status(Connection&)>;

  // Takes the connection (already configured: e.g. SQLite's WAL,
  // synchronous and foreign keys) and starts the writer thread. A group holds at most `max_group`
  // requests. `listener`, if given, must outlive the writer.
  explicit GroupCommitWriter(std::unique_ptr<Connection> connection,
                             TransactionListener* listener = nullptr, size_t max_group = 512);
  // Runs what is queued, then stops the thread.
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Queues `work` and blocks until its group is committed. Returns the
  // work's error if it failed (its changes undone), the commit's error if
  // the commit failed, else Ok (the changes are durable).
  Status Run(const Work& work);

  // Runs `work` (Connection& -> Status or Result<T>) as Run() does and
  // returns its value once committed, or the error.
  template <typename T, typename Fn>
  T Submit(Fn&& work) {
    std::optional<T> result;
    Status status = Run([&](Connection& connection) -> Status {
      result.emplace(work(connection));
      return StatusOf(*result);
    });
    if (status.ok() || (result && !StatusOf(*result).ok())) return std::move(*result);
    return T(status);
  }

  // Commits so far and requests they held, for benchmarks and tests.
  struct Counts {
    std::int64_t groups = 0;
    std::int64_t requests = 0;
  };
  Counts counts() const;
  // Requests waiting for the next group (not the one being committed).
  size_t queued() const;

 private:
  struct Request {
    const Work* work = nullptr;
    Status status;
    // Set by the writer once the request's group is done: only the callers
    // answered wake, not those queued for the next group. A condition
    // variable rather than std::binary_semaphore: libstdc++'s semaphore
    // spins on sched_yield before it sleeps, which with 32 waiting callers
    // cost 8 % of the server's CPU while recording contacts.
    std::mutex mutex;
    std::condition_variable cv;
    bool answered = false;

    // Notifies while holding the lock: the caller may wake (spuriously, or
    // on seeing `answered`) as soon as the lock is free and destroy this
    // Request, which lives on its stack; a notify after the unlock would
    // touch a destroyed condition variable (found by ThreadSanitizer).
    void Answer() {
      std::lock_guard lock(mutex);
      answered = true;
      cv.notify_one();
    }
    void Await() {
      std::unique_lock lock(mutex);
      cv.wait(lock, [this] { return answered; });
    }
  };

  static Status StatusOf(const Status& status) { return status; }
  template <typename T>
  static Status StatusOf(const Result<T>& result) {
    return result.ok() ? Status::Ok() : result.status();
  }

  void Loop();
  // Runs the group's requests and commits them; sets each one's status.
  void CommitGroup(const std::vector<Request*>& group);
  // Runs one request inside its savepoint. `transaction_lost` is set when
  // the database ended the whole transaction (the group must be run again).
  Status RunOne(Request& request, bool& transaction_lost);

  // Runs a prepared control statement (BEGIN, SAVEPOINT, ...) once.
  static Status RunControl(Statement& statement);

  std::unique_ptr<Connection> connection_;
  TransactionListener* const listener_;
  // Prepared once: a request costs a SAVEPOINT and a RELEASE, a group a
  // BEGIN and a COMMIT.
  Statement begin_, commit_, rollback_, savepoint_, release_, rollback_to_;
  const size_t max_group_;

  mutable std::mutex mutex_;
  std::condition_variable queued_;  // the writer waits for requests
  std::deque<Request*> queue_;
  bool stopping_ = false;
  Counts counts_;
  std::thread thread_;
};

}  // namespace alongside::store::sql
