#include "domain/language_review.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "rules/data_file.h"

namespace alongside::domain {
namespace {

using phrase::PhrasePattern;
using phrase::Token;
using rules::DataFile;

// Bounds that keep a program's file from making the review slow.
constexpr size_t kMaxRules = 2000;
constexpr size_t kMaxExcepts = 16;
constexpr size_t kMaxFrames = 200;
constexpr int kMaxFrameWindow = 8;

bool IsIdCharacter(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

bool IsCategory(std::string_view name) {
  return std::find(kLanguageCategories.begin(), kLanguageCategories.end(), name) !=
         kLanguageCategories.end();
}

std::string CategoryList() {
  std::string list;
  for (std::string_view category : kLanguageCategories) {
    if (!list.empty()) list += ", ";
    list += category;
  }
  return list;
}

// The text at `pointer` parsed as a pattern; its errors placed at the value.
Result<PhrasePattern> ReadPattern(const DataFile& file, const std::string& pointer) {
  ALONGSIDE_ASSIGN_OR_RETURN(std::string text, file.String(pointer));
  Result<PhrasePattern> pattern = phrase::ParsePattern(text);
  if (!pattern.ok()) return file.Error(pointer, pattern.status().detail());
  return pattern;
}

Result<std::vector<PhrasePattern>> ReadPatterns(const DataFile& file, const std::string& pointer,
                                                size_t most) {
  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* entries, file.Array(pointer));
  if (entries->size() > most) {
    return file.Error(pointer, "may hold at most " + std::to_string(most) + " patterns");
  }
  std::vector<PhrasePattern> patterns;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    ALONGSIDE_ASSIGN_OR_RETURN(PhrasePattern pattern,
                               ReadPattern(file, DataFile::Child(pointer, entry_idx)));
    patterns.push_back(std::move(pattern));
  }
  return patterns;
}

// A list of single plain words (no alternatives, stems or numbers), folded.
Result<std::vector<std::string>> ReadWords(const DataFile& file, const std::string& pointer) {
  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* entries, file.Array(pointer));
  std::vector<std::string> words;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    std::string item = DataFile::Child(pointer, entry_idx);
    ALONGSIDE_ASSIGN_OR_RETURN(PhrasePattern pattern, ReadPattern(file, item));
    const phrase::PatternWord& first = pattern.items[0].alternatives[0];
    if (pattern.items.size() != 1 || pattern.items[0].alternatives.size() != 1 || first.stem ||
        first.number) {
      return file.Error(item, "must be one word (no spaces, /, * or #)");
    }
    words.push_back(first.text);
  }
  return words;
}

