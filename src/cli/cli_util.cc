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

}  // namespace alongside::cli
