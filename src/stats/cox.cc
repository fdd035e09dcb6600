#include "stats/cox.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "stats/kaplan_meier.h"
#include "stats/survival_input.h"

namespace alongside::stats {
namespace {

// coxph.control()'s toler.chol: .Machine$double.eps^0.75.
const double kCholeskyTolerance = std::pow(std::numeric_limits<double>::epsilon(), 0.75);

// LDL' decomposition with survival's cholesky2 rule: a pivot below
// toler * (largest diagonal) is set to zero and its direction is left out
// of solves (chsolve2), so a rank-deficient information matrix still gives a
// finite Newton step.
class SurvivalCholesky {
 public:
  SurvivalCholesky(const Eigen::MatrixXd& symmetric, double toler)
      : factor_(symmetric), size_(symmetric.rows()) {
    double largest = 0;
    for (Eigen::Index idx = 0; idx < size_; ++idx) largest = std::max(largest, factor_(idx, idx));
    const double eps = largest == 0 ? toler : largest * toler;
    for (Eigen::Index pivot_idx = 0; pivot_idx < size_; ++pivot_idx) {
      const double pivot = factor_(pivot_idx, pivot_idx);
      if (!std::isfinite(pivot) || pivot < eps) {
        factor_(pivot_idx, pivot_idx) = 0;
        continue;
      }
      ++rank_;
      for (Eigen::Index row = pivot_idx + 1; row < size_; ++row) {
        const double ratio = factor_(row, pivot_idx) / pivot;
        factor_(row, pivot_idx) = ratio;
        factor_(row, row) -= ratio * ratio * pivot;
        for (Eigen::Index col = row + 1; col < size_; ++col) {
          factor_(col, row) -= ratio * factor_(col, pivot_idx);
        }
      }
    }
  }

  Eigen::Index rank() const { return rank_; }

  Eigen::VectorXd Solve(Eigen::VectorXd rhs) const {
    for (Eigen::Index row = 0; row < size_; ++row) {
      for (Eigen::Index col = 0; col < row; ++col) rhs(row) -= rhs(col) * factor_(row, col);
    }
    for (Eigen::Index row = size_ - 1; row >= 0; --row) {
      if (factor_(row, row) == 0) {
        rhs(row) = 0;
        continue;
      }
      double value = rhs(row) / factor_(row, row);
      for (Eigen::Index col = row + 1; col < size_; ++col) value -= rhs(col) * factor_(col, row);
      rhs(row) = value;
    }
    return rhs;
  }

  Eigen::MatrixXd Inverse() const {
    Eigen::MatrixXd inverse(size_, size_);
    for (Eigen::Index col = 0; col < size_; ++col) {
      inverse.col(col) = Solve(Eigen::VectorXd::Unit(size_, col));
    }
    return (inverse + inverse.transpose()) / 2;
  }

