// Cost offset and return on investment of the peer programme.
//   rate_comparison = events_comparison / exposure_comparison
//   rate_peer       = events_peer / exposure_peer
//   events_averted  = (rate_comparison - rate_peer) * exposure_peer
//   gross_savings   = events_averted * unit_cost
//   net_savings     = gross_savings - program_cost
//   roi             = net_savings / program_cost
// "Events" may be readmissions or bed-days; "exposure" persons (rates are
// risks per person) or person-time (rates per unit of time). unit_cost is the
// cost of one event (one readmission, one bed-day); program_cost is the total
// cost of the programme for the peer arm. Positive events_averted means the
// peer arm had fewer events.
//
// BootstrapCostOffset resamples persons within arm (bootstrap.h) and reports
// percentile CIs; the programme cost is held fixed.
#pragma once

#include <cstddef>
#include <span>

#include "common/status.h"
#include "stats/bootstrap.h"

namespace alongside::stats {

struct CostOffsetInputs {
  double events_comparison = 0;
  double exposure_comparison = 0;
  double events_peer = 0;
  double exposure_peer = 0;
  double unit_cost = 0;
  double program_cost = 0;
};

struct CostOffsetResult {
  double rate_comparison = 0;
  double rate_peer = 0;
  double events_averted = 0;
  double gross_savings = 0;
  double net_savings = 0;
  double roi = 0;  // NaN when program_cost == 0
};

// Errors: InvalidArgument naming the field for a non-positive exposure,
// negative events or a negative cost.
Result<CostOffsetResult> ComputeCostOffset(const CostOffsetInputs& inputs);

// The cost offset from an adjusted ratio (e.g. the Cox hazard ratio of peer
// support vs comparison, adjusted for covariates) instead of the crude rates:
// had the peer arm had the comparison arm's rate, it would have had
// events_peer / ratio events, so
//   events_averted = events_peer * (1 / ratio - 1)
// and savings, net savings and ROI follow as above. The interval maps the
// ratio's interval through the same monotone function (conditional on the
// observed events_peer): [lower, upper] of averted comes from
// [ratio_high, ratio_low]. Arrays hold averted, gross savings, net savings,
// ROI.
struct AdjustedCostOffset {
  double estimate[4] = {0, 0, 0, 0};
  double low[4] = {0, 0, 0, 0};
  double high[4] = {0, 0, 0, 0};
};
AdjustedCostOffset AdjustCostOffset(const CostOffsetInputs& inputs, double ratio, double ratio_low,
                                    double ratio_high);

struct CostOffsetInterval {
  double lower = 0;
  double upper = 0;
};

struct CostOffsetBootstrap {
  CostOffsetResult estimate;
  CostOffsetInterval events_averted;
  CostOffsetInterval gross_savings;
  CostOffsetInterval net_savings;
  CostOffsetInterval roi;
  size_t n_used = 0;
  size_t n_missing = 0;  // persons with NaN events or exposure
  size_t n_resamples = 0;
};

// Person-level: events[i] and exposure[i] for person i, arm[i] = 1 for the
// peer arm, 0 for comparison. Errors: InvalidArgument naming the field for
// length mismatches, an arm value other than 0/1, an empty arm, or the
// conditions of ComputeCostOffset.
Result<CostOffsetBootstrap> BootstrapCostOffset(std::span<const double> events,
                                                std::span<const double> exposure,
                                                std::span<const int> arm, double unit_cost,
                                                double program_cost,
                                                const BootstrapSettings& bootstrap);

}  // namespace alongside::stats
