#include "stats/did.h"

#include <cmath>
#include <unordered_map>

#include "stats/regression_design.h"

namespace alongside::stats {

namespace {

Status CheckIndicator(std::span<const double> values, const char* field) {
  for (double value : values) {
    if (!std::isnan(value) && value != 0 && value != 1) {
      return Status::InvalidArgument(field, "must be 0 or 1");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<DidFit> FitDifferenceInDifferences(std::span<const double> y,
                                          std::span<const double> treated,
                                          std::span<const double> post,
                                          std::span<const int64_t> cluster,
                                          std::span<const Predictor> covariates,
                                          double confidence_level) {
  if (treated.size() != y.size()) return Status::InvalidArgument("treated", "length differs from y");
  if (post.size() != y.size()) return Status::InvalidArgument("post", "length differs from y");
  if (cluster.size() != y.size()) return Status::InvalidArgument("cluster", "length differs from y");
  ALONGSIDE_RETURN_IF_ERROR(CheckIndicator(treated, "treated"));
  ALONGSIDE_RETURN_IF_ERROR(CheckIndicator(post, "post"));
  std::vector<double> interaction(y.size());
  for (size_t row = 0; row < y.size(); ++row) interaction[row] = treated[row] * post[row];
  std::vector<Predictor> predictors = {
      {"treated", treated}, {"post", post}, {"treated:post", interaction}};
  predictors.insert(predictors.end(), covariates.begin(), covariates.end());

  Result<OlsFit> ols = FitOls(y, predictors, /*intercept=*/true, confidence_level);
  if (!ols.ok()) return ols.status();
  Result<internal::Design> design = internal::BuildDesign(y, predictors, /*intercept=*/true);
  if (!design.ok()) return design.status();
  const internal::RowMatrix& x = design->x;
  const Eigen::Index n_used = x.rows();
  const Eigen::Index n_columns = x.cols();
  Eigen::VectorXd beta(n_columns);
  for (Eigen::Index column = 0; column < n_columns; ++column) {
    beta(column) = ols->coefficients[static_cast<size_t>(column)].estimate;
  }
  const double sigma_squared = ols->sigma * ols->sigma;
  const Eigen::MatrixXd xtx_inverse = ols->covariance / sigma_squared;

  // Per-cluster score sums X_g' e_g.
  std::unordered_map<int64_t, size_t> cluster_index;
  std::vector<Eigen::VectorXd> scores;
  for (Eigen::Index row = 0; row < n_used; ++row) {
    const int64_t id = cluster[design->rows[static_cast<size_t>(row)]];
    auto [it, inserted] = cluster_index.try_emplace(id, scores.size());
    if (inserted) scores.push_back(Eigen::VectorXd::Zero(n_columns));
    const double residual = design->y(row) - x.row(row).dot(beta);
    scores[it->second] += x.row(row).transpose() * residual;
  }
  const size_t n_clusters = scores.size();
  if (n_clusters < 2) return Status::InvalidArgument("cluster", "needs at least 2 clusters");
  Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(n_columns, n_columns);
  for (const Eigen::VectorXd& score : scores) meat += score * score.transpose();
  const double g = static_cast<double>(n_clusters);
  const double n = static_cast<double>(n_used);
  const double k = static_cast<double>(n_columns);
  const double small_sample = g / (g - 1) * (n - 1) / (n - k);

  DidFit fit;
  fit.cluster_covariance = small_sample * xtx_inverse * meat * xtx_inverse;
  fit.cluster_robust = internal::CoefficientTable(design->names, beta, fit.cluster_covariance,
                                                  g - 1, confidence_level);
  fit.did = fit.cluster_robust[3];
  fit.ols = std::move(*ols);
  fit.n_clusters = n_clusters;
  fit.n_used = static_cast<size_t>(n_used);
  fit.n_missing = design->n_missing;
  return fit;
}

}  // namespace alongside::stats
