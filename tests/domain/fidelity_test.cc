// Fidelity's formulas (docs/fidelity.md), case by case. Every case carries a
// stable id, cited by docs/fidelity.md; new cases take the next free id, and
// an id is never reused.
//   Q01-Q12  ScoreFidelity: weighted means, missing denominators, thresholds
//   K01-K14  CountFidelity: from a worker's recorded practice to the shares
//   M01-M10  fidelity.json: the shipped file, and malformed copies refused
#include "domain/fidelity.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/data_file.h"

namespace alongside::domain {
namespace {

using C = FidelityComponent;
constexpr Instant kDay = 86400;
constexpr Instant kFrom = 20000 * kDay;  // 2024-10-04, a period's start

const FidelityModel& Model() { return FidelityModel::Builtin(); }

std::string Json(const std::string& thresholds, const std::string& weights,
                 const std::string& rest = R"("self_disclosure_activity": "lived_experience_sharing", "reflection_within_days": 30, "drift_alert_days": 7)") {
  return "{\"thresholds\": " + thresholds + ", \"weights\": " + weights + ", " + rest + "}";
}
const std::string kThresholds = R"({"F": 0.8, "R": 0.7, "P": 0.7})";
std::string Weights(int first = 1) {
  return R"({"peer_scope_time": )" + std::to_string(first) +
         R"(, "notes_without_open_flag": 1, "person_owned_goals_plans": 1,
    "peer_supervision_cadence": 1, "safety_reviewed_in_time": 1, "notes_final_in_time": 1,
    "clinical_supervision_cadence": 1, "peer_sessions_reflected": 1, "disclosures_reflected": 1})";
}

struct ScoreCase {
  const char* id;
  std::vector<std::pair<C, Share>> shares;
  FidelityMeasure measure;
  std::optional<double> value;
  bool met;
};

TEST(FidelityScoreTest, TableOfCases) {
  const std::vector<ScoreCase> cases = {
      {"Q01 all four F components whole", {{C::kPeerScopeTime, {10, 10}}, {C::kNotesWithoutOpenFlag, {4, 4}}, {C::kPersonOwnedGoalsPlans, {2, 2}}, {C::kPeerSupervisionCadence, {26, 26}}}, FidelityMeasure::kF, 1.0, true},
      {"Q02 equal weights: the mean of the shares, not of the pooled counts", {{C::kPeerScopeTime, {90, 100}}, {C::kNotesWithoutOpenFlag, {1, 2}}}, FidelityMeasure::kF, 0.7, false},
      {"Q03 a component with no denominator is left out", {{C::kPeerScopeTime, {8, 10}}, {C::kNotesWithoutOpenFlag, {0, 0}}}, FidelityMeasure::kF, 0.8, true},
      {"Q04 nothing to judge by: no value, not met", {}, FidelityMeasure::kR, std::nullopt, false},
      {"Q05 clinical-only: no peer supervision pulls F under 0.80", {{C::kPeerScopeTime, {85, 100}}, {C::kNotesWithoutOpenFlag, {85, 100}}, {C::kPersonOwnedGoalsPlans, {90, 100}}, {C::kPeerSupervisionCadence, {0, 26}}}, FidelityMeasure::kF, 0.65, false},
      {"Q06 peer-only: no clinical review or supervision pulls R under 0.70", {{C::kSafetyReviewedInTime, {0, 4}}, {C::kNotesFinalInTime, {76, 100}}, {C::kClinicalSupervisionCadence, {0, 12}}}, FidelityMeasure::kR, 0.76 / 3, false},
      {"Q07 hybrid: R meets 0.70", {{C::kSafetyReviewedInTime, {7, 10}}, {C::kNotesFinalInTime, {98, 100}}, {C::kClinicalSupervisionCadence, {11, 12}}}, FidelityMeasure::kR, (0.7 + 0.98 + 11.0 / 12) / 3, true},
      {"Q08 P from both components", {{C::kPeerSessionsReflected, {17, 20}}, {C::kDisclosuresReflected, {3, 4}}}, FidelityMeasure::kP, 0.8, true},
      {"Q09 exactly the threshold meets it", {{C::kSafetyReviewedInTime, {7, 10}}}, FidelityMeasure::kR, 0.7, true},
      {"Q10 just under, shown as the threshold to three decimals, meets it", {{C::kSafetyReviewedInTime, {69999, 100000}}}, FidelityMeasure::kR, 0.69999, true},
      {"Q11 under by a thousandth does not", {{C::kSafetyReviewedInTime, {699, 1000}}}, FidelityMeasure::kR, 0.699, false},
      {"Q12 other measures' components do not count", {{C::kPeerSessionsReflected, {0, 5}}, {C::kPeerScopeTime, {5, 5}}}, FidelityMeasure::kF, 1.0, true},
  };
  for (const ScoreCase& test : cases) {
    SCOPED_TRACE(test.id);
    FidelityCounts counts;
    for (const auto& [component, share] : test.shares) counts[component] = share;
    const FidelityScores scores = ScoreFidelity(counts, Model());
    const MeasureScore& score = scores[test.measure];
    ASSERT_EQ(score.value.has_value(), test.value.has_value());
    if (test.value) {
      EXPECT_NEAR(*score.value, *test.value, 1e-9);
    }
    EXPECT_EQ(score.met, test.met);
  }
}

