#include "stats/survival_input.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numeric>
#include <string>

namespace alongside::stats::survival_internal {

Status ValidateTimeEvent(std::span<const double> time, std::span<const int> event) {
  if (time.empty()) return Status::InvalidArgument("time", "no observations");
  if (time.size() != event.size()) {
    return Status::InvalidArgument("event", "has " + std::to_string(event.size()) +
                                                " values but time has " +
                                                std::to_string(time.size()));
  }
  for (std::size_t row_idx = 0; row_idx < time.size(); ++row_idx) {
    if (!std::isfinite(time[row_idx]) || time[row_idx] <= 0) {
      return Status::InvalidArgument(
          "time", "must be finite and > 0 (row " + std::to_string(row_idx) + ")");
    }
    if (event[row_idx] != 0 && event[row_idx] != 1) {
      return Status::InvalidArgument("event",
                                     "must be 0 or 1 (row " + std::to_string(row_idx) + ")");
    }
  }
  return Status::Ok();
}

namespace {

// The same order by a stable counting sort on (time - min) * 2 + (1 - event)
// when every time is an integer in a small range (e.g. follow-up days) and
// every event 0 or 1: O(n) instead of a merge sort. False if it does not
// apply.
bool OrderByIntegerTime(std::span<const double> time, std::span<const int> event, std::vector<std::size_t>* order) {
  const std::size_t n_rows = time.size();
  if (n_rows == 0) return false;
  double low = time[0], high = time[0];
  for (std::size_t row = 0; row < n_rows; ++row) {
    const double value = time[row];
    if (!(value == std::floor(value)) || (event[row] != 0 && event[row] != 1)) return false;
    low = std::min(low, value);
    high = std::max(high, value);
  }
  const double keys = 2 * (high - low + 1);
  if (keys > static_cast<double>(std::max<std::size_t>(4 * n_rows, 1 << 16))) return false;
  std::vector<std::size_t> starts(static_cast<std::size_t>(keys) + 1, 0);
  auto key = [&](std::size_t row) {
    return 2 * static_cast<std::size_t>(time[row] - low) + static_cast<std::size_t>(1 - event[row]);
  };
  for (std::size_t row = 0; row < n_rows; ++row) ++starts[key(row) + 1];
  std::partial_sum(starts.begin(), starts.end(), starts.begin());
  order->resize(n_rows);
  for (std::size_t row = 0; row < n_rows; ++row) (*order)[starts[key(row)]++] = row;
  return true;
}

}  // namespace

std::vector<std::size_t> OrderByTime(std::span<const double> time, std::span<const int> event) {
  std::vector<std::size_t> fast;
  if (OrderByIntegerTime(time, event, &fast)) return fast;
  std::vector<std::size_t> order(time.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t lhs, std::size_t rhs) {
    if (time[lhs] != time[rhs]) return time[lhs] < time[rhs];
    return event[lhs] > event[rhs];
  });
  return order;
}

double NormalQuantileTwoSided(double conf_level) {
  const boost::math::normal_distribution<double> standard_normal;
  return boost::math::quantile(standard_normal, 1 - (1 - conf_level) / 2);
}

double ChiSquareUpperTail(double statistic, int df) {
  if (std::isnan(statistic)) return std::nan("");
  if (df <= 0 || statistic <= 0) return 1.0;
  if (std::isinf(statistic)) return 0.0;
  const boost::math::chi_squared_distribution<double> chi_square(df);
  return boost::math::cdf(boost::math::complement(chi_square, statistic));
}

double NormalTwoSidedP(double z) {
  if (std::isnan(z)) return std::nan("");
  const boost::math::normal_distribution<double> standard_normal;
  return 2 * boost::math::cdf(standard_normal, -std::fabs(z));
}

}  // namespace alongside::stats::survival_internal
