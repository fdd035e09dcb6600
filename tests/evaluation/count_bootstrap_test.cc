#include "evaluation/count_bootstrap.h"

#include <cmath>
#include <numeric>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "evaluation/random.h"

namespace alongside::evaluation {
namespace {

double Mean(const std::vector<double>& x) { return std::accumulate(x.begin(), x.end(), 0.0) / x.size(); }

double Sd(const std::vector<double>& x) {
  const double mean = Mean(x);
  double squares = 0;
  for (double value : x) squares += (value - mean) * (value - mean);
  return std::sqrt(squares / (x.size() - 1));
}

// The bootstrap distribution of a difference in means has mean equal to the
// observed difference and variance s1^2 (n1-1)/n1^2 + s0^2 (n0-1)/n0^2 (the
// plug-in variances); the count method must reproduce both.
void ExpectMatchesTheory(const std::vector<double>& values, const std::vector<int>& arm) {
  std::vector<double> group[2];
  for (std::size_t row = 0; row < values.size(); ++row) group[arm[row]].push_back(values[row]);
  const double observed = Mean(group[1]) - Mean(group[0]);
  double variance = 0;
  for (const std::vector<double>& g : group) {
    const double n = static_cast<double>(g.size());
    variance += Sd(g) * Sd(g) * (n - 1) / (n * n);
  }
  const std::vector<double> replicates = BootstrapMeanDifferenceByCounts(4000, 17, 2, values, arm);
  ASSERT_EQ(replicates.size(), 4000u);
  EXPECT_NEAR(Mean(replicates), observed, 4 * std::sqrt(variance / 4000));
  EXPECT_NEAR(Sd(replicates) / std::sqrt(variance), 1.0, 0.06);
}

TEST(CountBootstrapTest, IntegerScoresMatchTheBootstrapDistribution) {
  Random random(3);
  std::vector<double> values;
  std::vector<int> arm;
  for (int row = 0; row < 5000; ++row) {
    arm.push_back(row % 3 == 0 ? 1 : 0);
    values.push_back(std::round(4 * arm.back() + 6 * random.Normal()));
  }
  ExpectMatchesTheory(values, arm);
}

TEST(CountBootstrapTest, ContinuousValuesFallBackToRowResampling) {
  Random random(4);
  std::vector<double> values;
  std::vector<int> arm;
  for (int row = 0; row < 3000; ++row) {
    arm.push_back(row % 2);
    values.push_back(random.Normal() + arm.back());
  }
  ExpectMatchesTheory(values, arm);
}

TEST(CountBootstrapTest, SameReplicatesForAnyThreadCount) {
  std::vector<double> values;
  std::vector<int> arm;
  for (int row = 0; row < 1000; ++row) {
    values.push_back(row % 7);
    arm.push_back(row % 2);
  }
  EXPECT_EQ(BootstrapMeanDifferenceByCounts(500, 9, 1, values, arm),
            BootstrapMeanDifferenceByCounts(500, 9, 3, values, arm));
  EXPECT_NE(BootstrapMeanDifferenceByCounts(500, 9, 1, values, arm),
            BootstrapMeanDifferenceByCounts(500, 10, 1, values, arm));
}

// Per-arm sums of (event, days) pairs: each resample keeps the arm sizes;
// the sums have the bootstrap distribution of a sum of n draws (mean n *
// mean, variance n * plug-in variance, covariance likewise); the same for
// any thread count; the integer histogram and the row-resampling fallback
// agree in distribution.
void ExpectArmSumsMatchTheory(const std::vector<double>& events, const std::vector<double>& days,
                              const std::vector<int>& arm) {
  const std::span<const double> columns[] = {events, days};
  const std::size_t resamples = 3000;
  const ArmSumReplicates one = BootstrapArmSumsByCounts(resamples, 21, 1, columns, arm);
  const ArmSumReplicates three = BootstrapArmSumsByCounts(resamples, 21, 3, columns, arm);
  EXPECT_EQ(one.values, three.values);
  EXPECT_NE(one.values, BootstrapArmSumsByCounts(resamples, 22, 1, columns, arm).values);
  for (int arm_value : {0, 1}) {
    for (std::size_t column = 0; column < 2; ++column) {
      std::vector<double> group;
      for (std::size_t row = 0; row < arm.size(); ++row) {
        if (arm[row] == arm_value) group.push_back(columns[column][row]);
      }
      const double n = static_cast<double>(group.size());
      const double plug_in_sd = Sd(group) * std::sqrt((n - 1) / n);
      std::vector<double> sums;
      for (std::size_t resample = 0; resample < resamples; ++resample) sums.push_back(one.At(resample, arm_value, column));
      EXPECT_NEAR(Mean(sums), n * Mean(group), 4 * std::sqrt(n) * plug_in_sd / std::sqrt(resamples));
      EXPECT_NEAR(Sd(sums) / (std::sqrt(n) * plug_in_sd), 1.0, 0.06);
    }
  }
}

TEST(CountBootstrapTest, ArmSumsOfIntegerPairsMatchTheBootstrapDistribution) {
  Random random(8);
  std::vector<double> events, days;
  std::vector<int> arm;
  for (int row = 0; row < 6000; ++row) {
    arm.push_back(row % 2);
    const bool event = random.Uniform() < (arm.back() == 1 ? 0.3 : 0.45);
    events.push_back(event ? 1 : 0);
    days.push_back(event ? 1 + std::floor(364 * random.Uniform()) : 365);
  }
  ExpectArmSumsMatchTheory(events, days, arm);
}

TEST(CountBootstrapTest, ArmSumsOfContinuousValuesFallBackToRowResampling) {
  Random random(9);
  std::vector<double> events, days;
  std::vector<int> arm;
  for (int row = 0; row < 3000; ++row) {
    arm.push_back(row % 3 == 0 ? 1 : 0);
    events.push_back(random.Uniform());
    days.push_back(100 * random.Uniform());
  }
  ExpectArmSumsMatchTheory(events, days, arm);
}

}  // namespace
}  // namespace alongside::evaluation
