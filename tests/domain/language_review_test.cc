// The note language review over the built-in rules (src/rules/data/language.json)
// and over small rule files written here. Cases carry stable ids
// ("identity-2", "quote-4") so a report can cite them.
#include "domain/language_review.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace alongside::domain {
namespace {

// (rule id, flagged text) for each flag, in order.
using Found = std::vector<std::pair<std::string, std::string>>;

Found Flagged(const LanguageReview& review, const std::string& passage) {
  Found found;
  for (const LanguageFlag& flag : review.Review(passage)) {
    EXPECT_LT(flag.start, flag.end);
    EXPECT_LE(flag.end, passage.size());
    found.emplace_back(flag.rule, passage.substr(flag.start, flag.end - flag.start));
  }
  return found;
}

Found Flagged(const std::string& passage) { return Flagged(LanguageReview::Current(), passage); }

struct ReviewCase {
  const char* id;
  std::string passage;
  Found expected;
};

void PrintTo(const ReviewCase& test_case, std::ostream* out) { *out << test_case.id; }

std::string CaseName(const testing::TestParamInfo<ReviewCase>& info) {
  std::string name = info.param.id;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

class LanguageReviewCaseTest : public testing::TestWithParam<ReviewCase> {};

TEST_P(LanguageReviewCaseTest, FlagsExactlyTheseWords) {
  const ReviewCase& test_case = GetParam();
  EXPECT_EQ(Flagged(test_case.passage), test_case.expected) << test_case.passage;
}

// Every category flags the examples of the spec (issue 13).
INSTANTIATE_TEST_SUITE_P(
    Categories, LanguageReviewCaseTest,
    testing::Values(
        ReviewCase{"identity-1",
                   "He sat with a schizophrenic and the addict from group.",
                   {{"identity-schizophrenic", "schizophrenic"}, {"identity-addict", "addict"}}},
        ReviewCase{"identity-2",
                   "Visited the bipolar patient on the ward.",
                   {{"identity-diagnosis-patient", "bipolar patient"}}},
        ReviewCase{"identity-3",
                   "She is a recovering addict and her uncle is an alcoholic.",
                   {{"identity-recovering-addict", "recovering addict"},
                    {"identity-alcoholic", "alcoholic"}}},
        ReviewCase{
            "identity-4",
            "He talked about the junkies downtown and a substance abuser he knew.",
            {{"identity-junkie", "junkies"}, {"identity-substance-abuser", "substance abuser"}}},
        ReviewCase{"pathologizing-1",
                   "Person was non-compliant and refused treatment.",
                   {{"pathologizing-non-compliant", "non-compliant"},
                    {"pathologizing-refused", "refused treatment"}}},
        ReviewCase{"pathologizing-2",
                   "Seemed manipulative and attention-seeking; a frequent flyer in denial.",
                   {{"pathologizing-manipulative", "manipulative"},
                    {"pathologizing-attention-seeking", "attention-seeking"},
                    {"pathologizing-frequent-flyer", "frequent flyer"},
                    {"pathologizing-in-denial", "in denial"}}},
        ReviewCase{"pathologizing-3",
                   "Her brother committed suicide; a failed suicide attempt followed.",
                   {{"pathologizing-committed-suicide", "committed suicide"},
                    {"pathologizing-failed-suicide", "failed suicide attempt"}}},
        ReviewCase{"pathologizing-4",
                   "Had a dirty urine after three months clean; history of substance abuse.",
                   {{"pathologizing-dirty-clean-test", "dirty urine"},
                    {"pathologizing-substance-abuse", "substance abuse"}}},
        ReviewCase{"clinical-1",
                   "Flat affect, psychotic and delusional, paranoid ideation, poor insight.",
                   {{"clinical-affect", "Flat affect"},
                    {"clinical-psychotic", "psychotic"},
                    {"clinical-delusional", "delusional"},
                    {"clinical-paranoid", "paranoid"},
                    {"clinical-insight", "poor insight"}}},
        ReviewCase{"clinical-2",
                   "PHQ-9 score of 14 and GAD-7 of 12; AUDIT score noted.",
                   {{"clinical-instrument-number", "PHQ-9 score of 14"},
                    {"clinical-instrument-number", "GAD-7 of 12"},
                    {"clinical-instrument-score", "AUDIT score"}}},
        ReviewCase{"clinical-3",
                   "She scored 10 on the PHQ-9 and presented as anxious.",
                   {{"clinical-scored-on", "scored 10 on the PHQ-9"},
                    {"clinical-presented-as", "presented as"}}},
        ReviewCase{"scope-1",
                   "I diagnosed him with depression and prescribed sertraline.",
                   {{"scope-diagnosed", "diagnosed"}, {"scope-prescribed", "prescribed"}}},
        ReviewCase{"scope-2",
                   "I adjusted the dose, titrated it, and administered the PHQ-9.",
                   {{"scope-adjusted-dose", "adjusted the dose"},
                    {"scope-titrated", "titrated"},
                    {"scope-administered-instrument", "administered the PHQ-9"}}},
        ReviewCase{"directive-1",
                   "I said you should stop taking the pills.",
                   {{"directive-stop-taking", "you should stop taking"}}},
        ReviewCase{"directive-2",
                   "I told her to call her sister. I insisted.",
                   {{"directive-told-to", "I told her to"}, {"directive-insisted", "I insisted"}}},
        ReviewCase{"directive-3",
                   "I recommended she stop taking her meds. If I were you, you must go.",
                   {{"directive-medication-advice", "recommended she stop taking her meds"},
                    {"directive-if-i-were-you", "If I were you"},
                    {"directive-you-should", "you must"}}}),
    CaseName);

// The same phrase written differently is the same phrase.
INSTANTIATE_TEST_SUITE_P(
    Variants, LanguageReviewCaseTest,
    testing::Values(ReviewCase{"variant-1",
                               "NON-COMPLIANT. Non compliant. Non–compliant. noncompliant.",
                               {{"pathologizing-non-compliant", "NON-COMPLIANT"},
                                {"pathologizing-non-compliant", "Non compliant"},
                                {"pathologizing-non-compliant", "Non–compliant"},
                                {"pathologizing-noncompliant", "noncompliant"}}},
                    ReviewCase{"variant-2",
                               "Manipulating staff; manipulation; the Manipulator.",
                               {{"pathologizing-manipulative", "Manipulating"},
                                {"pathologizing-manipulative", "manipulation"},
                                {"pathologizing-manipulative", "Manipulator"}}},
                    ReviewCase{"variant-3",
                               "Addicts gathered. The addict's family came. The addict’s dog too.",
                               {{"identity-addict", "Addicts"},
                                {"identity-addict", "addict's"},
                                {"identity-addict", "addict’s"}}},
                    ReviewCase{"variant-4",
                               "Refuses  her   medication, refusing meds.",
                               {{"pathologizing-refused", "Refuses  her   medication"},
                                {"pathologizing-refused", "refusing meds"}}},
                    ReviewCase{"variant-5",
                               "PHQ9: 14. phq-9 = 11. Gad 7 was 3.",
                               {{"clinical-instrument-number-joined", "PHQ9: 14"},
                                {"clinical-instrument-number", "phq-9 = 11"},
                                {"clinical-instrument-number", "Gad 7 was 3"}}},
                    ReviewCase{"variant-6",
                               "Attention seeking, ATTENTION-SEEKER, attention-seekers.",
                               {{"pathologizing-attention-seeking", "Attention seeking"},
                                {"pathologizing-attention-seeking", "ATTENTION-SEEKER"},
                                {"pathologizing-attention-seeking", "attention-seekers"}}},
                    // A phrase never runs across a sentence end.
                    ReviewCase{"variant-7", "They were in. Denial is a river.", {}},
                    ReviewCase{"variant-8",
                               "You should. Stop taking notes, I thought.",
                               {{"directive-you-should", "You should"}}},
                    // An instrument's name is not its score: "PHQ-9" alone was read
                    // as "PHQ" scored 9.
                    ReviewCase{
                        "variant-9",
                        "She filled in the PHQ-9 at her clinic. Her GAD-7 went from 15 to 8.",
                        {{"clinical-instrument-number", "GAD-7 went from 15"}}}),
    CaseName);

// Notes name the person and often leave out "I": "@" (a name) and "^" (the
// start of a sentence) in the built-in rules.
INSTANTIATE_TEST_SUITE_P(
    Names, LanguageReviewCaseTest,
    testing::Values(
        ReviewCase{
            "name-1",
            "I told Marisol to call. Told Priya to rest. Keziah told her to go.",
            {{"directive-told-to", "I told Marisol to"}, {"directive-told-to", "Told Priya to"}}},
        ReviewCase{
            "name-2",
            "I increased Priya's dose. Soledad lowered her dose. Dr Okafor adjusted the dose.",
            {{"scope-adjusted-dose", "increased Priya's dose"}}},
        ReviewCase{"name-3",
                   "Started Tobias on lithium. Her doctor started her on lithium.",
                   {{"scope-started-on", "Started Tobias on lithium"}}},
        ReviewCase{"name-4",
                   "Assessed Aaliyah for depression. The clinic assessed Noor for ADHD.",
                   {{"scope-assessed-for", "Assessed Aaliyah for"}}},
        // The writer's own report is no frame: "I told him he was ..." is the writer's label.
        ReviewCase{"name-5",
                   "I told him he was manipulative. She told him he was manipulative.",
                   {{"pathologizing-manipulative", "manipulative"}}}),
    CaseName);

// Quotations are the person's own words (or someone's, quoted): never flagged.
INSTANTIATE_TEST_SUITE_P(
    Quotes, LanguageReviewCaseTest,
    testing::Values(
        ReviewCase{"quote-1", "He said \"I am an addict in recovery\" and smiled.", {}},
        ReviewCase{"quote-2", "He said “I’m an addict, and proud of my recovery” today.", {}},
        ReviewCase{"quote-3", "He said 'I am an addict in recovery'.", {}},
        ReviewCase{"quote-4", "She said ‘call me manipulative if you like’ and laughed.", {}},
        // Apostrophes in contractions and possessives open no quotation.
        ReviewCase{"quote-5",
                   "Don't forget the person's peers' group; the addict was there.",
                   {{"identity-addict", "addict"}}},
        ReviewCase{"quote-6",
                   "She said 'the peers' group helped' and the staff were manipulative.",
                   {{"pathologizing-manipulative", "manipulative"}}},
        // Elisions ('em, 'cause, '90s) are apostrophes too.
        ReviewCase{"quote-7",
                   "Back in the '90s, 'cause of the addict label, he left.",
                   {{"identity-addict", "addict"}}},
        // Words after a closed quotation are the writer's again.
        ReviewCase{"quote-8",
                   "\"I'm tired,\" she said. She was non-compliant.",
                   {{"pathologizing-non-compliant", "non-compliant"}}},
        // An unclosed double quotation runs to the end of its paragraph only.
        ReviewCase{"quote-9",
                   "He said \"I was an addict then\nHe seemed psychotic.",
                   {{"clinical-psychotic", "psychotic"}}},
        // A single quote with no closing mark was an apostrophe: no exemption.
        ReviewCase{"quote-10", "I told 'im she is an addict.", {{"identity-addict", "addict"}}}),
    CaseName);

// Reported speech about labels others used, and self-description.
INSTANTIATE_TEST_SUITE_P(
    Frames, LanguageReviewCaseTest,
    testing::Values(
        ReviewCase{"frame-1", "She described being called an addict at the clinic.", {}},
        ReviewCase{"frame-2", "He was labelled manipulative by staff.", {}},
        ReviewCase{"frame-3", "He was labeled manipulative by staff.", {}},
        ReviewCase{"frame-4", "They called him a frequent flyer.", {}},
        ReviewCase{"frame-5", "She was told she was an addict.", {}},
        ReviewCase{"frame-6", "The nurse said she was psychotic.", {}},
        ReviewCase{"frame-7", "In the chart she is referred to as non-compliant.", {}},
        ReviewCase{"frame-8", "He was described as manipulative in the referral.", {}},
        // A list after a frame is exempt as a whole.
        ReviewCase{
            "frame-9", "Staff labelled her manipulative, attention-seeking and non-compliant.", {}},
        // Self-description, recorded because the person asked.
        ReviewCase{"frame-10",
                   "She describes herself as an addict in recovery and asked that the note "
                   "say so.",
                   {}},
        ReviewCase{"frame-11", "He identifies as an alcoholic and goes to AA on Tuesdays.", {}},
        ReviewCase{"frame-12", "In his own words, he is a recovering addict.", {}},
        // A frame reaches no further than its clause.
        ReviewCase{"frame-13",
                   "She called me and was non-compliant.",
                   {{"pathologizing-non-compliant", "non-compliant"}}},
        ReviewCase{"frame-14",
                   "They called him. He is manipulative.",
                   {{"pathologizing-manipulative", "manipulative"}}},
        ReviewCase{"frame-15",
                   "I called her to check in about group; she was manipulative.",
                   {{"pathologizing-manipulative", "manipulative"}}},
        // Frames never excuse what the writer did or told the person.
        ReviewCase{"frame-16",
                   "I said you should stop taking it. She said I diagnosed her.",
                   {{"directive-stop-taking", "you should stop taking"},
                    {"scope-diagnosed", "diagnosed"}}}),
    CaseName);

// A rule's exceptions: the same words used for something else.
INSTANTIATE_TEST_SUITE_P(
    Exceptions, LanguageReviewCaseTest,
    testing::Values(
        ReviewCase{
            "except-1", "She goes to Alcoholics Anonymous and drinks non-alcoholic beer.", {}},
        ReviewCase{"except-2",
                   "She was diagnosed with bipolar disorder in 2019; her psychiatrist "
                   "diagnosed it.",
                   {}},
        ReviewCase{
            "except-3", "He takes his medication as prescribed; his doctor prescribed it.", {}},
        ReviewCase{"except-4",
                   "She wants to lower her dose and will ask her prescriber. I lowered her dose.",
                   {{"scope-adjusted-dose", "lowered her dose"}}},
        ReviewCase{"except-5",
                   "The anti-psychotic helped. He joined psycho-education. A relapse "
                   "prevention plan.",
                   {}},
        ReviewCase{"except-6",
                   "He was presented with his 90-day chip. She presented with a plan.",
                   {{"clinical-presented-as", "presented with"}}},
        ReviewCase{"except-7", "I administered naloxone and called 911.", {}}),
    CaseName);

TEST(LanguageReviewTest, Builtin1_EveryCategoryHasRulesAndEveryRuleACitation) {
  const LanguageReview& review = LanguageReview::Current();
  std::set<std::string> categories;
  std::set<std::string> ids;
  for (const LanguageRule& rule : review.rules()) {
    categories.insert(rule.category);
    EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
    EXPECT_FALSE(review.Citation(rule.source).empty()) << rule.id << " cites " << rule.source;
    EXPECT_FALSE(rule.suggestion.empty()) << rule.id;
    EXPECT_EQ(review.Find(rule.id), &rule);
  }
  EXPECT_EQ(categories,
            std::set<std::string>(kLanguageCategories.begin(), kLanguageCategories.end()));
  EXPECT_GE(review.rules().size(), 50u);
  EXPECT_EQ(review.Find("no-such-rule"), nullptr);
  EXPECT_EQ(review.Citation("no-such-source"), "");
  EXPECT_NE(review.Citation("ondcp-2017").find("Changing the Language"), std::string::npos);
}

TEST(LanguageReviewTest, Offsets1_AreBytesIntoThePassage) {
  // "Café — the " is 14 bytes (é is 2, the dash 3); "addict’s" is 10 (’ is 3).
  const std::string passage = "Café — the addict’s friend was non-compliant.";
  std::vector<LanguageFlag> flags = LanguageReview::Current().Review(passage);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0],
            (LanguageFlag{"identity-addict", "identity-label", 14, 24,
                          LanguageReview::Current().Find("identity-addict")->suggestion}));
  EXPECT_EQ(passage.substr(14, 10), "addict’s");
  EXPECT_EQ(flags[1].rule, "pathologizing-non-compliant");
  EXPECT_EQ(flags[1].category, "pathologizing");
  EXPECT_EQ(flags[1].start, passage.find("non-compliant"));
  EXPECT_EQ(flags[1].end, passage.find("non-compliant") + 13);
}

