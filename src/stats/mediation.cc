#include "stats/mediation.h"

#include <cmath>
#include <vector>

#include "stats/regression_design.h"

namespace alongside::stats {

namespace {

// Solves the OLS normal equations of `response` on `columns`, both indices
// into the cross-product matrix `cross`. Returns false if singular.
bool SolveFromCrossProducts(const Eigen::MatrixXd& cross, const std::vector<Eigen::Index>& columns,
                            Eigen::Index response, Eigen::VectorXd* beta) {
  const auto size = static_cast<Eigen::Index>(columns.size());
  Eigen::MatrixXd xtx(size, size);
  Eigen::VectorXd xty(size);
  for (Eigen::Index left = 0; left < size; ++left) {
    xty(left) = cross(columns[left], response);
    for (Eigen::Index right = 0; right < size; ++right) xtx(left, right) = cross(columns[left], columns[right]);
  }
  Eigen::MatrixXd inverse;
  if (!internal::InvertSymmetric(xtx, &inverse)) return false;
  *beta = inverse * xty;
  return true;
}

// Upper triangle of sum_row counts[row] z_row z_row' in one streaming pass.
// Branch-free (a zero count adds zeros) since about 37% of the counts are 0
// at random; the width is a template parameter for the common sizes so the
// inner loops unroll.
template <int kWidth>
void AccumulateFixed(const double* data, Eigen::Index n_rows, std::span<const uint32_t> counts,
                     Eigen::MatrixXd* cross) {
  double sums[kWidth][kWidth] = {};
  for (Eigen::Index row = 0; row < n_rows; ++row) {
    const double weight = counts[static_cast<size_t>(row)];
    const double* values = data + row * kWidth;
    for (int left = 0; left < kWidth; ++left) {
      const double weighted = weight * values[left];
      for (int right = left; right < kWidth; ++right) sums[left][right] += weighted * values[right];
    }
  }
  for (int left = 0; left < kWidth; ++left) {
    for (int right = left; right < kWidth; ++right) (*cross)(left, right) = sums[left][right];
  }
}

Eigen::MatrixXd WeightedCrossProducts(const internal::RowMatrix& z, std::span<const uint32_t> counts) {
  const Eigen::Index width = z.cols();
  const Eigen::Index n_rows = z.rows();
  Eigen::MatrixXd cross = Eigen::MatrixXd::Zero(width, width);
  switch (width) {
    case 4: AccumulateFixed<4>(z.data(), n_rows, counts, &cross); break;
    case 5: AccumulateFixed<5>(z.data(), n_rows, counts, &cross); break;
    case 6: AccumulateFixed<6>(z.data(), n_rows, counts, &cross); break;
    case 7: AccumulateFixed<7>(z.data(), n_rows, counts, &cross); break;
    case 8: AccumulateFixed<8>(z.data(), n_rows, counts, &cross); break;
    default:
      for (Eigen::Index row = 0; row < n_rows; ++row) {
        const double weight = counts[static_cast<size_t>(row)];
        for (Eigen::Index left = 0; left < width; ++left) {
          const double weighted = weight * z(row, left);
          for (Eigen::Index right = left; right < width; ++right) cross(left, right) += weighted * z(row, right);
        }
      }
  }
  cross.triangularView<Eigen::StrictlyLower>() = cross.transpose().triangularView<Eigen::StrictlyLower>();
  return cross;
}

}  // namespace

Result<MediationResult> Mediate(std::span<const double> treatment,
                                std::span<const double> mediator,
                                std::span<const double> outcome,
                                std::span<const Predictor> covariates,
                                const BootstrapSettings& bootstrap,
                                std::span<const int> strata) {
  const size_t n_rows = treatment.size();
  if (mediator.size() != n_rows) return Status::InvalidArgument("mediator", "length differs from treatment");
  if (outcome.size() != n_rows) return Status::InvalidArgument("outcome", "length differs from treatment");
  if (!strata.empty() && strata.size() != n_rows) {
    return Status::InvalidArgument("strata", "length differs from treatment");
  }
  // Complete cases of T, M, Y and the covariates.
  std::vector<Predictor> b_predictors = {{"T", treatment}, {"M", mediator}};
  b_predictors.insert(b_predictors.end(), covariates.begin(), covariates.end());
  Result<internal::Design> design_b = internal::BuildDesign(outcome, b_predictors, true);
  if (!design_b.ok()) return design_b.status();

  // Z = [1, T, C..., M, Y] of the complete cases, centred (slopes do not
  // change; the cross-products stay well conditioned), row-major.
  const internal::Design& base = *design_b;  // columns 1, T, M, C...
  const Eigen::Index n_used = base.x.rows();
  const auto n_covariates = static_cast<Eigen::Index>(covariates.size());
  const Eigen::Index width = 4 + n_covariates;
  const Eigen::Index kT = 1, kM = 2 + n_covariates, kY = 3 + n_covariates;
  internal::RowMatrix z(n_used, width);
  for (Eigen::Index row = 0; row < n_used; ++row) {
    z(row, 0) = 1;
    z(row, kT) = base.x(row, 1);
    for (Eigen::Index covariate = 0; covariate < n_covariates; ++covariate) {
      z(row, 2 + covariate) = base.x(row, 3 + covariate);
    }
    z(row, kM) = base.x(row, 2);
    z(row, kY) = base.y(row);
  }
  const Eigen::RowVectorXd means = z.colwise().mean();
  for (Eigen::Index column = 1; column < width; ++column) z.col(column).array() -= means(column);

  std::vector<Eigen::Index> columns_a = {0, kT};
  for (Eigen::Index covariate = 0; covariate < n_covariates; ++covariate) columns_a.push_back(2 + covariate);
  std::vector<Eigen::Index> columns_b = columns_a;
  columns_b.push_back(kM);
  std::vector<Eigen::Index> columns_total = columns_a;

  // Effects from a (weighted) cross-product matrix: indirect, direct, total.
  auto effects = [&](const Eigen::MatrixXd& cross, std::span<double> out, double* total_check) {
    Eigen::VectorXd beta_a, beta_b;
    if (!SolveFromCrossProducts(cross, columns_a, kM, &beta_a) ||
        !SolveFromCrossProducts(cross, columns_b, kY, &beta_b)) {
      out[0] = out[1] = out[2] = std::nan("");
      return;
    }
    const double a = beta_a(1);
    const double b = beta_b(static_cast<Eigen::Index>(columns_b.size()) - 1);
    const double direct = beta_b(1);
    out[0] = a * b;
    out[1] = direct;
    out[2] = direct + a * b;
    if (total_check != nullptr) {
      Eigen::VectorXd beta_total;
      *total_check = SolveFromCrossProducts(cross, columns_total, kY, &beta_total) ? beta_total(1)
                                                                                  : std::nan("");
    }
  };

  Eigen::MatrixXd full = z.transpose() * z;
  double point[3];
  MediationResult result;
  effects(full, point, &result.total_check);
  if (std::isnan(point[0])) {
    return Status::InvalidArgument("predictors", "design matrix is singular (collinear or constant columns)");
  }
  {
    Eigen::VectorXd beta_a;
    SolveFromCrossProducts(full, columns_a, kM, &beta_a);
    result.a = beta_a(1);
    Eigen::VectorXd beta_b;
    SolveFromCrossProducts(full, columns_b, kY, &beta_b);
    result.b = beta_b(static_cast<Eigen::Index>(columns_b.size()) - 1);
  }

  std::vector<int> used_strata;
  if (!strata.empty()) {
    used_strata.reserve(static_cast<size_t>(n_used));
    for (uint32_t row : base.rows) used_strata.push_back(strata[row]);
  }
  const BootstrapMatrix replicates = BootstrapCountReplicates(
      bootstrap.n_resamples, bootstrap.seed, bootstrap.threads, static_cast<size_t>(n_used),
      used_strata, 3, [&](std::span<const uint32_t> counts, std::span<double> out) {
        effects(WeightedCrossProducts(z, counts), out, nullptr);
      });

  MediationEffect* targets[3] = {&result.indirect, &result.direct, &result.total};
  for (size_t effect = 0; effect < 3; ++effect) {
    targets[effect]->estimate = point[effect];
    const PercentileInterval interval =
        PercentileCi(replicates.Column(effect), bootstrap.confidence_level);
    targets[effect]->ci_lower = interval.lower;
    targets[effect]->ci_upper = interval.upper;
    if (effect == 0) result.n_failed_resamples = interval.n_invalid;
  }
  result.proportion_mediated = point[2] != 0 ? point[0] / point[2] : std::nan("");
  result.n_used = static_cast<size_t>(n_used);
  result.n_missing = n_rows - static_cast<size_t>(n_used);
  result.n_resamples = bootstrap.n_resamples;
  result.confidence_level = bootstrap.confidence_level;
  return result;
}

}  // namespace alongside::stats
