#include "evaluation/count_bootstrap.h"

#include <algorithm>
#include <cmath>
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

// Distinct rows (tuples over the columns) of one arm with their counts,
// in lexicographic order.
struct TupleCounts {
  std::size_t width = 0;
  std::vector<double> tuple;  // distinct x width
  std::vector<std::int64_t> count;
  std::int64_t rows = 0;
};

// When every column holds small integers, a histogram over the packed
// codes (value - min, first column most significant) gives the same
// distinct rows in the same order as sorting, in one pass. False when it
// does not apply.
bool CollapseIntegerTuples(std::span<const std::span<const double>> columns, std::span<const std::size_t> rows,
                           TupleCounts* out) {
  std::vector<double> low(columns.size()), range(columns.size());
  double total = 1;
  for (std::size_t column = 0; column < columns.size(); ++column) {
    double lo = rows.empty() ? 0 : columns[column][rows[0]], hi = lo;
    for (std::size_t row : rows) {
      const double value = columns[column][row];
      if (value != std::floor(value) || std::abs(value) > 1e9) return false;
      lo = std::min(lo, value);
      hi = std::max(hi, value);
    }
    low[column] = lo;
    range[column] = hi - lo + 1;
    total *= range[column];
  }
  if (total > static_cast<double>(std::max<std::size_t>(4 * rows.size(), 1 << 16))) return false;
  std::vector<std::int64_t> histogram(static_cast<std::size_t>(total), 0);
  for (std::size_t row : rows) {
    std::size_t key = 0;
    for (std::size_t column = 0; column < columns.size(); ++column) {
      key = key * static_cast<std::size_t>(range[column]) + static_cast<std::size_t>(columns[column][row] - low[column]);
    }
    ++histogram[key];
  }
  for (std::size_t key = 0; key < histogram.size(); ++key) {
    if (histogram[key] == 0) continue;
    std::size_t rest = key;
    const std::size_t first = out->tuple.size();
    out->tuple.resize(first + columns.size());
    for (std::size_t column = columns.size(); column-- > 0;) {
      const auto span = static_cast<std::size_t>(range[column]);
      out->tuple[first + column] = low[column] + static_cast<double>(rest % span);
      rest /= span;
    }
    out->count.push_back(histogram[key]);
  }
  out->rows = static_cast<std::int64_t>(rows.size());
  return true;
}

TupleCounts CollapseTuples(std::span<const std::span<const double>> columns, std::span<const int> arm,
                           int arm_value) {
  TupleCounts out;
  out.width = columns.size();
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < arm.size(); ++row) {
    if (arm[row] == arm_value) rows.push_back(row);
  }
  if (CollapseIntegerTuples(columns, rows, &out)) return out;
  auto less = [&](std::size_t left, std::size_t right) {
    for (std::span<const double> column : columns) {
      if (column[left] != column[right]) return column[left] < column[right];
    }
    return false;
  };
  std::sort(rows.begin(), rows.end(), [&](std::size_t left, std::size_t right) {
    return less(left, right) || (!less(right, left) && left < right);
  });
  out.rows = static_cast<std::int64_t>(rows.size());
  for (std::size_t index = 0; index < rows.size(); ++index) {
    if (index == 0 || less(rows[index - 1], rows[index])) {
      for (std::span<const double> column : columns) out.tuple.push_back(column[rows[index]]);
      out.count.push_back(0);
    }
    ++out.count.back();
  }
  return out;
}

// Adds the column sums of one multinomial resample of `group` to `sums`.
void ResampleSums(const TupleCounts& group, std::mt19937_64* engine, double* sums) {
  std::int64_t draws_left = group.rows;
  std::int64_t rows_left = group.rows;
  const std::size_t n_distinct = group.count.size();
  for (std::size_t tuple_idx = 0; tuple_idx < n_distinct && draws_left > 0; ++tuple_idx) {
    std::int64_t picked = draws_left;
    if (tuple_idx + 1 < n_distinct) {
      const double share = static_cast<double>(group.count[tuple_idx]) / static_cast<double>(rows_left);
      std::binomial_distribution<std::int64_t> binomial(draws_left, std::min(share, 1.0));
      picked = binomial(*engine);
    }
    const double* tuple = group.tuple.data() + tuple_idx * group.width;
    for (std::size_t column = 0; column < group.width; ++column) sums[column] += static_cast<double>(picked) * tuple[column];
    draws_left -= picked;
    rows_left -= group.count[tuple_idx];
  }
}

}  // namespace

ArmSumReplicates BootstrapArmSumsByCounts(std::size_t resamples, std::uint64_t seed, unsigned threads,
                                          std::span<const std::span<const double>> columns,
                                          std::span<const int> arm) {
  ArmSumReplicates out;
  out.n_resamples = resamples;
  out.n_columns = columns.size();
  out.values.assign(resamples * 2 * out.n_columns, 0.0);
  const TupleCounts groups[2] = {CollapseTuples(columns, arm, 0), CollapseTuples(columns, arm, 1)};
  bool collapses = true;
  for (const TupleCounts& group : groups) {
    if (group.count.size() * 8 > static_cast<std::size_t>(group.rows)) collapses = false;
  }
  if (!collapses) {
    const std::size_t width = out.n_columns;
    const stats::BootstrapMatrix matrix = stats::BootstrapReplicatesMulti(
        resamples, seed, threads, arm.size(), arm, 2 * width,
        [&](std::span<const std::uint32_t> idx, std::span<double> sums) {
          std::fill(sums.begin(), sums.end(), 0.0);
          for (std::uint32_t row : idx) {
            double* arm_sums = sums.data() + (arm[row] == 1 ? width : 0);
            for (std::size_t column = 0; column < width; ++column) arm_sums[column] += columns[column][row];
          }
        });
    out.values = matrix.values;
    return out;
  }
  const unsigned workers = std::max(1u, std::min<unsigned>(stats::ResolveThreads(threads),
                                                           static_cast<unsigned>(std::max<std::size_t>(resamples / 64, 1))));
  auto work = [&](unsigned worker) {
    for (std::size_t resample = worker; resample < resamples; resample += workers) {
      std::mt19937_64 engine(StreamSeed(seed, resample));
      for (int arm_value : {0, 1}) {
        ResampleSums(groups[arm_value], &engine,
                     out.values.data() + (resample * 2 + static_cast<std::size_t>(arm_value)) * out.n_columns);
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned worker = 1; worker < workers; ++worker) pool.emplace_back(work, worker);
  work(0);
  for (std::thread& thread : pool) thread.join();
  return out;
}

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
