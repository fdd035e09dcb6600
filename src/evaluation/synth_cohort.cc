#include "evaluation/synth_cohort.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "evaluation/random.h"

namespace alongside::evaluation {
namespace {

using Truth = SynthTruth;

int ClampRound(double value, int low, int high) {
  return std::clamp(static_cast<int>(std::lround(value)), low, high);
}

void AppendReadmission(const SynthCohortOptions& options, fmt::memory_buffer* out) {
  Random random(options.seed);
  fmt::format_to(std::back_inserter(*out),
                 "person_id,arm,age,sex,prior_admissions,followup_days,readmitted,"
                 "hope_baseline,hope_6m,cost\n");
  for (std::size_t person_idx = 0; person_idx < options.people; ++person_idx) {
    const int arm = random.Bernoulli(Truth::kArmProbability) ? 1 : 0;
    const int age = ClampRound(42.0 + 12.0 * random.Normal(), 18, 80);
    const int sex = random.Bernoulli(0.5) ? 1 : 0;
    const int prior = std::min(random.Poisson(1.5), 20);
    const int hope_baseline = ClampRound(36.0 + 8.0 * random.Normal(), 8, 64);
    const double change = Truth::kHopeChangeBase + Truth::kHopeChangeArm * arm +
                          Truth::kHopeChangeSd * random.Normal();
    const int hope_6m = ClampRound(hope_baseline + change, 8, 64);
    const double log_hazard = std::log(Truth::kBaseHazardPerDay) + Truth::kLogHrArmDirect * arm +
                              Truth::kLogHrAgePerDecade * (age - 42) / 10.0 +
                              Truth::kLogHrSex * sex + Truth::kLogHrPerPriorAdmission * prior +
                              Truth::kLogHrPerHopePoint * (hope_6m - hope_baseline);
    const double event_time = random.Exponential(std::exp(log_hazard));
    int censor_day = Truth::kAdministrativeCensorDay;
    if (random.Bernoulli(Truth::kDropoutProbability)) {
      censor_day = 30 + static_cast<int>(random.Below(Truth::kAdministrativeCensorDay - 30));
    }
    const int event_day = static_cast<int>(std::min(std::ceil(event_time), 1e6));
    const int readmitted = event_day <= censor_day ? 1 : 0;
    const int followup = readmitted ? std::max(event_day, 1) : censor_day;
    const bool baseline_missing = random.Bernoulli(Truth::kMissingHopeBaseline);
    const bool six_month_missing = random.Bernoulli(Truth::kMissingHope6m);
    // Cost: peer support itself, plus the cost of a readmission when there is one.
    const double cost = std::round(100.0 * (arm * (600.0 + 200.0 * random.Uniform()) +
                                             readmitted * (9000.0 + random.Exponential(1.0 / 3000.0)))) /
                        100.0;
    fmt::format_to(std::back_inserter(*out), "P{:07d},{},{},{},{},{},{},", person_idx + 1, arm, age,
                   sex, prior, followup, readmitted);
    if (!baseline_missing) fmt::format_to(std::back_inserter(*out), "{}", hope_baseline);
    out->push_back(',');
    if (!six_month_missing) fmt::format_to(std::back_inserter(*out), "{}", hope_6m);
    fmt::format_to(std::back_inserter(*out), ",{:.2f}\n", cost);
  }
}

void AppendHospitalization(const SynthCohortOptions& options, fmt::memory_buffer* out) {
  Random random(options.seed);
  fmt::format_to(std::back_inserter(*out),
                 "person_id,admissions_before,days_before,admissions_after,days_after\n");
  for (std::size_t person_idx = 0; person_idx < options.people; ++person_idx) {
    const double frailty = random.Gamma(Truth::kFrailtyShape, 1.0 / Truth::kFrailtyShape);
    const int days_before = 365;
    const int days_after = 90 + static_cast<int>(random.Below(276));
    const double rate_before = Truth::kAdmissionsPerYearBefore / 365.0 * frailty;
    const int before = random.Poisson(rate_before * days_before);
    const int after = random.Poisson(rate_before * Truth::kRateRatioAfter * days_after);
    fmt::format_to(std::back_inserter(*out), "P{:07d},{},{},{},{}\n", person_idx + 1, before,
                   days_before, after, days_after);
  }
}

void AppendStigma(const SynthCohortOptions& options, fmt::memory_buffer* out) {
  Random random(options.seed);
  fmt::format_to(std::back_inserter(*out),
                 "trainee_id,training_cohort,arm,attitude_before,attitude_after\n");
  double cohort_shift = 0;
  for (std::size_t trainee_idx = 0; trainee_idx < options.people; ++trainee_idx) {
    const std::size_t cohort = trainee_idx / Truth::kTraineesPerCohort + 1;
    if (trainee_idx % Truth::kTraineesPerCohort == 0) cohort_shift = 2.0 * random.Normal();
    const int arm = cohort % 2 == 1 ? 1 : 0;  // whole training cohorts are allocated
    const int before = ClampRound(50.0 + cohort_shift + 10.0 * random.Normal(), 0, 100);
    const int after = ClampRound(20.0 + 0.6 * before + Truth::kAttitudeArmEffect * arm +
                                     6.0 * random.Normal(),
                                 0, 100);
    const bool after_missing = random.Bernoulli(Truth::kMissingAttitudeAfter);
    fmt::format_to(std::back_inserter(*out), "T{:06d},{},{},{},", trainee_idx + 1, cohort, arm,
                   before);
    if (!after_missing) fmt::format_to(std::back_inserter(*out), "{}", after);
    out->push_back('\n');
  }
}

}  // namespace

std::string SynthCohortCsv(const SynthCohortOptions& options) {
  fmt::memory_buffer out;
  switch (options.design) {
    case Design::kReadmission: AppendReadmission(options, &out); break;
    case Design::kHospitalizationRate: AppendHospitalization(options, &out); break;
    case Design::kStigmaTraining: AppendStigma(options, &out); break;
  }
  return fmt::to_string(out);
}

Status WriteSynthCohort(const SynthCohortOptions& options, const std::string& path) {
  const std::string text = SynthCohortCsv(options);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) return Status::Internal(fmt::format("{}: cannot open for writing", path));
  if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size()) {
    return Status::Internal(fmt::format("{}: write failed", path));
  }
  if (std::fclose(file.release()) != 0) return Status::Internal(fmt::format("{}: write failed", path));
  return Status::Ok();
}

}  // namespace alongside::evaluation
