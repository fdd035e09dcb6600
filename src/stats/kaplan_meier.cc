#include "stats/kaplan_meier.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>
#include <utility>
#include <vector>

#include "stats/survival_input.h"

namespace alongside::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// R's tolerance in survmean() and quantile.survfit(): sqrt(.Machine$double.eps).
const double kQuantileTolerance = std::sqrt(std::numeric_limits<double>::epsilon());

// R's approx(x, index, v, method = "constant", f = 1, rule = 1) for distinct
// x without NaN: after sorting the points by x, the index of the first point
// with x >= v (an exact match returns its own); nullopt when v lies outside
// [min x, max x]. `points` holds (x, index) and is sorted here.
std::optional<std::size_t> ApproxConstantRight(std::vector<std::pair<double, std::size_t>>& points,
                                               double v) {
  std::sort(points.begin(), points.end());
  if (points.empty() || v < points.front().first || v > points.back().first) return std::nullopt;
  auto it = std::lower_bound(points.begin(), points.end(), v,
                             [](const std::pair<double, std::size_t>& point, double value) {
                               return point.first < value;
                             });
  return it->second;
}

// survival:::findq(c(0, time), c(0, 1 - curve), p, tol) for a single p.
// `curve` may hold NaN (R's NA) where the confidence limit is undefined; it
// need not be monotone (the upper limit can rise), so nothing here assumes it.
std::optional<double> FindQuantile(const std::vector<double>& times,
                                   const std::vector<double>& curve, double prob) {
  std::vector<double> x{0.0};
  std::vector<double> y{0.0};
  for (std::size_t row_idx = 0; row_idx < times.size(); ++row_idx) {
    x.push_back(times[row_idx]);
    y.push_back(1 - curve[row_idx]);
  }
  double y_max = -std::numeric_limits<double>::infinity();
  for (double value : y) {
    if (!std::isnan(value)) y_max = std::max(y_max, value);
  }
  if (y_max < prob) return std::nullopt;
  const double x_max = x.back();
  // duplicated(y): keep the first occurrence of each value (NA equals NA).
  std::vector<double> kept_x;
  std::vector<double> kept_y;
  std::unordered_set<double> seen;
  bool seen_nan = false;
  for (std::size_t point_idx = 0; point_idx < y.size(); ++point_idx) {
    if (std::isnan(y[point_idx])) {
      if (seen_nan) continue;
      seen_nan = true;
    } else if (!seen.insert(y[point_idx]).second) {
      continue;
    }
    kept_x.push_back(x[point_idx]);
    kept_y.push_back(y[point_idx]);
  }
  // approx() drops NA points and orders the rest by their x (here y -/+ tol).
  std::vector<std::pair<double, std::size_t>> shifted_up;
  std::vector<std::pair<double, std::size_t>> shifted_down;
  for (std::size_t point_idx = 0; point_idx < kept_y.size(); ++point_idx) {
    if (std::isnan(kept_y[point_idx])) continue;
    shifted_up.emplace_back(kept_y[point_idx] + kQuantileTolerance, point_idx);
    shifted_down.emplace_back(kept_y[point_idx] - kQuantileTolerance, point_idx);
  }
  const auto index1 = ApproxConstantRight(shifted_up, prob);
  const auto index2 = ApproxConstantRight(shifted_down, prob);
  std::optional<double> quantile;
  if (index1 && index2) quantile = (kept_x[*index1] + kept_x[*index2]) / 2;
  if (prob == 0) quantile = kept_x.front();
  const double y_last = kept_y.back();
  if (!std::isnan(y_last) && std::fabs(prob - y_last) < kQuantileTolerance) {
    if (index1) {
      quantile = (kept_x[*index1] + x_max) / 2;
    } else {
      quantile.reset();
    }
  }
  return quantile;
}

// The minmin() of survival:::survmean (print.survfit's median rule).
std::optional<double> FirstBelowHalf(const std::vector<double>& times,
                                     const std::vector<double>& curve) {
  std::vector<double> kept_x;
  std::vector<double> kept_y;
  for (std::size_t row_idx = 0; row_idx < times.size(); ++row_idx) {
    if (!std::isnan(curve[row_idx]) && curve[row_idx] < 0.5 + kQuantileTolerance) {
      kept_x.push_back(times[row_idx]);
      kept_y.push_back(curve[row_idx]);
    }
  }
  if (kept_x.empty()) return std::nullopt;
  if (std::fabs(kept_y.front() - 0.5) < kQuantileTolerance) {
    for (std::size_t point_idx = 1; point_idx < kept_y.size(); ++point_idx) {
      if (kept_y[point_idx] < kept_y.front()) return (kept_x.front() + kept_x[point_idx]) / 2;
    }
  }
  return kept_x.front();
}

