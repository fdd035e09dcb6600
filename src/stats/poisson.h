// Poisson regression with log link and an exposure offset, as R's
//   glm(y ~ x1 + ... + offset(log(exposure)), family = poisson)
// (see glm.h for the algorithm and the fields of GlmFit). The AIC is
// -2 * sum(dpois(y, mu, log = TRUE)) + 2 p, as poisson()$aic; the null
// deviance is that of the intercept-only model with the same offset, as glm()
// refits it when an offset is present.
#pragma once

#include <span>

#include "stats/glm.h"

namespace alongside::stats {

// `exposure` is person-time (or persons) per row; an empty span means no
// offset. Rows with NaN in y, a predictor or the exposure are excluded and
// counted in n_missing. Errors: InvalidArgument naming "y" (negative count),
// "exposure" (not > 0, or wrong length), "predictors" (wrong length or a
// singular design) or "rows" (no more rows than coefficients).
Result<GlmFit> FitPoisson(std::span<const double> y, std::span<const Predictor> predictors,
                          std::span<const double> exposure = {},
                          const GlmControl& control = {});

}  // namespace alongside::stats
