// alongside synth-cohort --people N --seed S --out FILE [--design NAME]:
// write a synthetic cohort with a known true effect (docs/evaluation.md).
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "evaluation/design.h"
#include "evaluation/synth_cohort.h"

namespace alongside::cli {

void AddSynthCohortCommand(CLI::App& app, int* exit_code) {
  struct Flags {
    std::size_t people = 1000;
    std::uint64_t seed = 1;
    std::string out;
    std::string design = "readmission";
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* command = app.add_subcommand(
      "synth-cohort",
      "Write a synthetic cohort file with a known true effect, the same for the same seed "
      "(synthetic people only)");
  command->add_option("--people", flags->people, "Number of people (trainees for stigma-training)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))
      ->capture_default_str();
  command->add_option("--seed", flags->seed, "Random seed")->capture_default_str();
  command->add_option("--out", flags->out, "Output CSV file")->required();
  command
      ->add_option("--design", flags->design,
                   "Which design's input file: " + evaluation::DesignList())
      ->capture_default_str();
  command->callback([flags, exit_code] {
    Result<evaluation::Design> design = evaluation::ParseDesign(flags->design);
    if (!design.ok()) {
      std::fprintf(stderr, "alongside synth-cohort: %s\n", design.status().detail().c_str());
      *exit_code = kExitUsage;
      return;
    }
    evaluation::SynthCohortOptions options{*design, flags->people, flags->seed};
    Status written = evaluation::WriteSynthCohort(options, flags->out);
    if (!written.ok()) {
      std::fprintf(stderr, "alongside synth-cohort: %s\n", written.detail().c_str());
      *exit_code = kExitFailure;
      return;
    }
    *exit_code = kExitOk;
  });
}

}  // namespace alongside::cli
