#include "domain/rules.h"

#include <gtest/gtest.h>

namespace alongside::domain {
namespace {

ContactVersion ValidVersion() {
  ContactVersion version;
  version.start = 1'700'000'000;
  version.end = version.start + 30 * 60;
  version.modalities = ModalityBit(Modality::kEmotional);
  version.activities = {"wrap_planning"};
  version.written_by = 3;
  return version;
}

const ActivityCatalog& Catalog() { return ActivityCatalog::Default(); }

TEST(ContactRulesTest, AcceptsARoutineContact) {
  EXPECT_TRUE(ValidateContactVersion(ValidVersion(), Catalog()).ok());
}

TEST(ContactRulesTest, EndMustBeAfterStart) {
  ContactVersion version = ValidVersion();
  version.end = version.start;
  Status status = ValidateContactVersion(version, Catalog());
  // One field for the length, as every front names it.
  EXPECT_EQ(status.field(), "duration_minutes");
}

TEST(ContactRulesTest, DurationIsOneTo720Minutes) {
  ContactVersion version = ValidVersion();
  version.end = version.start + 59;  // under a minute
  EXPECT_EQ(ValidateContactVersion(version, Catalog()).field(), "duration_minutes");
  version.end = version.start + 60;
  EXPECT_TRUE(ValidateContactVersion(version, Catalog()).ok());
  version.end = version.start + 720 * 60;
  EXPECT_TRUE(ValidateContactVersion(version, Catalog()).ok());
  version.end = version.start + 721 * 60;
  Status status = ValidateContactVersion(version, Catalog());
  EXPECT_EQ(status.field(), "duration_minutes");
  EXPECT_EQ(status.detail(), "must be from 1 to 720 minutes");
}

TEST(ContactRulesTest, NeedsAModalityAndKnownActivities) {
  ContactVersion version = ValidVersion();
  version.modalities = 0;
  EXPECT_EQ(ValidateContactVersion(version, Catalog()).field(), "modalities");
  version = ValidVersion();
  version.activities.push_back("juggling");
  EXPECT_EQ(ValidateContactVersion(version, Catalog()).field(), "activities");
}

TEST(ContactRulesTest, FinalNoteMustBeSigned) {
  ContactVersion version = ValidVersion();
  version.status = NoteStatus::kFinal;
  EXPECT_EQ(ValidateContactVersion(version, Catalog()).field(), "signed_by");
  version.signed_by = 3;
  EXPECT_TRUE(ValidateContactVersion(version, Catalog()).ok());
}

TEST(ContactRulesTest, FinalNoteIsSupersededNeverEdited) {
  ContactVersion draft = ValidVersion();
  ContactVersion final_version = ValidVersion();
  final_version.status = NoteStatus::kFinal;
  EXPECT_TRUE(CheckCanReviseDraft(draft).ok());
  EXPECT_EQ(CheckCanReviseDraft(final_version).code(), StatusCode::kConflict);
  EXPECT_TRUE(CheckCanFinalise(draft).ok());
  EXPECT_EQ(CheckCanFinalise(final_version).code(), StatusCode::kConflict);
  EXPECT_EQ(CheckCanAmend(draft, "typo").code(), StatusCode::kConflict);
  EXPECT_EQ(CheckCanAmend(final_version, " ").field(), "amend_reason");
  EXPECT_TRUE(CheckCanAmend(final_version, "wrong date").ok());
}

TEST(PersonRulesTest, NeedsAPreferredNameAndNoDiagnosis) {
  Person person;
  person.team_id = 1;
  EXPECT_EQ(ValidatePerson(person).field(), "preferred_name");
  person.preferred_name = "Kai";
  EXPECT_TRUE(ValidatePerson(person).ok());
  person.birth_year = 1800;
  EXPECT_EQ(ValidatePerson(person).field(), "birth_year");
}

TEST(OtherRulesTest, DatesAndSelfReferences) {
  EXPECT_EQ(ValidateAssignment({0, 1, 2, 100, 99}).field(), "end_on");
  EXPECT_EQ(ValidateCertification({0, 1, "CPS", 100, 100}).field(), "expires_on");
  EXPECT_EQ(ValidateAdmission({0, 1, AdmissionKind::kPsychiatricInpatient, 10, 9, ""}).field(),
            "discharged_on");
  // Where a stay was, in words: at most kMaxNameLength bytes (issue 11).
  EXPECT_TRUE(ValidateAdmission({0, 1, AdmissionKind::kCrisisStabilisation, 10, std::nullopt,
                                 std::string(kMaxNameLength, 'x')})
                  .ok());
  EXPECT_EQ(ValidateAdmission({0, 1, AdmissionKind::kCrisisStabilisation, 10, std::nullopt,
                               std::string(kMaxNameLength + 1, 'x')})
                .field(),
            "place");
  SupervisionSession session;
  session.supervisor_id = 4;
  session.supervisee_id = 4;
  EXPECT_EQ(ValidateSupervisionSession(session).field(), "supervisee_id");
  GoalVersion goal;
  EXPECT_EQ(ValidateGoalVersion(goal).field(), "words");
}

TEST(VocabularyTest, NamesRoundTripAndUnknownNamesListTheChoices) {
  for (Role role : {Role::kPeerSpecialist, Role::kSeniorPeerSupervisor, Role::kEvaluator}) {
    Result<Role> parsed = ParseRole(Name(role), "role");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, role);
  }
  Result<Role> bad = ParseRole("therapist", "role");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "role");
  EXPECT_NE(bad.status().detail().find("peer_bridger"), std::string::npos);
  Result<ModalitySet> set = ParseModalities({"emotional", "companionship"}, "modalities");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(ModalityNames(*set), (std::vector<std::string>{"emotional", "companionship"}));
  EXPECT_TRUE(IsPeerWorkerRole(Role::kRecoveryCoach));
  EXPECT_FALSE(IsPeerWorkerRole(Role::kClinician));
}