TEST(LanguageReviewTest, Offsets2_FlagsAreInOrderAndNeverOverlap) {
  // "recovering addict" and "addict" both match; the longer one is kept.
  const std::string passage =
      "A recovering addict, an addict, and a schizophrenic patient met a schizophrenic.";
  EXPECT_EQ(Flagged(passage), (Found{{"identity-recovering-addict", "recovering addict"},
                                     {"identity-addict", "addict"},
                                     {"identity-diagnosis-patient", "schizophrenic patient"},
                                     {"identity-schizophrenic", "schizophrenic"}}));
}

TEST(LanguageReviewTest, Hostile1_InvalidUtf8NeverCrashesNorSplitsACharacter) {
  const std::string passage =
      "an addict \xff\xfe addict \xe2\x80 addict\xc3 \xed\xa0\x80 manipulative \xc0\xaf"
      "psychotic\xf4\x90\x80\x80 x";
  Found found = Flagged(passage);
  EXPECT_EQ(found, (Found{{"identity-addict", "addict"},
                          {"identity-addict", "addict"},
                          {"identity-addict", "addict"},
                          {"pathologizing-manipulative", "manipulative"},
                          {"clinical-psychotic", "psychotic"}}));
  // Every byte sequence, including NUL and lone continuation bytes.
  std::string every_byte;
  for (int byte = 0; byte < 256; ++byte) {
    every_byte.push_back(static_cast<char>(byte));
    every_byte += " addict ";
  }
  for (const LanguageFlag& flag : LanguageReview::Current().Review(every_byte)) {
    EXPECT_EQ(every_byte.substr(flag.start, flag.end - flag.start), "addict");
  }
}

