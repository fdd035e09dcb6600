#include "stats/ols.h"

#include <gtest/gtest.h>

#include "regression_oracle_csv.h"

namespace alongside::stats {
namespace {

using regression_oracle::OracleReference;
using regression_oracle::ReadOracleData;
using regression_oracle::RelativelyNear;

TEST(OlsTest, MatchesSummaryLm) {
  auto data = ReadOracleData("regression_mediation");
  const OracleReference reference("regression_mediation");
  const std::vector<Predictor> predictors = {
      {"treat", data["treat"]}, {"m", data["m"]}, {"c1", data["c1"]}};
  Result<OlsFit> fit = FitOls(data["y"], predictors);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_EQ(fit->n_used, 297u);
  EXPECT_EQ(fit->n_missing, 3u);
  ASSERT_EQ(fit->coefficients.size(), 4u);
  for (const Coefficient& row : fit->coefficients) {
    const std::string key = "ols_b." + row.name + ".";
    EXPECT_TRUE(RelativelyNear(row.estimate, reference.Get(key + "estimate"))) << key;
    EXPECT_TRUE(RelativelyNear(row.std_error, reference.Get(key + "std_error"))) << key;
    EXPECT_TRUE(RelativelyNear(row.statistic, reference.Get(key + "statistic"))) << key;
    EXPECT_TRUE(RelativelyNear(row.p_value, reference.Get(key + "p_value"))) << key;
    EXPECT_TRUE(RelativelyNear(row.ci_lower, reference.Get(key + "ci_lower"))) << key;
    EXPECT_TRUE(RelativelyNear(row.ci_upper, reference.Get(key + "ci_upper"))) << key;
  }
  EXPECT_TRUE(RelativelyNear(fit->sigma, reference.Get("ols_b.sigma")));
  EXPECT_TRUE(RelativelyNear(fit->r_squared, reference.Get("ols_b.r_squared")));
  EXPECT_EQ(fit->df_residual, 293);
}

TEST(OlsTest, ExactLineAndErrors) {
  const std::vector<double> x = {1, 2, 3, 4, 5};
  const std::vector<double> y = {3.1, 4.9, 7.2, 8.8, 11.1};
  const std::vector<Predictor> predictors = {{"x", x}};
  Result<OlsFit> fit = FitOls(y, predictors);
  ASSERT_TRUE(fit.ok());
  EXPECT_NEAR(fit->Find("x")->estimate, 1.99, 1e-12);
  EXPECT_NEAR(fit->Find("(Intercept)")->estimate, 1.05, 1e-12);

  const std::vector<double> short_column = {1, 2};
  const std::vector<Predictor> bad = {{"x", short_column}};
  EXPECT_EQ(FitOls(y, bad).status().field(), "predictors");
  const std::vector<double> twice = {2, 4, 6, 8, 10};
  const std::vector<Predictor> collinear = {{"x", x}, {"twice", twice}};
  EXPECT_EQ(FitOls(y, collinear).status().field(), "predictors");
}

}  // namespace
}  // namespace alongside::stats