 private:
  Eigen::MatrixXd factor_;  // unit lower triangle below the diagonal, D on it
  Eigen::Index size_;
  Eigen::Index rank_ = 0;
};

// The data once sorted by time (events first within a time), covariates
// row-major so that one subject's values are contiguous.
struct SortedData {
  std::size_t n = 0;
  std::size_t p = 0;
  std::vector<double> time;
  std::vector<int> status;
  std::vector<double> x;                 // n * p, centred and scaled
  std::vector<std::size_t> block_start;  // start of each distinct time, then n
};

SortedData SortData(const Eigen::MatrixXd& x, std::span<const double> time,
                    std::span<const int> event, const Eigen::VectorXd& means,
                    const Eigen::VectorXd& scale) {
  SortedData data;
  data.n = time.size();
  data.p = static_cast<std::size_t>(x.cols());
  const std::vector<std::size_t> order = survival_internal::OrderByTime(time, event);
  data.time.resize(data.n);
  data.status.resize(data.n);
  data.x.resize(data.n * data.p);
  for (std::size_t pos = 0; pos < data.n; ++pos) {
    const std::size_t row = order[pos];
    data.time[pos] = time[row];
    data.status[pos] = event[row];
    for (std::size_t col = 0; col < data.p; ++col) {
      const auto col_idx = static_cast<Eigen::Index>(col);
      data.x[pos * data.p + col] =
          (x(static_cast<Eigen::Index>(row), col_idx) - means(col_idx)) * scale(col_idx);
    }
    if (pos == 0 || data.time[pos] != data.time[pos - 1]) data.block_start.push_back(pos);
  }
  data.block_start.push_back(data.n);
  return data;
}

// Log partial likelihood, score and information at `beta` (Efron), following
// survival's coxfit6_iter: a backward pass over distinct times accumulating
// the risk set. Only the upper triangle of `imat` is accumulated, then
// mirrored.
double EvaluateEfron(const SortedData& data, const Eigen::VectorXd& beta, Eigen::VectorXd& u,
                     Eigen::MatrixXd& imat) {
  const std::size_t p = data.p;
  u.setZero(static_cast<Eigen::Index>(p));
  imat.setZero(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(p));
  std::vector<double> a(p, 0.0);
  std::vector<double> a2(p, 0.0);
  std::vector<double> cmat(p * p, 0.0);
  std::vector<double> cmat2(p * p, 0.0);
  double denom = 0;
  double loglik = 0;
  for (std::size_t block = data.block_start.size() - 1; block-- > 0;) {
    double deaths = 0;
    double denom2 = 0;
    std::fill(a2.begin(), a2.end(), 0.0);
    std::fill(cmat2.begin(), cmat2.end(), 0.0);
    for (std::size_t pos = data.block_start[block]; pos < data.block_start[block + 1]; ++pos) {
      const double* row = &data.x[pos * p];
      double zbeta = 0;
      for (std::size_t col = 0; col < p; ++col)
        zbeta += beta(static_cast<Eigen::Index>(col)) * row[col];
      const double risk = std::exp(zbeta);
      if (data.status[pos] == 0) {
        denom += risk;
        for (std::size_t i = 0; i < p; ++i) {
          a[i] += risk * row[i];
          for (std::size_t j = 0; j <= i; ++j) cmat[i * p + j] += risk * row[i] * row[j];
        }
      } else {
        deaths += 1;
        denom2 += risk;
        loglik += zbeta;
        for (std::size_t i = 0; i < p; ++i) {
          u(static_cast<Eigen::Index>(i)) += row[i];
          a2[i] += risk * row[i];
          for (std::size_t j = 0; j <= i; ++j) cmat2[i * p + j] += risk * row[i] * row[j];
        }
      }
    }
    if (deaths == 0) continue;
    // Efron: the tied deaths leave the risk set a fraction 1/deaths at a
    // time (with one death this is Breslow's term).
    const auto steps = static_cast<int>(deaths);
    for (int step = 0; step < steps; ++step) {
      denom += denom2 / deaths;
      loglik -= std::log(denom);
      for (std::size_t i = 0; i < p; ++i) {
        a[i] += a2[i] / deaths;
        const double mean_i = a[i] / denom;
        u(static_cast<Eigen::Index>(i)) -= mean_i;
        for (std::size_t j = 0; j <= i; ++j) {
          cmat[i * p + j] += cmat2[i * p + j] / deaths;
          imat(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) +=
              (cmat[i * p + j] - mean_i * a[j]) / denom;
        }
      }
    }
  }
  imat.triangularView<Eigen::StrictlyLower>() =
      imat.transpose().triangularView<Eigen::StrictlyLower>();
  return loglik;
}

// Per-time terms of the Efron score residuals (survival's coxscore2, made
// O(n p) by accumulating over time instead of looping over the risk set).
struct DeathTimeTerms {
  double hazard_at_risk = 0;         // sum_k h_k
  double hazard_dying = 0;           // sum_k h_k (1 - k / d)
  std::vector<double> mean_at_risk;  // sum_k h_k xbar_k
  std::vector<double> mean_dying;    // sum_k h_k (1 - k / d) xbar_k
  std::vector<double> mean_average;  // sum_k xbar_k / d
};

// Accumulates R'R, where R holds the score residuals at `beta` (one row per
// subject), and returns the column sums of R in `column_sums`.
Eigen::MatrixXd ScoreResidualCrossProduct(const SortedData& data, const Eigen::VectorXd& beta,
                                          Eigen::VectorXd& column_sums) {
  const std::size_t p = data.p;
  const std::size_t blocks = data.block_start.size() - 1;
  std::vector<double> risk(data.n);
  for (std::size_t pos = 0; pos < data.n; ++pos) {
    double zbeta = 0;
    for (std::size_t col = 0; col < p; ++col) {
      zbeta += beta(static_cast<Eigen::Index>(col)) * data.x[pos * p + col];
    }
    risk[pos] = std::exp(zbeta);
  }
  // Backward pass: risk-set sums at each distinct time.
  std::vector<DeathTimeTerms> terms(blocks);
  std::vector<double> a(p, 0.0);
  std::vector<double> a2(p, 0.0);
  double denom = 0;
  for (std::size_t block = blocks; block-- > 0;) {
    double deaths = 0;
    double e_denom = 0;
    std::fill(a2.begin(), a2.end(), 0.0);
    for (std::size_t pos = data.block_start[block]; pos < data.block_start[block + 1]; ++pos) {
      denom += risk[pos];
      for (std::size_t col = 0; col < p; ++col) a[col] += risk[pos] * data.x[pos * p + col];
      if (data.status[pos] == 1) {
        deaths += 1;
        e_denom += risk[pos];
        for (std::size_t col = 0; col < p; ++col) a2[col] += risk[pos] * data.x[pos * p + col];
      }
    }
    if (deaths == 0) continue;
    DeathTimeTerms& term = terms[block];
    term.mean_at_risk.assign(p, 0.0);
    term.mean_dying.assign(p, 0.0);
    term.mean_average.assign(p, 0.0);
    const auto steps = static_cast<int>(deaths);
    for (int step = 0; step < steps; ++step) {
      const double downweight = step / deaths;
      const double step_denom = denom - downweight * e_denom;
      const double hazard = 1 / step_denom;
      term.hazard_at_risk += hazard;
      term.hazard_dying += hazard * (1 - downweight);
      for (std::size_t col = 0; col < p; ++col) {
        const double mean = (a[col] - downweight * a2[col]) / step_denom;
        term.mean_at_risk[col] += hazard * mean;
        term.mean_dying[col] += hazard * (1 - downweight) * mean;
        term.mean_average[col] += mean / deaths;
      }
    }
  }
  // Forward pass: cumulative hazard terms up to each subject's time.
  Eigen::MatrixXd cross =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(p));
  column_sums.setZero(static_cast<Eigen::Index>(p));
  std::vector<double> cumulative_mean(p, 0.0);
  std::vector<double> residual(p);
  double cumulative_hazard = 0;
  for (std::size_t block = 0; block < blocks; ++block) {
    const DeathTimeTerms& term = terms[block];
    const bool has_deaths = !term.mean_at_risk.empty();
    for (std::size_t pos = data.block_start[block]; pos < data.block_start[block + 1]; ++pos) {
      const bool died = data.status[pos] == 1;
      double hazard = cumulative_hazard;
      if (has_deaths) hazard += died ? term.hazard_dying : term.hazard_at_risk;
      for (std::size_t col = 0; col < p; ++col) {
        double weighted_mean = cumulative_mean[col];
        if (has_deaths) weighted_mean += died ? term.mean_dying[col] : term.mean_at_risk[col];
        const double xv = data.x[pos * p + col];
        residual[col] = -risk[pos] * (xv * hazard - weighted_mean);
        if (died) residual[col] += xv - term.mean_average[col];
      }
      for (std::size_t i = 0; i < p; ++i) {
        column_sums(static_cast<Eigen::Index>(i)) += residual[i];
        for (std::size_t j = 0; j <= i; ++j) {
          cross(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) +=
              residual[i] * residual[j];
        }
      }
    }
    if (has_deaths) {
      cumulative_hazard += term.hazard_at_risk;
      for (std::size_t col = 0; col < p; ++col) cumulative_mean[col] += term.mean_at_risk[col];
    }
  }
  cross.triangularView<Eigen::StrictlyLower>() =
      cross.transpose().triangularView<Eigen::StrictlyLower>();
  return cross;
}

ChiSquareTest MakeTest(double statistic, int df) {
  ChiSquareTest test;
  test.statistic = statistic;
  test.df = df;
  test.p_value = survival_internal::ChiSquareUpperTail(statistic, df);
  return test;
}

// b' V^-1 b with survival's generalized inverse (coxph.wtest); df = rank.
ChiSquareTest QuadraticFormTest(const Eigen::MatrixXd& variance, const Eigen::VectorXd& vec) {
  const SurvivalCholesky chol(variance, kCholeskyTolerance);
  return MakeTest(vec.dot(chol.Solve(vec)), static_cast<int>(chol.rank()));
}

Status ValidateCoxInput(const Eigen::MatrixXd& x, std::span<const double> time,
                        std::span<const int> event) {
  ALONGSIDE_RETURN_IF_ERROR(survival_internal::ValidateTimeEvent(time, event));
  if (x.cols() < 1) return Status::InvalidArgument("x", "needs at least one covariate column");
  if (static_cast<std::size_t>(x.rows()) != time.size()) {
    return Status::InvalidArgument("x", "has " + std::to_string(x.rows()) + " rows but time has " +
                                            std::to_string(time.size()));
  }
  if (!x.allFinite()) return Status::InvalidArgument("x", "has a value that is not finite");
  return Status::Ok();
}

}  // namespace

