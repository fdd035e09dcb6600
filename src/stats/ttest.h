// Student t tests as R's t.test(): paired (t.test(x, y, paired = TRUE)) and
// Welch two-sample (t.test(x, y), var.equal = FALSE, Welch-Satterthwaite df).
// Two-sided p-values and confidence intervals at the requested level.
// Missing values (NaN) are counted and excluded; for the paired test a pair
// with either value missing counts as one missing pair. Pure, thread-safe.
#pragma once

#include <cstddef>
#include <span>

#include "common/status.h"

namespace alongside::stats {

struct TTestResult {
  double estimate = 0;  // mean difference (see each function for the order)
  double std_error = 0;
  double t = 0;
  double df = 0;
  double p_value = 0;  // two-sided
  double ci_lower = 0;
  double ci_upper = 0;
  double confidence_level = 0.95;
  double mean_x = 0;  // paired: mean of x; Welch: mean of arm x
  double mean_y = 0;
  size_t n_x = 0;  // paired: number of complete pairs (n_x == n_y)
  size_t n_y = 0;
  size_t n_missing = 0;  // paired: incomplete pairs; Welch: NaNs in both arms
};

// Mean of (x - y) over complete pairs, as t.test(x, y, paired = TRUE), e.g.
// x = after, y = before. Errors: InvalidArgument("y") when lengths differ,
// InvalidArgument("pairs") with fewer than 2 complete pairs or zero variance
// of the differences.
Result<TTestResult> PairedTTest(std::span<const double> x, std::span<const double> y,
                                double confidence_level = 0.95);

// mean(x) - mean(y) in the order given, as t.test(x, y): pass (arm1, arm0)
// for arm1 - arm0. Errors: InvalidArgument("x"/"y") with fewer than 2
// non-missing values, InvalidArgument("x") when both variances are zero.
Result<TTestResult> WelchTTest(std::span<const double> x, std::span<const double> y,
                               double confidence_level = 0.95);

}  // namespace alongside::stats
