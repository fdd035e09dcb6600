// alongside backup --db FILE --to FILE: a consistent copy of a live SQLite
// database. A PostgreSQL database is backed up with PostgreSQL's own tools
// (pg_dump, or base backups with WAL archiving): the command says so and
// copies nothing, rather than half-doing it (docs/deploy.md).
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "store/open.h"
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
    if (store::IsPostgres(flags->from)) {
      *exit_code = ReportFailure(
          "backup",
          Status::InvalidArgument(
              "--db", "is a PostgreSQL database: back it up with pg_dump, e.g. "
                      "'pg_dump --format=custom --file=alongside.dump \"$URL\"', and restore "
                      "with pg_restore (docs/deploy.md, Backups)"));
      return;
    }
    Status copied = store::BackupSqlite(flags->from, flags->to);
    if (!copied.ok()) {
      *exit_code = ReportFailure("backup", copied);
      return;
    }
    std::printf("backed up %s to %s\n", flags->from.c_str(), flags->to.c_str());
  });
}

}  // namespace alongside::cli