Result<CoxFit> FitCoxEfron(const Eigen::MatrixXd& x, std::span<const double> time,
                           std::span<const int> event, const CoxOptions& options) {
  ALONGSIDE_RETURN_IF_ERROR(ValidateCoxInput(x, time, event));
  if (!(options.conf_level > 0 && options.conf_level < 1)) {
    return Status::InvalidArgument("conf_level", "must be in (0, 1)");
  }
  if (options.max_iterations < 0) {
    return Status::InvalidArgument("max_iterations", "must be >= 0");
  }
  std::size_t n_events = 0;
  for (int status : event) n_events += static_cast<std::size_t>(status);
  if (n_events == 0)
    return Status::InvalidArgument("event", "no events: the Cox model is undefined");

  const Eigen::Index p = x.cols();
  const auto n = static_cast<double>(x.rows());
  // coxph(nocenter = c(-1, 0, 1)): columns holding only -1/0/1 are neither
  // centred nor scaled; the others are centred at their mean and scaled by
  // n / sum|x - mean| (coxfit6's doscale), which keeps exp() in range.
  Eigen::VectorXd means = Eigen::VectorXd::Zero(p);
  Eigen::VectorXd scale = Eigen::VectorXd::Ones(p);
  for (Eigen::Index col = 0; col < p; ++col) {
    const auto column = x.col(col);
    const bool zero_one =
        (column.array() == 0 || column.array() == 1 || column.array() == -1).all();
    if (zero_one) continue;
    means(col) = column.sum() / n;
    const double spread = (column.array() - means(col)).abs().sum();
    scale(col) = spread > 0 ? n / spread : 1.0;
  }
  const SortedData data = SortData(x, time, event, means, scale);

  Eigen::VectorXd beta = Eigen::VectorXd::Zero(p);
  Eigen::VectorXd u(p);
  Eigen::MatrixXd imat(p, p);
  const double loglik_null = EvaluateEfron(data, beta, u, imat);
  SurvivalCholesky chol(imat, kCholeskyTolerance);
  if (chol.rank() < p) {
    return Status::InvalidArgument(
        "x", "the information matrix is singular: a covariate is constant or collinear");
  }
  Eigen::VectorXd step = chol.Solve(u);
  const double score_test = u.dot(step);

  CoxFit fit;
  fit.loglik_null = loglik_null;
  fit.score = MakeTest(score_test, static_cast<int>(p));
  double best_loglik = loglik_null;
  double loglik = loglik_null;
  Eigen::VectorXd new_beta = beta + step;
  int halving = 0;
  bool converged = false;
  int iterations = 0;
  if (options.max_iterations == 0 || !std::isfinite(loglik_null)) {
    new_beta = beta;
  }
  for (int iter = 1; iter <= options.max_iterations && std::isfinite(loglik_null); ++iter) {
    const double new_loglik = EvaluateEfron(data, new_beta, u, imat);
    chol = SurvivalCholesky(imat, kCholeskyTolerance);
    const bool finite = u.allFinite() && imat.allFinite() && std::isfinite(new_loglik);
    if (finite && std::fabs(1 - best_loglik / new_loglik) <= options.tolerance) {
      loglik = new_loglik;
      beta = new_beta;
      converged = true;
      iterations = iter;
      break;
    }
    if (!finite || new_loglik < best_loglik) {
      ++halving;  // step halving, more aggressive each time (coxfit6)
      new_beta = (new_beta + halving * beta) / (halving + 1.0);
    } else {
      halving = 0;
      best_loglik = new_loglik;
      step = chol.Solve(u);
      beta = new_beta;
      new_beta = new_beta + step;
    }
    iterations = iter;
  }
  if (!converged) {
    // Out of iterations: report the last good beta, as coxfit6 does.
    loglik = options.max_iterations > 1 ? EvaluateEfron(data, beta, u, imat) : best_loglik;
    chol = SurvivalCholesky(imat, kCholeskyTolerance);
  }
  const Eigen::MatrixXd scaled_variance = chol.Inverse();

  fit.coefficients = beta.cwiseProduct(scale);
  fit.variance = scale.asDiagonal() * scaled_variance * scale.asDiagonal();
  fit.means = means;
  fit.loglik = loglik;
  fit.n = data.n;
  fit.n_events = n_events;
  fit.iterations = iterations;
  fit.converged = converged;
  fit.robust = options.robust;
  fit.conf_level = options.conf_level;

  // Robust (sandwich) variance: D'D with D = R V, R the score residuals in
  // original units (the scaled residuals divided by the column scale).
  Eigen::VectorXd residual_sums(p);
  const Eigen::MatrixXd scaled_cross = ScoreResidualCrossProduct(data, beta, residual_sums);
  const Eigen::MatrixXd cross =
      scale.asDiagonal().inverse() * scaled_cross * scale.asDiagonal().inverse();
  fit.robust_variance = fit.variance * cross * fit.variance;
  fit.robust_variance = (fit.robust_variance + fit.robust_variance.transpose()) / 2;

  // Robust score test: score residuals at beta = 0 (coxph's $rscore).
  Eigen::VectorXd null_sums(p);
  const Eigen::MatrixXd null_cross =
      ScoreResidualCrossProduct(data, Eigen::VectorXd::Zero(p), null_sums);
  fit.robust_score = QuadraticFormTest(null_cross, null_sums);

  const double two_loglik = 2 * (fit.loglik - fit.loglik_null);
  fit.likelihood_ratio = MakeTest(two_loglik, static_cast<int>(p));
  fit.wald_model = QuadraticFormTest(fit.variance, fit.coefficients);
  fit.wald_robust = QuadraticFormTest(fit.robust_variance, fit.coefficients);
  fit.wald = options.robust ? fit.wald_robust : fit.wald_model;

  const double z_quantile = survival_internal::NormalQuantileTwoSided(options.conf_level);
  fit.terms.resize(static_cast<std::size_t>(p));
  for (Eigen::Index col = 0; col < p; ++col) {
    CoxTerm& term = fit.terms[static_cast<std::size_t>(col)];
    term.coef = fit.coefficients(col);
    term.hazard_ratio = std::exp(term.coef);
    term.se = std::sqrt(fit.variance(col, col));
    term.robust_se = std::sqrt(fit.robust_variance(col, col));
    const double reported_se = options.robust ? term.robust_se : term.se;
    term.z = term.coef / reported_se;
    term.p_value = survival_internal::NormalTwoSidedP(term.z);
    term.hr_lower = std::exp(term.coef - z_quantile * reported_se);
    term.hr_upper = std::exp(term.coef + z_quantile * reported_se);
  }
  return fit;
}

