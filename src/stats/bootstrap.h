// Seeded, reproducible, parallel nonparametric bootstrap.
//
// Reproducibility contract: resample r draws its rows from its own random
// stream, xoshiro256** seeded through SplitMix64 from (seed, r), never from
// the thread that runs it, so the replicates are identical for any thread
// count. Within a resample the rows are drawn stratum by stratum (strata in
// ascending order of their value): a stratum of n_s rows receives n_s draws,
// each exactly uniform over that stratum's rows (Lemire's multiply-shift on
// the 32-bit halves of the stream's outputs, with rejection, so unbiased;
// strata hold fewer than 2^32 rows). Unstratified = one stratum. The index, count
// and mean-difference paths below consume the same draws, so for one seed
// they see exactly the same resamples.
//
// Percentile intervals use R's quantile(type = 7): for sorted x_1..x_n,
// h = 1 + (n-1) p, q = (1 - (h - floor h)) x_floor(h) + (h - floor h) x_ceil(h).
//
// threads = 0 means std::thread::hardware_concurrency(). The statistic is
// called concurrently from several threads and must be thread-safe (pure
// functions of their arguments are). A statistic may return NaN (e.g. a
// singular resample); PercentileCi counts and skips those.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace alongside::stats {

struct BootstrapSettings {
  size_t n_resamples = 1000;
  uint64_t seed = 20240601;
  unsigned threads = 0;  // 0 = every core
  double confidence_level = 0.95;
};

// Replicates of several statistics: values[resample * n_statistics + stat].
struct BootstrapMatrix {
  size_t n_resamples = 0;
  size_t n_statistics = 0;
  std::vector<double> values;

  double At(size_t resample, size_t statistic) const {
    return values[resample * n_statistics + statistic];
  }
  std::vector<double> Column(size_t statistic) const;
};

struct PercentileInterval {
  double lower = 0;
  double upper = 0;
  size_t n_valid = 0;   // finite replicates used
  size_t n_invalid = 0; // NaN / infinite replicates skipped (reported)
};

// Statistic of the resampled row indices (length = number of rows).
using IndexStatistic = std::function<double(std::span<const uint32_t> idx)>;
// Several statistics at once; write n_statistics values into `out`.
using MultiIndexStatistic =
    std::function<void(std::span<const uint32_t> idx, std::span<double> out)>;
// Statistic of per-row draw counts (counts[row] = times the row was drawn,
// summing to the number of rows): lets a statistic stream over the data in
// order, e.g. accumulating weighted cross-products, with no copy of the data.
using CountStatistic =
    std::function<void(std::span<const uint32_t> counts, std::span<double> out)>;

unsigned ResolveThreads(unsigned threads);

// Stratified: strata[row] is the row's stratum (e.g. arm); rows are
// strata.size(). Returns n_resamples replicates in resample order.
std::vector<double> BootstrapReplicates(size_t n_resamples, uint64_t seed, unsigned threads,
                                        std::span<const int> strata,
                                        const IndexStatistic& statistic);
// Unstratified over n_rows rows.
std::vector<double> BootstrapReplicates(size_t n_resamples, uint64_t seed, unsigned threads,
                                        size_t n_rows, const IndexStatistic& statistic);

// Several statistics per resample (strata empty = unstratified over n_rows;
// otherwise n_rows must equal strata.size()).
BootstrapMatrix BootstrapReplicatesMulti(size_t n_resamples, uint64_t seed, unsigned threads,
                                         size_t n_rows, std::span<const int> strata,
                                         size_t n_statistics,
                                         const MultiIndexStatistic& statistic);

// Same resamples as BootstrapReplicatesMulti, delivered as per-row counts.
BootstrapMatrix BootstrapCountReplicates(size_t n_resamples, uint64_t seed, unsigned threads,
                                         size_t n_rows, std::span<const int> strata,
                                         size_t n_statistics, const CountStatistic& statistic);

// Fast path: mean(values[arm == 1]) - mean(values[arm == 0]) per resample,
// resampling within arm (the strata are the arms; any other arm value is an
// error by contract: the caller passes 0/1). Same resamples as
// BootstrapReplicates(n_resamples, seed, threads, arm, ...); no index vector
// is materialised. NaN values must have been removed by the caller.
std::vector<double> BootstrapMeanDifference(size_t n_resamples, uint64_t seed, unsigned threads,
                                            std::span<const double> values,
                                            std::span<const int> arm);

// R's quantile(x, p, type = 7) of the finite values of x (NaN if none).
double QuantileType7(std::span<const double> x, double p);

// Percentile interval at confidence_level: type-7 quantiles at alpha/2 and
// 1 - alpha/2 of the finite replicates.
PercentileInterval PercentileCi(std::span<const double> replicates, double confidence_level);

}  // namespace alongside::stats