bool Contains(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

LanguageReview::FirstWordIndex LanguageReview::IndexFirstWords(
    const std::vector<const PhrasePattern*>& patterns) {
  FirstWordIndex index;
  for (size_t pattern_idx = 0; pattern_idx < patterns.size(); ++pattern_idx) {
    const std::vector<phrase::PatternItem>& items = patterns[pattern_idx]->items;
    // A first word that ^ may skip: the match can also start at the second.
    const size_t first_words = items[0].sentence_start ? 2 : 1;
    bool anywhere = false;
    for (size_t item_idx = 0; item_idx < first_words; ++item_idx) {
      for (const phrase::PatternWord& word : items[item_idx].alternatives) {
        if (word.stem || word.number || word.name) {
          anywhere = true;
        } else {
          std::vector<size_t>& listed = index.by_word[word.text];
          if (listed.empty() || listed.back() != pattern_idx) listed.push_back(pattern_idx);
        }
      }
    }
    if (anywhere) index.others.push_back(pattern_idx);
  }
  return index;
}

Result<LanguageReview> LanguageReview::FromJson(std::string_view json_text, std::string file_name) {
  ALONGSIDE_ASSIGN_OR_RETURN(DataFile file, DataFile::Parse(std::move(file_name), json_text));
  ALONGSIDE_RETURN_IF_ERROR(
      file.RejectUnknownKeys("", {"version", "description", "sources", "exemptions", "rules"}));
  if (file.Find("/version") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.Integer("/version", 1, 1).status());
  }
  if (file.Find("/description") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.String("/description").status());
  }

  LanguageReview review;
  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* sources, file.Object("/sources"));
  if (sources->empty()) return file.Error("/sources", "must give at least one source");
  for (const auto& item : sources->items()) {
    std::string pointer = DataFile::Child("/sources", item.key());
    if (!std::all_of(item.key().begin(), item.key().end(), IsIdCharacter)) {
      return file.Error(pointer, "is not a valid key: lower-case letters, digits and -");
    }
    ALONGSIDE_ASSIGN_OR_RETURN(review.sources_[item.key()], file.String(pointer));
  }

  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
      "/exemptions", {"description", "frames", "frame_categories", "frame_window", "clause_words",
                      "list_words", "writer_words"}));
  if (file.Find("/exemptions/description") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.String("/exemptions/description").status());
  }
  ALONGSIDE_ASSIGN_OR_RETURN(review.frames_, ReadPatterns(file, "/exemptions/frames", kMaxFrames));
  ALONGSIDE_ASSIGN_OR_RETURN(int window,
                             file.Integer("/exemptions/frame_window", 0, kMaxFrameWindow));
  review.frame_window_ = static_cast<size_t>(window);
  ALONGSIDE_ASSIGN_OR_RETURN(review.clause_words_, ReadWords(file, "/exemptions/clause_words"));
  ALONGSIDE_ASSIGN_OR_RETURN(review.list_words_, ReadWords(file, "/exemptions/list_words"));
  if (file.Find("/exemptions/writer_words") != nullptr) {
    ALONGSIDE_ASSIGN_OR_RETURN(review.writer_words_, ReadWords(file, "/exemptions/writer_words"));
  }
  std::vector<std::string> frame_categories;
  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* categories,
                             file.Array("/exemptions/frame_categories"));
  for (size_t category_idx = 0; category_idx < categories->size(); ++category_idx) {
    std::string pointer = DataFile::Child("/exemptions/frame_categories", category_idx);
    ALONGSIDE_ASSIGN_OR_RETURN(std::string category, file.String(pointer));
    if (!IsCategory(category)) {
      return file.Error(pointer,
                        "must be one of: " + CategoryList() + " (got \"" + category + "\")");
    }
    if (Contains(frame_categories, category)) {
      return file.Error(pointer, "lists " + category + " a second time");
    }
    frame_categories.push_back(std::move(category));
  }

  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* entries, file.Array("/rules"));
  if (entries->empty()) return file.Error("/rules", "must list at least one rule");
  if (entries->size() > kMaxRules) {
    return file.Error("/rules", "may hold at most " + std::to_string(kMaxRules) + " rules");
  }
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    std::string entry = DataFile::Child("/rules", entry_idx);
    ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
        entry, {"id", "category", "pattern", "suggestion", "source", "except"}));
    LanguageRule rule;
    CompiledRule compiled;
    ALONGSIDE_ASSIGN_OR_RETURN(rule.id, file.String(entry + "/id"));
    if (!std::all_of(rule.id.begin(), rule.id.end(), IsIdCharacter)) {
      return file.Error(entry + "/id", "must be lower-case letters, digits and -");
    }
    if (review.id_index_.count(rule.id)) {
      return file.Error(entry + "/id", "repeats the id " + rule.id);
    }
    ALONGSIDE_ASSIGN_OR_RETURN(rule.category, file.String(entry + "/category"));
    if (!IsCategory(rule.category)) {
      return file.Error(entry + "/category",
                        "must be one of: " + CategoryList() + " (got \"" + rule.category + "\")");
    }
    ALONGSIDE_ASSIGN_OR_RETURN(rule.pattern, file.String(entry + "/pattern"));
    ALONGSIDE_ASSIGN_OR_RETURN(compiled.pattern, ReadPattern(file, entry + "/pattern"));
    ALONGSIDE_ASSIGN_OR_RETURN(rule.suggestion, file.String(entry + "/suggestion"));
    ALONGSIDE_ASSIGN_OR_RETURN(rule.source, file.String(entry + "/source"));
    if (!review.sources_.count(rule.source)) {
      return file.Error(entry + "/source",
                        "must name one of the keys of sources (got \"" + rule.source + "\")");
    }
    if (file.Find(entry + "/except") != nullptr) {
      ALONGSIDE_ASSIGN_OR_RETURN(compiled.except,
                                 ReadPatterns(file, entry + "/except", kMaxExcepts));
      for (size_t except_idx = 0; except_idx < compiled.except.size(); ++except_idx) {
        rule.except.push_back(
            file.Find(DataFile::Child(entry + "/except", except_idx))->get<std::string>());
      }
    }
    compiled.frame_exempt = Contains(frame_categories, rule.category);
    review.id_index_[rule.id] = review.rules_.size();
    review.rules_.push_back(std::move(rule));
    review.compiled_.push_back(std::move(compiled));
  }

  std::vector<const PhrasePattern*> rule_patterns;
  for (const CompiledRule& compiled : review.compiled_) rule_patterns.push_back(&compiled.pattern);
  review.rule_index_ = IndexFirstWords(rule_patterns);
  std::vector<const PhrasePattern*> frame_patterns;
  for (const PhrasePattern& frame : review.frames_) frame_patterns.push_back(&frame);
  review.frame_index_ = IndexFirstWords(frame_patterns);
  return review;
}

