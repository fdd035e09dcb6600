// The billable-note completeness check: the parts a contact's record must
// hold, under the shipped rules (src/rules/data/note_completeness.json, read
// from the source tree) and under a small rules file written here, and
// malformed rules files refused with file:line:column. Cases carry stable
// ids ("N13-expired-credential", "M05-bad-cue-pattern") so a report can
// cite them.
#include "domain/note_completeness.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "rules/data_file.h"

namespace alongside::domain {
namespace {

const char kShippedPath[] = ALONGSIDE_SOURCE_DIR "/src/rules/data/note_completeness.json";

std::string ShippedText() {
  std::ifstream in(kShippedPath);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const NoteCompletenessRules& Shipped() {
  static const NoteCompletenessRules* const rules = [] {
    Result<NoteCompletenessRules> loaded = NoteCompletenessRules::FromJson(ShippedText());
    EXPECT_TRUE(loaded.ok()) << kShippedPath << ": " << loaded.status().ToString();
    return loaded.ok() ? new NoteCompletenessRules(std::move(loaded).value()) : nullptr;
  }();
  return *rules;
}

// A program's own rules, unlike the shipped ones: other labels and cues,
// its own messages, and the person's own words not counted as a response.
// One value a line, so that the malformed cases below can name positions.
const char kOwnRules[] =
    "{\n"
    "  \"narrative\": {\n"
    "    \"purpose\": {\"labels\": [\"aim\"], \"cues\": [\"objective/objectives\"]},\n"
    "    \"done\": {\"labels\": [\"actions\"], \"cues\": [\"we did\"]},\n"
    "    \"response\": {\"labels\": [\"reply\"], \"cues\": [\"her/his/their view\"]},\n"
    "    \"next_step\": {\"labels\": [\"then\"], \"cues\": [\"next visit\"]}\n"
    "  },\n"
    "  \"person_words_count_as_response\": false,\n"
    "  \"messages\": {\n"
    "    \"date\": \"m1\",\n"
    "    \"start_time\": \"m2\",\n"
    "    \"end_time\": \"m3\",\n"
    "    \"setting\": \"m4\",\n"
    "    \"service\": \"m5\",\n"
    "    \"worker_name\": \"m6\",\n"
    "    \"worker_credential\": \"m7\",\n"
    "    \"narrative_purpose\": \"m8\",\n"
    "    \"narrative_done\": \"m9\",\n"
    "    \"narrative_response\": \"m10\",\n"
    "    \"narrative_next_step\": \"m11\"\n"
    "  }\n"
    "}\n";

const NoteCompletenessRules& Own() {
  static const NoteCompletenessRules* const rules = [] {
    Result<NoteCompletenessRules> loaded = NoteCompletenessRules::FromJson(kOwnRules);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? new NoteCompletenessRules(std::move(loaded).value()) : nullptr;
  }();
  return *rules;
}

// 2026-11-03T15:00:00Z, a Tuesday; its day number.
constexpr Instant kStart = 1793718000;
constexpr Day kDay = 20760;

// Four sentences, each with the cues of one narrative part only, so that a
// case can leave one out.
const char kPurpose[] = "Sam asked to meet so that we could get ready for the housing appointment.";
const char kDone[] = "We practised the opening lines and wrote her questions on a card.";
const char kResponse[] = "Sam said it felt less scary with the card in hand.";
const char kNextStep[] = "Next week we will go to the appointment.";

std::string Note(bool purpose, bool done, bool response, bool next_step) {
  std::string note;
  for (auto [wanted, sentence] :
       {std::pair{purpose, kPurpose}, std::pair{done, kDone}, std::pair{response, kResponse},
        std::pair{next_step, kNextStep}}) {
    if (!wanted) continue;
    if (!note.empty()) note += ' ';
    note += sentence;
  }
  return note;
}

// The facts a case checks; Complete() gives a record with every part.
struct Facts {
  ContactVersion version;
  Staff worker;
  std::vector<Certification> certifications;
  std::string zone = "UTC";
};

Facts Complete() {
  Facts facts;
  facts.version.start = kStart;
  facts.version.end = kStart + 60 * 60;
  facts.version.setting = ContactSetting::kCommunity;
  facts.version.modalities = ModalityBit(Modality::kInstrumental);
  facts.version.activities = {"accompaniment"};
  facts.version.note = Note(true, true, true, true);
  facts.version.written_by = 7;
  facts.worker.id = 7;
  facts.worker.team_id = 1;
  facts.worker.display_name = "Dana Reyes";
  facts.certifications = {{1, 7, "Certified Peer Specialist", kDay - 400, kDay + 330}};
  return facts;
}

// A record with nothing in it, and a setting outside the vocabulary.
Facts NothingRecorded() {
  Facts facts;
  facts.version.setting = static_cast<ContactSetting>(-1);
  return facts;
}

using Change = std::function<void(Facts&)>;

Facts With(const Change& change) {
  Facts facts = Complete();
  change(facts);
  return facts;
}

Change NoteIs(std::string note) {
  return [note](Facts& facts) { facts.version.note = note; };
}

Change CertifiedFromTo(Day issued_on, Day expires_on) {
  return [=](Facts& facts) {
    facts.certifications = {{1, 7, "Certified Peer Specialist", issued_on, expires_on}};
  };
}

enum class Rules { kShipped, kOwn };

struct CompletenessCase {
  const char* id;
  Rules rules;
  Facts facts;
  std::vector<std::string> missing;  // codes, in kNotePartCodes order
};

void PrintTo(const CompletenessCase& test_case, std::ostream* out) { *out << test_case.id; }

template <typename Case>
std::string CaseName(const testing::TestParamInfo<Case>& info) {
  std::string name = info.param.id;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

const std::vector<std::string> kNarrative = {"narrative_purpose", "narrative_done",
                                             "narrative_response", "narrative_next_step"};

// Filler with no cue and no label: "la la la ..." up to `bytes` bytes.
std::string Filler(size_t bytes) {
  std::string filler;
  while (filler.size() + 3 <= bytes) filler += "la ";
  filler.resize(bytes, ' ');
  return filler;
}

const std::vector<CompletenessCase>& Cases() {
  const auto kShipped = Rules::kShipped;
  const auto kOwn = Rules::kOwn;
  // A note of four parts where the first three are within the limit and the
  // next step lies past it.
  const std::string three_then_past_limit =
      Note(true, true, true, false) + " " + Filler(kMaxCheckedNoteBytes) + " " + kNextStep;
  // "willpower" across the limit: only "will" would be read, and it is not.
  std::string will_at_cut = Note(true, true, true, false) + " ";
  will_at_cut += Filler(kMaxCheckedNoteBytes - will_at_cut.size() - 4) + "willpower";
  // The whole note within the limit, the next step its last words.
  std::string next_step_at_limit = Note(true, true, true, false) + " ";
  next_step_at_limit +=
      Filler(kMaxCheckedNoteBytes - next_step_at_limit.size() - (sizeof(kNextStep) - 1)) +
      kNextStep;
  // One case a line, so the table reads as one.
  // clang-format off
  static const std::vector<CompletenessCase> cases = {
      {"N01-complete", kShipped, Complete(), {}},
      // The day and the times.
      {"N02-no-start-recorded", kShipped, With([](Facts& f) { f.version.start = 0; }), {"date", "start_time"}},
      {"N03-no-end-recorded", kShipped, With([](Facts& f) { f.version.end = 0; }), {"end_time"}},
      {"N04-end-before-start", kShipped, With([](Facts& f) { f.version.end = kStart - 30 * 60; }), {"end_time"}},
      {"N05-end-equals-start", kShipped, With([](Facts& f) { f.version.end = kStart; }), {"end_time"}},
      {"N06-setting-outside-the-vocabulary", kShipped, With([](Facts& f) { f.version.setting = static_cast<ContactSetting>(42); }), {"setting"}},
      {"N07-every-setting-counts", kShipped, With([](Facts& f) { f.version.setting = ContactSetting::kPhone; }), {}},
      // The service.
      {"N08-no-activity", kShipped, With([](Facts& f) { f.version.activities.clear(); }), {"service"}},
      {"N09-only-a-clinical-only-activity", kShipped, With([](Facts& f) { f.version.activities = {"diagnosis"}; }), {"service"}},
      {"N10-unknown-activity", kShipped, With([](Facts& f) { f.version.activities = {"juggling"}; }), {"service"}},
      {"N11-clinical-only-beside-a-peer-activity", kShipped, With([](Facts& f) { f.version.activities = {"diagnosis", "goal_review"}; }), {}},
      // The worker.
      {"N12-blank-worker-name", kShipped, With([](Facts& f) { f.worker.display_name = " \t"; }), {"worker_name"}},
      {"N13-expired-credential", kShipped, With(CertifiedFromTo(kDay - 800, kDay - 1)), {"worker_credential"}},
      {"N14-credential-expires-on-the-contacts-day", kShipped, With(CertifiedFromTo(kDay - 800, kDay)), {}},
      {"N15-credential-issued-on-the-contacts-day", kShipped, With(CertifiedFromTo(kDay, kDay + 700)), {}},
      {"N16-credential-issued-the-day-after", kShipped, With(CertifiedFromTo(kDay + 1, kDay + 700)), {"worker_credential"}},
      {"N17-no-certification", kShipped, With([](Facts& f) { f.certifications.clear(); }), {"worker_credential"}},
      {"N18-another-workers-certification", kShipped, With([](Facts& f) { f.certifications[0].staff_id = 8; }), {"worker_credential"}},
      {"N19-expired-then-renewed", kShipped, With([](Facts& f) { f.certifications = {{1, 7, "CPS", kDay - 800, kDay - 100}, {2, 7, "CPS", kDay - 99, kDay + 600}}; }), {}},
      {"N20-certification-without-a-name", kShipped, With([](Facts& f) { f.certifications[0].name = " "; }), {"worker_credential"}},
      // 15:00 UTC on the 3rd is 07:00 on the 3rd in Los Angeles, but 00:00
      // UTC on the 4th is the evening of the 3rd there: the program's day.
      {"N21-credential-on-the-programs-local-day", kShipped, With([](Facts& f) { f.version.start = kStart + 9 * 3600; f.version.end = f.version.start + 3600; f.zone = "America/Los_Angeles"; f.certifications[0].expires_on = kDay; }), {}},
      {"N22-credential-expired-by-the-utc-day", kShipped, With([](Facts& f) { f.version.start = kStart + 9 * 3600; f.version.end = f.version.start + 3600; f.certifications[0].expires_on = kDay; }), {"worker_credential"}},
      {"N23-no-start-any-certification-counts", kShipped, With([](Facts& f) { f.version.start = 0; f.certifications[0].expires_on = 10; f.certifications[0].issued_on = 5; }), {"date", "start_time"}},
      // The narrative, by cues.
      {"N24-no-purpose", kShipped, With(NoteIs(Note(false, true, true, true))), {"narrative_purpose"}},
      {"N25-no-what-was-done", kShipped, With(NoteIs(Note(true, false, true, true))), {"narrative_done"}},
      {"N26-no-response", kShipped, With(NoteIs(Note(true, true, false, true))), {"narrative_response"}},
      {"N27-no-next-step", kShipped, With(NoteIs(Note(true, true, true, false))), {"narrative_next_step"}},
      {"N28-empty-note", kShipped, With(NoteIs("")), kNarrative},
      {"N29-case-and-punctuation", kShipped, With(NoteIs("SAM ASKED TO MEET, to get ready!! we PRACTISED the lines; Sam SAID: fine. Next-week, WE'LL go.")), {}},
      {"N30-curly-apostrophe", kShipped, With(NoteIs(Note(true, true, true, false) + " She\u2019ll post it.")), {}},
      {"N31-cues-are-whole-words", kShipped, With(NoteIs("The goalkeeper of Tomorrowland sat under a willow, unsaid and unpractised.")), kNarrative},
      {"N32-a-cue-never-spans-a-sentence-end", kShipped, With(NoteIs("I left it so. That is all.")), kNarrative},
      {"N33-quoted-words-count", kShipped, With(NoteIs(Note(true, true, false, true) + " \"It felt lighter,\" Sam wrote.")), {}},
      // The narrative, by labels.
      {"N34-structured-note", kShipped, With(NoteIs("Purpose: housing form\nWhat we did: the form, line by line\nResponse: relief\nNext step: post it Monday")), {}},
      {"N35-structured-in-one-paragraph", kShipped, With(NoteIs("Purpose: housing form. What we did: the form, line by line. Response: relief. Next step: post it Monday.")), {}},
      {"N36-structured-with-bullets-and-case", kShipped, With(NoteIs("- PURPOSE: housing form\n* what WE did : the form, line by line\n  response:relief\n\u2022 Next Steps: post it Monday")), {}},
      {"N37-girp-labels", kShipped, With(NoteIs("Goal: housing form\nIntervention: the form, line by line\nResponse: relief\nPlan: post it Monday")), {}},
      {"N38-empty-template", kShipped, With(NoteIs("Purpose:\nWhat we did:\nResponse:\nNext step:\n")), kNarrative},
      {"N39-label-without-a-colon", kShipped, With(NoteIs("Purpose: housing form\nWhat we did: the form, line by line\nResponse relief\nNext step: post it Monday")), {"narrative_response"}},
      {"N40-label-inside-a-sentence", kShipped, With(NoteIs("Purpose: housing form\nWhat we did: the form, line by line. Her response: relief\nNext step: post it Monday")), {}},
      {"N41-label-word-mid-sentence-is-no-label", kShipped, With(NoteIs("Purpose: housing form\nWhat we did: the form, line by line, and the response: relief\nNext step: post it Monday")), {"narrative_response"}},
      {"N42-labels-and-cues-together", kShipped, With(NoteIs(std::string("Purpose: housing form\n") + kDone + "\n" + kResponse + "\nNext step: post it Monday")), {}},
      // The person's own words.
      {"N43-person-words-are-a-response", kShipped, With([](Facts& f) { f.version.note = Note(true, true, false, true); f.version.person_words = "It was less scary than I thought."; }), {}},
      {"N44-blank-person-words-are-not", kShipped, With([](Facts& f) { f.version.note = Note(true, true, false, true); f.version.person_words = " ... \n"; }), {"narrative_response"}},
      // The length limit.
      {"N45-next-step-past-the-limit", kShipped, With(NoteIs(three_then_past_limit)), {"narrative_next_step"}},
      {"N46-next-step-ending-at-the-limit", kShipped, With(NoteIs(next_step_at_limit)), {}},
      {"N47-word-cut-at-the-limit-is-not-read", kShipped, With(NoteIs(will_at_cut)), {"narrative_next_step"}},
      {"N48-bytes-that-are-not-utf8", kShipped, With(NoteIs(Note(true, true, true, false) + " We\xff\xfewill\xc3 call.")), {}},
      // Nothing recorded at all: every part, in order.
      {"N49-nothing-recorded", kShipped, NothingRecorded(), {"date", "start_time", "end_time", "setting", "service", "worker_name", "worker_credential", "narrative_purpose", "narrative_done", "narrative_response", "narrative_next_step"}},
      // A program's own rules change what is recognised, not the code.
      {"P01-own-cues", kOwn, With(NoteIs("Our objective was the form. We did it line by line. Her view: calmer. Next visit Friday.")), {}},
      {"P02-shipped-cues-are-not-own-cues", kOwn, Complete(), kNarrative},
      {"P03-own-labels", kOwn, With(NoteIs("Aim: form\nActions: form\nReply: calmer\nThen: Friday")), {}},
      {"P04-own-rules-do-not-count-person-words", kOwn, With([](Facts& f) { f.version.note = "Aim: form\nActions: form\nThen: Friday"; f.version.person_words = "It was less scary than I thought."; }), {"narrative_response"}},
  };
  // clang-format on
  return cases;
}

NoteCompleteness Check(const Facts& facts, const NoteCompletenessRules& rules) {
  return CheckBillableNote(facts.version, facts.worker, facts.certifications,
                           TimeZone::Named(facts.zone, "zone").value(), ActivityCatalog::Default(),
                           rules);
}

class NoteCompletenessCaseTest : public testing::TestWithParam<CompletenessCase> {};

TEST_P(NoteCompletenessCaseTest, NamesExactlyTheseParts) {
  const CompletenessCase& test_case = GetParam();
  const NoteCompletenessRules& rules = test_case.rules == Rules::kShipped ? Shipped() : Own();
  const NoteCompleteness result = Check(test_case.facts, rules);
  std::vector<std::string> codes;
  for (const MissingPart& part : result.missing) {
    codes.push_back(part.code);
    // The words are the rules file's, for that code.
    EXPECT_FALSE(part.message.empty()) << part.code;
    EXPECT_EQ(part.message, rules.Message(part.code)) << part.code;
    EXPECT_TRUE(result.Missing(part.code));
  }
  EXPECT_EQ(codes, test_case.missing) << test_case.facts.version.note.substr(0, 300);
  EXPECT_EQ(result.complete(), test_case.missing.empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, NoteCompletenessCaseTest, testing::ValuesIn(Cases()),
                         CaseName<CompletenessCase>);

TEST(NoteCompletenessTest, EveryCodeIsNamedByTheTable) {
  std::set<std::string> seen;
  for (const CompletenessCase& test_case : Cases()) {
    seen.insert(test_case.missing.begin(), test_case.missing.end());
  }
  for (std::string_view code : kNotePartCodes) EXPECT_TRUE(seen.count(std::string(code))) << code;
  EXPECT_EQ(seen.size(), kNotePartCodes.size());
}

TEST(NoteCompletenessTest, ShippedMessagesArePlainSentencesNamingTheLabels) {
  for (std::string_view code : kNotePartCodes) {
    const std::string& message = Shipped().Message(code);
    ASSERT_FALSE(message.empty()) << code;
    EXPECT_EQ(message.back(), '.') << code;
  }
  EXPECT_TRUE(Shipped().Message("diagnosis").empty());
  EXPECT_NE(Shipped().Message("narrative_purpose").find("\"Purpose:\""), std::string::npos);
  EXPECT_NE(Shipped().Message("narrative_done").find("\"What we did:\""), std::string::npos);
  EXPECT_NE(Shipped().Message("narrative_response").find("\"Response:\""), std::string::npos);
  EXPECT_NE(Shipped().Message("narrative_next_step").find("\"Next step:\""), std::string::npos);
  EXPECT_TRUE(Shipped().person_words_count_as_response());
  EXPECT_FALSE(Own().person_words_count_as_response());
}

// Each example a message gives is recognised as the part it illustrates,
// and each label it names is a label.
TEST(NoteCompletenessTest, ShippedMessagesExamplesAreRecognised) {
  const std::array<const char*, 4> examples = {"", "We practised the call to the landlord.",
                                               "She said it felt easier.",
                                               "We will meet on Tuesday to fill in the form."};
  for (size_t part_idx = 1; part_idx < examples.size(); ++part_idx) {
    EXPECT_TRUE(Shipped().NarrativeCovers(examples[part_idx])[part_idx]) << examples[part_idx];
  }
  const std::array<const char*, 4> labelled = {"Purpose: x", "What we did: x", "Response: x",
                                               "Next step: x"};
  for (size_t part_idx = 0; part_idx < labelled.size(); ++part_idx) {
    const std::array<bool, kNarrativePartCount> covered =
        Shipped().NarrativeCovers(labelled[part_idx]);
    for (size_t other = 0; other < kNarrativePartCount; ++other) {
      EXPECT_EQ(covered[other], other == part_idx) << labelled[part_idx] << " " << other;
    }
  }
}

TEST(NoteCompletenessTest, HostileNotesAreSafe) {
  const std::vector<std::string> notes = {
      std::string(30000, ':'),
      std::string(30000, '\n'),
      std::string(30000, '\xff'),
      []() {
        std::string labels;
        while (labels.size() < 30000) labels += "Next step:";
        return labels;
      }(),
      []() {
        std::string almost;
        while (almost.size() < 30000) almost += "as we had ";
        return almost;
      }(),
      std::string("Purpose:") + std::string(1, '\0') + "x",
  };
  for (const std::string& note : notes) {
    const std::array<bool, kNarrativePartCount> covered = Shipped().NarrativeCovers(note);
    EXPECT_EQ(Shipped().NarrativeCovers(note), covered);
  }
  // Only the label's own words, over and over, with nothing after them.
  std::string labels;
  while (labels.size() < 1000) labels += "Next step:\n";
  EXPECT_FALSE(Shipped().NarrativeCovers(labels)[3]);
}

TEST(NoteCompletenessTest, JsonShape) {
  Facts facts = With([](Facts& f) {
    f.version.end = 0;
    f.version.note = Note(true, true, true, false);
  });
  const NoteCompleteness result = Check(facts, Own());
  EXPECT_EQ(
      CompletenessJson(result).dump(),
      R"({"complete":false,"missing":[{"part":"end_time","message":"m3"},)"
      R"({"part":"narrative_purpose","message":"m8"},{"part":"narrative_done","message":"m9"},)"
      R"({"part":"narrative_response","message":"m10"},)"
      R"({"part":"narrative_next_step","message":"m11"}]})");
  EXPECT_EQ(CompletenessJson(Check(Complete(), Shipped())).dump(),
            R"({"complete":true,"missing":[]})");
}

TEST(NoteCompletenessTest, CurrentIsTheShippedFileCompiledIn) {
  ASSERT_TRUE(rules::BuiltinDataFile("note_completeness.json").has_value());
  EXPECT_EQ(std::string(*rules::BuiltinDataFile("note_completeness.json")), ShippedText());
  const NoteCompletenessRules& current = NoteCompletenessRules::Current();
  EXPECT_EQ(current.Message("date"), Shipped().Message("date"));
  NoteCompletenessRules::InstallCurrent(&Own());
  EXPECT_EQ(&NoteCompletenessRules::Current(), &Own());
  NoteCompletenessRules::InstallCurrent(nullptr);
  EXPECT_EQ(NoteCompletenessRules::Current().Message("date"), Shipped().Message("date"));
}

struct MalformedCase {
  const char* id;
  std::string from;  // replaced in kOwnRules
  std::string to;
  std::string position;  // "line:column" of the value at fault
  std::string detail;    // the message must start with this
};

void PrintTo(const MalformedCase& test_case, std::ostream* out) { *out << test_case.id; }

class NoteCompletenessMalformedTest : public testing::TestWithParam<MalformedCase> {};

TEST_P(NoteCompletenessMalformedTest, IsRefusedNamingFileLineAndColumn) {
  const MalformedCase& test_case = GetParam();
  std::string text = kOwnRules;
  size_t found = text.find(test_case.from);
  ASSERT_NE(found, std::string::npos) << test_case.from;
  text.replace(found, test_case.from.size(), test_case.to);
  Result<NoteCompletenessRules> rules = NoteCompletenessRules::FromJson(text);
  ASSERT_FALSE(rules.ok()) << text;
  EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(rules.status().field(), "note_completeness.json:" + test_case.position);
  EXPECT_EQ(rules.status().detail().substr(0, test_case.detail.size()), test_case.detail)
      << rules.status().detail();
}

std::string ManyCues(size_t count) {
  std::string cues;
  for (size_t cue_idx = 0; cue_idx < count; ++cue_idx) {
    cues += cue_idx == 0 ? "\"we did\"" : ", \"we did\"";
  }
  return cues;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NoteCompletenessMalformedTest,
    testing::Values(
        MalformedCase{"M01-unknown-top-level-key", "{\n  \"narrative\"",
                      "{\n  \"threshold\": 3,\n  \"narrative\"", "2:16",
                      "threshold is not expected here (expected: version, description, "
                      "narrative, person_words_count_as_response, messages)"},
        MalformedCase{"M02-unknown-narrative-part", "\"next_step\": {", "\"next_steps\": {", "6:19",
                      "narrative.next_steps is not expected here (expected: purpose, done, "
                      "response, next_step)"},
        MalformedCase{"M03-missing-narrative-part",
                      "    \"done\": {\"labels\": [\"actions\"], \"cues\": [\"we did\"]},\n", "",
                      "2:16", "narrative.done is missing"},
        MalformedCase{"M04-no-labels", "[\"actions\"]", "[]", "4:24",
                      "narrative.done.labels must list from 1 to 32 patterns"},
        MalformedCase{"M05-bad-cue-pattern", "\"we did\"", "\"we d*\"", "4:46",
                      "narrative.done.cues[0] word 2 (\"d*\") needs at least 3 letters before *"},
        MalformedCase{"M06-optional-first-word", "[\"aim\"]", "[\"the? aim\"]", "3:28",
                      "narrative.purpose.labels[0] word 1 (\"the?\") cannot be optional"},
        MalformedCase{"M07-too-many-cues", "[\"we did\"]", "[" + ManyCues(501) + "]", "4:45",
                      "narrative.done.cues must list from 1 to 500 patterns"},
        MalformedCase{"M08-cue-not-text", "[\"next visit\"]", "[7]", "6:48",
                      "narrative.next_step.cues[0] must be"},
        MalformedCase{"M09-unknown-key-in-a-part", "\"cues\": [\"objective/objectives\"]}",
                      "\"cues\": [\"objective/objectives\"], \"weight\": 2}", "3:80",
                      "narrative.purpose.weight is not expected here (expected: labels, cues)"},
        MalformedCase{"M10-person-words-flag-not-boolean",
                      "\"person_words_count_as_response\": false",
                      "\"person_words_count_as_response\": \"no\"", "8:37",
                      "person_words_count_as_response must be true or false"},
        MalformedCase{"M11-person-words-flag-missing",
                      "  \"person_words_count_as_response\": false,\n", "", "1:1",
                      "person_words_count_as_response is missing"},
        MalformedCase{"M12-missing-message", ",\n    \"narrative_next_step\": \"m11\"", "", "9:15",
                      "messages.narrative_next_step is missing"},
        MalformedCase{"M13-message-for-unknown-code", "\"m11\"",
                      "\"m11\",\n    \"diagnosis\": \"m12\"", "21:18",
                      "messages.diagnosis is not expected here (expected: date, start_time, "},
        MalformedCase{"M14-empty-message", "\"m7\"", "\" \"", "16:26",
                      "messages.worker_credential must not be empty"},
        MalformedCase{"M15-unknown-version", "{\n", "{\n  \"version\": 2,\n", "2:14",
                      "version must be a whole number from 1 to 1 (got 2)"},
        MalformedCase{"M16-trailing-comma", "\"m11\"\n", "\"m11\",\n", "21:3", "syntax error"},
        MalformedCase{"M17-sentence-start-mark", "[\"her/his/their view\"]", "[\"^/her view\"]",
                      "5:48",
                      "narrative.response.cues[0] may use words, /, *, ? and # only (not @ or ^)"},
        MalformedCase{"M18-name-mark", "[\"aim\"]", "[\"@ aim\"]", "3:28",
                      "narrative.purpose.labels[0] may use words, /, *, ? and # only"}),
    CaseName<MalformedCase>);

TEST(NoteCompletenessTest, ErrorsNameTheProgramsOwnFile) {
  std::string text = kOwnRules;
  text.replace(text.find("\"we did\""), 8, "\"we d*\"");
  Result<NoteCompletenessRules> rules =
      NoteCompletenessRules::FromJson(text, "/srv/alongside/note_completeness.json");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().ToString(),
            "invalid: /srv/alongside/note_completeness.json:4:46: narrative.done.cues[0] word 2 "
            "(\"d*\") needs at least 3 letters before *");
}

}  // namespace
}  // namespace alongside::domain
