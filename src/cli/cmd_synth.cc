// alongside synth --db FILE [--people N] [--months M] [--seed S] [--end DATE]
// writes a synthetic program into a new database.
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "cli/accounts.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/synth_flags.h"
#include "store/open.h"
#include "store/postgres/pg_store.h"
#include "synth/synth.h"

namespace alongside::cli {
namespace {

// The three sign-ins of the demo's story (see accounts.h), with who each is
// to the others, so a newcomer can walk it end to end.
void PrintStory(const DemoStory& story) {
  const std::string& worker = story.worker.display_name;
  std::printf("to walk the story end to end, sign in as:\n");
  auto line = [](const SyntheticSignIn& sign_in, const std::string& who) {
    std::printf("  %-24s username %-12s password %s  %s\n", sign_in.role.c_str(),
                sign_in.username.c_str(), sign_in.password.c_str(), who.c_str());
  };
  line(story.worker, worker + ", the peer worker");
  line(story.person, story.person.display_name + ", on " + worker + "'s caseload");
  line(story.supervisor, story.supervisor.display_name + ", " + worker + "'s peer supervisor");
}

}  // namespace

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
                     "Last day of the history, YYYY-MM-DD (default: today, in the time zone)");
  command.add_option("--accounts-file", flags.accounts_file,
                     "Where to write the sign-ins CSV (default: beside a SQLite file, or "
                     "alongside-accounts.csv here for PostgreSQL)");
  command.add_option("--supervision", flags.supervision,
                     "How teams are supervised: mixed (most hybrid, some clinical-only or "
                     "peer-only), hybrid, clinical-only or peer-only (docs/fidelity.md)")
      ->capture_default_str();
  AddTimeZoneOption(command, flags.time_zone);
}

Status ResolveSynthFlags(SynthFlags& flags) {
  Result<synth::SupervisionMix> mix = synth::ParseSupervisionMix(flags.supervision);
  if (!mix.ok()) return mix.status();
  flags.options.supervision = *mix;
  Result<TimeZone> zone = ProgramZoneFlag(flags.time_zone);
  if (!zone.ok()) return zone.status();
  flags.zone = *zone;
  flags.options.zone = *zone;
  if (flags.end.empty()) {
    flags.options.end_on = flags.zone.DayOf(NowUtc());
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

Result<synth::SynthReport> CreateSyntheticDatabase(const SynthFlags& flags) {
  const std::string& path = flags.path;
  const synth::SynthOptions& options = flags.options;
  const TimeZone& zone = flags.zone;
  const std::string shown = store::IsPostgres(path) ? store::RedactConninfo(path) : path;
  Result<std::unique_ptr<store::Store>> opened =
      store::OpenStore(path, store::OpenMode::kCreate);
  if (!opened.ok()) return opened.status();
  ALONGSIDE_RETURN_IF_ERROR(SaveProgramZone(**opened, zone, "cli:synth"));
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
      "synthesized %s: %lld teams, %lld staff, %lld people, %lld contacts, %lld supervision "
      "sessions, %lld admissions in %.1f s (time zone %s)\n",
      shown.c_str(), static_cast<long long>(report->teams), static_cast<long long>(report->staff),
      static_cast<long long>(report->people), static_cast<long long>(report->contacts),
      static_cast<long long>(report->supervision_sessions),
      static_cast<long long>(report->admissions), seconds, zone.name().c_str());
  Result<AccountsReport> signins =
      CreateSyntheticAccounts(**opened, AccountsFileFor(path, flags.accounts_file), flags.accounts,
                              server::AuthOptions{});
  if (!signins.ok()) return signins.status();
  std::printf("sign-ins for %d staff and %d people served: %s\n", signins->staff,
              signins->people, signins->csv_path.c_str());
  if (signins->story) PrintStory(*signins->story);
  return report;
}

void AddSynthCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<SynthFlags>();
  CLI::App* synth = app.add_subcommand(
      "synth", "Write a synthetic peer support program (invented people only) into a new database");
  synth->add_option("--db", flags->path,
                    "Database to create: a new SQLite file, or an empty PostgreSQL database's "
                    "postgresql:// URL")->required();
  AddSynthFlags(*synth, *flags);
  synth->callback([flags, exit_code] {
    Status resolved = ResolveSynthFlags(*flags);
    if (!resolved.ok()) {
      *exit_code = ReportFailure("synth", resolved);
      return;
    }
    Result<synth::SynthReport> report = CreateSyntheticDatabase(*flags);
    if (!report.ok()) *exit_code = ReportFailure("synth", report.status());
  });
}

}  // namespace alongside::cli
