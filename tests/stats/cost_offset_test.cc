#include "stats/cost_offset.h"

#include <gtest/gtest.h>

#include "regression_oracle_csv.h"

namespace alongside::stats {
namespace {

using regression_oracle::OracleReference;
using regression_oracle::ReadOracleData;
using regression_oracle::RelativelyNear;

TEST(CostOffsetTest, WorkedExample) {
  // 40 readmissions in 200 comparison persons (0.2), 24 in 200 peer persons
  // (0.12): 16 averted at 10,000 each = 160,000 against a 100,000 programme.
  Result<CostOffsetResult> result = ComputeCostOffset({40, 200, 24, 200, 10000, 100000});
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->events_averted, 16);
  EXPECT_DOUBLE_EQ(result->gross_savings, 160000);
  EXPECT_DOUBLE_EQ(result->net_savings, 60000);
  EXPECT_DOUBLE_EQ(result->roi, 0.6);
  EXPECT_EQ(ComputeCostOffset({40, 0, 24, 200, 1, 1}).status().field(), "exposure_comparison");
  EXPECT_EQ(ComputeCostOffset({40, 200, 24, 200, -1, 1}).status().field(), "unit_cost");
}

TEST(CostOffsetTest, PersonLevelMatchesRAndBootstrapBracketsEstimate) {
  auto data = ReadOracleData("regression_costs");
  const OracleReference reference("regression_cost");
  std::vector<int> arm(data["arm"].begin(), data["arm"].end());
  BootstrapSettings settings;
  settings.n_resamples = 500;
  settings.seed = 3;
  Result<CostOffsetBootstrap> result =
      BootstrapCostOffset(data["events"], data["exposure"], arm, 9500, 60000, settings);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(RelativelyNear(result->estimate.rate_comparison, reference.Get("rate_comparison")));
  EXPECT_TRUE(RelativelyNear(result->estimate.rate_peer, reference.Get("rate_peer")));
  EXPECT_TRUE(RelativelyNear(result->estimate.events_averted, reference.Get("events_averted")));
  EXPECT_TRUE(RelativelyNear(result->estimate.net_savings, reference.Get("net_savings")));
  EXPECT_TRUE(RelativelyNear(result->estimate.roi, reference.Get("roi")));
  EXPECT_EQ(result->n_missing, static_cast<size_t>(reference.Get("n_missing")));
  EXPECT_LT(result->roi.lower, result->estimate.roi);
  EXPECT_GT(result->roi.upper, result->estimate.roi);
  EXPECT_LT(result->events_averted.lower, result->estimate.events_averted);
  // The same seed gives the same interval with any thread count.
  settings.threads = 1;
  Result<CostOffsetBootstrap> again =
      BootstrapCostOffset(data["events"], data["exposure"], arm, 9500, 60000, settings);
  EXPECT_EQ(again->roi.lower, result->roi.lower);
  std::vector<int> bad_arm = arm;
  bad_arm[0] = 2;
  EXPECT_EQ(BootstrapCostOffset(data["events"], data["exposure"], bad_arm, 1, 1, settings).status().field(),
            "arm");
}

}  // namespace
}  // namespace alongside::stats
