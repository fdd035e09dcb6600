// The subcommands of `alongside`. Each Add*Command registers one subcommand
// (its flags, --help text and callback) on the root app. A callback reports
// its outcome by setting *exit_code to one of the kExit* values below; errors
// are printed to stderr as "alongside <cmd>: <what went wrong>".
#pragma once

#include <CLI/CLI.hpp>

namespace alongside::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // the operation failed (I/O, database, server)
inline constexpr int kExitUsage = 2;     // bad flags or bad input values
inline constexpr int kExitVerify = 3;    // a verification found a problem (audit chain)

void AddInitCommand(CLI::App& app, int* exit_code);
void AddMigrateCommand(CLI::App& app, int* exit_code);
void AddSynthCommand(CLI::App& app, int* exit_code);
void AddDemoCommand(CLI::App& app, int* exit_code);
void AddServeCommand(CLI::App& app, int* exit_code);
void AddBackupCommand(CLI::App& app, int* exit_code);
void AddAuditCommand(CLI::App& app, int* exit_code);
void AddUserCommand(CLI::App& app, int* exit_code);
void AddApiDocsCommand(CLI::App& app, int* exit_code);
void AddSynthCohortCommand(CLI::App& app, int* exit_code);
void AddEvaluateCommand(CLI::App& app, int* exit_code);
void AddReviewCommand(CLI::App& app, int* exit_code);
void AddFidelityCommand(CLI::App& app, int* exit_code);

}  // namespace alongside::cli
