#include "synth/synth.h"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "support/test_support.h"

namespace alongside::synth {
namespace {

using testing::TempDir;

SynthOptions SmallOptions(std::uint64_t seed) {
  SynthOptions options;
  options.people = 150;
  options.months = 6;
  options.seed = seed;
  options.end_on = *ParseDay("2026-10-31", "end");
  options.people_per_batch = 40;  // several batches
  return options;
}

std::string DigestOf(const TempDir& dir, const std::string& name, const SynthOptions& options) {
  auto store = store::OpenSqliteStore(dir.File(name), store::OpenMode::kCreate);
  EXPECT_TRUE(store.ok());
  Result<SynthReport> report = Generate(options, **store);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return (*store)->ContentDigest().value();
}

TEST(SynthTest, SameSeedGivesTheSameDatabase) {
  TempDir dir;
  std::string first = DigestOf(dir, "a.db", SmallOptions(7));
  std::string again = DigestOf(dir, "b.db", SmallOptions(7));
  std::string other = DigestOf(dir, "c.db", SmallOptions(8));
  EXPECT_EQ(first, again);
  EXPECT_NE(first, other);
}

TEST(SynthTest, BatchSizeDoesNotChangeTheProgram) {
  TempDir dir;
  SynthOptions one_batch = SmallOptions(7);
  one_batch.people_per_batch = 1000;
  EXPECT_EQ(DigestOf(dir, "a.db", SmallOptions(7)), DigestOf(dir, "b.db", one_batch));
}

TEST(SynthTest, ProgramHasTheShapeOfARealService) {
  TempDir dir;
  SynthOptions options = SmallOptions(3);
  options.people = 600;  // 12 workers -> 2 teams
  auto store = store::OpenSqliteStore(dir.File("p.db"), store::OpenMode::kCreate);
  ASSERT_TRUE(store.ok());
  SynthReport report = Generate(options, **store).value();
  store::ProgramSummary summary = (*store)->Summary().value();
  EXPECT_EQ(summary.people_served, 600);
  EXPECT_EQ(summary.peer_workers, 12);
  EXPECT_EQ(summary.teams, 2);
  EXPECT_EQ(summary.contacts, report.contacts);
  // Roughly weekly contact over the months each person is enrolled.
  EXPECT_GT(summary.contacts, 600 * 10);
  EXPECT_LT(summary.contacts, 600 * 60);
  EXPECT_GT(summary.contacts_final, summary.contacts * 9 / 10);
  EXPECT_LT(summary.contacts_final, summary.contacts);  // recent notes still in draft
  EXPECT_GT(summary.supervision_sessions, 12 * 6);      // fortnightly peer + monthly clinical
  EXPECT_GT(summary.admissions, 0);
  EXPECT_GE(summary.goals, 600);
  EXPECT_TRUE((*store)->VerifyAudit().value().intact);
}

TEST(SynthTest, RejectsBadOptionsNamingTheFlag) {
  SynthOptions options = SmallOptions(1);
  options.people = 0;
  EXPECT_EQ(ValidateOptions(options).field(), "--people");
  options = SmallOptions(1);
  options.months = 0;
  EXPECT_EQ(ValidateOptions(options).field(), "--months");
}

}  // namespace
}  // namespace alongside::synth
