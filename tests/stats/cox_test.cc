#include "stats/cox.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "survival_oracle_csv.h"

namespace alongside::stats {
namespace {

using survival_oracle::LoadSurvivalData;
using survival_oracle::MatchesOracle;
using survival_oracle::OracleCsv;

struct CoxInput {
  Eigen::MatrixXd x;
  std::vector<double> time;
  std::vector<int> event;
};

// The models survival.R fits: all four covariates for "cohort" and "ties",
// arm + age for "small".
CoxInput LoadOracleModel(const std::string& dataset) {
  const survival_oracle::SurvivalData data = LoadSurvivalData(dataset);
  const bool small = dataset == "small";
  const Eigen::Index rows = static_cast<Eigen::Index>(data.time.size());
  CoxInput input;
  input.x.resize(rows, small ? 2 : 4);
  for (Eigen::Index row = 0; row < rows; ++row) {
    const auto idx = static_cast<std::size_t>(row);
    input.x(row, 0) = data.arm[idx];
    input.x(row, 1) = data.age[idx];
    if (!small) {
      input.x(row, 2) = data.sex[idx];
      input.x(row, 3) = data.prior_admissions[idx];
    }
  }
  input.time = data.time;
  input.event = data.event;
  return input;
}

const std::vector<std::string> kOracleDatasets{"cohort", "ties", "small"};

TEST(CoxTest, CoefficientsAndStandardErrorsMatchCoxph) {
  const OracleCsv reference = OracleCsv::Load("reference/survival_cox_coef.csv");
  std::size_t checked = 0;
  for (const std::string& dataset : kOracleDatasets) {
    const CoxInput input = LoadOracleModel(dataset);
    Result<CoxFit> robust = FitCoxEfron(input.x, input.time, input.event, {.robust = true});
    Result<CoxFit> model = FitCoxEfron(input.x, input.time, input.event, {.robust = false});
    ASSERT_TRUE(robust.ok()) << robust.status().ToString();
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    std::size_t term_idx = 0;
    for (std::size_t ref_row = 0; ref_row < reference.size(); ++ref_row) {
      if (reference.Text(ref_row, "dataset") != dataset) continue;
      ASSERT_LT(term_idx, robust->terms.size());
      const CoxTerm& term = robust->terms[term_idx];
      const CoxTerm& model_term = model->terms[term_idx];
      const std::string where = dataset + " " + reference.Text(ref_row, "term");
      auto expect = [&](double actual, const char* column) {
        EXPECT_TRUE(MatchesOracle(actual, reference.Number(ref_row, column)))
            << where << " " << column;
      };
      expect(term.coef, "coef");
      expect(term.hazard_ratio, "hazard_ratio");
      expect(term.se, "se");
      expect(term.robust_se, "robust_se");
      expect(term.z, "z");
      expect(term.p_value, "p");
      expect(term.hr_lower, "hr_lower");
      expect(term.hr_upper, "hr_upper");
      expect(model_term.z, "z_model");
      expect(model_term.p_value, "p_model");
      expect(model_term.hr_lower, "hr_lower_model");
      expect(model_term.hr_upper, "hr_upper_model");
      // coxph's $means: 0 for columns it does not centre (only -1/0/1).
      expect(robust->means(static_cast<Eigen::Index>(term_idx)), "mean");
      ++term_idx;
      ++checked;
    }
    EXPECT_EQ(term_idx, robust->terms.size()) << dataset;
  }
  EXPECT_EQ(checked, reference.size());
}

TEST(CoxTest, VarianceMatricesMatchCoxph) {
  const OracleCsv reference = OracleCsv::Load("reference/survival_cox_var.csv");
  std::size_t checked = 0;
  for (const std::string& dataset : kOracleDatasets) {
    const CoxInput input = LoadOracleModel(dataset);
    Result<CoxFit> fit = FitCoxEfron(input.x, input.time, input.event);
    ASSERT_TRUE(fit.ok());
    for (std::size_t ref_row = 0; ref_row < reference.size(); ++ref_row) {
      if (reference.Text(ref_row, "dataset") != dataset) continue;
      const auto row = static_cast<Eigen::Index>(reference.Number(ref_row, "row"));
      const auto col = static_cast<Eigen::Index>(reference.Number(ref_row, "col"));
      const std::string where =
          dataset + " (" + std::to_string(row) + "," + std::to_string(col) + ")";
      EXPECT_TRUE(MatchesOracle(fit->variance(row, col), reference.Number(ref_row, "var")))
          << where;
      EXPECT_TRUE(
          MatchesOracle(fit->robust_variance(row, col), reference.Number(ref_row, "robust_var")))
          << where;
      ++checked;
    }
  }
  EXPECT_EQ(checked, reference.size());
}

TEST(CoxTest, GlobalTestsMatchCoxph) {
  const OracleCsv reference = OracleCsv::Load("reference/survival_cox_tests.csv");
  ASSERT_EQ(reference.size(), kOracleDatasets.size());
  for (std::size_t ref_row = 0; ref_row < reference.size(); ++ref_row) {
    const std::string dataset = reference.Text(ref_row, "dataset");
    const CoxInput input = LoadOracleModel(dataset);
    Result<CoxFit> fit = FitCoxEfron(input.x, input.time, input.event);
    ASSERT_TRUE(fit.ok());
    auto expect = [&](double actual, const char* column) {
      EXPECT_TRUE(MatchesOracle(actual, reference.Number(ref_row, column)))
          << dataset << " " << column;
    };
    EXPECT_EQ(fit->n, reference.Number(ref_row, "n")) << dataset;
    EXPECT_EQ(fit->n_events, reference.Number(ref_row, "n_events")) << dataset;
    EXPECT_EQ(fit->iterations, reference.Number(ref_row, "iterations")) << dataset;
    EXPECT_TRUE(fit->converged);
    expect(fit->loglik_null, "loglik_null");
    expect(fit->loglik, "loglik");
    expect(fit->likelihood_ratio.statistic, "lr");
    expect(fit->likelihood_ratio.p_value, "lr_p");
    expect(fit->wald.statistic, "wald");
    expect(fit->wald.p_value, "wald_p");
    expect(fit->wald_robust.statistic, "wald");
    expect(fit->wald_model.statistic, "wald_model");
    expect(fit->wald_model.p_value, "wald_model_p");
    expect(fit->score.statistic, "score");
    expect(fit->score.p_value, "score_p");
    expect(fit->robust_score.statistic, "robust_score");
    expect(fit->robust_score.p_value, "robust_score_p");
    const int df = static_cast<int>(reference.Number(ref_row, "df"));
    EXPECT_EQ(fit->likelihood_ratio.df, df);
    EXPECT_EQ(fit->wald.df, df);
    EXPECT_EQ(fit->score.df, df);
  }
}

TEST(CoxTest, ProportionalHazardsTestMatchesCoxZph) {
  const OracleCsv reference = OracleCsv::Load("reference/survival_cox_zph.csv");
  std::size_t checked = 0;
  for (const std::string& dataset : kOracleDatasets) {
    const CoxInput input = LoadOracleModel(dataset);
    Result<CoxFit> fit = FitCoxEfron(input.x, input.time, input.event);
    ASSERT_TRUE(fit.ok());
    Result<CoxZph> zph = CoxZphTest(*fit, input.x, input.time, input.event);
    ASSERT_TRUE(zph.ok()) << zph.status().ToString();
    std::size_t term_idx = 0;
    for (std::size_t ref_row = 0; ref_row < reference.size(); ++ref_row) {
      if (reference.Text(ref_row, "dataset") != dataset) continue;
      const std::string term_name = reference.Text(ref_row, "term");
      const ChiSquareTest& test = term_name == "GLOBAL" ? zph->global : zph->terms.at(term_idx++);
      const std::string where = dataset + " " + term_name;
      EXPECT_TRUE(MatchesOracle(test.statistic, reference.Number(ref_row, "chisq"))) << where;
      EXPECT_EQ(test.df, reference.Number(ref_row, "df")) << where;
      EXPECT_TRUE(MatchesOracle(test.p_value, reference.Number(ref_row, "p"))) << where;
      ++checked;
    }
    EXPECT_EQ(term_idx, zph->terms.size());
  }
  EXPECT_EQ(checked, reference.size());
}

TEST(CoxTest, SingleEventSolvesTheScoreEquation) {
  // One event (x = 2.5) among risk set {1, 2, 2.5, 4, 6}: the MLE sets the
  // risk-weighted mean of x over the risk set equal to 2.5.
  Eigen::MatrixXd x(5, 1);
  x << 1, 2, 2.5, 4, 6;
  const std::vector<double> time{3, 3, 3, 3, 3};
  const std::vector<int> event{0, 0, 1, 0, 0};
  Result<CoxFit> fit = FitCoxEfron(x, time, event);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  ASSERT_TRUE(fit->converged);
  const double beta = fit->coefficients(0);
  double weight_sum = 0;
  double weighted_x = 0;
  for (Eigen::Index row = 0; row < 5; ++row) {
    weight_sum += std::exp(beta * x(row, 0));
    weighted_x += x(row, 0) * std::exp(beta * x(row, 0));
  }
  EXPECT_NEAR(weighted_x / weight_sum, 2.5, 1e-6);
  EXPECT_LT(beta, 0);  // the event has a below-average x
  EXPECT_EQ(fit->n_events, 1u);
}

TEST(CoxTest, EfronDiffersFromBreslowOnlyWithTies) {
  // Two tied deaths at t = 1 among four subjects. At beta = 0 every risk is
  // 1: Efron's denominators are 4 and 4 - 2/2 = 3 (Breslow would use 4 and
  // 4); the death at t = 3 is alone in its risk set and adds log 1 = 0.
  Eigen::MatrixXd x(4, 1);
  x << 1, 0, 1, 0;
  const std::vector<double> time{1, 1, 2, 3};
  const std::vector<int> event{1, 1, 0, 1};
  Result<CoxFit> fit = FitCoxEfron(x, time, event);
  ASSERT_TRUE(fit.ok());
  EXPECT_NEAR(fit->loglik_null, -std::log(4.0) - std::log(3.0), 1e-12);
}

TEST(CoxTest, RejectsBadInput) {
  Eigen::MatrixXd x(4, 2);
  x << 1, 3, 0, 2, 1, 5, 0, 1;
  const std::vector<double> time{1, 2, 3, 4};
  const std::vector<int> event{1, 0, 1, 1};
  const std::vector<int> no_events{0, 0, 0, 0};
  EXPECT_EQ(FitCoxEfron(x, time, no_events).status().field(), "event");
  const std::vector<double> short_time{1, 2, 3};
  const std::vector<int> short_event{1, 0, 1};
  EXPECT_EQ(FitCoxEfron(x, short_time, short_event).status().field(), "x");
  Eigen::MatrixXd constant = x;
  constant.col(1).setConstant(7);
  Result<CoxFit> singular = FitCoxEfron(constant, time, event);
  ASSERT_FALSE(singular.ok());
  EXPECT_EQ(singular.status().field(), "x");
  Eigen::MatrixXd collinear = x;
  collinear.col(1) = 2 * collinear.col(0);
  EXPECT_EQ(FitCoxEfron(collinear, time, event).status().field(), "x");
  Eigen::MatrixXd with_nan = x;
  with_nan(2, 1) = NAN;
  EXPECT_EQ(FitCoxEfron(with_nan, time, event).status().field(), "x");
  Result<CoxFit> fit = FitCoxEfron(x, time, event);
  ASSERT_TRUE(fit.ok());
  EXPECT_EQ(CoxZphTest(*fit, x.leftCols(1), time, event).status().field(), "fit");
  const std::vector<int> other_events{1, 1, 1, 1};
  EXPECT_EQ(CoxZphTest(*fit, x, time, other_events).status().field(), "fit");
}

TEST(CoxTest, LargeSampleWithFourCovariates) {
  // Exponential times with hazard exp(x'beta), administrative censoring at
  // 2 and whole-day-like rounding to create ties. A fixed linear
  // congruential generator keeps the test deterministic.
  constexpr Eigen::Index kRows = 200'000;  // the 1M-row scale is exercised in bench/
  const Eigen::Vector4d truth(0.5, -0.3, 0.2, 0.1);
  std::uint64_t state = 20240611;
  auto uniform = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (static_cast<double>(state >> 11) + 0.5) / 9007199254740992.0;
  };
  Eigen::MatrixXd x(kRows, 4);
  std::vector<double> time(kRows);
  std::vector<int> event(kRows);
  for (Eigen::Index row = 0; row < kRows; ++row) {
    x(row, 0) = uniform() < 0.5 ? 1 : 0;
    x(row, 1) = 40 + 20 * (uniform() - 0.5);
    x(row, 2) = uniform() < 0.4 ? 1 : 0;
    x(row, 3) = std::floor(4 * uniform());
    const double rate = 0.05 * std::exp(truth(0) * x(row, 0) + truth(1) * (x(row, 1) - 40) / 10 +
                                        truth(2) * x(row, 2) + truth(3) * x(row, 3));
    const double raw = -std::log(uniform()) / rate;
    const double censor = 1 + 30 * uniform();
    time[static_cast<std::size_t>(row)] = std::ceil(std::min(raw, censor));
    event[static_cast<std::size_t>(row)] = raw <= censor ? 1 : 0;
    x(row, 1) /= 10;
  }
  // Speed is measured in bench/, never asserted here.
  Result<CoxFit> fit = FitCoxEfron(x, time, event);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_TRUE(fit->converged);
  // Grouping into whole days attenuates effects slightly; Efron keeps the
  // estimates close to the truth.
  for (Eigen::Index col = 0; col < 4; ++col) {
    EXPECT_NEAR(fit->coefficients(col), truth(col), 0.03) << "column " << col;
  }
}

}  // namespace
}  // namespace alongside::stats
