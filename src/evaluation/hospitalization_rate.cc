// The hospitalization-rate design: each person's own rate of hospital
// admissions in a period before peer support began and the period after it.
// Primary analysis: Poisson regression on two rows per person,
//   glm(admissions ~ period + offset(log(days)), family = poisson)
// with standard errors clustered on the person (sandwich::vcovCL with
// type = "HC0", cadjust = TRUE), so the within-person pairing and any
// overdispersion are both allowed for (Zeger and Liang 1986). With one binary
// covariate the rate ratio equals (admissions after / days after) /
// (admissions before / days before) over everyone.
#include <cmath>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "evaluation/design_rows.h"
#include "evaluation/designs.h"
#include "evaluation/svg.h"
#include "stats/poisson.h"

namespace alongside::evaluation {

Result<Evaluation> EvaluateHospitalizationRate(const HospitalizationCohort& cohort,
                                               const DesignSettings& settings, Progress* progress) {
  constexpr double kLevel = 0.95;
  Evaluation evaluation;
  evaluation.input_rows = cohort.size();
  StepClock clock(&evaluation, progress);
  std::vector<EstimateRow>& rows = evaluation.rows;
  const std::size_t n = cohort.size();

  clock.Start("prepare");
  std::vector<double> admissions(2 * n);
  std::vector<double> after(2 * n);
  std::vector<double> days(2 * n);
  std::vector<double> person(2 * n);
  double total_admissions[2] = {0, 0};
  double total_days[2] = {0, 0};
  for (std::size_t row = 0; row < n; ++row) {
    admissions[2 * row] = cohort.admissions_before[row];
    days[2 * row] = cohort.days_before[row];
    after[2 * row] = 0;
    admissions[2 * row + 1] = cohort.admissions_after[row];
    days[2 * row + 1] = cohort.days_after[row];
    after[2 * row + 1] = 1;
    person[2 * row] = person[2 * row + 1] = static_cast<double>(row);
    total_admissions[0] += cohort.admissions_before[row];
    total_admissions[1] += cohort.admissions_after[row];
    total_days[0] += cohort.days_before[row];
    total_days[1] += cohort.days_after[row];
  }
  if (n < 2) return Status::InvalidArgument("rows", "the design needs at least two people");
  rows.push_back(Row("sample", "people", static_cast<double>(n)));
  rows.push_back(Row("events", "before", total_admissions[0]));
  rows.push_back(Row("events", "after", total_admissions[1]));
  rows.push_back(Row("exposure_days", "before", total_days[0]));
  rows.push_back(Row("exposure_days", "after", total_days[1]));
  rows.push_back(Row("rate_per_365_days", "before", 365.0 * total_admissions[0] / total_days[0]));
  rows.push_back(Row("rate_per_365_days", "after", 365.0 * total_admissions[1] / total_days[1]));

  // With no admissions at all in one period the rate ratio is 0 or
  // infinite: the Poisson likelihood has no maximum (R's glm runs the
  // coefficient off towards -Inf or +Inf), so its rows say so.
  const bool separated = total_admissions[0] == 0 || total_admissions[1] == 0;
  const char* names[] = {"(Intercept)", "after"};
  std::optional<stats::GlmFit> fit;
  double ratio = kNotApplicable, ratio_low = kNotApplicable, ratio_high = kNotApplicable, ratio_p = kNotApplicable;
  std::size_t clusters = n;
  if (separated) {
    for (const char* analysis : {"poisson", "poisson_cluster"}) {
      for (const char* name : names) rows.push_back(NotEstimableRow(analysis, name, kNoteSeparation));
      if (std::string_view(analysis) == "poisson") rows.push_back(NotEstimableRow("poisson", "dispersion", kNoteSeparation));
    }
    rows.push_back(NotEstimableRow("rate_ratio_cluster", "after", kNoteSeparation));
  } else {
    clock.Start("Poisson rate model");
    const stats::Predictor period{"after", after};
    Result<stats::GlmFit> fitted = stats::FitPoisson(admissions, std::span(&period, 1), days);
    if (!fitted.ok()) return fitted.status();
    fit = std::move(*fitted);
    for (const stats::Coefficient& coefficient : fit->coefficients) rows.push_back(CoefficientRow("poisson", coefficient));
    rows.push_back(Row("poisson", "dispersion", fit->dispersion));

    // Person-clustered: sandwich::vcovCL(fit, cluster = ~person, type = "HC0",
    // cadjust = TRUE), with sandwich's GLM scores (GlmFit::working_score).
    clock.Start("person-clustered standard errors");
    Eigen::MatrixXd x(static_cast<Eigen::Index>(2 * n), 2);
    std::vector<double> score(2 * n);
    for (std::size_t row = 0; row < 2 * n; ++row) {
      x(static_cast<Eigen::Index>(row), 0) = 1;
      x(static_cast<Eigen::Index>(row), 1) = after[row];
      score[row] = fit->working_score(static_cast<Eigen::Index>(row));
    }
    const Eigen::MatrixXd covariance = ClusterRobustCovariance(fit->covariance, x, score, person, &clusters);
    const double z_level = NormalQuantile(1 - (1 - kLevel) / 2);
    for (int term_idx = 0; term_idx < 2; ++term_idx) {
      const double estimate = fit->coefficients[term_idx].estimate;
      const double std_error = std::sqrt(covariance(term_idx, term_idx));
      const double z = estimate / std_error;
      rows.push_back(Row("poisson_cluster", names[term_idx], estimate, std_error, z, NormalTwoSidedP(z),
                         estimate - z_level * std_error, estimate + z_level * std_error));
      if (term_idx == 1) {
        ratio = std::exp(estimate);
        ratio_low = std::exp(estimate - z_level * std_error);
        ratio_high = std::exp(estimate + z_level * std_error);
        ratio_p = NormalTwoSidedP(z);
        rows.push_back(Row("rate_ratio_cluster", "after", ratio, kNotApplicable, kNotApplicable, ratio_p,
                           ratio_low, ratio_high));
      }
    }
  }
  clock.Start("report");

  Report& report = evaluation.report;
  report.title = "Hospital admissions before and after peer support";
  const double rate_before = 365.0 * total_admissions[0] / total_days[0];
  const double rate_after = 365.0 * total_admissions[1] / total_days[1];
  report.summary.push_back(fmt::format(
      "Before peer support, the {} had {} hospital admissions per person-year; after it began, {}.",
      Count(n, "person", "people"), FormatNumber(rate_before, 3), FormatNumber(rate_after, 3)));
  if (separated) {
    report.summary.push_back(fmt::format(
        "There were no hospital admissions at all {} peer support began, so a rate ratio cannot be "
        "estimated from these data: it would be {} however many people were followed, and its interval does "
        "not exist. The counts and rates above stand as a description.",
        total_admissions[0] == 0 ? "before" : "after", total_admissions[0] == 0 ? "infinite" : "zero"));
  } else {
    report.summary.push_back(fmt::format(
        "The rate after was {} times the rate before (95% confidence interval {}, p {}). {}",
        FormatNumber(ratio, 3), Interval(ratio_low, ratio_high, 3), FormatP(ratio_p),
        ratio_high < 1  ? "Admissions were less frequent after peer support began."
        : ratio_low > 1 ? "Admissions were more frequent after peer support began."
                        : "The interval includes 1, so the data are also consistent with no change."));
  }
  report.summary.push_back(
      "This is a comparison of each person with themselves, without a comparison group: it describes a "
      "change that went with peer support, not proof that peer support caused it.");
  report.methods.push_back(fmt::format(
      "The file {} holds {}, each with a count of hospital admissions and the days observed before peer "
      "support began ({} over {} in all) and after ({} over {}).",
      settings.source_name, Count(n, "person", "people"),
      Count(static_cast<std::size_t>(total_admissions[0]), "admission", "admissions"),
      Count(static_cast<std::size_t>(total_days[0]), "day", "days"),
      Count(static_cast<std::size_t>(total_admissions[1]), "admission", "admissions"),
      Count(static_cast<std::size_t>(total_days[1]), "day", "days")));
  report.methods.push_back(fmt::format(
      "Each person is compared with themselves. A Poisson model with two rows per person, admissions ~ "
      "period with log(days) as an offset, estimates the rate ratio after vs before; its standard errors "
      "are clustered on the person ({}), which allows for the pairing and for people whose "
      "admissions vary more than a Poisson count would (the Pearson dispersion here is {}). Intervals are "
      "95% Wald intervals.",
      Count(clusters, "person", "people"), fit ? FormatNumber(fit->dispersion, 2) : std::string("not defined")));
  report.methods.push_back(
      "A before-after comparison without a comparison group cannot separate the effect of peer support "
      "from other changes over the same time, such as people being referred at a point of crisis (regression "
      "to the mean). Read the ratio with that in mind.");
  ReportSection section;
  section.heading = "Rate of hospital admissions";
  ReportTable table;
  table.caption = "Rate ratio, after vs before (Poisson, person-clustered standard errors)";
  table.header = {"Quantity", "Estimate", "95% CI", "p"};
  table.rows.push_back({"Admissions per person-year before", FormatNumber(rate_before, 4), "-", "-"});
  table.rows.push_back({"Admissions per person-year after", FormatNumber(rate_after, 4), "-", "-"});
  if (separated) {
    table.rows.push_back({"Rate ratio", "not estimable: no admissions in one period", "-", "-"});
  } else {
    table.rows.push_back({"Rate ratio (clustered)", FormatNumber(ratio, 4), Interval(ratio_low, ratio_high, 4),
                          FormatP(ratio_p)});
  }
  const stats::Coefficient* naive = fit ? fit->FindRateRatio("after") : nullptr;
  if (naive != nullptr) {
    table.rows.push_back({"Rate ratio (model-based errors, ignores pairing)", FormatNumber(naive->estimate, 4),
                          Interval(naive->ci_lower, naive->ci_upper, 4), FormatP(fit->coefficients[1].p_value)});
  }
  section.tables.push_back(std::move(table));
  if (!separated) {
    ReportFigure figure;
    std::vector<ForestItem> items = {{"Rate ratio after vs before", ratio, ratio_low, ratio_high}};
    figure.svg = ForestSvg(items, 1.0, true, "Rate of hospital admissions after vs before peer support",
                           "The point is the rate ratio, the line its 95% confidence interval; 1 means no change.",
                           "Rate ratio (log scale); below 1 = fewer admissions after");
    figure.caption = "Rate ratio of hospital admissions after vs before peer support began, with its 95% interval.";
    figure.data.caption = "Rate ratio (95% confidence interval)";
    figure.data.header = {"Effect", "Estimate", "95% CI"};
    figure.data.rows.push_back({items[0].label, FormatNumber(ratio, 4), Interval(ratio_low, ratio_high, 4)});
    section.figures.push_back(std::move(figure));
  }
  report.sections.push_back(std::move(section));
  clock.Stop();
  return evaluation;
}

}  // namespace alongside::evaluation