TEST(LanguageReviewTest, Hostile2_HugeInputIsReviewedUpToTheLimit) {
  std::string passage;
  while (passage.size() < 1000000) passage += "She was non-compliant and \"quoted ";
  const auto started = std::chrono::steady_clock::now();
  std::vector<LanguageFlag> flags = LanguageReview::Current().Review(passage);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(flags.empty());
  EXPECT_LE(flags.back().end, kMaxReviewBytes);
  // Not a timing test: a bound far above the few milliseconds it takes, to
  // catch a quadratic path (unclosed quotes, apostrophes, long words).
  EXPECT_LT(elapsed, std::chrono::seconds(5));

  // A word running into the limit is not taken for a shorter one.
  std::string cut(kMaxReviewBytes - 6, ' ');
  cut += "addicted to coffee";
  EXPECT_TRUE(LanguageReview::Current().Review(cut).empty());
  EXPECT_EQ(LanguageReview::Current().Review(cut.substr(0, kMaxReviewBytes - 6) + "addict").size(),
            1u);
}

TEST(LanguageReviewTest, Hostile3_PathologicalQuotesAndWordsStayLinear) {
  for (const std::string unit : {"'a ", "\"a ", "‘a ", "a' ", "x", "-", "’s "}) {
    std::string passage;
    while (passage.size() < kMaxReviewBytes) passage += unit;
    passage += " addict";
    const auto started = std::chrono::steady_clock::now();
    (void)LanguageReview::Current().Review(passage);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2)) << unit;
  }
}

