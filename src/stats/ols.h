// Ordinary least squares, as R's lm() with summary.lm(): coefficients,
// classical standard errors sigma^2 (X'X)^-1, t statistics on n - p degrees of
// freedom, two-sided p-values and t-based confidence intervals (confint.lm).
// Also the shared vocabulary of the regression functions in src/stats:
// Predictor (a named column) and Coefficient (one row of a summary table).
//
// Missing values: a row with NaN in the outcome or in any predictor is left
// out (complete cases, as lm's na.omit) and counted in n_missing; nothing is
// dropped silently. Pure functions, thread-safe, no I/O.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "common/status.h"

namespace alongside::stats {

// A named predictor column; `values` must have one entry per row and stay
// alive for the duration of the call (not copied beyond the call).
struct Predictor {
  std::string name;
  std::span<const double> values;
};

// One row of a coefficient table (summary.lm / summary.glm).
struct Coefficient {
  std::string name;
  double estimate = 0;
  double std_error = 0;
  double statistic = 0;  // t for lm, z for glm
  double p_value = 0;    // two-sided
  double ci_lower = 0;   // confidence interval at the requested level
  double ci_upper = 0;
};

struct OlsFit {
  std::vector<Coefficient> coefficients;  // "(Intercept)" first when fitted
  Eigen::MatrixXd covariance;             // sigma^2 (X'X)^-1, same order
  double sigma = 0;                       // residual standard error
  double r_squared = 0;
  double df_residual = 0;                 // n_used - p
  size_t n_used = 0;
  size_t n_missing = 0;                   // rows with a NaN, excluded
  double confidence_level = 0.95;

  // The coefficient called `name`, or nullptr.
  const Coefficient* Find(const std::string& name) const;
};

// lm(y ~ predictors) with an intercept when `intercept` is true.
// Errors: InvalidArgument("predictors", ...) when a column length differs
// from y, the design is singular (collinear or constant columns), or there
// are not more complete rows than coefficients.
Result<OlsFit> FitOls(std::span<const double> y, std::span<const Predictor> predictors,
                      bool intercept = true, double confidence_level = 0.95);

}  // namespace alongside::stats
