#include "stats/bootstrap.h"

#include <cmath>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

#include "regression_oracle_csv.h"

namespace alongside::stats {
namespace {

using regression_oracle::OracleReference;
using regression_oracle::RelativelyNear;

double MeanOf(std::span<const double> values, std::span<const uint32_t> idx) {
  double sum = 0;
  for (uint32_t row : idx) sum += values[row];
  return sum / static_cast<double>(idx.size());
}

std::vector<double> NormalSample(size_t n, uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::normal_distribution<double> normal(10, 2);
  std::vector<double> values(n);
  for (double& value : values) value = normal(generator);
  return values;
}

TEST(BootstrapTest, SameReplicatesWhateverTheThreadCount) {
  const std::vector<double> values = NormalSample(500, 1);
  auto statistic = [&](std::span<const uint32_t> idx) { return MeanOf(values, idx); };
  const std::vector<double> one = BootstrapReplicates(200, 42, 1, values.size(), statistic);
  const std::vector<double> two = BootstrapReplicates(200, 42, 2, values.size(), statistic);
  const std::vector<double> eight = BootstrapReplicates(200, 42, 8, values.size(), statistic);
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, eight);
  const std::vector<double> other_seed = BootstrapReplicates(200, 43, 2, values.size(), statistic);
  EXPECT_NE(one, other_seed);
  size_t equal = 0;
  for (size_t resample = 0; resample < one.size(); ++resample) equal += one[resample] == other_seed[resample];
  EXPECT_LT(equal, 2u);
}

TEST(BootstrapTest, PercentileCiOfMeanMatchesTheory) {
  // Mean of 2,000 N(10, 2^2): the bootstrap SE should be close to 2/sqrt(n)
  // and the 95% interval about +-1.96 SE around the sample mean.
  const std::vector<double> values = NormalSample(2000, 2);
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / values.size();
  const std::vector<double> replicates = BootstrapReplicates(
      2000, 7, 0, values.size(), [&](std::span<const uint32_t> idx) { return MeanOf(values, idx); });
  const PercentileInterval interval = PercentileCi(replicates, 0.95);
  const double se = 2 / std::sqrt(2000.0);
  EXPECT_NEAR(interval.lower, mean - 1.96 * se, 0.15 * 1.96 * se);
  EXPECT_NEAR(interval.upper, mean + 1.96 * se, 0.15 * 1.96 * se);
  EXPECT_EQ(interval.n_valid, 2000u);
  EXPECT_EQ(interval.n_invalid, 0u);
}

TEST(BootstrapTest, StratifiedResamplesKeepStratumSizes) {
  std::vector<int> strata(30);
  for (size_t row = 0; row < strata.size(); ++row) strata[row] = row < 10 ? 7 : -3;
  const std::vector<double> replicates =
      BootstrapReplicates(50, 5, 2, strata, [&](std::span<const uint32_t> idx) {
        double in_seven = 0;
        for (uint32_t row : idx) in_seven += strata[row] == 7;
        return in_seven;
      });
  for (double count : replicates) EXPECT_EQ(count, 10);
}

TEST(BootstrapTest, MeanDifferenceFastPathEqualsGenericPath) {
  const std::vector<double> values = NormalSample(300, 3);
  std::vector<int> arm(values.size());
  for (size_t row = 0; row < arm.size(); ++row) arm[row] = (row * 7) % 3 == 0 ? 1 : 0;
  const std::vector<double> fast = BootstrapMeanDifference(100, 11, 2, values, arm);
  const std::vector<double> generic =
      BootstrapReplicates(100, 11, 1, arm, [&](std::span<const uint32_t> idx) {
        double sums[2] = {0, 0};
        double counts[2] = {0, 0};
        for (uint32_t row : idx) {
          sums[arm[row]] += values[row];
          counts[arm[row]] += 1;
        }
        return sums[1] / counts[1] - sums[0] / counts[0];
      });
  ASSERT_EQ(fast.size(), generic.size());
  for (size_t resample = 0; resample < fast.size(); ++resample) {
    EXPECT_NEAR(fast[resample], generic[resample], 1e-12);
  }
}

TEST(BootstrapTest, CountPathSeesTheSameResamples) {
  const std::vector<double> values = NormalSample(100, 4);
  const BootstrapMatrix by_index = BootstrapReplicatesMulti(
      20, 9, 2, values.size(), {}, 1,
      [&](std::span<const uint32_t> idx, std::span<double> out) { out[0] = MeanOf(values, idx); });
  const BootstrapMatrix by_count = BootstrapCountReplicates(
      20, 9, 2, values.size(), {}, 1, [&](std::span<const uint32_t> counts, std::span<double> out) {
        double sum = 0;
        uint32_t total = 0;
        for (size_t row = 0; row < counts.size(); ++row) {
          sum += counts[row] * values[row];
          total += counts[row];
        }
        out[0] = total == values.size() ? sum / total : std::nan("");
      });
  for (size_t resample = 0; resample < 20; ++resample) {
    EXPECT_NEAR(by_index.At(resample, 0), by_count.At(resample, 0), 1e-12);
  }
}

TEST(BootstrapTest, QuantileType7MatchesR) {
  const OracleReference reference("regression_misc");
  std::vector<double> x;
  for (int index = 1; reference.Has("quantile7.x." + std::to_string(index)); ++index) {
    x.push_back(reference.Get("quantile7.x." + std::to_string(index)));
  }
  ASSERT_EQ(x.size(), 37u);
  for (double p : {0.025, 0.1, 0.5, 0.975}) {
    std::ostringstream key;
    key << "quantile7." << p;
    EXPECT_TRUE(RelativelyNear(QuantileType7(x, p), reference.Get(key.str()), 1e-12)) << p;
  }
  const std::vector<double> with_nan = {std::nan(""), 1, 2, 3};
  EXPECT_DOUBLE_EQ(QuantileType7(with_nan, 0.5), 2);
  const PercentileInterval interval = PercentileCi(with_nan, 0.5);
  EXPECT_EQ(interval.n_invalid, 1u);
  EXPECT_DOUBLE_EQ(interval.lower, 1.5);
  EXPECT_DOUBLE_EQ(interval.upper, 2.5);
}

}  // namespace
}  // namespace alongside::stats
