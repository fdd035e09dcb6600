// Percentile bootstrap of a difference in means, resampling within each arm,
// by drawing how many times each distinct value is picked rather than which
// rows are picked. Resampling n rows with replacement from a group gives
// each distinct value v (held by c_v rows) a count that is
// Multinomial(n, c_v / n); the resample mean is sum_v count_v * v / n. The
// multinomial is drawn as a chain of binomials, count_k ~ Binomial(n -
// earlier counts, c_k / (rows not yet visited)), so one resample costs
// O(distinct values) instead of O(n), and its distribution is exactly that
// of index resampling. Scores such as the Adult Hope Scale change (integers
// -56..56) have about a hundred distinct values however many people there
// are. When a group has many distinct values (more than n / 8) the row
// resampling of stats::BootstrapMeanDifference is used instead.
//
// Reproducible: resample r draws from its own std::mt19937_64 seeded from
// (seed, r) by SplitMix64, so the replicates are the same for any thread
// count (within one standard library: std::binomial_distribution is
// libstdc++'s).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace alongside::evaluation {

// Replicates of mean(values[arm == 1]) - mean(values[arm == 0]) in resample
// order. values must hold no NaN; arm is 0/1; both arms non-empty.
std::vector<double> BootstrapMeanDifferenceByCounts(std::size_t resamples, std::uint64_t seed,
                                                    unsigned threads, std::span<const double> values,
                                                    std::span<const int> arm);

// Replicates of the per-arm sums of several columns, resampling rows within
// arm by the same count method applied to distinct rows (tuples of the
// columns' values): each arm's resample is a multinomial draw of counts over
// its distinct rows, drawn as a chain of binomials. Used for the cost offset,
// whose statistic depends only on each arm's total events and exposure
// (binary readmission and integer follow-up days: at most 2 x 365 distinct
// rows per arm). When an arm has more than rows / 8 distinct rows the rows
// are resampled directly (stats::BootstrapReplicatesMulti stratified by arm,
// same seed). Thread-count invariant as above.
struct ArmSumReplicates {
  std::size_t n_resamples = 0;
  std::size_t n_columns = 0;
  std::vector<double> values;  // [(resample * 2 + arm) * n_columns + column]

  double At(std::size_t resample, int arm, std::size_t column) const {
    return values[(resample * 2 + static_cast<std::size_t>(arm)) * n_columns + column];
  }
};

// columns: each as long as arm, no NaN; arm is 0/1 with both arms non-empty.
ArmSumReplicates BootstrapArmSumsByCounts(std::size_t resamples, std::uint64_t seed, unsigned threads,
                                          std::span<const std::span<const double>> columns,
                                          std::span<const int> arm);

}  // namespace alongside::evaluation
