#include "stats/two_by_two.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

namespace alongside::stats {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Brent's root finder as R's R_zeroin2 (src/library/stats/src/zeroin.c),
// which uniroot() calls; ported step for step so the roots agree with R's to
// rounding, including R's default tolerance.
double Zeroin(const std::function<double(double)>& f, double ax, double bx, double fa, double fb,
              double tol, int max_iterations) {
  const double kEpsilon = std::numeric_limits<double>::epsilon();
  double a = ax, b = bx, c = a, fc = fa;
  if (fa == 0.0) return a;
  if (fb == 0.0) return b;
  int remaining = max_iterations + 1;
  while (remaining--) {
    const double prev_step = b - a;
    if (std::fabs(fc) < std::fabs(fb)) {
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const double tol_act = 2 * kEpsilon * std::fabs(b) + tol / 2;
    double new_step = (c - b) / 2;
    if (std::fabs(new_step) <= tol_act || fb == 0.0) return b;
    if (std::fabs(prev_step) >= tol_act && std::fabs(fa) > std::fabs(fb)) {
      double p, q;
      const double cb = c - b;
      if (a == c) {
        const double t1 = fb / fa;
        p = cb * t1;
        q = 1.0 - t1;
      } else {
        q = fa / fc;
        const double t1 = fb / fc;
        const double t2 = fb / fa;
        p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
        q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
      }
      if (p > 0) {
        q = -q;
      } else {
        p = -p;
      }
      if (p < (0.75 * cb * q - std::fabs(tol_act * q) / 2) && p < std::fabs(prev_step * q / 2)) {
        new_step = p / q;
      }
    }
    if (std::fabs(new_step) < tol_act) new_step = new_step > 0 ? tol_act : -tol_act;
    a = b;
    fa = fb;
    b += new_step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}

// uniroot(f, c(lower, upper)) with R's defaults.
double Uniroot(const std::function<double(double)>& f, double lower, double upper) {
  return Zeroin(f, lower, upper, f(lower), f(upper),
                std::pow(std::numeric_limits<double>::epsilon(), 0.25), 1000);
}

// The noncentral hypergeometric machinery of R's fisher.test for a 2x2 table.
class NoncentralHypergeometric {
 public:
  NoncentralHypergeometric(int64_t m, int64_t n, int64_t k, int64_t x) : x_(x) {
    lo_ = std::max<int64_t>(0, k - n);
    hi_ = std::min(k, m);
    const double log_total = LogChoose(m + n, k);
    for (int64_t value = lo_; value <= hi_; ++value) {
      support_.push_back(static_cast<double>(value));
      log_density_.push_back(LogChoose(m, value) + LogChoose(n, k - value) - log_total);
    }
  }

  int64_t lo() const { return lo_; }
  int64_t hi() const { return hi_; }

  std::vector<double> Density(double ncp) const {
    std::vector<double> density(support_.size());
    double max_log = -kInfinity;
    const double log_ncp = std::log(ncp);
    for (size_t index = 0; index < support_.size(); ++index) {
      density[index] = log_density_[index] + log_ncp * support_[index];
      max_log = std::max(max_log, density[index]);
    }
    double total = 0;
    for (double& value : density) total += (value = std::exp(value - max_log));
    for (double& value : density) value /= total;
    return density;
  }

  double Mean(double ncp) const {
    if (ncp == 0) return static_cast<double>(lo_);
    if (ncp == kInfinity) return static_cast<double>(hi_);
    const std::vector<double> density = Density(ncp);
    double mean = 0;
    for (size_t index = 0; index < support_.size(); ++index) mean += support_[index] * density[index];
    return mean;
  }

  // pnhyper(x, ncp, upper.tail) at the observed x.
  double Tail(double ncp, bool upper_tail) const {
    const auto q = static_cast<double>(x_);
    if (ncp == 0) return upper_tail ? (q <= lo_ ? 1 : 0) : (q >= lo_ ? 1 : 0);
    if (ncp == kInfinity) return upper_tail ? (q <= hi_ ? 1 : 0) : (q >= hi_ ? 1 : 0);
    const std::vector<double> density = Density(ncp);
    double total = 0;
    for (size_t index = 0; index < support_.size(); ++index) {
      if (upper_tail ? support_[index] >= q : support_[index] <= q) total += density[index];
    }
    return total;
  }

 private:
  static double LogChoose(int64_t n, int64_t k) {
    return std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(k) + 1) -
           std::lgamma(static_cast<double>(n - k) + 1);
  }

  int64_t x_;
  int64_t lo_ = 0;
  int64_t hi_ = 0;
  std::vector<double> support_;
  std::vector<double> log_density_;
};

double NormalCritical(double confidence_level) {
  return boost::math::quantile(
      boost::math::complement(boost::math::normal(), (1 - confidence_level) / 2));
}

NumberNeededToTreat ComputeNnt(double arr, double arr_lower, double arr_upper) {
  const double nan = std::nan("");
  NumberNeededToTreat nnt;
  nnt.arr = arr;
  nnt.arr_ci_lower = arr_lower;
  nnt.arr_ci_upper = arr_upper;
  nnt.nnt = arr == 0 ? kInfinity : 1 / std::fabs(arr);
  nnt.benefit = arr > 0;
  nnt.nntb_lower = nnt.nntb_upper = nnt.nnth_lower = nnt.nnth_upper = nan;
  if (arr_lower > 0) {  // benefit throughout the CI
    nnt.nntb_lower = 1 / arr_upper;
    nnt.nntb_upper = 1 / arr_lower;
  } else if (arr_upper < 0) {  // harm throughout
    nnt.nnth_lower = 1 / -arr_lower;
    nnt.nnth_upper = 1 / -arr_upper;
  } else {  // the CI of the risk reduction includes 0: through infinity
    nnt.ci_includes_infinity = true;
    nnt.nntb_lower = arr_upper > 0 ? 1 / arr_upper : kInfinity;
    nnt.nntb_upper = kInfinity;
    nnt.nnth_lower = arr_lower < 0 ? 1 / -arr_lower : kInfinity;
    nnt.nnth_upper = kInfinity;
  }
  return nnt;
}

}  // namespace

std::string NumberNeededToTreat::Describe() const {
  const char* kind = benefit ? "NNTB" : "NNTH";
  std::string text = fmt::format("{} {:.1f} (CI ", kind, nnt);
  if (ci_includes_infinity) {
    text += fmt::format("NNTB {:.1f} to infinity to NNTH {:.1f})", nntb_lower, nnth_lower);
  } else if (!std::isnan(nntb_lower)) {
    text += fmt::format("NNTB {:.1f} to {:.1f})", nntb_lower, nntb_upper);
  } else {
    text += fmt::format("NNTH {:.1f} to {:.1f})", nnth_lower, nnth_upper);
  }
  return text;
}

ChiSquareResult PearsonChiSquare(const TwoByTwoTable& table, bool yates) {
  const double observed[2][2] = {{static_cast<double>(table.a), static_cast<double>(table.b)},
                                 {static_cast<double>(table.c), static_cast<double>(table.d)}};
  const double row_totals[2] = {observed[0][0] + observed[0][1], observed[1][0] + observed[1][1]};
  const double column_totals[2] = {observed[0][0] + observed[1][0], observed[0][1] + observed[1][1]};
  const double total = row_totals[0] + row_totals[1];
  ChiSquareResult result;
  double statistic = 0;
  for (int row = 0; row < 2; ++row) {
    for (int column = 0; column < 2; ++column) {
      const double expected = row_totals[row] * column_totals[column] / total;
      double deviation = std::fabs(observed[row][column] - expected);
      // chisq.test: YATES <- min(0.5, abs(x - E)).
      if (yates) deviation -= std::min(0.5, deviation);
      statistic += deviation * deviation / expected;
    }
  }
  result.statistic = statistic;
  result.p_value = std::isfinite(statistic)
                       ? boost::math::cdf(boost::math::complement(boost::math::chi_squared(1), statistic))
                       : std::nan("");
  return result;
}

Result<FisherResult> FisherExact(const TwoByTwoTable& table, double confidence_level) {
  if (table.a < 0 || table.b < 0 || table.c < 0 || table.d < 0) {
    return Status::InvalidArgument("table", "cells must be >= 0");
  }
  const int64_t m = table.a + table.c;  // events
  const int64_t n = table.b + table.d;  // non-events
  const int64_t k = table.a + table.b;  // group 1
  const int64_t x = table.a;
  const NoncentralHypergeometric distribution(m, n, k, x);
  const double lo = static_cast<double>(distribution.lo());
  const double hi = static_cast<double>(distribution.hi());
  const double observed = static_cast<double>(x);
  const double kTiny = std::numeric_limits<double>::epsilon();
  FisherResult result;
  result.confidence_level = confidence_level;

  const std::vector<double> null_density = distribution.Density(1);
  const double threshold = null_density[static_cast<size_t>(x - distribution.lo())] * (1 + 1e-7);
  double p_value = 0;
  for (double density : null_density) {
    if (density <= threshold) p_value += density;
  }
  result.p_value = std::min(1.0, p_value);

  if (observed == lo) {
    result.odds_ratio = 0;
  } else if (observed == hi) {
    result.odds_ratio = kInfinity;
  } else {
    const double mean = distribution.Mean(1);
    if (mean > observed) {
      result.odds_ratio = Uniroot([&](double t) { return distribution.Mean(t) - observed; }, 0, 1);
    } else if (mean < observed) {
      result.odds_ratio =
          1 / Uniroot([&](double t) { return distribution.Mean(1 / t) - observed; }, kTiny, 1);
    } else {
      result.odds_ratio = 1;
    }
  }

  const double alpha = (1 - confidence_level) / 2;
  // ncp.L and ncp.U of fisher.test.
  if (observed == lo) {
    result.ci_lower = 0;
  } else {
    const double p = distribution.Tail(1, /*upper_tail=*/true);
    if (p > alpha) {
      result.ci_lower = Uniroot([&](double t) { return distribution.Tail(t, true) - alpha; }, 0, 1);
    } else if (p < alpha) {
      result.ci_lower =
          1 / Uniroot([&](double t) { return distribution.Tail(1 / t, true) - alpha; }, kTiny, 1);
    } else {
      result.ci_lower = 1;
    }
  }
  if (observed == hi) {
    result.ci_upper = kInfinity;
  } else {
    const double p = distribution.Tail(1, /*upper_tail=*/false);
    if (p < alpha) {
      result.ci_upper = Uniroot([&](double t) { return distribution.Tail(t, false) - alpha; }, 0, 1);
    } else if (p > alpha) {
      result.ci_upper =
          1 / Uniroot([&](double t) { return distribution.Tail(1 / t, false) - alpha; }, kTiny, 1);
    } else {
      result.ci_upper = 1;
    }
  }
  return result;
}

Result<TwoByTwoResult> CompareTwoByTwo(const TwoByTwoTable& table, double confidence_level,
                                       bool event_is_adverse) {
  if (table.a < 0 || table.b < 0 || table.c < 0 || table.d < 0) {
    return Status::InvalidArgument("table", "cells must be >= 0");
  }
  if (table.a + table.b == 0 || table.c + table.d == 0) {
    return Status::InvalidArgument("table", "each group needs at least one person");
  }
  TwoByTwoResult result;
  result.table = table;
  result.confidence_level = confidence_level;
  const double a = static_cast<double>(table.a), b = static_cast<double>(table.b);
  const double c = static_cast<double>(table.c), d = static_cast<double>(table.d);
  const double n1 = a + b, n0 = c + d;
  result.risk1 = a / n1;
  result.risk0 = c / n0;
  result.chi_square = PearsonChiSquare(table, /*yates=*/false);
  result.chi_square_yates = PearsonChiSquare(table, /*yates=*/true);
  Result<FisherResult> fisher = FisherExact(table, confidence_level);
  if (!fisher.ok()) return fisher.status();
  result.fisher = *fisher;

  const double z = NormalCritical(confidence_level);
  const double nan = std::nan("");
  if (table.a > 0 && table.c > 0) {
    result.relative_risk = result.risk1 / result.risk0;
    const double log_se = std::sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0);
    result.rr_ci_lower = std::exp(std::log(result.relative_risk) - z * log_se);
    result.rr_ci_upper = std::exp(std::log(result.relative_risk) + z * log_se);
  } else {
    result.relative_risk = result.rr_ci_lower = result.rr_ci_upper = nan;
  }
  result.risk_difference = result.risk1 - result.risk0;
  const double rd_se = std::sqrt(result.risk1 * (1 - result.risk1) / n1 +
                                 result.risk0 * (1 - result.risk0) / n0);
  result.rd_ci_lower = result.risk_difference - z * rd_se;
  result.rd_ci_upper = result.risk_difference + z * rd_se;
  if (event_is_adverse) {
    result.nnt = ComputeNnt(-result.risk_difference, -result.rd_ci_upper, -result.rd_ci_lower);
  } else {
    result.nnt = ComputeNnt(result.risk_difference, result.rd_ci_lower, result.rd_ci_upper);
  }
  return result;
}

}  // namespace alongside::stats