TEST(ActivityCatalogTest, ShippedCatalogSeparatesPeerAndClinicalScope) {
  const Activity* group = Catalog().Find("mutual_support_group");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->scope, ActivityScope::kPeer);
  const Activity* medication = Catalog().Find("medication_change");
  ASSERT_NE(medication, nullptr);
  EXPECT_EQ(medication->scope, ActivityScope::kClinicalOnly);
  EXPECT_EQ(Catalog().Find("nonsense"), nullptr);
}

TEST(ActivityCatalogTest, RejectsMalformedCatalogs) {
  EXPECT_FALSE(ActivityCatalog::FromJson("not json").ok());
  Result<ActivityCatalog> bad_scope = ActivityCatalog::FromJson(
      R"({"activities":[{"code":"a","label":"A","scope":"sometimes"}]})");
  ASSERT_FALSE(bad_scope.ok());
  EXPECT_EQ(bad_scope.status().field(), "activities.json:1:48");
  EXPECT_EQ(bad_scope.status().detail(), "activities[0].scope must be peer or clinical-only");
  Result<ActivityCatalog> duplicate = ActivityCatalog::FromJson(
      R"({"activities":[{"code":"a","label":"A","scope":"peer"},{"code":"a","label":"B","scope":"peer"}]})");
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.status().field(), "activities.json:1:64");
  EXPECT_EQ(duplicate.status().detail(), "activities[1].code repeats the code a");
}

// The roles that record a peer activity (docs/scope.md, "The activity
// catalog"): stable ids A01-A05.
TEST(ActivityCatalogTest, APeerActivityNamesTheRolesThatRecordIt) {
  const ActivityCatalog& shipped = ActivityCatalog::Default();
  const Activity* bridging = shipped.Find("hospital_bridging");
  ASSERT_NE(bridging, nullptr);
  EXPECT_TRUE(ActivityCatalog::Records(*bridging, Role::kPeerBridger)) << "A01";
  EXPECT_FALSE(ActivityCatalog::Records(*bridging, Role::kPeerSpecialist)) << "A02";
  EXPECT_TRUE(ActivityCatalog::Records(*shipped.Find("companionship"), Role::kRecoveryCoach))
      << "A03: no roles, every peer role";
  EXPECT_TRUE(ActivityCatalog::Records(*shipped.Find("diagnosis"), Role::kPeerSpecialist))
      << "A04: clinical-only is never refused, it is drift";
  struct Bad {
    const char* json;
    const char* detail;
  };
  const Bad bad[] = {
      {R"({"activities":[{"code":"a","label":"A","scope":"peer","roles":["clinician"]}]})",
       "activities[0].roles[0] must be a peer worker role: peer_specialist, peer_bridger or "
       "recovery_coach"},
      {R"({"activities":[{"code":"a","label":"A","scope":"peer","roles":[]}]})",
       "activities[0].roles must name at least one role"},
      {R"({"activities":[{"code":"a","label":"A","scope":"clinical-only","roles":["peer_bridger"]}]})",
       "activities[0].roles is for peer activities: a clinical-only one is recorded by any peer "
       "worker, as role drift"},
  };
  for (const Bad& entry : bad) {
    Result<ActivityCatalog> refused = ActivityCatalog::FromJson(entry.json);
    ASSERT_FALSE(refused.ok()) << "A05 " << entry.json;
    EXPECT_EQ(refused.status().detail(), entry.detail) << "A05 " << entry.json;
  }
}

}  // namespace
}  // namespace alongside::domain

