// Private helper: mean and sample variance of the non-missing values.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

namespace alongside::stats::internal {

struct Moments {
  size_t n = 0;
  size_t n_missing = 0;
  double mean = 0;
  double variance = 0;  // divisor n - 1 (NaN when n < 2)
};

// Two-pass mean and variance, skipping NaNs.
inline Moments ComputeMoments(std::span<const double> values) {
  Moments moments;
  double sum = 0;
  for (double value : values) {
    if (std::isnan(value)) {
      ++moments.n_missing;
    } else {
      ++moments.n;
      sum += value;
    }
  }
  if (moments.n == 0) return moments;
  moments.mean = sum / static_cast<double>(moments.n);
  double squares = 0;
  for (double value : values) {
    if (!std::isnan(value)) squares += (value - moments.mean) * (value - moments.mean);
  }
  moments.variance = moments.n > 1 ? squares / static_cast<double>(moments.n - 1) : std::nan("");
  return moments;
}

// Differences x - y of the complete pairs; `n_missing` counts incomplete pairs.
inline std::vector<double> PairedDifferences(std::span<const double> x, std::span<const double> y,
                                             size_t* n_missing) {
  std::vector<double> differences;
  differences.reserve(x.size());
  *n_missing = 0;
  for (size_t pair = 0; pair < x.size(); ++pair) {
    if (std::isnan(x[pair]) || std::isnan(y[pair])) {
      ++*n_missing;
    } else {
      differences.push_back(x[pair] - y[pair]);
    }
  }
  return differences;
}

}  // namespace alongside::stats::internal
