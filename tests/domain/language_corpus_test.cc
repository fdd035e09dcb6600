// The built-in language review against its labelled corpus
// (tests/domain/language_corpus.tsv): precision and recall per category and
// overall must meet issue 13's targets. Prints the table every run; on
// failure names each target missed and every misclassified sentence by id.
#include "language_corpus.h"

#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace alongside::domain::corpus {
namespace {

const std::string kCorpusPath =
    std::string(ALONGSIDE_SOURCE_DIR) + "/tests/domain/language_corpus.tsv";

std::vector<CorpusSentence> BuiltInCorpus() {
  Result<std::vector<CorpusSentence>> corpus = ReadCorpus(kCorpusPath);
  if (!corpus.ok()) {
    ADD_FAILURE() << corpus.status().ToString();
    return {};
  }
  return std::move(corpus).value();
}

// The corpus is what issue 13 asks for: at least 300 sentences, at least 30
// labels of each category, 40-50% clean.
TEST(LanguageReviewCorpusTest, Shape1_EnoughSentencesOfEveryKind) {
  std::vector<CorpusSentence> corpus = BuiltInCorpus();
  EXPECT_GE(corpus.size(), 300u);
  std::map<std::string, size_t> labels;
  size_t clean = 0;
  for (const CorpusSentence& sentence : corpus) {
    if (sentence.expected.empty()) ++clean;
    for (const std::string& category : sentence.expected) ++labels[category];
  }
  for (std::string_view category : kLanguageCategories) {
    EXPECT_GE(labels[std::string(category)], 30u) << category;
  }
  double clean_share = corpus.empty() ? 0 : static_cast<double>(clean) / corpus.size();
  EXPECT_GE(clean_share, 0.40);
  EXPECT_LE(clean_share, 0.50);
}

TEST(LanguageReviewCorpusTest, Score1_BuiltInReviewMeetsTheTargets) {
  std::vector<CorpusSentence> corpus = BuiltInCorpus();
  ASSERT_FALSE(corpus.empty());
  CorpusScore score = Score(LanguageReview::Current(), corpus);
  std::cout << score.sentences << " sentences, " << score.clean_sentences << " labelled clean\n"
            << ScoreTable(score) << score.misclassified.size() << " misclassified:\n"
            << MisclassifiedList(score);
  std::vector<std::string> missed = TargetsMissed(score);
  std::string missed_text;
  for (const std::string& line : missed) missed_text += line + "\n";
  EXPECT_TRUE(missed.empty()) << "targets missed:\n"
                              << missed_text << "misclassified sentences:\n"
                              << MisclassifiedList(score);
}

// The scoring itself, on a rule file and sentences small enough to count by hand.
constexpr const char* kTwoRules = R"({
  "sources": {"ours": "Our guide."},
  "exemptions": {"frames": ["called"], "frame_categories": ["pathologizing"],
                 "frame_window": 2, "clause_words": ["and"], "list_words": ["or"]},
  "rules": [
    {"id": "ours-lazy", "category": "pathologizing", "pattern": "lazy", "suggestion": "s", "source": "ours"},
    {"id": "ours-told", "category": "directive-advice", "pattern": "told her to", "suggestion": "s", "source": "ours"}
  ]
})";

TEST(LanguageReviewCorpusTest, Score2_CountsCategoriesPerSentence) {
  Result<LanguageReview> review = LanguageReview::FromJson(kTwoRules);
  ASSERT_TRUE(review.ok()) << review.status().ToString();
  Result<std::vector<CorpusSentence>> corpus = ParseCorpus(
      "# a comment\n"
      "C001\tpathologizing\tHe is lazy and lazy.\n"                   // one true positive, not two
      "C002\tpathologizing\tHe is idle.\n"                            // false negative
      "C003\t\tThey called him lazy.\n"                               // exempt: true negative
      "C004\t\tI told her to go; lazy river.\n"                       // two false positives
      "C005\tdirective-advice,pathologizing\tI told her to rest.\n",  // one of two
      "t.tsv");
  ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
  CorpusScore score = Score(*review, *corpus);
  const Counts& pathologizing = score.by_category.at("pathologizing");
  EXPECT_EQ(pathologizing.true_positive, 1u);
  EXPECT_EQ(pathologizing.false_positive, 1u);
  EXPECT_EQ(pathologizing.false_negative, 2u);
  const Counts& directive = score.by_category.at("directive-advice");
  EXPECT_EQ(directive.true_positive, 1u);
  EXPECT_EQ(directive.false_positive, 1u);
  EXPECT_EQ(directive.false_negative, 0u);
  EXPECT_EQ(score.overall.true_positive, 2u);
  EXPECT_EQ(score.overall.false_positive, 2u);
  EXPECT_EQ(score.overall.false_negative, 2u);
  EXPECT_DOUBLE_EQ(score.overall.Precision(), 0.5);
  EXPECT_DOUBLE_EQ(score.overall.Recall(), 0.5);
  EXPECT_EQ(score.sentences, 5u);
  EXPECT_EQ(score.clean_sentences, 2u);
  std::vector<std::string> ids;
  for (const Misclassified& miss : score.misclassified) ids.push_back(miss.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"C002", "C004", "C005"}));
  EXPECT_NE(
      MisclassifiedList(score).find("C004 expected {} found {directive-advice, pathologizing}"),
      std::string::npos)
      << MisclassifiedList(score);
}

