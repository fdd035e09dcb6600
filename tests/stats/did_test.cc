#include "stats/did.h"

#include <gtest/gtest.h>

#include "regression_oracle_csv.h"

namespace alongside::stats {
namespace {

using regression_oracle::OracleReference;
using regression_oracle::ReadOracleData;
using regression_oracle::RelativelyNear;

TEST(DidTest, MatchesLmAndHandComputedCr1) {
  auto data = ReadOracleData("regression_did");
  const OracleReference reference("regression_did");
  std::vector<int64_t> cluster(data["cluster"].begin(), data["cluster"].end());
  const std::vector<Predictor> covariates = {{"age", data["age"]}};
  Result<DidFit> fit = FitDifferenceInDifferences(data["y"], data["treated"], data["post"], cluster, covariates);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_EQ(fit->n_used, static_cast<size_t>(reference.Get("n_used")));
  EXPECT_EQ(fit->n_missing, 3u);
  EXPECT_EQ(fit->n_clusters, static_cast<size_t>(reference.Get("n_clusters")));
  for (const auto& [prefix, table] : {std::pair{std::string("ols"), &fit->ols.coefficients},
                                      std::pair{std::string("cr1"), &fit->cluster_robust}}) {
    ASSERT_EQ(table->size(), 5u);
    for (const Coefficient& row : *table) {
      const std::string key = prefix + "." + row.name + ".";
      EXPECT_TRUE(RelativelyNear(row.estimate, reference.Get(key + "estimate"))) << key;
      EXPECT_TRUE(RelativelyNear(row.std_error, reference.Get(key + "std_error"))) << key;
      EXPECT_TRUE(RelativelyNear(row.statistic, reference.Get(key + "statistic"))) << key;
      EXPECT_TRUE(RelativelyNear(row.p_value, reference.Get(key + "p_value"))) << key;
      EXPECT_TRUE(RelativelyNear(row.ci_lower, reference.Get(key + "ci_lower"))) << key;
      EXPECT_TRUE(RelativelyNear(row.ci_upper, reference.Get(key + "ci_upper"))) << key;
    }
  }
  EXPECT_EQ(fit->did.name, "treated:post");
  EXPECT_TRUE(RelativelyNear(fit->did.std_error, reference.Get("cr1.treated:post.std_error")));
  EXPECT_TRUE(RelativelyNear(fit->ols.sigma, reference.Get("ols.sigma")));
}

TEST(DidTest, RejectsNonIndicatorsAndSingleCluster) {
  const std::vector<double> y = {1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<double> treated = {0, 0, 1, 1, 0, 0, 1, 1};
  const std::vector<double> post = {0, 1, 0, 1, 0, 1, 0, 2};
  const std::vector<int64_t> clusters = {1, 1, 2, 2, 3, 3, 4, 4};
  EXPECT_EQ(FitDifferenceInDifferences(y, treated, post, clusters).status().field(), "post");
  const std::vector<double> good_post = {0, 1, 0, 1, 0, 1, 0, 1};
  const std::vector<double> noisy = {1, 2.5, 3, 4.1, 5.2, 6, 7.3, 8};
  const std::vector<int64_t> one_cluster(8, 1);
  EXPECT_EQ(FitDifferenceInDifferences(noisy, treated, good_post, one_cluster).status().field(), "cluster");
}

}  // namespace
}  // namespace alongside::stats
