// Result and control types shared by the log-link count models (Poisson in
// poisson.h, negative binomial in negative_binomial.h). The fitting follows
// R's glm.fit: iteratively reweighted least squares with the convergence rule
// |dev - dev_old| / (|dev| + 0.1) < epsilon, at most max_iterations; the
// model covariance is the inverse of X'WX with the working weights of the
// last iteration (as summary.glm uses the QR of the last iteration). The
// weighted cross-product is accumulated in one pass over the rows and solved
// by Eigen's LDLT, so millions of rows with a few covariates are cheap.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "stats/ols.h"

namespace alongside::stats {

struct GlmControl {
  double epsilon = 1e-8;    // glm.control(epsilon)
  int max_iterations = 25;  // glm.control(maxit)
  double confidence_level = 0.95;
};

struct GlmFit {
  // Log-scale coefficients with model-based SEs, Wald z, p and CIs
  // (confint.default): estimate +- qnorm(1 - alpha/2) * SE.
  std::vector<Coefficient> coefficients;
  // The same estimates with HC0 sandwich SEs, exactly as
  // sandwich::vcovHC(fit, type = "HC0"): bread = (X'WX)^-1 with the working
  // weights W of the last IRLS iteration (vcov(glm)), meat = sum_i x_i x_i'
  // s_i^2 with sandwich::estfun.glm's score s_i = working_score (below).
  std::vector<Coefficient> robust_coefficients;
  // Rate ratios: exp(estimate) and exp(CI) of the model-based and robust
  // rows; std_error, statistic and p_value stay those of the log scale.
  std::vector<Coefficient> rate_ratios;
  std::vector<Coefficient> robust_rate_ratios;
  Eigen::MatrixXd covariance;         // model-based (dispersion 1)
  Eigen::MatrixXd robust_covariance;  // HC0
  // Per used row: the working residual (y_i - mu_i) / mu_i at the fitted
  // values times the last iteration's working weight W_i, so that the
  // score of row i is x_i * working_score(i) (sandwich::estfun.glm). At
  // convergence W_i is close to, but not exactly, mu_i / V(mu_i) * mu_i.
  Eigen::VectorXd working_score;
  double deviance = 0;
  double null_deviance = 0;  // intercept-only model with the same offset
  double aic = 0;
  double log_likelihood = 0;
  double pearson_chi2 = 0;
  double df_residual = 0;
  double df_null = 0;
  // Pearson chi2 / df_residual: near 1 for Poisson data, well above 1 shows
  // overdispersion (then prefer the negative binomial or the robust SEs).
  double dispersion = 0;
  int iterations = 0;
  bool converged = false;
  size_t n_used = 0;
  size_t n_missing = 0;  // rows with NaN in y, a predictor or the exposure

  const Coefficient* Find(const std::string& name) const;
  const Coefficient* FindRateRatio(const std::string& name) const;
};

}  // namespace alongside::stats
