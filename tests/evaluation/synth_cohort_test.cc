#include "evaluation/synth_cohort.h"

#include <gtest/gtest.h>

#include "evaluation/cohort.h"

namespace alongside::evaluation {
namespace {

TEST(SynthCohortTest, SameSeedSameBytesOtherSeedOtherBytes) {
  SynthCohortOptions options{Design::kReadmission, 300, 42};
  const std::string first = SynthCohortCsv(options);
  EXPECT_EQ(first, SynthCohortCsv(options));
  options.seed = 43;
  EXPECT_NE(first, SynthCohortCsv(options));
}

TEST(SynthCohortTest, KnownEffectOnHopeIsVisible) {
  SynthCohortOptions options{Design::kReadmission, 20000, 5};
  Result<ReadmissionCohort> cohort = ParseReadmissionCohort(SynthCohortCsv(options), "synth");
  ASSERT_TRUE(cohort.ok());
  double sum[2] = {0, 0};
  double count[2] = {0, 0};
  double readmitted[2] = {0, 0};
  for (std::size_t row = 0; row < cohort->size(); ++row) {
    const int arm = static_cast<int>(cohort->arm[row]);
    readmitted[arm] += cohort->readmitted[row];
    const double change = cohort->hope_6m[row] - cohort->hope_baseline[row];
    if (change == change) {
      sum[arm] += change;
      count[arm] += 1;
    }
    EXPECT_LE(cohort->followup_days[row], SynthTruth::kAdministrativeCensorDay);
  }
  const double difference = sum[1] / count[1] - sum[0] / count[0];
  EXPECT_NEAR(difference, SynthTruth::kHopeChangeArm, 0.3);
  EXPECT_LT(readmitted[1], readmitted[0]);  // peer support lowers readmission
}

}  // namespace
}  // namespace alongside::evaluation
