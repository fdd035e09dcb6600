// Synthetic cohorts with a known true effect, one per study design, for
// demonstrations, tests and benchmarks. The generating models are stated in
// docs/evaluation.md and by the constants in SynthTruth below; the same
// (design, people, seed) gives byte-identical output on every platform.
// Synthetic data only: no row describes a real person.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/status.h"
#include "evaluation/design.h"

namespace alongside::evaluation {

// The true parameters the generators use (see docs/evaluation.md).
struct SynthTruth {
  // Readmission design.
  static constexpr double kArmProbability = 0.5;
  static constexpr double kHopeChangeBase = 1.0;      // mean change without peer support
  static constexpr double kHopeChangeArm = 4.0;       // true effect of peer support on hope
  static constexpr double kHopeChangeSd = 5.0;
  static constexpr double kBaseHazardPerDay = 0.0015;
  static constexpr double kLogHrArmDirect = -0.25;    // direct effect on the log hazard
  static constexpr double kLogHrPerHopePoint = -0.03; // mediated path, per point of hope change
  static constexpr double kLogHrAgePerDecade = 0.10;  // per 10 years from age 42
  static constexpr double kLogHrSex = 0.05;
  static constexpr double kLogHrPerPriorAdmission = 0.15;
  static constexpr double kDropoutProbability = 0.10;
  static constexpr int kAdministrativeCensorDay = 365;
  static constexpr double kMissingHopeBaseline = 0.02;  // MCAR
  static constexpr double kMissingHope6m = 0.15;        // MCAR
  // Hospitalization-rate design.
  static constexpr double kAdmissionsPerYearBefore = 1.2;
  static constexpr double kRateRatioAfter = 0.7;
  static constexpr double kFrailtyShape = 2.0;  // gamma frailty, mean 1
  // Stigma-training design.
  static constexpr int kTraineesPerCohort = 20;
  static constexpr double kAttitudeArmEffect = 5.0;  // ANCOVA effect of contact-based training
  static constexpr double kMissingAttitudeAfter = 0.08;  // MCAR
};

struct SynthCohortOptions {
  Design design = Design::kReadmission;
  std::size_t people = 1000;
  std::uint64_t seed = 1;
};

// The whole CSV text (header and one row per person).
std::string SynthCohortCsv(const SynthCohortOptions& options);

// Writes SynthCohortCsv(options) to `path`; Internal on an I/O failure.
Status WriteSynthCohort(const SynthCohortOptions& options, const std::string& path);

}  // namespace alongside::evaluation
