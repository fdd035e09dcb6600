// Log-link IRLS following R's glm.fit (stats package, R 4.2) and the
// families poisson() and MASS::negative.binomial().
#include <cmath>
#include <limits>

#include "stats/regression_design.h"

namespace alongside::stats {

namespace {

const Coefficient* FindIn(const std::vector<Coefficient>& table, const std::string& name) {
  for (const Coefficient& coefficient : table) {
    if (coefficient.name == name) return &coefficient;
  }
  return nullptr;
}

std::vector<Coefficient> Exponentiate(std::vector<Coefficient> table) {
  for (Coefficient& row : table) {
    row.estimate = std::exp(row.estimate);
    row.ci_lower = std::exp(row.ci_lower);
    row.ci_upper = std::exp(row.ci_upper);
  }
  return table;
}

// linkinv of R's log link: pmax(exp(eta), .Machine$double.eps).
double LogLinkInverse(double eta) {
  return std::max(std::exp(eta), std::numeric_limits<double>::epsilon());
}

}  // namespace

const Coefficient* GlmFit::Find(const std::string& name) const { return FindIn(coefficients, name); }
const Coefficient* GlmFit::FindRateRatio(const std::string& name) const {
  return FindIn(rate_ratios, name);
}

namespace internal {

double LogLinkFamily::DevianceResidual(double y, double mu) const {
  if (poisson()) return y > 0 ? 2 * (y * std::log(y / mu) - (y - mu)) : 2 * mu;
  return 2 * (y * std::log(std::max(1.0, y) / mu) -
              (y + theta) * std::log((y + theta) / (mu + theta)));
}

Result<IrlsFit> FitIrls(const RowMatrix& x, const Eigen::VectorXd& y,
                        const Eigen::VectorXd& offset, const LogLinkFamily& family,
                        const GlmControl& control, const Eigen::VectorXd* eta_start) {
  const Eigen::Index n_used = x.rows();
  const Eigen::Index n_columns = x.cols();
  const bool has_offset = offset.size() == n_used;
  Eigen::VectorXd eta(n_used);
  Eigen::VectorXd mu(n_used);
  for (Eigen::Index row = 0; row < n_used; ++row) {
    if (eta_start != nullptr) {
      eta(row) = (*eta_start)(row);
      mu(row) = LogLinkInverse(eta(row));
    } else {
      mu(row) = family.InitialMu(y(row));
      eta(row) = std::log(mu(row));
    }
  }
  double deviance_old = 0;
  for (Eigen::Index row = 0; row < n_used; ++row) deviance_old += family.DevianceResidual(y(row), mu(row));

  IrlsFit fit;
  fit.beta = Eigen::VectorXd::Zero(n_columns);
  Eigen::MatrixXd xtwx(n_columns, n_columns);
  Eigen::VectorXd xtwz(n_columns);
  fit.working_weight.resize(n_used);
  for (int iteration = 1; iteration <= control.max_iterations; ++iteration) {
    xtwx.setZero();
    xtwz.setZero();
    for (Eigen::Index row = 0; row < n_used; ++row) {
      const double mean = mu(row);
      const double mu_eta = std::max(mean, std::numeric_limits<double>::epsilon());
      const double working_weight = mu_eta * mu_eta / family.Variance(mean);
      fit.working_weight(row) = working_weight;
      const double working_response =
          eta(row) - (has_offset ? offset(row) : 0.0) + (y(row) - mean) / mu_eta;
      for (Eigen::Index left = 0; left < n_columns; ++left) {
        const double weighted = working_weight * x(row, left);
        xtwz(left) += weighted * working_response;
        for (Eigen::Index right = left; right < n_columns; ++right) {
          xtwx(left, right) += weighted * x(row, right);
        }
      }
    }
    xtwx.triangularView<Eigen::StrictlyLower>() = xtwx.transpose().triangularView<Eigen::StrictlyLower>();
    if (!InvertSymmetric(xtwx, &fit.cov_unscaled)) {
      return Status::InvalidArgument("predictors", "design matrix is singular (collinear or constant columns)");
    }
    fit.beta = fit.cov_unscaled * xtwz;
    double deviance = 0;
    for (Eigen::Index row = 0; row < n_used; ++row) {
      eta(row) = x.row(row).dot(fit.beta) + (has_offset ? offset(row) : 0.0);
      mu(row) = LogLinkInverse(eta(row));
      deviance += family.DevianceResidual(y(row), mu(row));
    }
    if (!std::isfinite(deviance)) {
      return Status::Internal("glm: deviance is not finite at iteration " + std::to_string(iteration));
    }
    fit.iterations = iteration;
    fit.deviance = deviance;
    if (std::fabs(deviance - deviance_old) / (std::fabs(deviance) + 0.1) < control.epsilon) {
      fit.converged = true;
      break;
    }
    deviance_old = deviance;
  }
  fit.mu = mu;
  return fit;
}

GlmFit SummariseGlm(const Design& design, const IrlsFit& fit, const LogLinkFamily& family,
                    const GlmControl& control) {
  const RowMatrix& x = design.x;
  const Eigen::Index n_used = x.rows();
  const Eigen::Index n_columns = x.cols();
  GlmFit out;
  out.covariance = fit.cov_unscaled;
  Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(n_columns, n_columns);
  out.working_score.resize(n_used);
  double pearson = 0;
  for (Eigen::Index row = 0; row < n_used; ++row) {
    const double mean = fit.mu(row);
    const double variance = family.Variance(mean);
    const double residual = design.y(row) - mean;
    pearson += residual * residual / variance;
    // sandwich::estfun.glm: working residual (y - mu) / mu.eta(eta) at the
    // fitted values times the working weight of the last iteration.
    const double mu_eta = std::max(mean, std::numeric_limits<double>::epsilon());
    const double score = residual / mu_eta * fit.working_weight(row);
    out.working_score(row) = score;
    for (Eigen::Index left = 0; left < n_columns; ++left) {
      const double weighted = score * score * x(row, left);
      for (Eigen::Index right = left; right < n_columns; ++right) {
        meat(left, right) += weighted * x(row, right);
      }
    }
  }
  meat.triangularView<Eigen::StrictlyLower>() = meat.transpose().triangularView<Eigen::StrictlyLower>();
  out.robust_covariance = fit.cov_unscaled * meat * fit.cov_unscaled;
  out.coefficients =
      CoefficientTable(design.names, fit.beta, out.covariance, 0, control.confidence_level);
  out.robust_coefficients =
      CoefficientTable(design.names, fit.beta, out.robust_covariance, 0, control.confidence_level);
  out.rate_ratios = Exponentiate(out.coefficients);
  out.robust_rate_ratios = Exponentiate(out.robust_coefficients);
  out.deviance = fit.deviance;
  out.pearson_chi2 = pearson;
  out.df_residual = static_cast<double>(n_used - n_columns);
  out.df_null = static_cast<double>(n_used - 1);
  out.dispersion = pearson / out.df_residual;
  out.iterations = fit.iterations;
  out.converged = fit.converged;
  out.n_used = static_cast<size_t>(n_used);
  out.n_missing = design.n_missing;
  return out;
}

Result<double> NullDeviance(const Design& design, const LogLinkFamily& family,
                            const GlmControl& control, const Eigen::VectorXd* mu_start) {
  const Eigen::Index n_used = design.y.size();
  if (design.offset.size() == 0) {
    const double mean = design.y.mean();
    double deviance = 0;
    for (Eigen::Index row = 0; row < n_used; ++row) deviance += family.DevianceResidual(design.y(row), mean);
    return deviance;
  }
  const RowMatrix ones = RowMatrix::Ones(n_used, 1);
  Eigen::VectorXd eta_start;
  if (mu_start != nullptr) eta_start = mu_start->array().log().matrix();
  Result<IrlsFit> fit = FitIrls(ones, design.y, design.offset, family, control,
                                mu_start != nullptr ? &eta_start : nullptr);
  if (!fit.ok()) return fit.status();
  return fit->deviance;
}

}  // namespace internal
}  // namespace alongside::stats
