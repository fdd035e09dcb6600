// The language review's labelled corpus (tests/domain/language_corpus.tsv;
// docs/language-review.md, "The corpus") and how the review scores on it.
// Used by language_corpus_test and by bench/language_review.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/language_review.h"

namespace alongside::domain::corpus {

// One labelled sentence: "C042<TAB>pathologizing,scope-verb<TAB>text".
struct CorpusSentence {
  std::string id;                  // "C042": 'C' and three or more digits, unique
  std::set<std::string> expected;  // categories a careful reader flags; empty when clean
  std::string text;
  size_t line = 0;  // 1-based line in the file
};

// Parses the corpus file's text. InvalidArgument with field()
// "<file_name>:<line>" for a line that is not ID<TAB>CATEGORIES<TAB>TEXT, an
// id not of the form C001 or used twice, a category not in
// kLanguageCategories or repeated, or an empty text. Lines starting with '#'
// and empty lines are skipped.
Result<std::vector<CorpusSentence>> ParseCorpus(std::string_view tsv_text,
                                                const std::string& file_name);
// Reads and parses the file at `path`; NotFound if it cannot be read.
Result<std::vector<CorpusSentence>> ReadCorpus(const std::string& path);

// True and false positives and false negatives of category labels.
struct Counts {
  size_t true_positive = 0;
  size_t false_positive = 0;
  size_t false_negative = 0;

  // 1 when nothing was flagged (no false claim was made); 1 when nothing
  // was expected (nothing was missed).
  double Precision() const;
  double Recall() const;
};

// A sentence whose flagged categories differ from its labels.
struct Misclassified {
  std::string id;
  std::set<std::string> expected;
  std::set<std::string> found;
  std::string text;
};

// Scores at sentence level: a category is "found" in a sentence when the
// review gives at least one flag of that category. `overall` is the
// micro-average: the counts of every category summed.
struct CorpusScore {
  std::map<std::string, Counts> by_category;  // every category of kLanguageCategories
  Counts overall;
  size_t sentences = 0;
  size_t clean_sentences = 0;                // labelled clean
  std::vector<Misclassified> misclassified;  // in corpus order
};

CorpusScore Score(const LanguageReview& review, const std::vector<CorpusSentence>& corpus);

// The targets of issue 13: overall precision and recall at least
// `overall_minimum`, every category's at least `category_minimum`. One line
// per target missed ("pathologizing recall 0.74 < 0.80"); empty when all are met.
std::vector<std::string> TargetsMissed(const CorpusScore& score, double overall_minimum = 0.90,
                                       double category_minimum = 0.80);

// The table as Markdown (category, labels, true positives, false
// positives, false negatives, precision, recall; then the overall row),
// as bench/RESULTS.md shows it.
std::string ScoreTable(const CorpusScore& score);
// One line per misclassified sentence: "C042 expected {pathologizing} found {} | text".
std::string MisclassifiedList(const CorpusScore& score);

}  // namespace alongside::domain::corpus
