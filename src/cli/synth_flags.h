// Flags shared by `synth` and `demo`, and the step both take: create a new
// database file and fill it with a synthetic program.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "synth/synth.h"

namespace alongside::cli {

struct SynthFlags {
  std::string path;
  std::string end;
  synth::SynthOptions options;
};

void AddSynthFlags(CLI::App& command, SynthFlags& flags);
// Turns --end into a day (today when empty) and checks every option.
Status ResolveSynthFlags(SynthFlags& flags);
Result<synth::SynthReport> CreateSyntheticDatabase(const std::string& path,
                                                   const synth::SynthOptions& options);

}  // namespace alongside::cli
