// The domain's claim, shown from computed metrics (docs/fidelity.md): a
// program supervised clinically only comes out with role fidelity F under
// its threshold, one supervised by peers only with risk oversight R under
// its threshold, and the hybrid model meets all three. The generator only
// records practice (its behaviour follows the supervision structure); the
// engine computes every score.
#include <gtest/gtest.h>

#include <memory>

#include "rules/rules.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_support.h"
#include "synth/synth.h"
#include "usecase/fidelity.h"

namespace alongside::synth {
namespace {

using domain::FidelityMeasure;
using testing::TempDir;

constexpr const char* kEnd = "2026-10-31";

class SynthFidelityTest : public ::testing::TestWithParam<SupervisionMix> {
 protected:
  void SetUp() override {
    SynthOptions options;
    options.people = 200;
    options.months = 6;
    options.seed = 5;
    options.end_on = *ParseDay(kEnd, "end");
    options.supervision = GetParam();
    auto opened = store::OpenSqliteStore(dir_.File("program.db"), store::OpenMode::kCreate);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(opened).value();
    ASSERT_TRUE(Generate(options, *store_).ok());
    now_ = StartOfDay(options.end_on + 1) - 1;
  }

  usecase::FidelityRow Program() {
    usecase::FidelityRequest request;
    request.by = usecase::FidelityUnit::kProgram;
    request.from = *ParseDay(kEnd, "end") - 180;
    request.to = *ParseDay(kEnd, "end");
    Result<usecase::FidelityReport> report =
        usecase::FidelityForOperator(*store_, request, now_, TimeZone::Utc());
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->rows.size(), 1u);
    return report->rows.front();
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  Instant now_ = 0;
};

TEST_P(SynthFidelityTest, TheSupervisionStructureShowsInTheScores) {
  const usecase::FidelityRow program = Program();
  const domain::FidelityScores& scores = program.scores;
  ASSERT_TRUE(scores[FidelityMeasure::kF].value && scores[FidelityMeasure::kR].value &&
              scores[FidelityMeasure::kP].value);
  const double f = *scores[FidelityMeasure::kF].value;
  const double r = *scores[FidelityMeasure::kR].value;
  const double p = *scores[FidelityMeasure::kP].value;
  RecordProperty("F", std::to_string(f));
  RecordProperty("R", std::to_string(r));
  RecordProperty("P", std::to_string(p));
  switch (GetParam()) {
    case SupervisionMix::kClinicalOnly:
      EXPECT_LT(f, 0.80) << "clinical-only supervision lets the role drift";
      EXPECT_FALSE(scores[FidelityMeasure::kF].met);
      EXPECT_EQ(program.counts[domain::FidelityComponent::kPeerSupervisionCadence].numerator, 0);
      break;
    case SupervisionMix::kPeerOnly:
      EXPECT_LT(r, 0.70) << "peer-only supervision leaves risk under-overseen";
      EXPECT_FALSE(scores[FidelityMeasure::kR].met);
      EXPECT_GE(f, 0.80) << "while the role stays true";
      break;
    case SupervisionMix::kHybrid:
      EXPECT_TRUE(scores[FidelityMeasure::kF].met) << f;
      EXPECT_TRUE(scores[FidelityMeasure::kR].met) << r;
      EXPECT_TRUE(scores[FidelityMeasure::kP].met) << p;
      break;
    case SupervisionMix::kMixed: break;
  }
}

TEST_P(SynthFidelityTest, ACacheUpdatedForOneWorkerAgreesWithARecount) {
  const Day end = *ParseDay(kEnd, "end");
  auto cache = usecase::FidelityCache::Build(*store_, end - 180, end, now_, TimeZone::Utc());
  ASSERT_TRUE(cache.ok()) << cache.status().ToString();
  // A new final contact by worker w: a clinical-only activity, late.
  const std::vector<store::CaseloadRow> caseloads = store_->Caseloads(std::nullopt, now_).value();
  ASSERT_FALSE(caseloads.empty());
  const domain::Id worker = caseloads.front().worker.id;
  store::PeopleQuery people;
  people.worker_ids = std::vector<domain::Id>{worker};
  people.active_on = end;
  const std::vector<store::PersonRow> theirs = store_->ListPeople(people).value();
  ASSERT_FALSE(theirs.empty());
  domain::ContactVersion version = testing::DraftVersion(worker, now_ - 10 * 86400);
  version.activities = {"diagnosis"};
  version.status = domain::NoteStatus::kFinal;
  version.signed_by = worker;
  version.signed_at = now_ - 3600;
  version.written_at = now_ - 3600;
  store_->RecordContact(theirs.front().person.id, worker, version, testing::kTestActor).value();

  const domain::FidelityCounts before = (*cache)->Row(usecase::FidelityUnit::kProgram, 0)->counts;
  ASSERT_TRUE((*cache)->Refresh(worker, now_).ok());
  const usecase::FidelityRow cached = (*cache)->Row(usecase::FidelityUnit::kProgram, 0).value();
  EXPECT_NE(cached.counts, before) << "the new contact counts";
  EXPECT_EQ(cached.counts, Program().counts) << "and the cache agrees with a recount";
  const usecase::FidelityRow one = (*cache)->Row(usecase::FidelityUnit::kWorker, worker).value();
  EXPECT_EQ(one.workers, 1);
}

INSTANTIATE_TEST_SUITE_P(Models, SynthFidelityTest,
                         ::testing::Values(SupervisionMix::kHybrid, SupervisionMix::kClinicalOnly,
                                           SupervisionMix::kPeerOnly),
                         [](const ::testing::TestParamInfo<SupervisionMix>& info) {
                           switch (info.param) {
                             case SupervisionMix::kHybrid: return "Hybrid";
                             case SupervisionMix::kClinicalOnly: return "ClinicalOnly";
                             case SupervisionMix::kPeerOnly: return "PeerOnly";
                             case SupervisionMix::kMixed: return "Mixed";
                           }
                           return "Unknown";
                         });

}  // namespace
}  // namespace alongside::synth
