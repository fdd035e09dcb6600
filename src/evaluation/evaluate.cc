#include "evaluation/evaluate.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "common/hash.h"
#include "common/time.h"
#include "evaluation/cohort.h"
#include "evaluation/csv_columns.h"
#include "evaluation/designs.h"
#include "evaluation/progress.h"
#include "evaluation/references.h"
#include "stats/bootstrap.h"

namespace alongside::evaluation {
namespace {

constexpr int kReadmissionSteps = 12;
constexpr int kOtherSteps = 5;

Status WriteFileAtomically(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path temporary = path.string() + ".tmp";
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(temporary.c_str(), "wb"), &std::fclose);
  if (!file) return Status::Internal(fmt::format("{}: cannot open for writing", temporary.string()));
  if (std::fwrite(content.data(), 1, content.size(), file.get()) != content.size() ||
      std::fclose(file.release()) != 0) {
    return Status::Internal(fmt::format("{}: write failed", temporary.string()));
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) return Status::Internal(fmt::format("{}: {}", path.string(), error.message()));
  return Status::Ok();
}

// Lets a test or the CLI see exactly which file was meant, whatever the cwd.
std::string Describe(const EvaluateOptions& options) {
  return fmt::format("design {}, cohort {}", DesignName(options.design), options.cohort_path);
}

}  // namespace

Result<Evaluation> EvaluateCohortFile(const EvaluateOptions& options) {
  if (options.bootstrap < 1) {
    return Status::InvalidArgument("bootstrap", "must be at least 1 resample");
  }
  if (!(options.unit_cost >= 0) || !std::isfinite(options.unit_cost)) {
    return Status::InvalidArgument("unit_cost", "must be a number >= 0");
  }
  if (!(options.program_cost_per_person >= 0) || !std::isfinite(options.program_cost_per_person)) {
    return Status::InvalidArgument("program_cost_per_person", "must be a number >= 0");
  }
  Progress progress(options.progress, options.design == Design::kReadmission ? kReadmissionSteps : kOtherSteps);
  progress.Step("reading " + options.cohort_path);
  const auto read_start = std::chrono::steady_clock::now();
  Result<std::string> text = ReadWholeFile(options.cohort_path);
  if (!text.ok()) return text.status();
  DesignSettings settings{options.bootstrap, options.mediation_bootstrap.value_or(options.bootstrap),
                          options.seed, stats::ResolveThreads(options.threads), options.cohort_path};
  settings.unit_cost = options.unit_cost;
  settings.program_cost_per_person = options.program_cost_per_person;
  settings.randomised = options.randomised;
  Result<Evaluation> evaluation = Status::Internal("no design ran: " + Describe(options));
  double read_seconds = 0;
  auto parsed_at = [&] {
    read_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - read_start).count();
  };
  switch (options.design) {
    case Design::kReadmission: {
      Result<ReadmissionCohort> cohort = ParseReadmissionCohort(*text, options.cohort_path);
      if (!cohort.ok()) return cohort.status();
      parsed_at();
      evaluation = EvaluateReadmission(*cohort, settings, &progress);
      break;
    }
    case Design::kHospitalizationRate: {
      Result<HospitalizationCohort> cohort = ParseHospitalizationCohort(*text, options.cohort_path);
      if (!cohort.ok()) return cohort.status();
      parsed_at();
      evaluation = EvaluateHospitalizationRate(*cohort, settings, &progress);
      break;
    }
    case Design::kStigmaTraining: {
      Result<StigmaCohort> cohort = ParseStigmaCohort(*text, options.cohort_path);
      if (!cohort.ok()) return cohort.status();
      parsed_at();
      evaluation = EvaluateStigmaTraining(*cohort, settings, &progress);
      break;
    }
  }
  progress.Finish();
  if (evaluation.ok()) {
    ReportSection references;
    references.heading = "How each result was computed";
    references.tables.push_back(ReferenceTable(options.design));
    evaluation->report.sections.push_back(std::move(references));
    evaluation->step_seconds.insert(evaluation->step_seconds.begin(), {"read and check the cohort file", read_seconds});
  }
  return evaluation;
}

nlohmann::json BuildManifest(const EvaluateOptions& options, const Evaluation& evaluation,
                             const std::string& input_sha256, const std::string& started_at,
                             const std::string& finished_at) {
  nlohmann::json timings = nlohmann::json::array();
  for (const auto& [step, seconds] : evaluation.step_seconds) {
    timings.push_back({{"step", step}, {"seconds", seconds}});
  }
  return nlohmann::json{
      {"program", "alongside"},
      {"version", ALONGSIDE_VERSION},
      {"design", std::string(DesignName(options.design))},
      {"command_line", options.command_line},
      {"input", {{"path", options.cohort_path}, {"sha256", input_sha256}, {"rows", evaluation.input_rows}}},
      {"seed", options.seed},
      {"bootstrap", options.bootstrap},
      {"mediation_bootstrap", options.mediation_bootstrap.value_or(options.bootstrap)},
      {"threads", stats::ResolveThreads(options.threads)},
      {"allocation", options.randomised ? "randomised" : "not randomised"},
      {"unit_cost", options.unit_cost},
      {"program_cost_per_person", options.program_cost_per_person},
      {"started_at", started_at},
      {"finished_at", finished_at},
      {"step_seconds", timings},
  };
}

Status RunEvaluate(const EvaluateOptions& options) {
  const std::string started_at = FormatInstant(NowUtc());
  Result<Evaluation> evaluation = EvaluateCohortFile(options);
  if (!evaluation.ok()) return evaluation.status();
  Result<std::string> input_sha = Sha256HexOfFile(options.cohort_path);
  if (!input_sha.ok()) return input_sha.status();

  Report& report = evaluation->report;
  report.provenance = {
      {"Program", fmt::format("alongside {}", ALONGSIDE_VERSION)},
      {"Design", std::string(DesignName(options.design))},
      {"Input file", options.cohort_path},
      {"Input SHA-256", *input_sha},
      {"Seed", fmt::format("{}", options.seed)},
      {"Bootstrap resamples", fmt::format("{}", options.bootstrap)},
      {"Threads", fmt::format("{} (results do not depend on it)", stats::ResolveThreads(options.threads))},
      {"Command", options.command_line},
      {"Started", started_at},
  };
  const std::string csv = EstimatesCsv(evaluation->rows);
  const std::string html = RenderReportHtml(report);

  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (error) return Status::Internal(fmt::format("{}: cannot create the directory: {}", options.out_dir, error.message()));
  const std::filesystem::path dir(options.out_dir);
  ALONGSIDE_RETURN_IF_ERROR(WriteFileAtomically(dir / "estimates.csv", csv));
  ALONGSIDE_RETURN_IF_ERROR(WriteFileAtomically(dir / "report.html", html));
  nlohmann::json manifest = BuildManifest(options, *evaluation, *input_sha, started_at, FormatInstant(NowUtc()));
  manifest["outputs"] = {{"estimates.csv", Sha256Hex(csv)}, {"report.html", Sha256Hex(html)}};
  return WriteFileAtomically(dir / "manifest.json", manifest.dump(2) + "\n");
}

}  // namespace alongside::evaluation