TEST(FidelityScoreTest, Q13_WeightsComeFromTheFile) {
  // peer_scope_time weighs 3: (3 * 1.0 + 1 * 0.0) / 4.
  FidelityModel model = FidelityModel::FromJson(Json(kThresholds, Weights(3))).value();
  FidelityCounts counts;
  counts[C::kPeerScopeTime] = {1, 1};
  counts[C::kNotesWithoutOpenFlag] = {0, 1};
  EXPECT_NEAR(*ScoreFidelity(counts, model)[FidelityMeasure::kF].value, 0.75, 1e-12);
  // Weight 0 leaves a component out.
  model = FidelityModel::FromJson(Json(kThresholds, Weights(0))).value();
  EXPECT_NEAR(*ScoreFidelity(counts, model)[FidelityMeasure::kF].value, 0.0, 1e-12);
}

TEST(FidelityScoreTest, Q14_SharesAddFromWorkersToTeams) {
  FidelityCounts a, b;
  a[C::kNotesFinalInTime] = {1, 2};
  b[C::kNotesFinalInTime] = {3, 6};
  a += b;
  EXPECT_EQ(a[C::kNotesFinalInTime], (Share{4, 8}));
}

WorkerPractice Practice() {
  WorkerPractice practice;
  practice.worker_id = 5;
  return practice;
}
const FidelityPeriod kPeriod{kFrom, kFrom + 28 * kDay, kFrom + 60 * kDay};

TEST(FidelityCountTest, K01_TimeNotesGoalsAndSafetyAreCopiedAsShares) {
  WorkerPractice practice = Practice();
  practice.documented_minutes = 600;
  practice.clinical_scope_minutes = 45;
  practice.final_notes = 12;
  practice.final_notes_with_open_flag = 2;
  practice.notes_due = 13;
  practice.notes_final_in_time = 11;
  practice.goals_and_plans = 5;
  practice.goals_and_plans_by_person = 4;
  practice.safety_events_due = 2;
  practice.safety_events_complete_reviewed = 1;
  const FidelityCounts counts = CountFidelity(practice, kPeriod, Model(), 14, 30);
  EXPECT_EQ(counts[C::kPeerScopeTime], (Share{555, 600}));
  EXPECT_EQ(counts[C::kNotesWithoutOpenFlag], (Share{10, 12}));
  EXPECT_EQ(counts[C::kPersonOwnedGoalsPlans], (Share{4, 5}));
  EXPECT_EQ(counts[C::kSafetyReviewedInTime], (Share{1, 2}));
  EXPECT_EQ(counts[C::kNotesFinalInTime], (Share{11, 13}));
}

TEST(FidelityCountTest, K02_CadenceCountsWindowsWithASession) {
  WorkerPractice practice = Practice();
  // 28 days: two peer windows of 14 days, one clinical window of 30 (cut short).
  practice.sessions = {{SupervisionKind::kPeerPractice, kFrom + 1 * kDay, true},
                       {SupervisionKind::kPeerPractice, kFrom + 3 * kDay, false}};
  FidelityCounts counts = CountFidelity(practice, kPeriod, Model(), 14, 30);
  EXPECT_EQ(counts[C::kPeerSupervisionCadence], (Share{1, 2})) << "K02 two in one window";
  EXPECT_EQ(counts[C::kClinicalSupervisionCadence], (Share{0, 1}));
  practice.sessions.push_back({SupervisionKind::kClinical, kFrom + 20 * kDay, false});
  practice.sessions.push_back({SupervisionKind::kPeerPractice, kFrom + 14 * kDay, true});
  counts = CountFidelity(practice, kPeriod, Model(), 14, 30);
  EXPECT_EQ(counts[C::kPeerSupervisionCadence], (Share{2, 2})) << "K03 the second window's first instant";
  EXPECT_EQ(counts[C::kClinicalSupervisionCadence], (Share{1, 1}));
}

