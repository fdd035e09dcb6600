// Group commit (store/sql/group_commit.h), here over the SQLite driver: requests
// that queue while a commit runs share the next one, each stays atomic and
// fails alone, and through the Store many concurrent writers all land with
// the audit chain intact.
#include "store/sql/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "store/sql/statement.h"
#include "store/sqlite/sqlite_driver.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_support.h"

namespace alongside::store {
namespace {

using sql::Connection;
using sql::GroupCommitWriter;
using sql::Statement;
using sqlite::SqliteConnection;
using testing::DraftVersion;
using testing::kTestActor;
using testing::TempDir;

std::unique_ptr<Connection> OpenWriter(const std::string& path) {
  std::unique_ptr<SqliteConnection> connection = SqliteConnection::Open(path, true).value();
  EXPECT_TRUE(connection->Exec("PRAGMA journal_mode = WAL").ok());
  EXPECT_TRUE(connection->Exec("PRAGMA synchronous = FULL").ok());
  EXPECT_TRUE(
      connection->Exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, words TEXT UNIQUE)").ok());
  return connection;
}

std::int64_t CountNotes(const std::string& path, const std::string& where = "1") {
  std::unique_ptr<SqliteConnection> reader = SqliteConnection::Open(path, false).value();
  Statement query(*reader, "SELECT count(*) FROM notes WHERE " + where);
  EXPECT_TRUE(query.Step());
  return query.Int(0);
}

GroupCommitWriter::Work InsertNote(const std::string& words) {
  return [words](Connection& connection) {
    Statement insert(connection, "INSERT INTO notes(words) VALUES (?1)");
    insert.Bind(1, words);
    return insert.Run();
  };
}

// Runs `works` from one thread each so that all but the first share one
// group: the first request holds the writer until the others have queued.
std::vector<Status> RunAsOneGroup(GroupCommitWriter& writer,
                                  const std::vector<GroupCommitWriter::Work>& works) {
  std::vector<Status> results(works.size() + 1);
  std::atomic<bool> holding = false;
  GroupCommitWriter::Work hold = [&](Connection&) {
    holding = true;
    while (writer.queued() < works.size())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Status::Ok();
  };
  std::thread holder([&] { results[0] = writer.Run(hold); });
  while (!holding) std::this_thread::yield();
  std::vector<std::thread> threads;
  for (size_t work_idx = 0; work_idx < works.size(); ++work_idx) {
    threads.emplace_back([&, work_idx] { results[work_idx + 1] = writer.Run(works[work_idx]); });
  }
  holder.join();
  for (std::thread& thread : threads) thread.join();
  results.erase(results.begin());
  return results;
}

TEST(SqliteGroupCommitTest, RequestsQueuedDuringACommitShareTheNext) {
  TempDir dir;
  std::string path = dir.File("notes.db");
  GroupCommitWriter writer(OpenWriter(path));
  std::vector<GroupCommitWriter::Work> works;
  for (int note_idx = 0; note_idx < 20; ++note_idx) {
    works.push_back(InsertNote("note " + std::to_string(note_idx)));
  }
  std::vector<Status> results = RunAsOneGroup(writer, works);
  for (const Status& result : results) EXPECT_TRUE(result.ok()) << result.ToString();
  EXPECT_EQ(writer.counts().requests, 21);
  EXPECT_EQ(writer.counts().groups, 2);  // the holder alone, then the 20 together
  // Acknowledged means committed: another connection sees every row.
  EXPECT_EQ(CountNotes(path), 20);
}

TEST(SqliteGroupCommitTest, AFailingRequestIsUndoneAloneAndTheGroupCommits) {
  TempDir dir;
  std::string path = dir.File("notes.db");
  GroupCommitWriter writer(OpenWriter(path));
  GroupCommitWriter::Work half_done = [](Connection& connection) {
    // Writes a row, then fails: the row must not survive.
    Status inserted = InsertNote("half")(connection);
    if (!inserted.ok()) return inserted;
    return Status::InvalidArgument("duration_minutes", "must be 1..720");
  };
  std::vector<Status> results = RunAsOneGroup(
      writer, {InsertNote("first"), half_done, InsertNote("first"), InsertNote("last")});
  ASSERT_EQ(results.size(), 4u);
  // Requests run in queue order, which threads decide; exactly one "first"
  // wins the UNIQUE constraint, the other is refused alone.
  int conflicts = 0, invalid = 0, ok = 0;
  for (const Status& result : results) {
    if (result.ok()) ++ok;
    if (result.code() == StatusCode::kConflict) ++conflicts;
    if (result.code() == StatusCode::kInvalidArgument) ++invalid;
  }
  EXPECT_EQ(ok, 2);
  EXPECT_EQ(conflicts, 1);
  EXPECT_EQ(invalid, 1);
  EXPECT_EQ(results[1].code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CountNotes(path, "words = 'half'"), 0);
  EXPECT_EQ(CountNotes(path, "words = 'first'"), 1);
  EXPECT_EQ(CountNotes(path, "words = 'last'"), 1);
}

TEST(SqliteGroupCommitTest, ARequestThatEndsTheTransactionFailsAloneAndTheRestAreRunAgain) {
  TempDir dir;
  std::string path = dir.File("notes.db");
  GroupCommitWriter writer(OpenWriter(path));
  // Stands in for the errors after which SQLite rolls back the whole
  // transaction (a full disk, an I/O error).
  GroupCommitWriter::Work ends_transaction = [](Connection& connection) {
    Status inserted = InsertNote("doomed")(connection);
    if (!inserted.ok()) return inserted;
    EXPECT_TRUE(connection.Exec("ROLLBACK").ok());
    return Status::Internal("disk full");
  };
  std::vector<Status> results =
      RunAsOneGroup(writer, {InsertNote("a"), ends_transaction, InsertNote("b"), InsertNote("c")});
  EXPECT_TRUE(results[0].ok()) << results[0].ToString();
  EXPECT_EQ(results[1].code(), StatusCode::kInternal);
  EXPECT_TRUE(results[2].ok()) << results[2].ToString();
  EXPECT_TRUE(results[3].ok()) << results[3].ToString();
  EXPECT_EQ(CountNotes(path), 3);
  EXPECT_EQ(CountNotes(path, "words = 'doomed'"), 0);
}

// Keeps, for the open transaction, how many notes its requests wrote (as the
// store keeps the audit chain's head) and writes the total once, before
// COMMIT, into a one-row table.
class NoteTally final : public sql::TransactionListener {
 public:
  void Wrote() { ++count_; }
  void Began() override {
    ++began_;
    count_ = 0;
  }
  void RequestStarted() override { before_request_ = count_; }
  void RequestUndone() override {
    ++undone_;
    count_ = before_request_;
  }
  Status BeforeCommit(Connection& connection) override {
    if (fail_before_commit_) return Status::Internal("tally could not be written");
    Statement add(connection, "UPDATE tally SET notes = notes + ?1");
    add.Bind(1, count_);
    return add.Run();
  }
  int began() const { return began_; }
  int undone() const { return undone_; }
  void FailBeforeCommit() { fail_before_commit_ = true; }

