// The k-sample log-rank test, following R survival 3.5's survdiff() with
// rho = 0 (Mantel-Haenszel): observed and expected events per group at
// every distinct event time, hypergeometric variance, and a chi-square
// statistic with k - 1 degrees of freedom computed, as survdiff does, from
// the variance matrix with the first group (among groups with expected > 0)
// dropped.
//
// Pure and thread-safe.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <span>
#include <vector>

#include "common/status.h"

namespace alongside::stats {

struct LogRankResult {
  // Indexed by group 0 .. num_groups - 1.
  std::vector<std::size_t> n;    // subjects per group
  std::vector<double> observed;  // events per group
  std::vector<double> expected;  // expected events under H0
  Eigen::MatrixXd variance;      // survdiff's $var (num_groups x num_groups)
  double chi_square = 0;
  int df = 0;          // (number of groups with expected > 0) - 1
  double p_value = 1;  // upper tail of chi-square(df)
};

// `time` (finite, > 0), `event` (0/1) and `group` (0 .. num_groups - 1) are
// per subject. Fails with InvalidArgument when lengths differ, an input is
// out of range, num_groups < 2, or a group has no subjects (field "group",
// the detail names the empty group). When no events occur at all the test is
// returned with chi_square 0, df 0 and p_value 1, as survdiff does.
Result<LogRankResult> LogRankTest(std::span<const double> time, std::span<const int> event,
                                  std::span<const int> group, int num_groups);

}  // namespace alongside::stats
