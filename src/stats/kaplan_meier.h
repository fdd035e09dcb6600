// Kaplan-Meier survival curves, following R survival 3.5's survfit() for
// right-censored data with conf.type = "log" (the default): Greenwood
// variance of log S, log-transformed confidence limits, summary(fit,
// times = t) for the value at a given day and quantile.survfit /
// print.survfit for the median and its confidence interval.
//
// All functions are pure and thread-safe; nothing is retained across calls.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "common/status.h"

namespace alongside::stats {

// One row per distinct observed time (event or censoring), ascending, as in
// the survfit object.
struct KaplanMeierRow {
  double time = 0;
  double n_risk = 0;    // subjects with time >= this time (censored ones too)
  double n_event = 0;   // events at this time
  double n_censor = 0;  // censorings at this time
  double survival = 1;  // product-limit estimate S(t), right-continuous
  // Standard error of S(t) as summary.survfit reports it:
  // survival * sqrt(greenwood), greenwood = sum over event times <= t of
  // d / (n (n - d)). Zero before the first event; NaN once S(t) == 0.
  double std_err = 0;
  // sqrt(greenwood): the standard error of log S(t) (survfit's $std.err).
  // Infinite once S(t) == 0.
  double std_err_log = 0;
  // Log-transformed limits: exp(log S -/+ z sqrt(greenwood)), upper capped
  // at 1; both NaN once S(t) == 0 (R reports NA). Before the first event
  // both equal 1.
  double lower = 1;
  double upper = 1;
};

struct KaplanMeierOptions {
  double conf_level = 0.95;  // two-sided, in (0, 1)
};

struct KaplanMeierFit {
  std::vector<KaplanMeierRow> rows;
  std::size_t n = 0;         // subjects
  std::size_t n_events = 0;  // total events
  double conf_level = 0.95;
};

// Fits the product-limit estimator. `time[i]` is the follow-up of subject i
// (finite, > 0), `event[i]` is 1 for an event and 0 for censoring. Censored
// subjects are still at risk at their own censoring time, so an event and a
// censoring on the same day count the censored subject in n_risk.
// Fails with InvalidArgument when the spans differ in length or are empty,
// a time is not finite and > 0, an event is not 0/1, or conf_level is not in
// (0, 1). All-censored data are valid (survival stays 1).
Result<KaplanMeierFit> FitKaplanMeier(std::span<const double> time, std::span<const int> event,
                                      const KaplanMeierOptions& options = {});

// The curve at one day, as summary(fit, times = day, extend = TRUE).
struct SurvivalPoint {
  double time = 0;
  double n_risk = 0;  // subjects with time >= day (0 past the last time)
  double survival = 1;
  double std_err = 0;  // same definition as KaplanMeierRow::std_err
  double lower = 1;
  double upper = 1;
};

// Step function: the values of the last row with time <= day, carried
// forward past the end of follow-up; before the first row survival 1,
// std_err 0 and limits 1.
SurvivalPoint SurvivalAt(const KaplanMeierFit& fit, double day);

// Median survival with its confidence interval. std::nullopt means "not
// reached" (R prints NA).
struct MedianSurvival {
  std::optional<double> median;
  std::optional<double> lower;
  std::optional<double> upper;
};

// The median as print.survfit (and summary(fit)$table) reports it, R's
// survmean(): the first time with S(t) < 0.5 + sqrt(machine epsilon); if S
// there equals 0.5 (within that tolerance) and the curve later drops below
// it, the midpoint between that time and the time of the drop. The 0.95LCL /
// 0.95UCL apply the same rule to the lower / upper confidence curves.
MedianSurvival MedianSurvivalTime(const KaplanMeierFit& fit);

// quantile(fit, probs = prob) of quantile.survfit (R's findq): the time at
// which 1 - S(t) reaches `prob` (0.5 gives the median), with the same
// limits. It differs from MedianSurvivalTime only when S(t) ends on a flat
// stretch at exactly 1 - prob: findq then averages the start of the stretch
// and the last observed time, where print.survfit reports the start.
// `prob` must be in [0, 1]; otherwise all fields are std::nullopt.
MedianSurvival SurvivalQuantile(const KaplanMeierFit& fit, double prob);

}  // namespace alongside::stats
