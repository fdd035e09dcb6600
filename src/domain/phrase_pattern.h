// The phrase patterns of the note language review (docs/language-review.md)
// and the word scanner they match against. Private to the domain rules that
// match phrases (language_review.cc, note_completeness.cc) and their tests:
// callers use domain::LanguageReview and domain::CheckBillableNote.
//
// A passage is read as a sequence of words: runs of letters and digits (any
// non-ASCII letter counts as a letter), with an apostrophe kept inside a
// word ("don't", "person's"). Everything else separates words, hyphens
// included, so "non-compliant" and "non compliant" are the same two words.
// A pattern is words separated by spaces or hyphens; each word may be
// alternatives ("him/her/them"), a stem ("manipulat*"), a number ("#"), a
// name ("@": a capitalised word other than "I"), and
// optional ("the?"); the first word may also be skipped at the start of a
// sentence ("i/^ told" matches "I told" and a sentence "Told ..."). Matching is case-insensitive
// (ASCII), never crosses a sentence end, and takes at most one passage word per pattern word, so a
// pattern costs at most its length in steps wherever it is tried: no
// backtracking, no regular expressions a data file could make explode.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace alongside::domain::phrase {

// Bounds on one pattern, checked when a rule file loads.
inline constexpr size_t kMaxPatternWords = 12;
inline constexpr size_t kMaxAlternatives = 40;
inline constexpr size_t kMaxWordBytes = 64;
inline constexpr size_t kMinStemCharacters = 3;

struct Token {
  size_t start = 0;  // byte offsets in the passage, [start, end), whole characters
  size_t end = 0;
  std::string folded;            // ASCII lower-cased; ’ and ʼ inside a word read as '
  bool boundary_before = false;  // a sentence end (. ! ? ;) or line break since the last word
  bool quoted = false;           // inside a quotation: the person's (or someone's) own words
  bool number = false;           // only the digits 0-9
  bool sentence_start = false;   // the passage's first word, or the first after a sentence end
  // Starts with A-Z and is not "I" ("I'm", "I've", ...). Every first word of a
  // sentence is one; inside a pattern (never across a sentence end) only a
  // pattern's first word can meet it there.
  bool name = false;
};

// The words of `text` in order. Safe on any bytes: a byte that is not part
// of well-formed UTF-8 separates words and never belongs to one.
std::vector<Token> Tokenize(std::string_view text);

struct PatternWord {
  std::string text;     // folded; for a stem, the part before '*'
  bool stem = false;    // matches any word that starts with `text`
  bool number = false;  // "#": matches a word of digits
  bool name = false;    // "@": matches a word whose Token::name is set
};

struct PatternItem {
  std::vector<PatternWord> alternatives;  // empty only for a first item that is "^" alone
  bool optional = false;
  // "^" among the first item's alternatives: at a Token::sentence_start the
  // item may be skipped (it consumes no word). Only the first item; the next
  // one is then required.
  bool sentence_start = false;
};

struct PhrasePattern {
  std::vector<PatternItem> items;
};

// Parses a pattern. On a malformed one, InvalidArgument with an empty
// field() and detail() saying what is wrong ("word 2 (\"a*\"): a stem needs
// at least 3 letters before *"), for the data file's loader to place.
Result<PhrasePattern> ParsePattern(std::string_view text);

// Whether one pattern word matches one passage word. A word ending in the
// possessive 's also matches as the word without it ("addict's" as "addict").
bool WordMatches(const PatternWord& word, const Token& token);

// The end (one past the last token) of the longest match of `pattern` that
// starts at tokens[start], or `start` itself when there is none. Never looks
// past tokens[start + pattern.items.size() - 1] nor across a sentence end.
size_t LongestMatchAt(const PhrasePattern& pattern, const std::vector<Token>& tokens, size_t start);

}  // namespace alongside::domain::phrase
