// The stigma-training design: trainees in training cohorts allocated to
// contact-based training (arm 1) or education only (arm 0), attitude score
// before and after. Primary analysis: ANCOVA, lm(attitude_after ~ arm +
// attitude_before) on complete cases, with classical standard errors and,
// because whole cohorts are allocated, standard errors clustered on the
// training cohort (sandwich::vcovCL(type = "HC0", cadjust = TRUE), normal
// intervals). Also Hedges' g of the change between arms and Welch's t test.
#include <cmath>

#include <fmt/format.h>

#include "evaluation/design_rows.h"
#include "evaluation/designs.h"
#include "evaluation/svg.h"
#include "stats/effect_size.h"
#include "stats/ols.h"
#include "stats/ttest.h"

namespace alongside::evaluation {

Result<Evaluation> EvaluateStigmaTraining(const StigmaCohort& cohort, const DesignSettings& settings,
                                          Progress* progress) {
  constexpr double kLevel = 0.95;
  Evaluation evaluation;
  evaluation.input_rows = cohort.size();
  StepClock clock(&evaluation, progress);
  std::vector<EstimateRow>& rows = evaluation.rows;
  const std::size_t n = cohort.size();

  clock.Start("prepare");
  std::vector<double> change_by_arm[2];
  std::vector<double> before_by_arm[2];
  std::vector<double> after_by_arm[2];
  std::vector<double> complete_after, complete_arm, complete_before, complete_cohort;
  std::size_t arm_size[2] = {0, 0};
  for (std::size_t row = 0; row < n; ++row) {
    const int arm = static_cast<int>(cohort.arm[row]);
    ++arm_size[arm];
    const double before = cohort.attitude_before[row];
    const double after = cohort.attitude_after[row];
    if (std::isnan(before) || std::isnan(after)) continue;
    change_by_arm[arm].push_back(after - before);
    before_by_arm[arm].push_back(before);
    after_by_arm[arm].push_back(after);
    complete_after.push_back(after);
    complete_arm.push_back(arm);
    complete_before.push_back(before);
    complete_cohort.push_back(cohort.training_cohort[row]);
  }
  if (change_by_arm[0].size() < 2 || change_by_arm[1].size() < 2) {
    return Status::InvalidArgument("arm", "each arm needs at least two trainees with both scores");
  }
  const std::size_t incomplete = n - complete_after.size();
  rows.push_back(Row("sample", "trainees", static_cast<double>(n)));
  rows.push_back(Row("sample", "arm=0", static_cast<double>(arm_size[0])));
  rows.push_back(Row("sample", "arm=1", static_cast<double>(arm_size[1])));
  rows.push_back(Row("missing", "attitude_before", static_cast<double>(cohort.missing_before)));
  rows.push_back(Row("missing", "attitude_after", static_cast<double>(cohort.missing_after)));
  rows.push_back(Row("missing", "incomplete_pairs", static_cast<double>(incomplete)));

  clock.Start("ANCOVA");
  const stats::Predictor predictors[] = {{"arm", complete_arm}, {"attitude_before", complete_before}};
  Result<stats::OlsFit> ancova = stats::FitOls(complete_after, predictors, true, kLevel);
  if (!ancova.ok()) return ancova.status();
  for (const stats::Coefficient& coefficient : ancova->coefficients) rows.push_back(CoefficientRow("ancova", coefficient));

  const std::size_t m = complete_after.size();
  Eigen::MatrixXd x(static_cast<Eigen::Index>(m), 3);
  std::vector<double> residual(m);
  for (std::size_t row = 0; row < m; ++row) {
    const auto index = static_cast<Eigen::Index>(row);
    x(index, 0) = 1;
    x(index, 1) = complete_arm[row];
    x(index, 2) = complete_before[row];
    residual[row] = complete_after[row] - (ancova->coefficients[0].estimate +
                                           ancova->coefficients[1].estimate * complete_arm[row] +
                                           ancova->coefficients[2].estimate * complete_before[row]);
  }
  const Eigen::MatrixXd bread = ancova->covariance / (ancova->sigma * ancova->sigma);
  std::size_t clusters = 0;
  const Eigen::MatrixXd covariance = ClusterRobustCovariance(bread, x, residual, complete_cohort, &clusters);
  const double z_level = NormalQuantile(1 - (1 - kLevel) / 2);
  double arm_effect = 0, arm_low = 0, arm_high = 0, arm_p = 0;
  for (int term_idx = 0; term_idx < 3; ++term_idx) {
    const double estimate = ancova->coefficients[term_idx].estimate;
    const double std_error = std::sqrt(covariance(term_idx, term_idx));
    const double z = estimate / std_error;
    rows.push_back(Row("ancova_cluster", ancova->coefficients[term_idx].name, estimate, std_error, z,
                       NormalTwoSidedP(z), estimate - z_level * std_error, estimate + z_level * std_error));
    if (term_idx == 1) {
      arm_effect = estimate;
      arm_low = estimate - z_level * std_error;
      arm_high = estimate + z_level * std_error;
      arm_p = NormalTwoSidedP(z);
    }
  }

  clock.Start("change comparisons");
  Result<stats::HedgesGResult> hedges = stats::HedgesG(change_by_arm[1], change_by_arm[0], kLevel);
  if (!hedges.ok()) return hedges.status();
  rows.push_back(Row("hedges_g", "attitude_change_arm1_minus_arm0", hedges->g, hedges->std_error,
                     kNotApplicable, kNotApplicable, hedges->ci_lower, hedges->ci_upper));
  Result<stats::TTestResult> welch = stats::WelchTTest(change_by_arm[1], change_by_arm[0], kLevel);
  if (!welch.ok()) return welch.status();
  rows.push_back(Row("welch", "attitude_change_arm1_minus_arm0", welch->estimate, welch->std_error, welch->t,
                     welch->p_value, welch->ci_lower, welch->ci_upper));
  MeanInterval means[2][2];
  for (int arm : {0, 1}) {
    means[arm][0] = MeanWithInterval(before_by_arm[arm], kLevel);
    means[arm][1] = MeanWithInterval(after_by_arm[arm], kLevel);
  }
  clock.Start("report");

  Report& report = evaluation.report;
  report.title = "Contact-based stigma training: attitudes before and after";
  report.summary.push_back(fmt::format(
      "Taking the score before training into account, trainees in contact-based training scored {} points "
      "{} after training than trainees in education-only training (95% confidence interval {}, clustered "
      "on training cohort; p {}).",
      FormatNumber(std::abs(arm_effect), 2), arm_effect >= 0 ? "higher" : "lower",
      Interval(arm_low, arm_high, 2), FormatP(arm_p)));
  report.summary.push_back(fmt::format(
      "As a standardised difference in change, Hedges' g is {} (95% confidence interval {}).",
      FormatNumber(hedges->g, 3), Interval(hedges->ci_lower, hedges->ci_upper, 3)));
  report.methods.push_back(fmt::format(
      "The file {} holds {} trainees: {} in contact-based training and {} in education-only training, in "
      "{} training cohorts among those with both scores. The score before is missing for {} trainees and "
      "the score after for {}; the {} trainees without both scores are left out of the comparisons "
      "(complete cases).",
      settings.source_name, n, arm_size[1], arm_size[0], clusters, cohort.missing_before,
      cohort.missing_after, incomplete));
  report.methods.push_back(
      "The primary analysis is an analysis of covariance, attitude_after ~ arm + attitude_before (R's lm). "
      "Because whole training cohorts are allocated, trainees in one cohort are not independent; the "
      "primary interval uses standard errors clustered on the training cohort, and the classical ones are "
      "shown beside it. Hedges' g (Hedges and Olkin) and Welch's t test compare the change in score between "
      "the arms. Intervals are 95%.");
  ReportSection section;
  section.heading = "Attitude scores";
  std::vector<BeforeAfterGroup> groups =
      ArmBeforeAfterGroups(means, "Contact-based", "Education only");
  ReportFigure figure;
  figure.svg = BeforeAfterSvg(groups, "Mean attitude score before and after training, by arm",
                              "Means with 95% confidence intervals among trainees with both scores.",
                              "Attitude score", "Before", "After");
  figure.caption = "Mean attitude score before and after training with 95% confidence intervals.";
  figure.data.caption = "Mean attitude score (95% confidence interval)";
  figure.data.header = {"Arm", "Trainees", "Before", "After"};
  for (int arm : {1, 0}) {
    figure.data.rows.push_back({arm == 1 ? "Contact-based" : "Education only", fmt::format("{}", means[arm][0].count),
                                fmt::format("{} ({})", FormatNumber(means[arm][0].mean, 2),
                                            Interval(means[arm][0].low, means[arm][0].high, 2)),
                                fmt::format("{} ({})", FormatNumber(means[arm][1].mean, 2),
                                            Interval(means[arm][1].low, means[arm][1].high, 2))});
  }
  section.figures.push_back(std::move(figure));
  ReportTable table;
  table.caption = "Effect of contact-based training";
  table.header = {"Analysis", "Estimate", "95% CI", "p"};
  table.rows.push_back({"ANCOVA, arm (cohort-clustered errors)", FormatNumber(arm_effect, 3),
                        Interval(arm_low, arm_high, 3), FormatP(arm_p)});
  const stats::Coefficient& classical = ancova->coefficients[1];
  table.rows.push_back({"ANCOVA, arm (classical errors)", FormatNumber(classical.estimate, 3),
                        Interval(classical.ci_lower, classical.ci_upper, 3), FormatP(classical.p_value)});
  table.rows.push_back({"Difference in change (Welch)", FormatNumber(welch->estimate, 3),
                        Interval(welch->ci_lower, welch->ci_upper, 3), FormatP(welch->p_value)});
  table.rows.push_back({"Hedges' g of the change", FormatNumber(hedges->g, 3),
                        Interval(hedges->ci_lower, hedges->ci_upper, 3), "-"});
  section.tables.push_back(std::move(table));
  report.sections.push_back(std::move(section));
  clock.Stop();
  return evaluation;
}

}  // namespace alongside::evaluation
