// The note language review: marks words in a note that label a person by a
// diagnosis, pathologize, assess like a clinician, claim a clinical act, or
// direct the person, and proposes person-first alternatives. It suggests;
// the writer decides; nothing is ever refused for what it finds
// (docs/language-review.md).
//
// The rules are data (src/rules/data/language.json, compiled into the
// binary; a program may give its own copy, see docs/data-files.md), loaded
// through the data-file loader rules::DataFile and validated when loaded:
// every pattern is parsed then, so a malformed one is an error naming the
// file, line and column. A LanguageReview is immutable after loading and
// safe to use from any number of threads.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "domain/phrase_pattern.h"

namespace alongside::domain {

// The categories a rule may have, exactly as written in the data file and
// in every flag.
inline constexpr std::array<std::string_view, 5> kLanguageCategories = {
    "identity-label", "pathologizing", "clinical-assessment", "scope-verb", "directive-advice"};

// Review() reads at most this many bytes of a passage (a note's text is at
// most domain::kMaxTextLength, the same number); the rest is not reviewed.
inline constexpr size_t kMaxReviewBytes = 20000;

// One phrase the review marks. [start, end) are byte offsets into the
// passage given to Review(), on character boundaries.
struct LanguageFlag {
  std::string rule;      // the rule's stable id ("identity-addict")
  std::string category;  // one of kLanguageCategories
  size_t start = 0;
  size_t end = 0;
  std::string suggestion;

  bool operator==(const LanguageFlag&) const = default;
};

// The flags as JSON, the one shape the command line (`alongside review`) and
// the API (POST /api/v1/review, a contact's "review") both give:
// [{"rule","category","start","end","suggestion"}], in this key order.
nlohmann::ordered_json FlagsJson(const std::vector<LanguageFlag>& flags);

struct LanguageRule {
  std::string id;        // lower-case letters, digits and '-'; unique
  std::string category;  // one of kLanguageCategories
  std::string pattern;   // as written in the file
  std::string suggestion;
  std::string source;               // a key of the file's "sources"
  std::vector<std::string> except;  // patterns that cancel a match they overlap or end
                                    // right before ("was diagnosed")
};

class LanguageReview {
 public:
  // Parses the rule file read from `file_name`; InvalidArgument with field()
  // "<file_name>:<line>:<column>" and detail() naming the entry at fault
  // ("rules[3].pattern word 2 (\"a*\") needs at least 3 letters before *").
  // The schema is closed (docs/data-files.md, language.json).
  static Result<LanguageReview> FromJson(std::string_view json_text,
                                         std::string file_name = "language.json");
  // The rules in force: the ones installed by InstallCurrent (a program's
  // own, from rules::Install), else the built-in ones (aborts on first use
  // if the built-in file is invalid: a build defect).
  static const LanguageReview& Current();
  // Makes `review` the one Current() returns; it must outlive every later
  // call (rules::Install keeps it for the life of the process). Thread-safe.
  static void InstallCurrent(const LanguageReview* review);

  // The flags for `passage`, in order of position, never overlapping; an
  // empty list when nothing is found. Reads at most kMaxReviewBytes bytes
  // (cut back to a character boundary). Safe on any bytes (invalid UTF-8
  // separates words); time is linear in the passage's length times the
  // number of rules that can start at each word.
  std::vector<LanguageFlag> Review(std::string_view passage) const;

  const std::vector<LanguageRule>& rules() const { return rules_; }
  // The rule with this id, or nullptr.
  const LanguageRule* Find(std::string_view id) const;
  // The citation a rule's `source` names ("Office of National Drug Control
  // Policy (2017) ..."), or an empty text for a key the file does not give.
  const std::string& Citation(std::string_view source) const;

 private:
  struct CompiledRule {
    phrase::PhrasePattern pattern;
    std::vector<phrase::PhrasePattern> except;
    bool frame_exempt = false;  // its category is in exemptions.frame_categories
  };

  // Rules (or frames) whose first word may be a given folded word, so that
  // each word of a passage is tried only against patterns that can start there.
  struct FirstWordIndex {
    std::unordered_map<std::string, std::vector<size_t>> by_word;
    std::vector<size_t> others;  // stems and numbers first: tried everywhere
  };

  static FirstWordIndex IndexFirstWords(const std::vector<const phrase::PhrasePattern*>& patterns);

  std::vector<LanguageRule> rules_;
  std::vector<CompiledRule> compiled_;
  FirstWordIndex rule_index_;
  std::vector<phrase::PhrasePattern> frames_;
  FirstWordIndex frame_index_;
  size_t frame_window_ = 0;
  std::vector<std::string> clause_words_;
  std::vector<std::string> list_words_;
  std::vector<std::string> writer_words_;  // a frame right after one is the writer's own words
  std::unordered_map<std::string, std::string> sources_;
  std::unordered_map<std::string, size_t> id_index_;
};

}  // namespace alongside::domain
