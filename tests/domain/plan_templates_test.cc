// The templates of a person's plans (src/rules/data/plan_templates.json, read
// from the source tree and as compiled in): the sections of each kind in
// order, words a person reads free of the registered mark, the crisis lines,
// malformed files refused with file:line:column, and which versions of a
// plan are accepted. Cases carry stable ids ("T07", "S03-duplicate-code",
// "V05-over-max") so a report can cite them.
#include "domain/plan_templates.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rules/data_file.h"

namespace alongside::domain {
namespace {

const char kShippedPath[] = ALONGSIDE_SOURCE_DIR "/src/rules/data/plan_templates.json";

std::string ShippedText() {
  std::ifstream in(kShippedPath);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const PlanTemplates& Shipped() {
  static const PlanTemplates* const templates = [] {
    Result<PlanTemplates> loaded = PlanTemplates::FromJson(ShippedText());
    EXPECT_TRUE(loaded.ok()) << kShippedPath << ": " << loaded.status().ToString();
    return loaded.ok() ? new PlanTemplates(std::move(loaded).value()) : new PlanTemplates();
  }();
  return *templates;
}

std::vector<std::string> CodesOf(const PlanTemplate& plan) {
  std::vector<std::string> codes;
  for (const PlanTemplateSection& section : plan.sections) codes.push_back(section.code);
  return codes;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
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

template <typename Case>
std::string CaseName(const testing::TestParamInfo<Case>& info) {
  std::string name = info.param.id;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

TEST(PlanTemplatesTest, T01_TheShippedFileLoadsAndIsTheOneCompiledIn) {
  ASSERT_TRUE(rules::BuiltinDataFile("plan_templates.json").has_value());
  EXPECT_EQ(std::string(*rules::BuiltinDataFile("plan_templates.json")), ShippedText());
  Result<PlanTemplates> loaded = PlanTemplates::FromJson(ShippedText());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const PlanTemplates& current = PlanTemplates::Default();
  for (PlanKind kind : {PlanKind::kWellness, PlanKind::kSafety}) {
    EXPECT_EQ(current.Of(kind).label, Shipped().Of(kind).label);
    EXPECT_EQ(current.Of(kind).sections, Shipped().Of(kind).sections);
  }
  EXPECT_EQ(current.crisis_lines(), Shipped().crisis_lines());
}

TEST(PlanTemplatesTest, T02_TheWellnessPlanHasItsSevenSectionsInOrder) {
  const PlanTemplate& plan = Shipped().Of(PlanKind::kWellness);
  EXPECT_EQ(plan.kind, PlanKind::kWellness);
  EXPECT_EQ(plan.label, "My wellness plan");
  EXPECT_EQ(CodesOf(plan),
            (std::vector<std::string>{"wellness_toolbox", "daily_maintenance", "triggers",
                                      "early_warning_signs", "breaking_down", "crisis_plan",
                                      "post_crisis"}));
  EXPECT_EQ(CodesOf(plan),
            std::vector<std::string>(kWellnessSectionCodes.begin(), kWellnessSectionCodes.end()));
}

TEST(PlanTemplatesTest, T03_TheSafetyPlanHasItsSixStepsThenWhatMattersMost) {
  const PlanTemplate& plan = Shipped().Of(PlanKind::kSafety);
  EXPECT_EQ(plan.kind, PlanKind::kSafety);
  EXPECT_EQ(plan.label, "My safety plan");
  EXPECT_EQ(CodesOf(plan),
            (std::vector<std::string>{"warning_signs", "internal_coping", "distraction",
                                      "people_to_ask", "professionals_and_lines",
                                      "safer_environment", "what_matters_most"}));
  EXPECT_EQ(CodesOf(plan),
            std::vector<std::string>(kSafetySectionCodes.begin(), kSafetySectionCodes.end()));
  EXPECT_EQ(plan.Find("warning_signs")->heading, "Signs that a hard time may be coming");
  EXPECT_EQ(plan.Find("triggers"), nullptr);
}

// WRAP is a registered mark: nothing a person reads may carry it.
TEST(PlanTemplatesTest, T04_NoWordAPersonReadsSaysWrap) {
  std::vector<std::string> read;
  for (PlanKind kind : {PlanKind::kWellness, PlanKind::kSafety}) {
    const PlanTemplate& plan = Shipped().Of(kind);
    read.push_back(plan.label);
    for (const PlanTemplateSection& section : plan.sections) {
      read.push_back(section.heading);
      read.push_back(section.help);
    }
  }
  for (const CrisisLine& line : Shipped().crisis_lines()) {
    read.insert(read.end(), {line.label, line.how, line.note});
  }
  EXPECT_EQ(read.size(), 2u + 2 * 14 + 3 * 3);
  for (const std::string& text : read) {
    EXPECT_EQ(Lower(text).find("wrap"), std::string::npos) << text;
  }
}

TEST(PlanTemplatesTest, T05_EverySectionHasAHeadingShortHelpAndRoomForWords) {
  for (PlanKind kind : {PlanKind::kWellness, PlanKind::kSafety}) {
    for (const PlanTemplateSection& section : Shipped().Of(kind).sections) {
      EXPECT_FALSE(section.heading.empty()) << section.code;
      EXPECT_FALSE(section.help.empty()) << section.code;
      EXPECT_LE(section.help.size(), 200u) << section.code << ": help is meant to be short";
      EXPECT_EQ(section.max_bytes, 4000u) << section.code;
    }
  }
}

TEST(PlanTemplatesTest, T06_TheCrisisLinesAre988TheCrisisTextLineAnd911) {
  const std::vector<CrisisLine>& lines = Shipped().crisis_lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].label, "988 Suicide & Crisis Lifeline");
  EXPECT_NE(lines[0].how.find("988"), std::string::npos);
  EXPECT_NE(lines[0].how.find("988lifeline.org"), std::string::npos);
  EXPECT_EQ(lines[1].label, "Crisis Text Line");
  EXPECT_NE(lines[1].how.find("HOME to 741741"), std::string::npos);
  EXPECT_NE(lines[2].how.find("911"), std::string::npos);
  for (const CrisisLine& line : lines) EXPECT_FALSE(line.note.empty()) << line.label;
}

TEST(PlanTemplatesTest, T07_InstallCurrentReplacesTheDefaultUntilCleared) {
  std::string text = ShippedText();
  const std::string from = "\"label\": \"My safety plan\"";
  text.replace(text.find(from), from.size(), "\"label\": \"Our safety plan\"");
  Result<PlanTemplates> own = PlanTemplates::FromJson(text, "/srv/alongside/plan_templates.json");
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  PlanTemplates::InstallCurrent(&own.value());
  EXPECT_EQ(&PlanTemplates::Default(), &own.value());
  EXPECT_EQ(PlanTemplates::Default().Of(PlanKind::kSafety).label, "Our safety plan");
  PlanTemplates::InstallCurrent(nullptr);
  EXPECT_EQ(PlanTemplates::Default().Of(PlanKind::kSafety).label, "My safety plan");
}

TEST(PlanTemplatesTest, T08_AProgramMayRewordReorderAndAddSections) {
  std::string text = ShippedText();
  const std::string first = "        {\n          \"code\": \"wellness_toolbox\"";
  const size_t at = text.find(first);
  ASSERT_NE(at, std::string::npos);
  text.insert(at,
              "        {\"code\": \"my_people\", \"heading\": \"My people\", "
              "\"help\": \"Who is on my side.\", \"max_bytes\": 10},\n");
  Result<PlanTemplates> own = PlanTemplates::FromJson(text);
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  const PlanTemplate& plan = own->Of(PlanKind::kWellness);
  ASSERT_EQ(plan.sections.size(), 8u);
  EXPECT_EQ(plan.sections[0].code, "my_people");
  EXPECT_EQ(plan.sections[1].code, "wellness_toolbox");

  PlanVersion version;
  version.sections = {{"my_people", "0123456789"}};
  EXPECT_TRUE(own->ValidatePlanVersion(PlanKind::kWellness, version).ok());
  version.sections = {{"my_people", "0123456789a"}};
  Status status = own->ValidatePlanVersion(PlanKind::kWellness, version);
  EXPECT_EQ(status.field(), "sections.my_people");
  EXPECT_EQ(status.detail(), "must be at most 10 bytes");
}

TEST(PlanTemplatesTest, T09_ErrorsNameTheProgramsOwnFile) {
  std::string text = ShippedText();
  const std::string from = "\"code\": \"distraction\"";
  text.replace(text.find(from), from.size(), "\"code\": \"warning_signs\"");
  Result<PlanTemplates> own = PlanTemplates::FromJson(text, "/srv/alongside/plan_templates.json");
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.status().ToString(),
            "invalid: /srv/alongside/plan_templates.json:" +
                LineColumnOf(text, "\"warning_signs\",\n          \"heading\": \"People and") +
                ": plans.safety.sections[2].code repeats the code warning_signs");
}

TEST(PlanTemplatesTest, T10_AFileWithoutCrisisLinesIsRefused) {
  std::string text = ShippedText();
  const std::string key = "\"crisis_lines\": [";
  text = text.substr(0, text.find(key)) + key + "]\n}\n";
  Result<PlanTemplates> templates = PlanTemplates::FromJson(text);
  ASSERT_FALSE(templates.ok());
  EXPECT_EQ(templates.status().field(), "plan_templates.json:" + LineColumnOf(text, "[]"));
  EXPECT_EQ(templates.status().detail(), "crisis_lines must list at least one line");
}

TEST(PlanTemplatesTest, T11_APlanWithoutSectionsIsRefused) {
  const std::string text =
      "{\n"
      "  \"plans\": {\n"
      "    \"wellness\": {\"label\": \"Mine\", \"sections\": []},\n"
      "    \"safety\": {\"label\": \"Mine too\", \"sections\": []}\n"
      "  },\n"
      "  \"crisis_lines\": [{\"label\": \"988\", \"how\": \"Call 988\", \"note\": \"Any time.\"}]\n"
      "}\n";
  Result<PlanTemplates> templates = PlanTemplates::FromJson(text);
  ASSERT_FALSE(templates.ok());
  EXPECT_EQ(templates.status().field(), "plan_templates.json:" + LineColumnOf(text, "[]"));
  EXPECT_EQ(templates.status().detail(), "plans.wellness.sections must list from 1 to 24 sections");
}

// A malformed copy of the file: the shipped text with one replacement, and
// where and what the error must say. `marker` is the text the error must
// point at (its first occurrence in the edited text).
struct MalformedCase {
  const char* id;
  std::string from;
  std::string to;
  std::string marker;
  std::string detail;  // the message must start with this
};

void PrintTo(const MalformedCase& test_case, std::ostream* out) { *out << test_case.id; }

class PlanTemplatesMalformedTest : public testing::TestWithParam<MalformedCase> {};

TEST_P(PlanTemplatesMalformedTest, IsRefusedNamingFileLineAndColumn) {
  const MalformedCase& test_case = GetParam();
  std::string text = ShippedText();
  const size_t found = text.find(test_case.from);
  ASSERT_NE(found, std::string::npos) << test_case.from;
  text.replace(found, test_case.from.size(), test_case.to);
  Result<PlanTemplates> templates = PlanTemplates::FromJson(text);
  ASSERT_FALSE(templates.ok()) << text;
  EXPECT_EQ(templates.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(templates.status().field(),
            "plan_templates.json:" + LineColumnOf(text, test_case.marker))
      << templates.status().ToString();
  EXPECT_EQ(templates.status().detail().substr(0, test_case.detail.size()), test_case.detail)
      << templates.status().detail();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanTemplatesMalformedTest,
    testing::Values(
        MalformedCase{"S01-unknown-top-level-key", "\"version\": 1,",
                      "\"version\": 1,\n  \"trademark\": \"none\",", "\"none\"",
                      "trademark is not expected here (expected: version, description, plans, "
                      "crisis_lines)"},
        MalformedCase{"S02-unknown-key-in-a-section", "\"code\": \"triggers\",",
                      "\"code\": \"triggers\", \"icon\": \"storm\",", "\"storm\"",
                      "plans.wellness.sections[2].icon is not expected here (expected: code, "
                      "heading, help, max_bytes)"},
        MalformedCase{"S03-duplicate-code", "\"code\": \"distraction\"",
                      "\"code\": \"internal_coping\"",
                      "\"internal_coping\",\n          \"heading\": \"People and",
                      "plans.safety.sections[2].code repeats the code internal_coping"},
        MalformedCase{"S04-missing-heading",
                      "\"heading\": \"What matters most to me\",\n          ", "",
                      "{\n          \"code\": \"what_matters_most\"",
                      "plans.safety.sections[6].heading is missing"},
        MalformedCase{"S05-empty-help",
                      "\"help\": \"The people, pets, hopes and plans that keep you going. It can "
                      "be one thing or many.\"",
                      "\"help\": \"  \"", "\"  \"",
                      "plans.safety.sections[6].help must not be empty"},
        MalformedCase{"S06-max-bytes-out-of-range",
                      "\"max_bytes\": 4000\n        },\n        {\n"
                      "          \"code\": \"daily_maintenance\"",
                      "\"max_bytes\": 0\n        },\n        {\n"
                      "          \"code\": \"daily_maintenance\"",
                      "0\n",
                      "plans.wellness.sections[0].max_bytes must be a whole number from 1 "
                      "to 20000 (got 0)"},
        MalformedCase{"S07-code-not-snake-case", "\"code\": \"post_crisis\"",
                      "\"code\": \"Post crisis\"", "\"Post crisis\"",
                      "plans.wellness.sections[6].code must be lower-case letters, digits and _"},
        MalformedCase{"S08-built-in-section-removed", "\"code\": \"safer_environment\"",
                      "\"code\": \"our_own_step\"", "[\n        {\n          \"code\": \"warning",
                      "plans.safety.sections must include the section safer_environment"},
        MalformedCase{"S09-unknown-kind", "\"safety\": {", "\"crisis\": {",
                      "{\n      \"label\": \"My safety",
                      "plans.crisis is not expected here (expected: wellness, safety)"},
        MalformedCase{"S10-no-label", "\"label\": \"My wellness plan\",\n      ", "",
                      "{\n      \"sections\"", "plans.wellness.label is missing"},
        MalformedCase{"S11-crisis-line-without-how", "\"how\": \"Call 911\",", "",
                      "{\n      \"label\": \"Emergency\"", "crisis_lines[2].how is missing"},
        MalformedCase{"S12-unknown-key-in-a-crisis-line", "\"how\": \"Call 911\",",
                      "\"how\": \"Call 911\", \"hours\": \"24/7\",", "\"24/7\"",
                      "crisis_lines[2].hours is not expected here (expected: label, how, note)"},
        MalformedCase{"S13-trailing-comma",
                      "\"note\": \"If you or someone else is in danger right now.\"",
                      "\"note\": \"If you or someone else is in danger right now.\",", "}\n  ]\n}",
                      "syntax error"},
        MalformedCase{"S14-unknown-version", "\"version\": 1,", "\"version\": 2,", "2,",
                      "version must be a whole number from 1 to 1 (got 2)"}),
    CaseName<MalformedCase>);

// One version of a plan, and what ValidatePlanVersion must say of it.
struct VersionCase {
  const char* id;
  PlanKind kind;
  std::vector<PlanSection> sections;
  std::string field;   // empty: accepted
  std::string detail;  // the message must start with this
};

void PrintTo(const VersionCase& test_case, std::ostream* out) { *out << test_case.id; }

class PlanVersionTest : public testing::TestWithParam<VersionCase> {};

TEST_P(PlanVersionTest, IsAcceptedOrRefusedNamingTheField) {
  const VersionCase& test_case = GetParam();
  PlanVersion version;
  version.sections = test_case.sections;
  const Status status = Shipped().ValidatePlanVersion(test_case.kind, version);
  if (test_case.field.empty()) {
    EXPECT_TRUE(status.ok()) << status.ToString();
    return;
  }
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.field(), test_case.field) << status.ToString();
  EXPECT_EQ(status.detail().substr(0, test_case.detail.size()), test_case.detail)
      << status.detail();
}

constexpr PlanKind kSafety = PlanKind::kSafety;
constexpr PlanKind kWellness = PlanKind::kWellness;

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanVersionTest,
    testing::Values(
        VersionCase{"V01-one-section-with-words",
                    kSafety,
                    {{"what_matters_most", "My daughter, and my dog Biscuit."}},
                    "",
                    ""},
        VersionCase{"V02-every-section",
                    kWellness,
                    {{"wellness_toolbox", "a"},
                     {"daily_maintenance", "b"},
                     {"triggers", "c"},
                     {"early_warning_signs", "d"},
                     {"breaking_down", "e"},
                     {"crisis_plan", "f"},
                     {"post_crisis", "g"}},
                    "",
                    ""},
        VersionCase{
            "V03-no-sections", kSafety, {}, "sections", "must hold words in at least one section"},
        VersionCase{"V04-code-of-the-other-kind",
                    kSafety,
                    {{"warning_signs", "Not sleeping."}, {"triggers", "Loud rooms."}},
                    "sections.triggers",
                    "is not a section of My safety plan (expected one of: "
                    "warning_signs, internal_coping,"},
        VersionCase{"V05-over-max",
                    kSafety,
                    {{"warning_signs", std::string(4001, 'x')}},
                    "sections.warning_signs",
                    "must be at most 4000 bytes"},
        VersionCase{"V06-at-max", kSafety, {{"warning_signs", std::string(4000, 'x')}}, "", ""},
        VersionCase{
            "V07-repeated-code",
            kWellness,
            {{"triggers", "Loud rooms."}, {"crisis_plan", "Call Sam."}, {"triggers", "Crowds."}},
            "sections.triggers",
            "is given twice"},
        VersionCase{"V08-whitespace-only",
                    kWellness,
                    {{"triggers", "Loud rooms."}, {"post_crisis", " \n\t "}},
                    "sections.post_crisis",
                    "must not be empty"},
        VersionCase{"V09-empty-words",
                    kSafety,
                    {{"distraction", ""}},
                    "sections.distraction",
                    "must not be empty"},
        VersionCase{"V10-code-not-a-code",
                    kSafety,
                    {{"Warning signs", "x"}},
                    "sections",
                    "holds a section whose code is not one of: warning_signs,"},
        VersionCase{"V11-no-code",
                    kSafety,
                    {{"", "x"}},
                    "sections",
                    "holds a section whose code is not one of:"},
        VersionCase{"V12-not-utf8",
                    kSafety,
                    {{"people_to_ask", "Sam \xC3"}},
                    "sections.people_to_ask",
                    "must be UTF-8 text without NUL characters"},
        VersionCase{"V13-spaces-kept-as-written",
                    kSafety,
                    {{"people_to_ask", "  Sam, 555-0100  \n"}},
                    "",
                    ""},
        VersionCase{"V14-out-of-order-is-not-checked",
                    kSafety,
                    {{"what_matters_most", "My dog."}, {"warning_signs", "Pacing."}},
                    "",
                    ""}),
    CaseName<VersionCase>);

TEST(PlanTemplatesTest, N01_NormalisePutsSectionsInOrderAndDropsEmptyOnes) {
  std::vector<PlanSection> given = {{"what_matters_most", " My dog.\n"},
                                    {"distraction", "   "},
                                    {"warning_signs", "Pacing at night."},
                                    {"people_to_ask", ""},
                                    {"internal_coping", "\tMusic"}};
  std::vector<PlanSection> normalised = Shipped().Normalise(kSafety, given);
  ASSERT_EQ(normalised.size(), 3u);
  EXPECT_EQ(normalised[0].code, "warning_signs");
  EXPECT_EQ(normalised[0].words, "Pacing at night.");
  EXPECT_EQ(normalised[1].code, "internal_coping");
  EXPECT_EQ(normalised[1].words, "\tMusic");
  EXPECT_EQ(normalised[2].code, "what_matters_most");
  EXPECT_EQ(normalised[2].words, " My dog.\n");
  PlanVersion version;
  version.sections = normalised;
  EXPECT_TRUE(Shipped().ValidatePlanVersion(kSafety, version).ok());
}

TEST(PlanTemplatesTest, N02_NormaliseLeavesUnknownAndRepeatedCodesForValidationToName) {
  std::vector<PlanSection> given = {{"triggers", "Crowds."},
                                    {"what_matters_most", "My dog."},
                                    {"warning_signs", "Pacing."},
                                    {"what_matters_most", "My sister."}};
  std::vector<PlanSection> normalised = Shipped().Normalise(kSafety, given);
  ASSERT_EQ(normalised.size(), 4u);
  EXPECT_EQ(normalised[0].code, "warning_signs");
  EXPECT_EQ(normalised[1].words, "My dog.");
  EXPECT_EQ(normalised[2].words, "My sister.");
  EXPECT_EQ(normalised[3].code, "triggers");
  PlanVersion version;
  version.sections = normalised;
  EXPECT_EQ(Shipped().ValidatePlanVersion(kSafety, version).field(), "sections.what_matters_most");
}

TEST(PlanTemplatesTest, N03_NormaliseOfOnlyEmptySectionsLeavesNoneAndValidationRefuses) {
  std::vector<PlanSection> normalised =
      Shipped().Normalise(kWellness, {{"triggers", " "}, {"crisis_plan", "\n"}});
  EXPECT_TRUE(normalised.empty());
  PlanVersion version;
  version.sections = normalised;
  EXPECT_EQ(Shipped().ValidatePlanVersion(kWellness, version).field(), "sections");
}

}  // namespace
}  // namespace alongside::domain
