#include "stats/poisson.h"

#include <cmath>

#include "stats/regression_design.h"

namespace alongside::stats {

Result<GlmFit> FitPoisson(std::span<const double> y, std::span<const Predictor> predictors,
                          std::span<const double> exposure, const GlmControl& control) {
  Result<internal::Design> design = internal::BuildDesign(y, predictors, /*intercept=*/true, exposure);
  if (!design.ok()) return design.status();
  for (Eigen::Index row = 0; row < design->y.size(); ++row) {
    if (design->y(row) < 0) return Status::InvalidArgument("y", "counts must be >= 0");
  }
  const internal::LogLinkFamily family{};
  Result<internal::IrlsFit> fit =
      internal::FitIrls(design->x, design->y, design->offset, family, control, nullptr);
  if (!fit.ok()) return fit.status();
  GlmFit out = internal::SummariseGlm(*design, *fit, family, control);
  // glm() refits the null model with the offset starting from the fitted values.
  Result<double> null_deviance = internal::NullDeviance(*design, family, control, &fit->mu);
  if (!null_deviance.ok()) return null_deviance.status();
  out.null_deviance = *null_deviance;
  double log_likelihood = 0;
  for (Eigen::Index row = 0; row < design->y.size(); ++row) {
    const double count = design->y(row);
    const double mean = fit->mu(row);
    log_likelihood += (count > 0 ? count * std::log(mean) : 0.0) - mean - std::lgamma(count + 1);
  }
  out.log_likelihood = log_likelihood;
  out.aic = -2 * log_likelihood + 2 * static_cast<double>(design->x.cols());
  return out;
}

}  // namespace alongside::stats
