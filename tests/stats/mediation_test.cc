#include "stats/mediation.h"

#include <array>
#include <cmath>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "regression_oracle_csv.h"
#include "stats/ols.h"
#include "stats/regression_mediation_internal.h"

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

// Refits lm(M ~ T + C) and lm(Y ~ T + M + C) on the resample that
// `counts` describes (row i repeated counts[i] times) and returns
// {a * b, c', c' + a * b}.
std::array<double, 3> RefitOnResample(std::span<const double> t, std::span<const double> m,
                                      std::span<const double> y, std::span<const double> c,
                                      std::span<const uint32_t> counts) {
  std::vector<double> rt, rm, ry, rc;
  for (size_t row = 0; row < counts.size(); ++row) {
    for (uint32_t copy = 0; copy < counts[row]; ++copy) {
      rt.push_back(t[row]);
      rm.push_back(m[row]);
      ry.push_back(y[row]);
      rc.push_back(c[row]);
    }
  }
  const std::vector<Predictor> pa = {{"T", rt}, {"C", rc}};
  const std::vector<Predictor> pb = {{"T", rt}, {"M", rm}, {"C", rc}};
  Result<OlsFit> fa = FitOls(rm, pa);
  Result<OlsFit> fb = FitOls(ry, pb);
  EXPECT_TRUE(fa.ok() && fb.ok());
  const double a = fa->Find("T")->estimate;
  const double b = fb->Find("M")->estimate;
  const double direct = fb->Find("T")->estimate;
  return {a * b, direct, direct + a * b};
}

void ExpectReplicatesEqualRefits(std::span<const double> t, std::span<const double> m,
                                 std::span<const double> y, std::span<const double> c,
                                 std::span<const int> strata, const BootstrapSettings& settings) {
  const std::vector<Predictor> covariates = {{"C", c}};
  Result<MediationResult> fast = Mediate(t, m, y, covariates, settings, strata);
  ASSERT_TRUE(fast.ok()) << fast.status().ToString();
  ASSERT_EQ(fast->replicates.n_resamples, settings.n_resamples);
  for (size_t resample = 0; resample < settings.n_resamples; ++resample) {
    Result<std::vector<uint32_t>> counts =
        internal::MediationResampleCounts(t, m, y, covariates, strata, settings.seed, resample);
    ASSERT_TRUE(counts.ok());
    // Incomplete rows are never drawn; each stratum keeps its size.
    std::map<int, int64_t> drawn, complete;
    for (size_t row = 0; row < t.size(); ++row) {
      const bool is_complete = !std::isnan(m[row]) && !std::isnan(y[row]) && !std::isnan(c[row]);
      if (!is_complete) {
        EXPECT_EQ((*counts)[row], 0u);
      }
      const int stratum = strata.empty() ? 0 : strata[row];
      drawn[stratum] += (*counts)[row];
      complete[stratum] += is_complete ? 1 : 0;
    }
    EXPECT_EQ(drawn, complete);
    const std::array<double, 3> refit = RefitOnResample(t, m, y, c, *counts);
    for (size_t effect = 0; effect < 3; ++effect) {
      EXPECT_NEAR(fast->replicates.At(resample, effect), refit[effect],
                  1e-9 * std::max(1.0, std::abs(refit[effect])))
          << "resample " << resample << " effect " << effect;
    }
  }
}

TEST(MediationTest, BootstrapEqualsRefittingLmOnEachResample) {
  auto data = ReadOracleData("regression_mediation");
  BootstrapSettings settings;
  settings.n_resamples = 40;
  settings.seed = 5;
  settings.threads = 2;
  ExpectReplicatesEqualRefits(data["treat"], data["m"], data["y"], data["c1"], {}, settings);
  std::vector<int> arm(data["treat"].begin(), data["treat"].end());
  ExpectReplicatesEqualRefits(data["treat"], data["m"], data["y"], data["c1"], arm, settings);
}

// Integer scores and a binary outcome, as in the readmission design: many
// rows share a pattern, so the bootstrap works from cells and patterns.
TEST(MediationTest, RepeatedPatternsEqualRefittingLm) {
  std::mt19937_64 engine(7);
  std::vector<double> t, m, y, c;
  for (int row = 0; row < 600; ++row) {
    const int treated = static_cast<int>(engine() % 2);
    const int covariate = static_cast<int>(engine() % 3);
    const int mediator = treated + covariate + static_cast<int>(engine() % 5) - 2;
    const int outcome = (mediator + static_cast<int>(engine() % 4)) > 2 ? 1 : 0;
    t.push_back(treated);
    c.push_back(covariate);
    m.push_back(row % 50 == 0 ? std::nan("") : mediator);
    y.push_back(outcome);
  }
  std::vector<int> arm(t.begin(), t.end());
  BootstrapSettings settings;
  settings.n_resamples = 30;
  settings.seed = 11;
  settings.threads = 3;
  ExpectReplicatesEqualRefits(t, m, y, c, arm, settings);
  ExpectReplicatesEqualRefits(t, m, y, c, {}, settings);
  // A wide integer range: rows grouped by sorting packed keys instead of
  // counting them.
  std::vector<double> wide_c;
  for (double value : c) wide_c.push_back(100000 * value);
  ExpectReplicatesEqualRefits(t, m, y, wide_c, arm, settings);
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
  EXPECT_EQ(one->replicates.values, eight->replicates.values);
  Result<MediationResult> again = Mediate(data["treat"], data["m"], data["y"], {}, settings, arm);
  EXPECT_EQ(again->replicates.values, eight->replicates.values);
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
