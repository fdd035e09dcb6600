#include "stats/negative_binomial.h"

#include <cmath>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

#include "stats/regression_design.h"

namespace alongside::stats {

namespace {

// MASS's loglik() inside glm.nb.
double NegativeBinomialLogLik(double theta, const Eigen::VectorXd& mu, const Eigen::VectorXd& y) {
  double total = 0;
  const double lgamma_theta = std::lgamma(theta);
  for (Eigen::Index row = 0; row < y.size(); ++row) {
    const double count = y(row);
    total += std::lgamma(theta + count) - lgamma_theta - std::lgamma(count + 1) +
             theta * std::log(theta) + count * std::log(mu(row) + (count == 0 ? 1.0 : 0.0)) -
             (theta + count) * std::log(theta + mu(row));
  }
  return total;
}

struct ThetaEstimate {
  double theta = 0;
  double std_error = 0;
  bool ok = true;
};

// MASS::theta.ml: Newton-Raphson on the score for theta at fixed mu.
ThetaEstimate ThetaMl(const Eigen::VectorXd& y, const Eigen::VectorXd& mu, int limit) {
  const Eigen::Index n_used = y.size();
  const double eps = std::pow(std::numeric_limits<double>::epsilon(), 0.25);
  double sum_squares = 0;
  for (Eigen::Index row = 0; row < n_used; ++row) {
    const double ratio = y(row) / mu(row) - 1;
    sum_squares += ratio * ratio;
  }
  double theta = static_cast<double>(n_used) / sum_squares;
  double information = 0;
  double step = 1;
  int iteration = 0;
  while (++iteration < limit && std::fabs(step) > eps) {
    theta = std::fabs(theta);
    double score = 0;
    information = 0;
    const double digamma_theta = boost::math::digamma(theta);
    const double trigamma_theta = boost::math::trigamma(theta);
    for (Eigen::Index row = 0; row < n_used; ++row) {
      const double count = y(row);
      const double mean = mu(row);
      score += boost::math::digamma(theta + count) - digamma_theta + std::log(theta) + 1 -
               std::log(theta + mean) - (count + theta) / (mean + theta);
      information += -boost::math::trigamma(theta + count) + trigamma_theta - 1 / theta +
                     2 / (mean + theta) - (count + theta) / ((mean + theta) * (mean + theta));
    }
    step = score / information;
    theta += step;
  }
  ThetaEstimate estimate;
  estimate.theta = theta;
  estimate.std_error = std::sqrt(1 / information);
  estimate.ok = theta > 0 && iteration < limit && std::isfinite(theta);
  return estimate;
}

}  // namespace

Result<NegativeBinomialFit> FitNegativeBinomial(std::span<const double> y,
                                                std::span<const Predictor> predictors,
                                                std::span<const double> exposure,
                                                const GlmControl& control) {
  Result<internal::Design> design = internal::BuildDesign(y, predictors, /*intercept=*/true, exposure);
  if (!design.ok()) return design.status();
  for (Eigen::Index row = 0; row < design->y.size(); ++row) {
    if (design->y(row) < 0) return Status::InvalidArgument("y", "counts must be >= 0");
  }
  // Initial Poisson fit, then theta.ml at its fitted values.
  Result<internal::IrlsFit> fit = internal::FitIrls(design->x, design->y, design->offset,
                                                    internal::LogLinkFamily{}, control, nullptr);
  if (!fit.ok()) return fit.status();
  Eigen::VectorXd mu = fit->mu;
  ThetaEstimate theta = ThetaMl(design->y, mu, control.max_iterations);
  if (!theta.ok) return Status::Internal("glm.nb: theta did not converge to a positive value");
  internal::LogLinkFamily family{theta.theta};
  internal::LogLinkFamily fitted_family = family;  // the theta the last IRLS used

  const double d1 = std::sqrt(2 * std::max(1.0, static_cast<double>(design->x.rows() - design->x.cols())));
  const double d2 = 1;
  double step = 1;
  double log_lik = NegativeBinomialLogLik(theta.theta, mu, design->y);
  double log_lik_old = log_lik + 2 * d1;
  int iteration = 0;
  while (++iteration <= control.max_iterations &&
         std::fabs(log_lik_old - log_lik) / d1 + std::fabs(step) / d2 > control.epsilon) {
    const Eigen::VectorXd eta = mu.array().log().matrix();
    fit = internal::FitIrls(design->x, design->y, design->offset, family, control, &eta);
    if (!fit.ok()) return fit.status();
    fitted_family = family;
    const double theta_old = theta.theta;
    theta = ThetaMl(design->y, mu, control.max_iterations);  // at the previous mu, as MASS
    if (!theta.ok) return Status::Internal("glm.nb: theta did not converge to a positive value");
    family = internal::LogLinkFamily{theta.theta};
    mu = fit->mu;
    step = theta_old - theta.theta;
    log_lik_old = log_lik;
    log_lik = NegativeBinomialLogLik(theta.theta, mu, design->y);
  }
  NegativeBinomialFit out;
  out.converged = iteration <= control.max_iterations;
  out.outer_iterations = std::min(iteration, control.max_iterations);
  out.glm = internal::SummariseGlm(*design, *fit, fitted_family, control);
  out.theta = theta.theta;
  out.theta_se = theta.std_error;
  if (design->offset.size() > 0) {
    Result<double> null_deviance = internal::NullDeviance(*design, family, control, nullptr);
    if (!null_deviance.ok()) return null_deviance.status();
    out.glm.null_deviance = *null_deviance;
  } else {
    Result<double> null_deviance = internal::NullDeviance(*design, fitted_family, control, nullptr);
    if (!null_deviance.ok()) return null_deviance.status();
    out.glm.null_deviance = *null_deviance;
  }
  out.glm.log_likelihood = log_lik;
  out.glm.aic = -2 * log_lik + 2 * static_cast<double>(design->x.cols()) + 2;
  return out;
}

}  // namespace alongside::stats
