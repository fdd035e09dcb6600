#include "stats/bootstrap.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <thread>

#include "stats/regression_bootstrap_internal.h"

namespace alongside::stats {

namespace internal {

StrataLayout::StrataLayout(size_t n_rows, std::span<const int> strata) {
  if (strata.empty()) {
    rows.resize(n_rows);
    for (size_t row = 0; row < n_rows; ++row) rows[row] = static_cast<uint32_t>(row);
    offsets = {0, n_rows};
    return;
  }
  std::map<int, size_t> counts;
  for (int stratum : strata) ++counts[stratum];
  std::map<int, size_t> next;
  offsets.push_back(0);
  for (const auto& [stratum, count] : counts) {
    next[stratum] = offsets.back();
    offsets.push_back(offsets.back() + count);
  }
  rows.resize(strata.size());
  for (size_t row = 0; row < strata.size(); ++row) rows[next[strata[row]]++] = static_cast<uint32_t>(row);
}

void RunResamples(size_t n_resamples, unsigned threads,
                  const std::function<void(size_t worker, size_t resample)>& work) {
  const size_t n_workers = std::max<size_t>(1, std::min<size_t>(ResolveThreads(threads), n_resamples));
  std::atomic<size_t> next_resample{0};
  auto loop = [&](size_t worker) {
    for (size_t resample = next_resample++; resample < n_resamples; resample = next_resample++) {
      work(worker, resample);
    }
  };
  if (n_workers == 1) {
    loop(0);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(n_workers);
  for (size_t worker = 0; worker < n_workers; ++worker) pool.emplace_back(loop, worker);
  for (std::thread& thread : pool) thread.join();
}

size_t WorkerCount(size_t n_resamples, unsigned threads) {
  return std::max<size_t>(1, std::min<size_t>(ResolveThreads(threads), n_resamples));
}

}  // namespace internal

unsigned ResolveThreads(unsigned threads) {
  if (threads > 0) return threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

std::vector<double> BootstrapMatrix::Column(size_t statistic) const {
  std::vector<double> column(n_resamples);
  for (size_t resample = 0; resample < n_resamples; ++resample) column[resample] = At(resample, statistic);
  return column;
}

BootstrapMatrix BootstrapReplicatesMulti(size_t n_resamples, uint64_t seed, unsigned threads,
                                         size_t n_rows, std::span<const int> strata,
                                         size_t n_statistics,
                                         const MultiIndexStatistic& statistic) {
  const internal::StrataLayout layout(strata.empty() ? n_rows : strata.size(), strata);
  BootstrapMatrix matrix;
  matrix.n_resamples = n_resamples;
  matrix.n_statistics = n_statistics;
  matrix.values.assign(n_resamples * n_statistics, 0.0);
  std::vector<std::vector<uint32_t>> scratch(internal::WorkerCount(n_resamples, threads),
                                             std::vector<uint32_t>(layout.rows.size()));
  internal::RunResamples(n_resamples, threads, [&](size_t worker, size_t resample) {
    std::vector<uint32_t>& indices = scratch[worker];
    size_t position = 0;
    layout.Draw(seed, resample, [&](uint32_t row) { indices[position++] = row; });
    statistic(indices, std::span<double>(matrix.values.data() + resample * n_statistics, n_statistics));
  });
  return matrix;
}

std::vector<double> BootstrapReplicates(size_t n_resamples, uint64_t seed, unsigned threads,
                                        std::span<const int> strata,
                                        const IndexStatistic& statistic) {
  return BootstrapReplicatesMulti(n_resamples, seed, threads, strata.size(), strata, 1,
                                  [&](std::span<const uint32_t> idx, std::span<double> out) {
                                    out[0] = statistic(idx);
                                  })
      .values;
}

std::vector<double> BootstrapReplicates(size_t n_resamples, uint64_t seed, unsigned threads,
                                        size_t n_rows, const IndexStatistic& statistic) {
  return BootstrapReplicatesMulti(n_resamples, seed, threads, n_rows, {}, 1,
                                  [&](std::span<const uint32_t> idx, std::span<double> out) {
                                    out[0] = statistic(idx);
                                  })
      .values;
}

BootstrapMatrix BootstrapCountReplicates(size_t n_resamples, uint64_t seed, unsigned threads,
                                         size_t n_rows, std::span<const int> strata,
                                         size_t n_statistics, const CountStatistic& statistic) {
  const internal::StrataLayout layout(strata.empty() ? n_rows : strata.size(), strata);
  const size_t n_positions = layout.rows.size();
  BootstrapMatrix matrix;
  matrix.n_resamples = n_resamples;
  matrix.n_statistics = n_statistics;
  matrix.values.assign(n_resamples * n_statistics, 0.0);
  // Draws are tallied by position in one byte per row, so the random
  // increments stay in cache (1 MB per million rows); a tally that wraps past
  // 255 is recorded in `wrapped` and added back exactly. The tallies are then
  // written to row order in one pass (monotone within each stratum).
  struct Scratch {
    std::vector<uint8_t> tally;
    std::vector<size_t> wrapped;
    std::vector<uint32_t> counts;
  };
  std::vector<Scratch> scratch(internal::WorkerCount(n_resamples, threads));
  for (Scratch& space : scratch) {
    space.tally.assign(n_positions, 0);
    space.counts.assign(n_positions, 0);
  }
  internal::RunResamples(n_resamples, threads, [&](size_t worker, size_t resample) {
    Scratch& space = scratch[worker];
    space.wrapped.clear();
    uint8_t* tally = space.tally.data();
    layout.DrawPositions(seed, resample, [&](size_t, size_t position) {
      if (++tally[position] == 0) space.wrapped.push_back(position);
    });
    for (size_t position = 0; position < n_positions; ++position) {
      space.counts[layout.rows[position]] = tally[position];
    }
    for (size_t position : space.wrapped) space.counts[layout.rows[position]] += 256;
    std::fill(space.tally.begin(), space.tally.end(), uint8_t{0});
    statistic(space.counts,
              std::span<double>(matrix.values.data() + resample * n_statistics, n_statistics));
  });
  return matrix;
}

std::vector<double> BootstrapMeanDifference(size_t n_resamples, uint64_t seed, unsigned threads,
                                            std::span<const double> values,
                                            std::span<const int> arm) {
  const internal::StrataLayout layout(arm.size(), arm);
  // Values laid out stratum by stratum once, so each draw reads one array.
  std::vector<double> grouped(layout.rows.size());
  for (size_t position = 0; position < layout.rows.size(); ++position) {
    grouped[position] = values[layout.rows[position]];
  }
  const size_t n_strata = layout.offsets.size() - 1;
  std::vector<double> replicates(n_resamples, std::nan(""));
  if (n_strata != 2) return replicates;  // needs both arms, 0 and 1
  internal::RunResamples(n_resamples, threads, [&](size_t, size_t resample) {
    double sums[2] = {0, 0};
    layout.DrawPositions(seed, resample, [&](size_t stratum, size_t position) {
      sums[stratum] += grouped[position];
    });
    const double n0 = static_cast<double>(layout.offsets[1] - layout.offsets[0]);
    const double n1 = static_cast<double>(layout.offsets[2] - layout.offsets[1]);
    replicates[resample] = sums[1] / n1 - sums[0] / n0;
  });
  return replicates;
}

double QuantileType7(std::span<const double> x, double p) {
  std::vector<double> sorted;
  sorted.reserve(x.size());
  for (double value : x) {
    if (std::isfinite(value)) sorted.push_back(value);
  }
  if (sorted.empty()) return std::nan("");
  std::sort(sorted.begin(), sorted.end());
  const double index = 1 + static_cast<double>(sorted.size() - 1) * p;  // 1-based, as R
  const double lo = std::floor(index);
  const double hi = std::ceil(index);
  const double at_lo = sorted[static_cast<size_t>(lo) - 1];
  const double at_hi = sorted[static_cast<size_t>(hi) - 1];
  if (index > lo && at_hi != at_lo) {
    const double h = index - lo;
    return (1 - h) * at_lo + h * at_hi;
  }
  return at_lo;
}

PercentileInterval PercentileCi(std::span<const double> replicates, double confidence_level) {
  PercentileInterval interval;
  for (double value : replicates) {
    if (std::isfinite(value)) {
      ++interval.n_valid;
    } else {
      ++interval.n_invalid;
    }
  }
  const double alpha = 1 - confidence_level;
  interval.lower = QuantileType7(replicates, alpha / 2);
  interval.upper = QuantileType7(replicates, 1 - alpha / 2);
  return interval;
}

}  // namespace alongside::stats
