#include "evaluation/cohort.h"

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

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

// RFC 4180: a quoted cell may hold commas, doubled quotes and line breaks.
TEST(CohortTest, QuotedCellsMayHoldLineBreaksCommasAndQuotes) {
  for (const std::string line_end : {"\n", "\r\n"}) {
    const std::string text =
        "person_id,arm,age,sex,prior_admissions,followup_days,readmitted,hope_baseline,hope_6m,"
        "cost,note" + line_end +
        "\"P1, first\",1,40,0,2,30,1,33,35,0,plain" + line_end +
        "\"P2 said \"\"hi\"\"" + line_end + "twice\",0,41,1,0,365,0,,40,12.5,\"line one" +
        line_end + line_end + "line three, with a comma" + line_end + "\"" + line_end +
        "P3,1,42,0,1,20,1,30,\"31\",7,\"\"";
    Result<ReadmissionCohort> parsed = ParseReadmissionCohort(text, "cohort.csv");
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    ASSERT_EQ(parsed->size(), 3u);
    EXPECT_EQ(parsed->arm[1], 0);
    EXPECT_EQ(parsed->age[1], 41);
    EXPECT_EQ(parsed->followup_days[1], 365);
    EXPECT_EQ(parsed->cost[1], 12.5);
    EXPECT_TRUE(std::isnan(parsed->hope_baseline[1]));
    EXPECT_EQ(parsed->hope_6m[2], 31);
    EXPECT_EQ(parsed->cost[2], 7);
  }
}

// Error lines are physical lines of the file: a record that spans two lines
// moves the count on by two, and a cell is reported on the line it starts on.
TEST(CohortTest, LinesAfterAQuotedLineBreakAreFileLines) {
  for (const std::string line_end : {"\n", "\r\n"}) {
    const std::string head =
        std::string(kHeader) + "\"P1" + line_end + "ward 3\",1,40,0,2,30,1,33,35,0" + line_end;
    EXPECT_EQ(ErrorOf(head + "P2,2,40,0,2,30,1,33,35,0" + line_end),
              "cohort.csv:4:2: arm: must be 0 (comparison) or 1 (peer support), got \"2\"");
    EXPECT_EQ(ErrorOf(head + "\"P2" + line_end + line_end + "x\",1,forty,0,2,30,1,33,35,0" +
                      line_end),
              "cohort.csv:6:3: age: must be a number from 0 to 120, got \"forty\"");
    EXPECT_EQ(ErrorOf(head + "P2,1,40,0,2,30,1,33,35" + line_end),
              "cohort.csv:4:10: row: expected 10 cells as in the header, got 9");
    // A row error names the line the record starts on.
    EXPECT_EQ(ErrorOf(head + "\"P2" + line_end + "x\",1,40,0,2,30,1,33,35" + line_end +
                      "P3,1,40,0,2,30,1,33,35,0" + line_end),
              "cohort.csv:4:10: row: expected 10 cells as in the header, got 9");
  }
}

// A stray quote is reported where its cell starts, saying why.
TEST(CohortTest, UnbalancedQuoteIsRefusedWhereItsCellStarts) {
  EXPECT_EQ(ErrorOf(std::string(kHeader) +
                    "P1,1,40,0,2,30,1,33,35,0\n"
                    "P2,1,40,0,2,30,1,33,\"35,0\n"
                    "P3,1,40,0,2,30,1,33,35,0\n"),
            "cohort.csv:3:9: row: unbalanced quote (no closing quote before the end of the file)");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "\"P1\"x,1,40,0,2,30,1,33,35,0\n"),
            "cohort.csv:2:1: row: unbalanced quote (text after the closing quote on line 2)");
  // Another stray quote three lines on closes the cell there.
  EXPECT_EQ(ErrorOf(std::string(kHeader) +
                    "P1,1,40,0,2,30,1,33,35,0\n"
                    "P2,1,\"40,0,2,30,1,33,35,0\n"
                    "P3,1,40,0,2,30,1,33,35,0\n"
                    "P4,1,40,0,2,30,1,33,35,0\n"
                    "P5,1,40,0,2,30,1,33,35,\"0\n"),
            "cohort.csv:3:3: row: unbalanced quote (text after the closing quote on line 6)");
  EXPECT_EQ(ErrorOf("person_id,\"arm,age\n"),
            "cohort.csv:1:2: header: unbalanced quote in the header (no closing quote before "
            "the end of the file)");
}

