#include "stats/ols.h"

#include <cmath>

#include "stats/regression_design.h"

namespace alongside::stats {

const Coefficient* OlsFit::Find(const std::string& name) const {
  for (const Coefficient& coefficient : coefficients) {
    if (coefficient.name == name) return &coefficient;
  }
  return nullptr;
}

Result<OlsFit> FitOls(std::span<const double> y, std::span<const Predictor> predictors,
                      bool intercept, double confidence_level) {
  Result<internal::Design> design = internal::BuildDesign(y, predictors, intercept);
  if (!design.ok()) return design.status();
  const internal::RowMatrix& x = design->x;
  const Eigen::Index n_used = x.rows();
  const Eigen::Index n_columns = x.cols();

  // Normal equations accumulated in one pass over the rows.
  Eigen::MatrixXd xtx = Eigen::MatrixXd::Zero(n_columns, n_columns);
  Eigen::VectorXd xty = Eigen::VectorXd::Zero(n_columns);
  for (Eigen::Index row = 0; row < n_used; ++row) {
    const double response = design->y(row);
    for (Eigen::Index left = 0; left < n_columns; ++left) {
      const double value = x(row, left);
      xty(left) += value * response;
      for (Eigen::Index right = left; right < n_columns; ++right) {
        xtx(left, right) += value * x(row, right);
      }
    }
  }
  xtx.triangularView<Eigen::StrictlyLower>() = xtx.transpose().triangularView<Eigen::StrictlyLower>();
  Eigen::MatrixXd xtx_inverse;
  if (!internal::InvertSymmetric(xtx, &xtx_inverse)) {
    return Status::InvalidArgument("predictors", "design matrix is singular (collinear or constant columns)");
  }
  const Eigen::VectorXd beta = xtx_inverse * xty;

  double rss = 0;
  double mean_y = design->y.mean();
  double tss = 0;
  for (Eigen::Index row = 0; row < n_used; ++row) {
    const double residual = design->y(row) - x.row(row).dot(beta);
    rss += residual * residual;
    const double centred = intercept ? design->y(row) - mean_y : design->y(row);
    tss += centred * centred;
  }
  OlsFit fit;
  fit.df_residual = static_cast<double>(n_used - n_columns);
  fit.sigma = std::sqrt(rss / fit.df_residual);
  fit.r_squared = 1.0 - rss / tss;
  fit.covariance = xtx_inverse * (fit.sigma * fit.sigma);
  fit.coefficients = internal::CoefficientTable(design->names, beta, fit.covariance,
                                                fit.df_residual, confidence_level);
  fit.n_used = static_cast<size_t>(n_used);
  fit.n_missing = design->n_missing;
  fit.confidence_level = confidence_level;
  return fit;
}

}  // namespace alongside::stats
