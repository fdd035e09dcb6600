// alongside synth --db FILE [--people N] [--months M] [--seed S] [--end DATE]
// writes a synthetic program into a new database.
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "cli/accounts.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/synth_flags.h"
#include "store/sqlite/sqlite_store.h"
#include "synth/synth.h"

namespace alongside::cli {

void AddSynthFlags(CLI::App& command, SynthFlags& flags) {
  command.add_option("--people", flags.options.people, "People served (1..1000000)")
      ->capture_default_str();
  command.add_option("--months", flags.options.months, "Months of history (1..120)")
      ->capture_default_str();
  command.add_option("--seed", flags.options.seed, "Seed: the same seed gives the same program")
      ->capture_default_str();
  command.add_option("--accounts", flags.accounts,
                     "People served who get a sign-in, 0..1000 (every staff member gets one)")
      ->capture_default_str();
  command.add_option("--end", flags.end,
                     "Last day of the history, YYYY-MM-DD (default: today, UTC)");
}

Status ResolveSynthFlags(SynthFlags& flags) {
  if (flags.end.empty()) {
    flags.options.end_on = DayOf(NowUtc());
  } else {
    Result<Day> end = ParseDay(flags.end, "--end");
    if (!end.ok()) return end.status();
    flags.options.end_on = *end;
  }
  if (flags.accounts < 0 || flags.accounts > 1000) {
    return Status::InvalidArgument("--accounts", "must be 0..1000");
  }
  return synth::ValidateOptions(flags.options);
}

Result<synth::SynthReport> CreateSyntheticDatabase(const std::string& path,
                                                   const synth::SynthOptions& options,
                                                   int accounts) {
  Result<std::unique_ptr<store::Store>> opened =
      store::OpenSqliteStore(path, store::OpenMode::kCreate);
  if (!opened.ok()) return opened.status();
  bool show_progress = isatty(STDERR_FILENO);
  auto started = std::chrono::steady_clock::now();
  Result<synth::SynthReport> report =
      synth::Generate(options, **opened, [&](int people_done) {
        if (!show_progress) return;
        std::fprintf(stderr, "\rsynth: %d / %d people", people_done, options.people);
        if (people_done == options.people) std::fprintf(stderr, "\n");
      });
  if (!report.ok()) return report;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "synthesised %s: %lld teams, %lld staff, %lld people, %lld contacts, %lld supervision "
      "sessions, %lld admissions in %.1f s\n",
      path.c_str(), static_cast<long long>(report->teams), static_cast<long long>(report->staff),
      static_cast<long long>(report->people), static_cast<long long>(report->contacts),
      static_cast<long long>(report->supervision_sessions),
      static_cast<long long>(report->admissions), seconds);
  Result<AccountsReport> signins =
      CreateSyntheticAccounts(**opened, path, accounts, server::AuthOptions{});
  if (!signins.ok()) return signins.status();
  std::printf("sign-ins for %d staff and %d people served: %s\n", signins->staff,
              signins->people, signins->csv_path.c_str());
  return report;
}

void AddSynthCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<SynthFlags>();
  CLI::App* synth = app.add_subcommand(
      "synth", "Write a synthetic peer support program (invented people only) into a new database");
  synth->add_option("--db", flags->path, "Database file to create (must not exist)")->required();
  AddSynthFlags(*synth, *flags);
  synth->callback([flags, exit_code] {
    Status resolved = ResolveSynthFlags(*flags);
    if (!resolved.ok()) {
      *exit_code = ReportFailure("synth", resolved);
      return;
    }
    Result<synth::SynthReport> report = CreateSyntheticDatabase(flags->path, flags->options, flags->accounts);
    if (!report.ok()) *exit_code = ReportFailure("synth", report.status());
  });
}

}  // namespace alongside::cli