// One row per person (per trainee): a repeated id is refused where it repeats.
TEST(CohortTest, DuplicateIdIsRefused) {
  EXPECT_EQ(ErrorOf(std::string(kHeader) +
                    "P1,1,40,0,2,30,1,33,35,0\n"
                    "P12,1,40,0,2,30,1,33,35,0\n"
                    "P3,1,40,0,2,30,1,33,35,0\n"
                    "P12,0,50,1,0,60,0,,,0\n"),
            "cohort.csv:5:1: person_id: must be unique, got \"P12\" (also on line 3)");
  // Quoting does not make an id different; the line is the file's line.
  EXPECT_EQ(ErrorOf(std::string(kHeader) +
                    "\"P1\nward\",1,40,0,2,30,1,33,35,0\n"
                    "P2,1,40,0,2,30,1,33,35,0\n"
                    "\"P2\",1,40,0,2,30,1,33,35,0\n"),
            "cohort.csv:5:1: person_id: must be unique, got \"P2\" (also on line 4)");
  Result<ReadmissionCohort> parsed = ParseReadmissionCohort(
      std::string(kHeader) + "P1,1,40,0,2,30,1,33,35,0\nP10,1,40,0,2,30,1,33,35,0\n", "cohort.csv");
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();

  Result<HospitalizationCohort> hospitalization = ParseHospitalizationCohort(
      "person_id,admissions_before,days_before,admissions_after,days_after\n"
      "P1,1,365,0,365\nP2,1,365,0,365\nP1,0,365,0,365\n",
      "h.csv");
  ASSERT_FALSE(hospitalization.ok());
  EXPECT_EQ(hospitalization.status().field(), "person_id");
  EXPECT_EQ(hospitalization.status().detail(),
            "h.csv:4:1: person_id: must be unique, got \"P1\" (also on line 2)");

  Result<StigmaCohort> stigma = ParseStigmaCohort(
      "training_cohort,arm,attitude_before,attitude_after,trainee_id\n"
      "1,1,50,60,T1\n1,1,50,60,T2\n2,0,50,60,T2\n",
      "s.csv");
  ASSERT_FALSE(stigma.ok());
  EXPECT_EQ(stigma.status().field(), "trainee_id");
  EXPECT_EQ(stigma.status().detail(),
            "s.csv:4:5: trainee_id: must be unique, got \"T2\" (also on line 3)");
}

// The first problem in the file is reported, a repeat or not.
TEST(CohortTest, RepeatedIdIsReportedInFileOrder) {
  EXPECT_EQ(ErrorOf(std::string(kHeader) +
                    "P1,1,40,0,2,30,1,33,35,0\n"
                    "P1,1,40,0,2,30,1,33,35,0\n"
                    "P3,2,40,0,2,30,1,33,35,0\n"),
            "cohort.csv:3:1: person_id: must be unique, got \"P1\" (also on line 2)");
  EXPECT_EQ(ErrorOf(std::string(kHeader) +
                    "P1,1,40,0,2,30,1,33,35,0\n"
                    "P2,2,40,0,2,30,1,33,35,0\n"
                    "P1,1,40,0,2,30,1,33,35,0\n"),
            "cohort.csv:3:2: arm: must be 0 (comparison) or 1 (peer support), got \"2\"");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "P1,1,40,0,2,30,1,33,35,0\nP1,2,40,0,2,30,1,33,35,0\n"),
            "cohort.csv:3:1: person_id: must be unique, got \"P1\" (also on line 2)");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "P1,1,40,0,2,30,1,33,35,0\nP1,1,40,0,2,30,1,33,35\n"),
            "cohort.csv:3:10: row: expected 10 cells as in the header, got 9");
  EXPECT_EQ(ErrorOf(std::string(kHeader) +
                    "P\"1,1,40,0,2,30,1,33,35,0\n"
                    "P2,1,40,0,2,30,1,33,35,0\n"
                    "\"P\"\"1\",1,40,0,2,30,1,33,35,0\n"),
            "cohort.csv:4:1: person_id: must be unique, got \"P\"\"1\" (also on line 2)");
}