namespace alongside::domain {
namespace {

// Role drift (docs/scope.md), table-driven with stable ids: which reasons a
// version raises, from its status, activities and the review of its note.
struct DriftCase {
  const char* id;
  NoteStatus status;
  std::vector<std::string> activities;
  const char* note;
  std::vector<DriftReason> expected;
};

TEST(RoleDriftTest, AFinalNoteRaisesItsClinicalActivitiesAndKeptScopeLanguage) {
  const std::vector<DriftCase> cases = {
      {"D01", NoteStatus::kFinal, {"companionship"}, "We walked to the library.", {}},
      {"D02", NoteStatus::kDraft, {"diagnosis"}, "I diagnosed her.", {}},
      {"D03", NoteStatus::kFinal, {"diagnosis"}, "We talked.",
       {{DriftSource::kActivity, "diagnosis"}}},
      {"D04", NoteStatus::kFinal, {"companionship"}, "I diagnosed her with depression.",
       {{DriftSource::kLanguage, "scope-diagnosed"}}},
      {"D05", NoteStatus::kFinal, {"medication_change", "diagnosis", "medication_change"},
       "We talked.",
       {{DriftSource::kActivity, "medication_change"}, {DriftSource::kActivity, "diagnosis"}}},
      // Words that judge but claim no clinical act are not drift.
      {"D06", NoteStatus::kFinal, {"companionship"}, "He was non-compliant again.", {}},
      // Her words, quoted, are hers.
      {"D07", NoteStatus::kFinal, {"companionship"}, "She said 'the doctor diagnosed me'.", {}},
  };
  for (const DriftCase& test : cases) {
    ContactVersion version;
    version.status = test.status;
    version.activities = test.activities;
    version.note = test.note;
    const std::vector<LanguageFlag> review = LanguageReview::Current().Review(version.note);
    EXPECT_EQ(RoleDriftReasons(version, ActivityCatalog::Default(), review), test.expected)
        << test.id;
  }
}

TEST(RoleDriftTest, AFlagIsResolvedOnceWithWhatEachResolutionNeeds) {
  DriftFlag open;
  open.id = 1;
  EXPECT_TRUE(CheckDriftResolution(open, DriftResolution::kReclassified, "", {}).ok());
  EXPECT_EQ(CheckDriftResolution(open, DriftResolution::kExplained, " ", {}).field(), "note");
  EXPECT_TRUE(CheckDriftResolution(open, DriftResolution::kExplained, "Talked it over.", {}).ok());
  EXPECT_EQ(CheckDriftResolution(open, DriftResolution::kDiscussedInSupervision, "", {}).field(),
            "supervision_session_id");
  EXPECT_TRUE(CheckDriftResolution(open, DriftResolution::kDiscussedInSupervision, "", 7).ok());
  EXPECT_EQ(CheckDriftResolution(open, DriftResolution::kExplained, "x", 7).field(),
            "supervision_session_id");
  DriftFlag resolved = open;
  resolved.resolution = DriftResolution::kExplained;
  EXPECT_EQ(CheckDriftResolution(resolved, DriftResolution::kReclassified, "", {}).code(),
            StatusCode::kConflict);
}

}  // namespace
}  // namespace alongside::domain