// Thirty synthetic peer notes in person-first, strengths-based language:
// none is flagged. A rule that starts flagging one of these is too broad.
TEST(LanguageReviewTest, Clean1_PersonFirstNotesAreNotFlagged) {
  const std::vector<std::string> notes = {
      "Met Dana at the library. She shared that the week was hard and that going to her "
      "Tuesday group helped. We practised the breathing exercise from her wellness plan.",
      "Phone check-in with Sam. He said he is sleeping better since he started walking in "
      "the morning. He wants to look at bus routes to the community garden next time.",
      "Went with Ali to his appointment at the housing office. He asked the questions he had "
      "written down and got a date for the viewing. He said he felt proud of himself.",
      "Jordan talked about what recovery means to her: being a good aunt and keeping her job. "
      "She decided to call her sponsor tonight.",
      "Visited Maria during her hospital stay. She asked for help making a list of who to "
      "call when she gets home. We wrote it together in her words.",
      "Chris told me he used on Saturday and felt ashamed. I shared that setbacks were part "
      "of my own recovery too. He chose to go to a meeting on Monday.",
      "Lee wants to talk with her prescriber about side effects. She asked me to come along "
      "and help her remember what she wants to say. We wrote her questions on a card.",
      "Group today: seven people came. The agenda was chosen together; people talked about "
      "getting through the holidays. Two members offered to share rides next week.",
      "Alex said she has been hearing voices more at night and that music helps. We added "
      "her playlist to her wellness toolbox.",
      "Taylor disclosed suicidal thoughts this morning. We talked about her safety plan, "
      "she called the crisis line with me, and she agreed to see her clinician today.",
      "Robin is a person in long-term recovery who wants to train as a peer specialist. We "
      "looked at the certification course dates.",
      "Pat has decided not to take the new medication because of weight gain, and wants to "
      "raise it with her doctor on Friday. She asked for a reminder.",
      "Morgan shared that her brother died by suicide last spring. She wanted to talk about "
      "him and about the memorial walk she is planning.",
      "Casey asked what I would do. I said I could share what helped me, if she wanted, and "
      "that the choice was hers. She decided to try the morning group first.",
      "Jamie is experiencing homelessness and stayed at the shelter on Fifth Street. We went "
      "together to the benefits office and he filled in the form himself.",
      "Kim talked about returning to use after a hard week and about what she learned from "
      "it. She wants to go back to her meeting and call her sister.",
      "Drew said the new job is going well. He has been using public transport and feels "
      "more independent. We celebrated three months in his new apartment.",
      "Quinn asked to go over her crisis plan. She updated who to call and added her "
      "neighbour as a support.",
      "Sky talked about her diagnosis of bipolar disorder, which she calls \"my ups and "
      "downs\". She wants her plan to say that she knows her early warning signs.",
      "Ellis was worried that people at work were talking about him. We talked about what he "
      "could do when the worry is strong, and he chose to try the grounding exercise.",
      "Avery takes her medication as prescribed and said it helps her sleep. She wants to "
      "join the art group at the community center.",
      "Reese said he feels sad most mornings and that his dog gets him out of bed. We made a "
      "plan for a walk together on Thursday.",
      "Frankie chose not to go to the day program this week. She said she needs rest and "
      "would like a phone call on Monday.",
      "Harper is a person who uses drugs and came for clean needles and naloxone. We talked "
      "about the overdose prevention site and she took a card.",
      "Logan asked for information about medication for opioid use disorder. I gave him the "
      "clinic's number and he made the call from my phone.",
      "Charlie was discharged from the hospital on Monday. We met for coffee and he talked "
      "about the first days at home and what he wants to do this week.",
      "Rowan said she is proud of two years in recovery. She wants to give back by "
      "volunteering at the drop-in center.",
      "Emerson described feeling overwhelmed by the court date. We wrote down the questions "
      "for his lawyer and he decided to bring his sister.",
      "Finley talked about her goal of reconnecting with her daughter. She wrote a letter "
      "and asked me to read it; she will decide when to send it.",
      "Sage asked for help finding a dentist who takes her insurance. We called three "
      "offices together and she booked an appointment for next Tuesday.",
  };
  ASSERT_EQ(notes.size(), 30u);
  for (const std::string& note : notes) {
    EXPECT_EQ(Flagged(note), Found{}) << note;
  }
}

