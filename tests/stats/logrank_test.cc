#include "stats/logrank.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "survival_oracle_csv.h"

namespace alongside::stats {
namespace {

using survival_oracle::LoadEdgeCase;
using survival_oracle::LoadSurvivalData;
using survival_oracle::MatchesOracle;
using survival_oracle::OracleCsv;

struct GroupedData {
  std::vector<double> time;
  std::vector<int> event;
  std::vector<int> group;
  int num_groups = 0;
};

// The inputs survival.R gives survdiff for each oracle data set.
GroupedData LoadOracleInput(const std::string& dataset) {
  GroupedData input;
  if (dataset == "edge_ties") {
    LoadEdgeCase("tie_event_censor", input.time, input.event);
    input.group = {0, 1, 0, 1, 1, 0, 1, 0, 1, 0};
    input.num_groups = 2;
    return input;
  }
  const survival_oracle::SurvivalData data = LoadSurvivalData(dataset);
  input.time = data.time;
  input.event = data.event;
  input.group = data.group;
  for (int group : data.group) input.num_groups = std::max(input.num_groups, group + 1);
  return input;
}

TEST(LogRankTest, MatchesSurvdiff) {
  const OracleCsv tests = OracleCsv::Load("reference/survival_logrank_test.csv");
  const OracleCsv groups = OracleCsv::Load("reference/survival_logrank_groups.csv");
  ASSERT_EQ(tests.size(), 4u);
  std::size_t group_rows_checked = 0;
  for (std::size_t test_row = 0; test_row < tests.size(); ++test_row) {
    const std::string dataset = tests.Text(test_row, "dataset");
    const GroupedData input = LoadOracleInput(dataset);
    Result<LogRankResult> result =
        LogRankTest(input.time, input.event, input.group, input.num_groups);
    ASSERT_TRUE(result.ok()) << dataset << ": " << result.status().ToString();
    EXPECT_TRUE(MatchesOracle(result->chi_square, tests.Number(test_row, "chisq"))) << dataset;
    EXPECT_EQ(result->df, tests.Number(test_row, "df")) << dataset;
    EXPECT_TRUE(MatchesOracle(result->p_value, tests.Number(test_row, "p"))) << dataset;
    for (std::size_t group_row = 0; group_row < groups.size(); ++group_row) {
      if (groups.Text(group_row, "dataset") != dataset) continue;
      const auto group = static_cast<std::size_t>(groups.Number(group_row, "group"));
      const std::string where = dataset + " group " + std::to_string(group);
      ASSERT_LT(group, result->n.size()) << where;
      EXPECT_EQ(result->n[group], groups.Number(group_row, "n")) << where;
      EXPECT_TRUE(MatchesOracle(result->observed[group], groups.Number(group_row, "observed")))
          << where;
      EXPECT_TRUE(MatchesOracle(result->expected[group], groups.Number(group_row, "expected")))
          << where;
      for (int col = 0; col < input.num_groups; ++col) {
        const double variance = result->variance(static_cast<Eigen::Index>(group), col);
        const double expected = groups.Number(group_row, "var" + std::to_string(col));
        // Off-diagonal terms of a 2-group test cancel to ~1e-15 in both
        // implementations; compare those absolutely.
        if (std::fabs(expected) < 1e-9) {
          EXPECT_NEAR(variance, expected, 1e-9) << where << " var" << col;
        } else {
          EXPECT_TRUE(MatchesOracle(variance, expected)) << where << " var" << col;
        }
      }
      ++group_rows_checked;
    }
  }
  EXPECT_EQ(group_rows_checked, groups.size());
}

TEST(LogRankTest, EmptyGroupIsAnError) {
  const std::vector<double> time{1, 2, 3, 4};
  const std::vector<int> event{1, 1, 0, 1};
  const std::vector<int> group{0, 2, 0, 2};
  Result<LogRankResult> result = LogRankTest(time, event, group, 3);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().field(), "group");
  EXPECT_NE(result.status().detail().find("group 1 has no subjects"), std::string::npos)
      << result.status().detail();
}

TEST(LogRankTest, RejectsBadGroups) {
  const std::vector<double> time{1, 2, 3};
  const std::vector<int> event{1, 1, 0};
  const std::vector<int> out_of_range{0, 1, 2};
  const std::vector<int> short_group{0, 1};
  EXPECT_EQ(LogRankTest(time, event, out_of_range, 2).status().field(), "group");
  EXPECT_EQ(LogRankTest(time, event, short_group, 2).status().field(), "group");
  EXPECT_EQ(LogRankTest(time, event, out_of_range, 1).status().field(), "num_groups");
}

TEST(LogRankTest, NoEventsGivesZeroStatistic) {
  const std::vector<double> time{1, 2, 3, 4};
  const std::vector<int> event{0, 0, 0, 0};
  const std::vector<int> group{0, 1, 0, 1};
  Result<LogRankResult> result = LogRankTest(time, event, group, 2);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->chi_square, 0);
  EXPECT_EQ(result->df, 0);
  EXPECT_EQ(result->p_value, 1);
  EXPECT_EQ(result->expected[0], 0);
}

TEST(LogRankTest, SingleEventTwoGroups) {
  // One event at day 2 with 2 of 4 at risk in each group: E = 0.5 each,
  // V = 1 * 3 / 3 * (2/4) * (2/4) = 0.25, so chi-square = 0.5^2 / 0.25 = 1.
  const std::vector<double> time{2, 3, 4, 5};
  const std::vector<int> event{1, 0, 0, 0};
  const std::vector<int> group{0, 0, 1, 1};
  Result<LogRankResult> result = LogRankTest(time, event, group, 2);
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->expected[0], 0.5);
  EXPECT_DOUBLE_EQ(result->observed[0], 1);
  EXPECT_DOUBLE_EQ(result->chi_square, 1.0);
  EXPECT_EQ(result->df, 1);
}

}  // namespace
}  // namespace alongside::stats
