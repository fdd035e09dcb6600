// Mediation by the product of coefficients (Baron & Kenny; MacKinnon 2008)
// on linear models fitted to the complete cases:
//   a        = coefficient of T in lm(M ~ T + C)
//   b, c'    = coefficients of M and T in lm(Y ~ T + M + C)
//   indirect = a * b,  direct = c',  total = c' + a * b
// On the same rows total equals the coefficient of T in lm(Y ~ T + C)
// exactly (an OLS identity), reported as total_check. A binary outcome Y
// (0/1) is modelled on the risk scale (linear probability model), so effects
// are risk differences; this keeps the decomposition additive, which it is
// not on the odds scale.
//
// Intervals: percentile bootstrap (bootstrap.h) for indirect, direct and
// total. Each resample needs only the cross-product matrix of
// [1, T, C, M, Y] over its resampled rows. The complete cases are sorted
// once so that equal rows sit together ("patterns"; a "cell" is a run equal
// in every column but M); a resample draws each stratum's positions exactly
// as the engine does (uniform with replacement, its own stream from
// (seed, resample), so the replicates do not depend on the thread count),
// tallies them in one byte per position, sums the tallies per pattern and
// builds the cross-products from per-cell sums of the counts, count * M and
// count * M^2. The bootstrap distribution is that of resampling rows within
// strata; only which row sits at which position differs from
// BootstrapCountReplicates, so replicate r is not that function's resample
// r (internal::MediationResampleCounts gives the rows of a resample). Data
// with integer scores have a few thousand cells however many rows they
// hold, so a resample costs its draws plus one pass over a byte per row.
// Measured on the 2-core development machine: 1,000 resamples of 833,000
// complete rows with three covariates (the readmission design) take about
// 1.35 s of one core (0.9-1.1 s on 2 threads), where the earlier streaming
// pass over all rows took 4.3 s on 2 threads (9-19 s under load); the draws
// themselves are most of it. See bench/RESULTS.md.
#pragma once

#include <cstddef>
#include <span>

#include "stats/bootstrap.h"
#include "stats/ols.h"

namespace alongside::stats {

struct MediationEffect {
  double estimate = 0;
  double ci_lower = 0;  // percentile bootstrap
  double ci_upper = 0;
};

struct MediationResult {
  double a = 0;  // T -> M
  double b = 0;  // M -> Y given T
  MediationEffect indirect;
  MediationEffect direct;
  MediationEffect total;
  double total_check = 0;  // coefficient of T in lm(Y ~ T + C)
  double proportion_mediated = 0;  // indirect / total (NaN if total == 0)
  size_t n_used = 0;
  size_t n_missing = 0;           // rows with NaN in T, M, Y or a covariate
  size_t n_resamples = 0;
  size_t n_failed_resamples = 0;  // singular resamples, skipped in the CIs
  double confidence_level = 0.95;
  // The replicates: n_resamples x 3 (indirect, direct, total), NaN for a
  // singular resample.
  BootstrapMatrix replicates;
};

// strata: optional per-row stratum for the resampling (e.g. the arm, to keep
// the arm sizes fixed), same length as the data or empty. Errors:
// InvalidArgument naming the field for length mismatches, "predictors" for a
// singular design, "rows" with too few complete rows.
Result<MediationResult> Mediate(std::span<const double> treatment,
                                std::span<const double> mediator,
                                std::span<const double> outcome,
                                std::span<const Predictor> covariates,
                                const BootstrapSettings& bootstrap,
                                std::span<const int> strata = {});

}  // namespace alongside::stats
