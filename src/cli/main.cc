// alongside: the one program. Subcommands live one per file in src/cli/.
#include <cstdio>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Alongside: the working system of a peer support service"};
  app.set_version_flag("--version", ALONGSIDE_VERSION);
  app.require_subcommand(1);
  int exit_code = alongside::cli::kExitOk;
  alongside::cli::AddInitCommand(app, &exit_code);
  alongside::cli::AddMigrateCommand(app, &exit_code);
  alongside::cli::AddSynthCommand(app, &exit_code);
  alongside::cli::AddDemoCommand(app, &exit_code);
  alongside::cli::AddServeCommand(app, &exit_code);
  alongside::cli::AddBackupCommand(app, &exit_code);
  alongside::cli::AddAuditCommand(app, &exit_code);
  alongside::cli::AddUserCommand(app, &exit_code);
  alongside::cli::AddApiDocsCommand(app, &exit_code);
  alongside::cli::AddSynthCohortCommand(app, &exit_code);
  alongside::cli::AddEvaluateCommand(app, &exit_code);
  alongside::cli::AddReviewCommand(app, &exit_code);
  alongside::cli::AddFidelityCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "alongside: %s\nRun 'alongside --help' for usage.\n", e.what());
    return alongside::cli::kExitUsage;
  }
  return exit_code;
}
