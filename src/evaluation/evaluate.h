// `alongside evaluate`: run one study design over a cohort file and write
// three files into an output directory:
//   estimates.csv  every estimate, tidy (estimates.h)
//   report.html    the self-contained report (report.h)
//   manifest.json  how to reproduce it: input SHA-256, seed, bootstrap size,
//                  threads, program version, design, command line, start and
//                  end time, per-step timings and the outputs' SHA-256.
// The designs, their input files and methods are described in
// docs/evaluation.md. Results are deterministic for a given input, seed and
// bootstrap size, whatever the thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "evaluation/design.h"
#include "evaluation/estimates.h"
#include "evaluation/report.h"

namespace alongside::evaluation {

// Cost-offset inputs of the readmission design (currency units). The
// defaults are the synthetic cohort's own means (docs/evaluation.md: a
// readmission costs 9,000 + Exponential(mean 3,000), peer support 600 +
// 200 U per person), i.e. illustrative; give a service's own figures.
inline constexpr double kDefaultUnitCost = 12000;
inline constexpr double kDefaultProgramCostPerPerson = 700;

struct EvaluateOptions {
  Design design = Design::kReadmission;
  std::string cohort_path;
  std::string out_dir;
  std::size_t bootstrap = 1000;  // resamples for every bootstrap interval (>= 1)
  // Resamples for the mediation intervals (readmission design): unset = the
  // same as `bootstrap`; 0 = point estimates only, intervals left empty.
  std::optional<std::size_t> mediation_bootstrap;
  std::uint64_t seed = 1;
  unsigned threads = 0;          // 0 = every core
  // Readmission design, cost offset: cost of one readmission and programme
  // cost per person with peer support (both >= 0).
  double unit_cost = kDefaultUnitCost;
  double program_cost_per_person = kDefaultProgramCostPerPerson;
  // How the arms were formed: true when allocation was randomised (the
  // report then speaks of effects), false otherwise (associations).
  bool randomised = false;
  std::string command_line;      // recorded in the manifest
  bool progress = false;         // draw a progress bar on stderr
};

// What a design computed, before anything is written.
struct Evaluation {
  std::vector<EstimateRow> rows;
  Report report;
  std::size_t input_rows = 0;
  std::vector<std::pair<std::string, double>> step_seconds;  // in order of running
};

// Reads and checks the cohort file, then runs the design. Errors:
// InvalidArgument for a malformed file (detail "<file>:<line>:<col>: ...") or
// bad options (field "bootstrap", "unit_cost", "program_cost_per_person"), NotFound when the file cannot be opened,
// or the stats error when a model cannot be fitted (e.g. no events).
Result<Evaluation> EvaluateCohortFile(const EvaluateOptions& options);

// Runs EvaluateCohortFile and writes the three files into options.out_dir
// (created if needed). Nothing is written when the evaluation fails. Each
// file is written to a temporary name and renamed into place.
Status RunEvaluate(const EvaluateOptions& options);

// The manifest as written (exposed for tests).
nlohmann::json BuildManifest(const EvaluateOptions& options, const Evaluation& evaluation,
                             const std::string& input_sha256, const std::string& started_at,
                             const std::string& finished_at);

}  // namespace alongside::evaluation