namespace {

// The patterns of `index` that may start at `token`, each once, in order.
template <typename Index>
void CandidatesAt(const Index& index, const Token& token, std::vector<size_t>& out) {
  out.clear();
  auto add = [&](std::string_view word) {
    auto found = index.by_word.find(std::string(word));
    if (found != index.by_word.end())
      out.insert(out.end(), found->second.begin(), found->second.end());
  };
  add(token.folded);
  std::string_view folded = token.folded;
  if (folded.size() > 2 && folded.substr(folded.size() - 2) == "'s") {
    add(folded.substr(0, folded.size() - 2));
  }
  out.insert(out.end(), index.others.begin(), index.others.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// Whether one of `excepts` matches a span that overlaps tokens [start, end)
// or ends right where it starts, in the same sentence ("was diagnosed",
// "Alcoholics Anonymous").
bool Excepted(const std::vector<PhrasePattern>& excepts, const std::vector<Token>& tokens,
              size_t start, size_t end) {
  for (const PhrasePattern& except : excepts) {
    const size_t reach = except.items.size();
    for (size_t from = start >= reach ? start - reach : 0; from < end; ++from) {
      const size_t to = phrase::LongestMatchAt(except, tokens, from);
      if (to == from || to < start) continue;
      if (to == start && tokens[start].boundary_before) continue;
      return true;
    }
  }
  return false;
}

struct Candidate {
  size_t start = 0;  // token indices, [start, end)
  size_t end = 0;
  size_t rule = 0;
};

}  // namespace

std::vector<LanguageFlag> LanguageReview::Review(std::string_view passage) const {
  std::string_view text = passage;
  if (text.size() > kMaxReviewBytes) {
    size_t cut = kMaxReviewBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  std::vector<Token> tokens = phrase::Tokenize(text);
  // A word running into the cut may be the start of a longer one.
  if (text.size() < passage.size() && !tokens.empty() && tokens.back().end == text.size()) {
    tokens.pop_back();
  }

  // Where a reporting or self-description frame ends (one past its last word).
  // Right after a writer word ("I told him he was ...") the words reported
  // are the writer's own: no frame.
  std::vector<bool> frame_ends_at(tokens.size() + 1, false);
  std::vector<size_t> candidates;
  for (size_t token_idx = 0; token_idx < tokens.size(); ++token_idx) {
    if (token_idx > 0 && !tokens[token_idx].boundary_before &&
        Contains(writer_words_, tokens[token_idx - 1].folded)) {
      continue;
    }
    CandidatesAt(frame_index_, tokens[token_idx], candidates);
    for (size_t frame_idx : candidates) {
      const size_t end = phrase::LongestMatchAt(frames_[frame_idx], tokens, token_idx);
      if (end > token_idx) frame_ends_at[end] = true;
    }
  }

  std::vector<Candidate> found;
  for (size_t token_idx = 0; token_idx < tokens.size(); ++token_idx) {
    CandidatesAt(rule_index_, tokens[token_idx], candidates);
    for (size_t rule_idx : candidates) {
      const CompiledRule& rule = compiled_[rule_idx];
      const size_t end = phrase::LongestMatchAt(rule.pattern, tokens, token_idx);
      if (end == token_idx) continue;
      // The person's own words (or anyone's, quoted) are never flagged.
      bool quoted = false;
      for (size_t word_idx = token_idx; word_idx < end; ++word_idx) {
        quoted = quoted || tokens[word_idx].quoted;
      }
      if (quoted || Excepted(rule.except, tokens, token_idx, end)) continue;
      found.push_back(Candidate{token_idx, end, rule_idx});
    }
  }
  // Leftmost first; of those starting together the longest, then the rule
  // listed first; a match overlapping one already kept is dropped.
  std::sort(found.begin(), found.end(), [](const Candidate& left, const Candidate& right) {
    if (left.start != right.start) return left.start < right.start;
    if (left.end != right.end) return left.end > right.end;
    return left.rule < right.rule;
  });

  auto framed = [&](size_t start) {
    for (size_t gap = 0; gap <= frame_window_ && gap < start; ++gap) {
      const size_t frame_end = start - gap;  // the gap is tokens [frame_end, start)
      if (tokens[frame_end].boundary_before) return false;
      if (gap > 0 && Contains(clause_words_, tokens[frame_end].folded)) return false;
      if (frame_ends_at[frame_end]) return true;
    }
    return false;
  };
  // A phrase listed after one a frame exempted ("labelled manipulative and
  // attention-seeking") is exempt too.
  auto listed_after = [&](size_t previous_end, size_t start) {
    if (start - previous_end > frame_window_) return false;
    for (size_t word_idx = previous_end; word_idx <= start; ++word_idx) {
      if (tokens[word_idx].boundary_before) return false;
      if (word_idx < start && !Contains(list_words_, tokens[word_idx].folded)) return false;
    }
    return true;
  };

  std::vector<LanguageFlag> flags;
  size_t kept_end = 0;
  bool chain = false;
  size_t chain_end = 0;
  for (const Candidate& candidate : found) {
    if (candidate.start < kept_end) continue;
    kept_end = candidate.end;
    const bool exempt =
        compiled_[candidate.rule].frame_exempt &&
        (framed(candidate.start) || (chain && listed_after(chain_end, candidate.start)));
    chain = exempt;
    chain_end = candidate.end;
    if (exempt) continue;
    const LanguageRule& rule = rules_[candidate.rule];
    flags.push_back(LanguageFlag{rule.id, rule.category, tokens[candidate.start].start,
                                 tokens[candidate.end - 1].end, rule.suggestion});
  }
  return flags;
}

const LanguageRule* LanguageReview::Find(std::string_view id) const {
  auto found = id_index_.find(std::string(id));
  return found == id_index_.end() ? nullptr : &rules_[found->second];
}

const std::string& LanguageReview::Citation(std::string_view source) const {
  static const std::string* const kNone = new std::string();
  auto found = sources_.find(std::string(source));
  return found == sources_.end() ? *kNone : found->second;
}

namespace {
std::atomic<const LanguageReview*> installed_review{nullptr};
}  // namespace

void LanguageReview::InstallCurrent(const LanguageReview* review) {
  installed_review.store(review, std::memory_order_release);
}

const LanguageReview& LanguageReview::Current() {
  if (const LanguageReview* installed = installed_review.load(std::memory_order_acquire)) {
    return *installed;
  }
  static const LanguageReview* const builtin = [] {
    Result<LanguageReview> loaded =
        FromJson(rules::BuiltinDataFile("language.json").value_or(""), "language.json");
    if (!loaded.ok()) {
      // The rules ship inside the binary: failing here is a build defect.
      std::fprintf(stderr, "built-in language rules are invalid: %s\n",
                   loaded.status().ToString().c_str());
      std::abort();
    }
    return new LanguageReview(std::move(loaded).value());
  }();
  return *builtin;
}

nlohmann::ordered_json FlagsJson(const std::vector<LanguageFlag>& flags) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const LanguageFlag& flag : flags) {
    out.push_back({{"rule", flag.rule},
                   {"category", flag.category},
                   {"start", flag.start},
                   {"end", flag.end},
                   {"suggestion", flag.suggestion}});
  }
  return out;
}

}  // namespace alongside::domain
