// Helpers shared by the subcommands: reporting a failed Status and choosing
// the exit code for it.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "common/local_time.h"
#include "common/status.h"
#include "store/store.h"

namespace alongside::cli {

// Prints "alongside <command>: <status>" to stderr and returns the exit code:
// kExitUsage for invalid input, kExitFailure otherwise.
int ReportFailure(const std::string& command, const Status& status);

// --time-zone NAME: the program's time zone (init, synth, demo).
void AddTimeZoneOption(CLI::App& command, std::string& time_zone);
// The zone a --time-zone flag names (InvalidArgument naming "--time-zone"
// for an unknown name), or the machine's own zone when it was not given.
Result<TimeZone> ProgramZoneFlag(const std::string& time_zone);
// Records `zone` as the program's time zone in `store`, audited as `who`.
Status SaveProgramZone(store::Store& store, const TimeZone& zone, const std::string& who);

}  // namespace alongside::cli
