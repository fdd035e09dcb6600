// Private helpers of the regression functions: complete-case design
// matrices, coefficient tables and the log-link IRLS of R's glm.fit.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "stats/glm.h"
#include "stats/ols.h"

namespace alongside::stats::internal {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Complete-case design: rows with NaN in y, a predictor or an extra column
// are dropped and counted.
struct Design {
  RowMatrix x;               // n_used x p, row-major for one-pass accumulation
  Eigen::VectorXd y;
  Eigen::VectorXd offset;    // log(exposure), or empty
  std::vector<std::string> names;
  std::vector<uint32_t> rows;  // original row of each used row
  size_t n_missing = 0;
};

// `exposure` (may be empty) must be > 0 where present; its log is the offset.
// `extra` columns only take part in the missing-value rule.
Result<Design> BuildDesign(std::span<const double> y, std::span<const Predictor> predictors,
                           bool intercept, std::span<const double> exposure = {},
                           std::span<const std::span<const double>> extra = {});

// Coefficient rows from estimates and a covariance; `df` <= 0 means normal
// (z) inference, otherwise t with df degrees of freedom.
std::vector<Coefficient> CoefficientTable(const std::vector<std::string>& names,
                                          const Eigen::VectorXd& estimate,
                                          const Eigen::MatrixXd& covariance, double df,
                                          double confidence_level);

// Inverse of a symmetric positive-definite matrix by LDLT; false if singular.
bool InvertSymmetric(const Eigen::MatrixXd& matrix, Eigen::MatrixXd* inverse);

// The log-link family of a count GLM: Poisson (theta = +inf) or negative
// binomial with fixed theta (MASS::negative.binomial).
struct LogLinkFamily {
  double theta = 0;  // 0 means Poisson
  bool poisson() const { return theta == 0; }
  double Variance(double mu) const { return poisson() ? mu : mu + mu * mu / theta; }
  double DevianceResidual(double y, double mu) const;
  // family$initialize: Poisson y + 0.1, negative binomial y + (y == 0)/6.
  double InitialMu(double y) const { return poisson() ? y + 0.1 : y + (y == 0 ? 1.0 / 6 : 0.0); }
};

struct IrlsFit {
  Eigen::VectorXd beta;
  Eigen::VectorXd mu;            // fitted values
  Eigen::MatrixXd cov_unscaled;  // (X'WX)^-1 with the last iteration's weights
  // The working weights W of the last iteration (computed from the fitted
  // values before its update, as glm.fit keeps them in fit$weights).
  Eigen::VectorXd working_weight;
  double deviance = 0;
  int iterations = 0;
  bool converged = false;
};

// R's glm.fit for a log link. Start from eta_start (n values, including the
// offset) when given, else from family.InitialMu(y).
Result<IrlsFit> FitIrls(const RowMatrix& x, const Eigen::VectorXd& y,
                        const Eigen::VectorXd& offset, const LogLinkFamily& family,
                        const GlmControl& control, const Eigen::VectorXd* eta_start);

// Fills everything in GlmFit that follows from an IRLS fit at `family`:
// coefficient tables, HC0, deviance, Pearson chi2, dispersion (aic, log
// likelihood and null deviance are left to the caller).
GlmFit SummariseGlm(const Design& design, const IrlsFit& fit, const LogLinkFamily& family,
                    const GlmControl& control);

// Null deviance as glm: with an offset, the deviance of the intercept-only
// IRLS fit (started from mu_start if given); without, at the mean of y.
Result<double> NullDeviance(const Design& design, const LogLinkFamily& family,
                            const GlmControl& control, const Eigen::VectorXd* mu_start);

}  // namespace alongside::stats::internal
