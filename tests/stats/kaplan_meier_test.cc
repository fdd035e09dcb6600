#include "stats/kaplan_meier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "survival_oracle_csv.h"

namespace alongside::stats {
namespace {

using survival_oracle::LoadEdgeCase;
using survival_oracle::LoadSurvivalData;
using survival_oracle::MatchesOracle;
using survival_oracle::OracleCsv;

// The curve named (dataset, curve) in the oracle files: "all", "group<g>"
// for the synthetic cohorts, or an edge case name for dataset "edge".
KaplanMeierFit FitOracleCurve(const std::string& dataset, const std::string& curve) {
  std::vector<double> time;
  std::vector<int> event;
  if (dataset == "edge") {
    LoadEdgeCase(curve, time, event);
  } else {
    const survival_oracle::SurvivalData data = LoadSurvivalData(dataset);
    const int wanted = curve == "all" ? -1 : std::stoi(curve.substr(5));
    for (std::size_t row = 0; row < data.time.size(); ++row) {
      if (wanted >= 0 && data.group[row] != wanted) continue;
      time.push_back(data.time[row]);
      event.push_back(data.event[row]);
    }
  }
  Result<KaplanMeierFit> fit = FitKaplanMeier(time, event);
  EXPECT_TRUE(fit.ok()) << dataset << "/" << curve << ": " << fit.status().ToString();
  return fit.ok() ? *fit : KaplanMeierFit{};
}

class OracleCurves {
 public:
  const KaplanMeierFit& Get(const std::string& dataset, const std::string& curve) {
    const std::string key = dataset + "/" + curve;
    auto it = fits_.find(key);
    if (it == fits_.end()) it = fits_.emplace(key, FitOracleCurve(dataset, curve)).first;
    return it->second;
  }