// A program's own rule file, in the same format: its rules and only them.
constexpr const char* kProgramFile = R"({
  "sources": {"ours": "Our program's language guide, 2026."},
  "exemptions": {
    "frames": ["called"],
    "frame_categories": ["pathologizing"],
    "frame_window": 2,
    "clause_words": ["and"],
    "list_words": ["or"]
  },
  "rules": [
    {"id": "ours-lazy", "category": "pathologizing", "pattern": "lazy/lazier", "suggestion": "what the person found hard", "source": "ours"},
    {"id": "ours-case", "category": "identity-label", "pattern": "case #", "suggestion": "the person, by name", "source": "ours", "except": ["court"]},
    {"id": "ours-told", "category": "directive-advice", "pattern": "told him/her to? go/leave", "suggestion": "what the person decided", "source": "ours"}
  ]
})";

TEST(LanguageReviewTest, Program1_OwnFileHoldsItsOwnRules) {
  Result<LanguageReview> review = LanguageReview::FromJson(kProgramFile, "/srv/language.json");
  ASSERT_TRUE(review.ok()) << review.status().ToString();
  EXPECT_EQ(review->rules().size(), 3u);
  EXPECT_EQ(Flagged(*review, "He is lazy, and an addict. Case 12 and my case 7. Court case 3."),
            (Found{{"ours-lazy", "lazy"}, {"ours-case", "Case 12"}, {"ours-case", "case 7"}}));
  // Its own frames and categories: "called" exempts pathologizing only.
  EXPECT_EQ(Flagged(*review, "They called him lazy. They called him case 4."),
            (Found{{"ours-case", "case 4"}}));
  EXPECT_EQ(Flagged(*review, "I told her go. I told him to leave."),
            (Found{{"ours-told", "told her go"}, {"ours-told", "told him to leave"}}));
  EXPECT_EQ(review->Citation("ours"), "Our program's language guide, 2026.");
}

