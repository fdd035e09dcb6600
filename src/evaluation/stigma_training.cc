// The stigma-training design: trainees in training cohorts allocated to
// contact-based training (arm 1) or education only (arm 0), attitude score
// before and after. Primary analysis: ANCOVA, lm(attitude_after ~ arm +
// attitude_before) on complete cases, with classical standard errors and,
// because whole cohorts are allocated, standard errors clustered on the
// training cohort with the small-sample correction CR2 and Satterthwaite
// degrees of freedom (clubSandwich::coef_test(fit, "CR2", cluster,
// test = "Satterthwaite")). Also Hedges' g of the change between arms and
// Welch's t test, which ignore the clustering (the report says so).
#include <cmath>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "evaluation/design_rows.h"
#include "evaluation/designs.h"
#include "evaluation/svg.h"
#include "stats/cluster_robust.h"
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
  const std::size_t incomplete = n - complete_after.size();
  // Distinct training cohorts among complete pairs, by arm (the clusters).
  std::set<double> cohorts_by_arm[2];
  for (std::size_t row = 0; row < complete_after.size(); ++row) {
    cohorts_by_arm[complete_arm[row] == 1 ? 1 : 0].insert(complete_cohort[row]);
  }
  rows.push_back(Row("sample", "trainees", static_cast<double>(n)));
  rows.push_back(Row("sample", "arm=0", static_cast<double>(arm_size[0])));
  rows.push_back(Row("sample", "arm=1", static_cast<double>(arm_size[1])));
  rows.push_back(Row("sample", "clusters_arm=0", static_cast<double>(cohorts_by_arm[0].size())));
  rows.push_back(Row("sample", "clusters_arm=1", static_cast<double>(cohorts_by_arm[1].size())));
  rows.push_back(Row("missing", "attitude_before", static_cast<double>(cohort.missing_before)));
  rows.push_back(Row("missing", "attitude_after", static_cast<double>(cohort.missing_after)));
  rows.push_back(Row("missing", "incomplete_pairs", static_cast<double>(incomplete)));

  // Every comparison needs two complete pairs in each arm; with fewer the
  // estimates do not exist and the rows say so (docs/evaluation.md).
  const bool estimable = change_by_arm[0].size() >= 2 && change_by_arm[1].size() >= 2;
  const char* coefficient_names[] = {"(Intercept)", "arm", "attitude_before"};
  std::optional<stats::OlsFit> ancova;
  std::optional<stats::ClusterRobustFit> clustered;
  std::optional<stats::HedgesGResult> hedges;
  std::optional<stats::TTestResult> welch;
  if (estimable) {
    clock.Start("ANCOVA");
    const stats::Predictor predictors[] = {{"arm", complete_arm}, {"attitude_before", complete_before}};
    Result<stats::OlsFit> fit = stats::FitOls(complete_after, predictors, true, kLevel);
    if (!fit.ok()) return fit.status();
    ancova = std::move(*fit);
    for (const stats::Coefficient& coefficient : ancova->coefficients) rows.push_back(CoefficientRow("ancova", coefficient));

    // Clustered on the training cohort with the small-sample correction
    // (CR2, Satterthwaite df): clubSandwich::coef_test(fit, "CR2", cluster).
    const std::size_t m = complete_after.size();
    Eigen::MatrixXd x(static_cast<Eigen::Index>(m), 3);
    std::vector<double> residual(m);
    Eigen::VectorXd estimate(3);
    std::vector<std::string> names;
    for (int term_idx = 0; term_idx < 3; ++term_idx) {
      estimate(term_idx) = ancova->coefficients[static_cast<std::size_t>(term_idx)].estimate;
      names.push_back(ancova->coefficients[static_cast<std::size_t>(term_idx)].name);
    }
    for (std::size_t row = 0; row < m; ++row) {
      const auto index = static_cast<Eigen::Index>(row);
      x(index, 0) = 1;
      x(index, 1) = complete_arm[row];
      x(index, 2) = complete_before[row];
      residual[row] = complete_after[row] - x.row(index).dot(estimate);
    }
    Result<stats::ClusterRobustFit> cr2 =
        stats::FitClusterRobustCr2(x, residual, complete_cohort, names, estimate, kLevel);
    if (!cr2.ok()) return cr2.status();
    clustered = std::move(*cr2);
    for (const stats::Coefficient& coefficient : clustered->coefficients) {
      rows.push_back(CoefficientRow("ancova_cluster", coefficient));
    }
    for (std::size_t term_idx = 0; term_idx < 3; ++term_idx) {
      rows.push_back(Row("ancova_cluster_df", clustered->coefficients[term_idx].name, clustered->df[term_idx]));
    }

    clock.Start("change comparisons");
    Result<stats::HedgesGResult> g = stats::HedgesG(change_by_arm[1], change_by_arm[0], kLevel);
    if (!g.ok()) return g.status();
    hedges = *g;
    rows.push_back(Row("hedges_g", "attitude_change_arm1_minus_arm0", hedges->g, hedges->std_error,
                       kNotApplicable, kNotApplicable, hedges->ci_lower, hedges->ci_upper));
    Result<stats::TTestResult> t = stats::WelchTTest(change_by_arm[1], change_by_arm[0], kLevel);
    if (!t.ok()) return t.status();
    welch = *t;
    rows.push_back(Row("welch", "attitude_change_arm1_minus_arm0", welch->estimate, welch->std_error, welch->t,
                       welch->p_value, welch->ci_lower, welch->ci_upper));
  } else {
    for (const char* analysis : {"ancova", "ancova_cluster", "ancova_cluster_df"}) {
      for (const char* name : coefficient_names) rows.push_back(NotEstimableRow(analysis, name, kNoteTooFewPairs));
    }
    rows.push_back(NotEstimableRow("hedges_g", "attitude_change_arm1_minus_arm0", kNoteTooFewPairs));
    rows.push_back(NotEstimableRow("welch", "attitude_change_arm1_minus_arm0", kNoteTooFewPairs));
  }
  MeanInterval means[2][2];
  for (int arm : {0, 1}) {
    means[arm][0] = MeanWithInterval(before_by_arm[arm], kLevel);
    means[arm][1] = MeanWithInterval(after_by_arm[arm], kLevel);
  }
  clock.Start("report");

  Report& report = evaluation.report;
  report.title = "Contact-based stigma training: attitudes before and after";
  const std::size_t clusters = cohorts_by_arm[0].size() + cohorts_by_arm[1].size();
  const bool few_clusters = std::min(cohorts_by_arm[0].size(), cohorts_by_arm[1].size()) < kFewClustersPerArm;
  if (!estimable) {
    report.summary.push_back(fmt::format(
        "The effect of the training cannot be estimated from this file: it needs at least two trainees "
        "with both scores in each arm, and there are {} in contact-based training and {} in education-only "
        "training.",
        change_by_arm[1].size(), change_by_arm[0].size()));
  } else {
    const stats::Coefficient& arm_row = clustered->coefficients[1];
    const std::string difference = fmt::format(
        "{} points {}", FormatNumber(std::abs(arm_row.estimate), 2), arm_row.estimate >= 0 ? "higher" : "lower");
    report.summary.push_back(fmt::format(
        "{} (95% confidence interval {}, allowing for training cohorts; p {}).",
        settings.randomised
            ? fmt::format("Taking the score before training into account, contact-based training left trainees "
                          "scoring {} after training than education-only training did",
                          difference)
            : fmt::format("Taking the score before training into account, trainees in contact-based training "
                          "scored {} after training than trainees in education-only training",
                          difference),
        Interval(arm_row.ci_lower, arm_row.ci_upper, 2), FormatP(arm_row.p_value)));
    report.summary.push_back(AllocationSentence(settings.randomised, "training cohorts", "the kind of training"));
    if (few_clusters) {
      report.summary.push_back(fmt::format(
          "Caution: there are only {} in contact-based training and {} in education-only training. With "
          "fewer than {} clusters in an arm, intervals that allow for clustering are unreliable unless "
          "corrected for small samples (Cameron and Miller 2015); the interval above uses such a correction "
          "(CR2 with Satterthwaite degrees of freedom, Pustejovsky and Tipton 2018) and is wide for that "
          "reason. Treat the result as exploratory.",
          Count(cohorts_by_arm[1].size(), "training cohort", "training cohorts"),
          Count(cohorts_by_arm[0].size(), "training cohort", "training cohorts"), kFewClustersPerArm));
    }
  }
  report.methods.push_back(fmt::format(
      "The file {} holds {}: {} in contact-based training and {} in education-only training, in {} among "
      "those with both scores ({} contact-based, {} education only). The score before is missing for {} "
      "and the score after for {}; {} without both scores {} left out of the comparisons (complete "
      "cases).",
      settings.source_name, Count(n, "trainee", "trainees"), arm_size[1], arm_size[0],
      Count(clusters, "training cohort", "training cohorts"), cohorts_by_arm[1].size(), cohorts_by_arm[0].size(),
      Count(cohort.missing_before, "trainee", "trainees"), Count(cohort.missing_after, "trainee", "trainees"),
      Count(incomplete, "trainee", "trainees"), incomplete == 1 ? "is" : "are"));
  report.methods.push_back(
      "The primary analysis is an analysis of covariance, attitude_after ~ arm + attitude_before (R's lm). "
      "Because whole training cohorts are allocated, trainees in one cohort are not independent; the "
      "primary interval uses cluster-robust standard errors with the CR2 small-sample correction and "
      "Satterthwaite degrees of freedom, clustered on the training cohort (as R's clubSandwich computes "
      "them), and the classical ones are shown beside it. Hedges' g (Hedges and Olkin) and Welch's t test "
      "compare the change in score between the arms; they treat trainees as independent and ignore the "
      "clustering, so their intervals are too narrow when trainees in one cohort resemble each other. "
      "Intervals are 95%.");
  ReportSection section;
  section.heading = "Attitude scores";
  std::vector<BeforeAfterGroup> groups =
      ArmBeforeAfterGroups(means, "Contact-based", "Education only");
  ReportFigure figure;
  figure.svg = BeforeAfterSvg(groups, "Mean attitude score before and after training, by arm",
                              "Means with 95% confidence intervals among trainees with both scores.",
                              "Attitude score", "Before", "After");
  figure.caption = CaptionWithAxisStart(
      "Mean attitude score before and after training with 95% confidence intervals.", BeforeAfterAxisStart(groups));
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
  table.caption = "Difference between contact-based and education-only training";
  table.header = {"Analysis", "Estimate", "95% CI", "p"};
  if (estimable) {
    const stats::Coefficient& arm_row = clustered->coefficients[1];
    table.rows.push_back({fmt::format("ANCOVA, arm (clustered on training cohort, CR2, {} degrees of freedom)",
                                      FormatNumber(clustered->df[1], 1)),
                          FormatNumber(arm_row.estimate, 3), Interval(arm_row.ci_lower, arm_row.ci_upper, 3),
                          FormatP(arm_row.p_value)});
    const stats::Coefficient& classical = ancova->coefficients[1];
    table.rows.push_back({"ANCOVA, arm (classical errors, ignores clustering)", FormatNumber(classical.estimate, 3),
                          Interval(classical.ci_lower, classical.ci_upper, 3), FormatP(classical.p_value)});
    table.rows.push_back({"Difference in change (Welch, ignores clustering)", FormatNumber(welch->estimate, 3),
                          Interval(welch->ci_lower, welch->ci_upper, 3), FormatP(welch->p_value)});
    table.rows.push_back({"Hedges' g of the change (ignores clustering)", FormatNumber(hedges->g, 3),
                          Interval(hedges->ci_lower, hedges->ci_upper, 3), "-"});
  } else {
    table.rows.push_back({"Every comparison", "not estimable: too few trainees with both scores", "-", "-"});
  }
  section.tables.push_back(std::move(table));
  report.sections.push_back(std::move(section));
  clock.Stop();
  return evaluation;
}

}  // namespace alongside::evaluation
