#include "stats/cluster_robust.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <boost/math/distributions/students_t.hpp>

namespace alongside::stats {

Result<ClusterRobustFit> FitClusterRobustCr2(const Eigen::MatrixXd& x, std::span<const double> residual,
                                             std::span<const double> cluster,
                                             const std::vector<std::string>& names,
                                             const Eigen::VectorXd& estimate, double confidence_level) {
  const Eigen::Index n = x.rows();
  const Eigen::Index p = x.cols();
  if (static_cast<Eigen::Index>(residual.size()) != n || static_cast<Eigen::Index>(cluster.size()) != n ||
      static_cast<Eigen::Index>(names.size()) != p || estimate.size() != p) {
    return Status::InvalidArgument("cluster", "design, residuals, clusters and names differ in length");
  }
  // Rows grouped by cluster (stable, so each cluster keeps its row order).
  std::vector<Eigen::Index> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index left, Eigen::Index right) {
    return cluster[static_cast<size_t>(left)] < cluster[static_cast<size_t>(right)];
  });
  std::vector<size_t> starts;
  for (size_t index = 0; index < order.size(); ++index) {
    if (index == 0 || cluster[static_cast<size_t>(order[index])] != cluster[static_cast<size_t>(order[index - 1])]) {
      starts.push_back(index);
    }
  }
  const size_t groups = starts.size();
  if (groups < 2) return Status::InvalidArgument("cluster", "needs at least two clusters");
  starts.push_back(order.size());

  const Eigen::MatrixXd xtx = x.transpose() * x;
  Eigen::LLT<Eigen::MatrixXd> xtx_llt(xtx);
  if (xtx_llt.info() != Eigen::Success) {
    return Status::InvalidArgument("predictors", "design matrix is singular (collinear or constant columns)");
  }
  const Eigen::MatrixXd bread = xtx_llt.solve(Eigen::MatrixXd::Identity(p, p));  // M
  Eigen::LLT<Eigen::MatrixXd> bread_llt(bread);
  const Eigen::MatrixXd root = bread_llt.matrixL();  // L with L L' = M

  Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(p, p);
  // Per coefficient: sums for the Satterthwaite degrees of freedom.
  Eigen::VectorXd expected = Eigen::VectorXd::Zero(p);       // sum_g u'u - q'Mq
  Eigen::VectorXd diagonal_terms = Eigen::VectorXd::Zero(p);  // sum_g (u'u)^2 - 2 u'u q'Mq
  std::vector<Eigen::MatrixXd> q_by_group(groups);            // X_g' U_g, p x p (column j: q_g for e_j)
  for (size_t group = 0; group < groups; ++group) {
    const auto rows = static_cast<Eigen::Index>(starts[group + 1] - starts[group]);
    Eigen::MatrixXd xg(rows, p);
    Eigen::VectorXd eg(rows);
    for (Eigen::Index row = 0; row < rows; ++row) {
      const Eigen::Index source = order[starts[group] + static_cast<size_t>(row)];
      xg.row(row) = x.row(source);
      eg(row) = residual[static_cast<size_t>(source)];
    }
    // H_gg = B B' with B = X_g L; its nonzero eigenvalues are those of B'B.
    const Eigen::MatrixXd b = xg * root;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(b.transpose() * b);
    // A_g = I + sum_k ((1 - lambda_k)^(-1/2) - 1) v_k v_k', v_k = B z_k / sqrt(lambda_k):
    // A_g Y = Y + B Z D Z' B' Y with D_k = ((1 - lambda_k)^(-1/2) - 1) / lambda_k.
    Eigen::VectorXd shrink = Eigen::VectorXd::Zero(p);
    for (Eigen::Index k = 0; k < p; ++k) {
      const double lambda = eigen.eigenvalues()(k);
      if (lambda <= 1e-12) continue;
      // As clubSandwich's Sym_power: an eigenvalue of I - H_gg at or below
      // 1e-12 (a cluster that alone determines a direction, e.g. the only
      // cohort of an arm) gets power 0, so A_g is 0 in that direction.
      const double remaining = 1 - lambda;
      shrink(k) = ((remaining > 1e-12 ? 1 / std::sqrt(remaining) : 0.0) - 1) / lambda;
    }
    const Eigen::MatrixXd& z = eigen.eigenvectors();
    const Eigen::MatrixXd adjust = z * shrink.asDiagonal() * z.transpose();  // p x p
    auto apply = [&](const Eigen::MatrixXd& y) -> Eigen::MatrixXd {
      return y + b * (adjust * (b.transpose() * y));
    };
    const Eigen::MatrixXd u = apply(xg * bread);  // U_g = A_g X_g M, rows x p
    const Eigen::VectorXd t = u.transpose() * eg;  // M X_g' A_g e_g
    meat += t * t.transpose();
    const Eigen::MatrixXd q = xg.transpose() * u;  // p x p
    const Eigen::MatrixXd mq = bread * q;
    for (Eigen::Index j = 0; j < p; ++j) {
      const double uu = u.col(j).squaredNorm();
      const double qmq = q.col(j).dot(mq.col(j));
      expected(j) += uu - qmq;
      diagonal_terms(j) += uu * uu - 2 * uu * qmq;
    }
    q_by_group[group] = q;
  }
  ClusterRobustFit out;
  out.covariance = meat;
  out.n_clusters = groups;
  out.df.resize(static_cast<size_t>(p));
  const double alpha = 1 - confidence_level;
  for (Eigen::Index j = 0; j < p; ++j) {
    // sum_{g,h} (q_g' M q_h)^2 = trace((M S)^2), S = sum_g q_g q_g'.
    Eigen::MatrixXd s = Eigen::MatrixXd::Zero(p, p);
    for (const Eigen::MatrixXd& q : q_by_group) s += q.col(j) * q.col(j).transpose();
    const Eigen::MatrixXd ms = bread * s;
    const double cross = (ms * ms).trace();
    const double variance_half = diagonal_terms(j) + cross;
    const double df = expected(j) * expected(j) / variance_half;
    out.df[static_cast<size_t>(j)] = df;
    Coefficient row;
    row.name = names[static_cast<size_t>(j)];
    row.estimate = estimate(j);
    row.std_error = std::sqrt(meat(j, j));
    row.statistic = row.estimate / row.std_error;
    if (std::isfinite(df) && df > 0 && std::isfinite(row.statistic)) {
      boost::math::students_t distribution(df);
      row.p_value = 2 * boost::math::cdf(boost::math::complement(distribution, std::abs(row.statistic)));
      const double quantile = boost::math::quantile(distribution, 1 - alpha / 2);
      row.ci_lower = row.estimate - quantile * row.std_error;
      row.ci_upper = row.estimate + quantile * row.std_error;
    } else {
      row.p_value = row.ci_lower = row.ci_upper = std::nan("");
    }
    out.coefficients.push_back(row);
  }
  return out;
}

}  // namespace alongside::stats
