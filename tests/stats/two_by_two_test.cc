#include "stats/two_by_two.h"

#include <cmath>

#include <gtest/gtest.h>

#include "regression_oracle_csv.h"

namespace alongside::stats {
namespace {

using regression_oracle::OracleReference;
using regression_oracle::ReadOracleData;
using regression_oracle::RelativelyNear;

TEST(TwoByTwoTest, MatchesChisqTestFisherTestAndFormulas) {
  auto data = ReadOracleData("regression_tables");
  const OracleReference reference("regression_tables");
  ASSERT_EQ(data["id"].size(), 8u);
  for (size_t row = 0; row < data["id"].size(); ++row) {
    const TwoByTwoTable table{static_cast<int64_t>(data["a"][row]), static_cast<int64_t>(data["b"][row]),
                              static_cast<int64_t>(data["c"][row]), static_cast<int64_t>(data["d"][row])};
    const std::string key = "table" + std::to_string(static_cast<int>(data["id"][row])) + ".";
    SCOPED_TRACE(key);
    Result<TwoByTwoResult> result = CompareTwoByTwo(table);
    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(RelativelyNear(result->chi_square.statistic, reference.Get(key + "chi2")));
    EXPECT_TRUE(RelativelyNear(result->chi_square.p_value, reference.Get(key + "chi2_p")));
    EXPECT_TRUE(RelativelyNear(result->chi_square_yates.statistic, reference.Get(key + "chi2_yates")));
    EXPECT_TRUE(RelativelyNear(result->chi_square_yates.p_value, reference.Get(key + "chi2_yates_p")));
    EXPECT_TRUE(RelativelyNear(result->fisher.p_value, reference.Get(key + "fisher_p")));
    EXPECT_TRUE(RelativelyNear(result->fisher.odds_ratio, reference.Get(key + "fisher_or")));
    EXPECT_TRUE(RelativelyNear(result->fisher.ci_lower, reference.Get(key + "fisher_ci_lower")));
    EXPECT_TRUE(RelativelyNear(result->fisher.ci_upper, reference.Get(key + "fisher_ci_upper")));
    if (reference.Has(key + "rr")) {
      EXPECT_TRUE(RelativelyNear(result->relative_risk, reference.Get(key + "rr")));
      EXPECT_TRUE(RelativelyNear(result->rr_ci_lower, reference.Get(key + "rr_ci_lower")));
      EXPECT_TRUE(RelativelyNear(result->rr_ci_upper, reference.Get(key + "rr_ci_upper")));
    } else {
      EXPECT_TRUE(std::isnan(result->relative_risk));
    }
    EXPECT_TRUE(RelativelyNear(result->risk_difference, reference.Get(key + "rd")));
    EXPECT_TRUE(RelativelyNear(result->rd_ci_lower, reference.Get(key + "rd_ci_lower")));
    EXPECT_TRUE(RelativelyNear(result->rd_ci_upper, reference.Get(key + "rd_ci_upper")));
  }
}

TEST(TwoByTwoTest, NntOfClearBenefit) {
  // Readmissions: 130/1000 with peer support, 181/1000 without.
  Result<TwoByTwoResult> result = CompareTwoByTwo({130, 870, 181, 819});
  ASSERT_TRUE(result.ok());
  const NumberNeededToTreat& nnt = result->nnt;
  EXPECT_TRUE(nnt.benefit);
  EXPECT_NEAR(nnt.nnt, 1 / 0.051, 1e-9);
  EXPECT_FALSE(nnt.ci_includes_infinity);
  EXPECT_NEAR(nnt.nntb_lower, 1 / nnt.arr_ci_upper, 1e-12);
  EXPECT_NEAR(nnt.nntb_upper, 1 / nnt.arr_ci_lower, 1e-12);
  EXPECT_TRUE(std::isnan(nnt.nnth_lower));
  EXPECT_LT(nnt.nntb_lower, nnt.nnt);
  EXPECT_GT(nnt.nntb_upper, nnt.nnt);
  EXPECT_EQ(nnt.Describe().rfind("NNTB 19.6 (CI NNTB", 0), 0u) << nnt.Describe();
}

TEST(TwoByTwoTest, NntCiThroughInfinityIsSplit) {
  Result<TwoByTwoResult> result = CompareTwoByTwo({5, 5, 5, 5});
  ASSERT_TRUE(result.ok());
  const NumberNeededToTreat& nnt = result->nnt;
  EXPECT_TRUE(std::isinf(nnt.nnt));
  EXPECT_TRUE(nnt.ci_includes_infinity);
  EXPECT_NEAR(nnt.nntb_lower, 1 / nnt.arr_ci_upper, 1e-12);
  EXPECT_TRUE(std::isinf(nnt.nntb_upper));
  EXPECT_NEAR(nnt.nnth_lower, 1 / -nnt.arr_ci_lower, 1e-12);
  EXPECT_NE(nnt.Describe().find("to infinity to NNTH"), std::string::npos);
}

TEST(TwoByTwoTest, HarmWhenEventIsNotAdverse) {
  // Event = "stayed in recovery": group 1 has fewer, so that is harm.
  Result<TwoByTwoResult> result = CompareTwoByTwo({130, 870, 181, 819}, 0.95, /*event_is_adverse=*/false);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->nnt.benefit);
  EXPECT_FALSE(result->nnt.ci_includes_infinity);
  EXPECT_TRUE(std::isnan(result->nnt.nntb_lower));
  EXPECT_LT(result->nnt.nnth_lower, result->nnt.nnth_upper);
}

TEST(TwoByTwoTest, RejectsNegativeCellsAndEmptyGroups) {
  EXPECT_EQ(CompareTwoByTwo({-1, 2, 3, 4}).status().field(), "table");
  EXPECT_EQ(CompareTwoByTwo({0, 0, 3, 4}).status().field(), "table");
}

}  // namespace
}  // namespace alongside::stats
