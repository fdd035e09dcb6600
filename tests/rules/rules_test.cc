#include "rules/rules.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <type_traits>

#include "rules/data_file.h"

namespace alongside::rules {
namespace {

using domain::Role;

// A directory of a program's own data files, removed at the end of the test.
class DataDir {
 public:
  DataDir() {
    const testing::TestInfo* test = testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("alongside-rules-" + std::to_string(getpid()) + "-" + test->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~DataDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
  }
  std::string path() const { return path_.string(); }
  std::string PathOf(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

std::string Builtin(const char* name) { return std::string(*BuiltinDataFile(name)); }

// The built-in text with one occurrence of `from` replaced by `to`.
std::string Edited(const char* name, const std::string& from, const std::string& to) {
  std::string text = Builtin(name);
  size_t found = text.find(from);
  EXPECT_NE(found, std::string::npos) << from;
  if (found != std::string::npos) text.replace(found, from.size(), to);
  return text;
}

// "line:column" where `marker` first occurs in `text`, counted here
// independently of the loader.
std::string LineColumnOf(const std::string& text, const std::string& marker) {
  size_t offset = text.find(marker);
  if (offset == std::string::npos) return "marker not found: " + marker;
  size_t line = 1 + std::count(text.begin(), text.begin() + offset, '\n');
  size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  size_t column = line_start == std::string::npos || offset == 0 ? offset + 1 : offset - line_start;
  return std::to_string(line) + ":" + std::to_string(column);
}

TEST(RulesTest, Builtin1_LoadsTheShippedValues) {
  Result<Rules> rules = Rules::Load(std::nullopt);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  const PracticeRules& practice = rules->practice();
  EXPECT_EQ(practice.documentation_deadline_hours, 72);
  EXPECT_EQ(practice.contact_due_after_days, 7);
  EXPECT_EQ(practice.min_people_to_see, 3);
  EXPECT_EQ(practice.future_start_tolerance_minutes, 10);
  EXPECT_EQ(practice.earliest_contact_year, 2000);

  for (Role role : {Role::kPeerSpecialist, Role::kPeerBridger, Role::kRecoveryCoach}) {
    EXPECT_TRUE(rules->IsPeerWorker(role)) << domain::Name(role);
    EXPECT_FALSE(rules->IsSupervisor(role)) << domain::Name(role);
  }
  for (Role role : {Role::kSeniorPeerSupervisor, Role::kClinicalSupervisor}) {
    EXPECT_FALSE(rules->IsPeerWorker(role)) << domain::Name(role);
    EXPECT_TRUE(rules->IsSupervisor(role)) << domain::Name(role);
  }
  for (Role role :
       {Role::kClinician, Role::kProgramManager, Role::kEvaluator, Role::kAdministrator}) {
    EXPECT_FALSE(rules->IsPeerWorker(role)) << domain::Name(role);
    EXPECT_FALSE(rules->IsSupervisor(role)) << domain::Name(role);
  }
  // Same groups as the domain's hard-coded check, until that one is retired.
  for (int role_idx = 0; role_idx <= static_cast<int>(Role::kAdministrator); ++role_idx) {
    Role role = static_cast<Role>(role_idx);
    EXPECT_EQ(rules->IsPeerWorker(role), domain::IsPeerWorkerRole(role)) << domain::Name(role);
  }

  EXPECT_EQ(rules->activities().activities().size(),
            domain::ActivityCatalog::Default().activities().size());
  ASSERT_NE(rules->activities().Find("wrap_planning"), nullptr);
}

TEST(RulesTest, Builtin2_LabelsCopyTheWordsThePagesShow) {
  Result<Rules> rules = Rules::Load(std::nullopt);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->Label(Role::kPeerSpecialist), "peer specialist");
  EXPECT_EQ(rules->Label(Role::kSeniorPeerSupervisor), "senior peer supervisor");
  EXPECT_EQ(rules->Label(Role::kProgramManager), "program manager");
  EXPECT_EQ(rules->Label(domain::GoalStatus::kActive), "Working on it");
  EXPECT_EQ(rules->Label(domain::GoalStatus::kSetAside), "Set aside for now");
  EXPECT_EQ(rules->Label(domain::AdmissionKind::kPsychiatricInpatient), "Hospital stay");
  EXPECT_EQ(rules->Label(domain::AdmissionKind::kWithdrawalManagement), "Withdrawal support stay");
  EXPECT_EQ(rules->Label(domain::TeamSetting::kInpatientBridging), "Bridging from hospital");
  EXPECT_EQ(rules->Label(domain::TeamSetting::kForensicReentry), "Re-entry");
  EXPECT_EQ(rules->Label(domain::ContactSetting::kHome), "At their home");
  EXPECT_EQ(rules->Label(domain::ContactSetting::kGroup), "In a group");
  EXPECT_EQ(rules->Label(domain::Modality::kInstrumental), "Practical help");
  EXPECT_EQ(rules->Label(domain::Modality::kInformational), "Information");
  EXPECT_EQ(rules->Label(domain::NoteStatus::kDraft), "Draft");
  EXPECT_EQ(rules->Label(domain::NoteStatus::kFinal), "Final");
  EXPECT_EQ(rules->Label(domain::SupervisionKind::kPeerPractice), "Peer practice supervision");
  EXPECT_EQ(rules->Label(domain::SupervisionFocus::kWellbeing), "Wellbeing");
}

// How many codes a vocabulary has, counted from the list its Parse error
// gives ("must be one of: a, b, c (got ...)"), so that a code added to
// domain/vocabulary.h without a label in rules fails here.
int CodeCount(const Status& parse_error) {
  const std::string& detail = parse_error.detail();
  size_t start = detail.find("one of: ");
  size_t end = detail.find(" (got");
  EXPECT_NE(start, std::string::npos) << detail;
  EXPECT_NE(end, std::string::npos) << detail;
  if (start == std::string::npos || end == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(detail.begin() + start, detail.begin() + end, ','));
}

TEST(RulesTest, Builtin3_EveryCodeHasALabel) {
  Result<Rules> rules = Rules::Load(std::nullopt);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  auto expect_all = [&](auto parsed) {
    using Enum = std::decay_t<decltype(*parsed)>;
    int count = CodeCount(parsed.status());
    EXPECT_GT(count, 1);
    for (int value_idx = 0; value_idx < count; ++value_idx) {
      EXPECT_FALSE(rules->Label(static_cast<Enum>(value_idx)).empty())
          << parsed.status().detail() << " #" << value_idx;
    }
  };
  expect_all(domain::ParseRole("", "x"));
  expect_all(domain::ParseGoalStatus("", "x"));
  expect_all(domain::ParseAdmissionKind("", "x"));
  expect_all(domain::ParseTeamSetting("", "x"));
  expect_all(domain::ParseContactSetting("", "x"));
  expect_all(domain::ParseModality("", "x"));
  expect_all(domain::ParseNoteStatus("", "x"));
  expect_all(domain::ParseSupervisionKind("", "x"));
  expect_all(domain::ParseSupervisionFocus("", "x"));
  expect_all(domain::ParseSafetyKind("", "x"));
  expect_all(domain::ParseSafetyStepCode("", "x"));
  expect_all(domain::ParseGrievanceStatus("", "x"));
}

// One malformed program copy of a data file, and where and what the error
// must say. `marker` is the text the error must point at (its first
// occurrence in `text`).
struct MalformedCase {
  const char* id;
  const char* file;
  std::string text;
  std::string marker;
  std::string detail;  // the message must start with this
};

std::vector<MalformedCase> MalformedCases() {
  const std::string practice =
      "{\n"
      "  \"documentation_deadline_hours\": 72,\n"
      "  \"contact_due_after_days\": 7,\n"
      "  \"min_people_to_see\": 3,\n"
      "  \"future_start_tolerance_minutes\": 10,\n"
      "  \"earliest_contact_year\": 2000\n"
      "}\n";
  auto practice_with = [&](const std::string& from, const std::string& to) {
    std::string text = practice;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  return {
      {"Practice1_MissingDeadline", "practice.json",
       practice_with("  \"documentation_deadline_hours\": 72,\n", ""), "{",
       "documentation_deadline_hours is missing"},
      {"Practice2_WrongType", "practice.json", practice_with("7,", "\"seven\","), "\"seven\"",
       "contact_due_after_days must be a whole number from 1 to 365 (got \"seven\")"},
      {"Practice3_DeadlineOutOfRange", "practice.json", practice_with("72", "0"), "0,",
       "documentation_deadline_hours must be a whole number from 1 to 720 (got 0)"},
      {"Practice4_YearOutOfRange", "practice.json", practice_with("2000", "200"), "200",
       "earliest_contact_year must be a whole number from 1970 to 2100 (got 200)"},
      {"Practice5_UnknownKey", "practice.json",
       practice_with("\"min_people_to_see\": 3", "\"min_people_to_see\": 3, \"max_people\": 9"),
       "9", "max_people is not expected here"},
      {"Practice6_SyntaxError", "practice.json", practice_with("7,", "7,]"), "]", "syntax error"},
      {"Practice7_NotAnObject", "practice.json", "[72]", "[",
       "the top level must be a JSON object"},
      {"Practice8_DescriptionForUnknownField", "practice.json",
       practice_with("{\n", "{\n  \"description\": {\"deadline\": \"x\"},\n"), "\"x\"",
       "description.deadline is not expected here"},
      {"Roles1_UnknownRole", "roles.json",
       Edited("roles.json", "\"peer_bridger\"", "\"peer_mentor\""), "\"peer_mentor\"",
       "peer_worker[1] must be one of: peer_specialist, "},
      {"Roles2_EmptyGroup", "roles.json",
       Edited("roles.json", "[\"senior_peer_supervisor\", \"clinical_supervisor\"]", "[]"), "[]",
       "supervisor must list at least one role"},
      {"Roles3_MissingGroup", "roles.json", "{\"peer_worker\": [\"peer_specialist\"]}", "{",
       "supervisor is missing"},
      {"Roles4_RoleListedTwice", "roles.json",
       Edited("roles.json", "\"recovery_coach\"", "\"peer_specialist\""), "\"peer_specialist\"]",
       "peer_worker[2] lists peer_specialist a second time"},
      {"Roles5_NameIsNotText", "roles.json", Edited("roles.json", "\"recovery_coach\"", "7"), "7]",
       "peer_worker[2] must be text in quotes (got 7)"},
      {"Labels1_MissingLabel", "labels.json",
       Edited("labels.json", "    \"clinician\": \"clinician\",\n", ""),
       "{\n    \"peer_specialist\"", "roles.clinician is missing"},
      {"Labels2_UnknownLabelKey", "labels.json",
       Edited("labels.json", "\"youth\": \"Youth\"",
              "\"youth\": \"Youth\", \"prison\": \"Prison\""),
       "\"Prison\"", "team_settings.prison is not expected here (expected: community_agency, "},
      {"Labels3_EmptyLabel", "labels.json", Edited("labels.json", "\"By phone\"", "\"\""), "\"\"",
       "contact_settings.phone must not be empty"},
      {"Labels4_LabelGivenTwice", "labels.json",
       Edited("labels.json", "\"final\": \"Final\"",
              "\"final\": \"Final\", \"draft\": \"Drafted\""),
       "\"draft\": \"Drafted\"", "note_statuses.draft is given more than once"},
      {"Labels5_MisspeltSection", "labels.json",
       Edited("labels.json", "\"modalities\"", "\"modality\""), "{\n    \"emotional\"",
       "modality is not expected here"},
      {"Labels6_UnknownSection", "labels.json", "{\"roles\": {}, \"goals\": {}}", "{}}",
       "goals is not expected here"},
      {"Labels7_MissingSection", "labels.json",
       Edited("labels.json",
              "  \"modalities\": {\n"
              "    \"emotional\": \"Emotional support\",\n"
              "    \"informational\": \"Information\",\n"
              "    \"instrumental\": \"Practical help\",\n"
              "    \"companionship\": \"Companionship\"\n"
              "  },\n",
              ""),
       "{", "modalities is missing"},
      {"Activities1_BadScope", "activities.json",
       Edited("activities.json", "\"scope\": \"clinical-only\"", "\"scope\": \"sometimes\""),
       "\"sometimes\"", "activities[10].scope must be peer or clinical-only"},
      {"Activities2_RepeatedCode", "activities.json",
       Edited("activities.json", "\"code\": \"psychotherapy\"", "\"code\": \"diagnosis\""),
       "\"diagnosis\", \"label\": \"Psychotherapy\"",
       "activities[11].code repeats the code diagnosis"},
      {"Activities3_UnknownKey", "activities.json",
       Edited("activities.json", "\"scope\": \"peer\"}",
              "\"scope\": \"peer\", \"billable\": true}"),
       "true", "activities[0].billable is not expected here (expected: code, label, scope, roles)"},
      {"Activities4_CodeNotSnakeCase", "activities.json",
       Edited("activities.json", "\"self_advocacy\"", "\"Self advocacy\""), "\"Self advocacy\"",
       "activities[2].code must be lower-case letters, digits and _"},
      {"Activities5_NoActivities", "activities.json", "{\n  \"activities\": []\n}", "[]",
       "activities must list at least one activity"},
      {"Language1_PatternStemTooShort", "language.json",
       Edited("language.json", "\"pattern\": \"addict/addicts\"", "\"pattern\": \"ad*\""),
       "\"ad*\"", "rules[0].pattern word 1 (\"ad*\") needs at least 3 letters before *"},
      {"Language2_UnknownCategory", "language.json",
       Edited("language.json", "\"category\": \"identity-label\", \"pattern\": \"addict/addicts\"",
              "\"category\": \"labels\", \"pattern\": \"addict/addicts\""),
       "\"labels\"", "rules[0].category must be one of: identity-label, pathologizing, "},
      {"Language3_UnknownSource", "language.json",
       Edited("language.json", "\"source\": \"ondcp-2017\"}", "\"source\": \"nowhere\"}"),
       "\"nowhere\"", "rules[0].source must name one of the keys of sources (got \"nowhere\")"},
      {"Language4_UnknownKey", "language.json",
       Edited("language.json", "\"version\": 1,", "\"version\": 1, \"severity\": \"high\","),
       "\"high\"", "severity is not expected here (expected: version, description, sources, "},
      {"Language5_SyntaxError", "language.json",
       Edited("language.json", "\"frame_window\": 3,", "\"frame_window\": 3,,"),
       ",\n    \"clause_words\"", "syntax error"},
      {"Language6_FrameWindowOutOfRange", "language.json",
       Edited("language.json", "\"frame_window\": 3,", "\"frame_window\": 30,"), "30,",
       "exemptions.frame_window must be a whole number from 0 to 8 (got 30)"},
      {"NoteCompleteness1_BadCuePattern", "note_completeness.json",
       Edited("note_completeness.json", "\"because\"", "\"be*\""), "\"be*\"",
       "narrative.purpose.cues[0] word 1 (\"be*\") needs at least 3 letters before *"},
      {"NoteCompleteness2_FlagNotBoolean", "note_completeness.json",
       Edited("note_completeness.json", "\"person_words_count_as_response\": true",
              "\"person_words_count_as_response\": 1"),
       "1,\n  \"messages\"", "person_words_count_as_response must be true or false"},
      {"PlanTemplates1_RepeatedSectionCode", "plan_templates.json",
       Edited("plan_templates.json", "\"code\": \"distraction\"", "\"code\": \"warning_signs\""),
       "\"warning_signs\",\n          \"heading\": \"People and",
       "plans.safety.sections[2].code repeats the code warning_signs"},
      {"PlanTemplates2_NoCrisisLineNote", "plan_templates.json",
       Edited("plan_templates.json",
              ",\n      \"note\": \"If you or someone else is in danger right now.\"", ""),
       "{\n      \"label\": \"Emergency\"", "crisis_lines[2].note is missing"},
  };
}

// gtest names a case by its id rather than printing its bytes.
void PrintTo(const MalformedCase& test_case, std::ostream* out) { *out << test_case.id; }

class RulesMalformedTest : public testing::TestWithParam<MalformedCase> {};

TEST_P(RulesMalformedTest, NamesFileLineAndWhat) {
  const MalformedCase& test_case = GetParam();
  DataDir dir;
  dir.Write(test_case.file, test_case.text);
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_FALSE(rules.ok());
  const Status& status = rules.status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.field(),
            dir.PathOf(test_case.file) + ":" + LineColumnOf(test_case.text, test_case.marker))
      << status.ToString();
  EXPECT_EQ(status.detail().substr(0, test_case.detail.size()), test_case.detail)
      << status.ToString();
}

INSTANTIATE_TEST_SUITE_P(Rules, RulesMalformedTest, testing::ValuesIn(MalformedCases()),
                         [](const testing::TestParamInfo<MalformedCase>& info) {
                           return std::string(info.param.id);
                         });

TEST(RulesTest, Message1_ReadsFileLineColumnWhat) {
  DataDir dir;
  std::string text =
      Edited("activities.json", "\"scope\": \"clinical-only\"", "\"scope\": \"maybe\"");
  dir.Write("activities.json", text);
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().ToString(), "invalid: " + dir.PathOf("activities.json") + ":" +
                                           LineColumnOf(text, "\"maybe\"") +
                                           ": activities[10].scope must be peer or clinical-only");
}

TEST(RulesTest, Override1_ReplacesOneFileAndFallsBackForTheOthers) {
  DataDir dir;
  dir.Write("practice.json", Edited("practice.json", "\"documentation_deadline_hours\": 72",
                                    "\"documentation_deadline_hours\": 48"));
  dir.Write("unrelated.txt", "not read");
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->practice().documentation_deadline_hours, 48);
  EXPECT_EQ(rules->practice().contact_due_after_days, 7);
  EXPECT_EQ(rules->Label(domain::Modality::kInstrumental), "Practical help");
  EXPECT_TRUE(rules->IsPeerWorker(Role::kRecoveryCoach));
  EXPECT_NE(rules->activities().Find("wrap_planning"), nullptr);
}

// A program's practice.json written before the supervision cadences were
// added keeps loading, with their defaults; one that gives them is obeyed
// and range-checked.
TEST(RulesTest, Override6_SupervisionCadencesAreOptionalWithDefaults) {
  const std::string older =
      "{\"documentation_deadline_hours\": 72, \"contact_due_after_days\": 7, "
      "\"min_people_to_see\": 3, \"future_start_tolerance_minutes\": 10, "
      "\"earliest_contact_year\": 2000}";
  DataDir dir;
  dir.Write("practice.json", older);
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->practice().peer_supervision_due_after_days, 14);
  EXPECT_EQ(rules->practice().clinical_supervision_due_after_days, 30);

