#include "stats/mediation.h"

#include <chrono>
#include <random>

#include <gtest/gtest.h>

#include "regression_oracle_csv.h"
#include "stats/ols.h"

namespace alongside::stats {
namespace {

using regression_oracle::OracleReference;
using regression_oracle::ReadOracleData;
using regression_oracle::RelativelyNear;

TEST(MediationTest, PointEstimatesMatchLmProducts) {
  auto data = ReadOracleData("regression_mediation");
  const OracleReference reference("regression_mediation");
  const std::vector<Predictor> covariates = {{"c1", data["c1"]}};
  BootstrapSettings settings;
  settings.n_resamples = 200;
  settings.seed = 99;
  Result<MediationResult> result = Mediate(data["treat"], data["m"], data["y"], covariates, settings);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(RelativelyNear(result->a, reference.Get("a")));
  EXPECT_TRUE(RelativelyNear(result->b, reference.Get("b")));
  EXPECT_TRUE(RelativelyNear(result->indirect.estimate, reference.Get("indirect")));
  EXPECT_TRUE(RelativelyNear(result->direct.estimate, reference.Get("direct")));
  EXPECT_TRUE(RelativelyNear(result->total.estimate, reference.Get("total")));
  EXPECT_TRUE(RelativelyNear(result->total_check, reference.Get("total_check")));
  // The OLS identity: c' + a b equals the total effect of lm(Y ~ T + C).
  EXPECT_NEAR(result->total.estimate, result->total_check, 1e-10);
  EXPECT_EQ(result->n_used, 297u);
  EXPECT_EQ(result->n_missing, 3u);
  EXPECT_EQ(result->n_failed_resamples, 0u);
  for (const MediationEffect* effect : {&result->indirect, &result->direct, &result->total}) {
    EXPECT_LT(effect->ci_lower, effect->estimate);
    EXPECT_GT(effect->ci_upper, effect->estimate);
  }
  EXPECT_GT(result->indirect.ci_lower, 0);  // simulated a = 0.6, b = 0.4
}

TEST(MediationTest, BootstrapEqualsRefittingLmOnEachResample) {
  auto data = ReadOracleData("regression_mediation");
  const std::vector<Predictor> covariates = {{"c1", data["c1"]}};
  BootstrapSettings settings;
  settings.n_resamples = 40;
  settings.seed = 5;
  settings.threads = 2;
  Result<MediationResult> fast = Mediate(data["treat"], data["m"], data["y"], covariates, settings);
  ASSERT_TRUE(fast.ok());

  // Slow path: same complete cases, the generic engine with the same seed,
  // both lm fits redone on the materialised resample.
  std::vector<double> t, m, y, c;
  for (size_t row = 0; row < data["y"].size(); ++row) {
    if (std::isnan(data["m"][row]) || std::isnan(data["y"][row])) continue;
    t.push_back(data["treat"][row]);
    m.push_back(data["m"][row]);
    y.push_back(data["y"][row]);
    c.push_back(data["c1"][row]);
  }
  const BootstrapMatrix slow = BootstrapReplicatesMulti(
      settings.n_resamples, settings.seed, 1, t.size(), {}, 1,
      [&](std::span<const uint32_t> idx, std::span<double> out) {
        std::vector<double> rt, rm, ry, rc;
        for (uint32_t row : idx) {
          rt.push_back(t[row]); rm.push_back(m[row]); ry.push_back(y[row]); rc.push_back(c[row]);
        }
        const std::vector<Predictor> pa = {{"T", rt}, {"C", rc}};
        const std::vector<Predictor> pb = {{"T", rt}, {"M", rm}, {"C", rc}};
        Result<OlsFit> fa = FitOls(rm, pa);
        Result<OlsFit> fb = FitOls(ry, pb);
        out[0] = fa->Find("T")->estimate * fb->Find("M")->estimate;
      });
  const PercentileInterval interval = PercentileCi(slow.Column(0), 0.95);
  EXPECT_NEAR(fast->indirect.ci_lower, interval.lower, 1e-9);
  EXPECT_NEAR(fast->indirect.ci_upper, interval.upper, 1e-9);
}

TEST(MediationTest, ReproducibleAcrossThreadCountsAndStrata) {
  auto data = ReadOracleData("regression_mediation");
  std::vector<int> arm(data["treat"].begin(), data["treat"].end());
  BootstrapSettings settings;
  settings.n_resamples = 64;
  settings.seed = 17;
  settings.threads = 1;
  Result<MediationResult> one = Mediate(data["treat"], data["m"], data["y"], {}, settings, arm);
  settings.threads = 8;
  Result<MediationResult> eight = Mediate(data["treat"], data["m"], data["y"], {}, settings, arm);
  ASSERT_TRUE(one.ok() && eight.ok());
  EXPECT_EQ(one->indirect.ci_lower, eight->indirect.ci_lower);
  EXPECT_EQ(one->total.ci_upper, eight->total.ci_upper);
  settings.seed = 18;
  Result<MediationResult> other = Mediate(data["treat"], data["m"], data["y"], {}, settings, arm);
  EXPECT_NE(one->indirect.ci_lower, other->indirect.ci_lower);
}

TEST(MediationTest, RejectsMismatchedLengths) {
  const std::vector<double> t = {0, 1, 0, 1};
  const std::vector<double> m = {1, 2, 3};
  EXPECT_EQ(Mediate(t, m, t, {}, {}).status().field(), "mediator");
}

}  // namespace
}  // namespace alongside::stats