// "@" is a capitalised word other than "I" (after a pattern's first word it
// is never a sentence's first word, so it is a name there);
// "^" lets a first word be skipped where a sentence starts (after . ! ? ; or
// a line break, not a colon); "writer_words" stop a frame right after them.
TEST(LanguageReviewTest, Program2_NamesSentenceStartsAndWriterWords) {
  Result<LanguageReview> review = LanguageReview::FromJson(R"({
    "sources": {"ours": "Our guide."},
    "exemptions": {"frames": ["called"], "frame_categories": ["pathologizing"], "frame_window": 2,
                   "clause_words": [], "list_words": [], "writer_words": ["i"]},
    "rules": [
      {"id": "ours-saw", "category": "scope-verb", "pattern": "saw @", "suggestion": "s", "source": "ours"},
      {"id": "ours-went", "category": "directive-advice", "pattern": "we/^ went home", "suggestion": "s", "source": "ours"},
      {"id": "ours-lazy", "category": "pathologizing", "pattern": "lazy", "suggestion": "s", "source": "ours"}
    ]
  })");
  ASSERT_TRUE(review.ok()) << review.status().ToString();
  EXPECT_EQ(Flagged(*review, "I saw Marisol and saw him. Saw Keziah's dog, saw I, saw I'm."),
            (Found{{"ours-saw", "saw Marisol"}, {"ours-saw", "Saw Keziah's"}}));
  EXPECT_EQ(Flagged(*review, "Marisol saw. Saw. Saw: saw Saw."), (Found{{"ours-saw", "saw Saw"}}));
  EXPECT_EQ(
      Flagged(*review, "Went home; went home. They went home. Then: went home. We went home."),
      (Found{
          {"ours-went", "Went home"}, {"ours-went", "went home"}, {"ours-went", "We went home"}}));
  EXPECT_EQ(Flagged(*review, "They called him lazy. I called him lazy."),
            (Found{{"ours-lazy", "lazy"}}));
  std::vector<LanguageFlag> flags = review->Review("They called him lazy. I called him lazy.");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].start, 35u);
}

