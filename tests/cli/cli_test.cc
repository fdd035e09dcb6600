// The command line as a user meets it: exit codes and messages.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>

#include "support/test_support.h"

namespace alongside::cli {
namespace {

using testing::RunAlongside;
using testing::TempDir;

TEST(CliTest, HelpListsEverySubcommand) {
  testing::CommandResult help = RunAlongside({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* command : {"init", "migrate", "synth", "demo", "serve", "backup", "audit"}) {
    EXPECT_NE(help.out.find(command), std::string::npos) << command;
  }
  EXPECT_EQ(RunAlongside({"synth", "--help"}).exit_code, 0);
}

TEST(CliTest, BadFlagsAreUsageErrors) {
  testing::CommandResult unknown = RunAlongside({"synth", "--db", "x.db", "--peeple", "3"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("--peeple"), std::string::npos);
  testing::CommandResult missing = RunAlongside({"init"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--db"), std::string::npos);
  EXPECT_EQ(RunAlongside({}).exit_code, 2);
  EXPECT_EQ(RunAlongside({"frobnicate"}).exit_code, 2);
}

TEST(CliTest, BadValuesNameTheFlagAndWriteNothing) {
  TempDir dir;
  testing::CommandResult zero = RunAlongside({"synth", "--db", dir.File("s.db"), "--people", "0"});
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.err.find("--people: must be 1..1000000"), std::string::npos) << zero.err;
  testing::CommandResult end = RunAlongside({"synth", "--db", dir.File("s.db"), "--end", "soon"});
  EXPECT_EQ(end.exit_code, 2);
  EXPECT_NE(end.err.find("--end"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.File("s.db")));
  testing::CommandResult port = RunAlongside({"serve", "--db", dir.File("s.db"), "--port", "0"});
  EXPECT_EQ(port.exit_code, 2);
  EXPECT_NE(port.err.find("--port"), std::string::npos);
}

TEST(CliTest, MissingDatabaseIsAClearFailure) {
  TempDir dir;
  for (std::vector<std::string> args :
       {std::vector<std::string>{"serve", "--db", dir.File("none.db")},
        std::vector<std::string>{"audit", "verify", "--db", dir.File("none.db")},
        std::vector<std::string>{"migrate", "--db", dir.File("none.db")},
        std::vector<std::string>{"backup", "--db", dir.File("none.db"), "--to", dir.File("b.db")}}) {
    testing::CommandResult result = RunAlongside(args);
    EXPECT_EQ(result.exit_code, 1) << args[0];
    EXPECT_NE(result.err.find("does not exist"), std::string::npos) << result.err;
  }
}

TEST(CliTest, InitSynthBackupAndVerify) {
  TempDir dir;
  std::string db = dir.File("p.db");
  EXPECT_EQ(RunAlongside({"init", "--db", db}).exit_code, 0);
  testing::CommandResult again = RunAlongside({"init", "--db", db});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos);
  EXPECT_EQ(RunAlongside({"migrate", "--db", db}).exit_code, 0);

  std::string synth_db = dir.File("synth.db");
  testing::CommandResult synth =
      RunAlongside({"synth", "--db", synth_db, "--people", "60", "--end", "2026-06-30"});
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  EXPECT_NE(synth.out.find("60 people"), std::string::npos) << synth.out;
  EXPECT_EQ(RunAlongside({"backup", "--db", synth_db, "--to", dir.File("copy.db")}).exit_code, 0);
  testing::CommandResult verified = RunAlongside({"audit", "verify", "--db", dir.File("copy.db")});
  EXPECT_EQ(verified.exit_code, 0);
  EXPECT_NE(verified.out.find("intact"), std::string::npos);
}

TEST(CliTest, AuditVerifyExitsThreeAndNamesTheTamperedRow) {
  TempDir dir;
  std::string db = dir.File("p.db");
  ASSERT_EQ(RunAlongside({"synth", "--db", db, "--people", "30", "--end", "2026-06-30"}).exit_code, 0);
  sqlite3* handle = nullptr;
  sqlite3_open(db.c_str(), &handle);
  sqlite3_exec(handle, "UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 2", nullptr,
               nullptr, nullptr);
  sqlite3_close(handle);
  testing::CommandResult verified = RunAlongside({"audit", "verify", "--db", db});
  EXPECT_EQ(verified.exit_code, 3);
  EXPECT_NE(verified.out.find("row 2"), std::string::npos) << verified.out;
}

}  // namespace
}  // namespace alongside::cli
