// Negative binomial regression (NB2, log link, exposure offset), as
//   MASS::glm.nb(y ~ x1 + ... + offset(log(exposure)))
// Follows glm.nb step by step: a Poisson fit, then theta by Newton-Raphson
// on the profile score (MASS::theta.ml, starting at n / sum((y/mu - 1)^2),
// tolerance .Machine$double.eps^0.25, limit maxit) alternating with IRLS at
// fixed theta until |Lm0 - Lm|/d1 + |del|/d2 <= epsilon, where Lm is the
// log-likelihood, del the change in theta, d1 = sqrt(2 max(1, df_residual)),
// d2 = 1. Var(y) = mu + mu^2 / theta. theta_se is 1/sqrt(observed
// information) from the last theta.ml call, as MASS reports SE.theta.
#pragma once

#include <span>

#include "stats/glm.h"

namespace alongside::stats {

struct NegativeBinomialFit {
  GlmFit glm;  // coefficients, SEs, deviance (at the final theta) and so on;
               // aic = -2 loglik + 2 (p + 1), as glm.nb
  double theta = 0;
  double theta_se = 0;
  int outer_iterations = 0;
  bool converged = false;
};

// Same inputs, missing-value rule and errors as FitPoisson (poisson.h).
// Errors also: Internal when theta does not converge to a positive value
// (e.g. data with no overdispersion at all, where MASS warns).
Result<NegativeBinomialFit> FitNegativeBinomial(std::span<const double> y,
                                                std::span<const Predictor> predictors,
                                                std::span<const double> exposure = {},
                                                const GlmControl& control = {});

}  // namespace alongside::stats