 private:
  std::map<std::string, KaplanMeierFit> fits_;
};

TEST(KaplanMeierTest, MatchesSurvfitRowByRow) {
  const OracleCsv reference = OracleCsv::Load("reference/survival_km.csv");
  ASSERT_GT(reference.size(), 100u);
  OracleCurves curves;
  std::map<std::string, std::size_t> next_row;
  for (std::size_t ref_row = 0; ref_row < reference.size(); ++ref_row) {
    const std::string dataset = reference.Text(ref_row, "dataset");
    const std::string curve = reference.Text(ref_row, "curve");
    const KaplanMeierFit& fit = curves.Get(dataset, curve);
    std::size_t& row_idx = next_row[dataset + "/" + curve];
    ASSERT_LT(row_idx, fit.rows.size()) << dataset << "/" << curve;
    const KaplanMeierRow& row = fit.rows[row_idx++];
    const std::string where = dataset + "/" + curve + " t=" + reference.Text(ref_row, "time");
    EXPECT_EQ(row.time, reference.Number(ref_row, "time")) << where;
    EXPECT_EQ(row.n_risk, reference.Number(ref_row, "n_risk")) << where;
    EXPECT_EQ(row.n_event, reference.Number(ref_row, "n_event")) << where;
    EXPECT_EQ(row.n_censor, reference.Number(ref_row, "n_censor")) << where;
    EXPECT_TRUE(MatchesOracle(row.survival, reference.Number(ref_row, "surv"))) << where;
    EXPECT_TRUE(MatchesOracle(row.std_err, reference.Number(ref_row, "std_err"))) << where;
    EXPECT_TRUE(MatchesOracle(row.std_err_log, reference.Number(ref_row, "std_err_log"))) << where;
    EXPECT_TRUE(MatchesOracle(row.lower, reference.Number(ref_row, "lower"))) << where;
    EXPECT_TRUE(MatchesOracle(row.upper, reference.Number(ref_row, "upper"))) << where;
  }
  // Every curve was consumed whole: no extra rows on our side.
  for (const auto& [key, consumed] : next_row) {
    const auto slash = key.find('/');
    EXPECT_EQ(consumed, curves.Get(key.substr(0, slash), key.substr(slash + 1)).rows.size()) << key;
  }
}

TEST(KaplanMeierTest, SurvivalAtMatchesSummaryTimes) {
  const OracleCsv reference = OracleCsv::Load("reference/survival_km_at.csv");
  ASSERT_GT(reference.size(), 50u);
  OracleCurves curves;
  for (std::size_t ref_row = 0; ref_row < reference.size(); ++ref_row) {
    const std::string dataset = reference.Text(ref_row, "dataset");
    const std::string curve = reference.Text(ref_row, "curve");
    const double day = reference.Number(ref_row, "day");
    const SurvivalPoint point = SurvivalAt(curves.Get(dataset, curve), day);
    const std::string where = dataset + "/" + curve + " day=" + reference.Text(ref_row, "day");
    EXPECT_EQ(point.time, day) << where;
    EXPECT_EQ(point.n_risk, reference.Number(ref_row, "n_risk")) << where;
    EXPECT_TRUE(MatchesOracle(point.survival, reference.Number(ref_row, "surv"))) << where;
    EXPECT_TRUE(MatchesOracle(point.std_err, reference.Number(ref_row, "std_err"))) << where;
    EXPECT_TRUE(MatchesOracle(point.lower, reference.Number(ref_row, "lower"))) << where;
    EXPECT_TRUE(MatchesOracle(point.upper, reference.Number(ref_row, "upper"))) << where;
  }
}

TEST(KaplanMeierTest, MediansAndQuantilesMatchPrintAndQuantileSurvfit) {
  const OracleCsv reference = OracleCsv::Load("reference/survival_km_median.csv");
  ASSERT_GT(reference.size(), 20u);
  OracleCurves curves;
  for (std::size_t ref_row = 0; ref_row < reference.size(); ++ref_row) {
    const std::string dataset = reference.Text(ref_row, "dataset");
    const std::string curve = reference.Text(ref_row, "curve");
    const std::string rule = reference.Text(ref_row, "rule");
    const double prob = reference.Number(ref_row, "prob");
    const KaplanMeierFit& fit = curves.Get(dataset, curve);
    const MedianSurvival median =
        rule == "print" ? MedianSurvivalTime(fit) : SurvivalQuantile(fit, prob);
    const std::string where =
        dataset + "/" + curve + " " + rule + " p=" + reference.Text(ref_row, "prob");
    EXPECT_TRUE(MatchesOracle(median.median, reference.Number(ref_row, "estimate"))) << where;
    EXPECT_TRUE(MatchesOracle(median.lower, reference.Number(ref_row, "lower"))) << where;
    EXPECT_TRUE(MatchesOracle(median.upper, reference.Number(ref_row, "upper"))) << where;
  }
}

TEST(KaplanMeierTest, TiesAtSameDay) {
  // Day 2: two events and two censorings. The censored subjects are still at
  // risk on day 2, so S(2) = 1 - 2/10, and they leave before day 5.
  const std::vector<double> time{2, 2, 2, 2, 5, 5, 5, 9, 9, 12};
  const std::vector<int> event{1, 1, 0, 0, 1, 0, 0, 1, 1, 0};
  Result<KaplanMeierFit> fit = FitKaplanMeier(time, event);
  ASSERT_TRUE(fit.ok());
  ASSERT_EQ(fit->rows.size(), 4u);
  EXPECT_EQ(fit->rows[0].n_risk, 10);
  EXPECT_EQ(fit->rows[0].n_event, 2);
  EXPECT_EQ(fit->rows[0].n_censor, 2);
  EXPECT_DOUBLE_EQ(fit->rows[0].survival, 0.8);
  EXPECT_EQ(fit->rows[1].n_risk, 6);
  EXPECT_DOUBLE_EQ(fit->rows[1].survival, 0.8 * 5.0 / 6.0);
  // Greenwood: S * sqrt(2 / (10 * 8)).
  EXPECT_DOUBLE_EQ(fit->rows[0].std_err, 0.8 * std::sqrt(2.0 / 80.0));
  EXPECT_EQ(fit->n, 10u);
  EXPECT_EQ(fit->n_events, 5u);
}

TEST(KaplanMeierTest, AllCensoredStaysAtOne) {
  const std::vector<double> time{3, 5, 5, 8};
  const std::vector<int> event{0, 0, 0, 0};
  Result<KaplanMeierFit> fit = FitKaplanMeier(time, event);
  ASSERT_TRUE(fit.ok());
  for (const KaplanMeierRow& row : fit->rows) {
    EXPECT_EQ(row.survival, 1);
    EXPECT_EQ(row.std_err, 0);
    EXPECT_EQ(row.lower, 1);
    EXPECT_EQ(row.upper, 1);
  }
  const MedianSurvival median = MedianSurvivalTime(*fit);
  EXPECT_FALSE(median.median.has_value());
  EXPECT_FALSE(median.lower.has_value());
  EXPECT_FALSE(median.upper.has_value());
  EXPECT_EQ(SurvivalAt(*fit, 100).n_risk, 0);
  EXPECT_EQ(SurvivalAt(*fit, 100).survival, 1);
}

TEST(KaplanMeierTest, SingleEvent) {
  const std::vector<double> time{2, 4, 4, 7};
  const std::vector<int> event{0, 1, 0, 0};
  Result<KaplanMeierFit> fit = FitKaplanMeier(time, event);
  ASSERT_TRUE(fit.ok());
  EXPECT_DOUBLE_EQ(SurvivalAt(*fit, 4).survival, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(SurvivalAt(*fit, 3.9).survival, 1.0);
  EXPECT_EQ(SurvivalAt(*fit, 3.9).n_risk, 3);
  EXPECT_DOUBLE_EQ(SurvivalAt(*fit, 50).survival, 2.0 / 3.0);
  EXPECT_FALSE(MedianSurvivalTime(*fit).median.has_value());
}

TEST(KaplanMeierTest, CurveReachingZeroHasUndefinedLimits) {
  const std::vector<double> time{1, 2, 2, 3};
  const std::vector<int> event{1, 1, 0, 1};
  Result<KaplanMeierFit> fit = FitKaplanMeier(time, event);
  ASSERT_TRUE(fit.ok());
  const KaplanMeierRow& last = fit->rows.back();
  EXPECT_EQ(last.survival, 0);
  EXPECT_TRUE(std::isnan(last.std_err));
  EXPECT_TRUE(std::isinf(last.std_err_log));
  EXPECT_TRUE(std::isnan(last.lower));
  EXPECT_TRUE(std::isnan(last.upper));
  // S = 0.5 on [2, 3), then 0: print.survfit averages 2 and 3.
  EXPECT_EQ(MedianSurvivalTime(*fit).median, 2.5);
}

TEST(KaplanMeierTest, WiderConfidenceLevelGivesWiderLimits) {
  const std::vector<double> time{1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<int> event{1, 0, 1, 1, 0, 1, 0, 0};
  Result<KaplanMeierFit> narrow = FitKaplanMeier(time, event, {.conf_level = 0.8});
  Result<KaplanMeierFit> wide = FitKaplanMeier(time, event, {.conf_level = 0.99});
  ASSERT_TRUE(narrow.ok() && wide.ok());
  EXPECT_LT(wide->rows[3].lower, narrow->rows[3].lower);
  EXPECT_EQ(wide->rows[3].survival, narrow->rows[3].survival);
}

TEST(KaplanMeierTest, RejectsBadInput) {
  const std::vector<double> time{1, 2};
  const std::vector<int> event{1, 0};
  const std::vector<double> negative{1, -2};
  const std::vector<double> not_finite{1, NAN};
  const std::vector<int> bad_event{1, 2};
  const std::vector<int> short_event{1};
  EXPECT_EQ(FitKaplanMeier(negative, event).status().field(), "time");
  EXPECT_EQ(FitKaplanMeier(not_finite, event).status().field(), "time");
  EXPECT_EQ(FitKaplanMeier(time, bad_event).status().field(), "event");
  EXPECT_EQ(FitKaplanMeier(time, short_event).status().field(), "event");
  EXPECT_EQ(FitKaplanMeier({}, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FitKaplanMeier(time, event, {.conf_level = 1.0}).status().field(), "conf_level");
}

}  // namespace
}  // namespace alongside::stats
