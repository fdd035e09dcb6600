// Private to src/evaluation: building estimate rows.
#pragma once

#include <string>
#include <utility>

#include <fmt/format.h>

#include "evaluation/estimates.h"
#include "evaluation/report.h"
#include "stats/ols.h"

namespace alongside::evaluation {

inline EstimateRow Row(std::string analysis, std::string term, double estimate,
                       double std_error = kNotApplicable, double statistic = kNotApplicable,
                       double p_value = kNotApplicable, double conf_low = kNotApplicable,
                       double conf_high = kNotApplicable) {
  return EstimateRow{std::move(analysis), std::move(term), estimate, std_error,
                     statistic,           p_value,         conf_low, conf_high, std::string()};
}

inline EstimateRow CoefficientRow(const std::string& analysis, const stats::Coefficient& coefficient) {
  return Row(analysis, coefficient.name, coefficient.estimate, coefficient.std_error,
             coefficient.statistic, coefficient.p_value, coefficient.ci_lower, coefficient.ci_upper);
}

inline std::string Interval(double low, double high, int decimals) {
  return fmt::format("{} to {}", FormatNumber(low, decimals), FormatNumber(high, decimals));
}

}  // namespace alongside::evaluation
