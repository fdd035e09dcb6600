#include "stats/cost_offset.h"

#include <cmath>
#include <vector>

namespace alongside::stats {

namespace {

CostOffsetResult Evaluate(const CostOffsetInputs& inputs) {
  CostOffsetResult result;
  result.rate_comparison = inputs.events_comparison / inputs.exposure_comparison;
  result.rate_peer = inputs.events_peer / inputs.exposure_peer;
  result.events_averted = (result.rate_comparison - result.rate_peer) * inputs.exposure_peer;
  result.gross_savings = result.events_averted * inputs.unit_cost;
  result.net_savings = result.gross_savings - inputs.program_cost;
  result.roi = inputs.program_cost > 0 ? result.net_savings / inputs.program_cost : std::nan("");
  return result;
}

}  // namespace

Result<CostOffsetResult> ComputeCostOffset(const CostOffsetInputs& inputs) {
  if (!(inputs.exposure_comparison > 0)) return Status::InvalidArgument("exposure_comparison", "must be > 0");
  if (!(inputs.exposure_peer > 0)) return Status::InvalidArgument("exposure_peer", "must be > 0");
  if (!(inputs.events_comparison >= 0)) return Status::InvalidArgument("events_comparison", "must be >= 0");
  if (!(inputs.events_peer >= 0)) return Status::InvalidArgument("events_peer", "must be >= 0");
  if (!(inputs.unit_cost >= 0)) return Status::InvalidArgument("unit_cost", "must be >= 0");
  if (!(inputs.program_cost >= 0)) return Status::InvalidArgument("program_cost", "must be >= 0");
  return Evaluate(inputs);
}

Result<CostOffsetBootstrap> BootstrapCostOffset(std::span<const double> events,
                                                std::span<const double> exposure,
                                                std::span<const int> arm, double unit_cost,
                                                double program_cost,
                                                const BootstrapSettings& bootstrap) {
  if (exposure.size() != events.size()) return Status::InvalidArgument("exposure", "length differs from events");
  if (arm.size() != events.size()) return Status::InvalidArgument("arm", "length differs from events");
  CostOffsetBootstrap out;
  std::vector<double> used_events, used_exposure;
  std::vector<int> used_arm;
  for (size_t person = 0; person < events.size(); ++person) {
    if (arm[person] != 0 && arm[person] != 1) return Status::InvalidArgument("arm", "must be 0 or 1");
    if (std::isnan(events[person]) || std::isnan(exposure[person])) {
      ++out.n_missing;
      continue;
    }
    if (events[person] < 0) return Status::InvalidArgument("events", "must be >= 0");
    if (exposure[person] < 0) return Status::InvalidArgument("exposure", "must be >= 0");
    used_events.push_back(events[person]);
    used_exposure.push_back(exposure[person]);
    used_arm.push_back(arm[person]);
  }
  out.n_used = used_events.size();
  auto totals = [&](auto&& for_each_row) {
    CostOffsetInputs inputs;
    inputs.unit_cost = unit_cost;
    inputs.program_cost = program_cost;
    for_each_row([&](size_t row) {
      if (used_arm[row] == 1) {
        inputs.events_peer += used_events[row];
        inputs.exposure_peer += used_exposure[row];
      } else {
        inputs.events_comparison += used_events[row];
        inputs.exposure_comparison += used_exposure[row];
      }
    });
    return inputs;
  };
  const CostOffsetInputs observed = totals([&](auto&& visit) {
    for (size_t row = 0; row < out.n_used; ++row) visit(row);
  });
  Result<CostOffsetResult> estimate = ComputeCostOffset(observed);
  if (!estimate.ok()) return estimate.status();
  out.estimate = *estimate;

  const BootstrapMatrix replicates = BootstrapReplicatesMulti(
      bootstrap.n_resamples, bootstrap.seed, bootstrap.threads, out.n_used, used_arm, 4,
      [&](std::span<const uint32_t> idx, std::span<double> values) {
        const CostOffsetResult result = Evaluate(totals([&](auto&& visit) {
          for (uint32_t row : idx) visit(row);
        }));
        values[0] = result.events_averted;
        values[1] = result.gross_savings;
        values[2] = result.net_savings;
        values[3] = result.roi;
      });
  CostOffsetInterval* targets[4] = {&out.events_averted, &out.gross_savings, &out.net_savings, &out.roi};
  for (size_t statistic = 0; statistic < 4; ++statistic) {
    const PercentileInterval interval =
        PercentileCi(replicates.Column(statistic), bootstrap.confidence_level);
    targets[statistic]->lower = interval.lower;
    targets[statistic]->upper = interval.upper;
  }
  out.n_resamples = bootstrap.n_resamples;
  return out;
}

AdjustedCostOffset AdjustCostOffset(const CostOffsetInputs& inputs, double ratio, double ratio_low,
                                    double ratio_high) {
  auto fill = [&](double r, double* averted, double* savings, double* net, double* roi) {
    *averted = inputs.events_peer * (1 / r - 1);
    *savings = *averted * inputs.unit_cost;
    *net = *savings - inputs.program_cost;
    *roi = inputs.program_cost > 0 ? *net / inputs.program_cost : std::nan("");
  };
  AdjustedCostOffset out;
  fill(ratio, &out.estimate[0], &out.estimate[1], &out.estimate[2], &out.estimate[3]);
  // A higher ratio means fewer events averted: the ratio's upper bound gives
  // the lower bound of every quantity (unit and programme costs are >= 0).
  fill(ratio_high, &out.low[0], &out.low[1], &out.low[2], &out.low[3]);
  fill(ratio_low, &out.high[0], &out.high[1], &out.high[2], &out.high[3]);
  return out;
}

}  // namespace alongside::stats
