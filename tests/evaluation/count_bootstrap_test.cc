#include "evaluation/count_bootstrap.h"

#include <cmath>
#include <numeric>

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

}  // namespace
}  // namespace alongside::evaluation