  DataDir given;
  given.Write("practice.json", Edited("practice.json", "\"peer_supervision_due_after_days\": 14",
                                      "\"peer_supervision_due_after_days\": 7"));
  rules = Rules::Load(given.path());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->practice().peer_supervision_due_after_days, 7);

  DataDir wrong;
  wrong.Write("practice.json", Edited("practice.json", "\"clinical_supervision_due_after_days\": 30",
                                      "\"clinical_supervision_due_after_days\": 0"));
  rules = Rules::Load(wrong.path());
  ASSERT_FALSE(rules.ok());
  EXPECT_NE(rules.status().detail().find("clinical_supervision_due_after_days must be a whole "
                                         "number from 1 to 365"),
            std::string::npos)
      << rules.status().ToString();
}

TEST(RulesTest, Override2_OwnActivityCatalogAndRoleGroups) {
  DataDir dir;
  dir.Write(
      "activities.json",
      R"({"activities": [{"code": "walk_and_talk", "label": "Walk and talk", "scope": "peer"}]})");
  dir.Write("roles.json",
            R"({"peer_worker": ["peer_specialist"], "supervisor": ["senior_peer_supervisor"]})");
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->activities().activities().size(), 1u);
  EXPECT_NE(rules->activities().Find("walk_and_talk"), nullptr);
  EXPECT_EQ(rules->activities().Find("wrap_planning"), nullptr);
  EXPECT_TRUE(rules->IsPeerWorker(Role::kPeerSpecialist));
  EXPECT_FALSE(rules->IsPeerWorker(Role::kRecoveryCoach));
  EXPECT_FALSE(rules->IsSupervisor(Role::kClinicalSupervisor));
  // Loading installs nothing: Default() stays the built-in catalog.
  EXPECT_NE(domain::ActivityCatalog::Default().Find("wrap_planning"), nullptr);
}

