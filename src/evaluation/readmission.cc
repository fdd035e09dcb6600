// The readmission design: peer support (arm 1) vs comparison (arm 0) on time
// to readmission, with hope (Adult Hope Scale) as the mediator. Each step
// names the R call it reproduces; tests/oracle/evaluate.R is the reference.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <numeric>

#include <fmt/format.h>

#include "evaluation/count_bootstrap.h"
#include "evaluation/design_rows.h"
#include "evaluation/designs.h"
#include "evaluation/svg.h"
#include "stats/bootstrap.h"
#include "stats/cost_offset.h"
#include "stats/cox.h"
#include "stats/effect_size.h"
#include "stats/kaplan_meier.h"
#include "stats/logrank.h"
#include "stats/mediation.h"
#include "stats/poisson.h"
#include "stats/ttest.h"

namespace alongside::evaluation {
namespace {

constexpr double kLevel = 0.95;
constexpr double kDays[] = {30, 90, 180};
// The mediation bootstrap uses its own stream so it never shares draws with
// the bootstrap of the hope difference.
constexpr std::uint64_t kMediationSeedOffset = 1;
// ... and the cost-offset bootstrap its own again.
constexpr std::uint64_t kCostSeedOffset = 2;

double OrNaN(const std::optional<double>& value) { return value ? *value : kNotApplicable; }

std::string Percent(double share) { return FormatNumber(100 * share, 1) + "%"; }

// Bootstrap standard deviation of the finite replicates (NaN if < 2).
double ReplicateSd(std::span<const double> replicates) {
  double sum = 0;
  std::size_t valid = 0;
  for (double value : replicates) {
    if (std::isfinite(value)) {
      sum += value;
      ++valid;
    }
  }
  if (valid < 2) return kNotApplicable;
  const double mean = sum / static_cast<double>(valid);
  double squares = 0;
  for (double value : replicates) {
    if (std::isfinite(value)) squares += (value - mean) * (value - mean);
  }
  return std::sqrt(squares / static_cast<double>(valid - 1));
}

// Whole currency units with thousands separators, e.g. "-1,234,567".
std::string Money(double amount) {
  if (!std::isfinite(amount)) return "not defined";
  const std::string digits = fmt::format("{:.0f}", std::abs(amount));
  std::string grouped;
  for (std::size_t index = 0; index < digits.size(); ++index) {
    if (index > 0 && (digits.size() - index) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[index]);
  }
  return (amount < 0 && grouped != "0" ? "-" : "") + grouped;
}

}  // namespace

Result<Evaluation> EvaluateReadmission(const ReadmissionCohort& cohort, const DesignSettings& settings,
                                       Progress* progress) {
  Evaluation evaluation;
  evaluation.input_rows = cohort.size();
  StepClock clock(&evaluation, progress);
  std::vector<EstimateRow>& rows = evaluation.rows;
  const std::size_t n = cohort.size();

  clock.Start("prepare");
  std::vector<int> arm(n);
  std::vector<int> event(n);
  std::vector<double> change(n);
  std::size_t arm_size[2] = {0, 0};
  std::size_t arm_events[2] = {0, 0};
  for (std::size_t row = 0; row < n; ++row) {
    arm[row] = static_cast<int>(cohort.arm[row]);
    event[row] = static_cast<int>(cohort.readmitted[row]);
    change[row] = cohort.hope_6m[row] - cohort.hope_baseline[row];  // NaN if either is missing
    ++arm_size[arm[row]];
    arm_events[arm[row]] += event[row];
  }
  if (arm_size[0] < 2 || arm_size[1] < 2) {
    return Status::InvalidArgument("arm", "each arm needs at least two people");
  }
  // Complete hope changes, split by arm, for the t tests and the bootstrap.
  std::vector<double> change_by_arm[2];
  std::vector<double> change_complete;
  std::vector<int> arm_complete;
  for (std::size_t row = 0; row < n; ++row) {
    if (std::isnan(change[row])) continue;
    change_by_arm[arm[row]].push_back(change[row]);
    change_complete.push_back(change[row]);
    arm_complete.push_back(arm[row]);
  }
  const std::size_t missing_change = n - change_complete.size();
  rows.push_back(Row("sample", "people", static_cast<double>(n)));
  for (int arm_value : {0, 1}) {
    rows.push_back(Row("sample", fmt::format("arm={}", arm_value), static_cast<double>(arm_size[arm_value])));
  }
  for (int arm_value : {0, 1}) {
    rows.push_back(Row("events", fmt::format("arm={}", arm_value), static_cast<double>(arm_events[arm_value])));
  }
  rows.push_back(Row("missing", "hope_baseline", static_cast<double>(cohort.missing_hope_baseline)));
  rows.push_back(Row("missing", "hope_6m", static_cast<double>(cohort.missing_hope_6m)));
  rows.push_back(Row("missing", "hope_change", static_cast<double>(missing_change)));

  // The mediation bootstrap is the longest step and needs nothing the other
  // steps compute, so with two or more threads it runs in the background
  // (with all of them: they share the cores with this thread while the
  // models below are fitted, and have them to themselves once it waits).
  // Its replicates do not depend on the thread count, so neither do the
  // results.
  const stats::Predictor covariates[] = {{"age", cohort.age},
                                         {"sex", cohort.sex},
                                         {"prior_admissions", cohort.prior_admissions}};
  const bool background_mediation = settings.threads >= 2 && settings.mediation_bootstrap > 0;
  stats::BootstrapSettings mediation_settings;
  mediation_settings.n_resamples = settings.mediation_bootstrap;
  mediation_settings.seed = settings.seed + kMediationSeedOffset;
  mediation_settings.threads = settings.threads;
  mediation_settings.confidence_level = kLevel;
  double mediation_seconds = 0;
  auto run_mediation = [&] {
    const auto start = std::chrono::steady_clock::now();
    Result<stats::MediationResult> result =
        stats::Mediate(cohort.arm, change, cohort.readmitted, covariates, mediation_settings, arm);
    mediation_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  };
  // Declared after everything run_mediation reads, so an early return waits
  // for it (std::future's destructor) before those are destroyed.
  std::future<Result<stats::MediationResult>> mediation_future;
  if (background_mediation) mediation_future = std::async(std::launch::async, run_mediation);

  // Kaplan-Meier by arm: survfit(Surv(followup_days, readmitted) ~ arm).
  clock.Start("Kaplan-Meier");
  stats::KaplanMeierFit km[2];
  for (int arm_value : {0, 1}) {
    std::vector<double> time;
    std::vector<int> status;
    time.reserve(arm_size[arm_value]);
    status.reserve(arm_size[arm_value]);
    for (std::size_t row = 0; row < n; ++row) {
      if (arm[row] != arm_value) continue;
      time.push_back(cohort.followup_days[row]);
      status.push_back(event[row]);
    }
    Result<stats::KaplanMeierFit> fit = stats::FitKaplanMeier(time, status);
    if (!fit.ok()) return fit.status();
    km[arm_value] = std::move(*fit);
  }
  stats::MedianSurvival medians[2];
  for (int arm_value : {0, 1}) {
    for (double day : kDays) {
      const stats::SurvivalPoint point = stats::SurvivalAt(km[arm_value], day);
      rows.push_back(Row("km", fmt::format("arm={}@{}", arm_value, day), point.survival, point.std_err,
                         kNotApplicable, kNotApplicable, point.lower, point.upper));
    }
  }
  for (int arm_value : {0, 1}) {
    medians[arm_value] = stats::MedianSurvivalTime(km[arm_value]);
    rows.push_back(Row("km_median", fmt::format("arm={}", arm_value), OrNaN(medians[arm_value].median),
                       kNotApplicable, kNotApplicable, kNotApplicable, OrNaN(medians[arm_value].lower),
                       OrNaN(medians[arm_value].upper)));
  }

  // Log-rank: survdiff(Surv(followup_days, readmitted) ~ arm).
  clock.Start("log-rank test");
  Result<stats::LogRankResult> logrank = stats::LogRankTest(cohort.followup_days, event, arm, 2);
  if (!logrank.ok()) return logrank.status();
  rows.push_back(Row("logrank", "arm", kNotApplicable, kNotApplicable, logrank->chi_square, logrank->p_value));

  // Cox: coxph(Surv(followup_days, readmitted) ~ arm + age + sex + prior_admissions, ties = "efron").
  clock.Start("Cox model");
  const char* cox_terms[] = {"arm", "age", "sex", "prior_admissions"};
  Eigen::MatrixXd x(static_cast<Eigen::Index>(n), 4);
  for (std::size_t row = 0; row < n; ++row) {
    const auto index = static_cast<Eigen::Index>(row);
    x(index, 0) = cohort.arm[row];
    x(index, 1) = cohort.age[row];
    x(index, 2) = cohort.sex[row];
    x(index, 3) = cohort.prior_admissions[row];
  }
  stats::CoxOptions cox_options;
  cox_options.robust = false;
  Result<stats::CoxFit> cox = stats::FitCoxEfron(x, cohort.followup_days, event, cox_options);
  if (!cox.ok()) return cox.status();
  const double z_level = NormalQuantile(1 - (1 - kLevel) / 2);
  for (std::size_t term_idx = 0; term_idx < 4; ++term_idx) {
    const stats::CoxTerm& term = cox->terms[term_idx];
    const double z = term.coef / term.se;
    rows.push_back(Row("cox", cox_terms[term_idx], term.coef, term.se, z, NormalTwoSidedP(z),
                       term.coef - z_level * term.se, term.coef + z_level * term.se));
  }
  for (std::size_t term_idx = 0; term_idx < 4; ++term_idx) {
    const stats::CoxTerm& term = cox->terms[term_idx];
    const double z = term.coef / term.robust_se;
    rows.push_back(Row("cox_robust", cox_terms[term_idx], term.coef, term.robust_se, z, NormalTwoSidedP(z),
                       term.coef - z_level * term.robust_se, term.coef + z_level * term.robust_se));
  }
  for (std::size_t term_idx = 0; term_idx < 4; ++term_idx) {
    const stats::CoxTerm& term = cox->terms[term_idx];
    rows.push_back(Row("cox_hr", cox_terms[term_idx], std::exp(term.coef), kNotApplicable, kNotApplicable,
                       kNotApplicable, std::exp(term.coef - z_level * term.se),
                       std::exp(term.coef + z_level * term.se)));
  }
  clock.Start("proportional-hazards check");
  Result<stats::CoxZph> zph = stats::CoxZphTest(*cox, x, cohort.followup_days, event);
  if (zph.ok()) {
    for (std::size_t term_idx = 0; term_idx < 4; ++term_idx) {
      rows.push_back(Row("cox_zph", cox_terms[term_idx], kNotApplicable, kNotApplicable,
                         zph->terms[term_idx].statistic, zph->terms[term_idx].p_value));
    }
    rows.push_back(Row("cox_zph", "GLOBAL", kNotApplicable, kNotApplicable, zph->global.statistic,
                       zph->global.p_value));
  }

  // Poisson: glm(readmitted ~ arm + offset(log(followup_days)), family = poisson).
  clock.Start("Poisson rate model");
  const stats::Predictor arm_predictor{"arm", cohort.arm};
  Result<stats::GlmFit> poisson =
      stats::FitPoisson(cohort.readmitted, std::span(&arm_predictor, 1), cohort.followup_days);
  if (!poisson.ok()) return poisson.status();
  for (const stats::Coefficient& coefficient : poisson->coefficients) rows.push_back(CoefficientRow("poisson", coefficient));
  for (const stats::Coefficient& coefficient : poisson->robust_coefficients) {
    rows.push_back(CoefficientRow("poisson_robust", coefficient));
  }
  const stats::Coefficient* rate_ratio = poisson->FindRateRatio("arm");

  // Cost offset: readmissions averted = (rate_comparison - rate_peer) x the
  // peer arm's person-days (rates per person-day, as the Poisson model),
  // savings = averted x unit cost, net = savings - programme cost,
  // ROI = net / programme cost; percentile bootstrap within arm.
  clock.Start(fmt::format("cost offset bootstrap ({} resamples)", settings.bootstrap));
  stats::CostOffsetInputs cost_inputs;
  for (std::size_t row = 0; row < n; ++row) {
    if (arm[row] == 1) {
      cost_inputs.events_peer += cohort.readmitted[row];
      cost_inputs.exposure_peer += cohort.followup_days[row];
    } else {
      cost_inputs.events_comparison += cohort.readmitted[row];
      cost_inputs.exposure_comparison += cohort.followup_days[row];
    }
  }
  cost_inputs.unit_cost = settings.unit_cost;
  cost_inputs.program_cost = settings.program_cost_per_person * static_cast<double>(arm_size[1]);
  Result<stats::CostOffsetResult> offset = stats::ComputeCostOffset(cost_inputs);
  if (!offset.ok()) return offset.status();
  const std::span<const double> cost_columns[] = {cohort.readmitted, cohort.followup_days};
  const ArmSumReplicates cost_sums = BootstrapArmSumsByCounts(
      settings.bootstrap, settings.seed + kCostSeedOffset, settings.threads, cost_columns, arm);
  std::vector<double> cost_replicates[4];  // averted, savings, net savings, ROI
  for (std::size_t resample = 0; resample < settings.bootstrap; ++resample) {
    stats::CostOffsetInputs inputs = cost_inputs;
    inputs.events_comparison = cost_sums.At(resample, 0, 0);
    inputs.exposure_comparison = cost_sums.At(resample, 0, 1);
    inputs.events_peer = cost_sums.At(resample, 1, 0);
    inputs.exposure_peer = cost_sums.At(resample, 1, 1);
    Result<stats::CostOffsetResult> replicate = stats::ComputeCostOffset(inputs);
    const double nan = std::nan("");
    cost_replicates[0].push_back(replicate.ok() ? replicate->events_averted : nan);
    cost_replicates[1].push_back(replicate.ok() ? replicate->gross_savings : nan);
    cost_replicates[2].push_back(replicate.ok() ? replicate->net_savings : nan);
    cost_replicates[3].push_back(replicate.ok() ? replicate->roi : nan);
  }
  stats::PercentileInterval cost_ci[4];
  const char* cost_terms[] = {"readmissions_averted", "savings", "net_savings", "roi"};
  const double cost_estimates[] = {offset->events_averted, offset->gross_savings, offset->net_savings, offset->roi};
  rows.push_back(Row("cost_offset", "unit_cost", settings.unit_cost));
  rows.push_back(Row("cost_offset", "program_cost_per_person", settings.program_cost_per_person));
  rows.push_back(Row("cost_offset", "program_cost", cost_inputs.program_cost));
  rows.push_back(Row("cost_offset", "peer_person_days", cost_inputs.exposure_peer));
  rows.push_back(Row("cost_offset", "rate_comparison_per_person_day", offset->rate_comparison));
  rows.push_back(Row("cost_offset", "rate_peer_per_person_day", offset->rate_peer));
  for (std::size_t term_idx = 0; term_idx < 4; ++term_idx) {
    cost_ci[term_idx] = stats::PercentileCi(cost_replicates[term_idx], kLevel);
    rows.push_back(Row("cost_offset", cost_terms[term_idx], cost_estimates[term_idx],
                       ReplicateSd(cost_replicates[term_idx]), kNotApplicable, kNotApplicable,
                       cost_ci[term_idx].lower, cost_ci[term_idx].upper));
  }

  // Hope: t.test(hope_6m, hope_baseline, paired = TRUE) and
  // t.test(change[arm == 1], change[arm == 0]) (Welch).
  clock.Start("hope comparisons");
  Result<stats::TTestResult> paired = stats::PairedTTest(cohort.hope_6m, cohort.hope_baseline, kLevel);
  if (!paired.ok()) return paired.status();
  rows.push_back(Row("ttest_paired", "hope_change", paired->estimate, paired->std_error, paired->t,
                     paired->p_value, paired->ci_lower, paired->ci_upper));
  Result<stats::TTestResult> welch = stats::WelchTTest(change_by_arm[1], change_by_arm[0], kLevel);
  if (!welch.ok()) return welch.status();
  rows.push_back(Row("welch", "hope_change_arm1_minus_arm0", welch->estimate, welch->std_error, welch->t,
                     welch->p_value, welch->ci_lower, welch->ci_upper));
  Result<stats::HedgesGResult> hedges = stats::HedgesG(change_by_arm[1], change_by_arm[0], kLevel);
  if (hedges.ok()) {
    rows.push_back(Row("hedges_g", "hope_change_arm1_minus_arm0", hedges->g, hedges->std_error,
                       kNotApplicable, kNotApplicable, hedges->ci_lower, hedges->ci_upper));
  }
  MeanInterval hope_means[2][2];  // [arm][0 before, 1 after], among complete pairs
  for (int arm_value : {0, 1}) {
    std::vector<double> before;
    std::vector<double> after;
    for (std::size_t row = 0; row < n; ++row) {
      if (arm[row] != arm_value || std::isnan(change[row])) continue;
      before.push_back(cohort.hope_baseline[row]);
      after.push_back(cohort.hope_6m[row]);
    }
    hope_means[arm_value][0] = MeanWithInterval(before, kLevel);
    hope_means[arm_value][1] = MeanWithInterval(after, kLevel);
  }
  std::vector<double> cost_by_arm[2];
  for (std::size_t row = 0; row < n; ++row) cost_by_arm[arm[row]].push_back(cohort.cost[row]);
  Result<stats::TTestResult> cost = stats::WelchTTest(cost_by_arm[1], cost_by_arm[0], kLevel);
  if (cost.ok()) {
    rows.push_back(Row("welch", "cost_arm1_minus_arm0", cost->estimate, cost->std_error, cost->t,
                       cost->p_value, cost->ci_lower, cost->ci_upper));
  }

  // Percentile bootstrap of the Welch difference, resampling within arm.
  clock.Start(fmt::format("bootstrap of the hope difference ({} resamples)", settings.bootstrap));
  const std::vector<double> replicates = BootstrapMeanDifferenceByCounts(
      settings.bootstrap, settings.seed, settings.threads, change_complete, arm_complete);
  const stats::PercentileInterval boot_ci = stats::PercentileCi(replicates, kLevel);
  double boot_mean = 0;
  std::size_t boot_valid = 0;
  for (double value : replicates) {
    if (std::isfinite(value)) {
      boot_mean += value;
      ++boot_valid;
    }
  }
  boot_mean /= std::max<std::size_t>(boot_valid, 1);
  double boot_squares = 0;
  for (double value : replicates) {
    if (std::isfinite(value)) boot_squares += (value - boot_mean) * (value - boot_mean);
  }
  const double boot_se = boot_valid > 1 ? std::sqrt(boot_squares / (boot_valid - 1)) : kNotApplicable;
  rows.push_back(Row("bootstrap", "hope_change_arm1_minus_arm0", welch->estimate, boot_se, kNotApplicable,
                     kNotApplicable, boot_ci.lower, boot_ci.upper));

  // Mediation through the change in hope, on the risk scale (started in the
  // background above when there are threads to spare).
  clock.Start(background_mediation
                  ? fmt::format("mediation bootstrap ({} resamples): wait for the background run",
                                settings.mediation_bootstrap)
                  : fmt::format("mediation bootstrap ({} resamples)", settings.mediation_bootstrap));
  Result<stats::MediationResult> mediation = background_mediation ? mediation_future.get() : run_mediation();
  if (background_mediation) {
    evaluation.step_seconds.emplace_back(
        fmt::format("mediation bootstrap ({} resamples), in the background from the start", settings.mediation_bootstrap),
        mediation_seconds);
  }
  if (!mediation.ok()) return mediation.status();
  rows.push_back(Row("mediation", "indirect", mediation->indirect.estimate, kNotApplicable, kNotApplicable,
                     kNotApplicable, mediation->indirect.ci_lower, mediation->indirect.ci_upper));
  rows.push_back(Row("mediation", "direct", mediation->direct.estimate, kNotApplicable, kNotApplicable,
                     kNotApplicable, mediation->direct.ci_lower, mediation->direct.ci_upper));
  rows.push_back(Row("mediation", "total", mediation->total.estimate, kNotApplicable, kNotApplicable,
                     kNotApplicable, mediation->total.ci_lower, mediation->total.ci_upper));
  rows.push_back(Row("mediation_paths", "a_arm_to_hope_change", mediation->a));
  rows.push_back(Row("mediation_paths", "b_hope_change_to_readmitted", mediation->b));
  rows.push_back(Row("mediation_paths", "proportion_mediated", mediation->proportion_mediated));
  rows.push_back(Row("missing", "mediation_rows_excluded", static_cast<double>(mediation->n_missing)));
  // People left out of each analysis (the cohort file requires every column
  // but the two hope scores, so only the hope analyses can lose anyone).
  for (const char* analysis : {"km", "logrank", "cox", "cox_zph", "poisson", "cost_offset"}) {
    rows.push_back(Row("missing", analysis, 0.0));
  }
  rows.push_back(Row("missing", "ttest_paired", static_cast<double>(paired->n_missing)));
  for (const char* analysis : {"welch", "hedges_g", "bootstrap"}) {
    rows.push_back(Row("missing", analysis, static_cast<double>(missing_change)));
  }
  rows.push_back(Row("missing", "mediation", static_cast<double>(mediation->n_missing)));
  clock.Start("report");

  // ----- The report, in plain words, from what ran. -----
  Report& report = evaluation.report;
  report.title = "Peer support and readmission: impact evaluation";
  const stats::CoxTerm& arm_term = cox->terms[0];
  const double hr = std::exp(arm_term.coef);
  const double hr_low = std::exp(arm_term.coef - z_level * arm_term.se);
  const double hr_high = std::exp(arm_term.coef + z_level * arm_term.se);
  report.summary.push_back(fmt::format(
      "Among the {} people who had peer support, {} ({}) were readmitted during follow-up; among the {} "
      "people in the comparison group, {} ({}) were.",
      arm_size[1], arm_events[1], Percent(double(arm_events[1]) / arm_size[1]), arm_size[0], arm_events[0],
      Percent(double(arm_events[0]) / arm_size[0])));
  report.summary.push_back(fmt::format(
      "Taking age, sex and prior admissions into account, the hazard of readmission with peer support was "
      "{} times that of the comparison group (95% confidence interval {}). {}",
      FormatNumber(hr, 2), Interval(hr_low, hr_high, 2),
      hr_high < 1   ? "This is a lower rate of readmission, and the interval does not include 1."
      : hr_low > 1  ? "This is a higher rate of readmission, and the interval does not include 1."
                    : "The interval includes 1, so the data are also consistent with no difference."));
  report.summary.push_back(fmt::format(
      "Hope (Adult Hope Scale, 8 to 64) changed by {} points on average with peer support and by {} points "
      "without it: a difference of {} points (95% confidence interval {}; bootstrap interval {}).",
      FormatNumber(welch->mean_x, 2), FormatNumber(welch->mean_y, 2), FormatNumber(welch->estimate, 2),
      Interval(welch->ci_lower, welch->ci_upper, 2), Interval(boot_ci.lower, boot_ci.upper, 2)));
  report.summary.push_back(fmt::format(
      "Of the difference in the share readmitted ({} percentage points, adjusted), {} percentage points run "
      "through the change in hope (bootstrap interval {}).",
      FormatNumber(100 * mediation->total.estimate, 2), FormatNumber(100 * mediation->indirect.estimate, 2),
      Interval(100 * mediation->indirect.ci_lower, 100 * mediation->indirect.ci_upper, 2)));

  report.methods.push_back(fmt::format(
      "The cohort file {} holds {} people: {} who had peer support and {} in the comparison group. {} "
      "readmissions were recorded ({} with peer support, {} without); everyone else was followed until "
      "the end of their follow-up without a readmission (censored).",
      settings.source_name, n, arm_size[1], arm_size[0], arm_events[0] + arm_events[1], arm_events[1],
      arm_events[0]));
  report.methods.push_back(fmt::format(
      "Missing data are reported, not hidden: the baseline hope score is missing for {} people and the "
      "6-month score for {}, so the change in hope is known for {} people ({} without it). Analyses of "
      "hope use the people with both scores (complete cases); the survival and rate analyses use "
      "everyone.",
      cohort.missing_hope_baseline, cohort.missing_hope_6m, change_complete.size(), missing_change));
  report.methods.push_back(
      "Time to readmission was described with Kaplan-Meier curves for each group (95% confidence "
      "intervals on the log scale, Greenwood variance) and compared with the log-rank test. A Cox "
      "proportional hazards model, readmission ~ arm + age + sex + prior_admissions, with the Efron "
      "method for tied days, estimated the hazard ratio; the proportional-hazards assumption was checked "
      "with the Schoenfeld residual test (cox.zph, Kaplan-Meier time scale), and robust (sandwich) "
      "standard errors are given beside the model-based ones.");
  report.methods.push_back(
      "The readmission rate per day of follow-up was compared with a Poisson model, readmitted ~ arm with "
      "log(followup_days) as an offset, with model-based and robust standard errors.");
  report.methods.push_back(fmt::format(
      "Change in hope (6-month score minus baseline) was tested with a paired t test, and compared between "
      "the groups with Welch's t test and Hedges' g. A percentile bootstrap of the difference in mean "
      "change drew {} resamples within each group (seed {}).",
      settings.bootstrap, settings.seed));
  report.methods.push_back(fmt::format(
      "Mediation: how much of the effect of peer support on readmission runs through the change in hope "
      "was estimated by the product of coefficients on the risk scale (linear models, complete cases, "
      "adjusted for age, sex and prior admissions): hope_change ~ arm + covariates gives a, readmitted ~ "
      "arm + hope_change + covariates gives b and the direct effect; the indirect effect is a x b. "
      "{} {} people without a known change in hope were left out of this analysis.",
      settings.mediation_bootstrap > 0
          ? fmt::format("Percentile bootstrap intervals from {} resamples within each group (seed {}).",
                        settings.mediation_bootstrap, settings.seed + kMediationSeedOffset)
          : std::string("No bootstrap was run for the mediation, so its intervals are not given."),
      mediation->n_missing));
  report.methods.push_back(fmt::format(
      "Cost offset: readmissions averted are the difference in readmission rate per person-day "
      "(comparison minus peer support) times the person-days of the people with peer support; savings "
      "are that number times a unit cost of {} per readmission, and the return on investment is savings "
      "minus the programme cost ({} per person with peer support), divided by the programme cost. "
      "Percentile bootstrap intervals from {} resamples within each group (seed {}).",
      Money(settings.unit_cost), Money(settings.program_cost_per_person), settings.bootstrap,
      settings.seed + kCostSeedOffset));
  report.methods.push_back(
      "All intervals are 95% intervals. Each method matches an R function and is checked against R on "
      "committed data to a relative difference of 1e-6 (see docs/evaluation.md).");

  // Kaplan-Meier section.
  ReportSection km_section;
  km_section.heading = "Time to readmission";
  std::vector<StepCurve> curves;
  double max_time = 1;
  for (int arm_value : {1, 0}) {
    StepCurve curve;
    curve.label = arm_value == 1 ? "Peer support" : "Comparison";
    curve.colour = std::string(arm_value == 1 ? kColourArm1 : kColourArm0);
    curve.dashed = arm_value == 0;
    for (const stats::KaplanMeierRow& km_row : km[arm_value].rows) {
      curve.time.push_back(km_row.time);
      curve.value.push_back(km_row.survival);
      curve.lower.push_back(km_row.lower);
      curve.upper.push_back(km_row.upper);
      max_time = std::max(max_time, km_row.time);
    }
    curves.push_back(std::move(curve));
  }
  double y_min = 1;
  for (const StepCurve& curve : curves) {
    for (double value : curve.lower) {
      if (std::isfinite(value)) y_min = std::min(y_min, value);
    }
  }
  y_min = std::max(0.0, std::floor(y_min * 10 - 1) / 10);
  ReportFigure km_figure;
  km_figure.svg = StepCurvesSvg(
      curves, max_time, y_min, "Share not readmitted over time, by group",
      "Kaplan-Meier curves with 95% confidence bands. Peer support is the solid blue line, comparison the "
      "dashed orange line.",
      "Days since the start of follow-up", "Share not readmitted");
  km_figure.caption = fmt::format(
      "Share of people not yet readmitted, by day of follow-up, with 95% confidence bands. The vertical "
      "axis starts at {}.",
      FormatNumber(y_min, 1));
  km_figure.data.caption = "Share not readmitted at selected days (95% confidence interval)";
  km_figure.data.header = {"Group", "Day", "Share not readmitted", "Standard error", "95% CI"};
  for (int arm_value : {1, 0}) {
    for (double day : kDays) {
      const stats::SurvivalPoint point = stats::SurvivalAt(km[arm_value], day);
      km_figure.data.rows.push_back({arm_value == 1 ? "Peer support" : "Comparison",
                                     FormatNumber(day, 0), FormatNumber(point.survival, 3),
                                     FormatNumber(point.std_err, 4),
                                     Interval(point.lower, point.upper, 3)});
    }
  }
  km_section.figures.push_back(std::move(km_figure));
  ReportTable median_table;
  median_table.caption = "Median days to readmission (not reached when fewer than half were readmitted)";
  median_table.header = {"Group", "People", "Readmitted", "Median days", "95% CI"};
  for (int arm_value : {1, 0}) {
    const stats::MedianSurvival& median = medians[arm_value];
    median_table.rows.push_back(
        {arm_value == 1 ? "Peer support" : "Comparison", fmt::format("{}", arm_size[arm_value]),
         fmt::format("{}", arm_events[arm_value]), median.median ? FormatNumber(*median.median, 0) : "not reached",
         fmt::format("{} to {}", median.lower ? FormatNumber(*median.lower, 0) : "not reached",
                     median.upper ? FormatNumber(*median.upper, 0) : "not reached")});
  }
  km_section.tables.push_back(std::move(median_table));
  km_section.paragraphs.push_back(fmt::format(
      "Log-rank test of equal readmission curves: chi-square {} on 1 degree of freedom, p {}.",
      FormatNumber(logrank->chi_square, 2), FormatP(logrank->p_value)));
  report.sections.push_back(std::move(km_section));

  // Models section.
  ReportSection model_section;
  model_section.heading = "Hazard and rate of readmission";
  ReportTable cox_table;
  cox_table.caption = "Cox model: readmission ~ arm + age + sex + prior_admissions (Efron ties)";
  cox_table.header = {"Term", "Hazard ratio", "95% CI", "Robust 95% CI", "p"};
  for (std::size_t term_idx = 0; term_idx < 4; ++term_idx) {
    const stats::CoxTerm& term = cox->terms[term_idx];
    cox_table.rows.push_back({cox_terms[term_idx], FormatNumber(std::exp(term.coef), 3),
                              Interval(std::exp(term.coef - z_level * term.se), std::exp(term.coef + z_level * term.se), 3),
                              Interval(std::exp(term.coef - z_level * term.robust_se),
                                       std::exp(term.coef + z_level * term.robust_se), 3),
                              FormatP(NormalTwoSidedP(term.coef / term.se))});
  }
  model_section.tables.push_back(std::move(cox_table));
  if (zph.ok()) {
    model_section.paragraphs.push_back(fmt::format(
        "Check of proportional hazards (global test): chi-square {} on {} degrees of freedom, p {}. A small "
        "p-value would mean the hazard ratio changes over follow-up.",
        FormatNumber(zph->global.statistic, 2), zph->global.df, FormatP(zph->global.p_value)));
  }
  ReportTable poisson_table;
  poisson_table.caption = "Poisson model: readmitted ~ arm, offset log(followup_days)";
  poisson_table.header = {"Term", "Rate ratio", "95% CI", "Robust 95% CI", "p"};
  for (std::size_t coef_idx = 0; coef_idx < poisson->rate_ratios.size(); ++coef_idx) {
    const stats::Coefficient& ratio = poisson->rate_ratios[coef_idx];
    const stats::Coefficient& robust = poisson->robust_rate_ratios[coef_idx];
    poisson_table.rows.push_back({ratio.name == "(Intercept)" ? "Baseline rate per day (intercept)" : ratio.name,
                                  FormatNumber(ratio.estimate, ratio.name == "(Intercept)" ? 6 : 3),
                                  Interval(ratio.ci_lower, ratio.ci_upper, ratio.name == "(Intercept)" ? 6 : 3),
                                  Interval(robust.ci_lower, robust.ci_upper, ratio.name == "(Intercept)" ? 6 : 3),
                                  FormatP(poisson->coefficients[coef_idx].p_value)});
  }
  model_section.tables.push_back(std::move(poisson_table));
  report.sections.push_back(std::move(model_section));

  // Hope section.
  ReportSection hope_section;
  hope_section.heading = "Hope before and after";
  std::vector<BeforeAfterGroup> groups =
      ArmBeforeAfterGroups(hope_means, "Peer support", "Comparison");
  ReportFigure hope_figure;
  hope_figure.svg = BeforeAfterSvg(groups, "Mean hope score at baseline and at 6 months, by group",
                                   "Means with 95% confidence intervals among people with both scores.",
                                   "Adult Hope Scale (8 to 64)", "Baseline", "6 months");
  hope_figure.caption = "Mean Adult Hope Scale score at baseline and at 6 months, with 95% confidence "
                        "intervals, among people with both scores.";
  hope_figure.data.caption = "Mean hope score (95% confidence interval)";
  hope_figure.data.header = {"Group", "People", "Baseline", "6 months"};
  for (int arm_value : {1, 0}) {
    hope_figure.data.rows.push_back(
        {arm_value == 1 ? "Peer support" : "Comparison", fmt::format("{}", hope_means[arm_value][0].count),
         fmt::format("{} ({})", FormatNumber(hope_means[arm_value][0].mean, 2),
                     Interval(hope_means[arm_value][0].low, hope_means[arm_value][0].high, 2)),
         fmt::format("{} ({})", FormatNumber(hope_means[arm_value][1].mean, 2),
                     Interval(hope_means[arm_value][1].low, hope_means[arm_value][1].high, 2))});
  }
  hope_section.figures.push_back(std::move(hope_figure));
  ReportTable hope_table;
  hope_table.caption = "Change in hope (6 months minus baseline)";
  hope_table.header = {"Comparison", "Estimate", "95% CI", "p"};
  hope_table.rows.push_back({"Everyone: mean change (paired t test)", FormatNumber(paired->estimate, 3),
                             Interval(paired->ci_lower, paired->ci_upper, 3), FormatP(paired->p_value)});
  hope_table.rows.push_back({"Peer support minus comparison (Welch t test)", FormatNumber(welch->estimate, 3),
                             Interval(welch->ci_lower, welch->ci_upper, 3), FormatP(welch->p_value)});
  hope_table.rows.push_back({fmt::format("Same difference, percentile bootstrap ({} resamples)", settings.bootstrap),
                             FormatNumber(welch->estimate, 3), Interval(boot_ci.lower, boot_ci.upper, 3), "-"});
  if (hedges.ok()) {
    hope_table.rows.push_back({"Standardised difference (Hedges' g)", FormatNumber(hedges->g, 3),
                               Interval(hedges->ci_lower, hedges->ci_upper, 3), "-"});
  }
  hope_section.tables.push_back(std::move(hope_table));
  report.sections.push_back(std::move(hope_section));

  // Mediation section.
  ReportSection mediation_section;
  mediation_section.heading = "Does hope carry part of the effect?";
  mediation_section.paragraphs.push_back(fmt::format(
      "Peer support changed hope by {} points (a); each point of change in hope went with a change of {} "
      "percentage points in the share readmitted (b). Effects below are differences in the share "
      "readmitted (risk differences).",
      FormatNumber(mediation->a, 3), FormatNumber(100 * mediation->b, 3)));
  ReportTable mediation_table;
  mediation_table.caption = fmt::format("Mediation through the change in hope ({} resamples)", settings.mediation_bootstrap);
  mediation_table.header = {"Effect", "Risk difference (percentage points)", "Bootstrap 95% CI"};
  for (auto [label, effect] : {std::pair{"Indirect (through hope)", mediation->indirect},
                               std::pair{"Direct", mediation->direct}, std::pair{"Total", mediation->total}}) {
    mediation_table.rows.push_back({label, FormatNumber(100 * effect.estimate, 3),
                                    Interval(100 * effect.ci_lower, 100 * effect.ci_upper, 3)});
  }
  mediation_section.tables.push_back(std::move(mediation_table));
  report.sections.push_back(std::move(mediation_section));

  // Cost offset section.
  ReportSection cost_section;
  cost_section.heading = "Costs and savings";
  cost_section.paragraphs.push_back(fmt::format(
      "Readmissions per 1,000 person-days of follow-up: {} with peer support and {} in the comparison "
      "group. Had the people with peer support been readmitted at the comparison group's rate over their "
      "{} person-days, there would have been {} more readmissions (95% bootstrap interval {}). At {} per "
      "readmission that is {} saved, against a programme cost of {} ({} per person for {} people).",
      FormatNumber(1000 * offset->rate_peer, 3), FormatNumber(1000 * offset->rate_comparison, 3),
      Money(cost_inputs.exposure_peer), FormatNumber(offset->events_averted, 1),
      Interval(cost_ci[0].lower, cost_ci[0].upper, 1), Money(settings.unit_cost), Money(offset->gross_savings),
      Money(cost_inputs.program_cost), Money(settings.program_cost_per_person), arm_size[1]));
  ReportTable cost_table;
  cost_table.caption = fmt::format("Cost offset and return on investment ({} resamples within each group)",
                                   settings.bootstrap);
  cost_table.header = {"Quantity", "Estimate", "Bootstrap 95% CI"};
  cost_table.rows.push_back({"Readmissions averted", FormatNumber(offset->events_averted, 1),
                             Interval(cost_ci[0].lower, cost_ci[0].upper, 1)});
  cost_table.rows.push_back({"Savings (readmissions averted x unit cost)", Money(offset->gross_savings),
                             fmt::format("{} to {}", Money(cost_ci[1].lower), Money(cost_ci[1].upper))});
  cost_table.rows.push_back({"Net savings (savings minus programme cost)", Money(offset->net_savings),
                             fmt::format("{} to {}", Money(cost_ci[2].lower), Money(cost_ci[2].upper))});
  cost_table.rows.push_back({"Return on investment (net savings / programme cost)",
                             std::isfinite(offset->roi) ? FormatNumber(offset->roi, 2) : "not defined",
                             std::isfinite(offset->roi) ? Interval(cost_ci[3].lower, cost_ci[3].upper, 2) : "-"});
  cost_section.tables.push_back(std::move(cost_table));
  cost_section.paragraphs.push_back(
      "A return on investment above 0 means the programme saved more than it cost; the unit cost and "
      "programme cost are inputs (--unit-cost, --program-cost-per-person), not estimates.");
  report.sections.push_back(std::move(cost_section));

  // Effects at a glance.
  ReportSection forest_section;
  forest_section.heading = "Effects at a glance";
  std::vector<ForestItem> ratio_items = {
      {"Hazard ratio (Cox, adjusted)", hr, hr_low, hr_high}};
  if (rate_ratio != nullptr) {
    ratio_items.push_back({"Rate ratio (Poisson)", rate_ratio->estimate, rate_ratio->ci_lower, rate_ratio->ci_upper});
  }
  ReportFigure ratio_figure;
  ratio_figure.svg = ForestSvg(ratio_items, 1.0, true, "Ratios of readmission, peer support vs comparison",
                               "Points are estimates, lines 95% confidence intervals; 1 means no difference.",
                               "Ratio (log scale); below 1 = fewer readmissions with peer support");
  ratio_figure.caption = "Hazard ratio and rate ratio of readmission with 95% confidence intervals.";
  ratio_figure.data.caption = "Ratios (95% confidence interval)";
  ratio_figure.data.header = {"Effect", "Estimate", "95% CI"};
  for (const ForestItem& item : ratio_items) {
    ratio_figure.data.rows.push_back({item.label, FormatNumber(item.estimate, 3), Interval(item.low, item.high, 3)});
  }
  forest_section.figures.push_back(std::move(ratio_figure));
  std::vector<ForestItem> difference_items = {
      {"Hope change difference (Welch)", welch->estimate, welch->ci_lower, welch->ci_upper},
      {"Hope change difference (bootstrap)", welch->estimate, boot_ci.lower, boot_ci.upper}};
  ReportFigure difference_figure;
  difference_figure.svg = ForestSvg(difference_items, 0.0, false, "Difference in change of hope, peer support minus comparison",
                                    "Points are estimates, lines 95% intervals; 0 means no difference.",
                                    "Points on the Adult Hope Scale; above 0 = more hope with peer support");
  difference_figure.caption = "Difference in the mean change of hope between the groups, with 95% intervals.";
  difference_figure.data.caption = "Differences (95% interval)";
  difference_figure.data.header = {"Effect", "Estimate", "95% interval"};
  for (const ForestItem& item : difference_items) {
    difference_figure.data.rows.push_back({item.label, FormatNumber(item.estimate, 3), Interval(item.low, item.high, 3)});
  }
  forest_section.figures.push_back(std::move(difference_figure));
  if (cost.ok()) {
    forest_section.paragraphs.push_back(fmt::format(
        "Mean cost per person: {} with peer support and {} in the comparison group; difference {} (95% "
        "confidence interval {}).",
        FormatNumber(cost->mean_x, 2), FormatNumber(cost->mean_y, 2), FormatNumber(cost->estimate, 2),
        Interval(cost->ci_lower, cost->ci_upper, 2)));
  }
  report.sections.push_back(std::move(forest_section));
  clock.Stop();
  return evaluation;
}

}  // namespace alongside::evaluation
