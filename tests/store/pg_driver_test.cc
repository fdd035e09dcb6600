// The PostgreSQL driver's deferred control statements (pg_driver.h, Defer):
// BEGIN, SAVEPOINT and RELEASE travel with the next statement in one round
// trip, and nothing about transactions, errors or savepoints changes for
// the caller. Skipped without a PostgreSQL server (ALONGSIDE_TEST_PG_URL).
#include "store/postgres/pg_driver.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/sql/statement.h"
#include "support/test_support.h"

namespace alongside::store {
namespace {

using postgres::PgConnection;
using sql::Statement;
using testing::TempDir;

class PgDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::PostgresUnavailable().empty()) GTEST_SKIP() << testing::PostgresUnavailable();
    url_ = testing::FreshDatabaseOn("postgres", dir_, "driver");
    connection_ = PgConnection::Open(url_).value();
    ASSERT_TRUE(connection_->Exec("CREATE TABLE notes(id BIGINT PRIMARY KEY, words TEXT)").ok());
  }

  // Runs a control statement as the store does (a prepared Statement).
  Status Control(const std::string& sql) {
    Statement statement(*connection_, sql);
    return statement.Run();
  }
  Status Insert(std::int64_t id, const std::string& words) {
    Statement insert(*connection_, "INSERT INTO notes(id, words) VALUES (?1, ?2)");
    insert.Bind(1, id).Bind(2, words);
    return insert.Run();
  }
  std::int64_t Count(PgConnection& connection) {
    Statement count(connection, "SELECT count(*) FROM notes");
    EXPECT_TRUE(count.Step());
    return count.Int(0);
  }

  TempDir dir_;
  std::string url_;
  std::unique_ptr<PgConnection> connection_;
};

TEST_F(PgDriverTest, ADeferredBeginOpensTheTransactionForTheCaller) {
  ASSERT_TRUE(Control("BEGIN").ok());
  // Nothing was sent yet, but the caller is in a transaction.
  EXPECT_TRUE(connection_->InTransaction());
  ASSERT_TRUE(Insert(1, "one").ok());
  std::unique_ptr<PgConnection> other = PgConnection::Open(url_).value();
  EXPECT_EQ(Count(*other), 0);  // not committed: the BEGIN went with the insert
  ASSERT_TRUE(Control("COMMIT").ok());
  EXPECT_FALSE(connection_->InTransaction());
  EXPECT_EQ(Count(*other), 1);
}

TEST_F(PgDriverTest, ABeginFollowedOnlyByCommitIsAnEmptyTransaction) {
  ASSERT_TRUE(Control("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").ok());
  EXPECT_TRUE(Control("COMMIT").ok());
  EXPECT_FALSE(connection_->InTransaction());
  EXPECT_EQ(Count(*connection_), 0);
}

TEST_F(PgDriverTest, AStatementAfterADeferredSavepointFailsWithItsOwnErrorAndRollsBackAlone) {
  ASSERT_TRUE(Control("BEGIN").ok());
  ASSERT_TRUE(Control("SAVEPOINT request").ok());
  ASSERT_TRUE(Insert(1, "kept").ok());
  ASSERT_TRUE(Control("RELEASE SAVEPOINT request").ok());
  ASSERT_TRUE(Control("SAVEPOINT request").ok());
  // RELEASE and SAVEPOINT go with this insert, which breaks the key.
  Status duplicate = Insert(1, "again");
  EXPECT_EQ(duplicate.code(), StatusCode::kConflict) << duplicate.ToString();
  EXPECT_TRUE(connection_->InTransaction());
  ASSERT_TRUE(Control("ROLLBACK TO SAVEPOINT request").ok());
  ASSERT_TRUE(Control("RELEASE SAVEPOINT request").ok());
  ASSERT_TRUE(Insert(2, "after").ok());
  ASSERT_TRUE(Control("COMMIT").ok());
  EXPECT_EQ(Count(*connection_), 2);
}

TEST_F(PgDriverTest, ADeferredControlThatFailsIsReportedByTheNextStatement) {
  ASSERT_TRUE(Control("BEGIN").ok());
  // No such savepoint: the server refuses the RELEASE when it arrives with
  // the insert, and the insert reports that refusal.
  ASSERT_TRUE(Control("RELEASE SAVEPOINT never_taken").ok());
  Status inserted = Insert(1, "one");
  EXPECT_FALSE(inserted.ok());
  EXPECT_NE(inserted.ToString().find("never_taken"), std::string::npos) << inserted.ToString();
  ASSERT_TRUE(Control("ROLLBACK").ok());
  EXPECT_FALSE(connection_->InTransaction());
  EXPECT_EQ(Count(*connection_), 0);
}

TEST_F(PgDriverTest, RowsComeBackThroughAPipeline) {
  for (int id = 1; id <= 3; ++id) ASSERT_TRUE(Insert(id, "note " + std::to_string(id)).ok());
  ASSERT_TRUE(Control("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").ok());
  Statement query(*connection_, "SELECT id, words FROM notes ORDER BY id");
  std::string seen;
  while (query.Step()) seen += std::to_string(query.Int(0)) + ":" + query.Text(1) + ";";
  EXPECT_TRUE(query.status().ok()) << query.status().ToString();
  EXPECT_EQ(seen, "1:note 1;2:note 2;3:note 3;");
  EXPECT_TRUE(Control("COMMIT").ok());
}

}  // namespace
}  // namespace alongside::store
