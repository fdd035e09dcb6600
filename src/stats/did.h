// Difference-in-differences by OLS of
//   y ~ treated + post + treated:post (+ covariates)
// (as lm()), with cluster-robust standard errors CR1 (Stata's
// regress ..., vce(cluster id)):
//   V = c (X'X)^-1 [sum_g X_g' e_g e_g' X_g] (X'X)^-1,
//   c = G/(G-1) * (N-1)/(N-K),
// G clusters, N rows used, K coefficients; t statistics with G - 1 degrees of
// freedom for p-values and CIs, as Stata. The DiD estimate is the
// treated:post coefficient. The R oracle computes the same formula by hand
// from lm() and model.matrix() (sandwich is not installed).
// Rows with NaN in y, treated, post or a covariate are excluded and counted.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <Eigen/Dense>

#include "stats/ols.h"

namespace alongside::stats {

struct DidFit {
  OlsFit ols;  // classical lm fit; coefficient names "(Intercept)",
               // "treated", "post", "treated:post", then the covariates
  std::vector<Coefficient> cluster_robust;  // same order, CR1 SEs
  Eigen::MatrixXd cluster_covariance;
  Coefficient did;  // the "treated:post" row of cluster_robust
  size_t n_clusters = 0;
  size_t n_used = 0;
  size_t n_missing = 0;
};

// treated and post are 0/1 indicators (as doubles so NaN marks missing);
// cluster[row] is the cluster id (e.g. person or site). Errors:
// InvalidArgument naming the field for length mismatches or non-0/1
// indicators, "cluster" with fewer than 2 clusters, "predictors" for a
// singular design.
Result<DidFit> FitDifferenceInDifferences(std::span<const double> y,
                                          std::span<const double> treated,
                                          std::span<const double> post,
                                          std::span<const int64_t> cluster,
                                          std::span<const Predictor> covariates = {},
                                          double confidence_level = 0.95);

}  // namespace alongside::stats
