#include "stats/logrank.h"

#include <algorithm>
#include <string>
#include <vector>

#include "stats/survival_input.h"

namespace alongside::stats {

Result<LogRankResult> LogRankTest(std::span<const double> time, std::span<const int> event,
                                  std::span<const int> group, int num_groups) {
  ALONGSIDE_RETURN_IF_ERROR(survival_internal::ValidateTimeEvent(time, event));
  if (num_groups < 2) return Status::InvalidArgument("num_groups", "must be at least 2");
  if (group.size() != time.size()) {
    return Status::InvalidArgument("group", "has " + std::to_string(group.size()) +
                                                " values but time has " +
                                                std::to_string(time.size()));
  }
  const auto groups = static_cast<std::size_t>(num_groups);
  LogRankResult result;
  result.n.assign(groups, 0);
  for (std::size_t row_idx = 0; row_idx < group.size(); ++row_idx) {
    if (group[row_idx] < 0 || group[row_idx] >= num_groups) {
      return Status::InvalidArgument("group", "must be in 0.." + std::to_string(num_groups - 1) +
                                                  " (row " + std::to_string(row_idx) + ")");
    }
    ++result.n[static_cast<std::size_t>(group[row_idx])];
  }
  for (std::size_t group_idx = 0; group_idx < groups; ++group_idx) {
    if (result.n[group_idx] == 0) {
      return Status::InvalidArgument("group",
                                     "group " + std::to_string(group_idx) + " has no subjects");
    }
  }

  result.observed.assign(groups, 0);
  result.expected.assign(groups, 0);
  result.variance = Eigen::MatrixXd::Zero(num_groups, num_groups);
  std::vector<double> at_risk(groups);
  for (std::size_t group_idx = 0; group_idx < groups; ++group_idx) {
    at_risk[group_idx] = static_cast<double>(result.n[group_idx]);
  }
  double total_at_risk = static_cast<double>(time.size());

  const std::vector<std::size_t> order = survival_internal::OrderByTime(time, event);
  std::vector<double> deaths(groups);
  std::vector<double> leaving(groups);
  for (std::size_t pos = 0; pos < order.size();) {
    const double current = time[order[pos]];
    std::fill(deaths.begin(), deaths.end(), 0.0);
    std::fill(leaving.begin(), leaving.end(), 0.0);
    double total_deaths = 0;
    while (pos < order.size() && time[order[pos]] == current) {
      const auto group_idx = static_cast<std::size_t>(group[order[pos]]);
      leaving[group_idx] += 1;
      if (event[order[pos]] == 1) {
        deaths[group_idx] += 1;
        total_deaths += 1;
      }
      ++pos;
    }
    if (total_deaths > 0) {
      // Hypergeometric moments of the deaths at this time (survdiff2.c, rho = 0).
      const double n = total_at_risk;
      const double spread = n > 1 ? total_deaths * (n - total_deaths) / (n * (n - 1)) : 0.0;
      for (std::size_t row = 0; row < groups; ++row) {
        result.observed[row] += deaths[row];
        result.expected[row] += total_deaths * at_risk[row] / n;
        if (spread == 0) continue;
        result.variance(row, row) += spread * at_risk[row];
        for (std::size_t col = 0; col < groups; ++col) {
          result.variance(row, col) -= spread * at_risk[row] * at_risk[col] / n;
        }
      }
    }
    for (std::size_t group_idx = 0; group_idx < groups; ++group_idx) {
      at_risk[group_idx] -= leaving[group_idx];
      total_at_risk -= leaving[group_idx];
    }
  }

  // survdiff: keep groups with expected > 0 and drop the first of them.
  std::vector<std::size_t> kept;
  for (std::size_t group_idx = 0; group_idx < groups; ++group_idx) {
    if (result.expected[group_idx] > 0) kept.push_back(group_idx);
  }
  if (kept.size() < 2) {
    result.chi_square = 0;
    result.df = 0;
    result.p_value = 1;
    return result;
  }
  const Eigen::Index dim = static_cast<Eigen::Index>(kept.size() - 1);
  Eigen::VectorXd difference(dim);
  Eigen::MatrixXd reduced(dim, dim);
  for (Eigen::Index row = 0; row < dim; ++row) {
    const std::size_t group_row = kept[static_cast<std::size_t>(row) + 1];
    difference(row) = result.observed[group_row] - result.expected[group_row];
    for (Eigen::Index col = 0; col < dim; ++col) {
      reduced(row, col) = result.variance(static_cast<Eigen::Index>(group_row),
                                          static_cast<Eigen::Index>(kept[col + 1]));
    }
  }
  const Eigen::FullPivLU<Eigen::MatrixXd> lu(reduced);
  if (!lu.isInvertible()) {
    return Status::InvalidArgument("group", "the log-rank variance matrix is singular");
  }
  result.chi_square = difference.dot(lu.solve(difference));
  result.df = static_cast<int>(dim);
  result.p_value = survival_internal::ChiSquareUpperTail(result.chi_square, result.df);
  return result;
}

}  // namespace alongside::stats