TEST(RulesTest, Override2b_TheSelfDisclosureActivityMustNotBeClinicalOnly) {
  DataDir dir;
  dir.Write("activities.json",
            R"({"activities": [{"code": "lived_experience_sharing", "label": "Sharing", )"
            R"("scope": "clinical-only"}]})");
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_FALSE(rules.ok());
  EXPECT_NE(rules.status().field().find("fidelity.json"), std::string::npos);
  EXPECT_NE(rules.status().detail().find("clinical-only"), std::string::npos);
}

TEST(RulesTest, Override3_EmptyDirectoryMeansBuiltin) {
  DataDir dir;
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->practice().documentation_deadline_hours, 72);
}

TEST(RulesTest, Override4_DirectoryMustExist) {
  Result<Rules> rules = Rules::Load(std::string("/nonexistent/alongside-data"));
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().field(), "/nonexistent/alongside-data");
  EXPECT_EQ(rules.status().detail(), "is not a directory");
}

TEST(RulesTest, Override5_ADirectoryInPlaceOfAFileIsAnError) {
  DataDir dir;
  std::filesystem::create_directory(dir.PathOf("labels.json"));
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().field(), dir.PathOf("labels.json"));
  EXPECT_EQ(rules.status().detail(), "is not a regular file");
}

TEST(RulesTest, Catalog1_FromJsonErrorsCarryTheFileName) {
  Result<domain::ActivityCatalog> catalog = domain::ActivityCatalog::FromJson(
      "{\"activities\": [\n  {\"code\": \"a\", \"label\": \"A\", \"scope\": \"sometimes\"}\n]}");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().ToString(),
            "invalid: activities.json:2:40: activities[0].scope must be peer or clinical-only");
  Result<domain::ActivityCatalog> named =
      domain::ActivityCatalog::FromJson("not json", "/srv/alongside/activities.json");
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.status().field(), "/srv/alongside/activities.json:1:2");
}

