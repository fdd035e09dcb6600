#include "stats/ttest.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/distributions/students_t.hpp>

#include "stats/regression_moments.h"

namespace alongside::stats {

namespace {

void FillInference(double confidence_level, TTestResult* result) {
  boost::math::students_t distribution(result->df);
  result->t = result->estimate / result->std_error;
  result->p_value = 2 * boost::math::cdf(boost::math::complement(distribution, std::fabs(result->t)));
  const double critical = boost::math::quantile(
      boost::math::complement(distribution, (1 - confidence_level) / 2));
  result->ci_lower = result->estimate - critical * result->std_error;
  result->ci_upper = result->estimate + critical * result->std_error;
  result->confidence_level = confidence_level;
}

}  // namespace

Result<TTestResult> PairedTTest(std::span<const double> x, std::span<const double> y,
                                double confidence_level) {
  if (x.size() != y.size()) return Status::InvalidArgument("y", "paired samples differ in length");
  TTestResult result;
  const std::vector<double> differences = internal::PairedDifferences(x, y, &result.n_missing);
  const internal::Moments moments = internal::ComputeMoments(differences);
  if (moments.n < 2) return Status::InvalidArgument("pairs", "fewer than 2 complete pairs");
  // t.test's "data are essentially constant" check.
  result.std_error = std::sqrt(moments.variance / static_cast<double>(moments.n));
  if (result.std_error < 10 * std::numeric_limits<double>::epsilon() * std::fabs(moments.mean)) {
    return Status::InvalidArgument("pairs", "differences are essentially constant");
  }
  if (result.std_error == 0) return Status::InvalidArgument("pairs", "differences are all zero");
  double sum_x = 0;
  double sum_y = 0;
  for (size_t pair = 0; pair < x.size(); ++pair) {
    if (!std::isnan(x[pair]) && !std::isnan(y[pair])) {
      sum_x += x[pair];
      sum_y += y[pair];
    }
  }
  result.estimate = moments.mean;
  result.df = static_cast<double>(moments.n - 1);
  result.mean_x = sum_x / static_cast<double>(moments.n);
  result.mean_y = sum_y / static_cast<double>(moments.n);
  result.n_x = result.n_y = moments.n;
  FillInference(confidence_level, &result);
  return result;
}

Result<TTestResult> WelchTTest(std::span<const double> x, std::span<const double> y,
                               double confidence_level) {
  const internal::Moments moments_x = internal::ComputeMoments(x);
  const internal::Moments moments_y = internal::ComputeMoments(y);
  if (moments_x.n < 2) return Status::InvalidArgument("x", "fewer than 2 non-missing values");
  if (moments_y.n < 2) return Status::InvalidArgument("y", "fewer than 2 non-missing values");
  const double part_x = moments_x.variance / static_cast<double>(moments_x.n);
  const double part_y = moments_y.variance / static_cast<double>(moments_y.n);
  TTestResult result;
  result.std_error = std::sqrt(part_x + part_y);
  if (result.std_error <= 10 * std::numeric_limits<double>::epsilon() *
                              std::max(std::fabs(moments_x.mean), std::fabs(moments_y.mean))) {
    return Status::InvalidArgument("x", "data are essentially constant");
  }
  result.df = (part_x + part_y) * (part_x + part_y) /
              (part_x * part_x / static_cast<double>(moments_x.n - 1) +
               part_y * part_y / static_cast<double>(moments_y.n - 1));
  result.estimate = moments_x.mean - moments_y.mean;
  result.mean_x = moments_x.mean;
  result.mean_y = moments_y.mean;
  result.n_x = moments_x.n;
  result.n_y = moments_y.n;
  result.n_missing = moments_x.n_missing + moments_y.n_missing;
  FillInference(confidence_level, &result);
  return result;
}

}  // namespace alongside::stats
