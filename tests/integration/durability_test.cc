// An acknowledged write survives kill -9: a child process records contacts
// through the store and reports each acknowledged id on a pipe; the parent
// kills it mid-run, reopens the database and finds every acknowledged
// contact. On SQLite and on PostgreSQL (skipped when none is reachable).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "store/open.h"
#include "support/test_support.h"

namespace alongside::store {
namespace {

using testing::TempDir;

[[noreturn]] void WriteUntilKilled(const std::string& path, const testing::SmallProgram& ids,
                                   int report_fd) {
  auto store = OpenStore(path, OpenMode::kOpenExisting);
  if (!store.ok()) _exit(2);
  for (int contact_idx = 0;; ++contact_idx) {
    domain::ContactVersion version =
        testing::DraftVersion(ids.worker, 1'790'000'000 + contact_idx * 3600);
    Result<Id> id = (*store)->RecordContact(ids.person, ids.worker, version, testing::kTestActor);
    if (!id.ok()) _exit(3);
    std::int64_t acknowledged = *id;
    if (write(report_fd, &acknowledged, sizeof acknowledged) != sizeof acknowledged) _exit(4);
  }
}

class DurabilityTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DurabilityTest, AcknowledgedContactsSurviveSigkill) {
  if (GetParam() == "postgres" && !testing::PostgresUnavailable().empty()) {
    GTEST_SKIP() << testing::PostgresUnavailable();
  }
  TempDir dir;
  std::string path = testing::FreshDatabaseOn(GetParam(), dir, "durable.db");
  testing::SmallProgram ids;
  {
    auto store = OpenStore(path, OpenMode::kCreate);
    ASSERT_TRUE(store.ok());
    ids = testing::MakeSmallProgram(**store);
  }
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipe_fds[0]);
    WriteUntilKilled(path, ids, pipe_fds[1]);
  }
  close(pipe_fds[1]);
  std::vector<std::int64_t> acknowledged;
  auto started = std::chrono::steady_clock::now();
  std::int64_t id = 0;
  // Read acknowledgements for a while (bounded both in count and time), then kill.
  while (acknowledged.size() < 300 &&
         std::chrono::steady_clock::now() - started < std::chrono::seconds(20) &&
         read(pipe_fds[0], &id, sizeof id) == sizeof id) {
    acknowledged.push_back(id);
  }
  kill(child, SIGKILL);
  // Acknowledgements already in the pipe when the child died count too.
  while (read(pipe_fds[0], &id, sizeof id) == sizeof id) acknowledged.push_back(id);
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped on its own with " << status;
  ASSERT_GE(acknowledged.size(), 10u);

  if (GetParam() == "sqlite") {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* check = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr);
    ASSERT_EQ(sqlite3_step(check), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)), "ok");
    sqlite3_finalize(check);
    sqlite3_close(db);
  }

  auto reopened = OpenStore(path, OpenMode::kOpenExisting);
  ASSERT_TRUE(reopened.ok());
  for (std::int64_t contact_id : acknowledged) {
    EXPECT_TRUE((*reopened)->GetContact(contact_id).ok()) << "lost contact " << contact_id;
  }
  EXPECT_TRUE((*reopened)->VerifyAudit().value().intact);
}

INSTANTIATE_TEST_SUITE_P(Backends, DurabilityTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace alongside::store
