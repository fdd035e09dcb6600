// alongside backup --db FILE --to FILE: a consistent copy of a live database.
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "store/sqlite/sqlite_store.h"

namespace alongside::cli {

void AddBackupCommand(CLI::App& app, int* exit_code) {
  struct Flags {
    std::string from, to;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* backup = app.add_subcommand(
      "backup", "Copy a database to a new file with SQLite's online backup (safe while serving)");
  backup->add_option("--db", flags->from, "Database to copy")->required();
  backup->add_option("--to", flags->to, "New file to write (must not exist)")->required();
  backup->callback([flags, exit_code] {
    Status copied = store::BackupSqlite(flags->from, flags->to);
    if (!copied.ok()) {
      *exit_code = ReportFailure("backup", copied);
      return;
    }
    std::printf("backed up %s to %s\n", flags->from.c_str(), flags->to.c_str());
  });
}

}  // namespace alongside::cli
