// Private to alongside_stats (and its tests): how the mediation bootstrap
// draws its resamples, exposed so a test can rebuild one resample row by row
// and refit the two linear models on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/status.h"
#include "stats/ols.h"

namespace alongside::stats::internal {

// How many times each input row is drawn in bootstrap resample `resample` of
// Mediate(treatment, mediator, outcome, covariates, {n, seed, ...}, strata):
// one count per input row, 0 for rows left out as incomplete. The same
// errors as Mediate.
Result<std::vector<uint32_t>> MediationResampleCounts(std::span<const double> treatment,
                                                      std::span<const double> mediator,
                                                      std::span<const double> outcome,
                                                      std::span<const Predictor> covariates,
                                                      std::span<const int> strata, uint64_t seed,
                                                      size_t resample);

}  // namespace alongside::stats::internal
