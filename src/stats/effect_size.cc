#include "stats/effect_size.h"

#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "stats/regression_moments.h"

namespace alongside::stats {

namespace {

void FillInterval(double confidence_level, HedgesGResult* result) {
  const double critical = boost::math::quantile(
      boost::math::complement(boost::math::normal(), (1 - confidence_level) / 2));
  result->ci_lower = result->g - critical * result->std_error;
  result->ci_upper = result->g + critical * result->std_error;
  result->confidence_level = confidence_level;
}

double Correction(double df) { return 1 - 3 / (4 * df - 1); }

}  // namespace

Result<HedgesGResult> HedgesG(std::span<const double> x, std::span<const double> y,
                              double confidence_level) {
  const internal::Moments moments_x = internal::ComputeMoments(x);
  const internal::Moments moments_y = internal::ComputeMoments(y);
  if (moments_x.n < 2) return Status::InvalidArgument("x", "fewer than 2 non-missing values");
  if (moments_y.n < 2) return Status::InvalidArgument("y", "fewer than 2 non-missing values");
  const double n_x = static_cast<double>(moments_x.n);
  const double n_y = static_cast<double>(moments_y.n);
  const double df = n_x + n_y - 2;
  const double pooled_sd =
      std::sqrt(((n_x - 1) * moments_x.variance + (n_y - 1) * moments_y.variance) / df);
  if (!(pooled_sd > 0)) return Status::InvalidArgument("x", "pooled standard deviation is zero");
  HedgesGResult result;
  result.d = (moments_x.mean - moments_y.mean) / pooled_sd;
  result.correction = Correction(df);
  result.g = result.correction * result.d;
  result.std_error = std::sqrt((n_x + n_y) / (n_x * n_y) + result.g * result.g / (2 * (n_x + n_y)));
  result.n_x = moments_x.n;
  result.n_y = moments_y.n;
  result.n_missing = moments_x.n_missing + moments_y.n_missing;
  FillInterval(confidence_level, &result);
  return result;
}

Result<HedgesGResult> PairedHedgesG(std::span<const double> x, std::span<const double> y,
                                    double confidence_level) {
  if (x.size() != y.size()) return Status::InvalidArgument("y", "paired samples differ in length");
  HedgesGResult result;
  const std::vector<double> differences = internal::PairedDifferences(x, y, &result.n_missing);
  const internal::Moments moments = internal::ComputeMoments(differences);
  if (moments.n < 2) return Status::InvalidArgument("pairs", "fewer than 2 complete pairs");
  if (!(moments.variance > 0)) return Status::InvalidArgument("pairs", "differences have zero SD");
  const double n = static_cast<double>(moments.n);
  result.d = moments.mean / std::sqrt(moments.variance);
  result.correction = Correction(n - 1);
  result.g = result.correction * result.d;
  result.std_error = std::sqrt(1 / n + result.g * result.g / (2 * n));
  result.n_x = result.n_y = moments.n;
  FillInterval(confidence_level, &result);
  return result;
}

}  // namespace alongside::stats
