#include "evaluation/cohort.h"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "evaluation/synth_cohort.h"

namespace alongside::evaluation {
namespace {

constexpr const char* kHeader =
    "person_id,arm,age,sex,prior_admissions,followup_days,readmitted,hope_baseline,hope_6m,cost\n";

std::string ErrorOf(const std::string& text) {
  Result<ReadmissionCohort> parsed = ParseReadmissionCohort(text, "cohort.csv");
  EXPECT_FALSE(parsed.ok());
  if (parsed.ok()) return "";
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  return parsed.status().detail();
}

TEST(CohortTest, ParsesColumnsInAnyOrderWithExtraColumnsAndMissingHope) {
  const std::string text =
      "cost,hope_6m,site,person_id,arm,age,sex,prior_admissions,followup_days,readmitted,hope_baseline\r\n"
      "10.5,,north,P1,1,40.5,0,2,30,1,33\r\n"
      "0,41,south,\"P2\",0,61,1,0,365,0,\r\n";
  Result<ReadmissionCohort> parsed = ParseReadmissionCohort(text, "cohort.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ(parsed->cost[0], 10.5);
  EXPECT_EQ(parsed->age[0], 40.5);
  EXPECT_EQ(parsed->followup_days[1], 365);
  EXPECT_TRUE(std::isnan(parsed->hope_6m[0]));
  EXPECT_EQ(parsed->hope_6m[1], 41);
  EXPECT_TRUE(std::isnan(parsed->hope_baseline[1]));
  EXPECT_EQ(parsed->missing_hope_6m, 1u);
  EXPECT_EQ(parsed->missing_hope_baseline, 1u);
}

TEST(CohortTest, FollowupZeroNamesLineAndColumn) {
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "P1,1,40,0,2,30,1,33,35,0\nP2,0,40,0,2,0,1,33,35,0\n"),
            "cohort.csv:3:6: followup_days: must be an integer >= 1, got \"0\"");
}

TEST(CohortTest, ArmTwoIsRefused) {
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "P1,2,40,0,2,30,1,33,35,0\n"),
            "cohort.csv:2:2: arm: must be 0 (comparison) or 1 (peer support), got \"2\"");
}

TEST(CohortTest, NonNumericCellIsRefused) {
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "P1,1,forty,0,2,30,1,33,35,0\n"),
            "cohort.csv:2:3: age: must be a number from 0 to 120, got \"forty\"");
}

TEST(CohortTest, FractionalCountIsRefused) {
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "P1,1,40,0,2.5,30,1,33,35,0\n"),
            "cohort.csv:2:5: prior_admissions: must be an integer >= 0, got \"2.5\"");
}

TEST(CohortTest, HopeOutOfRangeIsRefused) {
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "P1,1,40,0,2,30,1,7,35,0\n"),
            "cohort.csv:2:8: hope_baseline: must be an Adult Hope Scale total from 8 to 64, or "
            "empty when missing, got \"7\"");
}

TEST(CohortTest, MissingRequiredColumnIsRefused) {
  EXPECT_EQ(ErrorOf("person_id,arm,age,sex,prior_admissions,readmitted,hope_baseline,hope_6m,cost\n"
                    "P1,1,40,0,2,1,33,35,0\n"),
            "cohort.csv:1:10: followup_days: required column is missing from the header");
}

TEST(CohortTest, WrongHeaderIsRefused) {
  // A file without a header: the first data row is read as the header.
  EXPECT_EQ(ErrorOf("P1,1,40,0,2,30,1,33,35,0\nP2,1,40,0,2,30,1,33,35,0\n"),
            "cohort.csv:1:11: person_id: required column is missing from the header");
  EXPECT_EQ(ErrorOf("person_id,arm,age,sex,prior_admissions,followup_days,readmitted,"
                    "hope_baseline,hope_6m,cost,arm\nP1,1,40,0,2,30,1,33,35,0,1\n"),
            "cohort.csv:1:11: arm: column named twice in the header (first at column 2)");
}

TEST(CohortTest, ShortRowIsRefused) {
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "P1,1,40,0,2,30,1,33,35\n"),
            "cohort.csv:2:10: row: expected 10 cells as in the header, got 9");
}

TEST(CohortTest, EmptyAndHeaderOnlyFilesAreRefused) {
  EXPECT_EQ(ErrorOf(""), "cohort.csv:1:1: header: the file is empty");
  EXPECT_EQ(ErrorOf(kHeader), "cohort.csv:2:1: row: the file has a header but no data rows");
}

TEST(CohortTest, FieldOfTheStatusIsTheColumn) {
  Result<ReadmissionCohort> parsed =
      ParseReadmissionCohort(std::string(kHeader) + "P1,1,40,0,2,30,5,33,35,0\n", "c.csv");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().field(), "readmitted");
}

TEST(CohortTest, SynthCohortRoundTrips) {
  SynthCohortOptions options;
  options.people = 2000;
  options.seed = 7;
  Result<ReadmissionCohort> parsed = ParseReadmissionCohort(SynthCohortCsv(options), "synth");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->size(), 2000u);
  // About 15% of hope_6m is missing completely at random.
  EXPECT_GT(parsed->missing_hope_6m, 200u);
  EXPECT_LT(parsed->missing_hope_6m, 400u);
}

TEST(CohortTest, OtherDesignFilesParse) {
  for (Design design : {Design::kHospitalizationRate, Design::kStigmaTraining}) {
    SynthCohortOptions options{design, 500, 3};
    const std::string text = SynthCohortCsv(options);
    if (design == Design::kHospitalizationRate) {
      Result<HospitalizationCohort> parsed = ParseHospitalizationCohort(text, "h.csv");
      ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
      EXPECT_EQ(parsed->size(), 500u);
    } else {
      Result<StigmaCohort> parsed = ParseStigmaCohort(text, "s.csv");
      ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
      EXPECT_EQ(parsed->size(), 500u);
    }
  }
  Result<HospitalizationCohort> bad = ParseHospitalizationCohort(
      "person_id,admissions_before,days_before,admissions_after,days_after\nP1,1,0,1,10\n", "h.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().detail(), "h.csv:2:3: days_before: must be an integer >= 1, got \"0\"");
}

}  // namespace
}  // namespace alongside::evaluation
