#include "stats/poisson.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "regression_oracle_csv.h"

namespace alongside::stats {
namespace {

using regression_oracle::OracleReference;
using regression_oracle::ReadOracleData;
using regression_oracle::RelativelyNear;

void ExpectTable(const std::vector<Coefficient>& table, const OracleReference& reference,
                 const std::string& prefix) {
  ASSERT_EQ(table.size(), 3u);
  for (const Coefficient& row : table) {
    const std::string key = prefix + "." + row.name + ".";
    EXPECT_TRUE(RelativelyNear(row.estimate, reference.Get(key + "estimate"))) << key;
    EXPECT_TRUE(RelativelyNear(row.std_error, reference.Get(key + "std_error"))) << key;
    EXPECT_TRUE(RelativelyNear(row.statistic, reference.Get(key + "statistic"))) << key;
    EXPECT_TRUE(RelativelyNear(row.p_value, reference.Get(key + "p_value"))) << key;
    EXPECT_TRUE(RelativelyNear(row.ci_lower, reference.Get(key + "ci_lower"))) << key;
    EXPECT_TRUE(RelativelyNear(row.ci_upper, reference.Get(key + "ci_upper"))) << key;
  }
}

TEST(PoissonTest, MatchesRGlmWithOffsetAndHc0) {
  auto data = ReadOracleData("regression_counts");
  const OracleReference reference("regression_poisson");
  const std::vector<Predictor> predictors = {{"arm", data["arm"]}, {"age", data["age"]}};
  Result<GlmFit> fit = FitPoisson(data["y"], predictors, data["exposure"]);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_TRUE(fit->converged);
  EXPECT_EQ(fit->n_used, static_cast<size_t>(reference.Get("n_used")));
  EXPECT_EQ(fit->n_missing, static_cast<size_t>(reference.Get("n_missing")));
  ExpectTable(fit->coefficients, reference, "coef");
  ExpectTable(fit->robust_coefficients, reference, "robust");
  EXPECT_TRUE(RelativelyNear(fit->deviance, reference.Get("deviance")));
  EXPECT_TRUE(RelativelyNear(fit->null_deviance, reference.Get("null_deviance")));
  EXPECT_TRUE(RelativelyNear(fit->aic, reference.Get("aic")));
  EXPECT_TRUE(RelativelyNear(fit->log_likelihood, reference.Get("log_likelihood")));
  EXPECT_TRUE(RelativelyNear(fit->pearson_chi2, reference.Get("pearson_chi2")));
  EXPECT_TRUE(RelativelyNear(fit->dispersion, reference.Get("dispersion")));
  EXPECT_EQ(fit->df_residual, reference.Get("df_residual"));
  // The synthetic counts are negative binomial: overdispersion shows.
  EXPECT_GT(fit->dispersion, 1.2);
  const Coefficient* arm_ratio = fit->FindRateRatio("arm");
  ASSERT_NE(arm_ratio, nullptr);
  EXPECT_TRUE(RelativelyNear(arm_ratio->estimate, std::exp(reference.Get("coef.arm.estimate"))));
  EXPECT_TRUE(RelativelyNear(arm_ratio->ci_upper, std::exp(reference.Get("coef.arm.ci_upper"))));
}

TEST(PoissonTest, RecoversKnownRateRatioOnALargeSample) {
  std::mt19937_64 generator(7);
  const size_t n = 200'000;  // the 1M-row scale is exercised in bench/
  std::vector<double> y(n), arm(n), exposure(n);
  std::bernoulli_distribution coin(0.5);
  std::uniform_real_distribution<double> time(0.5, 1.5);
  for (size_t row = 0; row < n; ++row) {
    arm[row] = coin(generator);
    exposure[row] = time(generator);
    std::poisson_distribution<int> count(exposure[row] * 0.4 * (arm[row] == 1 ? 0.7 : 1.0));
    y[row] = count(generator);
  }
  const std::vector<Predictor> predictors = {{"arm", arm}};
  Result<GlmFit> fit = FitPoisson(y, predictors, exposure);
  ASSERT_TRUE(fit.ok());
  EXPECT_NEAR(fit->FindRateRatio("arm")->estimate, 0.7, 0.01);
  EXPECT_NEAR(fit->dispersion, 1.0, 0.01);
}

TEST(PoissonTest, RejectsBadInput) {
  const std::vector<double> y = {1, 2, -1, 0, 3};
  const std::vector<double> x = {0, 1, 0, 1, 1};
  const std::vector<Predictor> predictors = {{"x", x}};
  Result<GlmFit> negative = FitPoisson(y, predictors);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().field(), "y");

  const std::vector<double> counts = {1, 2, 1, 0, 3};
  const std::vector<double> exposure = {1, 1, 0, 1, 1};
  Result<GlmFit> zero_exposure = FitPoisson(counts, predictors, exposure);
  ASSERT_FALSE(zero_exposure.ok());
  EXPECT_EQ(zero_exposure.status().field(), "exposure");

  const std::vector<double> constant = {1, 1, 1, 1, 1};
  const std::vector<Predictor> collinear = {{"one", constant}};
  Result<GlmFit> singular = FitPoisson(counts, collinear);
  ASSERT_FALSE(singular.ok());
  EXPECT_EQ(singular.status().field(), "predictors");
}

}  // namespace
}  // namespace alongside::stats
