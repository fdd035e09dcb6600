#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "evaluation/designs.h"

namespace alongside::evaluation {

void StepClock::Start(const std::string& name) {
  Stop();
  name_ = name;
  start_ = std::chrono::steady_clock::now();
  running_ = true;
  if (progress_ != nullptr) progress_->Step(name);
}

void StepClock::Stop() {
  if (!running_) return;
  running_ = false;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  evaluation_->step_seconds.emplace_back(name_, seconds);
}

MeanInterval MeanWithInterval(std::span<const double> values, double confidence_level) {
  MeanInterval out;
  double sum = 0;
  for (double value : values) {
    if (std::isnan(value)) continue;
    sum += value;
    ++out.count;
  }
  if (out.count == 0) {
    out.mean = out.low = out.high = std::nan("");
    return out;
  }
  out.mean = sum / out.count;
  if (out.count < 2) {
    out.low = out.high = std::nan("");
    return out;
  }
  double squares = 0;
  for (double value : values) {
    if (!std::isnan(value)) squares += (value - out.mean) * (value - out.mean);
  }
  const double std_error = std::sqrt(squares / (out.count - 1) / out.count);
  boost::math::students_t distribution(static_cast<double>(out.count - 1));
  const double quantile = boost::math::quantile(distribution, 1 - (1 - confidence_level) / 2);
  out.low = out.mean - quantile * std_error;
  out.high = out.mean + quantile * std_error;
  return out;
}

Eigen::MatrixXd ClusterRobustCovariance(const Eigen::MatrixXd& bread, const Eigen::MatrixXd& x,
                                        std::span<const double> residual,
                                        std::span<const double> cluster, std::size_t* n_clusters) {
  const Eigen::Index columns = x.cols();
  std::map<double, Eigen::VectorXd> score_sums;
  for (Eigen::Index row = 0; row < x.rows(); ++row) {
    auto [it, inserted] = score_sums.try_emplace(cluster[row], Eigen::VectorXd::Zero(columns));
    it->second += x.row(row).transpose() * residual[row];
  }
  Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(columns, columns);
  for (const auto& [id, score] : score_sums) meat += score * score.transpose();
  const double groups = static_cast<double>(score_sums.size());
  *n_clusters = score_sums.size();
  return bread * meat * bread * (groups / (groups - 1));
}

std::string AllocationSentence(bool randomised, std::string_view units, std::string_view exposure) {
  if (randomised) {
    return fmt::format(
        "The {} were allocated to the arms at random (as the command states), so a difference between the "
        "arms can be read as an effect of {}, within the limits of the intervals.",
        units, exposure);
  }
  return fmt::format(
      "The {} were not allocated to the arms at random (or the command did not state that they were, with "
      "--allocation randomised), so the arms may differ in ways that were not measured: the differences "
      "below are associations with {}, not proof that {} caused them.",
      units, exposure, exposure);
}

double NormalTwoSidedP(double z) {
  if (!std::isfinite(z)) return std::isnan(z) ? z : 0.0;
  boost::math::normal standard;
  return 2 * boost::math::cdf(boost::math::complement(standard, std::abs(z)));
}

double NormalQuantile(double p) {
  boost::math::normal standard;
  return boost::math::quantile(standard, p);
}

std::vector<BeforeAfterGroup> ArmBeforeAfterGroups(const MeanInterval (&means)[2][2],
                                                   const std::string& arm1_label,
                                                   const std::string& arm0_label) {
  std::vector<BeforeAfterGroup> groups;
  for (int arm : {1, 0}) {
    BeforeAfterGroup group;
    group.label = arm == 1 ? arm1_label : arm0_label;
    group.colour = std::string(arm == 1 ? kColourArm1 : kColourArm0);
    group.dashed = arm == 0;
    group.before = means[arm][0].mean;
    group.before_low = means[arm][0].low;
    group.before_high = means[arm][0].high;
    group.after = means[arm][1].mean;
    group.after_low = means[arm][1].low;
    group.after_high = means[arm][1].high;
    groups.push_back(group);
  }
  return groups;
}

}  // namespace alongside::evaluation
