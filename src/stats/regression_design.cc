#include "stats/regression_design.h"

#include <cmath>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace alongside::stats::internal {

Result<Design> BuildDesign(std::span<const double> y, std::span<const Predictor> predictors,
                           bool intercept, std::span<const double> exposure,
                           std::span<const std::span<const double>> extra) {
  const size_t n_rows = y.size();
  for (const Predictor& predictor : predictors) {
    if (predictor.values.size() != n_rows) {
      return Status::InvalidArgument("predictors",
                                     "column '" + predictor.name + "' has " +
                                         std::to_string(predictor.values.size()) +
                                         " values, y has " + std::to_string(n_rows));
    }
  }
  if (!exposure.empty() && exposure.size() != n_rows) {
    return Status::InvalidArgument("exposure", "length differs from y");
  }
  for (const auto& column : extra) {
    if (column.size() != n_rows) return Status::InvalidArgument("rows", "column lengths differ");
  }
  Design design;
  if (intercept) design.names.push_back("(Intercept)");
  for (const Predictor& predictor : predictors) design.names.push_back(predictor.name);
  const size_t n_columns = design.names.size();

  design.rows.reserve(n_rows);
  for (size_t row = 0; row < n_rows; ++row) {
    bool complete = !std::isnan(y[row]);
    for (const Predictor& predictor : predictors) complete = complete && !std::isnan(predictor.values[row]);
    if (!exposure.empty()) complete = complete && !std::isnan(exposure[row]);
    for (const auto& column : extra) complete = complete && !std::isnan(column[row]);
    if (!complete) {
      ++design.n_missing;
      continue;
    }
    if (!exposure.empty() && !(exposure[row] > 0)) {
      return Status::InvalidArgument("exposure", "must be > 0 (row " + std::to_string(row) + ")");
    }
    design.rows.push_back(static_cast<uint32_t>(row));
  }
  const size_t n_used = design.rows.size();
  if (n_used <= n_columns) {
    return Status::InvalidArgument("rows", std::to_string(n_used) +
                                               " complete rows for " + std::to_string(n_columns) +
                                               " coefficients");
  }
  design.x.resize(static_cast<Eigen::Index>(n_used), static_cast<Eigen::Index>(n_columns));
  design.y.resize(static_cast<Eigen::Index>(n_used));
  if (!exposure.empty()) design.offset.resize(static_cast<Eigen::Index>(n_used));
  for (size_t used = 0; used < n_used; ++used) {
    const size_t row = design.rows[used];
    const auto out_row = static_cast<Eigen::Index>(used);
    Eigen::Index column = 0;
    if (intercept) design.x(out_row, column++) = 1.0;
    for (const Predictor& predictor : predictors) design.x(out_row, column++) = predictor.values[row];
    design.y(out_row) = y[row];
    if (!exposure.empty()) design.offset(out_row) = std::log(exposure[row]);
  }
  return design;
}

bool InvertSymmetric(const Eigen::MatrixXd& matrix, Eigen::MatrixXd* inverse) {
  const Eigen::Index size = matrix.rows();
  // Scale to unit diagonal so the singularity test does not depend on the
  // units of the columns.
  Eigen::VectorXd scale(size);
  for (Eigen::Index index = 0; index < size; ++index) {
    if (!(matrix(index, index) > 0)) return false;
    scale(index) = 1.0 / std::sqrt(matrix(index, index));
  }
  const Eigen::MatrixXd scaled = scale.asDiagonal() * matrix * scale.asDiagonal();
  Eigen::LDLT<Eigen::MatrixXd> ldlt(scaled);
  if (ldlt.info() != Eigen::Success) return false;
  const Eigen::VectorXd diagonal = ldlt.vectorD();
  for (Eigen::Index index = 0; index < size; ++index) {
    if (!(diagonal(index) > 1e-10)) return false;
  }
  *inverse = scale.asDiagonal() * ldlt.solve(Eigen::MatrixXd::Identity(size, size)) *
             scale.asDiagonal();
  return true;
}

std::vector<Coefficient> CoefficientTable(const std::vector<std::string>& names,
                                          const Eigen::VectorXd& estimate,
                                          const Eigen::MatrixXd& covariance, double df,
                                          double confidence_level) {
  const double alpha = 1.0 - confidence_level;
  double critical = 0;
  if (df > 0) {
    boost::math::students_t distribution(df);
    critical = boost::math::quantile(boost::math::complement(distribution, alpha / 2));
  } else {
    boost::math::normal distribution;
    critical = boost::math::quantile(boost::math::complement(distribution, alpha / 2));
  }
  std::vector<Coefficient> table;
  table.reserve(names.size());
  for (size_t index = 0; index < names.size(); ++index) {
    const auto eigen_index = static_cast<Eigen::Index>(index);
    Coefficient row;
    row.name = names[index];
    row.estimate = estimate(eigen_index);
    row.std_error = std::sqrt(covariance(eigen_index, eigen_index));
    row.statistic = row.estimate / row.std_error;
    if (!std::isfinite(row.statistic)) {
      row.p_value = std::nan("");
    } else if (df > 0) {
      row.p_value = 2 * boost::math::cdf(boost::math::complement(
                            boost::math::students_t(df), std::fabs(row.statistic)));
    } else {
      row.p_value = 2 * boost::math::cdf(boost::math::complement(boost::math::normal(),
                                                                 std::fabs(row.statistic)));
    }
    row.ci_lower = row.estimate - critical * row.std_error;
    row.ci_upper = row.estimate + critical * row.std_error;
    table.push_back(row);
  }
  return table;
}

}  // namespace alongside::stats::internal