struct Curves {
  std::vector<double> time;
  std::vector<double> survival;
  std::vector<double> lower;
  std::vector<double> upper;
};

Curves ExtractCurves(const KaplanMeierFit& fit) {
  Curves curves;
  for (const KaplanMeierRow& row : fit.rows) {
    curves.time.push_back(row.time);
    curves.survival.push_back(row.survival);
    curves.lower.push_back(row.lower);
    curves.upper.push_back(row.upper);
  }
  return curves;
}

}  // namespace

Result<KaplanMeierFit> FitKaplanMeier(std::span<const double> time, std::span<const int> event,
                                      const KaplanMeierOptions& options) {
  ALONGSIDE_RETURN_IF_ERROR(survival_internal::ValidateTimeEvent(time, event));
  if (!(options.conf_level > 0 && options.conf_level < 1)) {
    return Status::InvalidArgument("conf_level", "must be in (0, 1)");
  }
  const std::vector<std::size_t> order = survival_internal::OrderByTime(time, event);
  const double z = survival_internal::NormalQuantileTwoSided(options.conf_level);

  KaplanMeierFit fit;
  fit.n = time.size();
  fit.conf_level = options.conf_level;
  double at_risk = static_cast<double>(time.size());
  double survival = 1;
  double greenwood = 0;
  for (std::size_t pos = 0; pos < order.size();) {
    const double current = time[order[pos]];
    double events = 0;
    double censored = 0;
    while (pos < order.size() && time[order[pos]] == current) {
      if (event[order[pos]] == 1) {
        ++events;
      } else {
        ++censored;
      }
      ++pos;
    }
    KaplanMeierRow row;
    row.time = current;
    row.n_risk = at_risk;
    row.n_event = events;
    row.n_censor = censored;
    if (events > 0) {
      survival *= (at_risk - events) / at_risk;
      greenwood += at_risk > events ? events / (at_risk * (at_risk - events))
                                    : std::numeric_limits<double>::infinity();
    }
    row.survival = survival;
    row.std_err_log = std::sqrt(greenwood);
    if (survival > 0) {
      row.std_err = survival * row.std_err_log;
      row.lower = std::exp(std::log(survival) - z * row.std_err_log);
      row.upper = std::min(1.0, std::exp(std::log(survival) + z * row.std_err_log));
    } else {
      row.std_err = kNaN;
      row.lower = kNaN;
      row.upper = kNaN;
    }
    fit.n_events += static_cast<std::size_t>(events);
    fit.rows.push_back(row);
    at_risk -= events + censored;
  }
  return fit;
}

SurvivalPoint SurvivalAt(const KaplanMeierFit& fit, double day) {
  SurvivalPoint point;
  point.time = day;
  // First row with time >= day gives the risk set; the last with time <= day
  // gives the curve.
  auto first_not_before =
      std::lower_bound(fit.rows.begin(), fit.rows.end(), day,
                       [](const KaplanMeierRow& row, double value) { return row.time < value; });
  point.n_risk = first_not_before == fit.rows.end() ? 0 : first_not_before->n_risk;
  auto first_after =
      std::upper_bound(fit.rows.begin(), fit.rows.end(), day,
                       [](double value, const KaplanMeierRow& row) { return value < row.time; });
  if (first_after == fit.rows.begin()) {
    point.n_risk = static_cast<double>(fit.n);
    return point;  // before the first observed time
  }
  const KaplanMeierRow& row = *(first_after - 1);
  point.survival = row.survival;
  point.std_err = row.std_err;
  point.lower = row.lower;
  point.upper = row.upper;
  return point;
}

MedianSurvival MedianSurvivalTime(const KaplanMeierFit& fit) {
  const Curves curves = ExtractCurves(fit);
  MedianSurvival result;
  result.median = FirstBelowHalf(curves.time, curves.survival);
  result.lower = FirstBelowHalf(curves.time, curves.lower);
  result.upper = FirstBelowHalf(curves.time, curves.upper);
  return result;
}

MedianSurvival SurvivalQuantile(const KaplanMeierFit& fit, double prob) {
  MedianSurvival result;
  if (!(prob >= 0 && prob <= 1) || fit.rows.empty()) return result;
  const Curves curves = ExtractCurves(fit);
  result.median = FindQuantile(curves.time, curves.survival, prob);
  // The lower confidence curve reaches the quantile first: it gives the
  // lower limit (doquant's 1 - lower).
  result.lower = FindQuantile(curves.time, curves.lower, prob);
  result.upper = FindQuantile(curves.time, curves.upper, prob);
  return result;
}

}  // namespace alongside::stats
