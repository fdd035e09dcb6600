// A few crash rounds in CI (crash_rounds.h): `alongside serve` killed with
// SIGKILL under four API writers, five times on one file; every write it
// acknowledged must be back after each restart, the file must pass
// integrity_check and the audit chain must verify. bench/crash/run.sh runs a
// hundred rounds with eight writers.
#include "integration/crash_rounds.h"

#include <gtest/gtest.h>

#include <random>

#include "support/test_support.h"

namespace alongside::crash {
namespace {

std::string Explain(const CrashRoundsReport& report, std::uint64_t seed) {
  std::string text = "seed " + std::to_string(seed) + ", " + std::to_string(report.rounds) +
                     " rounds, " + std::to_string(report.acknowledged) + " acknowledged";
  for (const std::string& problem : report.problems) text += "\n  " + problem;
  return text;
}

// Five rounds on `db`, whose sign-ins are in `accounts_csv`.
void ExpectEveryAcknowledgedWriteSurvives(const testing::TempDir& dir, const std::string& db,
                                          const std::string& accounts_csv) {
  CrashRoundsOptions options;
  options.binary = ALONGSIDE_BINARY;
  options.db = db;
  options.accounts_csv = accounts_csv;
  options.server_log = dir.File("serve.log");
  options.rounds = 5;
  options.writers = 4;
  options.min_kill_ms = 200;
  options.max_kill_ms = 1000;
  options.seed = std::random_device{}();

  CrashRoundsReport report = RunCrashRounds(options);

  std::string explained = Explain(report, options.seed);
  ASSERT_FALSE(report.incomplete) << explained;
  EXPECT_EQ(report.rounds, 5) << explained;
  EXPECT_EQ(report.lost, 0) << explained;
  EXPECT_EQ(report.integrity_failures, 0) << explained;
  EXPECT_EQ(report.chain_failures, 0) << explained;
  EXPECT_EQ(report.refused, 0) << explained;
  EXPECT_TRUE(report.stopped_cleanly) << explained;
  // Writes of every kind were acknowledged, so the checks above checked something.
  EXPECT_GT(report.contacts, 0) << explained;
  EXPECT_GT(report.goals, 0) << explained;
  EXPECT_GT(report.annotations, 0) << explained;
}

TEST(CrashRoundsTest, AcknowledgedApiWritesSurviveSigkillOfTheServer) {
  testing::TempDir dir;
  std::string db = dir.File("crash.db");
  ASSERT_EQ(testing::RunAlongside({"synth", "--db", db, "--people", "300", "--accounts", "300"})
                .exit_code,
            0);
  ExpectEveryAcknowledgedWriteSurvives(dir, db, db + ".accounts.csv");
}

// The same on PostgreSQL (issue 12): the server killed during concurrent
// recording, every write whose 201 arrived is there after the restart.
TEST(CrashRoundsTest, AcknowledgedApiWritesSurviveSigkillOfTheServerOnPostgres) {
  if (!testing::PostgresUnavailable().empty()) GTEST_SKIP() << testing::PostgresUnavailable();
  testing::TempDir dir;
  std::string db = testing::FreshDatabaseOn("postgres", dir, "");
  std::string accounts = dir.File("accounts.csv");
  ASSERT_EQ(testing::RunAlongside({"synth", "--db", db, "--people", "300", "--accounts", "300",
                                   "--accounts-file", accounts})
                .exit_code,
            0);
  ExpectEveryAcknowledgedWriteSurvives(dir, db, accounts);
}

// The check the rounds rely on finds a write that is not in the file, and
// one whose id now holds other words (an id reused after a lost write).
TEST(CrashRoundsTest, StoreCheckReportsMissingAndChangedWrites) {
  testing::TempDir dir;
  std::string db = dir.File("check.db");
  ASSERT_EQ(
      testing::RunAlongside({"synth", "--db", db, "--people", "5", "--accounts", "0"}).exit_code,
      0);
  Acknowledged missing{Acknowledged::Kind::kContact, 1'000'000'000, 0, "a note", 1, 0};
  Acknowledged changed{Acknowledged::Kind::kContact, 1, 0, "not the note contact 1 holds", 1, 0};
  Acknowledged no_goal{Acknowledged::Kind::kGoal, 1'000'000'000, 0, "a goal", 1, 0};
  Acknowledged no_annotation{Acknowledged::Kind::kAnnotation, 1'000'000'000, 1, "words", 1, 0};

  std::vector<std::string> found = MissingFromStore(db, {missing, changed, no_goal, no_annotation});

  ASSERT_EQ(found.size(), 4u);
  EXPECT_NE(found[0].find("missing"), std::string::npos) << found[0];
  EXPECT_NE(found[1].find("other words"), std::string::npos) << found[1];
  EXPECT_EQ(IntegrityCheck(db), "ok");
}

}  // namespace
}  // namespace alongside::crash
