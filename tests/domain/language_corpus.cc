#include "language_corpus.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <utility>

namespace alongside::domain::corpus {
namespace {

bool IsCategory(std::string_view name) {
  return std::find(kLanguageCategories.begin(), kLanguageCategories.end(), name) !=
         kLanguageCategories.end();
}

bool IsId(std::string_view id) {
  if (id.size() < 4 || id[0] != 'C') return false;
  return std::all_of(id.begin() + 1, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string SetText(const std::set<std::string>& names) {
  std::string text = "{";
  for (const std::string& name : names) {
    if (text.size() > 1) text += ", ";
    text += name;
  }
  return text + "}";
}

void AddRow(std::string& table, std::string_view name, size_t labels, const Counts& counts) {
  table += "| " + std::string(name) + " | " + std::to_string(labels) + " | " +
           std::to_string(counts.true_positive) + " | " + std::to_string(counts.false_positive) +
           " | " + std::to_string(counts.false_negative) + " | " + Fixed(counts.Precision(), 3) +
           " | " + Fixed(counts.Recall(), 3) + " |\n";
}

}  // namespace

Result<std::vector<CorpusSentence>> ParseCorpus(std::string_view tsv_text,
                                                const std::string& file_name) {
  std::vector<CorpusSentence> corpus;
  std::set<std::string> ids;
  size_t line_number = 0;
  size_t position = 0;
  while (position < tsv_text.size()) {
    size_t end = tsv_text.find('\n', position);
    if (end == std::string_view::npos) end = tsv_text.size();
    std::string_view line = tsv_text.substr(position, end - position);
    position = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;

    const std::string where = file_name + ":" + std::to_string(line_number);
    size_t first_tab = line.find('\t');
    size_t second_tab =
        first_tab == std::string_view::npos ? first_tab : line.find('\t', first_tab + 1);
    if (second_tab == std::string_view::npos) {
      return Status::InvalidArgument(where, "expected ID<TAB>CATEGORIES<TAB>SENTENCE");
    }
    CorpusSentence sentence;
    sentence.line = line_number;
    sentence.id = std::string(line.substr(0, first_tab));
    sentence.text = std::string(line.substr(second_tab + 1));
    if (!IsId(sentence.id)) {
      return Status::InvalidArgument(where,
                                     "id \"" + sentence.id + "\" is not C followed by digits");
    }
    if (!ids.insert(sentence.id).second) {
      return Status::InvalidArgument(where, "id " + sentence.id + " is used twice");
    }
    if (sentence.text.empty() || sentence.text.find('\t') != std::string::npos) {
      return Status::InvalidArgument(where, "the sentence is empty or holds a tab");
    }
    std::string_view categories = line.substr(first_tab + 1, second_tab - first_tab - 1);
    while (!categories.empty()) {
      size_t comma = categories.find(',');
      std::string_view name = categories.substr(0, comma);
      if (!IsCategory(name)) {
        return Status::InvalidArgument(where, "\"" + std::string(name) + "\" is not a category");
      }
      if (!sentence.expected.emplace(name).second) {
        return Status::InvalidArgument(where, "category " + std::string(name) + " given twice");
      }
      if (comma == std::string_view::npos) break;
      categories.remove_prefix(comma + 1);
      if (categories.empty()) return Status::InvalidArgument(where, "a comma ends the categories");
    }
    corpus.push_back(std::move(sentence));
  }
  return corpus;
}

Result<std::vector<CorpusSentence>> ReadCorpus(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::NotFound("cannot read the corpus " + path);
  std::stringstream text;
  text << file.rdbuf();
  return ParseCorpus(text.str(), path);
}

double Counts::Precision() const {
  size_t flagged = true_positive + false_positive;
  return flagged == 0 ? 1.0 : static_cast<double>(true_positive) / flagged;
}

double Counts::Recall() const {
  size_t expected = true_positive + false_negative;
  return expected == 0 ? 1.0 : static_cast<double>(true_positive) / expected;
}

CorpusScore Score(const LanguageReview& review, const std::vector<CorpusSentence>& corpus) {
  CorpusScore score;
  for (std::string_view category : kLanguageCategories) score.by_category[std::string(category)];
  for (const CorpusSentence& sentence : corpus) {
    ++score.sentences;
    if (sentence.expected.empty()) ++score.clean_sentences;
    std::set<std::string> found;
    for (const LanguageFlag& flag : review.Review(sentence.text)) found.insert(flag.category);
    for (auto& [category, counts] : score.by_category) {
      bool expected = sentence.expected.count(category) > 0;
      bool flagged = found.count(category) > 0;
      if (expected && flagged) ++counts.true_positive;
      if (!expected && flagged) ++counts.false_positive;
      if (expected && !flagged) ++counts.false_negative;
    }
    if (found != sentence.expected) {
      score.misclassified.push_back({sentence.id, sentence.expected, found, sentence.text});
    }
  }
  for (const auto& [category, counts] : score.by_category) {
    score.overall.true_positive += counts.true_positive;
    score.overall.false_positive += counts.false_positive;
    score.overall.false_negative += counts.false_negative;
  }
  return score;
}

std::vector<std::string> TargetsMissed(const CorpusScore& score, double overall_minimum,
                                       double category_minimum) {
  std::vector<std::string> missed;
  auto check = [&missed](const std::string& name, const Counts& counts, double minimum) {
    if (counts.Precision() < minimum) {
      missed.push_back(name + " precision " + Fixed(counts.Precision(), 3) + " < " +
                       Fixed(minimum, 2));
    }
    if (counts.Recall() < minimum) {
      missed.push_back(name + " recall " + Fixed(counts.Recall(), 3) + " < " + Fixed(minimum, 2));
    }
  };
  check("overall", score.overall, overall_minimum);
  for (const auto& [category, counts] : score.by_category)
    check(category, counts, category_minimum);
  return missed;
}

std::string ScoreTable(const CorpusScore& score) {
  std::string table =
      "| category | labels | true pos. | false pos. | false neg. | precision | recall |\n"
      "|---|---:|---:|---:|---:|---:|---:|\n";
  for (std::string_view category : kLanguageCategories) {
    const Counts& counts = score.by_category.at(std::string(category));
    AddRow(table, category, counts.true_positive + counts.false_negative, counts);
  }
  AddRow(table, "overall (micro)", score.overall.true_positive + score.overall.false_negative,
         score.overall);
  return table;
}

std::string MisclassifiedList(const CorpusScore& score) {
  std::string list;
  for (const Misclassified& miss : score.misclassified) {
    list += miss.id + " expected " + SetText(miss.expected) + " found " + SetText(miss.found) +
            " | " + miss.text + "\n";
  }
  return list;
}

}  // namespace alongside::domain::corpus
