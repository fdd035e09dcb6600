// Standardised mean differences with confidence intervals. R has no built-in
// Hedges' g; the formulas are those of Hedges & Olkin (1985), as in Borenstein
// et al., Introduction to Meta-Analysis (2009), ch. 4:
//   independent: d = (mean(x) - mean(y)) / s_pooled,
//     s_pooled^2 = ((n1-1) s1^2 + (n2-1) s2^2) / (n1 + n2 - 2), df = n1+n2-2
//   paired (g_z): d = mean(x - y) / sd(x - y), df = n - 1
//   small-sample correction J = 1 - 3 / (4 df - 1), g = J d
//   SE (independent) = sqrt((n1+n2)/(n1 n2) + g^2 / (2 (n1+n2)))
//   SE (paired)      = sqrt(1/n + g^2 / (2 n))
//   CI = g +- qnorm(1 - alpha/2) SE.
// NaNs are counted and excluded (paired: a pair with either missing).
#pragma once

#include <cstddef>
#include <span>

#include "common/status.h"

namespace alongside::stats {

struct HedgesGResult {
  double d = 0;           // uncorrected Cohen's d
  double correction = 0;  // J
  double g = 0;           // J * d
  double std_error = 0;
  double ci_lower = 0;
  double ci_upper = 0;
  double confidence_level = 0.95;
  size_t n_x = 0;
  size_t n_y = 0;  // paired: equals n_x
  size_t n_missing = 0;
};

// g for mean(x) - mean(y) (pass arm1, arm0). Errors: InvalidArgument("x"/"y")
// with fewer than 2 values, or zero pooled SD.
Result<HedgesGResult> HedgesG(std::span<const double> x, std::span<const double> y,
                              double confidence_level = 0.95);

// g_z for the paired difference x - y. Errors: InvalidArgument("y") for
// length mismatch, InvalidArgument("pairs") with < 2 pairs or zero SD.
Result<HedgesGResult> PairedHedgesG(std::span<const double> x, std::span<const double> y,
                                    double confidence_level = 0.95);

}  // namespace alongside::stats