TEST(RulesTest, Install1_CurrentIsBuiltinUntilInstalled) {
  const Rules& before = Current();
  EXPECT_EQ(before.practice().documentation_deadline_hours, 72);

  DataDir dir;
  dir.Write("practice.json",
            Edited("practice.json", "\"min_people_to_see\": 3", "\"min_people_to_see\": 5"));
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  Install(std::move(rules).value());
  EXPECT_EQ(Current().practice().min_people_to_see, 5);
  EXPECT_EQ(before.practice().min_people_to_see, 3);  // still valid

  const Rules& installed = Current();
  Result<Rules> builtin = Rules::Load(std::nullopt);
  ASSERT_TRUE(builtin.ok());
  Install(std::move(builtin).value());
  EXPECT_EQ(Current().practice().min_people_to_see, 3);
  EXPECT_EQ(installed.practice().min_people_to_see, 5);  // kept until exit
}

TEST(RulesTest, Install2_TheStoreAndThePagesShareTheInstalledCatalog) {
  DataDir dir;
  dir.Write(
      "activities.json",
      R"({"activities": [{"code": "walk_and_talk", "label": "Walk and talk", "scope": "peer"}]})");
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  Install(std::move(rules).value());
  // The catalog the store validates with (Default) is the program's own.
  EXPECT_EQ(&domain::ActivityCatalog::Default(), &Current().activities());
  EXPECT_NE(domain::ActivityCatalog::Default().Find("walk_and_talk"), nullptr);
  EXPECT_EQ(domain::ActivityCatalog::Default().Find("wrap_planning"), nullptr);
}

