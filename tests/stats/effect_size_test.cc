#include "stats/effect_size.h"

#include <gtest/gtest.h>

#include "regression_oracle_csv.h"

namespace alongside::stats {
namespace {

using regression_oracle::OracleReference;
using regression_oracle::ReadOracleData;
using regression_oracle::RelativelyNear;

// The reference evaluates the documented Hedges & Olkin formula in R: this
// checks the arithmetic and the missing-value handling, not the formula.
TEST(EffectSizeTest, IndependentHedgesGMatchesFormulaInR) {
  auto data = ReadOracleData("regression_twosample");
  const OracleReference reference("regression_effect_size");
  std::vector<double> arm1, arm0;
  for (size_t row = 0; row < data["value"].size(); ++row) {
    (data["arm"][row] == 1 ? arm1 : arm0).push_back(data["value"][row]);
  }
  Result<HedgesGResult> result = HedgesG(arm1, arm0);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(RelativelyNear(result->d, reference.Get("independent.d")));
  EXPECT_TRUE(RelativelyNear(result->g, reference.Get("independent.g")));
  EXPECT_TRUE(RelativelyNear(result->std_error, reference.Get("independent.std_error")));
  EXPECT_TRUE(RelativelyNear(result->ci_lower, reference.Get("independent.ci_lower")));
  EXPECT_TRUE(RelativelyNear(result->ci_upper, reference.Get("independent.ci_upper")));
  EXPECT_LT(std::fabs(result->g), std::fabs(result->d));  // J < 1 shrinks towards 0
  EXPECT_EQ(result->n_missing, 3u);
}

TEST(EffectSizeTest, PairedHedgesGMatchesFormulaInR) {
  auto data = ReadOracleData("regression_paired");
  const OracleReference reference("regression_effect_size");
  Result<HedgesGResult> result = PairedHedgesG(data["after"], data["before"]);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(RelativelyNear(result->d, reference.Get("paired.d")));
  EXPECT_TRUE(RelativelyNear(result->g, reference.Get("paired.g")));
  EXPECT_TRUE(RelativelyNear(result->std_error, reference.Get("paired.std_error")));
  EXPECT_TRUE(RelativelyNear(result->ci_lower, reference.Get("paired.ci_lower")));
  EXPECT_TRUE(RelativelyNear(result->ci_upper, reference.Get("paired.ci_upper")));
  EXPECT_EQ(result->n_missing, 3u);
}

TEST(EffectSizeTest, SmallSampleCorrectionValue) {
  // n1 = n2 = 3: df = 4, J = 1 - 3/15 = 0.8.
  const std::vector<double> x = {2, 4, 6};
  const std::vector<double> y = {1, 2, 3};
  Result<HedgesGResult> result = HedgesG(x, y);
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->correction, 0.8);
  // pooled SD = sqrt((2*4 + 2*1)/4) = sqrt(2.5); d = 2 / sqrt(2.5)
  EXPECT_NEAR(result->d, 2 / std::sqrt(2.5), 1e-14);
  const std::vector<double> flat = {1, 1, 1};
  EXPECT_FALSE(HedgesG(flat, flat).ok());
}

}  // namespace
}  // namespace alongside::stats
