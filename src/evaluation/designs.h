// Private to src/evaluation: the three designs and the helpers they share.
// Each Evaluate* function is pure apart from the progress line: it computes
// the estimate rows and the report model from a parsed cohort.
#pragma once

#include "evaluation/svg.h"

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

#include <Eigen/Dense>

#include "common/status.h"
#include "evaluation/cohort.h"
#include "evaluation/evaluate.h"
#include "evaluation/progress.h"

namespace alongside::evaluation {

struct DesignSettings {
  std::size_t bootstrap = 1000;
  std::size_t mediation_bootstrap = 1000;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  std::string source_name;  // the cohort file as given, for the report
  double unit_cost = kDefaultUnitCost;                              // readmission design
  double program_cost_per_person = kDefaultProgramCostPerPerson;  // readmission design
  // Whether the cohort's arms were formed by random allocation (the command
  // says so with --allocation randomised). The report's wording follows:
  // effects when randomised, associations otherwise.
  bool randomised = false;
};

// Below this many clusters in an arm, the report warns that cluster-robust
// inference is fragile (Cameron and Miller 2015 put the threshold for the
// plain sandwich between 20 and 50 clusters).
inline constexpr std::size_t kFewClustersPerArm = 20;

// One sentence saying how the arms were formed and what that allows a reader
// to conclude: `units` are what was allocated ("people", "training
// cohorts"), `exposure` what differs between the arms ("peer support").
std::string AllocationSentence(bool randomised, std::string_view units, std::string_view exposure);

Result<Evaluation> EvaluateReadmission(const ReadmissionCohort& cohort, const DesignSettings& settings,
                                       Progress* progress);
Result<Evaluation> EvaluateHospitalizationRate(const HospitalizationCohort& cohort,
                                               const DesignSettings& settings, Progress* progress);
Result<Evaluation> EvaluateStigmaTraining(const StigmaCohort& cohort, const DesignSettings& settings,
                                          Progress* progress);

// Times consecutive steps into Evaluation::step_seconds and moves the
// progress line along.
class StepClock {
 public:
  StepClock(Evaluation* evaluation, Progress* progress) : evaluation_(evaluation), progress_(progress) {}
  void Start(const std::string& name);
  void Stop();

 private:
  Evaluation* evaluation_;
  Progress* progress_;
  std::string name_;
  std::chrono::steady_clock::time_point start_;
  bool running_ = false;
};

// Mean and t-based confidence interval of the non-missing values (as
// t.test(x)$conf.int); count = number used.
struct MeanInterval {
  double mean = 0;
  double low = 0;
  double high = 0;
  std::size_t count = 0;
};
MeanInterval MeanWithInterval(std::span<const double> values, double confidence_level = 0.95);

// The before/after chart's two groups, arm 1 first (solid) then arm 0
// (dashed), from means[arm][0 before, 1 after].
std::vector<BeforeAfterGroup> ArmBeforeAfterGroups(const MeanInterval (&means)[2][2],
                                                   const std::string& arm1_label,
                                                   const std::string& arm0_label);

// Cluster-robust sandwich covariance bread * meat * bread * G / (G - 1),
// meat = sum over clusters g of (sum_{i in g} score_i)(sum_{i in g} score_i)',
// score_i = x_i * residual_i (for a GLM, GlmFit::working_score: the working
// residual times the working weight, as sandwich::estfun.glm). `cluster` ids
// need not be sorted. This is
// sandwich::vcovCL(fit, cluster, type = "HC0", cadjust = TRUE).
Eigen::MatrixXd ClusterRobustCovariance(const Eigen::MatrixXd& bread, const Eigen::MatrixXd& x,
                                        std::span<const double> residual,
                                        std::span<const double> cluster, std::size_t* n_clusters);

// Two-sided normal p-value and quantile helpers.
double NormalTwoSidedP(double z);
double NormalQuantile(double p);

}  // namespace alongside::evaluation