 private:
  std::int64_t count_ = 0, before_request_ = 0;
  int began_ = 0, undone_ = 0;
  bool fail_before_commit_ = false;
};

std::unique_ptr<Connection> OpenWriterWithTally(const std::string& path) {
  std::unique_ptr<Connection> connection = OpenWriter(path);
  EXPECT_TRUE(connection->Exec("CREATE TABLE tally(notes INTEGER NOT NULL)").ok());
  EXPECT_TRUE(connection->Exec("INSERT INTO tally VALUES (0)").ok());
  return connection;
}

std::int64_t Tally(const std::string& path) {
  std::unique_ptr<SqliteConnection> reader = SqliteConnection::Open(path, false).value();
  Statement query(*reader, "SELECT notes FROM tally");
  EXPECT_TRUE(query.Step());
  return query.Int(0);
}

GroupCommitWriter::Work TalliedNote(NoteTally& tally, const std::string& words, bool fail) {
  return [&tally, words, fail](Connection& connection) {
    Status inserted = InsertNote(words)(connection);
    if (!inserted.ok()) return inserted;
    tally.Wrote();
    return fail ? Status::InvalidArgument("note", "refused after writing") : Status::Ok();
  };
}

TEST(SqliteGroupCommitTest, AListenerKeepsTransactionStateInStepWithSavepointsAndWritesItOnce) {
  TempDir dir;
  std::string path = dir.File("notes.db");
  NoteTally tally;
  {
    GroupCommitWriter writer(OpenWriterWithTally(path), &tally);
    std::vector<Status> results = RunAsOneGroup(
        writer, {TalliedNote(tally, "a", false), TalliedNote(tally, "b", true),
                 TalliedNote(tally, "c", false), TalliedNote(tally, "d", true)});
    EXPECT_TRUE(results[0].ok());
    EXPECT_EQ(results[1].code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(results[2].ok());
    EXPECT_EQ(results[3].code(), StatusCode::kInvalidArgument);
  }
  // The two undone requests took their counts back with their rows.
  EXPECT_EQ(tally.undone(), 2);
  EXPECT_EQ(tally.began(), 2);  // the holder's group, then the four together
  EXPECT_EQ(CountNotes(path), 2);
  EXPECT_EQ(Tally(path), 2);
}

TEST(SqliteGroupCommitTest, AFailureBeforeCommitFailsTheWholeGroupAndKeepsNothing) {
  TempDir dir;
  std::string path = dir.File("notes.db");
  NoteTally tally;
  tally.FailBeforeCommit();
  {
    GroupCommitWriter writer(OpenWriterWithTally(path), &tally);
    std::vector<Status> results =
        RunAsOneGroup(writer, {TalliedNote(tally, "a", false), TalliedNote(tally, "b", false)});
    for (const Status& result : results) EXPECT_EQ(result.code(), StatusCode::kInternal);
  }
  EXPECT_EQ(CountNotes(path), 0);
  EXPECT_EQ(Tally(path), 0);
}

TEST(SqliteGroupCommitTest, SubmitReturnsTheValueOnceCommitted) {
  TempDir dir;
  std::string path = dir.File("notes.db");
  GroupCommitWriter writer(OpenWriter(path));
  Result<std::int64_t> id =
      writer.Submit<Result<std::int64_t>>([](Connection& connection) -> Result<std::int64_t> {
        Statement insert(connection, "INSERT INTO notes(words) VALUES ('x') RETURNING id");
        if (!insert.Step()) return insert.status();
        return insert.Int(0);
      });
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, 1);
  Result<std::int64_t> refused = writer.Submit<Result<std::int64_t>>(
      [](Connection&) -> Result<std::int64_t> { return Status::NotFound("no such note"); });
  EXPECT_EQ(refused.status().code(), StatusCode::kNotFound);
}

// Through the Store: many peer workers' threads recording at once all
// succeed, every contact is there, a bad request among them fails alone, and
// the audit chain verifies.
TEST(SqliteGroupCommitTest, ConcurrentRecordingThroughTheStoreKeepsEveryContactAndTheChain) {
  TempDir dir;
  std::string path = dir.File("program.db");
  std::unique_ptr<Store> store = OpenSqliteStore(path, OpenMode::kCreate).value();
  testing::SmallProgram ids = testing::MakeSmallProgram(*store);
  constexpr int kThreads = 16;
  constexpr int kPerThread = 40;
  constexpr Id kNoSuchPerson = 999'999;
  std::mutex ids_mutex;
  std::set<Id> recorded;
  std::atomic<int> refused = 0, failed = 0;
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      bool even = thread_idx % 2 == 0;
      Id person = even ? ids.person : ids.other_person;
      Id worker = even ? ids.worker : ids.other_worker;
      for (int contact_idx = 0; contact_idx < kPerThread; ++contact_idx) {
        Instant start = 1'790'000'000 + (thread_idx * kPerThread + contact_idx) * 3600;
        bool bad = contact_idx % 10 == 7;
        Result<Id> id = store->RecordContact(bad ? kNoSuchPerson : person, worker,
                                             DraftVersion(worker, start), kTestActor);
        if (bad) {
          if (id.status().code() == StatusCode::kInvalidArgument) ++refused;
          continue;
        }
        if (!id.ok()) {
          ++failed;
          continue;
        }
        std::lock_guard lock(ids_mutex);
        recorded.insert(*id);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const int bad_per_thread = kPerThread / 10;
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(refused.load(), kThreads * bad_per_thread);
  EXPECT_EQ(recorded.size(), static_cast<size_t>(kThreads * (kPerThread - bad_per_thread)));

  ContactQuery query;
  query.page.limit = 10'000;
  std::vector<ContactRow> rows = store->ListContacts(query).value();
  std::set<Id> listed;
  for (const ContactRow& row : rows) listed.insert(row.id);
  EXPECT_EQ(listed, recorded);

  AuditVerification verified = store->VerifyAudit().value();
  EXPECT_TRUE(verified.intact) << verified.problem;
  std::vector<AuditEntry> tail = store->AuditTail(100'000).value();
  int contact_rows = 0;
  for (const AuditEntry& entry : tail) contact_rows += entry.action == "contact.record";
  EXPECT_EQ(contact_rows, static_cast<int>(recorded.size()));

  // And after closing and opening again (what was acknowledged is in the file).
  store.reset();
  std::unique_ptr<Store> reopened = OpenSqliteStore(path, OpenMode::kOpenExisting).value();
  EXPECT_EQ(reopened->ListContacts(query).value().size(), recorded.size());
  EXPECT_TRUE(reopened->VerifyAudit().value().intact);
}

}  // namespace
}  // namespace alongside::store
