// Private helpers shared by the survival functions (kaplan_meier, logrank,
// cox): input validation and the one sort by time. Not part of the public
// API of alongside_stats.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "common/status.h"

namespace alongside::stats::survival_internal {

// InvalidArgument("time"/"event", ...) unless both spans are non-empty and of
// equal length, every time is finite and > 0 and every event is 0 or 1.
Status ValidateTimeEvent(std::span<const double> time, std::span<const int> event);

// Row indices ordered by ascending time, events before censorings at the same
// time (as coxph.fit's order(time, -status)); stable otherwise. Integer
// times in a small range are ordered by a counting sort (same order).
std::vector<std::size_t> OrderByTime(std::span<const double> time, std::span<const int> event);

// Two-sided standard normal quantile z_{1 - (1 - conf_level) / 2}.
double NormalQuantileTwoSided(double conf_level);

// Upper tail of the chi-square distribution; 1 for df <= 0 or statistic <= 0
// and NaN for a NaN statistic.
double ChiSquareUpperTail(double statistic, int df);

// Two-sided normal p-value 2 * Phi(-|z|).
double NormalTwoSidedP(double z);

}  // namespace alongside::stats::survival_internal