// Short decimals take a fast path; every number must still read exactly as
// std::from_chars reads it.
TEST(CohortTest, NumbersReadAsStdFromCharsReadsThem) {
  const std::vector<std::string> costs = {
      "0.1",    "776.25", "0.30000000000000004", "123456789012.345", "999999999999999",
      "1234567890123456", "4503599627370497.5", "1e3", "5.", ".5", "007.50", "2.675",
      "1.000000000000001", "0.000001"};
  std::string text = kHeader;
  for (std::size_t row_idx = 0; row_idx < costs.size(); ++row_idx) {
    text += "P" + std::to_string(row_idx) + ",1,40,0,2,30,1,33,35," + costs[row_idx] + "\n";
  }
  Result<ReadmissionCohort> parsed = ParseReadmissionCohort(text, "cohort.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  for (std::size_t row_idx = 0; row_idx < costs.size(); ++row_idx) {
    double expected = 0;
    std::from_chars(costs[row_idx].data(), costs[row_idx].data() + costs[row_idx].size(), expected);
    EXPECT_EQ(parsed->cost[row_idx], expected) << costs[row_idx];
  }
  Result<StigmaCohort> stigma = ParseStigmaCohort(
      "trainee_id,training_cohort,arm,attitude_before,attitude_after\n"
      "T1,1,1,-12.75,-0\n"
      "T2,1,1,+3.5,-0.1\n",
      "s.csv");
  ASSERT_TRUE(stigma.ok()) << stigma.status().ToString();
  EXPECT_EQ(stigma->attitude_before[0], -12.75);
  EXPECT_TRUE(std::signbit(stigma->attitude_after[0]));
  EXPECT_EQ(stigma->attitude_before[1], 3.5);
  EXPECT_EQ(stigma->attitude_after[1], -0.1);
}

constexpr const char* kStigmaHeader =
    "trainee_id,training_cohort,arm,attitude_before,attitude_after\n";

// Whole training cohorts are allocated: the arm cannot vary within one.
TEST(CohortTest, ArmVaryingWithinATrainingCohortIsRefused) {
  Result<StigmaCohort> stigma = ParseStigmaCohort(std::string(kStigmaHeader) +
                                                      "T1,1,0,50,60\n"
                                                      "T2,1,0,51,\n"
                                                      "T3,2,0,52,61\n"
                                                      "T4,2,0,53,62\n"
                                                      "T5,3,1,54,63\n"
                                                      "T6,3,1,55,64\n"
                                                      "T7,3,0,56,65\n"
                                                      "T8,3,1,57,66\n",
                                                  "s.csv");
  ASSERT_FALSE(stigma.ok());
  EXPECT_EQ(stigma.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(stigma.status().field(), "arm");
  EXPECT_EQ(stigma.status().detail(),
            "s.csv:8:3: arm: must be the same for every trainee of training_cohort 3 "
            "(line 6 has 1), got \"0\"");

  // Columns in another order: the arm comes before its training cohort.
  stigma = ParseStigmaCohort(
      "arm,attitude_before,attitude_after,trainee_id,training_cohort\n"
      "1,50,60,T1,7\n0,50,60,T2,8\n0,50,60,T3,7\n",
      "s.csv");
  ASSERT_FALSE(stigma.ok());
  EXPECT_EQ(stigma.status().detail(),
            "s.csv:4:1: arm: must be the same for every trainee of training_cohort 7 "
            "(line 2 has 1), got \"0\"");

  // Different cohorts in different arms, in any order of rows, are fine.
  Result<StigmaCohort> fine = ParseStigmaCohort(
      std::string(kStigmaHeader) + "T1,1,1,50,60\nT2,2,0,50,60\nT3,1,1,50,\nT4,2,0,50,60\n",
      "s.csv");
  ASSERT_TRUE(fine.ok()) << fine.status().ToString();
  EXPECT_EQ(fine->size(), 4u);
}

}  // namespace
}  // namespace alongside::evaluation