// Malformed pattern and rule entries, each placed at its value's line and
// column (the loader's table of cases for whole files is in
// tests/rules/rules_test.cc).
struct BadFileCase {
  const char* id;
  std::string from;  // replaced in kProgramFile
  std::string to;
  std::string marker;  // where the error must point (first occurrence in the new text)
  std::string detail;  // the message must start with this
};

void PrintTo(const BadFileCase& test_case, std::ostream* out) { *out << test_case.id; }

class LanguageReviewBadFileTest : public testing::TestWithParam<BadFileCase> {};

TEST_P(LanguageReviewBadFileTest, NamesFileLineColumnAndWhat) {
  const BadFileCase& test_case = GetParam();
  std::string text = kProgramFile;
  size_t found = text.find(test_case.from);
  ASSERT_NE(found, std::string::npos) << test_case.from;
  text.replace(found, test_case.from.size(), test_case.to);
  Result<LanguageReview> review = LanguageReview::FromJson(text, "/srv/language.json");
  ASSERT_FALSE(review.ok());
  size_t offset = text.find(test_case.marker);
  ASSERT_NE(offset, std::string::npos) << test_case.marker;
  size_t line = 1 + std::count(text.begin(), text.begin() + offset, '\n');
  size_t line_start = text.rfind('\n', offset);
  size_t column = line_start == std::string::npos ? offset + 1 : offset - line_start;
  EXPECT_EQ(review.status().field(),
            "/srv/language.json:" + std::to_string(line) + ":" + std::to_string(column))
      << review.status().ToString();
  EXPECT_EQ(review.status().detail().substr(0, test_case.detail.size()), test_case.detail)
      << review.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, LanguageReviewBadFileTest,
    testing::Values(
        BadFileCase{"pattern-1", "\"lazy/lazier\"", "\"la*\"", "\"la*\"",
                    "rules[0].pattern word 1 (\"la*\") needs at least 3 letters before *"},
        BadFileCase{"pattern-2", "\"lazy/lazier\"", "\"lazy (.*)+\"", "\"lazy (.*)+\"",
                    "rules[0].pattern word 2 (\"(.*)+\") may use * and ? only at the end"},
        BadFileCase{"pattern-3", "\"lazy/lazier\"", "\"the? lazy\"", "\"the? lazy\"",
                    "rules[0].pattern word 1 (\"the?\") cannot be optional"},
        BadFileCase{"pattern-4", "\"lazy/lazier\"", "\"non-lazy/unlazy\"", "\"non-lazy/unlazy\"",
                    "rules[0].pattern word 1 (\"non-lazy/unlazy\") joins alternatives and a "
                    "hyphen"},
        BadFileCase{"pattern-5", "\"lazy/lazier\"", "\"a b c d e f g h i j k l m\"",
                    "\"a b c d e f g h i j k l m\"",
                    "rules[0].pattern has 13 words; at most 12 are allowed"},
        BadFileCase{"pattern-6", "\"lazy/lazier\"", "\"lazy//lazier\"", "\"lazy//lazier\"",
                    "rules[0].pattern word 1 (\"lazy//lazier\") has an empty alternative"},
        BadFileCase{"pattern-7", "\"lazy/lazier\"", "\"  \"", "\"  \"",
                    "rules[0].pattern must not be empty"},
        BadFileCase{"pattern-8", "[\"court\"]", "[\"court**\"]", "\"court**\"",
                    "rules[1].except[0] word 1 (\"court**\") may use * and ? only at the end"},
        BadFileCase{"pattern-9", "[\"called\"]", "[\"called/#/x*\"]", "\"called/#/x*\"",
                    "exemptions.frames[0] word 1 (\"called/#/x*\") needs at least 3 letters"},
        BadFileCase{"pattern-10", "\"lazy/lazier\"", "\"lazy ^\"", "\"lazy ^\"",
                    "rules[0].pattern word 2 (\"^\") uses ^, which may only be among the first"},
        BadFileCase{"pattern-11", "\"lazy/lazier\"", "\"i/^\"", "\"i/^\"",
                    "rules[0].pattern has ^ and no word after it"},
        BadFileCase{"pattern-12", "\"lazy/lazier\"", "\"^ lazy?\"", "\"^ lazy?\"",
                    "rules[0].pattern word 2 (\"lazy?\") cannot be optional: it follows"},
        BadFileCase{"pattern-13", "\"lazy/lazier\"", "\"la@zy\"", "\"la@zy\"",
                    "rules[0].pattern word 1 (\"la@zy\") may use * and ? only at the end of a "
                    "word, and #, @ and ^ only on their own"},
        BadFileCase{"exemptions-4", "\"list_words\": [\"or\"]",
                    "\"list_words\": [\"or\"], \"writer_words\": [\"i me\"]", "\"i me\"",
                    "exemptions.writer_words[0] must be one word"},
        BadFileCase{"rule-1", "\"category\": \"pathologizing\", \"pattern\": \"lazy",
                    "\"category\": \"judgemental\", \"pattern\": \"lazy", "\"judgemental\"",
                    "rules[0].category must be one of: identity-label, pathologizing, "
                    "clinical-assessment, scope-verb, directive-advice (got \"judgemental\")"},
        BadFileCase{"rule-2", "\"source\": \"ours\", \"except\"",
                    "\"source\": \"ondcp\", \"except\"", "\"ondcp\"",
                    "rules[1].source must name one of the keys of sources (got \"ondcp\")"},
        BadFileCase{"rule-3", "\"id\": \"ours-told\"", "\"id\": \"ours-lazy\"",
                    "\"ours-lazy\", \"category\": \"directive", "rules[2].id repeats the id"},
        BadFileCase{"rule-4", "\"id\": \"ours-told\"", "\"id\": \"Ours Told\"", "\"Ours Told\"",
                    "rules[2].id must be lower-case letters, digits and -"},
        BadFileCase{"rule-5", "\"source\": \"ours\"}", "\"source\": \"ours\", \"severity\": 2}",
                    "2}", "rules[0].severity is not expected here (expected: id, category, "},
        BadFileCase{"rule-6", ", \"suggestion\": \"what the person found hard\"", "",
                    "{\"id\": \"ours-lazy\"", "rules[0].suggestion is missing"},
        BadFileCase{"exemptions-1", "\"frame_window\": 2", "\"frame_window\": 9", "9",
                    "exemptions.frame_window must be a whole number from 0 to 8 (got 9)"},
        BadFileCase{"exemptions-2", "[\"pathologizing\"]", "[\"pathologizing\", \"pathologizing\"]",
                    "\"pathologizing\"]", "exemptions.frame_categories[1] lists pathologizing"},
        BadFileCase{"exemptions-3", "[\"or\"]", "[\"or else\"]", "\"or else\"",
                    "exemptions.list_words[0] must be one word"},
        BadFileCase{"sources-1", "{\"ours\":", "{\"Ours!\":", "\"Our program",
                    "sources.Ours! is not a valid key"}),
    [](const testing::TestParamInfo<BadFileCase>& info) {
      std::string name = info.param.id;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

}  // namespace
}  // namespace alongside::domain
