#include "store/sql/group_commit.h"

#include <exception>
#include <string>
#include <utility>

namespace alongside::store::sql {

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> connection,
                                     TransactionListener* listener, size_t max_group)
    : connection_(std::move(connection)),
      listener_(listener),
      begin_(*connection_, BeginWrite(connection_->dialect())),
      commit_(*connection_, "COMMIT"),
      rollback_(*connection_, "ROLLBACK"),
      savepoint_(*connection_, "SAVEPOINT request"),
      release_(*connection_, "RELEASE SAVEPOINT request"),
      rollback_to_(*connection_, "ROLLBACK TO SAVEPOINT request"),
      max_group_(max_group > 0 ? max_group : 1),
      thread_([this] { Loop(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_one();
  thread_.join();
}

Status GroupCommitWriter::Run(const Work& work) {
  Request request;
  request.work = &work;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return Status::Unavailable("the store is closing");
    queue_.push_back(&request);
  }
  queued_.notify_one();
  request.Await();
  return request.status;
}

GroupCommitWriter::Counts GroupCommitWriter::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

Status GroupCommitWriter::RunControl(Statement& statement) {
  Status status = statement.Run();
  statement.Reset();
  return status;
}

size_t GroupCommitWriter::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void GroupCommitWriter::Loop() {
  std::vector<Request*> group;
  for (;;) {
    group.clear();
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing is left to run
      while (!queue_.empty() && group.size() < max_group_) {
        group.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    CommitGroup(group);
    {
      std::lock_guard lock(mutex_);
      counts_.groups += 1;
      counts_.requests += static_cast<std::int64_t>(group.size());
    }
    // After the counts, so that an answered caller sees its group counted.
    for (Request* request : group) request->Answer();
  }
}

void GroupCommitWriter::CommitGroup(const std::vector<Request*>& group) {
  std::vector<Request*> pending = group;
  while (!pending.empty()) {
    Status begun = RunControl(begin_);
    if (!begun.ok()) {
      for (Request* request : pending) request->status = begun;
      return;
    }
    if (listener_) listener_->Began();
    std::vector<Request*> succeeded;
    bool lost = false;
    for (size_t request_idx = 0; request_idx < pending.size(); ++request_idx) {
      Request* request = pending[request_idx];
      bool transaction_lost = false;
      Status status = RunOne(*request, transaction_lost);
      if (transaction_lost) {
        // This request's failure rolled back everything since BEGIN: it is
        // answered with its error and the others are run again.
        request->status =
            status.ok() ? Status::Internal("the database ended the transaction unexpectedly") : status;
        succeeded.insert(succeeded.end(), pending.begin() + request_idx + 1, pending.end());
        pending = std::move(succeeded);
        lost = true;
        break;
      }
      if (status.ok()) {
        succeeded.push_back(request);
      } else {
        request->status = status;
      }
    }
    if (lost) continue;
    Status committed = listener_ ? listener_->BeforeCommit(*connection_) : Status::Ok();
    if (committed.ok()) committed = RunControl(commit_);
    if (!committed.ok() && connection_->InTransaction()) {
      LogIfFailed(RunControl(rollback_), "rollback of a failed group commit");
    }
    for (Request* request : succeeded) request->status = committed;
    return;
  }
}

Status GroupCommitWriter::RunOne(Request& request, bool& transaction_lost) {
  Status saved = RunControl(savepoint_);
  if (!saved.ok()) {
    transaction_lost = !connection_->InTransaction();
    return saved;
  }
  if (listener_) listener_->RequestStarted();
  Status status;
  try {
    status = (*request.work)(*connection_);
  } catch (const std::exception& error) {
    status = Status::Internal(std::string("write failed: ") + error.what());
  }
  if (!connection_->InTransaction()) {
    transaction_lost = true;
    return status;
  }
  if (status.ok()) {
    Status released = RunControl(release_);
    if (released.ok()) return status;
    status = released;
  }
  // Undo this request's changes only; the transaction stays open.
  LogIfFailed(RunControl(rollback_to_), "rollback to a request's savepoint");
  if (listener_) listener_->RequestUndone();
  LogIfFailed(RunControl(release_), "release of a request's savepoint");
  transaction_lost = !connection_->InTransaction();
  return status;
}

}  // namespace alongside::store::sql
