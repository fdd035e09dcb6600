// Flags shared by `synth` and `demo`, and the step both take: create a new
// database file and fill it with a synthetic program.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "common/local_time.h"
#include "synth/synth.h"

namespace alongside::cli {

struct SynthFlags {
  std::string path;
  std::string end;
  synth::SynthOptions options;
  int accounts = 200;  // people served who get a sign-in (staff always do)
  std::string accounts_file;  // --accounts-file; empty: AccountsFileFor's default
  std::string time_zone;  // --time-zone; empty: the machine's zone
  std::string supervision = "mixed";  // --supervision
  TimeZone zone = TimeZone::Utc();  // resolved from time_zone
};

void AddSynthFlags(CLI::App& command, SynthFlags& flags);
// Turns --time-zone into a zone and --end into a day (today there when
// empty), and checks every option.
Status ResolveSynthFlags(SynthFlags& flags);
// Creates the database at flags.path (a SQLite file or a PostgreSQL URL),
// records the program's time zone and creates sign-ins (see accounts.h);
// the CSV's path is printed.
Result<synth::SynthReport> CreateSyntheticDatabase(const SynthFlags& flags);

}  // namespace alongside::cli
