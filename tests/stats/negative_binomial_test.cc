#include "stats/negative_binomial.h"

#include <cmath>

#include <gtest/gtest.h>

#include "regression_oracle_csv.h"

namespace alongside::stats {
namespace {

using regression_oracle::OracleReference;
using regression_oracle::ReadOracleData;
using regression_oracle::RelativelyNear;

TEST(NegativeBinomialTest, MatchesMassGlmNb) {
  auto data = ReadOracleData("regression_counts");
  const OracleReference reference("regression_negbin");
  const std::vector<Predictor> predictors = {{"arm", data["arm"]}, {"age", data["age"]}};
  Result<NegativeBinomialFit> fit = FitNegativeBinomial(data["y"], predictors, data["exposure"]);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_TRUE(fit->converged);
  EXPECT_EQ(fit->glm.n_missing, 5u);
  // glm.nb is replicated step by step (same starting values, same stopping
  // rules), so theta and everything else agree to 1e-6 relative.
  EXPECT_TRUE(RelativelyNear(fit->theta, reference.Get("theta")));
  EXPECT_TRUE(RelativelyNear(fit->theta_se, reference.Get("theta_se")));
  for (const auto& [prefix, table] :
       {std::pair{std::string("coef"), &fit->glm.coefficients},
        std::pair{std::string("robust"), &fit->glm.robust_coefficients}}) {
    ASSERT_EQ(table->size(), 3u);
    for (const Coefficient& row : *table) {
      const std::string key = prefix + "." + row.name + ".";
      EXPECT_TRUE(RelativelyNear(row.estimate, reference.Get(key + "estimate"))) << key;
      EXPECT_TRUE(RelativelyNear(row.std_error, reference.Get(key + "std_error"))) << key;
      EXPECT_TRUE(RelativelyNear(row.p_value, reference.Get(key + "p_value"))) << key;
      EXPECT_TRUE(RelativelyNear(row.ci_lower, reference.Get(key + "ci_lower"))) << key;
      EXPECT_TRUE(RelativelyNear(row.ci_upper, reference.Get(key + "ci_upper"))) << key;
    }
  }
  EXPECT_TRUE(RelativelyNear(fit->glm.deviance, reference.Get("deviance")));
  EXPECT_TRUE(RelativelyNear(fit->glm.null_deviance, reference.Get("null_deviance")));
  EXPECT_TRUE(RelativelyNear(fit->glm.aic, reference.Get("aic")));
  EXPECT_TRUE(RelativelyNear(fit->glm.log_likelihood, reference.Get("log_likelihood")));
  // Under the NB variance the Pearson dispersion is near 1.
  EXPECT_LT(fit->glm.dispersion, 1.3);
}

}  // namespace
}  // namespace alongside::stats