TEST(FidelityCountTest, K04_SessionsOutsideThePeriodDoNotMeetItsCadence) {
  WorkerPractice practice = Practice();
  practice.sessions = {{SupervisionKind::kPeerPractice, kFrom - 1, true},
                       {SupervisionKind::kPeerPractice, kFrom + 28 * kDay, true}};
  const FidelityCounts counts = CountFidelity(practice, kPeriod, Model(), 14, 30);
  EXPECT_EQ(counts[C::kPeerSupervisionCadence], (Share{0, 2}));
  EXPECT_EQ(counts[C::kPeerSessionsReflected], (Share{0, 0})) << "K05 nor count as the period's sessions";
}

TEST(FidelityCountTest, K06_ReflectedSessionsArePeerSessionsWithAllFourParts) {
  WorkerPractice practice = Practice();
  practice.sessions = {{SupervisionKind::kPeerPractice, kFrom + kDay, true},
                       {SupervisionKind::kPeerPractice, kFrom + 2 * kDay, false},
                       {SupervisionKind::kClinical, kFrom + 3 * kDay, true}};
  EXPECT_EQ(CountFidelity(practice, kPeriod, Model(), 14, 30)[C::kPeerSessionsReflected],
            (Share{1, 2}));
}

TEST(FidelityCountTest, K07_DisclosuresFollowedByAReflectionWithinTheWindow) {
  WorkerPractice practice = Practice();
  const Day first = static_cast<Day>(kFrom / kDay);
  practice.disclosure_days = {{first, 2}, {first + 10, 1}, {first + 20, 3}};
  // A reflection 29 days after the first disclosure day: within 30 days for
  // the first two days, and the third too.
  practice.sessions = {{SupervisionKind::kPeerPractice, kFrom + 29 * kDay, true}};
  EXPECT_EQ(CountFidelity(practice, kPeriod, Model(), 14, 30)[C::kDisclosuresReflected],
            (Share{6, 6}));
  // 31 days after: too late for the first day's two (K08).
  practice.sessions = {{SupervisionKind::kPeerPractice, kFrom + 31 * kDay, true}};
  EXPECT_EQ(CountFidelity(practice, kPeriod, Model(), 14, 30)[C::kDisclosuresReflected],
            (Share{4, 6}));
}

TEST(FidelityCountTest, K09_AReflectionWithoutAllFourPartsDoesNotCount) {
  WorkerPractice practice = Practice();
  practice.disclosure_days = {{static_cast<Day>(kFrom / kDay), 1}};
  practice.sessions = {{SupervisionKind::kPeerPractice, kFrom + kDay, false},
                       {SupervisionKind::kClinical, kFrom + kDay, true}};
  EXPECT_EQ(CountFidelity(practice, kPeriod, Model(), 14, 30)[C::kDisclosuresReflected],
            (Share{0, 1}));
}

TEST(FidelityCountTest, K10_ARecentDisclosureWaitsForItsWindow) {
  WorkerPractice practice = Practice();
  const Day last = static_cast<Day>((kFrom + 27 * kDay) / kDay);
  practice.disclosure_days = {{last, 1}};
  FidelityPeriod now_soon = kPeriod;
  now_soon.now = kFrom + 30 * kDay;  // three days after: still open
  EXPECT_EQ(CountFidelity(practice, now_soon, Model(), 14, 30)[C::kDisclosuresReflected],
            (Share{0, 0}));
  // Reflected on already: counted at once (K11).
  practice.sessions = {{SupervisionKind::kPeerPractice, kFrom + 29 * kDay, true}};
  EXPECT_EQ(CountFidelity(practice, now_soon, Model(), 14, 30)[C::kDisclosuresReflected],
            (Share{1, 1}));
}

