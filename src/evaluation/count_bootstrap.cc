#include "evaluation/count_bootstrap.h"

#include <algorithm>
#include <random>
#include <thread>
#include <utility>

#include "stats/bootstrap.h"

namespace alongside::evaluation {
namespace {

struct ValueCounts {
  std::vector<double> value;
  std::vector<std::int64_t> count;
  std::int64_t rows = 0;
};

ValueCounts Collapse(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  ValueCounts out;
  out.rows = static_cast<std::int64_t>(values.size());
  for (double value : values) {
    if (out.value.empty() || out.value.back() != value) {
      out.value.push_back(value);
      out.count.push_back(0);
    }
    ++out.count.back();
  }
  return out;
}

std::uint64_t StreamSeed(std::uint64_t seed, std::uint64_t resample) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (resample + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double ResampleMean(const ValueCounts& group, std::mt19937_64* engine) {
  std::int64_t draws_left = group.rows;
  std::int64_t rows_left = group.rows;
  double sum = 0;
  for (std::size_t value_idx = 0; value_idx < group.value.size() && draws_left > 0; ++value_idx) {
    std::int64_t picked = draws_left;
    if (value_idx + 1 < group.value.size()) {
      const double share = static_cast<double>(group.count[value_idx]) / static_cast<double>(rows_left);
      std::binomial_distribution<std::int64_t> binomial(draws_left, std::min(share, 1.0));
      picked = binomial(*engine);
    }
    sum += static_cast<double>(picked) * group.value[value_idx];
    draws_left -= picked;
    rows_left -= group.count[value_idx];
  }
  return sum / static_cast<double>(group.rows);
}

}  // namespace

std::vector<double> BootstrapMeanDifferenceByCounts(std::size_t resamples, std::uint64_t seed,
                                                    unsigned threads, std::span<const double> values,
                                                    std::span<const int> arm) {
  std::vector<double> split[2];
  for (std::size_t row = 0; row < values.size(); ++row) split[arm[row] == 1 ? 1 : 0].push_back(values[row]);
  const ValueCounts groups[2] = {Collapse(std::move(split[0])), Collapse(std::move(split[1]))};
  for (const ValueCounts& group : groups) {
    if (group.value.size() * 8 > static_cast<std::size_t>(group.rows)) {
      return stats::BootstrapMeanDifference(resamples, seed, threads, values, arm);
    }
  }
  std::vector<double> replicates(resamples);
  const unsigned workers = std::max(1u, std::min<unsigned>(stats::ResolveThreads(threads),
                                                           static_cast<unsigned>(std::max<std::size_t>(resamples / 64, 1))));
  auto work = [&](unsigned worker) {
    for (std::size_t resample = worker; resample < resamples; resample += workers) {
      std::mt19937_64 engine(StreamSeed(seed, resample));
      const double mean0 = ResampleMean(groups[0], &engine);
      const double mean1 = ResampleMean(groups[1], &engine);
      replicates[resample] = mean1 - mean0;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned worker = 1; worker < workers; ++worker) pool.emplace_back(work, worker);
  work(0);
  for (std::thread& thread : pool) thread.join();
  return replicates;
}

}  // namespace alongside::evaluation
