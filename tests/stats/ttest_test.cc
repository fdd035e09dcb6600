#include "stats/ttest.h"

#include <cmath>

#include <gtest/gtest.h>

#include "regression_oracle_csv.h"

namespace alongside::stats {
namespace {

using regression_oracle::OracleReference;
using regression_oracle::ReadOracleData;
using regression_oracle::RelativelyNear;

std::pair<std::vector<double>, std::vector<double>> SplitArms() {
  auto data = ReadOracleData("regression_twosample");
  std::vector<double> arm1, arm0;
  for (size_t row = 0; row < data["value"].size(); ++row) {
    (data["arm"][row] == 1 ? arm1 : arm0).push_back(data["value"][row]);
  }
  return {arm1, arm0};
}

TEST(TTestTest, PairedMatchesR) {
  auto data = ReadOracleData("regression_paired");
  const OracleReference reference("regression_ttest");
  Result<TTestResult> result = PairedTTest(data["after"], data["before"]);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(RelativelyNear(result->estimate, reference.Get("paired.estimate")));
  EXPECT_TRUE(RelativelyNear(result->t, reference.Get("paired.t")));
  EXPECT_EQ(result->df, reference.Get("paired.df"));
  EXPECT_TRUE(RelativelyNear(result->p_value, reference.Get("paired.p_value")));
  EXPECT_TRUE(RelativelyNear(result->ci_lower, reference.Get("paired.ci_lower")));
  EXPECT_TRUE(RelativelyNear(result->ci_upper, reference.Get("paired.ci_upper")));
  // Pairs 3, 17 and 41 have a missing value: three incomplete pairs.
  EXPECT_EQ(result->n_x, static_cast<size_t>(reference.Get("paired.n")));
  EXPECT_EQ(result->n_missing, 3u);
}

TEST(TTestTest, WelchMatchesRInGivenOrder) {
  const OracleReference reference("regression_ttest");
  auto [arm1, arm0] = SplitArms();
  Result<TTestResult> result = WelchTTest(arm1, arm0);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(RelativelyNear(result->estimate, reference.Get("welch.estimate")));
  EXPECT_TRUE(RelativelyNear(result->std_error, reference.Get("welch.std_error")));
  EXPECT_TRUE(RelativelyNear(result->t, reference.Get("welch.t")));
  EXPECT_TRUE(RelativelyNear(result->df, reference.Get("welch.df")));
  EXPECT_TRUE(RelativelyNear(result->p_value, reference.Get("welch.p_value")));
  EXPECT_TRUE(RelativelyNear(result->ci_lower, reference.Get("welch.ci_lower")));
  EXPECT_TRUE(RelativelyNear(result->ci_upper, reference.Get("welch.ci_upper")));
  EXPECT_EQ(result->n_missing, 3u);
  // Swapping the arms flips the sign, nothing else.
  Result<TTestResult> swapped = WelchTTest(arm0, arm1);
  ASSERT_TRUE(swapped.ok());
  EXPECT_DOUBLE_EQ(swapped->estimate, -result->estimate);
  EXPECT_DOUBLE_EQ(swapped->p_value, result->p_value);
}

TEST(TTestTest, RejectsTooFewOrConstant) {
  const std::vector<double> one = {1.0, std::nan("")};
  const std::vector<double> some = {1.0, 2.0, 3.0};
  EXPECT_EQ(WelchTTest(one, some).status().field(), "x");
  const std::vector<double> same = {5, 5, 5};
  EXPECT_FALSE(WelchTTest(same, same).ok());
  const std::vector<double> shifted = {6, 7, 8};
  EXPECT_EQ(PairedTTest(shifted, some).status().field(), "pairs");  // constant differences
  EXPECT_EQ(PairedTTest(one, some).status().field(), "y");           // length mismatch
}

}  // namespace
}  // namespace alongside::stats