TEST(FidelityCountTest, K12_AnEmptyPeriodHasNoWindows) {
  const FidelityPeriod empty{kFrom, kFrom, kFrom};
  const FidelityCounts counts = CountFidelity(Practice(), empty, Model(), 14, 30);
  EXPECT_EQ(counts[C::kPeerSupervisionCadence], (Share{0, 0}));
  const FidelityScores scores = ScoreFidelity(counts, Model());
  EXPECT_FALSE(scores[FidelityMeasure::kF].value);
}

TEST(FidelityCountTest, K13_APeriodOfAYearHas27PeerAnd13ClinicalWindows) {
  const FidelityPeriod year{kFrom, kFrom + 365 * kDay, kFrom + 365 * kDay};
  const FidelityCounts counts = CountFidelity(Practice(), year, Model(), 14, 30);
  EXPECT_EQ(counts[C::kPeerSupervisionCadence].denominator, 27);
  EXPECT_EQ(counts[C::kClinicalSupervisionCadence].denominator, 13);
}

TEST(FidelityCountTest, K14_NamesAreTheCsvColumns) {
  EXPECT_EQ(Name(C::kPeerScopeTime), "peer_scope_time");
  EXPECT_EQ(Name(C::kDisclosuresReflected), "disclosures_reflected");
  EXPECT_EQ(Name(FidelityMeasure::kR), "R");
  EXPECT_EQ(MeasureOf(C::kNotesFinalInTime), FidelityMeasure::kR);
}

TEST(FidelityModelTest, M01_TheShippedFileHasTheIssuesDefaults) {
  EXPECT_DOUBLE_EQ(Model().threshold(FidelityMeasure::kF), 0.80);
  EXPECT_DOUBLE_EQ(Model().threshold(FidelityMeasure::kR), 0.70);
  EXPECT_DOUBLE_EQ(Model().threshold(FidelityMeasure::kP), 0.70);
  for (C component : kAllFidelityComponents) EXPECT_EQ(Model().weight(component), 1);
  EXPECT_EQ(Model().self_disclosure_activity(), "lived_experience_sharing");
  EXPECT_EQ(Model().reflection_within_days(), 30);
  EXPECT_EQ(Model().drift_alert_days(), 7);
}

TEST(FidelityModelTest, MalformedFilesAreRefusedNamingTheValue) {
  struct Bad {
    const char* id;
    std::string json;
    std::string detail;
  };
  const std::vector<Bad> cases = {
      {"M02 a threshold above 1", Json(R"({"F": 1.2, "R": 0.7, "P": 0.7})", Weights()), "from 0 to 1"},
      {"M03 a threshold that is text", Json(R"({"F": "high", "R": 0.7, "P": 0.7})", Weights()), "must be a number"},
      {"M04 a missing threshold", Json(R"({"F": 0.8, "R": 0.7})", Weights()), "is required"},
      {"M05 an unknown measure", Json(R"({"F": 0.8, "R": 0.7, "P": 0.7, "Q": 1})", Weights()), "not expected"},
      {"M06 an unknown component", Json(kThresholds, R"({"peer_scope_time": 1, "hope": 1})"), "not expected"},
      {"M07 a negative weight", Json(kThresholds, Weights(-1)), ""},
      {"M08 no positive weight for P", Json(kThresholds, R"({"peer_scope_time": 1, "notes_without_open_flag": 1, "person_owned_goals_plans": 1, "peer_supervision_cadence": 1, "safety_reviewed_in_time": 1, "notes_final_in_time": 1, "clinical_supervision_cadence": 1, "peer_sessions_reflected": 0, "disclosures_reflected": 0})"), "positive weight"},
      {"M09 a reflection window of 0 days", Json(kThresholds, Weights(), R"("self_disclosure_activity": "lived_experience_sharing", "reflection_within_days": 0, "drift_alert_days": 7)"), ""},
      {"M10 not JSON", "{\"thresholds\": ", ""},
  };
  for (const Bad& test : cases) {
    SCOPED_TRACE(test.id);
    Result<FidelityModel> model = FidelityModel::FromJson(test.json);
    ASSERT_FALSE(model.ok());
    EXPECT_EQ(model.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(model.status().field().find("fidelity.json:"), std::string::npos)
        << model.status().ToString();
    EXPECT_NE(model.status().detail().find(test.detail), std::string::npos)
        << model.status().ToString();
  }
}

}  // namespace
}  // namespace alongside::domain