Result<CoxZph> CoxZphTest(const CoxFit& fit, const Eigen::MatrixXd& x, std::span<const double> time,
                          std::span<const int> event) {
  ALONGSIDE_RETURN_IF_ERROR(ValidateCoxInput(x, time, event));
  const Eigen::Index p = x.cols();
  std::size_t n_events = 0;
  for (int status : event) n_events += static_cast<std::size_t>(status);
  if (fit.coefficients.size() != p || fit.n != time.size() || fit.n_events != n_events) {
    return Status::InvalidArgument("fit", "does not match x, time and event");
  }
  // transform = "km": g(t) = 1 - S(t-) from the Kaplan-Meier of all subjects,
  // centred at its mean over the events.
  Result<KaplanMeierFit> km = FitKaplanMeier(time, event);
  if (!km.ok()) return km.status();
  const std::size_t n = time.size();

  // zph1 recentres every column at its plain mean before accumulating.
  const Eigen::VectorXd means = x.colwise().mean().transpose();
  const SortedData data = SortData(x, time, event, means, Eigen::VectorXd::Ones(p));
  std::vector<double> transformed(n);
  double event_sum = 0;
  double event_count = 0;
  {
    std::size_t row_idx = 0;
    double survival_before = 1;  // S at the last KM time strictly before
    for (std::size_t pos = 0; pos < n; ++pos) {
      while (row_idx < km->rows.size() && km->rows[row_idx].time < data.time[pos]) {
        survival_before = km->rows[row_idx].survival;
        ++row_idx;
      }
      transformed[pos] = 1 - survival_before;
      if (data.status[pos] == 1) {
        event_sum += transformed[pos];
        event_count += 1;
      }
    }
  }
  const double event_mean = event_sum / event_count;
  for (double& value : transformed) value -= event_mean;

  const Eigen::VectorXd beta = fit.coefficients;
  const auto pp = static_cast<std::size_t>(p);
  Eigen::VectorXd u = Eigen::VectorXd::Zero(2 * p);
  Eigen::MatrixXd imat = Eigen::MatrixXd::Zero(2 * p, 2 * p);
  std::vector<double> a(pp, 0.0);
  std::vector<double> a2(pp, 0.0);
  std::vector<double> cmat(pp * pp, 0.0);
  std::vector<double> cmat2(pp * pp, 0.0);
  double denom = 0;
  for (std::size_t block = data.block_start.size() - 1; block-- > 0;) {
    const std::size_t first = data.block_start[block];
    const double time_weight = transformed[first];
    double deaths = 0;
    double denom2 = 0;
    std::fill(a2.begin(), a2.end(), 0.0);
    std::fill(cmat2.begin(), cmat2.end(), 0.0);
    for (std::size_t pos = first; pos < data.block_start[block + 1]; ++pos) {
      const double* row = &data.x[pos * pp];
      double eta = 0;
      for (std::size_t col = 0; col < pp; ++col)
        eta += beta(static_cast<Eigen::Index>(col)) * row[col];
      const double risk = std::exp(eta);
      if (data.status[pos] == 0) {
        denom += risk;
        for (std::size_t i = 0; i < pp; ++i) {
          a[i] += risk * row[i];
          for (std::size_t j = 0; j <= i; ++j) cmat[i * pp + j] += risk * row[i] * row[j];
        }
      } else {
        deaths += 1;
        denom2 += risk;
        for (std::size_t i = 0; i < pp; ++i) {
          u(static_cast<Eigen::Index>(i)) += row[i];
          u(static_cast<Eigen::Index>(i + pp)) += time_weight * row[i];
          a2[i] += risk * row[i];
          for (std::size_t j = 0; j <= i; ++j) cmat2[i * pp + j] += risk * row[i] * row[j];
        }
      }
    }
    if (deaths == 0) continue;
    const auto steps = static_cast<int>(deaths);
    for (int step = 0; step < steps; ++step) {
      denom += denom2 / deaths;
      for (std::size_t i = 0; i < pp; ++i) {
        a[i] += a2[i] / deaths;
        const double mean_i = a[i] / denom;
        const auto ii = static_cast<Eigen::Index>(i);
        u(ii) -= mean_i;
        u(ii + p) -= time_weight * mean_i;
        for (std::size_t j = 0; j <= i; ++j) {
          const auto jj = static_cast<Eigen::Index>(j);
          cmat[i * pp + j] += cmat2[i * pp + j] / deaths;
          const double info = (cmat[i * pp + j] - mean_i * a[j]) / denom;
          imat(jj, ii) += info;
          imat(jj, ii + p) += time_weight * info;
          imat(jj + p, ii + p) += time_weight * time_weight * info;
        }
      }
    }
  }
  // Mirror: the blocks are symmetric (the cross block too: it is sum g V).
  for (Eigen::Index i = 0; i < p; ++i) {
    for (Eigen::Index j = 0; j < i; ++j) {
      imat(i, j) = imat(j, i);
      imat(i, j + p) = imat(j, i + p);
      imat(i + p, j + p) = imat(j + p, i + p);
    }
  }
  for (Eigen::Index i = 0; i < p; ++i) {
    for (Eigen::Index j = 0; j < p; ++j) imat(i + p, j) = imat(j, i + p);
  }

  CoxZph result;
  // u0 = 0: at the estimate the score of the original terms is zero.
  for (Eigen::Index term = 0; term < p; ++term) {
    std::vector<Eigen::Index> keep;
    for (Eigen::Index idx = 0; idx < p; ++idx) keep.push_back(idx);
    keep.push_back(p + term);
    const auto dim = static_cast<Eigen::Index>(keep.size());
    Eigen::MatrixXd sub(dim, dim);
    for (Eigen::Index row = 0; row < dim; ++row) {
      for (Eigen::Index col = 0; col < dim; ++col) sub(row, col) = imat(keep[row], keep[col]);
    }
    Eigen::VectorXd score = Eigen::VectorXd::Zero(dim);
    score(dim - 1) = u(p + term);
    const Eigen::FullPivLU<Eigen::MatrixXd> lu(sub);
    if (!lu.isInvertible()) return Status::Internal("cox.zph: singular information matrix");
    result.terms.push_back(MakeTest(score.dot(lu.solve(score)), 1));
  }
  Eigen::VectorXd score = Eigen::VectorXd::Zero(2 * p);
  score.tail(p) = u.tail(p);
  const Eigen::FullPivLU<Eigen::MatrixXd> lu(imat);
  if (!lu.isInvertible()) return Status::Internal("cox.zph: singular information matrix");
  result.global = MakeTest(score.dot(lu.solve(score)), static_cast<int>(p));
  return result;
}

}  // namespace alongside::stats
