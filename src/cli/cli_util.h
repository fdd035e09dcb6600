// Helpers shared by the subcommands: reporting a failed Status and choosing
// the exit code for it.
#pragma once

#include <string>

#include "common/status.h"

namespace alongside::cli {

// Prints "alongside <command>: <status>" to stderr and returns the exit code:
// kExitUsage for invalid input, kExitFailure otherwise.
int ReportFailure(const std::string& command, const Status& status);

}  // namespace alongside::cli