TEST(LanguageReviewCorpusTest, Score3_TargetsMissedNamesEachOne) {
  CorpusScore score;
  score.overall = {.true_positive = 9, .false_positive = 1, .false_negative = 0};  // 0.90, 1.00
  score.by_category["identity-label"] = {
      .true_positive = 3, .false_positive = 1, .false_negative = 0};  // precision 0.75
  score.by_category["scope-verb"] = {
      .true_positive = 4, .false_positive = 0, .false_negative = 1};  // recall exactly 0.80
  EXPECT_EQ(TargetsMissed(score),
            (std::vector<std::string>{"identity-label precision 0.750 < 0.80"}));
  score.overall.false_negative = 2;  // recall 9/11
  EXPECT_EQ(TargetsMissed(score),
            (std::vector<std::string>{"overall recall 0.818 < 0.90",
                                      "identity-label precision 0.750 < 0.80"}));
}

struct BadCorpusCase {
  const char* id;
  std::string text;
  std::string field;
  std::string detail;
};

TEST(LanguageReviewCorpusTest, Parse1_MalformedLinesNamedByLine) {
  const std::vector<BadCorpusCase> cases = {
      {"parse-1", "C001\tpathologizing He is lazy.\n", "t.tsv:1", "expected ID<TAB>"},
      {"parse-2", "# x\n\nC01\t\tfine\n", "t.tsv:3", "id \"C01\" is not"},
      {"parse-3", "C001\t\ta\nC001\t\tb\n", "t.tsv:2", "id C001 is used twice"},
      {"parse-4", "C001\tjudgemental\ta\n", "t.tsv:1", "\"judgemental\" is not a category"},
      {"parse-5", "C001\tscope-verb,scope-verb\ta\n", "t.tsv:1", "category scope-verb given twice"},
      {"parse-6", "C001\tscope-verb,\ta\n", "t.tsv:1", "a comma ends"},
      {"parse-7", "C001\t\t\n", "t.tsv:1", "the sentence is empty"},
      {"parse-8", "C001\t\ta\tb\n", "t.tsv:1", "the sentence is empty or holds a tab"},
  };
  for (const BadCorpusCase& bad : cases) {
    Result<std::vector<CorpusSentence>> corpus = ParseCorpus(bad.text, "t.tsv");
    ASSERT_FALSE(corpus.ok()) << bad.id;
    EXPECT_EQ(corpus.status().field(), bad.field) << bad.id;
    EXPECT_EQ(corpus.status().detail().rfind(bad.detail, 0), 0u)
        << bad.id << ": " << corpus.status().detail();
  }
}

TEST(LanguageReviewCorpusTest, Parse2_CommentsBlankLinesAndCrlf) {
  Result<std::vector<CorpusSentence>> corpus =
      ParseCorpus("# head\r\n\r\nC007\tidentity-label,scope-verb\tA b.\r\nC010\t\tC d.", "t.tsv");
  ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
  ASSERT_EQ(corpus->size(), 2u);
  EXPECT_EQ((*corpus)[0].id, "C007");
  EXPECT_EQ((*corpus)[0].expected, (std::set<std::string>{"identity-label", "scope-verb"}));
  EXPECT_EQ((*corpus)[0].text, "A b.");
  EXPECT_EQ((*corpus)[0].line, 3u);
  EXPECT_TRUE((*corpus)[1].expected.empty());
  EXPECT_EQ((*corpus)[1].text, "C d.");
}

}  // namespace
}  // namespace alongside::domain::corpus
