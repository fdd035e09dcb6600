#include "cli/cli_util.h"

#include <cstdio>

#include "cli/commands.h"

namespace alongside::cli {

int ReportFailure(const std::string& command, const Status& status) {
  std::string what = status.field().empty() ? status.detail()
                                            : status.field() + ": " + status.detail();
  std::fprintf(stderr, "alongside %s: %s\n", command.c_str(), what.c_str());
  return status.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

void AddTimeZoneOption(CLI::App& command, std::string& time_zone) {
  command.add_option("--time-zone", time_zone,
                     "The program's time zone, an IANA name such as America/New_York (default: "
                     "this machine's zone). Times are entered and shown in it, stored in UTC");
}

Result<TimeZone> ProgramZoneFlag(const std::string& time_zone) {
  if (time_zone.empty()) return TimeZone::Machine();
  return TimeZone::Named(time_zone, "--time-zone");
}

Status SaveProgramZone(store::Store& store, const TimeZone& zone, const std::string& who) {
  return store.SaveProgramSettings(store::ProgramSettings{zone.name()}, store::Actor{who, "local"});
}

}  // namespace alongside::cli
