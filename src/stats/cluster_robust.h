// Cluster-robust inference for a linear model with few clusters: the CR2
// "bias-reduced linearization" variance (Bell and McCaffrey 2002) with
// Satterthwaite degrees of freedom per coefficient (Pustejovsky and Tipton
// 2018), as R's clubSandwich computes them for an unweighted lm:
//   coef_test(fit, vcov = "CR2", cluster = g, test = "Satterthwaite")
//   conf_int(fit, vcov = "CR2", cluster = g, test = "Satterthwaite")
// With few clusters the plain sandwich (CR0/CR1 with normal intervals) is
// too small and its intervals far too narrow; CR2 removes most of the bias
// under a working model of independent equal-variance errors and the
// Satterthwaite t reference gives intervals with close to nominal coverage.
//
// With M = (X'X)^-1 and H_gg = X_g M X_g', the adjustment for cluster g is
// A_g = (I - H_gg)^(-1/2), and
//   V = M [sum_g X_g' A_g e_g e_g' A_g X_g] M.
// H_gg has rank at most p, so A_g is computed from the p x p eigen-problem of
// L' X_g' X_g L (M = L L') in O(n_g p^2), never as an n_g x n_g matrix: a
// cluster of 100,000 rows costs no more than 100,000 rows of clusters of 20.
// For coefficient j, with u_g = A_g X_g M e_j and q_g = X_g' u_g,
//   df_j = (sum_g [u_g'u_g - q_g'M q_g])^2 /
//          sum_{g,h} (delta_gh u_g'u_g - q_g' M q_h)^2.
#pragma once

#include <span>
#include <vector>

#include <Eigen/Dense>

#include "common/status.h"
#include "stats/ols.h"

namespace alongside::stats {

struct ClusterRobustFit {
  // Estimates with CR2 SEs, t = estimate / SE, p and intervals from the t
  // distribution with the Satterthwaite df of that coefficient.
  std::vector<Coefficient> coefficients;
  std::vector<double> df;      // Satterthwaite degrees of freedom, same order
  Eigen::MatrixXd covariance;  // CR2
  size_t n_clusters = 0;
};

// `x` is the design matrix (with its intercept column), `residual` the OLS
// residuals, `cluster` one id per row (any order), `names` the coefficient
// names, `estimate` the OLS coefficients. InvalidArgument naming "cluster"
// with fewer than two clusters. Where one cluster alone determines a
// direction (an eigenvalue of I - H_gg at or below 1e-12, e.g. the only
// cohort of an arm), A_g is 0 in that direction, as clubSandwich does.
Result<ClusterRobustFit> FitClusterRobustCr2(const Eigen::MatrixXd& x, std::span<const double> residual,
                                             std::span<const double> cluster,
                                             const std::vector<std::string>& names,
                                             const Eigen::VectorXd& estimate,
                                             double confidence_level = 0.95);

}  // namespace alongside::stats