// A program's own language.json: loaded through the same loader, and once
// installed it is the review every caller gets (LanguageReview::Current()).
TEST(RulesTest, Install3_TheProgramsLanguageRulesAreTheCurrentReview) {
  DataDir dir;
  dir.Write("language.json", R"({
  "sources": {"ours": "Our program's guide."},
  "exemptions": {"frames": ["called"], "frame_categories": [], "frame_window": 0,
                 "clause_words": [], "list_words": []},
  "rules": [{"id": "ours-lazy", "category": "pathologizing", "pattern": "lazy",
             "suggestion": "what the person found hard", "source": "ours"}]
})");
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->language_review().rules().size(), 1u);
  // The other files fall back to the built-in ones.
  EXPECT_EQ(rules->practice().documentation_deadline_hours, 72);
  // Loading installs nothing.
  EXPECT_NE(domain::LanguageReview::Current().Find("identity-addict"), nullptr);

  Install(std::move(rules).value());
  EXPECT_EQ(&domain::LanguageReview::Current(), &Current().language_review());
  std::vector<domain::LanguageFlag> flags =
      domain::LanguageReview::Current().Review("An addict, lazy today.");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].rule, "ours-lazy");

  Result<Rules> builtin = Rules::Load(std::nullopt);
  ASSERT_TRUE(builtin.ok());
  Install(std::move(builtin).value());
  EXPECT_NE(domain::LanguageReview::Current().Find("identity-addict"), nullptr);
}

