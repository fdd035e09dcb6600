// alongside init --db FILE      create a new, empty database
// alongside migrate --db FILE   bring an existing database to this program's schema
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "store/open.h"

namespace alongside::cli {
namespace {

struct DbFlag {
  std::string path;
};

struct InitFlags {
  std::string path;
  std::string time_zone;  // empty: the machine's zone
};

}  // namespace

void AddInitCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<InitFlags>();
  CLI::App* init = app.add_subcommand("init", "Create a new, empty database file");
  init->add_option("--db", flags->path,
                   "Database to create: a new SQLite file, or an empty PostgreSQL database's "
                   "postgresql:// URL")->required();
  AddTimeZoneOption(*init, flags->time_zone);
  init->callback([flags, exit_code] {
    Result<TimeZone> zone = ProgramZoneFlag(flags->time_zone);
    if (!zone.ok()) {
      *exit_code = ReportFailure("init", zone.status());
      return;
    }
    Result<std::unique_ptr<store::Store>> opened =
        store::OpenStore(flags->path, store::OpenMode::kCreate);
    if (!opened.ok()) {
      *exit_code = ReportFailure("init", opened.status());
      return;
    }
    if (Status saved = SaveProgramZone(**opened, *zone, "cli:init"); !saved.ok()) {
      *exit_code = ReportFailure("init", saved);
      return;
    }
    std::printf("created %s (schema version %d, time zone %s)\n", flags->path.c_str(),
                store::SchemaVersion(), zone->name().c_str());
  });
}

void AddMigrateCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<DbFlag>();
  CLI::App* migrate =
      app.add_subcommand("migrate", "Apply pending schema migrations to an existing database");
  migrate->add_option("--db", flags->path, "Database: a SQLite file, or a postgresql:// URL")->required();
  migrate->callback([flags, exit_code] {
    Result<std::unique_ptr<store::Store>> opened =
        store::OpenStore(flags->path, store::OpenMode::kMigrate);
    if (!opened.ok()) {
      *exit_code = ReportFailure("migrate", opened.status());
      return;
    }
    std::printf("%s is at schema version %d\n", flags->path.c_str(),
                store::SchemaVersion());
  });
}

}  // namespace alongside::cli
