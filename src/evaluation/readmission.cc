// The readmission design: peer support (arm 1) vs comparison (arm 0) on time
// to readmission, with hope (Adult Hope Scale) as the mediator. Each step
// names the R call it reproduces; tests/oracle/evaluate.R is the reference.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <numeric>
#include <optional>

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
// The one-way sensitivity table of the cost offset: each assumed cost at
// these multiples of its assumed value.
constexpr double kSensitivityFactors[] = {0.5, 0.75, 1.0, 1.5, 2.0};

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
  // Hope analyses need complete pairs: two in all for the paired t test, two
  // in each arm for the comparisons between arms and the mediation. With
  // fewer, their rows say "too_few_pairs" and everything else still runs.
  const bool paired_estimable = change_complete.size() >= 2;
  const bool hope_estimable = change_by_arm[0].size() >= 2 && change_by_arm[1].size() >= 2;
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
  const bool background_mediation = hope_estimable && settings.threads >= 2 && settings.mediation_bootstrap > 0;
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
  // With no readmission in one arm the partial likelihood has no maximum
  // (monotone likelihood: R warns "coefficient may be infinite") and the
  // Poisson likelihood neither: those models' rows say so (note
  // "separation") instead of printing a number that does not exist.
  const bool separated = arm_events[0] == 0 || arm_events[1] == 0;
  const char* cox_terms[] = {"arm", "age", "sex", "prior_admissions"};
  const double z_level = NormalQuantile(1 - (1 - kLevel) / 2);
  std::optional<stats::CoxFit> cox;
  std::optional<stats::CoxZph> zph;
  std::optional<stats::GlmFit> poisson;
  if (separated) {
    for (const char* analysis : {"cox", "cox_robust", "cox_hr", "cox_zph"}) {
      for (const char* term : cox_terms) rows.push_back(NotEstimableRow(analysis, term, kNoteSeparation));
    }
    rows.push_back(NotEstimableRow("cox_zph", "GLOBAL", kNoteSeparation));
    for (const char* analysis : {"poisson", "poisson_robust"}) {
      for (const char* term : {"(Intercept)", "arm"}) rows.push_back(NotEstimableRow(analysis, term, kNoteSeparation));
    }
  } else {
    clock.Start("Cox model");
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
    Result<stats::CoxFit> cox_fit = stats::FitCoxEfron(x, cohort.followup_days, event, cox_options);
    if (!cox_fit.ok()) return cox_fit.status();
    cox = std::move(*cox_fit);
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
    Result<stats::CoxZph> zph_fit = stats::CoxZphTest(*cox, x, cohort.followup_days, event);
    if (zph_fit.ok()) {
      zph = std::move(*zph_fit);
      for (std::size_t term_idx = 0; term_idx < 4; ++term_idx) {
        rows.push_back(Row("cox_zph", cox_terms[term_idx], kNotApplicable, kNotApplicable,
                           zph->terms[term_idx].statistic, zph->terms[term_idx].p_value));
      }
      rows.push_back(Row("cox_zph", "GLOBAL", kNotApplicable, kNotApplicable, zph->global.statistic,
                         zph->global.p_value));
    }

    // Poisson: glm(readmitted ~ arm + offset(log(followup_days)), family = poisson),
    // robust rows as sandwich::vcovHC(fit, type = "HC0").
    clock.Start("Poisson rate model");
    const stats::Predictor arm_predictor{"arm", cohort.arm};
    Result<stats::GlmFit> poisson_fit =
        stats::FitPoisson(cohort.readmitted, std::span(&arm_predictor, 1), cohort.followup_days);
    if (!poisson_fit.ok()) return poisson_fit.status();
    poisson = std::move(*poisson_fit);
    for (const stats::Coefficient& coefficient : poisson->coefficients) rows.push_back(CoefficientRow("poisson", coefficient));
    for (const stats::Coefficient& coefficient : poisson->robust_coefficients) {
      rows.push_back(CoefficientRow("poisson_robust", coefficient));
    }
  }
  const stats::Coefficient* rate_ratio = poisson ? poisson->FindRateRatio("arm") : nullptr;

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
  // The same with the adjusted hazard ratio of the Cox model: had the people
  // with peer support had the comparison group's hazard, they would have had
  // events_peer / HR readmissions, so averted = events_peer (1 / HR - 1);
  // the interval maps the HR's Wald interval (conditional on the observed
  // number of readmissions with peer support).
  std::optional<stats::AdjustedCostOffset> adjusted;
  if (cox) {
    const stats::CoxTerm& term = cox->terms[0];
    adjusted = stats::AdjustCostOffset(cost_inputs, std::exp(term.coef), std::exp(term.coef - z_level * term.se),
                                std::exp(term.coef + z_level * term.se));
    const char* adjusted_terms[] = {"readmissions_averted_adjusted", "savings_adjusted", "net_savings_adjusted",
                                    "roi_adjusted"};
    for (std::size_t term_idx = 0; term_idx < 4; ++term_idx) {
      rows.push_back(Row("cost_offset", adjusted_terms[term_idx], adjusted->estimate[term_idx], kNotApplicable,
                         kNotApplicable, kNotApplicable, adjusted->low[term_idx], adjusted->high[term_idx]));
    }
  } else {
    for (const char* term : {"readmissions_averted_adjusted", "savings_adjusted", "net_savings_adjusted",
                             "roi_adjusted"}) {
      rows.push_back(NotEstimableRow("cost_offset", term, kNoteSeparation));
    }
  }

  // Hope: t.test(hope_6m, hope_baseline, paired = TRUE) and
  // t.test(change[arm == 1], change[arm == 0]) (Welch). Each needs complete
  // pairs: two in all for the paired test, two in each arm for the rest.
  clock.Start("hope comparisons");
  std::optional<stats::TTestResult> paired;
  std::optional<stats::TTestResult> welch;
  std::optional<stats::HedgesGResult> hedges;
  if (paired_estimable) {
    Result<stats::TTestResult> fit = stats::PairedTTest(cohort.hope_6m, cohort.hope_baseline, kLevel);
    if (!fit.ok()) return fit.status();
    paired = *fit;
    rows.push_back(Row("ttest_paired", "hope_change", paired->estimate, paired->std_error, paired->t,
                       paired->p_value, paired->ci_lower, paired->ci_upper));
  } else {
    rows.push_back(NotEstimableRow("ttest_paired", "hope_change", kNoteTooFewPairs));
  }
  if (hope_estimable) {
    Result<stats::TTestResult> fit = stats::WelchTTest(change_by_arm[1], change_by_arm[0], kLevel);
    if (!fit.ok()) return fit.status();
    welch = *fit;
    rows.push_back(Row("welch", "hope_change_arm1_minus_arm0", welch->estimate, welch->std_error, welch->t,
                       welch->p_value, welch->ci_lower, welch->ci_upper));
    Result<stats::HedgesGResult> g = stats::HedgesG(change_by_arm[1], change_by_arm[0], kLevel);
    if (g.ok()) {
      hedges = *g;
      rows.push_back(Row("hedges_g", "hope_change_arm1_minus_arm0", hedges->g, hedges->std_error,
                         kNotApplicable, kNotApplicable, hedges->ci_lower, hedges->ci_upper));
    }
  } else {
    rows.push_back(NotEstimableRow("welch", "hope_change_arm1_minus_arm0", kNoteTooFewPairs));
    rows.push_back(NotEstimableRow("hedges_g", "hope_change_arm1_minus_arm0", kNoteTooFewPairs));
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
  stats::PercentileInterval boot_ci{kNotApplicable, kNotApplicable};
  if (hope_estimable) {
    clock.Start(fmt::format("bootstrap of the hope difference ({} resamples)", settings.bootstrap));
    const std::vector<double> replicates = BootstrapMeanDifferenceByCounts(
        settings.bootstrap, settings.seed, settings.threads, change_complete, arm_complete);
    boot_ci = stats::PercentileCi(replicates, kLevel);
    rows.push_back(Row("bootstrap", "hope_change_arm1_minus_arm0", welch->estimate, ReplicateSd(replicates),
                       kNotApplicable, kNotApplicable, boot_ci.lower, boot_ci.upper));
  } else {
    rows.push_back(NotEstimableRow("bootstrap", "hope_change_arm1_minus_arm0", kNoteTooFewPairs));
  }

  // Mediation through the change in hope, on the risk scale (started in the
  // background above when there are threads to spare).
  std::optional<stats::MediationResult> mediation;
  std::size_t mediation_excluded = missing_change;
  if (hope_estimable) {
    clock.Start(background_mediation
                    ? fmt::format("mediation bootstrap ({} resamples): wait for the background run",
                                  settings.mediation_bootstrap)
                    : fmt::format("mediation bootstrap ({} resamples)", settings.mediation_bootstrap));
    Result<stats::MediationResult> result = background_mediation ? mediation_future.get() : run_mediation();
    if (background_mediation) {
      evaluation.step_seconds.emplace_back(
          fmt::format("mediation bootstrap ({} resamples), in the background from the start", settings.mediation_bootstrap),
          mediation_seconds);
    }
    if (!result.ok()) return result.status();
    mediation = std::move(*result);
    mediation_excluded = mediation->n_missing;
    rows.push_back(Row("mediation", "indirect", mediation->indirect.estimate, kNotApplicable, kNotApplicable,
                       kNotApplicable, mediation->indirect.ci_lower, mediation->indirect.ci_upper));
    rows.push_back(Row("mediation", "direct", mediation->direct.estimate, kNotApplicable, kNotApplicable,
                       kNotApplicable, mediation->direct.ci_lower, mediation->direct.ci_upper));
    rows.push_back(Row("mediation", "total", mediation->total.estimate, kNotApplicable, kNotApplicable,
                       kNotApplicable, mediation->total.ci_lower, mediation->total.ci_upper));
    rows.push_back(Row("mediation_paths", "a_arm_to_hope_change", mediation->a));
    rows.push_back(Row("mediation_paths", "b_hope_change_to_readmitted", mediation->b));
    rows.push_back(Row("mediation_paths", "proportion_mediated", mediation->proportion_mediated));
  } else {
    for (const char* term : {"indirect", "direct", "total"}) {
      rows.push_back(NotEstimableRow("mediation", term, kNoteTooFewPairs));
    }
    for (const char* term : {"a_arm_to_hope_change", "b_hope_change_to_readmitted", "proportion_mediated"}) {
      rows.push_back(NotEstimableRow("mediation_paths", term, kNoteTooFewPairs));
    }
  }
  rows.push_back(Row("missing", "mediation_rows_excluded", static_cast<double>(mediation_excluded)));
  // People left out of each analysis (the cohort file requires every column
  // but the two hope scores, so only the hope analyses can lose anyone).
  for (const char* analysis : {"km", "logrank", "cox", "cox_zph", "poisson", "cost_offset"}) {
    rows.push_back(Row("missing", analysis, 0.0));
  }
  rows.push_back(Row("missing", "ttest_paired", static_cast<double>(missing_change)));
  for (const char* analysis : {"welch", "hedges_g", "bootstrap"}) {
    rows.push_back(Row("missing", analysis, static_cast<double>(missing_change)));
  }
  rows.push_back(Row("missing", "mediation", static_cast<double>(mediation_excluded)));
  clock.Start("report");

  // ----- The report, in plain words, from what ran. -----
  Report& report = evaluation.report;
  report.title = "Peer support and readmission: impact evaluation";
  const std::string peer_group = arm_events[1] == 0 ? "with peer support" : "in the comparison group";
  double hr = kNotApplicable, hr_low = kNotApplicable, hr_high = kNotApplicable;
  if (cox) {
    const stats::CoxTerm& arm_term = cox->terms[0];
    hr = std::exp(arm_term.coef);
    hr_low = std::exp(arm_term.coef - z_level * arm_term.se);
    hr_high = std::exp(arm_term.coef + z_level * arm_term.se);
  }
  report.summary.push_back(fmt::format(
      "Among the {} who had peer support, {} ({}) were readmitted during follow-up; among the {} in the "
      "comparison group, {} ({}) were.",
      Count(arm_size[1], "person", "people"), arm_events[1], Percent(double(arm_events[1]) / arm_size[1]),
      Count(arm_size[0], "person", "people"), arm_events[0], Percent(double(arm_events[0]) / arm_size[0])));
  report.summary.push_back(AllocationSentence(settings.randomised, "people", "peer support"));
  if (separated) {
    report.summary.push_back(fmt::format(
        "No one {} was readmitted, so the hazard ratio and the rate ratio do not exist for these data: the "
        "models' estimates run off towards {} (R warns that the coefficient may be infinite) and are not "
        "reported. The Kaplan-Meier curves and the log-rank test below do not need them and stand "
        "(log-rank p {}).",
        peer_group, arm_events[1] == 0 ? "zero" : "infinity", FormatP(logrank->p_value)));
  } else {
    const std::string ratio_text = fmt::format("{} times", FormatNumber(hr, 2));
    report.summary.push_back(fmt::format(
        "{} (95% confidence interval {}). {}",
        settings.randomised
            ? fmt::format("Taking age, sex and prior admissions into account, peer support changed the hazard "
                          "of readmission to {} that of the comparison group",
                          ratio_text)
            : fmt::format("Taking age, sex and prior admissions into account, people with peer support had a "
                          "hazard of readmission {} that of the comparison group",
                          ratio_text),
        Interval(hr_low, hr_high, 2),
        hr_high < 1   ? "That is a lower rate of readmission, and the interval does not include 1."
        : hr_low > 1  ? "That is a higher rate of readmission, and the interval does not include 1."
                      : "The interval includes 1, so the data are also consistent with no difference."));
  }
  if (welch) {
    report.summary.push_back(fmt::format(
        "Hope (Adult Hope Scale, 8 to 64) changed by {} points on average with peer support and by {} points "
        "without it: a difference of {} points (95% confidence interval {}; bootstrap interval {}).",
        FormatNumber(welch->mean_x, 2), FormatNumber(welch->mean_y, 2), FormatNumber(welch->estimate, 2),
        Interval(welch->ci_lower, welch->ci_upper, 2), Interval(boot_ci.lower, boot_ci.upper, 2)));
  } else {
    report.summary.push_back(fmt::format(
        "The change in hope cannot be compared between the groups: it needs both hope scores for at least "
        "two people in each group, and there are {} with peer support and {} in the comparison group. The "
        "analyses of readmission above do not depend on hope and stand.",
        Count(change_by_arm[1].size(), "complete pair", "complete pairs"),
        Count(change_by_arm[0].size(), "complete pair", "complete pairs")));
  }
  if (mediation) {
    report.summary.push_back(fmt::format(
        "Of the difference in the share readmitted ({} percentage points, adjusted), {} percentage points went "
        "with the change in hope (bootstrap interval {}); see the cautions under \"Does hope carry part of "
        "the difference?\".",
        FormatNumber(100 * mediation->total.estimate, 2), FormatNumber(100 * mediation->indirect.estimate, 2),
        Interval(100 * mediation->indirect.ci_lower, 100 * mediation->indirect.ci_upper, 2)));
  }

  report.methods.push_back(fmt::format(
      "The cohort file {} holds {}: {} who had peer support and {} in the comparison group. {} "
      "were recorded ({} with peer support, {} without); everyone else was followed until "
      "the end of their follow-up without a readmission (censored).",
      settings.source_name, Count(n, "person", "people"), arm_size[1], arm_size[0],
      Count(arm_events[0] + arm_events[1], "readmission", "readmissions"), arm_events[1], arm_events[0]));
  report.methods.push_back(fmt::format(
      "Missing data are reported, not hidden: the baseline hope score is missing for {} and the "
      "6-month score for {}, so the change in hope is known for {} ({} without it). Analyses of "
      "hope use the people with both scores (complete cases); the survival and rate analyses use "
      "everyone.",
      Count(cohort.missing_hope_baseline, "person", "people"), Count(cohort.missing_hope_6m, "person", "people"),
      Count(change_complete.size(), "person", "people"), missing_change));
  report.methods.push_back(
      "Time to readmission was described with Kaplan-Meier curves for each group (95% confidence "
      "intervals on the log scale, Greenwood variance) and compared with the log-rank test. A Cox "
      "proportional hazards model, readmission ~ arm + age + sex + prior_admissions, with the Efron "
      "method for tied days, estimated the hazard ratio; the proportional-hazards assumption was checked "
      "with the Schoenfeld residual test (cox.zph, Kaplan-Meier time scale), and robust (sandwich) "
      "standard errors are given beside the model-based ones.");
  report.methods.push_back(
      "The readmission rate per day of follow-up was compared with a Poisson model, readmitted ~ arm with "
      "log(followup_days) as an offset, with model-based and robust (sandwich, HC0) standard errors.");
  report.methods.push_back(fmt::format(
      "Change in hope (6-month score minus baseline) was tested with a paired t test, and compared between "
      "the groups with Welch's t test and Hedges' g. A percentile bootstrap of the difference in mean "
      "change drew {} within each group (seed {}).",
      Count(settings.bootstrap, "resample", "resamples"), settings.seed));
  report.methods.push_back(fmt::format(
      "Mediation: how much of the difference in readmission between the groups goes with the change in hope "
      "was estimated by the product of coefficients on the risk scale (linear models, complete cases, "
      "adjusted for age, sex and prior admissions): hope_change ~ arm + covariates gives a, readmitted ~ "
      "arm + hope_change + covariates gives b and the direct effect; the indirect effect is a x b. "
      "{} {} without a known change in hope {} left out of this analysis.",
      settings.mediation_bootstrap > 0
          ? fmt::format("Percentile bootstrap intervals from {} within each group (seed {}).",
                        Count(settings.mediation_bootstrap, "resample", "resamples"),
                        settings.seed + kMediationSeedOffset)
          : std::string("No bootstrap was run for the mediation, so its intervals are not given."),
      Count(mediation_excluded, "person", "people"), mediation_excluded == 1 ? "was" : "were"));
  report.methods.push_back(fmt::format(
      "Cost offset: readmissions averted are estimated twice. Crude: the difference in readmission rate per "
      "person-day (comparison minus peer support) times the person-days of the people with peer support, "
      "with percentile bootstrap intervals from {} within each group (seed {}). Adjusted: the "
      "readmissions of the people with peer support times (1 / hazard ratio - 1), with the adjusted hazard "
      "ratio of the Cox model and its interval. Savings are readmissions averted times the unit cost, and "
      "the return on investment is savings minus the programme cost, divided by the programme cost. The "
      "unit cost ({} per readmission) and the programme cost ({} per person with peer support) are "
      "assumptions, not estimates; the section on costs shows how the result moves when they change.",
      Count(settings.bootstrap, "resample", "resamples"), settings.seed + kCostSeedOffset, Money(settings.unit_cost),
      Money(settings.program_cost_per_person)));
  report.methods.push_back(
      "All intervals are 95% intervals. The table \"How each result was computed\" at the end names the R "
      "function each row of estimates.csv follows and whether the test suite compares it with R.");

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
  // Numbers at risk, as survival reports print them under the axis: the
  // people still followed on each day (everyone on day 0), R's
  // summary(fit, times = days)$n.risk. In the chart and as a table under it.
  const std::vector<double> at_risk_days = AtRiskDays(max_time);
  ReportTable at_risk_table;
  at_risk_table.caption = "Number at risk";
  at_risk_table.header = {"Group"};
  for (double day : at_risk_days) at_risk_table.header.push_back("Day " + FormatNumber(day, 0));
  for (std::size_t curve_idx = 0; curve_idx < curves.size(); ++curve_idx) {
    const int arm_value = curve_idx == 0 ? 1 : 0;  // curves are in the order {1, 0}
    std::vector<std::string> row = {curves[curve_idx].label};
    for (double day : at_risk_days) {
      const double at_risk = stats::SurvivalAt(km[arm_value], day).n_risk;
      curves[curve_idx].at_risk.push_back(at_risk);
      row.push_back(FormatNumber(at_risk, 0));
    }
    at_risk_table.rows.push_back(std::move(row));
  }
  ReportFigure km_figure;
  km_figure.svg = StepCurvesSvg(
      curves, max_time, y_min, "Share not readmitted over time, by group",
      "Kaplan-Meier curves with 95% confidence bands. Peer support is the solid blue line, comparison the "
      "dashed orange line. Under the axis, the number of people still at risk in each group.",
      "Days since the start of follow-up", "Share not readmitted", at_risk_days);
  km_figure.tables.push_back(std::move(at_risk_table));
  km_figure.caption = CaptionWithAxisStart(
      "Share of people not yet readmitted, by day of follow-up, with 95% confidence bands.", y_min);
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
  for (std::size_t term_idx = 0; cox && term_idx < 4; ++term_idx) {
    const stats::CoxTerm& term = cox->terms[term_idx];
    cox_table.rows.push_back({cox_terms[term_idx], FormatNumber(std::exp(term.coef), 3),
                              Interval(std::exp(term.coef - z_level * term.se), std::exp(term.coef + z_level * term.se), 3),
                              Interval(std::exp(term.coef - z_level * term.robust_se),
                                       std::exp(term.coef + z_level * term.robust_se), 3),
                              FormatP(NormalTwoSidedP(term.coef / term.se))});
  }
  if (!cox) {
    cox_table.rows.push_back({"arm", "not estimable: no readmissions in one group", "-", "-", "-"});
  }
  model_section.tables.push_back(std::move(cox_table));
  if (zph) {
    model_section.paragraphs.push_back(fmt::format(
        "Check of proportional hazards (global test): chi-square {} on {}, p {}. A small "
        "p-value would mean the hazard ratio changes over follow-up.",
        FormatNumber(zph->global.statistic, 2),
        Count(static_cast<std::size_t>(zph->global.df), "degree of freedom", "degrees of freedom"),
        FormatP(zph->global.p_value)));
  }
  ReportTable poisson_table;
  poisson_table.caption = "Poisson model: readmitted ~ arm, offset log(followup_days)";
  poisson_table.header = {"Term", "Rate ratio", "95% CI", "Robust 95% CI", "p"};
  if (!poisson) {
    poisson_table.rows.push_back({"arm", "not estimable: no readmissions in one group", "-", "-", "-"});
  }
  for (std::size_t coef_idx = 0; poisson && coef_idx < poisson->rate_ratios.size(); ++coef_idx) {
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
  hope_figure.caption = CaptionWithAxisStart(
      "Mean Adult Hope Scale score at baseline and at 6 months, with 95% confidence intervals, among people "
      "with both scores.",
      BeforeAfterAxisStart(groups));
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
  if (paired) {
    hope_table.rows.push_back({"Everyone: mean change (paired t test)", FormatNumber(paired->estimate, 3),
                               Interval(paired->ci_lower, paired->ci_upper, 3), FormatP(paired->p_value)});
  } else {
    hope_table.rows.push_back({"Everyone: mean change (paired t test)", "not estimable: fewer than 2 complete pairs",
                               "-", "-"});
  }
  if (welch) {
    hope_table.rows.push_back({"Peer support minus comparison (Welch t test)", FormatNumber(welch->estimate, 3),
                               Interval(welch->ci_lower, welch->ci_upper, 3), FormatP(welch->p_value)});
    hope_table.rows.push_back(
        {fmt::format("Same difference, percentile bootstrap ({})",
                     Count(settings.bootstrap, "resample", "resamples")),
         FormatNumber(welch->estimate, 3), Interval(boot_ci.lower, boot_ci.upper, 3), "-"});
  } else {
    hope_table.rows.push_back({"Peer support minus comparison",
                               "not estimable: fewer than 2 complete pairs in a group", "-", "-"});
  }
  if (hedges) {
    hope_table.rows.push_back({"Standardised difference (Hedges' g)", FormatNumber(hedges->g, 3),
                               Interval(hedges->ci_lower, hedges->ci_upper, 3), "-"});
  }
  hope_section.tables.push_back(std::move(hope_table));
  report.sections.push_back(std::move(hope_section));

  // Mediation section.
  ReportSection mediation_section;
  mediation_section.heading = "Does hope carry part of the difference?";
  if (mediation) {
    mediation_section.paragraphs.push_back(fmt::format(
        "Hope changed by {} points more with peer support than without it (a, adjusted); each point of change "
        "in hope went with a change of {} percentage points in the share readmitted (b). Effects below are "
        "differences in the share readmitted (risk differences).",
        FormatNumber(mediation->a, 3), FormatNumber(100 * mediation->b, 3)));
    ReportTable mediation_table;
    mediation_table.caption =
        fmt::format("Mediation through the change in hope ({})",
                    Count(settings.mediation_bootstrap, "resample", "resamples"));
    mediation_table.header = {"Effect", "Risk difference (percentage points)", "Bootstrap 95% CI"};
    for (auto [label, effect] : {std::pair{"Indirect (through hope)", mediation->indirect},
                                 std::pair{"Direct", mediation->direct}, std::pair{"Total", mediation->total}}) {
      mediation_table.rows.push_back({label, FormatNumber(100 * effect.estimate, 3),
                                      Interval(100 * effect.ci_lower, 100 * effect.ci_upper, 3)});
    }
    mediation_section.tables.push_back(std::move(mediation_table));
    mediation_section.paragraphs.push_back(
        "What this can and cannot show. The share readmitted is modelled as a straight line (a linear "
        "probability model): it ignores how long each person was followed (people lost to follow-up count as "
        "not readmitted) and when a readmission happened. Hope was measured at 6 months, after many "
        "readmissions had already happened, so a readmission may have lowered hope as much as hope may have "
        "prevented readmission. Splitting the difference into a part through hope and a direct part also "
        "assumes that nothing unmeasured drives both hope and readmission, which no data can check. Read the "
        "indirect part as how much of the difference goes along with the change in hope, not as proof that "
        "raising hope prevents readmission.");
  } else {
    mediation_section.paragraphs.push_back(fmt::format(
        "Not estimable for these data: the mediation analysis needs both hope scores for at least two people "
        "in each group, and there are {} with peer support and {} in the comparison group.",
        Count(change_by_arm[1].size(), "complete pair", "complete pairs"),
        Count(change_by_arm[0].size(), "complete pair", "complete pairs")));
  }
  report.sections.push_back(std::move(mediation_section));

  // Cost offset section.
  ReportSection cost_section;
  cost_section.heading = "Costs and savings";
  const bool default_unit_cost = settings.unit_cost == kDefaultUnitCost;
  const bool default_program_cost = settings.program_cost_per_person == kDefaultProgramCostPerPerson;
  cost_section.paragraphs.push_back(fmt::format(
      "Two inputs here are assumptions, not findings: a readmission costs {}{}, and peer support costs {} per "
      "person{}. Give your service's own figures with --unit-cost and --program-cost-per-person; the "
      "sensitivity table below shows how the return on investment moves with each.",
      Money(settings.unit_cost),
      default_unit_cost ? " (the built-in illustrative figure, not taken from your data)" : " (as given)",
      Money(settings.program_cost_per_person),
      default_program_cost ? " (the built-in illustrative figure)" : " (as given)"));
  cost_section.paragraphs.push_back(fmt::format(
      "Readmissions per 1,000 person-days of follow-up: {} with peer support and {} in the comparison "
      "group. Had the people with peer support been readmitted at the comparison group's crude rate over "
      "their {} person-days, there would have been {} more readmissions (95% bootstrap interval {}).{}",
      FormatNumber(1000 * offset->rate_peer, 3), FormatNumber(1000 * offset->rate_comparison, 3),
      Money(cost_inputs.exposure_peer), FormatNumber(offset->events_averted, 1),
      Interval(cost_ci[0].lower, cost_ci[0].upper, 1),
      adjusted ? fmt::format(" Using the hazard ratio adjusted for age, sex and prior admissions instead, {} "
                             "readmissions (interval {}).",
                             FormatNumber(adjusted->estimate[0], 1),
                             Interval(adjusted->low[0], adjusted->high[0], 1))
               : std::string(" The adjusted estimate does not exist for these data (no readmissions in one "
                             "group).")));
  ReportTable cost_table;
  cost_table.caption = fmt::format(
      "Cost offset and return on investment at the assumed costs (crude: {} within each "
      "group; adjusted: from the hazard ratio's interval)",
      Count(settings.bootstrap, "bootstrap resample", "bootstrap resamples"));
  cost_table.header = {"Quantity", "Crude", "95% interval", "Adjusted", "95% interval"};
  auto adjusted_cell = [&](int index, bool money) -> std::pair<std::string, std::string> {
    if (!adjusted) return {"not estimable", "-"};
    if (money) {
      return {Money(adjusted->estimate[index]),
              fmt::format("{} to {}", Money(adjusted->low[index]), Money(adjusted->high[index]))};
    }
    if (!std::isfinite(adjusted->estimate[index])) return {"not defined", "-"};
    return {FormatNumber(adjusted->estimate[index], index == 0 ? 1 : 2),
            Interval(adjusted->low[index], adjusted->high[index], index == 0 ? 1 : 2)};
  };
  {
    auto [averted, averted_ci] = adjusted_cell(0, false);
    cost_table.rows.push_back({"Readmissions averted", FormatNumber(offset->events_averted, 1),
                               Interval(cost_ci[0].lower, cost_ci[0].upper, 1), averted, averted_ci});
    auto [savings, savings_ci] = adjusted_cell(1, true);
    cost_table.rows.push_back({"Savings (readmissions averted x unit cost)", Money(offset->gross_savings),
                               fmt::format("{} to {}", Money(cost_ci[1].lower), Money(cost_ci[1].upper)), savings,
                               savings_ci});
    auto [net, net_ci] = adjusted_cell(2, true);
    cost_table.rows.push_back({"Net savings (savings minus programme cost)", Money(offset->net_savings),
                               fmt::format("{} to {}", Money(cost_ci[2].lower), Money(cost_ci[2].upper)), net,
                               net_ci});
    auto [roi, roi_ci] = adjusted_cell(3, false);
    cost_table.rows.push_back({"Return on investment (net savings / programme cost)",
                               std::isfinite(offset->roi) ? FormatNumber(offset->roi, 2) : "not defined",
                               std::isfinite(offset->roi) ? Interval(cost_ci[3].lower, cost_ci[3].upper, 2) : "-",
                               roi, roi_ci});
  }
  cost_section.tables.push_back(std::move(cost_table));
  // One-way sensitivity of the return on investment to each assumed cost.
  ReportTable sensitivity;
  sensitivity.caption = "Sensitivity of the return on investment to the assumed costs (one changed at a time)";
  sensitivity.header = {"Assumption", "Value", "ROI (crude)", "ROI (adjusted)"};
  auto roi_at = [&](double averted, double unit_cost, double per_person) -> std::string {
    const double program = per_person * static_cast<double>(arm_size[1]);
    if (!(program > 0) || !std::isfinite(averted)) return "not defined";
    return FormatNumber((averted * unit_cost - program) / program, 2);
  };
  for (double factor : kSensitivityFactors) {
    const double unit_cost = settings.unit_cost * factor;
    sensitivity.rows.push_back({fmt::format("Cost of a readmission, {}% of assumed", FormatNumber(100 * factor, 0)),
                                Money(unit_cost), roi_at(offset->events_averted, unit_cost, settings.program_cost_per_person),
                                adjusted ? roi_at(adjusted->estimate[0], unit_cost, settings.program_cost_per_person)
                                         : "not estimable"});
  }
  for (double factor : kSensitivityFactors) {
    const double per_person = settings.program_cost_per_person * factor;
    sensitivity.rows.push_back({fmt::format("Peer support per person, {}% of assumed", FormatNumber(100 * factor, 0)),
                                Money(per_person), roi_at(offset->events_averted, settings.unit_cost, per_person),
                                adjusted ? roi_at(adjusted->estimate[0], settings.unit_cost, per_person)
                                         : "not estimable"});
  }
  cost_section.tables.push_back(std::move(sensitivity));
  cost_section.paragraphs.push_back(
      "A return on investment above 0 means the programme saved more than it cost. The intervals allow for "
      "chance in who was readmitted, not for uncertainty in the assumed costs, which the sensitivity table "
      "shows instead.");
  report.sections.push_back(std::move(cost_section));

  // Effects at a glance.
  ReportSection forest_section;
  forest_section.heading = "Differences at a glance";
  std::vector<ForestItem> ratio_items;
  if (cox) ratio_items.push_back({"Hazard ratio (Cox, adjusted)", hr, hr_low, hr_high});
  if (rate_ratio != nullptr) {
    ratio_items.push_back({"Rate ratio (Poisson)", rate_ratio->estimate, rate_ratio->ci_lower, rate_ratio->ci_upper});
  }
  if (!ratio_items.empty()) {
    ReportFigure ratio_figure;
    ratio_figure.svg = ForestSvg(ratio_items, 1.0, true, "Ratios of readmission, peer support vs comparison",
                                 "Points are estimates, lines 95% confidence intervals; 1 means no difference.",
                                 "Ratio (log scale); below 1 = fewer readmissions with peer support");
    ratio_figure.caption = "Hazard ratio and rate ratio of readmission with 95% confidence intervals.";
    ratio_figure.data.caption = "Ratios (95% confidence interval)";
    ratio_figure.data.header = {"Comparison", "Estimate", "95% CI"};
    for (const ForestItem& item : ratio_items) {
      ratio_figure.data.rows.push_back({item.label, FormatNumber(item.estimate, 3), Interval(item.low, item.high, 3)});
    }
    forest_section.figures.push_back(std::move(ratio_figure));
  }
  if (welch) {
    std::vector<ForestItem> difference_items = {
        {"Hope change difference (Welch)", welch->estimate, welch->ci_lower, welch->ci_upper},
        {"Hope change difference (bootstrap)", welch->estimate, boot_ci.lower, boot_ci.upper}};
    ReportFigure difference_figure;
    difference_figure.svg = ForestSvg(difference_items, 0.0, false,
                                      "Difference in change of hope, peer support minus comparison",
                                      "Points are estimates, lines 95% intervals; 0 means no difference.",
                                      "Points on the Adult Hope Scale; above 0 = more hope with peer support");
    difference_figure.caption = "Difference in the mean change of hope between the groups, with 95% intervals.";
    difference_figure.data.caption = "Differences (95% interval)";
    difference_figure.data.header = {"Comparison", "Estimate", "95% interval"};
    for (const ForestItem& item : difference_items) {
      difference_figure.data.rows.push_back(
          {item.label, FormatNumber(item.estimate, 3), Interval(item.low, item.high, 3)});
    }
    forest_section.figures.push_back(std::move(difference_figure));
  }
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