// A program's own note_completeness.json: once installed, the rules every
// caller of the completeness check gets (NoteCompletenessRules::Current()).
TEST(RulesTest, Install4_TheProgramsNoteCompletenessRulesAreCurrent) {
  DataDir dir;
  dir.Write("note_completeness.json",
            Edited("note_completeness.json", "\"labels\": [\n        \"purpose\",",
                   "\"labels\": [\n        \"aim\",\n        \"purpose\","));
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_TRUE(rules->note_completeness().NarrativeCovers("Aim: the form")[0]);
  // Loading installs nothing.
  EXPECT_FALSE(domain::NoteCompletenessRules::Current().NarrativeCovers("Aim: the form")[0]);

  Install(std::move(rules).value());
  EXPECT_EQ(&domain::NoteCompletenessRules::Current(), &Current().note_completeness());
  EXPECT_TRUE(domain::NoteCompletenessRules::Current().NarrativeCovers("Aim: the form")[0]);

  Result<Rules> builtin = Rules::Load(std::nullopt);
  ASSERT_TRUE(builtin.ok());
  Install(std::move(builtin).value());
  EXPECT_FALSE(domain::NoteCompletenessRules::Current().NarrativeCovers("Aim: the form")[0]);
}

// A program's own plan_templates.json: once installed, the templates every
// caller gets (PlanTemplates::Default()).
TEST(RulesTest, Install5_TheProgramsPlanTemplatesAreCurrent) {
  DataDir dir;
  dir.Write("plan_templates.json", Edited("plan_templates.json", "\"label\": \"My safety plan\"",
                                          "\"label\": \"Staying safe\""));
  Result<Rules> rules = Rules::Load(dir.path());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->plan_templates().Of(domain::PlanKind::kSafety).label, "Staying safe");
  // Loading installs nothing.
  EXPECT_EQ(domain::PlanTemplates::Default().Of(domain::PlanKind::kSafety).label, "My safety plan");

  Install(std::move(rules).value());
  EXPECT_EQ(&domain::PlanTemplates::Default(), &Current().plan_templates());
  EXPECT_EQ(domain::PlanTemplates::Default().Of(domain::PlanKind::kSafety).label, "Staying safe");

  Result<Rules> builtin = Rules::Load(std::nullopt);
  ASSERT_TRUE(builtin.ok());
  Install(std::move(builtin).value());
  EXPECT_EQ(domain::PlanTemplates::Default().Of(domain::PlanKind::kSafety).label, "My safety plan");
}

}  // namespace
}  // namespace alongside::rules
