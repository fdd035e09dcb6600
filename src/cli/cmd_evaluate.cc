// alongside evaluate --design NAME --cohort FILE --out DIR [--bootstrap N]
//   [--seed S] [--threads N]: run a study design and write estimates.csv,
// report.html and manifest.json into DIR.
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "evaluation/design.h"
#include "evaluation/evaluate.h"
#include "evaluation/progress.h"

namespace alongside::cli {

void AddEvaluateCommand(CLI::App& app, int* exit_code) {
  struct Flags {
    std::string design;
    std::string cohort;
    std::string out;
    std::size_t bootstrap = 1000;
    std::uint64_t seed = 1;
    unsigned threads = 0;
    std::size_t mediation_bootstrap = 0;
    double unit_cost = evaluation::kDefaultUnitCost;
    double program_cost_per_person = evaluation::kDefaultProgramCostPerPerson;
    std::string allocation = "not-randomised";
  };
  auto flags = std::make_shared<Flags>();
  const CLI::Validator kNonNegative(
      [](std::string& text) -> std::string {
        double value = -1;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error != std::errc() || stop != end || !std::isfinite(value) || value < 0) {
          return "must be a number >= 0, got \"" + text + "\"";
        }
        return std::string();
      },
      "NUMBER >= 0");
  CLI::App* command = app.add_subcommand(
      "evaluate",
      "Evaluate a program's impact from a cohort file: writes estimates.csv, report.html and "
      "manifest.json into --out");
  command->add_option("--design", flags->design, "Study design: " + evaluation::DesignList())
      ->required();
  command->add_option("--cohort", flags->cohort, "Cohort CSV file (see docs/evaluation.md)")->required();
  command->add_option("--out", flags->out, "Output directory (created if needed)")->required();
  command->add_option("--bootstrap", flags->bootstrap, "Bootstrap resamples")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}))
      ->capture_default_str();
  CLI::Option* mediation_flag = command->add_option(
      "--mediation-bootstrap", flags->mediation_bootstrap,
      "Resamples for the mediation intervals (default: as --bootstrap; 0 = point estimates only)");
  command->add_option("--unit-cost", flags->unit_cost,
                      "Readmission design: cost of one readmission, for the cost offset (the default is the "
                      "synthetic cohort's mean; give your service's figure)")
      ->check(kNonNegative)
      ->capture_default_str();
  command->add_option("--program-cost-per-person", flags->program_cost_per_person,
                      "Readmission design: programme cost per person with peer support, for the return on "
                      "investment")
      ->check(kNonNegative)
      ->capture_default_str();
  command->add_option("--allocation", flags->allocation,
                      "How the arms were formed: randomised (the report speaks of effects) or not-randomised "
                      "(associations; the default)")
      ->check(CLI::IsMember({"randomised", "not-randomised"}))
      ->capture_default_str();
  command->add_option("--seed", flags->seed, "Random seed for the bootstrap")->capture_default_str();
  command->add_option("--threads", flags->threads, "Worker threads (0 = every core); results do not depend on it")
      ->capture_default_str();
  command->callback([flags, exit_code, mediation_flag] {
    Result<evaluation::Design> design = evaluation::ParseDesign(flags->design);
    if (!design.ok()) {
      std::fprintf(stderr, "alongside evaluate: %s\n", design.status().detail().c_str());
      *exit_code = kExitUsage;
      return;
    }
    evaluation::EvaluateOptions options;
    options.design = *design;
    options.cohort_path = flags->cohort;
    options.out_dir = flags->out;
    options.bootstrap = flags->bootstrap;
    options.seed = flags->seed;
    options.threads = flags->threads;
    options.unit_cost = flags->unit_cost;
    options.program_cost_per_person = flags->program_cost_per_person;
    options.randomised = flags->allocation == "randomised";
    if (mediation_flag->count() > 0) options.mediation_bootstrap = flags->mediation_bootstrap;
    options.progress = evaluation::Progress::StderrIsTerminal();
    options.command_line =
        fmt::format("alongside evaluate --design {} --cohort {} --out {} --bootstrap {} --seed {} --threads {} "
                    "--allocation {}",
                    flags->design, flags->cohort, flags->out, flags->bootstrap, flags->seed, flags->threads,
                    flags->allocation);
    if (*design == evaluation::Design::kReadmission) {
      options.command_line += fmt::format(" --unit-cost {} --program-cost-per-person {}", flags->unit_cost,
                                          flags->program_cost_per_person);
    }
    if (options.mediation_bootstrap) {
      options.command_line += fmt::format(" --mediation-bootstrap {}", *options.mediation_bootstrap);
    }
    Status done = evaluation::RunEvaluate(options);
    if (!done.ok()) {
      std::fprintf(stderr, "alongside evaluate: %s\n", done.detail().c_str());
      *exit_code = done.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
      return;
    }
    *exit_code = kExitOk;
  });
}

}  // namespace alongside::cli
