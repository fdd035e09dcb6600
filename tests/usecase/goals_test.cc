// Goals changed from the person's page and the person's own pages
// (usecase/goals.h): a status marked with the person waits for their
// co-signature; the person's own new words are theirs.
#include <gtest/gtest.h>

#include "usecase/goals.h"
#include "usecase_fixture.h"

namespace alongside::usecase {
namespace {

TEST_F(UseCaseTest, AGoalMarkedAchievedWithThePersonWaitsForTheirCoSignature) {
  Services use = services();
  Result<GoalView> goal = AddGoal(use, As(person_), std::nullopt, "Walk to the park.", {});
  ASSERT_TRUE(goal.ok());
  GoalChange achieved;
  achieved.status = domain::GoalStatus::kAchieved;
  Result<GoalView> marked = ReviseGoal(use, As(worker_), goal->goal.id, achieved);
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  const domain::GoalVersion& latest = marked->goal.latest();
  EXPECT_EQ(latest.status, domain::GoalStatus::kAchieved);
  EXPECT_EQ(latest.words, "Walk to the park.");
  EXPECT_FALSE(latest.authored_by_person);
  EXPECT_FALSE(latest.cosigned_at.has_value());

  // The person sees it on their own goals, and co-signs it.
  Result<std::vector<GoalView>> mine = ListGoals(use, As(person_), std::nullopt);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].goal.latest().status, domain::GoalStatus::kAchieved);
  Result<GoalView> cosigned = CosignGoal(use, As(person_), goal->goal.id);
  ASSERT_TRUE(cosigned.ok());
  EXPECT_TRUE(cosigned->goal.latest().cosigned_at.has_value());
  EXPECT_EQ(cosigned->goal.versions.size(), 3u);

  // Another worker cannot: the goal is "not found" for them.
  GoalChange set_aside;
  set_aside.status = domain::GoalStatus::kSetAside;
  EXPECT_EQ(ReviseGoal(use, As(other_worker_), goal->goal.id, set_aside).status().code(),
            StatusCode::kNotFound);
}

TEST_F(UseCaseTest, ThePersonsNewWordsForAGoalAreTheirOwn) {
  Services use = services();
  Result<GoalView> goal = AddGoal(use, As(worker_), ids_.person, "Cook once a week.", {});
  ASSERT_TRUE(goal.ok());
  EXPECT_FALSE(goal->goal.latest().authored_by_person);
  GoalChange words;
  words.words = "Cook a real meal twice a week.";
  Result<GoalView> revised = ReviseGoal(use, As(person_), goal->goal.id, words);
  ASSERT_TRUE(revised.ok());
  EXPECT_EQ(revised->goal.latest().words, "Cook a real meal twice a week.");
  EXPECT_TRUE(revised->goal.latest().authored_by_person);
  EXPECT_TRUE(revised->goal.latest().cosigned_at.has_value());
  // Both versions are kept.
  EXPECT_EQ(revised->goal.versions.front().words, "Cook once a week.");

  GoalChange empty;
  empty.words = "  ";
  EXPECT_EQ(ReviseGoal(use, As(person_), goal->goal.id, empty).status().field(), "words");
}

TEST_F(UseCaseTest, ProgressNotedByTheWorkerIsMarkedAsTheirs) {
  Services use = services();
  Result<GoalView> goal = AddGoal(use, As(person_), std::nullopt, "Sleep before midnight.", {});
  ASSERT_TRUE(goal.ok());
  Result<GoalView> noted = RecordProgress(use, As(worker_), goal->goal.id, "Three nights out of five.");
  ASSERT_TRUE(noted.ok());
  ASSERT_EQ(noted->progress.size(), 1u);
  EXPECT_FALSE(noted->progress[0].by_person);
  EXPECT_EQ(RecordProgress(use, As(worker_), goal->goal.id, " ").status().field(), "words");
}

}  // namespace
}  // namespace alongside::usecase
